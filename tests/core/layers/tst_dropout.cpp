// core/layers/dropout: the gradient through the kept units, the expected fraction kept (scaled by
// 1 / (1 - rate)), a new mask per step seed, identity at inference, and a rate of 1 refused.
#include <QtTest>

#include <cmath>
#include <numeric>
#include <vector>

#include "core/errors.h"
#include "core/layer.h"
#include "core/layers/dropout.h"
#include "tests/support/layer_cases.h"

using namespace layerlab;
using namespace layerlab::test;

class TestDropout : public QObject {
    Q_OBJECT
private slots:
    void gradients();
    void dropoutKeepsExpectedFraction();
    void dropoutIsIdentityAtInference();
    void impossibleShapes();
};

void TestDropout::gradients() {
    checkGradients({
        {"Dropout",
         [] {
             LayerSpec s = plainLayer(LayerType::Dropout);
             s.rate = 0.4f;
             return s;
         }(),
         Shape::flat(20)},
    });
}

void TestDropout::dropoutKeepsExpectedFraction() {
    Dropout d(0.3f);
    d.configure(Shape::flat(1000));
    d.reserve(10, 2);
    d.setStepSeed(7);
    std::vector<float> in(10000, 1.0f), out(10000);
    d.forward(in.data(), out.data(), 0, 10, 0, true);
    int kept = 0;
    for (float v : out) {
        QVERIFY(v == 0.0f || std::abs(v - 1 / 0.7f) < 1e-6);
        kept += v != 0.0f;
    }
    QVERIFY2(std::abs(kept / 10000.0 - 0.7) < 0.02, qPrintable(QString::number(kept)));
    // Another step seed drops other units.
    std::vector<float> out2(10000);
    d.setStepSeed(8);
    d.forward(in.data(), out2.data(), 0, 10, 0, true);
    QVERIFY(out != out2);
}

void TestDropout::dropoutIsIdentityAtInference() {
    Dropout d(0.5f);
    d.configure(Shape::flat(5));
    d.reserve(1, 1);
    std::vector<float> in = {1, 2, 3, 4, 5}, out(5);
    d.forward(in.data(), out.data(), 0, 1, 0, false);
    QCOMPARE(out, in);
}

void TestDropout::impossibleShapes() {
    QVERIFY_THROWS_EXCEPTION(SpecError, Dropout(1.0f).configure(Shape::flat(3)));
}

QTEST_APPLESS_MAIN(TestDropout)
#include "tst_dropout.moc"
