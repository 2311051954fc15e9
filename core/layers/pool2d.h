#pragma once
#include <cstdint>
#include <vector>

#include "core/aligned_buffer.h"
#include "core/layer.h"

namespace layerlab {

// Max or average pooling over size x size windows with the given stride (no padding; a partial window at
// the right/bottom edge is dropped, as in PyTorch's default). C x H x W -> C x Ho x Wo.
// Max pooling in training keeps each window's argmax (its tap ky * size + kx, one byte per output), so that
// backward is one scatter of dy that reads neither x nor y (both far out of cache by then). A sample whose
// last forward was not a training one (an explanation) falls back to finding the tap again from x and y.
class Pool2D : public Layer {
public:
    Pool2D(bool isMax, int size, int stride)
        : m_max(isMax), m_size(size), m_stride(stride > 0 ? stride : size) {}
    Shape configure(const Shape& in) override;
    LayerType type() const override { return m_max ? LayerType::MaxPool2D : LayerType::AvgPool2D; }
    double forwardFlops() const override { return double(m_out.size()) * m_size * m_size; }
    // The argmax bytes per sample and a flag, counted in floats.
    // perSample: the argmax bytes and a flag; perChunk: the 2x2 passes' upper and lower rows.
    Workspace workspace() const override {
        const long long rows = m_max && m_size == 2 && m_stride == 2 ? rowsSize() : 0;
        return {keepsArgmax() ? (m_out.size() + 1 + 3) / 4 : 0, 2 * rows};
    }
    void reserve(int maxBatch, int chunks) override;
    void forward(const float* in, float* out, int first, int n, int chunk, bool training) override;
    void backward(const float* in, const float* out, const float* dOut, float* dIn, GradMode mode,
                  float* dParams, int first, int n, int chunk) override;

    // Backward of a ReLU and this max pool after it, in one pass (Network's backward): dIn = d(the ReLU's
    // input) = dy on each window's kept tap where the pool's output y > 0, 0 elsewhere (where y <= 0 every
    // input of the window is <= 0, so ReLU's derivative is 0 at all of them; where y > 0 the tap's input is
    // y > 0 itself). Reads neither the ReLU's input nor its output. Returns false, and writes nothing, when a
    // sample's last forward kept no taps (not a training one); the layers then run one by one.
    //   out, dOut: n x C x Ho x Wo -> dIn: n x C x H x W (written)
    // `chunk`: whose workspace to use (as in backward).
    bool backwardAfterRelu(const float* out, const float* dOut, float* dIn, int first, int n, int chunk);

    // The input rows and columns its windows read: all but the last ones a partial window would need.
    int usedRows() const { return m_out.h() > 0 ? (m_out.h() - 1) * m_stride + m_size : 0; }
    int usedColumns() const { return m_out.w() > 0 ? (m_out.w() - 1) * m_stride + m_size : 0; }

private:
    bool keepsArgmax() const { return m_max && m_size * m_size <= 256; }
    long long rowsSize() const { return (long long)m_out.c() * m_out.h() * 2 * m_out.w(); }
    // Whether reserve() made the 2x2 passes' workspace for this chunk.
    bool hasRows(int chunk) const {
        return chunk >= 0 && (chunk + 1) * 2 * rowsSize() <= (long long)m_rows.size();
    }

    bool m_max;
    int m_size, m_stride;
    // maxBatch x outSize taps, and per sample whether they are from its last forward (a training one).
    std::vector<std::uint8_t> m_argmax, m_hasArgmax;
    // per chunk, 2x2 windows: the upper and the lower input row of each window row (C x Ho x 2Wo each) in
    // forward, their gradients in backward
    FloatBuffer m_rows;
};

}  // namespace layerlab
