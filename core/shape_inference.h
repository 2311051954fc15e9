#pragma once
// Shape inference over a ModelSpec: every layer's output shape, parameter count and FLOPs,
// or the first error, which names the layer, its index and the shapes and suggests the fix.
#include <string>
#include <vector>

#include "core/model_spec.h"

namespace layerlab {

struct LayerInfo {
    Shape inputShape;
    Shape outputShape;              // empty when the layer (or one before it, or one inside it) is invalid
    long long params = 0;           // a block: its inner layers' together
    long long trainableParams = 0;  // of params, those that learn (0 when frozen, or in a frozen block)
    long long stateParams = 0;      // of params, state no gradient moves (BatchNorm's running statistics)
    double flops = 0;  // forward FLOPs per sample (multiply-add = 2); a block: with its inner layers'
    // Workspace floats the engine layer(s) reserve (Layer::workspace, with the fused activation's); a block:
    // with its inner layers' and its own buffers.
    long long workspacePerSample = 0, workspacePerChunk = 0;
    bool wholeBatch = false;  // normalises over the whole batch (Layer::wholeBatch: BatchNorm)
    std::string error;  // empty when the layer is fine ("layer 3.2 (Conv2D) needs ..." for an inner one)
    std::vector<LayerInfo> inner;  // a block: one per inner layer (LayerSpec::layers)
};

struct ModelInfo {
    std::vector<LayerInfo> layers;  // one per ModelSpec::layers entry
    Shape outputShape;
    long long params = 0;
    long long trainableParams = 0;            // params - trainableParams - stateParams are frozen
    long long stateParams = 0;                // running statistics: neither trainable nor frozen
    double flopsPerSample = 0;                // forward
    double trainFlopsPerSample = 0;           // forward + backward, about 3x forward
    long long activationFloatsPerSample = 0;  // sum of all layer outputs
    std::string error;                        // first error (model-wide or a layer's), empty when valid
    int errorLayer = -1;                      // index of the failing layer, -1 when none or model-wide
    std::vector<int> errorPath;               // the failing layer's path ({2, 1} = layer 3.2), or empty
    bool ok() const { return error.empty(); }
};

ModelInfo inferShapes(const ModelSpec& spec);
// The info of the layer at `path` (layerPath), or nullptr.
const LayerInfo* layerInfoAt(const ModelInfo& info, const std::vector<int>& path);

// Throws SpecError(info.error, info.errorLayer) when the model cannot work.
void validateModel(const ModelSpec& spec);

}  // namespace layerlab
