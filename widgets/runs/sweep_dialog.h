#pragma once
// Train > Sweep…: the same hyperparameter sweep as `layerlab-cli sweep` (core/sweep.h), in the studio. The
// user picks settings to vary (training settings from the descriptor table, and each layer's settings as
// "layerN.key"), writes their values (a list "0.1, 0.01", or a range "log:1e-4:1e-1" / "uniform:0:0.001"
// for random search), chooses grid or random (N trials), the metric, a time budget and how many trials run at
// once, and sees the number of runs and an estimated time before starting (from the last recorded run of the
// model, else after the first trial). Bad values are named before anything starts. Trials run one after
// another, or two at once with the cores split between them when they are too small to use them all
// (planSweepParallel), each on a TrainingController of its own and recorded as a normal run tagged with the
// sweep (state file <runs>/<id>.sweep.json, which `layerlab-cli sweep --resume` continues too). Progress
// shows the trials under way, the best so far and the time left; Stop ends the sweep during the current
// trials, Stop After Trial once they end. An unfinished sweep of the same model in the runs folder (stopped,
// or cut by closing the app or a crash) is offered for resuming: its finished trials are skipped. The results
// (a sortable table and the metric against each varied setting) show below as the trials end; clicking one
// emits trialSelected.
#include <QDialog>
#include <QElapsedTimer>
#include <memory>
#include <set>
#include <vector>

#include "core/dataset.h"
#include "core/model_spec.h"
#include "core/sweep.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QRadioButton;
class QSpinBox;
class QTableWidget;
class SweepResults;
class TrainingController;

class SweepDialog : public QDialog {
    Q_OBJECT
public:
    SweepDialog(const layerlab::ModelSpec& base, std::shared_ptr<const layerlab::Dataset> data,
                const QString& runsDir, const QString& modelFile, QWidget* parent = nullptr);

    // The rows: setting key (as core/sweep.h names it) and values text. For tests and scripts.
    void setAxis(int row, const QString& key, const QString& values);
    QString axisKey(int row) const;
    QString axisValues(int row) const;
    void setRandom(int trials);  // 0 = grid
    void setBudgetSeconds(int seconds);
    // Trials at once: 0 = decide (planSweepParallel), 1, 2.
    void setTrialsAtOnce(int n);
    // The machine's cores as the decision sees them (tests; default hardwareThreads()).
    void setCores(int cores);

    // The planned trials, or empty with problem() saying why (also why the last Start could not begin).
    const std::vector<layerlab::SweepTrial>& trials() const { return m_trials; }
    QString problem() const { return m_problem; }
    QString estimateText() const;
    // The line under the settings: the runs, the time and the trials at once, or the problem.
    QString planText() const;
    // What the plan says about trials at once (planSweepParallel's sentence).
    const layerlab::SweepParallel& parallel() const { return m_parallel; }
    bool isRunning() const;
    // The trials under way (indexes into state().trials).
    std::vector<int> runningTrials() const;
    const layerlab::SweepState& state() const { return m_state; }
    // The unfinished sweeps of this model in the runs folder, newest first (offered for resuming).
    const std::vector<layerlab::SweepState>& resumable() const { return m_resumable; }
    SweepResults* results() const { return m_results; }
    QPushButton* resumeButton() const { return m_resume; }

public slots:
    void start();
    // Continues resumable()[index]: its trials not done run, the finished ones are skipped.
    void resume(int index = 0);
    void stop();
    // Ends the sweep once the trials under way have ended.
    void stopAfterTrial();
    void reject() override;  // while trials run: Stop (the dialog stays until the trials have stopped)

signals:
    // A trial's run was recorded (its folder), and the sweep ended.
    void trialFinished(const QString& runFolder);
    void sweepFinished();
    // A trial was clicked in the results (its run folder).
    void trialSelected(const QString& runFolder);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    static constexpr int kAxisRows = 4;  // settings a sweep can vary
    struct Slot {
        TrainingController* controller = nullptr;
        int trial = -1;  // the trial it runs, -1 when idle
        QString folder;  // the trial's run folder (recordingStarted)
    };
    void replan();
    void begin();
    bool startNext(Slot& slot);
    void onTrialFinished(Slot& slot, const QString& failure);
    void endSweep();
    void updateProgress();
    void refreshResumable();
    void setInputsEnabled(bool on);
    double secondsPerEpochEstimate() const;

    layerlab::ModelSpec m_base;
    std::shared_ptr<const layerlab::Dataset> m_data;
    QString m_runsDir, m_modelFile;
    std::vector<layerlab::SweepTrial> m_trials;
    std::vector<layerlab::SweepAxis> m_axes;
    QString m_problem;
    layerlab::SweepState m_state;
    QString m_saveError;  // the sweep's state could not be saved after a trial: said under the progress
    layerlab::SweepParallel m_parallel;
    std::vector<layerlab::SweepState> m_resumable;
    int m_cores = 0;
    std::vector<Slot> m_slots;
    bool m_stopping = false, m_stopAfter = false;
    std::set<int> m_attempted;  // trials started since the sweep began or was resumed
    int m_generation = 0;       // counts begin(): a budget timer of an earlier sweep does nothing
    QElapsedTimer m_clock;
    double m_measuredEpochSeconds = 0;  // from the trials run so far
    int m_epochsDone = 0;
    mutable double m_folderEstimate = -1;  // seconds per epoch of the last recorded run (-1: not looked)

    QTableWidget* m_axesTable = nullptr;
    QRadioButton* m_grid = nullptr;
    QRadioButton* m_random = nullptr;
    QSpinBox* m_randomTrials = nullptr;
    QComboBox* m_metric = nullptr;
    QSpinBox* m_budget = nullptr;
    QComboBox* m_atOnce = nullptr;
    QWidget* m_resumeRow = nullptr;
    QComboBox* m_resumeBox = nullptr;
    QPushButton* m_resume = nullptr;
    QLabel* m_plan = nullptr;
    QLabel* m_progressText = nullptr;
    QProgressBar* m_progress = nullptr;
    QPushButton* m_start = nullptr;
    QPushButton* m_stop = nullptr;
    QPushButton* m_stopAfterButton = nullptr;
    SweepResults* m_results = nullptr;
};
