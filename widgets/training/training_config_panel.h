#pragma once
// The training settings of the document's TrainingSpec, one row per field of the training table
// (core/training_fields.h): dataset, loss, optimizer and its hyperparameters, L2, learning-rate schedule,
// early stopping, batch size, epochs, validation split, training subset, seed, threads, data augmentation
// (with a preview of the first batch as the model will see it). Each row has the file's limits (it
// shows and accepts exactly what a model file may hold) and a tooltip saying what it does to training; rows
// the chosen optimizer or schedule does not use are hidden. An edit changes only its own field and goes
// through ModelDocument::setTraining (one undo step); the panel redraws from the document on changed().
// Locked (read-only) while a run is active.
#include <QWidget>
#include <memory>
#include <vector>

#include "core/training_fields.h"

namespace layerlab {
struct Dataset;
}
class AugmentPreview;
class FieldEditor;
class ModelDocument;
class QComboBox;
class QFormLayout;
class QGroupBox;
class QLabel;

class TrainingConfigPanel : public QWidget {
    Q_OBJECT
public:
    TrainingConfigPanel(ModelDocument* document, QWidget* parent = nullptr);

    void setLocked(bool locked);
    // Re-checks which datasets are on disk (greys out the missing ones, with how to get them in the tooltip).
    void refreshDatasetAvailability();
    QComboBox* datasetCombo() const;
    // The loaded training images, for the augmentation preview.
    void setDataset(std::shared_ptr<const layerlab::Dataset> dataset);
    AugmentPreview* augmentPreview() const { return m_preview; }
    // The editor of the training field at `path` ("optimizer.learning_rate", "seed", ...), or nullptr.
    QWidget* fieldEditor(const std::string& path) const;

    // Shows only the settings at these paths (a lesson's controls that matter; other keys are ignored),
    // with a note naming why and a "Show all settings" link; empty shows everything again.
    void setFocusFields(const QStringList& paths, const QString& why);
    QStringList focusFields() const { return m_focus; }

private:
    struct Row {
        const layerlab::TrainingField* field;
        FieldEditor* editor = nullptr;  // null for a group's on/off switch
        QGroupBox* toggle = nullptr;    // the checkable group box of a groupToggle field
        QFormLayout* form = nullptr;
    };
    void refresh();
    void edit(const layerlab::TrainingField* field, const layerlab::FieldValue& value);

    bool shownByFocus(const layerlab::TrainingField* field) const;

    ModelDocument* m_doc;
    std::vector<Row> m_rows;
    QStringList m_focus;
    QLabel* m_focusNote = nullptr;
    QLabel* m_lockNote = nullptr;
    AugmentPreview* m_preview = nullptr;
};
