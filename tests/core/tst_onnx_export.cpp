// core/onnx_export.cpp, proven by the real consumers: every exported file passes the ONNX checker (Debian's
// python3-onnx, full_check with shape inference) and ONNX Runtime (npm onnxruntime-node@1.30.0) gives, for
// every test image of the bundled subset fed as raw pixels 0-255, the class LayerLab predicts and
// probabilities within 1e-4 of LayerLab's. Models: the seed CNN, the seed CNN with BatchNorm, an MLP, LeNet-5
// (presets, trained one epoch
// on the subset), one model with every layer type (both paddings, strides, odd and even kernels, fused and
// separate activations, LeakyReLU alphas), a model without a final Softmax (MSE), a flat-input model, and the
// logits output. Also: the doc_string, wrong weights, and layerlab-cli export with its errors.
// A missing tool (node, onnxruntime-node, python3-onnx) fails the test with how to install it.
#include <QtTest>

#include <algorithm>
#include <cmath>

#include "core/checkpoint.h"
#include "core/compression.h"
#include "core/dataset.h"
#include "core/errors.h"
#include "core/inference_model.h"
#include "core/input_scaling.h"
#include "core/model_spec.h"
#include "core/network.h"
#include "core/onnx_export.h"
#include "core/onnx_import.h"
#include "core/trainer.h"
#include "tests/support/build_paths.h"
#include "tests/support/model_fixtures.h"
#include "tests/support/onnx_tools.h"
#include "tests/support/test_data.h"

using namespace layerlab;

class TestOnnxExport : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void seedCnnMatchesOnnxRuntime();
    void seedCnnBatchNormMatchesOnnxRuntime();
    void mlpMatchesOnnxRuntime();
    void lenet5MatchesOnnxRuntime();
    void everyLayerTypeMatchesOnnxRuntime();
    void modelWithoutSoftmaxGetsProbabilities();
    void flatInputModelTakesImages();
    void logitsOutput();
    void int8ModelMatchesOnnxRuntime();
    void docStringSaysWhatTheFileHolds();
    void wrongWeightsAreRefused();
    void cliExportWritesTheFile();
    void cliExportErrors();

private:
    Dataset m_data;
    QTemporaryDir m_dir;
};

namespace {

ModelSpec preset(const std::string& name) {
    ModelSpec s = test::subsetPreset(name);
    s.training.epochs = 1;
    s.training.earlyStopping.enabled = false;
    return s;
}

std::vector<float> trainOneEpoch(const ModelSpec& spec, const Dataset& data) {
    Trainer trainer(spec, data);
    const TrainResult r = trainer.run();
    if (r.diverged) qWarning("training diverged: %s", r.message.c_str());
    return trainer.currentParams();
}

LayerSpec conv(int filters, int kernel, int stride, Padding padding, Activation a, float alpha = 0.01f) {
    LayerSpec l = LayerSpec::make(LayerType::Conv2D);
    l.filters = filters;
    l.kernel = kernel;
    l.stride = stride;
    l.padding = padding;
    l.activation = a;
    l.alpha = alpha;
    return l;
}

LayerSpec pool(LayerType t, int size, int stride) {
    LayerSpec l = LayerSpec::make(t);
    l.poolSize = size;
    l.stride = stride;
    return l;
}

LayerSpec plain(LayerType t) {
    return LayerSpec::make(t);
}

// y = x + f(x) with f = a then b.
LayerSpec residual(const LayerSpec& a, const LayerSpec& b) {
    LayerSpec r = LayerSpec::make(LayerType::Residual);
    r.layers = {a, b};
    return r;
}

// Every layer type of the table, with the options that change the graph: 'same' padding with stride 2 and
// with an even kernel (its odd pixel goes bottom/right), 'valid' with stride 2, pools with stride != size and
// stride 0 (= size, partial windows dropped), every activation fused and as a layer, two LeakyReLU alphas,
// Residual blocks on an image and on a flat input, BatchNorm on channels and on features.
ModelSpec everyLayerModel() {
    ModelSpec s;
    s.name = "every layer";
    LayerSpec dropout = plain(LayerType::Dropout);
    dropout.rate = 0.3f;
    LayerSpec leaky = plain(LayerType::LeakyReLU);
    leaky.alpha = 0.1f;
    LayerSpec norm = plain(LayerType::BatchNorm);
    norm.momentum = 0.8f;  // running statistics that moved during the epoch
    norm.epsilon = 0.01f;
    s.layers = {conv(8, 3, 2, Padding::Same, Activation::LeakyReLU, 0.2f),  // 8 x 14 x 14
                conv(8, 4, 1, Padding::Same, Activation::Tanh),             // 8 x 14 x 14
                norm,                                                       // per channel
                residual(conv(8, 3, 1, Padding::Same, Activation::ReLU),    // 8 x 14 x 14 (an Add node)
                         conv(8, 3, 1, Padding::Same, Activation::None)),
                pool(LayerType::MaxPool2D, 3, 1),                    // 8 x 12 x 12
                conv(6, 3, 2, Padding::Valid, Activation::Sigmoid),  // 6 x 5 x 5
                pool(LayerType::AvgPool2D, 2, 0),                    // 6 x 2 x 2
                plain(LayerType::ReLU),
                leaky,
                plain(LayerType::Flatten),
                dropout,
                test::denseLayer(32, Activation::ReLU),
                residual(test::denseLayer(32, Activation::Tanh), test::denseLayer(32, Activation::None)),
                test::denseLayer(16, Activation::None),
                norm,  // per feature: N x 16 into BatchNormalization
                plain(LayerType::Tanh),
                plain(LayerType::Sigmoid),
                test::denseLayer(10, Activation::None),
                plain(LayerType::Softmax)};
    s.training = test::subsetTraining(1);
    return s;
}

// The subset's test images as ONNX Runtime gets them: raw pixel values 0-255 as floats.
std::vector<float> pixelsAsFloats(const Dataset& d) {
    return std::vector<float>(d.testImages.begin(), d.testImages.end());
}

int argmax(const float* p, int k) {
    return int(std::max_element(p, p + k) - p);
}

}  // namespace

void TestOnnxExport::initTestCase() {
    QVERIFY(m_dir.isValid());
    m_data = loadDataset(test::subsetPath());
    QVERIFY(m_data.testCount() >= 500);
}

// Exports (spec, params), checks the file, runs it in ONNX Runtime on every test image and compares with
// LayerLab's probabilities. Returns the largest difference.
#define CHECK_AGAINST_ONNX_RUNTIME(spec, params)                                                            \
    do {                                                                                                    \
        const std::string path =                                                                            \
            m_dir.filePath(QString::fromStdString((spec).name) + ".onnx").toStdString();                    \
        QCOMPARE(exportOnnx(path, (spec), (params)), std::string());                                        \
        const std::string checked = test::onnxCheck(path);                                                  \
        QVERIFY2(checked.empty(), checked.c_str());                                                         \
        const ImageGeometry g = imageGeometryOf((spec).input);                                              \
        const int n = int(m_data.testCount());                                                              \
        std::vector<float> ort;                                                                             \
        std::string outputName;                                                                             \
        const std::string ran = test::onnxRuntimeRun(path, pixelsAsFloats(m_data), n, g.channels, g.height, \
                                                     g.width, &ort, &outputName);                           \
        QVERIFY2(ran.empty(), ran.c_str());                                                                 \
        QCOMPARE(outputName, std::string("probabilities"));                                                 \
        InferenceModel model((spec), (params), 1);                                                          \
        const int k = model.classes();                                                                      \
        const std::vector<float> ours = model.classify(m_data.testImages.data(), n);                        \
        QCOMPARE(ort.size(), ours.size());                                                                  \
        float worst = 0;                                                                                    \
        int sameClass = 0;                                                                                  \
        for (int i = 0; i < n; ++i) {                                                                       \
            sameClass += argmax(&ort[std::size_t(i) * k], k) == argmax(&ours[std::size_t(i) * k], k);       \
            for (int j = 0; j < k; ++j)                                                                     \
                worst =                                                                                     \
                    std::max(worst, std::abs(ort[std::size_t(i) * k + j] - ours[std::size_t(i) * k + j]));  \
        }                                                                                                   \
        qInfo("%s: %d images, same class for %d, largest probability difference %.3g", (spec).name.c_str(), \
              n, sameClass, double(worst));                                                                 \
        QCOMPARE(sameClass, n);                                                                             \
        QVERIFY2(worst <= 1e-4f, qPrintable(QString("largest difference %1").arg(worst)));                  \
    } while (0)

// An int8 model (quantizeModel's, as layerlab-cli compress writes it) in QDQ form: ONNX Runtime gives
// LayerLab's quantized probabilities, not the float model's; the int8 weights make the file about a quarter
// of the float one; a layer whose weights left the grid keeps them as float32 and still matches.
void TestOnnxExport::int8ModelMatchesOnnxRuntime() {
    const ModelSpec spec = preset("seed-cnn");
    const std::vector<float> params = trainOneEpoch(spec, m_data);
    const int calibration = 256;
    std::vector<float> inputs(std::size_t(calibration) * spec.input.size());
    pixelsToInputs(m_data.trainImages.data(), inputs.data(), inputs.size());
    QuantizedModel q = quantizeModel(spec, params, inputs.data(), calibration, 1);
    QVERIFY(!q.quantization.empty());
    const int n = int(m_data.testCount());
    const ImageGeometry g = imageGeometryOf(spec.input);

    InferenceModel floats(spec, q.params, 1);
    const std::vector<float> plain = floats.classify(m_data.testImages.data(), n);
    const auto compare = [&](const std::vector<float>& params, const char* what) {
        OnnxExportOptions options;
        options.quantization = q.quantization;
        const std::string path = m_dir.filePath(QString("int8-%1.onnx").arg(what)).toStdString();
        QCOMPARE(exportOnnx(path, spec, params, options), std::string());
        const std::string checked = test::onnxCheck(path);
        QVERIFY2(checked.empty(), checked.c_str());
        std::vector<float> ort;
        const std::string ran =
            test::onnxRuntimeRun(path, pixelsAsFloats(m_data), n, g.channels, g.height, g.width, &ort);
        QVERIFY2(ran.empty(), ran.c_str());
        InferenceModel model(spec, params, 1);
        model.setQuantization(q.quantization);
        const std::vector<float> ours = model.classify(m_data.testImages.data(), n);
        QCOMPARE(ort.size(), ours.size());
        // Mean absolute differences over all probabilities: ONNX Runtime against LayerLab's int8 model, and
        // LayerLab's float32 model against its int8 one (what a float export would have given).
        double off = 0, quantizationEffect = 0;
        for (std::size_t i = 0; i < ours.size(); ++i) {
            off += std::abs(double(ort[i]) - ours[i]);
            quantizationEffect += std::abs(double(plain[i]) - ours[i]);
        }
        off /= double(ours.size());
        quantizationEffect /= double(ours.size());
        int sameClass = 0;
        const int k = model.classes();
        for (int i = 0; i < n; ++i)
            sameClass += argmax(&ort[std::size_t(i) * k], k) == argmax(&ours[std::size_t(i) * k], k);
        qInfo("int8 %s: same class for %d of %d, mean difference %.3g (int8 against float32: %.3g)", what,
              sameClass, n, off, quantizationEffect);
        // An input rounded to int8 can tip to the next code when ONNX Runtime's sums differ in the last bit
        // (one image moved by 0.004 here); on average ONNX Runtime is far closer to the int8 model than the
        // float32 model is.
        QVERIFY(sameClass >= n - 1);
        QVERIFY2(off < quantizationEffect / 10,
                 qPrintable(QString("ONNX Runtime differs by %1 on average, int8 from float32 by %2")
                                .arg(off)
                                .arg(quantizationEffect)));
    };
    compare(q.params, "grid");
    const std::string floatBytes = onnxModelBytes(spec, q.params);
    OnnxExportOptions options;
    options.quantization = q.quantization;
    const std::string int8Bytes = onnxModelBytes(spec, q.params, options);
    qInfo("ONNX file: float32 %zu bytes, int8 %zu bytes", floatBytes.size(), int8Bytes.size());
    QVERIFY(int8Bytes.size() * 3 < floatBytes.size());
    // Opening the file again gives the int8 model back: the same weights bit for bit, the same scales.
    const OnnxImport back = importOnnxBytes(int8Bytes, "int8.onnx");
    QVERIFY(back.layerlabFile);
    QVERIFY(back.params == q.params);
    QCOMPARE(back.quantization.layers.size(), q.quantization.layers.size());
    for (std::size_t i = 0; i < q.quantization.layers.size(); ++i) {
        QCOMPARE(back.quantization.layers[i].engineLayer, q.quantization.layers[i].engineLayer);
        QCOMPARE(back.quantization.layers[i].inputScale, q.quantization.layers[i].inputScale);
        QVERIFY(back.quantization.layers[i].weightScales == q.quantization.layers[i].weightScales);
    }

    // The first Conv2D's first weight moved off the grid (trained on after loading): float32 there.
    std::vector<float> moved = q.params;
    moved[0] += 1e-3f;
    compare(moved, "moved");
    const std::string movedBytes = onnxModelBytes(spec, moved, options);
    QVERIFY(movedBytes.size() > int8Bytes.size());
    const OnnxImport movedBack = importOnnxBytes(movedBytes, "moved.onnx");
    QVERIFY(movedBack.layerlabFile);
    QVERIFY(movedBack.params == moved);
    QCOMPARE(movedBack.quantization.layers.size(), q.quantization.layers.size());
}

void TestOnnxExport::seedCnnMatchesOnnxRuntime() {
    const ModelSpec spec = preset("seed-cnn");
    const std::vector<float> params = trainOneEpoch(spec, m_data);
    CHECK_AGAINST_ONNX_RUNTIME(spec, params);
}

// The seed CNN with BatchNorm after each Conv2D and the hidden Dense (the preset): three
// BatchNormalization nodes with the running statistics of an epoch.
void TestOnnxExport::seedCnnBatchNormMatchesOnnxRuntime() {
    const ModelSpec spec = preset("seed-cnn-bn");
    QCOMPARE(std::count_if(spec.layers.begin(), spec.layers.end(),
                           [](const LayerSpec& l) { return l.type == LayerType::BatchNorm; }),
             3);
    const std::vector<float> params = trainOneEpoch(spec, m_data);
    CHECK_AGAINST_ONNX_RUNTIME(spec, params);
    const std::string bytes = onnxModelBytes(spec, params);
    int nodes = 0;
    for (std::size_t at = bytes.find("BatchNormalization"); at != std::string::npos;
         at = bytes.find("BatchNormalization", at + 1))
        ++nodes;
    QCOMPARE(nodes, 3);
}

void TestOnnxExport::mlpMatchesOnnxRuntime() {
    const ModelSpec spec = preset("mlp");
    const std::vector<float> params = trainOneEpoch(spec, m_data);
    CHECK_AGAINST_ONNX_RUNTIME(spec, params);
}

void TestOnnxExport::lenet5MatchesOnnxRuntime() {
    const ModelSpec spec = preset("lenet5");
    const std::vector<float> params = trainOneEpoch(spec, m_data);
    CHECK_AGAINST_ONNX_RUNTIME(spec, params);
}

void TestOnnxExport::everyLayerTypeMatchesOnnxRuntime() {
    const ModelSpec spec = everyLayerModel();
    // Every type of the table is in it (a new type must be added here, and to the exporter).
    for (LayerType t : allLayerTypes()) {
        const bool found = std::any_of(spec.layers.begin(), spec.layers.end(),
                                       [&](const LayerSpec& l) { return l.type == t; });
        QVERIFY2(found, layerTypeName(t));
    }
    const std::vector<float> params = trainOneEpoch(spec, m_data);
    CHECK_AGAINST_ONNX_RUNTIME(spec, params);
}

// A model whose last layer is not Softmax (MSE on sigmoid outputs): LayerLab shows softmax(scores) as the
// probabilities, and so does the exported file (a Softmax node is added).
void TestOnnxExport::modelWithoutSoftmaxGetsProbabilities() {
    ModelSpec spec;
    spec.name = "mse sigmoid";
    spec.layers = {plain(LayerType::Flatten), test::denseLayer(10, Activation::Sigmoid)};
    spec.training = test::subsetTraining(1);
    spec.training.loss = LossType::MeanSquaredError;
    const std::vector<float> params = trainOneEpoch(spec, m_data);
    CHECK_AGAINST_ONNX_RUNTIME(spec, params);
}

// A model whose input is 784 flat values: the file still takes N x 1 x 28 x 28 images.
void TestOnnxExport::flatInputModelTakesImages() {
    ModelSpec spec;
    spec.name = "flat input";
    spec.input = Shape::flat(784);
    spec.layers = {test::denseLayer(10, Activation::Softmax)};
    spec.training = test::subsetTraining(1);
    const std::vector<float> params = trainOneEpoch(spec, m_data);
    CHECK_AGAINST_ONNX_RUNTIME(spec, params);
}

// --logits: the scores before the final Softmax. Their softmax is LayerLab's probabilities; they are not
// probabilities themselves.
void TestOnnxExport::logitsOutput() {
    const ModelSpec spec = preset("mlp");
    Network net(spec);
    net.initParams(5);
    const std::vector<float> params(net.params().begin(), net.params().end());
    const std::string path = m_dir.filePath("logits.onnx").toStdString();
    OnnxExportOptions o;
    o.logits = true;
    QCOMPARE(exportOnnx(path, spec, params, o), std::string());
    const std::string checked = test::onnxCheck(path);
    QVERIFY2(checked.empty(), checked.c_str());
    const int n = 100;
    std::vector<float> pixels(m_data.testImages.begin(), m_data.testImages.begin() + n * 784);
    std::vector<float> logits;
    std::string outputName;
    const std::string ran = test::onnxRuntimeRun(path, pixels, n, 1, 28, 28, &logits, &outputName);
    QVERIFY2(ran.empty(), ran.c_str());
    QCOMPARE(outputName, std::string("logits"));
    QCOMPARE(int(logits.size()), n * 10);
    float rowSum = 0;
    for (int j = 0; j < 10; ++j) rowSum += logits[j];
    QVERIFY(std::abs(rowSum - 1.0f) > 0.1f);
    InferenceModel model(spec, params, 1);
    const std::vector<float> ours = model.classify(m_data.testImages.data(), n);
    InferenceModel::softmaxRows(logits.data(), n, 10);
    for (std::size_t i = 0; i < ours.size(); ++i) QVERIFY(std::abs(logits[i] - ours[i]) <= 1e-4f);
}

void TestOnnxExport::docStringSaysWhatTheFileHolds() {
    const ModelSpec spec = preset("seed-cnn");
    Network net(spec);
    const std::vector<float> params(net.params().size(), 0.0f);
    const std::string bytes = onnxModelBytes(spec, params);
    // Protobuf stores strings as they are.
    QVERIFY(bytes.find("Input \"image\": float32 N x 1 x 28 x 28 (N any), raw pixel values 0-255") !=
            std::string::npos);
    QVERIFY(bytes.find("Output \"probabilities\": float32 N x 10") != std::string::npos);
    QVERIFY(bytes.find("layerlab.model") != std::string::npos);
}

void TestOnnxExport::wrongWeightsAreRefused() {
    const ModelSpec spec = preset("mlp");
    const std::vector<float> params(10, 0.0f);
    try {
        onnxModelBytes(spec, params);
        QFAIL("no error");
    } catch (const CheckpointError& e) {
        QVERIFY2(std::string(e.what()).find("hold 10 values") != std::string::npos, e.what());
    }
    ModelSpec broken = spec;
    broken.layers.erase(broken.layers.begin());  // Dense on a 1x28x28 input
    QVERIFY_THROWS_EXCEPTION(SpecError, onnxModelBytes(broken, params));
}

void TestOnnxExport::cliExportWritesTheFile() {
    const ModelSpec spec = preset("mlp");
    const std::vector<float> params = trainOneEpoch(spec, m_data);
    const std::string ckpt = m_dir.filePath("mlp.llckpt").toStdString();
    saveCheckpoint(ckpt, spec, params);
    const std::string out = m_dir.filePath("cli.onnx").toStdString();
    std::string log;
    const std::string err =
        test::runProgram(LAYERLAB_CLI, {"export", "--model", ckpt, "--format", "onnx", "--out", out}, &log);
    QVERIFY2(err.empty(), err.c_str());
    QVERIFY2(log.find("output \"probabilities\" N x 10") != std::string::npos, log.c_str());
    // The same bytes as the library writes.
    const std::vector<std::uint8_t> written = test::readBytes(out);
    const std::string expected = onnxModelBytes(spec, params);
    QCOMPARE(std::string(written.begin(), written.end()), expected);
}

void TestOnnxExport::cliExportErrors() {
    const std::string ckpt = m_dir.filePath("errors.llckpt").toStdString();
    const ModelSpec spec = preset("mlp");
    Network net(spec);
    saveCheckpoint(ckpt, spec, std::vector<float>(net.params().size(), 0.0f));
    struct Case {
        std::vector<std::string> args;
        std::string message;
    };
    const std::string dir = m_dir.path().toStdString();
    const Case cases[] = {
        {{"export", "--model", ckpt, "--out", dir + "/x.onnx"}, "--format is required"},
        {{"export", "--model", ckpt, "--format", "tflite", "--out", dir + "/x.onnx"},
         "unknown format 'tflite'"},
        {{"export", "--model", ckpt, "--format", "onnx"}, "--out is required"},
        {{"export", "--model", ckpt, "--format", "onnx", "--out", dir}, "--out: cannot write"},
        {{"export", "--model", ckpt, "--format", "onnx", "--out", "-"}, "cannot go to standard output"},
        {{"export", "--model", dir + "/missing.llckpt", "--format", "onnx", "--out", dir + "/x.onnx"},
         "missing"},
    };
    for (const Case& c : cases) {
        std::string log;
        const std::string err = test::runProgram(LAYERLAB_CLI, c.args, &log);
        QVERIFY2(err.find("exit 2") != std::string::npos, err.c_str());
        QVERIFY2(log.find(c.message) != std::string::npos, log.c_str());
        QVERIFY(!QFile::exists(QString::fromStdString(dir + "/x.onnx")));
    }
}

QTEST_GUILESS_MAIN(TestOnnxExport)
#include "tst_onnx_export.moc"
