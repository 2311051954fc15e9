#include "core/bench.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <random>
#include <thread>
#include <vector>

#include "core/errors.h"
#include "core/kernels/gemm.h"
#include "core/network.h"
#include "core/parallel.h"
#include "core/shape_inference.h"
#include "core/trainer.h"
#include "core/training_step.h"

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

double gemmPeakGflops(double seconds) {
    const int size = 1024, blocks = std::max(1, currentConcurrency());
    std::vector<float> a(size_t(size) * size, 0.5f), b(size_t(size) * size, 0.25f), c(size_t(size) * size);
    // Column block i of the column-major C and B is contiguous: C[:, j0:j1] = A B[:, j0:j1].
    auto run = [&](long long) {
        parallelFor(blocks, [&](int i) {
            const ChunkRange r = chunkRange(size, blocks, i);
            gemm(size, r.end - r.begin, size, a.data(), Order::ColMajor, b.data() + size_t(r.begin) * size,
                 Order::ColMajor, c.data() + size_t(r.begin) * size, Order::ColMajor, false);
        });
    };
    run(0);  // warm-up: pages, caches
    const double calls = measure(run, 1, seconds);
    return calls * 2.0 * size * size * size * 1e-9;
}

BenchResult benchmark(const ModelSpec& spec, const Dataset& data, int batch, int threads, int repeats,
                      double secondsPerRepeat) {
    if (batch <= 0) throw SpecError("--batch must be at least 1");
    if ((long long)data.imageSize() != spec.input.size())
        throw DataError("the model expects " + spec.input.toString() + " inputs but " + data.name + " has " +
                        imageKindText(data));
    if (data.trainCount() == 0) throw DataError(data.name + " has no training images");
    ThreadArena arena(threads);
    Network net(spec);
    net.checkTrainingBatch(batch);
    net.setLogitsOutput(spec.training.loss == LossType::CrossEntropy);
    net.reserve(batch, arena.threads());
    net.initParams(spec.training.seed);
    net.setKeepTrainingActivations(false);  // as the trainer's steps that measure no layer health
    TrainingStep step(net, spec.training, batch);
    std::mutex paramsLock;  // the trainer steps under its lock too

    // Real images in a shuffled order, as an epoch sees them (batches gather scattered images), repeated
    // when the set is smaller than a batch.
    std::vector<std::uint32_t> order;
    while (order.size() < size_t(batch))
        for (std::uint32_t i = 0; i < data.trainCount(); ++i) order.push_back(i);
    std::shuffle(order.begin(), order.end(), std::mt19937_64(spec.training.seed));
    const BatchSource src{data.trainImages.data(), data.trainLabels.data(), &order, data.imageSize(),
                          data.imageShape()};
    const long long batches = (long long)(order.size() / size_t(batch));
    const float rate = spec.training.optimizer.learningRate;

    BenchResult r;
    r.batch = batch;
    r.threads = arena.threads();
    r.isa = isaName(activeIsa());
    r.trainFlopsPerSample = inferShapes(spec).trainFlopsPerSample;
    auto trainStep = [&](long long it) {
        const ParallelTeam team;  // as the trainer's steps
        step.fillTraining(src, size_t(it % batches) * batch, batch, int(1 + it / batches));
        // A step that does not move (the loss went NaN or exploded at this rate) still did the forward
        // pass; the weights are reset so that the next steps do the whole work again.
        if (step.run(batch, rate, &paramsLock).outcome != TrainingStep::Outcome::Stepped) {
            step.restoreLastGood(&paramsLock);
        }
    };
    auto inferStep = [&](long long it) {
        const ParallelTeam team;
        step.fill(src, size_t(it % batches) * batch, batch);
        step.evaluate(batch);
    };
    arena.execute([&] {
        std::vector<double> train, infer;
        measure(trainStep, batch, secondsPerRepeat * 0.5);  // warm-up
        for (int i = 0; i < repeats; ++i) train.push_back(measure(trainStep, batch, secondsPerRepeat));
        measure(inferStep, batch, secondsPerRepeat * 0.25);
        for (int i = 0; i < repeats; ++i) infer.push_back(measure(inferStep, batch, secondsPerRepeat));
        r.trainSamplesPerSecond = median(train);
        r.inferSamplesPerSecond = median(infer);
        r.gemmPeakGflops = gemmPeakGflops(secondsPerRepeat);
    });
    return r;
}

double trainLoopSamplesPerSecond(const ModelSpec& spec, const Dataset& data, double seconds) {
    Trainer trainer(spec, data);
    // Counts samples as the studio does (samplesInBatch).
    struct Counter : TrainerObserver {
        Clock::time_point start = Clock::now(), lastBatch = start;
        long long samples = 0, trainSamples = 0;
        int batch = 1;
        void onBatchEnd(const BatchMetrics& m) override {
            samples += samplesInBatch(m, trainSamples, batch);
            lastBatch = Clock::now();
        }
    } counter;
    counter.trainSamples = (long long)trainer.trainSamples();
    counter.batch = spec.training.batchSize;
    trainer.setObserver(&counter);
    std::mutex m;
    std::condition_variable cv;
    bool finished = false;
    std::thread stopper([&] {
        std::unique_lock lock(m);
        if (!cv.wait_for(lock, std::chrono::duration<double>(seconds), [&] { return finished; }))
            trainer.stop();
    });
    counter.start = counter.lastBatch = Clock::now();
    trainer.run();
    {
        std::lock_guard lock(m);
        finished = true;
    }
    cv.notify_one();
    stopper.join();
    const double elapsed = std::chrono::duration<double>(counter.lastBatch - counter.start).count();
    return elapsed > 0 ? double(counter.samples) / elapsed : 0.0;
}

}  // namespace layerlab
