// core/freezing.cpp and freezing through the engine ("trainable": false): the model file, parameter counts,
// the network's backward (no weight gradients for frozen layers, nothing below the lowest layer that
// learns), the optimizer's state, training with a frozen layer, and a model with nothing left to train.
#include <QtTest>

#include <random>

#include "core/dataset.h"
#include "core/errors.h"
#include "core/freezing.h"
#include "core/layer_tree.h"
#include "core/loss.h"
#include "core/network.h"
#include "core/optimizer.h"
#include "core/parallel.h"
#include "core/shape_inference.h"
#include "core/trainer.h"
#include "core/training_step.h"
#include "tests/support/gradient_check.h"
#include "tests/support/test_data.h"

using namespace layerlab;
using namespace layerlab::test;

class TestFreezing : public QObject {
    Q_OBJECT
private slots:
    void modelFileReadsAndWritesTrainable();
    void parameterCountsSplitTrainableAndFrozen();
    void frozenLayersGetNoGradientAndTheOthersPassTheCheck_data();
    void frozenLayersGetNoGradientAndTheOthersPassTheCheck();
    void learningLayersGetTheSameGradientsAsWithoutFreezing();
    void optimizerHoldsNoStateForFrozenLayers();
    void frozenWeightsAreBitIdenticalAfterTraining();
    void freezingEveryLayerIsRefused();
    void weightsFitAModelThatOnlyFreezesOtherwise();
};

namespace {

LayerSpec L(LayerType t) {
    LayerSpec s = LayerSpec::make(t);
    if (hasActivation(t)) s.activation = Activation::None;
    return s;
}

LayerSpec conv(int filters, Activation a = Activation::ReLU) {
    LayerSpec c = L(LayerType::Conv2D);
    c.filters = filters;
    c.kernel = 3;
    c.activation = a;
    return c;
}

LayerSpec dense(int units, Activation a = Activation::ReLU) {
    LayerSpec d = L(LayerType::Dense);
    d.units = units;
    d.activation = a;
    return d;
}

// Average pooling: smooth, so the numerical gradient check has no kinks to trip on.
LayerSpec pool() {
    LayerSpec p = L(LayerType::AvgPool2D);
    p.poolSize = 2;
    return p;
}

// Conv 4 -> pool -> conv 6 -> flatten -> dense 12 -> dense classes (8x8 or 28x28 input, 1 channel).
ModelSpec smallCnn(int side = 10, int classes = 4) {
    ModelSpec m;
    m.input = Shape::chw(1, side, side);
    m.classes = classes;
    m.layers = {conv(4, Activation::Tanh),   pool(),
                conv(6, Activation::Tanh),   L(LayerType::Flatten),
                dense(12, Activation::Tanh), dense(classes, Activation::None)};
    m.training.loss = LossType::CrossEntropy;
    return m;
}

// The same with a Residual block (two same-padded convolutions) after the first convolution.
ModelSpec residualCnn() {
    ModelSpec m = smallCnn();
    LayerSpec r = LayerSpec::make(LayerType::Residual, Shape::chw(4, 8, 8));
    for (LayerSpec& inner : r.layers) inner.activation = Activation::Tanh;
    m.layers.insert(m.layers.begin() + 1, r);
    return m;
}

long long paramsOf(const ModelSpec& m) {
    return inferShapes(m).params;
}

}  // namespace

void TestFreezing::modelFileReadsAndWritesTrainable() {
    ModelSpec m = smallCnn();
    assignLayerIds(m);
    m.layers[0].trainable = false;
    const std::string text = serializeModelSpec(m);
    QVERIFY(text.find("\"trainable\": false") != std::string::npos);
    // Written only when false: a trainable layer's entry is as before.
    QCOMPARE(text.find("\"trainable\": true"), std::string::npos);
    const ModelSpec back = parseModelSpec(text);
    QCOMPARE(back.layers[0].trainable, false);
    QCOMPARE(back.layers[2].trainable, true);
    QVERIFY(back == m);

    // A bad value names the layer, the key and what it takes.
    try {
        parseModelSpec(R"({"format": "layerlab-model", "version": 1, "input": {"channels": 1, "height": 28,
            "width": 28}, "classes": 10, "layers": [{"type": "Flatten"}, {"type": "Dense", "units": 10,
            "trainable": "no"}]})");
        QFAIL("a string for trainable was accepted");
    } catch (const SpecError& e) {
        const std::string what = e.what();
        QVERIFY2(what.find("layer 2 (Dense)") != std::string::npos, e.what());
        QVERIFY2(what.find("trainable") != std::string::npos, e.what());
        QVERIFY2(what.find("true or false") != std::string::npos, e.what());
    }
    // A layer without weights has nothing to freeze: the key is reported as not used there.
    const ModelSpec pooled =
        parseModelSpec(R"({"format": "layerlab-model", "version": 1, "input": {"channels": 1,
        "height": 28, "width": 28}, "classes": 10, "layers": [{"type": "Flatten", "trainable": false},
        {"type": "Dense", "units": 10}]})");
    const auto warnings = unknownKeyWarnings(pooled);
    QCOMPARE(warnings.size(), std::size_t(1));
    QVERIFY2(warnings[0].find("trainable") != std::string::npos, warnings[0].c_str());
}

void TestFreezing::parameterCountsSplitTrainableAndFrozen() {
    ModelSpec m = residualCnn();
    const ModelInfo all = inferShapes(m);
    QVERIFY2(all.ok(), all.error.c_str());
    QCOMPARE(all.trainableParams, all.params);
    QCOMPARE(parameterSummary(m, all), groupedNumber(all.params) + " parameters");

    const long long conv1 = all.layers[0].params, block = all.layers[1].params;
    QCOMPARE(conv1, 4LL * 9 + 4);
    m.layers[0].trainable = false;  // the first convolution
    m.layers[1].trainable = false;  // the whole block, its inner layers with it
    const ModelInfo frozen = inferShapes(m);
    QCOMPARE(frozen.params, all.params);
    QCOMPARE(frozen.trainableParams, all.params - conv1 - block);
    QCOMPARE(frozen.layers[1].trainableParams, 0LL);
    QCOMPARE(frozen.layers[1].inner[0].trainableParams, 0LL);
    QVERIFY(isFrozen(m, {1, 0}));  // inside the frozen block
    QVERIFY(!isFrozen(m, {2}));
    QCOMPARE(frozenLayerPaths(m), (std::vector<std::vector<int>>{{0}, {1}}));
    QCOMPARE(parameterSummary(m, frozen), groupedNumber(all.params) + " parameters (" +
                                              groupedNumber(conv1 + block) + " frozen in layers 1 and 2, " +
                                              groupedNumber(frozen.trainableParams) + " trainable)");

    // One inner layer of the block frozen: the block counts its other layer as trainable.
    m.layers[1].trainable = true;
    m.layers[1].layers[1].trainable = false;
    const ModelInfo inner = inferShapes(m);
    QCOMPARE(inner.layers[1].trainableParams, inner.layers[1].inner[0].params);
    QCOMPARE(frozenLayerPaths(m), (std::vector<std::vector<int>>{{0}, {1, 1}}));
}

void TestFreezing::frozenLayersGetNoGradientAndTheOthersPassTheCheck_data() {
    QTest::addColumn<QString>("frozen");  // layer numbers as the editor shows them
    QTest::newRow("nothing frozen") << "";
    QTest::newRow("nothing frozen, residual") << "r";
    QTest::newRow("middle convolution (layers below still learn)") << "3";
    QTest::newRow("first convolution (the lowest)") << "1";
    QTest::newRow("both convolutions, head learns") << "1,3";
    QTest::newRow("hidden dense (flat part)") << "5";
    QTest::newRow("last layer only") << "6";
    QTest::newRow("residual block, layers below and above learn") << "r2";
    QTest::newRow("one layer inside the block") << "r2.2";
    QTest::newRow("everything below the block's second layer") << "r1,2.1";
}

// The numerical gradient check on the whole network with some layers frozen: their gradients are exactly 0,
// and every layer that learns, above and below them, gets the true gradient (the input gradient flows
// through the frozen layers).
void TestFreezing::frozenLayersGetNoGradientAndTheOthersPassTheCheck() {
    QFETCH(QString, frozen);
    const bool residual = frozen.startsWith('r');
    ModelSpec m = residual ? residualCnn() : smallCnn();
    for (const QString& part : frozen.mid(residual ? 1 : 0).split(',', Qt::SkipEmptyParts)) {
        const QStringList path = part.split('.');
        LayerSpec* l = &m.layers[path[0].toInt() - 1];
        if (path.size() > 1) l = &l->layers[path[1].toInt() - 1];
        l->trainable = false;
    }
    GradCheckOptions o;
    o.batch = 4;
    o.step = 5e-3;
    o.maxCoordinates = 150;
    const GradCheck r = checkNetwork(m, o);
    QVERIFY(r.checked > 0);
    QVERIFY2(r.maxError < 1e-2, r.worst.c_str());
}

// The frozen path changes nothing for the layers that learn: the same batch gives them bit-identical
// gradients with and without the frozen layers' weight gradients being computed.
void TestFreezing::learningLayersGetTheSameGradientsAsWithoutFreezing() {
    for (const bool residual : {false, true}) {
        const ModelSpec full = residual ? residualCnn() : smallCnn();
        ModelSpec part = full;
        part.layers[0].trainable = false;
        part.layers[residual ? 3 : 2].trainable = false;  // the second plain convolution
        ThreadArena arena(2);
        arena.execute([&] {
            Network a(full), b(part);
            for (Network* n : {&a, &b}) {
                n->setLogitsOutput(true);
                n->reserve(6, 2);
                n->initParams(3);
            }
            std::mt19937_64 rng(5);
            std::uniform_real_distribution<float> u(0.0f, 1.0f);
            std::vector<float> in(6 * a.inputSize());
            for (float& x : in) x = u(rng);
            std::vector<std::uint8_t> labels = {0, 1, 2, 3, 0, 1};
            std::vector<float> dA(6 * 4), dB(6 * 4);
            computeLoss(LossType::CrossEntropy, true, a.forward(in.data(), 6, true), labels.data(), 6, 4,
                        dA.data());
            computeLoss(LossType::CrossEntropy, true, b.forward(in.data(), 6, true), labels.data(), 6, 4,
                        dB.data());
            QCOMPARE(dA, dB);
            a.backward(dA.data(), 6);
            b.backward(dB.data(), 6);
            long long learning = 0;
            for (size_t i = 0; i < a.grads().size(); ++i) {
                if (b.trainableMask()[i]) {
                    ++learning;
                    QCOMPARE(b.grads()[i], a.grads()[i]);
                } else {
                    QCOMPARE(b.grads()[i], 0.0f);
                }
            }
            QCOMPARE(learning, b.trainableCount());
            QVERIFY(learning > 0 && learning < (long long)a.grads().size());
            // No L2 on frozen weights: the weight mask leaves them out.
            for (size_t i = 0; i < a.grads().size(); ++i)
                if (!b.trainableMask()[i]) QCOMPARE(int(b.weightMask()[i]), 0);
        });
    }
}

void TestFreezing::optimizerHoldsNoStateForFrozenLayers() {
    ModelSpec m = smallCnn();
    m.layers[0].trainable = false;
    m.layers[4].trainable = false;
    m.training.optimizer.type = OptimizerType::Adam;
    Network net(m);
    net.reserve(8, 1);
    const long long p = (long long)net.params().size();
    const long long conv1 = 4 * 9 + 4, dense12 = inferShapes(m).layers[4].params;
    QCOMPARE(net.trainableCount(), p - conv1 - dense12);
    const std::vector<ParamRange> ranges = maskRanges(net.trainableMask());
    // The first convolution's parameters come first, the hidden Dense's after the second convolution's.
    QCOMPARE(ranges.size(), std::size_t(2));
    QCOMPARE(ranges[0].offset, conv1);
    QCOMPARE(ranges[1].offset, conv1 + (6 * 4 * 9 + 6) + dense12);
    auto opt = makeOptimizer(m.training.optimizer, ranges);
    QCOMPARE(opt->trainedCount(), net.trainableCount());
    QCOMPARE(opt->stateFloats(), std::size_t(2 * net.trainableCount()));  // Adam's m and v, nothing frozen
}

// Training with the convolutions frozen (with L2, with momentum): their weights come out bit for bit as they
// went in; the head's moved.
void TestFreezing::frozenWeightsAreBitIdenticalAfterTraining() {
    const Dataset data = loadDataset(subsetPath(), "MNIST subset");
    for (const OptimizerType opt : {OptimizerType::Adam, OptimizerType::SGD}) {
        ModelSpec m = smallCnn(28, 10);
        m.layers[0].trainable = false;
        m.layers[2].trainable = false;
        m.training.epochs = 1;
        m.training.batchSize = 64;
        m.training.threads = 2;
        m.training.l2 = 1e-3f;
        m.training.optimizer.type = opt;
        m.training.optimizer.learningRate = opt == OptimizerType::SGD ? 0.05f : 0.002f;
        m.training.optimizer.momentum = 0.9f;
        m.training.earlyStopping.enabled = false;
        Network init(m);
        init.initParams(99);
        const std::vector<float> before(init.params().begin(), init.params().end());
        Trainer trainer(m, data);
        trainer.setInitialParams(before);
        const TrainResult r = trainer.run();
        QVERIFY2(!r.failed && !r.diverged, r.message.c_str());
        const std::vector<float> after = trainer.currentParams();
        long long frozen = 0, moved = 0, learning = 0;
        for (size_t i = 0; i < before.size(); ++i) {
            if (!init.trainableMask()[i]) {
                ++frozen;
                QCOMPARE(after[i], before[i]);
            } else {
                ++learning;
                moved += after[i] != before[i];
            }
        }
        QCOMPARE(frozen, (4LL * 9 + 4) + (6LL * 4 * 9 + 6));
        QVERIFY2(moved > learning * 9 / 10, qPrintable(QString("%1 of %2 moved").arg(moved).arg(learning)));
        QVERIFY2(r.testAccuracy > 0.5, qPrintable(QString::number(r.testAccuracy)));  // the head learned
    }
}

void TestFreezing::freezingEveryLayerIsRefused() {
    ModelSpec m = smallCnn(28, 10);
    for (LayerSpec& l : m.layers) l.trainable = false;
    QCOMPARE(nothingToTrainReason(inferShapes(m)), nothingToTrainMessage());
    const Dataset data = loadDataset(subsetPath(), "MNIST subset");
    try {
        Trainer trainer(m, data);
        QFAIL("a model with every layer frozen was accepted for training");
    } catch (const SpecError& e) {
        const std::string what = e.what();
        QVERIFY2(what.find("every layer with weights is frozen") != std::string::npos, e.what());
        QVERIFY2(what.find("unfreeze at least one layer") != std::string::npos, e.what());
    }
    // One layer unfrozen is enough; a model with no weights at all is not "frozen".
    m.layers.back().trainable = true;
    QVERIFY(nothingToTrainReason(inferShapes(m)).empty());
    ModelSpec none;
    none.input = Shape::flat(10);
    none.layers = {L(LayerType::Softmax)};
    QVERIFY(nothingToTrainReason(inferShapes(none)).empty());
    QCOMPARE(paramsOf(none), 0LL);
}

void TestFreezing::weightsFitAModelThatOnlyFreezesOtherwise() {
    ModelSpec a = residualCnn(), b = a;
    b.layers[0].trainable = false;
    b.layers[1].layers[0].trainable = false;
    QVERIFY(sameLayersIgnoringFreezing(a.layers, b.layers));
    b.layers[4].units = 13;
    QVERIFY(!sameLayersIgnoringFreezing(a.layers, b.layers));
}

QTEST_GUILESS_MAIN(TestFreezing)
#include "tst_freezing.moc"
