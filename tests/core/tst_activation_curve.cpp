// core/activation_curve.cpp: the activation explorer's curves come from the engine's own layers and match
// the closed forms (sigmoid, tanh, ReLU, leaky ReLU and their derivatives), the derivatives agree with
// finite differences of the values, the flat regions are where the slope is small, and the softmax Jacobian
// is diag(y) - y y^T.
#include <QtTest>

#include <cmath>

#include "core/activation_curve.h"

using namespace layerlab;

class TestActivationCurve : public QObject {
    Q_OBJECT
private slots:
    void closedForms();
    void derivativesMatchFiniteDifferences();
    void flatRegions();
    void softmaxAndItsJacobian();
    void notElementWise();
};

void TestActivationCurve::closedForms() {
    const std::vector<float> xs = evenlySpaced(-6, 6, 121);
    QCOMPARE(xs.front(), -6.0f);
    QCOMPARE(xs.back(), 6.0f);
    const ActivationCurve sig = activationCurve(Activation::Sigmoid, xs);
    const ActivationCurve th = activationCurve(Activation::Tanh, xs);
    const ActivationCurve relu = activationCurve(Activation::ReLU, xs);
    const ActivationCurve leaky = activationCurve(Activation::LeakyReLU, xs, 0.1f);
    for (std::size_t i = 0; i < xs.size(); ++i) {
        const double x = xs[i];
        const double s = 1 / (1 + std::exp(-x));
        QVERIFY(std::fabs(sig.y[i] - s) < 1e-6);
        QVERIFY(std::fabs(sig.dy[i] - s * (1 - s)) < 1e-6);
        QVERIFY(std::fabs(th.y[i] - std::tanh(x)) < 1e-6);
        QVERIFY(std::fabs(th.dy[i] - (1 - std::tanh(x) * std::tanh(x))) < 1e-5);
        QCOMPARE(relu.y[i], float(x > 0 ? x : 0));
        QCOMPARE(relu.dy[i], float(x > 0 ? 1 : 0));
        QVERIFY(std::fabs(leaky.y[i] - (x > 0 ? x : 0.1 * x)) < 1e-6);
        QCOMPARE(leaky.dy[i], x > 0 ? 1.0f : 0.1f);
    }
    // Sigmoid's slope peaks at 0.25, tanh's at 1.
    QCOMPARE(sig.dy[60], 0.25f);
    QCOMPARE(th.dy[60], 1.0f);
}

void TestActivationCurve::derivativesMatchFiniteDifferences() {
    // Central differences of f at points away from ReLU's kink.
    const float h = 1e-3f;
    for (Activation a : {Activation::Sigmoid, Activation::Tanh, Activation::ReLU, Activation::LeakyReLU}) {
        for (float x : {-3.3f, -1.1f, -0.4f, 0.3f, 0.9f, 2.7f}) {
            const ActivationCurve c = activationCurve(a, {x - h, x, x + h}, 0.2f);
            const double numeric = (double(c.y[2]) - c.y[0]) / (2 * h);
            QVERIFY2(std::fabs(numeric - c.dy[1]) < 2e-3, qPrintable(QStringLiteral("%1 at %2: %3 vs %4")
                                                                         .arg(activationName(a))
                                                                         .arg(x)
                                                                         .arg(numeric)
                                                                         .arg(c.dy[1])));
        }
    }
}

void TestActivationCurve::flatRegions() {
    const std::vector<float> xs = evenlySpaced(-8, 8, 1601);
    // Sigmoid: slope below 5% of 0.25 where s(1 - s) < 0.0125, |x| > 4.36.
    const auto sig = layerlab::flatRegions(activationCurve(Activation::Sigmoid, xs));
    QCOMPARE(int(sig.size()), 2);
    QCOMPARE(sig[0].first, -8.0f);
    QVERIFY(std::fabs(sig[0].second + 4.37f) < 0.02f);
    QVERIFY(std::fabs(sig[1].first - 4.37f) < 0.02f);
    QCOMPARE(sig[1].second, 8.0f);
    // Tanh: 1 - tanh^2 < 0.05 for |x| > 2.18.
    const auto th = layerlab::flatRegions(activationCurve(Activation::Tanh, xs));
    QCOMPARE(int(th.size()), 2);
    QVERIFY(std::fabs(th[1].first - 2.19f) < 0.02f);
    // ReLU: no slope at all for x <= 0; LeakyReLU with alpha 0.01 counts as flat there, with 0.2 it does not.
    const auto relu = layerlab::flatRegions(activationCurve(Activation::ReLU, xs));
    QCOMPARE(int(relu.size()), 1);
    QCOMPARE(relu[0].first, -8.0f);
    QVERIFY(std::fabs(relu[0].second) < 0.011f);
    QCOMPARE(int(layerlab::flatRegions(activationCurve(Activation::LeakyReLU, xs, 0.01f)).size()), 1);
    QVERIFY(layerlab::flatRegions(activationCurve(Activation::LeakyReLU, xs, 0.2f)).empty());
}

void TestActivationCurve::softmaxAndItsJacobian() {
    const std::vector<float> z = {1.0f, 2.0f, 0.5f, -1.0f};
    const SoftmaxResult r = softmaxWithJacobian(z);
    double sum = 0;
    for (float e : z) sum += std::exp(double(e));
    for (std::size_t i = 0; i < z.size(); ++i)
        QVERIFY(std::fabs(r.y[i] - std::exp(double(z[i])) / sum) < 1e-6);
    const int k = int(z.size());
    for (int i = 0; i < k; ++i)
        for (int j = 0; j < k; ++j) {
            const double expected = (i == j ? r.y[i] : 0.0) - double(r.y[i]) * r.y[j];
            QVERIFY(std::fabs(r.jacobian[std::size_t(i * k + j)] - expected) < 1e-6);
        }
    // Adding the same number to every input changes nothing.
    const SoftmaxResult shifted = softmaxWithJacobian({11.0f, 12.0f, 10.5f, 9.0f});
    for (std::size_t i = 0; i < z.size(); ++i) QVERIFY(std::fabs(shifted.y[i] - r.y[i]) < 1e-6);
}

void TestActivationCurve::notElementWise() {
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, activationCurve(Activation::Softmax, {0.0f}));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, activationCurve(Activation::None, {0.0f}));
}

QTEST_APPLESS_MAIN(TestActivationCurve)
#include "tst_activation_curve.moc"
