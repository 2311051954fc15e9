// The training half of the studio, driven through the main window on the bundled MNIST subset: live chart
// points, pause/resume/stop, filter and feature-map images that change as weights change, checkpoint save and
// load through the GUI path, the training settings panel (undoable edits, unavailable datasets), Start
// blocked with the shape-inference error, and closing the window mid-run.
#include <qcustomplot.h>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <fstream>
#include <set>

#include "core/checkpoint.h"
#include "core/dataset.h"
#include "widgets/document/model_document.h"
#include "widgets/document/model_file_controller.h"
#include "widgets/session/dataset_loader.h"
#include "widgets/session/training_controller.h"
#include "widgets/studio/main_window.h"
#include "widgets/training/training_charts.h"
#include "widgets/training/training_config_panel.h"
#include "widgets/training/training_progress_bar.h"
#include "widgets/views/feature_map_view.h"
#include "widgets/views/filter_view.h"

using namespace layerlab;

namespace {

constexpr int kLongTimeout = 120000;

LayerSpec layer(LayerType t) {
    return LayerSpec::make(t);
}

LayerSpec dense(int units, Activation a) {
    LayerSpec l = layer(LayerType::Dense);
    l.units = units;
    l.activation = a;
    return l;
}

TrainingSpec subsetTraining(int epochs) {
    TrainingSpec t;
    t.dataset = DatasetKind::Subset;
    t.batchSize = 64;
    t.epochs = epochs;
    t.validationSplit = 0.1f;
    t.seed = 7;
    t.optimizer.type = OptimizerType::Adam;
    t.optimizer.learningRate = 0.002f;
    return t;
}

// The MLP preset, built in code: Flatten, Dense 64 relu, Dense 10 softmax.
ModelSpec mlp(int epochs) {
    ModelSpec s;
    s.name = "test MLP";
    s.layers = {layer(LayerType::Flatten), dense(64, Activation::ReLU), dense(10, Activation::Softmax)};
    s.training = subsetTraining(epochs);
    return s;
}

// A small CNN: Conv2D 8 3x3 relu, MaxPool 2, Flatten, Dense 10 softmax.
ModelSpec smallCnn(int epochs) {
    ModelSpec s;
    s.name = "test CNN";
    LayerSpec conv = layer(LayerType::Conv2D);
    conv.filters = 8;
    conv.kernel = 3;
    conv.activation = Activation::ReLU;
    LayerSpec pool = layer(LayerType::MaxPool2D);
    pool.poolSize = 2;
    s.layers = {conv, pool, layer(LayerType::Flatten), dense(10, Activation::Softmax)};
    s.training = subsetTraining(epochs);
    return s;
}

std::unique_ptr<MainWindow> makeWindow(const ModelSpec& spec) {
    auto w = std::make_unique<MainWindow>();
    w->fileController()->setInteractive(false);
    w->resize(1366, 768);
    w->show();
    w->document()->reset(spec);
    return w;
}

int distinctColours(const QImage& img) {
    std::set<QRgb> colours;
    for (int y = 0; y < img.height(); ++y)
        for (int x = 0; x < img.width(); ++x) colours.insert(img.pixel(x, y));
    return int(colours.size());
}

}  // namespace

class TestTraining : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void trainingFeedsBothCharts();
    void pauseResumeStop();
    void earlyStoppingMarksBestEpoch();
    void rateChangesAreMarked();
    void filterAndFeatureMapsChange();
    void checkpointRoundTripThroughGui();
    void configPanelEditsAreUndoable();
    void missingDatasetIsGreyedOut();
    void startBlockedShowsShapeError();
    void closingDuringTrainingEndsWorker();
    void destroyingAModifiedWindowRunsNoSlot();
    void startTrainsWhatTheFileSays();
};

void TestTraining::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY2(locateDataset(DatasetKind::Subset).found, "the bundled subset must be present");
}

void TestTraining::trainingFeedsBothCharts() {
    auto w = makeWindow(mlp(2));
    QTRY_VERIFY_WITH_TIMEOUT(w->isDatasetReady(), kLongTimeout);
    QVERIFY(w->startAction()->isEnabled());
    QSignalSpy finished(w->trainingController(), &TrainingController::finished);
    QSignalSpy batches(w->trainingController(), &TrainingController::batchesReady);
    w->startAction()->trigger();
    QCOMPARE(w->trainingController()->state(), TrainingController::State::Running);
    QVERIFY(!w->startAction()->isEnabled());
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kLongTimeout);
    // Batches arrive in bursts (one per drain tick), not one signal per batch.
    const int perEpoch = int(std::ceil(w->trainingController()->trainSamples() / 64.0));
    QVERIFY(batches.count() >= 1);
    QVERIFY(batches.count() < 2 * perEpoch);

    const auto result = finished.at(0).at(0).value<TrainResult>();
    QCOMPARE(int(result.epochs.size()), 2);
    QVERIFY(!result.stoppedByUser);

    for (QCustomPlot* p : {w->charts()->lossPlot(), w->charts()->accuracyPlot()}) {
        QCOMPARE(p->graph(TrainingCharts::TrainRaw)->dataCount(), 2 * perEpoch);
        QCOMPARE(p->graph(TrainingCharts::TrainSmoothed)->dataCount(), 2 * perEpoch);
        QCOMPARE(p->graph(TrainingCharts::Validation)->dataCount(), 2);
        QCOMPARE(p->xAxis->label(), QStringLiteral("epoch"));
        // x runs in epochs: the last batch sits at epoch 2.
        QCOMPARE(p->graph(TrainingCharts::TrainRaw)->data()->at(2 * perEpoch - 1)->key, 2.0);
    }
    QCOMPARE(w->charts()->lossPlot()->yAxis->label(), QStringLiteral("loss (cross-entropy)"));
    QCOMPARE(w->charts()->accuracyPlot()->yAxis->label(), QStringLiteral("accuracy (%)"));
    // Plausible values: the first loss near ln(10), the loss falls, accuracy in percent and well above
    // chance.
    auto loss = w->charts()->lossPlot()->graph(TrainingCharts::TrainRaw)->data();
    QVERIFY2(loss->at(0)->value > 1.5 && loss->at(0)->value < 4.0,
             qPrintable(QString::number(loss->at(0)->value)));
    auto smooth = w->charts()->lossPlot()->graph(TrainingCharts::TrainSmoothed)->data();
    QVERIFY(smooth->at(smooth->size() - 1)->value < 0.7 * smooth->at(0)->value);
    auto valAcc = w->charts()->accuracyPlot()->graph(TrainingCharts::Validation)->data();
    QCOMPARE(valAcc->at(1)->value, result.epochs[1].valAccuracy * 100.0);
    QVERIFY2(valAcc->at(1)->value > 60 && valAcc->at(1)->value <= 100,
             qPrintable(QString::number(valAcc->at(1)->value)));
    // Test results are shown once training ends.
    QVERIFY(std::isfinite(result.testAccuracy));
    QVERIFY2(w->charts()->resultText().contains(QString::number(result.testAccuracy * 100.0, 'f', 2)),
             qPrintable(w->charts()->resultText()));
    QCOMPARE(w->progressBar()->value(), 1000);
    // The MLP's first Dense sees raw pixels: one 28x28 weight image per unit.
    w->filterView()->renderPending();
    QCOMPARE(w->filterView()->sectionCount(), 1);
    QVERIFY(w->filterView()->sectionTitle(0).contains("28x28"));
    QVERIFY(distinctColours(w->filterView()->sectionImage(0)) > 20);
    // Export as PNG.
    QTemporaryDir dir;
    const QString png = dir.filePath("charts.png");
    QVERIFY(w->charts()->exportPng(png));
    QVERIFY(QImage(png).width() > 200);
    QVERIFY(!w->trainedParams().empty());
}

void TestTraining::pauseResumeStop() {
    auto w = makeWindow(mlp(200));
    QTRY_VERIFY_WITH_TIMEOUT(w->isDatasetReady(), kLongTimeout);
    TrainingController* c = w->trainingController();
    QSignalSpy states(c, &TrainingController::stateChanged);
    QSignalSpy finished(c, &TrainingController::finished);
    QSignalSpy batches(c, &TrainingController::batchesReady);
    w->startTraining();
    QTRY_VERIFY_WITH_TIMEOUT(batches.count() > 0, kLongTimeout);

    w->pauseAction()->trigger();  // F6
    QCOMPARE(c->state(), TrainingController::State::Paused);
    QCOMPARE(w->pauseAction()->text(), QStringLiteral("&Resume"));
    QTest::qWait(400);  // batches finished before the pause took effect drain now
    const long long pausedAt = c->samplesProcessed();
    QTest::qWait(600);
    QCOMPARE(c->samplesProcessed(), pausedAt);  // nothing trains while paused
    QVERIFY(w->progressBar()->text().startsWith("Paused"));

    // While paused, the run's weights so far can be saved as a checkpoint.
    QVERIFY(w->saveCheckpointAction()->isEnabled());
    QTemporaryDir dir;
    const QString path = dir.filePath("paused.llckpt");
    QString error;
    QVERIFY2(w->saveCheckpointTo(path, &error), qPrintable(error));
    const Checkpoint saved = loadCheckpoint(path.toStdString());
    QVERIFY(saved.params == c->currentParams());
    QVERIFY(saved.spec == c->runSpec());

    w->pauseAction()->trigger();  // resume
    QCOMPARE(c->state(), TrainingController::State::Running);
    QVERIFY(!w->saveCheckpointAction()->isEnabled());  // the weights change under a file dialog
    QTRY_VERIFY_WITH_TIMEOUT(c->samplesProcessed() > pausedAt, 20000);

    QElapsedTimer t;
    t.start();
    w->stopAction()->trigger();  // Shift+F5
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 5000);
    QVERIFY2(t.elapsed() < 2000, qPrintable(QString::number(t.elapsed())));
    const auto result = finished.at(0).at(0).value<TrainResult>();
    QVERIFY(result.stoppedByUser);
    QVERIFY(int(result.epochs.size()) < 200);
    QCOMPARE(c->state(), TrainingController::State::Idle);
    QVERIFY(w->startAction()->isEnabled());
    // Running -> Paused -> Running -> Stopping -> Idle
    QCOMPARE(states.count(), 5);
}

void TestTraining::rateChangesAreMarked() {
    ModelSpec spec = mlp(3);
    spec.training.schedule.type = ScheduleType::Step;
    spec.training.schedule.factor = 0.5f;
    spec.training.schedule.every = 1;
    auto w = makeWindow(spec);
    QTRY_VERIFY_WITH_TIMEOUT(w->isDatasetReady(), kLongTimeout);
    QSignalSpy finished(w->trainingController(), &TrainingController::finished);
    w->startTraining();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kLongTimeout);
    // 0.002 halves at the start of epochs 2 and 3.
    QCOMPARE(w->charts()->rateMarks(),
             QStringList({QStringLiteral("lr 0.001"), QStringLiteral("lr 0.0005")}));
    QVERIFY(w->progressBar()->text().size() > 0);

    // A new run clears them; a constant rate marks nothing.
    spec.training.schedule.type = ScheduleType::Constant;
    w->document()->setTraining(spec.training);
    w->startTraining();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, kLongTimeout);
    QVERIFY(w->charts()->rateMarks().isEmpty());
}

void TestTraining::earlyStoppingMarksBestEpoch() {
    ModelSpec spec = mlp(30);
    spec.training.earlyStopping.enabled = true;
    spec.training.earlyStopping.patience = 1;
    spec.training.earlyStopping.monitor = Monitor::ValLoss;
    auto w = makeWindow(spec);
    QTRY_VERIFY_WITH_TIMEOUT(w->isDatasetReady(), kLongTimeout);
    QSignalSpy finished(w->trainingController(), &TrainingController::finished);
    w->startTraining();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kLongTimeout);
    const auto result = finished.at(0).at(0).value<TrainResult>();
    QVERIFY(result.bestEpoch >= 1);
    for (QCustomPlot* p : {w->charts()->lossPlot(), w->charts()->accuracyPlot()}) {
        QCPItemStraightLine* best = nullptr;
        for (int i = 0; i < p->itemCount(); ++i)
            if (auto* line = qobject_cast<QCPItemStraightLine*>(p->item(i))) best = line;
        QVERIFY(best);
        QVERIFY(best->visible());
        QCOMPARE(best->point1->key(), double(result.bestEpoch));
        QCOMPARE(best->point2->key(), double(result.bestEpoch));
        // The x axis ends just past the last epoch run (room for its marker), not at the 30 planned.
        QVERIFY(p->xAxis->range().upper > double(result.epochs.size()));
        QVERIFY(p->xAxis->range().upper < double(result.epochs.size()) + 0.5);
    }
    if (result.stoppedEarly) QVERIFY(int(result.epochs.size()) < 30);
}

void TestTraining::filterAndFeatureMapsChange() {
    auto w = makeWindow(smallCnn(50));
    QTRY_VERIFY_WITH_TIMEOUT(w->isDatasetReady(), kLongTimeout);
    TrainingController* c = w->trainingController();
    c->setSnapshotInterval(100);
    QSignalSpy snaps(c, &TrainingController::snapshotReady);
    QSignalSpy finished(c, &TrainingController::finished);
    w->startTraining();
    QTRY_VERIFY_WITH_TIMEOUT(snaps.count() >= 1, kLongTimeout);
    QVERIFY(c->isActive());  // a live snapshot, taken while training runs
    FilterView* fv = w->filterView();
    fv->renderPending();
    QCOMPARE(fv->sectionCount(), 1);
    QVERIFY(fv->sectionTitle(0).contains("8 filters 3x3"));
    const QImage early = fv->sectionImage(0, 8);
    const auto earlySnap = fv->snapshot();
    QVERIFY(distinctColours(early) > 8);  // not blank: 8 kernels in many shades
    // Live refresh: later snapshots arrive while training goes on, and the kernels drawn change.
    QTRY_VERIFY_WITH_TIMEOUT(fv->snapshot()->step >= earlySnap->step + 60, kLongTimeout);
    fv->renderPending();
    const QImage late = fv->sectionImage(0, 8);
    QCOMPARE(late.size(), early.size());
    QVERIFY(late != early);
    w->stopTraining();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);

    // Feature maps: one section per engine layer, the conv output as 8 tiles, a chosen image.
    FeatureMapView* fm = w->featureMapView();
    fm->renderPending();
    const auto snap = fm->snapshot();
    QVERIFY(snap);
    QCOMPARE(fm->layerSectionCount(), int(snap->layers.size()));
    QVERIFY(distinctColours(fm->layerImage(0)) > 8);
    const int before = snap->label;
    (void)before;
    // Choosing another probe image gives a snapshot of that image (idle: computed off the GUI thread).
    QSignalSpy fmSnaps(w->featureMapView(), &FeatureMapView::probeIndexChanged);
    const auto oldSnap = fm->snapshot();
    fm->findChild<QSpinBox*>()->setValue(3);
    QCOMPARE(fmSnaps.count(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(fm->snapshot() != oldSnap, 10000);
    auto data = w->dataset();
    QCOMPARE(fm->snapshot()->label, int(data->testLabels[3]));
    QCOMPARE(fm->snapshot()->input[14 * 28 + 14], data->testImages[3 * 784 + 14 * 28 + 14] / 255.0f);
}

void TestTraining::checkpointRoundTripThroughGui() {
    auto w = makeWindow(smallCnn(1));
    QTRY_VERIFY_WITH_TIMEOUT(w->isDatasetReady(), kLongTimeout);
    QVERIFY(!w->saveCheckpointTo("/nonexistent/x.llckpt"));  // nothing trained yet
    QSignalSpy finished(w->trainingController(), &TrainingController::finished);
    w->startTraining();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kLongTimeout);
    const std::vector<float> trained = w->trainedParams();
    const ModelSpec trainedSpec = w->trainedSpec();
    QVERIFY(!trained.empty());

    QTemporaryDir dir;
    const QString path = dir.filePath("model.llckpt");
    QString error;
    QVERIFY2(w->saveCheckpointTo(path, &error), qPrintable(error));

    // A fresh window (a new session): load it, same spec and bit-identical params, filters drawn without
    // training.
    auto w2 = makeWindow(mlp(1));
    QVERIFY2(w2->loadCheckpointFrom(path, &error), qPrintable(error));
    QCOMPARE(w2->trainedParams().size(), trained.size());
    QVERIFY(w2->trainedParams() == trained);
    QVERIFY(w2->document()->spec() == trainedSpec);
    QVERIFY(w2->trainedSpec() == trainedSpec);
    QTRY_VERIFY_WITH_TIMEOUT(w2->filterView()->snapshot() != nullptr, kLongTimeout);
    w2->filterView()->renderPending();
    QCOMPARE(w2->filterView()->sectionCount(), 1);
    QCOMPARE(w2->filterView()->snapshot()->epoch, 0);  // not from a training run
    // The kernels drawn are the checkpoint's: same weights as at the end of training.
    const auto& k = w2->filterView()->snapshot()->layers[0].weights;
    QVERIFY(!k.empty());
    QCOMPARE(k[0], trained[0]);

    QVERIFY(!w2->loadCheckpointFrom(dir.filePath("missing.llckpt"), &error));
    QVERIFY(error.contains("missing.llckpt"));
}

void TestTraining::configPanelEditsAreUndoable() {
    auto w = makeWindow(mlp(2));
    TrainingConfigPanel* panel = w->trainingConfigPanel();
    ModelDocument* doc = w->document();
    auto* epochs = qobject_cast<QSpinBox*>(panel->fieldEditor("epochs"));
    QVERIFY(epochs && epochs->value() == 2);
    // The schedule combo writes the schedule and shows only the rows the chosen schedule uses.
    auto* schedule = panel->findChild<QComboBox*>(QStringLiteral("lr_schedule.type"));
    auto* patience = panel->findChild<QSpinBox*>(QStringLiteral("lr_schedule.patience"));
    auto* factor = panel->findChild<QDoubleSpinBox*>(QStringLiteral("lr_schedule.factor"));
    QVERIFY(schedule && patience && factor);
    QCOMPARE(doc->spec().training.schedule.type, ScheduleType::Constant);
    QVERIFY(patience->isHidden() && factor->isHidden());
    schedule->setCurrentIndex(schedule->findData(int(ScheduleType::Plateau)));
    QCOMPARE(doc->spec().training.schedule.type, ScheduleType::Plateau);
    QVERIFY(!patience->isHidden() && !factor->isHidden());
    factor->setValue(0.25);
    QCOMPARE(doc->spec().training.schedule.factor, 0.25f);
    doc->undoStack()->undo();
    doc->undoStack()->undo();
    QCOMPARE(doc->spec().training.schedule.type, ScheduleType::Constant);
    QVERIFY(patience->isHidden());
    const int undoBefore = doc->undoStack()->index();
    epochs->setValue(7);
    QCOMPARE(doc->spec().training.epochs, 7);
    QCOMPARE(doc->undoStack()->index(), undoBefore + 1);
    QVERIFY(!epochs->toolTip().isEmpty());
    doc->undoStack()->undo();
    QCOMPARE(doc->spec().training.epochs, 2);
    QCOMPARE(epochs->value(), 2);  // the panel follows the document
    // Every input says what it does to training.
    for (QAbstractSpinBox* s : panel->findChildren<QAbstractSpinBox*>()) QVERIFY(!s->toolTip().isEmpty());
    for (QComboBox* c : panel->findChildren<QComboBox*>()) QVERIFY(!c->toolTip().isEmpty());
    // Locked while training runs.
    QTRY_VERIFY_WITH_TIMEOUT(w->isDatasetReady(), kLongTimeout);
    w->startTraining();
    QVERIFY(!epochs->isEnabled());
    w->stopTraining();
    QTRY_VERIFY_WITH_TIMEOUT(!w->trainingController()->isActive(), 10000);
    QVERIFY(epochs->isEnabled());
}

void TestTraining::missingDatasetIsGreyedOut() {
    auto w = makeWindow(mlp(1));
    QComboBox* combo = w->trainingConfigPanel()->datasetCombo();
    auto* model = qobject_cast<QStandardItemModel*>(combo->model());
    QVERIFY(model);
    for (int i = 0; i < combo->count(); ++i) {
        if (DatasetKind(combo->itemData(i).toInt()) ==
            DatasetKind::ImageFolder) {  // any folder: always there
            QVERIFY(model->item(i)->isEnabled());
            QVERIFY(combo->itemData(i, Qt::ToolTipRole).toString().contains("Open Image Folder"));
            continue;
        }
        const DataLocation loc = locateDataset(DatasetKind(combo->itemData(i).toInt()));
        QCOMPARE(model->item(i)->isEnabled(), loc.found);
        const QString tip = combo->itemData(i, Qt::ToolTipRole).toString();
        if (!loc.found)
            QVERIFY2(tip.contains(QString::fromStdString(loc.hint)), qPrintable(tip));
        else
            QVERIFY(tip.contains(QString::fromStdString(loc.directory)));
    }
}

void TestTraining::startBlockedShowsShapeError() {
    ModelSpec bad = mlp(1);
    LayerSpec conv = layer(LayerType::Conv2D);
    bad.layers.insert(bad.layers.begin() + 1, conv);  // Conv2D after Flatten cannot work
    auto w = makeWindow(bad);
    QVERIFY(!w->document()->info().ok());
    QVERIFY(!w->startAction()->isEnabled());
    const QString err = QString::fromStdString(w->document()->info().error);
    QVERIFY(w->trainBlockedReason().contains(err));
    QVERIFY(w->startAction()->toolTip().contains(err));
    w->startTraining();
    QVERIFY(!w->trainingController()->isActive());

    // Settings that cannot work together block Start too, with the field named.
    ModelSpec floorAboveRate = mlp(1);
    floorAboveRate.training.schedule.type = ScheduleType::Cosine;
    floorAboveRate.training.schedule.minLr = 0.01f;  // above the learning rate 0.002
    auto w2 = makeWindow(floorAboveRate);
    QTRY_VERIFY_WITH_TIMEOUT(w2->isDatasetReady(), kLongTimeout);
    QVERIFY(!w2->startAction()->isEnabled());
    QVERIFY2(w2->trainBlockedReason().contains("training.lr_schedule.min_lr"),
             qPrintable(w2->trainBlockedReason()));
    floorAboveRate.training.schedule.minLr = 0.0001f;
    w2->document()->setTraining(floorAboveRate.training);
    QVERIFY(w2->startAction()->isEnabled());
}

void TestTraining::closingDuringTrainingEndsWorker() {
    auto w = makeWindow(smallCnn(200));
    QTRY_VERIFY_WITH_TIMEOUT(w->isDatasetReady(), kLongTimeout);
    QSignalSpy batches(w->trainingController(), &TrainingController::batchesReady);
    w->startTraining();
    QTRY_VERIFY_WITH_TIMEOUT(batches.count() > 0, kLongTimeout);
    QElapsedTimer t;
    t.start();
    w->close();  // does not block: stops the worker, closes when it has ended
    QTRY_VERIFY_WITH_TIMEOUT(!w->trainingController()->isActive(), 2000);
    QVERIFY2(t.elapsed() < 1000, qPrintable(QString::number(t.elapsed())));
    QTRY_VERIFY_WITH_TIMEOUT(!w->isVisible(), 2000);
    w.reset();  // destroying it afterwards is clean

    // Destroying the window while the worker runs (e.g. app quit) joins it within a batch.
    auto w2 = makeWindow(smallCnn(200));
    QTRY_VERIFY_WITH_TIMEOUT(w2->isDatasetReady(), kLongTimeout);
    QSignalSpy batches2(w2->trainingController(), &TrainingController::batchesReady);
    w2->startTraining();
    QTRY_VERIFY_WITH_TIMEOUT(batches2.count() > 0, kLongTimeout);
    t.restart();
    w2.reset();
    QVERIFY2(t.elapsed() < 1000, qPrintable(QString::number(t.elapsed())));
}

// Issue 7 item 23: destroying a window with unsaved edits ran MainWindow::updateTitle from the undo stack's
// cleanChanged while ~MainWindow was deleting the children (UBSan: downcast to a half-destroyed MainWindow).
// That slot marks the window unmodified, which sends it a ModifiedChange event: there must be none.
void TestTraining::destroyingAModifiedWindowRunsNoSlot() {
    struct ModifiedEvents : QObject {
        int count = 0;
        bool eventFilter(QObject*, QEvent* e) override {
            if (e->type() == QEvent::ModifiedChange) ++count;
            return false;
        }
    } events;
    auto w = makeWindow(mlp(1));
    w->document()->removeLayer(w->document()->layerId(1));
    QVERIFY(w->document()->isModified());
    QVERIFY(w->isWindowModified());
    w->installEventFilter(&events);
    w.reset();
    QCOMPARE(events.count, 0);
}

void TestTraining::startTrainsWhatTheFileSays() {
    // Values beyond what the old Training tab could show: opening, changing only the learning rate and
    // starting trains exactly the file's settings with the new rate (the panel used to clamp them first).
    QTemporaryDir dir;
    const QString path = dir.filePath("wide.json");
    std::ofstream(path.toStdString()) << R"({"format": "layerlab-model", "version": 1, "name": "wide",
      "input": {"channels": 1, "height": 28, "width": 28}, "classes": 10,
      "layers": [{"type": "Flatten"}, {"type": "Dense", "units": 10, "activation": "softmax"}],
      "training": {"batch_size": 8192, "epochs": 2000, "validation_split": 0.8, "seed": 123456789012,
                   "threads": 1, "dataset": "subset", "early_stopping": {"enabled": true, "patience": 500}}})";
    auto w = makeWindow(mlp(1));
    QVERIFY(w->fileController()->openFile(path));
    auto* rate =
        qobject_cast<QDoubleSpinBox*>(w->trainingConfigPanel()->fieldEditor("optimizer.learning_rate"));
    QVERIFY(rate);
    rate->setValue(0.01);
    QTRY_VERIFY_WITH_TIMEOUT(w->isDatasetReady(), kLongTimeout);
    w->startTraining();
    QVERIFY(w->trainingController()->isActive());
    ModelSpec expected = loadModelSpec(path.toStdString());
    expected.training.optimizer.learningRate = 0.01f;
    QCOMPARE(w->trainingController()->runSpec().training, expected.training);
    w->stopTraining();
    QTRY_VERIFY_WITH_TIMEOUT(!w->trainingController()->isActive(), 10000);
}

QTEST_MAIN(TestTraining)
#include "tst_training.moc"
