// core/layers/batchnorm: the gradients (training and evaluation, with and without a parameter buffer),
// per-channel statistics over the whole batch however the Network splits it into chunks, the running
// statistics and what evaluation does with them, training vs evaluation, seeded runs that repeat bit for bit
// with any thread count, a frozen BatchNorm (scale and shift kept, running statistics still following the
// batches), the running statistics outside everything that trains, and the inputs it refuses (a batch of
// one, BatchNorm inside a block).
#include <QtTest>

#include <cmath>
#include <cstring>
#include <random>
#include <tuple>
#include <vector>

#include "core/dataset.h"
#include "core/errors.h"
#include "core/freezing.h"
#include "core/layers/batchnorm.h"
#include "core/loss.h"
#include "core/network.h"
#include "core/optimizer.h"
#include "core/parallel.h"
#include "core/shape_inference.h"
#include "core/trainer.h"
#include "tests/support/layer_cases.h"
#include "tests/support/model_fixtures.h"
#include "tests/support/test_data.h"

using namespace layerlab;
using namespace layerlab::test;

class TestBatchNorm : public QObject {
    Q_OBJECT
private slots:
    void gradients();
    void gradientsInEvaluation();
    void normalisesEachChannelOverTheBatch();
    void evaluationUsesRunningStatistics();
    void runningStatisticsFollowTheBatches();
    void statisticsDoNotDependOnChunks();
    void networkGradients();
    void seededRunsAreBitIdentical();
    void batchOfOneValuePerChannelIsRefused();
    void batchOfOneImageIsRefused();
    void lastBatchOfOneTrains();
    void insideABlockIsRefused();
    void runningStatisticsNeverTrain();
    void frozenBatchNorm();
};

namespace {

LayerSpec bn(float momentum = 0.9f, float epsilon = 0.001f) {
    LayerSpec l = LayerSpec::make(LayerType::BatchNorm);
    l.momentum = momentum;
    l.epsilon = epsilon;
    return l;
}

// in: n samples of `shape`, sample s channel c value k = base(c) + spread(c) * noise: channels far apart in
// mean and scale.
std::vector<float> channelData(const Shape& shape, int n, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::normal_distribution<float> z(0.0f, 1.0f);
    const int C = shape.isSpatial() ? shape.c() : int(shape.size());
    const long long S = shape.isSpatial() ? (long long)shape.h() * shape.w() : 1;
    std::vector<float> v((size_t)n * C * S);
    for (int s = 0; s < n; ++s)
        for (int c = 0; c < C; ++c)
            for (long long k = 0; k < S; ++k)
                v[((size_t)s * C + c) * S + k] = 3.0f * c - 2 + (0.5f + c) * z(rng);
    return v;
}

// Mean and (biased) variance of channel c over the batch, in double.
std::pair<double, double> channelStats(const std::vector<float>& v, int n, int C, long long S, int c) {
    double sum = 0, sq = 0;
    for (int s = 0; s < n; ++s)
        for (long long k = 0; k < S; ++k) sum += v[((size_t)s * C + c) * S + k];
    const double mean = sum / (double(n) * S);
    for (int s = 0; s < n; ++s)
        for (long long k = 0; k < S; ++k) {
            const double d = v[((size_t)s * C + c) * S + k] - mean;
            sq += d * d;
        }
    return {mean, sq / (double(n) * S)};
}

// Conv2D 6 (no activation), BatchNorm, ReLU, MaxPool, Flatten, Dense 16, BatchNorm, ReLU, Dense 10 softmax:
// BatchNorm on images and on a flat input.
ModelSpec bnCnn() {
    ModelSpec m;
    m.name = "bn cnn";
    LayerSpec conv = convLayer(6, 3, 1, Padding::Valid);
    m.layers = {conv,
                bn(0.9f),
                plainLayer(LayerType::ReLU),
                poolLayer(LayerType::MaxPool2D, 2, 2),
                plainLayer(LayerType::Flatten),
                denseLayer(16, Activation::None),
                bn(0.9f),
                plainLayer(LayerType::ReLU),
                denseLayer(10, Activation::Softmax)};
    m.training = subsetTraining(1);
    return m;
}

}  // namespace

void TestBatchNorm::gradients() {
    checkGradients({
        {"BatchNorm on features", bn(), Shape::flat(7)},
        {"BatchNorm on channels", bn(), Shape::chw(3, 4, 5)},
        {"BatchNorm on 1x1 maps", bn(0.5f, 0.01f), Shape::chw(4, 1, 1)},
    });
}

// In evaluation the running statistics are constants: the gradient is gamma / sqrt(var + eps) per channel.
void TestBatchNorm::gradientsInEvaluation() {
    for (const Shape& in : {Shape::flat(6), Shape::chw(2, 3, 3)}) {
        BatchNorm layer(0.99f, 0.001f);
        GradCheckOptions o;
        o.training = false;
        o.checkedParams = 2 * (in.isSpatial() ? in.c() : in.size());  // gamma and beta
        const GradCheck r = checkLayer(layer, in, o);
        QVERIFY(r.checked > 0);
        QVERIFY2(r.maxError < 1e-2, r.worst.c_str());
    }
}

void TestBatchNorm::normalisesEachChannelOverTheBatch() {
    const Shape shape = Shape::chw(3, 4, 4);
    const int n = 5, C = 3;
    const long long S = 16;
    BatchNorm layer(0.99f, 1e-5f);
    layer.configure(shape);
    std::vector<float> params(layer.paramCount());
    layer.bind(params.data());
    std::mt19937_64 rng(1);
    layer.initParams(rng, InitChoice{});
    params[0] = 2.0f;      // gamma of channel 0
    params[C + 0] = 3.0f;  // beta of channel 0
    const std::vector<float> in = channelData(shape, n, 4);
    std::vector<float> out(in.size());
    ThreadArena arena(2);
    arena.execute([&] { layer.forward(in.data(), out.data(), 0, n, 0, true); });
    for (int c = 0; c < C; ++c) {
        const auto [mean, var] = channelStats(in, n, C, S, c);
        QVERIFY2(std::abs(layer.mean()[c] - mean) < 1e-5 * (1 + std::abs(mean)),
                 qPrintable(QString::number(c)));
        QVERIFY(std::abs(layer.variance()[c] - var) < 1e-6 * (1 + var));
        const auto [outMean, outVar] = channelStats(out, n, C, S, c);
        const double gamma = c == 0 ? 2 : 1, beta = c == 0 ? 3 : 0;
        QVERIFY2(std::abs(outMean - beta) < 1e-5, qPrintable(QString("%1: %2").arg(c).arg(outMean)));
        // var(y) = gamma^2 var / (var + eps)
        const double expected = gamma * gamma * var / (var + 1e-5);
        QVERIFY2(std::abs(outVar - expected) < 1e-4, qPrintable(QString("%1: %2").arg(c).arg(outVar)));
    }
    // In training a sample's output depends on the others in the batch: change sample 4, sample 0 moves.
    std::vector<float> other = in, out2(in.size());
    for (long long i = 4 * C * S; i < 5 * C * S; ++i) other[i] += 10.0f;
    arena.execute([&] { layer.forward(other.data(), out2.data(), 0, n, 0, true); });
    QVERIFY(std::abs(out2[0] - out[0]) > 0.1f);
    // In evaluation it does not.
    arena.execute([&] {
        layer.forward(in.data(), out.data(), 0, n, 0, false);
        layer.forward(other.data(), out2.data(), 0, n, 0, false);
    });
    QVERIFY(std::equal(out.begin(), out.begin() + 4 * C * S, out2.begin()));
}

void TestBatchNorm::evaluationUsesRunningStatistics() {
    BatchNorm layer(0.99f, 0.001f);
    layer.configure(Shape::flat(2));
    std::vector<float> p = {1.5f, -2.0f,   // gamma
                            0.5f, 0.25f,   // beta
                            1.0f, -3.0f,   // running mean
                            4.0f, 0.25f};  // running variance
    layer.bind(p.data());
    const std::vector<float> in = {3.0f, -3.5f};
    std::vector<float> out(2);
    layer.forward(in.data(), out.data(), 0, 1, 0, false);  // one sample: fine in evaluation
    QVERIFY(std::abs(out[0] - float(1.5 * (3.0 - 1.0) / std::sqrt(4.001) + 0.5)) < 1e-6f);
    QVERIFY(std::abs(out[1] - float(-2.0 * (-3.5 + 3.0) / std::sqrt(0.251) + 0.25)) < 1e-6f);
    // An evaluation pass leaves the running statistics alone.
    layer.updateRunningStatistics(0);
    QCOMPARE(p[4], 1.0f);
    QCOMPARE(p[7], 0.25f);
}

// After step t of a run: running = k running + (1 - k) batch with k = min(momentum, t / (t + 1)), the
// variance unbiased (M / (M - 1)): step 0 takes the batch's statistics, step 1 averages two batches, later
// steps keep `momentum`. Once per step.
void TestBatchNorm::runningStatisticsFollowTheBatches() {
    const Shape shape = Shape::chw(2, 3, 3);
    const int n = 4, C = 2;
    const long long S = 9, M = n * S;
    BatchNorm layer(0.75f, 0.001f);
    layer.configure(shape);
    std::vector<float> p(layer.paramCount());
    layer.bind(p.data());
    std::mt19937_64 rng(1);
    layer.initParams(rng, InitChoice{});
    QCOMPARE(p, std::vector<float>({1, 1, 0, 0, 0, 0, 1, 1}));
    std::vector<float> out((size_t)n * C * S);
    auto step = [&](std::uint64_t seed, long long t) {
        const std::vector<float> in = channelData(shape, n, seed);
        layer.forward(in.data(), out.data(), 0, n, 0, true);
        layer.updateRunningStatistics(t);
        return in;
    };
    const std::vector<float> first = channelData(shape, n, 9);
    layer.forward(first.data(), out.data(), 0, n, 0, true);
    QCOMPARE(p[2 * C], 0.0f);  // forward alone does not touch them (the step does, under its lock)
    layer.updateRunningStatistics(0);
    std::vector<double> mean(C), var(C);
    for (int c = 0; c < C; ++c) {
        std::tie(mean[c], var[c]) = channelStats(first, n, C, S, c);
        QVERIFY(std::abs(p[2 * C + c] - mean[c]) < 1e-5);
        QVERIFY(std::abs(p[3 * C + c] - var[c] * M / (M - 1)) < 1e-5);
    }
    const std::vector<float> once = p;
    layer.updateRunningStatistics(1);  // no new batch: nothing to fold in
    QCOMPARE(p, once);
    for (const auto& [seed, t, keep] : {std::tuple{10, 1LL, 0.5}, std::tuple{11, 7LL, 0.75}}) {
        const std::vector<float> before = p;
        const std::vector<float> in = step(std::uint64_t(seed), t);
        for (int c = 0; c < C; ++c) {
            const auto [m, v] = channelStats(in, n, C, S, c);
            QVERIFY(std::abs(p[2 * C + c] - (keep * before[2 * C + c] + (1 - keep) * m)) < 1e-5);
            QVERIFY(std::abs(p[3 * C + c] - (keep * before[3 * C + c] + (1 - keep) * v * M / (M - 1))) <
                    1e-5);
        }
    }
}

// The Network runs BatchNorm on the whole batch between chunked parts: its statistics are those of the
// whole batch (computed here directly) and the same bits for 1, 2, 3 or 5 chunks; the output too.
void TestBatchNorm::statisticsDoNotDependOnChunks() {
    const ModelSpec spec = bnCnn();
    const int n = 10;
    std::mt19937_64 rng(3);
    std::uniform_real_distribution<float> u(0.0f, 1.0f);
    std::vector<float> images((size_t)n * 784);
    for (float& v : images) v = u(rng);
    std::vector<float> firstMean, firstOut, firstFlatMean;
    std::vector<double> firstVar, firstFlatVar;
    for (int chunks : {1, 2, 3, 5}) {
        ThreadArena arena(chunks);
        arena.execute([&] {
            Network net(spec);
            net.reserve(n, chunks);
            net.initParams(5);
            const float* out = net.forward(images.data(), n, true);
            QCOMPARE(net.layer(1).type(), LayerType::BatchNorm);
            const auto& layer = static_cast<const BatchNorm&>(net.layer(1));
            const std::vector<float> conv(net.activation(0), net.activation(0) + (size_t)n * 6 * 26 * 26);
            for (int c = 0; c < 6; ++c) {
                const auto [mean, var] = channelStats(conv, n, 6, 26 * 26, c);
                QVERIFY(std::abs(layer.mean()[c] - mean) < 1e-6 * (1 + std::abs(mean)));
                QVERIFY(std::abs(layer.variance()[c] - var) < 1e-6 * (1 + var));
            }
            std::vector<float> o(out, out + n * 10);
            const auto& flat = static_cast<const BatchNorm&>(net.layer(6));
            if (firstMean.empty()) {
                firstMean = layer.mean();
                firstVar = layer.variance();
                firstFlatMean = flat.mean();
                firstFlatVar = flat.variance();
                firstOut = o;
            } else {
                // Bit for bit: each channel's sums run in a fixed order whatever the threads.
                QCOMPARE(layer.mean(), firstMean);
                QCOMPARE(layer.variance(), firstVar);
                // The flat BatchNorm reads the Dense's output: one GEMM per chunk, so its input (and so its
                // statistics) may differ in the last bits between chunkings.
                for (int f = 0; f < 16; ++f) {
                    QVERIFY(std::abs(flat.mean()[f] - firstFlatMean[f]) < 1e-5f);
                    QVERIFY(std::abs(flat.variance()[f] - firstFlatVar[f]) < 1e-5 * (1 + firstFlatVar[f]));
                }
                // The flat part's Dense runs one GEMM per chunk, so the logits may differ in the last bits.
                for (size_t i = 0; i < o.size(); ++i) QVERIFY(std::abs(o[i] - firstOut[i]) < 1e-5f);
            }
        });
    }
}

// The whole model's parameter gradients through the checker, with both BatchNorm layers (smooth
// activations and average pooling: a ReLU kink or a max-pool switch anywhere in the batch would move every
// sample's statistics).
void TestBatchNorm::networkGradients() {
    ModelSpec spec = bnCnn();
    spec.input = Shape::chw(1, 8, 8);
    spec.layers[2] = plainLayer(LayerType::Tanh);
    spec.layers[3] = poolLayer(LayerType::AvgPool2D, 2, 2);
    spec.layers[5].units = 6;
    spec.layers[7] = plainLayer(LayerType::Sigmoid);
    GradCheckOptions o;
    o.batch = 5;
    o.chunks = 3;
    o.step = 5e-3;
    const GradCheck r = checkNetwork(spec, o);
    QVERIFY(r.checked > 100);
    QVERIFY2(r.maxError < 3e-2, r.worst.c_str());
    // BatchNorm first (on the input image: no input gradient) and last before the Softmax (its output
    // gradient is the loss's, read-only).
    ModelSpec ends;
    ends.input = Shape::chw(2, 5, 5);
    ends.classes = 4;
    LayerSpec conv = convLayer(3, 3, 1, Padding::Valid);
    conv.activation = Activation::Tanh;
    ends.layers = {bn(),
                   conv,
                   plainLayer(LayerType::Flatten),
                   denseLayer(4, Activation::None),
                   bn(),
                   plainLayer(LayerType::Softmax)};
    const GradCheck e = checkNetwork(ends, o);
    QVERIFY(e.checked > 50);
    QVERIFY2(e.maxError < 3e-2, e.worst.c_str());
}

// Two runs with the same seed and threads give the same weights, bit for bit, running statistics included;
// the model learns (loss down, well above chance).
void TestBatchNorm::seededRunsAreBitIdentical() {
    const Dataset data = loadDataset(subsetPath());
    ModelSpec spec = bnCnn();
    spec.training.epochs = 2;
    spec.training.threads = 2;
    std::vector<float> first;
    for (int run = 0; run < 2; ++run) {
        Trainer trainer(spec, data);
        const TrainResult r = trainer.run();
        QVERIFY2(!r.failed && !r.diverged, r.message.c_str());
        qInfo("run %d: test accuracy %.3f", run + 1, r.testAccuracy);
        QVERIFY2(r.testAccuracy > 0.7, qPrintable(QString::number(r.testAccuracy)));
        const std::vector<float> p = trainer.currentParams();
        if (run == 0) {
            first = p;
            // The running statistics moved away from their start (mean 0, variance 1).
            Network net(spec);
            const long long at = net.paramOffset(1);
            QVERIFY(p[at + 2 * 6] != 0.0f && p[at + 3 * 6] != 1.0f);
        } else {
            QVERIFY(p.size() == first.size() && std::memcmp(p.data(), first.data(), p.size() * 4) == 0);
        }
    }
}

void TestBatchNorm::batchOfOneValuePerChannelIsRefused() {
    const Dataset data = loadDataset(subsetPath());
    ModelSpec spec = subsetMlp(1);
    spec.layers.insert(spec.layers.begin() + 2, bn());  // after Dense 64: 64 features
    spec.training.batchSize = 1;
    try {
        Trainer trainer(spec, data);
        QFAIL("no error");
    } catch (const SpecError& e) {
        const std::string what = e.what();
        QCOMPARE(e.layerIndex, 2);
        QVERIFY2(what.find("layer 3 (BatchNorm) normalises each of its 64 features over the batch") == 0,
                 e.what());
        QVERIFY2(what.find("set batch_size to 2 or more") != std::string::npos, e.what());
    }
    spec.training.batchSize = 2;
    QVERIFY(Trainer(spec, data).trainSamples() > 0);
}

// Before Flatten each channel has H x W values per image, but a batch of one image would normalise every
// image by its own statistics: refused too, with the fix; a batch of 2 is accepted, and 8 train.
void TestBatchNorm::batchOfOneImageIsRefused() {
    const Dataset data = loadDataset(subsetPath());
    ModelSpec spec = bnCnn();
    spec.layers.erase(spec.layers.begin() + 6);  // the flat BatchNorm: only the one on 6 x 26 x 26 is left
    spec.training.batchSize = 1;
    spec.training.trainSamples = 200;
    try {
        Trainer trainer(spec, data);
        QFAIL("no error");
    } catch (const SpecError& e) {
        const std::string what = e.what();
        QCOMPARE(e.layerIndex, 1);
        QVERIFY2(
            what.find("layer 2 (BatchNorm) normalises each of its 6 channels over the batch, but a batch "
                      "of 1 image gives it only that image's 26x26 values per channel") == 0,
            e.what());
        QVERIFY2(what.find("set batch_size to 2 or more") != std::string::npos, e.what());
    }
    spec.training.batchSize = 2;
    QVERIFY(Trainer(spec, data).trainSamples() > 0);
    spec.training.batchSize = 8;
    spec.training.trainSamples = 400;
    Trainer trainer(spec, data);
    const TrainResult r = trainer.run();
    QVERIFY2(!r.failed && !r.diverged, r.message.c_str());
    qInfo("batch 8, 400 images: test loss %.3f, accuracy %.3f", r.testLoss, r.testAccuracy);
    QVERIFY(std::isfinite(r.testLoss) && r.testAccuracy > 0.3);
}

// 65 training images in batches of 32: the epoch's last batch holds one image. The flat BatchNorm sees one
// value per feature there (variance 0): its output is its shift, nothing is NaN, and that batch leaves the
// running statistics alone.
void TestBatchNorm::lastBatchOfOneTrains() {
    const Dataset data = loadDataset(subsetPath());
    ModelSpec spec = bnCnn();
    spec.training.batchSize = 32;
    spec.training.validationSplit = 0;
    spec.training.trainSamples = 65;
    spec.training.epochs = 2;
    Trainer trainer(spec, data);
    QCOMPARE(trainer.trainSamples(), std::size_t(65));
    const TrainResult r = trainer.run();
    QVERIFY2(!r.failed && !r.diverged, r.message.c_str());
    QCOMPARE(r.batchesPerEpoch, 3);
    QVERIFY(std::isfinite(r.testLoss));
    for (float v : trainer.currentParams()) QVERIFY(std::isfinite(v));
}

void TestBatchNorm::insideABlockIsRefused() {
    ModelSpec spec = subsetMlp(1);
    LayerSpec block = LayerSpec::make(LayerType::Residual);
    block.layers = {denseLayer(64, Activation::None), bn()};
    spec.layers.insert(spec.layers.begin() + 2, block);
    const ModelInfo info = inferShapes(spec);
    QCOMPARE(info.errorLayer, 2);
    QVERIFY2(
        info.error.find("layer 3 (Residual) inner layer 2 (BatchNorm) normalises over the whole batch") == 0,
        info.error.c_str());
    QVERIFY2(info.error.find("put it before or after the block") != std::string::npos, info.error.c_str());
}

namespace {
// Engine index of the k-th BatchNorm (0-based) of a network.
int batchNormLayer(const Network& net, int k) {
    for (int i = 0; i < net.layerCount(); ++i)
        if (net.layer(i).type() == LayerType::BatchNorm && k-- == 0) return i;
    return -1;
}
}  // namespace

// The running mean and variance are state: outside the trainable mask (no gradient, no optimizer range, no
// optimizer state), outside L2's weight mask, and counted neither as trainable nor as frozen; gamma and beta
// train.
void TestBatchNorm::runningStatisticsNeverTrain() {
    const ModelSpec spec = bnCnn();  // BatchNorm over 6 channels and over 16 features
    Network net(spec);
    long long expectedTrainable = 0;
    for (int i = 0; i < net.layerCount(); ++i) {
        const long long at = net.paramOffset(i), count = net.layer(i).paramCount();
        const bool norm = net.layer(i).type() == LayerType::BatchNorm;
        for (long long p = 0; p < count; ++p) {
            const bool learns = !norm || p < count / 2;  // gamma, beta; then the running statistics
            QCOMPARE(bool(net.trainableMask()[at + p]), learns);
            if (norm) QCOMPARE(int(net.weightMask()[at + p]), 0);  // no L2 on scale, shift or statistics
        }
        expectedTrainable += norm ? count / 2 : count;
    }
    QCOMPARE(net.trainableCount(), expectedTrainable);
    const long long params = (long long)net.params().size();
    QCOMPARE(net.trainableCount(), params - 2 * 6 - 2 * 16);
    // The optimizer's ranges skip them: no state, no update.
    long long inRanges = 0;
    const int bn0 = batchNormLayer(net, 0);
    const long long runningBegin = net.paramOffset(bn0) + 2 * 6, runningEnd = net.paramOffset(bn0) + 4 * 6;
    for (const ParamRange& r : maskRanges(net.trainableMask())) {
        inRanges += r.count;
        QVERIFY(r.offset + r.count <= runningBegin || r.offset >= runningEnd);
    }
    QCOMPARE(inRanges, expectedTrainable);
    // The model's totals: 44 running statistics, none frozen.
    const ModelInfo info = inferShapes(spec);
    QCOMPARE(info.params, params);
    QCOMPARE(info.stateParams, 2LL * 6 + 2 * 16);
    QCOMPARE(info.trainableParams, expectedTrainable);
    QCOMPARE(frozenParams(info), 0LL);
    QCOMPARE(info.layers[1].stateParams, 12LL);
    QCOMPARE(info.layers[1].trainableParams, 12LL);
    QCOMPARE(parameterSummary(spec, info), groupedNumber(params) + " parameters (" +
                                               groupedNumber(expectedTrainable) +
                                               " trainable, 44 running statistics)");
    QVERIFY(nothingToTrainReason(info).empty());
    // The preset (README's example): 3 BatchNorm layers over 32 + 64 + 64 channels and features.
    const ModelSpec preset = loadModelSpec(resourcesPath() + "/presets/seed-cnn-bn.json");
    const ModelInfo p = inferShapes(preset);
    QCOMPARE(p.stateParams, 2LL * (32 + 64 + 64));
    QCOMPARE(parameterSummary(preset, p),
             std::string("122,570 parameters (122,250 trainable, 320 running statistics)"));
}

// "trainable": false on the first BatchNorm: its gamma and beta get no gradient (exactly 0, the checker's
// frozen path) and keep their values bit for bit through training with L2, while its running statistics
// still follow the training batches (as in PyTorch); the other BatchNorm trains. Frozen below everything
// that learns, the backward stops above it.
void TestBatchNorm::frozenBatchNorm() {
    ModelSpec spec = bnCnn();
    spec.layers[1].trainable = false;
    const ModelInfo info = inferShapes(spec);
    QVERIFY2(info.ok(), info.error.c_str());
    QCOMPARE(frozenParams(info), 12LL);  // its gamma and beta; its statistics are state, not frozen
    QCOMPARE(info.layers[1].trainableParams, 0LL);
    QCOMPARE(parameterSummary(spec, info),
             groupedNumber(info.params) + " parameters (12 frozen in layer 2, " +
                 groupedNumber(info.trainableParams) + " trainable, 44 running statistics)");

    // Gradients: the smooth variant of the model (see networkGradients), the first BatchNorm frozen; then
    // the convolution and that BatchNorm frozen (the backward stops at the Dense above them).
    ModelSpec smooth = spec;
    smooth.input = Shape::chw(1, 8, 8);
    smooth.layers[2] = plainLayer(LayerType::Tanh);
    smooth.layers[3] = poolLayer(LayerType::AvgPool2D, 2, 2);
    smooth.layers[5].units = 6;
    smooth.layers[7] = plainLayer(LayerType::Sigmoid);
    GradCheckOptions o;
    o.batch = 5;
    o.chunks = 3;
    o.step = 5e-3;
    GradCheck r = checkNetwork(smooth, o);
    QVERIFY(r.checked > 50);
    QVERIFY2(r.maxError < 3e-2, r.worst.c_str());
    smooth.layers[0].trainable = false;
    r = checkNetwork(smooth, o);
    QVERIFY(r.checked > 20);
    QVERIFY2(r.maxError < 3e-2, r.worst.c_str());

    // Training: gamma 1 and beta 0 stay, bit for bit; the statistics move; the other BatchNorm learns.
    const Dataset data = loadDataset(subsetPath());
    spec.training.l2 = 1e-3f;
    spec.training.trainSamples = 640;
    Trainer trainer(spec, data);
    const TrainResult t = trainer.run();
    QVERIFY2(!t.failed && !t.diverged, t.message.c_str());
    const std::vector<float> p = trainer.currentParams();
    Network net(spec);
    const long long frozen = net.paramOffset(batchNormLayer(net, 0));
    const long long other = net.paramOffset(batchNormLayer(net, 1));
    for (int c = 0; c < 6; ++c) {
        QCOMPARE(p[frozen + c], 1.0f);      // gamma
        QCOMPARE(p[frozen + 6 + c], 0.0f);  // beta
    }
    int moved = 0;
    for (int c = 0; c < 6; ++c) moved += p[frozen + 12 + c] != 0.0f && p[frozen + 18 + c] != 1.0f;
    QCOMPARE(moved, 6);
    int learned = 0;
    for (int f = 0; f < 16; ++f) learned += p[other + f] != 1.0f;
    QVERIFY(learned > 8);
}

QTEST_APPLESS_MAIN(TestBatchNorm)
#include "tst_batchnorm.moc"
