#include "widgets/studio/main_window.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QLabel>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QScreen>
#include <QScrollArea>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolBar>
#include <QVBoxLayout>
#include <exception>

#include "core/checkpoint.h"
#include "widgets/document/model_document.h"
#include "widgets/document/model_file_controller.h"
#include "widgets/editor/layer_inspector.h"
#include "widgets/editor/layer_palette.h"
#include "widgets/editor/model_editor.h"
#include "widgets/editor/model_summary_bar.h"
#include "widgets/session/dataset_loader.h"
#include "widgets/session/snapshot_computer.h"
#include "widgets/session/training_controller.h"
#include "widgets/training/training_charts.h"
#include "widgets/training/training_config_panel.h"
#include "widgets/training/training_progress_bar.h"
#include "widgets/views/feature_map_view.h"
#include "widgets/views/filter_view.h"

namespace {

std::string nativePath(const QString& path) {
    return QFile::encodeName(path).toStdString();
}

QScrollArea* scrolled(QWidget* w, QWidget* parent) {
    auto* s = new QScrollArea(parent);
    s->setWidget(w);
    s->setWidgetResizable(true);
    s->setFrameShape(QFrame::NoFrame);
    s->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    return s;
}

// Same architecture (and so the same parameter layout): weights can be carried over.
bool sameArchitecture(const layerlab::ModelSpec& a, const layerlab::ModelSpec& b) {
    return a.input == b.input && a.classes == b.classes && a.layers == b.layers;
}

}  // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    setObjectName("LayerLabMainWindow");
    m_doc = new ModelDocument(this);
    m_files = new ModelFileController(m_doc, this);
    m_files->setCheckpointLoader(
        [this](const QString& path, QString* error) { return loadCheckpointFrom(path, error); });
    m_controller = new TrainingController(this);
    m_loader = new DatasetLoader(this);
    m_snapshots = new SnapshotComputer(this);

    buildActions();
    buildCentralArea();
    buildDocks();
    buildMenus();

    connect(m_doc, &ModelDocument::changed, this, &MainWindow::onDocumentChanged);
    connect(m_doc->undoStack(), &QUndoStack::cleanChanged, this, &MainWindow::updateTitle);
    connect(m_doc, &ModelDocument::filePathChanged, this, &MainWindow::updateTitle);
    connect(m_files, &ModelFileController::errorOccurred, this,
            [this](const QString& m) { statusBar()->showMessage(m, 8000); });

    connect(m_loader, &DatasetLoader::loadingStarted, this, [this](const QString& what) {
        m_progress->setBusy(what);
        m_datasetStatus->setText(what);
        updateActions();
    });
    connect(m_loader, &DatasetLoader::loaded, this, &MainWindow::onDatasetLoaded);
    connect(m_loader, &DatasetLoader::failed, this, &MainWindow::onDatasetFailed);

    connect(m_controller, &TrainingController::batchesReady, m_charts, &TrainingCharts::addBatches);
    connect(m_controller, &TrainingController::batchesReady, m_progress, &TrainingProgressBar::updateBatches);
    connect(m_controller, &TrainingController::epochEnded, m_charts, &TrainingCharts::addEpoch);
    connect(m_controller, &TrainingController::snapshotReady, m_filters, &FilterView::setSnapshot);
    connect(m_controller, &TrainingController::snapshotReady, m_featureMaps, &FeatureMapView::setSnapshot);
    connect(m_controller, &TrainingController::stateChanged, this, &MainWindow::onTrainingStateChanged);
    connect(m_controller, &TrainingController::finished, this, &MainWindow::onTrainingFinished);
    connect(m_controller, &TrainingController::failed, this, &MainWindow::onTrainingFailed);
    connect(m_snapshots, &SnapshotComputer::ready, m_filters, &FilterView::setSnapshot);
    connect(m_snapshots, &SnapshotComputer::ready, m_featureMaps, &FeatureMapView::setSnapshot);
    connect(m_snapshots, &SnapshotComputer::failed, this, [this](const QString& m) {
        statusBar()->showMessage(tr("Could not draw the filters: %1").arg(m), 8000);
    });
    connect(m_featureMaps, &FeatureMapView::probeIndexChanged, this, &MainWindow::onProbeIndexChanged);

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

void MainWindow::buildActions() {
    m_startAction = new QAction(QIcon::fromTheme("media-playback-start"), tr("&Start Training"), this);
    m_startAction->setShortcut(Qt::Key_F5);
    m_startAction->setStatusTip(tr("Train the model on the chosen dataset (F5)"));
    connect(m_startAction, &QAction::triggered, this, &MainWindow::startTraining);

    m_pauseAction = new QAction(QIcon::fromTheme("media-playback-pause"), tr("&Pause"), this);
    m_pauseAction->setShortcut(Qt::Key_F6);
    m_pauseAction->setStatusTip(tr("Pause or resume training (F6)"));
    connect(m_pauseAction, &QAction::triggered, this, &MainWindow::togglePause);

    m_stopAction = new QAction(QIcon::fromTheme("media-playback-stop"), tr("S&top"), this);
    m_stopAction->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F5));
    m_stopAction->setStatusTip(
        tr("Stop training after the current batch; the weights so far are kept (Shift+F5)"));
    connect(m_stopAction, &QAction::triggered, this, &MainWindow::stopTraining);

    m_saveCheckpointAction = new QAction(tr("Save &Checkpoint…"), this);
    m_saveCheckpointAction->setStatusTip(
        tr("Save the trained weights with their model (.llckpt), for the studio "
           "and layerlab-cli"));
    connect(m_saveCheckpointAction, &QAction::triggered, this, &MainWindow::saveCheckpointInteractive);
    m_loadCheckpointAction = new QAction(tr("&Load Checkpoint…"), this);
    m_loadCheckpointAction->setStatusTip(tr("Open a trained model and view its filters and feature maps"));
    connect(m_loadCheckpointAction, &QAction::triggered, this, &MainWindow::loadCheckpointInteractive);
    m_exportChartsAction = new QAction(tr("&Export Charts as PNG…"), this);
    m_quitAction = new QAction(tr("&Quit"), this);
    m_quitAction->setShortcut(QKeySequence::Quit);
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);
}

void MainWindow::buildCentralArea() {
    auto* central = new QWidget(this);
    auto* v = new QVBoxLayout(central);
    v->setContentsMargins(0, 0, 0, 0);
    v->setSpacing(0);

    m_banner = new QLabel(central);
    m_banner->setWordWrap(true);
    m_banner->setContentsMargins(8, 4, 8, 4);
    m_banner->setStyleSheet(
        QStringLiteral("background:#fff4c2; color:#5a4500; border-bottom:1px solid #e0c860;"));
    m_banner->setVisible(false);
    v->addWidget(m_banner);

    m_blocked = new QLabel(central);
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
    bar->addAction(m_startAction);
    bar->addAction(m_pauseAction);
    bar->addAction(m_stopAction);
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
    file->addAction(m_loadCheckpointAction);
    file->addAction(m_saveCheckpointAction);
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
    train->addAction(m_startAction);
    train->addAction(m_pauseAction);
    train->addAction(m_stopAction);

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

void MainWindow::setDataOverride(const QString& dir) {
    m_loader->setOverrideDirectory(dir);
    m_datasetRequested = false;  // reload from there
    ensureDataset();
}

void MainWindow::ensureDataset() {
    const auto kind = m_doc->spec().training.dataset;
    if (m_datasetRequested && kind == m_wantedKind) return;
    m_wantedKind = kind;
    m_datasetRequested = true;
    m_datasetError.clear();
    m_loader->load(kind);
    updateActions();
}

std::shared_ptr<const layerlab::Dataset> MainWindow::dataset() const {
    return isDatasetReady() ? m_loader->dataset() : nullptr;
}

bool MainWindow::isDatasetReady() const {
    return !m_loader->isLoading() && m_loader->dataset() && m_loader->loadedKind() == m_wantedKind;
}

QString MainWindow::trainBlockedReason(bool* waitingForData) const {
    if (waitingForData) *waitingForData = false;
    const auto& info = m_doc->info();
    if (!info.ok()) return tr("Cannot train yet: %1").arg(QString::fromStdString(info.error));
    try {
        layerlab::validateTraining(m_doc->spec().training);  // e.g. a schedule floor above the learning rate
    } catch (const std::exception& e) {
        return tr("Cannot train yet: %1").arg(QString::fromUtf8(e.what()));
    }
    if (!m_datasetError.isEmpty()) return tr("Cannot train: %1").arg(m_datasetError);
    if (!isDatasetReady()) {
        if (waitingForData) *waitingForData = true;
        return tr("Loading the dataset…");
    }
    return QString();
}

void MainWindow::onDocumentChanged() {
    ensureDataset();
    updateActions();
    updateTitle();
}

void MainWindow::onDatasetLoaded(std::shared_ptr<const layerlab::Dataset> data,
                                 const QString& /*note: in m_loader*/) {
    m_progress->setBusy(QString());
    m_progress->setIdleText(tr("Ready to train."));
    m_datasetError.clear();
    m_datasetStatus->setText(tr("%1: %2 training / %3 test images")
                                 .arg(QString::fromStdString(data->name))
                                 .arg(QLocale().toString(qulonglong(data->trainCount())))
                                 .arg(QLocale().toString(qulonglong(data->testCount()))));
    if (!m_controller->isActive()) m_featureMaps->setProbeRange(int(data->testCount()), tr("test"));
    m_config->refreshDatasetAvailability();  // e.g. MNIST fetched while the studio was open
    updateBanner();
    updateActions();
    if (m_params.size() && !m_controller->isActive()) requestIdleSnapshot();
    emit datasetReady();
    if (m_startWhenLoaded) {
        m_startWhenLoaded = false;
        startTraining();
    }
}

void MainWindow::onDatasetFailed(const QString& message) {
    m_progress->setBusy(QString());
    m_progress->setIdleText(tr("No dataset."));
    m_datasetError = message;
    m_datasetStatus->setText(tr("No dataset loaded"));
    m_startWhenLoaded = false;
    updateBanner();
    updateActions();
}

void MainWindow::updateBanner() {
    QStringList parts;
    if (!m_loader->note().isEmpty()) parts << m_loader->note();
    if (!m_datasetError.isEmpty()) parts << tr("The dataset could not be loaded: %1").arg(m_datasetError);
    m_banner->setText(parts.join(QStringLiteral("  ")));
    m_banner->setVisible(!parts.isEmpty());
}

void MainWindow::updateActions() {
    const auto state = m_controller->state();
    const bool active = state != TrainingController::State::Idle;
    bool loading = false;
    const QString reason = active ? QString() : trainBlockedReason(&loading);
    m_startAction->setEnabled(!active && reason.isEmpty());
    m_startAction->setToolTip(reason.isEmpty() ? tr("Start training (F5)") : reason);
    m_pauseAction->setEnabled(state == TrainingController::State::Running ||
                              state == TrainingController::State::Paused);
    m_pauseAction->setText(state == TrainingController::State::Paused ? tr("&Resume") : tr("&Pause"));
    m_pauseAction->setIcon(QIcon::fromTheme(
        state == TrainingController::State::Paused ? "media-playback-start" : "media-playback-pause"));
    m_stopAction->setEnabled(state == TrainingController::State::Running ||
                             state == TrainingController::State::Paused);
    // While paused the run's current weights can be saved; while running they change under the dialog.
    m_saveCheckpointAction->setEnabled(state == TrainingController::State::Paused ||
                                       (!active && !m_params.empty()));
    m_loadCheckpointAction->setEnabled(!active);
    m_config->setLocked(active);
    // The reason Train is off, in plain sight (not for the short "loading" state, which the progress bar
    // shows).
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

void MainWindow::startTraining() {
    if (m_controller->isActive()) return;
    ensureDataset();
    const QString reason = trainBlockedReason();
    if (!reason.isEmpty()) {
        if (m_doc->info().ok() && m_datasetError.isEmpty() && !isDatasetReady()) {
            m_startWhenLoaded = true;  // starts from onDatasetLoaded
            statusBar()->showMessage(tr("Training starts when the dataset has loaded."), 5000);
        } else {
            statusBar()->showMessage(reason, 8000);
        }
        return;
    }
    const layerlab::ModelSpec spec = m_doc->spec();
    // A loaded checkpoint keeps training from its weights while the architecture is unchanged.
    std::vector<float> initial;
    if (m_paramsFromCheckpoint && sameArchitecture(spec, m_paramsSpec)) initial = m_params;
    m_charts->reset(spec.training);
    m_progress->begin(spec.training.epochs, spec.training.batchSize);
    m_controller->setProbeIndex(m_featureMaps->probeIndex());
    if (!m_controller->start(spec, dataset(), initial)) return;  // failed() explained it
    m_featureMaps->setProbeRange(
        int(m_controller->validationSamples() ? m_controller->validationSamples() : dataset()->testCount()),
        m_controller->validationSamples() ? tr("validation") : tr("test"));
    m_tabs->setCurrentWidget(m_trainingTab);
    statusBar()->showMessage(initial.empty() ? tr("Training started.")
                                             : tr("Training continues from the loaded checkpoint's weights."),
                             5000);
}

void MainWindow::togglePause() {
    m_controller->togglePause();
}

void MainWindow::stopTraining() {
    m_controller->stop();
}

void MainWindow::onTrainingStateChanged() {
    m_progress->setPaused(m_controller->state() == TrainingController::State::Paused);
    updateActions();
}

void MainWindow::onTrainingFinished(const layerlab::TrainResult& result) {
    m_params = m_controller->finalParams();
    m_paramsSpec = m_controller->runSpec();
    m_paramsFromCheckpoint = false;
    m_charts->showResult(result);
    m_progress->finish(result);
    if (auto d = m_loader->dataset()) m_featureMaps->setProbeRange(int(d->testCount()), tr("test"));
    statusBar()->showMessage(QString::fromStdString(result.message), 10000);
    updateActions();
    if (m_closeWhenStopped) close();
}

void MainWindow::onTrainingFailed(const QString& message) {
    m_progress->fail(message);
    m_banner->setText(tr("Training failed: %1").arg(message));
    m_banner->setVisible(true);
    updateActions();
    if (m_closeWhenStopped) close();
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
    auto data = m_loader->dataset();
    if (m_params.empty() || !data || data->testCount() == 0) return;
    if (data->rows != m_paramsSpec.input.h() || data->cols != m_paramsSpec.input.w()) return;
    const std::size_t i = std::size_t(m_featureMaps->probeIndex()) % data->testCount();
    const auto* img = data->testImages.data() + i * data->imageSize();
    m_snapshots->compute(m_paramsSpec, m_params, std::vector<std::uint8_t>(img, img + data->imageSize()),
                         data->testLabels[i]);
}

bool MainWindow::saveCheckpointTo(const QString& path, QString* error) {
    // A paused run saves the weights it has now; otherwise the kept weights of the last run or checkpoint.
    const bool paused = m_controller->state() == TrainingController::State::Paused;
    const std::vector<float> params = paused ? m_controller->currentParams() : m_params;
    const layerlab::ModelSpec& spec = paused ? m_controller->runSpec() : m_paramsSpec;
    if (params.empty()) {
        if (error) *error = tr("There are no trained weights yet. Train the model (F5) first.");
        return false;
    }
    try {
        layerlab::saveCheckpoint(nativePath(path), spec, params);
    } catch (const std::exception& e) {
        if (error) *error = QString::fromStdString(e.what());
        return false;
    }
    statusBar()->showMessage(
        paused ? tr("Saved the paused run's weights to %1").arg(path) : tr("Saved checkpoint %1").arg(path),
        5000);
    return true;
}

bool MainWindow::loadCheckpointFrom(const QString& path, QString* error) {
    if (m_controller->isActive()) {
        if (error) *error = tr("Stop training before loading a checkpoint.");
        return false;
    }
    layerlab::Checkpoint ck;
    try {
        ck = layerlab::loadCheckpoint(nativePath(path));
    } catch (const std::exception& e) {
        if (error) *error = QString::fromStdString(e.what());
        return false;
    }
    m_doc->reset(ck.spec);
    m_params = std::move(ck.params);
    m_paramsSpec = ck.spec;
    m_paramsFromCheckpoint = true;
    m_charts->reset(ck.spec.training);
    m_filters->clear(tr("Drawing the checkpoint's filters…"));
    m_featureMaps->clear(tr("Drawing the checkpoint's feature maps…"));
    ensureDataset();
    if (isDatasetReady()) requestIdleSnapshot();  // else onDatasetLoaded does it
    m_tabs->setCurrentWidget(m_trainingTab);
    m_insightTabs->setCurrentWidget(m_filters);
    updateActions();
    statusBar()->showMessage(
        tr("Loaded checkpoint %1. Start (F5) continues training from its weights.").arg(path), 8000);
    return true;
}

void MainWindow::saveCheckpointInteractive() {
    const QString path = QFileDialog::getSaveFileName(this, tr("Save Checkpoint"),
                                                      QString::fromStdString(m_paramsSpec.name) + ".llckpt",
                                                      tr("LayerLab checkpoints (*.llckpt);;All files (*)"));
    if (path.isEmpty()) return;
    QString error;
    if (!saveCheckpointTo(path, &error))
        QMessageBox::warning(this, tr("Save Checkpoint"), tr("Could not save %1.\n\n%2").arg(path, error));
}

void MainWindow::loadCheckpointInteractive() {
    if (!m_files->maybeSave()) return;
    const QString path = QFileDialog::getOpenFileName(this, tr("Load Checkpoint"), QString(),
                                                      tr("LayerLab checkpoints (*.llckpt);;All files (*)"));
    if (path.isEmpty()) return;
    QString error;
    if (!loadCheckpointFrom(path, &error))
        QMessageBox::warning(this, tr("Load Checkpoint"), tr("Could not load %1.\n\n%2").arg(path, error));
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
