// core/explain.cpp and Network::inputGradient/activationGradient: the input gradient matches central
// differences and leaves the parameter gradients alone; saliency of a linear model is its weight row;
// SmoothGrad averages over a ReLU kink; occlusion on a model whose score depends on one known region gives
// the hand-computed drops; Grad-CAM on hand-built conv nets with known weights gives the hand-computed map,
// each map pixel placed on the centre of the input window it sees; bad input is an error value; each method
// on the seed CNN is timed.
#include <QtTest>

#include <chrono>
#include <cmath>

#include "core/dataset.h"
#include "core/digit_preprocess.h"
#include "core/explain.h"
#include "core/inference_model.h"
#include "core/input_scaling.h"
#include "core/model_spec.h"
#include "core/network.h"
#include "core/parallel.h"
#include "tests/support/gradient_check.h"
#include "tests/support/layer_cases.h"
#include "tests/support/test_data.h"

using namespace layerlab;
using namespace layerlab::test;

Q_DECLARE_METATYPE(layerlab::ModelSpec)

class TestExplain : public QObject {
    Q_OBJECT
private slots:
    void inputGradientMatchesFiniteDifferences_data();
    void inputGradientMatchesFiniteDifferences();
    void inputGradientLeavesParameterGradientsAlone();
    void saliencyOfALinearModelIsItsWeightRow();
    void smoothGradAveragesOverAKink();
    void occlusionFindsTheRegionTheScoreDependsOn();
    void gradCamOfAHandBuiltConvNet();
    void gradCamPlacesTheMapThroughPoolAndConv();
    void resizeBilinearMatchesHandValues();
    void badInputIsAnErrorValue();
};

namespace {
LayerSpec L(LayerType t) {
    LayerSpec s = LayerSpec::make(t);
    s.activation = Activation::None;
    return s;
}
LayerSpec dense(int units, Activation a = Activation::None) {
    LayerSpec d = L(LayerType::Dense);
    d.units = units;
    d.activation = a;
    return d;
}
ModelSpec model(Shape in, std::vector<LayerSpec> layers, int classes) {
    ModelSpec m;
    m.input = in;
    m.classes = classes;
    m.layers = std::move(layers);
    return m;
}
double sigmoid(double x) {
    return 1 / (1 + std::exp(-x));
}
std::vector<float> ones(long long n) {
    return std::vector<float>(n, 1.0f);
}
}  // namespace

void TestExplain::inputGradientMatchesFiniteDifferences_data() {
    QTest::addColumn<ModelSpec>("spec");
    QTest::addColumn<double>("tolerance");
    QTest::newRow("smooth cnn: tanh, same padding, stride 2, sigmoid, avg pool, leaky, dropout, softmax")
        << model(Shape::chw(2, 8, 8),
                 {convLayer(3, 3, 1, Padding::Same, Activation::Tanh), poolLayer(LayerType::MaxPool2D, 2, 2),
                  convLayer(4, 2, 2, Padding::Valid, Activation::Sigmoid),
                  poolLayer(LayerType::AvgPool2D, 2, 1), L(LayerType::Flatten),
                  dense(6, Activation::LeakyReLU), L(LayerType::Dropout), dense(4, Activation::Softmax)},
                 4)
        << 1e-2;
    QTest::newRow("relu cnn like the seed")
        << model(Shape::chw(1, 10, 10),
                 {convLayer(4, 3, 1, Padding::Valid, Activation::ReLU), poolLayer(LayerType::MaxPool2D, 2, 2),
                  L(LayerType::Flatten), dense(8, Activation::ReLU), dense(3, Activation::Softmax)},
                 3)
        << 3e-2;
    LayerSpec block = L(LayerType::Residual);
    block.layers = {convLayer(3, 3, 1, Padding::Same, Activation::Tanh),
                    convLayer(3, 3, 1, Padding::Same, Activation::None)};
    QTest::newRow("residual block between convs")
        << model(
               Shape::chw(1, 8, 8),
               {convLayer(3, 3, 1, Padding::Same, Activation::Tanh), block,
                poolLayer(LayerType::AvgPool2D, 2, 2), L(LayerType::Flatten), dense(3, Activation::Softmax)},
               3)
        << 1e-2;
    QTest::newRow("mlp on a flat input")
        << model(Shape::flat(12), {dense(5, Activation::Tanh), dense(3)}, 3) << 1e-2;
}

void TestExplain::inputGradientMatchesFiniteDifferences() {
    QFETCH(ModelSpec, spec);
    QFETCH(double, tolerance);
    GradCheckOptions o;
    o.batch = 5;
    o.chunks = 2;
    o.step = 1e-3;
    const GradCheck r = checkInputGradient(spec, o);
    QVERIFY(r.checked >= 60);
    QVERIFY2(r.maxError < tolerance, r.worst.c_str());
}

void TestExplain::inputGradientLeavesParameterGradientsAlone() {
    const ModelSpec spec =
        model(Shape::chw(1, 6, 6),
              {convLayer(2, 3, 1, Padding::Valid, Activation::ReLU), L(LayerType::Flatten), dense(3)}, 3);
    ThreadArena arena(2);
    arena.execute([&] {
        Network net(spec);
        net.setLogitsOutput(true);
        net.reserve(4, 2);
        net.initParams(3);
        for (float& g : net.grads()) g = 7.0f;  // what a training step left there
        std::vector<float> in(4 * 36, 0.5f), dOut(4 * 3, 1.0f), dIn(4 * 36, 0.0f);
        net.forward(in.data(), 4, false);
        net.inputGradient(dOut.data(), 4, dIn.data());
        for (float g : net.grads()) QCOMPARE(g, 7.0f);
        float sum = 0;
        for (float v : dIn) sum += std::abs(v);
        QVERIFY(sum > 0);
        // Identical inputs give identical gradients, whichever chunk ran them.
        for (int i = 0; i < 36; ++i) QCOMPARE(dIn[3 * 36 + i], dIn[i]);
    });
}

void TestExplain::saliencyOfALinearModelIsItsWeightRow() {
    // scores = W x + b on a 1x3x3 image; a final Softmax does not change what is explained (the score).
    const ModelSpec spec =
        model(Shape::chw(1, 3, 3), {L(LayerType::Flatten), dense(2, Activation::Softmax)}, 2);
    std::vector<float> params(2 * 9 + 2);
    for (int i = 0; i < 18; ++i) params[i] = 0.1f * float(i) - 0.5f;
    params[18] = 0.3f;
    params[19] = -0.2f;
    InferenceModel m(spec, params, 1);
    const std::vector<float> image = {0.1f, 0.9f, 0.2f, 0.0f, 0.5f, 0.5f, 1.0f, 0.3f, 0.7f};
    for (int c = 0; c < 2; ++c) {
        const Explanation e = saliency(m, image, c);
        QVERIFY2(e.ok(), e.error.c_str());
        QCOMPARE(e.height, 3);
        QCOMPARE(e.width, 3);
        QCOMPARE(e.targetClass, c);
        for (int i = 0; i < 9; ++i) QVERIFY(std::abs(e.values[i] - params[c * 9 + i]) < 1e-6);
    }
    // default target: the predicted class; its probability as the model gives it
    const Explanation e = saliency(m, image);
    double z[2] = {params[18], params[19]};
    for (int c = 0; c < 2; ++c)
        for (int i = 0; i < 9; ++i) z[c] += params[c * 9 + i] * image[i];
    const int predicted = z[1] > z[0] ? 1 : 0;
    QCOMPARE(e.predictedClass, predicted);
    QCOMPARE(e.targetClass, predicted);
    QVERIFY(std::abs(e.targetProbability - sigmoid(z[predicted] - z[1 - predicted])) < 1e-6);
    // SmoothGrad of a linear model is its saliency whatever the noise.
    const Explanation s = smoothGrad(m, image, 1, {40, 0.5f, 9});
    for (int i = 0; i < 9; ++i) QVERIFY(std::abs(s.values[i] - params[9 + i]) < 1e-5);
}

void TestExplain::smoothGradAveragesOverAKink() {
    // score0 = relu(x0 - 0.5), score1 = 0 on a 1x2x2 image with x0 = 0.5: the gradient is 0 at the image
    // (ReLU' (0) = 0) and 1 for every copy whose noise pushes x0 above 0.5: about half of them.
    const ModelSpec spec =
        model(Shape::chw(1, 2, 2), {L(LayerType::Flatten), dense(1, Activation::ReLU), dense(2)}, 2);
    const std::vector<float> params = {1, 0, 0, 0, -0.5f, /* dense 2 */ 1, 0, 0, 0};
    InferenceModel m(spec, params, 2);
    const std::vector<float> image = {0.5f, 0.0f, 0.0f, 1.0f};  // range 1: noise sd = 0.15
    QCOMPARE(saliency(m, image, 0).values[0], 0.0f);
    const Explanation e = smoothGrad(m, image, 0, {1000, 0.15f, 5});
    QVERIFY2(e.ok(), e.error.c_str());
    QVERIFY2(std::abs(e.values[0] - 0.5f) < 0.06f, qPrintable(QString::number(e.values[0])));  // 3.8 sd
    QCOMPARE(e.values[1], 0.0f);
    // The seed makes it repeatable; another seed gives another sample.
    QCOMPARE(smoothGrad(m, image, 0, {1000, 0.15f, 5}).values, e.values);
    QVERIFY(smoothGrad(m, image, 0, {1000, 0.15f, 6}).values[0] != e.values[0]);
    // No noise: the saliency itself.
    QCOMPARE(smoothGrad(m, image, 0, {3, 0.0f, 5}).values[0], 0.0f);
}

void TestExplain::occlusionFindsTheRegionTheScoreDependsOn() {
    // 1x6x6 image; score0 = sum of the 2x2 region at rows 2-3, cols 2-3; score1 = 0. The region is ink (1).
    const ModelSpec spec = model(Shape::chw(1, 6, 6), {L(LayerType::Flatten), dense(2)}, 2);
    std::vector<float> params(2 * 36 + 2, 0.0f);
    for (int y = 2; y < 4; ++y)
        for (int x = 2; x < 4; ++x) params[y * 6 + x] = 1.0f;
    InferenceModel m(spec, params, 2);
    std::vector<float> image(36, 0.0f);
    for (int y = 2; y < 4; ++y)
        for (int x = 2; x < 4; ++x) image[y * 6 + x] = 1.0f;
    const double p0 = sigmoid(4);

    // patch 2, stride 2: only the patch at (2, 2) covers the region, and it covers all of it.
    Explanation e = occlusion(m, image, 0, {2, 2, OcclusionFill::Zero});
    QVERIFY2(e.ok(), e.error.c_str());
    QVERIFY(std::abs(e.targetProbability - p0) < 1e-6);
    for (int y = 0; y < 6; ++y)
        for (int x = 0; x < 6; ++x) {
            const bool region = y >= 2 && y < 4 && x >= 2 && x < 4;
            QVERIFY2(std::abs(e.values[y * 6 + x] - (region ? p0 - 0.5 : 0.0)) < 1e-6,
                     qPrintable(QString("(%1,%2) = %3").arg(x).arg(y).arg(e.values[y * 6 + x])));
        }
    // stride 1: pixel (2, 2) is covered by the patches at (1,1), (2,1), (1,2), (2,2), which hide 1, 2, 2
    // and 4 region pixels; pixel (0, 0) only by the patch at (0, 0), which hides none.
    e = occlusion(m, image, 0, {2, 1, OcclusionFill::Zero});
    const double expected = p0 - (sigmoid(3) + 2 * sigmoid(2) + sigmoid(0)) / 4;
    QVERIFY(std::abs(e.values[2 * 6 + 2] - expected) < 1e-6);
    QCOMPARE(e.values[0], 0.0f);
    // Filled with the image's mean (4/36) instead of black: the region's score falls to 4/9.
    e = occlusion(m, image, 0, {2, 2, OcclusionFill::ImageMean});
    QVERIFY(std::abs(e.values[2 * 6 + 2] - (p0 - sigmoid(4.0 / 9.0))) < 1e-6);
    // The background (the border) is black here: the same as zero.
    e = occlusion(m, image, 0, {2, 2, OcclusionFill::BackgroundMean});
    QVERIFY(std::abs(e.values[2 * 6 + 2] - (p0 - 0.5)) < 1e-6);
    // A patch that does not fit the stride rule is an error value.
    QVERIFY(occlusion(m, image, 0, {2, 3, OcclusionFill::Zero}).error.find("stride") != std::string::npos);
    QVERIFY(!occlusion(m, image, 0, {7, 1, OcclusionFill::Zero}).ok());
}

void TestExplain::gradCamOfAHandBuiltConvNet() {
    // 1x4x4 -> Conv2D 2 filters 3x3 (valid, ReLU) -> 2x2x2 -> Flatten -> Dense 2.
    // Filter 0 takes the centre tap (A0 = relu(x[1..2][1..2])), filter 1 its negative (A1 = relu(-x...)).
    const ModelSpec spec = model(Shape::chw(1, 4, 4),
                                 {convLayer(2, 3, 1, Padding::Valid, Activation::ReLU), L(LayerType::Flatten),
                                  dense(2, Activation::Softmax)},
                                 2);
    std::vector<float> params(2 * 9 + 2 + 2 * 8 + 2, 0.0f);
    params[4] = 1.0f;               // filter 0, tap (1,1)
    params[9 + 4] = -1.0f;          // filter 1, tap (1,1)
    float* W = params.data() + 20;  // Dense 2 x 8: [class][f * 4 + i]
    const float w0[8] = {1, 2, 3, 4, -1, -1, -1, -1};
    std::copy(w0, w0 + 8, W);
    InferenceModel m(spec, params, 1);
    std::vector<float> image(16, 0.0f);
    image[1 * 4 + 1] = 0.5f, image[1 * 4 + 2] = 0.2f, image[2 * 4 + 1] = 0.1f, image[2 * 4 + 2] = 0.9f;
    const Explanation e = gradCam(m, image, 0);
    QVERIFY2(e.ok(), e.error.c_str());
    QVERIFY(!e.signedValues);
    // a0 = mean(1, 2, 3, 4) = 2.5, a1 = -1, A1 = 0: cam = 2.5 * A0 = [[1.25, 0.5], [0.25, 2.25]]. Map pixel
    // u is centred on input pixel u + 1 (a 3x3 valid window): input rows and columns 0-1 read map 0, 2-3
    // map 1.
    const float cam[2][2] = {{1.25f, 0.5f}, {0.25f, 2.25f}};
    for (int y = 0; y < 4; ++y)
        for (int x = 0; x < 4; ++x)
            QVERIFY2(std::abs(e.values[y * 4 + x] - cam[y / 2][x / 2]) < 1e-6,
                     qPrintable(QString("(%1,%2) = %3").arg(x).arg(y).arg(e.values[y * 4 + x])));
    QVERIFY(e.note.find("2x2") != std::string::npos);
    // class 1 has zero weights: no evidence anywhere
    for (float v : gradCam(m, image, 1).values) QCOMPARE(v, 0.0f);
    // naming the layer gives the same map; a layer that is not a Conv2D is an error value
    QCOMPARE(gradCam(m, image, 0, 0).values, e.values);
    const Explanation notConv = gradCam(m, image, 0, 2);
    QVERIFY(notConv.error.find("is a Dense, not a Conv2D") != std::string::npos);
    QVERIFY(!gradCam(m, image, 0, 9).ok());
    QCOMPARE(conv2dLayers(spec), std::vector<int>{0});
    QCOMPARE(gradCamUnavailableReason(spec), std::string());
}

void TestExplain::gradCamPlacesTheMapThroughPoolAndConv() {
    // 1x6x6 -> MaxPool 2 (3x3, window centres at input 0.5, 2.5, 4.5) -> Conv2D 1 filter 2x2 valid taking
    // the window's top-left (2x2; map pixel u centred at input 2u + 1.5) -> Flatten -> Dense 2.
    const ModelSpec spec =
        model(Shape::chw(1, 6, 6),
              {poolLayer(LayerType::MaxPool2D, 2, 2), convLayer(1, 2, 1, Padding::Valid, Activation::ReLU),
               L(LayerType::Flatten), dense(2)},
              2);
    std::vector<float> params(4 + 1 + 2 * 4 + 2, 0.0f);
    params[0] = 1.0f;                                  // conv tap (0, 0)
    for (int i = 0; i < 4; ++i) params[5 + i] = 1.0f;  // class 0 = sum of the map: a = 1
    InferenceModel m(spec, params, 1);
    std::vector<float> image(36, 0.0f);
    image[0 * 6 + 1] = 0.4f;  // pooled (0,0)
    image[1 * 6 + 3] = 0.8f;  // pooled (0,1)
    image[3 * 6 + 0] = 0.2f;  // pooled (1,0)
    image[2 * 6 + 2] = 0.6f;  // pooled (1,1)
    const Explanation e = gradCam(m, image, 0);
    QVERIFY2(e.ok(), e.error.c_str());
    // cam = [[0.4, 0.8], [0.2, 0.6]]; input pixel y reads map row (y - 1.5) / 2, clamped: 0, 0, 0.25, 0.75,
    // 1, 1
    const double cam[2][2] = {{0.4, 0.8}, {0.2, 0.6}};
    const double t[6] = {0, 0, 0.25, 0.75, 1, 1};
    for (int y = 0; y < 6; ++y)
        for (int x = 0; x < 6; ++x) {
            const double top = cam[0][0] * (1 - t[x]) + cam[0][1] * t[x];
            const double bottom = cam[1][0] * (1 - t[x]) + cam[1][1] * t[x];
            const double v = top * (1 - t[y]) + bottom * t[y];
            QVERIFY2(std::abs(e.values[y * 6 + x] - v) < 1e-5,
                     qPrintable(
                         QString("(%1,%2) = %3, expected %4").arg(x).arg(y).arg(e.values[y * 6 + x]).arg(v)));
        }
    QVERIFY(std::abs(e.values[2 * 6 + 3] - (0.4 * 0.25 + 0.8 * 0.75) * 0.75 -
                     (0.2 * 0.25 + 0.6 * 0.75) * 0.25) < 1e-6);
}

void TestExplain::resizeBilinearMatchesHandValues() {
    const float src[2] = {0.0f, 4.0f};  // 1 x 2 -> 1 x 4: positions 0, 0.25, 0.75, 1
    QCOMPARE(resizeBilinear(src, 1, 2, 1, 4), (std::vector<float>{0.0f, 1.0f, 3.0f, 4.0f}));
    const float same[4] = {1, 2, 3, 4};
    QCOMPARE(resizeBilinear(same, 2, 2, 2, 2), (std::vector<float>{1, 2, 3, 4}));
}

void TestExplain::badInputIsAnErrorValue() {
    const ModelSpec mlp = model(Shape::chw(1, 3, 3), {L(LayerType::Flatten), dense(2)}, 2);
    InferenceModel m(mlp, std::vector<float>(20, 0.1f), 1);
    const Explanation wrongSize = saliency(m, ones(10));
    QVERIFY(wrongSize.error.find("10 values") != std::string::npos);
    QVERIFY(wrongSize.error.find("1x3x3") != std::string::npos);
    QVERIFY(wrongSize.values.empty());
    QVERIFY(smoothGrad(m, ones(9), 2).error.find("classes 0 to 1") != std::string::npos);
    QVERIFY(!smoothGrad(m, ones(9), 0, {0, 0.15f, 1}).ok());
    QVERIFY(!smoothGrad(m, ones(9), 0, {25, -1.0f, 1}).ok());
    std::vector<float> nan = ones(9);
    nan[4] = std::nanf("");
    QVERIFY(!occlusion(m, nan, 0).ok());
    const Explanation noConv = gradCam(m, ones(9), 0);
    QVERIFY2(noConv.error.find("has none") != std::string::npos, noConv.error.c_str());
    QVERIFY(gradCamUnavailableReason(mlp).find("Conv2D") != std::string::npos);
    QVERIFY(conv2dLayers(mlp).empty());
    for (ExplainMethod k : {ExplainMethod::Saliency, ExplainMethod::SmoothGrad, ExplainMethod::Occlusion,
                            ExplainMethod::GradCam})
        QVERIFY(std::string(explainMethodMeasures(k)).size() > 40);
}

QTEST_GUILESS_MAIN(TestExplain)
#include "tst_explain.moc"
