#include "core/kernels/gemm.h"

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "core/kernels/gemm_kernel.h"

namespace layerlab {

namespace {
using Kernel = void (*)(int, int, int, const float*, Order, int, const float*, Order, int, float*, Order, int,
                        bool);

#ifdef LAYERLAB_HAVE_AVX512_KERNELS
constexpr bool kBuiltWithAvx512 = true;
#else
constexpr bool kBuiltWithAvx512 = false;
#endif

// Whether this CPU and OS run AVX-512 (false when this build has no AVX-512 copy).
bool cpuHasAvx512() {
#if defined(LAYERLAB_HAVE_AVX512_KERNELS) && (defined(__x86_64__) || defined(__i386__))
    // x86-64-v4: AVX-512 F, BW, CD, DQ and VL (libgcc also checks that the OS saves the AVX-512 state).
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
           __builtin_cpu_supports("avx512cd") && __builtin_cpu_supports("avx512dq") &&
           __builtin_cpu_supports("avx512vl");
#else
    return false;
#endif
}

Kernel kernelFor(Isa isa) {
#ifdef LAYERLAB_HAVE_AVX512_KERNELS
    if (isa == Isa::Avx512) return &avx512::gemmKernel;
#endif
    (void)isa;
    return &baseline::gemmKernel;
}

// LAYERLAB_ISA: unset or "" = the best available, "avx2" = the baseline, "avx512" = AVX-512 when available.
Isa initialIsa() {
    const Isa best = cpuHasAvx512() ? Isa::Avx512 : Isa::Baseline;
    const char* forced = std::getenv("LAYERLAB_ISA");
    if (!forced || !*forced) return best;
    if (std::strcmp(forced, "avx2") == 0 || std::strcmp(forced, "baseline") == 0) return Isa::Baseline;
    if (std::strcmp(forced, "avx512") == 0) {
        if (best != Isa::Avx512)
            std::fprintf(stderr, "LayerLab: LAYERLAB_ISA=avx512 but this %s: using %s\n",
                         kBuiltWithAvx512 ? "CPU has no AVX-512" : "build has no AVX-512 kernels",
                         isaName(Isa::Baseline));
        return best;
    }
    std::fprintf(stderr,
                 "LayerLab: LAYERLAB_ISA=%s is not known (use avx2 or avx512, or unset it): using %s\n",
                 forced, isaName(best));
    return best;
}

std::atomic<Isa>& current() {
    static std::atomic<Isa> isa{initialIsa()};
    return isa;
}
}  // namespace

namespace {
// The length of a dense matrix's rows (RowMajor) or columns (ColMajor).
int dense(Order order, int rows, int cols) {
    return order == Order::RowMajor ? cols : rows;
}
}  // namespace

void gemm(int m, int n, int k, const float* a, Order aOrder, const float* b, Order bOrder, float* c,
          Order cOrder, bool accumulate) {
    gemmStrided(m, n, k, a, aOrder, dense(aOrder, m, k), b, bOrder, dense(bOrder, k, n), c, cOrder,
                dense(cOrder, m, n), accumulate);
}

void gemmStrided(int m, int n, int k, const float* a, Order aOrder, int lda, const float* b, Order bOrder,
                 int ldb, float* c, Order cOrder, int ldc, bool accumulate) {
    kernelFor(current().load(std::memory_order_relaxed))(m, n, k, a, aOrder, lda, b, bOrder, ldb, c, cOrder,
                                                         ldc, accumulate);
}

const char* isaName(Isa isa) {
    if (isa == Isa::Avx512) return "avx512";
#ifdef LAYERLAB_NATIVE_BASELINE
    return "native";
#else
    return "avx2";
#endif
}

Isa activeIsa() {
    return current().load();
}

bool isaAvailable(Isa isa) {
    return isa == Isa::Baseline || cpuHasAvx512();
}

bool setIsa(Isa isa) {
    if (!isaAvailable(isa)) return false;
    current().store(isa);
    return true;
}

}  // namespace layerlab
