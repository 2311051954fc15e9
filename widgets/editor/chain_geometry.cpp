#include "widgets/editor/chain_geometry.h"

#include <algorithm>

#include "core/layer_types.h"
#include "i18n/core_text.h"

using layerlab::LayerInfo;
using layerlab::LayerSpec;
using namespace EditorMetrics;

void ChainGeometry::build(const layerlab::ModelSpec& spec, const layerlab::ModelInfo& info, int viewportWidth,
                          const std::function<int(const QString&, int)>& textHeight) {
    m_blocks.clear();
    m_chains.clear();
    const int available = std::max(kMinWidth, viewportWidth - 2 * kMargin);
    const int width = std::min(available, kMaxWidth);
    const int left = (viewportWidth - width) / 2;

    m_input = QRect(left, kMargin, width, 2 * kRow + 2 * kPad);
    std::vector<int> path;
    const int end = layoutChain(spec.layers, &info.layers, QString(), path, left, width, m_input.bottom() + 1,
                                kEmptyGap, textHeight);
    int outH = 2 * kRow + 2 * kPad;
    if (!info.ok() && info.errorLayer < 0)
        outH += 4 + textHeight(CoreText::message(info.error), width - 2 * kPad);
    m_output = QRect(left, end, width, outH);
    m_chains.front().bottom = m_output.top();
    m_contentHeight = m_output.bottom() + 1 + kMargin;
}

int ChainGeometry::layoutChain(const std::vector<LayerSpec>& layers, const std::vector<LayerInfo>* infos,
                               const QString& parent, std::vector<int>& path, int left, int width, int top,
                               int emptyHeight, const std::function<int(const QString&, int)>& textHeight) {
    const size_t chainIndex = m_chains.size();  // m_chains grows while inner chains are laid out
    m_chains.push_back({parent, left, left + width - 1, top, 0, {}});
    const int textWidth = width - kTextLeft - kPad;
    int y = top + (layers.empty() ? emptyHeight : kGap);
    for (size_t i = 0; i < layers.size(); ++i) {
        const LayerSpec& l = layers[i];
        const LayerInfo* li = infos && i < infos->size() ? &(*infos)[i] : nullptr;
        Block b;
        b.id = QString::fromStdString(l.id);
        b.parent = parent;
        b.index = int(i);
        b.depth = int(path.size());
        path.push_back(int(i));
        b.path = path;
        b.number = QString::fromStdString(layerlab::layerNumber(path));
        b.container = layerlab::layerTypeInfo(l.type).hasInnerLayers;
        // Rows: icon row (number, type, parameters), settings (when it has any), output shape; then the
        // engine's message when the layer cannot work.
        int h = kPad + kIcon + 2 + (l.summary().empty() ? 1 : 2) * kRow + kPad;
        if (li && !li->error.empty()) h += 4 + textHeight(CoreText::message(li->error), textWidth);
        b.header = QRect(left, y, width, h);
        b.rect = b.header;
        if (layerlab::canFreeze(l.type))
            b.lock = QRect(b.header.right() - kPad - kLock + 1, y + kPad + (kIcon - kLock) / 2, kLock, kLock);
        const size_t at = m_blocks.size();
        m_blocks.push_back(b);
        m_chains[chainIndex].blocks.push_back(int(at));
        if (b.container) {
            const int innerWidth = std::max(kMinWidth, width - kIndent - kSkipLane);
            const int end = layoutChain(l.layers, li ? &li->inner : nullptr, b.id, path, left + kIndent,
                                        innerWidth, b.header.bottom() + 1, kEmptyInner, textHeight);
            m_blocks[at].footer = QRect(left, end, width, kFooter);
            m_blocks[at].rect = QRect(left, y, width, end + kFooter - y);
        }
        path.pop_back();
        y = m_blocks[at].rect.bottom() + 1 + kGap;
    }
    m_chains[chainIndex].bottom = y;
    return y;
}

const ChainGeometry::Block* ChainGeometry::block(const QString& id) const {
    const int i = blockIndex(id);
    return i < 0 ? nullptr : &m_blocks[i];
}

int ChainGeometry::blockIndex(const QString& id) const {
    if (id.isEmpty()) return -1;
    for (size_t i = 0; i < m_blocks.size(); ++i)
        if (m_blocks[i].id == id) return int(i);
    return -1;
}

const ChainGeometry::Chain* ChainGeometry::chain(const QString& parent) const {
    for (const Chain& c : m_chains)
        if (c.parent == parent) return &c;
    return nullptr;
}

bool ChainGeometry::within(const Block& b, const QString& id) const {
    if (id.isEmpty()) return false;
    for (const Block* at = &b; at; at = block(at->parent))
        if (at->id == id) return true;
    return false;
}

const ChainGeometry::Block* ChainGeometry::blockAt(QPoint p) const {
    const Block* found = nullptr;
    for (const Block& b : m_blocks)  // display order: an inner block comes after the block it is in
        if (b.rect.contains(p)) found = &b;
    return found;
}

const ChainGeometry::Block* ChainGeometry::lockAt(QPoint p) const {
    for (const Block& b : m_blocks)
        if (!b.lock.isNull() && b.lock.contains(p)) return &b;
    return nullptr;
}

DropPlace ChainGeometry::dropAt(QPoint p, const QString& moving) const {
    const Block* container = nullptr;
    for (const Block& b : m_blocks)
        if (b.container && b.rect.contains(p) && !within(b, moving)) container = &b;
    if (container) {
        if (p.y() < container->header.center().y()) return {container->parent, container->index};
        if (p.y() >= container->footer.top()) return {container->parent, container->index + 1};
    }
    const Chain* c = chain(container ? container->id : QString());
    if (!c) return {};
    int index = 0;
    for (int i : c->blocks) {
        const Block& b = m_blocks[i];
        if (p.y() < (b.container ? b.header : b.rect).center().y()) break;
        ++index;
    }
    return {c->parent, index};
}

QLine ChainGeometry::gapLine(const DropPlace& place) const {
    const Chain* c = chain(place.parent);
    if (!c || place.index < 0 || place.index > int(c->blocks.size())) return QLine();
    const int n = int(c->blocks.size());
    const int above = place.index == 0 ? c->top : m_blocks[c->blocks[place.index - 1]].rect.bottom() + 1;
    const int below = place.index == n ? c->bottom : m_blocks[c->blocks[place.index]].rect.top();
    const int y = (above + below) / 2;
    return QLine(c->left, y, c->right, y);
}
