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
    // y = f(x) over count values of any shape; y may be x.
    void applyTo(const float* x, float* y, long long count) const { apply(x, y, count); }
    // dx = f'(x, y) * dy over count values of any shape (x the input, y = f(x)).
    void deriveTo(const float* x, const float* y, const float* dy, float* dx, long long count) const {
        derive(x, y, dy, dx, count, GradMode::Overwrite);
    }
    // Whether f, as computed here in float, never decreases, so that it commutes with a max over any window:
    // max_j f(x_j) = f(max_j x_j) bit for bit (ReLU; LeakyReLU with alpha >= 0). Network::infer then runs a
    // max pool before it. Not claimed for sigmoid and tanh, whose vectorised approximations need not be
    // monotone in the last bit.
    virtual bool commutesWithMax() const { return false; }

protected:
    // y = f(x) over count values; dx = f'(x, y) * dy, or dx += f'(x, y) * dy in Add mode.
    virtual void apply(const float* x, float* y, long long count) const = 0;
    virtual void derive(const float* x, const float* y, const float* dy, float* dx, long long count,
                        GradMode mode) const = 0;
};

class ReLU : public ElementwiseActivation {
public:
    LayerType type() const override { return LayerType::ReLU; }
    bool commutesWithMax() const override { return true; }
    // apply, y = max(x, 0) with the same bits, written with streaming (non-temporal) stores: for an output
    // nothing reads soon, so that writing it costs no read of y's old cache lines. x and y do not overlap.
    void applyStreaming(const float* x, float* y, long long count) const;

protected:
    void apply(const float* x, float* y, long long count) const override;
    void derive(const float* x, const float* y, const float* dy, float* dx, long long count,
                GradMode mode) const override;
};

class LeakyReLU : public ElementwiseActivation {
public:
    explicit LeakyReLU(float alpha) : m_alpha(alpha) {}
    LayerType type() const override { return LayerType::LeakyReLU; }
    bool commutesWithMax() const override { return m_alpha >= 0; }

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
