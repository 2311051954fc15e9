#include "pool2d.h"

#include <algorithm>
#include <limits>

#include "errors.h"
#include "parallel.h"

namespace layerlab {

Shape Pool2D::configure(const Shape& in) {
    if (!in.isSpatial())
        throw SpecError(std::string("needs a channels x height x width input but gets ") + in.toString() +
                        ": move it before Flatten");
    if (m_size <= 0 || m_stride <= 0) throw SpecError("pool size and stride must be at least 1");
    if (m_size > in.h() || m_size > in.w())
        throw SpecError("window " + std::to_string(m_size) + "x" + std::to_string(m_size) + " does not fit its " +
                        in.toString() + " input: use a smaller pool size or remove a pooling layer before it");
    m_in = in;
    m_out = Shape::chw(in.c(), (in.h() - m_size) / m_stride + 1, (in.w() - m_size) / m_stride + 1);
    return m_out;
}

void Pool2D::reserve(int maxBatch, int chunks) {
    m_chunks = chunks;
    if (m_max) m_argmax.assign((size_t)maxBatch * m_out.size(), 0);
}

namespace {
// The common 2x2 window with stride 2: two input rows give one output row; branch-free max and argmax.
void maxPool2x2(const float* __restrict x, float* __restrict y, std::int32_t* __restrict am, int C, int H, int W,
                int Ho, int Wo) {
    for (int c = 0; c < C; ++c)
        for (int oy = 0; oy < Ho; ++oy) {
            const int r0 = (c * H + 2 * oy) * W, r1 = r0 + W;
            float* yr = y + (c * Ho + oy) * Wo;
            std::int32_t* ar = am + (c * Ho + oy) * Wo;
            for (int ox = 0; ox < Wo; ++ox) {
                const int i0 = r0 + 2 * ox, i2 = r1 + 2 * ox;
                const float a = x[i0], b = x[i0 + 1], cc = x[i2], d = x[i2 + 1];
                const bool ab = b > a, cd = d > cc;
                const float m0 = ab ? b : a, m1 = cd ? d : cc;
                const int j0 = ab ? i0 + 1 : i0, j1 = cd ? i2 + 1 : i2;
                const bool top = m1 > m0;
                yr[ox] = top ? m1 : m0;
                ar[ox] = top ? j1 : j0;
            }
        }
}
}  // namespace

void Pool2D::forward(const float* in, float* out, int n, bool) {
    const int C = m_in.c(), H = m_in.h(), W = m_in.w(), Ho = m_out.h(), Wo = m_out.w();
    const long long inSize = m_in.size(), outSize = m_out.size();
    const float inv = 1.0f / float(m_size * m_size);
    parallelFor(m_chunks, [&](int ch) {
        const auto r = chunkRange(n, m_chunks, ch);
        for (int s = r.begin; s < r.end; ++s) {
            const float* x = in + s * inSize;
            float* y = out + s * outSize;
            std::int32_t* am = m_max ? m_argmax.data() + s * outSize : nullptr;
            if (m_max && m_size == 2 && m_stride == 2) {
                maxPool2x2(x, y, am, C, H, W, Ho, Wo);
                continue;
            }
            for (int c = 0; c < C; ++c)
                for (int oy = 0; oy < Ho; ++oy)
                    for (int ox = 0; ox < Wo; ++ox) {
                        const int o = (c * Ho + oy) * Wo + ox;
                        const int y0 = oy * m_stride, x0 = ox * m_stride;
                        if (m_max) {
                            // Branch-free running max (cmov, not unpredictable jumps).
                            int bi = (c * H + y0) * W + x0;
                            float best = x[bi];
                            for (int ky = 0; ky < m_size; ++ky) {
                                const int rowStart = (c * H + y0 + ky) * W + x0;
                                for (int kx = 0; kx < m_size; ++kx) {
                                    const int i = rowStart + kx;
                                    const float v = x[i];
                                    const bool greater = v > best;
                                    best = greater ? v : best;
                                    bi = greater ? i : bi;
                                }
                            }
                            y[o] = best;
                            am[o] = bi;
                        } else {
                            float sum = 0;
                            for (int ky = 0; ky < m_size; ++ky)
                                for (int kx = 0; kx < m_size; ++kx) sum += x[(c * H + y0 + ky) * W + x0 + kx];
                            y[o] = sum * inv;
                        }
                    }
        }
    });
}

// max: the gradient goes to the input that won; avg: spread evenly over the window.
void Pool2D::backward(const float*, const float*, const float* dOut, float* dIn, int n) {
    if (!dIn) return;
    const int C = m_in.c(), H = m_in.h(), W = m_in.w(), Ho = m_out.h(), Wo = m_out.w();
    const long long inSize = m_in.size(), outSize = m_out.size();
    const float inv = 1.0f / float(m_size * m_size);
    parallelFor(m_chunks, [&](int ch) {
        const auto r = chunkRange(n, m_chunks, ch);
        for (int s = r.begin; s < r.end; ++s) {
            float* dx = dIn + s * inSize;
            const float* dy = dOut + s * outSize;
            std::fill(dx, dx + inSize, 0.0f);
            if (m_max) {
                const std::int32_t* am = m_argmax.data() + s * outSize;
                for (long long o = 0; o < outSize; ++o) dx[am[o]] += dy[o];
            } else {
                for (int c = 0; c < C; ++c)
                    for (int oy = 0; oy < Ho; ++oy)
                        for (int ox = 0; ox < Wo; ++ox) {
                            const float g = dy[(c * Ho + oy) * Wo + ox] * inv;
                            for (int ky = 0; ky < m_size; ++ky)
                                for (int kx = 0; kx < m_size; ++kx)
                                    dx[(c * H + oy * m_stride + ky) * W + ox * m_stride + kx] += g;
                        }
            }
        }
    });
}

}  // namespace layerlab
