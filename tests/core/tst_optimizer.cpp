// core/optimizer.cpp: each optimizer on a small convex problem, update formulas on one step, and L2.
#include <QtTest>

#include <cmath>

#include "core/lr_schedule.h"
#include "core/optimizer.h"

using namespace layerlab;

class TestOptimizer : public QObject {
    Q_OBJECT
private slots:
    void convergesOnQuadratic_data();
    void convergesOnQuadratic();
    void firstStepsMatchFormulas();
    void l2AddsDecayToWeightsOnly();
    void rangesUpdateOnlyTheirParameters_data();
    void rangesUpdateOnlyTheirParameters();
    void maskRangesAreTheRunsOfOnes();
    void constantAndStepSchedules();
    void cosineScheduleGoesFromRateToFloor();
    void plateauScheduleWaitsForPatience();
};

namespace {
// f(w) = 1/2 sum_i a_i (w_i - c_i)^2, an ill-conditioned bowl with minimum at c.
const std::vector<float> kA = {1.0f, 4.0f, 0.25f, 2.0f};
const std::vector<float> kC = {1.0f, -2.0f, 3.0f, 0.5f};
}  // namespace

void TestOptimizer::convergesOnQuadratic_data() {
    QTest::addColumn<int>("type");
    QTest::addColumn<float>("lr");
    QTest::addColumn<float>("momentum");
    QTest::addColumn<bool>("nesterov");
    QTest::newRow("sgd") << int(OptimizerType::SGD) << 0.2f << 0.0f << false;
    QTest::newRow("sgd momentum") << int(OptimizerType::SGD) << 0.05f << 0.9f << false;
    QTest::newRow("sgd nesterov") << int(OptimizerType::SGD) << 0.05f << 0.9f << true;
    QTest::newRow("adam") << int(OptimizerType::Adam) << 0.05f << 0.0f << false;
    QTest::newRow("adagrad") << int(OptimizerType::Adagrad) << 0.5f << 0.0f << false;
    QTest::newRow("rmsprop") << int(OptimizerType::RMSprop) << 0.01f << 0.0f << false;
}

void TestOptimizer::convergesOnQuadratic() {
    QFETCH(int, type);
    QFETCH(float, lr);
    QFETCH(float, momentum);
    QFETCH(bool, nesterov);
    OptimizerSpec s;
    s.type = OptimizerType(type);
    s.learningRate = lr;
    s.momentum = momentum;
    s.nesterov = nesterov;
    auto opt = makeOptimizer(s, 4);
    std::vector<float> w(4, 0.0f), g(4);
    for (int it = 0; it < 2000; ++it) {
        for (int i = 0; i < 4; ++i) g[i] = kA[i] * (w[i] - kC[i]);
        opt->step(w, g);
    }
    for (int i = 0; i < 4; ++i)
        QVERIFY2(std::abs(w[i] - kC[i]) < 0.02, qPrintable(QString("w%1 = %2").arg(i).arg(w[i])));
}

void TestOptimizer::firstStepsMatchFormulas() {
    std::vector<float> g = {0.5f, -2.0f};
    {  // Adam's first step is lr * sign(g) (bias-corrected m/sqrt(v) = g/|g|)
        OptimizerSpec s;
        s.type = OptimizerType::Adam;
        s.learningRate = 0.1f;
        auto o = makeOptimizer(s, 2);
        std::vector<float> w = {1.0f, 1.0f};
        o->step(w, g);
        QVERIFY(std::abs(w[0] - 0.9f) < 1e-5);
        QVERIFY(std::abs(w[1] - 1.1f) < 1e-5);
    }
    {  // SGD momentum 0.9: v1 = g, w1 = w0 - lr g; v2 = 0.9 g + g, w2 = w1 - lr * 1.9 g
        OptimizerSpec s;
        s.type = OptimizerType::SGD;
        s.learningRate = 0.1f;
        s.momentum = 0.9f;
        auto o = makeOptimizer(s, 2);
        std::vector<float> w = {0.0f, 0.0f};
        o->step(w, g);
        o->step(w, g);
        QVERIFY(std::abs(w[0] - (-0.1f * 0.5f * 2.9f)) < 1e-6);
        // Nesterov: w1 = -lr (g + 0.9 g) = -0.19 g
        s.nesterov = true;
        auto n = makeOptimizer(s, 2);
        std::vector<float> wn = {0.0f, 0.0f};
        n->step(wn, g);
        QVERIFY(std::abs(wn[1] - (0.1f * 2.0f * 1.9f)) < 1e-6);
    }
    {  // Adagrad first step: lr * g / |g|; RMSprop first: lr * g / sqrt(0.1 g^2) = lr / sqrt(0.1) * sign
        OptimizerSpec s;
        s.type = OptimizerType::Adagrad;
        s.learningRate = 0.1f;
        auto o = makeOptimizer(s, 2);
        std::vector<float> w = {0.0f, 0.0f};
        o->step(w, g);
        QVERIFY(std::abs(w[0] + 0.1f) < 1e-5);
        s.type = OptimizerType::RMSprop;
        s.rho = 0.9f;
        auto r = makeOptimizer(s, 2);
        std::vector<float> wr = {0.0f, 0.0f};
        r->step(wr, g);
        QVERIFY(std::abs(wr[1] - 0.1f / std::sqrt(0.1f)) < 1e-4);
    }
}

void TestOptimizer::l2AddsDecayToWeightsOnly() {
    std::vector<float> w = {2.0f, -1.0f, 3.0f}, g = {0.0f, 0.0f, 0.0f};
    std::vector<std::uint8_t> mask = {1, 1, 0};
    const double term = applyL2(w, g, mask, 0.1f);
    QVERIFY(std::abs(term - 0.05 * (4 + 1)) < 1e-6);
    QVERIFY(std::abs(g[0] - 0.2f) < 1e-7);
    QVERIFY(std::abs(g[1] + 0.1f) < 1e-7);
    QCOMPARE(g[2], 0.0f);
}

namespace {
TrainingSpec withSchedule(ScheduleType type) {
    TrainingSpec t;
    t.optimizer.learningRate = 0.1f;
    t.schedule.type = type;
    return t;
}
}  // namespace

void TestOptimizer::rangesUpdateOnlyTheirParameters_data() {
    QTest::addColumn<int>("type");
    QTest::addColumn<float>("momentum");
    QTest::addColumn<int>("statePerParam");
    QTest::newRow("sgd") << int(OptimizerType::SGD) << 0.0f << 0;
    QTest::newRow("sgd momentum") << int(OptimizerType::SGD) << 0.9f << 1;
    QTest::newRow("adam") << int(OptimizerType::Adam) << 0.0f << 2;
    QTest::newRow("adagrad") << int(OptimizerType::Adagrad) << 0.0f << 1;
    QTest::newRow("rmsprop") << int(OptimizerType::RMSprop) << 0.0f << 1;
}

// A frozen layer's parameters (here 2..4 and 7) are outside the ranges: they never move although their
// gradients are not 0, the optimizer keeps no state for them, and the others move exactly as an optimizer
// over those parameters alone moves them.
void TestOptimizer::rangesUpdateOnlyTheirParameters() {
    QFETCH(int, type);
    QFETCH(float, momentum);
    QFETCH(int, statePerParam);
    OptimizerSpec s;
    s.type = OptimizerType(type);
    s.learningRate = 0.1f;
    s.momentum = momentum;
    const std::vector<ParamRange> ranges = {{0, 2}, {5, 2}, {8, 2}};
    auto ranged = makeOptimizer(s, ranges);
    auto alone = makeOptimizer(s, std::size_t(6));
    QCOMPARE(ranged->trainedCount(), 6LL);
    QCOMPARE(ranged->stateFloatsPerParam(), statePerParam);
    QCOMPARE(ranged->stateFloats(), std::size_t(6 * statePerParam));  // nothing for the 4 frozen ones
    QCOMPARE(ranged->ranges(), ranges);
    std::vector<float> w = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, g(10);
    const std::vector<float> w0 = w;
    std::vector<float> wa = {1, 2, 6, 7, 9, 10}, ga(6);
    for (int step = 0; step < 3; ++step) {
        for (int i = 0; i < 10; ++i) g[i] = 0.5f * float(i + 1) - float(step);
        ga = {g[0], g[1], g[5], g[6], g[8], g[9]};
        ranged->step(w, g);
        alone->step(wa, ga);
    }
    for (int i : {2, 3, 4, 7}) QCOMPARE(w[i], w0[i]);  // bit for bit
    const std::vector<float> moved = {w[0], w[1], w[5], w[6], w[8], w[9]};
    QCOMPARE(moved, wa);
    QVERIFY(w[0] != w0[0] && w[9] != w0[9]);
}

void TestOptimizer::maskRangesAreTheRunsOfOnes() {
    QCOMPARE(maskRanges({1, 1, 0, 0, 1, 0, 1, 1, 1}), (std::vector<ParamRange>{{0, 2}, {4, 1}, {6, 3}}));
    QCOMPARE(maskRanges({0, 0}), std::vector<ParamRange>{});
    QCOMPARE(maskRanges({}), std::vector<ParamRange>{});
}

void TestOptimizer::constantAndStepSchedules() {
    TrainingSpec t = withSchedule(ScheduleType::Constant);
    LrScheduler constant(t, 5, 10);
    QCOMPARE(constant.rateFor(1, 0), 0.1f);
    QCOMPARE(constant.rateFor(5, 9), 0.1f);
    QVERIFY(!constant.endEpoch(1.0, 0.5));
    QVERIFY(!constant.endEpoch(2.0, 0.4));  // only plateau reacts to the metrics
    QCOMPARE(constant.rateFor(5, 9), 0.1f);

    t = withSchedule(ScheduleType::Step);
    t.schedule.factor = 0.5f;
    t.schedule.every = 2;
    t.schedule.minLr = 0.02f;
    LrScheduler step(t, 10, 10);
    QCOMPARE(step.rateFor(1, 0), 0.1f);
    QCOMPARE(step.rateFor(2, 9), 0.1f);
    QCOMPARE(step.rateFor(3, 0), 0.05f);
    QCOMPARE(step.rateFor(4, 5), 0.05f);
    QCOMPARE(step.rateFor(5, 0), 0.025f);
    QCOMPARE(step.rateFor(7, 0), 0.02f);  // 0.0125 is below the floor
}

void TestOptimizer::cosineScheduleGoesFromRateToFloor() {
    TrainingSpec t = withSchedule(ScheduleType::Cosine);
    t.schedule.minLr = 0.01f;
    LrScheduler cosine(t, 4, 25);  // 100 batches in all
    QCOMPARE(cosine.rateFor(1, 0), 0.1f);
    QVERIFY(std::abs(cosine.rateFor(3, 0) - 0.055f) < 1e-7f);  // halfway: the midpoint
    QVERIFY(std::abs(cosine.rateFor(2, 0) - (0.01f + 0.09f * 0.5f * (1 + std::cos(0.25f * float(M_PI))))) <
            1e-7f);
    QVERIFY(cosine.rateFor(4, 24) > 0.01f &&
            cosine.rateFor(4, 24) < 0.0101f);  // the last batch: nearly the floor
    float prev = 1;
    for (int e = 1; e <= 4; ++e)
        for (int b = 0; b < 25; ++b) {
            QVERIFY(cosine.rateFor(e, b) < prev);  // strictly falling
            prev = cosine.rateFor(e, b);
        }
}

void TestOptimizer::plateauScheduleWaitsForPatience() {
    TrainingSpec t = withSchedule(ScheduleType::Plateau);
    t.schedule.factor = 0.5f;
    t.schedule.patience = 2;
    t.schedule.minLr = 0.02f;
    LrScheduler p(t, 10, 10);
    QVERIFY(!p.endEpoch(1.0, 0.5));  // first epoch: the best so far
    QVERIFY(!p.endEpoch(0.8, 0.6));  // improved
    QVERIFY(!p.endEpoch(0.9, 0.6));  // 1 epoch without improvement: wait
    QCOMPARE(p.rateFor(4, 0), 0.1f);
    QVERIFY(p.endEpoch(0.85, 0.6));  // 2: lower
    QCOMPARE(p.rateFor(5, 0), 0.05f);
    QVERIFY(!p.endEpoch(0.81, 0.6));  // the counter restarts after a reduction
    QVERIFY(p.endEpoch(0.82, 0.6));
    QCOMPARE(p.rateFor(6, 0), 0.025f);
    QVERIFY(!p.endEpoch(0.7, 0.7));  // improvement resets the wait
    QVERIFY(!p.endEpoch(0.75, 0.7));
    QVERIFY(p.endEpoch(0.75, 0.7));
    QCOMPARE(p.rateFor(9, 0), 0.02f);  // 0.0125 would be below the floor
    QVERIFY(!p.endEpoch(0.75, 0.7));
    QVERIFY(!p.endEpoch(0.75, 0.7));  // already at the floor: nothing changes
    QCOMPARE(p.rateFor(10, 0), 0.02f);

    // Monitoring accuracy: higher is better.
    t.schedule.monitor = Monitor::ValAccuracy;
    t.schedule.patience = 1;
    LrScheduler acc(t, 10, 10);
    QVERIFY(!acc.endEpoch(0.5, 0.90));
    QVERIFY(!acc.endEpoch(0.9, 0.95));  // the loss rose but the accuracy improved
    QVERIFY(acc.endEpoch(0.4, 0.94));   // the loss fell but the accuracy did not improve
    QCOMPARE(acc.rateFor(4, 0), 0.05f);
}

QTEST_APPLESS_MAIN(TestOptimizer)
#include "tst_optimizer.moc"
