#include "widgets/common/save_file_dialog.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>

QString pathWithSuffix(const QString& path, const QString& suffix, SuffixRule rule) {
    if (path.isEmpty()) return path;
    const QString current = QFileInfo(path).suffix();
    const bool keep = rule == SuffixRule::WhenMissing ? !current.isEmpty()
                                                      : current.compare(suffix, Qt::CaseInsensitive) == 0;
    return keep ? path : path + QLatin1Char('.') + suffix;
}

QString askSavePath(QWidget* parent, const QString& caption, const QString& suggested, const QString& filter,
                    const QString& suffix, SuffixRule rule) {
    QFileDialog dialog(parent, caption, suggested, filter);
    dialog.setAcceptMode(QFileDialog::AcceptSave);
    dialog.setFileMode(QFileDialog::AnyFile);
    // The dialog adds the suffix to a bare name before it checks for an existing file, so it asks about
    // the file that will really be written.
    dialog.setDefaultSuffix(suffix);
    if (dialog.exec() != QDialog::Accepted || dialog.selectedFiles().isEmpty()) return {};
    const QString chosen = dialog.selectedFiles().constFirst();
    const QString target = pathWithSuffix(chosen, suffix, rule);
    // A name the dialog did not complete (UnlessSuffix: "chart.jpg"; a platform dialog that ignores the
    // default suffix) was not checked against the file that will be written: ask here.
    if (target != chosen && QFileInfo::exists(target) &&
        QMessageBox::question(parent, caption,
                              QObject::tr("%1 already exists.\nDo you want to replace it?")
                                  .arg(QDir::toNativeSeparators(target))) != QMessageBox::Yes)
        return {};
    return target;
}
