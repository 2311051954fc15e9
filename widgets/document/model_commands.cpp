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

// "units" for one changed field (its label from the descriptor table, in lower case), "settings" for more.
template <typename F>
QString fieldLabel(const std::vector<const F*>& fields, const char* several) {
    if (fields.size() != 1) return tr(several);
    const QString label = QCoreApplication::translate("layerlab", fields.front()->meta.label);
    // A word in lower case ("units"), an abbreviation as it is ("L2 (λ)").
    return label.size() > 1 && label[1].isLower() ? label.front().toLower() + label.mid(1) : label;
}

// The fields of `table` whose values differ between a and b.
template <typename S>
std::vector<const layerlab::Field<S>*> differing(const std::vector<const layerlab::Field<S>*>& table,
                                                 const S& a, const S& b) {
    std::vector<const layerlab::Field<S>*> out;
    for (const auto* f : table)
        if (!(f->get(a) == f->get(b))) out.push_back(f);
    return out;
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

std::vector<const layerlab::LayerField*> SetLayerCommand::changedFields(const LayerSpec& a,
                                                                        const LayerSpec& b) {
    if (a.type != b.type) return {};
    // Only the fields the layer's type has (a Dense layer's stride means nothing).
    return differing(layerlab::layerTypeInfo(a.type).fields, a, b);
}

SetLayerCommand::SetLayerCommand(ModelDocument* doc, int index, const LayerSpec& after)
    : ModelCommand(doc), m_index(index), m_before(doc->spec().layers.at(index)), m_after(after) {
    m_fields = changedFields(m_before, m_after);
    setText(tr("Change %1 %2").arg(typeName(m_before), fieldLabel(m_fields, "settings")));
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

std::vector<const layerlab::TrainingField*> SetTrainingCommand::changedFields(
    const layerlab::TrainingSpec& a, const layerlab::TrainingSpec& b) {
    return differing(layerlab::trainingFields(), a, b);
}

SetTrainingCommand::SetTrainingCommand(ModelDocument* doc, const layerlab::TrainingSpec& after)
    : ModelCommand(doc), m_before(doc->spec().training), m_after(after) {
    m_fields = changedFields(m_before, m_after);
    setText(m_fields.size() == 1 ? tr("Change %1").arg(fieldLabel(m_fields, "training settings"))
                                 : tr("Change training settings"));
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
    if (next->m_before != m_after || next->m_fields != m_fields ||
        m_lastEdit.elapsed() > SetLayerCommand::kMergeWindowMs)
        return false;
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
