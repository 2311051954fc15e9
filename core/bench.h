#pragma once
// Throughput benchmark of the engine on real images: warm-up, then the median of several repeats.
#include "core/dataset.h"
#include "core/model_spec.h"

namespace layerlab {

struct BenchResult {
    double trainSamplesPerSecond = 0;  // forward + backward + optimizer step
    double inferSamplesPerSecond = 0;  // forward only
    int batch = 0, threads = 0;
};

// Uses the first images of data.train (batch by batch), spec's optimizer, `threads` (0 = all cores).
BenchResult benchmark(const ModelSpec& spec, const Dataset& data, int batch, int threads, int repeats = 5,
                      double secondsPerRepeat = 1.0);

}  // namespace layerlab
