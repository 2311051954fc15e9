#include "core/kernels/stream_store.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#if defined(__AVX__)
#include <immintrin.h>
#endif

namespace layerlab {

namespace {
// f on 8 floats at a time, streamed from the first 32-byte boundary of y; the head and tail scalar (g).
template <class F, class G>
void streamMap(const float* x, float* y, long long n, F f, G g) {
#if defined(__AVX__)
    long long i = 0;
    for (; i < n && reinterpret_cast<std::uintptr_t>(y + i) % 32 != 0; ++i) y[i] = g(x[i]);
    for (; i + 8 <= n; i += 8) _mm256_stream_ps(y + i, f(_mm256_loadu_ps(x + i)));
    for (; i < n; ++i) y[i] = g(x[i]);
    _mm_sfence();
#else
    (void)f;
    for (long long i = 0; i < n; ++i) y[i] = g(x[i]);
#endif
}
}  // namespace

void streamCopy(const float* x, float* y, long long n) {
#if defined(__AVX__)
    streamMap(
        x, y, n, [](__m256 v) { return v; }, [](float v) { return v; });
#else
    std::memcpy(y, x, sizeof(float) * n);
#endif
}

void streamRelu(const float* x, float* y, long long n) {
    // std::max(v, 0) returns v when !(v < 0): -0 and NaN stay; _mm256_max_ps(0, v) returns its second
    // operand v when the two compare equal or either is NaN: the same.
#if defined(__AVX__)
    const __m256 zero = _mm256_setzero_ps();
    streamMap(
        x, y, n, [zero](__m256 v) { return _mm256_max_ps(zero, v); },
        [](float v) { return std::max(v, 0.0f); });
#else
    for (long long i = 0; i < n; ++i) y[i] = std::max(x[i], 0.0f);
#endif
}

}  // namespace layerlab
