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

template <class A, class B>
void product(const A& a, const B& b, float* c, int m, int n, bool accumulate) {
    Eigen::Map<ColMat> C(c, m, n);
    if (accumulate)
        C.noalias() += a * b;
    else
        C.noalias() = a * b;
}

// C column-major (m x n) = A B.
template <class A>
void withB(const A& a, int n, int k, const float* b, Order bOrder, float* c, int m, bool accumulate) {
    if (bOrder == Order::ColMajor)
        product(a, Eigen::Map<const ColMat>(b, k, n), c, m, n, accumulate);
    else
        product(a, Eigen::Map<const RowMat>(b, k, n), c, m, n, accumulate);
}
}  // namespace

void gemmKernel(int m, int n, int k, const float* a, Order aOrder, const float* b, Order bOrder, float* c,
                Order cOrder, bool accumulate) {
    if (cOrder == Order::RowMajor) {
        // A row-major C is the column-major C^T (n x m) = B^T A^T; each transpose flips the order.
        const auto flip = [](Order o) { return o == Order::RowMajor ? Order::ColMajor : Order::RowMajor; };
        gemmKernel(n, m, k, b, flip(bOrder), a, flip(aOrder), c, Order::ColMajor, accumulate);
        return;
    }
    if (aOrder == Order::ColMajor)
        withB(Eigen::Map<const ColMat>(a, m, k), n, k, b, bOrder, c, m, accumulate);
    else
        withB(Eigen::Map<const RowMat>(a, m, k), n, k, b, bOrder, c, m, accumulate);
}

}  // namespace layerlab::LAYERLAB_KERNEL_NS
