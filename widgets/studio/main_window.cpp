#include "widgets/studio/main_window.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMessageBox>
#include <QScreen>
#include <QSettings>
#include <QSplitter>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <QTreeWidget>

#include "core/dataset_identity.h"
#include "core/image_folder.h"
#include "i18n/core_text.h"
#include "widgets/common/quantity_format.h"
#include "widgets/document/model_document.h"
#include "widgets/document/model_file_controller.h"
#include "widgets/editor/layer_inspector.h"
#include "widgets/editor/model_editor.h"
#include "widgets/editor/model_summary_bar.h"
#include "widgets/evaluate/evaluate_workspace.h"
#include "widgets/lessons/activation_explorer.h"
#include "widgets/lessons/lesson_session.h"
#include "widgets/lessons/lessons_panel.h"
#include "widgets/runs/run_list_model.h"
#include "widgets/runs/runs_panel.h"
#include "widgets/runs/sweep_dialog.h"
#include "widgets/session/class_names.h"
#include "widgets/session/dataset_session.h"
#include "widgets/session/snapshot_computer.h"
#include "widgets/session/training_controller.h"
#include "widgets/studio/checkpoint_actions.h"
#include "widgets/studio/image_folder_actions.h"
#include "widgets/studio/run_actions.h"
#include "widgets/training/health_view.h"
#include "widgets/training/step_view.h"
#include "widgets/training/training_charts.h"
#include "widgets/training/training_config_panel.h"
#include "widgets/training/training_progress_bar.h"
#include "widgets/views/feature_map_view.h"
#include "widgets/views/filter_view.h"

namespace {
// Bumped when the docks change so much that a layout saved by an older version would look broken.
constexpr int kWindowStateVersion = 1;
}  // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    setObjectName("LayerLabMainWindow");
    m_doc = new ModelDocument(this);
    m_files = new ModelFileController(m_doc, this);
    m_files->setCheckpointLoader(
        [this](const QString& path, QString* error) { return loadCheckpointFrom(path, error); });
    m_controller = new TrainingController(this);
    m_data = new DatasetSession(this);
    m_snapshots = new SnapshotComputer(this);
    m_runs = new RunActions(m_doc, m_controller, m_data, this);
    m_checkpoints = new CheckpointActions(m_doc, m_files, m_controller, m_runs, this);
    m_lessonSession = new LessonSession(m_controller, m_data, this);
    m_lessonSession->setRunStarter(
        [this](const layerlab::ModelSpec& spec, const QString& name, const std::vector<float>& initial,
               const QString& from) { return m_runs->startSpec(spec, name, initial, from); });
    m_imageFolders = new ImageFolderActions(m_doc, m_data, this);
    connect(m_imageFolders, &ImageFolderActions::message, this, &MainWindow::showMessage);
    m_openDataAction =
        new QAction(QIcon::fromTheme(QStringLiteral("folder-open")), tr("Open &Data Folder…"), this);
    m_openDataAction->setStatusTip(tr(
        "Train on the MNIST or Fashion-MNIST files in a folder of your choice instead of the usual place"));
    connect(m_openDataAction, &QAction::triggered, this, &MainWindow::openDataFolderInteractive);
    m_exportChartsAction = new QAction(tr("&Export Charts…"), this);
    m_sweepAction = new QAction(tr("S&weep…"), this);
    m_sweepAction->setStatusTip(tr("Train the model once per combination of settings and compare the runs"));
    connect(m_sweepAction, &QAction::triggered, this, &MainWindow::openSweepDialog);
    m_quitAction = new QAction(tr("&Quit"), this);
    m_quitAction->setShortcut(QKeySequence::Quit);
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    buildCentralArea();
    buildDocks();
    buildMenus();
    connectSession();
    connectRuns();
    connectLessons();

    m_datasetStatus = new QLabel(this);
    statusBar()->addPermanentWidget(m_datasetStatus);

    // Ready on first start: the seed CNN on MNIST (or the bundled subset, said in the banner).
    m_files->loadPreset(QStringLiteral("seed-cnn"));
    onDocumentChanged();

    // 1440x900 or nine tenths of a larger screen (1728x972 of full HD), never more than the screen.
    const QRect avail = screen() ? screen()->availableGeometry() : QRect(0, 0, 1366, 768);
    resize(std::min(avail.width(), std::max(1440, avail.width() * 9 / 10)),
           std::min(avail.height(), std::max(900, avail.height() * 9 / 10)));
    // Then where the user left it last time: size, position, docks and toolbar (Qt moves a window whose
    // screen is gone back onto one that is there).
    QSettings saved;
    restoreGeometry(saved.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(saved.value(QStringLiteral("window/state")).toByteArray(), kWindowStateVersion);
    updateTitle();
}

MainWindow::~MainWindow() {
    // ~QWidget deletes the children after this object has stopped being a MainWindow: a signal a child
    // emits on its way out (a tab widget losing its pages, an undo stack being cleared) must not reach a
    // slot of this window, so everything the children (and the document's undo stack, a member of the
    // document rather than its child) connected to it is cut first.
    m_doc->undoStack()->disconnect(this);
    for (QObject* child : findChildren<QObject*>()) child->disconnect(this);
}

void MainWindow::connectSession() {
    connect(m_doc, &ModelDocument::changed, this, &MainWindow::onDocumentChanged);
    connect(m_doc, &ModelDocument::replaced, this, &MainWindow::onModelReplaced);
    connect(m_doc, &ModelDocument::editLockChanged, this, &MainWindow::onEditLockChanged);
    connect(m_doc->undoStack(), &QUndoStack::cleanChanged, this, &MainWindow::updateTitle);
    connect(m_doc, &ModelDocument::filePathChanged, this, &MainWindow::updateTitle);
    connect(m_files, &ModelFileController::errorOccurred, this,
            [this](const QString& m) { showMessage(m, 8000); });

    connect(m_data, &DatasetSession::loadingStarted, this, [this](const QString& what) {
        m_progress->setBusy(what);
        m_datasetStatus->setText(what);
        updateActions();
    });
    connect(m_data, &DatasetSession::loaded, this, &MainWindow::onDatasetLoaded);
    connect(m_data, &DatasetSession::failed, this, &MainWindow::onDatasetFailed);
    connect(m_data, &DatasetSession::folderDropped, this,
            [this](const QString&, const QString& why) { showMessage(why, 10000); });

    connect(m_runs, &RunActions::aboutToStart, this, &MainWindow::onRunAboutToStart);
    connect(m_runs, &RunActions::started, this, &MainWindow::onRunStarted);
    connect(m_runs, &RunActions::message, this, &MainWindow::showMessage);
    connect(m_checkpoints, &CheckpointActions::loaded, this, &MainWindow::onCheckpointLoaded);
    connect(m_checkpoints, &CheckpointActions::startWeightsLoaded, this, &MainWindow::showKeptWeights);
    connect(m_checkpoints, &CheckpointActions::message, this, &MainWindow::showMessage);

    // The views draw a run that continues a stopped one after it (RunTimeline renumbers its epochs).
    connect(m_controller, &TrainingController::batchesReady, this,
            [this](const QVector<layerlab::BatchMetrics>& b) {
                const QVector<layerlab::BatchMetrics> shifted = m_runs->timeline().shifted(b);
                m_charts->addBatches(shifted);
                m_progress->updateBatches(shifted);
            });
    connect(m_controller, &TrainingController::epochEnded, this, [this](const layerlab::EpochMetrics& e) {
        const layerlab::EpochMetrics shifted = m_runs->timeline().shifted(e);
        m_charts->addEpoch(shifted);
        // The weights a moment after the epoch ended (at most the batches done since): one matrix per epoch.
        m_evaluate->session()->addEpoch(shifted.epoch, m_controller->currentParams());
    });
    connect(m_controller, &TrainingController::snapshotReady, this,
            [this](std::shared_ptr<const layerlab::Snapshot> snapshot) {
                snapshot = m_runs->timeline().shifted(std::move(snapshot));
                m_filters->setSnapshot(snapshot);
                m_featureMaps->setSnapshot(snapshot);
            });
    connect(m_controller, &TrainingController::healthReady, m_health, &HealthView::addSamples);
    connect(m_controller, &TrainingController::started, m_health, &HealthView::clear);
    connect(m_controller, &TrainingController::started, this, [this] {
        m_stepView->clear();
        m_stepShown = false;
    });
    connect(m_controller, &TrainingController::stepInspected, this,
            [this](std::shared_ptr<const layerlab::StepInspection> step) {
                m_stepView->setStep(std::move(step));
                if (!m_stepShown) {  // once a run: later steps leave the tab the learner chose
                    m_stepShown = true;
                    m_tabs->setCurrentWidget(m_trainingTab);
                    m_insightTabs->setCurrentWidget(m_stepView);
                }
            });
    connect(m_controller, &TrainingController::stateChanged, this, &MainWindow::onTrainingStateChanged);
    connect(m_controller, &TrainingController::finished, this, &MainWindow::onTrainingFinished);
    connect(m_controller, &TrainingController::failed, this, &MainWindow::onTrainingFailed);
    connect(m_snapshots, &SnapshotComputer::ready, m_filters, &FilterView::setSnapshot);
    connect(m_snapshots, &SnapshotComputer::ready, m_featureMaps, &FeatureMapView::setSnapshot);
    connect(m_snapshots, &SnapshotComputer::failed, this,
            [this](const QString& m) { showMessage(tr("Could not draw the filters: %1").arg(m), 8000); });
    connect(m_featureMaps, &FeatureMapView::probeIndexChanged, this, &MainWindow::onProbeIndexChanged);
}

QAction* MainWindow::startAction() const {
    return m_runs->startAction();
}
QAction* MainWindow::pauseAction() const {
    return m_runs->pauseAction();
}
QAction* MainWindow::stopAction() const {
    return m_runs->stopAction();
}
QAction* MainWindow::saveCheckpointAction() const {
    return m_checkpoints->saveAction();
}

void MainWindow::setDataOverride(const QString& dir, bool askImport) {
    if (layerlab::isImageFolder(QFile::encodeName(dir).toStdString())) {
        if (askImport) {
            QTimer::singleShot(0, this, [this, dir] {
                if (m_imageFolders->openFolder(dir))
                    ensureDataset();
                else
                    showMessage(tr("Import of %1 cancelled: the model keeps its dataset.").arg(dir), 8000);
            });
            return;
        }
        m_imageFolders->applyFolder(dir, m_imageFolders->initialSettings(dir));
        ensureDataset();
        return;
    }
    m_data->setFolder(dir);
    ensureDataset();
}

void MainWindow::openDataFolder(const QString& dir) {
    setDataOverride(dir);
    if (m_doc->spec().training.dataset == layerlab::DatasetKind::Subset)
        showMessage(
            tr("The model trains on the bundled subset, which never comes from a folder: choose MNIST "
               "or Fashion-MNIST in the Training tab to use %1.")
                .arg(dir),
            12000);
    else
        showMessage(tr("Loading the dataset from %1.").arg(dir), 5000);
}

void MainWindow::openDataFolderInteractive() {
    const char* key = "lastDataFolder";
    QSettings settings;
    QString start = settings.value(key).toString();
    if (start.isEmpty() || !QFileInfo(start).isDir()) start = QDir::homePath();
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Open Data Folder"), start);
    if (dir.isEmpty()) return;
    settings.setValue(key, dir);
    if (layerlab::isImageFolder(QFile::encodeName(dir).toStdString())) {  // pictures, not IDX files
        m_imageFolders->openFolder(dir);
        return;
    }
    openDataFolder(dir);
}

void MainWindow::ensureDataset() {
    m_data->requestFor(m_doc->spec(), m_doc->filePath());
    updateActions();
}

std::shared_ptr<const layerlab::Dataset> MainWindow::dataset() const {
    return m_data->dataset();
}

bool MainWindow::isDatasetReady() const {
    return m_data->isReady();
}

QString MainWindow::trainBlockedReason(bool* waitingForData) const {
    return m_runs->blockedReason(waitingForData);
}

const std::vector<float>& MainWindow::trainedParams() const {
    return m_runs->kept().params;
}

const layerlab::ModelSpec& MainWindow::trainedSpec() const {
    return m_runs->kept().spec;
}

bool MainWindow::saveCheckpointTo(const QString& path, QString* error) {
    return m_checkpoints->saveTo(path, error);
}

bool MainWindow::loadCheckpointFrom(const QString& path, QString* error) {
    return m_checkpoints->loadFrom(path, error);
}

void MainWindow::startTraining() {
    m_runs->start();
}

void MainWindow::togglePause() {
    m_runs->togglePause();
}

void MainWindow::stopTraining() {
    m_runs->stop();
}

void MainWindow::showMessage(const QString& text, int ms) {
    statusBar()->showMessage(text, ms);
}

// The probe caption names classes: the image's label by what the data holds, the outputs by the dataset the
// model is for (the two differ only when the banner warns about it).
void MainWindow::updateClassNames() {
    QStringList outputs;
    const auto loaded = m_data->lastLoaded();
    if (m_doc->spec().training.dataset == layerlab::DatasetKind::ImageFolder && loaded &&
        !loaded->classNames.empty()) {  // an image folder's classes are its folders
        outputs = displayClassNames(loaded->classNames);
    } else {
        outputs = displayClassNames(layerlab::classNames(m_doc->spec().training.dataset));
    }
    m_featureMaps->setClassNames(m_data->lastLoaded() ? m_data->labelNames() : outputs, outputs);
    const layerlab::DatasetIdentity id = m_data->identity();
    m_evaluate->setClassNames(m_data->lastLoaded() ? m_data->labelNames() : outputs,
                              id.known ? id.kind : m_doc->spec().training.dataset);
}

void MainWindow::onDocumentChanged() {
    updateClassNames();
    // An edit answers a failed run: its banner would now describe another model.
    if (!m_trainingFailure.isEmpty()) {
        m_trainingFailure.clear();
        updateBanner();
    }
    ensureDataset();
    updateTitle();
}

// New, Open, a preset or a checkpoint replaced the model: nothing of the old one's training stays on show.
void MainWindow::onModelReplaced() {
    // A lesson's settings focus belongs to its scenario: another model shows every setting again.
    if (!m_openingLesson) m_config->setFocusFields({}, QString());
    m_runs->forgetStoppedRun();
    m_charts->reset(m_doc->spec().training);
    m_filters->clear();
    m_featureMaps->clear();
    m_evaluate->session()->clearWeights(
        tr("No trained weights for this model yet: train it (F5) or load a checkpoint."));
    if (m_data->isLoading()) {
        m_progress->clear(QString());
        m_progress->setBusy(m_datasetStatus->text());  // "Loading MNIST…", set by loadingStarted
    } else {
        m_progress->clear(m_data->error().isEmpty() ? tr("Ready to train.") : tr("No dataset."));
    }
    m_trainingFailure.clear();
    updateBanner();
}

// While a run trains the model nothing may change it: the editor, the undo actions and the file actions lock
// themselves (they watch the document); the inspector is locked here.
void MainWindow::onEditLockChanged(bool locked) {
    m_inspector->setEnabled(!locked);
    m_inspector->setToolTip(locked ? m_doc->editLockReason() : QString());
}

void MainWindow::onDatasetLoaded(std::shared_ptr<const layerlab::Dataset> data) {
    m_progress->setBusy(QString());
    m_progress->setIdleText(tr("Ready to train."));
    m_datasetStatus->setText(m_data->statusText());
    if (!m_controller->isActive()) m_featureMaps->setProbeRange(int(data->testCount()), tr("test"));
    m_config->refreshDatasetAvailability();  // e.g. MNIST fetched while the studio was open
    m_config->setDataset(data);              // the augmentation preview shows its images
    m_summary->setTrainSamples((long long)data->trainCount());  // a batch is never larger
    m_evaluate->session()->setDataset(data);
    updateClassNames();
    updateBanner();
    updateActions();
    if (!m_runs->kept().empty() && !m_controller->isActive()) requestIdleSnapshot();
    emit datasetReady();
    m_runs->startIfWaiting();
}

void MainWindow::onDatasetFailed(const QString&) {
    m_evaluate->session()->setDataset(nullptr);
    m_progress->setBusy(QString());
    m_progress->setIdleText(tr("No dataset."));
    m_datasetStatus->setText(m_data->statusText());
    updateBanner();
    updateActions();
}

void MainWindow::updateBanner() {
    QStringList parts;
    if (!m_trainingFailure.isEmpty()) parts << tr("Training failed: %1").arg(m_trainingFailure);
    if (!m_data->note().isEmpty()) parts << CoreText::message(m_data->note());
    if (!m_data->mismatch().isEmpty()) parts << m_data->mismatch();
    if (!m_data->error().isEmpty()) parts << tr("The dataset could not be loaded: %1").arg(m_data->error());
    m_banner->setText(parts.join(QStringLiteral("  ")));
    m_banner->setVisible(!parts.isEmpty());
}

void MainWindow::updateActions() {
    m_runs->updateActions();
    m_checkpoints->updateActions();
    const bool active = m_controller->isActive();
    m_openDataAction->setEnabled(!active);
    m_imageFolders->updateActions();
    m_sweepAction->setEnabled(!active);
    m_runs->sanityAction()->setEnabled(!active);
    m_config->setLocked(active);
    // The reason Train is off, in plain sight (not for the short "loading" state, which the progress bar
    // shows).
    bool loading = false;
    const QString reason = active ? QString() : m_runs->blockedReason(&loading);
    m_blocked->setText(reason);
    m_blocked->setVisible(!reason.isEmpty() && !loading);
}

void MainWindow::updateTitle() {
    const QString name = QString::fromStdString(m_doc->spec().name);
    const QString file =
        m_doc->filePath().isEmpty() ? QString() : QStringLiteral(" (%1)").arg(m_doc->filePath());
    setWindowTitle(tr("%1%2[*] — LayerLab").arg(name, file));
    setWindowModified(m_doc->isModified());
}

void MainWindow::onRunAboutToStart(const layerlab::ModelSpec& spec, bool continued) {
    if (continued)
        m_charts->continueRun(spec.training);
    else
        m_charts->reset(spec.training);
    m_evaluate->session()->beginRun(spec, continued);
    m_trainingFailure.clear();
    updateBanner();
    m_progress->begin(m_runs->timeline().offset() + spec.training.epochs, spec.training.batchSize);
    // The run is recorded in the runs folder; one that starts from earlier weights names them: the run it
    // continues, or the checkpoint (or ONNX model) they were loaded from (as RunActions::start chose).
    QString from;
    const TrainedWeights& kept = m_runs->kept();
    if (continued)
        from = m_controller->runFolder();
    else if ((kept.origin == TrainedWeights::Origin::Checkpoint ||
              kept.origin == TrainedWeights::Origin::StartWeights) &&
             kept.fits(spec) && m_runs->runName().isEmpty())
        from = kept.file;
    else if (!m_runs->runName().isEmpty())
        from = m_runs->runFrom();  // a lesson's run: "" (fresh weights) or the earlier run of its start_from
    TrainingController::Recording recording;
    recording.name = m_runs->runName();
    recording.runsDir = m_runsPanel->recordingEnabled() ? runsFolder() : QString();
    recording.modelFile = m_doc->filePath();
    recording.initialWeights = from;
    m_controller->setRecording(recording);
    m_controller->setProbeIndex(m_featureMaps->probeIndex());
}

void MainWindow::onRunStarted() {
    const std::size_t validation = m_controller->validationSamples();
    m_featureMaps->setProbeRange(int(validation ? validation : m_data->dataset()->testCount()),
                                 validation ? tr("validation") : tr("test"));
    m_tabs->setCurrentWidget(m_trainingTab);
}

void MainWindow::onTrainingStateChanged() {
    m_progress->setPaused(m_controller->state() == TrainingController::State::Paused);
    updateActions();
}

void MainWindow::onTrainingFinished(const layerlab::TrainResult& result) {
    const layerlab::TrainResult shifted = m_runs->timeline().shifted(result);
    m_charts->showResult(shifted);
    // The Evaluate tab gets the exact final weights: those of the last epoch, or of the best one restored,
    // or of an epoch stopped part way.
    QString label;
    if (shifted.restoredBest)
        label = tr("best epoch %1 of the last run (restored by early stopping)").arg(shifted.bestEpoch);
    else if (shifted.stopEpoch > 0)
        label = tr("the last run, stopped in epoch %1 after %2 batches")
                    .arg(shifted.stopEpoch + m_runs->timeline().offset())
                    .arg(shifted.stopBatch);
    m_evaluate->session()->finishRun(m_controller->finalParams(), label, label.isEmpty());
    m_progress->finish(result);
    if (auto d = m_data->lastLoaded()) m_featureMaps->setProbeRange(int(d->testCount()), tr("test"));
    showMessage(CoreText::message(result.message), 10000);
    updateActions();
    if (m_closeWhenStopped) close();
}

void MainWindow::onTrainingFailed(const QString& englishMessage) {
    const QString message = CoreText::message(englishMessage);
    m_evaluate->session()->finishRun({}, QString(), false);
    m_progress->fail(message);
    m_trainingFailure = message;
    updateBanner();
    updateActions();
    if (m_closeWhenStopped) close();
}

void MainWindow::onCheckpointLoaded(const QString& path) {
    showKeptWeights(tr("checkpoint %1").arg(QFileInfo(path).fileName()));
}

// The kept weights (a loaded checkpoint, or Start from Weights) in the views, before any training.
void MainWindow::showKeptWeights(const QString& label) {
    m_evaluate->session()->setWeights(m_runs->kept().spec, m_runs->kept().params, label,
                                      m_runs->kept().quantization);
    m_charts->reset(m_runs->kept().spec.training);
    m_filters->clear(tr("Drawing the loaded filters…"));
    m_featureMaps->clear(tr("Drawing the loaded weights' feature maps…"));
    ensureDataset();
    if (isDatasetReady()) requestIdleSnapshot();  // else onDatasetLoaded does it
    m_tabs->setCurrentWidget(m_trainingTab);
    m_insightTabs->setCurrentWidget(m_filters);
    updateActions();
}

void MainWindow::onProbeIndexChanged(int index) {
    if (m_controller->isActive())
        m_controller->setProbeIndex(index);
    else
        requestIdleSnapshot();
}

// A snapshot of the kept weights (finished run or checkpoint) for test image `probeIndex`, off the GUI
// thread.
void MainWindow::requestIdleSnapshot() {
    const TrainedWeights& kept = m_runs->kept();
    auto data = m_data->lastLoaded();
    // Only weights of the model on show: after Open or an edit of the layers they would draw another one.
    if (!kept.fits(m_doc->spec()) || !data || data->testCount() == 0) return;
    if ((long long)data->imageSize() != kept.spec.input.size()) return;
    const std::size_t i = std::size_t(m_featureMaps->probeIndex()) % data->testCount();
    const auto* img = data->testImages.data() + i * data->imageSize();
    m_snapshots->compute(kept.spec, kept.params, std::vector<std::uint8_t>(img, img + data->imageSize()),
                         data->testLabels[i], kept.quantization);
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (!m_closeWhenStopped && !m_files->maybeSave()) {
        event->ignore();
        return;
    }
    if (m_controller->isActive()) {
        // Never block the GUI on the worker: ask it to stop and close when finished() arrives (one batch).
        m_closeWhenStopped = true;
        m_controller->stop();
        statusBar()->showMessage(tr("Stopping training…"));
        event->ignore();
        return;
    }
    QSettings saved;
    saved.setValue(QStringLiteral("window/geometry"), saveGeometry());
    saved.setValue(QStringLiteral("window/state"), saveState(kWindowStateVersion));
    event->accept();
}
