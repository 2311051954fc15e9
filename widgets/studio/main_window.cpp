#include "widgets/studio/main_window.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QScreen>
#include <QScrollArea>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolBar>
#include <QVBoxLayout>

#include "core/dataset_identity.h"
#include "widgets/document/model_document.h"
#include "widgets/document/model_file_controller.h"
#include "widgets/editor/layer_inspector.h"
#include "widgets/editor/layer_palette.h"
#include "widgets/editor/model_editor.h"
#include "widgets/editor/model_summary_bar.h"
#include "widgets/session/dataset_session.h"
#include "widgets/session/snapshot_computer.h"
#include "widgets/session/training_controller.h"
#include "widgets/studio/checkpoint_actions.h"
#include "widgets/studio/run_actions.h"
#include "widgets/training/training_charts.h"
#include "widgets/training/training_config_panel.h"
#include "widgets/training/training_progress_bar.h"
#include "widgets/views/feature_map_view.h"
#include "widgets/views/filter_view.h"

namespace {

QScrollArea* scrolled(QWidget* w, QWidget* parent) {
    auto* s = new QScrollArea(parent);
    s->setWidget(w);
    s->setWidgetResizable(true);
    s->setFrameShape(QFrame::NoFrame);
    s->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    return s;
}

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
    m_openDataAction =
        new QAction(QIcon::fromTheme(QStringLiteral("folder-open")), tr("Open &Data Folder…"), this);
    m_openDataAction->setStatusTip(tr(
        "Train on the MNIST or Fashion-MNIST files in a folder of your choice instead of the usual place"));
    connect(m_openDataAction, &QAction::triggered, this, &MainWindow::openDataFolderInteractive);
    m_exportChartsAction = new QAction(tr("&Export Charts as PNG…"), this);
    m_quitAction = new QAction(tr("&Quit"), this);
    m_quitAction->setShortcut(QKeySequence::Quit);
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    buildCentralArea();
    buildDocks();
    buildMenus();
    connectSession();

    m_datasetStatus = new QLabel(this);
    statusBar()->addPermanentWidget(m_datasetStatus);

    // Ready on first start: the seed CNN on MNIST (or the bundled subset, said in the banner).
    m_files->loadPreset(QStringLiteral("seed-cnn"));
    onDocumentChanged();

    const QRect avail = screen() ? screen()->availableGeometry() : QRect(0, 0, 1366, 768);
    resize(std::min(1440, avail.width()), std::min(900, avail.height()));
    updateTitle();
}

MainWindow::~MainWindow() = default;

void MainWindow::buildCentralArea() {
    auto* central = new QWidget(this);
    auto* v = new QVBoxLayout(central);
    v->setContentsMargins(0, 0, 0, 0);
    v->setSpacing(0);

    m_banner = new QLabel(central);
    m_banner->setObjectName(QStringLiteral("noticeBanner"));
    m_banner->setWordWrap(true);
    m_banner->setContentsMargins(8, 4, 8, 4);
    m_banner->setStyleSheet(
        QStringLiteral("background:#fff4c2; color:#5a4500; border-bottom:1px solid #e0c860;"));
    m_banner->setVisible(false);
    v->addWidget(m_banner);

    m_blocked = new QLabel(central);
    m_blocked->setObjectName(QStringLiteral("blockedBanner"));
    m_blocked->setWordWrap(true);
    m_blocked->setContentsMargins(8, 4, 8, 4);
    m_blocked->setStyleSheet(
        QStringLiteral("background:#fde2e1; color:#8a1c1c; border-bottom:1px solid #e8a5a2;"));
    m_blocked->setVisible(false);
    v->addWidget(m_blocked);

    m_tabs = new QTabWidget(central);
    m_tabs->setDocumentMode(true);

    m_modelTab = new QWidget(m_tabs);
    auto* mv = new QVBoxLayout(m_modelTab);
    mv->setContentsMargins(0, 0, 0, 0);
    mv->setSpacing(0);
    m_editor = new ModelEditor(m_doc, m_modelTab);
    m_summary = new ModelSummaryBar(m_doc, m_modelTab);
    mv->addWidget(m_editor, 1);
    mv->addWidget(m_summary);
    m_tabs->addTab(m_modelTab, tr("Model"));

    m_trainingTab = new QSplitter(Qt::Vertical, m_tabs);
    m_charts = new TrainingCharts(m_trainingTab);
    m_insightTabs = new QTabWidget(m_trainingTab);
    m_filters = new FilterView(m_insightTabs);
    m_featureMaps = new FeatureMapView(m_insightTabs);
    m_insightTabs->addTab(m_filters, tr("Filters"));
    m_insightTabs->addTab(m_featureMaps, tr("Feature maps"));
    m_insightTabs->setTabToolTip(0, tr("The learned kernels of every Conv2D layer, and a first Dense layer's "
                                       "weights on the pixels"));
    m_insightTabs->setTabToolTip(1, tr("What every layer outputs for one held-out image"));
    m_trainingTab->addWidget(m_charts);
    m_trainingTab->addWidget(m_insightTabs);
    m_trainingTab->setStretchFactor(0, 1);
    m_trainingTab->setStretchFactor(1, 1);
    m_trainingTab->setSizes({550, 450});  // a little more for the charts, which cannot scroll
    m_trainingTab->setChildrenCollapsible(false);
    m_tabs->addTab(m_trainingTab, tr("Training"));
    v->addWidget(m_tabs, 1);
    setCentralWidget(central);

    auto* bar = addToolBar(tr("Train"));
    bar->setObjectName("TrainToolBar");
    bar->setMovable(false);
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->addAction(m_runs->startAction());
    bar->addAction(m_runs->pauseAction());
    bar->addAction(m_runs->stopAction());
    bar->addSeparator();
    m_progress = new TrainingProgressBar(bar);
    bar->addWidget(m_progress);

    connect(m_editor, &ModelEditor::selectionChanged, this, [this](int) {
        if (m_sideTabs) m_sideTabs->setCurrentIndex(0);
    });
    connect(m_exportChartsAction, &QAction::triggered, m_charts, &TrainingCharts::exportPngInteractive);
}

void MainWindow::buildDocks() {
    auto* left = new QDockWidget(tr("Layers"), this);
    left->setObjectName("LayersDock");
    m_palette = new LayerPalette(left);
    left->setWidget(m_palette);
    left->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetClosable);
    addDockWidget(Qt::LeftDockWidgetArea, left);
    connect(m_palette, &LayerPalette::layerActivated, m_editor, &ModelEditor::insertLayerAfterSelection);

    auto* right = new QDockWidget(tr("Settings"), this);
    right->setObjectName("SettingsDock");
    m_sideTabs = new QTabWidget(right);
    m_inspector = new LayerInspector(m_doc, m_sideTabs);
    m_config = new TrainingConfigPanel(m_doc, m_sideTabs);
    m_sideTabs->addTab(scrolled(m_inspector, m_sideTabs), tr("Layer"));
    m_sideTabs->addTab(scrolled(m_config, m_sideTabs), tr("Training"));
    right->setWidget(m_sideTabs);
    right->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetClosable);
    addDockWidget(Qt::RightDockWidgetArea, right);
    connect(m_editor, &ModelEditor::selectionChanged, m_inspector, &LayerInspector::showLayer);
    // Narrower on a small screen (1366x768 at 150 % is 911 logical pixels wide), so the centre keeps room.
    const int screenWidth = screen() ? screen()->availableGeometry().width() : 1366;
    resizeDocks({left, right},
                {std::min(190, screenWidth / 7), std::min(330, std::max(280, screenWidth / 4))},
                Qt::Horizontal);
}

void MainWindow::buildMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_files->newAction());
    file->addAction(m_files->openAction());
    file->addMenu(m_files->recentFilesMenu());
    file->addAction(m_files->saveAction());
    file->addAction(m_files->saveAsAction());
    file->addSeparator();
    file->addAction(m_openDataAction);
    file->addSeparator();
    file->addAction(m_checkpoints->loadAction());
    file->addAction(m_checkpoints->saveAction());
    file->addSeparator();
    file->addAction(m_exportChartsAction);
    file->addSeparator();
    file->addAction(m_quitAction);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(m_files->undoAction());
    edit->addAction(m_files->redoAction());
    edit->addSeparator();
    edit->addAction(m_editor->deleteAction());
    edit->addAction(m_editor->duplicateAction());
    edit->addAction(m_editor->moveUpAction());
    edit->addAction(m_editor->moveDownAction());

    menuBar()->addMenu(m_files->presetsMenu());

    QMenu* train = menuBar()->addMenu(tr("&Train"));
    train->addAction(m_runs->startAction());
    train->addAction(m_runs->pauseAction());
    train->addAction(m_runs->stopAction());

    QMenu* view = menuBar()->addMenu(tr("&View"));
    QAction* showModel = view->addAction(tr("&Model"));
    showModel->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_1));
    connect(showModel, &QAction::triggered, this, [this] { m_tabs->setCurrentWidget(m_modelTab); });
    QAction* showTraining = view->addAction(tr("&Training"));
    showTraining->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_2));
    connect(showTraining, &QAction::triggered, this, [this] { m_tabs->setCurrentWidget(m_trainingTab); });
    QAction* fit = view->addAction(tr("&Fit Charts"));
    connect(fit, &QAction::triggered, m_charts, &TrainingCharts::fitToData);
    view->addSeparator();
    for (QDockWidget* d : findChildren<QDockWidget*>()) view->addAction(d->toggleViewAction());

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About LayerLab"), this, &MainWindow::showAbout);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
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
    connect(m_checkpoints, &CheckpointActions::message, this, &MainWindow::showMessage);

    // The charts draw a run that continues a stopped one after it (RunTimeline renumbers its epochs); the
    // progress bar shows the run itself.
    connect(m_controller, &TrainingController::batchesReady, this,
            [this](const QVector<layerlab::BatchMetrics>& b) {
                m_charts->addBatches(m_runs->timeline().shifted(b));
            });
    connect(m_controller, &TrainingController::batchesReady, m_progress, &TrainingProgressBar::updateBatches);
    connect(m_controller, &TrainingController::epochEnded, this,
            [this](const layerlab::EpochMetrics& e) { m_charts->addEpoch(m_runs->timeline().shifted(e)); });
    connect(m_controller, &TrainingController::snapshotReady, m_filters, &FilterView::setSnapshot);
    connect(m_controller, &TrainingController::snapshotReady, m_featureMaps, &FeatureMapView::setSnapshot);
    connect(m_controller, &TrainingController::stateChanged, this, &MainWindow::onTrainingStateChanged);
    connect(m_controller, &TrainingController::finished, this, &MainWindow::onTrainingFinished);
    connect(m_controller, &TrainingController::failed, this, &MainWindow::onTrainingFailed);
    connect(m_snapshots, &SnapshotComputer::ready, m_filters, &FilterView::setSnapshot);
    connect(m_snapshots, &SnapshotComputer::ready, m_featureMaps, &FeatureMapView::setSnapshot);
    connect(m_snapshots, &SnapshotComputer::failed, this,
            [this](const QString& m) { showMessage(tr("Could not draw the filters: %1").arg(m), 8000); });
    connect(m_featureMaps, &FeatureMapView::probeIndexChanged, this, &MainWindow::onProbeIndexChanged);
}

void MainWindow::showView(const QString& centre, const QString& settings) {
    if (centre == QLatin1String("model")) m_tabs->setCurrentWidget(m_modelTab);
    if (centre == QLatin1String("training")) m_tabs->setCurrentWidget(m_trainingTab);
    if (centre == QLatin1String("feature-maps")) {
        m_tabs->setCurrentWidget(m_trainingTab);
        m_insightTabs->setCurrentWidget(m_featureMaps);
    }
    if (settings == QLatin1String("layer")) m_sideTabs->setCurrentIndex(0);
    if (settings == QLatin1String("training")) m_sideTabs->setCurrentIndex(1);
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

void MainWindow::setDataOverride(const QString& dir) {
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
    openDataFolder(dir);
}

void MainWindow::ensureDataset() {
    m_data->request(m_doc->spec().training.dataset);
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
    for (const std::string& n : layerlab::classNames(m_doc->spec().training.dataset))
        outputs << QString::fromStdString(n);
    m_featureMaps->setClassNames(m_data->lastLoaded() ? m_data->labelNames() : outputs, outputs);
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
    m_runs->forgetStoppedRun();
    m_charts->reset(m_doc->spec().training);
    m_filters->clear();
    m_featureMaps->clear();
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
    m_summary->setTrainSamples((long long)data->trainCount());  // a batch is never larger
    updateClassNames();
    updateBanner();
    updateActions();
    if (!m_runs->kept().empty() && !m_controller->isActive()) requestIdleSnapshot();
    emit datasetReady();
    m_runs->startIfWaiting();
}

void MainWindow::onDatasetFailed(const QString&) {
    m_progress->setBusy(QString());
    m_progress->setIdleText(tr("No dataset."));
    m_datasetStatus->setText(m_data->statusText());
    updateBanner();
    updateActions();
}

void MainWindow::updateBanner() {
    QStringList parts;
    if (!m_trainingFailure.isEmpty()) parts << tr("Training failed: %1").arg(m_trainingFailure);
    if (!m_data->note().isEmpty()) parts << m_data->note();
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
    m_trainingFailure.clear();
    updateBanner();
    m_progress->begin(spec.training.epochs, spec.training.batchSize);
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
    m_charts->showResult(m_runs->timeline().shifted(result));
    m_progress->finish(result);
    if (auto d = m_data->lastLoaded()) m_featureMaps->setProbeRange(int(d->testCount()), tr("test"));
    showMessage(QString::fromStdString(result.message), 10000);
    updateActions();
    if (m_closeWhenStopped) close();
}

void MainWindow::onTrainingFailed(const QString& message) {
    m_progress->fail(message);
    m_trainingFailure = message;
    updateBanner();
    updateActions();
    if (m_closeWhenStopped) close();
}

void MainWindow::onCheckpointLoaded() {
    m_charts->reset(m_runs->kept().spec.training);
    m_filters->clear(tr("Drawing the checkpoint's filters…"));
    m_featureMaps->clear(tr("Drawing the checkpoint's feature maps…"));
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
    if (data->rows != kept.spec.input.h() || data->cols != kept.spec.input.w()) return;
    const std::size_t i = std::size_t(m_featureMaps->probeIndex()) % data->testCount();
    const auto* img = data->testImages.data() + i * data->imageSize();
    m_snapshots->compute(kept.spec, kept.params, std::vector<std::uint8_t>(img, img + data->imageSize()),
                         data->testLabels[i]);
}

void MainWindow::showAbout() {
    QMessageBox::about(
        this, tr("About LayerLab"),
        tr("<h3>LayerLab %1</h3><p>Build a neural network by dragging layers, train it on MNIST "
           "and watch the loss, the accuracy and the learned filters change live.</p>"
           "<p>F5 starts training, F6 pauses or resumes, Shift+F5 stops.</p>")
            .arg(QApplication::applicationVersion()));
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
    event->accept();
}
