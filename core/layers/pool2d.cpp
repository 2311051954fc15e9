#include "core/layers/pool2d.h"

#include <algorithm>
#include <bit>
#include <cstring>

#ifdef __AVX2__
#include <immintrin.h>
#endif

#include "core/errors.h"
#include "core/kernels/row_copy.h"

namespace layerlab {

Shape Pool2D::configure(const Shape& in) {
    if (!in.isSpatial())
        throw SpecError(std::string("needs a channels x height x width input but gets ") + in.toString() +
                        ": move it before Flatten");
    if (m_size <= 0 || m_stride <= 0) throw SpecError("pool size and stride must be at least 1");
    if (m_size > in.h() || m_size > in.w())
        throw SpecError("window " + std::to_string(m_size) + "x" + std::to_string(m_size) +
                        " does not fit its " + in.toString() +
                        " input: use a smaller pool size or remove a pooling layer before it");
    m_in = in;
    m_out = Shape::chw(in.c(), (in.h() - m_size) / m_stride + 1, (in.w() - m_size) / m_stride + 1);
    return m_out;
}

namespace {
// The common 2x2 window with stride 2, in two passes so that the second is one long vectorised loop over all
// C Ho Wo windows (rows of 5-13 outputs would spend their time in scalar tails):
//   rows:    upper, lower (C x Ho x 2Wo) = the upper and the lower input row of each window row (an odd last
//            column or row has no window)
//   windows: x00, x01 = upper[2i], upper[2i+1]; x10, x11 = lower[2i], lower[2i+1];
//            y = max(max(x00, x10), max(x01, x11)), the same bits with and without taps;
//            tap = the first of the four inputs (row-major) equal to y.

// One window of the second pass (std::max(a, b) = a < b ? b : a). The tap: x00 == y only when x00 is the
// left column's maximum too; likewise x01; x10 when the left column's maximum is y.
inline void poolWindow(const float* upper, const float* lower, int i, float* y, std::uint8_t* tap) {
    const float left = std::max(upper[2 * i], lower[2 * i]),
                right = std::max(upper[2 * i + 1], lower[2 * i + 1]);
    const float m = std::max(left, right);
    y[i] = m;
    if (tap) tap[i] = upper[2 * i] == m ? 0 : upper[2 * i + 1] == m ? 1 : left == m ? 2 : 3;
}

#ifdef __AVX2__
// 16 consecutive floats (8 pairs) -> the 8 first and the 8 second elements of the pairs, in order.
inline void deinterleave(__m256 lo, __m256 hi, __m256& even, __m256& odd) {
    even = _mm256_castpd_ps(_mm256_permute4x64_pd(
        _mm256_castps_pd(_mm256_shuffle_ps(lo, hi, _MM_SHUFFLE(2, 0, 2, 0))), _MM_SHUFFLE(3, 1, 2, 0)));
    odd = _mm256_castpd_ps(_mm256_permute4x64_pd(
        _mm256_castps_pd(_mm256_shuffle_ps(lo, hi, _MM_SHUFFLE(3, 1, 3, 1))), _MM_SHUFFLE(3, 1, 2, 0)));
}

// The inverse: a and b (8 each) -> a0 b0 a1 b1 ... a7 b7 at dst[0, 16).
inline void interleaveStore(float* dst, __m256 a, __m256 b) {
    const __m256 lo = _mm256_unpacklo_ps(a, b), hi = _mm256_unpackhi_ps(a, b);  // per 128-bit lane
    _mm256_storeu_ps(dst, _mm256_permute2f128_ps(lo, hi, 0x20));
    _mm256_storeu_ps(dst + 8, _mm256_permute2f128_ps(lo, hi, 0x31));
}

// Windows [0, 8k) of the second pass, 8 at a time; returns where the scalar tail starts. The same bits as
// poolWindow: _mm256_max_ps(b, a) = b > a ? b : a = std::max(a, b), ties and NaN included.
int poolWindows8(const float* __restrict upper, const float* __restrict lower, int windows,
                 float* __restrict y, std::uint8_t* __restrict tap) {
    int i = 0;
    for (; i + 8 <= windows; i += 8) {
        __m256 x00, x01, x10, x11;
        deinterleave(_mm256_loadu_ps(upper + 2 * i), _mm256_loadu_ps(upper + 2 * i + 8), x00, x01);
        deinterleave(_mm256_loadu_ps(lower + 2 * i), _mm256_loadu_ps(lower + 2 * i + 8), x10, x11);
        const __m256 left = _mm256_max_ps(x10, x00), right = _mm256_max_ps(x11, x01);
        const __m256 m = _mm256_max_ps(right, left);
        _mm256_storeu_ps(y + i, m);
        if (!tap) continue;
        // 3, then 2 where the left column gave it, 1 where x01 did, 0 where x00 did (the highest priority
        // last)
        __m256 t = _mm256_castsi256_ps(_mm256_set1_epi32(3));
        t = _mm256_blendv_ps(t, _mm256_castsi256_ps(_mm256_set1_epi32(2)),
                             _mm256_cmp_ps(left, m, _CMP_EQ_OQ));
        t = _mm256_blendv_ps(t, _mm256_castsi256_ps(_mm256_set1_epi32(1)), _mm256_cmp_ps(x01, m, _CMP_EQ_OQ));
        t = _mm256_blendv_ps(t, _mm256_setzero_ps(), _mm256_cmp_ps(x00, m, _CMP_EQ_OQ));
        const __m256i zero = _mm256_setzero_si256();
        const __m256i t16 = _mm256_packs_epi32(_mm256_castps_si256(t), zero);  // per lane: 4 int16, 4 zeros
        const __m256i t8 = _mm256_packus_epi16(t16, zero);                     // per lane: 4 bytes first
        const std::uint32_t a = std::uint32_t(_mm_cvtsi128_si32(_mm256_castsi256_si128(t8)));
        const std::uint32_t b = std::uint32_t(_mm_cvtsi128_si32(_mm256_extracti128_si256(t8, 1)));
        std::memcpy(tap + i, &a, 4);
        std::memcpy(tap + i + 4, &b, 4);
    }
    return i;
}
#endif

void maxPool2x2(const float* __restrict x, float* __restrict y, std::uint8_t* __restrict tap, int C, int H,
                int W, int Ho, int Wo, float* __restrict upper, float* __restrict lower) {
    const int w2 = 2 * Wo;
    for (int c = 0; c < C; ++c)
        for (int oy = 0; oy < Ho; ++oy) {
            const float* x0 = x + (c * H + 2 * oy) * W;
            const long long r = (long long)(c * Ho + oy) * w2;
            copyRow(upper + r, x0, w2);
            copyRow(lower + r, x0 + W, w2);
        }
    const int windows = C * Ho * Wo;
    int i = 0;
#ifdef __AVX2__
    i = poolWindows8(upper, lower, windows, y, tap);
#endif
    for (; i < windows; ++i) poolWindow(upper, lower, i, y, tap);
}

// Backward of maxPool2x2, one row pair at a time: x (C x H x W), y and dy (C x Ho x Wo) -> dx, each window's
// gradient on its first input (row-major order) equal to the output, 0 on the other three. Branch-free and
// on restrict pointers, so that the compiler vectorises it (stride-2 loads).
void maxPool2x2Backward(const float* __restrict x, const float* __restrict y, const float* __restrict dy,
                        float* __restrict dx, int C, int H, int W, int Ho, int Wo) {
    for (int c = 0; c < C; ++c)
        for (int oy = 0; oy < Ho; ++oy) {
            const float* x0 = x + (c * H + 2 * oy) * W;
            const float* x1 = x0 + W;
            float* d0 = dx + (c * H + 2 * oy) * W;
            float* d1 = d0 + W;
            const float* yr = y + (c * Ho + oy) * Wo;
            const float* gr = dy + (c * Ho + oy) * Wo;
            for (int ox = 0; ox < Wo; ++ox) {
                const float m = yr[ox], g = gr[ox];
                const bool ta = x0[2 * ox] == m, tb = !ta && x0[2 * ox + 1] == m;
                const bool tc = !ta && !tb && x1[2 * ox] == m, td = !ta && !tb && !tc;
                d0[2 * ox] = ta ? g : 0.0f;
                d0[2 * ox + 1] = tb ? g : 0.0f;
                d1[2 * ox] = tc ? g : 0.0f;
                d1[2 * ox + 1] = td ? g : 0.0f;
            }
        }
}

// Backward from the kept taps, 2x2 windows with stride 2 (they tile the input): every window writes all four
// of its inputs, g on its tap and 0 elsewhere (an odd last column or row gets 0); with `relu` (the ReLU's
// derivative before the pool) g only where the window's output y > 0. dy, tap (and y): C x Ho x Wo -> dx: C x
// H x W. Two passes, as forward:
//   windows: upper (C x Ho x 2Wo) = g or 0 for x00, x01 of every window at once, lower = for x10, x11;
//   rows:    each row pair of dx from upper and lower.
// g's bits where the tap is and +0 elsewhere, as masks (no branches on random taps).
template <bool relu>
void maxPool2x2BackwardTaps(const float* __restrict y, const float* __restrict dy,
                            const std::uint8_t* __restrict tap, float* __restrict dx, int C, int H, int W,
                            int Ho, int Wo, float* __restrict upper, float* __restrict lower) {
    const int windows = C * Ho * Wo;
    int i = 0;
#ifdef __AVX2__
    for (; i + 8 <= windows; i += 8) {
        __m256 g = _mm256_loadu_ps(dy + i);
        if constexpr (relu)
            g = _mm256_and_ps(g, _mm256_cmp_ps(_mm256_loadu_ps(y + i), _mm256_setzero_ps(), _CMP_GT_OQ));
        const __m256i t = _mm256_cvtepu8_epi32(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(tap + i)));
        const auto on = [&](int k) {
            return _mm256_and_ps(g, _mm256_castsi256_ps(_mm256_cmpeq_epi32(t, _mm256_set1_epi32(k))));
        };
        interleaveStore(upper + 2 * i, on(0), on(1));
        interleaveStore(lower + 2 * i, on(2), on(3));
    }
#endif
    for (; i < windows; ++i) {
        std::uint32_t g = std::bit_cast<std::uint32_t>(dy[i]);
        if constexpr (relu) g &= -std::uint32_t(y[i] > 0.0f);
        const std::uint32_t t = tap[i];
        upper[2 * i] = std::bit_cast<float>(g & -std::uint32_t(t == 0));
        upper[2 * i + 1] = std::bit_cast<float>(g & -std::uint32_t(t == 1));
        lower[2 * i] = std::bit_cast<float>(g & -std::uint32_t(t == 2));
        lower[2 * i + 1] = std::bit_cast<float>(g & -std::uint32_t(t == 3));
    }
    // An odd last column or row belongs to no window: 0.
    const int w2 = 2 * Wo;
    for (int c = 0; c < C; ++c) {
        for (int oy = 0; oy < Ho; ++oy) {
            float* d0 = dx + (c * H + 2 * oy) * W;
            const long long r = (long long)(c * Ho + oy) * w2;
            copyRow(d0, upper + r, w2);
            copyRow(d0 + W, lower + r, w2);
            for (int j = w2; j < W; ++j) d0[j] = d0[W + j] = 0.0f;
        }
        if (H > 2 * Ho) std::fill(dx + (c * H + 2 * Ho) * W, dx + (c + 1) * H * W, 0.0f);
    }
}
}  // namespace

bool Pool2D::backwardAfterRelu(const float* out, const float* dOut, float* dIn, int first, int n, int chunk) {
    if (!keepsArgmax() || first + n > (long long)m_hasArgmax.size()) return false;
    for (int s = 0; s < n; ++s)
        if (!m_hasArgmax[first + s]) return false;
    const int C = m_in.c(), H = m_in.h(), W = m_in.w(), Ho = m_out.h(), Wo = m_out.w();
    const long long inSize = m_in.size(), outSize = m_out.size();
    for (int s = 0; s < n; ++s) {
        const float* y = out + s * outSize;
        const float* dy = dOut + s * outSize;
        const std::uint8_t* tap = m_argmax.data() + (first + s) * outSize;
        float* dx = dIn + s * inSize;
        if (m_size == 2 && m_stride == 2 && hasRows(chunk)) {
            float* upper = m_rows.data() + chunk * 2 * rowsSize();
            maxPool2x2BackwardTaps<true>(y, dy, tap, dx, C, H, W, Ho, Wo, upper, upper + rowsSize());
            continue;
        }
        std::fill(dx, dx + inSize, 0.0f);
        for (int c = 0; c < C; ++c)
            for (int oy = 0; oy < Ho; ++oy)
                for (int ox = 0; ox < Wo; ++ox) {
                    const int o = (c * Ho + oy) * Wo + ox, t = tap[o];
                    if (y[o] > 0.0f)
                        dx[(c * H + oy * m_stride + t / m_size) * W + ox * m_stride + t % m_size] += dy[o];
                }
    }
    return true;
}

void Pool2D::reserve(int maxBatch, int chunks) {
    if (m_max && m_size == 2 && m_stride == 2) {
        m_rows.assign((size_t)chunks * 2 * rowsSize(), 0.0f);
    }
    if (!keepsArgmax()) return;
    m_argmax.assign((size_t)maxBatch * m_out.size(), 0);
    m_hasArgmax.assign(maxBatch, 0);
}

void Pool2D::forward(const float* in, float* out, int first, int n, int chunk, bool training) {
    const int C = m_in.c(), H = m_in.h(), W = m_in.w(), Ho = m_out.h(), Wo = m_out.w();
    const long long inSize = m_in.size(), outSize = m_out.size();
    const float inv = 1.0f / float(m_size * m_size);
    const bool keep = training && keepsArgmax() && first + n <= (long long)m_hasArgmax.size();
    for (int s = 0; s < n; ++s) {
        const float* x = in + s * inSize;
        float* y = out + s * outSize;
        if (first + s < (long long)m_hasArgmax.size()) m_hasArgmax[first + s] = keep;
        std::uint8_t* tap = keep ? m_argmax.data() + (first + s) * outSize : nullptr;
        if (m_max && m_size == 2 && m_stride == 2 && hasRows(chunk)) {
            float* upper = m_rows.data() + chunk * 2 * rowsSize();
            maxPool2x2(x, y, tap, C, H, W, Ho, Wo, upper, upper + rowsSize());
            continue;
        }
        for (int c = 0; c < C; ++c)
            for (int oy = 0; oy < Ho; ++oy)
                for (int ox = 0; ox < Wo; ++ox) {
                    const float* win = x + (c * H + oy * m_stride) * W + ox * m_stride;
                    float acc = m_max ? win[0] : 0.0f;
                    for (int ky = 0; ky < m_size; ++ky)
                        for (int kx = 0; kx < m_size; ++kx)
                            acc = m_max ? std::max(acc, win[ky * W + kx]) : acc + win[ky * W + kx];
                    const int o = (c * Ho + oy) * Wo + ox;
                    y[o] = m_max ? acc : acc * inv;
                    if (tap) {
                        // the first tap equal to the maximum, as backward's search finds it
                        int t = 0;
                        while (t + 1 < m_size * m_size && win[(t / m_size) * W + t % m_size] != acc) ++t;
                        tap[o] = std::uint8_t(t);
                    }
                }
    }
}

// max: the gradient goes to the first input of the window equal to the output (the one forward picked);
// avg: spread evenly over the window.
void Pool2D::backward(const float* in, const float* out, const float* dOut, float* dIn, GradMode mode, float*,
                      int first, int n, int chunk) {
    if (!dIn) return;
    const int C = m_in.c(), H = m_in.h(), W = m_in.w(), Ho = m_out.h(), Wo = m_out.w();
    const long long inSize = m_in.size(), outSize = m_out.size();
    const float inv = 1.0f / float(m_size * m_size);
    for (int s = 0; s < n; ++s) {
        const float* x = in + s * inSize;
        const float* y = out + s * outSize;
        float* dx = dIn + s * inSize;
        const float* dy = dOut + s * outSize;
        if (first + s < (long long)m_hasArgmax.size() && m_hasArgmax[first + s]) {
            const std::uint8_t* tap = m_argmax.data() + (first + s) * outSize;
            if (m_size == 2 && m_stride == 2 && mode == GradMode::Overwrite && hasRows(chunk)) {
                float* upper = m_rows.data() + chunk * 2 * rowsSize();
                maxPool2x2BackwardTaps<false>(y, dy, tap, dx, C, H, W, Ho, Wo, upper, upper + rowsSize());
                continue;
            }
            if (mode == GradMode::Overwrite) std::fill(dx, dx + inSize, 0.0f);
            for (int c = 0; c < C; ++c)
                for (int oy = 0; oy < Ho; ++oy)
                    for (int ox = 0; ox < Wo; ++ox) {
                        const int o = (c * Ho + oy) * Wo + ox, t = tap[o];
                        dx[(c * H + oy * m_stride + t / m_size) * W + ox * m_stride + t % m_size] += dy[o];
                    }
            continue;
        }
        if (m_max && m_size == 2 && m_stride == 2 && mode == GradMode::Overwrite) {
            // Every window writes all four of its inputs; only uncovered edges need zeroing.
            if (H % 2 || W % 2) std::fill(dx, dx + inSize, 0.0f);
            maxPool2x2Backward(x, y, dy, dx, C, H, W, Ho, Wo);
            continue;
        }
        if (mode == GradMode::Overwrite) std::fill(dx, dx + inSize, 0.0f);
        for (int c = 0; c < C; ++c)
            for (int oy = 0; oy < Ho; ++oy)
                for (int ox = 0; ox < Wo; ++ox) {
                    const int o = (c * Ho + oy) * Wo + ox;
                    const int base = (c * H + oy * m_stride) * W + ox * m_stride;
                    if (m_max) {
                        bool done = false;
                        for (int ky = 0; ky < m_size && !done; ++ky)
                            for (int kx = 0; kx < m_size; ++kx)
                                if (x[base + ky * W + kx] == y[o]) {
                                    dx[base + ky * W + kx] += dy[o];
                                    done = true;
                                    break;
                                }
                    } else {
                        const float g = dy[o] * inv;
                        for (int ky = 0; ky < m_size; ++ky)
                            for (int kx = 0; kx < m_size; ++kx) dx[base + ky * W + kx] += g;
                    }
                }
    }
}

}  // namespace layerlab
