// widgets/studio/image_folder_actions: opening an image folder makes the model train on it (one undo step,
// the folder and its settings in the model file, the input following the images' size and colour, said in
// the status bar), the studio imports it off the GUI thread and names the classes after the folders, a
// model with the wrong number of outputs is fixed in one step, --data with a folder of pictures opens it
// as an image folder, an import can be cancelled (and says so), and a model whose input does not fit the
// images is told what to set before Start.
#include <QAction>
#include <QProgressDialog>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <filesystem>

#include "core/image_io.h"
#include "core/model_spec.h"
#include "core/shape_inference.h"
#include "tests/support/image_folder_fixture.h"
#include "tests/support/model_fixtures.h"
#include "tests/support/test_data.h"
#include "widgets/document/model_document.h"
#include "widgets/document/model_file_controller.h"
#include "widgets/session/dataset_session.h"
#include "widgets/session/training_controller.h"
#include "widgets/studio/image_folder_actions.h"
#include "widgets/studio/main_window.h"

using namespace layerlab;
namespace fs = std::filesystem;

namespace {
constexpr int kLongTimeout = 120000;

std::unique_ptr<MainWindow> makeWindow(const ModelSpec& spec) {
    auto w = std::make_unique<MainWindow>();
    w->fileController()->setInteractive(false);
    w->imageFolderActions()->setInteractive(false);
    w->resize(1366, 768);
    w->show();
    w->document()->reset(spec);
    return w;
}
}  // namespace

class TestImageFolderActions : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void openFolderTrainsOnIt();
    void rgbFolderTakesTheInputAndFitsTheOutputs();
    void importCanBeCancelled();

private:
    QTemporaryDir m_dir;
    QString m_digits;
    QString m_shapes;
};

void TestImageFolderActions::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    qputenv("LAYERLAB_CACHE_DIR", QFile::encodeName(m_dir.filePath("cache")));
    QVERIFY(m_dir.isValid());
    m_digits = m_dir.filePath("digits");
    test::DigitFolderOptions o;
    o.trainPerClass = 40;
    o.testPerClass = 10;
    test::writeDigitFolder(QFile::encodeName(m_digits).toStdString(), loadDataset(test::subsetPath()), o);
    m_shapes = m_dir.filePath("shapes");
    const std::vector<std::vector<std::uint8_t>> colours = {{220, 30, 30}, {30, 200, 30}, {30, 30, 230}};
    const char* names[] = {"red", "green", "blue"};
    for (int c = 0; c < 3; ++c) {
        fs::create_directories(QFile::encodeName(m_shapes).toStdString() + "/" + names[c]);
        for (int i = 0; i < 12; ++i)
            test::writeBytes(
                QFile::encodeName(m_shapes).toStdString() + "/" + names[c] + "/" + std::to_string(i) + ".png",
                test::solidImage(10 + i, 12, colours[std::size_t(c)]));
    }
}

void TestImageFolderActions::openFolderTrainsOnIt() {
    auto w = makeWindow(test::subsetMlp(1));
    ImageFolderActions* a = w->imageFolderActions();
    QVERIFY(!a->settingsAction()->isEnabled());
    QVERIFY(a->openFolder(m_digits));
    const ModelSpec& spec = w->document()->spec();
    QCOMPARE(spec.training.dataset, DatasetKind::ImageFolder);
    QCOMPARE(QString::fromStdString(spec.training.dataFolder), QFileInfo(m_digits).absoluteFilePath());
    QCOMPARE(spec.input, Shape::chw(1, 28, 28));  // the MNIST model's input already fits
    QCOMPARE(w->document()->undoStack()->undoText(), QString("Open image folder digits"));
    QTRY_VERIFY_WITH_TIMEOUT(w->isDatasetReady(), kLongTimeout);
    DatasetSession* data = w->datasetSession();
    QCOMPARE(data->labelNames(), (QStringList{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}));
    QVERIFY(data->report());
    QCOMPARE(data->dataset()->trainCount(), std::size_t(400));
    QCOMPARE(data->dataset()->testCount(), std::size_t(100));
    QVERIFY(a->summaryAction()->isEnabled());
    QVERIFY(a->settingsAction()->isEnabled());
    QVERIFY(!a->progressDialog()->isVisible());
    // It trains.
    QSignalSpy finished(w->trainingController(), &TrainingController::finished);
    w->startTraining();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kLongTimeout);
    const auto result = finished.front().front().value<TrainResult>();
    QVERIFY2(result.testAccuracy > 0.3, qPrintable(QString::number(result.testAccuracy)));
    // The model file records the folder and its settings.
    const QString file = m_dir.filePath("digits-model.json");
    QVERIFY(w->fileController()->saveToFile(file));
    const ModelSpec saved = loadModelSpec(QFile::encodeName(file).toStdString());
    QCOMPARE(saved.training.dataset, DatasetKind::ImageFolder);
    QCOMPARE(saved.training.dataFolder, spec.training.dataFolder);
    QCOMPARE(saved.training.imageImport, spec.training.imageImport);
    // Undo goes back to the subset.
    w->document()->undoStack()->undo();
    QCOMPARE(w->document()->spec().training.dataset, DatasetKind::Subset);
    QTRY_VERIFY_WITH_TIMEOUT(w->isDatasetReady(), kLongTimeout);
    QCOMPARE(w->datasetSession()->dataset()->trainCount(), std::size_t(2000));
}

void TestImageFolderActions::rgbFolderTakesTheInputAndFitsTheOutputs() {
    ModelSpec mlp = test::subsetMlp(40);
    mlp.training.validationSplit = 0;
    auto w = makeWindow(mlp);
    ImageImportSpec rgb;
    rgb.width = rgb.height = 16;
    rgb.color = ImageColor::RGB;
    rgb.testSplit = 0.25f;
    w->imageFolderActions()->applyFolder(m_shapes, rgb);
    QCOMPARE(w->document()->spec().input, Shape::chw(3, 16, 16));
    QVERIFY2(
        w->statusBar()->currentMessage().contains("input is now 3x16x16 to take the images (it was 1x28x28)"),
        qPrintable(w->statusBar()->currentMessage()));
    QTRY_VERIFY_WITH_TIMEOUT(w->isDatasetReady(), kLongTimeout);
    QCOMPARE(w->datasetSession()->labelNames(), (QStringList{"blue", "green", "red"}));
    QCOMPARE(w->datasetSession()->dataset()->channels, 3);
    // --data with the same folder reopens it with the settings remembered for it.
    w->document()->reset(mlp);
    w->setDataOverride(m_shapes);
    QCOMPARE(w->document()->spec().training.imageImport, rgb);
    QCOMPARE(w->document()->spec().input, Shape::chw(3, 16, 16));
    // 10 outputs for 3 classes: fitted in one step, and it learns the colours.
    w->imageFolderActions()->fitOutputs(3);
    QCOMPARE(w->document()->spec().classes, 3);
    QCOMPARE(w->document()->spec().layers.back().units, 3);
    QVERIFY(w->document()->info().ok());
    QTRY_VERIFY_WITH_TIMEOUT(w->isDatasetReady(), kLongTimeout);
    QVERIFY2(w->trainBlockedReason().isEmpty(), qPrintable(w->trainBlockedReason()));
    QSignalSpy finished(w->trainingController(), &TrainingController::finished);
    w->startTraining();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kLongTimeout);
    QCOMPARE(finished.front().front().value<TrainResult>().testAccuracy, 1.0);
    // An input that does not fit the images is named before Start.
    ModelSpec grey = w->document()->spec();
    grey.input = Shape::chw(1, 16, 16);
    grey.layers.front() = LayerSpec::make(LayerType::Flatten);
    w->document()->replaceSpec(grey, "grey input");
    QTRY_VERIFY_WITH_TIMEOUT(w->isDatasetReady(), kLongTimeout);
    QVERIFY2(w->trainBlockedReason().contains("set the input to 3x16x16"),
             qPrintable(w->trainBlockedReason()));
}

void TestImageFolderActions::importCanBeCancelled() {
    // Enough large pictures that the import is still running when Cancel comes.
    const QString big = m_dir.filePath("big");
    std::vector<std::uint8_t> noise(300 * 300 * 3);
    for (std::size_t i = 0; i < noise.size(); ++i) noise[i] = std::uint8_t((i * 2654435761u) >> 11);
    for (const char* cls : {"a", "b"}) {
        fs::create_directories(QFile::encodeName(big).toStdString() + "/" + cls);
        for (int i = 0; i < 40; ++i) {
            noise[0] = std::uint8_t(i);
            noise[1] = std::uint8_t(cls[0]);
            test::writeBytes(
                QFile::encodeName(big).toStdString() + "/" + cls + "/" + std::to_string(i) + ".png",
                encodeImage(noise.data(), 300, 300, 3, ImageFormat::PNG));
        }
    }
    // While it runs.
    auto w = makeWindow(test::subsetMlp(1));
    QTRY_VERIFY_WITH_TIMEOUT(w->isDatasetReady(), kLongTimeout);  // the subset first: nothing waits in line
    QSignalSpy failed(w->datasetSession(), &DatasetSession::failed);
    w->imageFolderActions()->openFolder(big);
    QVERIFY(w->datasetSession()->isLoading());
    w->datasetSession()->cancel();
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, kLongTimeout);
    QVERIFY2(failed.front().front().toString().contains("The import of " + QFile::encodeName(big) +
                                                        " was cancelled"),
             qPrintable(failed.front().front().toString()));
    QVERIFY(!w->isDatasetReady());
    QVERIFY2(w->trainBlockedReason().contains("cancelled"), qPrintable(w->trainBlockedReason()));
    QVERIFY(!w->imageFolderActions()->progressDialog()->isVisible());
    // While it waits for another load to end (the model was just replaced): the same.
    w->document()->reset(test::subsetMlp(1));
    failed.clear();
    w->imageFolderActions()->openFolder(big);
    w->datasetSession()->cancel();
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, kLongTimeout);
    QVERIFY2(failed.front().front().toString().contains("was cancelled"),
             qPrintable(failed.front().front().toString()));
    QVERIFY(!w->isDatasetReady());
}

QTEST_MAIN(TestImageFolderActions)
#include "tst_image_folder_actions.moc"
