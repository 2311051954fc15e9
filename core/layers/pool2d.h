#pragma once
#include "core/layer.h"

namespace layerlab {

// Max or average pooling over size x size windows with the given stride (no padding; a partial window at
// the right/bottom edge is dropped, as in PyTorch's default). C x H x W -> C x Ho x Wo.
class Pool2D : public Layer {
public:
    Pool2D(bool isMax, int size, int stride)
        : m_max(isMax), m_size(size), m_stride(stride > 0 ? stride : size) {}
    Shape configure(const Shape& in) override;
    LayerType type() const override { return m_max ? LayerType::MaxPool2D : LayerType::AvgPool2D; }
    double forwardFlops() const override { return double(m_out.size()) * m_size * m_size; }
    void forward(const float* in, float* out, int first, int n, int chunk, bool training) override;
    void backward(const float* in, const float* out, const float* dOut, float* dIn, GradMode mode,
                  float* dParams, int first, int n, int chunk) override;

private:
    bool m_max;
    int m_size, m_stride;
};

}  // namespace layerlab
