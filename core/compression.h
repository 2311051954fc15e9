#pragma once
// Compressing a trained model: magnitude pruning and post-training int8 quantization (issue 11).
//
// Which layers: the Dense and Conv2D layers of the model's top level (engine layers, core/network.h). Their
// weight matrices are pruned and quantized; biases, BatchNorm and the layers inside a Residual block stay
// float32.
//
// Pruning: in each such layer the round(s * n) weights of smallest magnitude (ties: the lower index first)
// are set to 0, so every layer reaches the sparsity s exactly (to one weight). 0 <= s < 1 (0 to 99 %).
//
// Quantization: symmetric, per output channel (a Dense unit, a Conv2D filter). Weight row o of W (O x I):
//   scale_o = max_i |W[o,i]| / 127,  q = clamp(round(w / scale_o), -127, 127),  w' = q * scale_o
// (a row of zeros has scale 0 and stays 0). Each quantized layer's input is calibrated on sample images: its
// scale is max |x| / 127 over everything that layer saw. At inference the engine quantizes each such input
// to int8 with its scale and back (fake quantization, in float) and multiplies by the dequantized weights
// w': "dequantize on load". The results are those of int8 arithmetic with float accumulation; LayerLab has
// no int8 GEMM kernel, so a quantized model runs at float speed.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/model_spec.h"

namespace layerlab {

// One quantized engine layer: the scale of its input (0: the input stays float) and of each output
// channel's weights.
struct QuantizedLayer {
    int engineLayer = 0;
    float inputScale = 0;
    std::vector<float> weightScales;  // one per output channel (O)
};
struct Quantization {
    std::vector<QuantizedLayer> layers;  // ascending engine layer
    bool empty() const { return layers.empty(); }
    // Per engine layer (layerCount entries): the input scale, 0 for a layer that runs in float.
    std::vector<float> inputScales(int layerCount) const;
};

// The layers compression works on: engine layer index, its name ("Conv2D 1"), where its weights sit in the
// params and their shape (rows = output channels).
struct CompressibleLayer {
    int engineLayer = 0;
    std::string name;
    long long offset = 0;  // first weight in params
    int rows = 0;          // O: output channels
    long long cols = 0;    // weights per output channel
    long long weights() const { return (long long)rows * cols; }
};
// Throws SpecError when the spec cannot be built.
std::vector<CompressibleLayer> compressibleLayers(const ModelSpec& spec);

// "" when 0 <= sparsity < 1, else one sentence naming the value and the range (0-99 %).
std::string checkSparsity(double sparsity);

struct PrunedLayer {
    std::string name;
    long long weights = 0, zeros = 0;
};
struct PruneResult {
    std::vector<float> params;       // the model's params with the pruned weights set to 0
    std::vector<std::uint8_t> mask;  // over params: 0 where a weight was pruned, 1 elsewhere
    std::vector<PrunedLayer> layers;
    long long weights = 0, zeros = 0;  // over the pruned layers (zeros: after pruning, all causes)
};
// Throws std::invalid_argument with checkSparsity's message for a sparsity outside [0, 1) or NaN,
// SpecError when the spec cannot be built, CheckpointError when params does not fit the model.
PruneResult pruneByMagnitude(const ModelSpec& spec, std::span<const float> params, double sparsity);

// Per-row scales of a rows x cols row-major matrix: max |w| / 127.
std::vector<float> channelScales(const float* w, int rows, long long cols);
// q = clamp(round(x / scale), -127, 127) (0 for scale 0), and back: q * scale.
std::int8_t quantizeInt8(float x, float scale);
inline float fakeQuantize(float x, float scale) {
    return float(quantizeInt8(x, scale)) * scale;
}
// In place over n values (the engine's activation quantization).
void fakeQuantize(float* x, long long n, float scale);

struct QuantizedModel {
    std::vector<float> params;  // the dequantized weights (on the int8 grid), the rest unchanged
    Quantization quantization;
};
// calibration: n inputs as the network sees them (n x spec.input.size()). threads: 0 = all cores.
// Throws as pruneByMagnitude (no sparsity) does.
QuantizedModel quantizeModel(const ModelSpec& spec, std::span<const float> params, const float* calibration,
                             int n, int threads = 0);

// "" when q fits the model (engine layers that exist, are Dense or Conv2D, one weight scale per output
// channel, finite non-negative scales), else what is wrong. Throws SpecError when the spec cannot be built.
std::string checkQuantization(const ModelSpec& spec, const Quantization& q);

// Model size as stored, the one definition the CLI and README use (bytes):
//   float32:  4 per parameter;
//   int8:     1 per weight of a quantized layer + 4 per scale (weight channels and the input) + 4 per other
//             parameter;
//   sparse:   for each compressible layer a bitmask (1 bit per weight, rounded up to whole bytes) + 4 per
//             nonzero weight; 4 per other parameter. (A sparse format; a pruned checkpoint itself is an
//             ordinary float32 file with zeros in it.)
long long float32Bytes(long long paramCount);
long long int8Bytes(const ModelSpec& spec, long long paramCount, const Quantization& q);
long long sparseBytes(const ModelSpec& spec, std::span<const float> params);

}  // namespace layerlab
