#pragma once
// A compression sweep: the variants of one trained model (float32, int8, pruned at several sparsities,
// optionally fine-tuned) built and run on the test set, one row each: size as stored, test accuracy,
// agreement with the float32 model and inference speed. The one implementation behind layerlab-cli
// compress and the studio's Compress dialog, so both show the same figures for the same inputs.
//
// Threading: runs on the caller's thread (the studio calls it on a worker); its parallel work runs in the
// InferenceModels' and Trainers' own arenas. `cancel` (set by another thread) ends it at the next batch.
#include <atomic>
#include <functional>
#include <string>
#include <vector>

#include "core/compression.h"
#include "core/dataset.h"
#include "core/model_spec.h"

namespace layerlab {

struct CompressionPlan {
    bool int8 = false;               // an int8 variant
    std::vector<double> sparsities;  // pruned variants (fractions, 0 <= s < 1), in this order
    // false (a sweep): the int8 variant is the unpruned model's, the pruned ones stay float32.
    // true (one model): each pruned variant is quantized as well ("sparsity 50% + int8"), and no separate
    // int8 row is made when sparsities are given.
    bool quantizePruned = false;
    int fineTuneEpochs = 0;  // after pruning (sparsity > 0), with the model's training settings
    int calibration = 1000;  // training images the activation scales are calibrated on (capped at the set)
    int threads = 0;         // 0 = all cores
};

struct CompressionVariant {
    std::string name;  // "float32", "int8", "sparsity 80%", "sparsity 80% + 2 ep + int8"
    std::string precision = "float32";
    double sparsity = 0;  // fraction
    std::vector<float> params;
    Quantization quantization;         // empty for float32
    long long bytes = 0;               // as stored (core/compression.h: float32Bytes, int8Bytes, sparseBytes)
    long long zeros = 0, weights = 0;  // zero weights / weights of the compressible layers
    double accuracy = 0;               // on the test set, 0..1
    double agreement = 0;              // share of test images predicted as the float32 model predicts them
    double imagesPerSecond = 0;        // test images per second through the engine
    double fineTuneSeconds = 0;        // 0 when not fine-tuned
};

struct CompressionSweep {
    std::vector<CompressionVariant> variants;  // float32 first, then int8, then the pruned ones
    int calibration = 0;                       // calibration images used
    std::size_t testImages = 0;
    int threads = 0;  // of the inference models
    bool cancelled = false;
};

// step of steps, and what is being done ("fine-tuning sparsity 80%", "testing int8").
using CompressionProgress = std::function<void(int step, int steps, const std::string& what)>;

// "" when the plan can run (something to do, sparsities in range, epochs 0-1000), else one sentence.
std::string checkCompressionPlan(const CompressionPlan& plan);

// Throws std::invalid_argument for a plan checkCompressionPlan refuses, SpecError / CheckpointError when
// params does not fit spec, DataError when data does not fit the model, std::runtime_error when a
// fine-tune fails or diverges ("fine-tuning sparsity 80%: ..."). data must hold test images.
CompressionSweep runCompressionSweep(const ModelSpec& spec, const std::vector<float>& params,
                                     const Dataset& data, const CompressionPlan& plan,
                                     const CompressionProgress& progress = {},
                                     const std::atomic<bool>* cancel = nullptr);

// "50%", "12.5%": a sparsity fraction as the variant names write it.
std::string sparsityText(double fraction);

}  // namespace layerlab
