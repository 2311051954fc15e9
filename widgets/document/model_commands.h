#pragma once
// The undoable edits of a ModelDocument. Each command stores only what it needs to redo and undo itself
// (a layer id, a place, a layer, or the before/after value of the part it changes) and applies the result
// through ModelDocument::applySpec, so shape inference reruns and every view hears changed().
#include <QElapsedTimer>
#include <QUndoCommand>
#include <vector>

#include "core/layer_tree.h"
#include "core/layer_types.h"
#include "core/training_fields.h"

class ModelDocument;

// Base: applies a whole new spec and tells views which layer the edit was about. Commands name layers by
// id and places by parent id + index (core/layer_tree.h), never by a bare index: an id keeps meaning the
// same layer when layers move in or out of blocks.
class ModelCommand : public QUndoCommand {
public:
    explicit ModelCommand(ModelDocument* doc) : m_doc(doc) {}

protected:
    void apply(const layerlab::ModelSpec& spec, const std::string& focusLayer);
    ModelDocument* m_doc;
};

// Inserts a layer that already has its ids (ModelDocument::insertLayer gives them).
class InsertLayerCommand : public ModelCommand {
public:
    InsertLayerCommand(ModelDocument* doc, const layerlab::LayerPlace& at, const layerlab::LayerSpec& layer);
    void redo() override;
    void undo() override;

private:
    layerlab::LayerPlace m_at;
    layerlab::LayerSpec m_layer;
};

class RemoveLayerCommand : public ModelCommand {
public:
    RemoveLayerCommand(ModelDocument* doc, const std::string& id);
    void redo() override;
    void undo() override;

private:
    layerlab::LayerPlace m_at;    // where it was, restored by undo
    layerlab::LayerSpec m_layer;  // the removed layer with everything inside it
};

// `to` is the final place of the moved layer (its index once it is taken out of its old place).
class MoveLayerCommand : public ModelCommand {
public:
    MoveLayerCommand(ModelDocument* doc, const std::string& id, const layerlab::LayerPlace& to);
    void redo() override;
    void undo() override;

private:
    void move(const layerlab::LayerPlace& to);
    std::string m_id;
    layerlab::LayerPlace m_from;
    layerlab::LayerPlace m_to;
};

// The copy (new ids for it and everything inside it) lands right after the original.
class DuplicateLayerCommand : public ModelCommand {
public:
    DuplicateLayerCommand(ModelDocument* doc, const std::string& id);
    void redo() override;
    void undo() override;
    const std::string& copyId() const { return m_copy.id; }

private:
    layerlab::LayerPlace m_at;
    layerlab::LayerSpec m_copy;
};

// Replaces one layer's own settings (type, fields, extra keys; its id and inner layers stay). Rapid edits
// of the same field(s) of the same layer (spin-box steps, typing digits) merge into one undo step.
class SetLayerCommand : public ModelCommand {
public:
    static constexpr int kId = 0x4c4c01;
    static constexpr qint64 kMergeWindowMs = 1500;

    SetLayerCommand(ModelDocument* doc, const std::string& id, const layerlab::LayerSpec& after);
    void redo() override;
    void undo() override;
    int id() const override { return kId; }
    bool mergeWith(const QUndoCommand* other) override;

    // The fields of the layer-field table whose values differ (the type and extra keys are not fields).
    static std::vector<const layerlab::LayerField*> changedFields(const layerlab::LayerSpec& a,
                                                                  const layerlab::LayerSpec& b);
    // `now` with the settings of `settings`: everything but the id and the inner layers.
    static layerlab::LayerSpec withOwnSettings(const layerlab::LayerSpec& now,
                                               const layerlab::LayerSpec& settings);

private:
    void set(const layerlab::LayerSpec& settings);
    std::string m_layerId;
    layerlab::LayerSpec m_before;
    layerlab::LayerSpec m_after;
    std::vector<const layerlab::LayerField*> m_fields;
    QElapsedTimer m_lastEdit;
};

// Replaces the training settings. The text names the setting when one changed ("Change learning rate");
// rapid edits of the same setting(s) merge, like SetLayerCommand.
class SetTrainingCommand : public ModelCommand {
public:
    static constexpr int kId = 0x4c4c02;
    SetTrainingCommand(ModelDocument* doc, const layerlab::TrainingSpec& after);
    void redo() override;
    void undo() override;
    int id() const override { return kId; }
    bool mergeWith(const QUndoCommand* other) override;

    static std::vector<const layerlab::TrainingField*> changedFields(const layerlab::TrainingSpec& a,
                                                                     const layerlab::TrainingSpec& b);

private:
    void set(const layerlab::TrainingSpec& t);
    layerlab::TrainingSpec m_before;
    layerlab::TrainingSpec m_after;
    std::vector<const layerlab::TrainingField*> m_fields;
    QElapsedTimer m_lastEdit;
};

class SetNameCommand : public ModelCommand {
public:
    static constexpr int kId = 0x4c4c03;
    SetNameCommand(ModelDocument* doc, const std::string& after);
    void redo() override;
    void undo() override;
    int id() const override { return kId; }
    bool mergeWith(const QUndoCommand* other) override;  // consecutive renames (typing) merge

private:
    void set(const std::string& name);
    std::string m_before;
    std::string m_after;
};

// Replaces the whole model (a lesson's scenario) and clears the file path; undo brings back the model and
// its path. Views hear replaced() both ways, as after Open.
class ReplaceModelCommand : public QUndoCommand {
public:
    ReplaceModelCommand(ModelDocument* doc, const layerlab::ModelSpec& after, const QString& text);
    void redo() override;
    void undo() override;

private:
    ModelDocument* m_doc;
    layerlab::ModelSpec m_before, m_after;
    QString m_beforePath;
};

// Replaces the whole model in one step with a given text: edits that change several parts at once (opening an
// image folder changes the data settings and the input shape; fitting the outputs to a dataset changes the
// class count and the last Dense layer).
class ReplaceSpecCommand : public ModelCommand {
public:
    ReplaceSpecCommand(ModelDocument* doc, const layerlab::ModelSpec& after, const QString& text);
    void redo() override;
    void undo() override;

private:
    layerlab::ModelSpec m_before;
    layerlab::ModelSpec m_after;
};
