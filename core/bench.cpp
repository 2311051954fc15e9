#include "core/bench.h"

#include <algorithm>
#include <chrono>
#include <vector>

#include "core/errors.h"
#include "core/input_scaling.h"
#include "core/loss.h"
#include "core/network.h"
#include "core/optimizer.h"
#include "core/parallel.h"

namespace layerlab {

namespace {
using Clock = std::chrono::steady_clock;

// Runs fn(batchIndex) repeatedly for about `seconds` and returns samples per second.
template <class Fn>
double measure(Fn&& fn, int batch, double seconds) {
    const auto t0 = Clock::now();
    long long iters = 0;
    double elapsed = 0;
    do {
        fn(iters++);
        elapsed = std::chrono::duration<double>(Clock::now() - t0).count();
    } while (elapsed < seconds || iters < 3);
    return double(iters) * batch / elapsed;
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}
}  // namespace

BenchResult benchmark(const ModelSpec& spec, const Dataset& data, int batch, int threads, int repeats,
                      double secondsPerRepeat) {
    if (batch <= 0) throw SpecError("--batch must be at least 1");
    if ((long long)data.imageSize() != spec.input.size())
        throw DataError("the model expects " + spec.input.toString() + " inputs but " + data.name + " has " +
                        std::to_string(data.rows) + "x" + std::to_string(data.cols) + " images");
    ThreadArena arena(threads);
    Network net(spec);
    net.setLogitsOutput(spec.training.loss == LossType::CrossEntropy);
    net.reserve(batch, arena.threads());
    net.initParams(spec.training.seed);
    auto opt = makeOptimizer(spec.training.optimizer, net.params().size());
    const int k = int(net.outputSize());
    const size_t isz = data.imageSize();

    // Real images: a pool of up to 8 consecutive batches converted once, cycled through.
    const int poolBatches =
        int(std::max<size_t>(1, std::min<size_t>(8, data.trainCount() / std::max(1, batch))));
    FloatBuffer images((size_t)poolBatches * batch * isz);
    std::vector<std::uint8_t> labels((size_t)poolBatches * batch);
    for (size_t s = 0; s < labels.size(); ++s) {
        const size_t i = s % data.trainCount();
        pixelsToInputs(data.trainImages.data() + i * isz, images.data() + s * isz, isz);
        labels[s] = data.trainLabels[i];
    }
    FloatBuffer dLoss((size_t)batch * k);

    BenchResult r;
    r.batch = batch;
    r.threads = arena.threads();
    auto trainStep = [&](long long it) {
        const size_t b = size_t(it % poolBatches);
        net.setStepSeed(std::uint64_t(it));
        const float* out = net.forward(images.data() + b * batch * isz, batch, true);
        computeLoss(spec.training.loss, net.logitsOutput(), out, labels.data() + b * batch, batch, k,
                    dLoss.data());
        net.backward(dLoss.data(), batch);
        applyL2(net.params(), net.grads(), net.weightMask(), spec.training.l2);
        opt->step(net.params(), net.grads());
    };
    auto inferStep = [&](long long it) {
        const size_t b = size_t(it % poolBatches);
        net.forward(images.data() + b * batch * isz, batch, false);
    };
    arena.execute([&] {
        std::vector<double> train, infer;
        measure(trainStep, batch, secondsPerRepeat * 0.5);  // warm-up
        for (int i = 0; i < repeats; ++i) train.push_back(measure(trainStep, batch, secondsPerRepeat));
        measure(inferStep, batch, secondsPerRepeat * 0.25);
        for (int i = 0; i < repeats; ++i) infer.push_back(measure(inferStep, batch, secondsPerRepeat));
        r.trainSamplesPerSecond = median(train);
        r.inferSamplesPerSecond = median(infer);
    });
    return r;
}

}  // namespace layerlab
