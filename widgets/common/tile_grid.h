#pragma once
// A wrapping grid of equally sized image tiles (kernels, feature maps, unit weights) with optional captions
// under each tile. It wraps to its width and asks for the height it needs, so it works inside a scroll area.
#include <QImage>
#include <QStringList>
#include <QVector>
#include <QWidget>

class TileGrid : public QWidget {
    Q_OBJECT
public:
    explicit TileGrid(QWidget* parent = nullptr);

    // All tiles should have the same size (the first one's size is used for the layout).
    void setTiles(QVector<QImage> tiles, QStringList captions = {});
    // The whole grid as one image, `columns` tiles per row (0 = as laid out now).
    QImage composed(int columns = 0) const;

    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent*) override;
    void resizeEvent(QResizeEvent*) override;

private:
    QSize cell() const;
    int columnsFor(int width) const;

    QVector<QImage> m_tiles;
    QStringList m_captions;
    static constexpr int kGap = 4;
};
