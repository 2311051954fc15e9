#include "core/augment.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace layerlab {

namespace {

// SplitMix64: a good 64-bit mix, used both to derive seeds and as the generator itself.
std::uint64_t mix(std::uint64_t x) {
    x += 0x9e3779b97f4a7c15ull;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
    return x ^ (x >> 31);
}

class Rng {
public:
    explicit Rng(std::uint64_t seed) : m_state(seed) {}
    std::uint64_t next() { return mix(m_state++); }
    double uniform() { return double(next() >> 11) * 0x1.0p-53; }  // [0, 1)
    double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
    int whole(int lo, int hi) { return lo + int(next() % std::uint64_t(hi - lo + 1)); }  // [lo, hi]
    double gaussian() {                                                                  // Box-Muller
        const double u = 1.0 - uniform(), v = uniform();
        return std::sqrt(-2.0 * std::log(u)) * std::cos(6.283185307179586 * v);
    }

private:
    std::uint64_t m_state;
};

// The elastic displacement field of an h x w image: (ux, uy) per pixel, row-major.
void elasticField(int h, int w, double alpha, std::uint64_t seed, std::vector<double>& ux,
                  std::vector<double>& uy) {
    const std::size_t n = std::size_t(h) * w;
    Rng rng(seed);
    ux.resize(n);
    uy.resize(n);
    for (std::size_t i = 0; i < n; ++i) ux[i] = rng.uniform(-1.0, 1.0);
    for (std::size_t i = 0; i < n; ++i) uy[i] = rng.uniform(-1.0, 1.0);
    // Separable Gaussian, truncated at 3 sigma, the image's edge repeated (the field keeps its scale there).
    const int r = int(std::ceil(3 * kElasticSigma));
    std::vector<double> k(std::size_t(2 * r + 1));
    double sum = 0;
    for (int i = -r; i <= r; ++i)
        sum += k[std::size_t(i + r)] = std::exp(-0.5 * i * i / (kElasticSigma * kElasticSigma));
    for (double& v : k) v /= sum;
    std::vector<double> tmp(n);
    for (std::vector<double>* u : {&ux, &uy}) {
        std::vector<double>& f = *u;
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x) {
                double a = 0;
                for (int i = -r; i <= r; ++i)
                    a += k[std::size_t(i + r)] * f[std::size_t(y) * w + std::clamp(x + i, 0, w - 1)];
                tmp[std::size_t(y) * w + x] = a;
            }
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x) {
                double a = 0;
                for (int i = -r; i <= r; ++i)
                    a += k[std::size_t(i + r)] * tmp[std::size_t(std::clamp(y + i, 0, h - 1)) * w + x];
                f[std::size_t(y) * w + x] = alpha * a;
            }
    }
}

}  // namespace

bool augmentationOn(const AugmentationSpec& a) {
    return a.shift > 0 || a.rotation > 0 || a.zoom > 0 || a.noise > 0 || a.elastic > 0;
}

std::uint64_t augmentSeed(std::uint64_t runSeed, int epoch, std::size_t position) {
    return mix(mix(mix(runSeed ^ 0x61756d656e74ull) + std::uint64_t(epoch)) + position);
}

AugmentDraw drawAugment(const AugmentationSpec& a, std::uint64_t sampleSeed) {
    Rng rng(sampleSeed);
    AugmentDraw d;
    const int shift = int(std::floor(a.shift));
    // Always draw every value, so turning one range on does not change the draws of the others.
    const int dx = rng.whole(-shift, shift), dy = rng.whole(-shift, shift);
    const double angle = rng.uniform(-a.rotation, a.rotation);
    const double scale = rng.uniform(1.0 - a.zoom, 1.0 + a.zoom);
    d.dx = dx;
    d.dy = dy;
    d.angleDegrees = float(angle);
    d.scale = float(scale);
    d.noise = a.noise;
    d.noiseSeed = rng.next();
    d.elastic = a.elastic;
    d.elasticSeed = rng.next();  // drawn last: the draws before it are as they were without elastic
    return d;
}

void shiftImage(const std::uint8_t* pixels, const Shape& shape, int dx, int dy, std::uint8_t* out) {
    const int channels = shape.c(), h = shape.h(), w = shape.w();
    const std::size_t plane = std::size_t(h) * w;
    for (int c = 0; c < channels; ++c)
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x) {
                const int sx = x - dx, sy = y - dy;
                const bool inside = sx >= 0 && sx < w && sy >= 0 && sy < h;
                out[c * plane + std::size_t(y) * w + x] =
                    inside ? pixels[c * plane + std::size_t(sy) * w + sx] : std::uint8_t(0);
            }
}

void augmentToInputs(const std::uint8_t* pixels, const Shape& shape, const AugmentDraw& d, float* inputs) {
    const int channels = shape.c(), h = shape.h(), w = shape.w();
    const std::size_t plane = std::size_t(h) * w;
    constexpr float kScale = 1.0f / 255.0f;
    const bool elastic = d.elastic > 0;
    const bool moves = d.angleDegrees != 0 || d.scale != 1 || elastic;
    std::vector<double> ux, uy;
    if (elastic) elasticField(h, w, d.elastic, d.elasticSeed, ux, uy);
    if (!moves) {
        // A whole-pixel shift: each pixel moves exactly, what enters at the edge is 0.
        for (int c = 0; c < channels; ++c)
            for (int y = 0; y < h; ++y)
                for (int x = 0; x < w; ++x) {
                    const int sx = x - d.dx, sy = y - d.dy;
                    const bool inside = sx >= 0 && sx < w && sy >= 0 && sy < h;
                    inputs[c * plane + std::size_t(y) * w + x] =
                        inside ? float(pixels[c * plane + std::size_t(sy) * w + sx]) * kScale : 0.0f;
                }
    } else {
        const double rad = double(d.angleDegrees) * 3.14159265358979323846 / 180.0;
        // Inverse map: rotate back by the angle (screen y points down, so counter-clockwise on screen is a
        // negative angle in these coordinates) and undo the zoom.
        const double cs = std::cos(rad), sn = std::sin(rad), inv = 1.0 / double(d.scale);
        const double cx = (w - 1) / 2.0, cy = (h - 1) / 2.0;
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x) {
                const std::size_t at = std::size_t(y) * w + x;
                const double ex = elastic ? ux[at] : 0.0, ey = elastic ? uy[at] : 0.0;
                const double px = x + ex - cx - d.dx, py = y + ey - cy - d.dy;
                const double sx = (cs * px - sn * py) * inv + cx;
                const double sy = (sn * px + cs * py) * inv + cy;
                const int x0 = int(std::floor(sx)), y0 = int(std::floor(sy));
                const double fx = sx - x0, fy = sy - y0;
                for (int c = 0; c < channels; ++c) {
                    const std::uint8_t* src = pixels + c * plane;
                    auto at = [&](int xx, int yy) -> double {
                        return (xx >= 0 && xx < w && yy >= 0 && yy < h) ? src[std::size_t(yy) * w + xx] : 0.0;
                    };
                    const double v = (1 - fy) * ((1 - fx) * at(x0, y0) + fx * at(x0 + 1, y0)) +
                                     fy * ((1 - fx) * at(x0, y0 + 1) + fx * at(x0 + 1, y0 + 1));
                    inputs[c * plane + std::size_t(y) * w + x] = float(v) * kScale;
                }
            }
    }
    if (d.noise > 0) {
        Rng rng(d.noiseSeed);
        const std::size_t n = plane * std::size_t(channels);
        for (std::size_t i = 0; i < n; ++i)
            inputs[i] = std::clamp(inputs[i] + float(rng.gaussian()) * d.noise, 0.0f, 1.0f);
    }
}

}  // namespace layerlab
