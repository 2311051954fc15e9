#include "core/layers/conv2d.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstring>

#include "core/errors.h"
#include "core/kernels/gemm.h"
#include "core/kernels/row_copy.h"
#include "core/kernels/thin_product.h"
#include "core/layers/eigen_maps.h"

namespace layerlab {

Shape Conv2D::configure(const Shape& in) {
    if (!in.isSpatial())
        throw SpecError("needs a channels x height x width input but gets " + in.toString() +
                        ": move it before Flatten");
    if (m_filters <= 0 || m_k <= 0 || m_stride <= 0)
        throw SpecError("filters, kernel and stride must be at least 1");
    m_c = in.c();
    m_h = in.h();
    m_w = in.w();
    if (m_padding == Padding::Valid) {
        if (m_k > m_h || m_k > m_w)
            throw SpecError("kernel " + std::to_string(m_k) + "x" + std::to_string(m_k) +
                            " does not fit its " + in.toString() +
                            " input: use a smaller kernel, 'same' padding, or less pooling before it");
        m_ho = (m_h - m_k) / m_stride + 1;
        m_wo = (m_w - m_k) / m_stride + 1;
        m_padTop = m_padLeft = 0;
    } else {
        m_ho = (m_h + m_stride - 1) / m_stride;
        m_wo = (m_w + m_stride - 1) / m_stride;
        m_padTop = std::max((m_ho - 1) * m_stride + m_k - m_h, 0) / 2;
        m_padLeft = std::max((m_wo - 1) * m_stride + m_k - m_w, 0) / 2;
    }
    m_ckk = m_c * m_k * m_k;
    m_p = m_ho * m_wo;
    m_hc = m_ho;
    m_wc = m_wo;
    m_in = in;
    m_out = Shape::chw(m_filters, m_ho, m_wo);
    return m_out;
}

void Conv2D::bind(float* params) {
    m_wt = params;
    m_b = params + weightCount();
}

void Conv2D::initParams(std::mt19937_64& rng, const InitChoice& init) {
    initWeights(m_wt, weightCount(), m_ckk, double(m_filters) * m_k * m_k, init, rng);
    std::fill(m_b, m_b + m_filters, 0.0f);
}

void Conv2D::setCrop(int hc, int wc) {
    assert(m_cols.empty() && "Conv2D::setCrop before reserve(): reserve sizes the packed outputs");
    m_hc = std::clamp(hc, 1, m_ho);
    m_wc = std::clamp(wc, 1, m_wo);
}

void Conv2D::reserve(int, int chunks) {
    m_cols.assign((size_t)chunks * m_ckk * m_p, 0.0f);
    m_dcols.assign((size_t)chunks * m_ckk * m_p, 0.0f);
    m_packed.assign((size_t)chunks * packedSize(), 0.0f);
    if (cropped()) indexBorder();
}

// img: C x H x W -> col: (C K K) x P, row (c,kh,kw) holds the input pixel under that kernel tap for each
// output.
// With stride 1, input row iy = oy - padTop + kh, so output row oy of tap (c,kh,kw) is output row oy + 1 of
// tap (c,kh-1,kw): that row, K rows of col above (in L1), shifted by one output row, is one long copy, and
// only its last output row is gathered from the image.
void Conv2D::im2col(const float* img, float* col, int ho, int wo) const {
    const long long p = (long long)ho * wo;
    for (int c = 0; c < m_c; ++c)
        for (int kh = 0; kh < m_k; ++kh)
            for (int kw = 0; kw < m_k; ++kw) {
                float* row = col + ((long long)(c * m_k + kh) * m_k + kw) * p;
                const float* plane = img + (long long)c * m_h * m_w;
                // stride 1: ix = ox - padLeft + kw, so the valid ox range [lo, hi) is contiguous in the input
                const int off = kw - m_padLeft;
                const int lo = std::clamp(-off, 0, wo), hi = std::clamp(m_w - off, lo, wo);
                int oy = 0;
                if (m_stride == 1 && kh > 0) {
                    std::memcpy(row, row - m_k * p + wo, sizeof(float) * (p - wo));
                    oy = ho - 1;
                }
                for (; oy < ho; ++oy) {
                    const int iy = oy * m_stride - m_padTop + kh;
                    float* dst = row + oy * wo;
                    if (iy < 0 || iy >= m_h) {
                        std::fill(dst, dst + wo, 0.0f);
                        continue;
                    }
                    const float* src = plane + (long long)iy * m_w;
                    if (m_stride == 1) {
                        std::fill(dst, dst + lo, 0.0f);
                        copyRow(dst + lo, src + lo + off, hi - lo);
                        std::fill(dst + hi, dst + wo, 0.0f);
                    } else {
                        for (int ox = 0; ox < wo; ++ox) {
                            const int ix = ox * m_stride - m_padLeft + kw;
                            dst[ox] = (ix >= 0 && ix < m_w) ? src[ix] : 0.0f;
                        }
                    }
                }
            }
}

namespace {
// d[0, n) += s[0, n): 8-float blocks, then a scalar tail (an overlapping block would add twice).
inline void addRow(float* __restrict d, const float* __restrict s, int n) {
    int i = 0;
    for (; i + 8 <= n; i += 8)
        for (int j = 0; j < 8; ++j) d[i + j] += s[i + j];
    for (; i < n; ++i) d[i] += s[i];
}
// The top-left rows x cols of each of `planes` planes, from src (planes of srcRows x srcCols) to dst (planes
// of dstRows x dstCols): the used outputs between the F x Ho x Wo output and the packed F x hc x wc block.
void copyPlanes(float* dst, int dstRows, int dstCols, const float* src, int srcRows, int srcCols, int planes,
                int rows, int cols) {
    for (int f = 0; f < planes; ++f)
        for (int r = 0; r < rows; ++r)
            copyRow(dst + ((long long)f * dstRows + r) * dstCols,
                    src + ((long long)f * srcRows + r) * srcCols, cols);
}
}  // namespace

// Adjoint of im2col: accumulates each column entry back onto the pixel it came from. img must be zeroed.
// Each pixel adds its taps in (kh, kw) order.
void Conv2D::col2im(const float* col, float* img, int ho, int wo) const {
    const long long p = (long long)ho * wo;
    for (int c = 0; c < m_c; ++c)
        for (int kh = 0; kh < m_k; ++kh)
            for (int kw = 0; kw < m_k; ++kw) {
                const float* row = col + ((long long)(c * m_k + kh) * m_k + kw) * p;
                float* plane = img + (long long)c * m_h * m_w;
                const int off = kw - m_padLeft;  // stride 1, as in im2col
                const int lo = std::clamp(-off, 0, wo), hi = std::clamp(m_w - off, lo, wo);
                if (m_stride == 1) {
                    // iy = oy - padTop + kh within [0, H)
                    const int oyLo = std::clamp(m_padTop - kh, 0, ho);
                    const int oyHi = std::clamp(m_h + m_padTop - kh, oyLo, ho);
                    float* dst = plane + (long long)(oyLo - m_padTop + kh) * m_w + off + lo;
                    const float* src = row + (long long)oyLo * wo + lo;
                    for (int oy = oyLo; oy < oyHi; ++oy, dst += m_w, src += wo) addRow(dst, src, hi - lo);
                    continue;
                }
                for (int oy = 0; oy < ho; ++oy) {
                    const int iy = oy * m_stride - m_padTop + kh;
                    if (iy < 0 || iy >= m_h) continue;
                    const float* src = row + oy * wo;
                    float* dst = plane + (long long)iy * m_w;
                    for (int ox = 0; ox < wo; ++ox) {
                        const int ix = ox * m_stride - m_padLeft + kw;
                        if (ix >= 0 && ix < m_w) dst[ix] += src[ox];
                    }
                }
            }
}

// y (F x p) = W col + b, col CKK x p. A short patch (CKK up to kThinDepth: a first layer) by thinProduct,
// which sums in registers from the bias; else the GEMM, accumulating onto the bias (no separate zeroing).
void Conv2D::product(const float* col, int p, float* y) const {
    if (m_ckk <= kThinDepth) {
        thinProduct(m_filters, p, m_ckk, m_wt, m_b, col, y);
        return;
    }
    MapRow(y, m_filters, p).colwise() = CMapVec(m_b, m_filters);
    gemm(m_filters, p, m_ckk, m_wt, Order::RowMajor, col, Order::RowMajor, y, Order::RowMajor, true);
}

// dW += dY col^T, db += dY's row sums (dY F x p, col CKK x p), by the same choice as product().
void Conv2D::addParamGradient(const float* dY, const float* col, int p, float* dParams) const {
    float* dB = dParams + weightCount();
    if (m_ckk <= kThinDepth) {
        thinProductGradient(m_filters, p, m_ckk, dY, col, dParams, dB);
        return;
    }
    gemm(m_filters, m_ckk, p, dY, Order::RowMajor, col, Order::ColMajor, dParams, Order::RowMajor, true);
    MapVec(dB, m_filters) += CMapRow(dY, m_filters, p).rowwise().sum();
}

// The outputs outside the crop, in the order borderPatches and placeBorder use: rows [0, hc) from column wc
// on, then rows [hc, Ho) whole. Patch row (c, kh, kw) of border output j reads input value
// m_borderIndex[(c K + kh) K + kw) pb + j] of its sample (-1: the padding, 0).
void Conv2D::indexBorder() {
    const int pb = borderSize();
    m_borderIndex.assign((std::size_t)m_ckk * pb, -1);
    for (int c = 0; c < m_c; ++c)
        for (int kh = 0; kh < m_k; ++kh)
            for (int kw = 0; kw < m_k; ++kw) {
                int* row = m_borderIndex.data() + (std::size_t)((c * m_k + kh) * m_k + kw) * pb;
                for (int oy = 0, j = 0; oy < m_ho; ++oy) {
                    const int iy = oy * m_stride - m_padTop + kh;
                    for (int ox = oy < m_hc ? m_wc : 0; ox < m_wo; ++ox, ++j) {
                        const int ix = ox * m_stride - m_padLeft + kw;
                        if (iy >= 0 && iy < m_h && ix >= 0 && ix < m_w) row[j] = (c * m_h + iy) * m_w + ix;
                    }
                }
            }
}

// img -> the border's patches, CKK rows of pb values at col, col + ld, ...
void Conv2D::borderPatches(const float* img, float* col, int ld) const {
    const int pb = borderSize();
    const int* index = m_borderIndex.data();
    for (int r = 0; r < m_ckk; ++r, col += ld, index += pb)
        for (int j = 0; j < pb; ++j) col[j] = index[j] >= 0 ? img[index[j]] : 0.0f;
}

// The border's outputs (F rows of pb values at border, border + ld, ...) to their places in y (F x Ho x Wo).
void Conv2D::placeBorder(const float* border, int ld, float* y) const {
    for (int f = 0; f < m_filters; ++f, border += ld) {
        const float* src = border;
        float* plane = y + (long long)f * m_p;
        for (int oy = 0; oy < m_ho; ++oy)
            for (int ox = oy < m_hc ? m_wc : 0; ox < m_wo; ++ox) plane[oy * m_wo + ox] = *src++;
    }
}

// per sample: col = im2col(x) (CKK x P); y = W col + b (F x P)
// With a crop: the used outputs Y' (F x P', P' = hc wc) = W col' + b, then to their places in y. While the
// border is wanted, its outputs likewise, by products over the border's positions of as many samples as
// fit the patch buffer (P / pb). (The whole product would sum the used outputs in another order in some
// columns: their bits must not depend on whether the border is wanted.)
void Conv2D::forward(const float* in, float* out, int, int n, int chunk, bool) {
    const long long inSize = m_in.size(), outSize = m_out.size(), colSize = (long long)m_ckk * m_p;
    const int pc = m_hc * m_wc;
    float* col = m_cols.data() + chunk * colSize;
    float* packed = m_packed.data() + chunk * packedSize();
    for (int s = 0; s < n; ++s) {
        float* y = out + s * outSize;
        if (!cropped()) {
            im2col(in + s * inSize, col, m_ho, m_wo);
            product(col, m_p, y);
            continue;
        }
        im2col(in + s * inSize, col, m_hc, m_wc);
        product(col, pc, packed);
        copyPlanes(y, m_ho, m_wo, packed, m_hc, m_wc, m_filters, m_hc, m_wc);
    }
    if (!cropped() || !m_border) return;
    const int pb = borderSize(), group = std::max(1, m_p / pb);
    for (int s0 = 0; s0 < n; s0 += group) {
        const int g = std::min(group, n - s0), ld = g * pb;
        for (int j = 0; j < g; ++j) borderPatches(in + (s0 + j) * inSize, col + j * pb, ld);
        product(col, ld, packed);
        for (int j = 0; j < g; ++j) placeBorder(packed + j * pb, ld, out + (s0 + j) * outSize);
    }
}

// dW += sum_s dY_s col_s^T ; db += sum_s rowsum(dY_s) ; dx_s = col2im(W^T dY_s) (col2im adds, so Add mode
// only skips the zeroing). col^T (P x CKK) is col's row-major memory read column-major, W^T likewise.
// Frozen (dParams null): no im2col and no dW GEMM, only dx.
// With a crop, the same over the used outputs (P' positions, their gradient gathered from dOut: the others'
// is 0).
void Conv2D::backward(const float* in, const float*, const float* dOut, float* dIn, GradMode mode,
                      float* dParams, int, int n, int chunk) {
    const long long inSize = m_in.size(), outSize = m_out.size(), colSize = (long long)m_ckk * m_p;
    float* col = m_cols.data() + chunk * colSize;
    float* dcol = m_dcols.data() + chunk * colSize;
    const int p = m_hc * m_wc;
    for (int s = 0; s < n; ++s) {
        const float* dY = dOut + s * outSize;
        if (cropped()) {
            float* packed = m_packed.data() + chunk * packedSize();
            copyPlanes(packed, m_hc, m_wc, dY, m_ho, m_wo, m_filters, m_hc, m_wc);
            dY = packed;
        }
        if (dParams) {
            im2col(in + s * inSize, col, m_hc, m_wc);
            addParamGradient(dY, col, p, dParams);
        }
        if (dIn) {
            gemm(m_ckk, p, m_filters, m_wt, Order::ColMajor, dY, Order::RowMajor, dcol, Order::RowMajor,
                 false);
            float* dx = dIn + s * inSize;
            if (mode == GradMode::Overwrite) std::fill(dx, dx + inSize, 0.0f);
            col2im(dcol, dx, m_hc, m_wc);
        }
    }
}

}  // namespace layerlab
