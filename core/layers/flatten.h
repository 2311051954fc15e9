#pragma once
#include <cstring>

#include "core/layer.h"

namespace layerlab {

// C x H x W -> (C H W). The memory layout does not change: a copy.
class Flatten : public Layer {
public:
    Shape configure(const Shape& in) override {
        m_in = in;
        m_out = Shape::flat(int(in.size()));
        return m_out;
    }
    LayerType type() const override { return LayerType::Flatten; }
    void forward(const float* in, float* out, int, int n, int, bool) override {
        std::memcpy(out, in, sizeof(float) * n * m_in.size());
    }
    void backward(const float*, const float*, const float* dOut, float* dIn, GradMode mode, float*, int,
                  int n, int) override {
        if (!dIn) return;
        const long long count = n * m_in.size();
        if (mode == GradMode::Add)
            for (long long i = 0; i < count; ++i) dIn[i] += dOut[i];
        else
            std::memcpy(dIn, dOut, sizeof(float) * count);
    }
};

}  // namespace layerlab
