#include "core/image_import.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>

#include <stb_image.h>
#include <stb_image_resize.h>

#include "core/image_io.h"

namespace layerlab {

namespace {

std::uint8_t luma(int r, int g, int b) {
    return std::uint8_t(std::lround(0.299 * r + 0.587 * g + 0.114 * b));
}

// a = 0: white paper; a = 255: the colour itself.
std::uint8_t overWhite(int v, int a) {
    return std::uint8_t((v * a + 255 * (255 - a) + 127) / 255);
}

struct StbFree {
    void operator()(stbi_uc* p) const { stbi_image_free(p); }
};

// In place: comp channels per pixel (1..4) -> k channels (1 grey or 3 RGB), alpha over white. Reads pixel i
// at i * comp and writes it at i * k with k <= comp, so each write lands at or before what is still unread.
int reduceChannels(stbi_uc* px, std::size_t n, int comp, int wanted) {
    const int k = (comp <= 2 || wanted == 1) ? 1 : 3;
    for (std::size_t i = 0; i < n; ++i) {
        const stbi_uc* p = px + i * comp;
        stbi_uc* o = px + i * k;
        switch (comp) {
            case 1:
                break;
            case 2:
                o[0] = overWhite(p[0], p[1]);
                break;
            case 3:
                if (k == 1) o[0] = luma(p[0], p[1], p[2]);  // else already in place
                break;
            default: {
                const int r = overWhite(p[0], p[3]), g = overWhite(p[1], p[3]), b = overWhite(p[2], p[3]);
                if (k == 1) {
                    o[0] = luma(r, g, b);
                } else {
                    o[0] = stbi_uc(r);
                    o[1] = stbi_uc(g);
                    o[2] = stbi_uc(b);
                }
                break;
            }
        }
    }
    return k;
}

// Per channel, the median of the outermost pixels of a w x h image with k interleaved channels.
std::vector<std::uint8_t> borderColour(const std::uint8_t* px, int w, int h, int k) {
    std::vector<std::uint8_t> colour(std::size_t(k), 0);
    std::vector<std::uint8_t> values;
    values.reserve(std::size_t(2 * (w + h)));
    for (int c = 0; c < k; ++c) {
        values.clear();
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x)
                if (y == 0 || y == h - 1 || x == 0 || x == w - 1)
                    values.push_back(px[(std::size_t(y) * w + x) * k + c]);
        std::nth_element(values.begin(), values.begin() + std::ptrdiff_t(values.size() / 2), values.end());
        colour[std::size_t(c)] = values[values.size() / 2];
    }
    return colour;
}

// A PNG whose header says 0 pixels wide or high (stb_image then only says "unknown image type").
bool zeroSizedPng(const std::uint8_t* b, std::size_t n) {
    static const std::uint8_t sig[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    if (n < 24 || !std::equal(sig, sig + 8, b) || std::string(b + 12, b + 16) != "IHDR") return false;
    auto be32 = [&](std::size_t at) {
        return (std::uint32_t(b[at]) << 24) | (std::uint32_t(b[at + 1]) << 16) |
               (std::uint32_t(b[at + 2]) << 8) | std::uint32_t(b[at + 3]);
    };
    return be32(16) == 0 || be32(20) == 0;
}

}  // namespace

ImportedImageInfo importImage(const std::uint8_t* bytes, std::size_t size, const std::string& name,
                              const ImageImportSpec& spec, std::uint8_t* out) {
    if (size == 0) throw ImageError(name + ": the file is empty (0 bytes)");
    if (size > std::size_t(std::numeric_limits<int>::max()))
        throw ImageError(name + ": the file is too large to be an image LayerLab reads");
    const int len = int(size);
    ImportedImageInfo info;
    int w = 0, h = 0, comp = 0;
    if (zeroSizedPng(bytes, size)) throw ImageError(name + ": the image has no pixels (0 wide or 0 high)");
    if (!stbi_info_from_memory(bytes, len, &w, &h, &comp))
        throw ImageError(name + ": not an image LayerLab can read" + imageFailureText() +
                         ": use a PNG, JPEG or BMP file");
    if (w <= 0 || h <= 0) throw ImageError(name + ": the image has no pixels (0 wide or 0 high)");
    if ((long long)w * h > kMaxImagePixels)
        throw ImageError(name + ": the image is " + std::to_string(w) + "x" + std::to_string(h) +
                         " pixels, more than the 64 megapixels LayerLab reads: scale it down");
    std::unique_ptr<stbi_uc, StbFree> data(stbi_load_from_memory(bytes, len, &w, &h, &comp, 0));
    if (!data)
        throw ImageError(name + ": the image cannot be decoded" + imageFailureText() +
                         ": the file may be truncated or damaged");
    info.width = w;
    info.height = h;
    info.channels = comp;

    const int C = spec.channels(), W = spec.width, H = spec.height;
    const int k = reduceChannels(data.get(), std::size_t(w) * h, comp, C);

    // Scaled size: the whole frame, or the longer side fitted with the aspect ratio kept.
    int sw = W, sh = H;
    if (spec.fit == ImageFit::Pad) {
        const double scale = std::min(double(W) / w, double(H) / h);
        sw = std::clamp(int(std::lround(w * scale)), 1, W);
        sh = std::clamp(int(std::lround(h * scale)), 1, H);
    }
    // The padding takes the colour of the picture's own edge (from the full-size image: scaling blends it).
    const std::vector<std::uint8_t> fill = spec.fit == ImageFit::Pad && (sw < W || sh < H)
                                               ? borderColour(data.get(), w, h, k)
                                               : std::vector<std::uint8_t>(std::size_t(k), 0);
    std::vector<std::uint8_t> scaled(std::size_t(sw) * sh * k);
    if (sw == w && sh == h)
        std::copy(data.get(), data.get() + scaled.size(), scaled.begin());
    else if (!stbir_resize_uint8(data.get(), w, h, 0, scaled.data(), sw, sh, 0, k))
        throw ImageError(name + ": the image could not be scaled to " + std::to_string(sw) + "x" +
                         std::to_string(sh) + " (out of memory?)");
    data.reset();

    const int ox = (W - sw) / 2, oy = (H - sh) / 2;
    const std::size_t plane = std::size_t(W) * H;
    for (int c = 0; c < C; ++c) {
        const int from = k == 1 ? 0 : c;  // a grey image fills R, G and B alike
        std::uint8_t* o = out + std::size_t(c) * plane;
        for (int y = 0; y < H; ++y)
            for (int x = 0; x < W; ++x) {
                const int sx = x - ox, sy = y - oy;
                const bool inside = sx >= 0 && sx < sw && sy >= 0 && sy < sh;
                std::uint8_t v =
                    inside ? scaled[(std::size_t(sy) * sw + sx) * k + from] : fill[std::size_t(from)];
                if (spec.invert) v = std::uint8_t(255 - v);
                o[std::size_t(y) * W + x] = v;
            }
    }
    return info;
}

ImportedImageInfo importImageFile(const std::string& path, const ImageImportSpec& spec, std::uint8_t* out) {
    const std::vector<std::uint8_t> bytes = readImageBytes(path);
    return importImage(bytes.data(), bytes.size(), path, spec, out);
}

}  // namespace layerlab
