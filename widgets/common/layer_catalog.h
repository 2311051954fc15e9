#pragma once
// What the studio shows for each layer type: its palette group, colour, name and plain-language
// explanation. Names, groups and texts come from the layer-type table (core/layer_types.h); only the colour
// of each group is decided here.
#include <QColor>
#include <QString>
#include <vector>

#include "core/model_spec.h"

namespace LayerCatalog {

struct Group {
    QString name;                            // "Core", "Convolution", ...
    std::vector<layerlab::LayerType> types;  // in palette order
};

const std::vector<Group>& groups();  // Core, Convolution, Pooling, Activation, Regularization, Blocks
QString groupOf(layerlab::LayerType type);
QColor colorOf(layerlab::LayerType type);       // one accent colour per group
QString displayName(layerlab::LayerType type);  // "Dense", "Conv2D", ...
QString description(layerlab::LayerType type);  // one or two plain sentences for a tooltip

}  // namespace LayerCatalog
