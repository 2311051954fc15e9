// The main window's session state, driven as a user would: after New, Open, a preset or a checkpoint the
// Training tab shows nothing of the old model (charts, filters, feature maps, progress, banners); a
// "Training failed" banner goes once the model is edited; a bad --data folder is fixed by choosing another
// dataset in the Training tab; File > Open Data Folder…; and the probe caption names Fashion-MNIST's classes,
// with a warning when the data holds another dataset than the model is for.
#include <qcustomplot.h>
#include <QAction>
#include <QComboBox>
#include <QDockWidget>
#include <QLabel>
#include <QMenuBar>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <filesystem>

#include "core/checkpoint.h"
#include "core/compression.h"
#include "core/dataset.h"
#include "core/evaluation.h"
#include "core/inference_model.h"
#include "core/input_scaling.h"
#include "core/parallel.h"
#include "core/shape_inference.h"
#include "core/trainer.h"
#include "tests/support/model_fixtures.h"
#include "tests/support/test_data.h"
#include "widgets/compress/compress_dialog.h"
#include "widgets/document/model_document.h"
#include "widgets/document/model_file_controller.h"
#include "widgets/editor/model_summary_bar.h"
#include "widgets/evaluate/evaluate_workspace.h"
#include "widgets/evaluate/evaluation_session.h"
#include "widgets/session/dataset_session.h"
#include "widgets/session/training_controller.h"
#include "widgets/studio/main_window.h"
#include "widgets/training/training_charts.h"
#include "widgets/training/training_config_panel.h"
#include "widgets/training/training_progress_bar.h"
#include "widgets/views/feature_map_view.h"
#include "widgets/views/filter_view.h"

using namespace layerlab;
namespace fs = std::filesystem;

namespace {

constexpr int kLongTimeout = 120000;
const char* kFashionDebian = "/usr/share/datasets/fashion-mnist";
const char* kFiles[] = {"train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
                        "t10k-labels-idx1-ubyte"};

std::unique_ptr<MainWindow> makeWindow(const ModelSpec& spec) {
    auto w = std::make_unique<MainWindow>();
    w->fileController()->setInteractive(false);
    w->resize(1366, 768);
    w->show();
    w->document()->reset(spec);
    return w;
}

QLabel* noticeBanner(MainWindow& w) {
    return w.findChild<QLabel*>(QStringLiteral("noticeBanner"));
}

int chartPoints(MainWindow& w) {
    int n = 0;
    for (QCustomPlot* p : {w.charts()->lossPlot(), w.charts()->accuracyPlot()})
        for (int g = 0; g < p->graphCount(); ++g) n += p->graph(g)->dataCount();
    return n;
}

void trainToTheEnd(MainWindow& w) {
    QTRY_VERIFY_WITH_TIMEOUT(w.isDatasetReady(), kLongTimeout);
    QSignalSpy finished(w.trainingController(), &TrainingController::finished);
    w.startTraining();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kLongTimeout);
    QTRY_VERIFY_WITH_TIMEOUT(w.featureMapView()->snapshot() != nullptr, kLongTimeout);
    QVERIFY(chartPoints(w) > 0);
    QVERIFY(w.filterView()->snapshot());
    QCOMPARE(w.progressBar()->value(), 1000);
}

// The first `train` and `test` images of a set (keeps its published order, so it is still recognised).
QString firstImagesOf(const std::string& from, const QTemporaryDir& root, const QString& name,
                      int train = 300, int test = 100) {
    const std::string dir = root.filePath(name).toStdString();
    fs::create_directories(dir);
    for (const char* f : kFiles) {
        std::string path = from + "/" + f;
        if (!fs::exists(path)) path += ".gz";
        IdxArray a = readIdx(path);
        const int n = std::string(f).rfind("train", 0) == 0 ? train : test;
        std::size_t per = 1;
        for (std::size_t d = 1; d < a.dims.size(); ++d) per *= std::size_t(a.dims[d]);
        a.dims[0] = n;
        a.data.resize(per * std::size_t(n));
        writeIdx(dir + "/" + f, a);
    }
    return QString::fromStdString(dir);
}

// Logistic regression (Flatten, Dense 10 softmax) for `kind`, with small fixed weights.
Checkpoint logisticCheckpoint(DatasetKind kind) {
    ModelSpec s;
    s.name = "logistic";
    s.layers = {LayerSpec::make(LayerType::Flatten), test::denseLayer(10, Activation::Softmax)};
    s.training = test::subsetTraining(1);
    s.training.dataset = kind;
    return {s, std::vector<float>(std::size_t(inferShapes(s).params), 0.01f), {}};
}

}  // namespace

class TestMainWindow : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void replacingTheModelClearsTheTrainingTab();
    void failedBannerClearsOnEdit();
    void badDataFolderIsFixedByChoosingADataset();
    void openDataFolder();
    void probeCaptionNamesFashionClasses();
    void startBlockedWhenTheEngineWouldRefuse();
    void threadsAboveTheCoresAreSaid();
    void everyShortcutHasOneAction();
    void windowLayoutIsRememberedAcrossSessions();
    void int8CheckpointSaysHowItRuns();
    void int8CheckpointEvaluatesQuantized();
    void compressRefusesWithoutTrainedWeights();
};

void TestMainWindow::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY2(locateDataset(DatasetKind::Subset).found, "the bundled subset must be present");
}

void TestMainWindow::replacingTheModelClearsTheTrainingTab() {
    QTemporaryDir dir;
    const QString other = dir.filePath("other.json");
    ModelSpec otherSpec = test::subsetMlp(3);
    otherSpec.name = "other model";
    saveModelSpec(otherSpec, other.toStdString());
    const QString ckpt = dir.filePath("other.llckpt");
    const Checkpoint ck = logisticCheckpoint(DatasetKind::Subset);
    saveCheckpoint(ckpt.toStdString(), ck.spec, ck.params);

    struct Replacement {
        const char* what;
        std::function<bool(MainWindow&)> run;
    };
    const std::vector<Replacement> replacements = {
        {"File > Open", [&](MainWindow& w) { return w.fileController()->openFile(other); }},
        {"a preset",
         [](MainWindow& w) { return w.fileController()->loadPreset(QStringLiteral("logistic")); }},
        {"File > New",
         [](MainWindow& w) {
             w.fileController()->newModel();
             return w.document()->spec().layers.empty();
         }},
        {"Load Checkpoint", [&](MainWindow& w) { return w.loadCheckpointFrom(ckpt); }},
    };
    for (const Replacement& r : replacements) {
        auto w = makeWindow(test::subsetMlp(1));
        trainToTheEnd(*w);
        w->fileController()->setQuietUnsavedAnswer(QMessageBox::Discard);
        QVERIFY2(r.run(*w), r.what);
        QVERIFY2(chartPoints(*w) == 0, r.what);
        QVERIFY2(!w->charts()->resultText().contains("Test loss"), r.what);
        QCOMPARE(w->progressBar()->value(), 0);
        QVERIFY2(!w->progressBar()->text().contains("Finished"), qPrintable(w->progressBar()->text()));
        if (QLatin1String(r.what) != QLatin1String("Load Checkpoint")) {
            // (a checkpoint's own weights are drawn again at once, off the GUI thread)
            QVERIFY2(!w->filterView()->snapshot(), r.what);
            QVERIFY2(!w->featureMapView()->snapshot(), r.what);
        }
        QVERIFY2(!noticeBanner(*w)->text().contains("Training failed"), r.what);
    }
}

void TestMainWindow::failedBannerClearsOnEdit() {
    // A model with 5 outputs on 10 classes: the run fails at once, with the reason in the banner. (A model
    // whose input does not fit the images is stopped before Start: RunActions::blockedReason.)
    ModelSpec wrongOutputs = test::subsetMlp(1);
    wrongOutputs.classes = 5;
    wrongOutputs.layers.back().units = 5;
    auto w = makeWindow(wrongOutputs);
    QTRY_VERIFY_WITH_TIMEOUT(w->isDatasetReady(), kLongTimeout);
    QSignalSpy failed(w->trainingController(), &TrainingController::failed);
    w->startTraining();
    QCOMPARE(failed.count(), 1);
    QLabel* banner = noticeBanner(*w);
    QVERIFY(!banner->isHidden());
    QVERIFY2(banner->text().startsWith("Training failed:"), qPrintable(banner->text()));
    QVERIFY2(banner->text().contains("make the last Dense layer 10 units"), qPrintable(banner->text()));
    // Any edit answers it: the banner would describe another model now.
    w->document()->setName(QStringLiteral("fixed"));
    QVERIFY(!banner->text().contains("Training failed"));
    QVERIFY(banner->isHidden());

    // And opening another model clears it too.
    w->document()->reset(wrongOutputs);
    w->startTraining();
    QVERIFY(banner->text().contains("Training failed"));
    QVERIFY(w->fileController()->loadPreset(QStringLiteral("mlp")));
    QVERIFY(!banner->text().contains("Training failed"));
}

void TestMainWindow::badDataFolderIsFixedByChoosingADataset() {
    ModelSpec spec = test::subsetMlp(1);
    spec.training.dataset = DatasetKind::MNIST;
    auto w = makeWindow(spec);
    w->setDataOverride(QStringLiteral("/nonexistent"));  // layerlab --data /nonexistent
    QTRY_VERIFY_WITH_TIMEOUT(!w->datasetSession()->error().isEmpty(), kLongTimeout);
    QVERIFY(!w->startAction()->isEnabled());
    QVERIFY2(w->trainBlockedReason().contains("/nonexistent"), qPrintable(w->trainBlockedReason()));

    // The user picks "MNIST subset (bundled)" in the Training tab.
    QComboBox* combo = w->trainingConfigPanel()->datasetCombo();
    combo->setCurrentIndex(combo->findData(int(DatasetKind::Subset)));
    QCOMPARE(w->document()->spec().training.dataset, DatasetKind::Subset);
    QVERIFY2(w->statusBar()->currentMessage().contains("/nonexistent could not be loaded"),
             qPrintable(w->statusBar()->currentMessage()));
    QTRY_VERIFY_WITH_TIMEOUT(w->isDatasetReady(), kLongTimeout);
    QVERIFY(w->startAction()->isEnabled());
    QVERIFY(w->trainBlockedReason().isEmpty());
    QVERIFY(!noticeBanner(*w)->text().contains("could not be loaded"));
}

void TestMainWindow::openDataFolder() {
    QTemporaryDir root;
    const QString digits = firstImagesOf(test::subsetPath(), root, QStringLiteral("digits"));
    ModelSpec spec = test::subsetMlp(1);
    spec.training.dataset = DatasetKind::MNIST;
    auto w = makeWindow(spec);
    // In the File menu.
    QAction* action = nullptr;
    for (QAction* m : w->menuBar()->actions())
        if (m->menu())
            for (QAction* a : m->menu()->actions())
                if (a->text() == QStringLiteral("Open &Data Folder…")) action = a;
    QVERIFY(action);
    QVERIFY(action->isEnabled());

    w->openDataFolder(digits);
    QTRY_VERIFY_WITH_TIMEOUT(w->isDatasetReady(), kLongTimeout);
    QCOMPARE(QString::fromStdString(w->dataset()->directory), digits);
    QCOMPARE(w->dataset()->trainCount(), std::size_t(300));
    QVERIFY(w->startAction()->isEnabled());

    // The bundled subset never comes from a folder: said, not silently ignored.
    spec.training.dataset = DatasetKind::Subset;
    w->document()->setTraining(spec.training);
    w->openDataFolder(digits);
    QVERIFY2(w->statusBar()->currentMessage().contains("bundled subset"),
             qPrintable(w->statusBar()->currentMessage()));
}

void TestMainWindow::probeCaptionNamesFashionClasses() {
    if (!fs::is_directory(kFashionDebian)) QSKIP("Debian's dataset-fashion-mnist is not installed");
    QTemporaryDir root;
    const QString clothes = firstImagesOf(kFashionDebian, root, QStringLiteral("clothes"));
    const QString digits = firstImagesOf(test::subsetPath(), root, QStringLiteral("digits"));
    const QString ckpt = root.filePath("fashion.llckpt");
    const Checkpoint ck = logisticCheckpoint(DatasetKind::FashionMNIST);
    saveCheckpoint(ckpt.toStdString(), ck.spec, ck.params);

    auto w = makeWindow(test::subsetMlp(1));
    w->setDataOverride(clothes);
    QString error;
    QVERIFY2(w->loadCheckpointFrom(ckpt, &error), qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(w->isDatasetReady(), kLongTimeout);
    FeatureMapView* fm = w->featureMapView();
    QTRY_VERIFY_WITH_TIMEOUT(fm->snapshot() != nullptr, kLongTimeout);
    fm->renderPending();
    // Fashion-MNIST's first test image is an ankle boot (label 9); equal weights predict class 0.
    QVERIFY2(fm->predictionText().contains("label Ankle boot"), qPrintable(fm->predictionText()));
    QVERIFY2(fm->predictionText().contains("predicted <b>T-shirt/top"), qPrintable(fm->predictionText()));
    QVERIFY(fm->predictionText().contains("Sneaker: "));  // the probabilities are named too
    QVERIFY(!noticeBanner(*w)->text().contains("recognised by its images"));

    // The same Fashion-MNIST model on a folder of digits: the banner says so, the label is a digit.
    w->setDataOverride(digits);
    QTRY_VERIFY_WITH_TIMEOUT(w->isDatasetReady(), kLongTimeout);
    QVERIFY2(noticeBanner(*w)->text().contains(digits + " holds MNIST (recognised by its images), not "
                                                        "Fashion-MNIST"),
             qPrintable(noticeBanner(*w)->text()));
    QVERIFY(!noticeBanner(*w)->isHidden());
    fm->findChild<QSpinBox*>()->setValue(1);  // another probe image, drawn from the digits
    QTRY_VERIFY_WITH_TIMEOUT(fm->snapshot() && fm->snapshot()->label == 2, kLongTimeout);
    fm->renderPending();
    // MNIST's second test image is a 2; the model's outputs keep their garment names.
    QVERIFY2(fm->predictionText().contains("label 2<"), qPrintable(fm->predictionText()));
    QVERIFY2(fm->predictionText().contains("predicted <b>T-shirt/top"), qPrintable(fm->predictionText()));
}

void TestMainWindow::startBlockedWhenTheEngineWouldRefuse() {
    // Two Dense(100000) layers: about 1e10 parameters.
    ModelSpec huge = test::subsetMlp(1);
    huge.layers.insert(huge.layers.begin() + 1, {test::denseLayer(100000, Activation::ReLU),
                                                 test::denseLayer(100000, Activation::ReLU)});
    auto w = makeWindow(huge);
    QTRY_VERIFY_WITH_TIMEOUT(w->isDatasetReady(), kLongTimeout);
    QVERIFY(w->document()->info().ok());  // the shapes fit together; the memory does not
    auto* summary = w->findChild<ModelSummaryBar*>();
    QVERIFY(summary);
    QVERIFY(!summary->memoryRefusal().isEmpty());
    QVERIFY(!w->startAction()->isEnabled());
    // The same sentence the engine would give (see tst_memory_estimate), in the tooltip and the red banner.
    QCOMPARE(w->trainBlockedReason(), QStringLiteral("Cannot train: %1").arg(summary->memoryRefusal()));
    QCOMPARE(w->startAction()->toolTip(), w->trainBlockedReason());
    auto* blocked = w->findChild<QLabel*>(QStringLiteral("blockedBanner"));
    QVERIFY(!blocked->isHidden());
    QCOMPARE(blocked->text(), w->trainBlockedReason());
    QVERIFY(summary->memoryText() != QStringLiteral("\u2014"));
    w->startTraining();
    QVERIFY(!w->trainingController()->isActive());
}

void TestMainWindow::threadsAboveTheCoresAreSaid() {
    ModelSpec spec = test::subsetMlp(200);
    const int cores = effectiveThreads(0);
    spec.training.threads = cores + 62;
    auto w = makeWindow(spec);
    QTRY_VERIFY_WITH_TIMEOUT(w->isDatasetReady(), kLongTimeout);
    w->startTraining();
    QVERIFY(w->trainingController()->isActive());
    const QString said = w->statusBar()->currentMessage();
    QVERIFY2(said.contains(QStringLiteral(
                               "It runs on %1 threads: the model asks for %2, but this machine has %1 cores.")
                               .arg(cores)
                               .arg(cores + 62)),
             qPrintable(said));
    w->stopTraining();
    QTRY_VERIFY_WITH_TIMEOUT(!w->trainingController()->isActive(), 10000);
}

// Two actions with one shortcut make Qt trigger neither ("Ambiguous shortcut overload"): every shortcut of
// the window's window-wide actions (menus, toolbars) belongs to exactly one action, and the actions that act
// only while their own widget has the focus (Ctrl+L freezes the layer selected in the editor, Delete in the
// runs table) use none of them.
// Closing the window keeps its size and which docks are shown; the next window opens the same way.
void TestMainWindow::windowLayoutIsRememberedAcrossSessions() {
    QSettings().remove(QStringLiteral("window"));
    {
        MainWindow w;
        w.fileController()->setInteractive(false);
        w.show();
        w.resize(1111, 777);
        auto* layers = w.findChild<QDockWidget*>(QStringLiteral("LayersDock"));
        QVERIFY(layers && layers->isVisible());
        layers->hide();
        QCoreApplication::processEvents();
        QVERIFY(w.close());
    }
    QVERIFY(!QSettings().value(QStringLiteral("window/geometry")).toByteArray().isEmpty());
    MainWindow again;
    again.show();
    QCoreApplication::processEvents();
    // Qt fits a restored window onto the screen: the offscreen platform's is smaller than the studio's
    // minimum size, so the size is compared only where it fits (a real X server, as under xvfb-run).
    const QRect avail = again.screen()->availableGeometry();
    if (avail.width() >= 1111 && avail.height() >= 777) QCOMPARE(again.size(), QSize(1111, 777));
    QVERIFY(!again.findChild<QDockWidget*>(QStringLiteral("LayersDock"))->isVisible());
    QVERIFY(again.findChild<QDockWidget*>(QStringLiteral("SettingsDock"))->isVisible());
    QSettings().remove(QStringLiteral("window"));  // the other tests open with the default layout
}

void TestMainWindow::everyShortcutHasOneAction() {
    MainWindow w;
    QHash<QString, QString> windowWide;
    QList<QPair<QString, QString>> local;
    for (QAction* a : w.findChildren<QAction*>()) {
        const bool isLocal = a->shortcutContext() == Qt::WidgetShortcut ||
                             a->shortcutContext() == Qt::WidgetWithChildrenShortcut;
        const QString name = a->text().remove(QLatin1Char('&'));
        for (const QKeySequence& k : a->shortcuts()) {
            const QString key = k.toString(QKeySequence::PortableText);
            if (isLocal) {
                local.append({key, name});
                continue;
            }
            QVERIFY2(!windowWide.contains(key) || windowWide.value(key) == name,
                     qPrintable(QStringLiteral("%1 is the shortcut of both '%2' and '%3'")
                                    .arg(key, windowWide.value(key), name)));
            windowWide.insert(key, name);
        }
    }
    QVERIFY2(windowWide.size() > 12, qPrintable(QString::number(windowWide.size())));
    for (const auto& [key, name] : local)
        QVERIFY2(!windowWide.contains(key) || windowWide.value(key) == name,
                 qPrintable(QStringLiteral("%1 is the shortcut of both '%2' and '%3'")
                                .arg(key, windowWide.value(key), name)));
    QCOMPARE(windowWide.value(QStringLiteral("Ctrl+Shift+L")), QStringLiteral("Lessons"));
    QVERIFY(std::any_of(local.begin(), local.end(), [](const auto& p) {
        return p.first == QStringLiteral("Ctrl+L") && p.second == QStringLiteral("Freeze Layer");
    }));
}

// An int8 checkpoint (version 3) opens with its weights and quantization, and the status bar says the
// studio runs it quantized.
void TestMainWindow::int8CheckpointSaysHowItRuns() {
    QTemporaryDir dir;
    const QString ckpt = dir.filePath("int8.llckpt");
    const Checkpoint ck = logisticCheckpoint(DatasetKind::Subset);
    Quantization q;
    q.layers.push_back({1, 0.01f, std::vector<float>(10, 0.001f)});  // the Dense layer: 10 output channels
    saveCheckpoint(ckpt.toStdString(), ck.spec, ck.params, q);
    auto w = makeWindow(test::subsetMlp(1));
    QString error;
    QVERIFY2(w->loadCheckpointFrom(ckpt, &error), qPrintable(error));
    QVERIFY2(w->statusBar()->currentMessage().contains("Loaded int8 checkpoint " + ckpt +
                                                       ". Evaluate runs it quantized"),
             qPrintable(w->statusBar()->currentMessage()));
    QCOMPARE(w->trainedParams().size(), ck.params.size());
    QVERIFY(w->evaluateWorkspace()->session()->quantization(0) != nullptr);
    // A float checkpoint says nothing of int8.
    const QString plain = dir.filePath("float.llckpt");
    saveCheckpoint(plain.toStdString(), ck.spec, ck.params);
    QVERIFY2(w->loadCheckpointFrom(plain, &error), qPrintable(error));
    QVERIFY2(w->statusBar()->currentMessage().startsWith("Loaded checkpoint " + plain),
             qPrintable(w->statusBar()->currentMessage()));
    QVERIFY(w->evaluateWorkspace()->session()->quantization(0) == nullptr);
}

// The Evaluate tab runs an int8 checkpoint quantized: its test predictions are those of core's quantized
// InferenceModel (what layerlab-cli evaluate runs) image for image, and differ from the float32 run of the
// same weights on at least one image. (The activation scales are calibrated on only 4 training images, so
// some test activations are clipped and int8 answers differently somewhere.)
void TestMainWindow::int8CheckpointEvaluatesQuantized() {
    const Dataset data = loadDataset(test::subsetPath(), "MNIST subset");
    ModelSpec spec = test::subsetMlp(1);
    spec.training.dataset = DatasetKind::Subset;
    Trainer trainer(spec, data);
    QVERIFY(!trainer.run().failed);
    std::vector<float> calib(4 * data.imageSize());
    pixelsToInputs(data.trainImages.data(), calib.data(), calib.size());
    const QuantizedModel q = quantizeModel(spec, trainer.currentParams(), calib.data(), 4);
    QTemporaryDir dir;
    const QString ckpt = dir.filePath("int8.llckpt");
    saveCheckpoint(ckpt.toStdString(), spec, q.params, q.quantization);

    InferenceModel quantized(spec, q.params);
    quantized.setQuantization(q.quantization);
    const Predictions expected = quantized.evaluate(testSet(data));
    InferenceModel plain(spec, q.params);
    const Predictions floatRun = plain.evaluate(testSet(data));
    QVERIFY2(expected.predicted != floatRun.predicted, "the case must be one where int8 answers differently");

    auto w = makeWindow(spec);
    QTRY_VERIFY_WITH_TIMEOUT(w->isDatasetReady(), kLongTimeout);
    QString error;
    QVERIFY2(w->loadCheckpointFrom(ckpt, &error), qPrintable(error));
    EvaluationSession* session = w->evaluateWorkspace()->session();
    QCOMPARE(session->entryCount(), 1);
    session->request(0, EvaluationSet::Test);
    QTRY_VERIFY_WITH_TIMEOUT(session->result(0, EvaluationSet::Test) != nullptr, kLongTimeout);
    const auto result = session->result(0, EvaluationSet::Test);
    QCOMPARE(result->predictions.predicted, expected.predicted);
    QCOMPARE(result->summary.accuracy, summarize(expected).accuracy);
}

// Tools > Compress Model… with nothing trained says so and opens no dialog; the action has its shortcut.
void TestMainWindow::compressRefusesWithoutTrainedWeights() {
    auto w = makeWindow(test::subsetMlp(1));
    QAction* compress = nullptr;
    for (QAction* a : w->findChildren<QAction*>())
        if (a->text() == QStringLiteral("&Compress Model…")) compress = a;
    QVERIFY(compress);
    QCOMPARE(compress->shortcut().toString(), QStringLiteral("Ctrl+Shift+K"));
    compress->trigger();
    QVERIFY2(w->statusBar()->currentMessage().contains("there are no trained weights yet"),
             qPrintable(w->statusBar()->currentMessage()));
    QVERIFY(w->findChild<CompressDialog*>() == nullptr);
}

QTEST_MAIN(TestMainWindow)
#include "tst_main_window.moc"
