#pragma once
// How the model editor's chain looks: the input block, one block per layer (number, type, settings, output
// shape, parameters and FLOPs; red with the engine's message when it cannot work), a block such as a
// Residual drawn as a frame around its inner chain with the skip running down its right side into the add
// at its foot, the output block, the arrows between them, the insertion marker and the hints of empty
// chains; and each block's tooltip. No state of its own: the editor passes the geometry (ChainGeometry) and
// what is selected, hovered or dragged, and keeps the events.
#include <QCoreApplication>
#include <QLine>
#include <QString>

#include "core/model_spec.h"
#include "core/shape_inference.h"
#include "widgets/editor/chain_geometry.h"

class QPainter;
class QWidget;

class BlockPainter {
    Q_DECLARE_TR_FUNCTIONS(BlockPainter)

public:
    // Draws with `widget`'s palette and font.
    explicit BlockPainter(const QWidget* widget) : m_widget(widget) {}

    struct State {
        QString selected, hovered, dragged;  // layer ids ("" = none); a dragged block is drawn faint
        QLine marker;                        // the insertion marker, null when no drag hovers
    };
    // Everything: connectors, the blocks in display order (a container, then its inner blocks on top of it),
    // the input and output blocks, the marker.
    void paintChain(QPainter& p, const ChainGeometry& g, const layerlab::ModelSpec& spec,
                    const layerlab::ModelInfo& info, const State& state) const;
    // Rich text: number, type, settings, shapes, parameters and FLOPs or the error, what the layer does.
    static QString toolTip(const QString& number, const layerlab::LayerSpec& layer,
                           const layerlab::LayerInfo* info);

    // Height of `text` wrapped to `width` in the widget's font (for the geometry).
    int textHeight(const QString& text, int width) const;

private:
    // One block: a plain layer, or a container's frame and header (not its inner blocks).
    void paintBlock(QPainter& p, const ChainGeometry::Block& b, const layerlab::LayerSpec& layer,
                    const layerlab::LayerInfo* info, bool selected, bool hovered) const;
    void paintInput(QPainter& p, const QRect& r, const layerlab::ModelSpec& spec) const;
    void paintOutput(QPainter& p, const QRect& r, const layerlab::ModelSpec& spec,
                     const layerlab::ModelInfo& info) const;
    void paintHeader(QPainter& p, const QRect& r, const QString& number, const layerlab::LayerSpec& layer,
                     const layerlab::LayerInfo* info) const;
    void paintContainerParts(QPainter& p, const ChainGeometry::Block& b, const ChainGeometry& g,
                             const layerlab::ModelSpec& spec) const;
    void paintArrows(QPainter& p, const ChainGeometry::Chain& c, const ChainGeometry& g) const;
    void paintEmptyHint(QPainter& p, const QRect& r, const QString& text) const;
    void paintMarker(QPainter& p, const QLine& line) const;

    const QWidget* m_widget;
};
