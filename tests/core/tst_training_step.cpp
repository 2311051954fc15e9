// core/training_step.cpp, the one training step (trainer, bench): a step moves the weights and keeps the
// ones before it; the explode limit comes from the first loss and chance level; a NaN or exploded loss moves
// nothing and restoreLastGood goes back one step; fill scales pixels the way evaluation does; and the bench
// measures this step (a bench over a model that explodes at its rate still runs and reports); the CLI's
// training loop measured for the studio's --benchmark-ui stops after its time or at its end.
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

#include "core/bench.h"
#include "core/dataset.h"
#include "core/network.h"
#include "core/parallel.h"
#include "core/training_step.h"
#include "tests/support/test_data.h"

using namespace layerlab;

namespace {
ModelSpec mlp(OptimizerType opt, float rate) {
    ModelSpec m;
    LayerSpec d = LayerSpec::make(LayerType::Dense);
    d.units = 32;
    d.activation = Activation::ReLU;
    LayerSpec out = LayerSpec::make(LayerType::Dense);
    out.units = 10;
    m.layers = {LayerSpec::make(LayerType::Flatten), d, out};
    m.training.optimizer.type = opt;
    m.training.optimizer.learningRate = rate;
    m.training.batchSize = 64;
    return m;
}

std::vector<float> copy(const Network& net) {
    return {net.params().begin(), net.params().end()};
}
}  // namespace

class TestTrainingStep : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void stepMovesTheWeightsAndKeepsTheOnesBefore();
    void explodedLossMovesNothing();
    void notFiniteLossMovesNothing();
    void fillScalesPixelsThroughTheOrder();
    void benchRunsTheStepEvenWhenItExplodes();
    void trainLoopStopsAfterItsTimeOrAtItsEnd();

private:
    Dataset m_data;
    BatchSource m_src;
    std::vector<std::uint32_t> m_order;
};

void TestTrainingStep::initTestCase() {
    m_data = loadDataset(test::subsetPath(), "MNIST subset");
    m_order.resize(m_data.trainCount());
    std::iota(m_order.rbegin(), m_order.rend(), 0u);  // reversed: the order is really used
    m_src = {m_data.trainImages.data(), m_data.trainLabels.data(), &m_order, m_data.imageSize(),
             Shape::chw(1, m_data.rows, m_data.cols)};
}

void TestTrainingStep::stepMovesTheWeightsAndKeepsTheOnesBefore() {
    const ModelSpec m = mlp(OptimizerType::Adam, 0.001f);
    Network net(m);
    net.setLogitsOutput(true);
    net.reserve(64, 1);
    net.initParams(1);
    TrainingStep step(net, m.training, 64);
    QVERIFY(std::isinf(step.explodeLimit()));
    const std::vector<float> start = copy(net);
    step.fill(m_src, 0, 64);
    const TrainingStep::Result r = step.run(64, 0.001f);
    QCOMPARE(int(r.outcome), int(TrainingStep::Outcome::Stepped));
    QCOMPARE(step.steps(), 1ll);
    QVERIFY(copy(net) != start);
    // The limit: 1000 x the larger of the first loss and ln(10) (an untrained net scores about ln 10).
    QVERIFY2(std::abs(r.loss.loss - std::log(10.0)) < 0.5, qPrintable(QString::number(r.loss.loss)));
    QCOMPARE(step.explodeLimit(), kExplodeFactor * std::max(r.loss.loss, std::log(10.0)));
    step.fill(m_src, 64, 64);
    QCOMPARE(int(step.run(64, 0.001f).outcome), int(TrainingStep::Outcome::Stepped));
    const std::vector<float> afterTwo = copy(net);
    step.restoreLastGood();  // back to the weights before the last step that moved
    QVERIFY(copy(net) != afterTwo);
    QVERIFY(copy(net) != start);
}

void TestTrainingStep::explodedLossMovesNothing() {
    // SGD at rate 1e4: the first step is fine (loss ~2.3), the second one's loss is orders of magnitude
    // beyond the limit but finite -- the case that used to end "finished" with a test loss of 1e19.
    const ModelSpec m = mlp(OptimizerType::SGD, 1e4f);
    Network net(m);
    net.setLogitsOutput(true);
    net.reserve(64, 2);
    net.initParams(1);
    TrainingStep step(net, m.training, 64);
    const std::vector<float> start = copy(net);
    step.fill(m_src, 0, 64);
    QCOMPARE(int(step.run(64, 1e4f).outcome), int(TrainingStep::Outcome::Stepped));
    const std::vector<float> afterOne = copy(net);
    step.fill(m_src, 64, 64);
    const TrainingStep::Result r = step.run(64, 1e4f);
    QCOMPARE(int(r.outcome), int(TrainingStep::Outcome::Exploded));
    QVERIFY(std::isfinite(r.loss.loss) && r.loss.loss > step.explodeLimit());
    QCOMPARE(step.steps(), 1ll);
    QVERIFY(copy(net) == afterOne);  // nothing moved
    step.restoreLastGood();
    QVERIFY(copy(net) == start);  // the weights whose loss was good
}

void TestTrainingStep::notFiniteLossMovesNothing() {
    const ModelSpec m = mlp(OptimizerType::SGD, 0.01f);
    Network net(m);
    net.setLogitsOutput(true);
    net.reserve(64, 1);
    net.initParams(1);
    net.params()[0] = std::numeric_limits<float>::quiet_NaN();
    TrainingStep step(net, m.training, 64);
    step.fill(m_src, 0, 64);
    const TrainingStep::Result r = step.run(64, 0.01f);
    QCOMPARE(int(r.outcome), int(TrainingStep::Outcome::NotFinite));
    QCOMPARE(step.steps(), 0ll);
    QVERIFY(std::isnan(net.params()[0]) && net.params()[1] != 0);
}

void TestTrainingStep::fillScalesPixelsThroughTheOrder() {
    const ModelSpec m = mlp(OptimizerType::SGD, 0.01f);
    Network net(m);
    net.reserve(4, 1);
    TrainingStep step(net, m.training, 4);
    step.fill(m_src, 10, 4);
    const size_t isz = m_data.imageSize();
    for (int s = 0; s < 4; ++s) {
        const size_t i = m_order[10 + s];
        QCOMPARE(step.labels()[s], m_data.trainLabels[i]);
        for (size_t p = 0; p < isz; p += 97)
            QCOMPARE(net.inputBuffer()[s * isz + p], m_data.trainImages[i * isz + p] / 255.0f);
    }
}

void TestTrainingStep::benchRunsTheStepEvenWhenItExplodes() {
    ModelSpec m = mlp(OptimizerType::SGD, 1e4f);
    const BenchResult exploding = benchmark(m, m_data, 64, 1, 1, 0.05);
    QVERIFY(exploding.trainSamplesPerSecond > 0 && std::isfinite(exploding.trainSamplesPerSecond));
    QCOMPARE(exploding.batch, 64);
    QCOMPARE(exploding.threads, 1);
    // A batch larger than the training set cycles through it.
    Dataset tiny = m_data;
    tiny.trainImages.resize(10 * tiny.imageSize());
    tiny.trainLabels.resize(10);
    QVERIFY(benchmark(mlp(OptimizerType::Adam, 0.001f), tiny, 32, 1, 1, 0.05).inferSamplesPerSecond > 0);
}

// The CLI's loop for --benchmark-ui: a run that would last 10,000 epochs is stopped after its time; a run
// shorter than its time ends by itself and the waiting stopper lets it go at once (ctest's timeout is far
// shorter than the 1000 s it would otherwise wait).
void TestTrainingStep::trainLoopStopsAfterItsTimeOrAtItsEnd() {
    ModelSpec m = mlp(OptimizerType::Adam, 0.001f);
    m.training.threads = 1;
    m.training.epochs = 10000;
    m.training.earlyStopping.enabled = false;
    QElapsedTimer clock;
    clock.start();
    const double stopped = trainLoopSamplesPerSecond(m, m_data, 0.3);
    QVERIFY2(stopped > 0 && std::isfinite(stopped), qPrintable(QString::number(stopped)));
    QVERIFY2(clock.elapsed() < 60000, qPrintable(QString::number(clock.elapsed())));
    m.training.epochs = 1;
    clock.restart();
    const double ended = trainLoopSamplesPerSecond(m, m_data, 1000);
    QVERIFY2(ended > 0 && std::isfinite(ended), qPrintable(QString::number(ended)));
    QVERIFY2(clock.elapsed() < 60000, qPrintable(QString::number(clock.elapsed())));
}

QTEST_GUILESS_MAIN(TestTrainingStep)
#include "tst_training_step.moc"
