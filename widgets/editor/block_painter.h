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
        QString lockHovered;                 // the layer whose freeze toggle is under the mouse
        QLine marker;                        // the insertion marker, null when no drag hovers
    };
    // Everything: connectors, the blocks in display order (a container, then its inner blocks on top of it),
    // the input and output blocks, the marker.
    void paintChain(QPainter& p, const ChainGeometry& g, const layerlab::ModelSpec& spec,
                    const layerlab::ModelInfo& info, const State& state) const;
    // Rich text: number, type, settings, shapes, parameters and FLOPs or the error, whether it is frozen,
    // what the layer does.
    static QString toolTip(const QString& number, const layerlab::LayerSpec& layer,
                           const layerlab::LayerInfo* info, bool frozen = false);
    // The freeze toggle's tooltip: what it does now for this layer (frozen by its own flag or its block's).
    static QString lockToolTip(const layerlab::LayerSpec& layer, bool frozen);
    // The lock drawn on blocks: closed (frozen) or open, in `color`.
    static void paintLock(QPainter& p, const QRectF& r, bool closed, const QColor& color);
    static QColor frozenColor();  // the frozen layers' blue

    // Height of `text` wrapped to `width` in the widget's font (for the geometry).
    int textHeight(const QString& text, int width) const;

private:
    // One block: a plain layer, or a container's frame and header (not its inner blocks).
    struct Look {
        bool selected = false, hovered = false;
        bool frozen = false;  // by its own flag or a block around it
        bool lockHovered = false;
    };
    void paintBlock(QPainter& p, const ChainGeometry::Block& b, const layerlab::LayerSpec& layer,
                    const layerlab::LayerInfo* info, const Look& look) const;
    void paintInput(QPainter& p, const QRect& r, const layerlab::ModelSpec& spec) const;
    void paintOutput(QPainter& p, const QRect& r, const layerlab::ModelSpec& spec,
                     const layerlab::ModelInfo& info) const;
    void paintHeader(QPainter& p, const ChainGeometry::Block& b, const layerlab::LayerSpec& layer,
                     const layerlab::LayerInfo* info, const Look& look) const;
    void paintContainerParts(QPainter& p, const ChainGeometry::Block& b, const ChainGeometry& g,
                             const layerlab::ModelSpec& spec) const;
    void paintArrows(QPainter& p, const ChainGeometry::Chain& c, const ChainGeometry& g) const;
    void paintEmptyHint(QPainter& p, const QRect& r, const QString& text) const;
    void paintMarker(QPainter& p, const QLine& line) const;

    const QWidget* m_widget;
};
