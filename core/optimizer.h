#pragma once
// Optimizers over ONE parameter span and ONE gradient span (the Network's buffers).
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "core/model_spec.h"

namespace layerlab {

class Optimizer {
public:
    virtual ~Optimizer() = default;
    // params -= update(grads). l2 adds lambda * w to the gradient where weightMask is 1 (weight decay).
    virtual void step(std::span<float> params, std::span<const float> grads) = 0;
    // Optimizer state (moments) is not saved in checkpoints: a loaded model resumes with fresh state.
    void setLearningRate(float lr) { m_lr = lr; }
    float learningRate() const { return m_lr; }

protected:
    float m_lr = 0.001f;
};

std::unique_ptr<Optimizer> makeOptimizer(const OptimizerSpec& spec, std::size_t paramCount);

// grads += lambda * params where mask is 1; returns lambda/2 * sum(w^2) over those (the loss term).
double applyL2(std::span<const float> params, std::span<float> grads, const std::vector<std::uint8_t>& mask,
               float lambda);

}  // namespace layerlab
