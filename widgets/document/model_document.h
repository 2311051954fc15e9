#pragma once
// The model being edited: a ModelSpec, its shape inference, the file it came from, and the undo stack.
// Every edit goes through a QUndoCommand pushed on undoStack(); widgets observe changed() and redraw.
// Widgets refer to layers by index into spec().layers (the graph is data; views hold only indices).
#include <QObject>
#include <QString>
#include <QUndoStack>

#include "core/model_spec.h"
#include "core/shape_inference.h"

class ModelDocument : public QObject {
    Q_OBJECT
public:
    explicit ModelDocument(QObject* parent = nullptr);
    // Silences the undo stack first: a QUndoStack clears itself in its destructor and would emit
    // cleanChanged, canUndoChanged, ... to listeners (title bars, undo actions) while this document is half
    // destroyed.
    ~ModelDocument() override;

    const layerlab::ModelSpec& spec() const { return m_spec; }
    const layerlab::ModelInfo& info() const { return m_info; }  // recomputed on every change
    QUndoStack* undoStack() { return &m_undo; }

    // Undoable edits (each pushes one command; text is what Edit > Undo shows).
    void insertLayer(int index, const layerlab::LayerSpec& layer);  // index in [0, layerCount]
    void removeLayer(int index);
    void moveLayer(int from, int to);  // `to` is the final index of the moved layer
    void duplicateLayer(int index);    // the copy lands right after the original
    void setLayer(int index, const layerlab::LayerSpec& layer);
    void setTraining(const layerlab::TrainingSpec& training);
    void setName(const QString& name);

    // While locked (a training run uses this model) the undoable edits above are refused, so the run and
    // the views never show different models. `reason` is what the views show ("Stop the run to edit the
    // model"); an empty reason unlocks. Undo and redo are locked by their actions (ModelFileController).
    void setEditLock(const QString& reason);
    bool isEditLocked() const { return !m_lockReason.isEmpty(); }
    QString editLockReason() const { return m_lockReason; }

    // Not undoable: replaces everything (New, Open, Preset) and clears the undo stack.
    void reset(const layerlab::ModelSpec& spec, const QString& filePath = QString());
    // Replace without touching the undo stack (used by the undo commands themselves).
    void applySpec(const layerlab::ModelSpec& spec);

    QString filePath() const { return m_filePath; }
    void setFilePath(const QString& p);
    bool isModified() const { return !m_undo.isClean(); }
    void markSaved() { m_undo.setClean(); }

    // A short name for title bars and dialogs: the file's base name, else the model name.
    QString displayName() const;

signals:
    void changed();  // spec or info changed
    void filePathChanged(const QString&);
    void modifiedChanged(bool modified);  // follows the undo stack's clean state
    // An edit (or its undo/redo) concerned this layer: views select it. -1 = clear the selection.
    void layerFocused(int index);
    void editLockChanged(bool locked);
    // reset() replaced the whole model (New, Open, a preset, a checkpoint): views of the old one go stale.
    void replaced();

private:
    bool refuseWhileLocked(const char* what) const;

    layerlab::ModelSpec m_spec;
    layerlab::ModelInfo m_info;
    QUndoStack m_undo;
    QString m_filePath;
    QString m_lockReason;
};
