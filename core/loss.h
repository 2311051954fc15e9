#pragma once
// Losses over a batch. out/dOut: n x k. labels: n class indices. Returns the MEAN loss over the batch and
// writes dOut = d(mean loss)/d(out). Also counts correct argmax predictions.
#include <cstdint>

#include "core/model_spec.h"

namespace layerlab {

struct LossResult {
    double loss = 0;  // mean over the batch
    int correct = 0;  // samples whose argmax equals the label
};

// Softmax cross-entropy on logits z (fused, stable): p = softmax(z), L = -log p[y], dL/dz = (p - onehot)/n.
LossResult softmaxCrossEntropy(const float* z, const std::uint8_t* labels, int n, int k, float* dOut);
// Cross-entropy on probabilities p already produced by a Softmax (used when the output is not logits).
LossResult crossEntropyOnProbabilities(const float* p, const std::uint8_t* labels, int n, int k, float* dOut);
// Mean squared error against one-hot targets: L = 1/n sum_i 1/k sum_j (y_ij - t_ij)^2, dL/dy = 2(y-t)/(n k).
LossResult meanSquaredError(const float* y, const std::uint8_t* labels, int n, int k, float* dOut);

// Dispatches on the loss type; logits says whether out is logits (fused softmax) or final outputs.
// dOut may be null (evaluation only).
LossResult computeLoss(LossType type, bool logits, const float* out, const std::uint8_t* labels, int n, int k,
                       float* dOut);
// computeLoss with the samples in chunks on the caller's threads (at least 32 samples a chunk); the same
// dOut, and the loss summed in chunk order, so its last bits depend on the thread count.
LossResult computeLossParallel(LossType type, bool logits, const float* out, const std::uint8_t* labels,
                               int n, int k, float* dOut);

}  // namespace layerlab
