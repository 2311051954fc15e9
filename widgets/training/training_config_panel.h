#pragma once
// The training settings of the document's TrainingSpec: dataset, loss, optimizer and its hyperparameters, L2,
// learning-rate schedule, early stopping, batch size, epochs, validation split, seed, threads. Every control
// says in its tooltip what it does to training. Edits go through ModelDocument::setTraining (one undo step
// each); the panel redraws from the document on changed(). Locked (read-only) while a run is active.
#include <QWidget>

#include "core/model_spec.h"

class ModelDocument;
class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QGroupBox;
class QLabel;
class QSpinBox;

class TrainingConfigPanel : public QWidget {
    Q_OBJECT
public:
    TrainingConfigPanel(ModelDocument* document, QWidget* parent = nullptr);

    void setLocked(bool locked);
    // Re-checks which datasets are on disk (greys out the missing ones, with how to get them in the tooltip).
    void refreshDatasetAvailability();
    QComboBox* datasetCombo() const { return m_dataset; }

private:
    void refresh();
    void commit();  // widgets -> TrainingSpec -> document
    void updateOptimizerRows(layerlab::OptimizerType t);
    void updateScheduleRows(layerlab::ScheduleType t);

    ModelDocument* m_doc;
    bool m_refreshing = false;

    QComboBox* m_dataset = nullptr;
    QComboBox* m_loss = nullptr;
    QComboBox* m_optimizer = nullptr;
    QDoubleSpinBox* m_learningRate = nullptr;
    QDoubleSpinBox* m_momentum = nullptr;
    QCheckBox* m_nesterov = nullptr;
    QDoubleSpinBox* m_beta1 = nullptr;
    QDoubleSpinBox* m_beta2 = nullptr;
    QDoubleSpinBox* m_epsilon = nullptr;
    QDoubleSpinBox* m_rho = nullptr;
    QDoubleSpinBox* m_l2 = nullptr;
    QSpinBox* m_batchSize = nullptr;
    QSpinBox* m_epochs = nullptr;
    QDoubleSpinBox* m_validationSplit = nullptr;
    QSpinBox* m_seed = nullptr;
    QSpinBox* m_threads = nullptr;
    QGroupBox* m_early = nullptr;
    QComboBox* m_monitor = nullptr;
    QSpinBox* m_patience = nullptr;
    QCheckBox* m_restoreBest = nullptr;
    QComboBox* m_schedule = nullptr;
    QDoubleSpinBox* m_factor = nullptr;
    QSpinBox* m_every = nullptr;
    QSpinBox* m_plateauPatience = nullptr;
    QComboBox* m_plateauMonitor = nullptr;
    QDoubleSpinBox* m_minLr = nullptr;
    QFormLayout* m_scheduleForm = nullptr;
    QFormLayout* m_optimizerForm = nullptr;
    QLabel* m_lockNote = nullptr;
};
