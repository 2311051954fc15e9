// Colormap: the diverging map is symmetric around 0 (white at 0, blue at -limit, red at +limit, clamped
// beyond), fitting() picks diverging only when there are negatives, and image() upscales without blending.
#include <QTest>
#include <vector>

#include "widgets/common/colormap.h"
#include "widgets/common/tile_grid.h"

class TestColormap : public QObject {
    Q_OBJECT
private slots:
    void divergingIsSymmetricAroundZero() {
        const Colormap m = Colormap::diverging(0.5f);
        QCOMPARE(m.lo(), -0.5f);
        QCOMPARE(m.hi(), 0.5f);
        QCOMPARE(m.map(0.0f), qRgb(247, 247, 247));
        QCOMPARE(m.map(0.5f), qRgb(178, 24, 43));
        QCOMPARE(m.map(-0.5f), qRgb(33, 102, 172));
        QCOMPARE(m.map(7.0f), m.map(0.5f));  // clamped
        QCOMPARE(m.map(-7.0f), m.map(-0.5f));
        // Equal magnitudes sit equally far from white on either side.
        const QRgb pos = m.map(0.25f), neg = m.map(-0.25f);
        QVERIFY(qRed(pos) > qBlue(pos));
        QVERIFY(qBlue(neg) > qRed(neg));
        QCOMPARE(Colormap::diverging(-2.0f).hi(), 2.0f);  // the limit's sign does not matter
        QVERIFY(Colormap::diverging(0.0f).hi() > 0);      // all-zero weights still map (to white)
        QCOMPARE(Colormap::diverging(0.0f).map(0.0f), qRgb(247, 247, 247));
    }

    void fittingPicksTheMap() {
        const std::vector<float> mixed{-0.2f, 0.1f, 0.8f};
        const Colormap d = Colormap::fitting(mixed);
        QCOMPARE(d.kind(), Colormap::Kind::Diverging);
        QCOMPARE(d.hi(), 0.8f);
        QCOMPARE(d.lo(), -0.8f);
        const std::vector<float> relu{0.0f, 3.0f, 1.5f};
        const Colormap s = Colormap::fitting(relu);
        QCOMPARE(s.kind(), Colormap::Kind::Sequential);
        QCOMPARE(s.lo(), 0.0f);
        QCOMPARE(s.hi(), 3.0f);
        QCOMPARE(s.map(0.0f), qRgb(68, 1, 84));  // viridis ends
        QCOMPARE(s.map(3.0f), qRgb(253, 231, 37));
        QCOMPARE(Colormap::fitting(std::vector<float>{0, 0}).kind(), Colormap::Kind::Sequential);
    }

    void imageUpscalesNearestNeighbour() {
        const float k[9] = {-1, 0, 1, 0, 0, 0, 1, 0, -1};
        const Colormap m = Colormap::diverging(1);
        const QImage img = m.image(k, 3, 3, 8);
        QCOMPARE(img.size(), QSize(24, 24));
        for (int y = 0; y < 8; ++y)
            for (int x = 0; x < 8; ++x) {
                QCOMPARE(img.pixel(x, y), m.map(-1));         // top-left cell
                QCOMPARE(img.pixel(16 + x, y), m.map(1));     // top-right cell
                QCOMPARE(img.pixel(8 + x, 8 + y), m.map(0));  // centre
            }
    }

    void tileGridComposesRows() {
        TileGrid g;
        QVector<QImage> tiles;
        for (int i = 0; i < 5; ++i) {
            QImage t(10, 10, QImage::Format_RGB32);
            t.fill(QColor(i * 40, 0, 0));
            tiles.push_back(t);
        }
        g.setTiles(tiles);
        const QImage two = g.composed(2);  // 3 rows of 2; 4 px gaps
        QCOMPARE(two.size(), QSize(2 * 14 + 4, 3 * 14 + 4));
        QCOMPARE(two.pixel(4, 4), tiles[0].pixel(0, 0));
        QCOMPARE(two.pixel(4 + 14, 4), tiles[1].pixel(0, 0));
        QCOMPARE(two.pixel(4, 4 + 2 * 14), tiles[4].pixel(0, 0));
        QCOMPARE(g.heightForWidth(2 * 14 + 4), 3 * 14 + 4);
    }
};

QTEST_MAIN(TestColormap)
#include "tst_colormap.moc"
