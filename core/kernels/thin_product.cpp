#include "core/kernels/thin_product.h"

#ifdef __FMA__
#include <immintrin.h>
#endif

namespace layerlab {

namespace {
// 8 floats, one AVX2 register, on both GEMM paths. With this kernel the seed CNN's training step ran about
// 1.5 % faster than with the GEMM (paired in one process, the order of the two swapped too, 2 threads); with
// a copy of 16-float AVX-512 vectors (8 x 3 tiles in its 32 registers), no faster (its gradient was slower
// than this one's).
constexpr int kLanes = 8;
constexpr int kRows = 4;  // rows of a tile: 4 x 3 accumulators of the 16 vector registers
// One vector register of floats, loaded and stored at any float alignment.
typedef float Vec __attribute__((vector_size(4 * kLanes)));
typedef float UnalignedVec __attribute__((vector_size(4 * kLanes), aligned(4)));
inline Vec load(const float* p) {
    return *reinterpret_cast<const UnalignedVec*>(p);
}
inline void store(float* p, Vec v) {
    *reinterpret_cast<UnalignedVec*>(p) = v;
}
inline Vec splat(float x) {
    return Vec{} + x;
}
// a b + c, one rounding: the vector lanes and the scalar tails (fmaf) give the same bits for an output.
inline Vec fma(Vec a, Vec b, Vec c) {
#ifdef __FMA__
    return _mm256_fmadd_ps(a, b, c);
#else
    Vec r;
    for (int l = 0; l < kLanes; ++l) r[l] = __builtin_fmaf(a[l], b[l], c[l]);
    return r;
#endif
}

// The sum of v's lanes, halving: the upper half added to the lower until one lane is left (a fixed order on
// each path).
inline float sumLanes(Vec v) {
#ifdef __FMA__
    __m128 q = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    q = _mm_add_ps(q, _mm_movehl_ps(q, q));  // lanes 0 + 2, 1 + 3
    q = _mm_add_ss(q, _mm_movehdup_ps(q));   // (0 + 2) + (1 + 3)
    return _mm_cvtss_f32(q);
#else
    for (int w = kLanes / 2; w >= 1; w /= 2)
        for (int l = 0; l < w; ++l) v[l] += v[l + w];
    return v[0];
#endif
}

// Rows [0, R) x columns [0, V kLanes) of Y: R x V accumulators in registers; each vector of B loaded serves R
// rows.
template <int R, int V>
inline void productTile(int n, int k, const float* a, const float* bias, const float* b, float* y) {
    Vec acc[R][V];
#pragma GCC unroll 16
    for (int r = 0; r < R; ++r)
#pragma GCC unroll 16
        for (int v = 0; v < V; ++v) acc[r][v] = splat(bias[r]);
    for (int t = 0; t < k; ++t) {
        Vec bt[V];
#pragma GCC unroll 16
        for (int v = 0; v < V; ++v) bt[v] = load(b + (long long)t * n + kLanes * v);
#pragma GCC unroll 16
        for (int r = 0; r < R; ++r) {
            const Vec w = splat(a[(long long)r * k + t]);
#pragma GCC unroll 16
            for (int v = 0; v < V; ++v) acc[r][v] = fma(w, bt[v], acc[r][v]);
        }
    }
#pragma GCC unroll 16
    for (int r = 0; r < R; ++r)
#pragma GCC unroll 16
        for (int v = 0; v < V; ++v) store(y + (long long)r * n + kLanes * v, acc[r][v]);
}

// Rows [0, R) of Y, all n columns: tiles of 3 vectors, then of 1, then one column at a time.
template <int R>
void productRows(int n, int k, const float* a, const float* bias, const float* b, float* y) {
    int j = 0;
    for (; j + 3 * kLanes <= n; j += 3 * kLanes) productTile<R, 3>(n, k, a, bias, b + j, y + j);
    for (; j + kLanes <= n; j += kLanes) productTile<R, 1>(n, k, a, bias, b + j, y + j);
    for (; j < n; ++j)
        for (int r = 0; r < R; ++r) {
            float s = bias[r];
            for (int t = 0; t < k; ++t)
                s = __builtin_fmaf(a[(long long)r * k + t], b[(long long)t * n + j], s);
            y[(long long)r * n + j] = s;
        }
}

// dA[0, R) x [0, T) += D[0, R) B[0, T)^T over all n columns: R x T vector accumulators, each added across its
// lanes at the end (sumLanes), then the columns past the last whole vector one at a time.
template <int R, int T>
inline void gradientTile(int n, int k, const float* d, const float* b, float* dA) {
    Vec acc[R][T];
#pragma GCC unroll 16
    for (int r = 0; r < R; ++r)
#pragma GCC unroll 16
        for (int t = 0; t < T; ++t) acc[r][t] = Vec{};
    int j = 0;
    for (; j + kLanes <= n; j += kLanes) {
        Vec bt[T];
#pragma GCC unroll 16
        for (int t = 0; t < T; ++t) bt[t] = load(b + (long long)t * n + j);
#pragma GCC unroll 16
        for (int r = 0; r < R; ++r) {
            const Vec dr = load(d + (long long)r * n + j);
#pragma GCC unroll 16
            for (int t = 0; t < T; ++t) acc[r][t] = fma(dr, bt[t], acc[r][t]);
        }
    }
    for (int r = 0; r < R; ++r)
        for (int t = 0; t < T; ++t) {
            float s = sumLanes(acc[r][t]);
            for (int jj = j; jj < n; ++jj)
                s = __builtin_fmaf(d[(long long)r * n + jj], b[(long long)t * n + jj], s);
            dA[(long long)r * k + t] += s;
        }
}

// Rows [r, m) in blocks of R while R fit; returns the first row left.
template <int R>
int productBlocks(int r, int m, int n, int k, const float* a, const float* bias, const float* b, float* y) {
    for (; r + R <= m; r += R) productRows<R>(n, k, a + (long long)r * k, bias + r, b, y + (long long)r * n);
    return r;
}

template <int R>
int gradientBlocks(int r, int m, int n, int k, const float* d, const float* b, float* dA) {
    for (; r + R <= m; r += R) {
        const float* dr = d + (long long)r * n;
        int t = 0;
        for (; t + 3 <= k; t += 3)
            gradientTile<R, 3>(n, k, dr, b + (long long)t * n, dA + (long long)r * k + t);
        for (; t < k; ++t) gradientTile<R, 1>(n, k, dr, b + (long long)t * n, dA + (long long)r * k + t);
    }
    return r;
}
}  // namespace

void thinProduct(int m, int n, int k, const float* a, const float* bias, const float* b, float* y) {
    int r = productBlocks<kRows>(0, m, n, k, a, bias, b, y);
    productBlocks<1>(r, m, n, k, a, bias, b, y);
}

void thinProductGradient(int m, int n, int k, const float* d, const float* b, float* dA, float* dBias) {
    int r = gradientBlocks<kRows>(0, m, n, k, d, b, dA);
    gradientBlocks<1>(r, m, n, k, d, b, dA);
    // The bias: each row of D summed the same way (vector lanes, then across them, then the tail).
    for (r = 0; r < m; ++r) {
        const float* dr = d + (long long)r * n;
        Vec acc{};
        int j = 0;
        for (; j + kLanes <= n; j += kLanes) acc += load(dr + j);
        float s = sumLanes(acc);
        for (; j < n; ++j) s += dr[j];
        dBias[r] += s;
    }
}

}  // namespace layerlab
