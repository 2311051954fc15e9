#include "widgets/evaluate/image_gallery.h"

#include <QFontMetrics>
#include <QPixmap>
#include <algorithm>

ImageGallery::ImageGallery(QWidget* parent) : QListWidget(parent) {
    setViewMode(QListView::IconMode);
    setResizeMode(QListView::Adjust);
    setMovement(QListView::Static);
    setWrapping(true);
    setUniformItemSizes(true);
    setIconSize(QSize(56, 56));
    setGridSize(QSize(96, 100));
    setSpacing(2);
    setWordWrap(false);  // (the two caption lines are whole lines; the grid is as wide as the longest)
    setSelectionMode(QAbstractItemView::SingleSelection);
    connect(this, &QListWidget::itemClicked, this,
            [this](QListWidgetItem* it) { emit imageActivated(it->data(Qt::UserRole).toULongLong()); });
    connect(this, &QListWidget::itemActivated, this,
            [this](QListWidgetItem* it) { emit imageActivated(it->data(Qt::UserRole).toULongLong()); });
}

void ImageGallery::setItems(const std::vector<layerlab::GalleryItem>& items, const layerlab::ImageSet& set,
                            int rows, int cols, const QStringList& names) {
    clear();
    m_items = items;
    auto name = [&](int c) { return names.value(c, QString::number(c)); };
    // Wide enough for the longest "class 100%" line (so a caption is two whole lines, never cut, up to a
    // limit where long folder names wrap), tall enough for the image and those two lines.
    const QFontMetrics fm(font());
    int widest = fm.horizontalAdvance(QStringLiteral("9 100%"));
    for (const QString& n : names)
        widest = std::max(widest, fm.horizontalAdvance(n + QStringLiteral(" 100%")));
    setGridSize(QSize(std::clamp(widest + 24, 96, 200), iconSize().height() + 2 * fm.lineSpacing() + 16));
    for (const layerlab::GalleryItem& g : items) {
        const QImage img =
            datasetImage(set.images + std::size_t(g.sourceIndex) * set.imageSize, rows, cols,
                         int(set.imageSize / std::max<std::size_t>(1, std::size_t(rows) * cols)));
        QString caption;
        QString tip = tr("Image %1 of the set: a %2, answered %3.\nTop 3:")
                          .arg(g.sourceIndex)
                          .arg(name(g.trueClass), name(g.predicted));
        for (int r = 0; r < 3; ++r) {
            if (g.topClasses[r] < 0) continue;
            const QString pct = QString::number(100.0 * g.topProbabilities[r], 'f', 0) + QLatin1Char('%');
            // The two most probable classes by name under the image ("Sandal 95%", "Sneaker 3%"); all three
            // in the tooltip.
            if (r < 2) caption += (r ? QStringLiteral("\n") : QString()) + name(g.topClasses[r]) + ' ' + pct;
            tip += QStringLiteral("\n  %1 %2").arg(name(g.topClasses[r]), pct);
        }
        auto* it = new QListWidgetItem(QIcon(QPixmap::fromImage(img.scaled(56, 56))), caption, this);
        it->setSizeHint(gridSize() - QSize(4, 4));  // the text gets the cell's width, not the image's
        it->setData(Qt::UserRole, qulonglong(g.position));
        it->setToolTip(tip + tr("\nClick to ask why."));
    }
}

std::vector<std::size_t> ImageGallery::positions() const {
    std::vector<std::size_t> out;
    for (int i = 0; i < count(); ++i) out.push_back(item(i)->data(Qt::UserRole).toULongLong());
    return out;
}
