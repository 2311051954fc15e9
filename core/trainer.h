#pragma once
// Trains a Network on a Dataset on the CALLER'S thread, in a tbb::task_arena the trainer owns.
// Other threads may call pause/resume/stop/requestSnapshot/latestSnapshot at any time.
#include <algorithm>
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/dataset.h"
#include "core/layer_health.h"
#include "core/model_spec.h"
#include "core/snapshot.h"
#include "core/step_inspection.h"

namespace layerlab {

struct BatchMetrics {
    int epoch = 0;  // 1-based
    int batch = 0;  // 1-based within the epoch
    int batchesPerEpoch = 0;
    double loss = 0;              // this batch's mean loss (without the L2 term)
    double accuracy = 0;          // fraction 0..1
    double samplesPerSecond = 0;  // over the epoch so far
    double learningRate = 0;      // the rate this batch used (see the lr_schedule)
    double epochPosition() const { return epoch - 1 + double(batch) / batchesPerEpoch; }  // x in epochs
};

// Samples in batch m of an epoch over trainSamples images in batches of batchSize: a full batch, or the
// remainder for the epoch's last one.
inline long long samplesInBatch(const BatchMetrics& m, long long trainSamples, int batchSize) {
    const long long bs = std::max(1, batchSize);
    const long long last = trainSamples - (long long)(m.batchesPerEpoch - 1) * bs;
    return (m.batch == m.batchesPerEpoch && last > 0) ? last : bs;
}

struct EpochMetrics {
    int epoch = 0;
    double trainLoss = 0, trainAccuracy = 0;
    double valLoss = 0, valAccuracy = 0;  // NaN when there is no validation set
    double seconds = 0;
    double samplesPerSecond = 0;
    double learningRate = 0;  // the rate of the epoch's last batch
    bool best = false;        // best monitored value so far
};

struct TrainResult {
    std::vector<EpochMetrics> epochs;
    double testLoss = 0, testAccuracy = 0;
    double totalSeconds = 0;
    bool stoppedEarly = false;   // early stopping ended the run
    bool stoppedByUser = false;  // stop() ended the run
    bool diverged = false;       // a NaN, infinite or exploded loss ended the run (see training_step.h)
    bool failed = false;         // an error ended the run (message says which); onFailed was called
    int bestEpoch = 0;           // with early stopping: the epoch whose weights were kept
    bool restoredBest = false;   // the weights were set back to those of bestEpoch
    // A stop() inside an epoch: that epoch (1-based) and the batches it had done. It is not in `epochs`
    // (no validation was run on a partial epoch). 0 when the run ended at an epoch boundary.
    int stopEpoch = 0, stopBatch = 0;
    int batchesPerEpoch = 0;
    std::string message;  // one human sentence about how the run ended
};

class TrainerObserver {
public:
    virtual ~TrainerObserver() = default;
    virtual void onBatchEnd(const BatchMetrics&) {}
    virtual void onEpochEnd(const EpochMetrics&) {}
    // Called once when run() ends normally: completed, stopped early, stopped by the user, or diverged
    // (see TrainResult's flags and message).
    virtual void onFinished(const TrainResult&) {}
    // Called instead of onFinished when an error ends the run (e.g. out of memory).
    virtual void onFailed(const std::string& /*message*/) {}
    // Layer health after a step (Trainer::setHealthInterval, and every step taken with stepOnce). On the
    // training thread, right after that step's onBatchEnd.
    virtual void onHealth(const HealthSample&) {}
    // After a step taken with stepOnce, right after its onHealth: the batch's predictions and loss before
    // and after the step, and its Dense layers' numbers (core/step_inspection.h). On the training thread.
    virtual void onStepInspected(const StepInspection&) {}
};

class Network;

class Trainer {
public:
    // Throws SpecError for a spec or training config that cannot work, DataError when the dataset does not
    // fit the model (image size, classes). `dataset` must outlive the trainer.
    Trainer(const ModelSpec& spec, const Dataset& dataset);
    ~Trainer();

    void setObserver(TrainerObserver* observer) { m_observer = observer; }
    // Start from these weights instead of a fresh initialisation (e.g. a checkpoint). Size must match.
    void setInitialParams(const std::vector<float>& params);
    // Fine-tuning a pruned model: parameters where mask is 0 stay 0 through training (set back after every
    // optimizer step). One value per parameter (CheckpointError otherwise); empty: no mask.
    void setPruneMask(std::vector<std::uint8_t> mask);

    // Trains (epochs, validation, early stopping), then evaluates on the test set (skipped after stop()).
    // Each batch is one TrainingStep (core/training_step.h). Blocks the caller. Never throws: a diverging
    // run (the loss NaN, infinite or exploded) ends with result.diverged and the last good weights kept; an
    // error ends with result.failed and onFailed(message).
    TrainResult run();

    // From any thread.
    void pause();
    void resume();
    void stop();
    bool isPaused() const { return m_paused.load(); }
    // While paused: run exactly one more batch, then pause again (one-step mode); each call adds one
    // batch, resume() drops those not run yet. While running: pause at the next batch boundary. The step is
    // the same arithmetic as any other; its health is always measured (onHealth), and what it changed
    // (onStepInspected: on a scratch copy of the network, built at the first step, so the training network
    // is only read).
    void stepOnce();
    // Measure layer health (core/layer_health.h) after the first step and then every `batches` steps;
    // 0 (the default) turns it off. It only reads the network: the training is the same bit for bit.
    void setHealthInterval(int batches) { m_healthInterval = std::max(0, batches); }
    int healthInterval() const { return m_healthInterval.load(); }
    // Asks the training thread to copy weights and run the probe image (validation image `index`) at the next
    // batch end; the result appears in latestSnapshot(). Cheap: a copy and one single-sample forward pass.
    void requestSnapshot(int validationIndex = 0);
    std::shared_ptr<const Snapshot> latestSnapshot() const;
    // A consistent copy of the current weights (taken at a batch boundary; blocks at most one batch).
    std::vector<float> currentParams() const;

    const ModelSpec& spec() const { return m_spec; }
    int threads() const { return m_threads; }  // what runs: effectiveThreads(spec threads)
    std::size_t trainSamples() const { return m_trainIdx.size(); }
    std::size_t validationSamples() const { return m_valIdx.size(); }

    // Evaluate (mean loss, accuracy) on arbitrary images with the current weights. Training thread only.
    std::pair<double, double> evaluate(const std::uint8_t* images, const std::uint8_t* labels, std::size_t n);

private:
    struct Impl;
    TrainResult runInArena();
    void publishSnapshotIfRequested(int epoch, int batch, long long step);
    // The step just taken on samples order[start, start + n) (see stepOnce).
    void inspectStep(const std::vector<std::uint32_t>& order, std::size_t start, int n, int epoch, int batch,
                     float rate);
    double waitWhilePaused();  // returns seconds spent paused
    // Mean loss and accuracy over images[indices[i]] (or images[i] without indices), i < n.
    std::pair<double, double> evaluateIndices(const std::uint8_t* images, const std::uint8_t* labels,
                                              const std::vector<std::uint32_t>* indices, std::size_t n);

    ModelSpec m_spec;
    const Dataset& m_data;
    int m_threads = 1;
    std::unique_ptr<Impl> m_impl;
    std::vector<std::uint32_t> m_trainIdx, m_valIdx;
    TrainerObserver* m_observer = nullptr;

    std::atomic<bool> m_paused{false};
    std::atomic<bool> m_stop{false};
    std::atomic<int> m_stepRequests{0};
    std::atomic<int> m_healthInterval{0};
    bool m_stepping = false;  // training thread: the batch running was released by stepOnce
    std::atomic<int> m_snapshotRequest{-1};
    mutable std::mutex m_snapMutex;
    std::shared_ptr<const Snapshot> m_snapshot;
    mutable std::mutex m_paramsMutex;
};

}  // namespace layerlab
