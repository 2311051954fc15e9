// core/layers/residual.cpp: y = x + f(x) against the shared numerical-gradient checker (alone and inside a
// network, split in chunks), its forward against x plus the inner layers run by hand, the shape errors shape
// inference gives, and a residual CNN that learns the bundled MNIST subset.
#include <QtTest>

#include <cmath>
#include <cstring>
#include <random>

#include "core/dataset.h"
#include "core/errors.h"
#include "core/layer_types.h"
#include "core/layers/activations.h"
#include "core/layers/dense.h"
#include "core/layers/residual.h"
#include "core/network.h"
#include "core/parallel.h"
#include "core/shape_inference.h"
#include "core/trainer.h"
#include "tests/support/gradient_check.h"
#include "tests/support/test_data.h"

using namespace layerlab;
using namespace layerlab::test;

Q_DECLARE_METATYPE(Shape)

namespace {
LayerSpec conv(int filters, Activation a, Padding p = Padding::Same) {
    LayerSpec l = LayerSpec::make(LayerType::Conv2D);
    l.filters = filters;
    l.padding = p;
    l.activation = a;
    return l;
}
LayerSpec dense(int units, Activation a) {
    LayerSpec l = LayerSpec::make(LayerType::Dense);
    l.units = units;
    l.activation = a;
    return l;
}
LayerSpec residual(std::vector<LayerSpec> inner) {
    LayerSpec l = LayerSpec::make(LayerType::Residual);
    l.layers = std::move(inner);
    return l;
}
LayerSpec plain(LayerType t) {
    LayerSpec l = LayerSpec::make(t);
    l.activation = Activation::None;
    return l;
}

// The gradient-check rows: a block and the shape it gets.
std::vector<std::pair<LayerSpec, Shape>> blocks() {
    LayerSpec dropout = plain(LayerType::Dropout);
    dropout.rate = 0.3f;
    return {
        {residual({conv(3, Activation::Tanh), conv(3, Activation::None)}), Shape::chw(3, 5, 4)},
        {residual({dense(6, Activation::LeakyReLU), dense(5, Activation::Sigmoid)}), Shape::flat(5)},
        {residual({dense(8, Activation::Tanh), dropout, dense(4, Activation::None)}), Shape::flat(4)},
        {residual({plain(LayerType::Tanh)}), Shape::chw(2, 3, 3)},  // y = x + tanh(x)
        {residual({conv(2, Activation::Tanh), residual({conv(2, Activation::Sigmoid)})}),
         Shape::chw(2, 4, 4)},
        {residual({conv(4, Activation::ReLU), conv(4, Activation::None)}), Shape::chw(4, 4, 4)},
    };
}
}  // namespace

class TestResidual : public QObject {
    Q_OBJECT
private slots:
    void gradients_data();
    void gradients();
    void forwardIsInputPlusTheChain();
    void weightsAreMarkedWhereTheyAre();
    void workspaceHoldsTheChainAndItsBuffers();
    void shapeMismatchIsExplained();
    void innerErrorsNameTheInnerLayer();
    void emptyBlockIsAnError();
    void droppedBlockFitsItsInput();
    void networkGradients_data();
    void networkGradients();
    void gradientsDoNotDependOnTheChunkSplit();
    void residualCnnLearnsTheSubset();
};

void TestResidual::gradients_data() {
    QTest::addColumn<int>("row");
    QTest::addColumn<double>("step");
    QTest::addColumn<double>("floor");
    QTest::newRow("conv tanh -> conv, 3x5x4") << 0 << 1e-2 << 1e-2;
    QTest::newRow("dense leaky -> dense sigmoid, flat") << 1 << 1e-2 << 1e-2;
    QTest::newRow("dense -> dropout -> dense") << 2 << 1e-2 << 1e-2;
    QTest::newRow("one activation: x + tanh(x)") << 3 << 1e-2 << 1e-2;
    QTest::newRow("nested: conv -> residual(conv)") << 4 << 1e-2 << 1e-2;
    // ReLU kinks: a small step, so fewer pre-activations cross 0, and float noise of the difference quotient
    // (about 1e-4 at this step) compared absolutely.
    QTest::newRow("conv relu -> conv") << 5 << 3e-3 << 5e-2;
}

void TestResidual::gradients() {
    QFETCH(int, row);
    QFETCH(double, step);
    QFETCH(double, floor);
    const auto [spec, shape] = blocks()[row];
    Residual block(spec.layers);
    GradCheckOptions o;
    o.batch = 5;
    o.chunks = 2;
    o.step = step;
    o.floor = floor;
    const GradCheck r = checkLayer(block, shape, o);
    QVERIFY(r.checked > 2 * shape.size());  // inputs, Add mode and parameters
    QVERIFY2(r.maxError < 2e-2, qPrintable(QString::fromStdString(r.worst)));
}

void TestResidual::forwardIsInputPlusTheChain() {
    // y = x + W2 relu(W1 x + b1) + b2, computed by hand with the same parameters.
    Residual block({dense(6, Activation::ReLU), dense(4, Activation::None)});
    QCOMPARE(block.configure(Shape::flat(4)), Shape::flat(4));
    QCOMPARE(block.paramCount(), 6LL * 4 + 6 + 4LL * 6 + 4);
    QCOMPARE(block.innerCount(), 3);  // Dense, ReLU, Dense
    std::vector<float> params(block.paramCount());
    std::mt19937_64 rng(7);
    std::uniform_real_distribution<float> u(-1, 1);
    for (float& p : params) p = u(rng);
    block.bind(params.data());
    block.reserve(2, 1);
    const std::vector<float> x = {0.5f, -1.0f, 2.0f, 0.25f, -0.5f, 1.5f, -2.0f, 0.75f};
    std::vector<float> y(8);
    block.forward(x.data(), y.data(), 0, 2, 0, false);
    for (int s = 0; s < 2; ++s) {
        float h[6];
        for (int o = 0; o < 6; ++o) {
            float v = params[24 + o];
            for (int i = 0; i < 4; ++i) v += params[o * 4 + i] * x[s * 4 + i];
            h[o] = std::max(v, 0.0f);
        }
        for (int o = 0; o < 4; ++o) {
            float v = params[30 + 24 + o];
            for (int i = 0; i < 6; ++i) v += params[30 + o * 6 + i] * h[i];
            QVERIFY(std::abs(y[s * 4 + o] - (x[s * 4 + o] + v)) < 1e-5);
        }
    }
}

void TestResidual::weightsAreMarkedWhereTheyAre() {
    // Dense(3) on 2 inputs: weights 6, biases 3; then Dense(2): weights 6, biases 2. L2 must skip biases.
    Residual block({dense(3, Activation::Tanh), dense(2, Activation::None)});
    block.configure(Shape::flat(2));
    std::vector<std::uint8_t> mask(block.paramCount(), 0);
    block.markWeights(mask.data());
    const std::vector<std::uint8_t> expected = {1, 1, 1, 1, 1, 1, 0, 0, 0, 1, 1, 1, 1, 1, 1, 0, 0};
    QVERIFY(mask == expected);
    QCOMPARE(block.weightCount(), 12LL);
    QVERIFY(block.weightShape().empty());  // views draw its inner layers, not one weight tensor
}

void TestResidual::workspaceHoldsTheChainAndItsBuffers() {
    // Inner engine layers on 4x6x6 (S = 144): Conv2D (im2col 2 x 36 x 36 per chunk), ReLU, Dropout (a mask
    // of 144 per sample), Conv2D. The block keeps each inner output (4 x 144 per sample) and two gradient
    // buffers of the largest inner output per chunk's samples (2 x 144, plus one sample per chunk).
    LayerSpec dropout = plain(LayerType::Dropout);
    const LayerSpec spec = residual({conv(4, Activation::ReLU), dropout, conv(4, Activation::None)});
    Residual block(spec.layers);
    block.configure(Shape::chw(4, 6, 6));
    const Layer::Workspace w = block.workspace();
    QCOMPARE(w.perSample, 4LL * 144 + 144 + 2 * 144);
    QCOMPARE(w.perChunk, 2 * (2LL * 36 * 36) + 2 * 144);
    // Shape inference records it for the block, so the memory estimate counts it like any layer's.
    ModelSpec m;
    m.input = Shape::chw(4, 6, 6);
    m.layers = {spec, plain(LayerType::Flatten), dense(10, Activation::Softmax)};
    const ModelInfo info = inferShapes(m);
    QVERIFY2(info.ok(), info.error.c_str());
    QCOMPARE(info.layers[0].workspacePerSample, w.perSample);
    QCOMPARE(info.layers[0].workspacePerChunk, w.perChunk);
    QCOMPARE(info.layers[0].inner[1].workspacePerSample, 144LL);  // each inner layer has its own too
}

void TestResidual::shapeMismatchIsExplained() {
    ModelSpec m;  // 1x28x28 -> Conv2D 32 valid -> 32x26x26 -> Residual(Conv2D 64 valid) -> 64x24x24
    m.layers = {conv(32, Activation::ReLU, Padding::Valid),
                residual({conv(64, Activation::ReLU, Padding::Valid)}), plain(LayerType::Flatten),
                dense(10, Activation::Softmax)};
    const ModelInfo info = inferShapes(m);
    QVERIFY(!info.ok());
    QCOMPARE(info.errorLayer, 1);
    QVERIFY(info.errorPath == std::vector<int>{1});
    QCOMPARE(
        QString::fromStdString(info.error),
        QStringLiteral("layer 2 (Residual) changes 32x26x26 into 64x24x24 with its inner layers: the "
                       "output must match the input, since the block adds the two (use padding \"same\" "
                       "and stride 1 in its Conv2D layers, no pooling inside, and 32 filters in the last "
                       "one)"));
    QCOMPARE(info.layers[1].error, info.error);
    // The inner layer itself is fine and has its shapes and parameters.
    QCOMPARE(info.layers[1].inner.size(), size_t(1));
    QCOMPARE(info.layers[1].inner[0].outputShape, Shape::chw(64, 24, 24));
    QCOMPARE(info.layers[1].inner[0].params, 64LL * 32 * 9 + 64);
    QVERIFY(info.layers[1].inner[0].error.empty());
    QVERIFY(info.layers[2].inputShape.dims.empty());  // nothing after the error

    // Only the channels differ: the hint names the filter count.
    m.layers[1] = residual({conv(64, Activation::ReLU)});
    QVERIFY(QString::fromStdString(inferShapes(m).error).endsWith("(give its last Conv2D layer 32 filters)"));
    // Flat: the last Dense layer's units.
    ModelSpec flat;
    flat.layers = {plain(LayerType::Flatten), residual({dense(100, Activation::ReLU)}),
                   dense(10, Activation::None)};
    QVERIFY(
        QString::fromStdString(inferShapes(flat).error).endsWith("(give its last Dense layer 784 units)"));
    // The network refuses it with the same message.
    try {
        Network net(m);
        QFAIL("a mismatched residual block was accepted");
    } catch (const SpecError& e) {
        QCOMPARE(e.layerIndex, 1);
        QVERIFY(std::string(e.what()).find("32x26x26") != std::string::npos);
    }
}

void TestResidual::innerErrorsNameTheInnerLayer() {
    ModelSpec m;
    m.layers = {conv(8, Activation::ReLU), residual({conv(8, Activation::ReLU), dense(8, Activation::None)}),
                plain(LayerType::Flatten), dense(10, Activation::None)};
    const ModelInfo info = inferShapes(m);
    QCOMPARE(QString::fromStdString(info.error),
             QStringLiteral("layer 2.2 (Dense) needs a flat input but gets 8x28x28: add Flatten before it"));
    QCOMPARE(info.errorLayer, 1);
    QVERIFY((info.errorPath == std::vector<int>{1, 1}));
    QCOMPARE(info.layers[1].inner[1].error, info.error);
    QVERIFY(info.layers[1].error.empty());             // the block has no message of its own
    QVERIFY(info.layers[1].outputShape.dims.empty());  // but no output either
    QCOMPARE(info.layers[1].inner[0].outputShape, Shape::chw(8, 28, 28));
    QCOMPARE(layerInfoAt(info, {1, 1}), &info.layers[1].inner[1]);
    QVERIFY(!layerInfoAt(info, {1, 2}));
}

void TestResidual::emptyBlockIsAnError() {
    ModelSpec m;
    m.layers = {plain(LayerType::Flatten), residual({}), dense(10, Activation::None)};
    const ModelInfo info = inferShapes(m);
    QVERIFY(QString::fromStdString(info.error).startsWith("layer 2 (Residual) has no layers inside: drag"));
}

void TestResidual::droppedBlockFitsItsInput() {
    // A block dropped on 16x7x7 gets conv 3x3 same (16, relu) -> conv 3x3 same (16): it works at once.
    const LayerSpec image = LayerSpec::make(LayerType::Residual, Shape::chw(16, 7, 7));
    QCOMPARE(image.layers.size(), size_t(2));
    QCOMPARE(image.layers[0].filters, 16);
    QCOMPARE(image.layers[0].padding, Padding::Same);
    QCOMPARE(image.layers[0].activation, Activation::ReLU);
    QCOMPARE(image.layers[1].activation, Activation::None);
    ModelSpec m;
    m.input = Shape::chw(16, 7, 7);
    m.layers = {image, plain(LayerType::Flatten), dense(10, Activation::None)};
    QVERIFY2(inferShapes(m).ok(), inferShapes(m).error.c_str());
    const LayerSpec flat = LayerSpec::make(LayerType::Residual, Shape::flat(30));
    QCOMPARE(flat.layers[1].units, 30);
    QVERIFY(LayerSpec::make(LayerType::Residual).layers.empty());  // without a shape: empty
}

void TestResidual::networkGradients_data() {
    QTest::addColumn<int>("chunks");
    QTest::addColumn<bool>("blockFirst");
    QTest::newRow("2 chunks") << 2 << false;
    QTest::newRow("3 chunks, block first (no input gradient)") << 3 << true;
}

void TestResidual::networkGradients() {
    QFETCH(int, chunks);
    QFETCH(bool, blockFirst);
    ModelSpec m;
    m.input = Shape::chw(2, 6, 6);
    m.classes = 4;
    LayerSpec pool = plain(LayerType::AvgPool2D);
    if (!blockFirst) m.layers.push_back(conv(3, Activation::Tanh));
    const int c = blockFirst ? 2 : 3;
    m.layers.push_back(residual({conv(c, Activation::Tanh), conv(c, Activation::None)}));
    m.layers.push_back(plain(LayerType::Tanh));
    m.layers.push_back(pool);
    m.layers.push_back(plain(LayerType::Flatten));
    m.layers.push_back(residual({dense(7, Activation::Sigmoid), dense(c * 9, Activation::None)}));
    m.layers.push_back(dense(4, Activation::Softmax));
    GradCheckOptions o;
    o.batch = 7;
    o.chunks = chunks;
    const GradCheck r = checkNetwork(m, o);
    QVERIFY(r.checked > 100);
    QVERIFY2(r.maxError < 2e-2, qPrintable(QString::fromStdString(r.worst)));
}

void TestResidual::gradientsDoNotDependOnTheChunkSplit() {
    ModelSpec m;
    m.input = Shape::chw(1, 8, 8);
    m.classes = 3;
    m.layers = {conv(4, Activation::ReLU), residual({conv(4, Activation::ReLU), conv(4, Activation::None)}),
                plain(LayerType::ReLU), plain(LayerType::Flatten), dense(3, Activation::None)};
    const int n = 9;
    std::vector<float> in(n * 64), dOut(n * 3);
    std::mt19937_64 rng(3);
    std::uniform_real_distribution<float> u(-1, 1);
    for (float& x : in) x = u(rng);
    for (float& x : dOut) x = u(rng);
    auto gradients = [&](int chunks) {
        std::vector<float> g;
        ThreadArena arena(chunks);
        arena.execute([&] {
            Network net(m);
            net.initParams(11);
            net.reserve(n, chunks);
            net.forward(in.data(), n, true);
            net.backward(dOut.data(), n);
            g.assign(net.grads().begin(), net.grads().end());
        });
        return g;
    };
    const std::vector<float> one = gradients(1), three = gradients(3), again = gradients(3);
    QCOMPARE(one.size(), three.size());
    QVERIFY(std::memcmp(three.data(), again.data(), three.size() * sizeof(float)) == 0);  // bit for bit
    double worst = 0;
    for (size_t i = 0; i < one.size(); ++i)
        worst =
            std::max(worst, std::abs(double(one[i]) - three[i]) / std::max(1e-3, std::abs(double(one[i]))));
    QVERIFY2(worst < 1e-4, qPrintable(QString::number(worst)));  // only the order of the sums differs
}

void TestResidual::residualCnnLearnsTheSubset() {
    const Dataset data = loadDataset(subsetPath(), "MNIST subset");
    ModelSpec m;
    m.name = "residual CNN";
    LayerSpec pool = plain(LayerType::MaxPool2D);
    m.layers = {conv(8, Activation::ReLU),
                residual({conv(8, Activation::ReLU), conv(8, Activation::None)}),
                plain(LayerType::ReLU),
                pool,
                residual({conv(8, Activation::ReLU), conv(8, Activation::None)}),
                plain(LayerType::ReLU),
                pool,
                plain(LayerType::Flatten),
                dense(10, Activation::Softmax)};
    m.training.epochs = 3;
    m.training.batchSize = 32;
    m.training.threads = 2;
    m.training.optimizer.learningRate = 0.002f;
    Trainer t(m, data);
    const TrainResult r = t.run();
    QVERIFY2(!r.diverged && !r.failed, r.message.c_str());
    QCOMPARE(int(r.epochs.size()), 3);
    qInfo("train loss by epoch: %.3f %.3f %.3f; test accuracy %.1f%%", r.epochs[0].trainLoss,
          r.epochs[1].trainLoss, r.epochs[2].trainLoss, 100 * r.testAccuracy);
    QVERIFY(r.epochs[1].trainLoss < r.epochs[0].trainLoss);
    QVERIFY(r.epochs[2].trainLoss < r.epochs[1].trainLoss);
    QVERIFY2(r.testAccuracy > 0.85, qPrintable(QString::number(r.testAccuracy)));
}

QTEST_APPLESS_MAIN(TestResidual)
#include "tst_residual.moc"
