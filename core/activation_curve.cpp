#include "core/activation_curve.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <stdexcept>

#include "core/layer.h"

namespace layerlab {

ActivationCurve activationCurve(Activation a, const std::vector<float>& xs, float alpha) {
    if (a == Activation::None || a == Activation::Softmax)
        throw std::invalid_argument(std::string("activationCurve: ") + activationName(a) +
                                    " is not an element-wise activation");
    ActivationCurve c;
    c.x = xs;
    const int n = int(xs.size());
    c.y.assign(xs.size(), 0.0f);
    c.dy.assign(xs.size(), 0.0f);
    if (n == 0) return c;
    std::unique_ptr<Layer> layer = makeActivationLayer(a, alpha);
    // One sample of n values: in 1 x n -> out 1 x n.
    layer->configure(Shape::flat(n));
    layer->reserve(1, 1);
    layer->forward(c.x.data(), c.y.data(), 0, 1, 0, false);
    const std::vector<float> ones(xs.size(), 1.0f);
    // dL/dy = 1 everywhere, so dL/dx = f'(x) element by element.
    layer->backward(c.x.data(), c.y.data(), ones.data(), c.dy.data(), GradMode::Overwrite, nullptr, 0, 1, 0);
    return c;
}

std::vector<float> evenlySpaced(float lo, float hi, int n) {
    std::vector<float> v(std::size_t(std::max(n, 0)));
    for (int i = 0; i < n; ++i) v[std::size_t(i)] = n == 1 ? lo : lo + (hi - lo) * float(i) / float(n - 1);
    return v;
}

std::vector<std::pair<float, float>> flatRegions(const ActivationCurve& c, float fraction) {
    std::vector<std::pair<float, float>> out;
    float peak = 0;
    for (float d : c.dy) peak = std::max(peak, std::fabs(d));
    if (peak <= 0) return out;
    const float limit = fraction * peak;
    bool in = false;
    float from = 0;
    for (std::size_t i = 0; i < c.x.size(); ++i) {
        const bool flat = std::fabs(c.dy[i]) < limit;
        if (flat && !in) {
            in = true;
            from = c.x[i];
        }
        if (!flat && in) {
            in = false;
            out.emplace_back(from, c.x[i - 1]);
        }
    }
    if (in) out.emplace_back(from, c.x.back());
    return out;
}

SoftmaxResult softmaxWithJacobian(const std::vector<float>& z) {
    SoftmaxResult r;
    const int k = int(z.size());
    if (k == 0) return r;
    std::unique_ptr<Layer> layer = makeActivationLayer(Activation::Softmax, 0.0f);
    layer->configure(Shape::flat(k));
    layer->reserve(1, 1);
    r.y.assign(z.size(), 0.0f);
    layer->forward(z.data(), r.y.data(), 0, 1, 0, false);
    r.jacobian.assign(std::size_t(k) * std::size_t(k), 0.0f);
    std::vector<float> unit(z.size(), 0.0f), row(z.size(), 0.0f);
    // backward with dL/dy = e_i gives dL/dz_j = d y_i / d z_j: row i of the Jacobian.
    for (int i = 0; i < k; ++i) {
        std::fill(unit.begin(), unit.end(), 0.0f);
        unit[std::size_t(i)] = 1.0f;
        layer->backward(z.data(), r.y.data(), unit.data(), row.data(), GradMode::Overwrite, nullptr, 0, 1, 0);
        std::copy(row.begin(), row.end(), r.jacobian.begin() + std::ptrdiff_t(i) * k);
    }
    return r;
}

}  // namespace layerlab
