#pragma once
// The activation functions as curves, for the studio's activation explorer: values and derivatives computed
// by the engine's own activation layers (core/layers/activations.h: forward for f(x), backward with
// dL/dy = 1 for f'(x)), so the plot shows exactly what training uses.
#include <string>
#include <vector>

#include "core/model_spec.h"

namespace layerlab {

struct ActivationCurve {
    std::vector<float> x, y, dy;  // f(x) and f'(x) at each x
};

// f and f' of an element-wise activation (ReLU, LeakyReLU with slope alpha, Sigmoid, Tanh) at xs.
// Throws std::invalid_argument for None and Softmax (not element-wise: see softmaxWithJacobian).
ActivationCurve activationCurve(Activation a, const std::vector<float>& xs, float alpha = 0.01f);

// n points evenly from lo to hi (both included).
std::vector<float> evenlySpaced(float lo, float hi, int n);

// Where the curve is flat: the x ranges in which |f'(x)| is below `fraction` of its largest value on the
// curve (the saturating tails of Sigmoid and Tanh, ReLU's x < 0). Each range is [from, to] in x.
std::vector<std::pair<float, float>> flatRegions(const ActivationCurve& c, float fraction = 0.05f);

// Softmax of one vector z (k values) by the engine's Softmax layer, and its Jacobian J[i][j] = d y_i / d z_j
// (k x k, row-major), from k backward passes with dL/dy = the unit vectors. J = diag(y) - y y^T.
struct SoftmaxResult {
    std::vector<float> y;
    std::vector<float> jacobian;
};
SoftmaxResult softmaxWithJacobian(const std::vector<float>& z);

}  // namespace layerlab
