#pragma once
// The studio window. It owns the document and wires panels that each own one concern:
//   left dock: LayerPalette | centre tabs: "Model" (ModelEditor + ModelSummaryBar) and "Training"
//   (TrainingCharts over Filters / Feature maps) | right dock: LayerInspector and TrainingConfigPanel.
// Training runs in TrainingController (worker thread); datasets load in DatasetLoader (worker thread);
// snapshots of a model that is not training come from SnapshotComputer. The window only reacts to their
// signals and never waits for them.
#include <QMainWindow>
#include <memory>
#include <vector>

#include "core/dataset.h"
#include "core/model_spec.h"
#include "widgets/session/training_metatypes.h"

class DatasetLoader;
class FeatureMapView;
class FilterView;
class LayerInspector;
class LayerPalette;
class ModelDocument;
class ModelEditor;
class ModelFileController;
class ModelSummaryBar;
class QAction;
class QLabel;
class QSplitter;
class QTabWidget;
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
    DatasetLoader* datasetLoader() const { return m_loader; }
    TrainingCharts* charts() const { return m_charts; }
    FilterView* filterView() const { return m_filters; }
    FeatureMapView* featureMapView() const { return m_featureMaps; }
    TrainingProgressBar* progressBar() const { return m_progress; }
    TrainingConfigPanel* trainingConfigPanel() const { return m_config; }
    // Shows the "model" or "training" tab in the centre, and the "layer" or "training" settings tab.
    void showView(const QString& centre, const QString& settings = QString());
    QAction* startAction() const { return m_startAction; }
    QAction* pauseAction() const { return m_pauseAction; }
    QAction* stopAction() const { return m_stopAction; }
    QAction* saveCheckpointAction() const { return m_saveCheckpointAction; }

    // A --data folder used instead of the usual lookup. Call before the first dataset load.
    void setDataOverride(const QString& dir);
    // Loads the dataset the document asks for (if not loaded or loading already).
    void ensureDataset();
    std::shared_ptr<const layerlab::Dataset> dataset() const;
    bool isDatasetReady() const;
    // Why Start is disabled (empty when it is enabled); *waitingForData says the only reason is a dataset
    // still loading.
    QString trainBlockedReason(bool* waitingForData = nullptr) const;

    // The weights of the last finished run or loaded checkpoint, and the spec they belong to.
    const std::vector<float>& trainedParams() const { return m_params; }
    const layerlab::ModelSpec& trainedSpec() const { return m_paramsSpec; }
    // No dialogs: for the menu actions' file choice, scripts and tests. Errors go to *error.
    bool saveCheckpointTo(const QString& path, QString* error = nullptr);
    bool loadCheckpointFrom(const QString& path, QString* error = nullptr);

public slots:
    // Starts now, or as soon as the dataset has loaded.
    void startTraining();
    void togglePause();
    void stopTraining();
    void saveCheckpointInteractive();
    void loadCheckpointInteractive();
    void showAbout();

signals:
    void datasetReady();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildCentralArea();
    void buildDocks();
    void buildActions();
    void buildMenus();
    void onDocumentChanged();
    void onDatasetLoaded(std::shared_ptr<const layerlab::Dataset> data, const QString& note);
    void onDatasetFailed(const QString& message);
    void onTrainingStateChanged();
    void onTrainingFinished(const layerlab::TrainResult& result);
    void onTrainingFailed(const QString& message);
    void onProbeIndexChanged(int index);
    void requestIdleSnapshot();
    void updateActions();
    void updateBanner();
    void updateTitle();

    ModelDocument* m_doc = nullptr;
    ModelFileController* m_files = nullptr;
    TrainingController* m_controller = nullptr;
    DatasetLoader* m_loader = nullptr;
    SnapshotComputer* m_snapshots = nullptr;

    LayerPalette* m_palette = nullptr;
    ModelEditor* m_editor = nullptr;
    LayerInspector* m_inspector = nullptr;
    ModelSummaryBar* m_summary = nullptr;
    TrainingConfigPanel* m_config = nullptr;
    TrainingCharts* m_charts = nullptr;
    FilterView* m_filters = nullptr;
    FeatureMapView* m_featureMaps = nullptr;
    TrainingProgressBar* m_progress = nullptr;
    QTabWidget* m_tabs = nullptr;
    QTabWidget* m_sideTabs = nullptr;
    QTabWidget* m_insightTabs = nullptr;
    QWidget* m_modelTab = nullptr;
    QSplitter* m_trainingTab = nullptr;
    QLabel* m_banner = nullptr;
    QLabel* m_blocked = nullptr;
    QLabel* m_datasetStatus = nullptr;

    QAction* m_startAction = nullptr;
    QAction* m_pauseAction = nullptr;
    QAction* m_stopAction = nullptr;
    QAction* m_saveCheckpointAction = nullptr;
    QAction* m_loadCheckpointAction = nullptr;
    QAction* m_exportChartsAction = nullptr;
    QAction* m_quitAction = nullptr;

    bool m_datasetRequested = false;
    layerlab::DatasetKind m_wantedKind = layerlab::DatasetKind::MNIST;
    QString m_datasetError;
    bool m_startWhenLoaded = false;
    bool m_closeWhenStopped = false;
    std::vector<float> m_params;
    layerlab::ModelSpec m_paramsSpec;
    bool m_paramsFromCheckpoint = false;
};
