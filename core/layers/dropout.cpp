#include "core/layers/dropout.h"

#include <algorithm>

#include "core/errors.h"

namespace layerlab {

namespace {
// splitmix64: a fast, well-mixed hash of a 64-bit counter.
inline std::uint64_t mix(std::uint64_t x) {
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}
}  // namespace

Shape Dropout::configure(const Shape& in) {
    if (!(m_rate >= 0.0f && m_rate < 1.0f)) throw SpecError("rate must be at least 0 and below 1 (e.g. 0.5)");
    m_in = m_out = in;
    return m_out;
}

void Dropout::reserve(int maxBatch, int) {
    m_mask.assign((size_t)maxBatch * m_in.size(), 1.0f);
}

void Dropout::forward(const float* in, float* out, int first, int n, int, bool training) {
    const long long size = m_in.size(), begin = first * size, count = n * size;
    float* mask = m_mask.data() + begin;
    if (!training || m_rate == 0.0f) {
        std::copy(in, in + count, out);
        std::fill(mask, mask + count, 1.0f);
        return;
    }
    const float scale = 1.0f / (1.0f - m_rate);
    const std::uint64_t threshold = std::uint64_t(double(m_rate) * 18446744073709551615.0);
    for (long long i = 0; i < count; ++i) {
        // keyed by the unit's index in the whole batch, not by chunk
        const float m = mix(m_seed ^ mix(std::uint64_t(begin + i))) >= threshold ? scale : 0.0f;
        mask[i] = m;
        out[i] = in[i] * m;
    }
}

void Dropout::backward(const float*, const float*, const float* dOut, float* dIn, GradMode mode, float*,
                       int first, int n, int) {
    if (!dIn) return;
    const long long size = m_in.size(), count = n * size;
    const float* mask = m_mask.data() + first * size;
    if (mode == GradMode::Add)
        for (long long i = 0; i < count; ++i) dIn[i] += dOut[i] * mask[i];
    else
        for (long long i = 0; i < count; ++i) dIn[i] = dOut[i] * mask[i];
}

}  // namespace layerlab
