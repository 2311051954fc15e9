// core/layers/pool2d: MaxPool2D and AvgPool2D gradients against the numerical checker (max pooling on
// inputs without near-ties), the window maximum and its gradient routing, averages, and a window larger than
// the input refused.
#include <QtTest>

#include <cmath>
#include <numeric>
#include <random>
#include <vector>

#include "core/errors.h"
#include "core/layer.h"
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
    // few distinct values, half of them 0 (as after a ReLU): ties everywhere
    std::vector<float> in(inSize), y(outSize), dOut(outSize);
    for (float& x : in) x = std::max(0, level(rng)) * 0.5f;
    for (float& g : dOut) g = float(level(rng)) + 0.25f;
    for (const GradMode mode : {GradMode::Overwrite, GradMode::Add}) {
        std::vector<float> kept(inSize, 1.5f), searched(inSize, 1.5f);
        p.forward(in.data(), y.data(), 0, n, 0, true);
        p.backward(in.data(), y.data(), dOut.data(), kept.data(), mode, nullptr, 0, n, 0);
        std::vector<float> yInfer(outSize);
        p.forward(in.data(), yInfer.data(), 0, n, 0, false);
        QCOMPARE(yInfer, y);
        p.backward(in.data(), y.data(), dOut.data(), searched.data(), mode, nullptr, 0, n, 0);
        QCOMPARE(kept, searched);
        // every output's gradient lands on one input of its window
        double total = 0, expected = 0;
        for (float v : kept) total += v - (mode == GradMode::Add ? 1.5 : 0.0);
        for (float g : dOut) expected += g;
        if (mode == GradMode::Overwrite && stride >= size) QCOMPARE(total, expected);
    }
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
