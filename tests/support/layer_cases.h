#pragma once
// Layer specs and gradient-check cases shared by the per-layer tests in tests/core/layers/.
#include <QtTest>
#include <string>
#include <vector>

#include "core/layer.h"
#include "core/model_spec.h"
#include "tests/support/gradient_check.h"

namespace layerlab::test {

// A layer of `type` with its defaults and no fused activation (the activation is tested on its own).
inline LayerSpec plainLayer(LayerType type) {
    LayerSpec l = LayerSpec::make(type);
    l.activation = Activation::None;
    return l;
}

inline LayerSpec convLayer(int filters, int kernel, int stride, Padding padding) {
    LayerSpec l = plainLayer(LayerType::Conv2D);
    l.filters = filters;
    l.kernel = kernel;
    l.stride = stride;
    l.padding = padding;
    return l;
}

inline LayerSpec convLayer(int filters, int kernel, int stride, Padding padding, Activation a) {
    LayerSpec l = convLayer(filters, kernel, stride, padding);
    l.activation = a;
    return l;
}

inline LayerSpec poolLayer(LayerType type, int size, int stride) {
    LayerSpec l = plainLayer(type);
    l.poolSize = size;
    l.stride = stride;
    return l;
}

// One layer against the numerical-gradient checker (input and parameter gradients, Overwrite and Add).
struct GradientCase {
    std::string name;
    LayerSpec spec;
    Shape in;
    double step = 1e-2;
    float minAbsInput = 0;      // keep inputs off the kinks (ReLU-like)
    bool spacedInputs = false;  // no near-ties (max pooling)
};

// Checks every case; a failure names the case and the worst coordinate.
inline void checkGradients(const std::vector<GradientCase>& cases) {
    for (const GradientCase& c : cases) {
        auto layer = makeLayer(c.spec);
        GradCheckOptions o;
        o.step = c.step;
        o.minAbsInput = c.minAbsInput;
        o.spacedInputs = c.spacedInputs;
        const GradCheck r = checkLayer(*layer, c.in, o);
        QVERIFY2(r.checked > 0, c.name.c_str());
        QVERIFY2(r.maxError < 2e-2, (c.name + ": " + r.worst).c_str());
    }
}

}  // namespace layerlab::test
