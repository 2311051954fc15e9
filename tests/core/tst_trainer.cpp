// core/trainer.cpp on the bundled real-MNIST subset: convergence, determinism, pause/resume/stop from another
// thread, divergence detection, early stopping, snapshots, evaluation of given weights.
#include <QtTest>

#include <atomic>
#include <cmath>
#include <thread>

#include "core/dataset.h"
#include "core/errors.h"
#include "core/model_spec.h"
#include "core/trainer.h"
#include "tests/support/test_data.h"

using namespace layerlab;

class TestTrainer : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void mlpLearnsTheSubset();
    void sameSeedAndThreadsGiveIdenticalWeights();
    void pauseResumeAndStopFromAnotherThread();
    void stopInsideAnEpochSaysWhereItStopped();
    void divergingRunStopsAndKeepsFiniteWeights();
    void explodingLossIsFlaggedLikeDivergence();
    void earlyStoppingRestoresBestWeights();
    void scheduleSetsTheOptimizersRate();
    void plateauLowersTheRateWhenValidationStalls();
    void snapshotsCopyWeightsAndActivations();
    void datasetThatDoesNotFitIsRejected();

private:
    Dataset m_data;
};

namespace {
LayerSpec L(LayerType t) {
    return LayerSpec::make(t);
}

ModelSpec mlp(int epochs) {
    ModelSpec m;
    m.name = "test MLP";
    LayerSpec d = L(LayerType::Dense);
    d.units = 64;
    d.activation = Activation::ReLU;
    LayerSpec out = L(LayerType::Dense);
    out.units = 10;
    out.activation = Activation::Softmax;
    m.layers = {L(LayerType::Flatten), d, out};
    m.training.epochs = epochs;
    m.training.batchSize = 32;
    m.training.threads = 2;
    m.training.validationSplit = 0.1f;
    m.training.earlyStopping.enabled = false;
    return m;
}

struct Recorder : TrainerObserver {
    std::atomic<int> batches{0}, epochs{0}, finished{0};
    std::atomic<bool> sawPausedGap{false};
    void onBatchEnd(const BatchMetrics&) override { ++batches; }
    void onEpochEnd(const EpochMetrics&) override { ++epochs; }
    void onFinished(const TrainResult&) override { ++finished; }
};

// Calls stop() from the observer when epoch `epoch`, batch `batch` ends (the run checks it before the next
// batch), like a user pressing Stop at that moment.
struct StopAt : Recorder {
    Trainer* trainer = nullptr;
    int epoch = 0, batch = 0;
    void onBatchEnd(const BatchMetrics& m) override {
        Recorder::onBatchEnd(m);
        if (m.epoch == epoch && m.batch == batch) trainer->stop();
    }
};
}  // namespace

void TestTrainer::initTestCase() {
    m_data = loadDataset(test::subsetPath(), "MNIST subset");
    QCOMPARE(m_data.trainCount(), size_t(2000));
}

void TestTrainer::mlpLearnsTheSubset() {
    Trainer t(mlp(3), m_data);
    Recorder rec;
    t.setObserver(&rec);
    const TrainResult r = t.run();
    QVERIFY(!r.diverged && !r.failed && !r.stoppedByUser);
    QCOMPARE(int(r.epochs.size()), 3);
    QCOMPARE(rec.epochs.load(), 3);
    QCOMPARE(rec.finished.load(), 1);
    QCOMPARE(rec.batches.load(), 3 * ((1800 + 31) / 32));
    QVERIFY2(r.testAccuracy > 0.85, qPrintable(QString::number(r.testAccuracy)));
    QVERIFY(r.epochs.back().trainLoss < r.epochs.front().trainLoss);
    QVERIFY(r.epochs.back().valAccuracy > 0.8);
    // evaluate() with the final weights reproduces the test figure
    const auto [loss, acc] =
        t.evaluate(m_data.testImages.data(), m_data.testLabels.data(), m_data.testCount());
    QVERIFY(std::abs(acc - r.testAccuracy) < 1e-12);
    QVERIFY(std::abs(loss - r.testLoss) < 1e-9);
}

void TestTrainer::sameSeedAndThreadsGiveIdenticalWeights() {
    ModelSpec m = mlp(1);
    LayerSpec drop = L(LayerType::Dropout);
    drop.rate = 0.2f;
    m.layers.insert(m.layers.begin() + 2, drop);
    Trainer a(m, m_data), b(m, m_data);
    a.run();
    b.run();
    const auto pa = a.currentParams(), pb = b.currentParams();
    QCOMPARE(pa.size(), pb.size());
    QVERIFY(std::memcmp(pa.data(), pb.data(), pa.size() * sizeof(float)) == 0);
    m.training.seed = 43;
    Trainer c(m, m_data);
    c.run();
    QVERIFY(c.currentParams() != pa);
}

void TestTrainer::pauseResumeAndStopFromAnotherThread() {
    Trainer t(mlp(50), m_data);
    Recorder rec;
    t.setObserver(&rec);
    TrainResult result;
    std::thread worker([&] { result = t.run(); });
    QTRY_VERIFY_WITH_TIMEOUT(rec.batches.load() > 5, 20000);
    t.pause();
    QVERIFY(t.isPaused());
    QTest::qWait(100);  // let the batch in flight finish
    const int atPause = rec.batches.load();
    QTest::qWait(300);
    QCOMPARE(rec.batches.load(), atPause);  // nothing ran while paused
    t.resume();
    QTRY_VERIFY_WITH_TIMEOUT(rec.batches.load() > atPause + 5, 20000);
    t.stop();
    worker.join();
    QVERIFY(result.stoppedByUser);
    QVERIFY(int(result.epochs.size()) < 50);
    QVERIFY(std::isnan(result.testAccuracy));  // a stopped run skips the test pass
    QCOMPARE(rec.finished.load(), 1);
}

void TestTrainer::stopInsideAnEpochSaysWhereItStopped() {
    // 1800 training images in batches of 32: 57 batches per epoch.
    {  // Inside epoch 1: no epoch is recorded, so no validation point and no best epoch.
        Trainer t(mlp(3), m_data);
        StopAt stopper;
        stopper.trainer = &t;
        stopper.epoch = 1;
        stopper.batch = 5;
        t.setObserver(&stopper);
        const TrainResult r = t.run();
        QVERIFY(r.stoppedByUser);
        QCOMPARE(r.message,
                 std::string("Stopped by the user in epoch 1 at batch 5 of 57 (no validation of the "
                             "partial epoch)."));
        QCOMPARE(r.stopEpoch, 1);
        QCOMPARE(r.stopBatch, 5);
        QCOMPARE(r.batchesPerEpoch, 57);
        QVERIFY(r.epochs.empty());
        QCOMPARE(stopper.epochs.load(), 0);
        QCOMPARE(r.bestEpoch, 0);
        // The last snapshot is labelled with the stop position, not as the end of an epoch.
        const auto snap = t.latestSnapshot();
        QVERIFY(snap);
        QCOMPARE(snap->epoch, 1);
        QCOMPARE(snap->batch, 5);
        QCOMPARE(snap->step, 5LL);
    }
    {  // Inside epoch 2 with restore-best: the message says whose weights were kept.
        ModelSpec m = mlp(3);
        m.training.earlyStopping.enabled = true;
        m.training.earlyStopping.restoreBest = true;
        Trainer t(m, m_data);
        StopAt stopper;
        stopper.trainer = &t;
        stopper.epoch = 2;
        stopper.batch = 10;
        t.setObserver(&stopper);
        const TrainResult r = t.run();
        QCOMPARE(int(r.epochs.size()), 1);
        QCOMPARE(r.bestEpoch, 1);
        QVERIFY(r.restoredBest);
        QCOMPARE(r.message,
                 std::string("Stopped by the user in epoch 2 at batch 10 of 57 (no validation of the "
                             "partial epoch); restored the weights of epoch 1."));
        const auto snap = t.latestSnapshot();
        QCOMPARE(snap->epoch, 1);  // the restored weights: the end of epoch 1
        QCOMPARE(snap->batch, 0);
        QCOMPARE(snap->step, 57LL);
    }
    {  // During an epoch's last batch: that epoch is complete (validated), and the message says so.
        Trainer t(mlp(3), m_data);
        StopAt stopper;
        stopper.trainer = &t;
        stopper.epoch = 1;
        stopper.batch = 57;
        t.setObserver(&stopper);
        const TrainResult r = t.run();
        QCOMPARE(int(r.epochs.size()), 1);
        QVERIFY(std::isfinite(r.epochs[0].valAccuracy));
        QCOMPARE(r.stopBatch, 0);
        QCOMPARE(r.message, std::string("Stopped by the user after epoch 1."));
    }
}

void TestTrainer::divergingRunStopsAndKeepsFiniteWeights() {
    ModelSpec m = mlp(3);
    m.training.optimizer.type = OptimizerType::SGD;
    m.training.optimizer.momentum = 0.9f;
    m.training.optimizer.learningRate = 1e8f;
    Trainer t(m, m_data);
    const TrainResult r = t.run();
    QVERIFY(r.diverged);
    QVERIFY2(r.message.find("diverged") != std::string::npos, r.message.c_str());
    QVERIFY(r.message.find("learning rate") != std::string::npos);
    for (float p : t.currentParams()) QVERIFY(std::isfinite(p));
    QVERIFY(std::isfinite(r.testLoss) || r.testAccuracy >= 0);
}

void TestTrainer::explodingLossIsFlaggedLikeDivergence() {
    // Adam at 1e10: the loss jumps to ~1e23 at batch 2 without becoming NaN. It used to train on to the end
    // and report a test loss of ~6e9; now it stops there, says why, and keeps the weights of batch 1.
    ModelSpec m = mlp(3);
    m.training.optimizer.learningRate = 1e10f;
    Trainer t(m, m_data);
    Recorder rec;
    t.setObserver(&rec);
    const TrainResult r = t.run();
    QVERIFY(r.diverged && !r.failed && !r.stoppedByUser);
    QVERIFY2(r.message.find("the loss exploded to") != std::string::npos, r.message.c_str());
    QVERIFY2(r.message.find("Lower the learning rate (now 1e+10, try 1e+09)") != std::string::npos,
             r.message.c_str());
    QVERIFY(r.message.find("last good weights were kept") != std::string::npos);
    QCOMPARE(rec.batches.load(), 1);  // stopped at the first exploded batch
    QVERIFY(r.epochs.empty());
    QCOMPARE(rec.finished.load(), 1);
    for (float p : t.currentParams()) QVERIFY(std::isfinite(p) && std::abs(p) < 10);
    QVERIFY2(r.testLoss < 5, qPrintable(QString::number(r.testLoss)));  // the untrained level (~2.3)
}

void TestTrainer::earlyStoppingRestoresBestWeights() {
    // A high learning rate makes the validation loss bounce, so patience 1 ends the run early.
    ModelSpec m = mlp(40);
    m.training.optimizer.learningRate = 0.05f;
    m.training.earlyStopping = {true, Monitor::ValLoss, 1, true};
    Trainer t(m, m_data);
    const TrainResult r = t.run();
    QVERIFY(r.stoppedEarly);
    QVERIFY(int(r.epochs.size()) < 40);
    QVERIFY(r.bestEpoch >= 1 && r.bestEpoch < int(r.epochs.size()));
    double best = 1e9;
    for (const auto& e : r.epochs) best = std::min(best, e.valLoss);
    QCOMPARE(r.epochs[r.bestEpoch - 1].valLoss, best);
    QVERIFY(r.epochs[r.bestEpoch - 1].best);
}

void TestTrainer::scheduleSetsTheOptimizersRate() {
    ModelSpec m = mlp(3);
    m.training.schedule.type = ScheduleType::Step;
    m.training.schedule.factor = 0.5f;
    m.training.schedule.every = 1;
    Trainer stepped(m, m_data);
    const TrainResult r = stepped.run();
    QCOMPARE(int(r.epochs.size()), 3);
    QCOMPARE(r.epochs[0].learningRate, double(0.001f));
    QCOMPARE(r.epochs[1].learningRate, double(0.0005f));
    QCOMPARE(r.epochs[2].learningRate, double(0.00025f));
    // The rate reaches the optimizer: after the first epoch the weights part from a constant-rate run.
    ModelSpec c = m;
    c.training.schedule.type = ScheduleType::Constant;
    c.training.epochs = m.training.epochs = 1;
    Trainer a(m, m_data), b(c, m_data);
    a.run();
    b.run();
    QCOMPARE(a.currentParams(), b.currentParams());
    c.training.epochs = 3;
    Trainer constant(c, m_data);
    constant.run();
    QVERIFY(constant.currentParams() != stepped.currentParams());
}

void TestTrainer::plateauLowersTheRateWhenValidationStalls() {
    // The learning rate that makes early stopping trigger above also makes the validation loss stall.
    ModelSpec m = mlp(12);
    m.training.optimizer.learningRate = 0.05f;
    m.training.schedule.type = ScheduleType::Plateau;
    m.training.schedule.factor = 0.5f;
    m.training.schedule.patience = 1;
    Trainer t(m, m_data);
    const TrainResult r = t.run();
    QCOMPARE(int(r.epochs.size()), 12);
    double best = 1e9;
    float expected = 0.05f;
    int reductions = 0;
    for (const auto& e : r.epochs) {
        QCOMPARE(e.learningRate, double(expected));  // the rate used during this epoch
        if (e.valLoss < best) {
            best = e.valLoss;
        } else {
            expected *= 0.5f;  // no improvement: the next epoch runs at half the rate
            ++reductions;
        }
    }
    QVERIFY2(reductions >= 1, "the validation loss never stalled; raise the learning rate of this test");
}

void TestTrainer::snapshotsCopyWeightsAndActivations() {
    ModelSpec m;
    LayerSpec c = L(LayerType::Conv2D);
    c.filters = 4;
    c.kernel = 3;
    c.activation = Activation::ReLU;
    LayerSpec p = L(LayerType::MaxPool2D);
    p.poolSize = 2;
    p.stride = 2;
    LayerSpec d = L(LayerType::Dense);
    d.units = 10;
    d.activation = Activation::Softmax;
    m.layers = {c, p, L(LayerType::Flatten), d};
    m.training.epochs = 1;
    m.training.threads = 2;
    Trainer t(m, m_data);
    t.requestSnapshot(3);
    t.run();  // the request is answered during the run; a final one is published at the end
    auto s = t.latestSnapshot();
    QVERIFY(s);
    // One entry per layer as the editor numbers them: the fused relu and softmax belong to their layers.
    QCOMPARE(int(s->layers.size()), 4);  // conv (relu), pool, flatten, dense (softmax)
    for (int i = 0; i < 4; ++i) QCOMPARE(s->layers[i].specIndex, i);
    QCOMPARE(s->layers[0].name, std::string("Conv2D"));
    QCOMPARE(s->layers[0].spec.activation, Activation::ReLU);
    QCOMPARE(s->layers[0].weightDims, (std::vector<int>{4, 1, 3, 3}));
    QCOMPARE(s->layers[0].activation.size(), size_t(4 * 26 * 26));
    // The layer's output is the activated one; the output before the relu is kept beside it.
    const auto& conv = s->layers[0];
    QCOMPARE(conv.preActivation.size(), conv.activation.size());
    bool negativeBefore = false;
    for (size_t i = 0; i < conv.activation.size(); ++i) {
        QCOMPARE(conv.activation[i], std::max(0.0f, conv.preActivation[i]));
        negativeBefore = negativeBefore || conv.preActivation[i] < 0;
    }
    QVERIFY(negativeBefore);
    QCOMPARE(s->layers[1].name, std::string("MaxPool2D"));
    QVERIFY(s->layers[1].preActivation.empty());  // no fused activation
    QCOMPARE(s->layers[3].weightDims, (std::vector<int>{10, 4 * 13 * 13}));
    double outSum = 0;  // the dense layer's output is its softmax: the probabilities
    for (float v : s->layers[3].activation) outSum += v;
    QVERIFY(std::abs(outSum - 1) < 1e-4);
    QCOMPARE(s->layers[3].preActivation.size(), size_t(10));
    // The snapshot's weights are the trainer's weights (first 36 floats are the conv kernels).
    const auto params = t.currentParams();
    QVERIFY(std::equal(s->layers[0].weights.begin(), s->layers[0].weights.end(), params.begin()));
    double sum = 0;
    for (float v : s->probabilities) sum += v;
    QVERIFY(std::abs(sum - 1) < 1e-4);
    QVERIFY(s->label >= 0 && s->label < 10);
    float mx = 0;
    for (float v : s->input) mx = std::max(mx, v);
    QVERIFY(mx > 0.5f && mx <= 1.0f);
    // snapshotFromParams gives the same activations as the trainer's probe
    const std::vector<std::uint8_t> img(s->input.size());
    auto again = snapshotFromParams(m, params, img.data(), 0);
    QCOMPARE(again.layers.size(), s->layers.size());
}

void TestTrainer::datasetThatDoesNotFitIsRejected() {
    ModelSpec m = mlp(1);
    m.input = Shape::chw(1, 32, 32);
    try {
        Trainer t(m, m_data);
        QFAIL("expected DataError");
    } catch (const DataError& e) {
        QVERIFY2(std::string(e.what()).find("1x32x32") != std::string::npos, e.what());
    }
}

QTEST_MAIN(TestTrainer)
#include "tst_trainer.moc"
