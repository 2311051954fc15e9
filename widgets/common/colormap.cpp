#include "widgets/common/colormap.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace {

struct Stop {
    double t;
    int r, g, b;
};

// ColorBrewer RdBu-like, reversed so negative is blue.
constexpr std::array<Stop, 5> kDiverging{{{0.0, 33, 102, 172},
                                          {0.25, 103, 169, 207},
                                          {0.5, 247, 247, 247},
                                          {0.75, 239, 138, 98},
                                          {1.0, 178, 24, 43}}};
// Viridis control points.
constexpr std::array<Stop, 6> kSequential{{{0.0, 68, 1, 84},
                                           {0.2, 65, 68, 135},
                                           {0.4, 42, 120, 142},
                                           {0.6, 34, 168, 132},
                                           {0.8, 122, 209, 81},
                                           {1.0, 253, 231, 37}}};

template <std::size_t N>
QRgb interpolate(const std::array<Stop, N>& stops, double t) {
    t = std::clamp(t, 0.0, 1.0);
    for (std::size_t i = 1; i < N; ++i) {
        if (t <= stops[i].t) {
            const Stop& a = stops[i - 1];
            const Stop& b = stops[i];
            const double f = (t - a.t) / (b.t - a.t);
            return qRgb(int(a.r + f * (b.r - a.r) + 0.5), int(a.g + f * (b.g - a.g) + 0.5),
                        int(a.b + f * (b.b - a.b) + 0.5));
        }
    }
    return qRgb(stops[N - 1].r, stops[N - 1].g, stops[N - 1].b);
}

}  // namespace

Colormap::Colormap(Kind kind, float lo, float hi) : m_kind(kind), m_lo(lo), m_hi(hi) {
    if (!(m_hi > m_lo)) m_hi = m_lo + 1e-6f;
    buildLut();
}

void Colormap::buildLut() {
    for (int i = 0; i < kLutSize; ++i) m_lut[i] = at(double(i) / (kLutSize - 1));
}

Colormap Colormap::diverging(float limit) {
    limit = std::isfinite(limit) ? std::max(std::abs(limit), 1e-6f) : 1.0f;
    return Colormap(Kind::Diverging, -limit, limit);
}

Colormap Colormap::sequential(float lo, float hi) {
    return Colormap(Kind::Sequential, lo, hi);
}

Colormap Colormap::fitting(std::span<const float> values) {
    float mn = 0, mx = 0;
    for (float v : values) {
        if (!std::isfinite(v)) continue;
        mn = std::min(mn, v);
        mx = std::max(mx, v);
    }
    if (mn < 0) return diverging(std::max(-mn, mx));
    return sequential(0, mx > 0 ? mx : 1);
}

QRgb Colormap::at(double t) const {
    return m_kind == Kind::Diverging ? interpolate(kDiverging, t) : interpolate(kSequential, t);
}

QRgb Colormap::map(float v) const {
    if (!std::isfinite(v)) return qRgb(255, 0, 255);
    const float t = (v - m_lo) / (m_hi - m_lo) * (kLutSize - 1) + 0.5f;
    return m_lut[std::clamp(int(t), 0, kLutSize - 1)];
}

QImage Colormap::image(const float* values, int rows, int cols, int scale) const {
    scale = std::max(scale, 1);
    QImage img(cols * scale, rows * scale, QImage::Format_RGB32);
    for (int r = 0; r < rows; ++r) {
        for (int sy = 0; sy < scale; ++sy) {
            auto* line = reinterpret_cast<QRgb*>(img.scanLine(r * scale + sy));
            for (int c = 0; c < cols; ++c) {
                const QRgb color = map(values[r * cols + c]);
                for (int sx = 0; sx < scale; ++sx) line[c * scale + sx] = color;
            }
        }
    }
    return img;
}
