#pragma once
// Short row copies for feature maps, whose rows are often 8-30 floats: a memcpy call per row costs more than
// the copy.
#include <cstring>

namespace layerlab {

// dst[0, n) = src[0, n): 8-float blocks, the last one overlapping the one before instead of a scalar tail.
// Reads and writes stay inside [0, n); the ranges must not overlap.
inline void copyRow(float* __restrict dst, const float* __restrict src, int n) {
    if (n < 8) {
        for (int i = 0; i < n; ++i) dst[i] = src[i];
        return;
    }
    int i = 0;
    for (; i + 8 <= n; i += 8) std::memcpy(dst + i, src + i, 8 * sizeof(float));
    if (i < n) std::memcpy(dst + n - 8, src + n - 8, 8 * sizeof(float));
}

}  // namespace layerlab
