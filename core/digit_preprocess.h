#pragma once
// MNIST's own preprocessing, for a drawing or a photo of a digit, so that the network sees what it was
// trained on: light ink on black, the digit scaled into a 20x20 box (grey anti-aliased edges) and placed
// in 28x28 with its centre of mass at the centre. The steps (each switchable, to show why it matters):
//
//   levels  find the paper from the image's border (the median of its outermost pixels); dark ink on light
//           paper is inverted (Auto), the paper level becomes 0 and the darkest ink 255; what stays under
//           10% of that range is paper texture and becomes 0
//   crop    to the bounding box of the ink (of the pixels above a quarter of its strength, so that the faint
//           rim of a blurred stroke does not count; off: the whole image)
//   scale   the box's longer side to boxSize pixels, aspect ratio kept (off: pixels stay as they are; a box
//           larger than the frame is clipped), by area averaging: each new pixel is the mean of the area it
//           covers (off: the nearest pixel, hard edges)
//   centre  place the box so its intensity-weighted centre of mass falls on pixel (W/2, H/2), i.e. (14, 14)
//           (rounded to whole pixels, as MNIST's own images: their centres of mass lie within half a pixel
//           of it); off: the box's middle at the frame's middle
//
// Fashion-MNIST was made differently (each product trimmed, its longer side scaled to 28, centred by its
// box): fashionMnist() gives those settings.
#include <string>

#include "core/image_io.h"
#include "core/model_spec.h"

namespace layerlab {

enum class InkPolarity {
    Auto,         // from the border: a light border means dark ink on light paper
    DarkOnLight,  // pen on paper: inverted
    LightOnDark,  // chalk on a board, MNIST itself: kept
};

struct DigitPreprocessOptions {
    bool crop = true;
    bool scale = true;
    bool areaAveraging = true;
    bool centerOfMass = true;
    InkPolarity polarity = InkPolarity::Auto;
    int boxSize = 20;  // the box the longer side is scaled to
    int outputWidth = 28, outputHeight = 28;

    static DigitPreprocessOptions mnist() { return {}; }
    static DigitPreprocessOptions fashionMnist();
    // fashionMnist() for Fashion-MNIST, mnist() otherwise.
    static DigitPreprocessOptions forDataset(DatasetKind kind);
    // forDataset(kind) for a model whose input is width x height: that output size, and the box keeps
    // MNIST's proportion of it (20 of 28; Fashion-MNIST's 28 of 28).
    static DigitPreprocessOptions forInput(DatasetKind kind, int width, int height);
};

struct DigitPreprocessResult {
    GrayImage image;        // outputWidth x outputHeight, light ink on black: what the network is given
    bool empty = false;     // no ink found (a blank drawing or a blank page)
    std::string error;      // not empty: no image; one sentence (empty drawing, bad options, bad image)
    bool inverted = false;  // the source was taken as dark ink on light paper
    int paperLevel = 0;     // the border's median grey in the source (0..255)
    int boxX = 0, boxY = 0, boxWidth = 0, boxHeight = 0;  // the cropped region of the source
    int scaledWidth = 0, scaledHeight = 0;                // its size after scaling
    int offsetX = 0, offsetY = 0;     // where the scaled box's top-left corner landed in the output
    double centerX = 0, centerY = 0;  // the output's intensity-weighted centre of mass (pixel indices)
    bool ok() const { return error.empty(); }
};

// Any size of source image. An empty drawing or blank page gives empty = true and the error "the drawing
// is empty: draw a digit first".
DigitPreprocessResult preprocessDigit(const GrayImage& source, const DigitPreprocessOptions& options = {});

// Resamples a w x h plane (floats) to W x H: area averaging (each output pixel the mean of the source area
// it covers, partial pixels weighted by coverage) or nearest pixel.
std::vector<float> resamplePlane(const std::vector<float>& src, int w, int h, int W, int H,
                                 bool areaAveraging);

}  // namespace layerlab
