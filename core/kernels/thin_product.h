#pragma once
// Matrix products of a small depth k, for a convolution whose patches are short (C K K: 9 for a first layer
// on one channel with a 3x3 kernel, 27 on three channels). Eigen's GEMM packs both operands on every call,
// and at such a depth the packing is most of the work: on the seed CNN's first layer (32 filters, 676
// outputs, k = 9) its forward product ran at about 54 GFLOP/s and the weight gradient at 41, against 89 on
// the second layer's k = 288. Here each output is summed in registers straight from the operands, in a fixed
// order (the same bits on every run), with the bias folded in: forward starts each sum from it, and the
// gradient sums its rows in the same pass. AVX2 vectors on both GEMM paths (see thin_product.cpp), so these
// give the same bits on every x86-64-v3 CPU.
namespace layerlab {

// The depth up to which Conv2D uses these instead of gemm().
inline constexpr int kThinDepth = 32;

// Y (m x n, row-major) = bias (one per row of Y) + A (m x k, row-major) B (k x n, row-major).
// Each output: bias, then + A[r][t] B[t][j] for t = 0, 1, ..., k - 1 (fused multiply-adds).
void thinProduct(int m, int n, int k, const float* a, const float* bias, const float* b, float* y);

// dA (m x k, row-major) += D (m x n, row-major) B^T (B: k x n, row-major), and dBias (m) += D's row sums.
void thinProductGradient(int m, int n, int k, const float* d, const float* b, float* dA, float* dBias);

}  // namespace layerlab
