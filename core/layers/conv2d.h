#pragma once
#include <vector>

#include "core/aligned_buffer.h"

#include "core/layer.h"

namespace layerlab {

// 2-D convolution (cross-correlation) over C x H x W -> F x Ho x Wo with a square K x K kernel.
// Params: W as F x (C K K) row-major ([f][c][kh][kw], PyTorch order), then b (F).
// Implementation: im2col per sample (Caffe layout, CKK x P) into a cache-resident buffer, one GEMM per
// sample.
class Conv2D : public Layer {
public:
    Conv2D(int filters, int kernel, int stride, Padding padding)
        : m_filters(filters), m_k(kernel), m_stride(stride), m_padding(padding) {}
    Shape configure(const Shape& in) override;
    LayerType type() const override { return LayerType::Conv2D; }
    long long paramCount() const override { return weightCount() + m_filters; }
    long long weightCount() const override { return (long long)m_filters * m_ckk; }
    std::vector<int> weightShape() const override { return {m_filters, m_c, m_k, m_k}; }
    Workspace workspace() const override { return {0, 2LL * m_ckk * m_p}; }  // patches and their gradient
    double forwardFlops() const override { return 2.0 * m_filters * m_ckk * m_p; }
    void bind(float* params) override;
    void initParams(std::mt19937_64& rng, const InitChoice& init) override;
    void reserve(int maxBatch, int chunks) override;
    void forward(const float* in, float* out, int first, int n, int chunk, bool training) override;
    void backward(const float* in, const float* out, const float* dOut, float* dIn, GradMode mode,
                  float* dParams, int first, int n, int chunk) override;

private:
    void im2col(const float* img, float* col) const;
    void col2im(const float* col, float* img) const;

    int m_filters, m_k, m_stride;
    Padding m_padding;
    int m_c = 0, m_h = 0, m_w = 0, m_ho = 0, m_wo = 0, m_padTop = 0, m_padLeft = 0;
    int m_ckk = 0, m_p = 0;
    float *m_wt = nullptr, *m_b = nullptr;
    // Per chunk: patches (CKK x P) and their gradient. Backward rebuilds a sample's patches from its input
    // instead of keeping the whole batch's (that would be CKK x P floats per sample, out of cache).
    FloatBuffer m_cols, m_dcols;
};

}  // namespace layerlab
