#include "widgets/document/model_document.h"

#include <QDebug>
#include <QFileInfo>
#include <exception>

#include "core/layer_tree.h"
#include "core/layer_types.h"
#include "widgets/document/model_commands.h"

using layerlab::LayerSpec;
using layerlab::ModelSpec;

namespace {
// Shape inference reports problems in ModelInfo::error; anything it throws is a bug, but the studio must
// survive it and show the text rather than crash in the middle of an edit.
layerlab::ModelInfo safeInferShapes(const ModelSpec& spec) {
    try {
        return layerlab::inferShapes(spec);
    } catch (const std::exception& e) {
        layerlab::ModelInfo info;
        info.layers.resize(spec.layers.size());
        info.error = e.what();
        return info;
    }
}

std::string key(const QString& id) {
    return id.toStdString();
}

// Clears the id of every layer whose id an earlier layer has, so assignLayerIds gives it a new one.
void clearRepeatedIds(std::vector<LayerSpec>& chain, std::vector<std::string>& seen) {
    for (LayerSpec& l : chain) {
        if (!l.id.empty()) {
            if (std::find(seen.begin(), seen.end(), l.id) != seen.end()) {
                qWarning("ModelDocument: layer id \"%s\" appears twice; the second gets a new one",
                         l.id.c_str());
                l.id.clear();
            } else {
                seen.push_back(l.id);
            }
        }
        clearRepeatedIds(l.layers, seen);
    }
}
}  // namespace

ModelDocument::ModelDocument(QObject* parent) : QObject(parent) {
    m_info = safeInferShapes(m_spec);
    connect(&m_undo, &QUndoStack::cleanChanged, this, [this](bool clean) { emit modifiedChanged(!clean); });
}

ModelDocument::~ModelDocument() {
    m_undo.blockSignals(true);
}

// ---- layers by id
// ------------------------------------------------------------------------------------------

const LayerSpec* ModelDocument::layer(const QString& id) const {
    return layerlab::findLayer(m_spec, key(id));
}

const layerlab::LayerInfo* ModelDocument::layerInfo(const QString& id) const {
    const std::vector<int> path = pathOf(id);
    return path.empty() ? nullptr : layerlab::layerInfoAt(m_info, path);
}

QString ModelDocument::layerId(int index) const {
    if (index < 0 || index >= int(m_spec.layers.size())) return QString();
    return QString::fromStdString(m_spec.layers[index].id);
}

QString ModelDocument::parentOf(const QString& id) const {
    const auto place = layerlab::placeOf(m_spec, key(id));
    return place ? QString::fromStdString(place->parent) : QString();
}

int ModelDocument::indexOf(const QString& id) const {
    const auto place = layerlab::placeOf(m_spec, key(id));
    return place ? place->index : -1;
}

int ModelDocument::chainSize(const QString& parent) const {
    const auto* chain = layerlab::chainOf(m_spec, key(parent));
    return chain ? int(chain->size()) : -1;
}

std::vector<int> ModelDocument::pathOf(const QString& id) const {
    return layerlab::layerPath(m_spec, key(id));
}

QString ModelDocument::numberOf(const QString& id) const {
    return QString::fromStdString(layerlab::layerNumber(pathOf(id)));
}

bool ModelDocument::isBlock(const QString& id) const {
    const LayerSpec* l = layer(id);
    return l && layerlab::layerTypeInfo(l->type).hasInnerLayers;
}

layerlab::Shape ModelDocument::inputShapeAt(const QString& parent, int index) const {
    const auto* chain = layerlab::chainOf(m_spec, key(parent));
    if (!chain || index < 0 || index > int(chain->size())) return {};
    if (index > 0) {
        const layerlab::LayerInfo* before = layerInfo(QString::fromStdString((*chain)[index - 1].id));
        return before ? before->outputShape : layerlab::Shape{};
    }
    if (parent.isEmpty()) return m_spec.input;
    const layerlab::LayerInfo* block = layerInfo(parent);  // a block's chain takes the block's input
    return block ? block->inputShape : layerlab::Shape{};
}

// ---- edits
// -------------------------------------------------------------------------------------------------

QString ModelDocument::insertLayer(const QString& parent, int index, const LayerSpec& layer) {
    if (refuseWhileLocked("insertLayer")) return QString();
    const int size = chainSize(parent);
    if (size < 0 || index < 0 || index > size) {
        qWarning("ModelDocument::insertLayer: no place %d in \"%s\"", index, qPrintable(parent));
        return QString();
    }
    LayerSpec fresh = layer;
    layerlab::assignNewLayerIds(fresh, m_spec);
    m_undo.push(new InsertLayerCommand(this, {key(parent), index}, fresh));
    return QString::fromStdString(fresh.id);
}

void ModelDocument::removeLayer(const QString& id) {
    if (refuseWhileLocked("removeLayer")) return;
    if (!layer(id)) {
        qWarning("ModelDocument::removeLayer: no layer \"%s\"", qPrintable(id));
        return;
    }
    m_undo.push(new RemoveLayerCommand(this, key(id)));
}

void ModelDocument::moveLayer(const QString& id, const QString& parent, int index) {
    if (refuseWhileLocked("moveLayer")) return;
    const LayerSpec* l = layer(id);
    const int size = chainSize(parent);
    // The chain it lands in, counted without the layer itself when it is already there.
    const int room = parentOf(id) == parent && l ? size - 1 : size;
    if (!l || size < 0 || index < 0 || index > room || layerlab::containsLayer(*l, key(parent))) {
        qWarning("ModelDocument::moveLayer: \"%s\" cannot move to %d in \"%s\"", qPrintable(id), index,
                 qPrintable(parent));
        return;
    }
    if (parentOf(id) == parent && indexOf(id) == index) return;
    m_undo.push(new MoveLayerCommand(this, key(id), {key(parent), index}));
}

QString ModelDocument::duplicateLayer(const QString& id) {
    if (refuseWhileLocked("duplicateLayer")) return QString();
    if (!layer(id)) {
        qWarning("ModelDocument::duplicateLayer: no layer \"%s\"", qPrintable(id));
        return QString();
    }
    auto* command = new DuplicateLayerCommand(this, key(id));
    const QString copy = QString::fromStdString(command->copyId());
    m_undo.push(command);
    return copy;
}

void ModelDocument::setLayer(const QString& id, const LayerSpec& layer) {
    if (refuseWhileLocked("setLayer")) return;
    const LayerSpec* now = this->layer(id);
    if (!now) {
        qWarning("ModelDocument::setLayer: no layer \"%s\"", qPrintable(id));
        return;
    }
    if (SetLayerCommand::withOwnSettings(*now, layer) == *now) return;
    m_undo.push(new SetLayerCommand(this, key(id), layer));
}

void ModelDocument::setLayerTrainable(const QString& id, bool trainable) {
    const LayerSpec* now = layer(id);
    if (!now || !layerlab::canFreeze(now->type) || now->trainable == trainable) return;
    LayerSpec l = *now;
    l.trainable = trainable;
    setLayer(id, l);
}

void ModelDocument::setTraining(const layerlab::TrainingSpec& training) {
    if (refuseWhileLocked("setTraining")) return;
    if (m_spec.training == training) return;
    m_undo.push(new SetTrainingCommand(this, training));
}

void ModelDocument::replaceSpec(const layerlab::ModelSpec& spec, const QString& text) {
    if (refuseWhileLocked("replaceSpec")) return;
    if (m_spec == spec) return;
    m_undo.push(new ReplaceSpecCommand(this, spec, text));
}

void ModelDocument::setName(const QString& name) {
    if (refuseWhileLocked("setName")) return;
    const std::string n = name.toStdString();
    if (m_spec.name == n) return;
    m_undo.push(new SetNameCommand(this, n));
}

void ModelDocument::reset(const ModelSpec& spec, const QString& filePath) {
    ModelSpec withIds = spec;
    std::vector<std::string> seen;
    clearRepeatedIds(withIds.layers, seen);
    layerlab::assignLayerIds(withIds);
    m_undo.clear();
    setFilePath(filePath);
    applySpec(withIds);
    m_undo.setClean();
    emit layerFocused(QString());
    emit replaced();
}

void ModelDocument::replaceModel(const ModelSpec& spec, const QString& text) {
    if (refuseWhileLocked("replaceModel")) return;
    ModelSpec withIds = spec;
    std::vector<std::string> seen;
    clearRepeatedIds(withIds.layers, seen);
    layerlab::assignLayerIds(withIds);
    m_undo.push(new ReplaceModelCommand(this, withIds, text));
}

void ModelDocument::applyReplacement(const ModelSpec& spec, const QString& filePath) {
    setFilePath(filePath);
    applySpec(spec);
    emit layerFocused(QString());
    emit replaced();
}

void ModelDocument::setEditLock(const QString& reason) {
    if (reason == m_lockReason) return;
    m_lockReason = reason;
    emit editLockChanged(isEditLocked());
}

bool ModelDocument::refuseWhileLocked(const char* what) const {
    if (!isEditLocked()) return false;
    // The views disable every way to edit while locked; reaching this is a path they missed.
    qWarning("ModelDocument::%s refused: %s", what, qPrintable(m_lockReason));
    return true;
}

void ModelDocument::applySpec(const ModelSpec& spec) {
    m_spec = spec;
    m_info = safeInferShapes(m_spec);
    emit changed();
}

void ModelDocument::setFilePath(const QString& p) {
    if (p == m_filePath) return;
    m_filePath = p;
    emit filePathChanged(m_filePath);
}

QString ModelDocument::displayName() const {
    if (!m_filePath.isEmpty()) return QFileInfo(m_filePath).fileName();
    return QString::fromStdString(m_spec.name);
}
