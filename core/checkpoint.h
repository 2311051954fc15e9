#pragma once
// A trained model on disk: its spec and its weights in one file, written atomically.
// Layout: "LLCKPT01" magic, u32 version, u64 spec length, spec JSON, u64 param count, float32 params (LE),
// u32 CRC-32 of everything before it. Any mismatch gives a CheckpointError naming the file and the problem.
// Version 1, or 2 for a model with BatchNorm layers (the same layout; their running mean and variance are
// among the params, after each layer's scale and shift): a LayerLab older than BatchNorm refuses version 2
// as written by a newer LayerLab. Both versions load.
#include <string>
#include <vector>

#include "core/model_spec.h"

namespace layerlab {

struct Checkpoint {
    ModelSpec spec;
    std::vector<float> params;
};

void saveCheckpoint(const std::string& path, const ModelSpec& spec, const std::vector<float>& params);
// Throws CheckpointError naming the file and the problem (a model file given instead is named as such).
Checkpoint loadCheckpoint(const std::string& path);
// True when the file starts with the checkpoint magic (reads 8 bytes; false when it cannot be read). For
// places that take a model file and also accept a checkpoint (its model and weights).
bool isCheckpointFile(const std::string& path);

}  // namespace layerlab
