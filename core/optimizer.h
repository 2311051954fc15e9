#pragma once
// Optimizers over ONE parameter span and ONE gradient span (the Network's buffers).
#include <algorithm>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "core/model_spec.h"

namespace layerlab {

// A run of parameters [offset, offset + count) of the network's buffer.
struct ParamRange {
    long long offset = 0, count = 0;
    bool operator==(const ParamRange&) const = default;
};
// The runs of 1s in a mask over the parameters (Network::trainableMask): the parameters that learn.
std::vector<ParamRange> maskRanges(const std::vector<std::uint8_t>& mask);

// Updates only the parameters of its ranges (those that learn) and holds state (moments) for those alone:
// state index k is the k-th parameter of the ranges, in order. The others (frozen layers) are never touched.
class Optimizer {
public:
    virtual ~Optimizer() = default;
    // params -= update(grads) over the ranges; params and grads span the whole network.
    virtual void step(std::span<float> params, std::span<const float> grads) = 0;
    // Optimizer state (moments) is not saved in checkpoints: a loaded model resumes with fresh state.
    void setLearningRate(float lr) { m_lr = lr; }
    float learningRate() const { return m_lr; }
    const std::vector<ParamRange>& ranges() const { return m_ranges; }
    long long trainedCount() const { return m_count; }  // parameters in the ranges
    // Floats of state per parameter it updates (SGD with momentum, Adagrad, RMSprop 1; Adam 2; SGD 0) and in
    // all (stateFloatsPerParam() x trainedCount()).
    virtual int stateFloatsPerParam() const = 0;
    virtual std::size_t stateFloats() const = 0;

protected:
    // f(offset in params, index in the state, count) for each piece of the ranges within state indices
    // [lo, hi).
    template <class F>
    void forPieces(long long lo, long long hi, F&& f) const {
        long long k = 0;
        for (const ParamRange& r : m_ranges) {
            const long long b = std::max(lo, k), e = std::min(hi, k + r.count);
            if (b < e) f(r.offset + (b - k), b, e - b);
            k += r.count;
            if (k >= hi) break;
        }
    }
    float m_lr = 0.001f;
    std::vector<ParamRange> m_ranges;
    long long m_count = 0;
};

// Over the given ranges of a network's parameters (ranges from maskRanges(net.trainableMask())).
std::unique_ptr<Optimizer> makeOptimizer(const OptimizerSpec& spec, std::vector<ParamRange> ranges);
// Over all paramCount parameters.
std::unique_ptr<Optimizer> makeOptimizer(const OptimizerSpec& spec, std::size_t paramCount);

// grads += lambda * params where mask is 1; returns lambda/2 * sum(w^2) over those (the loss term).
double applyL2(std::span<const float> params, std::span<float> grads, const std::vector<std::uint8_t>& mask,
               float lambda);

}  // namespace layerlab
