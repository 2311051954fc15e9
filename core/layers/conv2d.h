#pragma once
#include <algorithm>
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
    // patches and their gradient, and with a crop the used outputs (or their gradient) packed
    Workspace workspace() const override { return {0, 2LL * m_ckk * m_p + packedSize()}; }
    double forwardFlops() const override { return 2.0 * m_filters * m_ckk * m_p; }
    void bind(float* params) override;
    void initParams(std::mt19937_64& rng, const InitChoice& init) override;
    void reserve(int maxBatch, int chunks) override;
    void forward(const float* in, float* out, int first, int n, int chunk, bool training) override;
    void backward(const float* in, const float* out, const float* dOut, float* dIn, GradMode mode,
                  float* dParams, int first, int n, int chunk) override;

    // The crop. Only outputs [0, hc) x [0, wc) of each channel are read by the layers after this one (a
    // pool whose windows stop short of the last rows or columns, as 2x2 pooling of an odd size does): then
    // forward computes those with one narrower product (P' = hc wc positions instead of Ho Wo) and writes
    // them to their places in the F x Ho x Wo output, and backward reads only their gradient (the others' is
    // 0: nothing read them). The used outputs get the same bits whether the rest is computed or not. The rest
    // ("the border", for the studio's feature maps, layer health and explanations) is computed, by a second
    // product over its positions, only while setBorderWanted(true). Call before reserve(); (Ho, Wo): no crop.
    void setCrop(int hc, int wc);
    bool cropped() const { return m_hc < m_ho || m_wc < m_wo; }
    void setBorderWanted(bool on) { m_border = on; }

private:
    // img -> col for the outputs [0, ho) x [0, wo) (col: CKK x (ho wo))
    void im2col(const float* img, float* col, int ho, int wo) const;
    // The border: its outputs' count, their patches' input indices (reserve), img -> their patches (CKK
    // rows of pb at stride ld), and their product's outputs (F rows of pb at stride ld) to their places in y
    int borderSize() const { return m_p - m_hc * m_wc; }
    void indexBorder();
    void borderPatches(const float* img, float* col, int ld) const;
    void placeBorder(const float* border, int ld, float* y) const;
    // adjoint of im2col for the same outputs
    void col2im(const float* col, float* img, int ho, int wo) const;
    // y (F x p) = W col + b for patches col (CKK x p)
    void product(const float* col, int p, float* y) const;
    // its parameters' gradient: dW += dY col^T, db += dY's row sums
    void addParamGradient(const float* dY, const float* col, int p, float* dParams) const;
    // the packed block, with a crop: the used outputs or their gradient, or the border's outputs of as many
    // samples as fit P
    long long packedSize() const { return cropped() ? (long long)m_filters * m_p : 0; }

    int m_filters, m_k, m_stride;
    Padding m_padding;
    int m_c = 0, m_h = 0, m_w = 0, m_ho = 0, m_wo = 0, m_padTop = 0, m_padLeft = 0;
    int m_ckk = 0, m_p = 0;
    int m_hc = 0, m_wc = 0;  // the used outputs (setCrop): m_ho x m_wo when all are
    bool m_border = true;
    float *m_wt = nullptr, *m_b = nullptr;
    // Per chunk: patches (CKK x P) and their gradient. Backward rebuilds a sample's patches from its input
    // instead of keeping the whole batch's (that would be CKK x P floats per sample, out of cache).
    FloatBuffer m_cols, m_dcols;
    // per chunk, with a crop: the used outputs (F x hc wc) or the border's, in backward their gradient
    FloatBuffer m_packed;
    std::vector<int> m_borderIndex;  // with a crop: CKK x pb input indices of the border's patches
};

}  // namespace layerlab
