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

// Who keeps the selection once the layer at `at` has gone: the layer that moved up into its place, else the
// one before it, else the block it was in (so Del can be pressed repeatedly); "" when the model is empty.
std::string focusAfterRemoval(const ModelSpec& s, const layerlab::LayerPlace& at) {
    const auto* chain = layerlab::chainOf(s, at.parent);
    if (!chain || chain->empty()) return at.parent;
    return (*chain)[std::min<size_t>(at.index, chain->size() - 1)].id;
}
}  // namespace

void ModelCommand::apply(const ModelSpec& spec, const std::string& focusLayer) {
    m_doc->applySpec(spec);
    emit m_doc->layerFocused(QString::fromStdString(focusLayer));
}

// ---- insert ----------------------------------------------------------------------------------------------

InsertLayerCommand::InsertLayerCommand(ModelDocument* doc, const layerlab::LayerPlace& at,
                                       const LayerSpec& layer)
    : ModelCommand(doc), m_at(at), m_layer(layer) {
    setText(QCoreApplication::translate("ModelCommand", "Add %1").arg(typeName(layer)));
}

void InsertLayerCommand::redo() {
    ModelSpec s = m_doc->spec();
    layerlab::insertLayerAt(s, m_at, m_layer);
    apply(s, m_layer.id);
}

void InsertLayerCommand::undo() {
    ModelSpec s = m_doc->spec();
    layerlab::takeLayer(s, m_layer.id);
    apply(s, focusAfterRemoval(s, m_at));
}

// ---- remove ----------------------------------------------------------------------------------------------

RemoveLayerCommand::RemoveLayerCommand(ModelDocument* doc, const std::string& id)
    : ModelCommand(doc),
      m_at(*layerlab::placeOf(doc->spec(), id)),
      m_layer(*layerlab::findLayer(doc->spec(), id)) {
    setText(QCoreApplication::translate("ModelCommand", "Delete %1").arg(typeName(m_layer)));
}

void RemoveLayerCommand::redo() {
    ModelSpec s = m_doc->spec();
    layerlab::takeLayer(s, m_layer.id);
    apply(s, focusAfterRemoval(s, m_at));
}

void RemoveLayerCommand::undo() {
    ModelSpec s = m_doc->spec();
    layerlab::insertLayerAt(s, m_at, m_layer);
    apply(s, m_layer.id);
}

// ---- move ------------------------------------------------------------------------------------------------

MoveLayerCommand::MoveLayerCommand(ModelDocument* doc, const std::string& id, const layerlab::LayerPlace& to)
    : ModelCommand(doc), m_id(id), m_from(*layerlab::placeOf(doc->spec(), id)), m_to(to) {
    setText(QCoreApplication::translate("ModelCommand", "Move %1")
                .arg(typeName(*layerlab::findLayer(doc->spec(), id))));
}

void MoveLayerCommand::move(const layerlab::LayerPlace& to) {
    ModelSpec s = m_doc->spec();
    std::optional<LayerSpec> layer = layerlab::takeLayer(s, m_id);
    if (layer) layerlab::insertLayerAt(s, to, *layer);
    apply(s, m_id);
}

void MoveLayerCommand::redo() {
    move(m_to);
}
void MoveLayerCommand::undo() {
    move(m_from);
}

// ---- duplicate -------------------------------------------------------------------------------------------

DuplicateLayerCommand::DuplicateLayerCommand(ModelDocument* doc, const std::string& id)
    : ModelCommand(doc),
      m_at(*layerlab::placeOf(doc->spec(), id)),
      m_copy(*layerlab::findLayer(doc->spec(), id)) {
    ++m_at.index;
    layerlab::assignNewLayerIds(m_copy, doc->spec());
    setText(QCoreApplication::translate("ModelCommand", "Duplicate %1").arg(typeName(m_copy)));
}

void DuplicateLayerCommand::redo() {
    ModelSpec s = m_doc->spec();
    layerlab::insertLayerAt(s, m_at, m_copy);
    apply(s, m_copy.id);
}

void DuplicateLayerCommand::undo() {
    ModelSpec s = m_doc->spec();
    layerlab::takeLayer(s, m_copy.id);
    apply(s, (*layerlab::chainOf(s, m_at.parent))[m_at.index - 1].id);  // the original
}

// ---- set layer -------------------------------------------------------------------------------------------

std::vector<const layerlab::LayerField*> SetLayerCommand::changedFields(const LayerSpec& a,
                                                                        const LayerSpec& b) {
    if (a.type != b.type) return {};
    // Only the fields the layer's type has (a Dense layer's stride means nothing).
    return differing(layerlab::layerTypeInfo(a.type).fields, a, b);
}

LayerSpec SetLayerCommand::withOwnSettings(const LayerSpec& now, const LayerSpec& settings) {
    LayerSpec l = settings;
    l.id = now.id;
    l.layers = now.layers;
    return l;
}

SetLayerCommand::SetLayerCommand(ModelDocument* doc, const std::string& id, const LayerSpec& after)
    : ModelCommand(doc), m_layerId(id), m_before(*layerlab::findLayer(doc->spec(), id)) {
    m_after = withOwnSettings(m_before, after);
    m_fields = changedFields(m_before, m_after);
    if (m_fields.size() == 1 && std::string(m_fields.front()->meta.key) == "trainable")
        setText((m_after.trainable ? QCoreApplication::translate("ModelCommand", "Unfreeze %1")
                                   : QCoreApplication::translate("ModelCommand", "Freeze %1"))
                    .arg(typeName(m_before)));
    else
        setText(QCoreApplication::translate("ModelCommand", "Change %1 %2")
                    .arg(typeName(m_before),
                         fieldLabel(m_fields, QT_TRANSLATE_NOOP("ModelCommand", "settings"))));
    m_lastEdit.start();
}

void SetLayerCommand::set(const LayerSpec& settings) {
    ModelSpec s = m_doc->spec();
    if (LayerSpec* l = layerlab::findLayer(s, m_layerId)) *l = withOwnSettings(*l, settings);
    apply(s, m_layerId);
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
    if (next->m_layerId != m_layerId || next->m_before != m_after || next->m_fields != m_fields) return false;
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
    setText(m_fields.size() == 1
                ? QCoreApplication::translate("ModelCommand", "Change %1")
                      .arg(fieldLabel(m_fields, QT_TRANSLATE_NOOP("ModelCommand", "training settings")))
                : QCoreApplication::translate("ModelCommand", "Change training settings"));
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
    setText(QCoreApplication::translate("ModelCommand", "Rename model"));
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

// ---- replace the whole model -----------------------------------------------------------------------------

ReplaceModelCommand::ReplaceModelCommand(ModelDocument* doc, const ModelSpec& after, const QString& text)
    : m_doc(doc), m_before(doc->spec()), m_after(after), m_beforePath(doc->filePath()) {
    setText(text);
}

void ReplaceModelCommand::redo() {
    m_doc->applyReplacement(m_after, QString());
}

void ReplaceModelCommand::undo() {
    m_doc->applyReplacement(m_before, m_beforePath);
}

// ---- replace the spec, keeping the file ------------------------------------------------------------------

ReplaceSpecCommand::ReplaceSpecCommand(ModelDocument* doc, const ModelSpec& after, const QString& text)
    : ModelCommand(doc), m_before(doc->spec()), m_after(after) {
    setText(text);
}

void ReplaceSpecCommand::redo() {
    m_doc->applySpec(m_after);
}

void ReplaceSpecCommand::undo() {
    m_doc->applySpec(m_before);
}
