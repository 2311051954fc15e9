// MainWindow's Runs tab and Lessons dock: where runs go, the live run, the sweep dialog, runs opened as
// models; lessons opened into the editor and the views they point at. The rest of the wiring is in
// main_window.cpp.
#include <QAction>
#include <QColor>
#include <QDockWidget>
#include <QFileInfo>
#include <QScreen>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTimer>
#include <QTreeWidget>
#include <algorithm>

#include "core/run_record.h"
#include "widgets/common/quantity_format.h"
#include "widgets/compress/compress_dialog.h"
#include "widgets/document/model_document.h"
#include "widgets/document/model_file_controller.h"
#include "widgets/evaluate/evaluate_workspace.h"
#include "widgets/lessons/activation_explorer.h"
#include "widgets/lessons/lesson_session.h"
#include "widgets/lessons/lessons_panel.h"
#include "widgets/runs/run_list_model.h"
#include "widgets/runs/runs_panel.h"
#include "widgets/runs/sweep_dialog.h"
#include "widgets/session/dataset_session.h"
#include "widgets/session/trained_weights.h"
#include "widgets/session/training_controller.h"
#include "widgets/studio/image_folder_actions.h"
#include "widgets/studio/main_window.h"
#include "widgets/studio/run_actions.h"
#include "widgets/training/training_charts.h"
#include "widgets/training/training_config_panel.h"
#include "widgets/views/filter_view.h"

// The Runs tab: where runs go, what it lists, the live run, and its requests to open a model or weights.
void MainWindow::connectRuns() {
    auto refreshFolder = [this] { m_runsPanel->setFolder(runsFolder()); };
    connect(m_doc, &ModelDocument::filePathChanged, this, refreshFolder);
    connect(m_runsPanel, &RunsPanel::folderChosen, this, refreshFolder);
    connect(m_runsPanel, &RunsPanel::message, this, &MainWindow::showMessage);
    connect(m_runsPanel, &RunsPanel::openModelRequested, this, &MainWindow::openRunModel);
    connect(m_runsPanel, &RunsPanel::loadCheckpointRequested, this, [this](const QString& path) {
        QString error;
        if (!loadCheckpointFrom(path, &error)) showMessage(error, 10000);
    });
    connect(m_controller, &TrainingController::recordingStarted, m_runsPanel, &RunsPanel::setLiveRun);
    connect(m_controller, &TrainingController::recordingProblem, this,
            [this](const QString& m) { showMessage(m, 10000); });
    connect(m_controller, &TrainingController::epochEnded, m_runsPanel,
            [this] { m_runsPanel->refreshLiveRun(); });
    auto ended = [this] {
        m_runsPanel->refreshLiveRun();
        m_runsPanel->setLiveRun(QString());
    };
    connect(m_controller, &TrainingController::finished, m_runsPanel, ended);
    // Ticked runs are drawn under the live run on the Training tab's charts (not the run those charts show).
    auto overlay = [this] {
        QVector<TrainingCharts::Overlay> overlays;
        const std::string shown = QFileInfo(m_controller->runFolder()).absoluteFilePath().toStdString();
        for (const layerlab::RunInfo& r : m_runsPanel->model()->checkedRuns()) {
            if (r.folder == shown) continue;
            TrainingCharts::Overlay o{
                QString::fromStdString(r.name), QColor(QString::fromStdString(r.colour)), {}, {}};
            for (const layerlab::RunEpoch& e : layerlab::loadRunCurves(r.folder).epochs) {
                o.loss << QPointF(e.metrics.epoch, e.metrics.valLoss);
                o.accuracy << QPointF(e.metrics.epoch, 100 * e.metrics.valAccuracy);
            }
            overlays << o;
        }
        m_charts->setOverlays(overlays);
    };
    connect(m_runsPanel, &RunsPanel::tickedRunsChanged, this, overlay);
    connect(m_controller, &TrainingController::recordingStarted, this, overlay);
    m_runsPanel->listSoon();
    connect(m_controller, &TrainingController::failed, m_runsPanel, ended);
    refreshFolder();
}

void MainWindow::openSweepDialog() {
    if (m_controller->isActive()) {
        showMessage(tr("A run is training: stop it before a sweep."), 8000);
        return;
    }
    if (!m_data->isReady()) {
        showMessage(tr("The dataset is not loaded yet."), 8000);
        return;
    }
    SweepDialog dialog(m_doc->spec(), m_data->dataset(), runsFolder(), m_doc->filePath(), this);
    connect(&dialog, &SweepDialog::trialFinished, m_runsPanel, [this](const QString& folder) {
        if (m_runsPanel->model()->rowOf(folder) >= 0 ||
            QFileInfo(folder).absolutePath() == QFileInfo(m_runsPanel->folder()).absoluteFilePath()) {
            m_runsPanel->model()->refreshRun(folder);
            m_runsPanel->refreshSweeps();
        }
    });
    // A trial clicked in the dialog's results is selected (and ticked) in the Runs tab.
    connect(&dialog, &SweepDialog::trialSelected, m_runsPanel, &RunsPanel::selectRun);
    dialog.exec();
    if (!dialog.state().id.empty()) m_runsPanel->showSweep(QString::fromStdString(dialog.state().id));
}

void MainWindow::openCompressDialog() {
    for (auto* open : findChildren<CompressDialog*>()) {  // one at a time: bring it back
        if (open->isClosing()) continue;                  // closed, stopping its sweep
        open->show();
        open->raise();
        open->activateWindow();
        return;
    }
    const TrainedWeights& kept = m_runs->kept();
    if (kept.empty()) {
        showMessage(tr("Compress Model: there are no trained weights yet. Train the model (F5) or load a "
                       "checkpoint first."),
                    10000);
        return;
    }
    if (m_controller->isActive()) {
        showMessage(tr("Compress Model: a run is training. Stop it (Shift+F5) first."), 8000);
        return;
    }
    if (!kept.quantization.empty()) {
        showMessage(tr("Compress Model: %1 is already an int8 model. Load the float checkpoint it was made "
                       "from and compress that.")
                        .arg(QFileInfo(kept.file).fileName()),
                    10000);
        return;
    }
    if (!m_data->isReady()) {
        ensureDataset();
        showMessage(tr("Compress Model: the dataset is not loaded yet; try again when it is."), 8000);
        return;
    }
    QString source;
    switch (kept.origin) {
        case TrainedWeights::Origin::Checkpoint:
            source = tr("checkpoint %1").arg(QFileInfo(kept.file).fileName());
            break;
        case TrainedWeights::Origin::StartWeights:
            source = tr("weights from %1, not trained yet").arg(QFileInfo(kept.file).fileName());
            break;
        default:
            source = tr("the last run");
    }
    auto* dialog = new CompressDialog(kept.spec, kept.params, source, m_data->dataset(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &CompressDialog::useInEvaluate, this,
            [this, spec = kept.spec](const layerlab::CompressionVariant& v, const QString& label) {
                m_evaluate->session()->setWeights(spec, v.params, label, v.quantization);
                m_tabs->setCurrentWidget(m_evaluate);
                showMessage(tr("Evaluate shows %1. The trained weights are unchanged.").arg(label), 10000);
            });
    dialog->show();  // not modal: the sweep runs on a helper thread and the studio stays usable
}

QString MainWindow::runsFolder() const {
    const QString chosen = RunsPanel::chosenFolder();
    if (!chosen.isEmpty()) return chosen;
    const QString data = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return QString::fromStdString(
        layerlab::defaultRunsDir(m_doc->filePath().toStdString(), data.toStdString()));
}

// The model as the run trained it, in the editor: unsaved (it may differ from any file now).
void MainWindow::openRunModel(const layerlab::RunInfo& run) {
    if (m_doc->isEditLocked()) {
        showMessage(m_doc->editLockReason(), 8000);
        return;
    }
    layerlab::ModelSpec spec;
    try {
        spec = run.spec();
    } catch (const std::exception& e) {
        showMessage(
            tr("The model of run %1 cannot be read: %2").arg(QString::fromStdString(run.name), e.what()),
            10000);
        return;
    }
    if (!m_files->maybeSave()) return;
    m_doc->reset(spec);
    m_tabs->setCurrentWidget(m_modelTab);
    showMessage(tr("Opened the model of run %1 (unsaved).").arg(QString::fromStdString(run.name)), 8000);
}

// ---- lessons --------------------------------------------------------------------------------------------

void MainWindow::connectLessons() {
    m_lessons->setOpener([this](const layerlab::LessonCard& card) { return openLesson(card); });
    connect(m_lessons, &LessonsPanel::viewRequested, this, &MainWindow::showLessonView);
    connect(m_lessons, &LessonsPanel::message, this, &MainWindow::showMessage);
    connect(m_lessons, &LessonsPanel::drawExamplesRequested, this, [this] {
        const QString folder = m_imageFolders->drawExamples();
        if (!folder.isEmpty()) m_lessons->setImageFolder(folder);
    });
    connect(m_lessonSession, &LessonSession::stateChanged, this, [this](LessonSession::State state) {
        if (state != LessonSession::State::Checking && state != LessonSession::State::Running) return;
        // The Runs tab and the Training tab's overlay show this lesson's runs: other ticked runs are unticked
        // (once, when the lesson starts).
        if (m_lessonSession->currentRun() >= 0) return;
        const QStringList ticked = m_runsPanel->model()->checkedFolders();
        for (const QString& folder : ticked) m_runsPanel->model()->setChecked(folder, false);
        if (!ticked.isEmpty())
            showMessage(tr("Unticked %1 in the Runs tab, so that it compares this lesson's runs.")
                            .arg(QuantityFormat::counted(ticked.size(), tr("other run"), tr("other runs"))),
                        8000);
    });
    connect(m_lessonSession, &LessonSession::failed, this,
            [this](const QString& why) { showMessage(why, 10000); });
}

bool MainWindow::openLesson(const layerlab::LessonCard& card) {
    if (m_doc->isEditLocked()) {
        showMessage(m_doc->editLockReason(), 8000);
        return false;
    }
    if (!m_files->maybeSave()) return false;
    const QString title = LessonLibrary::text(card.title);
    m_openingLesson = true;
    m_doc->replaceModel(card.model, tr("Open Lesson \u201c%1\u201d").arg(title));
    m_doc->markSaved();  // like a preset: nothing to save until it is edited
    m_openingLesson = false;
    QStringList controls;
    for (const std::string& k : card.controls) controls << QString::fromStdString(k);
    m_config->setFocusFields(controls, tr("Lesson \u201c%1\u201d: the settings that matter.").arg(title));
    showView(QStringLiteral("model"), QStringLiteral("training"));
    showMessage(tr("Opened the lesson \u201c%1\u201d (Ctrl+Z brings back the model you had).").arg(title),
                8000);
    return true;
}

void MainWindow::showLessons() {
    m_lessonsDock->show();
    m_lessonsDock->raise();
    // Once it is shown (a hidden dock is not resized).
    QTimer::singleShot(0, this, [this] {
        const int width = screen() ? screen()->availableGeometry().width() : 1366;
        resizeDocks({m_lessonsDock}, {std::min(340, width / 4)}, Qt::Horizontal);
    });
    m_lessons->list()->setFocus();
}

void MainWindow::showActivationExplorer() {
    auto* explorer = findChild<ActivationExplorer*>();
    if (!explorer) {
        explorer = new ActivationExplorer(this);
        explorer->setModal(false);
    }
    explorer->show();
    explorer->raise();
    explorer->activateWindow();
}

void MainWindow::showLessonView(const QString& viewId) {
    if (viewId == QLatin1String("model")) showView(QStringLiteral("model"));
    if (viewId == QLatin1String("training")) showView(QStringLiteral("training"));
    if (viewId == QLatin1String("training_settings")) showView(QString(), QStringLiteral("training"));
    if (viewId == QLatin1String("filters")) {
        showView(QStringLiteral("training"));
        m_insightTabs->setCurrentWidget(m_filters);
    }
    if (viewId == QLatin1String("feature_maps")) showView(QStringLiteral("feature-maps"));
    if (viewId == QLatin1String("runs")) showView(QStringLiteral("runs"));
    if (viewId == QLatin1String("evaluate")) showView(QStringLiteral("evaluate"));
    if (viewId == QLatin1String("confusion") || viewId == QLatin1String("why")) {
        showView(QStringLiteral("evaluate"));
        m_evaluate->pages()->setCurrentIndex(viewId == QLatin1String("why") ? 2 : 0);
    }
}
