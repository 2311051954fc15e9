#pragma once
// The undoable edits of a ModelDocument. Each command stores only what it needs to redo and undo itself
// (an index, a layer, or the before/after value of the part it changes) and applies the result through
// ModelDocument::applySpec, so shape inference reruns and every view hears changed().
#include <QElapsedTimer>
#include <QUndoCommand>
#include <vector>

#include "core/layer_types.h"
#include "core/training_fields.h"

class ModelDocument;

// Base: applies a whole new spec and tells views which layer the edit was about.
class ModelCommand : public QUndoCommand {
public:
    explicit ModelCommand(ModelDocument* doc) : m_doc(doc) {}

protected:
    void apply(const layerlab::ModelSpec& spec, int focusLayer);
    ModelDocument* m_doc;
};

class InsertLayerCommand : public ModelCommand {
public:
    InsertLayerCommand(ModelDocument* doc, int index, const layerlab::LayerSpec& layer);
    void redo() override;
    void undo() override;

private:
    int m_index;
    layerlab::LayerSpec m_layer;
};

class RemoveLayerCommand : public ModelCommand {
public:
    RemoveLayerCommand(ModelDocument* doc, int index);
    void redo() override;
    void undo() override;

private:
    int m_index;
    layerlab::LayerSpec m_layer;  // the removed layer, restored by undo
};

// `to` is the final index of the moved layer.
class MoveLayerCommand : public ModelCommand {
public:
    MoveLayerCommand(ModelDocument* doc, int from, int to);
    void redo() override;
    void undo() override;

private:
    void move(int from, int to);
    int m_from;
    int m_to;
};

// The copy lands at index + 1.
class DuplicateLayerCommand : public ModelCommand {
public:
    DuplicateLayerCommand(ModelDocument* doc, int index);
    void redo() override;
    void undo() override;

private:
    int m_index;
};

// Replaces one layer's settings. Rapid edits of the same field(s) of the same layer (spin-box steps,
// typing digits) merge into one undo step.
class SetLayerCommand : public ModelCommand {
public:
    static constexpr int kId = 0x4c4c01;
    static constexpr qint64 kMergeWindowMs = 1500;

    SetLayerCommand(ModelDocument* doc, int index, const layerlab::LayerSpec& after);
    void redo() override;
    void undo() override;
    int id() const override { return kId; }
    bool mergeWith(const QUndoCommand* other) override;

    // The fields of the layer-field table whose values differ (the type and extra keys are not fields).
    static std::vector<const layerlab::LayerField*> changedFields(const layerlab::LayerSpec& a,
                                                                  const layerlab::LayerSpec& b);

private:
    void set(const layerlab::LayerSpec& layer);
    int m_index;
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
