#include "core/layer_health.h"

#include <immintrin.h>
#include <algorithm>
#include <array>
#include <bit>
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

// The sum and sum of squares of values (in double; NaN and infinity included, as a mean of such values
// should show), and the extremes and count of the finite ones. AVX2, 8 values at a time in independent
// lanes; a layer's whole batch of activations is tens of MB, out of cache, so each is read once here.
struct Scan {
    double sum = 0, sq = 0;
    float lo = 0, hi = 0;
    long long count = 0;
};

class Scanner {
public:
    void add(__m256 v) {
        const __m256d d0 = _mm256_cvtps_pd(_mm256_castps256_ps128(v));
        const __m256d d1 = _mm256_cvtps_pd(_mm256_extractf128_ps(v, 1));
        m_sum0 = _mm256_add_pd(m_sum0, d0);
        m_sum1 = _mm256_add_pd(m_sum1, d1);
        m_sq0 = _mm256_fmadd_pd(d0, d0, m_sq0);
        m_sq1 = _mm256_fmadd_pd(d1, d1, m_sq1);
        const __m256 finite = finiteLanes(v);
        m_lo = _mm256_min_ps(m_lo, _mm256_blendv_ps(inf(), v, finite));
        m_hi = _mm256_max_ps(m_hi, _mm256_blendv_ps(negInf(), v, finite));
        m_count = _mm256_add_epi32(m_count, _mm256_castps_si256(finite));  // a true lane is -1
    }
    void add(float v) {
        m_tailSum += v;
        m_tailSq += double(v) * v;
        if (!std::isfinite(v)) return;
        m_tailLo = std::min(m_tailLo, v);
        m_tailHi = std::max(m_tailHi, v);
        ++m_tailCount;
    }
    Scan result() const {
        alignas(32) double s[8], q[8];
        alignas(32) float l[8], h[8];
        alignas(32) std::int32_t c[8];
        _mm256_store_pd(s, m_sum0);
        _mm256_store_pd(s + 4, m_sum1);
        _mm256_store_pd(q, m_sq0);
        _mm256_store_pd(q + 4, m_sq1);
        _mm256_store_ps(l, m_lo);
        _mm256_store_ps(h, m_hi);
        _mm256_store_si256(reinterpret_cast<__m256i*>(c), m_count);
        Scan r;
        float lo = m_tailLo, hi = m_tailHi;
        for (int k = 0; k < 8; ++k) {
            r.sum += s[k];
            r.sq += q[k];
            r.count -= c[k];
            lo = std::min(lo, l[k]);
            hi = std::max(hi, h[k]);
        }
        r.sum += m_tailSum;
        r.sq += m_tailSq;
        r.count += m_tailCount;
        if (r.count > 0) {
            r.lo = lo;
            r.hi = hi;
        }
        return r;
    }

private:
    static __m256 inf() { return _mm256_set1_ps(std::numeric_limits<float>::infinity()); }
    static __m256 negInf() { return _mm256_set1_ps(-std::numeric_limits<float>::infinity()); }
    __m256d m_sum0 = _mm256_setzero_pd(), m_sum1 = m_sum0, m_sq0 = m_sum0, m_sq1 = m_sum0;
    __m256 m_lo = inf(), m_hi = negInf();
    __m256i m_count = _mm256_setzero_si256();  // minus the count of finite values per lane
    double m_tailSum = 0, m_tailSq = 0;
    float m_tailLo = std::numeric_limits<float>::infinity(),
          m_tailHi = -std::numeric_limits<float>::infinity();
    long long m_tailCount = 0;
};

Scan scan(const float* values, long long n) {
    Scanner s;
    long long i = 0;
    for (; i + 8 <= n; i += 8) s.add(_mm256_loadu_ps(values + i));
    for (; i < n; ++i) s.add(values[i]);
    return s.result();
}

// Scan of `rows` rows of `units` values, and each unit's "not 0 in some row" OR-ed into alive (units
// floats, all-ones bits where so; null: not wanted), in one pass.
Scan scanRows(const float* a, int rows, long long units, float* alive) {
    Scanner s;
    const __m256 zero = _mm256_setzero_ps();
    for (int r = 0; r < rows; ++r) {
        const float* row = a + (long long)r * units;
        long long u = 0;
        for (; u + 8 <= units; u += 8) {
            const __m256 v = _mm256_loadu_ps(row + u);
            s.add(v);
            if (alive)
                _mm256_storeu_ps(
                    alive + u, _mm256_or_ps(_mm256_loadu_ps(alive + u), _mm256_cmp_ps(v, zero, _CMP_NEQ_UQ)));
        }
        for (; u < units; ++u) {
            s.add(row[u]);
            if (alive && row[u] != 0.0f) alive[u] = std::bit_cast<float>(~0u);
        }
    }
    return s.result();
}

// Adds the kHealthBins-bin histogram over [lo, hi] of n values into bins (kHealthBins + 1: the last one
// counts what is not finite, dropped). The bins of 8 values at a time (the same float arithmetic as one at
// a time), each lane counted into its own histogram, added at the end: runs of equal values (a ReLU's
// zeros) would otherwise make each increment wait for the one before it. A value equal to lo goes to bin 0;
// it is counted apart (slot kHealthBins + 1), and a block of 8 of them (most of a ReLU's outputs) at once.
void addHistogram(const float* values, long long n, float lo, float hi,
                  std::array<std::uint32_t, kHealthBins + 1>& bins) {
    const double width = double(hi) - double(lo);
    const float scale = width > 0 ? float(kHealthBins / width) : 0.0f;
    constexpr int kAtLo = kHealthBins + 1;
    std::array<std::array<std::uint32_t, kHealthBins + 2>, 8> lane{};
    const __m256 vlo = _mm256_set1_ps(lo), vscale = _mm256_set1_ps(scale);
    const __m256i last = _mm256_set1_epi32(kHealthBins - 1), dropped = _mm256_set1_epi32(kHealthBins),
                  atLo = _mm256_set1_epi32(kAtLo);
    alignas(32) std::int32_t bin[8];
    long long blocksAtLo = 0;
    long long i = 0;
    for (; i + 8 <= n; i += 8) {
        const __m256 v = _mm256_loadu_ps(values + i);
        const __m256 isLo = _mm256_cmp_ps(v, vlo, _CMP_EQ_OQ);
        if (_mm256_movemask_ps(isLo) == 0xff) {
            ++blocksAtLo;
            continue;
        }
        const __m256 finite = finiteLanes(v);
        __m256i b = _mm256_min_epi32(last, _mm256_cvttps_epi32(_mm256_mul_ps(_mm256_sub_ps(v, vlo), vscale)));
        b = _mm256_castps_si256(
            _mm256_blendv_ps(_mm256_castsi256_ps(dropped), _mm256_castsi256_ps(b), finite));
        b = _mm256_castps_si256(_mm256_blendv_ps(_mm256_castsi256_ps(b), _mm256_castsi256_ps(atLo), isLo));
        _mm256_store_si256(reinterpret_cast<__m256i*>(bin), b);
        for (int k = 0; k < 8; ++k) ++lane[std::size_t(k)][std::size_t(bin[k])];
    }
    for (; i < n; ++i) {
        const float v = values[i];
        if (std::isfinite(v)) ++lane[0][std::size_t(std::min(kHealthBins - 1, int((v - lo) * scale)))];
    }
    bins[0] += std::uint32_t(8 * blocksAtLo);
    for (const auto& l : lane) {
        for (int b = 0; b <= kHealthBins; ++b) bins[std::size_t(b)] += l[std::size_t(b)];
        bins[0] += l[kAtLo];
    }
}

// The count, extremes and percentiles of n values whose scan is s (the histogram is left empty).
// Nearest rank over the (sampled, kHealthPercentileCap) values: rank p of m sorted values is the one at
// round(p/100 (m-1)), picked by nth_element from the last rank's place on (the ranks ascend).
Distribution percentilesOf(const float* values, long long n, const Scan& s, std::vector<float>& scratch) {
    Distribution d;
    d.count = s.count;
    if (s.count == 0) return d;
    d.lo = s.lo;
    d.hi = s.hi;
    // Every stride-th value, the stride prime to n: a layer's n = batch x channels x rows x columns, and a
    // stride dividing it would take the same pixel of every feature map (with 128 x 32 x 26 x 26 values
    // and a cap of 4096, ceil(n / cap) is exactly 26 x 26: every sample from the top-left corner).
    long long stride = std::max(1LL, (n + kHealthPercentileCap - 1) / kHealthPercentileCap);
    while (std::gcd(stride, n) != 1) ++stride;
    scratch.clear();
    for (long long i = 0; i < n; i += stride)
        if (std::isfinite(values[i])) scratch.push_back(values[i]);
    // (A sample may hold no finite value while others do: the extremes then stand for every rank.)
    const std::size_t m = scratch.size();
    auto from = scratch.begin();
    for (int k = 0; k < kHealthPercentiles; ++k) {
        if (m == 0) {
            d.percentiles[k] = s.lo;
            continue;
        }
        const auto at =
            scratch.begin() + std::ptrdiff_t(std::lround(kHealthPercentileRanks[k] / 100.0 * double(m - 1)));
        std::nth_element(from, at, scratch.end());
        d.percentiles[k] = *at;
        from = at;
    }
    d.percentiles.front() = s.lo;  // the extremes of all values, sampled or not
    d.percentiles.back() = s.hi;
    return d;
}

// The summary of n values whose scan is s.
Distribution summarizeScanned(const float* values, long long n, const Scan& s, std::vector<float>& scratch) {
    Distribution d = percentilesOf(values, n, s, scratch);
    if (d.count == 0) return d;
    std::array<std::uint32_t, kHealthBins + 1> bins{};
    addHistogram(values, n, d.lo, d.hi, bins);
    std::copy_n(bins.begin(), kHealthBins, d.bins.begin());
    return d;
}

// Values per part of a layer's activations: each part is scanned, and its histogram added, as one task.
constexpr long long kHealthPartValues = 1 << 18;

// One task's rows of a model layer's activations: their scan and dead-unit mask (ReLU), then their
// histogram.
struct ActivationPart {
    int group = 0;
    int rowBegin = 0, rowEnd = 0;
    Scan scan;
    std::vector<float> alive;  // ReLU: units masks (scanRows)
    std::array<std::uint32_t, kHealthBins + 1> bins{};
};

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
    // The activations in parts of rows (samples), as many as their size asks for: the parts' count, and so
    // the sums' order, depend only on the layer and the batch.
    std::vector<ActivationPart> parts;
    std::vector<int> firstPart(groups.size() + 1, 0);
    for (std::size_t g = 0; g < groups.size(); ++g) {
        firstPart[g] = int(parts.size());
        if (groups[g].outputLayer < 0 || n <= 0) continue;
        const long long units = net.layer(groups[g].outputLayer).outputShape().size();
        const int count = int(std::clamp<long long>(units * n / kHealthPartValues, 1, n));
        for (int p = 0; p < count; ++p) {
            ActivationPart part;
            part.group = int(g);
            part.rowBegin = int((long long)n * p / count);
            part.rowEnd = int((long long)n * (p + 1) / count);
            parts.push_back(std::move(part));
        }
    }
    firstPart[groups.size()] = int(parts.size());
    auto activations = [&](int g) { return net.activation(groups[std::size_t(g)].outputLayer); };
    auto unitsOf = [&](int g) { return net.layer(groups[std::size_t(g)].outputLayer).outputShape().size(); };
    auto isRelu = [&](int g) {
        return net.layer(groups[std::size_t(g)].outputLayer).type() == LayerType::ReLU;
    };

    // 1. Each part's scan and dead-unit mask, in one pass.
    parallelFor(int(parts.size()), [&](int i) {
        ActivationPart& p = parts[std::size_t(i)];
        const long long units = unitsOf(p.group);
        if (isRelu(p.group)) p.alive.assign(std::size_t(units), 0.0f);
        p.scan = scanRows(activations(p.group) + (long long)p.rowBegin * units, p.rowEnd - p.rowBegin, units,
                          p.alive.empty() ? nullptr : p.alive.data());
    });
    // Their sums in part order.
    std::vector<Scan> scans(groups.size());
    for (std::size_t g = 0; g < groups.size(); ++g) {
        Scan& s = scans[g];
        bool any = false;
        for (int i = firstPart[g]; i < firstPart[g + 1]; ++i) {
            const Scan& q = parts[std::size_t(i)].scan;
            s.sum += q.sum;
            s.sq += q.sq;
            if (q.count == 0) continue;
            s.lo = any ? std::min(s.lo, q.lo) : q.lo;
            s.hi = any ? std::max(s.hi, q.hi) : q.hi;
            s.count += q.count;
            any = true;
        }
    }

    // 2. Each part's histogram; each layer's percentiles, dead units and parameters.
    const std::span<const float> params = net.params();
    const std::span<const float> grads = net.grads();
    parallelFor(int(parts.size() + groups.size()), [&](int task) {
        if (task < int(parts.size())) {
            ActivationPart& p = parts[std::size_t(task)];
            const Scan& s = scans[std::size_t(p.group)];
            const long long units = unitsOf(p.group);
            if (s.count > 0)
                addHistogram(activations(p.group) + (long long)p.rowBegin * units,
                             (long long)(p.rowEnd - p.rowBegin) * units, s.lo, s.hi, p.bins);
            return;
        }
        const int g = task - int(parts.size());
        const Group& grp = groups[std::size_t(g)];
        LayerHealth& h = out.layers[std::size_t(g)];
        h.specIndex = grp.specIndex;
        h.type = net.spec().layers[grp.specIndex].type;
        h.label = std::string(layerTypeName(h.type)) + " " + std::to_string(grp.specIndex + 1);
        std::vector<float> scratch, values;
        if (grp.outputLayer >= 0) {
            const long long units = unitsOf(g);
            const long long total = units * n;
            const Scan& s = scans[std::size_t(g)];
            h.units = units;
            h.relu = isRelu(g);
            if (total > 0) {
                h.activationMean = s.sum / double(total);
                h.activationStd =
                    std::sqrt(std::max(0.0, s.sq / double(total) - h.activationMean * h.activationMean));
            }
            if (h.relu && n > 0) {
                long long dead = 0;
                for (long long u = 0; u < units; ++u) {
                    bool alive = false;
                    for (int i = firstPart[std::size_t(g)]; i < firstPart[std::size_t(g) + 1] && !alive; ++i)
                        alive = parts[std::size_t(i)].alive[std::size_t(u)] != 0.0f;
                    dead += !alive;
                }
                h.deadUnits = dead;
                h.deadFraction = units > 0 ? double(dead) / double(units) : 0.0;
            }
            h.activations = percentilesOf(activations(g), total, s, scratch);
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
    // The activations' histograms, the parts' added.
    for (std::size_t g = 0; g < groups.size(); ++g) {
        if (out.layers[g].activations.count == 0) continue;
        std::array<std::uint32_t, kHealthBins + 1> bins{};
        for (int i = firstPart[g]; i < firstPart[g + 1]; ++i)
            for (int b = 0; b < kHealthBins; ++b)
                bins[std::size_t(b)] += parts[std::size_t(i)].bins[std::size_t(b)];
        std::copy_n(bins.begin(), kHealthBins, out.layers[g].activations.bins.begin());
    }
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
