#pragma once
// The private drag-and-drop format between the layer palette and the model editor.
// A payload is either "a new layer of this type" (palette -> editor) or
// "the layer with this id in this document" (a move inside the editor, into or out of blocks too). An id,
// not an index: it names the same layer wherever the drag ends.
#include <QString>
#include <optional>

#include "core/model_spec.h"

class QMimeData;

namespace LayerMime {

// Only data with this MIME type is accepted by the editor; everything else is refused on enter, move and
// drop.
inline constexpr const char* kMimeType = "application/x-layerlab-layer";

struct Payload {
    enum class Kind { NewLayer, MoveLayer };
    Kind kind = Kind::NewLayer;
    layerlab::LayerType type = layerlab::LayerType::Dense;  // NewLayer
    QString layerId;                                        // MoveLayer: the layer being moved
    quint64 source = 0;                                     // MoveLayer: identity of the source document
};

// Caller owns the returned object (usually handed to QDrag).
QMimeData* encodeNewLayer(layerlab::LayerType type);
QMimeData* encodeMove(const void* sourceDocument, const QString& layerId);

bool hasPayload(const QMimeData* data);
// Empty when the data is foreign, malformed or names an unknown layer type.
std::optional<Payload> decode(const QMimeData* data);

}  // namespace LayerMime
