#pragma once
// Copies of a model's weights and of one sample's activations, for the GUI to draw. Value types only:
// nothing here points into a live Network.
#include <cstdint>
#include <string>
#include <vector>

#include "core/model_spec.h"
#include "core/shape.h"

namespace layerlab {

// One layer as the editor shows it: a Dense or Conv2D with an `activation` option is ONE layer here (the
// engine runs it as two), so layers are numbered and named as in the editor (specIndex + 1).
struct LayerSnapshot {
    int specIndex = -1;  // which ModelSpec layer this is (the editor's block specIndex + 1)
    LayerSpec spec;      // that layer as the user wrote it (type, settings, fused activation)
    std::string name;    // its type's name: "Conv2D", "ReLU", ...
    Shape outputShape;
    // The layer's output for the probe sample (outputShape.size() floats): after its fused activation, the
    // value the next layer receives.
    std::vector<float> activation;
    // With a fused activation: the output before it (same shape); empty otherwise.
    std::vector<float> preActivation;
    // Weights without biases, shaped as Layer::weightShape: Conv2D {filters, inChannels, k, k}, Dense
    // {units, inputs}; empty for a layer without weights.
    std::vector<int> weightDims;
    std::vector<float> weights;
};

struct Snapshot {
    int epoch = 0;       // 1-based epoch running when taken (0 = before training)
    int batch = 0;       // batches done in that epoch
    long long step = 0;  // optimizer steps done in total
    Shape inputShape;
    std::vector<float> input;  // the probe sample, scaled to [0, 1]
    int label = -1;
    int predicted = -1;
    std::vector<float> probabilities;
    std::vector<LayerSnapshot> layers;  // one per ModelSpec layer, in order
};

class Network;
// Runs one sample (image of inputShape, uint8) through net (batch of 1) and copies weights and activations.
// Uses the net's buffers: call only on the thread that owns net.
Snapshot takeSnapshot(Network& net, const std::uint8_t* image, int label);

// For a model loaded from a checkpoint: builds a network with these params and snapshots one image. With a
// non-empty `quantization` (an int8 checkpoint's, core/compression.h; params its dequantized weights) each
// quantized layer's input is rounded to int8 as InferenceModel::setQuantization runs it.
struct Quantization;
Snapshot snapshotFromParams(const ModelSpec& spec, const std::vector<float>& params,
                            const std::uint8_t* image, int label, const Quantization* quantization = nullptr);

}  // namespace layerlab
