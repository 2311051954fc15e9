// The studio's ONNX and PyTorch wiring: File > Export > PyTorch… writes the kept weights' folder as
// core/pytorch_export does; File > Export > ONNX… writes the kept weights as core/onnx_export writes them
// (disabled and refused with nothing trained), and File > Open (and the command line's path) takes an .onnx
// file like a checkpoint: its model in the editor, its weights kept (Start continues from them, the Filters
// tab draws them); a file LayerLab cannot read is refused with the importer's line and leaves the model as
// it was.
#include <QtTest>

#include <QAction>
#include <QMenu>
#include <QMenuBar>
#include <QStatusBar>

#include "core/checkpoint.h"
#include "core/layer_tree.h"
#include "core/network.h"
#include "core/onnx_export.h"
#include "core/pytorch_export.h"
#include "tests/support/model_fixtures.h"
#include "tests/support/test_data.h"
#include "widgets/document/model_document.h"
#include "widgets/document/model_file_controller.h"
#include "widgets/session/training_controller.h"
#include "widgets/studio/checkpoint_actions.h"
#include "widgets/studio/main_window.h"
#include "widgets/views/filter_view.h"

using namespace layerlab;

class TestOnnxActions : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void exportMenuWritesTheKeptWeights();
    void exportPytorchWritesTheFolder();
    void openOnnxLoadsModelAndWeights();
    void unreadableOnnxIsRefused();
};

namespace {

ModelSpec smallCnn() {
    ModelSpec s;
    s.name = "studio CNN";
    LayerSpec conv = LayerSpec::make(LayerType::Conv2D);
    conv.filters = 4;
    conv.activation = Activation::ReLU;
    s.layers = {conv, LayerSpec::make(LayerType::MaxPool2D), LayerSpec::make(LayerType::Flatten),
                test::denseLayer(10, Activation::Softmax)};
    s.training = test::subsetTraining(1);
    assignLayerIds(s);  // as the studio's document gives every layer an id
    return s;
}

std::vector<float> seeded(const ModelSpec& spec) {
    Network net(spec);
    net.initParams(9);
    return {net.params().begin(), net.params().end()};
}

std::unique_ptr<MainWindow> makeWindow() {
    auto w = std::make_unique<MainWindow>();
    w->fileController()->setInteractive(false);
    w->resize(1366, 768);
    w->show();
    w->document()->reset(test::subsetMlp(1));
    return w;
}

QAction* findAction(QMenu* menu, const QString& path) {
    const QString head = path.section('/', 0, 0), rest = path.section('/', 1);
    for (QAction* a : menu->actions()) {
        if (a->text().remove('&') != head) continue;
        if (rest.isEmpty()) return a;
        if (a->menu()) return findAction(a->menu(), rest);
    }
    return nullptr;
}

}  // namespace

void TestOnnxActions::exportMenuWritesTheKeptWeights() {
    auto w = makeWindow();
    QMenu* file = nullptr;
    for (QAction* a : w->menuBar()->actions())
        if (a->text().remove('&') == "File") file = a->menu();
    QVERIFY(file);
    QAction* exportOnnx = findAction(file, "Export/ONNX…");
    QVERIFY(exportOnnx);
    QCOMPARE(exportOnnx, w->checkpointActions()->exportOnnxAction());
    QTemporaryDir dir;
    QString error;
    // Nothing trained yet: off, and refused with what to do.
    QVERIFY(!exportOnnx->isEnabled());
    QVERIFY(!w->checkpointActions()->exportOnnxTo(dir.filePath("none.onnx"), &error));
    QVERIFY2(error.contains("Train the model"), qPrintable(error));
    QVERIFY(!QFile::exists(dir.filePath("none.onnx")));

    const ModelSpec spec = smallCnn();
    const std::vector<float> params = seeded(spec);
    const QString ckpt = dir.filePath("cnn.llckpt");
    saveCheckpoint(ckpt.toStdString(), spec, params);
    QVERIFY2(w->loadCheckpointFrom(ckpt, &error), qPrintable(error));
    QVERIFY(exportOnnx->isEnabled());
    const QString out = dir.filePath("cnn.onnx");
    QVERIFY2(w->checkpointActions()->exportOnnxTo(out, &error), qPrintable(error));
    const std::vector<std::uint8_t> bytes = test::readBytes(out.toStdString());
    QVERIFY(std::string(bytes.begin(), bytes.end()) == onnxModelBytes(spec, params));
    // A folder is not a file: refused with the writer's reason, nothing written.
    QVERIFY(!w->checkpointActions()->exportOnnxTo(dir.path(), &error));
    QVERIFY2(error.contains("folder"), qPrintable(error));
}

// File > Export > PyTorch…: off with nothing trained; then the kept weights' folder, byte for byte what
// core/pytorch_export writes; a file where the folder should be is refused and kept.
void TestOnnxActions::exportPytorchWritesTheFolder() {
    auto w = makeWindow();
    QMenu* file = nullptr;
    for (QAction* a : w->menuBar()->actions())
        if (a->text().remove('&') == "File") file = a->menu();
    QVERIFY(file);
    QAction* action = findAction(file, "Export/PyTorch…");
    QVERIFY(action);
    QCOMPARE(action, w->checkpointActions()->exportPytorchAction());
    QTemporaryDir dir;
    QString error;
    QVERIFY(!action->isEnabled());
    QVERIFY(!w->checkpointActions()->exportPytorchTo(dir.filePath("none"), &error));
    QVERIFY2(error.contains("Train the model"), qPrintable(error));
    QVERIFY(!QFile::exists(dir.filePath("none")));

    const ModelSpec spec = smallCnn();
    const std::vector<float> params = seeded(spec);
    const QString ckpt = dir.filePath("cnn.llckpt");
    saveCheckpoint(ckpt.toStdString(), spec, params);
    QVERIFY2(w->loadCheckpointFrom(ckpt, &error), qPrintable(error));
    QVERIFY(action->isEnabled());
    QVERIFY2(w->checkpointActions()->exportPytorchTo(dir.filePath("torch"), &error), qPrintable(error));
    const PytorchExport expected = pytorchExport(spec, params);
    QCOMPARE(test::readText(dir.filePath("torch/model.py").toStdString()), expected.modelPy);
    QCOMPARE(test::readText(dir.filePath("torch/train.py").toStdString()), expected.trainPy);
    QVERIFY(test::readText(dir.filePath("torch/weights.npz").toStdString()) == expected.weightsNpz);
    QVERIFY(w->statusBar()->currentMessage().contains("model.py"));
    test::writeText(dir.filePath("file").toStdString(), "mine");
    QVERIFY(!w->checkpointActions()->exportPytorchTo(dir.filePath("file"), &error));
    QVERIFY2(error.contains("not a folder"), qPrintable(error));
    QCOMPARE(test::readText(dir.filePath("file").toStdString()), std::string("mine"));
}

void TestOnnxActions::openOnnxLoadsModelAndWeights() {
    QTemporaryDir dir;
    const ModelSpec spec = smallCnn();
    const std::vector<float> params = seeded(spec);
    const QString path = dir.filePath("exported.onnx");
    QCOMPARE(exportOnnx(path.toStdString(), spec, params), std::string());
    auto w = makeWindow();
    QVERIFY2(w->fileController()->openFile(path), qPrintable(w->fileController()->lastError()));
    QVERIFY(w->document()->spec() == spec);  // LayerLab's own export comes back as the same model
    QVERIFY(w->trainedParams() == params);
    QVERIFY(w->trainedSpec() == spec);
    QVERIFY(w->fileController()->recentFiles().contains(QFileInfo(path).absoluteFilePath()));
    // The Filters tab draws the file's kernels.
    QTRY_VERIFY_WITH_TIMEOUT(w->filterView()->snapshot() != nullptr, 60000);
    QCOMPARE(w->filterView()->snapshot()->layers[0].weights[0], params[0]);
    // Start continues from the file's weights and names the file (not "a checkpoint").
    QTRY_VERIFY_WITH_TIMEOUT(w->isDatasetReady(), 60000);
    QSignalSpy finished(w->trainingController(), &TrainingController::finished);
    w->startAction()->trigger();
    QVERIFY(w->trainingController()->isActive());
    const QString said = w->statusBar()->currentMessage();
    QVERIFY2(said == QStringLiteral("Training continues from the weights loaded from exported.onnx."),
             qPrintable(said));
    w->stopAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
}

void TestOnnxActions::unreadableOnnxIsRefused() {
    QTemporaryDir dir;
    const QString path = dir.filePath("broken.onnx");
    test::writeBytes(path.toStdString(), {0x08, 0x07, 0x12, 0x40, 'x'});
    auto w = makeWindow();
    const ModelSpec before = w->document()->spec();
    QVERIFY(!w->fileController()->openFile(path));
    QVERIFY2(w->fileController()->lastError().contains("broken.onnx"),
             qPrintable(w->fileController()->lastError()));
    QVERIFY2(w->fileController()->lastError().contains("not an ONNX model"),
             qPrintable(w->fileController()->lastError()));
    QVERIFY(w->document()->spec() == before);
    QVERIFY(w->trainedParams().empty());
}

QTEST_MAIN(TestOnnxActions)
#include "tst_onnx_actions.moc"
