#include "widgets/document/model_document.h"

#include <QDebug>
#include <QFileInfo>
#include <exception>

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
}  // namespace

ModelDocument::ModelDocument(QObject* parent) : QObject(parent) {
    m_info = safeInferShapes(m_spec);
    connect(&m_undo, &QUndoStack::cleanChanged, this, [this](bool clean) { emit modifiedChanged(!clean); });
}

ModelDocument::~ModelDocument() {
    m_undo.blockSignals(true);
}

void ModelDocument::insertLayer(int index, const LayerSpec& layer) {
    if (refuseWhileLocked("insertLayer")) return;
    if (index < 0 || index > int(m_spec.layers.size())) {
        qWarning("ModelDocument::insertLayer: index %d out of range", index);
        return;
    }
    m_undo.push(new InsertLayerCommand(this, index, layer));
}

void ModelDocument::removeLayer(int index) {
    if (refuseWhileLocked("removeLayer")) return;
    if (index < 0 || index >= int(m_spec.layers.size())) {
        qWarning("ModelDocument::removeLayer: index %d out of range", index);
        return;
    }
    m_undo.push(new RemoveLayerCommand(this, index));
}

void ModelDocument::moveLayer(int from, int to) {
    if (refuseWhileLocked("moveLayer")) return;
    const int n = int(m_spec.layers.size());
    if (from < 0 || from >= n || to < 0 || to >= n) {
        qWarning("ModelDocument::moveLayer: %d -> %d out of range", from, to);
        return;
    }
    if (from == to) return;
    m_undo.push(new MoveLayerCommand(this, from, to));
}

void ModelDocument::duplicateLayer(int index) {
    if (refuseWhileLocked("duplicateLayer")) return;
    if (index < 0 || index >= int(m_spec.layers.size())) {
        qWarning("ModelDocument::duplicateLayer: index %d out of range", index);
        return;
    }
    m_undo.push(new DuplicateLayerCommand(this, index));
}

void ModelDocument::setLayer(int index, const LayerSpec& layer) {
    if (refuseWhileLocked("setLayer")) return;
    if (index < 0 || index >= int(m_spec.layers.size())) {
        qWarning("ModelDocument::setLayer: index %d out of range", index);
        return;
    }
    if (m_spec.layers[index] == layer) return;
    m_undo.push(new SetLayerCommand(this, index, layer));
}

void ModelDocument::setTraining(const layerlab::TrainingSpec& training) {
    if (refuseWhileLocked("setTraining")) return;
    if (m_spec.training == training) return;
    m_undo.push(new SetTrainingCommand(this, training));
}

void ModelDocument::setName(const QString& name) {
    if (refuseWhileLocked("setName")) return;
    const std::string n = name.toStdString();
    if (m_spec.name == n) return;
    m_undo.push(new SetNameCommand(this, n));
}

void ModelDocument::reset(const ModelSpec& spec, const QString& filePath) {
    m_undo.clear();
    setFilePath(filePath);
    applySpec(spec);
    m_undo.setClean();
    emit layerFocused(-1);
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
