#pragma once
// Every training run kept: one folder per run in a runs folder, written as the run goes, in formats that
// pandas and a spreadsheet read without LayerLab.
//
//   <runs>/2026-11-30_101500_seed-cnn-3f9a/
//     run.json     what ran and how it ended (format "layerlab-run", version 1): the model file as trained,
//                  every setting flattened ("optimizer.learning_rate", "layer3.units"), the machine (CPU
//                  model, cores), threads, LayerLab version, start time, status, best and final validation
//                  accuracy, test results, name, note, colour, sweep tag. Rewritten whole (temp file +
//                  rename) at the start, after every epoch and at the end.
//     epochs.csv   one row per finished epoch; batches.csv one row per batch. Appended and flushed to disk
//                  at every epoch end (a crash loses at most the epoch under way); a reader skips a cut last
//                  line.
//     best.llckpt  the weights after the epoch with the best monitored value (the early-stopping monitor,
//                  validation loss by default; run.json names it, "monitor", with its value then and the
//                  validation accuracy then); final.llckpt the weights the run ends with.
//     user.json    name, note and colour edited after the run started (RunStore): the process that trains
//                  owns run.json, so an edit never races its rewrites; readers apply user.json over it, and
//                  the writer folds it into its next rewrite.
//
// Folder names are unique: the time, the model's name and a random suffix, created with an exclusive
// mkdir, so two studios and a CLI writing into one runs folder never share a folder.
#include <cstddef>
#include <functional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "core/model_spec.h"
#include "core/trainer.h"

namespace layerlab {

struct RunRecordError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

enum class RunStatus { Running, Finished, EarlyStopped, Stopped, Diverged, Failed };
const char* runStatusKey(RunStatus s);  // "running", "finished", "early-stopped", "stopped", ...
bool runStatusFromKey(const std::string& key, RunStatus* out);
// How a finished run ended, from its result.
RunStatus runStatusOf(const TrainResult& r);

// One setting as a run records it: "optimizer.learning_rate" = "0.001", "layer3.units" = "128".
using RunSetting = std::pair<std::string, std::string>;
// Every setting of `spec` in use, flattened (training fields by their path in the file, then each layer's
// type and fields as "layerN.key", numbered from 1 as messages and the editor number layers).
std::vector<RunSetting> flattenSettings(const ModelSpec& spec);
// "Learning rate", "Layer 3 units": a key of flattenSettings in words.
std::string settingLabel(const std::string& key);
// "validation loss", "validation accuracy", "training loss", "training accuracy": a monitor key in words.
std::string monitorLabel(const std::string& monitor);

// A run as run.json (and user.json) describe it.
struct RunInfo {
    std::string folder;  // the run's folder (absolute)
    std::string id;      // the folder's name
    bool readable = true;
    std::string problem;  // why it is not readable ("run.json: invalid JSON at ...")

    std::string name, note, colour;  // colour "#1f77b4"
    std::string sweepId;             // empty when not part of a sweep
    int sweepTrial = -1;             // 0-based trial of the sweep
    RunStatus status = RunStatus::Running;
    std::string message;         // how it ended, in a sentence
    std::string startTime;       // "2026-11-30T10:15:00+0100"
    long long startedAt = 0;     // the same, seconds since 1970 (for sorting)
    std::string modelName;       // the model's "name"
    std::string modelFile;       // the model file it was trained from (empty for an unsaved model)
    std::string initialWeights;  // the checkpoint or run it continued from (empty: fresh weights)
    std::string modelJson;       // the model file as trained (the JSON text LayerLab writes)
    std::vector<RunSetting> settings;
    std::string dataset;
    std::size_t trainSamples = 0, validationSamples = 0, testSamples = 0;
    int threads = 0;
    std::string cpu;  // CPU model
    int cores = 0;
    std::string version;  // LayerLab's
    int epochsPlanned = 0, epochsDone = 0;
    // The best epoch is the one with the best monitored value (the early-stopping monitor, validation loss
    // by default, whether early stopping is on or not; training loss or accuracy without a validation set):
    // best.llckpt holds its weights. `monitor` names it ("val_loss", "val_accuracy", "train_loss",
    // "train_accuracy"; empty in runs recorded before it was kept), bestMonitorValue is its value then and
    // bestEpochValAccuracy the validation accuracy then.
    int bestEpoch = 0;
    std::string monitor;
    double bestMonitorValue = 0, bestEpochValAccuracy = 0;  // NaN when none
    // bestValAccuracy is the HIGHEST validation accuracy of any epoch (what sweeps rank by), which need not
    // be the best epoch's when the monitor is a loss.
    double bestValAccuracy = 0, finalValAccuracy = 0, finalValLoss = 0;  // NaN when none
    double testLoss = 0, testAccuracy = 0;                               // NaN when not tested
    double seconds = 0;                                                  // training time (without pauses)

    std::string setting(const std::string& key) const;  // "" when the run has no such setting
    ModelSpec spec() const;                             // parses modelJson (throws SpecError)
};

// The keys of the settings whose values are not the same in all of `runs` (a setting one run lacks counts as
// differing), in the runs' order of settings (a key only a later run has comes after the key before it in
// that run); unreadable runs are ignored.
std::vector<std::string> differingSettings(const std::vector<RunInfo>& runs);

// One row of epochs.csv / batches.csv.
struct RunEpoch {
    EpochMetrics metrics;
    long long samplesSeen = 0;  // training samples seen since the run began, up to this epoch's end
    double elapsed = 0;         // training seconds since the run began
};
struct RunBatch {
    BatchMetrics metrics;
    long long samplesSeen = 0;
    double elapsed = 0;
};
struct RunCurves {
    std::vector<RunEpoch> epochs;
    std::vector<RunBatch> batches;
};
// Reads epochs.csv and batches.csv of a run folder; rows that are cut or unreadable are skipped.
RunCurves loadRunCurves(const std::string& folder);

// The CPU's model name (/proc/cpuinfo), or "unknown".
std::string cpuModelName();
// LayerLab's version ("0.1.0").
const char* layerlabVersion();
// Colour i of the runs palette ("#1f77b4", ...; 10 colours, then again).
std::string runColour(int i);

struct RunRecordOptions {
    std::string runsDir;         // created if missing
    std::string modelFile;       // where the model came from ("" for an unsaved model)
    std::string name;            // shown name (default: the model's name)
    std::string note;            //
    std::string colour;          // default: by the folder's hash
    std::string sweepId;         // tag of a sweep
    int sweepTrial = -1;         //
    std::string initialWeights;  // checkpoint (or run) the weights come from
    std::string dataset;         // the dataset's name ("MNIST subset")
    std::size_t trainSamples = 0, validationSamples = 0, testSamples = 0;
    int threads = 0;  // threads that run
    // The weights now. Called on the training thread after an epoch that is the best so far, and at the end.
    std::function<std::vector<float>()> params;
};
// Fills what the options take from the run's trainer and data: the dataset's name, the sample counts, the
// threads that run, and params (reading `trainer`, which must outlive the recorder).
void setTrainingFacts(RunRecordOptions& options, const Trainer& trainer, const Dataset& data);

// Records one run: a TrainerObserver that writes the run folder as the run goes. The constructor creates
// the folder and writes run.json (status running) and the CSV headers; it throws RunRecordError when the
// folder cannot be made. A write that fails later (a full disk) ends the recording, never the training:
// error() says what failed.
class RunRecorder : public TrainerObserver {
public:
    RunRecorder(const ModelSpec& spec, RunRecordOptions options);
    ~RunRecorder() override;
    RunRecorder(const RunRecorder&) = delete;
    RunRecorder& operator=(const RunRecorder&) = delete;

    const std::string& folder() const { return m_info.folder; }
    const RunInfo& info() const { return m_info; }
    const std::string& error() const { return m_error; }

    void onBatchEnd(const BatchMetrics& m) override;
    void onEpochEnd(const EpochMetrics& e) override;
    void onFinished(const TrainResult& r) override;
    void onFailed(const std::string& message) override;

private:
    void writeInfo();
    bool appendPending();
    void fail(const std::string& what);
    void saveWeights(const char* file);

    RunRecordOptions m_options;
    ModelSpec m_spec;
    RunInfo m_info;
    std::string m_error;
    std::string m_batchRows, m_epochRows;  // rows not yet on disk
    int m_batchFd = -1, m_epochFd = -1;
    long long m_samplesBefore = 0;  // at the start of the current epoch
    double m_secondsBefore = 0;
};

// Passes every observer call on to several observers, in order (a recorder and a progress printer).
class TrainerObservers : public TrainerObserver {
public:
    explicit TrainerObservers(std::vector<TrainerObserver*> observers) : m_observers(std::move(observers)) {}
    void onBatchEnd(const BatchMetrics& m) override {
        for (TrainerObserver* o : m_observers) o->onBatchEnd(m);
    }
    void onEpochEnd(const EpochMetrics& e) override {
        for (TrainerObserver* o : m_observers) o->onEpochEnd(e);
    }
    void onFinished(const TrainResult& r) override {
        for (TrainerObserver* o : m_observers) o->onFinished(r);
    }
    void onFailed(const std::string& m) override {
        for (TrainerObserver* o : m_observers) o->onFailed(m);
    }
    void onHealth(const HealthSample& h) override {
        for (TrainerObserver* o : m_observers) o->onHealth(h);
    }
    void onStepInspected(const StepInspection& s) override {
        for (TrainerObserver* o : m_observers) o->onStepInspected(s);
    }

private:
    std::vector<TrainerObserver*> m_observers;
};

// Where runs go when no folder is given: $LAYERLAB_RUNS_DIR when set, else `runs/` beside the model file,
// else (an unsaved model, or one of the bundled presets and lessons under resourcesDir()) `dataFolder`/runs.
// The studio passes QStandardPaths::AppDataLocation as dataFolder.
std::string defaultRunsDir(const std::string& modelFile, const std::string& dataFolder);
// The user's data folder as Qt's AppDataLocation names it for LayerLab ($XDG_DATA_HOME or
// ~/.local/share, then LayerLab/LayerLab), for tools without Qt.
std::string userDataFolder();

// A runs folder: lists the runs (reading only run.json and user.json of each), edits and deletes them.
class RunStore {
public:
    explicit RunStore(std::string dir) : m_dir(std::move(dir)) {}
    const std::string& dir() const { return m_dir; }

    // Every run folder and every foreign entry (anything that is not a run, except hidden files and sweep
    // state files, "*.sweep.json"), newest first; a folder that cannot be read is listed with readable =
    // false and the reason, and never stops the others. An absent folder lists as empty.
    std::vector<RunInfo> list() const;
    // One run folder. Never throws: an unreadable one has readable = false.
    static RunInfo load(const std::string& folder);

    // Each returns "" on success, else what went wrong.
    static std::string rename(const std::string& folder, const std::string& name);
    static std::string setNote(const std::string& folder, const std::string& note);
    static std::string setColour(const std::string& folder, const std::string& colour);
    // Deletes the run's folder and everything in it.
    static std::string remove(const std::string& folder);

private:
    std::string m_dir;
};

}  // namespace layerlab
