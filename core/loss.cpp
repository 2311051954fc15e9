#include "core/loss.h"

#include <algorithm>
#include <cmath>

namespace layerlab {

namespace {
int argmax(const float* v, int k) {
    return int(std::max_element(v, v + k) - v);
}
}  // namespace

// p = softmax(z); L = -log p_y = log sum_j e^(z_j - m) - (z_y - m); dL/dz = (p - onehot) / n
LossResult softmaxCrossEntropy(const float* z, const std::uint8_t* labels, int n, int k, float* dOut) {
    LossResult r;
    const float invN = 1.0f / float(n);
    for (int s = 0; s < n; ++s) {
        const float* zs = z + (long long)s * k;
        const int y = labels[s];
        const float m = *std::max_element(zs, zs + k);
        double sum = 0;
        for (int j = 0; j < k; ++j) sum += std::exp(double(zs[j] - m));
        const double logSum = std::log(sum);
        r.loss += logSum - double(zs[y] - m);
        if (argmax(zs, k) == y) ++r.correct;
        if (dOut) {
            float* d = dOut + (long long)s * k;
            for (int j = 0; j < k; ++j) d[j] = float(std::exp(double(zs[j] - m) - logSum)) * invN;
            d[y] -= invN;
        }
    }
    r.loss /= n;
    return r;
}

// L = -log p_y (p clamped away from 0); dL/dp_y = -1 / (n p_y)
LossResult crossEntropyOnProbabilities(const float* p, const std::uint8_t* labels, int n, int k,
                                       float* dOut) {
    LossResult r;
    constexpr float kMin = 1e-12f;
    for (int s = 0; s < n; ++s) {
        const float* ps = p + (long long)s * k;
        const int y = labels[s];
        const float py = std::max(ps[y], kMin);
        r.loss -= std::log(double(py));
        if (argmax(ps, k) == y) ++r.correct;
        if (dOut) {
            float* d = dOut + (long long)s * k;
            std::fill(d, d + k, 0.0f);
            d[y] = -1.0f / (float(n) * py);
        }
    }
    r.loss /= n;
    return r;
}

// L = 1/n sum_s 1/k sum_j (y_sj - t_sj)^2 ; dL/dy = 2 (y - t) / (n k)
LossResult meanSquaredError(const float* y, const std::uint8_t* labels, int n, int k, float* dOut) {
    LossResult r;
    const float scale = 2.0f / (float(n) * float(k));
    for (int s = 0; s < n; ++s) {
        const float* ys = y + (long long)s * k;
        double sq = 0;
        for (int j = 0; j < k; ++j) {
            const float diff = ys[j] - (j == labels[s] ? 1.0f : 0.0f);
            sq += double(diff) * diff;
            if (dOut) dOut[(long long)s * k + j] = scale * diff;
        }
        r.loss += sq / k;
        if (argmax(ys, k) == labels[s]) ++r.correct;
    }
    r.loss /= n;
    return r;
}

LossResult computeLoss(LossType type, bool logits, const float* out, const std::uint8_t* labels, int n, int k,
                       float* dOut) {
    if (type == LossType::MeanSquaredError) return meanSquaredError(out, labels, n, k, dOut);
    return logits ? softmaxCrossEntropy(out, labels, n, k, dOut)
                  : crossEntropyOnProbabilities(out, labels, n, k, dOut);
}

}  // namespace layerlab
