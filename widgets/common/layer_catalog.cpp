#include "widgets/common/layer_catalog.h"

#include <QCoreApplication>

#include "core/layer_types.h"

using layerlab::LayerGroup;
using layerlab::LayerType;

namespace LayerCatalog {

namespace {
QString tr(const char* text) {
    return QCoreApplication::translate("layerlab", text);
}
}  // namespace

const std::vector<Group>& groups() {
    static const std::vector<Group> all = [] {
        std::vector<Group> out;
        for (LayerGroup g : layerlab::layerGroups()) {
            Group group{tr(layerlab::layerGroupName(g)), {}};
            for (const layerlab::LayerTypeInfo& info : layerlab::layerTypes())
                if (info.group == g) group.types.push_back(info.type);
            if (!group.types.empty()) out.push_back(group);
        }
        return out;
    }();
    return all;
}

QString groupOf(LayerType type) {
    return tr(layerlab::layerGroupName(layerlab::layerTypeInfo(type).group));
}

QColor colorOf(LayerType type) {
    switch (layerlab::layerTypeInfo(type).group) {
        case LayerGroup::Core:
            return QColor(0x2f, 0x6f, 0xd6);  // blue
        case LayerGroup::Convolution:
            return QColor(0x7c, 0x4d, 0xd8);  // violet
        case LayerGroup::Pooling:
            return QColor(0x10, 0x93, 0x83);  // teal
        case LayerGroup::Activation:
            return QColor(0xd9, 0x7b, 0x06);  // amber
        case LayerGroup::Normalization:
            return QColor(0x5a, 0x6b, 0x7d);  // slate
        case LayerGroup::Regularization:
            return QColor(0xc2, 0x3b, 0x7a);  // magenta
        case LayerGroup::Blocks:
            return QColor(0x3d, 0x8b, 0x37);  // green
    }
    return QColor(Qt::gray);
}

QString displayName(LayerType type) {
    return QString::fromLatin1(layerlab::layerTypeName(type));
}

QString description(LayerType type) {
    return tr(layerlab::layerTypeInfo(type).description);
}

}  // namespace LayerCatalog
