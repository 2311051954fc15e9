#include "widgets/editor/block_painter.h"

#include <QPainter>
#include <QPainterPath>
#include <QWidget>
#include <algorithm>

#include "widgets/common/layer_catalog.h"
#include "widgets/common/layer_icons.h"
#include "widgets/common/quantity_format.h"

using layerlab::LayerInfo;
using layerlab::LayerSpec;
using layerlab::ModelInfo;
using layerlab::ModelSpec;

namespace {
// Layout (logical pixels).
constexpr int kMaxWidth = 440;  // blocks stop growing past this; the chain is centred
constexpr int kGap = 26;        // between blocks: room for the arrow and the insertion marker
constexpr int kEmptyGap = 84;   // between input and output when there are no layers (holds the hint)
constexpr int kPad = 8;
constexpr int kStripe = 5;  // group-colour stripe on the left of a layer block
constexpr int kIcon = 24;
constexpr int kRow = 18;
constexpr int kRadius = 6;
constexpr int kTextLeft = kStripe + kPad + kIcon + 8;

const QColor kErrorBorder(0xd9, 0x30, 0x25);
const QColor kErrorText(0xb3, 0x26, 0x1e);

QColor mix(const QColor& a, const QColor& b, double t) {
    return QColor::fromRgbF(a.redF() * (1 - t) + b.redF() * t, a.greenF() * (1 - t) + b.greenF() * t,
                            a.blueF() * (1 - t) + b.blueF() * t);
}

// Layers without settings (Flatten, ReLU, ...) have no second row.
bool hasSettingsRow(const LayerSpec& layer) {
    return !layer.summary().empty();
}
}  // namespace

int BlockPainter::errorTextHeight(const QString& text, int width) const {
    if (text.isEmpty()) return 0;
    return m_widget->fontMetrics().boundingRect(QRect(0, 0, width, 10000), Qt::TextWordWrap, text).height();
}

ChainGeometry BlockPainter::layout(const ModelSpec& spec, const ModelInfo& info, int viewportWidth) const {
    ChainGeometry g;
    const int available = std::max(120, viewportWidth - 2 * kMargin);
    const int width = std::min(available, kMaxWidth);
    const int left = (viewportWidth - width) / 2;
    const int textWidth = width - kTextLeft - kPad;
    const auto& layers = spec.layers;

    int y = kMargin;
    g.input = QRect(left, y, width, 2 * kRow + 2 * kPad);
    y = g.input.bottom() + 1 + (layers.empty() ? kEmptyGap : kGap);

    g.layers.resize(layers.size());
    for (size_t i = 0; i < layers.size(); ++i) {
        int h = kPad + kIcon + 2 + (hasSettingsRow(layers[i]) ? 2 : 1) * kRow + kPad;
        if (i < info.layers.size() && !info.layers[i].error.empty())
            h += 4 + errorTextHeight(QString::fromStdString(info.layers[i].error), textWidth);
        g.layers[i] = QRect(left, y, width, h);
        y += h + kGap;
    }

    int outH = 2 * kRow + 2 * kPad;
    if (!info.ok() && info.errorLayer < 0)
        outH += 4 + errorTextHeight(QString::fromStdString(info.error), width - 2 * kPad);
    g.output = QRect(left, y, width, outH);
    g.contentHeight = g.output.bottom() + 1 + kMargin;
    return g;
}

void BlockPainter::paintChain(QPainter& p, const ChainGeometry& g, const ModelSpec& spec,
                              const ModelInfo& info, int selected, int hovered, int dragged,
                              int insertionMarker) const {
    const QPalette& pal = m_widget->palette();

    // Connectors: an arrow from each block to the next.
    std::vector<QRect> chain;
    chain.push_back(g.input);
    chain.insert(chain.end(), g.layers.begin(), g.layers.end());
    chain.push_back(g.output);
    const QColor lineColor = pal.color(QPalette::Mid);
    p.setPen(QPen(lineColor, 1.5));
    for (size_t i = 0; i + 1 < chain.size(); ++i) {
        const int x = chain[i].center().x();
        const int y0 = chain[i].bottom() + 2, y1 = chain[i + 1].top() - 3;
        p.setPen(QPen(lineColor, 1.5));
        p.drawLine(QPointF(x, y0), QPointF(x, y1 - 1));
        p.setPen(Qt::NoPen);
        p.setBrush(lineColor);
        p.drawPolygon(QPolygonF({QPointF(x - 4, y1 - 5), QPointF(x + 4, y1 - 5), QPointF(x, y1)}));
    }

    if (g.layers.empty()) {
        // Hint in the empty gap.
        const QRect hint(g.input.left() + 16, g.input.bottom() + 14, g.input.width() - 32, kEmptyGap - 28);
        p.setPen(QPen(lineColor, 1, Qt::DashLine));
        p.setBrush(pal.color(QPalette::Base));
        p.drawRoundedRect(hint, kRadius, kRadius);
        p.setPen(pal.color(QPalette::PlaceholderText));
        p.drawText(hint, Qt::AlignCenter | Qt::TextWordWrap, tr("Drag layers here from the palette"));
    }

    paintInput(p, g.input, spec);
    const int n = int(std::min(g.layers.size(), spec.layers.size()));
    for (int i = 0; i < n; ++i)
        paintLayer(p, g.layers[i], i, spec.layers[i], i < int(info.layers.size()) ? &info.layers[i] : nullptr,
                   {i == selected, i == hovered, i == dragged});
    paintOutput(p, g.output, spec, info);
    if (insertionMarker >= 0 && insertionMarker <= n)
        paintInsertionMarker(p, insertionMarker == 0 ? g.input : g.layers[insertionMarker - 1],
                             insertionMarker == n ? g.output : g.layers[insertionMarker]);
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

void BlockPainter::paintLayer(QPainter& p, const QRect& r, int index, const LayerSpec& layer,
                              const LayerInfo* info, LayerState state) const {
    const QPalette& pal = m_widget->palette();
    const bool invalid = info && !info->error.empty();
    const bool selected = state.selected;
    const bool dragged = state.dragged;
    const QColor accent = LayerCatalog::colorOf(layer.type);

    p.save();
    if (dragged) p.setOpacity(0.4);

    QColor bg = pal.color(QPalette::Base);
    if (invalid) bg = mix(bg, kErrorBorder, 0.12);
    if (selected) bg = mix(bg, pal.color(QPalette::Highlight), 0.10);
    QColor border = invalid ? kErrorBorder : pal.color(QPalette::Mid);
    if (selected)
        border = invalid ? kErrorBorder : pal.color(QPalette::Highlight);
    else if (state.hovered && !invalid)
        border = mix(pal.color(QPalette::Mid), pal.color(QPalette::Highlight), 0.5);
    const QRectF box = QRectF(r).adjusted(0.5, 0.5, -0.5, -0.5);

    QPainterPath path;
    path.addRoundedRect(box, kRadius, kRadius);
    p.fillPath(path, bg);
    // Group-colour stripe on the left.
    p.save();
    p.setClipPath(path);
    p.fillRect(QRectF(box.left(), box.top(), kStripe, box.height()), invalid ? kErrorBorder : accent);
    p.restore();
    p.setPen(QPen(border, selected || invalid ? 2.0 : 1.0));
    p.setBrush(Qt::NoBrush);
    p.drawPath(path);

    paintLayerIcon(p, QRectF(r.left() + kStripe + kPad, r.top() + kPad, kIcon, kIcon), layer.type);

    const int x = r.left() + kTextLeft;
    const int w = r.right() - kPad - x;
    QFont bold = m_widget->font();
    bold.setBold(true);
    const QFontMetrics fm = m_widget->fontMetrics();

    // Row 1: number, type, parameter count.
    const QRect row1(x, r.top() + kPad, w, kIcon);
    QString params = info && !invalid && !info->outputShape.dims.empty()
                         ? QuantityFormat::params(info->params)
                         : QString();
    p.setPen(pal.color(QPalette::PlaceholderText));
    p.setFont(m_widget->font());
    p.drawText(row1, Qt::AlignRight | Qt::AlignVCenter, params);
    const QString number = QString::number(displayNumber(index));
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
    if (hasSettingsRow(layer)) {
        row2.setHeight(kRow);
        p.setPen(pal.color(QPalette::Text));
        p.drawText(row2, Qt::AlignLeft | Qt::AlignVCenter,
                   fm.elidedText(QString::fromStdString(layer.summary()), Qt::ElideRight, w));
    }

    // Row 3: output shape (and FLOPs).
    const QRect row3(x, row2.top() + row2.height(), w, kRow);
    p.setPen(pal.color(QPalette::PlaceholderText));
    QString shape;
    if (info && !info->outputShape.dims.empty())
        shape = QStringLiteral("\u2192 %1").arg(QString::fromStdString(info->outputShape.toString()));
    else
        shape = invalid ? tr("\u2192 no output") : tr("\u2192 (fix the layers above first)");
    QString flops = info && !invalid && info->flops > 0 ? QuantityFormat::flops(info->flops) : QString();
    p.drawText(row3, Qt::AlignRight | Qt::AlignVCenter, flops);
    p.drawText(QRect(row3.left(), row3.top(), w - fm.horizontalAdvance(flops) - 6, kRow),
               Qt::AlignLeft | Qt::AlignVCenter,
               fm.elidedText(shape, Qt::ElideRight, w - fm.horizontalAdvance(flops) - 6));

    // The engine's message, wrapped, when the layer cannot work.
    if (invalid) {
        const QString error = QString::fromStdString(info->error);
        const QRect errRect(x, row3.bottom() + 5, w, errorTextHeight(error, w));
        p.setPen(kErrorText);
        p.drawText(errRect, Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop, error);
    }
    p.restore();
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
        line = tr("Fix layer %1 to see the output").arg(displayNumber(info.errorLayer));
    else
        line = tr("The model cannot produce the output:");
    p.drawText(row2, Qt::AlignLeft | Qt::AlignVCenter,
               m_widget->fontMetrics().elidedText(line, Qt::ElideRight, row2.width()));
    if (modelError) {
        const QString error = QString::fromStdString(info.error);
        p.setPen(kErrorText);
        p.drawText(QRect(row2.left(), row2.bottom() + 5, row2.width(), errorTextHeight(error, row2.width())),
                   Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop, error);
    }
}

void BlockPainter::paintInsertionMarker(QPainter& p, const QRect& above, const QRect& below) const {
    const double y = (above.bottom() + below.top() + 1) / 2.0;
    const QColor c = m_widget->palette().color(QPalette::Highlight);
    p.setPen(QPen(c, 3, Qt::SolidLine, Qt::RoundCap));
    p.drawLine(QPointF(above.left() + 6, y), QPointF(above.right() - 6, y));
    p.setPen(Qt::NoPen);
    p.setBrush(c);
    p.drawEllipse(QPointF(above.left() + 4, y), 4.5, 4.5);
    p.drawEllipse(QPointF(above.right() - 4, y), 4.5, 4.5);
}

QString BlockPainter::toolTip(int index, const LayerSpec& layer, const LayerInfo* info) {
    QString tip = QStringLiteral("<b>%1 \u00b7 %2</b> \u2014 %3")
                      .arg(displayNumber(index))
                      .arg(LayerCatalog::displayName(layer.type),
                           QString::fromStdString(layer.summary()).toHtmlEscaped());
    if (info) {
        if (!info->error.empty()) {
            tip += QStringLiteral("<br><span style='color:#b3261e'>%1</span>")
                       .arg(QString::fromStdString(info->error).toHtmlEscaped());
        } else if (!info->outputShape.dims.empty()) {
            tip += tr("<br>in %1 \u2192 out %2<br>%3, %4 per sample")
                       .arg(QString::fromStdString(info->inputShape.toString()),
                            QString::fromStdString(info->outputShape.toString()),
                            QuantityFormat::params(info->params), QuantityFormat::flops(info->flops));
        }
    }
    tip += QStringLiteral("<br><i>%1</i>").arg(LayerCatalog::description(layer.type).toHtmlEscaped());
    return tip;
}

// ---- events ----------------------------------------------------------------------------------------------
