#pragma once
// The model being edited: a ModelSpec, its shape inference, the file it came from, and the undo stack.
// Every edit goes through a QUndoCommand pushed on undoStack(); widgets observe changed() and redraw.
// Widgets refer to layers by id (LayerSpec::id, unique within the model, inner layers of blocks included):
// an id stays with its layer when it moves, so a selection, a drag or an undo step always means the same
// layer. Where a layer lands is a place: a parent ("" for the model's chain, else a block's id) and an index.
#include <QObject>
#include <QString>
#include <QUndoStack>
#include <vector>

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

    // ---- layers by id ----
    const layerlab::LayerSpec* layer(const QString& id) const;      // nullptr when no layer has it
    const layerlab::LayerInfo* layerInfo(const QString& id) const;  // its shape inference, or nullptr
    QString layerId(int index) const;  // the model's layer at index (its own chain), "" when out of range
    QString parentOf(const QString& id) const;   // "" for a layer of the model's chain (or an unknown id)
    int indexOf(const QString& id) const;        // in its parent's chain, -1 when unknown
    int chainSize(const QString& parent) const;  // layers in that chain, -1 when parent is not a block
    std::vector<int> pathOf(const QString& id) const;  // {2, 1}: layer 3.2
    QString numberOf(const QString& id) const;         // "3.2", as the editor and messages number it
    bool isBlock(const QString& id) const;             // a layer that holds an inner chain (Residual)
    // The shape a layer inserted at index of parent's chain would get; empty when inference does not know.
    layerlab::Shape inputShapeAt(const QString& parent, int index) const;

    // ---- undoable edits (each pushes one command; its text is what Edit > Undo shows) ----
    // Inserts at index of parent's chain ([0, chainSize]); the layer and any inner layers get ids no layer
    // has. Returns the new layer's id ("" when refused).
    QString insertLayer(const QString& parent, int index, const layerlab::LayerSpec& layer);
    QString insertLayer(int index, const layerlab::LayerSpec& layer) {
        return insertLayer(QString(), index, layer);
    }
    void removeLayer(const QString& id);  // with everything inside it
    // Moves the layer so that it ends up at index of parent's chain (the index once it is taken out of its
    // old place). A block cannot move into itself.
    void moveLayer(const QString& id, const QString& parent, int index);
    QString duplicateLayer(const QString& id);  // the copy (new ids) lands right after it; returns its id
    // Replaces the layer's own settings (type, fields, extra keys); its id and inner layers stay.
    void setLayer(const QString& id, const layerlab::LayerSpec& layer);
    // Freezes (false) or unfreezes a layer with parameters ("trainable" in the file): one undo step, "Freeze
    // Conv2D". Nothing happens for a layer that cannot be frozen or already is as asked.
    void setLayerTrainable(const QString& id, bool trainable);
    void setTraining(const layerlab::TrainingSpec& training);
    void setName(const QString& name);
    // Several parts at once, as one undo step named `text` (e.g. "Open image folder shapes").
    void replaceSpec(const layerlab::ModelSpec& spec, const QString& text);

    // While locked (a training run uses this model) the undoable edits above are refused, so the run and
    // the views never show different models. `reason` is what the views show ("Stop the run to edit the
    // model"); an empty reason unlocks. Undo and redo are locked by their actions (ModelFileController).
    void setEditLock(const QString& reason);
    bool isEditLocked() const { return !m_lockReason.isEmpty(); }
    QString editLockReason() const { return m_lockReason; }

    // Undoable: replaces the whole model with `spec` (a lesson's scenario) as one step named `text`; the file
    // path is cleared (Save asks where to put it) and restored by Undo, with the model. Refused while locked.
    void replaceModel(const layerlab::ModelSpec& spec, const QString& text);
    // For ReplaceModelCommand: the whole model and its file path, as one change views treat like reset().
    void applyReplacement(const layerlab::ModelSpec& spec, const QString& filePath);

    // Not undoable: replaces everything (New, Open, Preset) and clears the undo stack. Layers without an id
    // get one (a later one of two equal ids gets a new one, with a warning on the console).
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
    // An edit (or its undo/redo) concerned this layer: views select it. "" = clear the selection.
    void layerFocused(const QString& id);
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
