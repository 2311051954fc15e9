#include "widgets/common/colormap_legend.h"

#include <QPainter>
#include <cmath>

ColormapLegend::ColormapLegend(QWidget* parent) : QWidget(parent), m_map(Colormap::diverging(1)) {
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
}

void ColormapLegend::setColormap(const Colormap& map, const QString& caption) {
    m_map = map;
    m_caption = caption;
    update();
}

QSize ColormapLegend::sizeHint() const {
    return QSize(260, fontMetrics().height() * 2 + 14);
}

QSize ColormapLegend::minimumSizeHint() const {
    return QSize(140, sizeHint().height());
}

void ColormapLegend::paintEvent(QPaintEvent*) {
    QPainter p(this);
    const QFontMetrics fm = fontMetrics();
    const int barH = 10;
    const int captionW = m_caption.isEmpty() ? 0 : fm.horizontalAdvance(m_caption) + 8;
    const QRect bar(captionW + 4, 2, std::max(40, width() - captionW - 8), barH);
    if (!m_caption.isEmpty())
        p.drawText(QRect(0, 0, captionW, height()), Qt::AlignLeft | Qt::AlignVCenter, m_caption);
    QImage grad(bar.width(), 1, QImage::Format_RGB32);
    for (int x = 0; x < bar.width(); ++x)
        grad.setPixel(x, 0, m_map.at(double(x) / std::max(1, bar.width() - 1)));
    p.drawImage(bar, grad);
    p.setPen(palette().color(QPalette::Mid));
    p.drawRect(bar.adjusted(0, 0, -1, -1));
    p.setPen(palette().color(QPalette::WindowText));
    const int ty = bar.bottom() + 2;
    const QRect textRow(bar.left(), ty, bar.width(), fm.height() + 2);
    // Two significant digits; whole numbers from 10 on ("570", not "5.7e+02": image counts).
    auto num = [](double v) {
        return std::abs(v) >= 10 && std::abs(v) < 1e6 ? QString::number(std::round(v), 'f', 0)
                                                      : QString::number(v, 'g', 2);
    };
    p.drawText(textRow, Qt::AlignLeft | Qt::AlignTop, num(m_map.lo()));
    p.drawText(textRow, Qt::AlignRight | Qt::AlignTop, (m_map.hi() > 0 ? "+" : "") + num(m_map.hi()));
    const double mid = m_map.kind() == Colormap::Kind::Diverging ? 0.0 : (m_map.lo() + m_map.hi()) / 2;
    p.drawText(textRow, Qt::AlignHCenter | Qt::AlignTop, num(mid));
}
