// core/compression: magnitude pruning, per-channel int8 quantization with calibrated activations, the
// quantized checkpoint (version 4, int8 codes; version 3 still loads), and layerlab-cli compress end to end.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <stdexcept>

#include "core/checkpoint.h"
#include "core/compression.h"
#include "core/compression_sweep.h"
#include "core/dataset.h"
#include "core/errors.h"
#include "core/evaluation.h"
#include "core/inference_model.h"
#include "core/input_scaling.h"
#include "core/network.h"
#include "core/snapshot.h"
#include "core/trainer.h"
#include "tests/support/build_paths.h"
#include "tests/support/model_fixtures.h"
#include "tests/support/test_data.h"

using namespace layerlab;

namespace {

// flat 4 -> Dense 3 (no activation): W 3 x 4, then b 3.
ModelSpec tinyDense() {
    ModelSpec s;
    s.name = "tiny";
    s.input = Shape::flat(4);
    s.classes = 3;
    s.layers = {test::denseLayer(3, Activation::None)};
    return s;
}

uint32_t crc32Of(const std::vector<std::uint8_t>& b, std::size_t n) {
    uint32_t c = 0xffffffffu;
    for (std::size_t i = 0; i < n; ++i) {
        c ^= b[i];
        for (int k = 0; k < 8; ++k) c = (c >> 1) ^ (0xedb88320u & (0u - (c & 1u)));
    }
    return ~c;
}

void setCrc(std::vector<std::uint8_t>& b) {
    const uint32_t c = crc32Of(b, b.size() - 4);
    for (int i = 0; i < 4; ++i) b[b.size() - 4 + i] = std::uint8_t(c >> (8 * i));
}

}  // namespace

class TestCompression : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void pruningZeroesTheSmallestMagnitudes();
    void pruningReachesTheSparsityPerLayer();
    void fullSparsityIsRefused();
    void fineTuneKeepsPrunedWeightsAtZero();
    void channelScalesAreExact();
    void roundTripErrorIsAtMostHalfAScale();
    void floatInferenceIsUnchanged();
    void seedCnnInt8AgreesWithFloat();
    void quantizedCheckpointRoundTrip();
    void olderVersionsStillLoad();
    void damagedQuantizedCheckpointsAreRefused();
    void sizes();
    void sweepVariantsAndCancel();
    void snapshotRunsQuantized();
    void cliCompressEndToEnd();
    void cliRefusesFullSparsity();

private:
    std::string path(const char* name) const { return m_dir.filePath(name).toStdString(); }
    QTemporaryDir m_dir;
    Dataset m_data;
    ModelSpec m_cnn;
    std::vector<float> m_cnnParams;
    QuantizedModel m_q;
    std::vector<float> m_calibration;
};

void TestCompression::initTestCase() {
    QVERIFY(m_dir.isValid());
    m_data = loadDataset(test::subsetPath(), "MNIST subset");
    QCOMPARE(m_data.trainCount(), std::size_t(2000));
    // The seed CNN preset, trained briefly on the subset.
    m_cnn = loadModelSpec(test::resourcesPath() + "/presets/seed-cnn.json");
    m_cnn.training.dataset = DatasetKind::Subset;
    m_cnn.training.epochs = 5;
    m_cnn.training.threads = 2;  // the same bits on every machine
    m_cnn.training.earlyStopping.enabled = false;
    Trainer t(m_cnn, m_data);
    const TrainResult r = t.run();
    QVERIFY2(!r.failed && !r.diverged, r.message.c_str());
    QVERIFY2(r.testAccuracy > 0.9, std::to_string(r.testAccuracy).c_str());
    m_cnnParams = t.currentParams();
    m_calibration.resize(1000 * m_data.imageSize());
    pixelsToInputs(m_data.trainImages.data(), m_calibration.data(), m_calibration.size());
    m_q = quantizeModel(m_cnn, m_cnnParams, m_calibration.data(), 1000);
}

void TestCompression::pruningZeroesTheSmallestMagnitudes() {
    // Magnitudes all different: the six smallest are 0.01, 0.05, 0.1, 0.2, 0.3, 0.35.
    const std::vector<float> params = {0.5f,   -0.1f,  0.3f,  -0.9f,   // unit 0
                                       0.05f,  0.7f,   -0.2f, 0.4f,    // unit 1
                                       -0.6f,  0.01f,  0.8f,  -0.35f,  // unit 2
                                       0.001f, 0.002f, 0.003f};        // biases: never pruned
    const PruneResult r = pruneByMagnitude(tinyDense(), params, 0.5);
    const std::vector<float> expected = {0.5f,  0, 0,    -0.9f, 0,      0.7f,   0,     0.4f,
                                         -0.6f, 0, 0.8f, 0,     0.001f, 0.002f, 0.003f};
    QCOMPARE(r.params, expected);
    for (std::size_t i = 0; i < params.size(); ++i)
        QCOMPARE(int(r.mask[i]), expected[i] == 0 && params[i] != 0 ? 0 : 1);
    QCOMPARE(r.weights, 12LL);
    QCOMPARE(r.zeros, 6LL);
    QCOMPARE(r.layers.size(), std::size_t(1));
    QCOMPARE(r.layers[0].zeros, 6LL);
    // Sparsity 0 changes nothing; 0.25 prunes round(3) = the three smallest.
    QCOMPARE(pruneByMagnitude(tinyDense(), params, 0).params, params);
    const PruneResult q = pruneByMagnitude(tinyDense(), params, 0.25);
    QCOMPARE(q.zeros, 3LL);
    QCOMPARE(q.params[4], 0.0f);   // 0.05
    QCOMPARE(q.params[9], 0.0f);   // 0.01
    QCOMPARE(q.params[1], 0.0f);   // -0.1
    QCOMPARE(q.params[6], -0.2f);  // the fourth smallest stays
}

void TestCompression::pruningReachesTheSparsityPerLayer() {
    const std::vector<CompressibleLayer> layers = compressibleLayers(m_cnn);
    QCOMPARE(layers.size(), std::size_t(4));  // two Conv2D, two Dense
    QCOMPARE(layers[0].rows, 32);
    QCOMPARE(layers[0].cols, 9LL);
    for (double s : {0.5, 0.8, 0.9, 0.95, 0.99}) {
        const PruneResult r = pruneByMagnitude(m_cnn, m_cnnParams, s);
        QCOMPARE(r.layers.size(), layers.size());
        for (std::size_t j = 0; j < layers.size(); ++j) {
            const long long n = layers[j].weights();
            QCOMPARE(r.layers[j].weights, n);
            QCOMPARE(r.layers[j].zeros, (long long)std::llround(s * double(n)));
            // Every kept weight is at least as large as every pruned one.
            float maxPruned = 0, minKept = INFINITY;
            for (long long i = 0; i < n; ++i) {
                const std::size_t at = std::size_t(layers[j].offset + i);
                if (r.mask[at])
                    minKept = std::min(minKept, std::fabs(m_cnnParams[at]));
                else
                    maxPruned = std::max(maxPruned, std::fabs(m_cnnParams[at]));
            }
            QVERIFY(maxPruned <= minKept);
        }
        // Biases untouched: the params after conv 1's weights (its 32 biases) are the same.
        for (int b = 0; b < 32; ++b)
            QCOMPARE(r.params[std::size_t(layers[0].offset + 288 + b)],
                     m_cnnParams[std::size_t(layers[0].offset + 288 + b)]);
    }
}

void TestCompression::fullSparsityIsRefused() {
    const std::string why = checkSparsity(1.0);
    QVERIFY2(why.find("100%") != std::string::npos, why.c_str());
    QVERIFY2(why.find("0 to 99%") != std::string::npos, why.c_str());
    QVERIFY(checkSparsity(-0.1).find("-10%") != std::string::npos);
    QVERIFY(checkSparsity(NAN).find("NaN") != std::string::npos);
    QVERIFY(checkSparsity(0.99).empty());
    QVERIFY(checkSparsity(0).empty());
    const std::vector<float> params(15, 1.0f);
    for (double s : {1.0, 1.5, -0.01, double(NAN)}) {
        try {
            pruneByMagnitude(tinyDense(), params, s);
            QFAIL("a sparsity outside [0, 1) was accepted");
        } catch (const std::invalid_argument& e) {
            QCOMPARE(std::string(e.what()), checkSparsity(s));
        }
    }
}

void TestCompression::fineTuneKeepsPrunedWeightsAtZero() {
    PruneResult r = pruneByMagnitude(m_cnn, m_cnnParams, 0.8);
    ModelSpec spec = m_cnn;
    spec.training.epochs = 1;
    Trainer t(spec, m_data);
    t.setInitialParams(r.params);
    t.setPruneMask(r.mask);
    const TrainResult res = t.run();
    QVERIFY2(!res.failed && !res.diverged, res.message.c_str());
    const std::vector<float> tuned = t.currentParams();
    long long moved = 0;
    for (std::size_t i = 0; i < tuned.size(); ++i) {
        if (!r.mask[i]) QCOMPARE(tuned[i], 0.0f);
        moved += r.mask[i] && tuned[i] != r.params[i];
    }
    QVERIFY(moved > (long long)tuned.size() / 10);  // the kept weights did train
    // Without the mask the pruned weights move away from 0.
    Trainer u(spec, m_data);
    u.setInitialParams(r.params);
    u.run();
    const std::vector<float> free = u.currentParams();
    long long revived = 0;
    for (std::size_t i = 0; i < free.size(); ++i) revived += !r.mask[i] && free[i] != 0.0f;
    QVERIFY(revived > r.zeros / 2);
    try {
        t.setPruneMask(std::vector<std::uint8_t>(3, 1));
        QFAIL("a mask of the wrong size was accepted");
    } catch (const CheckpointError&) {
    }
}

void TestCompression::channelScalesAreExact() {
    const std::vector<float> w = {1, -2, 0.5f, 0, 0, 0, 127, -254, 3};
    const std::vector<float> s = channelScales(w.data(), 3, 3);
    QCOMPARE(s, (std::vector<float>{2.0f / 127.0f, 0.0f, 2.0f}));
    QCOMPARE(int(quantizeInt8(-254, 2.0f)), -127);
    QCOMPARE(int(quantizeInt8(3, 2.0f)), 2);  // 1.5 rounds to even
    QCOMPARE(int(quantizeInt8(5, 2.0f)), 2);  // 2.5 rounds to even
    QCOMPARE(int(quantizeInt8(1000, 2.0f)), 127);
    QCOMPARE(int(quantizeInt8(1, 0.0f)), 0);
    // The model's scales: each Dense unit's max |w| / 127.
    const std::vector<CompressibleLayer> layers = compressibleLayers(m_cnn);
    const CompressibleLayer& dense = layers[3];
    const QuantizedLayer& q = m_q.quantization.layers[3];
    QCOMPARE(q.engineLayer, dense.engineLayer);
    QCOMPARE(q.weightScales.size(), std::size_t(10));
    for (int o = 0; o < 10; ++o) {
        float m = 0;
        for (long long i = 0; i < dense.cols; ++i)
            m = std::max(m, std::fabs(m_cnnParams[std::size_t(dense.offset + o * dense.cols + i)]));
        QCOMPARE(q.weightScales[std::size_t(o)], m / 127.0f);
    }
    QVERIFY(q.inputScale > 0);
}

void TestCompression::roundTripErrorIsAtMostHalfAScale() {
    const float scale = 0.0173f;
    for (int i = -20000; i <= 20000; ++i) {
        const float x = float(i) * 127.0f * scale / 20000.0f;
        const float back = fakeQuantize(x, scale);
        QVERIFY2(std::fabs(back - x) <= scale / 2 * (1 + 1e-5f), std::to_string(x).c_str());
    }
    // And on the model: every quantized weight within half its channel's scale of the float one.
    const std::vector<CompressibleLayer> layers = compressibleLayers(m_cnn);
    for (std::size_t j = 0; j < layers.size(); ++j)
        for (int o = 0; o < layers[j].rows; ++o)
            for (long long i = 0; i < layers[j].cols; ++i) {
                const std::size_t at = std::size_t(layers[j].offset + o * layers[j].cols + i);
                const float s = m_q.quantization.layers[j].weightScales[std::size_t(o)];
                QVERIFY(std::fabs(m_q.params[at] - m_cnnParams[at]) <= s / 2 * (1 + 1e-5f));
                // On the grid: an integer multiple of the scale.
                const float k = m_q.params[at] / s;
                QVERIFY(std::fabs(k - std::nearbyint(k)) < 1e-3f);
            }
}

void TestCompression::floatInferenceIsUnchanged() {
    const ImageSet test = testSet(m_data);
    InferenceModel a(m_cnn, m_cnnParams, 2);
    const Predictions pa = a.evaluate(test);
    InferenceModel b(m_cnn, m_cnnParams, 2);
    b.setQuantization(m_q.quantization);
    QVERIFY(b.quantized());
    const Predictions quantizedRun = b.evaluate(test);
    b.setQuantization(Quantization{});
    QVERIFY(!b.quantized());
    const Predictions pb = b.evaluate(test);
    QCOMPARE(pb.probabilities, pa.probabilities);  // bit for bit
    QVERIFY(quantizedRun.probabilities != pa.probabilities);
}

void TestCompression::seedCnnInt8AgreesWithFloat() {
    const ImageSet test = testSet(m_data);
    InferenceModel f(m_cnn, m_cnnParams);
    InferenceModel q(m_cnn, m_q.params);
    q.setQuantization(m_q.quantization);
    const Predictions pf = f.evaluate(test), pq = q.evaluate(test);
    QCOMPARE(pq.count(), std::size_t(500));
    std::size_t same = 0;
    for (std::size_t i = 0; i < pf.count(); ++i) same += pf.predicted[i] == pq.predicted[i];
    const double agreement = double(same) / double(pf.count());
    qInfo("seed CNN on the subset: float %.2f%%, int8 %.2f%%, agreement %.2f%%", 100 * summarize(pf).accuracy,
          100 * summarize(pq).accuracy, 100 * agreement);
    QVERIFY2(agreement >= 0.99, std::to_string(agreement).c_str());
    QVERIFY(pq.probabilities != pf.probabilities);  // it did run quantized
}

void TestCompression::quantizedCheckpointRoundTrip() {
    const std::string file = path("q.ckpt");
    saveCheckpoint(file, m_cnn, m_q.params, m_q.quantization);
    const std::vector<std::uint8_t> bytes = test::readBytes(file);
    QCOMPARE(int(bytes[8]), 4);  // version 4: the quantized weights as int8 codes
    const Checkpoint ck = loadCheckpoint(file);
    QCOMPARE(ck.params, m_q.params);  // dequantized on load to the very same floats
    // The file is int8 sized: the float checkpoint less 3 bytes per quantized weight, plus the scales.
    const std::string floatFile = path("f.ckpt");
    saveCheckpoint(floatFile, m_cnn, m_cnnParams);
    long long weights = 0, scaleBytes = 4;  // the section's layer count
    for (const QuantizedLayer& l : m_q.quantization.layers)
        scaleBytes += 12 + 4 * (long long)l.weightScales.size();
    for (const CompressibleLayer& c : compressibleLayers(m_cnn)) weights += c.weights();
    const long long floatSize = (long long)test::readBytes(floatFile).size();
    QCOMPARE((long long)bytes.size(), floatSize - 3 * weights + scaleBytes);
    QVERIFY(bytes.size() * 3 <
            std::size_t(floatSize));  // the seed CNN's weights are nearly all in those layers
    QCOMPARE(ck.quantization.layers.size(), m_q.quantization.layers.size());
    for (std::size_t j = 0; j < ck.quantization.layers.size(); ++j) {
        QCOMPARE(ck.quantization.layers[j].engineLayer, m_q.quantization.layers[j].engineLayer);
        QCOMPARE(ck.quantization.layers[j].inputScale, m_q.quantization.layers[j].inputScale);
        QCOMPARE(ck.quantization.layers[j].weightScales, m_q.quantization.layers[j].weightScales);
    }
    const ImageSet test = testSet(m_data);
    InferenceModel before(m_cnn, m_q.params, 2);
    before.setQuantization(m_q.quantization);
    InferenceModel after(ck.spec, ck.params, 2);
    after.setQuantization(ck.quantization);
    QCOMPARE(after.evaluate(test).probabilities, before.evaluate(test).probabilities);
}

void TestCompression::olderVersionsStillLoad() {
    // Version 3 (int8 with float weights): what a quantized model whose weights left the int8 grid is
    // still written as (here, nudged after quantizing), and what LayerLab wrote before version 4.
    std::vector<float> nudged = m_q.params;
    const CompressibleLayer first = compressibleLayers(m_cnn).front();
    nudged[std::size_t(first.offset)] += 1e-3f;
    const std::string v3 = path("v3.ckpt");
    saveCheckpoint(v3, m_cnn, nudged, m_q.quantization);
    QCOMPARE(int(test::readBytes(v3)[8]), 3);
    const Checkpoint c3 = loadCheckpoint(v3);
    QCOMPARE(c3.params, nudged);
    QCOMPARE(c3.quantization.layers.size(), m_q.quantization.layers.size());

    // Version 1 (no BatchNorm) and version 2 (BatchNorm) are written as before and load without
    // quantization.
    const std::string v1 = path("v1.ckpt");
    saveCheckpoint(v1, m_cnn, m_cnnParams);
    QCOMPARE(int(test::readBytes(v1)[8]), 1);
    const Checkpoint c1 = loadCheckpoint(v1);
    QCOMPARE(c1.params, m_cnnParams);
    QVERIFY(c1.quantization.empty());

    ModelSpec bn = test::subsetMlp(1);
    bn.layers.insert(bn.layers.begin() + 2, LayerSpec::make(LayerType::BatchNorm));
    Network net(bn);
    net.initParams(3);
    const std::vector<float> params(net.params().begin(), net.params().end());
    const std::string v2 = path("v2.ckpt");
    saveCheckpoint(v2, bn, params);
    QCOMPARE(int(test::readBytes(v2)[8]), 2);
    const Checkpoint c2 = loadCheckpoint(v2);
    QCOMPARE(c2.params, params);
    QVERIFY(c2.quantization.empty());
}

void TestCompression::damagedQuantizedCheckpointsAreRefused() {
    // A small quantized model, so every truncation and every flipped byte can be tried.
    const ModelSpec spec = tinyDense();
    const std::vector<float> params = {0.5f,  -0.1f, 0.3f, -0.9f,  0.05f, 0.7f, -0.2f, 0.4f,
                                       -0.6f, 0.01f, 0.8f, -0.35f, 0.1f,  0.2f, 0.3f};
    const std::vector<float> calib = {1, -2, 3, 0.5f, 0, 1, 1, 1};
    const QuantizedModel q = quantizeModel(spec, params, calib.data(), 2, 1);
    QCOMPARE(q.quantization.layers.size(), std::size_t(1));
    QCOMPARE(q.quantization.layers[0].inputScale, 3.0f / 127.0f);
    const std::string file = path("small-q.ckpt");
    saveCheckpoint(file, spec, q.params, q.quantization);
    const std::vector<std::uint8_t> good = test::readBytes(file);
    QCOMPARE(loadCheckpoint(file).quantization.layers.size(), std::size_t(1));
    const std::string bad = path("bad.ckpt");
    const auto refused = [&](const std::vector<std::uint8_t>& b) {
        test::writeBytes(bad, b);
        try {
            loadCheckpoint(bad);
        } catch (const CheckpointError&) {
            return true;
        }
        return false;
    };
    for (std::size_t n = 0; n < good.size(); ++n)
        QVERIFY2(refused(std::vector<std::uint8_t>(good.begin(), good.begin() + long(n))),
                 ("truncated to " + std::to_string(n)).c_str());
    for (std::size_t i = 8; i < good.size(); ++i) {
        std::vector<std::uint8_t> b = good;
        b[i] ^= 0x5a;
        QVERIFY2(refused(b), ("byte " + std::to_string(i) + " flipped").c_str());
    }
    // Hand-made files with a valid CRC: inconsistent quantization sections name the problem. Version 4: the
    // section follows the parameter count (header 20 bytes, the spec, 8).
    QCOMPARE(int(good[8]), 4);
    std::uint64_t specLen = 0;
    for (int i = 7; i >= 0; --i) specLen = (specLen << 8) | good[12 + std::size_t(i)];
    const std::size_t section = 20 + std::size_t(specLen) + 8;
    const auto withCrc = [&](std::size_t at, uint32_t value) {
        std::vector<std::uint8_t> b = good;
        for (int i = 0; i < 4; ++i) b[at + i] = std::uint8_t(value >> (8 * i));
        setCrc(b);
        return b;
    };
    QVERIFY(!refused(withCrc(section + 4, 0)));  // engine layer 0, as written: loads
    for (const auto& [at, value, text] : std::vector<std::tuple<std::size_t, uint32_t, std::string>>{
             {section + 12, 4, "channel scales"},        // 4 channels claimed, the layer has 3
             {section + 12, 0xffffu, "channel count"},   // more scales than the file holds
             {section + 12, 2, "channel scales"},        // 2 channels claimed
             {section + 4, 1, "not a Dense or Conv2D"},  // engine layer 1 does not exist
             {section, 0, "quantized layer count 0"},
             {section, 0xffffffffu, "quantized layer count"},
             {section + 8, 0x7fc00000u, "invalid input scale"}}) {  // NaN
        test::writeBytes(bad, withCrc(at, value));
        try {
            loadCheckpoint(bad);
            QFAIL(("accepted: " + text).c_str());
        } catch (const CheckpointError& e) {
            QVERIFY2(std::string(e.what()).find(text) != std::string::npos, e.what());
        }
    }
}

void TestCompression::sizes() {
    const long long n = (long long)m_cnnParams.size();
    QCOMPARE(float32Bytes(n), 4 * n);
    long long weights = 0, scales = 0;
    for (const CompressibleLayer& c : compressibleLayers(m_cnn)) {
        weights += c.weights();
        scales += c.rows + 1;
    }
    QCOMPARE(int8Bytes(m_cnn, n, m_q.quantization), weights + 4 * scales + 4 * (n - weights));
    const PruneResult r = pruneByMagnitude(m_cnn, m_cnnParams, 0.9);
    long long bitmask = 0;
    for (const CompressibleLayer& c : compressibleLayers(m_cnn)) bitmask += (c.weights() + 7) / 8;
    QCOMPARE(sparseBytes(m_cnn, r.params), bitmask + 4 * (r.weights - r.zeros) + 4 * (n - weights));
}

namespace {
struct Run {
    int code;
    QString out, err;
};
Run runCli(const QStringList& args) {
    QProcess p;
    p.start(LAYERLAB_CLI, args);
    if (!p.waitForFinished(180000)) {
        p.kill();
        return {-1, {}, "timeout"};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2,
            QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
}
}  // namespace

// The sweep behind layerlab-cli compress and the Compress dialog: rows in order, int8's figures those of the
// quantized model by hand, progress to the end; a cancelled sweep stops; a bad plan is named.
void TestCompression::sweepVariantsAndCancel() {
    CompressionPlan plan;
    plan.int8 = true;
    plan.sparsities = {0.5, 0.9};
    plan.threads = 2;
    int lastStep = -1, steps = 0;
    const CompressionSweep s =
        runCompressionSweep(m_cnn, m_cnnParams, m_data, plan, [&](int step, int n, const std::string&) {
            QVERIFY(step > lastStep);
            lastStep = step;
            steps = n;
        });
    QCOMPARE(int(s.variants.size()), 4);
    QCOMPARE(s.variants[0].name, std::string("float32"));
    QCOMPARE(s.variants[1].name, std::string("int8"));
    QCOMPARE(s.variants[2].name, std::string("sparsity 50%"));
    QCOMPARE(s.variants[3].name, std::string("sparsity 90%"));
    QCOMPARE(lastStep, steps);
    QCOMPARE(steps, 8);
    QCOMPARE(s.calibration, 1000);
    QCOMPARE(s.variants[1].params, m_q.params);  // the same calibration as initTestCase's
    InferenceModel q(m_cnn, m_q.params, 2);
    q.setQuantization(m_q.quantization);
    const Predictions pq = q.evaluate(testSet(m_data));
    QCOMPARE(s.variants[1].accuracy, summarize(pq).accuracy);
    QCOMPARE(s.variants[1].bytes, int8Bytes(m_cnn, (long long)m_cnnParams.size(), m_q.quantization));
    QCOMPARE(s.variants[0].agreement, 1.0);
    QVERIFY(s.variants[3].quantization.empty());  // a sweep's pruned rows stay float32
    QVERIFY(std::abs(double(s.variants[3].zeros) / double(s.variants[3].weights) - 0.9) < 1e-3);

    std::atomic<bool> cancel{true};
    const CompressionSweep c = runCompressionSweep(m_cnn, m_cnnParams, m_data, plan, {}, &cancel);
    QVERIFY(c.cancelled);

    plan.sparsities = {1.0};
    QVERIFY(QString::fromStdString(checkCompressionPlan(plan)).contains("a sparsity of 100%"));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, runCompressionSweep(m_cnn, m_cnnParams, m_data, plan));
    plan = {};
    QVERIFY(QString::fromStdString(checkCompressionPlan(plan)).startsWith("nothing to compress"));
}

// The studio's feature maps of an int8 checkpoint: snapshotFromParams with the quantization gives the
// quantized model's probabilities (InferenceModel::setQuantization), not the float ones.
void TestCompression::snapshotRunsQuantized() {
    InferenceModel q(m_cnn, m_q.params, 1);
    q.setQuantization(m_q.quantization);
    InferenceModel f(m_cnn, m_q.params, 1);
    int differ = 0;
    for (int i = 0; i < 20; ++i) {
        const std::uint8_t* img = m_data.testImages.data() + std::size_t(i) * m_data.imageSize();
        const Snapshot s =
            snapshotFromParams(m_cnn, m_q.params, img, m_data.testLabels[i], &m_q.quantization);
        const std::vector<float> pq = q.classify(img, 1), pf = f.classify(img, 1);
        QCOMPARE(s.probabilities.size(), pq.size());
        float gapQ = 0, gapF = 0;
        for (std::size_t k = 0; k < pq.size(); ++k) {
            gapQ = std::max(gapQ, std::abs(s.probabilities[k] - pq[k]));
            gapF = std::max(gapF, std::abs(s.probabilities[k] - pf[k]));
        }
        QVERIFY2(gapQ < 1e-5f, std::to_string(gapQ).c_str());
        differ += gapF > 1e-5f;
    }
    QVERIFY(differ > 0);  // rounding the activations changes the outputs
    // A quantization for another model is refused.
    Quantization wrong = m_q.quantization;
    wrong.layers[0].weightScales.pop_back();
    QVERIFY_THROWS_EXCEPTION(CheckpointError,
                             snapshotFromParams(m_cnn, m_q.params, m_data.testImages.data(), 0, &wrong));
}

void TestCompression::cliCompressEndToEnd() {
    const QString ck = m_dir.filePath("cnn.ckpt");
    saveCheckpoint(ck.toStdString(), m_cnn, m_cnnParams);
    const QString subset = QString::fromStdString(test::subsetPath());
    const QString out = m_dir.filePath("cnn-int8.ckpt"), report = m_dir.filePath("compress.json");
    Run r = runCli({"compress", "--model", ck, "--data", subset, "--quantize", "int8", "--out", out,
                    "--report", report, "--threads", "2"});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains("float32") && r.out.contains("int8") && r.out.contains("dequantized on load"),
             qPrintable(r.out));
    QCOMPARE(int(test::readBytes(out.toStdString())[8]), 4);
    QJsonObject j =
        QJsonDocument::fromJson(QByteArray::fromStdString(test::readText(report.toStdString()))).object();
    QJsonArray v = j["variants"].toArray();
    QCOMPARE(v.size(), 2);
    QCOMPARE(v[0].toObject()["variant"].toString(), QString("float32"));
    QCOMPARE(v[0].toObject()["agreement"].toDouble(), 1.0);
    QCOMPARE(v[1].toObject()["precision"].toString(), QString("int8"));
    QVERIFY(v[1].toObject()["agreement"].toDouble() >= 0.99);
    QVERIFY(v[1].toObject()["bytes"].toDouble() < v[0].toObject()["bytes"].toDouble() / 3);
    QCOMPARE(v[0].toObject()["bytes"].toDouble(), double(4 * m_cnnParams.size()));
    QCOMPARE(j["images"].toInt(), 500);

    // evaluate runs the saved int8 model quantized: the same accuracy as the compress table's int8 row.
    r = runCli({"evaluate", "--model", out, "--data", subset, "--report", "-"});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const QJsonObject e = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QCOMPARE(e["accuracy"].toDouble(), v[1].toObject()["accuracy"].toDouble());

    // A sweep: float32 + one row per sparsity, each layer pruned to it.
    r = runCli({"compress", "--model", ck, "--data", subset, "--sweep", "0,50,90", "--report", "-"});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    v = QJsonDocument::fromJson(r.out.toUtf8()).object()["variants"].toArray();
    QCOMPARE(v.size(), 4);
    QCOMPARE(v[2].toObject()["variant"].toString(), QString("sparsity 50%"));
    QCOMPARE(v[3].toObject()["sparsity"].toDouble(), 0.9);
    const double w = v[3].toObject()["weights"].toDouble();
    QVERIFY(std::fabs(v[3].toObject()["zero_weights"].toDouble() - 0.9 * w) < 4);
    QCOMPARE(v[1].toObject()["accuracy"].toDouble(), v[0].toObject()["accuracy"].toDouble());  // 0% = float

    // Fine-tuned after pruning: the pruned weights stay 0 (the same count as without the fine-tune).
    r = runCli({"compress", "--model", ck, "--data", subset, "--sparsity", "0.9", "--fine-tune-epochs", "1",
                "--threads", "2", "--report", "-"});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const QJsonArray tuned = QJsonDocument::fromJson(r.out.toUtf8()).object()["variants"].toArray();
    QCOMPARE(tuned.size(), 2);
    QCOMPARE(tuned[1].toObject()["variant"].toString(), QString("sparsity 90% + 1 ep"));
    QCOMPARE(tuned[1].toObject()["zero_weights"].toDouble(), v[3].toObject()["zero_weights"].toDouble());
    QVERIFY(tuned[1].toObject()["accuracy"].toDouble() > v[3].toObject()["accuracy"].toDouble());
    r = runCli(
        {"compress", "--model", ck, "--data", subset, "--quantize", "int8", "--fine-tune-epochs", "1"});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains("--fine-tune-epochs fine-tunes a pruned model"), qPrintable(r.err));

    // A pruned model saved with --out is an ordinary float checkpoint.
    const QString pruned = m_dir.filePath("cnn-50.ckpt");
    r = runCli({"compress", "--model", ck, "--data", subset, "--sparsity", "50%", "--out", pruned});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QCOMPARE(int(test::readBytes(pruned.toStdString())[8]), 1);
    QVERIFY(loadCheckpoint(pruned.toStdString()).quantization.empty());
}

void TestCompression::cliRefusesFullSparsity() {
    const QString ck = m_dir.filePath("cnn2.ckpt");
    saveCheckpoint(ck.toStdString(), m_cnn, m_cnnParams);
    const QString subset = QString::fromStdString(test::subsetPath());
    for (const QStringList& bad : {QStringList{"--sparsity", "1"}, QStringList{"--sparsity", "100%"},
                                   QStringList{"--sweep", "50,100"}}) {
        const QString out = m_dir.filePath("never.ckpt");
        const Run r = runCli(QStringList{"compress", "--model", ck, "--data", subset, "--out", out} + bad);
        QCOMPARE(r.code, 2);
        if (bad[0] == "--sparsity")
            QVERIFY2(r.err.contains("100%") && r.err.contains("0 to 99%"), qPrintable(r.err));
        QVERIFY(!QFile::exists(out));
    }
    const Run r = runCli({"compress", "--model", ck, "--data", subset, "--sweep", "50,100"});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains("100%") && r.err.contains("0 to 99%"), qPrintable(r.err));
    QVERIFY2(r.err.count('\n') == 1, qPrintable(r.err));  // one message, no crash output
}

QTEST_GUILESS_MAIN(TestCompression)
#include "tst_compression.moc"
