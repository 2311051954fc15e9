#pragma once
// What the studio says about each layer type: its palette group, colour, and a plain-language explanation.
// Pure presentation data; the engine knows nothing of it.
#include <QColor>
#include <QString>
#include <vector>

#include "core/model_spec.h"

namespace LayerCatalog {

struct Group {
    QString name;                            // "Core", "Convolution", ...
    std::vector<layerlab::LayerType> types;  // in palette order
};

const std::vector<Group>& groups();  // Core, Convolution, Pooling, Activation, Regularization
QString groupOf(layerlab::LayerType type);
QColor colorOf(layerlab::LayerType type);       // one accent colour per group
QString displayName(layerlab::LayerType type);  // "Dense", "Conv2D", ...
QString description(layerlab::LayerType type);  // one or two plain sentences for a tooltip

}  // namespace LayerCatalog
