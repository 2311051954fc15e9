#pragma once
// The engine's matrix product, the one hot kernel compiled for two instruction sets and chosen at run time.
//
// The default build targets x86-64-v3 (AVX2 + FMA), so the binary runs on any such CPU. gemm_kernel.cpp is
// compiled twice: once with the rest of the build (the baseline) and once with -march=x86-64-v4 (AVX-512).
// On the first call, the AVX-512 copy is chosen when the CPU (and OS) supports it; LAYERLAB_ISA=avx2 in the
// environment, or setIsa(), forces the baseline. Only plain pointers and ints cross between the copies: the
// AVX-512 copy renames Eigen's namespace (-DEigen=LayerLabEigenAvx512) and its own (layerlab::avx512), so no
// template instantiation compiled for AVX-512 can be picked by the linker for the baseline path (the ODR
// trap of compiling a header-only library twice); the isa_symbols test checks that with nm.
namespace layerlab {

// How a matrix is stored: RowMajor = each row contiguous. A transpose is the same memory with the other
// order.
enum class Order { RowMajor, ColMajor };

// C (m x n) = A (m x k) B (k x n), or C += A B when `accumulate`. Each matrix is dense in its own order
// (leading dimension = its row or column length). Runs on the calling thread only.
void gemm(int m, int n, int k, const float* a, Order aOrder, const float* b, Order bOrder, float* c,
          Order cOrder, bool accumulate);
// As gemm, for blocks of larger matrices: lda, ldb and ldc are the distances between the starts of
// consecutive rows (RowMajor) or columns (ColMajor) of A, B and C, each at least that matrix's row or
// column length.
void gemmStrided(int m, int n, int k, const float* a, Order aOrder, int lda, const float* b, Order bOrder,
                 int ldb, float* c, Order cOrder, int ldc, bool accumulate);

enum class Isa { Baseline, Avx512 };

// "avx512", or the baseline's name: "avx2" (the portable build) or "native" (LAYERLAB_NATIVE=ON).
const char* isaName(Isa isa);
// The copy gemm() runs (chosen on first use: the best available, unless LAYERLAB_ISA=avx2 forces the
// baseline).
Isa activeIsa();
// Whether this build has the copy and this CPU can run it (the baseline always can).
bool isaAvailable(Isa isa);
// Switches gemm() to `isa` (for tests and benchmarks); returns false and changes nothing when it is not
// available. Not to be called while another thread runs gemm().
bool setIsa(Isa isa);

}  // namespace layerlab
