#include "core/layers/pool2d.h"

#include <algorithm>
#include <bit>

#include "core/errors.h"

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
// The common 2x2 window with stride 2, in two passes so that each is one long vectorised loop (rows of 5-13
// outputs would spend their time in scalar tails):
//   vertical:   rows (C x Ho x 2Wo) = max(x[2oy][j], x[2oy+1][j]) (an odd last column or row has no window);
//               when tap is wanted, lower (same shape) = 1 where that maximum is not the upper value
//   horizontal: y (C x Ho x Wo) = max(rows[2i], rows[2i+1]) over all C Ho Wo windows at once;
//               tap = the first of the window's four inputs (row-major) equal to y, from rows and lower.
// y = max(max(x00, x10), max(x01, x11)): the same bits with and without taps.
void maxPool2x2(const float* __restrict x, float* __restrict y, std::uint8_t* __restrict tap, int C, int H,
                int W, int Ho, int Wo, float* __restrict rows, std::uint8_t* __restrict lower) {
    const int w2 = 2 * Wo;
    for (int c = 0; c < C; ++c)
        for (int oy = 0; oy < Ho; ++oy) {
            const float* x0 = x + (c * H + 2 * oy) * W;
            const float* x1 = x0 + W;
            float* r = rows + (c * Ho + oy) * w2;
            for (int j = 0; j < w2; ++j) r[j] = std::max(x0[j], x1[j]);
            if (!tap) continue;
            std::uint8_t* l = lower + (c * Ho + oy) * w2;
            for (int j = 0; j < w2; ++j) l[j] = x0[j] != r[j];
        }
    const int windows = C * Ho * Wo;
    if (!tap) {
        for (int i = 0; i < windows; ++i) y[i] = std::max(rows[2 * i], rows[2 * i + 1]);
        return;
    }
    for (int i = 0; i < windows; ++i) {
        const float left = rows[2 * i], right = rows[2 * i + 1], m = std::max(left, right);
        y[i] = m;
        // x00 == m: the left column's maximum is m and is the upper value; x01 likewise; x10: the left
        // column's maximum is m (then the lower value); else x11. As 0, 1, 2, 3 without branches.
        const int eqLeft = left == m, eqRight = right == m;  // & not &&: no branch, so it vectorises
        const int not0 = 1 - (eqLeft & (1 - lower[2 * i])), not1 = 1 - (eqRight & (1 - lower[2 * i + 1]));
        const int not2 = 1 - eqLeft;
        tap[i] = std::uint8_t(not0 * (1 + not1 * (1 + not2)));
    }
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
// of its inputs, g on its tap and 0 elsewhere. dy, tap: C x Ho x Wo -> dx: C x H x W.
void maxPool2x2BackwardTaps(const float* __restrict dy, const std::uint8_t* __restrict tap,
                            float* __restrict dx, int C, int H, int W, int Ho, int Wo) {
    for (int c = 0; c < C; ++c)
        for (int oy = 0; oy < Ho; ++oy) {
            float* d0 = dx + (c * H + 2 * oy) * W;
            float* d1 = d0 + W;
            const float* gr = dy + (c * Ho + oy) * Wo;
            const std::uint8_t* tr = tap + (c * Ho + oy) * Wo;
            for (int ox = 0; ox < Wo; ++ox) {
                // g's bits where the tap is, +0 elsewhere, as masks (no branches on random taps)
                const std::uint32_t g = std::bit_cast<std::uint32_t>(gr[ox]), t = tr[ox];
                d0[2 * ox] = std::bit_cast<float>(g & -std::uint32_t(t == 0));
                d0[2 * ox + 1] = std::bit_cast<float>(g & -std::uint32_t(t == 1));
                d1[2 * ox] = std::bit_cast<float>(g & -std::uint32_t(t == 2));
                d1[2 * ox + 1] = std::bit_cast<float>(g & -std::uint32_t(t == 3));
            }
        }
}

// maxPool2x2BackwardTaps with the ReLU's derivative before the pool: g where the window's output y > 0.
void maxPool2x2BackwardTapsRelu(const float* __restrict y, const float* __restrict dy,
                                const std::uint8_t* __restrict tap, float* __restrict dx, int C, int H, int W,
                                int Ho, int Wo) {
    for (int c = 0; c < C; ++c)
        for (int oy = 0; oy < Ho; ++oy) {
            float* d0 = dx + (c * H + 2 * oy) * W;
            float* d1 = d0 + W;
            const int o = (c * Ho + oy) * Wo;
            for (int ox = 0; ox < Wo; ++ox) {
                const std::uint32_t g =
                    std::bit_cast<std::uint32_t>(dy[o + ox]) & -std::uint32_t(y[o + ox] > 0.0f);
                const std::uint32_t t = tap[o + ox];
                d0[2 * ox] = std::bit_cast<float>(g & -std::uint32_t(t == 0));
                d0[2 * ox + 1] = std::bit_cast<float>(g & -std::uint32_t(t == 1));
                d1[2 * ox] = std::bit_cast<float>(g & -std::uint32_t(t == 2));
                d1[2 * ox + 1] = std::bit_cast<float>(g & -std::uint32_t(t == 3));
            }
        }
}
}  // namespace

bool Pool2D::backwardAfterRelu(const float* out, const float* dOut, float* dIn, int first, int n) const {
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
        if (m_size == 2 && m_stride == 2) {
            if (H % 2 || W % 2) std::fill(dx, dx + inSize, 0.0f);
            maxPool2x2BackwardTapsRelu(y, dy, tap, dx, C, H, W, Ho, Wo);
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
        m_rows.assign((size_t)chunks * m_out.c() * m_out.h() * 2 * m_out.w(), 0.0f);
        m_lower.assign(m_rows.size(), 0);
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
        const long long rowsSize = (long long)C * Ho * 2 * Wo;
        if (m_max && m_size == 2 && m_stride == 2 && (chunk + 1) * rowsSize <= (long long)m_rows.size()) {
            maxPool2x2(x, y, tap, C, H, W, Ho, Wo, m_rows.data() + chunk * rowsSize,
                       m_lower.data() + chunk * rowsSize);
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
                      int first, int n, int) {
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
            if (m_size == 2 && m_stride == 2 && mode == GradMode::Overwrite) {
                if (H % 2 || W % 2) std::fill(dx, dx + inSize, 0.0f);
                maxPool2x2BackwardTaps(dy, tap, dx, C, H, W, Ho, Wo);
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
