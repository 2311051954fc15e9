#pragma once
// How the model editor's chain looks: where its blocks go (layout) and how they are drawn (the input block,
// one block per layer with its number, type, settings, output shape, parameters and FLOPs, red with the
// engine's message when it cannot work, the output block, the arrows between them, the insertion marker and
// the hint of an empty chain), and each block's tooltip. No state of its own: the editor passes the model,
// the rectangles and what is selected, hovered or dragged, and keeps the events.
#include <QCoreApplication>
#include <QRect>
#include <QString>
#include <vector>

#include "core/model_spec.h"
#include "core/shape_inference.h"

class QPainter;
class QWidget;

// Block rectangles in content coordinates (y grows down from the top of the chain).
struct ChainGeometry {
    QRect input;
    std::vector<QRect> layers;
    QRect output;
    int contentHeight = 0;
};

class BlockPainter {
    Q_DECLARE_TR_FUNCTIONS(BlockPainter)

public:
    // Draws with `widget`'s palette and font.
    explicit BlockPainter(const QWidget* widget) : m_widget(widget) {}

    // Blocks centred in a viewport `width` wide, each as tall as its rows and error text need.
    ChainGeometry layout(const layerlab::ModelSpec& spec, const layerlab::ModelInfo& info, int width) const;

    struct LayerState {
        bool selected = false;
        bool hovered = false;
        bool dragged = false;  // being moved: drawn faint
    };
    // Everything but the layers' state comes from spec and info.
    void paintChain(QPainter& p, const ChainGeometry& g, const layerlab::ModelSpec& spec,
                    const layerlab::ModelInfo& info, int selected, int hovered, int dragged,
                    int insertionMarker) const;
    void paintLayer(QPainter& p, const QRect& r, int index, const layerlab::LayerSpec& layer,
                    const layerlab::LayerInfo* info, LayerState state) const;

    // Rich text: number, type, settings, shapes, parameters and FLOPs or the error, and what the layer does.
    static QString toolTip(int index, const layerlab::LayerSpec& layer, const layerlab::LayerInfo* info);
    // Layers are numbered from 1 in the blocks, as in the engine's messages ("layer 5 (Dense) ...").
    static int displayNumber(int index) { return index + 1; }

    static constexpr int kMargin = 12;  // around the chain, and kept free when scrolling a block into view

private:
    void paintInput(QPainter& p, const QRect& r, const layerlab::ModelSpec& spec) const;
    void paintOutput(QPainter& p, const QRect& r, const layerlab::ModelSpec& spec,
                     const layerlab::ModelInfo& info) const;
    void paintInsertionMarker(QPainter& p, const QRect& above, const QRect& below) const;
    int errorTextHeight(const QString& text, int width) const;

    const QWidget* m_widget;
};
