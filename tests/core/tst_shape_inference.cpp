// core/shape_inference.cpp: output shapes, parameter counts and FLOPs of the presets, and the error messages
// of impossible stacks (they name the layer, its 1-based position, the shapes, and the fix).
#include <QtTest>

#include "core/errors.h"
#include "core/layer.h"
#include "core/model_spec.h"
#include "core/network.h"
#include "core/shape_inference.h"
#include "tests/support/test_data.h"

using namespace layerlab;

class TestShapeInference : public QObject {
    Q_OBJECT
private slots:
    void seedCnnShapesParamsAndFlops();
    void errorsNameLayerShapesAndFix_data();
    void errorsNameLayerShapesAndFix();
    void networkConstructorReportsTheSameError();
    void sameConvKeepsSize();
    void layersSayWhatTheyAre();
};

namespace {
ModelSpec preset(const char* name) {
    return loadModelSpec(test::resourcesPath() + "/presets/" + name + ".json");
}
LayerSpec L(LayerType t, Activation a = Activation::None) {
    LayerSpec s = LayerSpec::make(t);
    s.activation = a;
    return s;
}
}  // namespace

void TestShapeInference::seedCnnShapesParamsAndFlops() {
    const ModelInfo info = inferShapes(preset("seed-cnn"));
    QVERIFY2(info.ok(), info.error.c_str());
    QCOMPARE(int(info.layers.size()), 7);
    QCOMPARE(info.layers[0].outputShape, Shape::chw(32, 26, 26));
    QCOMPARE(info.layers[1].outputShape, Shape::chw(32, 13, 13));
    QCOMPARE(info.layers[2].outputShape, Shape::chw(64, 11, 11));
    QCOMPARE(info.layers[3].outputShape, Shape::chw(64, 5, 5));
    QCOMPARE(info.layers[4].outputShape, Shape::flat(1600));
    QCOMPARE(info.layers[6].outputShape, Shape::flat(10));
    QCOMPARE(info.layers[0].params, 320LL);
    QCOMPARE(info.layers[2].params, 18496LL);
    QCOMPARE(info.layers[5].params, 102464LL);
    QCOMPARE(info.layers[6].params, 650LL);
    QCOMPARE(info.params, 121930LL);
    // conv2: 2 * 64 * 288 * 121 multiply-adds dominate; the forward total is about 4.9-5.1 MFLOP
    QCOMPARE(info.layers[2].flops >= 2.0 * 64 * 288 * 121, true);
    QVERIFY2(info.flopsPerSample > 4.9e6 && info.flopsPerSample < 5.2e6,
             qPrintable(QString::number(info.flopsPerSample)));
    QVERIFY(info.trainFlopsPerSample > 14e6);
    const ModelInfo mlp = inferShapes(preset("mlp"));
    QCOMPARE(mlp.params, 784LL * 128 + 128 + 128 * 10 + 10);
}

void TestShapeInference::errorsNameLayerShapesAndFix_data() {
    QTest::addColumn<int>("which");
    QTest::addColumn<int>("errorLayer");
    QTest::addColumn<QString>("message");
    QTest::newRow("dense without flatten")
        << 0 << 4 << "layer 5 (Dense) needs a flat input but gets 64x5x5: add Flatten before it";
    QTest::newRow("conv after flatten")
        << 1 << 1 << "layer 2 (Conv2D) needs a channels x height x width input but gets 784";
    QTest::newRow("kernel too big") << 2 << 2 << "layer 3 (Conv2D) kernel 5x5 does not fit its 8x2x2 input";
    QTest::newRow("wrong class count") << 3 << 1 << "the output is 7 but the data has 10 classes";
    QTest::newRow("empty model") << 4 << -1 << "the model has no layers";
    QTest::newRow("pool too big") << 5 << 0
                                  << "layer 1 (MaxPool2D) window 30x30 does not fit its 1x28x28 input";
}

void TestShapeInference::errorsNameLayerShapesAndFix() {
    QFETCH(int, which);
    QFETCH(int, errorLayer);
    QFETCH(QString, message);
    ModelSpec m = preset("seed-cnn");
    switch (which) {
        case 0:
            m.layers.erase(m.layers.begin() + 4);
            break;  // remove Flatten
        case 1: {
            m.layers = {L(LayerType::Flatten), L(LayerType::Conv2D), L(LayerType::Dense)};
            break;
        }
        case 2: {
            LayerSpec c = L(LayerType::Conv2D);
            c.filters = 8;
            c.kernel = 5;
            c.stride = 3;
            LayerSpec c2 = c;
            c2.stride = 1;
            m.layers = {c, L(LayerType::MaxPool2D), c2, L(LayerType::Flatten), L(LayerType::Dense)};
            m.layers[1].poolSize = 3;
            m.layers[1].stride = 3;
            break;
        }
        case 3: {
            LayerSpec d = L(LayerType::Dense);
            d.units = 7;
            m.layers = {L(LayerType::Flatten), d};
            break;
        }
        case 4:
            m.layers.clear();
            break;
        case 5: {
            LayerSpec p = L(LayerType::MaxPool2D);
            p.poolSize = 30;
            m.layers.insert(m.layers.begin(), p);
            break;
        }
    }
    const ModelInfo info = inferShapes(m);
    QVERIFY(!info.ok());
    QVERIFY2(QString::fromStdString(info.error).contains(message), info.error.c_str());
    QCOMPARE(info.errorLayer, errorLayer);
    if (errorLayer >= 0) QVERIFY(!info.layers[errorLayer].error.empty());
    // layers before the failing one keep their shapes
    for (int i = 0; i < errorLayer; ++i) QVERIFY(info.layers[i].outputShape.size() > 0);
}

void TestShapeInference::networkConstructorReportsTheSameError() {
    ModelSpec m = preset("seed-cnn");
    m.layers.erase(m.layers.begin() + 4);
    try {
        Network net(m);
        QFAIL("expected SpecError");
    } catch (const SpecError& e) {
        QCOMPARE(e.layerIndex, 4);
        QVERIFY(std::string(e.what()).find("add Flatten before it") != std::string::npos);
    }
}

void TestShapeInference::sameConvKeepsSize() {
    ModelSpec m = preset("lenet5");
    const ModelInfo info = inferShapes(m);
    QVERIFY2(info.ok(), info.error.c_str());
    QCOMPARE(info.layers[0].outputShape, Shape::chw(6, 28, 28));
}

void TestShapeInference::layersSayWhatTheyAre() {
    // Every layer type's engine layer reports its own type (no name compares), and the facts the views and
    // the memory estimate use: the weights' shape and the workspace it reserves.
    for (LayerType t : allLayerTypes()) {
        const auto layer = makeLayer(LayerSpec::make(t));
        QCOMPARE(layer->type(), t);
        QCOMPARE(std::string(layer->name()), std::string(layerTypeName(t)));
    }
    ModelSpec m;
    LayerSpec conv = L(LayerType::Conv2D, Activation::ReLU);
    conv.filters = 4;
    conv.kernel = 3;
    m.layers = {conv, L(LayerType::Dropout), L(LayerType::Flatten), L(LayerType::Dense, Activation::Softmax)};
    m.layers.back().units = 10;
    Network net(m);
    QCOMPARE(net.layer(0).weightShape(), (std::vector<int>{4, 1, 3, 3}));
    QCOMPARE(net.layer(0).weightCount(), 4LL * 9);
    QCOMPARE(net.layer(4).type(), LayerType::Dense);
    QCOMPARE(net.layer(4).weightShape(), (std::vector<int>{10, 4 * 26 * 26}));
    QVERIFY(net.layer(3).weightShape().empty());
    const ModelInfo info = inferShapes(m);
    QVERIFY2(info.ok(), info.error.c_str());
    QCOMPARE(info.layers[0].workspacePerChunk, 2LL * (1 * 3 * 3) * (26 * 26));  // im2col: patches + gradient
    QCOMPARE(info.layers[0].workspacePerSample, 0LL);
    QCOMPARE(info.layers[1].workspacePerSample, 4LL * 26 * 26);  // the dropout mask
    QCOMPARE(info.layers[3].workspacePerSample + info.layers[3].workspacePerChunk, 0LL);
}

QTEST_APPLESS_MAIN(TestShapeInference)
#include "tst_shape_inference.moc"
