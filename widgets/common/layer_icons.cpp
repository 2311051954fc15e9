#include "widgets/common/layer_icons.h"

#include <QHash>
#include <QPainter>
#include <QPainterPath>
#include <QPixmap>
#include <cmath>

#include "widgets/common/layer_catalog.h"

using layerlab::LayerType;

namespace {

// All glyphs are drawn in a 32 x 32 box; the painter is scaled to the target size.
void drawGrid(QPainter& p, const QRectF& box, int n) {
    const double cell = box.width() / n;
    for (int i = 0; i <= n; ++i) {
        p.drawLine(QPointF(box.left() + i * cell, box.top()), QPointF(box.left() + i * cell, box.bottom()));
        p.drawLine(QPointF(box.left(), box.top() + i * cell), QPointF(box.right(), box.top() + i * cell));
    }
}

QRectF cellRect(const QRectF& box, int n, int row, int col) {
    const double cell = box.width() / n;
    return QRectF(box.left() + col * cell, box.top() + row * cell, cell, cell);
}

void drawAxes(QPainter& p, double yAxis) {
    QPen thin(QColor(255, 255, 255, 150), 1.2);
    p.save();
    p.setPen(thin);
    p.drawLine(QPointF(6, yAxis), QPointF(26, yAxis));
    p.drawLine(QPointF(16, 6), QPointF(16, 26));
    p.restore();
}

void drawCurve(QPainter& p, double (*f)(double), double yScale, double yCenter) {
    QPainterPath path;
    for (int i = 0; i <= 40; ++i) {
        double x = -1.0 + 2.0 * i / 40.0;  // x in [-1, 1] maps to 6..26
        QPointF pt(16 + 10 * x, yCenter - yScale * f(x));
        if (i == 0)
            path.moveTo(pt);
        else
            path.lineTo(pt);
    }
    p.drawPath(path);
}

void drawGlyph(QPainter& p, LayerType type) {
    const QColor white(255, 255, 255);
    QPen pen(white, 2.0, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
    QPen thinPen(white, 1.2);
    p.setPen(pen);
    p.setBrush(Qt::NoBrush);

    switch (type) {
        case LayerType::Dense: {
            const QPointF left[3] = {{9, 8}, {9, 16}, {9, 24}};
            const QPointF right[2] = {{23, 11.5}, {23, 20.5}};
            p.setPen(thinPen);
            for (const QPointF& a : left)
                for (const QPointF& b : right) p.drawLine(a, b);
            p.setPen(Qt::NoPen);
            p.setBrush(white);
            for (const QPointF& a : left) p.drawEllipse(a, 2.6, 2.6);
            for (const QPointF& b : right) p.drawEllipse(b, 2.6, 2.6);
            break;
        }
        case LayerType::Flatten: {
            // a 3x3 image unrolled into one row of cells
            p.setPen(thinPen);
            drawGrid(p, QRectF(10.5, 3.5, 11, 11), 3);
            p.setPen(QPen(white, 1.6, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
            p.drawLine(QPointF(16, 16.5), QPointF(16, 21));
            p.drawPolyline(QPolygonF({QPointF(13.5, 18.8), QPointF(16, 21.3), QPointF(18.5, 18.8)}));
            p.setPen(thinPen);
            const QRectF row(3.5, 23.5, 25, 5);
            p.drawRect(row);
            for (int i = 1; i < 5; ++i)
                p.drawLine(QPointF(row.left() + i * row.width() / 5, row.top()),
                           QPointF(row.left() + i * row.width() / 5, row.bottom()));
            break;
        }
        case LayerType::Conv2D: {
            QRectF grid(6, 6, 20, 20);
            p.setPen(Qt::NoPen);
            p.setBrush(QColor(255, 255, 255, 170));
            p.drawRect(QRectF(6, 6, 10, 10));  // the filter window
            p.setBrush(Qt::NoBrush);
            p.setPen(thinPen);
            drawGrid(p, grid, 4);
            p.setPen(pen);
            p.drawRect(QRectF(6, 6, 10, 10));
            break;
        }
        case LayerType::MaxPool2D:
        case LayerType::AvgPool2D: {
            QRectF grid(6, 6, 20, 20);
            p.setPen(Qt::NoPen);
            if (type == LayerType::MaxPool2D) {
                // one winning cell in each 2x2 window
                p.setBrush(white);
                const int picks[4][2] = {{0, 1}, {1, 2}, {3, 0}, {2, 3}};
                for (const auto& rc : picks) p.drawRect(cellRect(grid, 4, rc[0], rc[1]));
            } else {
                p.setBrush(QColor(255, 255, 255, 110));
                p.drawRect(grid);
            }
            p.setBrush(Qt::NoBrush);
            p.setPen(thinPen);
            drawGrid(p, grid, 4);
            p.setPen(pen);
            p.drawLine(QPointF(16, 6), QPointF(16, 26));
            p.drawLine(QPointF(6, 16), QPointF(26, 16));
            p.drawRect(grid);
            break;
        }
        case LayerType::ReLU:
            drawAxes(p, 21);
            p.drawPolyline(QPolygonF({QPointF(6, 21), QPointF(16, 21), QPointF(25, 8)}));
            break;
        case LayerType::LeakyReLU:
            drawAxes(p, 20);
            p.drawPolyline(QPolygonF({QPointF(6, 23), QPointF(16, 20), QPointF(25, 7)}));
            break;
        case LayerType::Sigmoid:
            drawAxes(p, 24);
            drawCurve(
                p, [](double x) { return 1.0 / (1.0 + std::exp(-6 * x)); }, 16, 24);
            break;
        case LayerType::Tanh:
            drawAxes(p, 16);
            drawCurve(
                p, [](double x) { return std::tanh(3 * x); }, 8.5, 16);
            break;
        case LayerType::Softmax: {
            p.setPen(Qt::NoPen);
            p.setBrush(white);
            const double heights[4] = {5, 16, 8, 3};
            for (int i = 0; i < 4; ++i) p.drawRect(QRectF(7 + i * 5, 25 - heights[i], 3.6, heights[i]));
            p.setPen(thinPen);
            p.drawLine(QPointF(5, 25.5), QPointF(27, 25.5));
            break;
        }
        case LayerType::Dropout: {
            for (int r = 0; r < 3; ++r)
                for (int c = 0; c < 3; ++c) {
                    QPointF center(9 + c * 7, 9 + r * 7);
                    const bool dropped = (r * 3 + c) % 3 == 1 || r * 3 + c == 6;
                    if (dropped) {
                        p.setPen(thinPen);
                        p.setBrush(Qt::NoBrush);
                        p.drawEllipse(center, 2.4, 2.4);
                    } else {
                        p.setPen(Qt::NoPen);
                        p.setBrush(white);
                        p.drawEllipse(center, 2.6, 2.6);
                    }
                }
            break;
        }
        case LayerType::Residual: {
            // a layer box with the skip arcing around it into a plus
            p.setPen(thinPen);
            p.drawRoundedRect(QRectF(6, 6, 11, 9), 2, 2);
            p.setPen(pen);
            p.drawLine(QPointF(11.5, 15), QPointF(11.5, 20));
            QPainterPath skip(QPointF(11.5, 3));
            skip.cubicTo(QPointF(27, 3), QPointF(27, 24), QPointF(16.5, 24));
            p.drawPath(skip);
            p.drawEllipse(QPointF(11.5, 24), 4, 4);
            p.setPen(thinPen);
            p.drawLine(QPointF(9.5, 24), QPointF(13.5, 24));
            p.drawLine(QPointF(11.5, 22), QPointF(11.5, 26));
            break;
        }
        case LayerType::BatchNorm: {
            // a wide bell off to the side (faint) becomes a narrow one centred on the axis: mean 0, variance
            // 1
            drawAxes(p, 25);
            p.save();
            p.setPen(QPen(QColor(255, 255, 255, 120), 1.2));
            drawCurve(
                p, [](double x) { return std::exp(-(x - 0.45) * (x - 0.45) / 0.18); }, 9, 25);
            p.restore();
            drawCurve(
                p, [](double x) { return std::exp(-x * x / 0.06); }, 17, 25);
            break;
        }
        default: {  // a type without its own glyph yet: the first letter of its name
            QFont f = p.font();
            f.setBold(true);
            f.setPixelSize(18);
            p.setFont(f);
            p.drawText(QRectF(0, 0, 32, 32), Qt::AlignCenter, LayerCatalog::displayName(type).left(1));
            break;
        }
    }
}

QPixmap renderIcon(LayerType type, int size) {
    QPixmap pm(size, size);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    paintLayerIcon(p, QRectF(0, 0, size, size), type);
    return pm;
}

}  // namespace

void paintLayerIcon(QPainter& painter, const QRectF& rect, LayerType type) {
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    painter.translate(rect.topLeft());
    painter.scale(rect.width() / 32.0, rect.height() / 32.0);
    painter.setPen(Qt::NoPen);
    painter.setBrush(LayerCatalog::colorOf(type));
    painter.drawRoundedRect(QRectF(0.5, 0.5, 31, 31), 6, 6);
    drawGlyph(painter, type);
    painter.restore();
}

QIcon layerIcon(LayerType type) {
    static QHash<int, QIcon> cache;
    auto it = cache.find(static_cast<int>(type));
    if (it != cache.end()) return *it;
    QIcon icon;
    for (int size : {16, 20, 24, 32, 48, 64}) icon.addPixmap(renderIcon(type, size));
    cache.insert(static_cast<int>(type), icon);
    return icon;
}
