#include "core/bench.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <memory>
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

// The value at fraction q of the sorted values (0.5: the median, the upper one of an even count).
double quantile(std::vector<double> v, double q) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0.0 : v[size_t(q * double(v.size() - 1) + 0.5)];
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

namespace {
// The trainer's step and its evaluation pass on `threads` threads of an arena of their own, on real images
// in a shuffled order, as an epoch sees them (batches gather scattered images), repeated when the set is
// smaller than a batch.
class StepRunner {
public:
    StepRunner(const ModelSpec& spec, const Dataset& data, int batch, int threads)
        : m_batch(batch), m_arena(threads), m_net(spec), m_rate(spec.training.optimizer.learningRate) {
        m_net.checkTrainingBatch(batch);
        m_net.setLogitsOutput(spec.training.loss == LossType::CrossEntropy);
        m_net.reserve(batch, m_arena.threads());
        m_net.initParams(spec.training.seed);
        m_net.setKeptTrainingOutputs(
            Network::KeptOutputs::None);  // as the trainer's steps that measure no layer health
        m_step = std::make_unique<TrainingStep>(m_net, spec.training, batch);
        while (m_order.size() < size_t(batch))
            for (std::uint32_t i = 0; i < data.trainCount(); ++i) m_order.push_back(i);
        std::shuffle(m_order.begin(), m_order.end(), std::mt19937_64(spec.training.seed));
        m_src = BatchSource{data.trainImages.data(), data.trainLabels.data(), &m_order, data.imageSize(),
                            data.imageShape()};
        m_batches = (long long)(m_order.size() / size_t(batch));
    }
    int threads() const { return m_arena.threads(); }

    // Training samples per second over about `seconds`.
    double train(double seconds) {
        double rate = 0;
        m_arena.execute([&] { rate = measure([&](long long) { trainStep(); }, m_batch, seconds); });
        return rate;
    }
    double infer(double seconds) {
        double rate = 0;
        m_arena.execute([&] { rate = measure([&](long long) { inferStep(); }, m_batch, seconds); });
        return rate;
    }
    double gemmPeak(double seconds) {
        double peak = 0;
        m_arena.execute([&] { peak = gemmPeakGflops(seconds); });
        return peak;
    }

private:
    void trainStep() {
        const ParallelTeam team;  // as the trainer's steps
        const long long it = m_trainSteps++;
        m_step->fillTraining(m_src, size_t(it % m_batches) * m_batch, m_batch, int(1 + it / m_batches));
        // A step that does not move (the loss went NaN or exploded at this rate) still did the forward
        // pass; the weights are reset so that the next steps do the whole work again.
        if (m_step->run(m_batch, m_rate, &m_paramsLock).outcome != TrainingStep::Outcome::Stepped)
            m_step->restoreLastGood(&m_paramsLock);
    }
    void inferStep() {
        const ParallelTeam team;
        m_step->fill(m_src, size_t(m_inferSteps++ % m_batches) * m_batch, m_batch);
        m_step->evaluate(m_batch);
    }

    int m_batch;
    ThreadArena m_arena;
    Network m_net;
    float m_rate;
    std::unique_ptr<TrainingStep> m_step;
    std::mutex m_paramsLock;  // the trainer steps under its lock too
    std::vector<std::uint32_t> m_order;
    BatchSource m_src{};
    long long m_batches = 1, m_trainSteps = 0, m_inferSteps = 0;
};

void checkBenchInput(const ModelSpec& spec, const Dataset& data, int batch) {
    if (batch <= 0) throw SpecError("--batch must be at least 1");
    if ((long long)data.imageSize() != spec.input.size())
        throw DataError("the model expects " + spec.input.toString() + " inputs but " + data.name + " has " +
                        imageKindText(data));
    if (data.trainCount() == 0) throw DataError(data.name + " has no training images");
}

}  // namespace

BenchResult benchmark(const ModelSpec& spec, const Dataset& data, int batch, int threads, int repeats,
                      double secondsPerRepeat) {
    checkBenchInput(spec, data, batch);
    StepRunner runner(spec, data, batch, threads);
    BenchResult r;
    r.batch = batch;
    r.threads = runner.threads();
    r.isa = isaName(activeIsa());
    r.trainFlopsPerSample = inferShapes(spec).trainFlopsPerSample;
    std::vector<double> train, infer, peak;
    runner.train(secondsPerRepeat * 0.5);  // warm-up
    // The GEMM peak after each training repeat, so that it meets the machine in the same minutes as the
    // training it is compared with (on a shared machine one long measurement at the end can land in a slow
    // minute, and the fraction then comes out above 1), and the best of them: a peak.
    for (int i = 0; i < repeats; ++i) {
        train.push_back(runner.train(secondsPerRepeat));
        peak.push_back(runner.gemmPeak(secondsPerRepeat * 0.25));
    }
    runner.infer(secondsPerRepeat * 0.25);
    for (int i = 0; i < repeats; ++i) infer.push_back(runner.infer(secondsPerRepeat));
    r.trainSamplesPerSecond = quantile(train, 0.5);
    r.inferSamplesPerSecond = quantile(infer, 0.5);
    r.gemmPeakGflops = quantile(peak, 1.0);
    return r;
}

ScalingResult threadScaling(const ModelSpec& spec, const Dataset& data, int batch, int threads, int pairs,
                            double window) {
    checkBenchInput(spec, data, batch);
    StepRunner one(spec, data, batch, 1), many(spec, data, batch, threads);
    ScalingResult r;
    r.threads = many.threads();
    one.train(window);  // warm-up
    many.train(window);
    std::vector<double> oneRates, manyRates, ratios, gemmRatios;
    for (int k = 0; k < std::max(1, pairs); ++k) {
        // In turn 1 -> N and N -> 1, so that a machine speeding up or slowing down favours neither.
        double a = 0, b = 0;
        if (k % 2 == 0) {
            a = one.train(window);
            b = many.train(window);
        } else {
            b = many.train(window);
            a = one.train(window);
        }
        oneRates.push_back(a);
        manyRates.push_back(b);
        ratios.push_back(b / a);
    }
    for (int k = 0; k < std::max(1, pairs / 4); ++k) {
        const double a = one.gemmPeak(window * 0.5), b = many.gemmPeak(window * 0.5);
        gemmRatios.push_back(b / a);
    }
    r.oneThreadSamplesPerSecond = quantile(oneRates, 0.5);
    r.samplesPerSecond = quantile(manyRates, 0.5);
    r.ratio = quantile(ratios, 0.5);
    r.ratioLow = quantile(ratios, 0.25);
    r.ratioHigh = quantile(ratios, 0.75);
    r.gemmPeakRatio = quantile(gemmRatios, 0.5);
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
