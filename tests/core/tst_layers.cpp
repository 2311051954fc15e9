// Every layer in core/layers/ against the shared numerical-gradient checker, and forward passes against
// direct (naive) reference computations.
#include <QtTest>

#include <cmath>
#include <numeric>
#include <random>

#include "core/errors.h"
#include "core/layer.h"
#include "core/layers/activations.h"
#include "core/layers/conv2d.h"
#include "core/layers/dense.h"
#include "core/layers/dropout.h"
#include "core/layers/pool2d.h"
#include "tests/support/gradient_check.h"

using namespace layerlab;
using namespace layerlab::test;

class TestLayers : public QObject {
    Q_OBJECT
private slots:
    void gradients_data();
    void gradients();
    void convForwardMatchesDirectConvolution_data();
    void convForwardMatchesDirectConvolution();
    void denseForwardIsAffine();
    void maxPoolPicksWindowMaximum();
    void avgPoolAverages();
    void softmaxRowsSumToOne();
    void dropoutKeepsExpectedFraction();
    void dropoutIsIdentityAtInference();
    void impossibleShapesAreRejected();
};

Q_DECLARE_METATYPE(Shape)

namespace {
LayerSpec conv(int f, int k, int s, Padding p) {
    LayerSpec l = LayerSpec::make(LayerType::Conv2D);
    l.filters = f;
    l.kernel = k;
    l.stride = s;
    l.padding = p;
    l.activation = Activation::None;
    return l;
}
LayerSpec simple(LayerType t) {
    LayerSpec l = LayerSpec::make(t);
    l.activation = Activation::None;
    return l;
}
}  // namespace

void TestLayers::gradients_data() {
    QTest::addColumn<int>("typeIndex");  // row -> spec built below
    QTest::addColumn<Shape>("in");
    QTest::addColumn<double>("step");
    QTest::addColumn<float>("minAbs");
    QTest::addColumn<bool>("spaced");
    QTest::newRow("Dense") << 0 << Shape::flat(7) << 1e-2 << 0.0f << false;
    QTest::newRow("Conv2D valid 3x3") << 1 << Shape::chw(2, 6, 5) << 1e-2 << 0.0f << false;
    QTest::newRow("Conv2D same 3x3 stride 2") << 2 << Shape::chw(3, 7, 6) << 1e-2 << 0.0f << false;
    QTest::newRow("Conv2D same 4x4 (even kernel)") << 3 << Shape::chw(1, 6, 6) << 1e-2 << 0.0f << false;
    QTest::newRow("MaxPool2D 2x2 odd input") << 4 << Shape::chw(2, 5, 7) << 1e-3 << 0.0f << true;
    QTest::newRow("AvgPool2D") << 5 << Shape::chw(2, 5, 6) << 1e-2 << 0.0f << false;
    QTest::newRow("ReLU") << 6 << Shape::chw(2, 3, 3) << 1e-2 << 0.05f << false;
    QTest::newRow("LeakyReLU") << 7 << Shape::flat(11) << 1e-2 << 0.05f << false;
    QTest::newRow("Sigmoid") << 8 << Shape::flat(11) << 1e-2 << 0.0f << false;
    QTest::newRow("Tanh") << 9 << Shape::flat(11) << 1e-2 << 0.0f << false;
    QTest::newRow("Softmax") << 10 << Shape::flat(6) << 1e-2 << 0.0f << false;
    QTest::newRow("Dropout") << 11 << Shape::flat(20) << 1e-2 << 0.0f << false;
    QTest::newRow("Flatten") << 12 << Shape::chw(2, 3, 4) << 1e-2 << 0.0f << false;
    QTest::newRow("MaxPool2D 3 stride 2") << 13 << Shape::chw(1, 7, 7) << 1e-3 << 0.0f << true;
}

void TestLayers::gradients() {
    QFETCH(int, typeIndex);
    QFETCH(Shape, in);
    QFETCH(double, step);
    QFETCH(float, minAbs);
    QFETCH(bool, spaced);
    LayerSpec s;
    switch (typeIndex) {
        case 0:
            s = simple(LayerType::Dense);
            s.units = 5;
            break;
        case 1:
            s = conv(3, 3, 1, Padding::Valid);
            break;
        case 2:
            s = conv(2, 3, 2, Padding::Same);
            break;
        case 3:
            s = conv(2, 4, 1, Padding::Same);
            break;
        case 4:
            s = simple(LayerType::MaxPool2D);
            s.poolSize = 2;
            s.stride = 2;
            break;
        case 5:
            s = simple(LayerType::AvgPool2D);
            s.poolSize = 2;
            s.stride = 2;
            break;
        case 6:
            s = simple(LayerType::ReLU);
            break;
        case 7:
            s = simple(LayerType::LeakyReLU);
            s.alpha = 0.1f;
            break;
        case 8:
            s = simple(LayerType::Sigmoid);
            break;
        case 9:
            s = simple(LayerType::Tanh);
            break;
        case 10:
            s = simple(LayerType::Softmax);
            break;
        case 11:
            s = simple(LayerType::Dropout);
            s.rate = 0.4f;
            break;
        case 12:
            s = simple(LayerType::Flatten);
            break;
        case 13:
            s = simple(LayerType::MaxPool2D);
            s.poolSize = 3;
            s.stride = 2;
            break;
    }
    auto layer = makeLayer(s);
    GradCheckOptions o;
    o.step = step;
    o.minAbsInput = minAbs;
    o.spacedInputs = spaced;
    const GradCheck r = checkLayer(*layer, in, o);
    QVERIFY(r.checked > 0);
    QVERIFY2(r.maxError < 2e-2, qPrintable(QString::fromStdString(r.worst)));
}

void TestLayers::convForwardMatchesDirectConvolution_data() {
    QTest::addColumn<int>("stride");
    QTest::addColumn<bool>("same");
    QTest::addColumn<int>("kernel");
    QTest::newRow("valid stride 1 k3") << 1 << false << 3;
    QTest::newRow("same stride 1 k3") << 1 << true << 3;
    QTest::newRow("same stride 2 k3") << 2 << true << 3;
    QTest::newRow("valid stride 2 k2") << 2 << false << 2;
    QTest::newRow("same stride 1 k5") << 1 << true << 5;
}

void TestLayers::convForwardMatchesDirectConvolution() {
    QFETCH(int, stride);
    QFETCH(bool, same);
    QFETCH(int, kernel);
    const int C = 2, H = 7, W = 6, F = 3, n = 2;
    Conv2D c(F, kernel, stride, same ? Padding::Same : Padding::Valid);
    const Shape out = c.configure(Shape::chw(C, H, W));
    const int Ho = out.h(), Wo = out.w();
    if (same) {
        QCOMPARE(Ho, (H + stride - 1) / stride);
        QCOMPARE(Wo, (W + stride - 1) / stride);
    } else {
        QCOMPARE(Ho, (H - kernel) / stride + 1);
    }
    std::vector<float> p(c.paramCount()), g(c.paramCount());
    c.bind(p.data());
    std::mt19937 rng(3);
    std::uniform_real_distribution<float> u(-1, 1);
    for (float& x : p) x = u(rng);
    c.reserve(n, 1);
    std::vector<float> in(n * C * H * W), y(n * out.size());
    for (float& x : in) x = u(rng);
    c.forward(in.data(), y.data(), 0, n, 0, false);
    const int padT = same ? std::max((Ho - 1) * stride + kernel - H, 0) / 2 : 0;
    const int padL = same ? std::max((Wo - 1) * stride + kernel - W, 0) / 2 : 0;
    for (int s = 0; s < n; ++s)
        for (int f = 0; f < F; ++f)
            for (int oy = 0; oy < Ho; ++oy)
                for (int ox = 0; ox < Wo; ++ox) {
                    double acc = p[F * C * kernel * kernel + f];
                    for (int ch = 0; ch < C; ++ch)
                        for (int ky = 0; ky < kernel; ++ky)
                            for (int kx = 0; kx < kernel; ++kx) {
                                const int iy = oy * stride - padT + ky, ix = ox * stride - padL + kx;
                                if (iy < 0 || iy >= H || ix < 0 || ix >= W) continue;
                                acc += double(p[((f * C + ch) * kernel + ky) * kernel + kx]) *
                                       in[((s * C + ch) * H + iy) * W + ix];
                            }
                    const float got = y[((s * F + f) * Ho + oy) * Wo + ox];
                    QVERIFY2(std::abs(got - acc) < 1e-4, qPrintable(QString("s%1 f%2 y%3 x%4: %5 vs %6")
                                                                        .arg(s)
                                                                        .arg(f)
                                                                        .arg(oy)
                                                                        .arg(ox)
                                                                        .arg(got)
                                                                        .arg(acc)));
                }
}

void TestLayers::denseForwardIsAffine() {
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

void TestLayers::maxPoolPicksWindowMaximum() {
    Pool2D p(true, 2, 2);
    QCOMPARE(p.configure(Shape::chw(1, 4, 4)), Shape::chw(1, 2, 2));
    p.reserve(1, 1);
    std::vector<float> in = {1, 2, 3, 4, 5, 6, 7, 8, -1, -2, -3, -4, -5, -6, 0, -8}, out(4), dIn(16);
    p.forward(in.data(), out.data(), 0, 1, 0, true);
    QCOMPARE(out, (std::vector<float>{6, 8, -1, 0}));
    std::vector<float> dOut = {1, 2, 3, 4};
    p.backward(in.data(), out.data(), dOut.data(), dIn.data(), GradMode::Overwrite, nullptr, 0, 1, 0);
    QCOMPARE(dIn[5], 1.0f);
    QCOMPARE(dIn[7], 2.0f);
    QCOMPARE(dIn[8], 3.0f);
    QCOMPARE(dIn[14], 4.0f);
    QCOMPARE(std::accumulate(dIn.begin(), dIn.end(), 0.0f), 10.0f);
}

void TestLayers::avgPoolAverages() {
    Pool2D p(false, 2, 2);
    p.configure(Shape::chw(1, 2, 4));
    p.reserve(1, 1);
    std::vector<float> in = {1, 2, 3, 4, 5, 6, 7, 8}, out(2);
    p.forward(in.data(), out.data(), 0, 1, 0, false);
    QCOMPARE(out[0], (1 + 2 + 5 + 6) / 4.0f);
    QCOMPARE(out[1], (3 + 4 + 7 + 8) / 4.0f);
}

void TestLayers::softmaxRowsSumToOne() {
    Softmax s;
    s.configure(Shape::flat(4));
    s.reserve(2, 2);
    std::vector<float> in = {1000, 1001, 1002, 1003, -5, 0, 5, 10}, out(8);
    s.forward(in.data(), out.data(), 0, 2, 0, false);
    for (int r = 0; r < 2; ++r) {
        float sum = 0;
        for (int j = 0; j < 4; ++j) {
            QVERIFY(std::isfinite(out[r * 4 + j]));
            sum += out[r * 4 + j];
        }
        QVERIFY(std::abs(sum - 1) < 1e-5);
    }
    QVERIFY(std::abs(out[3] - std::exp(3.0) / (1 + std::exp(1.0) + std::exp(2.0) + std::exp(3.0))) < 1e-5);
}

void TestLayers::dropoutKeepsExpectedFraction() {
    Dropout d(0.3f);
    d.configure(Shape::flat(1000));
    d.reserve(10, 2);
    d.setStepSeed(7);
    std::vector<float> in(10000, 1.0f), out(10000);
    d.forward(in.data(), out.data(), 0, 10, 0, true);
    int kept = 0;
    for (float v : out) {
        QVERIFY(v == 0.0f || std::abs(v - 1 / 0.7f) < 1e-6);
        kept += v != 0.0f;
    }
    QVERIFY2(std::abs(kept / 10000.0 - 0.7) < 0.02, qPrintable(QString::number(kept)));
    // Another step seed drops other units.
    std::vector<float> out2(10000);
    d.setStepSeed(8);
    d.forward(in.data(), out2.data(), 0, 10, 0, true);
    QVERIFY(out != out2);
}

void TestLayers::dropoutIsIdentityAtInference() {
    Dropout d(0.5f);
    d.configure(Shape::flat(5));
    d.reserve(1, 1);
    std::vector<float> in = {1, 2, 3, 4, 5}, out(5);
    d.forward(in.data(), out.data(), 0, 1, 0, false);
    QCOMPARE(out, in);
}

void TestLayers::impossibleShapesAreRejected() {
    QVERIFY_THROWS_EXCEPTION(SpecError, Dense(3).configure(Shape::chw(1, 4, 4)));
    QVERIFY_THROWS_EXCEPTION(SpecError, Conv2D(3, 3, 1, Padding::Valid).configure(Shape::flat(10)));
    QVERIFY_THROWS_EXCEPTION(SpecError, Conv2D(3, 5, 1, Padding::Valid).configure(Shape::chw(1, 4, 4)));
    QVERIFY_THROWS_EXCEPTION(SpecError, Pool2D(true, 3, 3).configure(Shape::chw(1, 2, 2)));
    QVERIFY_THROWS_EXCEPTION(SpecError, Softmax().configure(Shape::chw(1, 2, 2)));
    QVERIFY_THROWS_EXCEPTION(SpecError, Dropout(1.0f).configure(Shape::flat(3)));
}

QTEST_APPLESS_MAIN(TestLayers)
#include "tst_layers.moc"
