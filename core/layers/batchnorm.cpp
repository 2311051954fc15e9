#include "core/layers/batchnorm.h"

#include <algorithm>
#include <cmath>

#include "core/errors.h"
#include "core/parallel.h"

namespace layerlab {

namespace {
// Channels per parallel block: enough values for a task to be worth it.
long long channelGrain(long long valuesPerChannel) {
    return std::max(1LL, 32768 / std::max(1LL, valuesPerChannel));
}

// sum over k in [0, S) of term(k), in double, in a fixed order: eight interleaved partial sums added
// pairwise at the end. The order depends only on S (never on threads), and the eight independent
// additions keep the CPU busy where one running sum would wait for each addition in turn.
template <typename Term>
double fixedOrderSum(long long S, Term term) {
    double a[8] = {};
    long long k = 0;
    for (; k + 8 <= S; k += 8)
        for (int j = 0; j < 8; ++j) a[j] += term(k + j);
    for (int j = 0; k < S; ++k, ++j) a[j] += term(k);
    return ((a[0] + a[1]) + (a[2] + a[3])) + ((a[4] + a[5]) + (a[6] + a[7]));
}
}  // namespace

Shape BatchNorm::configure(const Shape& in) {
    if (!(m_momentum >= 0.0f && m_momentum < 1.0f))
        throw SpecError("momentum must be at least 0 and below 1 (e.g. 0.99)");
    if (!(m_eps > 0.0f && std::isfinite(m_eps))) throw SpecError("epsilon must be above 0 (e.g. 0.001)");
    m_in = m_out = in;
    m_c = in.isSpatial() ? in.c() : int(in.size());
    m_s = in.isSpatial() ? (long long)in.h() * in.w() : 1;
    m_mean.assign(m_c, 0.0f);
    m_invStd.assign(m_c, 1.0f);
    m_var.assign(m_c, 1.0);
    m_sum.assign(m_c, 0.0);
    m_sum2.assign(m_c, 0.0);
    return m_out;
}

void BatchNorm::initParams(std::mt19937_64&, const InitChoice&) {
    std::fill(m_p, m_p + m_c, 1.0f);                // gamma
    std::fill(m_p + m_c, m_p + 3 * m_c, 0.0f);      // beta, running mean
    std::fill(m_p + 3 * m_c, m_p + 4 * m_c, 1.0f);  // running variance
}

std::string BatchNorm::checkTrainingBatch(int batch) const {
    if (batch >= 2) return {};
    const std::string fix = ": set batch_size to 2 or more (32 is usual)";
    if (m_s == 1) {
        const std::string what = m_in.isSpatial() ? "channel" : "feature";
        return "normalises each of its " + std::to_string(m_c) + " " + what +
               "s over the batch, but a batch of " + std::to_string(batch) + " gives it one value per " +
               what + ", which has no variance" + fix;
    }
    // A batch of one image: each channel still has H x W values, but they are one image's, so the layer would
    // normalise every image by its own statistics and keep running statistics of single images, which is not
    // what testing then feeds it (images normalised by the statistics of the data).
    return "normalises each of its " + std::to_string(m_c) + " channels over the batch, but a batch of " +
           std::to_string(batch) + " image gives it only that image's " + std::to_string(m_in.h()) + "x" +
           std::to_string(m_in.w()) +
           " values per channel: each image would be normalised by its own "
           "statistics, and the running mean and variance that testing uses would be those of single images" +
           fix;
}

// in: n x C x S -> out: n x C x S. One parallel block of channels at a time; per channel: the sum, then the
// squared deviations (training), then y = gamma (x - mu) / sqrt(var + eps) + beta.
void BatchNorm::forward(const float* in, float* out, int, int n, int, bool training) {
    const int C = m_c;
    const long long S = m_s, M = (long long)n * S;
    const float* gamma = m_p;
    const float* beta = m_p + C;
    const float* runMean = m_p + 2 * C;
    const float* runVar = m_p + 3 * C;
    m_training = training;
    m_pending = training && M >= 2;  // one value per channel: no variance to learn from
    m_count = M;
    parallelRanges(C, channelGrain(M), [&](long long lo, long long hi) {
        if (training) {
            for (long long c = lo; c < hi; ++c) m_sum[c] = m_sum2[c] = 0.0;
            for (int s = 0; s < n; ++s)
                for (long long c = lo; c < hi; ++c) {
                    const float* x = in + ((long long)s * C + c) * S;
                    m_sum[c] += fixedOrderSum(S, [x](long long k) { return double(x[k]); });
                }
            for (long long c = lo; c < hi; ++c) m_sum[c] /= double(M);  // the mean, in double
            for (int s = 0; s < n; ++s)
                for (long long c = lo; c < hi; ++c) {
                    const float* x = in + ((long long)s * C + c) * S;
                    const double mu = m_sum[c];
                    m_sum2[c] += fixedOrderSum(S, [x, mu](long long k) { return (x[k] - mu) * (x[k] - mu); });
                }
            for (long long c = lo; c < hi; ++c) {
                m_mean[c] = float(m_sum[c]);
                m_var[c] = m_sum2[c] / double(M);
                m_invStd[c] = float(1.0 / std::sqrt(m_var[c] + double(m_eps)));
            }
        } else {
            for (long long c = lo; c < hi; ++c) {
                m_mean[c] = runMean[c];
                m_var[c] = runVar[c];
                m_invStd[c] = float(1.0 / std::sqrt(double(runVar[c]) + double(m_eps)));
            }
        }
        for (int s = 0; s < n; ++s)
            for (long long c = lo; c < hi; ++c) {
                const long long at = ((long long)s * C + c) * S;
                const float mu = m_mean[c], g = gamma[c] * m_invStd[c], b = beta[c];
                for (long long k = 0; k < S; ++k) out[at + k] = (in[at + k] - mu) * g + b;
            }
    });
}

// dOut: n x C x S -> dIn (may be dOut itself), dParams (or null): gamma's C gradients then beta's (the
// running statistics get none). Per channel: the two sums, then dx.
void BatchNorm::backward(const float* in, const float*, const float* dOut, float* dIn, GradMode mode,
                         float* dParams, int, int n, int) {
    const int C = m_c;
    const long long S = m_s, M = (long long)n * S;
    const float* gamma = m_p;
    parallelRanges(C, channelGrain(M), [&](long long lo, long long hi) {
        for (long long c = lo; c < hi; ++c) m_sum[c] = m_sum2[c] = 0.0;
        for (int s = 0; s < n; ++s)
            for (long long c = lo; c < hi; ++c) {
                const float* dy = dOut + ((long long)s * C + c) * S;
                const float* x = in + ((long long)s * C + c) * S;
                const double mu = m_mean[c], inv = m_invStd[c];
                m_sum[c] += fixedOrderSum(S, [dy](long long k) { return double(dy[k]); });  // dbeta
                m_sum2[c] += fixedOrderSum(S, [dy, x, mu, inv](long long k) {               // dgamma
                    return dy[k] * ((x[k] - mu) * inv);
                });
            }
        if (dParams)  // null: frozen, or an explanation (the sums still shape dx in training mode)
            for (long long c = lo; c < hi; ++c) {
                dParams[c] += float(m_sum2[c]);
                dParams[C + c] += float(m_sum[c]);
            }
        if (!dIn) return;
        for (int s = 0; s < n; ++s)
            for (long long c = lo; c < hi; ++c) {
                const long long at = ((long long)s * C + c) * S;
                const float mu = m_mean[c], inv = m_invStd[c], g = gamma[c] * inv;
                // In evaluation the statistics are constants: dx = gamma / sqrt(var + eps) dy.
                const float k1 = m_training ? float(m_sum[c] / double(M)) : 0.0f;
                const float k2 = m_training ? float(m_sum2[c] / double(M)) : 0.0f;
                for (long long k = 0; k < S; ++k) {
                    const float d = g * (dOut[at + k] - k1 - (in[at + k] - mu) * inv * k2);
                    if (mode == GradMode::Add)
                        dIn[at + k] += d;
                    else
                        dIn[at + k] = d;
                }
            }
    });
}

void BatchNorm::updateRunningStatistics(long long step) {
    if (!m_pending) return;
    m_pending = false;
    float* runMean = m_p + 2 * m_c;
    float* runVar = m_p + 3 * m_c;
    const double t = double(std::max(0LL, step));
    const double keep = std::min(double(m_momentum), t / (t + 1.0));
    const double unbiased = double(m_count) / double(m_count - 1);
    for (int c = 0; c < m_c; ++c) {
        runMean[c] = float(keep * runMean[c] + (1.0 - keep) * m_mean[c]);
        runVar[c] = float(keep * runVar[c] + (1.0 - keep) * m_var[c] * unbiased);
    }
}

}  // namespace layerlab
