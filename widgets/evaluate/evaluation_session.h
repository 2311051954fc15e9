#pragma once
// The model the Evaluate tab looks at and its evaluations. Holds the weights to evaluate as a list of
// entries: one per epoch of the run in progress (so the tab's epoch slider can step back), or a single one
// for a finished run or a loaded checkpoint. Evaluating an entry on the test or validation set runs
// layerlab::InferenceModel::evaluate (all cores, in its own arena) on a private copy of the weights, on a
// helper thread; the GUI thread never waits for it. Results are cached per entry and set (about 0.5 MB for
// 10,000 images), so stepping back through the epochs is instant once they have been computed.
//
// One evaluation runs at a time; a request made while one runs replaces any queued one. New weights (a new
// run, a checkpoint) cancel the running evaluation, and results of old weights are never announced.
// QtCore only.
#include <QObject>
#include <QString>
#include <QThreadPool>
#include <atomic>
#include <memory>
#include <vector>

#include "core/compression.h"
#include "core/dataset.h"
#include "core/evaluation.h"
#include "core/model_spec.h"

enum class EvaluationSet { Test = 0, Validation = 1 };

struct EvaluationResult {
    layerlab::Predictions predictions;
    layerlab::EvaluationSummary summary;
    EvaluationSet set = EvaluationSet::Test;
};

class EvaluationSession : public QObject {
    Q_OBJECT
public:
    explicit EvaluationSession(QObject* parent = nullptr);
    ~EvaluationSession() override;  // cancels a running evaluation and joins it (one batch)

    void setDataset(std::shared_ptr<const layerlab::Dataset> data);
    std::shared_ptr<const layerlab::Dataset> dataset() const { return m_data; }

    // No weights to look at; `reason` says why (shown in the tab).
    void clearWeights(const QString& reason);
    // One set of weights (a finished run, a checkpoint): `label` says which ("checkpoint foo.llckpt").
    // A non-empty `quantization` (an int8 checkpoint, a Compress variant): params are its dequantized
    // weights and every evaluation runs the model quantized, as layerlab-cli evaluate does.
    void setWeights(const layerlab::ModelSpec& spec, std::vector<float> params, const QString& label,
                    const layerlab::Quantization& quantization = {});
    // A run of `spec` begins: its epochs follow with addEpoch. Entries of an earlier run are dropped unless
    // `continued` (a run that continues a stopped one keeps its epochs).
    void beginRun(const layerlab::ModelSpec& spec, bool continued);
    // The weights after an epoch of the running training (labelled "epoch 3 of the running training", and
    // "epoch 3 of the last run" once it has ended).
    void addEpoch(int epoch, std::vector<float> params);
    // The run ended with these weights: they replace the last epoch's when `sameAsLastEpoch` (the epoch's
    // entry was taken a moment after the epoch ended), else they are a new entry called `label` ("stopped in
    // epoch 4"). Empty params (a failed run): the epochs stay as they are.
    void finishRun(std::vector<float> params, const QString& label, bool sameAsLastEpoch);

    bool hasWeights() const { return !m_entries.empty(); }
    QString noWeightsReason() const { return m_noWeightsReason; }
    bool isLive() const { return m_live; }
    int entryCount() const { return int(m_entries.size()); }
    QString entryLabel(int entry) const;
    int entryEpoch(int entry) const;  // 0 for a checkpoint
    const layerlab::ModelSpec& spec() const { return m_spec; }
    std::shared_ptr<const std::vector<float>> params(int entry) const;
    // The entry's int8 quantization, or null when it runs in float32.
    std::shared_ptr<const layerlab::Quantization> quantization(int entry) const;

    // The images of `set` for these weights (the validation set is the one the run held out; see
    // core/validation_split.h). Empty when no dataset is loaded.
    layerlab::ImageSet imageSet(EvaluationSet set) const;
    // "" when entry can be evaluated on set, else one sentence naming the problem and the fix.
    QString problem(EvaluationSet set) const;

    // The cached result, or null.
    std::shared_ptr<const EvaluationResult> result(int entry, EvaluationSet set) const;
    // Computes the result unless cached or being computed; ready() or failed() follows.
    void request(int entry, EvaluationSet set);
    bool isBusy() const { return m_running; }
    // Blocks until no evaluation runs (for tests).
    void waitForIdle();

signals:
    void entriesChanged();
    void ready(int entry, EvaluationSet set);
    void failed(const QString& message);
    void busyChanged(bool busy);

private:
    struct Entry {
        QString label;  // empty: "epoch N of the running training / last run"
        int epoch = 0;
        std::shared_ptr<const std::vector<float>> params;
        std::shared_ptr<const layerlab::Quantization> quantization;  // null: float32
        std::shared_ptr<const EvaluationResult> results[2];
    };
    struct Job {
        quint64 generation = 0;
        int entry = 0;
        EvaluationSet set = EvaluationSet::Test;
    };
    void startJob(const Job& job);
    void onJobDone(Job job, std::shared_ptr<EvaluationResult> result, QString error);
    void newGeneration();

    std::shared_ptr<const layerlab::Dataset> m_data;
    layerlab::ModelSpec m_spec;
    std::vector<Entry> m_entries;
    QString m_noWeightsReason;
    bool m_live = false;
    quint64 m_generation = 1;
    bool m_running = false;
    Job m_runningJob;
    bool m_hasQueued = false;
    Job m_queued;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    QThreadPool m_pool;
};
