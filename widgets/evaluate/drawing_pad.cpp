#include "widgets/evaluate/drawing_pad.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cstring>

DrawingPad::DrawingPad(QWidget* parent) : QWidget(parent) {
    setFocusPolicy(Qt::StrongFocus);
    setAttribute(Qt::WA_TabletTracking, false);
    setCursor(Qt::CrossCursor);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    setToolTip(tr("Draw a digit with the mouse or a pen. Ctrl+Z undoes the last stroke."));
    m_canvas = QImage(canvasSize(), canvasSize(), QImage::Format_Grayscale8);
    m_canvas.fill(0);
    m_placeholder = tr("Draw a digit here");
}

layerlab::GrayImage DrawingPad::image() const {
    layerlab::GrayImage g;
    g.width = g.height = canvasSize();
    g.pixels.resize(std::size_t(canvasSize()) * canvasSize());
    for (int y = 0; y < canvasSize(); ++y)
        std::memcpy(g.pixels.data() + std::size_t(y) * canvasSize(), m_canvas.constScanLine(y),
                    std::size_t(canvasSize()));
    return g;
}

bool DrawingPad::isEmpty() const {
    for (int y = 0; y < canvasSize(); ++y) {
        const uchar* row = m_canvas.constScanLine(y);
        if (std::any_of(row, row + canvasSize(), [](uchar v) { return v != 0; })) return false;
    }
    return true;
}

void DrawingPad::setBrushWidth(int w) {
    m_brush = std::clamp(w, 1, canvasSize() / 2);
}

void DrawingPad::setErasing(bool on) {
    m_erasing = on;
}

void DrawingPad::beginStroke(QPointF at) {
    m_strokes.push_back({{at}, m_brush, m_erasing});
    m_drawing = true;
    paintStroke(m_strokes.back(), 0);
    update();
    emit strokeCountChanged(strokeCount());
    emit changed();
}

void DrawingPad::extendStroke(QPointF to) {
    if (!m_drawing || m_strokes.isEmpty()) return;
    Stroke& s = m_strokes.back();
    s.points.push_back(to);
    paintStroke(s, int(s.points.size()) - 2);
    update();
    emit changed();
}

void DrawingPad::endStroke() {
    m_drawing = false;
}

void DrawingPad::undoStroke() {
    if (m_strokes.isEmpty()) return;
    m_strokes.pop_back();
    m_drawing = false;
    redraw();
    emit strokeCountChanged(strokeCount());
    emit changed();
}

void DrawingPad::clearAll() {
    if (m_strokes.isEmpty()) return;
    m_strokes.clear();
    m_drawing = false;
    redraw();
    emit strokeCountChanged(0);
    emit changed();
}

void DrawingPad::paintStroke(const Stroke& s, int from) {
    QPainter p(&m_canvas);
    p.setRenderHint(QPainter::Antialiasing);
    const QColor ink = s.erase ? QColor(0, 0, 0) : QColor(255, 255, 255);
    if (s.points.size() == 1 || from < 0) {
        // A dot where the stroke starts.
        p.setPen(Qt::NoPen);
        p.setBrush(ink);
        p.drawEllipse(s.points.front(), s.width / 2.0, s.width / 2.0);
        if (s.points.size() == 1) return;
        from = 0;
    }
    p.setPen(QPen(ink, s.width, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    for (int i = std::max(0, from); i + 1 < s.points.size(); ++i) p.drawLine(s.points[i], s.points[i + 1]);
}

void DrawingPad::redraw() {
    m_canvas.fill(0);
    for (const Stroke& s : m_strokes) paintStroke(s, -1);
    update();
}

QRectF DrawingPad::canvasRect() const {
    const int side = std::min(width(), height());
    return QRectF((width() - side) / 2.0, 0, side, side);  // at the top, so the tools sit right under it
}

QPointF DrawingPad::toCanvas(QPointF pos) const {
    const QRectF r = canvasRect();
    return (pos - r.topLeft()) * (canvasSize() / r.width());
}

bool DrawingPad::event(QEvent* event) {
    // Ctrl+Z belongs to the pad while it has the focus (not to the window's Edit > Undo).
    if (event->type() == QEvent::ShortcutOverride) {
        auto* key = static_cast<QKeyEvent*>(event);
        if (key->matches(QKeySequence::Undo)) {
            event->accept();
            return true;
        }
    }
    return QWidget::event(event);
}

void DrawingPad::keyPressEvent(QKeyEvent* event) {
    if (event->matches(QKeySequence::Undo)) {
        undoStroke();
        return;
    }
    if (event->key() == Qt::Key_Delete || event->key() == Qt::Key_Backspace) {
        clearAll();
        return;
    }
    QWidget::keyPressEvent(event);
}

void DrawingPad::setPlaceholderText(const QString& text) {
    m_placeholder = text;
    update();
}

void DrawingPad::paintEvent(QPaintEvent*) {
    QPainter p(this);
    const QRectF r = canvasRect();
    // Dark ink on white paper on screen: the canvas inverted.
    QImage shown = m_canvas;
    shown.invertPixels();
    p.setRenderHint(QPainter::SmoothPixmapTransform);
    p.drawImage(r, shown);
    p.setPen(QPen(hasFocus() ? palette().color(QPalette::Highlight) : palette().color(QPalette::Mid), 1));
    p.drawRect(r.adjusted(0, 0, -1, -1));
    if (m_strokes.isEmpty()) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(r, Qt::AlignCenter, m_placeholder);
    }
}

void DrawingPad::mousePressEvent(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton) return QWidget::mousePressEvent(event);
    setFocus(Qt::MouseFocusReason);
    beginStroke(toCanvas(event->position()));
}

void DrawingPad::mouseMoveEvent(QMouseEvent* event) {
    if (m_drawing && (event->buttons() & Qt::LeftButton)) extendStroke(toCanvas(event->position()));
}

void DrawingPad::mouseReleaseEvent(QMouseEvent* event) {
    if (event->button() == Qt::LeftButton && m_drawing) {
        extendStroke(toCanvas(event->position()));
        endStroke();
    }
}
