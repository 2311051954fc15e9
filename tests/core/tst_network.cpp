// core/network.cpp and core/loss.cpp: whole-model gradients through the shared checker, the losses'
// gradients, initialisation and parameter layout.
#include <QtTest>

#include <cmath>
#include <random>

#include "core/dataset.h"
#include "core/inference_model.h"
#include "core/input_scaling.h"
#include "core/layers/conv2d.h"
#include "core/loss.h"
#include "core/model_spec.h"
#include "core/network.h"
#include "core/parallel.h"
#include "core/training_step.h"
#include "tests/support/gradient_check.h"
#include "tests/support/layer_cases.h"
#include "tests/support/test_data.h"

using namespace layerlab;
using namespace layerlab::test;

class TestNetwork : public QObject {
    Q_OBJECT
private slots:
    void lossGradients_data();
    void lossGradients();
    void crossEntropyValue();
    void crossEntropyIsStableForHugeLogits();
    void parallelLossMatchesSerial();
    void wholeModelGradients_data();
    void wholeModelGradients();
    void batchGradientIsMeanOfSampleGradients_data();
    void batchGradientIsMeanOfSampleGradients();
    void heInitialisationScale();
    void weightMaskCoversWeightsNotBiases();
    void inferMatchesForward_data();
    void inferMatchesForward();
    void inferenceModelMatchesForward();
    void fusedPoolingKeepsActivationsAndGradients_data();
    void fusedPoolingKeepsActivationsAndGradients();
    void unitSplitGradients_data();
    void unitSplitGradients();
    void unitSplitMatchesSplitBySamples_data();
    void unitSplitMatchesSplitBySamples();
    void unitSplitTrainingStep();
    void convCropGradients();
    void convCropMatchesWholeProduct();
    void keptOutputsAreWhatHealthReads_data();
    void keptOutputsAreWhatHealthReads();
};

namespace {
LayerSpec L(LayerType t) {
    LayerSpec s = LayerSpec::make(t);
    s.activation = Activation::None;
    return s;
}
ModelSpec smallCnn(LossType loss, bool softmaxLayer) {
    ModelSpec m;
    m.input = Shape::chw(1, 8, 8);
    m.classes = 4;
    m.layers.push_back(convLayer(3, 3, 1, Padding::Same, Activation::Tanh));
    m.layers.push_back(poolLayer(LayerType::MaxPool2D, 2, 2));
    m.layers.push_back(convLayer(4, 2, 2, Padding::Valid, Activation::None));
    m.layers.push_back(L(LayerType::Sigmoid));
    m.layers.push_back(poolLayer(LayerType::AvgPool2D, 2, 1));
    m.layers.push_back(L(LayerType::Flatten));
    LayerSpec d = L(LayerType::Dense);
    d.units = 6;
    d.activation = Activation::LeakyReLU;
    m.layers.push_back(d);
    LayerSpec dr = L(LayerType::Dropout);
    dr.rate = 0.25f;
    m.layers.push_back(dr);
    LayerSpec out = L(LayerType::Dense);
    out.units = 4;
    out.activation = softmaxLayer ? Activation::Softmax : Activation::None;
    m.layers.push_back(out);
    m.training.loss = loss;
    return m;
}
}  // namespace

void TestNetwork::lossGradients_data() {
    QTest::addColumn<int>("loss");
    QTest::addColumn<bool>("logits");
    QTest::newRow("softmax cross-entropy (fused)") << int(LossType::CrossEntropy) << true;
    QTest::newRow("cross-entropy on probabilities") << int(LossType::CrossEntropy) << false;
    QTest::newRow("mean squared error") << int(LossType::MeanSquaredError) << false;
}

void TestNetwork::lossGradients() {
    QFETCH(int, loss);
    QFETCH(bool, logits);
    const GradCheck r = checkLoss(LossType(loss), logits, 5, 7);
    QCOMPARE(r.checked, 35);
    QVERIFY2(r.maxError < 1e-2, qPrintable(QString::fromStdString(r.worst)));
}

void TestNetwork::crossEntropyValue() {
    // logits (0, ln 3): p = (1/4, 3/4); label 1 -> -ln(3/4)
    const float z[2] = {0.0f, float(std::log(3.0))};
    const std::uint8_t y[1] = {1};
    float d[2];
    const LossResult r = softmaxCrossEntropy(z, y, 1, 2, d);
    QVERIFY(std::abs(r.loss + std::log(0.75)) < 1e-6);
    QCOMPARE(r.correct, 1);
    QVERIFY(std::abs(d[0] - 0.25f) < 1e-6);
    QVERIFY(std::abs(d[1] + 0.25f) < 1e-6);
    const LossResult m = meanSquaredError(z, y, 1, 2, nullptr);
    QVERIFY(std::abs(m.loss - (0.0 + std::pow(std::log(3.0) - 1, 2)) / 2) < 1e-6);
}

void TestNetwork::crossEntropyIsStableForHugeLogits() {
    const float z[3] = {1e4f, -1e4f, 0.0f};
    const std::uint8_t y[1] = {1};
    float d[3];
    const LossResult r = softmaxCrossEntropy(z, y, 1, 3, d);
    QVERIFY(std::isfinite(r.loss));
    QVERIFY(std::abs(r.loss - 2e4) < 1);
    QVERIFY(std::isfinite(d[0]) && std::isfinite(d[1]));
}

// computeLossParallel (the training step's) on 2 threads: the same dOut bits and correct count as
// computeLoss, the loss within rounding, for each loss.
void TestNetwork::parallelLossMatchesSerial() {
    const int n = 77, k = 10;
    std::mt19937 rng(3);
    std::uniform_real_distribution<float> u(0.01f, 1.0f);
    std::vector<float> out(n * k), serial(n * k), parallel(n * k);
    for (float& v : out) v = u(rng);
    std::vector<std::uint8_t> labels(n);
    for (auto& l : labels) l = std::uint8_t(rng() % k);
    ThreadArena arena(2);
    for (const auto& [type, logits] : {std::pair{LossType::CrossEntropy, true},
                                       {LossType::CrossEntropy, false},
                                       {LossType::MeanSquaredError, false}}) {
        const LossResult a = computeLoss(type, logits, out.data(), labels.data(), n, k, serial.data());
        LossResult b;
        arena.execute(
            [&] { b = computeLossParallel(type, logits, out.data(), labels.data(), n, k, parallel.data()); });
        QVERIFY(std::memcmp(serial.data(), parallel.data(), serial.size() * sizeof(float)) == 0);
        QCOMPARE(a.correct, b.correct);
        QVERIFY(a.loss > 0);
        QVERIFY(std::abs(a.loss - b.loss) < 1e-12 * a.loss);
    }
}

void TestNetwork::wholeModelGradients_data() {
    QTest::addColumn<int>("loss");
    QTest::addColumn<bool>("softmax");
    QTest::newRow("cross-entropy, softmax output (fused)") << int(LossType::CrossEntropy) << true;
    QTest::newRow("cross-entropy, logits output") << int(LossType::CrossEntropy) << false;
    QTest::newRow("mse, softmax output") << int(LossType::MeanSquaredError) << true;
}

void TestNetwork::wholeModelGradients() {
    QFETCH(int, loss);
    QFETCH(bool, softmax);
    GradCheckOptions o;
    o.batch = 4;
    o.step = 5e-3;
    const GradCheck r = checkNetwork(smallCnn(LossType(loss), softmax), o);
    QVERIFY(r.checked > 100);
    QVERIFY2(r.maxError < 3e-2, qPrintable(QString::fromStdString(r.worst)));
}

// The seed CNN runs its spatial layers one sample block at a time on the pieces of the batch and its flat
// layers on chunks, and sums per-piece and per-chunk gradients; the result must equal the mean of
// single-sample gradients computed one by one. Planned for 3 threads, 37 samples: 13, 12 and 12 a thread, in
// pieces of 7, 3, 2, 1, 0 and 6, 3, 2, 1, 0 (pieceRange), run by the cores there are.
void TestNetwork::batchGradientIsMeanOfSampleGradients_data() {
    QTest::addColumn<int>("n");
    QTest::addColumn<int>("threads");
    QTest::newRow("6 samples, 2 threads") << 6 << 2;
    QTest::newRow("37 samples, 3 threads") << 37 << 3;
}

void TestNetwork::batchGradientIsMeanOfSampleGradients() {
    QFETCH(int, n);
    QFETCH(int, threads);
    const ModelSpec spec = loadModelSpec(test::resourcesPath() + "/presets/seed-cnn.json");
    std::mt19937 rng(5);
    std::uniform_real_distribution<float> u(0, 1);
    std::vector<float> images(n * 784);
    for (float& v : images) v = u(rng);
    std::vector<std::uint8_t> labels(n);
    for (int s = 0; s < n; ++s) labels[s] = std::uint8_t((s * 7 + 3) % 10);
    ThreadArena arena(threads);
    std::vector<float> batchGrad, meanGrad;
    arena.execute([&] {
        Network net(spec);
        net.setLogitsOutput(true);
        net.reserve(n, threads);
        net.initParams(11);
        std::vector<float> d(n * 10);
        const float* out = net.forward(images.data(), n, true);
        computeLoss(LossType::CrossEntropy, true, out, labels.data(), n, 10, d.data());
        net.backward(d.data(), n);
        batchGrad.assign(net.grads().begin(), net.grads().end());
        meanGrad.assign(batchGrad.size(), 0.0f);
        Network one(spec);
        one.setLogitsOutput(true);
        one.reserve(1, 1);
        std::copy(net.params().begin(), net.params().end(), one.params().begin());
        for (int s = 0; s < n; ++s) {
            const float* o1 = one.forward(images.data() + s * 784, 1, true);
            computeLoss(LossType::CrossEntropy, true, o1, labels.data() + s, 1, 10, d.data());
            one.backward(d.data(), 1);
            for (size_t i = 0; i < meanGrad.size(); ++i) meanGrad[i] += one.grads()[i] / n;
        }
    });
    double maxDiff = 0, maxAbs = 0;
    for (size_t i = 0; i < batchGrad.size(); ++i) {
        maxDiff = std::max(maxDiff, double(std::abs(batchGrad[i] - meanGrad[i])));
        maxAbs = std::max(maxAbs, double(std::abs(meanGrad[i])));
    }
    QVERIFY(maxAbs > 1e-3);
    QVERIFY2(maxDiff < 1e-5 * std::max(1.0, maxAbs),
             qPrintable(QString("%1 of %2").arg(maxDiff).arg(maxAbs)));
}

void TestNetwork::heInitialisationScale() {
    ModelSpec m;
    m.input = Shape::chw(1, 28, 28);
    m.layers = {L(LayerType::Flatten), L(LayerType::Dense), L(LayerType::Dense)};
    m.layers[1].units = 512;
    m.layers[1].activation = Activation::ReLU;
    m.layers[2].units = 10;
    Network net(m);
    net.initParams(9);
    double sq = 0;
    const long long n = 784 * 512;
    for (long long i = 0; i < n; ++i) sq += double(net.params()[i]) * net.params()[i];
    const double sd = std::sqrt(sq / n);
    QVERIFY2(std::abs(sd - std::sqrt(2.0 / 784)) < 0.002,
             qPrintable(QString::number(sd)));  // He: sqrt(2/fan_in)
    // biases zero
    for (long long i = n; i < n + 512; ++i) QCOMPARE(net.params()[i], 0.0f);
    // same seed, same weights; another seed, other weights
    Network again(m), other(m);
    again.initParams(9);
    other.initParams(10);
    QVERIFY(std::equal(net.params().begin(), net.params().end(), again.params().begin()));
    QVERIFY(!std::equal(net.params().begin(), net.params().end(), other.params().begin()));
}

void TestNetwork::weightMaskCoversWeightsNotBiases() {
    Network net(smallCnn(LossType::CrossEntropy, true));
    long long ones = 0;
    for (auto v : net.weightMask()) ones += v;

    QCOMPARE(ones, 27LL + 48 + 24 + 24);  // conv 3x1x3x3, conv 4x3x2x2, dense 6x4, dense 4x6
    QCOMPARE((long long)net.params().size(), ones + 3 + 4 + 6 + 4);
}

namespace {
// An RGB model of other shapes: 3 x 28 x 28 in, "same" padding with a 5x5 kernel, a 3x3 max pool with
// stride 2 (the general pooling path), a strided convolution, tanh and LeakyReLU (Eigen's vectorised exp
// and selects, which peel by address), BatchNorm (a whole-batch layer cuts the spatial layers in two), an
// overlapping average pool and a Residual block of two "same" convolutions.
ModelSpec rgbModel() {
    ModelSpec m;
    m.input = Shape::chw(3, 28, 28);
    m.classes = 10;
    LayerSpec c = L(LayerType::Conv2D);
    c.filters = 6;
    c.kernel = 5;
    c.padding = Padding::Same;
    c.activation = Activation::LeakyReLU;
    m.layers.push_back(c);
    LayerSpec p = L(LayerType::MaxPool2D);
    p.poolSize = 3;
    p.stride = 2;
    m.layers.push_back(p);
    LayerSpec c2 = L(LayerType::Conv2D);
    c2.filters = 7;
    c2.kernel = 3;
    c2.stride = 2;
    c2.activation = Activation::Tanh;
    m.layers.push_back(c2);
    m.layers.push_back(L(LayerType::BatchNorm));
    m.layers.push_back(LayerSpec::make(LayerType::Residual, Shape::chw(7, 6, 6)));
    LayerSpec a = L(LayerType::AvgPool2D);
    a.poolSize = 2;
    a.stride = 1;
    m.layers.push_back(a);
    m.layers.push_back(L(LayerType::Flatten));
    LayerSpec d = L(LayerType::Dense);
    d.units = 10;
    m.layers.push_back(d);
    m.training.seed = 7;
    return m;
}

// Real images for a model: the bundled MNIST subset, or for 3 channels three consecutive digits as its red,
// green and blue planes.
struct Images {
    std::vector<std::uint8_t> pixels, labels;
    std::size_t size = 0;
};
Images subsetImages(const Shape& input, bool test) {
    static const Dataset data = loadDataset(subsetPath());
    const auto& px = test ? data.testImages : data.trainImages;
    const auto& lb = test ? data.testLabels : data.trainLabels;
    const int channels = input.c();
    Images r;
    r.size = std::size_t(input.size());
    const std::size_t count = lb.size() - channels + 1;
    for (std::size_t i = 0; i < count; ++i) {
        for (int ch = 0; ch < channels; ++ch)
            r.pixels.insert(r.pixels.end(), px.begin() + (i + ch) * data.imageSize(),
                            px.begin() + (i + ch + 1) * data.imageSize());
        r.labels.push_back(lb[i]);
    }
    return r;
}

// A network on `threads` threads that took `steps` training steps on the subset (BatchNorm's running
// statistics moved), reserved for batches of `batch`.
std::unique_ptr<Network> trainedNetwork(const ModelSpec& spec, int batch, int steps) {
    auto net = std::make_unique<Network>(spec);
    net->setLogitsOutput(true);
    net->reserve(batch, currentConcurrency());
    net->initParams(spec.training.seed);
    const Images train = subsetImages(spec.input, false);
    const BatchSource src{train.pixels.data(), train.labels.data(), nullptr, train.size, spec.input};
    TrainingStep step(*net, spec.training, batch);
    for (int i = 0; i < steps; ++i) {
        step.fillTraining(src, std::size_t(i) * batch, batch, 1);
        step.run(batch, 0.01f);
    }
    return net;
}
}  // namespace

void TestNetwork::inferMatchesForward_data() {
    QTest::addColumn<QString>("model");  // a preset file, or "rgb"
    QTest::addColumn<int>("threads");
    for (const int threads : {1, 2}) {
        const QString t = QStringLiteral(", %1 thread(s)").arg(threads);
        QTest::newRow(qPrintable("seed CNN preset" + t)) << QStringLiteral("seed-cnn.json") << threads;
        QTest::newRow(qPrintable("seed CNN + BatchNorm preset" + t))
            << QStringLiteral("seed-cnn-bn.json") << threads;
        QTest::newRow(qPrintable("LeNet-5 preset" + t)) << QStringLiteral("lenet5.json") << threads;
        QTest::newRow(qPrintable("RGB, other shapes" + t)) << QStringLiteral("rgb") << threads;
    }
}

// Network::infer (the spatial layers through per-chunk scratch buffers) gives the bits of forward(.., false)
// on the subset's test images, in batches that split unevenly into chunks and sample blocks.
void TestNetwork::inferMatchesForward() {
    QFETCH(QString, model);
    QFETCH(int, threads);
    const ModelSpec spec =
        model == "rgb" ? rgbModel() : loadModelSpec(resourcesPath() + "/presets/" + model.toStdString());
    ThreadArena arena(threads);
    arena.execute([&] {
        auto net = trainedNetwork(spec, 64, 3);
        const Images test = subsetImages(spec.input, true);
        const int k = int(net->outputSize());
        long long differentClass = 0;
        for (const int n : {45, 64, 1}) {
            std::vector<float> in(std::size_t(n + 1) * test.size);  // n images, and n shifted by one
            pixelsToInputs(test.pixels.data(), in.data(), in.size());
            const float* full = net->forward(in.data(), n, false);
            const std::vector<float> expected(full, full + (long long)n * k);
            // A training forward in between fills every activation buffer with other values.
            net->forward(in.data() + test.size, n, true);
            const float* fast = net->infer(in.data(), n);
            QVERIFY(std::memcmp(expected.data(), fast, sizeof(float) * expected.size()) == 0);
            for (int s = 0; s < n; ++s)
                differentClass += std::max_element(fast + s * k, fast + (s + 1) * k) - (fast + s * k) !=
                                  std::max_element(expected.data() + s * k, expected.data() + (s + 1) * k) -
                                      (expected.data() + s * k);
            // The outputs are not all alike (a model that outputs a constant would pass the comparison).
            QVERIFY(n == 1 ||
                    std::abs(expected[0] - expected[k]) + std::abs(expected[1] - expected[k + 1]) > 0);
        }
        QCOMPARE(differentClass, 0LL);
    });
}

// InferenceModel::evaluate (the studio's Evaluate, layerlab-cli evaluate) runs Network::infer: its
// probabilities are the softmax of a full forward's scores, bit for bit, on the seed CNN and the RGB model.
void TestNetwork::inferenceModelMatchesForward() {
    for (const bool rgb : {false, true}) {
        const ModelSpec spec = rgb ? rgbModel() : loadModelSpec(resourcesPath() + "/presets/seed-cnn.json");
        ThreadArena arena(2);
        std::vector<float> params;
        arena.execute([&] {
            const auto trained = trainedNetwork(spec, 32, 4);
            params.assign(trained->params().begin(), trained->params().end());
        });
        const Images test = subsetImages(spec.input, true);
        ImageSet set;
        set.name = "test";
        set.images = test.pixels.data();
        set.labels = test.labels.data();
        set.count = test.labels.size();
        set.imageSize = test.size;
        InferenceModel model(spec, params, 2);
        const Predictions p = model.evaluate(set);
        QCOMPARE(p.predicted.size(), set.count);

        // The same batches on the same threads through a full forward.
        Network net(spec);
        net.setLogitsOutput(true);
        net.reserve(model.maxBatch(), 2);
        std::copy(params.begin(), params.end(), net.params().begin());
        std::vector<float> in(set.count * test.size);
        pixelsToInputs(test.pixels.data(), in.data(), in.size());
        const int k = int(net.outputSize());
        std::vector<float> prob(set.count * k);
        arena.execute([&] {
            for (std::size_t start = 0; start < set.count; start += model.maxBatch()) {
                const int b = int(std::min<std::size_t>(model.maxBatch(), set.count - start));
                const float* scores = net.forward(in.data() + start * test.size, b, false);
                std::copy(scores, scores + b * k, prob.data() + start * k);
            }
        });
        InferenceModel::softmaxRows(prob.data(), int(set.count), k);
        QVERIFY(std::memcmp(prob.data(), p.probabilities.data(), sizeof(float) * prob.size()) == 0);
        int correct = 0;
        for (std::size_t i = 0; i < set.count; ++i) correct += p.predicted[i] == set.labels[i];
        QVERIFY2(correct > 0, "the trained model predicts no class right");
    }
}

void TestNetwork::fusedPoolingKeepsActivationsAndGradients_data() {
    inferMatchesForward_data();
}

// A training forward runs ReLU + max pool as the pool on the ReLU's input, then the ReLU on its outputs
// (Network::setFusedPooling): every layer's activations and the gradients of a training step, and the
// input gradient of an explanation after an evaluation forward, are the bits of running each layer in order.
void TestNetwork::fusedPoolingKeepsActivationsAndGradients() {
    QFETCH(QString, model);
    QFETCH(int, threads);
    const ModelSpec spec =
        model == "rgb" ? rgbModel() : loadModelSpec(resourcesPath() + "/presets/" + model.toStdString());
    ThreadArena arena(threads);
    arena.execute([&] {
        auto fused = trainedNetwork(spec, 64, 3);
        auto plain = trainedNetwork(spec, 64, 3);
        plain->setFusedPooling(false);
        const Images test = subsetImages(spec.input, true);
        const int n = 45, k = int(fused->outputSize());
        std::vector<float> in(std::size_t(n) * test.size);
        pixelsToInputs(test.pixels.data(), in.data(), in.size());
        std::vector<float> dOut(std::size_t(n) * k);
        for (std::size_t i = 0; i < dOut.size(); ++i) dOut[i] = float(int(i % 7) - 3) / 64.0f;
        for (Network* net : {fused.get(), plain.get()}) {
            net->setStepSeed(5);
            net->forward(in.data(), n, true);
            net->backward(dOut.data(), n);
        }
        for (int i = 0; i < fused->layerCount(); ++i) {
            const long long size = fused->layer(i).outputShape().size() * n;
            QVERIFY2(std::memcmp(fused->activation(i), plain->activation(i), sizeof(float) * size) == 0,
                     qPrintable(QStringLiteral("layer %1 (%2)").arg(i).arg(fused->layer(i).name())));
        }
        QVERIFY(std::memcmp(fused->grads().data(), plain->grads().data(), fused->grads().size_bytes()) == 0);
        double norm = 0;
        for (const float g : fused->grads()) norm += double(g) * g;
        QVERIFY(norm > 0);
        std::vector<float> dInFused(in.size()), dInPlain(in.size());
        fused->forward(in.data(), n, false);
        plain->forward(in.data(), n, false);
        fused->inputGradient(dOut.data(), n, dInFused.data());
        plain->inputGradient(dOut.data(), n, dInPlain.data());
        QVERIFY(std::memcmp(dInFused.data(), dInPlain.data(), sizeof(float) * in.size()) == 0);
    });
}

namespace {
// [Flatten,] Dense(units, hidden), Dense(classes, out) on 1 x 6 x 6 inputs.
ModelSpec mlp(int units, Activation hidden, Activation out, LossType loss) {
    ModelSpec m;
    m.input = Shape::chw(1, 6, 6);
    m.classes = 5;
    m.layers.push_back(L(LayerType::Flatten));
    LayerSpec d = L(LayerType::Dense);
    d.units = units;
    d.activation = hidden;
    m.layers.push_back(d);
    LayerSpec o = L(LayerType::Dense);
    o.units = 5;
    o.activation = out;
    m.layers.push_back(o);
    m.training.loss = loss;
    return m;
}

// The largest |a - b| over count values, relative to the largest |b| (at least 1e-3).
double relativeDifference(const float* a, const float* b, long long count) {
    double diff = 0, scale = 1e-3;
    for (long long i = 0; i < count; ++i) {
        diff = std::max(diff, std::abs(double(a[i]) - b[i]));
        scale = std::max(scale, std::abs(double(b[i])));
    }
    return diff / scale;
}
}  // namespace

void TestNetwork::unitSplitGradients_data() {
    QTest::addColumn<int>("units");
    QTest::addColumn<int>("hidden");
    QTest::addColumn<int>("out");
    QTest::addColumn<int>("loss");
    QTest::addColumn<bool>("split");  // whether the model gets the split by units on 2 threads
    QTest::newRow("relu, cross-entropy on logits")
        << 40 << int(Activation::ReLU) << int(Activation::None) << int(LossType::CrossEntropy) << true;
    QTest::newRow("tanh, softmax + cross-entropy (fused)")
        << 33 << int(Activation::Tanh) << int(Activation::Softmax) << int(LossType::CrossEntropy) << true;
    QTest::newRow("no activation, mse")
        << 32 << int(Activation::None) << int(Activation::None) << int(LossType::MeanSquaredError) << true;
    QTest::newRow("sigmoid, mse after softmax (not split)")
        << 40 << int(Activation::Sigmoid) << int(Activation::Softmax) << int(LossType::MeanSquaredError)
        << false;
    QTest::newRow("16 units (one line: not split)")
        << 16 << int(Activation::ReLU) << int(Activation::None) << int(LossType::CrossEntropy) << false;
}

// A training step of an MLP on 2 threads splits the hidden layer's units between the threads
// (Network::inputCopies): its gradients against the numerical ones, as for every other model.
void TestNetwork::unitSplitGradients() {
    QFETCH(int, units);
    QFETCH(int, hidden);
    QFETCH(int, out);
    QFETCH(int, loss);
    QFETCH(bool, split);
    const ModelSpec spec = mlp(units, Activation(hidden), Activation(out), LossType(loss));
    Network net(spec);
    net.setLogitsOutput(LossType(loss) == LossType::CrossEntropy);
    net.reserve(5, 2);
    QCOMPARE(net.inputCopies(5), split ? 2 : 1);
    GradCheckOptions o;
    o.batch = 5;
    o.step = 5e-3;
    o.minAbsInput = 0.05f;
    const GradCheck r = checkNetwork(spec, o);
    QVERIFY(r.checked > 100);
    QVERIFY2(r.maxError < 3e-2, qPrintable(QString::fromStdString(r.worst)));
}

void TestNetwork::unitSplitMatchesSplitBySamples_data() {
    QTest::addColumn<QString>("model");
    QTest::addColumn<int>("batch");
    QTest::addColumn<bool>("keep");  // setKeptTrainingOutputs: All or None
    QTest::newRow("MLP preset, 45 samples") << "mlp.json" << 45 << true;
    QTest::newRow("MLP preset, 1 sample") << "mlp.json" << 1 << true;
    QTest::newRow("MLP preset, 64 samples, activations not kept") << "mlp.json" << 64 << false;
    QTest::newRow("tanh, 33 units") << "tanh" << 45 << true;
}

// The split by units against the split by samples (setUnitSplit(false)) on the same batch: the outputs,
// every layer's activations, the gradients, and an explanation's gradient afterwards (activationGradient,
// which reads the hidden layer's outputs: written late when the step did not keep them) agree within float
// rounding.
void TestNetwork::unitSplitMatchesSplitBySamples() {
    QFETCH(QString, model);
    QFETCH(int, batch);
    QFETCH(bool, keep);
    const ModelSpec spec = model == "tanh"
                               ? mlp(33, Activation::Tanh, Activation::Softmax, LossType::CrossEntropy)
                               : loadModelSpec(resourcesPath() + "/presets/" + model.toStdString());
    ThreadArena arena(2);
    arena.execute([&] {
        Network split(spec), samples(spec);
        for (Network* net : {&split, &samples}) {
            net->setLogitsOutput(true);
            net->reserve(64, 2);
            net->initParams(7);
            net->setKeptTrainingOutputs(keep ? Network::KeptOutputs::All : Network::KeptOutputs::None);
        }
        samples.setUnitSplit(false);
        QCOMPARE(split.inputCopies(batch), 2);
        QCOMPARE(samples.inputCopies(batch), 1);
        const Images test = subsetImages(spec.input, true);
        const int k = int(split.outputSize());
        std::vector<float> in(std::size_t(batch) * test.size);
        pixelsToInputs(test.pixels.data(), in.data(), in.size());
        std::vector<float> dOut(std::size_t(batch) * k);
        for (std::size_t i = 0; i < dOut.size(); ++i) dOut[i] = float(int(i % 7) - 3) / 64.0f;
        for (Network* net : {&split, &samples}) {
            net->forward(in.data(), batch, true);
            net->backward(dOut.data(), batch);
        }
        const int last = split.layerCount() - 1;  // the softmax is skipped: logits
        for (int i = keep ? 0 : last - 1; i < last; ++i) {
            const long long size = split.layer(i).outputShape().size() * batch;
            const double d = relativeDifference(split.activation(i), samples.activation(i), size);
            QVERIFY2(d < 1e-5, qPrintable(QStringLiteral("layer %1: %2").arg(i).arg(d)));
        }
        const double dg =
            relativeDifference(split.grads().data(), samples.grads().data(), split.grads().size());
        QVERIFY2(dg < 1e-4, qPrintable(QString::number(dg)));
        double norm = 0;
        for (const float g : split.grads()) norm += double(g) * g;
        QVERIFY(norm > 0);
        // d(scores) / d(the hidden Dense's output) after the training forward
        const long long hiddenSize = split.layer(1).outputShape().size() * batch;
        std::vector<float> dSplit(hiddenSize), dSamples(hiddenSize);
        split.activationGradient(1, dOut.data(), batch, dSplit.data());
        samples.activationGradient(1, dOut.data(), batch, dSamples.data());
        QVERIFY(relativeDifference(dSplit.data(), dSamples.data(), hiddenSize) < 1e-5);
    });
}

// The trainer's step on 2 threads: TrainingStep fills every part's copy of the inputs itself, and a run of
// steps moves the weights as the split by samples does (within float rounding; SGD with momentum, as Adam
// turns rounding-sized gradients into whole steps); the same run twice gives the same bits.
void TestNetwork::unitSplitTrainingStep() {
    ModelSpec spec = loadModelSpec(resourcesPath() + "/presets/mlp.json");
    spec.training.optimizer.type = OptimizerType::SGD;
    const Images train = subsetImages(spec.input, false);
    const BatchSource src{train.pixels.data(), train.labels.data(), nullptr, train.size, spec.input};
    const int batch = 32, steps = 5;
    ThreadArena arena(2);
    std::vector<std::vector<float>> params;
    std::vector<double> losses;
    for (const bool unitSplit : {true, true, false}) {
        arena.execute([&] {
            Network net(spec);
            net.setLogitsOutput(true);
            net.reserve(batch, 2);
            net.initParams(3);
            net.setUnitSplit(unitSplit);
            TrainingStep step(net, spec.training, batch);
            double loss = 0;
            for (int i = 0; i < steps; ++i) {
                step.fillTraining(src, std::size_t(i) * batch, batch, 1);
                loss = step.run(batch, 0.05f).loss.loss;
            }
            params.emplace_back(net.params().begin(), net.params().end());
            losses.push_back(loss);
        });
    }
    QVERIFY(std::memcmp(params[0].data(), params[1].data(), params[0].size() * sizeof(float)) == 0);
    QCOMPARE(losses[0], losses[1]);
    QVERIFY2(std::abs(losses[0] - losses[2]) < 1e-5 * losses[2],
             qPrintable(QString::number(losses[0] - losses[2])));
    QVERIFY(relativeDifference(params[0].data(), params[2].data(), params[0].size()) < 1e-4);
}

namespace {
// 1 x 9 x 9 -> Conv 3x3 valid, `first` (3 x 7 x 7) -> `firstPool` 2 (reads 6 x 6) -> Conv 3x3 same, tanh
// (4 x 3 x 3) -> average pool 2 (reads 2 x 2) -> Dense 3: both convolutions cropped.
ModelSpec cropModel(Activation first, LayerType firstPool) {
    ModelSpec m;
    m.input = Shape::chw(1, 9, 9);
    m.classes = 3;
    m.layers.push_back(convLayer(3, 3, 1, Padding::Valid, first));
    m.layers.push_back(poolLayer(firstPool, 2, 2));
    m.layers.push_back(convLayer(4, 3, 1, Padding::Same, Activation::Tanh));
    m.layers.push_back(poolLayer(LayerType::AvgPool2D, 2, 2));
    m.layers.push_back(L(LayerType::Flatten));
    LayerSpec d = L(LayerType::Dense);
    d.units = 3;
    m.layers.push_back(d);
    m.training.loss = LossType::CrossEntropy;
    return m;
}
}  // namespace

// A convolution whose last output row and column no pool window reads computes only the read ones
// (Network::setConvCrop): the gradients of such a network, with max and average pooling, ReLU and tanh,
// valid and same padding, against central differences (the parameters' and the input's).
void TestNetwork::convCropGradients() {
    const ModelSpec spec = cropModel(Activation::ReLU, LayerType::MaxPool2D);
    {
        Network net(spec);
        QVERIFY(static_cast<const Conv2D&>(net.layer(0)).cropped());
        QVERIFY(static_cast<const Conv2D&>(net.layer(3)).cropped());  // after the ReLU and the pool
    }
    GradCheckOptions o;
    o.batch = 4;
    o.step = 5e-3;
    o.spacedInputs = true;
    GradCheck r = checkNetwork(spec, o);
    QVERIFY(r.checked > 100);
    QVERIFY2(r.maxError < 3e-2, qPrintable(QString::fromStdString(r.worst)));
    // the input gradient (the explanations' backward), as the explanations' tests, on a smooth variant: the
    // input's central differences cross ReLU's and max pooling's kinks
    GradCheckOptions input;
    input.batch = 5;
    input.step = 1e-3;
    r = checkInputGradient(cropModel(Activation::Tanh, LayerType::AvgPool2D), input);
    QVERIFY(r.checked > 100);
    QVERIFY2(r.maxError < 3e-2, qPrintable(QString::fromStdString(r.worst)));
}

// The seed CNN cropped against every output computed (the same arithmetic summed in another order), on 2
// threads: the kept activations (the unread border too), the outputs and the gradients agree to float
// rounding; and cropped, a step gives the same bits whether it keeps its activations (so computes the
// border) or not.
void TestNetwork::convCropMatchesWholeProduct() {
    const ModelSpec spec = loadModelSpec(resourcesPath() + "/presets/seed-cnn.json");
    const Images train = subsetImages(spec.input, false);
    const int n = 37;
    std::vector<float> in(std::size_t(n) * train.size);
    pixelsToInputs(train.pixels.data(), in.data(), in.size());
    ThreadArena arena(2);
    arena.execute([&] {
        std::vector<std::unique_ptr<Network>> nets;
        for (const bool crop : {true, false}) {
            auto net = std::make_unique<Network>(spec);
            net->setLogitsOutput(true);
            net->setConvCrop(crop);
            net->reserve(n, 2);
            net->initParams(7);
            QCOMPARE(static_cast<const Conv2D&>(net->layer(3)).cropped(), crop);
            const float* out = net->forward(in.data(), n, true);
            std::vector<float> dOut(std::size_t(n) * net->outputSize());
            computeLoss(LossType::CrossEntropy, true, out, train.labels.data(), n, int(net->outputSize()),
                        dOut.data());
            net->backward(dOut.data(), n);
            nets.push_back(std::move(net));
        }
        const Network &a = *nets[0], &b = *nets[1];
        for (int i = 0; i < a.layerCount(); ++i) {
            const long long size = (long long)n * a.layer(i).outputShape().size();
            const double d = relativeDifference(a.activation(i), b.activation(i), size);
            QVERIFY2(d < 1e-5, qPrintable(QStringLiteral("layer %1: %2").arg(i).arg(d)));
        }
        QVERIFY(relativeDifference(a.grads().data(), b.grads().data(), a.grads().size()) < 1e-5);
        // the cropped product really ran: other bits somewhere in the second convolution's outputs
        QVERIFY(std::memcmp(a.activation(3), b.activation(3),
                            sizeof(float) * n * a.layer(3).outputShape().size()));

        const BatchSource src{train.pixels.data(), train.labels.data(), nullptr, train.size, spec.input};
        std::vector<std::vector<float>> params;
        for (const bool keep : {true, false}) {
            Network net(spec);
            net.setLogitsOutput(true);
            net.reserve(32, 2);
            net.initParams(7);
            net.setKeptTrainingOutputs(keep ? Network::KeptOutputs::All : Network::KeptOutputs::None);
            TrainingStep step(net, spec.training, 32);
            for (int i = 0; i < 3; ++i) {
                step.fillTraining(src, std::size_t(i) * 32, 32, 1);
                QCOMPARE(int(step.run(32, 0.001f).outcome), int(TrainingStep::Outcome::Stepped));
            }
            params.emplace_back(net.params().begin(), net.params().end());
        }
        QVERIFY(std::memcmp(params[0].data(), params[1].data(), params[0].size() * sizeof(float)) == 0);
    });
}

void TestNetwork::keptOutputsAreWhatHealthReads_data() {
    QTest::addColumn<QString>("preset");
    QTest::addColumn<int>("skippedModelLayers");  // outputs not written with ModelLayers
    QTest::addColumn<int>("skippedNone");         // and with None
    // two convolutions' outputs under their ReLUs; and the ReLUs' outputs
    QTest::newRow("seed CNN (a convolution, its ReLU, a pool)") << "seed-cnn" << 2 << 4;
    // every output is a model layer's; the two ReLUs before a pool are not written with None
    QTest::newRow("with BatchNorm (a ReLU of its own after it)") << "seed-cnn-bn" << 0 << 2;
}

// Network::setKeptTrainingOutputs on 2 threads. Each network first trains on batch A keeping every output,
// then on batch B keeping All, ModelLayers or None. The gradients of B have the same bits in all three.
// A model layer's output (what layer health reads) is B's with All and ModelLayers; an output under a
// model layer (a convolution's, under its ReLU) is B's only with All. An output that the step need not
// write is still A's where it was skipped, so the test sees the writes really skipped.
void TestNetwork::keptOutputsAreWhatHealthReads() {
    QFETCH(QString, preset);
    QFETCH(int, skippedModelLayers);
    QFETCH(int, skippedNone);
    using Kept = Network::KeptOutputs;
    const ModelSpec spec = loadModelSpec(resourcesPath() + "/presets/" + preset.toStdString() + ".json");
    const Images train = subsetImages(spec.input, false);
    const int n = 24;
    std::vector<float> inA(std::size_t(n) * train.size), inB(inA.size());
    pixelsToInputs(train.pixels.data(), inA.data(), inA.size());
    pixelsToInputs(train.pixels.data() + inA.size(), inB.data(), inB.size());
    ThreadArena arena(2);
    arena.execute([&] {
        const Kept modes[] = {Kept::All, Kept::ModelLayers, Kept::None};
        std::vector<std::unique_ptr<Network>> nets;
        for (const Kept kept : modes) {
            auto net = std::make_unique<Network>(spec);
            net->setLogitsOutput(true);
            net->reserve(n, 2);
            net->initParams(7);
            for (const auto* in : {&inA, &inB}) {
                net->setKeptTrainingOutputs(in == &inA ? Kept::All : kept);
                const float* out = net->forward(in->data(), n, true);
                std::vector<float> dOut(std::size_t(n) * net->outputSize());
                computeLoss(LossType::CrossEntropy, true, out, train.labels.data() + (in == &inA ? 0 : n), n,
                            int(net->outputSize()), dOut.data());
                net->backward(dOut.data(), n);
            }
            nets.push_back(std::move(net));
        }
        const Network& all = *nets[0];
        for (std::size_t k = 1; k < nets.size(); ++k)
            QVERIFY(std::memcmp(all.grads().data(), nets[k]->grads().data(), all.grads().size_bytes()) == 0);
        // Batch A's outputs, for the layers whose B outputs a step may skip.
        Network reference(spec);
        reference.setLogitsOutput(true);
        reference.reserve(n, 2);
        reference.initParams(7);
        reference.forward(inA.data(), n, true);
        const int last = all.layerCount() - 1;  // the softmax: not run (logits)
        int skipped[3] = {0, 0, 0};
        for (int i = 0; i < last; ++i) {
            const bool modelOutput = all.specIndexOf(i) != all.specIndexOf(i + 1);
            const std::size_t bytes = sizeof(float) * n * all.layer(i).outputShape().size();
            for (std::size_t k = 0; k < nets.size(); ++k) {
                const float* a = nets[k]->activation(i);
                const bool wanted = modes[k] == Kept::All || (modes[k] == Kept::ModelLayers && modelOutput);
                if (std::memcmp(a, all.activation(i), bytes) == 0) continue;  // B's
                QVERIFY2(!wanted, qPrintable(QStringLiteral("layer %1, mode %2: not written").arg(i).arg(k)));
                QVERIFY2(std::memcmp(a, reference.activation(i), bytes) == 0,
                         qPrintable(QStringLiteral("layer %1, mode %2: neither A's nor B's").arg(i).arg(k)));
                ++skipped[k];
            }
        }
        QCOMPARE(skipped[0], 0);
        QCOMPARE(skipped[1], skippedModelLayers);
        QCOMPARE(skipped[2], skippedNone);
    });
}

QTEST_APPLESS_MAIN(TestNetwork)
#include "tst_network.moc"
