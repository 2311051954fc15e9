#pragma once
// Train > Sweep…: the same hyperparameter sweep as `layerlab-cli sweep` (core/sweep.h), in the studio. The
// user picks settings to vary (training settings from the descriptor table, and each layer's settings as
// "layerN.key"), writes their values (a list "0.1, 0.01", or a range "log:1e-4:1e-1" / "uniform:0:0.001"
// for random search), chooses grid or random (N trials), the metric and a time budget, and sees the number of
// runs and an estimated time before starting (from the last recorded run of the model, else after the
// first trial). Bad values are named before anything starts. Trials run one after another on a
// TrainingController of their own, each recorded as a normal run tagged with the sweep (state file
// <runs>/<id>.sweep.json, which `layerlab-cli sweep --resume` continues); progress shows trial k of N, the
// best so far and the time left; Stop ends the sweep during the current trial.
#include <QDialog>
#include <QElapsedTimer>
#include <memory>
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
class TrainingController;

class SweepDialog : public QDialog {
    Q_OBJECT
public:
    SweepDialog(const layerlab::ModelSpec& base, std::shared_ptr<const layerlab::Dataset> data,
                const QString& runsDir, const QString& modelFile, QWidget* parent = nullptr);

    // The rows: setting key (as core/sweep.h names it) and values text. For tests and scripts.
    void setAxis(int row, const QString& key, const QString& values);
    void setRandom(int trials);  // 0 = grid
    void setBudgetSeconds(int seconds);

    // The planned trials, or empty with problem() saying why (also why the last Start could not begin).
    const std::vector<layerlab::SweepTrial>& trials() const { return m_trials; }
    QString problem() const { return m_problem; }
    QString estimateText() const;
    bool isRunning() const;
    const layerlab::SweepState& state() const { return m_state; }

public slots:
    void start();
    void stop();
    void reject() override;  // while trials run: Stop (the dialog stays until the trial has stopped)

signals:
    // A trial's run was recorded (its folder), and the sweep ended.
    void trialFinished(const QString& runFolder);
    void sweepFinished();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void replan();
    void startTrial();
    void onTrialFinished();
    void updateProgress();
    double secondsPerEpochEstimate() const;

    layerlab::ModelSpec m_base;
    std::shared_ptr<const layerlab::Dataset> m_data;
    QString m_runsDir, m_modelFile;
    std::vector<layerlab::SweepTrial> m_trials;
    std::vector<layerlab::SweepAxis> m_axes;
    std::vector<std::string> m_axisTexts;  // each axis as "key=values": the sweep's signature
    QString m_problem;
    layerlab::SweepState m_state;
    QString m_saveError;  // the sweep's state could not be saved after a trial: said under the progress
    int m_current = -1;
    bool m_stopping = false;
    QElapsedTimer m_clock;
    double m_measuredEpochSeconds = 0;  // from the trials run so far
    int m_epochsDone = 0;

    TrainingController* m_controller = nullptr;
    QTableWidget* m_axesTable = nullptr;
    QRadioButton* m_grid = nullptr;
    QRadioButton* m_random = nullptr;
    QSpinBox* m_randomTrials = nullptr;
    QComboBox* m_metric = nullptr;
    QSpinBox* m_budget = nullptr;
    QLabel* m_plan = nullptr;
    QLabel* m_progressText = nullptr;
    QProgressBar* m_progress = nullptr;
    QPushButton* m_start = nullptr;
    QPushButton* m_stop = nullptr;
};
