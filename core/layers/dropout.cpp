#include "dropout.h"

#include <algorithm>

#include "errors.h"
#include "parallel.h"

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

void Dropout::reserve(int maxBatch, int chunks) {
    m_chunks = chunks;
    m_mask.assign((size_t)maxBatch * m_in.size(), 1.0f);
}

void Dropout::forward(const float* in, float* out, int n, bool training) {
    const long long size = m_in.size();
    if (!training || m_rate == 0.0f) {
        std::copy(in, in + n * size, out);
        std::fill(m_mask.begin(), m_mask.begin() + n * size, 1.0f);
        return;
    }
    const float keep = 1.0f - m_rate, scale = 1.0f / keep;
    const std::uint64_t threshold = std::uint64_t(double(m_rate) * 18446744073709551615.0);
    parallelFor(m_chunks, [&](int c) {
        const auto r = chunkRange(n, m_chunks, c);
        for (long long i = r.begin * size; i < r.end * size; ++i) {
            const float m = mix(m_seed ^ mix(std::uint64_t(i))) >= threshold ? scale : 0.0f;
            m_mask[i] = m;
            out[i] = in[i] * m;
        }
    });
}

void Dropout::backward(const float*, const float*, const float* dOut, float* dIn, int n) {
    if (!dIn) return;
    const long long total = n * m_in.size();
    for (long long i = 0; i < total; ++i) dIn[i] = dOut[i] * m_mask[i];
}

}  // namespace layerlab
