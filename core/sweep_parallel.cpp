// Two sweep trials at once: when it pays (planSweepParallel) and running them (runSweepTrials). Declared
// in core/sweep.h.
#include "core/sweep.h"

#include <algorithm>
#include <cstdio>
#include <exception>
#include <mutex>
#include <thread>

#include "core/memory_estimate.h"
#include "core/shape_inference.h"

namespace layerlab {

// ---- Two trials at once -------------------------------------------------------------------------------

SweepParallel planSweepParallel(const ModelSpec& base, const std::vector<SweepTrial>& trials, int requested,
                                int cores) {
    SweepParallel p;
    const int asked = base.training.threads;  // 0 = all cores
    const int half = std::max(1, cores / 2);
    auto one = [&](const std::string& why) {
        p.atOnce = 1;
        p.threadsEach = 0;
        p.why = why;
        return p;
    };
    if (requested == 1) return one("one trial at a time, as chosen");
    if (cores < 2) return one("one trial at a time: this machine has one core");
    if (trials.size() < 2) return one("one trial at a time: there is one trial");
    const int each = asked == 0 ? half : asked;
    if (requested != 2 && asked > half)
        return one("one trial at a time: the model asks for " + std::to_string(asked) +
                   " threads, more than half of the " + std::to_string(cores) + " cores");
    // Two at once need the memory of two trials (each at the threads it gets) under the limit.
    double largest = 0;
    std::string smallWhy;
    bool allSmall = true;
    for (const SweepTrial& t : trials) {
        const ModelSpec spec = trialSpec(base, t);
        const int batch = spec.training.batchSize;
        largest = std::max(largest, estimateTrainingMemory(spec, batch, std::min(each, cores)).total());
        // The work of one step on each core when the trial has the machine to itself.
        const int alone = asked == 0 ? cores : std::min(asked, cores);
        const double perThread = inferShapes(spec).trainFlopsPerSample * batch / alone;
        if (batch < alone) continue;  // fewer samples than cores: some cores have nothing to do
        if (perThread < kSmallTrialFlopsPerThread || !allSmall) continue;
        allSmall = false;
        char buf[160];
        std::snprintf(
            buf, sizeof buf,
            "one trial at a time: a trial has %.1f MFLOP per thread and batch on %d threads, enough "
            "to use them all",
            perThread / 1e6, alone);
        smallWhy = buf;
    }
    // A model that asks for at most half the cores leaves the others idle: two at once, nothing changed.
    if (requested != 2 && !allSmall && asked == 0) return one(smallWhy);
    if (2 * largest > trainingMemoryLimit()) {
        char buf[200];
        std::snprintf(
            buf, sizeof buf,
            "one trial at a time: two trials would need about %.1f GB together, more than the limit "
            "of %.1f GB",
            2 * largest / 1e9, trainingMemoryLimit() / 1e9);
        return one(buf);
    }
    p.atOnce = 2;
    p.threadsEach = asked == 0 ? half : 0;
    const std::string threads = std::to_string(each) + " thread" + (each == 1 ? "" : "s");
    if (requested == 2)
        p.why = "two trials at once, as chosen, " + threads + " each";
    else if (asked > 0)
        p.why = "two trials at once, " + threads + " each: the model asks for " + threads +
                ", and one trial "
                "alone would leave the other cores idle";
    else
        p.why = "two trials at once, " + threads + " each: the trials are too small to use all " +
                std::to_string(cores) + " cores";
    if (asked == 0) p.why += " (the model's threads, 0 = all cores, become " + std::to_string(half) + ")";
    return p;
}

ModelSpec trialSpec(const ModelSpec& base, const SweepTrial& trial, const SweepParallel& parallel) {
    ModelSpec spec = trialSpec(base, trial);
    if (parallel.threadsEach > 0) spec.training.threads = parallel.threadsEach;
    return spec;
}

void runSweepTrials(SweepState& state, int atOnce, const std::function<SweepTrialOutcome(int)>& runTrial,
                    const std::function<void(int)>& afterTrial) {
    std::mutex mutex;
    std::size_t next = 0;
    bool goOn = true;
    std::exception_ptr error;
    // Takes the next trial not done and not started; -1 when there is none or the sweep is ending.
    auto take = [&]() -> int {
        std::lock_guard lock(mutex);
        while (goOn && !error && next < state.trials.size() && state.trials[next].done) ++next;
        if (!goOn || error || next >= state.trials.size()) return -1;
        return int(next++);
    };
    auto worker = [&] {
        for (int k = take(); k >= 0; k = take()) {
            try {
                SweepTrialOutcome o = runTrial(k);
                std::lock_guard lock(mutex);
                state.trials[std::size_t(k)] = std::move(o.state);
                goOn = goOn && o.goOn;
                afterTrial(k);
            } catch (...) {
                std::lock_guard lock(mutex);
                if (!error) error = std::current_exception();
            }
        }
    };
    if (atOnce <= 1) {
        worker();
    } else {
        std::thread second(worker);
        worker();
        second.join();
    }
    if (error) std::rethrow_exception(error);
}

}  // namespace layerlab
