#include "widgets/editor/model_editor.h"

#include <QAction>
#include <QApplication>
#include <QContextMenuEvent>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QLabel>
#include <QMenu>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <QTimer>
#include <QToolTip>
#include <algorithm>

#include "core/freezing.h"
#include "core/layer_types.h"
#include "i18n/core_text.h"
#include "widgets/common/layer_catalog.h"
#include "widgets/common/layer_icons.h"
#include "widgets/document/model_document.h"

using layerlab::LayerSpec;
using layerlab::LayerType;

ModelEditor::ModelEditor(ModelDocument* document, QWidget* parent)
    : QAbstractScrollArea(parent), m_doc(document), m_painter(this) {
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    setFocusPolicy(Qt::StrongFocus);
    setAcceptDrops(true);
    viewport()->setAcceptDrops(true);
    viewport()->setMouseTracking(true);
    viewport()->setBackgroundRole(QPalette::AlternateBase);
    viewport()->setAutoFillBackground(true);
    verticalScrollBar()->setSingleStep(24);
    setAccessibleName(tr("Model editor"));

    m_deleteAction = new QAction(tr("&Delete Layer"), this);
    m_deleteAction->setShortcuts({QKeySequence(QKeySequence::Delete), QKeySequence(Qt::Key_Backspace)});
    m_deleteAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_deleteAction, &QAction::triggered, this, &ModelEditor::deleteSelected);

    m_duplicateAction = new QAction(tr("D&uplicate Layer"), this);
    m_duplicateAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
    m_duplicateAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_duplicateAction, &QAction::triggered, this, &ModelEditor::duplicateSelected);

    m_moveUpAction = new QAction(tr("Move Layer &Up"), this);
    m_moveUpAction->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Up));
    m_moveUpAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_moveUpAction, &QAction::triggered, this, [this] { moveSelected(-1); });

    m_moveDownAction = new QAction(tr("Move Layer Do&wn"), this);
    m_moveDownAction->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Down));
    m_moveDownAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_moveDownAction, &QAction::triggered, this, [this] { moveSelected(+1); });

    m_freezeAction = new QAction(tr("&Freeze Layer"), this);
    m_freezeAction->setCheckable(true);
    m_freezeAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    m_freezeAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_freezeAction->setStatusTip(
        tr("Keep the selected layer's weights as they are while the rest of the model trains (Ctrl+L)"));
    connect(m_freezeAction, &QAction::triggered, this, [this] { toggleFrozen(m_selected); });

    addActions({m_deleteAction, m_duplicateAction, m_moveUpAction, m_moveDownAction, m_freezeAction});

    m_autoScroll = new QTimer(this);
    m_autoScroll->setInterval(30);
    connect(m_autoScroll, &QTimer::timeout, this, &ModelEditor::autoScrollStep);

    m_lockBanner = new QLabel(this);
    m_lockBanner->setObjectName(QStringLiteral("modelLockBanner"));
    m_lockBanner->setWordWrap(true);
    m_lockBanner->setContentsMargins(8, 4, 8, 4);
    m_lockBanner->setStyleSheet(
        QStringLiteral("background:#e8eef9; color:#1f3a6b; border-bottom:1px solid #b7c7e6;"));
    m_lockBanner->hide();

    connect(m_doc, &ModelDocument::changed, this, &ModelEditor::onDocumentChanged);
    connect(m_doc, &ModelDocument::layerFocused, this, &ModelEditor::selectLayerId);
    connect(m_doc, &ModelDocument::editLockChanged, this, &ModelEditor::onEditLockChanged);
    relayout();
    onEditLockChanged();
}

QString ModelEditor::lockBannerText() const {
    return m_lockBanner->text();
}

bool ModelEditor::isLockBannerVisible() const {
    return !m_lockBanner->isHidden();
}

bool ModelEditor::editable() const {
    return !m_doc->isEditLocked();
}

void ModelEditor::onEditLockChanged() {
    const bool locked = m_doc->isEditLocked();
    m_lockBanner->setText(m_doc->editLockReason());
    m_lockBanner->setVisible(locked);
    viewport()->setToolTip(locked ? m_doc->editLockReason() : QString());
    placeLockBanner();
    updateActions();
    relayout();
    viewport()->update();
}

// The banner sits above the viewport, in a top margin of its height, as wide as the viewport (the vertical
// scroll bar keeps the whole height beside both). Placed again whenever the viewport is resized.
void ModelEditor::placeLockBanner() {
    const int f = frameWidth();
    const int w = viewport()->width();
    const int h = m_lockBanner->isHidden() ? 0 : m_lockBanner->heightForWidth(w);
    m_lockBanner->setGeometry(f, f, w, h);
    if (viewportMargins().top() != h) setViewportMargins(0, h, 0, 0);
}

QSize ModelEditor::sizeHint() const {
    return QSize(340, 560);
}
QSize ModelEditor::minimumSizeHint() const {
    return QSize(240, 200);
}

int ModelEditor::layerCount() const {
    return int(m_doc->spec().layers.size());
}

int ModelEditor::selectedLayer() const {
    if (m_selected.isEmpty() || !m_doc->parentOf(m_selected).isEmpty()) return -1;
    return m_doc->indexOf(m_selected);
}

// ---- selection and commands ------------------------------------------------------------------------------

void ModelEditor::selectLayer(int index) {
    selectLayerId(m_doc->layerId(index));
}

void ModelEditor::selectLayerId(const QString& requested) {
    const QString id = requested.isEmpty() || m_doc->layer(requested) ? requested : QString();
    if (!id.isEmpty() && !m_geometry.block(id)) relayout();
    if (const ChainGeometry::Block* b = m_geometry.block(id)) {
        // The whole block when it fits, else its header.
        const QRect r =
            b->rect.height() + 2 * EditorMetrics::kMargin <= viewport()->height() ? b->rect : b->header;
        QScrollBar* sb = verticalScrollBar();
        const int top = sb->value(), height = viewport()->height();
        if (r.top() - EditorMetrics::kMargin < top)
            sb->setValue(r.top() - EditorMetrics::kMargin);
        else if (r.bottom() + EditorMetrics::kMargin > top + height)
            sb->setValue(r.bottom() + EditorMetrics::kMargin - height);
    }
    if (id == m_selected) return;
    m_selected = id;
    updateActions();
    viewport()->update();
    emit selectionChanged(m_selected);
}

void ModelEditor::insertNew(LayerType type, const DropPlace& at) {
    if (!editable()) return;
    m_doc->insertLayer(at.parent, at.index, LayerSpec::make(type, m_doc->inputShapeAt(at.parent, at.index)));
}

void ModelEditor::insertLayerAfterSelection(LayerType type) {
    if (!editable()) return;
    if (m_selected.isEmpty())
        insertNew(type, {QString(), layerCount()});
    else
        insertNew(type, {m_doc->parentOf(m_selected), m_doc->indexOf(m_selected) + 1});
}

void ModelEditor::deleteSelected() {
    if (!editable()) return;
    if (!m_selected.isEmpty()) m_doc->removeLayer(m_selected);
}

void ModelEditor::duplicateSelected() {
    if (!editable()) return;
    if (!m_selected.isEmpty()) m_doc->duplicateLayer(m_selected);
}

void ModelEditor::toggleFrozen(const QString& id) {
    if (!editable()) return;
    if (const LayerSpec* l = m_doc->layer(id)) m_doc->setLayerTrainable(id, !l->trainable);
    updateActions();
}

// Within its chain; at either end of a block's chain the layer steps out of the block, before or after it.
void ModelEditor::moveSelected(int delta) {
    if (!editable() || m_selected.isEmpty()) return;
    const QString parent = m_doc->parentOf(m_selected);
    const int index = m_doc->indexOf(m_selected), to = index + delta;
    if (to >= 0 && to < m_doc->chainSize(parent))
        m_doc->moveLayer(m_selected, parent, to);
    else if (!parent.isEmpty())
        m_doc->moveLayer(m_selected, m_doc->parentOf(parent), m_doc->indexOf(parent) + (delta > 0 ? 1 : 0));
}

void ModelEditor::updateActions() {
    const bool has = !m_selected.isEmpty() && editable();
    const bool inBlock = has && !m_doc->parentOf(m_selected).isEmpty();
    const int index = has ? m_doc->indexOf(m_selected) : -1;
    m_deleteAction->setEnabled(has);
    m_duplicateAction->setEnabled(has);
    m_moveUpAction->setEnabled(has && (index > 0 || inBlock));
    m_moveDownAction->setEnabled(has &&
                                 (index < m_doc->chainSize(m_doc->parentOf(m_selected)) - 1 || inBlock));
    const LayerSpec* layer = m_doc->layer(m_selected);
    const bool canFreeze = layer && layerlab::canFreeze(layer->type);
    m_freezeAction->setEnabled(has && canFreeze);
    m_freezeAction->setChecked(canFreeze && !layer->trainable);
}

void ModelEditor::onDocumentChanged() {
    relayout();
    if (!m_selected.isEmpty() && !m_doc->layer(m_selected)) selectLayerId(QString());
    updateActions();
    viewport()->update();
}

// ---- geometry --------------------------------------------------------------------------------------------

void ModelEditor::relayout() {
    m_geometry.build(m_doc->spec(), m_doc->info(), viewport()->width(),
                     [this](const QString& text, int width) { return m_painter.textHeight(text, width); });
    updateScrollBars();
}

void ModelEditor::updateScrollBars() {
    QScrollBar* sb = verticalScrollBar();
    sb->setPageStep(viewport()->height());
    sb->setRange(0, std::max(0, m_geometry.contentHeight() - viewport()->height()));
}

void ModelEditor::resizeEvent(QResizeEvent* event) {
    QAbstractScrollArea::resizeEvent(event);
    placeLockBanner();
    relayout();
}

void ModelEditor::changeEvent(QEvent* event) {
    QAbstractScrollArea::changeEvent(event);
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange) relayout();
}

QRect ModelEditor::contentToViewport(const QRect& r) const {
    return r.translated(0, -verticalScrollBar()->value());
}

QPoint ModelEditor::viewportToContent(const QPoint& p) const {
    return p + QPoint(0, verticalScrollBar()->value());
}

QRect ModelEditor::blockRect(int layerIndex) const {
    if (layerIndex == -1) return contentToViewport(m_geometry.input());
    if (layerIndex == layerCount()) return contentToViewport(m_geometry.output());
    return blockRect(m_doc->layerId(layerIndex));
}

QRect ModelEditor::blockRect(const QString& id) const {
    const ChainGeometry::Block* b = m_geometry.block(id);
    return b ? contentToViewport(b->rect) : QRect();
}

QRect ModelEditor::lockRect(const QString& id) const {
    const ChainGeometry::Block* b = m_geometry.block(id);
    return b && !b->lock.isNull() ? contentToViewport(b->lock) : QRect();
}

QPoint ModelEditor::insertionPoint(const QString& parent, int insertionIndex) const {
    const QLine line = m_geometry.gapLine({parent, insertionIndex});
    if (line.isNull()) return QPoint(-1, -1);
    return QPoint(line.center().x(), line.y1() - verticalScrollBar()->value());
}

DropPlace ModelEditor::dropPlaceAt(const QPoint& viewportPos) const {
    return m_geometry.dropAt(viewportToContent(viewportPos));
}

int ModelEditor::insertionIndexAt(const QPoint& viewportPos) const {
    const DropPlace place = dropPlaceAt(viewportPos);
    return place.parent.isEmpty() ? place.index : -1;
}

int ModelEditor::dropIndicatorIndex() const {
    return m_drop.valid() && m_drop.parent.isEmpty() ? m_drop.index : -1;
}

QString ModelEditor::layerAt(const QPoint& viewportPos) const {
    const ChainGeometry::Block* b = m_geometry.blockAt(viewportToContent(viewportPos));
    return b ? b->id : QString();
}

// ---- painting and tooltips -------------------------------------------------------------------------------

void ModelEditor::paintEvent(QPaintEvent*) {
    QPainter p(viewport());
    p.setRenderHint(QPainter::Antialiasing);
    p.translate(0, -verticalScrollBar()->value());
    BlockPainter::State state;
    state.selected = m_selected;
    state.hovered = m_hover;
    state.dragged = m_dragSource;
    state.lockHovered = editable() ? m_lockHover : QString();
    if (m_drop.valid()) state.marker = m_geometry.gapLine(m_drop);
    m_painter.paintChain(p, m_geometry, m_doc->spec(), m_doc->info(), state);
}

bool ModelEditor::viewportEvent(QEvent* event) {
    if (event->type() == QEvent::Resize) placeLockBanner();
    switch (event->type()) {
        case QEvent::ToolTip: {
            auto* he = static_cast<QHelpEvent*>(event);
            const QString id = layerAt(he->pos());
            const LayerSpec* layer = m_doc->layer(id);
            const bool frozen = layer && layerlab::isFrozen(m_doc->spec(), m_doc->pathOf(id));
            if (layer && lockRect(id).contains(he->pos())) {
                QToolTip::showText(he->globalPos(), BlockPainter::lockToolTip(*layer, frozen), viewport(),
                                   lockRect(id));
            } else if (layer) {
                QToolTip::showText(
                    he->globalPos(),
                    BlockPainter::toolTip(m_doc->numberOf(id), *layer, m_doc->layerInfo(id), frozen),
                    viewport(), blockRect(id));
            } else if (m_geometry.output().contains(viewportToContent(he->pos())) && !m_doc->info().ok()) {
                QToolTip::showText(he->globalPos(), CoreText::message(m_doc->info().error), viewport());
            } else {
                QToolTip::hideText();
                event->ignore();
            }
            return true;
        }
        case QEvent::Leave:
            if (!m_hover.isEmpty() || !m_lockHover.isEmpty()) {
                m_hover.clear();
                m_lockHover.clear();
                viewport()->unsetCursor();
                viewport()->update();
            }
            break;
        default:
            break;
    }
    return QAbstractScrollArea::viewportEvent(event);
}

// ---- mouse and keys --------------------------------------------------------------------------------------

void ModelEditor::mousePressEvent(QMouseEvent* event) {
    setFocus(Qt::MouseFocusReason);
    const QString id = layerAt(event->position().toPoint());
    if (event->button() == Qt::LeftButton || event->button() == Qt::RightButton) selectLayerId(id);
    if (event->button() == Qt::LeftButton && !id.isEmpty() &&
        lockRect(id).contains(event->position().toPoint())) {
        toggleFrozen(id);  // a click on the lock; no drag starts from it
        event->accept();
        return;
    }
    if (event->button() == Qt::LeftButton) {
        m_pressLayer = id;
        m_pressPos = event->position().toPoint();
    }
    event->accept();
}

void ModelEditor::mouseMoveEvent(QMouseEvent* event) {
    const QPoint pos = event->position().toPoint();
    if ((event->buttons() & Qt::LeftButton) && !m_pressLayer.isEmpty() && editable() &&
        (pos - m_pressPos).manhattanLength() >= QApplication::startDragDistance()) {
        const QString id = m_pressLayer;
        m_pressLayer.clear();
        startMoveDrag(id);
        return;
    }
    const QString hover = layerAt(pos);
    const QString lockHover = !hover.isEmpty() && lockRect(hover).contains(pos) ? hover : QString();
    if (hover != m_hover || lockHover != m_lockHover) {
        m_hover = hover;
        m_lockHover = lockHover;
        if (!lockHover.isEmpty() && editable())
            viewport()->setCursor(Qt::PointingHandCursor);
        else
            viewport()->unsetCursor();
        viewport()->update();
    }
}

void ModelEditor::mouseReleaseEvent(QMouseEvent*) {
    m_pressLayer.clear();
}

void ModelEditor::keyPressEvent(QKeyEvent* event) {
    const auto& blocks = m_geometry.blocks();  // display order: a block, then what is inside it
    const int at = m_geometry.blockIndex(m_selected), n = int(blocks.size());
    if (event->matches(QKeySequence::Delete) || event->key() == Qt::Key_Backspace) {
        deleteSelected();
    } else if (event->modifiers() == Qt::ControlModifier && event->key() == Qt::Key_D) {
        duplicateSelected();
    } else if (event->modifiers() & Qt::AltModifier && event->key() == Qt::Key_Up) {
        moveSelected(-1);
    } else if (event->modifiers() & Qt::AltModifier && event->key() == Qt::Key_Down) {
        moveSelected(+1);
    } else if (event->key() == Qt::Key_Up && n > 0) {
        selectLayerId(blocks[std::max(at - 1, 0)].id);
    } else if (event->key() == Qt::Key_Down && n > 0) {
        selectLayerId(blocks[std::min(at + 1, n - 1)].id);
    } else if (event->key() == Qt::Key_Home && n > 0) {
        selectLayer(0);
    } else if (event->key() == Qt::Key_End && n > 0) {
        selectLayer(layerCount() - 1);
    } else if (event->key() == Qt::Key_Escape) {
        selectLayerId(QString());
    } else {
        QAbstractScrollArea::keyPressEvent(event);
        return;
    }
    event->accept();
}

QMenu* ModelEditor::createAddLayerMenu(const DropPlace& at, const QString& title, QWidget* parent) {
    auto* menu = new QMenu(title, parent);
    menu->setEnabled(editable());
    for (const LayerCatalog::Group& group : LayerCatalog::groups()) {
        menu->addSection(group.name);
        for (LayerType type : group.types) {
            QAction* a = menu->addAction(layerIcon(type), LayerCatalog::displayName(type));
            a->setToolTip(LayerCatalog::description(type));
            connect(a, &QAction::triggered, this, [this, at, type] {
                const int size = m_doc->chainSize(at.parent);
                if (size >= 0) insertNew(type, {at.parent, std::min(at.index, size)});
            });
        }
    }
    return menu;
}

void ModelEditor::contextMenuEvent(QContextMenuEvent* event) {
    QPoint pos = event->pos();
    QString id = layerAt(pos);
    if (event->reason() == QContextMenuEvent::Keyboard && !m_selected.isEmpty()) {
        id = m_selected;
        pos = blockRect(id).topLeft() + QPoint(24, 12);
    }
    selectLayerId(id);
    QMenu menu(this);
    if (!id.isEmpty()) {
        menu.addMenu(
            createAddLayerMenu({m_doc->parentOf(id), m_doc->indexOf(id) + 1}, tr("&Add Layer After"), &menu));
        if (m_doc->isBlock(id))
            menu.addMenu(createAddLayerMenu({id, m_doc->chainSize(id)}, tr("Add Layer &Inside"), &menu));
        menu.addSeparator();
        menu.addAction(m_duplicateAction);
        menu.addAction(m_deleteAction);
        menu.addSeparator();
        menu.addAction(m_moveUpAction);
        menu.addAction(m_moveDownAction);
        if (m_freezeAction->isEnabled()) {
            menu.addSeparator();
            menu.addAction(m_freezeAction);
        }
    } else {
        const DropPlace at = dropPlaceAt(pos);
        menu.addMenu(createAddLayerMenu(
            at, at.index >= layerCount() && at.parent.isEmpty() ? tr("&Add Layer") : tr("&Insert Layer Here"),
            &menu));
    }
    menu.exec(viewport()->mapToGlobal(pos));
}
