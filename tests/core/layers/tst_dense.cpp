// core/layers/dense: gradients against the numerical checker, the forward pass is W x + b, and an input
// that is not flat is refused.
#include <QtTest>

#include <cmath>
#include <numeric>
#include <vector>

#include "core/errors.h"
#include "core/layer.h"
#include "core/layers/dense.h"
#include "tests/support/layer_cases.h"

using namespace layerlab;
using namespace layerlab::test;

class TestDense : public QObject {
    Q_OBJECT
private slots:
    void gradients();
    void denseForwardIsAffine();
    void impossibleShapes();
};

void TestDense::gradients() {
    checkGradients({
        {"Dense",
         [] {
             LayerSpec s = plainLayer(LayerType::Dense);
             s.units = 5;
             return s;
         }(),
         Shape::flat(7)},
    });
}

void TestDense::denseForwardIsAffine() {
    Dense d(2);
    d.configure(Shape::flat(3));
    // W = [[1,2,3],[4,5,6]] row-major, b = [0.5, -1]
    std::vector<float> p = {1, 2, 3, 4, 5, 6, 0.5f, -1}, g(8);
    d.bind(p.data());
    d.reserve(2, 2);
    std::vector<float> in = {1, 0, -1, 2, 1, 0}, out(4);
    d.forward(in.data(), out.data(), 0, 2, 0, false);
    QCOMPARE(out[0], 1 - 3 + 0.5f);
    QCOMPARE(out[1], 4 - 6 - 1.0f);
    QCOMPARE(out[2], 2 + 2 + 0.5f);
    QCOMPARE(out[3], 8 + 5 - 1.0f);
}

void TestDense::impossibleShapes() {
    QVERIFY_THROWS_EXCEPTION(SpecError, Dense(3).configure(Shape::chw(1, 4, 4)));
}

QTEST_APPLESS_MAIN(TestDense)
#include "tst_dense.moc"
