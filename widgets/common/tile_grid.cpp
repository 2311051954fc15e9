#include "widgets/common/tile_grid.h"

#include <QPainter>
#include <QResizeEvent>

TileGrid::TileGrid(QWidget* parent) : QWidget(parent) {
    QSizePolicy sp(QSizePolicy::Preferred, QSizePolicy::Preferred);
    sp.setHeightForWidth(true);
    setSizePolicy(sp);
}

void TileGrid::setTiles(QVector<QImage> tiles, QStringList captions) {
    const QSize oldCell = cell();
    const int oldCount = m_tiles.size();
    m_tiles = std::move(tiles);
    m_captions = std::move(captions);
    if (cell() != oldCell || oldCount != m_tiles.size()) {
        setMinimumHeight(heightForWidth(std::max(width(), 1)));
        updateGeometry();
    }
    update();
}

QSize TileGrid::cell() const {
    if (m_tiles.isEmpty()) return QSize(0, 0);
    const QSize t = m_tiles.front().size();
    const int captionH = m_captions.isEmpty() ? 0 : fontMetrics().height();
    return QSize(t.width() + kGap, t.height() + captionH + kGap);
}

int TileGrid::columnsFor(int width) const {
    const QSize c = cell();
    if (c.width() <= 0) return 1;
    return std::max(1, (width - kGap) / c.width());
}

int TileGrid::heightForWidth(int width) const {
    if (m_tiles.isEmpty()) return 0;
    const int cols = columnsFor(width);
    const int rows = (m_tiles.size() + cols - 1) / cols;
    return rows * cell().height() + kGap;
}

QSize TileGrid::sizeHint() const {
    const QSize c = cell();
    const int cols = std::min<int>(m_tiles.size(), 12);
    return QSize(std::max(1, cols) * c.width() + kGap, heightForWidth(std::max(1, cols) * c.width() + kGap));
}

QSize TileGrid::minimumSizeHint() const {
    return QSize(cell().width() + kGap, cell().height());
}

void TileGrid::resizeEvent(QResizeEvent* e) {
    QWidget::resizeEvent(e);
    const int h = heightForWidth(e->size().width());
    if (h != minimumHeight()) setMinimumHeight(h);
}

void TileGrid::paintEvent(QPaintEvent* e) {
    if (m_tiles.isEmpty()) return;
    QPainter p(this);
    const QSize c = cell();
    const int cols = columnsFor(width());
    const QRect dirty = e->rect();
    QFont f = font();
    p.setFont(f);
    for (int i = 0; i < m_tiles.size(); ++i) {
        const int x = kGap + (i % cols) * c.width();
        const int y = kGap + (i / cols) * c.height();
        const QRect r(x, y, c.width(), c.height());
        if (!r.intersects(dirty)) continue;
        p.drawImage(x, y, m_tiles[i]);
        if (i < m_captions.size())
            p.drawText(
                QRect(x, y + m_tiles[i].height(), m_tiles[i].width(), c.height() - m_tiles[i].height()),
                Qt::AlignHCenter | Qt::AlignTop, m_captions[i]);
    }
}

QImage TileGrid::composed(int columns) const {
    if (m_tiles.isEmpty()) return QImage();
    const QSize c = cell();
    const int cols = columns > 0 ? columns : columnsFor(std::max(width(), c.width() + kGap));
    const int rows = (m_tiles.size() + cols - 1) / cols;
    QImage img(cols * c.width() + kGap, rows * c.height() + kGap, QImage::Format_RGB32);
    img.fill(Qt::white);
    QPainter p(&img);
    for (int i = 0; i < m_tiles.size(); ++i)
        p.drawImage(kGap + (i % cols) * c.width(), kGap + (i / cols) * c.height(), m_tiles[i]);
    return img;
}
