#include "widgets/document/model_commands.h"

#include <QCoreApplication>

#include "widgets/common/layer_catalog.h"
#include "widgets/document/model_document.h"

using layerlab::LayerSpec;
using layerlab::ModelSpec;

namespace {
QString tr(const char* text) {
    return QCoreApplication::translate("ModelCommand", text);
}
QString typeName(const LayerSpec& l) {
    return LayerCatalog::displayName(l.type);
}

QString fieldLabel(unsigned fields) {
    // Bits as in SetLayerCommand::changedFields.
    static const char* names[] = {"type",    "units",     "filters",    "kernel", "stride",
                                  "padding", "pool size", "activation", "rate",   "alpha"};
    QString label;
    int count = 0;
    for (int i = 0; i < 10; ++i)
        if (fields & (1u << i)) {
            label = tr(names[i]);
            ++count;
        }
    return count == 1 ? label : tr("settings");
}
}  // namespace

void ModelCommand::apply(const ModelSpec& spec, int focusLayer) {
    m_doc->applySpec(spec);
    emit m_doc->layerFocused(focusLayer);
}

// ---- insert ----------------------------------------------------------------------------------------------

InsertLayerCommand::InsertLayerCommand(ModelDocument* doc, int index, const LayerSpec& layer)
    : ModelCommand(doc), m_index(index), m_layer(layer) {
    setText(tr("Add %1").arg(typeName(layer)));
}

void InsertLayerCommand::redo() {
    ModelSpec s = m_doc->spec();
    s.layers.insert(s.layers.begin() + m_index, m_layer);
    apply(s, m_index);
}

void InsertLayerCommand::undo() {
    ModelSpec s = m_doc->spec();
    s.layers.erase(s.layers.begin() + m_index);
    apply(s, s.layers.empty() ? -1 : std::min<int>(m_index, int(s.layers.size()) - 1));
}

// ---- remove ----------------------------------------------------------------------------------------------

RemoveLayerCommand::RemoveLayerCommand(ModelDocument* doc, int index)
    : ModelCommand(doc), m_index(index), m_layer(doc->spec().layers.at(index)) {
    setText(tr("Delete %1").arg(typeName(m_layer)));
}

void RemoveLayerCommand::redo() {
    ModelSpec s = m_doc->spec();
    s.layers.erase(s.layers.begin() + m_index);
    // Keep a selection where the layer was, so Del can be pressed repeatedly.
    apply(s, s.layers.empty() ? -1 : std::min<int>(m_index, int(s.layers.size()) - 1));
}

void RemoveLayerCommand::undo() {
    ModelSpec s = m_doc->spec();
    s.layers.insert(s.layers.begin() + m_index, m_layer);
    apply(s, m_index);
}

// ---- move ------------------------------------------------------------------------------------------------

MoveLayerCommand::MoveLayerCommand(ModelDocument* doc, int from, int to)
    : ModelCommand(doc), m_from(from), m_to(to) {
    setText(tr("Move %1").arg(typeName(doc->spec().layers.at(from))));
}

void MoveLayerCommand::move(int from, int to) {
    ModelSpec s = m_doc->spec();
    LayerSpec layer = s.layers.at(from);
    s.layers.erase(s.layers.begin() + from);
    s.layers.insert(s.layers.begin() + to, layer);
    apply(s, to);
}

void MoveLayerCommand::redo() {
    move(m_from, m_to);
}
void MoveLayerCommand::undo() {
    move(m_to, m_from);
}

// ---- duplicate -------------------------------------------------------------------------------------------

DuplicateLayerCommand::DuplicateLayerCommand(ModelDocument* doc, int index)
    : ModelCommand(doc), m_index(index) {
    setText(tr("Duplicate %1").arg(typeName(doc->spec().layers.at(index))));
}

void DuplicateLayerCommand::redo() {
    ModelSpec s = m_doc->spec();
    LayerSpec copy = s.layers.at(m_index);
    s.layers.insert(s.layers.begin() + m_index + 1, copy);
    apply(s, m_index + 1);
}

void DuplicateLayerCommand::undo() {
    ModelSpec s = m_doc->spec();
    s.layers.erase(s.layers.begin() + m_index + 1);
    apply(s, m_index);
}

// ---- set layer -------------------------------------------------------------------------------------------

unsigned SetLayerCommand::changedFields(const LayerSpec& a, const LayerSpec& b) {
    unsigned f = 0;
    if (a.type != b.type) f |= 1u << 0;
    if (a.units != b.units) f |= 1u << 1;
    if (a.filters != b.filters) f |= 1u << 2;
    if (a.kernel != b.kernel) f |= 1u << 3;
    if (a.stride != b.stride) f |= 1u << 4;
    if (a.padding != b.padding) f |= 1u << 5;
    if (a.poolSize != b.poolSize) f |= 1u << 6;
    if (a.activation != b.activation) f |= 1u << 7;
    if (a.rate != b.rate) f |= 1u << 8;
    if (a.alpha != b.alpha) f |= 1u << 9;
    return f;
}

SetLayerCommand::SetLayerCommand(ModelDocument* doc, int index, const LayerSpec& after)
    : ModelCommand(doc), m_index(index), m_before(doc->spec().layers.at(index)), m_after(after) {
    m_fields = changedFields(m_before, m_after);
    setText(tr("Change %1 %2").arg(typeName(m_before), fieldLabel(m_fields)));
    m_lastEdit.start();
}

void SetLayerCommand::set(const LayerSpec& layer) {
    ModelSpec s = m_doc->spec();
    s.layers.at(m_index) = layer;
    apply(s, m_index);
}

void SetLayerCommand::redo() {
    set(m_after);
}
void SetLayerCommand::undo() {
    set(m_before);
}

bool SetLayerCommand::mergeWith(const QUndoCommand* other) {
    if (other->id() != id()) return false;
    auto* next = static_cast<const SetLayerCommand*>(other);
    if (next->m_index != m_index || next->m_before != m_after || next->m_fields != m_fields) return false;
    if (m_lastEdit.elapsed() > kMergeWindowMs) return false;
    m_after = next->m_after;
    m_lastEdit.restart();
    if (m_after == m_before) setObsolete(true);  // edited back to where it started: nothing to undo
    return true;
}

// ---- set training ----------------------------------------------------------------------------------------

SetTrainingCommand::SetTrainingCommand(ModelDocument* doc, const layerlab::TrainingSpec& after)
    : ModelCommand(doc), m_before(doc->spec().training), m_after(after) {
    setText(tr("Change training settings"));
    m_lastEdit.start();
}

void SetTrainingCommand::set(const layerlab::TrainingSpec& t) {
    ModelSpec s = m_doc->spec();
    s.training = t;
    m_doc->applySpec(s);
}

void SetTrainingCommand::redo() {
    set(m_after);
}
void SetTrainingCommand::undo() {
    set(m_before);
}

bool SetTrainingCommand::mergeWith(const QUndoCommand* other) {
    if (other->id() != id()) return false;
    auto* next = static_cast<const SetTrainingCommand*>(other);
    if (next->m_before != m_after || m_lastEdit.elapsed() > SetLayerCommand::kMergeWindowMs) return false;
    m_after = next->m_after;
    m_lastEdit.restart();
    if (m_after == m_before) setObsolete(true);
    return true;
}

// ---- set name --------------------------------------------------------------------------------------------

SetNameCommand::SetNameCommand(ModelDocument* doc, const std::string& after)
    : ModelCommand(doc), m_before(doc->spec().name), m_after(after) {
    setText(tr("Rename model"));
}

void SetNameCommand::set(const std::string& name) {
    ModelSpec s = m_doc->spec();
    s.name = name;
    m_doc->applySpec(s);
}

void SetNameCommand::redo() {
    set(m_after);
}
void SetNameCommand::undo() {
    set(m_before);
}

bool SetNameCommand::mergeWith(const QUndoCommand* other) {
    if (other->id() != id()) return false;
    auto* next = static_cast<const SetNameCommand*>(other);
    if (next->m_before != m_after) return false;
    m_after = next->m_after;
    if (m_after == m_before) setObsolete(true);
    return true;
}
