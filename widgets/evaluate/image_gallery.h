#pragma once
// A wrapping list of small images with a caption each: the images of one confusion-matrix cell (true class
// i answered as j, in the order core/evaluation.h's cellGallery gives: most confident wrong answers first,
// or least confident right answers on the diagonal), captioned with its two most probable classes by name
// (three in the tooltip). Clicking (or Enter on) an image emits imageActivated with its position in the
// Predictions.
#include <QListWidget>
#include <QStringList>
#include <cstdint>
#include <vector>

#include "core/evaluation.h"
#include "widgets/common/dataset_image.h"

class ImageGallery : public QListWidget {
    Q_OBJECT
public:
    explicit ImageGallery(QWidget* parent = nullptr);

    // `set` holds the images (ImageSet::images, indexed by GalleryItem::sourceIndex), rows x cols each.
    void setItems(const std::vector<layerlab::GalleryItem>& items, const layerlab::ImageSet& set, int rows,
                  int cols, const QStringList& classNames);
    // Positions (into the Predictions) of the images shown, in order.
    std::vector<std::size_t> positions() const;
    const std::vector<layerlab::GalleryItem>& items() const { return m_items; }

signals:
    void imageActivated(std::size_t position);

private:
    std::vector<layerlab::GalleryItem> m_items;
};
