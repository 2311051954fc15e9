#pragma once
// Throughput benchmark of the engine on real images: warm-up, then the median of several repeats. A
// training sample is the trainer's own TrainingStep (core/training_step.h), inference its evaluation pass,
// so the figures are those of training, and the studio's --benchmark-ui compares like with like.
#include "core/dataset.h"
#include "core/model_spec.h"

namespace layerlab {

struct BenchResult {
    double trainSamplesPerSecond = 0;  // TrainingStep: fill, forward, loss, backward, L2, optimizer step
    double inferSamplesPerSecond = 0;  // fill, forward, loss (evaluation)
    int batch = 0, threads = 0;
    const char* isa = "";            // the GEMM kernel's path: "avx512", "avx2" or "native" (gemm.h)
    double trainFlopsPerSample = 0;  // shape inference's estimate (forward + backward)
    double gemmPeakGflops = 0;       // gemmPeakGflops() on the same threads: the best of `repeats` quarter
                                     // repeats, each after a training repeat
    double trainGflops() const { return trainFlopsPerSample * trainSamplesPerSecond * 1e-9; }
    double peakFraction() const { return gemmPeakGflops > 0 ? trainGflops() / gemmPeakGflops : 0; }
};

// This machine's reachable GEMM rate on the engine's own kernel: C (1024 x 1024) = A B (K = 1024), its
// columns split into one block per thread of the caller's arena, repeated for about `seconds`. GFLOP/s.
double gemmPeakGflops(double seconds = 1.0);

// Uses the first images of data.train (batch by batch), spec's optimizer, `threads` (0 = all cores).
BenchResult benchmark(const ModelSpec& spec, const Dataset& data, int batch, int threads, int repeats = 5,
                      double secondsPerRepeat = 1.0);

// How training speeds up from 1 thread to `threads` (0 = all cores), measured fairly on a machine whose speed
// drifts: two trainer steps, one in a 1-thread arena and one in a `threads` arena, each trained for
// `window` seconds in turn (1 -> N, then N -> 1, ...), `pairs` times; each pair gives one ratio. The
// machine's own figure beside it: its GEMM peak (gemmPeakGflops) the same way, in pairs / 4 pairs.
struct ScalingResult {
    int threads = 0;                       // what ran (effectiveThreads)
    double oneThreadSamplesPerSecond = 0;  // median over the windows
    double samplesPerSecond = 0;           // on `threads`, median
    double ratio = 0;                      // median of the pairs' ratios
    double ratioLow = 0, ratioHigh = 0;    // their quartiles
    double gemmPeakRatio = 0;              // the GEMM peak's, median
};
ScalingResult threadScaling(const ModelSpec& spec, const Dataset& data, int batch, int threads,
                            int pairs = 10, double window = 0.5);

// The training loop `layerlab-cli train` runs (a Trainer with its epochs, shuffles and validation passes,
// an observer told of every batch, no layer health), stopped after about `seconds`: samples trained per
// second from the run's start to its last batch. spec's epochs should be enough to last that long. The
// studio's --benchmark-ui compares its own run with this one of the same length.
double trainLoopSamplesPerSecond(const ModelSpec& spec, const Dataset& data, double seconds);

}  // namespace layerlab
