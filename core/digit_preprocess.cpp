#include "core/digit_preprocess.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace layerlab {

namespace {
// Less contrast than this between paper and the strongest ink (of 255) is a blank page, not a faint digit.
constexpr int kMinContrast = 24;
// After levels, what stays under this fraction of the range is paper texture or noise.
constexpr float kNoiseFloor = 0.10f;
// The ink's box is that of the pixels above this fraction of the range. An enlarged, blurred or anti-aliased
// stroke fades out over a few pixels; its faint rim would make the box (and so the digit after scaling)
// too large. (On 200 MNIST digits enlarged bilinearly: 0.10 gave 188 of the original classes with a weak
// MLP, 0.20-0.30 gave 193.)
constexpr float kBoxThreshold = 0.25f;

// One axis of a resampling: output pixel o takes source pixels [first, first + weights.size()) with these
// weights (summing to 1).
struct Taps {
    int first = 0;
    std::vector<float> weights;
};

std::vector<Taps> axisTaps(int n, int N, bool area) {
    std::vector<Taps> taps(N);
    const double r = double(n) / N;  // source pixels per output pixel
    for (int o = 0; o < N; ++o) {
        Taps& t = taps[o];
        if (!area) {
            t.first = std::min(n - 1, int((o + 0.5) * r));
            t.weights = {1.0f};
            continue;
        }
        // Output pixel o covers the source interval [o r, (o + 1) r); each source pixel i counts with its
        // overlap [i, i + 1) n [o r, (o + 1) r), divided by r.
        const double lo = o * r, hi = (o + 1) * r;
        t.first = int(std::floor(lo));
        const int last = std::min(n - 1, int(std::ceil(hi)) - 1);
        for (int i = t.first; i <= last; ++i) {
            const double overlap = std::min(hi, double(i + 1)) - std::max(lo, double(i));
            t.weights.push_back(float(std::max(0.0, overlap) / r));
        }
    }
    return taps;
}
}  // namespace

DigitPreprocessOptions DigitPreprocessOptions::fashionMnist() {
    DigitPreprocessOptions o;
    o.boxSize = 28;
    o.centerOfMass = false;
    return o;
}

DigitPreprocessOptions DigitPreprocessOptions::forDataset(DatasetKind kind) {
    return kind == DatasetKind::FashionMNIST ? fashionMnist() : mnist();
}

DigitPreprocessOptions DigitPreprocessOptions::forInput(DatasetKind kind, int width, int height) {
    DigitPreprocessOptions o = forDataset(kind);
    o.boxSize = std::max(1, int(std::lround(o.boxSize / 28.0 * std::max(height, width))));
    o.outputWidth = width;
    o.outputHeight = height;
    return o;
}

std::vector<float> resamplePlane(const std::vector<float>& src, int w, int h, int W, int H, bool area) {
    const std::vector<Taps> tx = axisTaps(w, W, area), ty = axisTaps(h, H, area);
    std::vector<float> rows(std::size_t(h) * W);  // horizontal pass: h x W
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < W; ++x) {
            const Taps& t = tx[x];
            float s = 0;
            for (std::size_t k = 0; k < t.weights.size(); ++k)
                s += t.weights[k] * src[std::size_t(y) * w + t.first + k];
            rows[std::size_t(y) * W + x] = s;
        }
    std::vector<float> out(std::size_t(H) * W);
    for (int y = 0; y < H; ++y) {
        const Taps& t = ty[y];
        for (int x = 0; x < W; ++x) {
            float s = 0;
            for (std::size_t k = 0; k < t.weights.size(); ++k)
                s += t.weights[k] * rows[(t.first + k) * W + x];
            out[std::size_t(y) * W + x] = s;
        }
    }
    return out;
}

DigitPreprocessResult preprocessDigit(const GrayImage& src, const DigitPreprocessOptions& o) {
    DigitPreprocessResult r;
    const int w = src.width, h = src.height;
    if (src.empty() || src.pixels.size() != std::size_t(w) * h) {
        r.error = "the image has no pixels (or fewer than its size says)";
        return r;
    }
    if (o.outputWidth < 1 || o.outputHeight < 1 || o.boxSize < 1 || o.outputWidth > 4096 ||
        o.outputHeight > 4096 || o.boxSize > std::max(o.outputWidth, o.outputHeight)) {
        r.error = "the output must be 1 to 4096 pixels a side and the box no larger than the output";
        return r;
    }

    // levels: the paper's grey from the border, the polarity, then paper = 0 and the strongest ink = 255.
    std::vector<std::uint8_t> border;
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            if (y == 0 || x == 0 || y == h - 1 || x == w - 1) border.push_back(src.at(x, y));
    std::nth_element(border.begin(), border.begin() + std::ptrdiff_t(border.size() / 2), border.end());
    r.paperLevel = border[border.size() / 2];
    r.inverted =
        o.polarity == InkPolarity::DarkOnLight || (o.polarity == InkPolarity::Auto && r.paperLevel > 127);
    const int paper = r.inverted ? 255 - r.paperLevel : r.paperLevel;
    int peak = 0;
    for (std::uint8_t v : src.pixels) peak = std::max(peak, r.inverted ? 255 - v : int(v));
    if (peak - paper < kMinContrast) {
        r.empty = true;
        r.error = "the drawing is empty: draw a digit first";
        return r;
    }
    const float gain = 255.0f / float(peak - paper);
    std::vector<float> ink(src.pixels.size());
    for (std::size_t i = 0; i < ink.size(); ++i) {
        const int v = r.inverted ? 255 - src.pixels[i] : src.pixels[i];
        const float level = std::clamp(float(v - paper) * gain, 0.0f, 255.0f);
        ink[i] = level < kNoiseFloor * 255.0f ? 0.0f : level;
    }

    // crop
    int x0 = 0, y0 = 0, x1 = w - 1, y1 = h - 1;
    if (o.crop) {
        x0 = w, y0 = h, x1 = -1, y1 = -1;
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x)
                if (ink[std::size_t(y) * w + x] > kBoxThreshold * 255.0f) {
                    x0 = std::min(x0, x), x1 = std::max(x1, x);
                    y0 = std::min(y0, y), y1 = std::max(y1, y);
                }
    }
    r.boxX = x0, r.boxY = y0, r.boxWidth = x1 - x0 + 1, r.boxHeight = y1 - y0 + 1;
    std::vector<float> box(std::size_t(r.boxWidth) * r.boxHeight);
    for (int y = 0; y < r.boxHeight; ++y)
        std::copy_n(ink.begin() + std::ptrdiff_t(y0 + y) * w + x0, r.boxWidth,
                    box.begin() + std::ptrdiff_t(y) * r.boxWidth);

    // scale: the longer side to boxSize, aspect kept
    int bw = r.boxWidth, bh = r.boxHeight;
    if (o.scale) {
        const double s = double(o.boxSize) / std::max(bw, bh);
        const int nw = std::clamp(int(std::lround(bw * s)), 1, o.boxSize);
        const int nh = std::clamp(int(std::lround(bh * s)), 1, o.boxSize);
        box = resamplePlane(box, bw, bh, nw, nh, o.areaAveraging);
        bw = nw, bh = nh;
    }
    r.scaledWidth = bw, r.scaledHeight = bh;

    // centre: by the centre of mass (rounded to whole pixels) or by the box
    const int W = o.outputWidth, H = o.outputHeight;
    double mass = 0, mx = 0, my = 0;
    for (int y = 0; y < bh; ++y)
        for (int x = 0; x < bw; ++x) {
            const double v = box[std::size_t(y) * bw + x];
            mass += v, mx += v * x, my += v * y;
        }
    if (o.centerOfMass && mass > 0) {  // (no mass: thin ink missed by nearest-pixel scaling)
        r.offsetX = int(std::lround(W / 2.0 - mx / mass));
        r.offsetY = int(std::lround(H / 2.0 - my / mass));
    } else {
        r.offsetX = (W - bw) / 2;
        r.offsetY = (H - bh) / 2;
    }
    r.image.width = W, r.image.height = H;
    r.image.pixels.assign(std::size_t(W) * H, 0);
    for (int y = 0; y < bh; ++y)
        for (int x = 0; x < bw; ++x) {
            const int ox = x + r.offsetX, oy = y + r.offsetY;
            if (ox >= 0 && ox < W && oy >= 0 && oy < H)
                r.image.pixels[std::size_t(oy) * W + ox] =
                    std::uint8_t(std::lround(std::clamp(box[std::size_t(y) * bw + x], 0.0f, 255.0f)));
        }
    double m = 0, cx = 0, cy = 0;
    for (int y = 0; y < H; ++y)
        for (int x = 0; x < W; ++x) {
            const double v = r.image.pixels[std::size_t(y) * W + x];
            m += v, cx += v * x, cy += v * y;
        }
    if (m > 0) r.centerX = cx / m, r.centerY = cy / m;
    return r;
}

}  // namespace layerlab
