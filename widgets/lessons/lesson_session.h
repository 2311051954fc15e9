#pragma once
// Runs one lesson card in the studio: optionally the sanity check first (core/sanity_check.h, on a helper
// thread), then the card's runs one after another through the studio's own TrainingController, started by
// the window (a RunStarter: it resets the charts and records each run, so the Runs tab lists, ticks and
// overlays them like any run), each measured when it finishes (core/lesson_runner.h), then the verdict.
// The GUI thread never waits: every step follows a signal. QtCore only.
#include <QObject>
#include <QString>
#include <functional>
#include <memory>
#include <vector>

#include "core/dataset.h"
#include "core/lesson_card.h"
#include "core/lesson_runner.h"
#include "core/sanity_check.h"

class DatasetSession;
class SanityCheckRunner;
class TrainingController;

class LessonSession : public QObject {
    Q_OBJECT
public:
    // Starts training `spec` as a recorded run named `name` on the studio's controller, from `initial`
    // weights (empty: fresh ones; a run with start_from, which names the run folder they come from in
    // `from`); returns "" when it started, else why not.
    using RunStarter = std::function<QString(const layerlab::ModelSpec& spec, const QString& name,
                                             const std::vector<float>& initial, const QString& from)>;

    enum class State { Idle, Checking, Running, Done, Failed, Stopped };
    Q_ENUM(State)

    LessonSession(TrainingController* controller, DatasetSession* data, QObject* parent = nullptr);

    void setRunStarter(RunStarter starter) { m_starter = std::move(starter); }

    // Runs `card` (copied): the sanity check of its scenario model first when sanityFirst. Ignored while
    // active.
    void start(const layerlab::LessonCard& card, bool sanityFirst);
    // Stops the run under way (the controller stops after its batch) or the sanity check.
    void stop();

    State state() const { return m_state; }
    bool isActive() const { return m_state == State::Checking || m_state == State::Running; }
    const layerlab::LessonCard& card() const { return m_card; }
    int currentRun() const { return m_run; }  // index into card().runs while Running
    const std::vector<layerlab::LessonRunMetrics>& results() const { return m_results; }
    const layerlab::LessonVerdict& verdict() const { return m_verdict; }
    // The final weights of each finished run, in order.
    const std::vector<std::vector<float>>& finalWeights() const { return m_finals; }
    // Each finished run's record folder ("" when the run was not recorded).
    const std::vector<QString>& runFolders() const { return m_folders; }
    const layerlab::SanityCheckResult& sanity() const { return m_sanity; }
    bool hasSanity() const { return m_hasSanity; }
    QString error() const { return m_error; }

signals:
    void stateChanged(LessonSession::State state);
    void sanityChecked();             // sanity() holds the result
    void runStarted(int index);       // card().runs[index] is training
    void runFinished(int index);      // results()[index] holds its measurements
    void finished();                  // verdict() is ready
    void failed(const QString& why);  // error() says the same

private:
    void setState(State s);
    void startNextRun();
    void onSanityDone();
    void onRunFinished(const layerlab::TrainResult& result);
    void onRunFailed(const QString& message);
    void fail(const QString& why);
    void waitForData(const layerlab::ModelSpec& spec);

    TrainingController* m_controller;
    DatasetSession* m_data;
    RunStarter m_starter;
    layerlab::LessonCard m_card;
    State m_state = State::Idle;
    int m_run = -1;
    bool m_waitingForData = false;
    bool m_trainingOurs = false;  // the controller's active run is one of ours
    layerlab::LessonBatchTally m_tally;
    std::vector<layerlab::LessonRunMetrics> m_results;
    std::vector<std::vector<float>> m_finals;  // each finished run's final weights (for start_from)
    std::vector<QString> m_folders;            // and its record's folder ("" when not recorded)
    layerlab::LessonVerdict m_verdict;
    layerlab::SanityCheckResult m_sanity;
    bool m_hasSanity = false;
    QString m_error;
    SanityCheckRunner* m_checker;
};
