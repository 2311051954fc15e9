// core/layers/pool2d: MaxPool2D and AvgPool2D gradients against the numerical checker (max pooling on
// inputs without near-ties), the window maximum and its gradient routing, averages, and a window larger than
// the input refused.
#include <QtTest>

#include <cmath>
#include <numeric>
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
    void avgPoolAverages();
    void impossibleShapes();
};

void TestPool2D::gradients() {
    checkGradients({
        {"MaxPool2D 2x2 odd input", poolLayer(LayerType::MaxPool2D, 2, 2), Shape::chw(2, 5, 7), 1e-3, 0,
         true},
        {"MaxPool2D 3 stride 2", poolLayer(LayerType::MaxPool2D, 3, 2), Shape::chw(1, 7, 7), 1e-3, 0, true},
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
