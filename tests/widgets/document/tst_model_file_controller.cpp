// widgets/document/model_file_controller.cpp: a model file with keys LayerLab does not use opens with a
// visible warning naming each (and the closest known key), keeps them through edit -> save, and is refused
// when File > Strict Model Files is on (a setting remembered across runs).
#include <QAction>
#include <QApplication>
#include <QMessageBox>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include "core/model_spec.h"
#include "tests/support/test_data.h"
#include "widgets/document/model_document.h"
#include "widgets/document/model_file_controller.h"

using namespace layerlab;

namespace {

const char* kNotes = R"({"format": "layerlab-model", "version": 1, "name": "notes", "notes": "my notes",
  "input": {"channels": 1, "height": 28, "width": 28}, "classes": 10,
  "layers": [{"type": "Flatten"}, {"type": "Dense", "units": 10, "activation": "softmax", "comment": "output"}],
  "training": {"optimizer": {"type": "sgd", "learning_rate": 0.1, "learning_rat": 0.2},
               "mixup": {"flip": true, "shift": 2}}})";

}  // namespace

class TestModelFileController : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void openWarnsAndSaveKeepsUnknownKeys();
    void warningIsShownInTheStudio();
    void strictSettingRefusesAndIsRemembered();

private:
    QTemporaryDir m_dir;
    QString m_path;
};

void TestModelFileController::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QApplication::setOrganizationName("LayerLabTests");
    QApplication::setApplicationName("tst_model_file_controller");
    QVERIFY(m_dir.isValid());
}

void TestModelFileController::init() {
    QSettings().clear();
    m_path = m_dir.filePath("notes.json");
    test::writeText(m_path.toStdString(), kNotes);
}

void TestModelFileController::openWarnsAndSaveKeepsUnknownKeys() {
    ModelDocument doc;
    ModelFileController files(&doc, nullptr);
    files.setInteractive(false);
    QSignalSpy warned(&files, &ModelFileController::warningOccurred);
    QVERIFY(files.openFile(m_path));
    QCOMPARE(warned.count(), 1);
    const QString warning = files.lastWarning();
    for (const char* line :
         {"notes.json has keys LayerLab does not use", "\u2022 unknown key \"notes\"",
          "\u2022 layer 2 (Dense): unknown key \"comment\"",
          "\u2022 unknown key \"training.optimizer.learning_rat\" (did you mean \"learning_rate\"?)",
          "\u2022 unknown key \"training.mixup\""})
        QVERIFY2(warning.contains(QString::fromUtf8(line)), qPrintable(warning));

    // Edit something else, save: the keys are still in the file, with their values.
    doc.setName(QStringLiteral("renamed"));
    QVERIFY(files.saveToFile(m_path));
    const std::string text = test::readText(m_path.toStdString());
    for (const char* kept : {"\"notes\": \"my notes\"", "\"comment\": \"output\"", "\"learning_rat\": 0.2",
                             "\"mixup\": {\n      \"flip\": true,\n      \"shift\": 2\n    }"})
        QVERIFY2(text.find(kept) != std::string::npos, kept);
    ModelSpec expected = loadModelSpec(m_path.toStdString());
    QCOMPARE(doc.spec(), expected);
    QCOMPARE(expected.name, std::string("renamed"));

    // A file without such keys opens without a warning (and clears the last one).
    saveModelSpec(ModelSpec{}, m_dir.filePath("clean.json").toStdString());
    QVERIFY(files.openFile(m_dir.filePath("clean.json")));
    QCOMPARE(warned.count(), 1);
    QVERIFY(files.lastWarning().isEmpty());
}

void TestModelFileController::warningIsShownInTheStudio() {
    ModelDocument doc;
    QWidget window;
    window.show();
    ModelFileController files(&doc, &window);
    QVERIFY(files.openFile(m_path));  // interactive: a message box, not modal (the model is open)
    QMessageBox* box = nullptr;
    for (QWidget* w : QApplication::topLevelWidgets())
        if (auto* b = qobject_cast<QMessageBox*>(w); b && b->isVisible()) box = b;
    QVERIFY(box);
    QVERIFY(box->text().contains(QStringLiteral("unknown key \"training.mixup\"")));
    QCOMPARE(box->windowModality(), Qt::NonModal);
    QCOMPARE(doc.spec().name, std::string("notes"));
    box->close();
}

void TestModelFileController::strictSettingRefusesAndIsRemembered() {
    ModelDocument doc;
    {
        ModelFileController files(&doc, nullptr);
        files.setInteractive(false);
        QVERIFY(files.strictAction()->isCheckable());
        QVERIFY(!files.strictAction()->isChecked());  // off by default: warn
        files.strictAction()->setChecked(true);
    }
    ModelFileController files(&doc, nullptr);  // a new session remembers it
    files.setInteractive(false);
    QVERIFY(files.strictAction()->isChecked());
    const ModelSpec before = doc.spec();
    QVERIFY(!files.openFile(m_path));
    QCOMPARE(doc.spec(), before);  // nothing replaced
    const QString error = files.lastError();
    QVERIFY2(error.contains(QStringLiteral("unknown key \"notes\"")), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("unknown key \"training.mixup\"")), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("Turn off File > Strict Model Files")), qPrintable(error));
    // A file without unknown keys opens as usual.
    saveModelSpec(ModelSpec{}, m_dir.filePath("clean.json").toStdString());
    QVERIFY(files.openFile(m_dir.filePath("clean.json")));
    files.strictAction()->setChecked(false);
    QVERIFY(files.openFile(m_path));
    QVERIFY(!files.lastWarning().isEmpty());
}

QTEST_MAIN(TestModelFileController)
#include "tst_model_file_controller.moc"
