#pragma once
// "Why did it answer that?": maps over one input image of how much each pixel matters to a target class,
// computed on an InferenceModel (a private copy of the weights, see core/inference_model.h). Each function
// runs on the caller's thread (parallel work in the model's arena) and returns a value type; bad input
// (an image of the wrong size, a class out of range, Grad-CAM without a Conv2D) is an error value, never an
// exception or a crash.
//
// The input is one image as the network sees it: inputShape().size() floats (pixels scaled by
// pixelsToInputs, core/input_scaling.h). The "score" of a class is the model's output before a final Softmax
// (its logit); "probability" is the softmax of the scores. Maps are H x W (the input's height and width,
// see imageGeometryOf); with several input channels, saliency maps are summed over the channels.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/model_spec.h"

namespace layerlab {

class InferenceModel;

enum class ExplainMethod { Saliency, SmoothGrad, Occlusion, GradCam };
const char* explainMethodName(ExplainMethod m);  // "Saliency", "SmoothGrad", "Occlusion", "Grad-CAM"
// One sentence saying what the map measures, for the label beside it.
const char* explainMethodMeasures(ExplainMethod m);

struct Explanation {
    ExplainMethod method = ExplainMethod::Saliency;
    int targetClass = -1;              // the class explained
    int predictedClass = -1;           // the model's answer on the image as given
    float targetProbability = 0;       // the model's probability of targetClass on the image as given
    std::vector<float> probabilities;  // K: the model's probabilities on the image as given
    int height = 0, width = 0;
    // height x width, row-major. Saliency, SmoothGrad: signed d score / d pixel. Occlusion: drop in the
    // target's probability when the pixel is covered (negative where covering raises it). Grad-CAM: >= 0.
    std::vector<float> values;
    bool signedValues = true;  // false for Grad-CAM (a sequential colour map then suits it)
    std::string error;         // not empty: nothing was computed; one sentence saying why and what to do
    std::string note;          // e.g. Grad-CAM on small maps: "coarse: ..."
    double seconds = 0;        // wall time
    bool ok() const { return error.empty(); }
    float maxAbs() const;  // largest |value| (0 when empty), for a symmetric colour scale
};

// Saliency (Simonyan et al. 2014): d score[target] / d input, signed. target -1: the predicted class.
Explanation saliency(InferenceModel& model, std::span<const float> input, int target = -1);

// SmoothGrad (Smilkov et al. 2017): the saliency averaged over `samples` copies of the image with Gaussian
// noise of standard deviation noise * (max - min of the image's values; 1 when the image is uniform).
struct SmoothGradOptions {
    int samples = 25;     // 1 to 1000
    float noise = 0.15f;  // 0 to 1
    std::uint64_t seed = 1;
};
Explanation smoothGrad(InferenceModel& model, std::span<const float> input, int target = -1,
                       const SmoothGradOptions& options = {});

// Occlusion sensitivity (Zeiler & Fergus 2014): a patch x patch square slides over the image in steps of
// `stride` (the last position touches the right and bottom edges, so every pixel is covered); each pixel's
// value is the mean over the patches covering it of  p(target | image) - p(target | image with the patch).
enum class OcclusionFill {
    Zero,            // black (for MNIST-style images: erased ink)
    BackgroundMean,  // the mean of the image's border pixels: what its background looks like
    ImageMean,       // the mean of all the image's values: a neutral grey
};
struct OcclusionOptions {
    int patch = 5;   // 1 to the image's size
    int stride = 2;  // 1 to patch
    OcclusionFill fill = OcclusionFill::Zero;
};
Explanation occlusion(InferenceModel& model, std::span<const float> input, int target = -1,
                      const OcclusionOptions& options = {});

// Grad-CAM (Selvaraju et al. 2017) on the output of Conv2D spec layer `convLayer` (after its activation),
// A (F x h x w): weights a_f = mean over the map of d score[target] / d A_f, map = ReLU(sum_f a_f A_f),
// brought to the input's H x W bilinearly with each map pixel placed at the centre of the input window it
// sees (through the strides, kernels, padding and pools before it: the seed CNN's 11x11 map spans input
// pixels 3.5 to 23.5, not the whole 28x28, so the heat lands on the digit). convLayer -1: the last Conv2D.
// An error value when the model has no Conv2D or convLayer is not one.
Explanation gradCam(InferenceModel& model, std::span<const float> input, int target = -1, int convLayer = -1);

// The spec indices of the model's Conv2D layers (Grad-CAM's choices), in order.
std::vector<int> conv2dLayers(const ModelSpec& spec);
// "" when Grad-CAM can run on this model, else why not (for a disabled choice's tooltip).
std::string gradCamUnavailableReason(const ModelSpec& spec);

// Bilinear resize of one h x w map to H x W, pixel centres aligned (as OpenCV's resize and PyTorch's
// interpolate with align_corners=false): edge values are held.
std::vector<float> resizeBilinear(const float* src, int h, int w, int H, int W);

}  // namespace layerlab
