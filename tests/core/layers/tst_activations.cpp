// core/layers/activations: ReLU, LeakyReLU, Sigmoid, Tanh and Softmax against the numerical checker
// (inputs kept off the kinks), Softmax rows sum to one even for huge logits, and Softmax wants a flat input.
#include <QtTest>

#include <cmath>
#include <numeric>
#include <vector>

#include "core/errors.h"
#include "core/layer.h"
#include "core/layers/activations.h"
#include "tests/support/layer_cases.h"

using namespace layerlab;
using namespace layerlab::test;

class TestActivations : public QObject {
    Q_OBJECT
private slots:
    void gradients();
    void softmaxRowsSumToOne();
    void impossibleShapes();
};

void TestActivations::gradients() {
    checkGradients({
        {"ReLU", plainLayer(LayerType::ReLU), Shape::chw(2, 3, 3), 1e-2, 0.05f},
        {"LeakyReLU",
         [] {
             LayerSpec s = plainLayer(LayerType::LeakyReLU);
             s.alpha = 0.1f;
             return s;
         }(),
         Shape::flat(11), 1e-2, 0.05f},
        {"Sigmoid", plainLayer(LayerType::Sigmoid), Shape::flat(11)},
        {"Tanh", plainLayer(LayerType::Tanh), Shape::flat(11)},
        {"Softmax", plainLayer(LayerType::Softmax), Shape::flat(6)},
    });
}

void TestActivations::softmaxRowsSumToOne() {
    Softmax s;
    s.configure(Shape::flat(4));
    s.reserve(2, 2);
    std::vector<float> in = {1000, 1001, 1002, 1003, -5, 0, 5, 10}, out(8);
    s.forward(in.data(), out.data(), 0, 2, 0, false);
    for (int r = 0; r < 2; ++r) {
        float sum = 0;
        for (int j = 0; j < 4; ++j) {
            QVERIFY(std::isfinite(out[r * 4 + j]));
            sum += out[r * 4 + j];
        }
        QVERIFY(std::abs(sum - 1) < 1e-5);
    }
    QVERIFY(std::abs(out[3] - std::exp(3.0) / (1 + std::exp(1.0) + std::exp(2.0) + std::exp(3.0))) < 1e-5);
}

void TestActivations::impossibleShapes() {
    QVERIFY_THROWS_EXCEPTION(SpecError, Softmax().configure(Shape::chw(1, 2, 2)));
}

QTEST_APPLESS_MAIN(TestActivations)
#include "tst_activations.moc"
