// core/layers/flatten: the gradient passes through unchanged in shape and order.
#include <QtTest>

#include <cmath>
#include <numeric>
#include <vector>

#include "core/errors.h"
#include "core/layer.h"
#include "tests/support/layer_cases.h"

using namespace layerlab;
using namespace layerlab::test;

class TestFlatten : public QObject {
    Q_OBJECT
private slots:
    void gradients();
};

void TestFlatten::gradients() {
    checkGradients({
        {"Flatten", plainLayer(LayerType::Flatten), Shape::chw(2, 3, 4)},
    });
}

QTEST_APPLESS_MAIN(TestFlatten)
#include "tst_flatten.moc"
