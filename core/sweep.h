#pragma once
// Hyperparameter sweeps: trials of one model that differ in a few settings, run one after another, each
// recorded as a normal run (core/run_record.h) tagged with the sweep's id.
//
// A setting is named by its key in the model file's training section ("optimizer.learning_rate", or just
// "learning_rate" when that is unambiguous), by a short name the CLI's options use ("lr", "batch"), or, for a
// layer, as "layerN.key" with N numbered from 1 as messages and the editor number layers ("layer3.units").
// Which settings exist, their limits and their text come from the descriptor tables
// (core/training_fields.h, core/layer_types.h): nothing here lists settings.
//
// The sweep's state (every planned trial, which finished and their results) is kept in
// <runs>/<id>.sweep.json, rewritten atomically after each trial, so an interrupted sweep resumes where it
// stopped and skips the trials that finished.
#include <chrono>
#include <string>
#include <vector>

#include "core/model_spec.h"
#include "core/run_record.h"
#include "core/trainer.h"

namespace layerlab {

struct SweepAxis {
    enum class Kind { List, Log, Uniform };
    std::string key;  // as flattenSettings names it: "optimizer.learning_rate", "layer3.units"
    Kind kind = Kind::List;
    std::vector<std::string> values;  // List: each value as the model file writes it
    double lo = 0, hi = 0;            // Log, Uniform: the range
    bool whole = false;               // a whole-number setting: drawn values are rounded
};

// "lr" -> "optimizer.learning_rate", "layer3.units" -> itself (checked against `spec`). Throws SpecError
// naming the key and what is known.
std::string resolveSweepKey(const std::string& name, const ModelSpec& spec);
// "lr=0.1,0.01", "batch=32,128", "layer3.units=64,128", "lr=log:1e-4:1e-1", "l2=uniform:0:0.001". Every
// value is checked against the setting's limits (a range at both ends): throws SpecError naming the value.
SweepAxis parseSweepAxis(const std::string& text, const ModelSpec& spec);
// Sets one setting (a key of flattenSettings) from text, checked against its limits. Throws SpecError.
void applySetting(ModelSpec& spec, const std::string& key, const std::string& value);

struct SweepTrial {
    std::vector<RunSetting> settings;  // key -> value text, one per axis
    bool operator==(const SweepTrial&) const = default;
};
// Without randomTrials: the grid of the list axes (the first axis varies slowest); a range axis then is an
// error. With randomTrials = n: n trials, each axis drawn independently (a list uniformly among its values,
// Log uniformly in log space, Uniform uniformly), from a generator seeded with `seed`.
std::vector<SweepTrial> planSweep(const std::vector<SweepAxis>& axes, int randomTrials,
                                  unsigned long long seed);
// The model of one trial: the base with the trial's settings, checked (validateTraining and shape
// inference). Throws SpecError naming the trial's values.
ModelSpec trialSpec(const ModelSpec& base, const SweepTrial& trial);

// Sweep metrics: "val_accuracy" (the best validation accuracy of the run), "test_accuracy".
bool isSweepMetric(const std::string& name);
double sweepMetric(const RunInfo& run, const std::string& metric);

struct SweepTrialState {
    SweepTrial trial;
    bool done = false;
    std::string run;  // its run folder's name, once started
    std::string status;
    double valAccuracy = 0, testAccuracy = 0, seconds = 0;  // NaN when not known
};
struct SweepState {
    std::string id;         // "sweep-2026-11-30_101500-3f9a"
    std::string signature;  // the model and plan: a resumed sweep must have the same
    std::string metric;
    std::string created;
    std::vector<SweepTrialState> trials;
};
// A new sweep id, unique in `runsDir` (its state file is created exclusively). Throws RunRecordError.
std::string newSweepId(const std::string& runsDir);
std::string sweepStatePath(const std::string& runsDir, const std::string& id);
// Writes the state atomically; returns "" or the problem.
std::string saveSweepState(const std::string& runsDir, const SweepState& state);
// Every sweep state in runsDir that reads; newest first.
std::vector<SweepState> loadSweepStates(const std::string& runsDir);

// ---- Running a sweep: what the CLI's sweep command and the studio's sweep dialog share ----

// What identifies a sweep, so that a resumed one is the same model and plan: the base model as the model
// file writes it, each axis's text ("lr=0.1,0.01") in order, the number of random trials, the seed of the
// draws and the metric.
std::string sweepSignature(const ModelSpec& base, const std::vector<std::string>& axisTexts, int randomTrials,
                           unsigned long long seed, const std::string& metric);
// A new sweep's state: `id` (from newSweepId), created now (local time, "2026-11-30T10:15:00"), one
// unfinished trial per planned one.
SweepState newSweepState(const std::string& id, const std::string& signature, const std::string& metric,
                         const std::vector<SweepTrial>& trials);
// The name of a trial's run in the runs list: `name`, then each setting as " key=value", a training setting
// by the last part of its key ("learning_rate=0.01"), a layer's whole ("layer2.units=64").
std::string sweepTrialName(const std::string& name, const SweepTrial& trial);
// Takes a trial's results from its run's record (RunRecorder::info() once it has trained, or
// RunStore::load). done: the run ended on its own (not stopped, not failed), so a resumed sweep skips it.
void takeTrialResult(SweepTrialState& trial, const RunInfo& run);
// The trial's value of `metric` (see isSweepMetric); NaN when not known.
double sweepMetric(const SweepTrialState& trial, const std::string& metric);
// The trials that started (have a run), best first by the state's metric, those without a value last; ties
// keep the planned order. The pointers are into `state`.
std::vector<const SweepTrialState*> rankSweepTrials(const SweepState& state);

// Stops the trial under way when the sweep's time budget runs out: at the first batch end at or past the
// deadline it calls Trainer::stop() (an atomic flag; this runs on the training thread). Not enabled: does
// nothing.
class SweepDeadline : public TrainerObserver {
public:
    SweepDeadline(Trainer& trainer, std::chrono::steady_clock::time_point deadline, bool enabled);
    void onBatchEnd(const BatchMetrics&) override;
    // Whether it stopped the trainer.
    bool hit() const { return m_hit; }

private:
    Trainer& m_trainer;
    std::chrono::steady_clock::time_point m_deadline;
    bool m_enabled;
    bool m_hit = false;
};

}  // namespace layerlab
