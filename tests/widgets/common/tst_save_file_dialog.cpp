// widgets/common/save_file_dialog.cpp: a name typed without the file type's suffix is completed while the
// dialog is open, so the dialog asks before it replaces the file that will really be written (Save Model As
// used to add ".json" after the dialog had closed and replaced model.json without a word).
#include <QApplication>
#include <QFileDialog>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>
#include <utility>

#include "widgets/common/save_file_dialog.h"

namespace {

// Drives the modal dialogs askSavePath opens: types `typed` into the file dialog and accepts it, answers
// each "replace?" question with `replace`, and cancels the file dialog if it is still open after that.
// Returns the texts of the questions asked.
struct DialogDriver {
    DialogDriver(QString typedName, QMessageBox::StandardButton answer)
        : typed(std::move(typedName)), replace(answer) {}
    QString typed;
    QMessageBox::StandardButton replace;
    QStringList questions;
    bool accepted = false;
    QTimer timer;

    void start() {
        timer.setInterval(20);
        QObject::connect(&timer, &QTimer::timeout, [this] { step(); });
        timer.start();
    }
    void step() {
        QWidget* modal = QApplication::activeModalWidget();
        if (auto* box = qobject_cast<QMessageBox*>(modal)) {
            questions << box->text();
            box->button(replace)->click();
        } else if (auto* dialog = qobject_cast<QFileDialog*>(modal)) {
            if (!accepted) {
                accepted = true;
                // What a user types into the name field (the widget-based dialog's "fileNameEdit").
                auto* edit = dialog->findChild<QLineEdit*>(QStringLiteral("fileNameEdit"));
                QVERIFY(edit);
                edit->setText(typed);
                QMetaObject::invokeMethod(dialog, "accept", Qt::QueuedConnection);
            } else {
                dialog->reject();  // declined to replace: the dialog stays open until cancelled
            }
        }
    }
};

void touch(const QString& path) {
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("{}");
}

}  // namespace

class TestSaveFileDialog : public QObject {
    Q_OBJECT
private slots:
    void suffixRules() {
        QCOMPARE(pathWithSuffix("/x/model", "json", SuffixRule::WhenMissing), QString("/x/model.json"));
        QCOMPARE(pathWithSuffix("/x/model.txt", "json", SuffixRule::WhenMissing), QString("/x/model.txt"));
        QCOMPARE(pathWithSuffix("/x/run.PNG", "png", SuffixRule::UnlessSuffix), QString("/x/run.PNG"));
        QCOMPARE(pathWithSuffix("/x/run.v2", "png", SuffixRule::UnlessSuffix), QString("/x/run.v2.png"));
        QCOMPARE(pathWithSuffix("/x/a.b/run", "llckpt", SuffixRule::WhenMissing),
                 QString("/x/a.b/run.llckpt"));
        QCOMPARE(pathWithSuffix("", "png", SuffixRule::UnlessSuffix), QString());
    }

    // "model" typed where model.json exists: the user is asked about model.json, and No writes nothing.
    void asksBeforeReplacingTheCompletedName() {
        QTemporaryDir dir;
        touch(dir.filePath("model.json"));
        DialogDriver d("model", QMessageBox::No);
        d.start();
        const QString path = askSavePath(nullptr, "Save Model As", dir.filePath("untitled.json"),
                                         "LayerLab models (*.json)", "json");
        QCOMPARE(path, QString());
        QCOMPARE(d.questions.size(), 1);
        QVERIFY2(d.questions.first().contains("model.json"), qPrintable(d.questions.first()));
    }
    void replacesTheCompletedNameWhenTheUserSaysYes() {
        QTemporaryDir dir;
        touch(dir.filePath("model.json"));
        DialogDriver d("model", QMessageBox::Yes);
        d.start();
        const QString path = askSavePath(nullptr, "Save Model As", dir.filePath("untitled.json"),
                                         "LayerLab models (*.json)", "json");
        QCOMPARE(path, dir.filePath("model.json"));
        QCOMPARE(d.questions.size(), 1);
    }
    void aNewNameIsCompletedWithoutAQuestion() {
        QTemporaryDir dir;
        touch(dir.filePath("model.json"));
        DialogDriver d("other", QMessageBox::No);
        d.start();
        const QString path = askSavePath(nullptr, "Save Checkpoint", dir.filePath("x.llckpt"),
                                         "LayerLab checkpoints (*.llckpt)", "llckpt");
        QCOMPARE(path, dir.filePath("other.llckpt"));
        QVERIFY(d.questions.isEmpty());
    }
    // UnlessSuffix: "chart.jpg" becomes chart.jpg.png, which exists; the dialog checked only chart.jpg, so
    // askSavePath asks itself.
    void asksAboutAFileTheDialogDidNotCheck() {
        QTemporaryDir dir;
        touch(dir.filePath("chart.jpg.png"));
        DialogDriver d("chart.jpg", QMessageBox::No);
        d.start();
        const QString path = askSavePath(nullptr, "Export charts", dir.filePath("training-charts.png"),
                                         "PNG images (*.png)", "png", SuffixRule::UnlessSuffix);
        QCOMPARE(path, QString());
        QCOMPARE(d.questions.size(), 1);
        QVERIFY2(d.questions.first().contains("chart.jpg.png"), qPrintable(d.questions.first()));
    }
};

QTEST_MAIN(TestSaveFileDialog)
#include "tst_save_file_dialog.moc"
