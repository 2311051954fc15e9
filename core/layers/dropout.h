#pragma once
#include <cstdint>
#include <vector>

#include "core/aligned_buffer.h"

#include "core/layer.h"

namespace layerlab {

// Inverted dropout: in training each unit is zeroed with probability p and the rest scaled by 1/(1-p);
// at inference it is the identity. The mask comes from a counter-based hash of (step seed, sample, unit), so
// it does not depend on how samples are split across threads.
class Dropout : public Layer {
public:
    explicit Dropout(float rate) : m_rate(rate) {}
    Shape configure(const Shape& in) override;
    LayerType type() const override { return LayerType::Dropout; }
    Workspace workspace() const override { return {m_in.size(), 0}; }  // the mask
    void reserve(int maxBatch, int chunks) override;
    void setStepSeed(std::uint64_t seed) override { m_seed = seed; }
    void forward(const float* in, float* out, int first, int n, int chunk, bool training) override;
    void backward(const float* in, const float* out, const float* dOut, float* dIn, GradMode mode,
                  float* dParams, int first, int n, int chunk) override;

private:
    float m_rate;
    std::uint64_t m_seed = 0;
    FloatBuffer m_mask;  // maxBatch x size: 0 or 1/(1-p); all 1 after an inference pass
};

}  // namespace layerlab
