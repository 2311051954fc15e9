#include "widgets/lessons/lesson_session.h"

#include <QTimer>

#include "widgets/lessons/lesson_library.h"
#include "widgets/session/dataset_session.h"
#include "widgets/session/sanity_check_runner.h"
#include "widgets/session/training_controller.h"

using namespace layerlab;

LessonSession::LessonSession(TrainingController* controller, DatasetSession* data, QObject* parent)
    : QObject(parent), m_controller(controller), m_data(data), m_checker(new SanityCheckRunner(this)) {
    connect(m_checker, &SanityCheckRunner::finished, this, &LessonSession::onSanityDone);
    connect(m_controller, &TrainingController::batchesReady, this,
            [this](const QVector<BatchMetrics>& batches) {
                if (!m_trainingOurs) return;
                for (const BatchMetrics& b : batches) m_tally.add(b);
            });
    connect(m_controller, &TrainingController::finished, this, &LessonSession::onRunFinished);
    connect(m_controller, &TrainingController::failed, this, &LessonSession::onRunFailed);
    connect(m_data, &DatasetSession::loaded, this, [this] {
        if (!m_waitingForData || m_state != State::Running) return;
        m_waitingForData = false;
        QTimer::singleShot(0, this, &LessonSession::startNextRun);
    });
    connect(m_data, &DatasetSession::failed, this, [this](const QString& message) {
        if (!m_waitingForData) return;
        m_waitingForData = false;
        fail(tr("The dataset could not be loaded: %1").arg(message));
    });
}

void LessonSession::setState(State s) {
    if (m_state == s) return;
    m_state = s;
    emit stateChanged(s);
}

void LessonSession::start(const LessonCard& card, bool sanityFirst) {
    if (isActive()) return;
    m_card = card;
    m_run = -1;
    m_results.clear();
    m_finals.clear();
    m_folders.clear();
    m_verdict = {};
    m_sanity = {};
    m_hasSanity = false;
    m_error.clear();
    m_tally = {};
    if (!sanityFirst) {
        setState(State::Running);
        startNextRun();
        return;
    }
    setState(State::Checking);
    // The scenario's data first (a no-op when it is loaded); the check starts when it has loaded.
    m_data->requestFor(card.model, QString());
    auto data = m_data->dataset();
    if (!data || !m_checker->run(card.model, data)) {
        // The data is still loading: the runs wait for it, the check is left out (and said so).
        m_sanity = {};
        m_sanity.error = tr("the dataset was still loading").toStdString();
        m_hasSanity = true;
        emit sanityChecked();
        setState(State::Running);
        startNextRun();
    }
}

void LessonSession::onSanityDone() {
    m_sanity = m_checker->result();
    m_hasSanity = true;
    emit sanityChecked();
    if (m_checker->cancelled()) {
        m_error = tr("Stopped during the sanity check.");
        setState(State::Stopped);
        return;
    }
    // A failed check is information, not a reason to refuse the lesson: some cards show a model that
    // cannot learn on purpose.
    setState(State::Running);
    startNextRun();
}

void LessonSession::waitForData(const ModelSpec& spec) {
    m_waitingForData = true;
    m_data->requestFor(spec, QString());
}

void LessonSession::startNextRun() {
    if (m_state != State::Running || m_trainingOurs) return;
    const int next = m_run + 1;
    if (next >= int(m_card.runs.size())) {
        m_verdict = judgeLesson(m_card, m_results);
        setState(State::Done);
        emit finished();
        return;
    }
    const LessonRun& run = m_card.runs[std::size_t(next)];
    m_data->requestFor(run.spec, QString());  // the bundled subset, or the card's image folder
    if (!m_data->isReady()) {
        if (!m_data->error().isEmpty()) {
            fail(tr("The dataset could not be loaded: %1").arg(m_data->error()));
            return;
        }
        waitForData(run.spec);
        return;
    }
    if (m_controller->isActive()) {
        fail(tr("Another run is training: stop it (Shift+F5) and start the lesson again."));
        return;
    }
    if (!m_starter) {
        fail(tr("This window cannot start lesson runs."));
        return;
    }
    std::vector<float> initial;
    QString from;
    if (run.startFrom >= 0) {
        try {
            initial = lessonStartParams(m_card, next, m_finals.at(std::size_t(run.startFrom)));
            from = m_folders.at(std::size_t(run.startFrom));
        } catch (const std::exception& e) {
            fail(tr("Run %1 cannot start from run %2's weights: %3")
                     .arg(QString::fromStdString(run.id),
                          QString::fromStdString(m_card.runs[std::size_t(run.startFrom)].id),
                          QString::fromStdString(e.what())));
            return;
        }
    }
    m_run = next;
    m_tally = {};
    // The variant first: the Runs tab's name column and the charts' legends tell the runs apart by it.
    const QString name = tr("%1: %2 · lesson \u201c%3\u201d")
                             .arg(QString::fromStdString(run.id), LessonLibrary::text(run.label),
                                  LessonLibrary::text(m_card.title));
    m_trainingOurs = true;
    const QString why = m_starter(run.spec, name, initial, from);
    if (!why.isEmpty()) {
        m_trainingOurs = false;
        fail(why);
        return;
    }
    emit runStarted(m_run);
}

void LessonSession::onRunFinished(const TrainResult& result) {
    if (!m_trainingOurs) return;
    m_trainingOurs = false;
    if (result.stoppedByUser) {
        m_error =
            tr("Stopped during run %1.").arg(QString::fromStdString(m_card.runs[std::size_t(m_run)].id));
        setState(State::Stopped);
        return;
    }
    auto data = m_data->lastLoaded();
    if (!data) {
        fail(tr("The dataset is gone."));
        return;
    }
    m_finals.push_back(m_controller->finalParams());
    m_folders.push_back(m_controller->runFolder());
    m_results.push_back(measureLessonRun(m_card, m_run, result, m_tally, m_finals.back(), *data));
    emit runFinished(m_run);
    // The next run starts from the event loop, once the controller has finished with this one.
    QTimer::singleShot(0, this, &LessonSession::startNextRun);
}

void LessonSession::onRunFailed(const QString& message) {
    if (!m_trainingOurs) return;
    m_trainingOurs = false;
    fail(tr("Run %1 failed: %2").arg(QString::fromStdString(m_card.runs[std::size_t(m_run)].id), message));
}

void LessonSession::fail(const QString& why) {
    m_error = why;
    setState(State::Failed);
    emit failed(why);
}

void LessonSession::stop() {
    if (m_state == State::Checking) {
        m_checker->cancel();  // onSanityDone follows
        return;
    }
    if (m_state != State::Running) return;
    if (m_trainingOurs) {
        m_controller->stop();  // onRunFinished follows with stoppedByUser
        return;
    }
    m_waitingForData = false;
    m_error = tr("Stopped.");
    setState(State::Stopped);
}
