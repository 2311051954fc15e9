#include "core/layers/activations.h"

#include <algorithm>
#include <cmath>

#include "core/errors.h"
#include "core/kernels/stream_store.h"
#include "core/layers/eigen_maps.h"

namespace layerlab {

namespace {
// dx = e, or dx += e.
template <class E>
void store(float* dx, long long n, const E& e, GradMode mode) {
    if (mode == GradMode::Add)
        MapArr(dx, n) += e;
    else
        MapArr(dx, n) = e;
}
}  // namespace

void ElementwiseActivation::forward(const float* in, float* out, int, int n, int, bool) {
    apply(in, out, n * m_in.size());
}

void ElementwiseActivation::backward(const float* in, const float* out, const float* dOut, float* dIn,
                                     GradMode mode, float*, int, int n, int) {
    if (dIn) derive(in, out, dOut, dIn, n * m_in.size(), mode);
}

// relu: y = max(x, 0); dy/dx = [x > 0]
void ReLU::apply(const float* x, float* y, long long n) const {
    MapArr(y, n) = CMapArr(x, n).max(0.0f);
}
void ReLU::derive(const float* x, const float*, const float* dy, float* dx, long long n,
                  GradMode mode) const {
    store(dx, n, (CMapArr(x, n) > 0.0f).select(CMapArr(dy, n), 0.0f), mode);
}

void ReLU::applyStreaming(const float* x, float* y, long long n) const {
    streamRelu(x, y, n);
}

// leaky: y = x (x > 0) else alpha x
void LeakyReLU::apply(const float* x, float* y, long long n) const {
    MapArr(y, n) = (CMapArr(x, n) > 0.0f).select(CMapArr(x, n), CMapArr(x, n) * m_alpha);
}
void LeakyReLU::derive(const float* x, const float*, const float* dy, float* dx, long long n,
                       GradMode mode) const {
    store(dx, n, (CMapArr(x, n) > 0.0f).select(CMapArr(dy, n), CMapArr(dy, n) * m_alpha), mode);
}

// sigmoid: y = 1 / (1 + e^-x); dy/dx = y (1 - y)
void Sigmoid::apply(const float* x, float* y, long long n) const {
    MapArr(y, n) = 1.0f / (1.0f + (-CMapArr(x, n)).exp());
}
void Sigmoid::derive(const float*, const float* y, const float* dy, float* dx, long long n,
                     GradMode mode) const {
    store(dx, n, CMapArr(dy, n) * CMapArr(y, n) * (1.0f - CMapArr(y, n)), mode);
}

// tanh: dy/dx = 1 - y^2
void Tanh::apply(const float* x, float* y, long long n) const {
    MapArr(y, n) = CMapArr(x, n).tanh();
}
void Tanh::derive(const float*, const float* y, const float* dy, float* dx, long long n,
                  GradMode mode) const {
    store(dx, n, CMapArr(dy, n) * (1.0f - CMapArr(y, n).square()), mode);
}

Shape Softmax::configure(const Shape& in) {
    if (!in.isFlat())
        throw SpecError("needs a flat input but gets " + in.toString() + ": add Flatten before it");
    m_in = m_out = in;
    return m_out;
}

void Softmax::forward(const float* in, float* out, int, int n, int, bool) {
    const int k = int(m_in.size());
    for (int s = 0; s < n; ++s) {
        CMapArr x(in + (long long)s * k, k);
        MapArr y(out + (long long)s * k, k);
        y = (x - x.maxCoeff()).exp();
        y /= y.sum();
    }
}

void Softmax::backward(const float*, const float* out, const float* dOut, float* dIn, GradMode mode, float*,
                       int, int n, int) {
    if (!dIn) return;
    const int k = int(m_in.size());
    for (int s = 0; s < n; ++s) {
        CMapArr y(out + (long long)s * k, k), dy(dOut + (long long)s * k, k);
        store(dIn + (long long)s * k, k, y * (dy - (dy * y).sum()), mode);
    }
}

}  // namespace layerlab
