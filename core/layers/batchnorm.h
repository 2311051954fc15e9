#pragma once
// Batch normalisation (Ioffe & Szegedy 2015): each channel of an image (over the batch's n x H x W values of
// it) or each feature of a flat input (over the batch's n values) is normalised to mean 0 and variance 1,
// then scaled and shifted by two learned numbers.
//
// Shape letters: n = batch, C = channels (features of a flat input), S = H x W (1 for a flat input),
// M = n x S = the values of one channel in a batch. in, out: n x C x S.
// Parameters, 4C floats in this order: gamma (scale), beta (shift), running mean, running variance. The last
// two are state, not learned (stateCount): outside the network's trainable mask, so no gradient, optimizer or
// L2 touches them, and keeping them in the parameter buffer means every copy of the weights (checkpoints,
// the last good and the best weights, a snapshot, an inference model, an ONNX file) carries them.
// Frozen ("trainable": false): gamma and beta keep their values (backward gets dParams null and still
// computes dx with the batch statistics); the running statistics still follow the training batches, as in
// PyTorch (a module whose parameters need no gradient, in training mode).
//   training:   mu_c = (1/M) sum x,  var_c = (1/M) sum (x - mu_c)^2   (the whole batch, see wholeBatch)
//               xhat = (x - mu_c) / sqrt(var_c + eps),  y = gamma_c xhat + beta_c
//   evaluation: the same with the running mean and variance: each sample on its own
//   backward (training; in evaluation the two means below are left out, the statistics being constants):
//               dgamma_c = sum dy xhat,  dbeta_c = sum dy
//               dx = gamma_c / sqrt(var_c + eps) (dy - dbeta_c / M - xhat dgamma_c / M)
//   after training step t of a run (t = 0, 1, ...; updateRunningStatistics), with k = min(momentum, t/(t+1)):
//               running_mean = k running_mean + (1 - k) mu_c
//               running_var  = k running_var  + (1 - k) var_c M / (M - 1)   (unbiased)
//   so the first steps average all batches so far (step 0 takes the batch's statistics), then the average
//   is exponential. Started from 0 and 1, an exponential average with momentum 0.99 keeps a trace of its
//   start for hundreds of steps, and a layer whose inputs vary by 0.003 would be divided by a running
//   variance still near 1 (1.4 % of the start left after an MNIST epoch is 5 times 0.003): predictions
//   collapsed to 28 % where the batch statistics gave 97 %. The same warm-up as TensorFlow's moving
//   averages with num_updates.
// Sums are taken in double, channel by channel in sample order: the statistics are exact over the whole
// batch and do not depend on how many threads share the work.
#include <string>
#include <vector>

#include "core/layer.h"

namespace layerlab {

class BatchNorm : public Layer {
public:
    BatchNorm(float momentum, float epsilon) : m_momentum(momentum), m_eps(epsilon) {}
    Shape configure(const Shape& in) override;
    LayerType type() const override { return LayerType::BatchNorm; }
    long long paramCount() const override { return 4LL * m_c; }
    long long stateCount() const override { return 2LL * m_c; }  // the running mean and variance
    double forwardFlops() const override { return 2.0 * double(m_in.size()); }
    void bind(float* params) override { m_p = params; }
    // gamma 1, beta 0, running mean 0, running variance 1 (whatever `init` says: BatchNorm has no weights).
    void initParams(std::mt19937_64& rng, const InitChoice& init) override;
    bool wholeBatch() const override { return true; }
    std::string checkTrainingBatch(int batch) const override;
    void forward(const float* in, float* out, int first, int n, int chunk, bool training) override;
    void backward(const float* in, const float* out, const float* dOut, float* dIn, GradMode mode,
                  float* dParams, int first, int n, int chunk) override;
    void updateRunningStatistics(long long step) override;

    int channels() const { return m_c; }
    // Of the last forward: the batch's mean and variance (training) or the running ones (evaluation), C each.
    const std::vector<float>& mean() const { return m_mean; }
    const std::vector<double>& variance() const { return m_var; }

private:
    float m_momentum, m_eps;
    int m_c = 0;
    long long m_s = 1;
    float* m_p = nullptr;
    // Sized in configure (C each), written by the last forward.
    std::vector<float> m_mean, m_invStd;
    std::vector<double> m_var, m_sum, m_sum2;
    long long m_count = 0;    // M of the last forward
    bool m_training = false;  // the last forward was a training one (backward: the statistics' terms)
    bool m_pending = false;   // its statistics are not yet folded into the running ones
};

}  // namespace layerlab
