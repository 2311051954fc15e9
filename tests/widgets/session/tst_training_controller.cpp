// TrainingController, the bridge between the trainer's worker thread and the GUI, driven directly (no
// window) on the bundled MNIST subset: every batch and epoch arrives once and in order, pause holds the
// worker, stop ends the run early, snapshots and weights are read from the GUI thread while the worker
// trains, and destroying the controller mid-run joins the worker. scripts/test.sh --tsan runs it under
// ThreadSanitizer, so each of these cross-thread paths is checked for data races too.
#include <QSignalSpy>
#include <QTest>
#include <cmath>
#include <memory>

#include "core/dataset.h"
#include "core/model_spec.h"
#include "tests/support/test_data.h"
#include "widgets/session/training_controller.h"

using namespace layerlab;

namespace {

constexpr int kTimeout = 120000;

ModelSpec mlp(int epochs, int threads) {
    ModelSpec s;
    s.name = "controller MLP";
    LayerSpec hidden = LayerSpec::make(LayerType::Dense);
    hidden.units = 32;
    hidden.activation = Activation::ReLU;
    LayerSpec out = LayerSpec::make(LayerType::Dense);
    out.units = 10;
    out.activation = Activation::Softmax;
    s.layers = {LayerSpec::make(LayerType::Flatten), hidden, out};
    s.training.dataset = DatasetKind::Subset;
    s.training.batchSize = 50;
    s.training.epochs = epochs;
    s.training.validationSplit = 0.1f;
    s.training.threads = threads;
    s.training.seed = 11;
    return s;
}

// 2000 subset images, 10% held out: 1800 to train on, 36 batches of 50 per epoch.
constexpr int kTrainSamples = 1800;
constexpr int kBatchesPerEpoch = 36;

int batchesIn(const QSignalSpy& spy) {
    int n = 0;
    for (const QList<QVariant>& args : spy) n += int(args.at(0).value<QVector<BatchMetrics>>().size());
    return n;
}

}  // namespace

class TestTrainingController : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void everyBatchAndEpochArrivesOnceInOrder();
    void pauseHoldsTheWorkerAndStopEndsTheRun();
    void snapshotsAndWeightsAreReadWhileTraining();
    void aSecondStartWhileRunningIsRefused();
    void destroyingMidRunJoinsTheWorker();

private:
    std::shared_ptr<const Dataset> m_data;
};

void TestTrainingController::initTestCase() {
    m_data = std::make_shared<const Dataset>(loadDataset(test::subsetPath(), "MNIST subset"));
    QCOMPARE(m_data->trainCount(), std::size_t(2000));
}

void TestTrainingController::everyBatchAndEpochArrivesOnceInOrder() {
    TrainingController c;
    QSignalSpy batches(&c, &TrainingController::batchesReady);
    QSignalSpy epochs(&c, &TrainingController::epochEnded);
    QSignalSpy finished(&c, &TrainingController::finished);
    QSignalSpy states(&c, &TrainingController::stateChanged);
    QVERIFY(c.start(mlp(2, 2), m_data));
    QCOMPARE(c.state(), TrainingController::State::Running);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kTimeout);
    QCOMPARE(c.state(), TrainingController::State::Idle);
    QCOMPARE(states.count(), 2);  // Running, Idle

    // Every batch once, in order, although the worker appended them while the GUI drained.
    int expectEpoch = 1, expectBatch = 1;
    for (const QList<QVariant>& args : batches) {
        for (const BatchMetrics& b : args.at(0).value<QVector<BatchMetrics>>()) {
            QCOMPARE(b.epoch, expectEpoch);
            QCOMPARE(b.batch, expectBatch);
            QCOMPARE(b.batchesPerEpoch, kBatchesPerEpoch);
            QVERIFY(std::isfinite(b.loss));
            if (++expectBatch > kBatchesPerEpoch) {
                expectBatch = 1;
                ++expectEpoch;
            }
        }
    }
    QCOMPARE(batchesIn(batches), 2 * kBatchesPerEpoch);
    QCOMPARE(epochs.count(), 2);
    QCOMPARE(epochs.at(1).at(0).value<EpochMetrics>().epoch, 2);
    QCOMPARE(c.samplesProcessed(), 2LL * kTrainSamples);

    const TrainResult r = finished.at(0).at(0).value<TrainResult>();
    QVERIFY(!r.stoppedByUser && !r.failed);
    QVERIFY2(r.testAccuracy > 0.7, qPrintable(QString::number(r.testAccuracy)));
    // The finished run's weights are the ones the worker ended with, readable after it has gone.
    QCOMPARE(c.finalParams().size(), std::size_t(784 * 32 + 32 + 32 * 10 + 10));
}

void TestTrainingController::pauseHoldsTheWorkerAndStopEndsTheRun() {
    TrainingController c;
    QSignalSpy batches(&c, &TrainingController::batchesReady);
    QSignalSpy finished(&c, &TrainingController::finished);
    QVERIFY(c.start(mlp(200, 2), m_data));
    QTRY_VERIFY_WITH_TIMEOUT(batchesIn(batches) >= 3, kTimeout);

    c.pause();
    QCOMPARE(c.state(), TrainingController::State::Paused);
    QTest::qWait(500);  // the batch in flight ends and is drained
    const int atPause = batchesIn(batches);
    const std::vector<float> pausedWeights = c.currentParams();  // from the GUI thread, worker paused
    QTest::qWait(400);
    QCOMPARE(batchesIn(batches), atPause);  // nothing trained while paused
    QCOMPARE(c.currentParams(), pausedWeights);

    c.resume();
    QTRY_VERIFY_WITH_TIMEOUT(batchesIn(batches) >= atPause + 3, kTimeout);
    QVERIFY(c.currentParams() != pausedWeights);
    c.stop();
    QCOMPARE(c.state(), TrainingController::State::Stopping);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kTimeout);
    const TrainResult r = finished.at(0).at(0).value<TrainResult>();
    QVERIFY(r.stoppedByUser);
    QVERIFY(int(r.epochs.size()) < 200);
    QCOMPARE(c.state(), TrainingController::State::Idle);
}

void TestTrainingController::snapshotsAndWeightsAreReadWhileTraining() {
    TrainingController c;
    c.setSnapshotInterval(20);
    QSignalSpy snapshots(&c, &TrainingController::snapshotReady);
    QSignalSpy batches(&c, &TrainingController::batchesReady);
    QSignalSpy finished(&c, &TrainingController::finished);
    QVERIFY(c.start(mlp(1000, 2), m_data));
    // The GUI thread keeps copying the weights and asking for snapshots of other images while the worker
    // trains, until five snapshots have arrived.
    int probe = 0;
    QElapsedTimer waited;
    waited.start();
    while (snapshots.count() < 5 && finished.isEmpty() && waited.elapsed() < kTimeout) {
        QCOMPARE(c.currentParams().size(), std::size_t(784 * 32 + 32 + 32 * 10 + 10));
        c.setProbeIndex(++probe % 50);
        QTest::qWait(15);
    }
    QVERIFY2(snapshots.count() >= 5, qPrintable(QString::number(snapshots.count())));
    QVERIFY(finished.isEmpty());
    c.stop();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kTimeout);

    long long lastStep = -1;
    for (const QList<QVariant>& args : snapshots) {
        const auto snap = args.at(0).value<std::shared_ptr<const Snapshot>>();
        QVERIFY(snap);
        QVERIFY(snap->step >= lastStep);  // never older than the one before
        lastStep = snap->step;
        QCOMPARE(int(snap->layers.size()), 3);  // one per model layer: Flatten, Dense, Dense
    }
    QCOMPARE(lastStep, (long long)batchesIn(batches));  // the last one holds the weights the run ended with
}

void TestTrainingController::aSecondStartWhileRunningIsRefused() {
    TrainingController c;
    QSignalSpy failed(&c, &TrainingController::failed);
    QSignalSpy finished(&c, &TrainingController::finished);
    QVERIFY(c.start(mlp(100, 1), m_data));
    QVERIFY(!c.start(mlp(1, 1), m_data));
    QCOMPARE(failed.count(), 1);
    QVERIFY(failed.at(0).at(0).toString().contains("already running"));
    c.stop();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kTimeout);
}

void TestTrainingController::destroyingMidRunJoinsTheWorker() {
    auto c = std::make_unique<TrainingController>();
    QSignalSpy batches(c.get(), &TrainingController::batchesReady);
    QVERIFY(c->start(mlp(200, 2), m_data));
    QTRY_VERIFY_WITH_TIMEOUT(batchesIn(batches) > 0, kTimeout);
    c->pause();  // a paused worker must wake up to end
    QElapsedTimer t;
    t.start();
    c.reset();
    QVERIFY2(t.elapsed() < 5000, qPrintable(QString::number(t.elapsed())));
}

QTEST_GUILESS_MAIN(TestTrainingController)
#include "tst_training_controller.moc"
