#pragma once
#include "core/layer.h"

namespace layerlab {

// Fully connected: y = W x + b. W is O x I row-major (unit o's weights contiguous), then b (O).
class Dense : public Layer {
public:
    explicit Dense(int units) : m_units(units) {}
    Shape configure(const Shape& in) override;
    LayerType type() const override { return LayerType::Dense; }
    long long paramCount() const override { return weightCount() + m_units; }
    long long weightCount() const override { return (long long)m_units * m_inputs; }
    std::vector<int> weightShape() const override { return {m_units, m_inputs}; }
    double forwardFlops() const override { return 2.0 * m_units * m_inputs; }
    void bind(float* params) override;
    void initParams(std::mt19937_64& rng, const InitChoice& init) override;
    void forward(const float* in, float* out, int first, int n, int chunk, bool training) override;
    void backward(const float* in, const float* out, const float* dOut, float* dIn, GradMode mode,
                  float* dParams, int first, int n, int chunk) override;

private:
    int m_units, m_inputs = 0;
    float *m_w = nullptr, *m_b = nullptr;
};

}  // namespace layerlab
