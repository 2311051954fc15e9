#pragma once
// The bridge from the training thread to the GUI: a TrainerObserver whose callbacks (on the worker thread)
// only append value types to a mutex-protected buffer. The GUI thread takes everything with drain() on a
// timer, so the worker never waits on the GUI and the GUI never replots per batch.
#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/trainer.h"

class TrainingBuffer : public layerlab::TrainerObserver {
public:
    struct Drained {
        std::vector<layerlab::BatchMetrics> batches;
        std::vector<layerlab::EpochMetrics> epochs;
        std::vector<layerlab::HealthSample> health;
        std::shared_ptr<const layerlab::StepInspection> step;  // the last one since the last drain
        bool empty() const { return batches.empty() && epochs.empty() && health.empty() && !step; }
    };

    // Worker thread.
    void onBatchEnd(const layerlab::BatchMetrics& m) override;
    void onEpochEnd(const layerlab::EpochMetrics& m) override;
    void onHealth(const layerlab::HealthSample& h) override;
    void onStepInspected(const layerlab::StepInspection& s) override;
    void markRunStarted();

    // Any thread.
    Drained drain();
    // Seconds from markRunStarted() to the end of the last batch (0 before the first batch).
    double secondsToLastBatch() const;

private:
    mutable std::mutex m_mutex;
    Drained m_pending;
    std::chrono::steady_clock::time_point m_runStart{};
    std::chrono::steady_clock::time_point m_lastBatch{};
};
