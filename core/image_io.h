#pragma once
// Image files in and out, for `layerlab-cli predict` and the Evaluate workbench: PNG, JPEG, BMP, GIF (first
// frame), TGA, PSD, PNM through stb_image (Debian's libstb-dev), PNG out through stb_image_write. Everything
// a caller sees is one 8-bit grey plane: colour is converted to luma (Rec. 601: 0.299 R + 0.587 G +
// 0.114 B), and transparency is composited over white paper.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace layerlab {

// An image file that cannot be read, is not an image, or is too large.
struct ImageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// One grey plane, row-major, 0 = black .. 255 = white.
struct GrayImage {
    int width = 0, height = 0;
    std::vector<std::uint8_t> pixels;  // width x height
    bool empty() const { return width <= 0 || height <= 0; }
    std::uint8_t at(int x, int y) const { return pixels[std::size_t(y) * width + x]; }
};

struct DecodedImage {
    GrayImage image;
    int channels = 0;  // in the file: 1 grey, 2 grey + alpha, 3 RGB, 4 RGBA
};

// Largest image read: 64 megapixels (a 8000x8000 photo); larger ones are refused before decoding.
inline constexpr long long kMaxImagePixels = 64LL * 1024 * 1024;

// Decodes an image held in memory. Throws ImageError("<name>: <what is wrong>") for data that is not an
// image stb can read (with its reason), or one over kMaxImagePixels.
DecodedImage decodeImage(const std::vector<std::uint8_t>& bytes, const std::string& name);
// Reads and decodes a file. Throws ImageError naming the file: missing, unreadable, a folder, empty, not an
// image, too large.
DecodedImage loadImage(const std::string& path);
// The bytes of an image file, with loadImage's checks on the file (missing, unreadable, a folder, not a
// regular file, over 512 MB, empty). Throws ImageError naming the file.
std::vector<std::uint8_t> readImageBytes(const std::string& path);
// " (<why>)" for the last stb_image failure on this thread, in words ("0-pixel image": "it has no pixels").
std::string imageFailureText();

// PNG bytes of a grey image (for tests, exports).
std::vector<std::uint8_t> encodePng(const GrayImage& image);

// Bytes of an image file of w x h pixels with `channels` interleaved 8-bit channels (1 grey, 2 grey + alpha,
// 3 RGB, 4 RGBA) in `format` (JPEG ignores alpha; quality 1..100). Empty for an impossible image.
enum class ImageFormat { PNG, JPEG, BMP };
std::vector<std::uint8_t> encodeImage(const std::uint8_t* pixels, int w, int h, int channels,
                                      ImageFormat format, int jpegQuality = 90);
// Writes a PNG under the write rules of core/atomic_file.h. Returns "" or the reason it was not written.
std::string savePng(const std::string& path, const GrayImage& image);

}  // namespace layerlab
