#include "widgets/studio/run_actions.h"

#include <QAction>
#include <QFileInfo>
#include <QIcon>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QWidget>
#include <algorithm>
#include <exception>

#include "core/freezing.h"
#include "core/layer_types.h"
#include "core/memory_estimate.h"
#include "core/parallel.h"
#include "i18n/core_text.h"
#include "widgets/document/model_document.h"
#include "widgets/session/dataset_session.h"
#include "widgets/session/sanity_check_runner.h"
#include "widgets/session/training_controller.h"

RunActions::RunActions(ModelDocument* document, TrainingController* controller, DatasetSession* data,
                       QWidget* parent)
    : QObject(parent), m_doc(document), m_controller(controller), m_data(data), m_dialogParent(parent) {
    m_start = new QAction(QIcon::fromTheme("media-playback-start"), tr("&Start Training"), this);
    m_start->setShortcut(Qt::Key_F5);
    m_start->setStatusTip(tr("Train the model on the chosen dataset (F5)"));
    connect(m_start, &QAction::triggered, this, &RunActions::start);

    m_pause = new QAction(QIcon::fromTheme("media-playback-pause"), tr("&Pause"), this);
    m_pause->setShortcut(Qt::Key_F6);
    m_pause->setStatusTip(tr("Pause or resume training (F6)"));
    connect(m_pause, &QAction::triggered, this, &RunActions::togglePause);

    m_stop = new QAction(QIcon::fromTheme("media-playback-stop"), tr("S&top"), this);
    m_stop->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F5));
    m_stop->setStatusTip(tr("Stop training after the current batch; the weights so far are kept (Shift+F5)"));
    connect(m_stop, &QAction::triggered, this, &RunActions::stop);

    m_step = new QAction(QIcon::fromTheme("media-skip-forward"), tr("Ste&p"), this);
    m_step->setShortcut(Qt::Key_F10);
    m_step->setStatusTip(
        tr("Train on exactly one batch, then pause: the Step tab shows that batch's predictions before and "
           "after it, the Health tab what it did to every layer (F10; Resume continues normally)"));
    connect(m_step, &QAction::triggered, m_controller, &TrainingController::step);

    m_sanityAction = new QAction(tr("Sanity Check Before Training"), this);
    m_sanityAction->setCheckable(true);
    m_sanityAction->setChecked(QSettings().value(QStringLiteral("training/sanityCheck"), false).toBool());
    m_sanityAction->setStatusTip(
        tr("Before a run from fresh weights: check that the first loss is near ln(classes) and that the "
           "model can "
           "learn 20 images by heart (a few seconds)"));
    connect(m_sanityAction, &QAction::toggled, this,
            [](bool on) { QSettings().setValue(QStringLiteral("training/sanityCheck"), on); });
    m_sanity = new SanityCheckRunner(this);
    connect(m_sanity, &SanityCheckRunner::finished, this, &RunActions::onSanityChecked);

    connect(m_data, &DatasetSession::failed, this, [this] { m_startWhenLoaded = false; });
    connect(m_controller, &TrainingController::stateChanged, this, &RunActions::onStateChanged);
    connect(m_controller, &TrainingController::batchesReady, this,
            [this](const QVector<layerlab::BatchMetrics>& b) { m_timeline.record(b); });
    connect(m_controller, &TrainingController::finished, this, &RunActions::onFinished);
}

void RunActions::keep(TrainedWeights weights) {
    m_kept = std::move(weights);
}

void RunActions::forgetStoppedRun() {
    if (m_kept.origin == TrainedWeights::Origin::StoppedRun) m_kept.origin = TrainedWeights::Origin::Run;
}

bool RunActions::canContinueStoppedRun() const {
    return m_kept.origin == TrainedWeights::Origin::StoppedRun && m_kept.fits(m_doc->spec());
}

QString RunActions::blockedReason(bool* waitingForData) const {
    if (waitingForData) *waitingForData = false;
    const auto& info = m_doc->info();
    if (!info.ok()) return tr("Cannot train yet: %1").arg(CoreText::message(info.error));
    if (const std::string why = layerlab::nothingToTrainReason(info); !why.empty())
        return tr("Nothing to train: %1.").arg(QString::fromStdString(why));
    try {
        layerlab::validateTraining(m_doc->spec().training);  // e.g. a schedule floor above the learning rate
    } catch (const std::exception& e) {
        return tr("Cannot train yet: %1").arg(CoreText::message(e.what()));
    }
    // The engine's own memory check, with the batch and threads it would use.
    const layerlab::ModelSpec& spec = m_doc->spec();
    const auto data = m_data->lastLoaded();
    const int batch = data ? int(std::min<long long>(spec.training.batchSize, (long long)data->trainCount()))
                           : spec.training.batchSize;
    const std::string refusal = layerlab::trainingMemoryRefusal(
        layerlab::estimateTrainingMemory(spec, batch, layerlab::effectiveThreads(spec.training.threads)));
    if (!refusal.empty()) return tr("Cannot train: %1").arg(QString::fromStdString(refusal));
    if (!m_data->error().isEmpty()) return tr("Cannot train: %1").arg(m_data->error());
    if (!m_data->isReady()) {
        if (waitingForData) *waitingForData = true;
        return tr("Loading the dataset…");
    }
    if (const auto d = m_data->dataset(); d && ((long long)d->imageSize() != spec.input.size() ||
                                                (spec.input.isSpatial() && spec.input.c() != d->channels)))
        return tr("Cannot train: the model takes %1 inputs but %2 has %3: set the input to %4")
            .arg(QString::fromStdString(spec.input.toString()), QString::fromStdString(d->name),
                 QString::fromStdString(layerlab::imageKindText(*d)),
                 QString::fromStdString(d->imageShape().toString()));
    return QString();
}

void RunActions::updateActions() {
    const auto state = m_controller->state();
    const bool active = state != TrainingController::State::Idle;
    const bool running = state == TrainingController::State::Running;
    const bool paused = state == TrainingController::State::Paused;
    const QString reason = active ? QString() : blockedReason();
    m_start->setEnabled(!active && reason.isEmpty() && !m_sanity->isRunning());
    m_start->setToolTip(reason.isEmpty() ? tr("Start training (F5)") : reason);
    m_pause->setEnabled(running || paused);
    m_pause->setText(paused ? tr("&Resume") : tr("&Pause"));
    m_pause->setIcon(QIcon::fromTheme(paused ? "media-playback-start" : "media-playback-pause"));
    m_stop->setEnabled(running || paused);
    m_step->setEnabled(running || paused);
    m_step->setToolTip(running ? tr("Pause, then step one batch at a time (F10)")
                               : tr("Train on exactly one batch, then pause (F10)"));
}

void RunActions::start() {
    if (m_controller->isActive() || m_sanity->isRunning()) return;
    m_runName.clear();
    m_runFrom.clear();
    m_data->requestFor(m_doc->spec(), m_doc->filePath());
    const QString reason = blockedReason();
    if (!reason.isEmpty()) {
        if (m_doc->info().ok() && m_data->error().isEmpty() && !m_data->isReady()) {
            m_startWhenLoaded = true;  // starts from startIfWaiting
            emit message(tr("Training starts when the dataset has loaded."), 5000);
        } else {
            emit message(reason, 8000);
        }
        return;
    }
    const layerlab::ModelSpec spec = m_doc->spec();
    // The sanity check, for a run from fresh weights (from loaded or reached weights it would test others).
    const bool fresh = !(m_kept.origin == TrainedWeights::Origin::Checkpoint && m_kept.fits(spec)) &&
                       !canContinueStoppedRun();
    if (m_sanityAction->isChecked() && fresh && !m_sanityCleared) {
        if (m_sanity->run(spec, m_data->dataset())) {
            emit message(tr("Sanity check before training: the first loss, then 20 images learned by heart…"),
                         10000);
            updateActions();
            return;  // onSanityChecked starts the run
        }
    }
    m_sanityCleared = false;
    std::vector<float> initial;
    bool continued = false;
    QString said = tr("Training started.");
    if (m_kept.origin == TrainedWeights::Origin::Checkpoint && m_kept.fits(spec)) {
        // A loaded checkpoint (or ONNX model) keeps training from its weights while the architecture is
        // unchanged.
        initial = m_kept.params;
        said =
            tr("Training continues from the weights loaded from %1.").arg(QFileInfo(m_kept.file).fileName());
    } else if (m_kept.origin == TrainedWeights::Origin::StartWeights && m_kept.fits(spec)) {
        // Start from Weights: the model's fresh weights with a checkpoint's in the layers that matched.
        initial = m_kept.params;
        said = tr("Training starts from the weights loaded from %1 (Start from Weights); the layers that did "
                  "not get any start fresh.")
                   .arg(QFileInfo(m_kept.file).fileName());
    } else if (canContinueStoppedRun()) {
        switch (askHowToStart()) {
            case StartChoice::Cancel:
                emit message(tr("Not started: the stopped run's weights are kept."), 5000);
                return;
            case StartChoice::Continue:
                initial = m_kept.params;
                continued = true;
                said =
                    tr("Training continues from the weights the stopped run reached (%1); the charts carry "
                       "on from epoch %2.")
                        .arg(stoppedAtText())
                        .arg(m_timeline.lastBatch().epoch + 1);
                break;
            case StartChoice::Fresh:
                said = tr("Training started from fresh weights (seed %1); the stopped run's charts were "
                          "cleared.")
                           .arg(spec.training.seed);
                break;
        }
    }
    // Frozen layers that start from fresh weights keep random values: say so (transfer learning loads them
    // first).
    if (initial.empty()) {
        const auto frozen = layerlab::frozenLayerPaths(spec);
        if (!frozen.empty()) {
            QStringList numbers;
            for (const auto& path : frozen) numbers << QString::fromStdString(layerlab::layerNumber(path));
            said += QLatin1Char(' ') +
                    tr("Frozen layers (%1) keep their fresh random weights: to train on top of trained ones, "
                       "load them first with Train > Start from Weights….")
                        .arg(numbers.join(QStringLiteral(", ")));
        }
    }
    if (continued)
        m_timeline.continueRun();
    else
        m_timeline.startFresh();
    // Threads beyond the cores do not run (see effectiveThreads): say what does.
    const int asked = spec.training.threads, running = layerlab::effectiveThreads(asked);
    if (asked > running)
        said += QLatin1Char(' ') +
                tr("It runs on %1 threads: the model asks for %2, but this machine has %1 cores.")
                    .arg(running)
                    .arg(asked);
    emit aboutToStart(spec, continued);
    if (!m_controller->start(spec, m_data->dataset(), initial)) return;  // failed() explained it
    emit started();
    emit message(said, 10000);
}

void RunActions::onSanityChecked() {
    const layerlab::SanityCheckResult& r = m_sanity->result();
    const QString summary = SanityCheckRunner::summary(r);
    updateActions();
    if (r.ok()) {
        emit message(tr("Sanity check passed; training starts. %1")
                         .arg(summary)
                         .replace(QLatin1Char('\n'), QLatin1Char(' ')),
                     12000);
    } else {
        bool train = m_quietTrainAnyway;
        if (m_interactive) {
            QMessageBox box(QMessageBox::Warning, tr("Sanity Check"), tr("The sanity check found a problem."),
                            QMessageBox::NoButton, m_dialogParent);
            box.setInformativeText(summary);
            QPushButton* anyway = box.addButton(tr("Train &Anyway"), QMessageBox::AcceptRole);
            QPushButton* cancel = box.addButton(tr("Do &Not Start"), QMessageBox::RejectRole);
            box.setDefaultButton(cancel);
            box.setEscapeButton(cancel);
            box.exec();
            train = box.clickedButton() == anyway;
        }
        emit message(train ? tr("Training despite the sanity check: %1")
                                 .arg(summary)
                                 .replace(QLatin1Char('\n'), QLatin1Char(' '))
                           : tr("Not started: %1").arg(summary).replace(QLatin1Char('\n'), QLatin1Char(' ')),
                     15000);
        if (!train) return;
    }
    m_sanityCleared = true;
    start();
}

QString RunActions::startSpec(const layerlab::ModelSpec& spec, const QString& name,
                              const std::vector<float>& initial, const QString& from) {
    if (m_controller->isActive() || m_sanity->isRunning())
        return tr("A run is active: stop it first (Shift+F5).");
    m_data->requestFor(spec, m_doc->filePath());
    if (!m_data->error().isEmpty()) return tr("Cannot train: %1").arg(m_data->error());
    if (!m_data->isReady()) return tr("The dataset is still loading.");
    const auto data = m_data->dataset();
    const int batch = int(std::min<long long>(spec.training.batchSize, (long long)data->trainCount()));
    const std::string refusal = layerlab::trainingMemoryRefusal(
        layerlab::estimateTrainingMemory(spec, batch, layerlab::effectiveThreads(spec.training.threads)));
    if (!refusal.empty()) return tr("Cannot train: %1").arg(QString::fromStdString(refusal));
    m_runName = name;
    m_runFrom = initial.empty() ? QString() : from;
    m_timeline.startFresh();
    emit aboutToStart(spec, false);
    if (!m_controller->start(spec, data, initial)) {
        m_runName.clear();
        m_runFrom.clear();
        return tr("The run could not start (the status bar says why).");
    }
    emit started();
    emit message(tr("Training %1.").arg(name), 8000);
    return {};
}

// "epoch 3, batch 97 of 422", in the charts' numbering.
QString RunActions::stoppedAtText() const {
    const auto& b = m_timeline.lastBatch();
    if (b.batchesPerEpoch <= 0) return tr("before its first batch");
    return tr("epoch %1, batch %2 of %3").arg(b.epoch).arg(b.batch).arg(b.batchesPerEpoch);
}

RunActions::StartChoice RunActions::askHowToStart() {
    if (!m_interactive) return m_quietChoice;
    const int epochs = m_doc->spec().training.epochs;
    QMessageBox box(QMessageBox::Question, tr("Start Training"),
                    tr("The last run was stopped in %1. Continue from the weights it reached, or start "
                       "again from fresh weights?")
                        .arg(stoppedAtText()),
                    QMessageBox::NoButton, m_dialogParent);
    box.setInformativeText(
        tr("<b>Continue</b>: a new run of %1 starts from the stopped run's weights (the optimizer's state "
           "and "
           "the learning-rate schedule start over); its points are added to the charts.<br><b>Start "
           "Fresh</b>: training begins again from new weights; the charts are cleared.")
            .arg(epochs == 1 ? tr("1 epoch") : tr("%1 epochs").arg(epochs)));
    QPushButton* cont = box.addButton(tr("&Continue Training"), QMessageBox::AcceptRole);
    QPushButton* fresh = box.addButton(tr("Start &Fresh"), QMessageBox::DestructiveRole);
    QPushButton* cancel = box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(cont);
    box.setEscapeButton(cancel);
    box.exec();
    if (box.clickedButton() == cont) return StartChoice::Continue;
    if (box.clickedButton() == fresh) return StartChoice::Fresh;
    return StartChoice::Cancel;
}

void RunActions::togglePause() {
    m_controller->togglePause();
}

void RunActions::stop() {
    m_controller->stop();
}

void RunActions::startIfWaiting() {
    if (!m_startWhenLoaded) return;
    m_startWhenLoaded = false;
    start();
}

void RunActions::onStateChanged() {
    m_doc->setEditLock(
        m_controller->isActive()
            ? tr("The model is locked while it trains (paused too). Stop the run (Shift+F5) to "
                 "edit it.")
            : QString());
}

void RunActions::onFinished(const layerlab::TrainResult& result) {
    m_kept = {m_controller->finalParams(),
              m_controller->runSpec(),
              result.stoppedByUser ? TrainedWeights::Origin::StoppedRun : TrainedWeights::Origin::Run,
              {},
              {}};
}
