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
#include <functional>
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
    std::string signature;  // the model and plan (sweepSignature): a resumed sweep must have the same
    std::string metric;
    std::string created;
    std::vector<SweepTrialState> trials;
    // The plan as it was made ("plan" in the file; empty in files written before it was kept): the axes,
    // the random trials (0 = grid) and the seed of the draws.
    std::vector<SweepAxis> axes;
    int randomTrials = 0;
    unsigned long long seed = 0;
};
// A new sweep id, unique in `runsDir` (its state file is created exclusively). Throws RunRecordError.
std::string newSweepId(const std::string& runsDir);
std::string sweepStatePath(const std::string& runsDir, const std::string& id);
// Writes the state atomically; returns "" or the problem.
std::string saveSweepState(const std::string& runsDir, const SweepState& state);
// Every sweep state in runsDir that reads; newest first.
std::vector<SweepState> loadSweepStates(const std::string& runsDir);

// ---- Running a sweep: what the CLI's sweep command and the studio's sweep dialog share ----

// A new sweep's state: `id` (from newSweepId), `signature` (sweepSignature, below), created now (local time,
// "2026-11-30T10:15:00"), one unfinished trial per planned one. The caller sets the plan (axes,
// randomTrials, seed).
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

// ---- Resuming -------------------------------------------------------------------------------------------

// What a resumed sweep must share with the one it continues: the base model as the model file writes it
// (layer ids left out: they name layers, not what trains), the axes as parsed (keys resolved, values as the
// model file writes them, ranges at full precision), the random trials and the seed. Not the metric: it
// only ranks the trials.
std::string sweepSignature(const ModelSpec& base, const std::vector<SweepAxis>& axes, int randomTrials,
                           unsigned long long seed);
// Whether `state` is a sweep of `base` (the model part of its signature).
bool isSweepOf(const SweepState& state, const ModelSpec& base);
int sweepTrialsDone(const SweepState& state);
// The sweeps of `base` in runsDir with a trial not done, newest first.
std::vector<SweepState> unfinishedSweeps(const std::string& runsDir, const ModelSpec& base);
// An axis's values as the sweep dialog and --vary write them: "0.1, 0.01" or "log:0.0001:0.1".
std::string sweepAxisValuesText(const SweepAxis& axis);
// Whether a chart of the axis wants a log scale: a Log range, or a list of numbers above 0 spanning a
// factor of 10 or more (0.1, 0.01, 0.001).
bool isLogScaled(const SweepAxis& axis);

// ---- Two trials at once -------------------------------------------------------------------------------

// How many trials run at once, and on how many threads each. A trial too small to use every core (its
// batch has fewer samples than there are cores, or too little work per thread to pay for splitting it, see
// kSmallTrialFlopsPerThread) runs beside another one, the cores split between them; otherwise one trial at
// a time on all of them. The model's `threads` is kept when set (two at once only when it is at most half the
// cores); 0 (all cores) becomes half the cores for each trial, and the trial's model (and its run record)
// says so. A trial gives the same results for a given seed and thread count whether it runs alone or beside
// another: nothing in the engine is shared between trainers.
struct SweepParallel {
    int atOnce = 1;       // 1 or 2
    int threadsEach = 0;  // the `threads` each trial's model runs with; 0: as the base model says
    std::string why;      // one sentence: why this many at once
};
// Training FLOPs per thread and batch below which a trial counts as too small for all cores: about a
// millisecond of work, where the synchronisation of every step (two parallel loops and a gradient sum per
// batch) costs a sizeable share.
constexpr double kSmallTrialFlopsPerThread = 4e6;
// requested: 0 = decide as above, 1 = one at a time, 2 = two at once (threads split when the model asks
// for all cores). Two at once also needs both trials' memory (core/memory_estimate.h) to fit the limit
// together. `cores` is hardwareThreads() outside tests.
SweepParallel planSweepParallel(const ModelSpec& base, const std::vector<SweepTrial>& trials, int requested,
                                int cores);
// trialSpec with the threads of `parallel`.
ModelSpec trialSpec(const ModelSpec& base, const SweepTrial& trial, const SweepParallel& parallel);

// What one trial ended with; `goOn` false starts no further trial (a time budget ran out, a stop).
struct SweepTrialOutcome {
    SweepTrialState state;
    bool goOn = true;
};
// Runs the trials of `state` not done, in index order, `atOnce` at a time (each on a thread of its own when
// atOnce is 2: one takes the next trial not yet started as the other runs). runTrial(k) trains trial k on
// the calling thread and must not touch `state`; its outcome is stored in state.trials[k] and afterTrial(k)
// is called under a lock, one call at a time (to save the state, to print). An exception from either ends
// the sweep once the trials under way are over, and is rethrown here.
void runSweepTrials(SweepState& state, int atOnce, const std::function<SweepTrialOutcome(int)>& runTrial,
                    const std::function<void(int)>& afterTrial);

}  // namespace layerlab
