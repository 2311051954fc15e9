#pragma once
// What the network has learned, from a copied Snapshot: for every Conv2D layer a grid of its kernels (one
// tile per filter, diverging colormap symmetric around 0, nearest-neighbour upscaled so 3x3 kernels are
// readable), and for a first Dense layer on raw pixels each unit's weights as an image of the input's size.
// Kernels with several input channels show the mean over channels, or one channel chosen in a spin box; the
// kernels of a Conv2D on an RGB image are shown in colour (each pixel's red, green and blue are its weights
// on the red, green and blue input, mid-grey is 0), which a check box turns off.
#include <QVector>
#include <QWidget>
#include <memory>

#include "core/snapshot.h"
#include "widgets/views/snapshot_view.h"

class QCheckBox;
class QLabel;
class QSpinBox;
class QVBoxLayout;
class TileGrid;
class ColormapLegend;

class FilterView : public SnapshotView {
    Q_OBJECT
public:
    explicit FilterView(QWidget* parent = nullptr);

    // For tests and export: one section per Conv2D layer, then the Dense-on-pixels section if any.
    int sectionCount() const { return m_sections.size(); }
    QString sectionTitle(int i) const;
    QImage sectionImage(int i, int columns = 8) const;

public slots:
    // Nothing to show (new model): a hint instead of stale kernels.
    void clear(const QString& hint = QString());

private:
    void render() override;
    enum class Kind { ConvKernels, DenseOnPixels };
    struct Section {
        Kind kind;
        int layer = -1;  // index into Snapshot::layers
        std::vector<int> dims;
        QWidget* box = nullptr;
        QLabel* title = nullptr;
        QSpinBox* channel = nullptr;
        QCheckBox* colour = nullptr;  // RGB input: kernels in colour
        ColormapLegend* legend = nullptr;
        TileGrid* grid = nullptr;
    };
    void rebuild(const layerlab::Snapshot& s);
    void renderSection(Section& sec);

    QLabel* m_header = nullptr;
    QVector<Section> m_sections;
};
