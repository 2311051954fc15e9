#pragma once
#include "core/layer.h"

namespace layerlab {

// Element-wise activations, any input shape; output shape = input shape.
class ElementwiseActivation : public Layer {
public:
    Shape configure(const Shape& in) override {
        m_in = m_out = in;
        return m_out;
    }
    double forwardFlops() const override { return double(m_in.size()); }
    void forward(const float* in, float* out, int first, int n, int chunk, bool training) override;
    void backward(const float* in, const float* out, const float* dOut, float* dIn, GradMode mode,
                  float* dParams, int first, int n, int chunk) override;

protected:
    // y = f(x) over count values; dx = f'(x, y) * dy, or dx += f'(x, y) * dy in Add mode.
    virtual void apply(const float* x, float* y, long long count) const = 0;
    virtual void derive(const float* x, const float* y, const float* dy, float* dx, long long count,
                        GradMode mode) const = 0;
};

class ReLU : public ElementwiseActivation {
public:
    LayerType type() const override { return LayerType::ReLU; }

protected:
    void apply(const float* x, float* y, long long count) const override;
    void derive(const float* x, const float* y, const float* dy, float* dx, long long count,
                GradMode mode) const override;
};

class LeakyReLU : public ElementwiseActivation {
public:
    explicit LeakyReLU(float alpha) : m_alpha(alpha) {}
    LayerType type() const override { return LayerType::LeakyReLU; }

protected:
    void apply(const float* x, float* y, long long count) const override;
    void derive(const float* x, const float* y, const float* dy, float* dx, long long count,
                GradMode mode) const override;

private:
    float m_alpha;
};

class Sigmoid : public ElementwiseActivation {
public:
    LayerType type() const override { return LayerType::Sigmoid; }

protected:
    void apply(const float* x, float* y, long long count) const override;
    void derive(const float* x, const float* y, const float* dy, float* dx, long long count,
                GradMode mode) const override;
};

class Tanh : public ElementwiseActivation {
public:
    LayerType type() const override { return LayerType::Tanh; }

protected:
    void apply(const float* x, float* y, long long count) const override;
    void derive(const float* x, const float* y, const float* dy, float* dx, long long count,
                GradMode mode) const override;
};

// Softmax over each sample's values (flat input): y_j = exp(x_j - max) / sum_k exp(x_k - max).
class Softmax : public Layer {
public:
    Shape configure(const Shape& in) override;
    LayerType type() const override { return LayerType::Softmax; }
    double forwardFlops() const override { return 3.0 * m_in.size(); }
    void forward(const float* in, float* out, int first, int n, int chunk, bool training) override;
    // dx = y * (dy - sum_k dy_k y_k)
    void backward(const float* in, const float* out, const float* dOut, float* dIn, GradMode mode,
                  float* dParams, int first, int n, int chunk) override;
};

}  // namespace layerlab
