#include "core/loss.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "core/parallel.h"

namespace layerlab {

namespace {
int argmax(const float* v, int k) {
    return int(std::max_element(v, v + k) - v);
}

// Each loss below over samples [0, n) of a batch of `total`: the SUM of their losses (the caller divides by
// total), and dOut scaled for the mean over total.

// p = softmax(z); L = -log p_y = log sum_j e^(z_j - m) - (z_y - m); dL/dz = (p - onehot) / total
LossResult softmaxCrossEntropySum(const float* z, const std::uint8_t* labels, int n, int total, int k,
                                  float* dOut) {
    LossResult r;
    const float invN = 1.0f / float(total);
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
    return r;
}

// L = -log p_y (p clamped away from 0); dL/dp_y = -1 / (total p_y)
LossResult crossEntropyOnProbabilitiesSum(const float* p, const std::uint8_t* labels, int n, int total, int k,
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
            d[y] = -1.0f / (float(total) * py);
        }
    }
    return r;
}

// L = 1/total sum_s 1/k sum_j (y_sj - t_sj)^2 ; dL/dy = 2 (y - t) / (total k)
LossResult meanSquaredErrorSum(const float* y, const std::uint8_t* labels, int n, int total, int k,
                               float* dOut) {
    LossResult r;
    const float scale = 2.0f / (float(total) * float(k));
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
    return r;
}

LossResult lossSum(LossType type, bool logits, const float* out, const std::uint8_t* labels, int n, int total,
                   int k, float* dOut) {
    if (type == LossType::MeanSquaredError) return meanSquaredErrorSum(out, labels, n, total, k, dOut);
    return logits ? softmaxCrossEntropySum(out, labels, n, total, k, dOut)
                  : crossEntropyOnProbabilitiesSum(out, labels, n, total, k, dOut);
}

LossResult mean(LossResult r, int n) {
    r.loss /= n;
    return r;
}
}  // namespace

LossResult softmaxCrossEntropy(const float* z, const std::uint8_t* labels, int n, int k, float* dOut) {
    return mean(softmaxCrossEntropySum(z, labels, n, n, k, dOut), n);
}

LossResult crossEntropyOnProbabilities(const float* p, const std::uint8_t* labels, int n, int k,
                                       float* dOut) {
    return mean(crossEntropyOnProbabilitiesSum(p, labels, n, n, k, dOut), n);
}

LossResult meanSquaredError(const float* y, const std::uint8_t* labels, int n, int k, float* dOut) {
    return mean(meanSquaredErrorSum(y, labels, n, n, k, dOut), n);
}

LossResult computeLoss(LossType type, bool logits, const float* out, const std::uint8_t* labels, int n, int k,
                       float* dOut) {
    return mean(lossSum(type, logits, out, labels, n, n, k, dOut), n);
}

LossResult computeLossParallel(LossType type, bool logits, const float* out, const std::uint8_t* labels,
                               int n, int k, float* dOut) {
    const int chunks = std::clamp(n / 32, 1, currentConcurrency());
    if (chunks == 1) return computeLoss(type, logits, out, labels, n, k, dOut);
    std::vector<LossResult> parts(chunks);
    parallelFor(chunks, [&](int c) {
        const ChunkRange r = chunkRange(n, chunks, c);
        const long long at = (long long)r.begin * k;
        parts[c] = lossSum(type, logits, out + at, labels + r.begin, r.end - r.begin, n, k,
                           dOut ? dOut + at : nullptr);
    });
    LossResult total;
    for (const LossResult& p : parts) {  // in chunk order: the same bits for the same thread count
        total.loss += p.loss;
        total.correct += p.correct;
    }
    return mean(total, n);
}

}  // namespace layerlab
