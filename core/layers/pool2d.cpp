#include "core/layers/pool2d.h"

#include <algorithm>

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
// The common 2x2 window with stride 2: a vertical max of two rows (contiguous, vectorised), then a max of
// neighbouring pairs.
void maxPool2x2(const float* __restrict x, float* __restrict y, int C, int H, int W, int Ho, int Wo,
                float* __restrict rowMax) {
    for (int c = 0; c < C; ++c)
        for (int oy = 0; oy < Ho; ++oy) {
            const float* r0 = x + (c * H + 2 * oy) * W;
            const float* r1 = r0 + W;
            for (int j = 0; j < 2 * Wo; ++j) rowMax[j] = std::max(r0[j], r1[j]);
            float* yr = y + (c * Ho + oy) * Wo;
            for (int ox = 0; ox < Wo; ++ox) yr[ox] = std::max(rowMax[2 * ox], rowMax[2 * ox + 1]);
        }
}
}  // namespace

void Pool2D::forward(const float* in, float* out, int, int n, int, bool) {
    const int C = m_in.c(), H = m_in.h(), W = m_in.w(), Ho = m_out.h(), Wo = m_out.w();
    const long long inSize = m_in.size(), outSize = m_out.size();
    const float inv = 1.0f / float(m_size * m_size);
    for (int s = 0; s < n; ++s) {
        const float* x = in + s * inSize;
        float* y = out + s * outSize;
        if (m_max && m_size == 2 && m_stride == 2 && Wo <= 256) {
            float buf[512];
            maxPool2x2(x, y, C, H, W, Ho, Wo, buf);
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
                    y[(c * Ho + oy) * Wo + ox] = m_max ? acc : acc * inv;
                }
    }
}

// max: the gradient goes to the first input of the window equal to the output (the one forward picked);
// avg: spread evenly over the window.
void Pool2D::backward(const float* in, const float* out, const float* dOut, float* dIn, GradMode mode, float*,
                      int, int n, int) {
    if (!dIn) return;
    const int C = m_in.c(), H = m_in.h(), W = m_in.w(), Ho = m_out.h(), Wo = m_out.w();
    const long long inSize = m_in.size(), outSize = m_out.size();
    const float inv = 1.0f / float(m_size * m_size);
    for (int s = 0; s < n; ++s) {
        const float* x = in + s * inSize;
        const float* y = out + s * outSize;
        float* dx = dIn + s * inSize;
        const float* dy = dOut + s * outSize;
        if (m_max && m_size == 2 && m_stride == 2 && mode == GradMode::Overwrite) {
            // Every window writes all four of its inputs (branch-free); only uncovered edges need zeroing.
            if (H % 2 || W % 2) std::fill(dx, dx + inSize, 0.0f);
            for (int c = 0; c < C; ++c)
                for (int oy = 0; oy < Ho; ++oy) {
                    const int r0 = (c * H + 2 * oy) * W, r1 = r0 + W, o0 = (c * Ho + oy) * Wo;
                    for (int ox = 0; ox < Wo; ++ox) {
                        const int i0 = r0 + 2 * ox, i1 = r1 + 2 * ox;
                        const float m = y[o0 + ox], g = dy[o0 + ox];
                        const bool ta = x[i0] == m, tb = !ta && x[i0 + 1] == m;
                        const bool tc = !ta && !tb && x[i1] == m, td = !ta && !tb && !tc;
                        dx[i0] = ta ? g : 0.0f;
                        dx[i0 + 1] = tb ? g : 0.0f;
                        dx[i1] = tc ? g : 0.0f;
                        dx[i1 + 1] = td ? g : 0.0f;
                    }
                }
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
