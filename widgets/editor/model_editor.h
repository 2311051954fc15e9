#pragma once
// The model as a vertical chain of blocks: "Input 1x28x28", one block per layer (type, key settings,
// output shape, parameter count; red with the engine's message when it cannot work), then "Output". A block
// such as a Residual is one block holding its inner chain, edited like the model's own: drops land in it,
// its layers move, duplicate and delete the same way.
// Accepts LayerMime drops from the palette (insert) and from itself (move, into and out of blocks), with an
// insertion marker in the gap where the layer will land. Del deletes, Ctrl+D duplicates, Alt+Up/Down move
// (out of a block at its ends), the context menu does all of them and adds layers inside a block. A block
// with parameters has a lock at the right of its first row: a click (or Ctrl+L) freezes or unfreezes it.
// Views hold only ids: every change goes through ModelDocument and comes back via changed(). The editor keeps
// the events (model_editor.cpp: selection, mouse, keys, menus; model_editor_drops.cpp: drag and drop);
// ChainGeometry says where blocks sit, BlockPainter draws them.
// While the document is edit-locked (a training run uses the model) a banner above the chain says why, and
// every way to change the chain (keys, actions, drops, drags, the context menu) is off; selecting still
// works.
#include <QAbstractScrollArea>
#include <vector>

#include "core/model_spec.h"
#include "widgets/editor/block_painter.h"
#include "widgets/editor/chain_geometry.h"

class ModelDocument;
class QAction;
class QLabel;
class QMenu;
class QTimer;

class ModelEditor : public QAbstractScrollArea {
    Q_OBJECT
public:
    explicit ModelEditor(ModelDocument* document, QWidget* parent = nullptr);

    QString selectedId() const { return m_selected; }  // "" when none
    int selectedLayer() const;  // index in the model's own chain; -1 when none or a layer inside a block

    // Geometry in viewport coordinates (for tests and tools). blockRect(-1) is the input block,
    // blockRect(layerCount) the output marker, blockRect(i) the model's layer i; blockRect(id) any layer
    // (a block's rectangle holds its inner layers). insertionPoint(parent, i) is the middle of the gap where
    // a drop inserts at index i of that chain (0 = first; for the model's chain, right after the input).
    QRect blockRect(int layerIndex) const;
    QRect blockRect(const QString& id) const;
    QPoint insertionPoint(const QString& parent, int insertionIndex) const;
    QPoint insertionPoint(int insertionIndex) const { return insertionPoint(QString(), insertionIndex); }
    DropPlace dropPlaceAt(const QPoint& viewportPos) const;
    int insertionIndexAt(const QPoint& viewportPos) const;  // in the model's chain; -1 when inside a block
    DropPlace dropIndicator() const { return m_drop; }      // invalid when no drag hovers
    int dropIndicatorIndex() const;  // in the model's chain; -1 when none or in a block

    QAction* deleteAction() const { return m_deleteAction; }
    QAction* duplicateAction() const { return m_duplicateAction; }
    QAction* moveUpAction() const { return m_moveUpAction; }
    QAction* moveDownAction() const { return m_moveDownAction; }
    // Freezes or unfreezes the selected layer (checked = frozen); off for a layer without parameters.
    QAction* freezeAction() const { return m_freezeAction; }
    // The freeze toggle (the lock) of a layer's block in viewport coordinates; null for a layer without one.
    QRect lockRect(const QString& id) const;

    // The banner shown while the document is edit-locked (hidden otherwise).
    QString lockBannerText() const;
    bool isLockBannerVisible() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

public slots:
    void selectLayer(int index);            // the model's layer at index; -1 clears
    void selectLayerId(const QString& id);  // any layer; "" clears; scrolls the block into view
    // Adds a fresh layer after the selected one, in its chain (or at the end of the model) and selects it:
    // palette double-click.
    void insertLayerAfterSelection(layerlab::LayerType type);
    void deleteSelected();
    void duplicateSelected();
    // Toggles the layer's "trainable" (one undo step); nothing for a layer that cannot be frozen.
    void toggleFrozen(const QString& id);

signals:
    void selectionChanged(const QString& layerId);  // "" for none

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
    QString layerAt(const QPoint& viewportPos) const;  // "" when not on a layer block
    QRect contentToViewport(const QRect& r) const;
    QPoint viewportToContent(const QPoint& p) const;
    bool acceptableDrop(QDropEvent* event, Qt::DropAction* action) const;
    void startMoveDrag(const QString& id);
    void updateDropMarker();  // from m_dragPos and m_dragMoveId
    void autoScrollStep();
    // Where the layer being moved ends up when dropped at `at` (the index once it is taken out of its old
    // place); invalid when that would not move it.
    DropPlace finalPlace(const QString& id, const DropPlace& at) const;
    void insertNew(layerlab::LayerType type, const DropPlace& at);  // a layer fitted to its input there
    void moveSelected(int delta);
    QMenu* createAddLayerMenu(const DropPlace& at, const QString& title, QWidget* parent);

    ModelDocument* m_doc;
    BlockPainter m_painter;
    ChainGeometry m_geometry;  // content coordinates (y grows down from the top of the chain)
    QString m_selected;
    QString m_hover;
    QString m_lockHover;   // the layer whose lock is under the mouse
    DropPlace m_drop;      // insertion marker while a drag hovers
    QString m_dragSource;  // layer being moved by our own drag
    QString m_pressLayer;
    QPoint m_dragPos;      // last drag position (viewport coordinates)
    QString m_dragMoveId;  // the layer an internal move carries while it hovers, else ""
    QTimer* m_autoScroll;
    QLabel* m_lockBanner;
    QPoint m_pressPos;

    QAction* m_deleteAction;
    QAction* m_duplicateAction;
    QAction* m_moveUpAction;
    QAction* m_moveDownAction;
    QAction* m_freezeAction;
};
