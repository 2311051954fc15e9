#pragma once
// Start, Pause and Stop: the three actions, when each is possible (and, when Start is not, why), what Start
// trains, and the weights kept when a run ends.
//   - Start trains the document's model on the session's dataset. After a run the user stopped, it asks
//     whether to continue from the weights that run reached or to start from fresh weights (Esc cancels);
//     a loaded checkpoint continues from its weights. Which one happened is said in message().
//   - While a run is active (paused counts), the document is edit-locked with the reason shown, so the run
//     and the views never show different models; it unlocks when the run ends.
// Views are not touched here: the window reacts to aboutToStart(), started() and message(), and draws the
// run's metrics through timeline() (a continued run is drawn after the stopped one).
#include <QObject>
#include <QString>

#include "core/model_spec.h"
#include "widgets/session/run_timeline.h"
#include "widgets/session/trained_weights.h"
#include "widgets/session/training_metatypes.h"

class DatasetSession;
class ModelDocument;
class SanityCheckRunner;
class QAction;
class QWidget;
class TrainingController;

class RunActions : public QObject {
    Q_OBJECT
public:
    enum class StartChoice { Continue, Fresh, Cancel };
    Q_ENUM(StartChoice)

    RunActions(ModelDocument* document, TrainingController* controller, DatasetSession* data,
               QWidget* parent);

    QAction* startAction() const { return m_start; }
    QAction* pauseAction() const { return m_pause; }
    QAction* stopAction() const { return m_stop; }
    // One-step mode: paused, runs exactly one batch and pauses again; running, pauses (F10).
    QAction* stepAction() const { return m_step; }

    // Why Start is disabled (empty when it is enabled); *waitingForData says the only reason is a dataset
    // still loading.
    QString blockedReason(bool* waitingForData = nullptr) const;

    // The weights of the last run or loaded checkpoint, and the spec they belong to.
    const TrainedWeights& kept() const { return m_kept; }
    void keep(TrainedWeights weights);
    // The document was replaced (New, Open, a preset): a stopped run is no longer offered to continue.
    void forgetStoppedRun();
    // Start would ask whether to continue the stopped run (its weights fit the document's model).
    bool canContinueStoppedRun() const;
    const RunTimeline& timeline() const { return m_timeline; }

    // Without a dialog, Start answers `choice` to the continue-or-fresh question. For tests and scripts.
    void setInteractive(bool interactive) { m_interactive = interactive; }
    void setQuietStartChoice(StartChoice choice) { m_quietChoice = choice; }
    // Without a dialog, a failed sanity check answers "train anyway" (true) or "do not start" (false).
    void setQuietTrainAnyway(bool train) { m_quietTrainAnyway = train; }

    // Train > Sanity Check Before Training: Start first runs the sanity check (core/sanity_check.h) on a
    // helper thread when the run would start from fresh weights, says what it found, and when it failed asks
    // whether to train anyway. Remembered in QSettings; off by default.
    QAction* sanityAction() const { return m_sanityAction; }
    SanityCheckRunner* sanityChecker() const { return m_sanity; }

    // Trains `spec` (not the document's: a lesson's run) from fresh weights, or from `initial` when given
    // (a lesson run that starts from an earlier run's weights, whose record's folder is `from`), as a
    // recorded run named `name`, without the continue-or-fresh question. Returns "" when it started, else
    // why not.
    QString startSpec(const layerlab::ModelSpec& spec, const QString& name,
                      const std::vector<float>& initial = {}, const QString& from = {});
    // The name of the run being started ("" for Start's runs, which are named after their model).
    QString runName() const { return m_runName; }
    // Where a named run's initial weights come from ("": fresh weights).
    QString runFrom() const { return m_runFrom; }

public slots:
    // Starts now, or as soon as the dataset has loaded.
    void start();
    void togglePause();
    void stop();
    // Enables the actions for the controller's state and the document, and sets Start's tooltip.
    void updateActions();
    // Starts the run that start() deferred until the dataset had loaded, if any. Call once it has.
    void startIfWaiting();

signals:
    // Just before the controller starts a run of `spec`. `continued`: it starts from kept weights and its
    // points are drawn after the last run's (else the charts start over).
    void aboutToStart(const layerlab::ModelSpec& spec, bool continued);
    void started();
    // One sentence for the status bar, shown for `ms` milliseconds.
    void message(const QString& text, int ms);

private:
    StartChoice askHowToStart();
    void onSanityChecked();
    QString stoppedAtText() const;
    void onStateChanged();
    void onFinished(const layerlab::TrainResult& result);

    ModelDocument* m_doc;
    TrainingController* m_controller;
    DatasetSession* m_data;
    QWidget* m_dialogParent;
    QAction* m_start;
    QAction* m_pause;
    QAction* m_stop;
    QAction* m_step;
    TrainedWeights m_kept;
    RunTimeline m_timeline;
    bool m_startWhenLoaded = false;
    bool m_interactive = true;
    StartChoice m_quietChoice = StartChoice::Continue;
    bool m_quietTrainAnyway = true;
    QAction* m_sanityAction;
    SanityCheckRunner* m_sanity;
    bool m_sanityCleared = false;  // the check before this Start has been run (and passed, or overruled)
    QString m_runName;
    QString m_runFrom;
};
