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

namespace {

// A name the dialog did not complete (UnlessSuffix: "chart.jpg"; a platform dialog that ignores the
// default suffix) was not checked against the file that will be written: ask here.
bool mayReplace(QWidget* parent, const QString& caption, const QString& chosen, const QString& target) {
    return target == chosen || !QFileInfo::exists(target) ||
           QMessageBox::question(parent, caption,
                                 QObject::tr("%1 already exists.\nDo you want to replace it?")
                                     .arg(QDir::toNativeSeparators(target))) == QMessageBox::Yes;
}

}  // namespace

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
    return mayReplace(parent, caption, chosen, target) ? target : QString();
}

QString askSavePath(QWidget* parent, const QString& caption, const QString& suggested,
                    const QList<SaveFileType>& types, int* type) {
    if (types.isEmpty()) return {};
    QStringList filters;
    for (const SaveFileType& t : types) filters << t.filter;
    QFileDialog dialog(parent, caption, suggested);
    dialog.setNameFilters(filters);
    dialog.setAcceptMode(QFileDialog::AcceptSave);
    dialog.setFileMode(QFileDialog::AnyFile);
    int picked = 0;
    const QString suggestedSuffix = QFileInfo(suggested).suffix();
    for (int i = 0; i < types.size(); ++i)
        if (suggestedSuffix.compare(types[i].suffix, Qt::CaseInsensitive) == 0) picked = i;
    dialog.selectNameFilter(filters[picked]);
    dialog.setDefaultSuffix(types[picked].suffix);
    QObject::connect(&dialog, &QFileDialog::filterSelected, &dialog, [&](const QString& f) {
        const int i = int(filters.indexOf(f));
        if (i >= 0) dialog.setDefaultSuffix(types[i].suffix);
    });
    if (dialog.exec() != QDialog::Accepted || dialog.selectedFiles().isEmpty()) return {};
    const QString chosen = dialog.selectedFiles().constFirst();
    int index = int(filters.indexOf(dialog.selectedNameFilter()));
    const QString chosenSuffix = QFileInfo(chosen).suffix();
    for (int i = 0; i < types.size(); ++i)
        if (chosenSuffix.compare(types[i].suffix, Qt::CaseInsensitive) == 0) index = i;
    if (index < 0) index = picked;
    const QString target = pathWithSuffix(chosen, types[index].suffix, SuffixRule::UnlessSuffix);
    if (!mayReplace(parent, caption, chosen, target)) return {};
    if (type) *type = index;
    return target;
}
