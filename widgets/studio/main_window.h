#pragma once
// The studio window: it lays out the panels and wires them; each concern lives in its own object.
//   left dock: LayerPalette | centre tabs: "Model" (ModelEditor + ModelSummaryBar) and "Training"
//   (TrainingCharts over Filters / Feature maps) and "Evaluate" (EvaluateWorkspace) | right dock:
//   LayerInspector and TrainingConfigPanel.
// ModelDocument holds the model and ModelFileController its files; DatasetSession loads the dataset (worker
// thread); TrainingController runs training (worker thread); RunActions decides what Start, Pause and Stop
// do; CheckpointActions saves and loads weights; SnapshotComputer draws kept weights off the GUI thread.
// The window only reacts to their signals and never waits for them.
#include <QMainWindow>
#include <memory>
#include <vector>

#include "core/dataset.h"
#include "core/lesson_card.h"
#include "core/model_spec.h"
#include "core/run_record.h"
#include "widgets/session/training_metatypes.h"

class CheckpointActions;
class DatasetSession;
class EvaluateWorkspace;
class FeatureMapView;
class ImageFolderActions;
class FilterView;
class HealthView;
class StepView;
class LayerInspector;
class LayerPalette;
class LessonSession;
class LessonsPanel;
class QDockWidget;
class ModelDocument;
class ModelEditor;
class ModelFileController;
class ModelSummaryBar;
class QAction;
class QLabel;
class QSplitter;
class QTabWidget;
class RunActions;
class RunsPanel;
class SnapshotComputer;
class TrainingCharts;
class TrainingConfigPanel;
class TrainingController;
class TrainingProgressBar;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    ModelDocument* document() const { return m_doc; }
    ModelFileController* fileController() const { return m_files; }
    TrainingController* trainingController() const { return m_controller; }
    DatasetSession* datasetSession() const { return m_data; }
    RunActions* runActions() const { return m_runs; }
    CheckpointActions* checkpointActions() const { return m_checkpoints; }
    TrainingCharts* charts() const { return m_charts; }
    FilterView* filterView() const { return m_filters; }
    HealthView* healthView() const { return m_health; }
    StepView* stepView() const { return m_stepView; }
    FeatureMapView* featureMapView() const { return m_featureMaps; }
    TrainingProgressBar* progressBar() const { return m_progress; }
    TrainingConfigPanel* trainingConfigPanel() const { return m_config; }
    EvaluateWorkspace* evaluateWorkspace() const { return m_evaluate; }
    RunsPanel* runsPanel() const { return m_runsPanel; }
    LessonsPanel* lessonsPanel() const { return m_lessons; }
    LessonSession* lessonSession() const { return m_lessonSession; }
    QDockWidget* lessonsDock() const { return m_lessonsDock; }
    ImageFolderActions* imageFolderActions() const { return m_imageFolders; }
    // Where runs are recorded and listed: the folder chosen in the Runs tab, else $LAYERLAB_RUNS_DIR, else
    // runs/ beside the model file, else (an unsaved model) runs/ in the user's data folder.
    QString runsFolder() const;
    // Shows the "model", "training", "evaluate" or "runs" tab in the centre (or the "lessons" panel), and the
    // "layer" or "training" settings tab.
    void showView(const QString& centre, const QString& settings = QString());
    QAction* startAction() const;
    QAction* pauseAction() const;
    QAction* stopAction() const;
    QAction* saveCheckpointAction() const;

    // A --data folder used instead of the usual lookup (for MNIST and Fashion-MNIST; see DatasetSession). A
    // folder of images (not IDX files) is opened as the model's image folder instead, with the settings
    // remembered for it or sized to the model's input; with `askImport`, the import dialog shows them first
    // (once the window is up; the model keeps its dataset when it is cancelled).
    void setDataOverride(const QString& dir, bool askImport = false);
    // File > Open Data Folder… without the dialog: the same, and a word in the status bar.
    void openDataFolder(const QString& dir);
    // Loads the dataset the document asks for (if not loaded or loading already).
    void ensureDataset();
    std::shared_ptr<const layerlab::Dataset> dataset() const;
    bool isDatasetReady() const;
    // Why Start is disabled (empty when it is enabled); *waitingForData says the only reason is a dataset
    // still loading.
    QString trainBlockedReason(bool* waitingForData = nullptr) const;

    // The weights of the last finished run or loaded checkpoint, and the spec they belong to.
    const std::vector<float>& trainedParams() const;
    const layerlab::ModelSpec& trainedSpec() const;
    // No dialogs: for scripts and tests. Errors go to *error.
    bool saveCheckpointTo(const QString& path, QString* error = nullptr);
    bool loadCheckpointFrom(const QString& path, QString* error = nullptr);

public slots:
    // Starts now, or as soon as the dataset has loaded.
    void startTraining();
    void togglePause();
    void stopTraining();
    void showAbout();
    void openDataFolderInteractive();
    // Train > Sweep…: the sweep dialog on the model and dataset on show (widgets/runs/sweep_dialog.h).
    void openSweepDialog();
    // Tools > Compress Model… (Ctrl+Shift+K): the CompressDialog on the trained weights (refused, with a
    // message, when there are none, while training, or for an int8 checkpoint).
    void openCompressDialog();
    // View > Lessons: shows the Lessons panel.
    void showLessons();
    // Help > Activation Functions: the activation explorer (widgets/lessons/activation_explorer.h).
    void showActivationExplorer();
    // Shows a view a lesson card points at (core/lesson_card.h lessonViews(): "runs", "confusion", ...).
    void showLessonView(const QString& viewId);

signals:
    void datasetReady();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildCentralArea();
    void buildDocks();
    void buildMenus();
    QMenu* buildLanguageMenu();
    void connectSession();
    void connectRuns();
    void openRunModel(const layerlab::RunInfo& run);
    void connectLessons();
    // Loads a lesson card's scenario: asks about unsaved work, then one undoable step; shows the settings
    // that matter. False when the user cancelled or the model is locked.
    bool openLesson(const layerlab::LessonCard& card);
    void onDocumentChanged();
    void updateClassNames();
    void onModelReplaced();
    void onEditLockChanged(bool locked);
    void onDatasetLoaded(std::shared_ptr<const layerlab::Dataset> data);
    void onDatasetFailed(const QString& message);
    void onRunAboutToStart(const layerlab::ModelSpec& spec, bool continued);
    void onRunStarted();
    void onTrainingStateChanged();
    void onTrainingFinished(const layerlab::TrainResult& result);
    void onTrainingFailed(const QString& message);
    void onCheckpointLoaded(const QString& path);
    void showKeptWeights(const QString& label);
    void onProbeIndexChanged(int index);
    void requestIdleSnapshot();
    void showMessage(const QString& text, int ms);
    void updateActions();
    void updateBanner();
    void updateTitle();

    ModelDocument* m_doc = nullptr;
    ModelFileController* m_files = nullptr;
    TrainingController* m_controller = nullptr;
    DatasetSession* m_data = nullptr;
    SnapshotComputer* m_snapshots = nullptr;
    RunActions* m_runs = nullptr;
    CheckpointActions* m_checkpoints = nullptr;
    ImageFolderActions* m_imageFolders = nullptr;

    LayerPalette* m_palette = nullptr;
    ModelEditor* m_editor = nullptr;
    LayerInspector* m_inspector = nullptr;
    ModelSummaryBar* m_summary = nullptr;
    TrainingConfigPanel* m_config = nullptr;
    TrainingCharts* m_charts = nullptr;
    FilterView* m_filters = nullptr;
    HealthView* m_health = nullptr;
    StepView* m_stepView = nullptr;
    bool m_stepShown = false;  // the Step tab came to the front after this run's first step
    FeatureMapView* m_featureMaps = nullptr;
    TrainingProgressBar* m_progress = nullptr;
    EvaluateWorkspace* m_evaluate = nullptr;
    RunsPanel* m_runsPanel = nullptr;
    LessonSession* m_lessonSession = nullptr;
    LessonsPanel* m_lessons = nullptr;
    QDockWidget* m_lessonsDock = nullptr;
    QDockWidget* m_layersDock = nullptr;
    bool m_openingLesson = false;
    QTabWidget* m_tabs = nullptr;
    QTabWidget* m_sideTabs = nullptr;
    QTabWidget* m_insightTabs = nullptr;
    QWidget* m_modelTab = nullptr;
    QSplitter* m_trainingTab = nullptr;
    QLabel* m_banner = nullptr;
    QLabel* m_blocked = nullptr;
    QLabel* m_datasetStatus = nullptr;

    QAction* m_openDataAction = nullptr;
    QAction* m_exportChartsAction = nullptr;
    QAction* m_quitAction = nullptr;
    QAction* m_sweepAction = nullptr;

    bool m_closeWhenStopped = false;
    QString m_trainingFailure;  // shown in the banner until the model is edited, replaced or run again
};
