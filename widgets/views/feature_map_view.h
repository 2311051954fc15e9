#pragma once
// One probe image through the network, from a copied Snapshot: the input, the true and predicted class with
// the class probabilities, then every layer's output (Snapshot::layers[i].activation): spatial outputs as one
// tile per channel, flat outputs as a strip of cells. Layers are numbered and named as in the editor: a
// Dense or Conv2D with a fused activation is one layer showing its activated output, or, with "Before
// activation" ticked, the output before the activation. A spin box and arrow buttons choose the image; the
// owner turns probeIndexChanged() into a new snapshot (Trainer::requestSnapshot or snapshotFromParams).
// Everything below the image picker scrolls, so the view needs little height.
#include <QStringList>
#include <QVector>
#include <QWidget>
#include <memory>

#include "core/snapshot.h"
#include "widgets/views/snapshot_view.h"

class QCheckBox;
class QLabel;
class QSpinBox;
class QToolButton;
class QVBoxLayout;
class TileGrid;
class ColormapLegend;

class FeatureMapView : public SnapshotView {
    Q_OBJECT
public:
    explicit FeatureMapView(QWidget* parent = nullptr);

    int probeIndex() const;
    // Range of the spin box (e.g. the validation set size) and what the index counts ("validation", "test").
    void setProbeRange(int count, const QString& source);
    // Names for the caption, by class index: of the image's true label (what the data holds) and of the
    // model's outputs (what the model was made for). Empty lists show the numbers.
    void setClassNames(const QStringList& labelNames, const QStringList& outputNames);
    QString predictionText() const;
    int layerSectionCount() const { return m_sections.size(); }
    QImage layerImage(int i, int columns = 8) const;
    QString layerTitle(int i) const;
    // Show a fused activation's input instead of its output (the "Before activation" check box).
    void setShowBeforeActivation(bool on);
    bool showBeforeActivation() const;
    // Hides the image picker, for an owner that supplies its own images (the Evaluate tab's drawing pad).
    void setProbePickerVisible(bool visible);

public slots:
    void clear(const QString& hint = QString());

signals:
    void probeIndexChanged(int index);

private:
    void render() override;
    struct Section {
        QString key;
        QWidget* box = nullptr;
        QLabel* title = nullptr;
        ColormapLegend* legend = nullptr;
        TileGrid* grid = nullptr;
    };
    void rebuild(const layerlab::Snapshot& s);

    QSpinBox* m_index = nullptr;
    QToolButton* m_prev = nullptr;
    QToolButton* m_next = nullptr;
    QLabel* m_source = nullptr;
    QLabel* m_probeLabel = nullptr;
    QCheckBox* m_beforeActivation = nullptr;
    QLabel* m_input = nullptr;
    QLabel* m_prediction = nullptr;
    QLabel* m_hint = nullptr;
    QVector<Section> m_sections;
    QStringList m_labelNames, m_outputNames;
};
