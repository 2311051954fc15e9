#include "core/layer_health.h"

#include <immintrin.h>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>
#include <sstream>

#include "core/network.h"
#include "core/parallel.h"

namespace layerlab {

namespace {

std::string fmt(double v, int prec = 2) {
    std::ostringstream o;
    o.precision(prec);
    o << v;
    return o.str();
}

// Values of a layer's parameter block selected by a mask (1 = take), copied contiguously.
void gather(const float* block, const std::vector<std::uint8_t>& mask, std::uint8_t want,
            std::vector<float>& out) {
    out.clear();
    for (std::size_t i = 0; i < mask.size(); ++i)
        if (mask[i] == want) out.push_back(block[i]);
}

// What one model layer is made of in the engine.
struct Group {
    int specIndex = -1;
    int paramLayer = -1;   // the engine layer holding its parameters (-1: none)
    int outputLayer = -1;  // the engine layer whose output is the model layer's output (the last one run)
};

// Lanes of v that hold a finite value (not NaN, not +-infinity): all ones.
inline __m256 finiteLanes(__m256 v) {
    const __m256 absMask = _mm256_castsi256_ps(_mm256_set1_epi32(0x7fffffff));
    return _mm256_cmp_ps(_mm256_and_ps(v, absMask), _mm256_set1_ps(std::numeric_limits<float>::max()),
                         _CMP_LE_OQ);
}

// One pass over n values (a layer's whole batch of activations is tens of MB, out of cache): the sum and sum
// of squares of all of them (in double; NaN and infinity included, as a mean of such values should show),
// and the extremes and count of the finite ones. AVX2, 8 values at a time in independent lanes.
struct Scan {
    double sum = 0, sq = 0;
    float lo = 0, hi = 0;
    long long count = 0;
};

Scan scan(const float* values, long long n) {
    const __m256 inf = _mm256_set1_ps(std::numeric_limits<float>::infinity());
    const __m256 negInf = _mm256_set1_ps(-std::numeric_limits<float>::infinity());
    __m256d sum0 = _mm256_setzero_pd(), sum1 = sum0, sq0 = sum0, sq1 = sum0;
    __m256 lo = inf, hi = negInf;
    __m256i count = _mm256_setzero_si256();  // minus the count of finite values per lane
    long long i = 0;
    for (; i + 8 <= n; i += 8) {
        const __m256 v = _mm256_loadu_ps(values + i);
        const __m256d d0 = _mm256_cvtps_pd(_mm256_castps256_ps128(v));
        const __m256d d1 = _mm256_cvtps_pd(_mm256_extractf128_ps(v, 1));
        sum0 = _mm256_add_pd(sum0, d0);
        sum1 = _mm256_add_pd(sum1, d1);
        sq0 = _mm256_fmadd_pd(d0, d0, sq0);
        sq1 = _mm256_fmadd_pd(d1, d1, sq1);
        const __m256 finite = finiteLanes(v);
        lo = _mm256_min_ps(lo, _mm256_blendv_ps(inf, v, finite));
        hi = _mm256_max_ps(hi, _mm256_blendv_ps(negInf, v, finite));
        count = _mm256_add_epi32(count, _mm256_castps_si256(finite));  // a true lane is -1
    }
    alignas(32) double s[8], q[8];
    alignas(32) float l[8], h[8];
    alignas(32) std::int32_t c[8];
    _mm256_store_pd(s, sum0);
    _mm256_store_pd(s + 4, sum1);
    _mm256_store_pd(q, sq0);
    _mm256_store_pd(q + 4, sq1);
    _mm256_store_ps(l, lo);
    _mm256_store_ps(h, hi);
    _mm256_store_si256(reinterpret_cast<__m256i*>(c), count);
    Scan r;
    float rlo = l[0], rhi = h[0];
    for (int k = 0; k < 8; ++k) {
        r.sum += s[k];
        r.sq += q[k];
        r.count -= c[k];
        rlo = std::min(rlo, l[k]);
        rhi = std::max(rhi, h[k]);
    }
    for (; i < n; ++i) {
        const float v = values[i];
        r.sum += v;
        r.sq += double(v) * v;
        if (!std::isfinite(v)) continue;
        rlo = std::min(rlo, v);
        rhi = std::max(rhi, v);
        ++r.count;
    }
    if (r.count > 0) {
        r.lo = rlo;
        r.hi = rhi;
    }
    return r;
}

// The summary of n values whose extremes and finite count `s` already has.
Distribution summarizeScanned(const float* values, long long n, const Scan& s, std::vector<float>& scratch) {
    Distribution d;
    d.count = s.count;
    if (s.count == 0) return d;
    const float lo = s.lo, hi = s.hi;
    d.lo = lo;
    d.hi = hi;
    const long long stride = std::max(1LL, (n + kHealthPercentileCap - 1) / kHealthPercentileCap);
    scratch.clear();
    for (long long i = 0; i < n; i += stride)
        if (std::isfinite(values[i])) scratch.push_back(values[i]);
    // Nearest rank over the (sampled) values: rank p of m sorted values is the one at round(p/100 (m-1)).
    // (A sample may hold no finite value while others do: the extremes then stand for every rank.)
    std::sort(scratch.begin(), scratch.end());
    const std::size_t m = scratch.size();
    for (int k = 0; k < kHealthPercentiles; ++k)
        d.percentiles[k] =
            m > 0 ? scratch[std::size_t(std::lround(kHealthPercentileRanks[k] / 100.0 * double(m - 1)))] : lo;
    d.percentiles.front() = lo;  // the extremes of all values, sampled or not
    d.percentiles.back() = hi;
    // The bin of 8 values at a time (the same float arithmetic as one at a time), counted into four
    // histograms in turn and added at the end: runs of equal values (a ReLU's zeros) would otherwise make
    // every increment wait for the one before it. A value that is not finite goes to an extra bin, dropped.
    const double width = double(hi) - double(lo);
    const float scale = width > 0 ? float(kHealthBins / width) : 0.0f;
    constexpr int H = 4;
    std::array<std::array<std::uint32_t, kHealthBins + 1>, H> part{};
    const __m256 vlo = _mm256_set1_ps(lo), vscale = _mm256_set1_ps(scale);
    const __m256i last = _mm256_set1_epi32(kHealthBins - 1), dropped = _mm256_set1_epi32(kHealthBins);
    alignas(32) std::int32_t bin[8];
    long long i = 0;
    for (; i + 8 <= n; i += 8) {
        const __m256 v = _mm256_loadu_ps(values + i);
        const __m256 finite = finiteLanes(v);
        const __m256i b =
            _mm256_min_epi32(last, _mm256_cvttps_epi32(_mm256_mul_ps(_mm256_sub_ps(v, vlo), vscale)));
        _mm256_store_si256(reinterpret_cast<__m256i*>(bin),
                           _mm256_castps_si256(_mm256_blendv_ps(_mm256_castsi256_ps(dropped),
                                                                _mm256_castsi256_ps(b), finite)));
        for (int k = 0; k < 8; ++k) ++part[k % H][std::size_t(bin[k])];
    }
    for (; i < n; ++i) {
        const float v = values[i];
        if (std::isfinite(v)) ++part[0][std::size_t(std::min(kHealthBins - 1, int((v - lo) * scale)))];
    }
    for (int b = 0; b < kHealthBins; ++b)
        d.bins[std::size_t(b)] = part[0][std::size_t(b)] + part[1][std::size_t(b)] + part[2][std::size_t(b)] +
                                 part[3][std::size_t(b)];
    return d;
}

}  // namespace

Distribution summarize(const float* values, long long n, std::vector<float>& scratch) {
    return summarizeScanned(values, n, scan(values, n), scratch);
}

double LayerHealth::gradientRms() const {
    return normCount > 0 ? gradientNorm / std::sqrt(double(normCount)) : 0.0;
}

HealthSample measureHealth(const Network& net, int n, std::span<const float> before,
                           const HealthThresholds& thresholds) {
    // Model layers (all but Flatten) and their engine layers. With a fused softmax cross-entropy the
    // network's last Softmax is not run: the layer's output is then its logits.
    const int last = net.logitsOutput() && net.layer(net.layerCount() - 1).type() == LayerType::Softmax
                         ? net.layerCount() - 1
                         : net.layerCount();
    std::vector<Group> groups;
    for (int i = 0; i < net.layerCount(); ++i) {
        const int s = net.specIndexOf(i);
        if (net.spec().layers[s].type == LayerType::Flatten) continue;
        if (groups.empty() || groups.back().specIndex != s) groups.push_back({s, -1, -1});
        if (net.layer(i).paramCount() > 0 && groups.back().paramLayer < 0) groups.back().paramLayer = i;
        if (i < last) groups.back().outputLayer = i;
    }
    HealthSample out;
    out.layers.resize(groups.size());
    const std::span<const float> params = net.params();
    const std::span<const float> grads = net.grads();
    parallelFor(int(groups.size()), [&](int g) {
        const Group& grp = groups[g];
        LayerHealth& h = out.layers[g];
        h.specIndex = grp.specIndex;
        h.type = net.spec().layers[grp.specIndex].type;
        h.label = std::string(layerTypeName(h.type)) + " " + std::to_string(grp.specIndex + 1);
        std::vector<float> scratch, values;
        if (grp.outputLayer >= 0) {
            const Layer& l = net.layer(grp.outputLayer);
            const long long units = l.outputShape().size();
            const float* a = net.activation(grp.outputLayer);
            h.units = units;
            h.relu = l.type() == LayerType::ReLU;
            const long long total = units * n;
            const Scan s = scan(a, total);
            if (total > 0) {
                h.activationMean = s.sum / double(total);
                h.activationStd =
                    std::sqrt(std::max(0.0, s.sq / double(total) - h.activationMean * h.activationMean));
            }
            if (h.relu && n > 0) {
                std::vector<std::uint8_t> alive(std::size_t(units), 0);  // sample by sample: contiguous reads
                for (int s = 0; s < n; ++s) {
                    const float* row = a + (long long)s * units;
                    for (long long u = 0; u < units; ++u) alive[std::size_t(u)] |= row[u] != 0.0f;
                }
                const long long dead = units - std::accumulate(alive.begin(), alive.end(), 0LL);
                h.deadUnits = dead;
                h.deadFraction = units > 0 ? double(dead) / double(units) : 0.0;
            }
            h.activations = summarizeScanned(a, total, s, scratch);
        }
        if (grp.paramLayer >= 0) {
            const Layer& l = net.layer(grp.paramLayer);
            const long long off = net.paramOffset(grp.paramLayer);
            const long long count = l.paramCount() - l.stateCount();  // learnable (state: running statistics)
            h.hasParams = count > 0;
            h.learns = l.learns();
            // 1 = weight, 0 = other learnable parameter (bias, BatchNorm's scale and shift).
            std::vector<std::uint8_t> mask(std::size_t(l.paramCount()), 0);
            l.markWeights(mask.data());
            mask.resize(std::size_t(count));
            const bool hasWeights = l.weightCount() > 0;
            gather(params.data() + off, mask, 1, values);
            h.weights = summarize(values.data(), (long long)values.size(), scratch);
            gather(params.data() + off, mask, 0, values);
            h.biases = summarize(values.data(), (long long)values.size(), scratch);
            double g2 = 0, w2 = 0, d2 = 0;
            long long normCount = 0;
            for (long long i = 0; i < count; ++i) {
                if (hasWeights && !mask[std::size_t(i)]) continue;
                const double w = before[std::size_t(off + i)], dw = double(params[std::size_t(off + i)]) - w,
                             gr = grads[std::size_t(off + i)];
                g2 += gr * gr;
                w2 += w * w;
                d2 += dw * dw;
                ++normCount;
            }
            h.normCount = normCount;
            h.gradientNorm = std::sqrt(g2);
            h.weightNorm = std::sqrt(w2);
            h.updateNorm = std::sqrt(d2);
            h.updateRatio = h.weightNorm > 0 ? h.updateNorm / h.weightNorm : 0.0;
            if (h.learns) {
                values.assign(grads.begin() + off, grads.begin() + off + count);
                h.gradients = summarize(values.data(), count, scratch);
            }
        }
    });
    out.alerts = findHealthAlerts(out.layers, thresholds);
    return out;
}

std::vector<HealthAlert> findHealthAlerts(const std::vector<LayerHealth>& layers, const HealthThresholds& t) {
    std::vector<HealthAlert> alerts;
    auto add = [&](HealthAlertKind kind, const LayerHealth* l, double value, std::string text) {
        HealthAlert a;
        a.kind = kind;
        a.specIndex = l ? l->specIndex : -1;
        a.label = l ? l->label : std::string();
        a.value = value;
        a.text = std::move(text);
        alerts.push_back(std::move(a));
    };
    for (const LayerHealth& l : layers) {
        const bool finite = std::isfinite(l.activationMean) && std::isfinite(l.activationStd) &&
                            std::isfinite(l.gradientNorm) && std::isfinite(l.updateNorm);
        if (!finite) {
            add(HealthAlertKind::NotFinite, &l, 0,
                l.label + ": NaN or infinite values: the run is diverging, lower the learning rate");
            continue;
        }
        if (l.relu && l.units > 0 && l.deadFraction >= t.deadFraction)
            add(HealthAlertKind::DeadUnits, &l, l.deadFraction,
                l.label + ": " + fmt(100 * l.deadFraction, 3) +
                    "% of units are dead (zero for every image of the batch): the learning rate may be too "
                    "high");
        if (!l.learns || l.weightNorm <= 0) continue;
        if (l.updateRatio > t.updateHigh)
            add(HealthAlertKind::LargeUpdates, &l, l.updateRatio,
                l.label + ": each step changes the weights by " + fmt(l.updateRatio) +
                    " of their size (healthy: about 0.001): the learning rate may be too high");
        else if (l.updateRatio < t.updateLow)
            add(HealthAlertKind::TinyUpdates, &l, l.updateRatio,
                l.label + ": each step changes the weights by only " + fmt(l.updateRatio) +
                    " of their size (healthy: about 0.001): the learning rate may be too low");
    }
    // The gradient from the last layer that learns down to the first: per value (RMS), so that layers of
    // different sizes compare.
    const LayerHealth *first = nullptr, *lastL = nullptr;
    for (const LayerHealth& l : layers)
        if (l.learns && l.normCount > 0 && std::isfinite(l.gradientNorm)) {
            if (!first) first = &l;
            lastL = &l;
        }
    if (first && lastL && first != lastL) {
        const double a = first->gradientRms(), b = lastL->gradientRms();
        if (a > 0 && b / a >= t.gradientSpread)
            add(HealthAlertKind::VanishingGradients, nullptr, b / a,
                "gradients shrink " + fmt(b / a) + "x from the last layer (" + lastL->label +
                    ") to the first (" + first->label +
                    "): vanishing gradients (try ReLU instead of Sigmoid, or BatchNorm)");
        else if (b > 0 && a / b >= t.gradientSpread)
            add(HealthAlertKind::ExplodingGradients, nullptr, a / b,
                "gradients grow " + fmt(a / b) + "x from the last layer (" + lastL->label +
                    ") to the first (" + first->label +
                    "): exploding gradients (lower the learning rate or add BatchNorm)");
    }
    return alerts;
}

}  // namespace layerlab
