#pragma once
// Icons for the layer types, drawn with QPainter (no image files): a rounded tile in the layer group's
// colour with a white glyph that hints at what the layer does (a filter window for Conv2D, the ReLU hinge,
// ...).
#include <QIcon>

#include "core/model_spec.h"

class QPainter;
class QRectF;

QIcon layerIcon(layerlab::LayerType type);  // cached; crisp at 16..64 px

// Draws the same icon into any rectangle (the model editor paints it inside each block).
void paintLayerIcon(QPainter& painter, const QRectF& rect, layerlab::LayerType type);
