#pragma once
// Data augmentation: each training image, each time it is drawn, goes through its own random shift,
// rotation, zoom and noise, so the network never sees exactly the same picture twice and learns what does
// not change under these moves (a 7 shifted by two pixels is still a 7). Validation and test images are never
// augmented.
//
// A sample's transform depends only on the run's seed, the epoch and the sample's place in that epoch
// (augmentSeed), never on which thread handles it: a seeded run is the same on any thread count.
//
// The transform, for an image of C x H x W with centre c = ((W - 1) / 2, (H - 1) / 2):
//   output pixel p (per channel) = input at  c + R(-angle) (p - c - d) / scale   (bilinear, 0 outside)
//   with d = (dx, dy) a whole-pixel shift drawn from [-shift, shift] (so a shift alone moves pixels exactly),
//   angle from [-rotation, rotation] degrees, scale from [1 - zoom, 1 + zoom];
//   then inputs = pixels / 255 (as pixelsToInputs) + Gaussian noise of standard deviation `noise`, clamped
//   to [0, 1].
// Elastic distortion (Simard, Steinkraus and Platt 2003, "Best practices for convolutional neural networks
// applied to visual document analysis"): before that map, p becomes p + u(p), where u is a field of random
// displacements, each component uniform in [-1, 1] per pixel, smoothed by a Gaussian of standard deviation
// kElasticSigma pixels and scaled by `elastic` (alpha, in pixels).
#include <cstddef>
#include <cstdint>

#include "core/model_spec.h"
#include "core/shape.h"

namespace layerlab {

// One sample's transform, drawn from the settings' ranges.
struct AugmentDraw {
    int dx = 0, dy = 0;      // pixels, right and down
    float angleDegrees = 0;  // counter-clockwise as seen on screen
    float scale = 1;         // > 1 enlarges
    float noise = 0;         // standard deviation, in input units (0..1)
    std::uint64_t noiseSeed = 0;
    float elastic = 0;  // alpha, pixels (0 = none)
    std::uint64_t elasticSeed = 0;
};

constexpr double kElasticSigma = 4.0;  // pixels: the smoothing of the elastic displacement field

bool augmentationOn(const AugmentationSpec& a);

// The seed of the sample at `position` of epoch `epoch` in a run seeded `runSeed`.
std::uint64_t augmentSeed(std::uint64_t runSeed, int epoch, std::size_t position);

AugmentDraw drawAugment(const AugmentationSpec& a, std::uint64_t sampleSeed);

// Writes shape.size() network inputs for one image of `shape` (uint8 pixels, channel-major) transformed by d.
void augmentToInputs(const std::uint8_t* pixels, const Shape& shape, const AugmentDraw& d, float* inputs);

// Copies an image of `shape` moved by whole pixels (dx right, dy down); what enters at the edge is 0. For
// testing a model on moved images (layerlab-cli evaluate --shift), as the shift of augmentToInputs moves
// them.
void shiftImage(const std::uint8_t* pixels, const Shape& shape, int dx, int dy, std::uint8_t* out);

}  // namespace layerlab
