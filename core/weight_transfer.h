#pragma once
// Start from weights: a checkpoint's weights copied into another model, layer by layer, as transfer
// learning starts (the convolution layers learned on MNIST under a new last layer for Fashion-MNIST).
//
// Pairing is by position and shape. The layers with parameters of each model (Dense, Conv2D, BatchNorm, the
// layers inside blocks; depth-first in file order) are numbered 1, 2, 3, ... on each side; layers without
// weights (pooling, Flatten, Dropout, activations) do not count, so adding or removing one of them does not
// shift the pairs (as Keras' load_weights pairs layers; a BatchNorm has parameters, so adding one does). The
// k-th layer with weights of the model and the k-th of the checkpoint are then:
//   Loaded      the same type, and weights and biases of the same shapes: the checkpoint's values are copied
//               (a BatchNorm's scale and shift with its running mean and variance);
//   Fresh       the same type with other shapes (a new last layer for another number of classes, more units):
//               it keeps its fresh initialisation;
//   NotMatched  a layer of another type there, or none (the checkpoint has fewer): fresh too.
// Layers of the checkpoint that no layer of the model pairs with are listed as unused.
#include <span>
#include <string>
#include <vector>

#include "core/model_spec.h"

namespace layerlab {

struct LayerTransfer {
    enum class Outcome { Loaded, Fresh, NotMatched };
    Outcome outcome = Outcome::NotMatched;
    std::vector<int> path;  // in the model ({2, 1} = layer 3.2)
    LayerType type = LayerType::Dense;
    std::string id;
    std::string shape;  // "128x1600 weights + 128 biases"
    long long params = 0;
    long long offset = 0;         // its first parameter in the model's params
    std::vector<int> sourcePath;  // the checkpoint's layer paired with it; empty when there is none
    std::string source;           // "layer 7 (Dense), 128x1600 weights + 128 biases"; "" when none
    std::string reason;           // Fresh and NotMatched: why, in words
};

struct WeightTransfer {
    std::vector<LayerTransfer> layers;  // one per layer with parameters of the model, in order
    std::vector<std::string> unused;    // the checkpoint's layers with weights nothing pairs with, described
    int sourceLayers = 0;               // layers with parameters in the checkpoint
    long long loadedParams = 0, freshParams = 0;

    int count(LayerTransfer::Outcome o) const;
    // "" when at least one layer gets weights; otherwise why none does, naming the first pair's problem.
    std::string refusal() const;
    // "3 of 4 layers with weights loaded (3,552 parameters), 1 starts fresh (other shape)"
    std::string summary() const;
    // One line per layer with weights, for a terminal:
    //   "layer 1 (Conv2D) 32x1x3x3 weights + 32 biases: loaded from the checkpoint's layer 1 (Conv2D)"
    //   "layer 6 (Dense) 128x1600 weights + 128 biases: starts fresh, other shape: ..."
    // then one per unused checkpoint layer ("not used: layer 8 (Dense), ...").
    std::vector<std::string> lines() const;
};

// Plans what transferWeights does, without copying. Throws SpecError when either model cannot work
// (shape inference), naming which.
WeightTransfer planWeightTransfer(const ModelSpec& model, const ModelSpec& checkpoint);

// Copies the Loaded layers' weights from checkpointParams (the checkpoint's whole parameter buffer) into
// params (the model's, already initialised: the other layers keep their values) and returns the plan.
// Throws SpecError when a buffer's size is not its model's parameter count. Copies nothing when refusal()
// is not empty (the caller says it).
WeightTransfer transferWeights(const ModelSpec& model, std::span<float> params, const ModelSpec& checkpoint,
                               std::span<const float> checkpointParams);

// The outcome's word for tables: "loaded", "fresh", "no match".
const char* transferOutcomeName(LayerTransfer::Outcome o);

}  // namespace layerlab
