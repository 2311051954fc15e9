// core/optimizer.cpp: each optimizer on a small convex problem, update formulas on one step, and L2.
#include <QtTest>

#include <cmath>

#include "optimizer.h"

using namespace layerlab;

class TestOptimizer : public QObject {
    Q_OBJECT
private slots:
    void convergesOnQuadratic_data();
    void convergesOnQuadratic();
    void firstStepsMatchFormulas();
    void l2AddsDecayToWeightsOnly();
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
    for (int i = 0; i < 4; ++i) QVERIFY2(std::abs(w[i] - kC[i]) < 0.02, qPrintable(QString("w%1 = %2").arg(i).arg(w[i])));
}

void TestOptimizer::firstStepsMatchFormulas() {
    std::vector<float> g = {0.5f, -2.0f};
    {   // Adam's first step is lr * sign(g) (bias-corrected m/sqrt(v) = g/|g|)
        OptimizerSpec s;
        s.type = OptimizerType::Adam;
        s.learningRate = 0.1f;
        auto o = makeOptimizer(s, 2);
        std::vector<float> w = {1.0f, 1.0f};
        o->step(w, g);
        QVERIFY(std::abs(w[0] - 0.9f) < 1e-5);
        QVERIFY(std::abs(w[1] - 1.1f) < 1e-5);
    }
    {   // SGD momentum 0.9: v1 = g, w1 = w0 - lr g; v2 = 0.9 g + g, w2 = w1 - lr * 1.9 g
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
    {   // Adagrad first step: lr * g / |g|; RMSprop first: lr * g / sqrt(0.1 g^2) = lr / sqrt(0.1) * sign
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

QTEST_APPLESS_MAIN(TestOptimizer)
#include "tst_optimizer.moc"
