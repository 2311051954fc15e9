#pragma once
// The weights a studio session keeps between runs: those of the last run (finished, or stopped by the user),
// or of a loaded checkpoint, with the model they belong to. A value type; the studio's Start and checkpoint
// actions read and replace it.
#include <QString>
#include <vector>

#include "core/compression.h"
#include "core/freezing.h"
#include "core/model_spec.h"

struct TrainedWeights {
    // StartWeights: the model's own fresh weights with a checkpoint's loaded into the layers that fit
    // (Start from Weights, core/weight_transfer.h).
    enum class Origin { None, Run, StoppedRun, Checkpoint, StartWeights };

    std::vector<float> params;
    layerlab::ModelSpec spec;
    Origin origin = Origin::None;
    QString file;  // Checkpoint and StartWeights: the checkpoint or ONNX model they were loaded from
    // An int8 checkpoint's quantization (core/compression.h): params are its dequantized weights and every
    // InferenceModel made from them runs quantized (setQuantization). Empty: float32. Training from these
    // weights runs in float32.
    layerlab::Quantization quantization;

    bool empty() const { return params.empty(); }
    // Same input, classes and layers as `other` (what is frozen aside), so the same parameter layout: the
    // weights can start a run of `other` (its training settings and frozen layers may differ).
    bool fits(const layerlab::ModelSpec& other) const {
        return !params.empty() && spec.input == other.input && spec.classes == other.classes &&
               layerlab::sameLayersIgnoringFreezing(spec.layers, other.layers);
    }
};
