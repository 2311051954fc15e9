#pragma once
// The kernel entry point each copy of gemm_kernel.cpp defines in its own namespace (see gemm.h). Plain
// pointers and ints only: no Eigen type may appear here.
#include "core/kernels/gemm.h"

namespace layerlab {
// The L1 data cache size both copies' Eigen blocks their products for, whatever the CPU reports (see
// gemmKernel): 32 KB, what most x86-64 CPUs of the last decade have, and the development machine's.
inline constexpr long kPinnedL1Bytes = 32 * 1024;
namespace baseline {
void gemmKernel(int m, int n, int k, const float* a, Order aOrder, int lda, const float* b, Order bOrder,
                int ldb, float* c, Order cOrder, int ldc, bool accumulate);
}
namespace avx512 {
void gemmKernel(int m, int n, int k, const float* a, Order aOrder, int lda, const float* b, Order bOrder,
                int ldb, float* c, Order cOrder, int ldc, bool accumulate);
}
}  // namespace layerlab
