#include "widgets/editor/model_editor.h"

#include <QAction>
#include <QApplication>
#include <QContextMenuEvent>
#include <QDrag>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QLabel>
#include <QMenu>
#include <QMimeData>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QScrollBar>
#include <QTimer>
#include <QToolTip>
#include <algorithm>

#include "widgets/common/layer_catalog.h"
#include "widgets/common/layer_icons.h"
#include "widgets/common/quantity_format.h"
#include "widgets/document/model_document.h"
#include "widgets/editor/layer_mime.h"

using layerlab::LayerInfo;
using layerlab::LayerSpec;
using layerlab::LayerType;

namespace {
// Layout (logical pixels).
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
constexpr int kAutoScrollZone = 28;

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

// Layers are numbered from 1 in the blocks, as in the engine's messages ("layer 5 (Dense) ...").
int displayNumber(int index) {
    return index + 1;
}
}  // namespace

ModelEditor::ModelEditor(ModelDocument* document, QWidget* parent)
    : QAbstractScrollArea(parent), m_doc(document) {
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    setFocusPolicy(Qt::StrongFocus);
    setAcceptDrops(true);
    viewport()->setAcceptDrops(true);
    viewport()->setMouseTracking(true);
    viewport()->setBackgroundRole(QPalette::AlternateBase);
    viewport()->setAutoFillBackground(true);
    verticalScrollBar()->setSingleStep(24);
    setAccessibleName(tr("Model editor"));

    m_deleteAction = new QAction(tr("&Delete Layer"), this);
    m_deleteAction->setShortcuts({QKeySequence(QKeySequence::Delete), QKeySequence(Qt::Key_Backspace)});
    m_deleteAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_deleteAction, &QAction::triggered, this, &ModelEditor::deleteSelected);

    m_duplicateAction = new QAction(tr("D&uplicate Layer"), this);
    m_duplicateAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
    m_duplicateAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_duplicateAction, &QAction::triggered, this, &ModelEditor::duplicateSelected);

    m_moveUpAction = new QAction(tr("Move Layer &Up"), this);
    m_moveUpAction->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Up));
    m_moveUpAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_moveUpAction, &QAction::triggered, this, [this] { moveSelected(-1); });

    m_moveDownAction = new QAction(tr("Move Layer Do&wn"), this);
    m_moveDownAction->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Down));
    m_moveDownAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_moveDownAction, &QAction::triggered, this, [this] { moveSelected(+1); });

    addActions({m_deleteAction, m_duplicateAction, m_moveUpAction, m_moveDownAction});

    m_autoScroll = new QTimer(this);
    m_autoScroll->setInterval(30);
    connect(m_autoScroll, &QTimer::timeout, this, &ModelEditor::autoScrollStep);

    m_lockBanner = new QLabel(this);
    m_lockBanner->setObjectName(QStringLiteral("modelLockBanner"));
    m_lockBanner->setWordWrap(true);
    m_lockBanner->setContentsMargins(8, 4, 8, 4);
    m_lockBanner->setStyleSheet(
        QStringLiteral("background:#e8eef9; color:#1f3a6b; border-bottom:1px solid #b7c7e6;"));
    m_lockBanner->hide();

    connect(m_doc, &ModelDocument::changed, this, &ModelEditor::onDocumentChanged);
    connect(m_doc, &ModelDocument::layerFocused, this, &ModelEditor::selectLayer);
    connect(m_doc, &ModelDocument::editLockChanged, this, &ModelEditor::onEditLockChanged);
    relayout();
    onEditLockChanged();
}

QString ModelEditor::lockBannerText() const {
    return m_lockBanner->text();
}

bool ModelEditor::isLockBannerVisible() const {
    return !m_lockBanner->isHidden();
}

bool ModelEditor::editable() const {
    return !m_doc->isEditLocked();
}

void ModelEditor::onEditLockChanged() {
    const bool locked = m_doc->isEditLocked();
    m_lockBanner->setText(m_doc->editLockReason());
    m_lockBanner->setVisible(locked);
    viewport()->setToolTip(locked ? m_doc->editLockReason() : QString());
    placeLockBanner();
    updateActions();
    relayout();
    viewport()->update();
}

// The banner sits above the viewport, in a top margin of its height, as wide as the viewport (the vertical
// scroll bar keeps the whole height beside both). Placed again whenever the viewport is resized.
void ModelEditor::placeLockBanner() {
    const int f = frameWidth();
    const int w = viewport()->width();
    const int h = m_lockBanner->isHidden() ? 0 : m_lockBanner->heightForWidth(w);
    m_lockBanner->setGeometry(f, f, w, h);
    if (viewportMargins().top() != h) setViewportMargins(0, h, 0, 0);
}

QSize ModelEditor::sizeHint() const {
    return QSize(340, 560);
}
QSize ModelEditor::minimumSizeHint() const {
    return QSize(240, 200);
}

int ModelEditor::layerCount() const {
    return int(m_doc->spec().layers.size());
}

// ---- selection and commands ------------------------------------------------------------------------------

void ModelEditor::selectLayer(int index) {
    if (index < -1 || index >= layerCount()) index = -1;
    if (m_layerRects.size() != size_t(layerCount())) relayout();
    if (index >= 0) {
        const QRect r = m_layerRects.at(index);
        QScrollBar* sb = verticalScrollBar();
        const int top = sb->value(), height = viewport()->height();
        if (r.top() - kMargin < top)
            sb->setValue(r.top() - kMargin);
        else if (r.bottom() + kMargin > top + height)
            sb->setValue(r.bottom() + kMargin - height);
    }
    if (index == m_selected) return;
    m_selected = index;
    updateActions();
    viewport()->update();
    emit selectionChanged(m_selected);
}

void ModelEditor::insertLayerAfterSelection(LayerType type) {
    if (!editable()) return;
    const int at = m_selected >= 0 ? m_selected + 1 : layerCount();
    m_doc->insertLayer(at, LayerSpec::make(type));
}

void ModelEditor::deleteSelected() {
    if (!editable()) return;
    if (m_selected >= 0) m_doc->removeLayer(m_selected);
}

void ModelEditor::duplicateSelected() {
    if (!editable()) return;
    if (m_selected >= 0) m_doc->duplicateLayer(m_selected);
}

void ModelEditor::moveSelected(int delta) {
    if (!editable()) return;
    const int to = m_selected + delta;
    if (m_selected >= 0 && to >= 0 && to < layerCount()) m_doc->moveLayer(m_selected, to);
}

void ModelEditor::updateActions() {
    const bool has = m_selected >= 0 && editable();
    m_deleteAction->setEnabled(has);
    m_duplicateAction->setEnabled(has);
    m_moveUpAction->setEnabled(has && m_selected > 0);
    m_moveDownAction->setEnabled(has && m_selected < layerCount() - 1);
}

void ModelEditor::onDocumentChanged() {
    relayout();
    if (m_selected >= layerCount()) selectLayer(layerCount() - 1);
    updateActions();
    viewport()->update();
}

// ---- layout ----------------------------------------------------------------------------------------------

int ModelEditor::errorTextHeight(const QString& text, int width) const {
    if (text.isEmpty()) return 0;
    return fontMetrics().boundingRect(QRect(0, 0, width, 10000), Qt::TextWordWrap, text).height();
}

void ModelEditor::relayout() {
    const int available = std::max(120, viewport()->width() - 2 * kMargin);
    const int width = std::min(available, kMaxWidth);
    const int left = (viewport()->width() - width) / 2;
    const int textWidth = width - kTextLeft - kPad;
    const auto& layers = m_doc->spec().layers;
    const auto& info = m_doc->info();

    int y = kMargin;
    m_inputRect = QRect(left, y, width, 2 * kRow + 2 * kPad);
    y = m_inputRect.bottom() + 1 + (layers.empty() ? kEmptyGap : kGap);

    m_layerRects.resize(layers.size());
    for (size_t i = 0; i < layers.size(); ++i) {
        int h = kPad + kIcon + 2 + (hasSettingsRow(layers[i]) ? 2 : 1) * kRow + kPad;
        if (i < info.layers.size() && !info.layers[i].error.empty())
            h += 4 + errorTextHeight(QString::fromStdString(info.layers[i].error), textWidth);
        m_layerRects[i] = QRect(left, y, width, h);
        y += h + kGap;
    }

    int outH = 2 * kRow + 2 * kPad;
    if (!info.ok() && info.errorLayer < 0)
        outH += 4 + errorTextHeight(QString::fromStdString(info.error), width - 2 * kPad);
    m_outputRect = QRect(left, y, width, outH);
    m_contentHeight = m_outputRect.bottom() + 1 + kMargin;
    updateScrollBars();
}

void ModelEditor::updateScrollBars() {
    QScrollBar* sb = verticalScrollBar();
    sb->setPageStep(viewport()->height());
    sb->setRange(0, std::max(0, m_contentHeight - viewport()->height()));
}

void ModelEditor::resizeEvent(QResizeEvent* event) {
    QAbstractScrollArea::resizeEvent(event);
    placeLockBanner();
    relayout();
}

void ModelEditor::changeEvent(QEvent* event) {
    QAbstractScrollArea::changeEvent(event);
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange) relayout();
}

QRect ModelEditor::contentToViewport(const QRect& r) const {
    return r.translated(0, -verticalScrollBar()->value());
}

QPoint ModelEditor::viewportToContent(const QPoint& p) const {
    return p + QPoint(0, verticalScrollBar()->value());
}

QRect ModelEditor::blockRect(int layerIndex) const {
    if (layerIndex == -1) return contentToViewport(m_inputRect);
    if (layerIndex == layerCount()) return contentToViewport(m_outputRect);
    if (layerIndex < 0 || layerIndex > layerCount()) return QRect();
    return contentToViewport(m_layerRects.at(layerIndex));
}

QPoint ModelEditor::insertionPoint(int insertionIndex) const {
    const QRect above = blockRect(insertionIndex - 1);
    const QRect below = blockRect(insertionIndex);
    if (above.isNull() || below.isNull()) return QPoint(-1, -1);
    return QPoint(above.center().x(), (above.bottom() + below.top()) / 2);
}

int ModelEditor::insertionIndexAt(const QPoint& viewportPos) const {
    const int y = viewportToContent(viewportPos).y();
    for (int i = 0; i < layerCount(); ++i)
        if (y < m_layerRects[i].center().y()) return i;
    return layerCount();
}

int ModelEditor::layerAt(const QPoint& viewportPos) const {
    const QPoint p = viewportToContent(viewportPos);
    for (int i = 0; i < layerCount(); ++i)
        if (m_layerRects[i].contains(p)) return i;
    return -1;
}

// ---- painting --------------------------------------------------------------------------------------------

void ModelEditor::paintEvent(QPaintEvent*) {
    QPainter p(viewport());
    p.setRenderHint(QPainter::Antialiasing);
    p.translate(0, -verticalScrollBar()->value());

    // Connectors: an arrow from each block to the next.
    std::vector<QRect> chain;
    chain.push_back(m_inputRect);
    chain.insert(chain.end(), m_layerRects.begin(), m_layerRects.end());
    chain.push_back(m_outputRect);
    const QColor lineColor = palette().color(QPalette::Mid);
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

    if (m_layerRects.empty()) {
        // Hint in the empty gap.
        QRect hint(m_inputRect.left() + 16, m_inputRect.bottom() + 14, m_inputRect.width() - 32,
                   kEmptyGap - 28);
        p.setPen(QPen(lineColor, 1, Qt::DashLine));
        p.setBrush(palette().color(QPalette::Base));
        p.drawRoundedRect(hint, kRadius, kRadius);
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(hint, Qt::AlignCenter | Qt::TextWordWrap, tr("Drag layers here from the palette"));
    }

    paintInputBlock(p, m_inputRect);
    for (int i = 0; i < layerCount(); ++i) paintLayerBlock(p, m_layerRects[i], i);
    paintOutputBlock(p, m_outputRect);
    if (m_dropIndex >= 0) paintInsertionMarker(p, m_dropIndex);
}

void ModelEditor::paintInputBlock(QPainter& p, const QRect& r) const {
    const QPalette& pal = palette();
    p.setPen(QPen(pal.color(QPalette::Mid), 1));
    p.setBrush(mix(pal.color(QPalette::Base), pal.color(QPalette::Window), 0.6));
    p.drawRoundedRect(QRectF(r).adjusted(0.5, 0.5, -0.5, -0.5), kRadius, kRadius);

    QFont bold = font();
    bold.setBold(true);
    p.setFont(bold);
    p.setPen(pal.color(QPalette::Text));
    const QRect row1(r.left() + kPad + 2, r.top() + kPad, r.width() - 2 * kPad - 4, kRow);
    p.drawText(row1, Qt::AlignLeft | Qt::AlignVCenter, tr("Input"));
    p.setFont(font());
    p.setPen(pal.color(QPalette::PlaceholderText));
    const auto& spec = m_doc->spec();
    p.drawText(row1, Qt::AlignRight | Qt::AlignVCenter, QString::fromStdString(spec.input.toString()));
    const QRect row2 = row1.translated(0, kRow);
    const QString what = spec.input.isSpatial() ? tr("%1 channel(s), %2 x %3 pixel image")
                                                      .arg(spec.input.c())
                                                      .arg(spec.input.h())
                                                      .arg(spec.input.w())
                                                : tr("%1 numbers").arg(spec.input.size());
    p.drawText(row2, Qt::AlignLeft | Qt::AlignVCenter,
               fontMetrics().elidedText(what, Qt::ElideRight, row2.width()));
}

void ModelEditor::paintLayerBlock(QPainter& p, const QRect& r, int index) const {
    const QPalette& pal = palette();
    const LayerSpec& layer = m_doc->spec().layers.at(index);
    const auto& infos = m_doc->info().layers;
    const LayerInfo* info = index < int(infos.size()) ? &infos[index] : nullptr;
    const bool invalid = info && !info->error.empty();
    const bool selected = index == m_selected;
    const bool dragged = index == m_dragSource;
    const QColor accent = LayerCatalog::colorOf(layer.type);

    p.save();
    if (dragged) p.setOpacity(0.4);

    QColor bg = pal.color(QPalette::Base);
    if (invalid) bg = mix(bg, kErrorBorder, 0.12);
    if (selected) bg = mix(bg, pal.color(QPalette::Highlight), 0.10);
    QColor border = invalid ? kErrorBorder : pal.color(QPalette::Mid);
    if (selected)
        border = invalid ? kErrorBorder : pal.color(QPalette::Highlight);
    else if (index == m_hover && !invalid)
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
    QFont bold = font();
    bold.setBold(true);
    const QFontMetrics fm = fontMetrics();

    // Row 1: number, type, parameter count.
    const QRect row1(x, r.top() + kPad, w, kIcon);
    QString params = info && !invalid && !info->outputShape.dims.empty()
                         ? QuantityFormat::params(info->params)
                         : QString();
    p.setPen(pal.color(QPalette::PlaceholderText));
    p.setFont(font());
    p.drawText(row1, Qt::AlignRight | Qt::AlignVCenter, params);
    const QString number = QString::number(displayNumber(index));
    p.drawText(row1, Qt::AlignLeft | Qt::AlignVCenter, number);
    const int nameX = x + fm.horizontalAdvance(number) + 6;
    p.setFont(bold);
    p.setPen(pal.color(QPalette::Text));
    p.drawText(
        QRect(nameX, row1.top(), row1.right() - nameX - fm.horizontalAdvance(params) - 6, row1.height()),
        Qt::AlignLeft | Qt::AlignVCenter, LayerCatalog::displayName(layer.type));
    p.setFont(font());

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

void ModelEditor::paintOutputBlock(QPainter& p, const QRect& r) const {
    const QPalette& pal = palette();
    const auto& info = m_doc->info();
    const auto& spec = m_doc->spec();
    const bool modelError = !info.ok() && info.errorLayer < 0;

    QColor bg = mix(pal.color(QPalette::Base), pal.color(QPalette::Window), 0.6);
    if (modelError) bg = mix(pal.color(QPalette::Base), kErrorBorder, 0.12);
    p.setPen(QPen(modelError ? kErrorBorder : pal.color(QPalette::Mid), modelError ? 2.0 : 1.0));
    p.setBrush(bg);
    p.drawRoundedRect(QRectF(r).adjusted(0.5, 0.5, -0.5, -0.5), kRadius, kRadius);

    QFont bold = font();
    bold.setBold(true);
    const QRect row1(r.left() + kPad + 2, r.top() + kPad, r.width() - 2 * kPad - 4, kRow);
    p.setFont(bold);
    p.setPen(pal.color(QPalette::Text));
    p.drawText(row1, Qt::AlignLeft | Qt::AlignVCenter, tr("Output"));
    p.setFont(font());
    p.setPen(pal.color(QPalette::PlaceholderText));
    p.drawText(row1, Qt::AlignRight | Qt::AlignVCenter, tr("%1 classes").arg(spec.classes));

    const QRect row2 = row1.translated(0, kRow);
    QString line;
    if (info.ok())
        line = tr("\u2192 %1 scores, one per digit class")
                   .arg(QString::fromStdString(info.outputShape.toString()));
    else if (!modelError)
        line = tr("Fix layer %1 to see the output").arg(displayNumber(info.errorLayer));
    else
        line = tr("The model cannot produce the output:");
    p.drawText(row2, Qt::AlignLeft | Qt::AlignVCenter,
               fontMetrics().elidedText(line, Qt::ElideRight, row2.width()));
    if (modelError) {
        const QString error = QString::fromStdString(info.error);
        p.setPen(kErrorText);
        p.drawText(QRect(row2.left(), row2.bottom() + 5, row2.width(), errorTextHeight(error, row2.width())),
                   Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop, error);
    }
}

void ModelEditor::paintInsertionMarker(QPainter& p, int insertionIndex) const {
    const QRect above = insertionIndex == 0 ? m_inputRect : m_layerRects.at(insertionIndex - 1);
    const QRect below = insertionIndex == layerCount() ? m_outputRect : m_layerRects.at(insertionIndex);
    const double y = (above.bottom() + below.top() + 1) / 2.0;
    const QColor c = palette().color(QPalette::Highlight);
    p.setPen(QPen(c, 3, Qt::SolidLine, Qt::RoundCap));
    p.drawLine(QPointF(above.left() + 6, y), QPointF(above.right() - 6, y));
    p.setPen(Qt::NoPen);
    p.setBrush(c);
    p.drawEllipse(QPointF(above.left() + 4, y), 4.5, 4.5);
    p.drawEllipse(QPointF(above.right() - 4, y), 4.5, 4.5);
}

QString ModelEditor::blockToolTip(int index) const {
    const LayerSpec& layer = m_doc->spec().layers.at(index);
    const auto& infos = m_doc->info().layers;
    QString tip = QStringLiteral("<b>%1 \u00b7 %2</b> \u2014 %3")
                      .arg(displayNumber(index))
                      .arg(LayerCatalog::displayName(layer.type),
                           QString::fromStdString(layer.summary()).toHtmlEscaped());
    if (index < int(infos.size())) {
        const LayerInfo& info = infos[index];
        if (!info.error.empty()) {
            tip += QStringLiteral("<br><span style='color:#b3261e'>%1</span>")
                       .arg(QString::fromStdString(info.error).toHtmlEscaped());
        } else if (!info.outputShape.dims.empty()) {
            tip += tr("<br>in %1 \u2192 out %2<br>%3, %4 per sample")
                       .arg(QString::fromStdString(info.inputShape.toString()),
                            QString::fromStdString(info.outputShape.toString()),
                            QuantityFormat::params(info.params), QuantityFormat::flops(info.flops));
        }
    }
    tip += QStringLiteral("<br><i>%1</i>").arg(LayerCatalog::description(layer.type).toHtmlEscaped());
    return tip;
}

// ---- events ----------------------------------------------------------------------------------------------

bool ModelEditor::viewportEvent(QEvent* event) {
    if (event->type() == QEvent::Resize) placeLockBanner();
    switch (event->type()) {
        case QEvent::ToolTip: {
            auto* he = static_cast<QHelpEvent*>(event);
            const int index = layerAt(he->pos());
            if (index >= 0) {
                QToolTip::showText(he->globalPos(), blockToolTip(index), viewport(), blockRect(index));
            } else if (m_outputRect.contains(viewportToContent(he->pos())) && !m_doc->info().ok()) {
                QToolTip::showText(he->globalPos(), QString::fromStdString(m_doc->info().error), viewport());
            } else {
                QToolTip::hideText();
                event->ignore();
            }
            return true;
        }
        case QEvent::Leave:
            if (m_hover != -1) {
                m_hover = -1;
                viewport()->update();
            }
            break;
        default:
            break;
    }
    return QAbstractScrollArea::viewportEvent(event);
}

void ModelEditor::mousePressEvent(QMouseEvent* event) {
    setFocus(Qt::MouseFocusReason);
    const int index = layerAt(event->position().toPoint());
    if (event->button() == Qt::LeftButton || event->button() == Qt::RightButton) selectLayer(index);
    if (event->button() == Qt::LeftButton) {
        m_pressLayer = index;
        m_pressPos = event->position().toPoint();
    }
    event->accept();
}

void ModelEditor::mouseMoveEvent(QMouseEvent* event) {
    const QPoint pos = event->position().toPoint();
    if ((event->buttons() & Qt::LeftButton) && m_pressLayer >= 0 && editable() &&
        (pos - m_pressPos).manhattanLength() >= QApplication::startDragDistance()) {
        const int index = m_pressLayer;
        m_pressLayer = -1;
        startMoveDrag(index);
        return;
    }
    const int hover = layerAt(pos);
    if (hover != m_hover) {
        m_hover = hover;
        viewport()->update();
    }
}

void ModelEditor::mouseReleaseEvent(QMouseEvent*) {
    m_pressLayer = -1;
}

void ModelEditor::startMoveDrag(int index) {
    const QRect r = m_layerRects.at(index);
    const qreal dpr = devicePixelRatioF();
    QPixmap pm(r.size() * dpr);
    pm.setDevicePixelRatio(dpr);
    pm.fill(Qt::transparent);
    {
        QPainter p(&pm);
        p.setRenderHint(QPainter::Antialiasing);
        p.setOpacity(0.85);
        p.translate(-r.topLeft());
        paintLayerBlock(p, r, index);
    }
    auto* drag = new QDrag(this);
    drag->setMimeData(LayerMime::encodeMove(m_doc, index));
    drag->setPixmap(pm);
    drag->setHotSpot(m_pressPos - blockRect(index).topLeft());
    m_dragSource = index;
    viewport()->update();
    drag->exec(Qt::MoveAction, Qt::MoveAction);
    m_dragSource = -1;
    m_dropIndex = -1;
    viewport()->update();
}

void ModelEditor::keyPressEvent(QKeyEvent* event) {
    const int n = layerCount();
    if (event->matches(QKeySequence::Delete) || event->key() == Qt::Key_Backspace) {
        deleteSelected();
    } else if (event->modifiers() == Qt::ControlModifier && event->key() == Qt::Key_D) {
        duplicateSelected();
    } else if (event->modifiers() & Qt::AltModifier && event->key() == Qt::Key_Up) {
        moveSelected(-1);
    } else if (event->modifiers() & Qt::AltModifier && event->key() == Qt::Key_Down) {
        moveSelected(+1);
    } else if (event->key() == Qt::Key_Up && n > 0) {
        selectLayer(m_selected <= 0 ? 0 : m_selected - 1);
    } else if (event->key() == Qt::Key_Down && n > 0) {
        selectLayer(std::min(m_selected + 1, n - 1));
    } else if (event->key() == Qt::Key_Home && n > 0) {
        selectLayer(0);
    } else if (event->key() == Qt::Key_End && n > 0) {
        selectLayer(n - 1);
    } else if (event->key() == Qt::Key_Escape) {
        selectLayer(-1);
    } else {
        QAbstractScrollArea::keyPressEvent(event);
        return;
    }
    event->accept();
}

QMenu* ModelEditor::createAddLayerMenu(int insertAt, QWidget* parent) {
    auto* menu = new QMenu(insertAt >= layerCount() ? tr("&Add Layer") : tr("&Insert Layer Here"), parent);
    menu->setEnabled(editable());
    for (const LayerCatalog::Group& group : LayerCatalog::groups()) {
        menu->addSection(group.name);
        for (LayerType type : group.types) {
            QAction* a = menu->addAction(layerIcon(type), LayerCatalog::displayName(type));
            a->setToolTip(LayerCatalog::description(type));
            connect(a, &QAction::triggered, this, [this, insertAt, type] {
                m_doc->insertLayer(std::min(insertAt, layerCount()), LayerSpec::make(type));
            });
        }
    }
    return menu;
}

void ModelEditor::contextMenuEvent(QContextMenuEvent* event) {
    QPoint pos = event->pos();
    int index = layerAt(pos);
    if (event->reason() == QContextMenuEvent::Keyboard && m_selected >= 0) {
        index = m_selected;
        pos = blockRect(index).center();
    }
    selectLayer(index);
    QMenu menu(this);
    if (index >= 0) {
        QMenu* addAfter = createAddLayerMenu(index + 1, &menu);
        addAfter->setTitle(tr("&Add Layer After"));
        menu.addMenu(addAfter);
        menu.addSeparator();
        menu.addAction(m_duplicateAction);
        menu.addAction(m_deleteAction);
        menu.addSeparator();
        menu.addAction(m_moveUpAction);
        menu.addAction(m_moveDownAction);
    } else {
        menu.addMenu(createAddLayerMenu(insertionIndexAt(pos), &menu));
    }
    menu.exec(viewport()->mapToGlobal(pos));
}

// ---- drag and drop ---------------------------------------------------------------------------------------

bool ModelEditor::acceptableDrop(QDropEvent* event, Qt::DropAction* action) const {
    if (!editable()) return false;  // the model is locked: the cursor shows the drop is refused
    const auto payload = LayerMime::decode(event->mimeData());
    if (!payload) return false;
    Qt::DropAction wanted = Qt::CopyAction;
    if (payload->kind == LayerMime::Payload::Kind::MoveLayer) {
        // Moves only make sense inside the document they came from.
        if (payload->source != static_cast<quint64>(reinterpret_cast<quintptr>(m_doc))) return false;
        if (payload->index >= layerCount()) return false;
        wanted = Qt::MoveAction;
    }
    if (!(event->possibleActions() & wanted)) return false;
    *action = wanted;
    return true;
}

void ModelEditor::dragEnterEvent(QDragEnterEvent* event) {
    Qt::DropAction action;
    if (!acceptableDrop(event, &action)) {
        event->ignore();
        return;
    }
    event->setDropAction(action);
    event->accept();
    dragMoveEvent(event);
}

void ModelEditor::dragMoveEvent(QDragMoveEvent* event) {
    Qt::DropAction action;
    if (!acceptableDrop(event, &action)) {
        event->ignore();
        if (m_dropIndex != -1) {
            m_dropIndex = -1;
            viewport()->update();
        }
        return;
    }
    const auto payload = LayerMime::decode(event->mimeData());
    m_dragPos = event->position().toPoint();
    m_dragMoveFrom = payload->kind == LayerMime::Payload::Kind::MoveLayer ? payload->index : -1;
    // Keep scrolling while the drag hovers near the top or bottom edge (drag-move events only come on
    // motion).
    const bool nearEdge =
        m_dragPos.y() < kAutoScrollZone || m_dragPos.y() > viewport()->height() - kAutoScrollZone;
    if (nearEdge && !m_autoScroll->isActive())
        m_autoScroll->start();
    else if (!nearEdge)
        m_autoScroll->stop();
    updateDropMarker();
    event->setDropAction(action);
    event->accept();
}

void ModelEditor::updateDropMarker() {
    int index = insertionIndexAt(m_dragPos);
    if (m_dragMoveFrom >= 0 && (index == m_dragMoveFrom || index == m_dragMoveFrom + 1))
        index = -1;  // dropping here would not move anything: no marker
    if (index != m_dropIndex) {
        m_dropIndex = index;
        viewport()->update();
    }
}

void ModelEditor::autoScrollStep() {
    QScrollBar* sb = verticalScrollBar();
    if (m_dragPos.y() < kAutoScrollZone)
        sb->setValue(sb->value() - 12);
    else if (m_dragPos.y() > viewport()->height() - kAutoScrollZone)
        sb->setValue(sb->value() + 12);
    else
        m_autoScroll->stop();
    updateDropMarker();
}

void ModelEditor::dragLeaveEvent(QDragLeaveEvent* event) {
    m_autoScroll->stop();
    m_dropIndex = -1;
    viewport()->update();
    event->accept();
}

void ModelEditor::dropEvent(QDropEvent* event) {
    m_autoScroll->stop();
    m_dropIndex = -1;
    viewport()->update();
    Qt::DropAction action;
    if (!acceptableDrop(event, &action)) {
        event->ignore();
        return;
    }
    const auto payload = LayerMime::decode(event->mimeData());
    const int at = insertionIndexAt(event->position().toPoint());
    if (payload->kind == LayerMime::Payload::Kind::NewLayer) {
        m_doc->insertLayer(at, LayerSpec::make(payload->type));
    } else {
        const int from = payload->index;
        const int to = at > from ? at - 1 : at;  // final index once the layer is taken out
        if (to != from) m_doc->moveLayer(from, to);
    }
    event->setDropAction(action);
    event->accept();
    setFocus(Qt::OtherFocusReason);
}
