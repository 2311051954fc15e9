#pragma once
// A trained model on disk: its spec and its weights in one file, written atomically.
// Layout: "LLCKPT01" magic, u32 version, u64 spec length, spec JSON, u64 param count, float32 params (LE),
// u32 CRC-32 of everything before it. Any mismatch gives a CheckpointError naming the file and the problem.
// Version 1, or 2 for a model with BatchNorm layers (the same layout; their running mean and variance are
// among the params, after each layer's scale and shift): a LayerLab older than BatchNorm refuses version 2
// as written by a newer LayerLab. Version 3, an int8-quantized model (core/compression.h): the same, then
// its quantization before the CRC: u32 layer count L, and per layer u32 engine layer, f32 input scale, u32
// output channels C, C f32 weight scales. Its params are the dequantized weights (dequantize on load): a
// loaded quantized model runs quantized wherever it is given quantization (InferenceModel::setQuantization).
// Version 4, the int8 model as written now: the quantization section right after the param count, then the
// params with each quantized layer's weights as int8 codes (1 byte each; weight = code x its channel's
// scale, bit for bit the dequantized weight) and the rest float32. All four versions load.
#include <string>
#include <vector>

#include "core/compression.h"
#include "core/model_spec.h"

namespace layerlab {

struct Checkpoint {
    ModelSpec spec;
    std::vector<float> params;
    Quantization quantization;  // empty for a float model (versions 1 and 2)
};

// A non-empty quantization writes version 4 (throws CheckpointError when it does not fit the model), or
// version 3 when some quantized weight is not exactly code x scale (changed after quantizing).
void saveCheckpoint(const std::string& path, const ModelSpec& spec, const std::vector<float>& params,
                    const Quantization& quantization = {});
// Throws CheckpointError naming the file and the problem (a model file given instead is named as such).
Checkpoint loadCheckpoint(const std::string& path);
// True when the file starts with the checkpoint magic (reads 8 bytes; false when it cannot be read). For
// places that take a model file and also accept a checkpoint (its model and weights).
bool isCheckpointFile(const std::string& path);

}  // namespace layerlab
