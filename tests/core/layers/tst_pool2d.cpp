// core/layers/pool2d: MaxPool2D and AvgPool2D gradients against the numerical checker (max pooling on
// inputs without near-ties), the window maximum and its gradient routing, the one-pass backward of ReLU and
// max pool against the two layers' own, averages, and a window larger than the input refused.
#include <QtTest>

#include <cmath>
#include <cstring>
#include <numeric>
#include <random>
#include <vector>

#include "core/errors.h"
#include "core/layer.h"
#include "core/layers/activations.h"
#include "core/layers/pool2d.h"
#include "tests/support/layer_cases.h"

using namespace layerlab;
using namespace layerlab::test;

class TestPool2D : public QObject {
    Q_OBJECT
private slots:
    void gradients();
    void maxPoolPicksWindowMaximum();
    void keptArgmaxMatchesSearch_data();
    void keptArgmaxMatchesSearch();
    void backwardAfterReluMatchesTwoPasses_data();
    void backwardAfterReluMatchesTwoPasses();
    void avgPoolAverages();
    void impossibleShapes();
};

void TestPool2D::gradients() {
    checkGradients({
        {"MaxPool2D 2x2 odd input", poolLayer(LayerType::MaxPool2D, 2, 2), Shape::chw(2, 5, 7), 1e-3, 0,
         true},
        {"MaxPool2D 3 stride 2", poolLayer(LayerType::MaxPool2D, 3, 2), Shape::chw(1, 7, 7), 1e-3, 0, true},
        {"MaxPool2D 2x2 rows of 19 (vector body and tail)", poolLayer(LayerType::MaxPool2D, 2, 2),
         Shape::chw(2, 6, 39), 1e-3, 0, true},
        {"AvgPool2D", poolLayer(LayerType::AvgPool2D, 2, 2), Shape::chw(2, 5, 6)},
    });
}

void TestPool2D::maxPoolPicksWindowMaximum() {
    Pool2D p(true, 2, 2);
    QCOMPARE(p.configure(Shape::chw(1, 4, 4)), Shape::chw(1, 2, 2));
    p.reserve(1, 1);
    std::vector<float> in = {1, 2, 3, 4, 5, 6, 7, 8, -1, -2, -3, -4, -5, -6, 0, -8}, out(4), dIn(16);
    p.forward(in.data(), out.data(), 0, 1, 0, true);
    QCOMPARE(out, (std::vector<float>{6, 8, -1, 0}));
    std::vector<float> dOut = {1, 2, 3, 4};
    p.backward(in.data(), out.data(), dOut.data(), dIn.data(), GradMode::Overwrite, nullptr, 0, 1, 0);
    QCOMPARE(dIn[5], 1.0f);
    QCOMPARE(dIn[7], 2.0f);
    QCOMPARE(dIn[8], 3.0f);
    QCOMPARE(dIn[14], 4.0f);
    QCOMPARE(std::accumulate(dIn.begin(), dIn.end(), 0.0f), 10.0f);
}

// Training forward keeps each window's argmax and backward scatters through it; after an inference forward
// (an explanation) backward finds the tap again from x and y. Both must give the same bits, ties included
// (ReLU outputs: many windows of zeros, the first tap wins), in both gradient modes.
void TestPool2D::keptArgmaxMatchesSearch_data() {
    QTest::addColumn<int>("size");
    QTest::addColumn<int>("stride");
    QTest::addColumn<int>("height");
    QTest::addColumn<int>("width");
    QTest::newRow("2x2, 26x26 (13 outputs a row)") << 2 << 2 << 26 << 26;
    QTest::newRow("2x2, odd 11x21") << 2 << 2 << 11 << 21;
    QTest::newRow("3 stride 2 (overlapping)") << 3 << 2 << 9 << 10;
    QTest::newRow("3 stride 3") << 3 << 3 << 9 << 9;
}

void TestPool2D::keptArgmaxMatchesSearch() {
    QFETCH(int, size);
    QFETCH(int, stride);
    QFETCH(int, height);
    QFETCH(int, width);
    const int C = 3, n = 5;
    Pool2D p(true, size, stride);
    const Shape out = p.configure(Shape::chw(C, height, width));
    p.reserve(n, 1);
    const long long inSize = (long long)n * C * height * width, outSize = n * out.size();
    std::mt19937 rng(7);
    std::uniform_int_distribution<int> level(-3, 3);
    // few distinct values, half of them 0 (as after a ReLU), some of those -0: ties everywhere
    std::vector<float> in(inSize), y(outSize), dOut(outSize);
    for (float& x : in) {
        const int l = level(rng);
        x = l == -1 ? -0.0f : std::max(0, l) * 0.5f;
    }
    for (float& g : dOut) g = float(level(rng)) + 0.25f;
    for (const GradMode mode : {GradMode::Overwrite, GradMode::Add}) {
        std::vector<float> kept(inSize, 1.5f), searched(inSize, 1.5f);
        p.forward(in.data(), y.data(), 0, n, 0, true);
        p.backward(in.data(), y.data(), dOut.data(), kept.data(), mode, nullptr, 0, n, 0);
        std::vector<float> yInfer(outSize);
        p.forward(in.data(), yInfer.data(), 0, n, 0, false);
        QCOMPARE(yInfer, y);
        if (size == 2 && stride == 2) {
            // y = max(max(x00, x10), max(x01, x11)) to the bit (the sign of a zero included), std::max's ties
            const int Ho = out.h(), Wo = out.w();
            for (int s = 0; s < n * C; ++s)
                for (int oy = 0; oy < Ho; ++oy)
                    for (int ox = 0; ox < Wo; ++ox) {
                        const float* x0 = in.data() + ((long long)s * height + 2 * oy) * width + 2 * ox;
                        const float* x1 = x0 + width;
                        const float m = std::max(std::max(x0[0], x1[0]), std::max(x0[1], x1[1]));
                        const float got = y[((long long)s * Ho + oy) * Wo + ox];
                        QVERIFY(std::memcmp(&m, &got, sizeof m) == 0);
                    }
        }
        p.backward(in.data(), y.data(), dOut.data(), searched.data(), mode, nullptr, 0, n, 0);
        QCOMPARE(kept, searched);
        // every output's gradient lands on one input of its window
        double total = 0, expected = 0;
        for (float v : kept) total += v - (mode == GradMode::Add ? 1.5 : 0.0);
        for (float g : dOut) expected += g;
        if (mode == GradMode::Overwrite && stride >= size) QCOMPARE(total, expected);
    }
}

void TestPool2D::backwardAfterReluMatchesTwoPasses_data() {
    keptArgmaxMatchesSearch_data();
}

// backwardAfterRelu (the network's one pass for ReLU then max pool) against the two layers' own backward
// passes, bit for bit: pool backward (taps kept on the ReLU's outputs), then ReLU's derivative on its input
// x. Its taps are the pool's on x itself (as the network's fused forward keeps them) or on the ReLU's
// outputs; x has many non-positive windows and ties. A pool whose last forward kept no taps declines.
//   x: n x C x H x W -> y: n x C x Ho x Wo -> dx: n x C x H x W
void TestPool2D::backwardAfterReluMatchesTwoPasses() {
    QFETCH(int, size);
    QFETCH(int, stride);
    QFETCH(int, height);
    QFETCH(int, width);
    const int C = 3, n = 4;
    const Shape in = Shape::chw(C, height, width);
    Pool2D p(true, size, stride);
    const Shape out = p.configure(in);
    p.reserve(n, 1);
    ReLU relu;
    relu.configure(in);
    std::mt19937 rng(11);
    std::uniform_int_distribution<int> level(-6, 3);  // coarse values: ties, and windows of zeros after ReLU
    std::vector<float> x(n * in.size()), r(x.size()), y(n * out.size()), dy(y.size());
    for (float& v : x) v = float(level(rng)) * 0.25f;
    for (float& v : dy) v = float(level(rng)) + 0.5f;
    relu.forward(x.data(), r.data(), 0, n, 0, true);
    // the two passes: pool backward on the ReLU's outputs, ReLU's derivative at x
    p.forward(r.data(), y.data(), 0, n, 0, true);
    std::vector<float> dr(x.size()), expected(x.size());
    p.backward(r.data(), y.data(), dy.data(), dr.data(), GradMode::Overwrite, nullptr, 0, n, 0);
    relu.backward(x.data(), r.data(), dr.data(), expected.data(), GradMode::Overwrite, nullptr, 0, n, 0);
    int nonZero = 0;
    for (const float v : expected) nonZero += v != 0.0f;
    QVERIFY(nonZero > 0 && nonZero < int(expected.size()) / 4);
    for (const bool tapsOnX : {false, true}) {
        std::vector<float> yx(y.size()), dx(x.size(), 7.0f);
        p.forward(tapsOnX ? x.data() : r.data(), yx.data(), 0, n, 0, true);
        if (tapsOnX) relu.applyTo(yx.data(), yx.data(), (long long)yx.size());  // relu(max x) = max relu(x)
        QVERIFY(std::memcmp(yx.data(), y.data(), sizeof(float) * y.size()) == 0);
        QVERIFY(p.backwardAfterRelu(yx.data(), dy.data(), dx.data(), 0, n, 0));
        QVERIFY2(std::memcmp(dx.data(), expected.data(), sizeof(float) * dx.size()) == 0,
                 tapsOnX ? "taps on x" : "taps on relu(x)");
    }
    p.forward(r.data(), y.data(), 0, n, 0, false);  // no taps kept
    std::vector<float> untouched(x.size(), 7.0f);
    QVERIFY(!p.backwardAfterRelu(y.data(), dy.data(), untouched.data(), 0, n, 0));
    QCOMPARE(untouched[0], 7.0f);
}

void TestPool2D::avgPoolAverages() {
    Pool2D p(false, 2, 2);
    p.configure(Shape::chw(1, 2, 4));
    p.reserve(1, 1);
    std::vector<float> in = {1, 2, 3, 4, 5, 6, 7, 8}, out(2);
    p.forward(in.data(), out.data(), 0, 1, 0, false);
    QCOMPARE(out[0], (1 + 2 + 5 + 6) / 4.0f);
    QCOMPARE(out[1], (3 + 4 + 7 + 8) / 4.0f);
}

void TestPool2D::impossibleShapes() {
    QVERIFY_THROWS_EXCEPTION(SpecError, Pool2D(true, 3, 3).configure(Shape::chw(1, 2, 2)));
}

QTEST_APPLESS_MAIN(TestPool2D)
#include "tst_pool2d.moc"
