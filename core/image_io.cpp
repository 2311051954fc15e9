#include "core/image_io.h"

#include <sys/stat.h>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>

#include <stb_image.h>
#include <stb_image_write.h>

#include "core/atomic_file.h"

namespace layerlab {

namespace {
// Files above this are not images a user means to classify (and would only be read to be refused).
constexpr long long kMaxFileBytes = 512LL * 1024 * 1024;

std::uint8_t luma(int r, int g, int b) {
    return std::uint8_t(std::lround(0.299 * r + 0.587 * g + 0.114 * b));
}

// a = 0: white paper; a = 255: the colour itself.
std::uint8_t overWhite(int v, int a) {
    return std::uint8_t((v * a + 255 * (255 - a) + 127) / 255);
}
}  // namespace

std::string imageFailureText() {
    const char* why = stbi_failure_reason();
    if (!why) return {};
    const std::string w = why;
    if (w == "0-pixel image") return " (it has no pixels: 0 wide or 0 high)";
    if (w == "unknown image type") return " (its content is not PNG, JPEG or BMP, whatever its name says)";
    return " (" + w + ")";
}

DecodedImage decodeImage(const std::vector<std::uint8_t>& bytes, const std::string& name) {
    if (bytes.empty()) throw ImageError(name + ": the file is empty (0 bytes)");
    if (bytes.size() > std::size_t(std::numeric_limits<int>::max()))
        throw ImageError(name + ": the file is too large to be an image LayerLab reads");
    int w = 0, h = 0, comp = 0;
    const int len = int(bytes.size());
    if (!stbi_info_from_memory(bytes.data(), len, &w, &h, &comp))
        throw ImageError(name + ": not an image LayerLab can read" + imageFailureText() +
                         ": use a PNG, JPEG or BMP file");
    if ((long long)w * h > kMaxImagePixels)
        throw ImageError(name + ": the image is " + std::to_string(w) + "x" + std::to_string(h) +
                         " pixels, more than the 64 megapixels LayerLab reads: scale it down");
    stbi_uc* data = stbi_load_from_memory(bytes.data(), len, &w, &h, &comp, 0);
    if (!data)
        throw ImageError(name + ": the image cannot be decoded" + imageFailureText() +
                         ": the file may be truncated or damaged");
    DecodedImage d;
    d.channels = comp;
    d.image.width = w;
    d.image.height = h;
    d.image.pixels.resize(std::size_t(w) * h);
    const std::size_t n = d.image.pixels.size();
    for (std::size_t i = 0; i < n; ++i) {
        const stbi_uc* p = data + i * comp;
        switch (comp) {
            case 1:
                d.image.pixels[i] = p[0];
                break;
            case 2:
                d.image.pixels[i] = overWhite(p[0], p[1]);
                break;
            case 3:
                d.image.pixels[i] = luma(p[0], p[1], p[2]);
                break;
            default:
                d.image.pixels[i] = overWhite(luma(p[0], p[1], p[2]), p[3]);
                break;
        }
    }
    stbi_image_free(data);
    return d;
}

DecodedImage loadImage(const std::string& path) {
    return decodeImage(readImageBytes(path), path);
}

std::vector<std::uint8_t> readImageBytes(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0)
        throw ImageError(path + ": cannot open it (" + std::strerror(errno) + ")");
    if (S_ISDIR(st.st_mode)) throw ImageError(path + ": is a folder, not an image file");
    if (!S_ISREG(st.st_mode)) throw ImageError(path + ": is not a regular file: give an image file");
    if (st.st_size > kMaxFileBytes)
        throw ImageError(path + ": the file is too large to be an image LayerLab reads");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw ImageError(path + ": cannot open it (" + std::strerror(errno) + ")");
    std::vector<std::uint8_t> bytes(static_cast<std::size_t>(st.st_size));
    in.read(reinterpret_cast<char*>(bytes.data()), std::streamsize(bytes.size()));
    if (!in && !in.eof()) throw ImageError(path + ": cannot read it (" + std::strerror(errno) + ")");
    bytes.resize(std::size_t(in.gcount()));
    if (bytes.empty()) throw ImageError(path + ": the file is empty (0 bytes)");
    return bytes;
}

std::vector<std::uint8_t> encodePng(const GrayImage& image) {
    std::vector<std::uint8_t> out;
    auto sink = [](void* ctx, void* data, int size) {
        auto* v = static_cast<std::vector<std::uint8_t>*>(ctx);
        const auto* b = static_cast<const std::uint8_t*>(data);
        v->insert(v->end(), b, b + size);
    };
    if (image.empty() || image.pixels.size() != std::size_t(image.width) * image.height) return out;
    stbi_write_png_to_func(sink, &out, image.width, image.height, 1, image.pixels.data(), image.width);
    return out;
}

std::vector<std::uint8_t> encodeImage(const std::uint8_t* pixels, int w, int h, int channels,
                                      ImageFormat format, int jpegQuality) {
    std::vector<std::uint8_t> out;
    if (!pixels || w <= 0 || h <= 0 || channels < 1 || channels > 4) return out;
    auto sink = [](void* ctx, void* data, int size) {
        auto* v = static_cast<std::vector<std::uint8_t>*>(ctx);
        const auto* b = static_cast<const std::uint8_t*>(data);
        v->insert(v->end(), b, b + size);
    };
    switch (format) {
        case ImageFormat::PNG:
            stbi_write_png_to_func(sink, &out, w, h, channels, pixels, w * channels);
            break;
        case ImageFormat::JPEG:
            stbi_write_jpg_to_func(sink, &out, w, h, channels, pixels, jpegQuality);
            break;
        case ImageFormat::BMP:
            stbi_write_bmp_to_func(sink, &out, w, h, channels, pixels);
            break;
    }
    return out;
}

std::string savePng(const std::string& path, const GrayImage& image) {
    const std::vector<std::uint8_t> png = encodePng(image);
    if (png.empty()) return "the image is empty";
    return writeFileAtomically(path, std::string(png.begin(), png.end()));
}

}  // namespace layerlab
