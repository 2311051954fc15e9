#pragma once
// Frozen layers ("trainable": false on a layer of the model file, the lock on its block in the studio): their
// weights keep their values while the rest of the model trains, as in transfer learning (the convolution
// layers a model learned on one dataset, a new last layer trained on another). The engine gives a frozen
// layer no update, no L2 and no optimizer state, and skips its weight gradients in backward (see
// Network::trainableMask). A frozen block (Residual) freezes every layer inside it.
#include <string>
#include <vector>

#include "core/model_spec.h"
#include "core/shape_inference.h"

namespace layerlab {

// The sentence for a model whose every layer with weights is frozen (training would change nothing).
std::string nothingToTrainMessage();
// nothingToTrainMessage() when the model has parameters and none of them learns, else "".
std::string nothingToTrainReason(const ModelInfo& info);

// Whether the layer at `path` is frozen, by its own flag or a block around it.
bool isFrozen(const ModelSpec& spec, const std::vector<int>& path);
// The paths of the layers frozen by their own flag, depth-first in file order (a frozen block once, not the
// layers inside it).
std::vector<std::vector<int>> frozenLayerPaths(const ModelSpec& spec);
// The parameters of frozen layers: all but the trainable ones and the running statistics (BatchNorm's, which
// are neither).
inline long long frozenParams(const LayerInfo& l) {
    return l.params - l.trainableParams - l.stateParams;
}
inline long long frozenParams(const ModelInfo& m) {
    return m.params - m.trainableParams - m.stateParams;
}
// "225,034 parameters (18,816 frozen in layers 1 and 3, 206,218 trainable)", or "225,034 parameters" when
// nothing is frozen; with BatchNorm ", 256 running statistics" before the closing parenthesis.
std::string parameterSummary(const ModelSpec& spec, const ModelInfo& info);

// Whether a and b are the same layers but for what is frozen: the same parameter layout, so weights of one
// fit the other.
bool sameLayersIgnoringFreezing(const std::vector<LayerSpec>& a, const std::vector<LayerSpec>& b);

// "1,234,567"
std::string groupedNumber(long long n);

}  // namespace layerlab
