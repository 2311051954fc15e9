#pragma once
// A residual block: y = x + f(x), with f a chain of inner layers whose output shape equals its input shape
// (He et al. 2016). The Network sees one layer; the block runs its chain itself, as the Network runs its own.
//
// Shapes (S = the block's input and output size, S_j = inner layer j's output size, n = samples):
//   forward : in n x S -> a_j = f_j(a_{j-1}) (a_{-1} = in, each n x S_j) -> out = in + a_last   (n x S)
//   backward: dOut n x S -> dIn = dOut (the skip) + f's input gradient (the branch, Added by f's first layer)
//             dL/dx = dL/dy (dy/dx) = dL/dy (I + df/dx)
// Parameters: the inner layers' parameter views, one after another in the block's part of the network's
// buffer; their gradients are added into the chunk's gradient buffer like any layer's, so results do not
// depend on how threads split the batch. A frozen inner layer gets no parameter buffer in backward, and
// without dIn wanted the branch stops at its lowest layer that learns.
#include <memory>
#include <vector>

#include "core/aligned_buffer.h"
#include "core/layer.h"

namespace layerlab {

class Residual : public Layer {
public:
    // Builds the inner layers (each spec's layer, then its fused activation as its own layer).
    explicit Residual(const std::vector<LayerSpec>& inner);
    ~Residual() override;

    // Throws SpecError when the chain is empty, an inner layer cannot take its input ("inner layer 2
    // (Conv2D) ..."), needs the whole batch (BatchNorm), or the chain does not give back the input's shape.
    Shape configure(const Shape& in) override;
    LayerType type() const override { return LayerType::Residual; }
    long long paramCount() const override;
    long long weightCount() const override;
    void markWeights(std::uint8_t* mask) const override;
    // Frozen as a whole: every inner layer is frozen. Learns when any inner layer does.
    void setTrainable(bool on) override;
    bool learns() const override;
    void markTrainable(std::uint8_t* mask) const override;
    // The inner layers' workspaces, their outputs (per sample) and the two gradient buffers of each chunk
    // (per sample, plus one sample per chunk for rounding the batch into chunks).
    Workspace workspace() const override;
    double forwardFlops() const override;  // the chain's, plus one add per value
    void bind(float* params) override;
    // Each inner layer by its own init, or the block's `init` (the model's) when it has none; auto looks at
    // the next inner layer as the Network does, and the last inner layer at what follows the block.
    void initParams(std::mt19937_64& rng, const InitChoice& init) override;
    void reserve(int maxBatch, int chunks) override;
    void forward(const float* in, float* out, int first, int n, int chunk, bool training) override;
    void backward(const float* in, const float* out, const float* dOut, float* dIn, GradMode mode,
                  float* dParams, int first, int n, int chunk) override;
    void setStepSeed(std::uint64_t seed) override;

    // The engine layers of f (a fused activation is its own layer).
    int innerCount() const { return int(m_layers.size()); }
    const Layer& inner(int i) const { return *m_layers[i]; }

private:
    const float* act(int j, int sample) const;  // output of inner layer j at `sample` (maxBatch x S_j buffer)
    float* act(int j, int sample);

    std::vector<std::unique_ptr<Layer>> m_layers;
    std::vector<const LayerSpec*>
        m_specs;                          // each inner engine layer's spec (a fused activation: its layer's)
    std::vector<LayerSpec> m_inner;       // the inner specs, as given
    std::vector<long long> m_offset;      // each inner layer's parameters within the block's
    std::vector<FloatBuffer> m_acts;      // m_acts[j] = output of inner layer j, maxBatch x S_j
    std::vector<FloatBuffer> m_gA, m_gB;  // per chunk: ping-pong gradient buffers, maxChunk x largest S_j
    int m_maxBatch = 0;
};

}  // namespace layerlab
