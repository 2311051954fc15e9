#include "widgets/editor/block_painter.h"

#include <QPainter>
#include <QPainterPath>
#include <QWidget>
#include <algorithm>

#include "core/freezing.h"
#include "core/layer_tree.h"
#include "core/layer_types.h"
#include "i18n/core_text.h"
#include "widgets/common/layer_catalog.h"
#include "widgets/common/layer_icons.h"
#include "widgets/common/quantity_format.h"

using layerlab::LayerInfo;
using layerlab::LayerSpec;
using layerlab::ModelInfo;
using layerlab::ModelSpec;
using namespace EditorMetrics;

namespace {
const QColor kErrorBorder(0xd9, 0x30, 0x25);
const QColor kErrorText(0xb3, 0x26, 0x1e);
constexpr double kAddRadius = 9;  // the add circle in a container's footer

QColor mix(const QColor& a, const QColor& b, double t) {
    return QColor::fromRgbF(a.redF() * (1 - t) + b.redF() * t, a.greenF() * (1 - t) + b.greenF() * t,
                            a.blueF() * (1 - t) + b.blueF() * t);
}

// Whether a layer inside this one (at any depth) cannot work.
bool innerBroken(const LayerInfo& info) {
    return std::any_of(info.inner.begin(), info.inner.end(),
                       [](const LayerInfo& i) { return !i.error.empty() || innerBroken(i); });
}

void arrow(QPainter& p, const QColor& color, double x, double y0, double y1) {
    p.setPen(QPen(color, 1.5));
    p.drawLine(QPointF(x, y0), QPointF(x, y1 - 1));
    p.setPen(Qt::NoPen);
    p.setBrush(color);
    p.drawPolygon(QPolygonF({QPointF(x - 4, y1 - 5), QPointF(x + 4, y1 - 5), QPointF(x, y1)}));
}
}  // namespace

int BlockPainter::textHeight(const QString& text, int width) const {
    if (text.isEmpty()) return 0;
    return m_widget->fontMetrics().boundingRect(QRect(0, 0, width, 10000), Qt::TextWordWrap, text).height();
}

void BlockPainter::paintChain(QPainter& p, const ChainGeometry& g, const ModelSpec& spec,
                              const ModelInfo& info, const State& state) const {
    const ChainGeometry::Chain& top = g.chains().front();
    paintArrows(p, top, g);
    if (top.blocks.empty())
        paintEmptyHint(
            p, QRect(g.input().left() + 16, g.input().bottom() + 14, g.input().width() - 32, kEmptyGap - 28),
            tr("Drag layers here from the palette"));
    paintInput(p, g.input(), spec);
    for (const ChainGeometry::Block& b : g.blocks()) {
        const LayerSpec* layer = layerlab::layerAtPath(spec, b.path);
        if (!layer) continue;
        p.save();
        if (g.within(b, state.dragged)) p.setOpacity(0.4);
        Look look;
        look.selected = b.id == state.selected;
        look.hovered = b.id == state.hovered;
        look.frozen = !b.lock.isNull() && layerlab::isFrozen(spec, b.path);
        look.lockHovered = b.id == state.lockHovered;
        paintBlock(p, b, *layer, layerlab::layerInfoAt(info, b.path), look);
        if (b.container) paintContainerParts(p, b, g, spec);
        p.restore();
    }
    paintOutput(p, g.output(), spec, info);
    if (!state.marker.isNull()) paintMarker(p, state.marker);
}

void BlockPainter::paintArrows(QPainter& p, const ChainGeometry::Chain& c, const ChainGeometry& g) const {
    const QColor lineColor = m_widget->palette().color(QPalette::Mid);
    const double x = (c.left + c.right) / 2.0;
    int above = c.top;
    for (int i : c.blocks) {
        const QRect& r = g.blocks()[i].rect;
        arrow(p, lineColor, x, above + 1, r.top() - 3);
        above = r.bottom() + 1;
    }
    const bool inBlock = !c.parent.isEmpty();  // ends in the add circle of its container's footer
    const double end = inBlock ? c.bottom + kFooter / 2.0 - kAddRadius - 1 : c.bottom - 3;
    arrow(p, lineColor, x, above + 1, end);
}

void BlockPainter::paintEmptyHint(QPainter& p, const QRect& r, const QString& text) const {
    const QPalette& pal = m_widget->palette();
    p.setPen(QPen(pal.color(QPalette::Mid), 1, Qt::DashLine));
    p.setBrush(pal.color(QPalette::Base));
    p.drawRoundedRect(r, kRadius, kRadius);
    p.setPen(pal.color(QPalette::PlaceholderText));
    p.drawText(r, Qt::AlignCenter | Qt::TextWordWrap, text);
}

void BlockPainter::paintInput(QPainter& p, const QRect& r, const ModelSpec& spec) const {
    const QPalette& pal = m_widget->palette();
    p.setPen(QPen(pal.color(QPalette::Mid), 1));
    p.setBrush(mix(pal.color(QPalette::Base), pal.color(QPalette::Window), 0.6));
    p.drawRoundedRect(QRectF(r).adjusted(0.5, 0.5, -0.5, -0.5), kRadius, kRadius);

    QFont bold = m_widget->font();
    bold.setBold(true);
    p.setFont(bold);
    p.setPen(pal.color(QPalette::Text));
    const QRect row1(r.left() + kPad + 2, r.top() + kPad, r.width() - 2 * kPad - 4, kRow);
    p.drawText(row1, Qt::AlignLeft | Qt::AlignVCenter, tr("Input"));
    p.setFont(m_widget->font());
    p.setPen(pal.color(QPalette::PlaceholderText));
    p.drawText(row1, Qt::AlignRight | Qt::AlignVCenter, QString::fromStdString(spec.input.toString()));
    const QRect row2 = row1.translated(0, kRow);
    const QString what = spec.input.isSpatial() ? tr("%1 channel(s), %2 x %3 pixel image")
                                                      .arg(spec.input.c())
                                                      .arg(spec.input.h())
                                                      .arg(spec.input.w())
                                                : tr("%1 numbers").arg(spec.input.size());
    p.drawText(row2, Qt::AlignLeft | Qt::AlignVCenter,
               m_widget->fontMetrics().elidedText(what, Qt::ElideRight, row2.width()));
}

void BlockPainter::paintBlock(QPainter& p, const ChainGeometry::Block& b, const LayerSpec& layer,
                              const LayerInfo* info, const Look& look) const {
    const bool selected = look.selected, hovered = look.hovered;
    const QPalette& pal = m_widget->palette();
    const bool invalid = info && !info->error.empty();
    const QColor accent = LayerCatalog::colorOf(layer.type);

    // A container's frame is tinted with its group colour, so its inner blocks stand out inside it.
    QColor bg = b.container ? mix(pal.color(QPalette::Base), accent, 0.08) : pal.color(QPalette::Base);
    if (invalid) bg = mix(bg, kErrorBorder, 0.12);
    if (selected) bg = mix(bg, pal.color(QPalette::Highlight), 0.10);
    QColor border = invalid ? kErrorBorder : pal.color(QPalette::Mid);
    if (selected)
        border = invalid ? kErrorBorder : pal.color(QPalette::Highlight);
    else if (hovered && !invalid)
        border = mix(pal.color(QPalette::Mid), pal.color(QPalette::Highlight), 0.5);
    const QRectF box = QRectF(b.rect).adjusted(0.5, 0.5, -0.5, -0.5);

    QPainterPath path;
    path.addRoundedRect(box, kRadius, kRadius);
    p.fillPath(path, bg);
    // A frozen layer is iced over: a faint blue hatch (its inner blocks are drawn on top of a frozen
    // block's).
    if (look.frozen) {
        QColor ice = frozenColor();
        ice.setAlphaF(0.16);
        p.fillPath(path, QBrush(ice, Qt::BDiagPattern));
    }
    // Group-colour stripe on the left.
    p.save();
    p.setClipPath(path);
    p.fillRect(QRectF(box.left(), box.top(), kStripe, box.height()), invalid ? kErrorBorder : accent);
    p.restore();
    p.setPen(QPen(border, selected || invalid ? 2.0 : 1.0));
    p.setBrush(Qt::NoBrush);
    p.drawPath(path);
    paintHeader(p, b, layer, info, look);
}

QColor BlockPainter::frozenColor() {
    return QColor(0x2f, 0x64, 0xb0);
}

void BlockPainter::paintLock(QPainter& p, const QRectF& r, bool closed, const QColor& color) {
    p.save();
    const double w = r.width(), h = r.height();
    const QRectF body(r.left() + 0.2 * w, r.top() + 0.46 * h, 0.6 * w, 0.42 * h);
    // The shackle: an arch over the body; open, it is lifted and its right leg stands free.
    const double inset = 0.12 * w, lift = closed ? 0.0 : 0.14 * h;
    const double legL = body.left() + inset, legR = body.right() - inset;
    const double top = r.top() + 0.1 * h - lift, bottom = body.top() + 0.5 - lift;
    QPainterPath shackle;
    shackle.moveTo(legL, closed ? body.top() : bottom);
    shackle.lineTo(legL, top + (legR - legL) / 2);
    shackle.arcTo(QRectF(legL, top, legR - legL, legR - legL), 180, -180);
    shackle.lineTo(legR, closed ? body.top() : top + (legR - legL) / 2 + 0.12 * h);
    p.setBrush(Qt::NoBrush);
    p.setPen(QPen(color, std::max(1.5, 0.1 * w), Qt::SolidLine, Qt::RoundCap));
    p.drawPath(shackle);
    p.setPen(QPen(color, 1.2));
    p.setBrush(closed ? QBrush(color) : QBrush(Qt::NoBrush));
    p.drawRoundedRect(body, 1.5, 1.5);
    if (closed) {  // the keyhole
        p.setPen(Qt::NoPen);
        p.setBrush(Qt::white);
        p.drawEllipse(QPointF(body.center().x(), body.center().y() - 0.5), 0.07 * w, 0.07 * w);
    }
    p.restore();
}

void BlockPainter::paintHeader(QPainter& p, const ChainGeometry::Block& b, const LayerSpec& layer,
                               const LayerInfo* info, const Look& look) const {
    const QRect& r = b.header;
    const QString& number = b.number;
    const QPalette& pal = m_widget->palette();
    const bool invalid = info && !info->error.empty();
    paintLayerIcon(p, QRectF(r.left() + kStripe + kPad, r.top() + kPad, kIcon, kIcon), layer.type);

    const int x = r.left() + kTextLeft;
    const int w = r.right() - kPad - x;
    QFont bold = m_widget->font();
    bold.setBold(true);
    const QFontMetrics fm = m_widget->fontMetrics();

    // The freeze toggle: a closed lock in blue when frozen (faint when only its block is), an open one in
    // grey otherwise, stronger under the mouse.
    if (!b.lock.isNull()) {
        if (look.lockHovered) {
            p.setPen(Qt::NoPen);
            p.setBrush(mix(pal.color(QPalette::Base), pal.color(QPalette::Highlight), 0.18));
            p.drawRoundedRect(QRectF(b.lock).adjusted(-1, -1, 1, 1), 4, 4);
        }
        QColor c = look.frozen ? frozenColor() : pal.color(QPalette::PlaceholderText);
        if (look.frozen && layer.trainable) c.setAlphaF(0.45);  // frozen by the block around it
        if (!look.frozen && !look.lockHovered) c.setAlphaF(0.55);
        paintLock(p, QRectF(b.lock).adjusted(1, 1, -1, -1), look.frozen, c);
    }

    // Row 1: number, type, parameter count ("frozen" after it when frozen).
    const int right = b.lock.isNull() ? r.right() - kPad : b.lock.left() - 4;
    const QRect row1(x, r.top() + kPad, right - x, kIcon);
    QString params = info && !invalid && !info->outputShape.dims.empty()
                         ? QuantityFormat::params(info->params)
                         : QString();
    if (look.frozen && !params.isEmpty()) params = tr("%1, frozen").arg(params);
    p.setPen(look.frozen ? frozenColor() : pal.color(QPalette::PlaceholderText));
    p.setFont(m_widget->font());
    p.drawText(row1, Qt::AlignRight | Qt::AlignVCenter, params);
    p.setPen(pal.color(QPalette::PlaceholderText));
    p.drawText(row1, Qt::AlignLeft | Qt::AlignVCenter, number);
    const int nameX = x + fm.horizontalAdvance(number) + 6;
    p.setFont(bold);
    p.setPen(pal.color(QPalette::Text));
    p.drawText(
        QRect(nameX, row1.top(), row1.right() - nameX - fm.horizontalAdvance(params) - 6, row1.height()),
        Qt::AlignLeft | Qt::AlignVCenter, LayerCatalog::displayName(layer.type));
    p.setFont(m_widget->font());

    // Row 2: key settings (absent for layers without any).
    QRect row2(x, row1.bottom() + 3, w, 0);
    const QString summary = QString::fromStdString(layer.summary());
    if (!summary.isEmpty()) {
        row2.setHeight(kRow);
        p.setPen(pal.color(QPalette::Text));
        p.drawText(row2, Qt::AlignLeft | Qt::AlignVCenter, fm.elidedText(summary, Qt::ElideRight, w));
    }

    // Row 3: output shape (and FLOPs).
    const QRect row3(x, row2.top() + row2.height(), w, kRow);
    p.setPen(pal.color(QPalette::PlaceholderText));
    QString shape;
    if (info && !info->outputShape.dims.empty())
        shape = QStringLiteral("\u2192 %1").arg(QString::fromStdString(info->outputShape.toString()));
    else if (invalid)
        shape = tr("\u2192 no output");
    else if (info && innerBroken(*info))
        shape = tr("\u2192 (fix the layers inside first)");
    else
        shape = tr("\u2192 (fix the layers above first)");
    const QString flops =
        info && !invalid && info->flops > 0 ? QuantityFormat::flops(info->flops) : QString();
    p.drawText(row3, Qt::AlignRight | Qt::AlignVCenter, flops);
    p.drawText(QRect(row3.left(), row3.top(), w - fm.horizontalAdvance(flops) - 6, kRow),
               Qt::AlignLeft | Qt::AlignVCenter,
               fm.elidedText(shape, Qt::ElideRight, w - fm.horizontalAdvance(flops) - 6));

    // The engine's message, wrapped, when the layer cannot work.
    if (invalid) {
        const QString error = CoreText::message(info->error);
        const QRect errRect(x, row3.bottom() + 5, w, textHeight(error, w));
        p.setPen(kErrorText);
        p.drawText(errRect, Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop, error);
    }
}

// The inner chain's arrows (or the hint of an empty one), the skip down the right side and the add at the
// foot: y = x + f(x).
void BlockPainter::paintContainerParts(QPainter& p, const ChainGeometry::Block& b, const ChainGeometry& g,
                                       const ModelSpec& spec) const {
    const ChainGeometry::Chain* c = g.chain(b.id);
    if (!c) return;
    const QPalette& pal = m_widget->palette();
    const QColor line = pal.color(QPalette::Mid);
    const LayerSpec* layer = layerlab::layerAtPath(spec, b.path);
    const bool skipBlock = layer && layerlab::layerTypeInfo(layer->type).addsInput;
    paintArrows(p, *c, g);
    if (c->blocks.empty())
        paintEmptyHint(p, QRect(c->left + 8, c->top + 10, c->right - c->left - 16, kEmptyInner - 20),
                       skipBlock ? tr("Drop layers here: the block adds their output to its input")
                                 : tr("Drop layers here"));

    const QPointF add((c->left + c->right) / 2.0, b.footer.center().y() + 0.5);
    if (!skipBlock) {  // a block without a skip: its chain just leaves through the footer
        p.setPen(QPen(line, 1.5));
        p.drawLine(QPointF(add.x(), b.footer.top()), QPointF(add.x(), b.rect.bottom()));
        return;
    }
    const QColor skip = mix(LayerCatalog::colorOf(layer->type), pal.color(QPalette::Text), 0.25);
    const double x = b.rect.right() - kSkipLane / 2.0;
    // The skip: x leaves under the header, runs down and enters the add from the right.
    p.setPen(QPen(skip, 1.8, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    p.setBrush(Qt::NoBrush);
    QPainterPath skipPath(QPointF(x, b.header.bottom() + 2));
    skipPath.lineTo(x, add.y());
    skipPath.lineTo(add.x() + kAddRadius + 5, add.y());
    p.drawPath(skipPath);
    p.setPen(Qt::NoPen);
    p.setBrush(skip);
    p.drawPolygon(QPolygonF({QPointF(add.x() + kAddRadius + 6, add.y() - 4),
                             QPointF(add.x() + kAddRadius + 6, add.y() + 4),
                             QPointF(add.x() + kAddRadius + 1, add.y())}));
    QFont small = m_widget->font();
    small.setItalic(true);
    p.setFont(small);
    p.setPen(skip);
    p.drawText(QRectF(x + 4, b.header.bottom() + 2, kSkipLane / 2.0 - 4, kRow),
               Qt::AlignLeft | Qt::AlignVCenter, QStringLiteral("x"));
    p.setFont(m_widget->font());

    // The add, and the sum leaving it downwards.
    p.setPen(QPen(line, 1.5));
    p.drawLine(QPointF(add.x(), add.y() + kAddRadius), QPointF(add.x(), b.rect.bottom()));
    p.setPen(QPen(skip, 1.5));
    p.setBrush(pal.color(QPalette::Base));
    p.drawEllipse(add, kAddRadius, kAddRadius);
    p.drawLine(QPointF(add.x() - 4.5, add.y()), QPointF(add.x() + 4.5, add.y()));
    p.drawLine(QPointF(add.x(), add.y() - 4.5), QPointF(add.x(), add.y() + 4.5));
    const QFontMetrics fm = m_widget->fontMetrics();
    const int textRight = int(add.x() - kAddRadius - 8), textLeft = b.rect.left() + kStripe + kPad;
    p.setPen(pal.color(QPalette::PlaceholderText));
    p.drawText(QRect(textLeft, b.footer.top(), textRight - textLeft, b.footer.height()),
               Qt::AlignRight | Qt::AlignVCenter,
               fm.elidedText(tr("y = x + f(x)"), Qt::ElideLeft, textRight - textLeft));
}

void BlockPainter::paintOutput(QPainter& p, const QRect& r, const ModelSpec& spec,
                               const ModelInfo& info) const {
    const QPalette& pal = m_widget->palette();
    const bool modelError = !info.ok() && info.errorLayer < 0;

    QColor bg = mix(pal.color(QPalette::Base), pal.color(QPalette::Window), 0.6);
    if (modelError) bg = mix(pal.color(QPalette::Base), kErrorBorder, 0.12);
    p.setPen(QPen(modelError ? kErrorBorder : pal.color(QPalette::Mid), modelError ? 2.0 : 1.0));
    p.setBrush(bg);
    p.drawRoundedRect(QRectF(r).adjusted(0.5, 0.5, -0.5, -0.5), kRadius, kRadius);

    QFont bold = m_widget->font();
    bold.setBold(true);
    const QRect row1(r.left() + kPad + 2, r.top() + kPad, r.width() - 2 * kPad - 4, kRow);
    p.setFont(bold);
    p.setPen(pal.color(QPalette::Text));
    p.drawText(row1, Qt::AlignLeft | Qt::AlignVCenter, tr("Output"));
    p.setFont(m_widget->font());
    p.setPen(pal.color(QPalette::PlaceholderText));
    p.drawText(row1, Qt::AlignRight | Qt::AlignVCenter, tr("%1 classes").arg(spec.classes));

    const QRect row2 = row1.translated(0, kRow);
    QString line;
    if (info.ok())
        line = tr("\u2192 %1 scores, one per class").arg(QString::fromStdString(info.outputShape.toString()));
    else if (!modelError)
        line = tr("Fix layer %1 to see the output")
                   .arg(QString::fromStdString(layerlab::layerNumber(info.errorPath)));
    else
        line = tr("The model cannot produce the output:");
    p.drawText(row2, Qt::AlignLeft | Qt::AlignVCenter,
               m_widget->fontMetrics().elidedText(line, Qt::ElideRight, row2.width()));
    if (modelError) {
        const QString error = CoreText::message(info.error);
        p.setPen(kErrorText);
        p.drawText(QRect(row2.left(), row2.bottom() + 5, row2.width(), textHeight(error, row2.width())),
                   Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop, error);
    }
}

void BlockPainter::paintMarker(QPainter& p, const QLine& line) const {
    const QColor c = m_widget->palette().color(QPalette::Highlight);
    const double y = line.y1() + 0.5;
    p.setPen(QPen(c, 3, Qt::SolidLine, Qt::RoundCap));
    p.drawLine(QPointF(line.x1() + 6, y), QPointF(line.x2() - 6, y));
    p.setPen(Qt::NoPen);
    p.setBrush(c);
    p.drawEllipse(QPointF(line.x1() + 4, y), 4.5, 4.5);
    p.drawEllipse(QPointF(line.x2() - 4, y), 4.5, 4.5);
}

QString BlockPainter::lockToolTip(const LayerSpec& layer, bool frozen) {
    if (frozen && layer.trainable)
        return tr("Frozen with the block it is in: unfreeze the block to train it.");
    if (frozen)
        return tr(
            "<b>Frozen</b>: its weights keep their values while the rest of the model trains (no "
            "update, no L2, no optimizer state, no weight gradients). Click to unfreeze.");
    return tr(
        "<b>Trainable</b>. Click to freeze its weights: they then keep their values while the rest "
        "of the model trains, as when a model learned on one dataset gets a new last layer for "
        "another (transfer learning).");
}

QString BlockPainter::toolTip(const QString& number, const LayerSpec& layer, const LayerInfo* info,
                              bool frozen) {
    QString tip = QStringLiteral("<b>%1 \u00b7 %2</b> \u2014 %3")
                      .arg(number, LayerCatalog::displayName(layer.type),
                           QString::fromStdString(layer.summary()).toHtmlEscaped());
    if (info) {
        if (!info->error.empty()) {
            tip += QStringLiteral("<br><span style='color:#b3261e'>%1</span>")
                       .arg(CoreText::message(info->error).toHtmlEscaped());
        } else if (!info->outputShape.dims.empty()) {
            tip += tr("<br>in %1 \u2192 out %2<br>%3, %4 per sample")
                       .arg(QString::fromStdString(info->inputShape.toString()),
                            QString::fromStdString(info->outputShape.toString()),
                            QuantityFormat::params(info->params), QuantityFormat::flops(info->flops));
            if (frozen)
                tip += tr("<br><span style='color:#2f64b0'>Frozen: its weights do not train</span>");
            else if (layerlab::frozenParams(*info) > 0)
                tip += tr("<br><span style='color:#2f64b0'>%1 of them frozen (layers inside)</span>")
                           .arg(QuantityFormat::params(layerlab::frozenParams(*info)));
            if (info->stateParams > 0)
                tip += tr("<br>%1 of them running statistics (no gradient moves them)")
                           .arg(QuantityFormat::params(info->stateParams));
        }
    }
    tip += QStringLiteral("<br><i>%1</i>").arg(LayerCatalog::description(layer.type).toHtmlEscaped());
    return tip;
}
