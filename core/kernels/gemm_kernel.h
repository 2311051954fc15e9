#pragma once
// The kernel entry point each copy of gemm_kernel.cpp defines in its own namespace (see gemm.h). Plain
// pointers and ints only: no Eigen type may appear here.
#include "core/kernels/gemm.h"

namespace layerlab {
namespace baseline {
void gemmKernel(int m, int n, int k, const float* a, Order aOrder, int lda, const float* b, Order bOrder,
                int ldb, float* c, Order cOrder, int ldc, bool accumulate);
}
namespace avx512 {
void gemmKernel(int m, int n, int k, const float* a, Order aOrder, int lda, const float* b, Order bOrder,
                int ldb, float* c, Order cOrder, int ldc, bool accumulate);
}
}  // namespace layerlab
