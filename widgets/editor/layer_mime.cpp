#include "widgets/editor/layer_mime.h"

#include <QByteArray>
#include <QDataStream>
#include <QIODevice>
#include <QMimeData>

#include "widgets/common/layer_catalog.h"

namespace LayerMime {

namespace {
// Wire format (QDataStream, Qt 6.0): magic, version, kind, type name, layer id, source.
constexpr quint32 kMagic = 0x4C4C4159;  // "LLAY"
constexpr quint16 kVersion = 2;         // 1 carried an index instead of the id

QMimeData* encode(const Payload& p) {
    QByteArray bytes;
    QDataStream out(&bytes, QIODevice::WriteOnly);
    out.setVersion(QDataStream::Qt_6_0);
    out << kMagic << kVersion << static_cast<quint8>(p.kind) << LayerCatalog::displayName(p.type) << p.layerId
        << p.source;
    auto* mime = new QMimeData;
    mime->setData(QString::fromLatin1(kMimeType), bytes);
    return mime;
}

std::optional<layerlab::LayerType> typeFromName(const QString& name) {
    for (layerlab::LayerType t : layerlab::allLayerTypes())
        if (LayerCatalog::displayName(t) == name) return t;
    return std::nullopt;
}
}  // namespace

QMimeData* encodeNewLayer(layerlab::LayerType type) {
    Payload p;
    p.kind = Payload::Kind::NewLayer;
    p.type = type;
    return encode(p);
}

QMimeData* encodeMove(const void* sourceDocument, const QString& layerId) {
    Payload p;
    p.kind = Payload::Kind::MoveLayer;
    p.layerId = layerId;
    p.source = static_cast<quint64>(reinterpret_cast<quintptr>(sourceDocument));
    return encode(p);
}

bool hasPayload(const QMimeData* data) {
    return data && data->hasFormat(QString::fromLatin1(kMimeType));
}

std::optional<Payload> decode(const QMimeData* data) {
    if (!hasPayload(data)) return std::nullopt;
    QByteArray bytes = data->data(QString::fromLatin1(kMimeType));
    QDataStream in(bytes);
    in.setVersion(QDataStream::Qt_6_0);
    quint32 magic = 0;
    quint16 version = 0;
    quint8 kind = 0;
    QString typeName;
    QString layerId;
    quint64 source = 0;
    in >> magic >> version >> kind >> typeName >> layerId >> source;
    if (in.status() != QDataStream::Ok || magic != kMagic || version != kVersion) return std::nullopt;

    Payload p;
    if (kind == static_cast<quint8>(Payload::Kind::NewLayer)) {
        auto type = typeFromName(typeName);
        if (!type) return std::nullopt;
        p.kind = Payload::Kind::NewLayer;
        p.type = *type;
    } else if (kind == static_cast<quint8>(Payload::Kind::MoveLayer)) {
        if (layerId.isEmpty() || source == 0) return std::nullopt;
        p.kind = Payload::Kind::MoveLayer;
        p.layerId = layerId;
        p.source = source;
    } else {
        return std::nullopt;
    }
    return p;
}

}  // namespace LayerMime
