#include "widgets/session/training_controller.h"

#include <QThread>
#include <algorithm>
#include <atomic>
#include <cmath>
#include <exception>

#include "core/run_record.h"
#include "widgets/session/training_buffer.h"

// Everything the worker thread touches. Shared by the controller and the worker lambda; after the worker
// ended only the GUI thread reads it.
struct TrainingController::Run {
    layerlab::ModelSpec spec;
    std::shared_ptr<const layerlab::Dataset> data;
    std::unique_ptr<layerlab::Trainer> trainer;
    TrainingBuffer buffer;
    std::atomic<bool> done{false};
    // Written by the worker before it ends; read by the GUI after QThread::finished.
    layerlab::TrainResult result;
    std::string failure;
    std::vector<float> finalParams;
    std::shared_ptr<const layerlab::Snapshot> finalSnapshot;
    // The run's folder writer (worker thread) and the fan-out to it and the buffer; null when not recorded.
    std::unique_ptr<layerlab::RunRecorder> recorder;
    std::unique_ptr<layerlab::TrainerObservers> observers;
};

TrainingController::TrainingController(QObject* parent) : QObject(parent) {
    qRegisterMetaType<layerlab::BatchMetrics>();
    qRegisterMetaType<layerlab::EpochMetrics>();
    qRegisterMetaType<layerlab::TrainResult>();
    qRegisterMetaType<std::shared_ptr<const layerlab::Snapshot>>();
    qRegisterMetaType<layerlab::HealthSample>();
    qRegisterMetaType<std::shared_ptr<const layerlab::StepInspection>>();
    m_drainTimer.setInterval(m_pacer.intervalMs());  // each drain is one queued replot of the charts
    connect(&m_drainTimer, &QTimer::timeout, this, &TrainingController::drain);
}

TrainingController::~TrainingController() {
    if (m_thread) {
        disconnect(m_thread, nullptr, this, nullptr);
        if (m_run && m_run->trainer) {
            m_run->trainer->stop();
            m_run->trainer->resume();
        }
        m_thread->wait();
        delete m_thread;
    }
}

bool TrainingController::start(const layerlab::ModelSpec& spec, std::shared_ptr<const layerlab::Dataset> data,
                               const std::vector<float>& initialParams) {
    if (isActive()) {
        emit failed(tr("Training is already running. Stop it before starting a new run."));
        return false;
    }
    if (!data) {
        emit failed(tr("No dataset is loaded yet. Wait for loading to finish, or pick another dataset."));
        return false;
    }
    auto run = std::make_shared<Run>();
    run->spec = spec;
    run->data = std::move(data);
    try {
        run->trainer = std::make_unique<layerlab::Trainer>(run->spec, *run->data);
        if (!initialParams.empty()) run->trainer->setInitialParams(initialParams);
    } catch (const std::exception& e) {
        emit failed(QString::fromStdString(e.what()));
        return false;
    }
    run->trainer->setObserver(&run->buffer);
    run->trainer->setHealthInterval(m_healthInterval);
    QString notRecorded;
    if (!m_recording.runsDir.isEmpty()) {
        layerlab::RunRecordOptions o;
        o.runsDir = m_recording.runsDir.toStdString();
        o.modelFile = m_recording.modelFile.toStdString();
        o.initialWeights = m_recording.initialWeights.toStdString();
        o.name = m_recording.name.toStdString();
        o.sweepId = m_recording.sweepId.toStdString();
        o.sweepTrial = m_recording.sweepTrial;
        layerlab::setTrainingFacts(o, *run->trainer, *run->data);
        try {
            run->recorder = std::make_unique<layerlab::RunRecorder>(run->spec, o);
            // The recorder first: an epoch is on disk before the GUI hears of it.
            run->observers = std::make_unique<layerlab::TrainerObservers>(
                std::vector<layerlab::TrainerObserver*>{run->recorder.get(), &run->buffer});
            run->trainer->setObserver(run->observers.get());
        } catch (const std::exception& e) {
            notRecorded = tr("This run is not recorded: %1").arg(QString::fromStdString(e.what()));
        }
    }
    m_runFolder = run->recorder ? QString::fromStdString(run->recorder->folder()) : QString();
    run->trainer->requestSnapshot(m_probeIndex);

    m_run = run;
    m_spec = spec;
    m_trainSamples = run->trainer->trainSamples();
    m_validationSamples = run->trainer->validationSamples();
    m_samplesProcessed = 0;
    m_pausedSeconds = 0;
    m_lastSnapshot.reset();

    m_thread = QThread::create([run] {
        try {
            run->buffer.markRunStarted();
            run->result = run->trainer->run();  // never throws; result.failed carries errors
            if (run->result.failed) {
                run->failure = run->result.message.empty() ? "Training failed." : run->result.message;
            } else {
                run->finalParams = run->trainer->currentParams();
                // run() publishes a last snapshot of the kept weights before it returns.
                run->finalSnapshot = run->trainer->latestSnapshot();
            }
        } catch (const std::exception& e) {
            run->failure = e.what();
        } catch (...) {
            run->failure = "Training failed with an unknown error.";
        }
        run->done = true;
    });
    m_thread->setObjectName("layerlab-trainer");
    connect(m_thread, &QThread::finished, this, &TrainingController::onWorkerFinished);
    m_sinceSnapshotRequest.start();
    m_thread->start();
    // Paced when training takes every core: then the GUI's drawing is time the training does not get.
    m_pacer.start(layerlab::effectiveThreads(spec.training.threads) >= layerlab::hardwareThreads());
    m_drainTimer.start(m_pacer.intervalMs());
    setState(State::Running);
    emit started();
    if (!m_runFolder.isEmpty()) emit recordingStarted(m_runFolder);
    if (!notRecorded.isEmpty()) emit recordingProblem(notRecorded);
    return true;
}

std::vector<float> TrainingController::currentParams() const {
    if (isActive() && m_run && m_run->trainer) return m_run->trainer->currentParams();
    return m_finalParams;
}

void TrainingController::pause() {
    if (m_state != State::Running) return;
    // A snapshot at the pause point, so the filter views show the paused weights.
    m_run->trainer->requestSnapshot(m_probeIndex);
    m_run->trainer->pause();
    m_pausedClock.start();
    setState(State::Paused);
}

void TrainingController::resume() {
    if (m_state != State::Paused) return;
    m_run->trainer->resume();
    m_pausedSeconds += m_pausedClock.elapsed() / 1000.0;
    setState(State::Running);
}

void TrainingController::togglePause() {
    if (m_state == State::Running)
        pause();
    else if (m_state == State::Paused)
        resume();
}

void TrainingController::stop() {
    if (m_state != State::Running && m_state != State::Paused) return;
    if (m_state == State::Paused) m_pausedSeconds += m_pausedClock.elapsed() / 1000.0;
    m_run->trainer->stop();
    m_run->trainer->resume();  // a paused loop must wake up to see the stop flag
    setState(State::Stopping);
}

void TrainingController::step() {
    if (m_state == State::Running) {
        pause();
        return;
    }
    if (m_state != State::Paused) return;
    m_run->trainer->stepOnce();  // drain() asks for the filters after it when its health arrives
}

void TrainingController::setProbeIndex(int index) {
    m_probeIndex = std::max(0, index);
    if (m_run && m_thread) {
        m_run->trainer->requestSnapshot(m_probeIndex);
        m_sinceSnapshotRequest.start();
    }
}

double TrainingController::trainingSeconds() const {
    // After the run its buffer and the paused time no longer change, so this also holds for a finished run.
    return m_run ? std::max(0.0, m_run->buffer.secondsToLastBatch() - m_pausedSeconds) : 0.0;
}

void TrainingController::setState(State s) {
    if (s == m_state) return;
    m_state = s;
    emit stateChanged(s);
}

void TrainingController::drain() {
    if (!m_run) return;
    if (m_state == State::Running) {
        const int next = m_pacer.update();
        if (next != m_drainTimer.interval()) m_drainTimer.setInterval(next);
    }
    TrainingBuffer::Drained d = m_run->buffer.drain();
    if (!d.batches.empty()) {
        for (const auto& b : d.batches)
            m_samplesProcessed +=
                layerlab::samplesInBatch(b, (long long)m_trainSamples, m_spec.training.batchSize);
        emit batchesReady(QVector<layerlab::BatchMetrics>(d.batches.begin(), d.batches.end()));
    }
    for (const auto& e : d.epochs) emit epochEnded(e);
    if (d.step) emit stepInspected(d.step);
    if (!d.health.empty()) {
        emit healthReady(QVector<layerlab::HealthSample>(d.health.begin(), d.health.end()));
        if (m_state == State::Paused && m_thread && m_run->trainer)  // a step: the weights after it
            m_run->trainer->requestSnapshot(m_probeIndex);
    }

    if (m_thread && m_run->trainer) {
        auto snap = m_run->trainer->latestSnapshot();
        if (snap && snap != m_lastSnapshot) {
            m_lastSnapshot = snap;
            emit snapshotReady(snap);
        }
        // Fresh filters and feature maps as often as set, less often while the redraws are stretched (at
        // most every 2 s then).
        const double snapshotMs = std::min(m_snapshotIntervalMs * m_pacer.stretch(),
                                           std::max(double(m_snapshotIntervalMs), 2000.0));
        if (m_state == State::Running && m_sinceSnapshotRequest.elapsed() >= snapshotMs) {
            m_run->trainer->requestSnapshot(m_probeIndex);
            m_sinceSnapshotRequest.start();
        }
    }
}

void TrainingController::onWorkerFinished() {
    m_thread->wait();  // finished() is emitted just before the thread returns
    delete m_thread;
    m_thread = nullptr;
    m_drainTimer.stop();
    std::shared_ptr<Run> run = m_run;
    drain();
    run->trainer.reset();  // frees the network; the dataset stays with whoever else holds it
    if (run->recorder && !run->recorder->error().empty())
        emit recordingProblem(QString::fromStdString(run->recorder->error()));
    run->observers.reset();
    run->recorder.reset();  // closes its files (the worker wrote the last of them)
    if (!run->failure.empty()) {
        setState(State::Idle);
        emit failed(QString::fromStdString(run->failure));
        return;
    }
    m_finalParams = run->finalParams;
    if (run->finalSnapshot && run->finalSnapshot != m_lastSnapshot) {
        m_lastSnapshot = run->finalSnapshot;
        emit snapshotReady(run->finalSnapshot);
    }
    setState(State::Idle);
    emit finished(run->result);
}
