#pragma once
// One image file -> the model's input pixels, as an image folder's import settings say (ImageImportSpec in
// core/model_spec.h). The steps, on the image as stb_image decodes it (PNG, JPEG, BMP; 8 or 16 bits, grey,
// grey + alpha, RGB or RGBA):
//
//   size    refused before decoding when the header gives more than kMaxImagePixels (core/image_io.h), so a
//           20,000 x 20,000 file costs a header read, not 1.6 GB
//   colour  alpha composited over white paper; grey wanted: luma 0.299 R + 0.587 G + 0.114 B; RGB wanted from
//           a grey file: the grey copied into R, G and B
//   scale   straight to the target by stb_image_resize (Mitchell filter when shrinking, Catmull-Rom when
//           enlarging): fit "stretch" fills width x height; fit "pad" scales the longer side to fit, keeps
//           the aspect ratio (each side rounded, at least 1 pixel) and centres it on a frame filled with
//           the border colour (per channel, the median of the image's outermost pixels)
//   invert  v -> 255 - v, padding included
//
// Only one full-size image per call is ever held (the decoded file, converted in place), then the small
// result. Safe to call from many threads at once (stb_image keeps its error text per thread).
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/model_spec.h"

namespace layerlab {

// What importing a file found, besides the pixels.
struct ImportedImageInfo {
    int width = 0, height = 0;  // in the file
    int channels = 0;           // in the file: 1 grey, 2 grey + alpha, 3 RGB, 4 RGBA
};

// Writes spec.channels() x spec.height x spec.width bytes, channel-major (all R, then all G, then all B), to
// out. `name` prefixes errors. Throws ImageError("<name>: <what is wrong>"): empty, not an image, over the
// size limit, cannot be decoded (truncated, damaged).
ImportedImageInfo importImage(const std::uint8_t* bytes, std::size_t size, const std::string& name,
                              const ImageImportSpec& spec, std::uint8_t* out);
// The same for a file (read with core/image_io's checks).
ImportedImageInfo importImageFile(const std::string& path, const ImageImportSpec& spec, std::uint8_t* out);

// Bytes one imported image takes: channels x height x width.
inline std::size_t importedImageSize(const ImageImportSpec& spec) {
    return std::size_t(spec.channels()) * std::size_t(spec.height) * std::size_t(spec.width);
}

}  // namespace layerlab
