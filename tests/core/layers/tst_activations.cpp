// core/layers/activations: ReLU, LeakyReLU, Sigmoid, Tanh and Softmax against the numerical checker
// (inputs kept off the kinks), Softmax rows sum to one even for huge logits, Softmax wants a flat input, and
// the streaming ReLU and copy (core/kernels/stream_store) give the plain ones' bits.
#include <QtTest>

#include <cmath>
#include <cstring>
#include <numeric>
#include <vector>

#include "core/errors.h"
#include "core/kernels/stream_store.h"
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
    void streamingStoresMatchApply();
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

// core/kernels/stream_store: ReLU::applyStreaming gives apply's bits (-0, +0, NaN, denormals included) and
// streamCopy copies, at every alignment of the destination and lengths with a vector body and scalar ends;
// nothing outside [0, n) is written.
void TestActivations::streamingStoresMatchApply() {
    ReLU relu;
    std::vector<float> x(80);
    const float special[] = {-0.0f, 0.0f, std::nanf(""), -std::nanf(""), 1e-40f, -1e-40f, -3.5f, 2.25f};
    for (std::size_t i = 0; i < x.size(); ++i) x[i] = special[i % 8] * (i % 3 == 2 ? -1.0f : 1.0f);
    for (int offset = 0; offset < 8; ++offset)
        for (int n : {0, 1, 7, 8, 9, 23, 64, 71}) {
            alignas(64) float expected[96], streamed[96], copied[96];
            std::fill(std::begin(expected), std::end(expected), 5.0f);
            std::fill(std::begin(streamed), std::end(streamed), 5.0f);
            std::fill(std::begin(copied), std::end(copied), 5.0f);
            relu.applyTo(x.data(), expected + offset, n);
            relu.applyStreaming(x.data(), streamed + offset, n);
            streamCopy(x.data(), copied + offset, n);
            QVERIFY2(std::memcmp(expected, streamed, sizeof expected) == 0,
                     qPrintable(QStringLiteral("offset %1, n %2").arg(offset).arg(n)));
            QVERIFY(std::memcmp(copied + offset, x.data(), sizeof(float) * n) == 0);
            QCOMPARE(copied[offset + n], 5.0f);
            if (offset > 0) QCOMPARE(copied[offset - 1], 5.0f);
        }
    float y[2];
    relu.applyStreaming(special, y, 2);  // -0 stays -0 (as Eigen's max(0) leaves it)
    QVERIFY(std::signbit(y[0]) && !std::signbit(y[1]));
}

void TestActivations::impossibleShapes() {
    QVERIFY_THROWS_EXCEPTION(SpecError, Softmax().configure(Shape::chw(1, 2, 2)));
}

QTEST_APPLESS_MAIN(TestActivations)
#include "tst_activations.moc"
