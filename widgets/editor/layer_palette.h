#pragma once
// The layer palette: every layer type grouped as Core, Convolution, Pooling, Activation, Regularization,
// Blocks, each entry with an icon, its name and a plain-language tooltip. Dragging an entry starts a QDrag
// carrying LayerMime data (a new layer of that type); double-click or Enter emits layerActivated instead.
#include <QWidget>

#include "core/model_spec.h"

class QDrag;
class QMimeData;
class QTreeWidget;
class QTreeWidgetItem;

class LayerPalette : public QWidget {
    Q_OBJECT
public:
    explicit LayerPalette(QWidget* parent = nullptr);

    // Exactly what a drag from the palette carries (caller owns it).
    static QMimeData* mimeDataFor(layerlab::LayerType type);
    // The drag the palette starts for `type` (not yet executed; caller owns it, or exec() it).
    QDrag* createDrag(layerlab::LayerType type);

    QTreeWidget* tree() const { return m_tree; }
    QTreeWidgetItem* itemFor(layerlab::LayerType type) const;

    QSize sizeHint() const override;

signals:
    // Double-click or Enter on an entry: "add this layer" without dragging (after the selection, or at the
    // end).
    void layerActivated(layerlab::LayerType type);
    // A mouse drag of an entry began (the QDrag is about to run).
    void dragStarted(layerlab::LayerType type);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void populate();
    void startDrag(layerlab::LayerType type);

    QTreeWidget* m_tree;
    QPoint m_pressPos;
    QTreeWidgetItem* m_pressItem = nullptr;
};
