#pragma once
// Where the model editor's blocks sit, in content coordinates (y grows down from the top of the chain): the
// input block, one block per layer in display order (a block such as a Residual holds its inner chain inside
// its own frame, above a footer where the skip is added back), the output block, and the gap of every chain
// where a drop lands. Pure geometry from the spec, its shape inference and the widget's width and font: no
// painting (BlockPainter), no events (ModelEditor).
#include <QLine>
#include <QRect>
#include <QString>
#include <functional>
#include <vector>

#include "core/model_spec.h"
#include "core/shape_inference.h"

// Logical-pixel metrics shared with BlockPainter.
namespace EditorMetrics {
constexpr int kMargin = 12;     // around the chain
constexpr int kMaxWidth = 440;  // blocks stop growing past this; the chain is centred
constexpr int kGap = 26;        // between blocks: room for the arrow and the insertion marker
constexpr int kEmptyGap = 84;   // between input and output when there are no layers (holds the hint)
constexpr int kPad = 8;
constexpr int kStripe = 5;  // group-colour stripe on the left of a layer block
constexpr int kIcon = 24;
constexpr int kRow = 18;
constexpr int kRadius = 6;
constexpr int kTextLeft = kStripe + kPad + kIcon + 8;
constexpr int kIndent = 16;      // a block's inner chain: from its left edge
constexpr int kSkipLane = 30;    // ... and from its right edge, where the skip line runs
constexpr int kEmptyInner = 60;  // an empty inner chain (holds the hint)
constexpr int kFooter = 30;      // the row where the block adds its input back
constexpr int kMinWidth = 120;
constexpr int kLock = 20;  // the freeze toggle at the right end of a block's first row
}  // namespace EditorMetrics

// Where a drop lands: index in the chain of parent ("" = the model's chain, else a block's id).
struct DropPlace {
    QString parent;
    int index = -1;
    bool valid() const { return index >= 0; }
    bool operator==(const DropPlace&) const = default;
};

class ChainGeometry {
public:
    struct Block {
        QString id;
        QString parent;         // "" for the model's chain
        int index = 0;          // in its parent's chain
        int depth = 0;          // 0 for the model's chain
        std::vector<int> path;  // {2, 1}: the spec's layers[2].layers[1] (core/layer_tree.h)
        QString number;         // "3.2"
        bool container = false;
        QRect rect;    // the whole block; a container's includes its inner chain and its footer
        QRect header;  // what shows the layer itself: all of rect for a plain layer
        QRect footer;  // a container's last row (the add), else null
        QRect lock;    // the freeze toggle (a layer type with parameters), else null
    };
    // One chain: the model's (parent "") or a container's inner one.
    struct Chain {
        QString parent;
        int left = 0, right = 0;  // x extent of its blocks
        int top = 0, bottom = 0;  // gap 0 starts at top, the last gap ends at bottom
        std::vector<int> blocks;  // indices into blocks(), in chain order
    };

    // textHeight(text, width): height of `text` wrapped to `width` in the widget's font.
    void build(const layerlab::ModelSpec& spec, const layerlab::ModelInfo& info, int viewportWidth,
               const std::function<int(const QString&, int)>& textHeight);

    const QRect& input() const { return m_input; }
    const QRect& output() const { return m_output; }
    int contentHeight() const { return m_contentHeight; }
    const std::vector<Block>& blocks() const { return m_blocks; }  // display order (a block, then its inner)
    const std::vector<Chain>& chains() const { return m_chains; }
    const Block* block(const QString& id) const;  // nullptr when absent
    int blockIndex(const QString& id) const;      // into blocks(), -1 when absent
    const Chain* chain(const QString& parent) const;
    // Whether block b is `id` or lies inside it.
    bool within(const Block& b, const QString& id) const;

    // The innermost block whose rectangle contains p (for a container: its header, frame or footer when
    // p is not on one of its inner blocks), or nullptr.
    const Block* blockAt(QPoint p) const;
    // The block whose freeze toggle contains p, or nullptr.
    const Block* lockAt(QPoint p) const;
    // Where a drop at p lands. `moving` and everything inside it are not targets (a block cannot move into
    // itself). Above the middle of a block's header: before it; on a container's body: in its chain; on
    // its footer: after it.
    DropPlace dropAt(QPoint p, const QString& moving = QString()) const;
    // The horizontal line through the middle of the gap `place` (for the marker); null when no such gap.
    QLine gapLine(const DropPlace& place) const;

private:
    int layoutChain(const std::vector<layerlab::LayerSpec>& layers,
                    const std::vector<layerlab::LayerInfo>* infos, const QString& parent,
                    std::vector<int>& path, int left, int width, int top, int emptyHeight,
                    const std::function<int(const QString&, int)>& textHeight);

    QRect m_input, m_output;
    int m_contentHeight = 0;
    std::vector<Block> m_blocks;
    std::vector<Chain> m_chains;
};
