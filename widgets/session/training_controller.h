#pragma once
// Runs one layerlab::Trainer at a time on a worker QThread and turns its progress into Qt signals that
// carry value types. The worker only appends to a TrainingBuffer; a GUI-thread timer (80 ms) drains it,
// emits batchesReady/epochEnded once per tick, and polls Trainer::latestSnapshot(). The GUI thread never
// waits for the worker: pause/resume/stop/requestSnapshot are the Trainer's thread-safe atomics.
#include <QElapsedTimer>
#include <QMetaType>
#include <QObject>
#include <QString>
#include <QTimer>
#include <QVector>
#include <algorithm>
#include <memory>
#include <vector>

#include "core/dataset.h"
#include "core/model_spec.h"
#include "core/parallel.h"
#include "core/snapshot.h"
#include "core/trainer.h"
#include "widgets/session/redraw_pacer.h"
#include "widgets/session/training_metatypes.h"

class QThread;

class TrainingController : public QObject {
    Q_OBJECT
public:
    enum class State { Idle, Running, Paused, Stopping };
    Q_ENUM(State)

    explicit TrainingController(QObject* parent = nullptr);
    // Stops a running worker and joins it (bounded by one batch).
    ~TrainingController() override;

    // Starts training `spec` on `data` (kept alive by the controller until the run ends). With
    // `initialParams` the run continues from those weights. Returns false (and emits failed) when the spec
    // or data cannot work, or when a run is still active.
    bool start(const layerlab::ModelSpec& spec, std::shared_ptr<const layerlab::Dataset> data,
               const std::vector<float>& initialParams = {});
    void pause();
    void resume();
    void togglePause();
    // Asks the worker to stop at the next batch end; finished() follows with stoppedByUser.
    void stop();
    // One-step mode: paused, runs exactly one batch and pauses again (its health follows in healthReady);
    // running, pauses. Resume continues normal training.
    void step();

    State state() const { return m_state; }
    bool isActive() const { return m_state != State::Idle; }

    // Where the next run started is recorded (core/run_record.h): the runs folder (empty: not recorded), the
    // model file it comes from and what its weights continue ("" for fresh weights). A folder that cannot
    // be written does not stop the run: recordingProblem() says so.
    struct Recording {
        QString runsDir, modelFile, initialWeights;
        QString name;     // the run's name (default: the model's)
        QString sweepId;  // a sweep's trial: its sweep and index
        int sweepTrial = -1;
    };
    void setRecording(const Recording& recording) { m_recording = recording; }
    // The current (or last) run's folder; empty when it was not recorded.
    QString runFolder() const { return m_runFolder; }

    // Which validation image the live snapshots probe.
    void setProbeIndex(int index);
    // Layer health (core/layer_health.h) every `batches` batches of the runs started after; 0: off.
    void setHealthInterval(int batches) { m_healthInterval = std::max(0, batches); }
    int healthInterval() const { return m_healthInterval; }
    // How often a fresh snapshot is requested while running (ms); stretched with the redraw interval.
    void setSnapshotInterval(int ms) { m_snapshotIntervalMs = ms; }
    // The drain-and-redraw pacing of the current (or last) run: its interval now and the GUI thread's share
    // of one core (see RedrawPacer).
    const RedrawPacer& redrawPacer() const { return m_pacer; }

    // About the current (or last) run.
    const layerlab::ModelSpec& runSpec() const { return m_spec; }
    std::size_t trainSamples() const { return m_trainSamples; }
    std::size_t validationSamples() const { return m_validationSamples; }
    long long samplesProcessed() const { return m_samplesProcessed; }
    // Seconds the worker spent in Trainer::run() up to the last batch, minus time paused.
    double trainingSeconds() const;
    // Weights at the end of the last finished run (empty before).
    const std::vector<float>& finalParams() const { return m_finalParams; }
    // The weights now: those of the active run (taken between two optimizer steps; blocks at most one step,
    // not at all while paused), else finalParams().
    std::vector<float> currentParams() const;

signals:
    void started();
    void batchesReady(const QVector<layerlab::BatchMetrics>& batches);
    void epochEnded(const layerlab::EpochMetrics& epoch);
    // Layer health measured since the last tick, oldest first.
    void healthReady(const QVector<layerlab::HealthSample>& samples);
    // After a step(): that batch's predictions and loss before and after it, its Dense layers' numbers.
    void stepInspected(std::shared_ptr<const layerlab::StepInspection> step);
    void snapshotReady(std::shared_ptr<const layerlab::Snapshot> snapshot);
    void finished(const layerlab::TrainResult& result);
    void failed(const QString& message);
    void stateChanged(TrainingController::State state);
    // The run is being recorded in `folder` (emitted right after started()).
    void recordingStarted(const QString& folder);
    // The run could not be recorded, or its recording stopped (a full disk); training goes on.
    void recordingProblem(const QString& message);

private:
    struct Run;
    void setState(State s);
    void drain();
    void onWorkerFinished();

    std::shared_ptr<Run> m_run;
    QThread* m_thread = nullptr;
    QTimer m_drainTimer;
    // 80 ms (~12 chart updates a second) up to 400 ms while training takes every core and the GUI's drawing
    // would take more than its budget.
    RedrawPacer m_pacer{80, 400, guiBudgetForCores(layerlab::hardwareThreads())};
    QElapsedTimer m_sinceSnapshotRequest;
    QElapsedTimer m_pausedClock;
    double m_pausedSeconds = 0;
    State m_state = State::Idle;
    int m_probeIndex = 0;
    int m_healthInterval = layerlab::kDefaultHealthInterval;
    int m_snapshotIntervalMs = 700;  // filters refresh more than once a second
    layerlab::ModelSpec m_spec;
    std::size_t m_trainSamples = 0, m_validationSamples = 0;
    long long m_samplesProcessed = 0;
    std::vector<float> m_finalParams;
    Recording m_recording;
    QString m_runFolder;
    std::shared_ptr<const layerlab::Snapshot> m_lastSnapshot;
};
