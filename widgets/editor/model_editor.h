#pragma once
// The model as a vertical chain of blocks: "Input 1x28x28", one block per layer (type, key settings,
// output shape, parameter count; red with the engine's message when it cannot work), then "Output".
// Accepts LayerMime drops from the palette (insert) and from itself (reorder), with an insertion marker
// in the gap where the layer will land. Del deletes, Ctrl+D duplicates, the context menu does both.
// Views hold only indices: every change goes through ModelDocument and comes back via changed().
// While the document is edit-locked (a training run uses the model) a banner above the chain says why, and
// every way to change the chain (keys, actions, drops, drags, the context menu) is off; selecting still
// works.
#include <QAbstractScrollArea>
#include <vector>

#include "core/model_spec.h"
#include "widgets/editor/block_painter.h"

class ModelDocument;
class QAction;
class QLabel;
class QMenu;
class QTimer;

class ModelEditor : public QAbstractScrollArea {
    Q_OBJECT
public:
    explicit ModelEditor(ModelDocument* document, QWidget* parent = nullptr);

    int selectedLayer() const { return m_selected; }  // -1 when none

    // Geometry in viewport coordinates (for tests and tools). blockRect(-1) is the input block,
    // blockRect(layerCount) the output marker. insertionPoint(i) is the middle of the gap where a drop
    // inserts at index i (0 = right after the input, layerCount = right before the output).
    QRect blockRect(int layerIndex) const;
    QPoint insertionPoint(int insertionIndex) const;
    int insertionIndexAt(const QPoint& viewportPos) const;
    int dropIndicatorIndex() const { return m_dropIndex; }  // -1 when no drag hovers

    QAction* deleteAction() const { return m_deleteAction; }
    QAction* duplicateAction() const { return m_duplicateAction; }
    QAction* moveUpAction() const { return m_moveUpAction; }
    QAction* moveDownAction() const { return m_moveDownAction; }

    // The banner shown while the document is edit-locked (hidden otherwise).
    QString lockBannerText() const;
    bool isLockBannerVisible() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

public slots:
    void selectLayer(int index);  // -1 clears; scrolls the block into view
    // Adds a fresh layer after the selected one (or at the end) and selects it: palette double-click.
    void insertLayerAfterSelection(layerlab::LayerType type);
    void deleteSelected();
    void duplicateSelected();

signals:
    void selectionChanged(int layerIndex);  // -1 for none

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    bool viewportEvent(QEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dragMoveEvent(QDragMoveEvent* event) override;
    void dragLeaveEvent(QDragLeaveEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void onDocumentChanged();
    void onEditLockChanged();
    void placeLockBanner();
    bool editable() const;
    void relayout();
    void updateScrollBars();
    void updateActions();
    int layerCount() const;
    int layerAt(const QPoint& viewportPos) const;  // -1 when not on a layer block
    QRect contentToViewport(const QRect& r) const;
    QPoint viewportToContent(const QPoint& p) const;
    bool acceptableDrop(QDropEvent* event, Qt::DropAction* action) const;
    void startMoveDrag(int index);
    void updateDropMarker();  // from m_dragPos and m_dragMoveFrom
    void autoScrollStep();
    const layerlab::LayerInfo* layerInfo(int index) const;  // null when shape inference has none
    void moveSelected(int delta);
    QMenu* createAddLayerMenu(int insertAt, QWidget* parent);

    ModelDocument* m_doc;
    int m_selected = -1;
    int m_hover = -1;
    int m_dropIndex = -1;   // insertion marker position while a drag hovers
    int m_dragSource = -1;  // layer being moved by our own drag
    int m_pressLayer = -1;
    QPoint m_dragPos;         // last drag position (viewport coordinates)
    int m_dragMoveFrom = -1;  // source index while an internal move hovers, else -1
    QTimer* m_autoScroll;
    QLabel* m_lockBanner;
    QPoint m_pressPos;

    ChainGeometry m_geometry;  // in content coordinates (BlockPainter::layout)

    QAction* m_deleteAction;
    QAction* m_duplicateAction;
    QAction* m_moveUpAction;
    QAction* m_moveDownAction;
};
