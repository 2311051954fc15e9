// Compiled twice (see gemm.h): LAYERLAB_KERNEL_NS is `baseline` in the normal build and `avx512` in the
// -march=x86-64-v4 copy, which also renames Eigen's namespace on the command line. Nothing but Eigen and
// this file's own functions may be used here, so that the AVX-512 copy shares no symbol with the baseline.
#include "core/kernels/gemm_kernel.h"

#include <Eigen/Core>

#ifndef LAYERLAB_KERNEL_NS
#define LAYERLAB_KERNEL_NS baseline
#endif

namespace layerlab::LAYERLAB_KERNEL_NS {

namespace {
using ColMat = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::ColMajor>;
using RowMat = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using Stride = Eigen::OuterStride<>;

template <class A, class B>
void product(const A& a, const B& b, float* c, int m, int n, int ldc, bool accumulate) {
    Eigen::Map<ColMat, 0, Stride> C(c, m, n, Stride(ldc));
    if (accumulate)
        C.noalias() += a * b;
    else
        C.noalias() = a * b;
}

// C column-major (m x n, leading dimension ldc) = A B.
template <class A>
void withB(const A& a, int n, int k, const float* b, Order bOrder, int ldb, float* c, int m, int ldc,
           bool accumulate) {
    if (bOrder == Order::ColMajor)
        product(a, Eigen::Map<const ColMat, 0, Stride>(b, k, n, Stride(ldb)), c, m, n, ldc, accumulate);
    else
        product(a, Eigen::Map<const RowMat, 0, Stride>(b, k, n, Stride(ldb)), c, m, n, ldc, accumulate);
}
}  // namespace

void gemmKernel(int m, int n, int k, const float* a, Order aOrder, int lda, const float* b, Order bOrder,
                int ldb, float* c, Order cOrder, int ldc, bool accumulate) {
    // Eigen splits a product's depth k into blocks sized from the L1 data cache the CPU reports, and each
    // block's sum is added to C on its own: the same product gives other bits on a CPU with another L1 (a
    // K = 1600 or 784 product differs between 32 KB and 48 KB). Pinned to 32 KB in this copy's Eigen (the
    // first call, on whichever thread), so that a seeded run gives the same bits on every machine that runs
    // this copy, at a given thread count. L2 and L3 stay as detected: with Eigen's own threads off they only
    // size the row and column blocks, which do not change any sum. (Not at static initialisation: the
    // AVX-512 copy's code must not run on a CPU without AVX-512.)
    static const bool pinned = [] {
        Eigen::setCpuCacheSizes(kPinnedL1Bytes, Eigen::l2CacheSize(), Eigen::l3CacheSize());
        return true;
    }();
    (void)pinned;
    if (cOrder == Order::RowMajor) {
        // A row-major C is the column-major C^T (n x m) = B^T A^T; each transpose flips the order.
        const auto flip = [](Order o) { return o == Order::RowMajor ? Order::ColMajor : Order::RowMajor; };
        gemmKernel(n, m, k, b, flip(bOrder), ldb, a, flip(aOrder), lda, c, Order::ColMajor, ldc, accumulate);
        return;
    }
    if (aOrder == Order::ColMajor)
        withB(Eigen::Map<const ColMat, 0, Stride>(a, m, k, Stride(lda)), n, k, b, bOrder, ldb, c, m, ldc,
              accumulate);
    else
        withB(Eigen::Map<const RowMat, 0, Stride>(a, m, k, Stride(lda)), n, k, b, bOrder, ldb, c, m, ldc,
              accumulate);
}

}  // namespace layerlab::LAYERLAB_KERNEL_NS
