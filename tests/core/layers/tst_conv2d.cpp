// core/layers/conv2d: gradients against the numerical checker (valid and same padding, stride 2, an even
// kernel), the forward pass against a direct convolution (also cropped, with its border), the small-depth
// products a short patch uses (core/kernels/thin_product) against a double-precision reference, and
// impossible shapes refused.
#include <QtTest>

#include <cmath>
#include <numeric>
#include <random>
#include <vector>

#include "core/errors.h"
#include "core/kernels/thin_product.h"
#include "core/layer.h"
#include "core/layers/conv2d.h"
#include "tests/support/layer_cases.h"

using namespace layerlab;
using namespace layerlab::test;

class TestConv2D : public QObject {
    Q_OBJECT
private slots:
    void gradients();
    void convForwardMatchesDirectConvolution_data();
    void convForwardMatchesDirectConvolution();
    void thinProductsMatchReference_data();
    void thinProductsMatchReference();
    void impossibleShapes();
};

void TestConv2D::gradients() {
    checkGradients({
        {"Conv2D valid 3x3", convLayer(3, 3, 1, Padding::Valid), Shape::chw(2, 6, 5)},
        {"Conv2D same 3x3 stride 2", convLayer(2, 3, 2, Padding::Same), Shape::chw(3, 7, 6)},
        {"Conv2D same 4x4 (even kernel)", convLayer(2, 4, 1, Padding::Same), Shape::chw(1, 6, 6)},
        // rows of 8 or more outputs: im2col's block copies (with the overlapping last block) and col2im's
        // contiguous add, with and without padding at the row ends
        {"Conv2D valid 3x3, rows of 11", convLayer(2, 3, 1, Padding::Valid), Shape::chw(2, 4, 13)},
        {"Conv2D same 3x3, rows of 19", convLayer(2, 3, 1, Padding::Same), Shape::chw(1, 3, 19)},
        {"Conv2D same 5x5, rows of 16", convLayer(2, 5, 1, Padding::Same), Shape::chw(2, 4, 16)},
        // a short patch (C K K = 9, up to kThinDepth): the small-depth products, with a block of 4 filters
        // and one left over, tiles of 24 and 8 outputs and a tail
        {"Conv2D valid 3x3, 5 filters on one channel", convLayer(5, 3, 1, Padding::Valid),
         Shape::chw(1, 5, 31)},
    });
}

void TestConv2D::convForwardMatchesDirectConvolution_data() {
    QTest::addColumn<int>("stride");
    QTest::addColumn<bool>("same");
    QTest::addColumn<int>("kernel");
    QTest::addColumn<int>("width");
    QTest::addColumn<int>("cropRows");  // setCrop's rows and columns fewer than the output's (0, 0: no crop)
    QTest::addColumn<int>("cropCols");
    QTest::newRow("valid stride 1 k3") << 1 << false << 3 << 6 << 0 << 0;
    QTest::newRow("same stride 1 k3") << 1 << true << 3 << 6 << 0 << 0;
    QTest::newRow("same stride 2 k3") << 2 << true << 3 << 6 << 0 << 0;
    QTest::newRow("valid stride 2 k2") << 2 << false << 2 << 6 << 0 << 0;
    QTest::newRow("same stride 1 k5") << 1 << true << 5 << 6 << 0 << 0;
    QTest::newRow("valid stride 1 k3, rows of 11") << 1 << false << 3 << 13 << 0 << 0;
    QTest::newRow("same stride 1 k5, rows of 13") << 1 << true << 5 << 13 << 0 << 0;
    // cropped (the last row and column unread, as before a 2x2 pool of an odd size), the border computed
    QTest::newRow("valid stride 1 k3, cropped") << 1 << false << 3 << 6 << 1 << 1;
    QTest::newRow("same stride 2 k3, cropped") << 2 << true << 3 << 6 << 1 << 1;
    QTest::newRow("valid stride 1 k3, rows of 11, last row cropped") << 1 << false << 3 << 13 << 1 << 0;
    // 3 x 2 outputs, 2 x 1 used: the border (4 outputs) is larger than the crop
    QTest::newRow("valid stride 1 k5, border larger than the crop") << 1 << false << 5 << 6 << 1 << 1;
}

void TestConv2D::convForwardMatchesDirectConvolution() {
    QFETCH(int, stride);
    QFETCH(bool, same);
    QFETCH(int, kernel);
    QFETCH(int, width);
    QFETCH(int, cropRows);
    QFETCH(int, cropCols);
    const int C = 2, H = 7, W = width, F = 3, n = 3;  // a cropped border: 2 samples a product, then 1
    Conv2D c(F, kernel, stride, same ? Padding::Same : Padding::Valid);
    const Shape out = c.configure(Shape::chw(C, H, W));
    const int Ho = out.h(), Wo = out.w();
    c.setCrop(Ho - cropRows, Wo - cropCols);
    QCOMPARE(c.cropped(), cropRows + cropCols > 0);
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
    if (c.cropped()) {  // without the border: the used outputs with the same bits
        std::vector<float> used(y.size(), 0.0f);
        c.setBorderWanted(false);
        c.forward(in.data(), used.data(), 0, n, 0, false);
        c.setBorderWanted(true);
        for (int s = 0; s < n; ++s)
            for (int f = 0; f < F; ++f)
                for (int oy = 0; oy < Ho - cropRows; ++oy)
                    for (int ox = 0; ox < Wo - cropCols; ++ox) {
                        const int at = ((s * F + f) * Ho + oy) * Wo + ox;
                        QCOMPARE(used[at], y[at]);
                    }
    }
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

void TestConv2D::thinProductsMatchReference_data() {
    QTest::addColumn<int>("m");
    QTest::addColumn<int>("n");
    QTest::addColumn<int>("k");
    QTest::newRow("seed CNN's first layer (32 x 676, k 9)") << 32 << 676 << 9;
    QTest::newRow("blocks of 4 rows and one more, tails") << 9 << 37 << 5;
    QTest::newRow("the deepest (k 32)") << 6 << 100 << kThinDepth;
    QTest::newRow("one output") << 1 << 1 << 1;
    QTest::newRow("fewer columns than a vector") << 4 << 7 << 3;
}

// Y = bias + A B against doubles, and dA += D B^T, dBias += D's row sums onto values already there (the
// gradients add a sample at a time).
void TestConv2D::thinProductsMatchReference() {
    QFETCH(int, m);
    QFETCH(int, n);
    QFETCH(int, k);
    std::mt19937 rng(11);
    std::uniform_real_distribution<float> u(-1, 1);
    auto random = [&](std::size_t size) {
        std::vector<float> v(size);
        for (float& x : v) x = u(rng);
        return v;
    };
    const std::vector<float> a = random(size_t(m) * k), bias = random(m), b = random(size_t(k) * n),
                             d = random(size_t(m) * n), dA0 = random(size_t(m) * k), dBias0 = random(m);
    std::vector<float> y(size_t(m) * n, 99.0f), dA = dA0, dBias = dBias0;
    thinProduct(m, n, k, a.data(), bias.data(), b.data(), y.data());
    thinProductGradient(m, n, k, d.data(), b.data(), dA.data(), dBias.data());
    const auto close = [](double got, double want) {
        return std::abs(got - want) <= 1e-5 * (1 + std::abs(want));
    };
    for (int r = 0; r < m; ++r) {
        for (int j = 0; j < n; ++j) {
            double want = bias[r];
            for (int t = 0; t < k; ++t) want += double(a[size_t(r) * k + t]) * b[size_t(t) * n + j];
            QVERIFY2(
                close(y[size_t(r) * n + j], want),
                qPrintable(
                    QString("Y[%1][%2]: %3, want %4").arg(r).arg(j).arg(y[size_t(r) * n + j]).arg(want)));
        }
        for (int t = 0; t < k; ++t) {
            double want = dA0[size_t(r) * k + t];
            for (int j = 0; j < n; ++j) want += double(d[size_t(r) * n + j]) * b[size_t(t) * n + j];
            QVERIFY2(
                close(dA[size_t(r) * k + t], want),
                qPrintable(
                    QString("dA[%1][%2]: %3, want %4").arg(r).arg(t).arg(dA[size_t(r) * k + t]).arg(want)));
        }
        double want = dBias0[r];
        for (int j = 0; j < n; ++j) want += d[size_t(r) * n + j];
        QVERIFY2(close(dBias[r], want),
                 qPrintable(QString("dBias[%1]: %2, want %3").arg(r).arg(dBias[r]).arg(want)));
    }
}

void TestConv2D::impossibleShapes() {
    QVERIFY_THROWS_EXCEPTION(SpecError, Conv2D(3, 3, 1, Padding::Valid).configure(Shape::flat(10)));
    QVERIFY_THROWS_EXCEPTION(SpecError, Conv2D(3, 5, 1, Padding::Valid).configure(Shape::chw(1, 4, 4)));
}

QTEST_APPLESS_MAIN(TestConv2D)
#include "tst_conv2d.moc"
