// core/weight_transfer.cpp: a checkpoint's weights into another model, paired by position and shape:
// loaded, fresh for another shape (a new last layer), not matched with the reason, unused checkpoint layers,
// BatchNorm layers (paired like any layer with parameters, running statistics included), and a checkpoint
// that fits no layer.
#include <QtTest>

#include <numeric>

#include "core/errors.h"
#include "core/layer_types.h"
#include "core/network.h"
#include "core/weight_transfer.h"

using namespace layerlab;

class TestWeightTransfer : public QObject {
    Q_OBJECT
private slots:
    void matchedLayersGetTheCheckpointsWeights();
    void layersWithoutWeightsDoNotShiftThePairs();
    void notMatchedLayersSayWhy();
    void blocksArePairedLayerByLayer();
    void batchNormLayersArePaired();
    void nothingFitsGivesAClearMessage();
    void buffersOfTheWrongSizeAreRefused();
};

namespace {

LayerSpec L(LayerType t) {
    LayerSpec s = LayerSpec::make(t);
    if (hasActivation(t)) s.activation = Activation::None;
    return s;
}

LayerSpec conv(int filters) {
    LayerSpec c = L(LayerType::Conv2D);
    c.filters = filters;
    c.kernel = 3;
    c.activation = Activation::ReLU;
    return c;
}

LayerSpec dense(int units) {
    LayerSpec d = L(LayerType::Dense);
    d.units = units;
    return d;
}

LayerSpec pool() {
    LayerSpec p = L(LayerType::MaxPool2D);
    p.poolSize = 2;
    return p;
}

// The seed CNN's shape, smaller: conv 4 -> pool -> conv 8 -> pool -> flatten -> dense 16 -> dense classes.
ModelSpec cnn(int classes) {
    ModelSpec m;
    m.input = Shape::chw(1, 28, 28);
    m.classes = classes;
    m.layers = {conv(4), pool(), conv(8), pool(), L(LayerType::Flatten), dense(16), dense(classes)};
    return m;
}

// Distinct values: parameter i of a checkpoint is 1000 + i.
std::vector<float> numbered(const ModelSpec& m) {
    Network net(m);
    std::vector<float> p(net.params().size());
    std::iota(p.begin(), p.end(), 1000.0f);
    return p;
}

std::vector<float> initial(const ModelSpec& m) {
    Network net(m);
    net.initParams(5);
    return {net.params().begin(), net.params().end()};
}

bool contains(const std::string& s, const std::string& part) {
    return s.find(part) != std::string::npos;
}

}  // namespace

// The transfer-learning case: an MNIST model's weights into the same model with a new last layer for 5
// classes. Every layer but the last gets the checkpoint's values bit for bit; the last keeps its fresh ones.
void TestWeightTransfer::matchedLayersGetTheCheckpointsWeights() {
    const ModelSpec source = cnn(10), model = cnn(5);
    const std::vector<float> ck = numbered(source);
    std::vector<float> params = initial(model);
    const std::vector<float> fresh = params;
    const WeightTransfer t = transferWeights(model, params, source, ck);
    QCOMPARE(t.refusal(), std::string());
    QCOMPARE(t.layers.size(), std::size_t(4));
    QCOMPARE(t.sourceLayers, 4);
    using O = LayerTransfer::Outcome;
    QCOMPARE(int(t.layers[0].outcome), int(O::Loaded));
    QCOMPARE(int(t.layers[1].outcome), int(O::Loaded));
    QCOMPARE(int(t.layers[2].outcome), int(O::Loaded));
    QCOMPARE(int(t.layers[3].outcome), int(O::Fresh));
    QCOMPARE(t.layers[0].path, std::vector<int>{0});
    QCOMPARE(t.layers[3].path, std::vector<int>{6});
    QCOMPARE(t.layers[0].shape, std::string("4x1x3x3 weights + 4 biases"));
    QCOMPARE(t.layers[3].shape, std::string("5x16 weights + 5 biases"));
    QVERIFY2(contains(t.layers[3].reason, "5x16 weights + 5 biases here, 10x16 weights + 10 biases"),
             t.layers[3].reason.c_str());
    QVERIFY2(contains(t.layers[3].reason, "layer 7 (Dense)"), t.layers[3].reason.c_str());

    // Layer by layer: offsets are the network's (conv 40, conv 296, dense 200*16+16, dense 16*5+5).
    const long long loaded = 40 + (8 * 4 * 9 + 8) + (16 * 200 + 16);
    QCOMPARE(t.loadedParams, loaded);
    QCOMPARE(t.freshParams, 16LL * 5 + 5);
    for (long long i = 0; i < loaded; ++i) QCOMPARE(params[i], ck[i]);
    for (size_t i = loaded; i < params.size(); ++i) QCOMPARE(params[i], fresh[i]);
    QCOMPARE(t.summary(), std::string("3 of 4 layers with weights loaded (3,552 parameters), 1 starts fresh "
                                      "(other shape)"));
    QVERIFY(t.unused.empty());
    const std::vector<std::string> lines = t.lines();
    QCOMPARE(lines.size(), std::size_t(4));
    QCOMPARE(lines[0],
             std::string("layer 1 (Conv2D) 4x1x3x3 weights + 4 biases: loaded from the checkpoint's "
                         "layer 1 (Conv2D)"));
    QCOMPARE(lines[3], std::string("layer 7 (Dense) 5x16 weights + 5 biases: starts fresh, other shape: 5x16 "
                                   "weights + 5 biases here, 10x16 weights + 10 biases in the checkpoint's "
                                   "layer 7 (Dense)"));
}

// Pairs count layers with weights only: a Dropout or an extra pooling layer in between does not shift them.
void TestWeightTransfer::layersWithoutWeightsDoNotShiftThePairs() {
    const ModelSpec source = cnn(10);
    ModelSpec model = cnn(10);
    LayerSpec drop = L(LayerType::Dropout);
    model.layers.insert(model.layers.begin() + 5, drop);                // after Flatten
    model.layers.insert(model.layers.begin() + 1, L(LayerType::ReLU));  // after the first convolution
    const std::vector<float> ck = numbered(source);
    std::vector<float> params = initial(model);
    const WeightTransfer t = transferWeights(model, params, source, ck);
    QCOMPARE(t.count(LayerTransfer::Outcome::Loaded), 4);
    QCOMPARE(t.layers[3].path, std::vector<int>{8});
    QCOMPARE(t.layers[3].sourcePath, std::vector<int>{6});
    QCOMPARE(params, ck);  // the same parameter layout: every value copied
}

void TestWeightTransfer::notMatchedLayersSayWhy() {
    // The checkpoint: conv, conv, dense. The model: conv, dense, dense, dense (an MLP head where the second
    // convolution was), one layer with weights more than the checkpoint has.
    ModelSpec source;
    source.input = Shape::chw(1, 28, 28);
    source.layers = {conv(4), pool(), conv(8), pool(), L(LayerType::Flatten), dense(10)};
    ModelSpec model;
    model.input = Shape::chw(1, 28, 28);
    model.layers = {conv(4), pool(), L(LayerType::Flatten), dense(32), dense(16), dense(10)};
    std::vector<float> params = initial(model);
    const std::vector<float> before = params;
    const WeightTransfer t = transferWeights(model, params, source, numbered(source));
    using O = LayerTransfer::Outcome;
    QCOMPARE(t.layers.size(), std::size_t(4));
    QCOMPARE(int(t.layers[0].outcome), int(O::Loaded));
    QCOMPARE(int(t.layers[1].outcome), int(O::NotMatched));
    QCOMPARE(t.layers[1].reason,
             std::string("the checkpoint's 2nd layer with weights is layer 3 (Conv2D), not a Dense"));
    QCOMPARE(t.layers[1].source, std::string("layer 3 (Conv2D), 8x4x3x3 weights + 8 biases"));
    // The third pair has the same type but another shape (16x32 here, 10x200 there): fresh.
    QCOMPARE(int(t.layers[2].outcome), int(O::Fresh));
    QCOMPARE(int(t.layers[3].outcome), int(O::NotMatched));
    QCOMPARE(t.layers[3].reason, std::string("the checkpoint has only 3 layers with weights"));
    QVERIFY(t.layers[3].sourcePath.empty());
    QCOMPARE(t.summary(), std::string("1 of 4 layers with weights loaded (40 parameters), 1 starts fresh "
                                      "(other shape), 2 do not match"));
    // Only the first convolution changed.
    for (size_t i = 40; i < params.size(); ++i) QCOMPARE(params[i], before[i]);

    // The other way round: checkpoint layers nothing pairs with are listed as unused.
    const WeightTransfer back = planWeightTransfer(source, model);
    QCOMPARE(back.unused.size(), std::size_t(1));
    QCOMPARE(
        back.unused[0],
        std::string("layer 6 (Dense), 10x16 weights + 10 biases: this model has only 3 layers with weights"));
    QVERIFY2(contains(back.summary(), "1 of the checkpoint's 4 layers with weights is not used"),
             back.summary().c_str());
}

// Inner layers of a Residual block pair like any layer, at the offsets the network gives the block.
void TestWeightTransfer::blocksArePairedLayerByLayer() {
    ModelSpec source = cnn(10);
    LayerSpec block = LayerSpec::make(LayerType::Residual, Shape::chw(4, 13, 13));
    source.layers.insert(source.layers.begin() + 2, block);  // after the first pooling
    ModelSpec model = source;
    model.layers.back().units = 3;
    model.classes = 3;
    const std::vector<float> ck = numbered(source);
    std::vector<float> params = initial(model);
    const WeightTransfer t = transferWeights(model, params, source, ck);
    QCOMPARE(t.layers.size(), std::size_t(6));
    QCOMPARE(t.layers[1].path, (std::vector<int>{2, 0}));
    QCOMPARE(t.layers[2].path, (std::vector<int>{2, 1}));
    QCOMPARE(t.count(LayerTransfer::Outcome::Loaded), 5);
    Network net(model);
    // The block's parameters start at its engine layer's offset (after the first convolution, its ReLU and
    // the pooling).
    QCOMPARE(int(net.layer(3).type()), int(LayerType::Residual));
    const long long blockOffset = net.paramOffset(3);
    QCOMPARE(blockOffset, 40LL);
    const long long blockParams = 2 * (4 * 4 * 9 + 4);
    for (long long i = blockOffset; i < blockOffset + blockParams; ++i) QCOMPARE(params[i], ck[i]);
}

// conv 4 -> BatchNorm -> pool -> ... : the BatchNorm is the second layer with parameters on both sides and
// gets all 16 of its checkpoint values (scale, shift, running mean and variance); the same model without
// it does not pair the rest (the checkpoint's second layer with weights is that BatchNorm).
void TestWeightTransfer::batchNormLayersArePaired() {
    ModelSpec source = cnn(10);
    source.layers.insert(source.layers.begin() + 1, L(LayerType::BatchNorm));
    ModelSpec model = source;
    model.layers.back().units = 5;
    model.classes = 5;
    model.layers[1].trainable = false;  // frozen or not, it gets the weights
    const std::vector<float> ck = numbered(source);
    std::vector<float> params = initial(model);
    const WeightTransfer t = transferWeights(model, params, source, ck);
    using O = LayerTransfer::Outcome;
    QCOMPARE(t.layers.size(), std::size_t(5));
    QCOMPARE(int(t.layers[1].outcome), int(O::Loaded));
    QCOMPARE(int(t.layers[1].type), int(LayerType::BatchNorm));
    QCOMPARE(t.layers[1].params, 16LL);
    QCOMPARE(t.layers[1].shape, std::string("4 scales + shifts + running means + variances"));
    QCOMPARE(int(t.layers[4].outcome), int(O::Fresh));
    const long long at = 40;  // after the first convolution's 4x1x3x3 + 4
    for (long long i = at; i < at + 16; ++i) QCOMPARE(params[i], ck[i]);
    QCOMPARE(t.lines()[1], std::string("layer 2 (BatchNorm) 4 scales + shifts + running means + variances: "
                                       "loaded from the checkpoint's layer 2 (BatchNorm)"));

    const ModelSpec plain = cnn(10);  // no BatchNorm: only the first convolution pairs
    std::vector<float> p2 = initial(plain);
    const WeightTransfer u = transferWeights(plain, p2, source, ck);
    QCOMPARE(t.count(O::Loaded), 4);
    QCOMPARE(u.count(O::Loaded), 1);
    QCOMPARE(int(u.layers[1].outcome), int(O::NotMatched));
    QVERIFY2(contains(u.layers[1].reason,
                      "the checkpoint's 2nd layer with weights is layer 2 (BatchNorm), not a "
                      "Conv2D"),
             u.layers[1].reason.c_str());
}

void TestWeightTransfer::nothingFitsGivesAClearMessage() {
    // An MLP checkpoint for a CNN: the first pair is Conv2D against Dense, and the second Dense differs.
    ModelSpec mlp;
    mlp.input = Shape::chw(1, 28, 28);
    mlp.layers = {L(LayerType::Flatten), dense(20), dense(10)};
    const ModelSpec model = cnn(10);
    std::vector<float> params = initial(model);
    const std::vector<float> before = params;
    const WeightTransfer t = transferWeights(model, params, mlp, numbered(mlp));
    QCOMPARE(t.loadedParams, 0LL);
    const std::string why = t.refusal();
    QCOMPARE(why,
             std::string("none of the checkpoint's 2 layers with weights fits this model (layer 1 (Conv2D): "
                         "the checkpoint's 1st layer with weights is layer 2 (Dense), not a Conv2D): start "
                         "from a checkpoint of a model with layers of the same types and shapes in the "
                         "same order"));
    QCOMPARE(params, before);  // nothing copied

    // A checkpoint without any weights.
    ModelSpec bare;
    bare.input = Shape::flat(10);
    bare.layers = {L(LayerType::Softmax)};
    const WeightTransfer none = planWeightTransfer(model, bare);
    QVERIFY2(contains(none.refusal(), "the checkpoint has no layers with weights"), none.refusal().c_str());
    QCOMPARE(none.layers[0].reason, std::string("the checkpoint has no layers with weights"));
}

void TestWeightTransfer::buffersOfTheWrongSizeAreRefused() {
    const ModelSpec m = cnn(10);
    std::vector<float> params = initial(m);
    std::vector<float> ck = numbered(m);
    ck.pop_back();
    try {
        transferWeights(m, params, m, ck);
        QFAIL("a short checkpoint buffer was accepted");
    } catch (const SpecError& e) {
        QVERIFY2(contains(e.what(), "the checkpoint holds"), e.what());
    }
    ModelSpec broken = m;
    broken.layers.erase(broken.layers.begin() + 4);  // no Flatten: the Dense gets an image
    try {
        planWeightTransfer(m, broken);
        QFAIL("a checkpoint model that cannot work was accepted");
    } catch (const SpecError& e) {
        QVERIFY2(contains(e.what(), "the checkpoint's model cannot work: layer"), e.what());
    }
}

QTEST_GUILESS_MAIN(TestWeightTransfer)
#include "tst_weight_transfer.moc"
