#include "widgets/editor/model_editor.h"

#include <QAction>
#include <QApplication>
#include <QContextMenuEvent>
#include <QDrag>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QLabel>
#include <QMenu>
#include <QMimeData>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <QTimer>
#include <QToolTip>
#include <algorithm>

#include "widgets/common/layer_catalog.h"
#include "widgets/common/layer_icons.h"
#include "widgets/document/model_document.h"
#include "widgets/editor/layer_mime.h"

using layerlab::LayerInfo;
using layerlab::LayerSpec;
using layerlab::LayerType;

namespace {
constexpr int kAutoScrollZone = 28;  // a drag this close to the top or bottom edge scrolls
constexpr int kMargin = BlockPainter::kMargin;
}  // namespace

ModelEditor::ModelEditor(ModelDocument* document, QWidget* parent)
    : QAbstractScrollArea(parent), m_doc(document) {
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

    addActions({m_deleteAction, m_duplicateAction, m_moveUpAction, m_moveDownAction});

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
    connect(m_doc, &ModelDocument::layerFocused, this, &ModelEditor::selectLayer);
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

const layerlab::LayerInfo* ModelEditor::layerInfo(int index) const {
    const auto& infos = m_doc->info().layers;
    return index >= 0 && index < int(infos.size()) ? &infos[index] : nullptr;
}

int ModelEditor::layerCount() const {
    return int(m_doc->spec().layers.size());
}

// ---- selection and commands ------------------------------------------------------------------------------

void ModelEditor::selectLayer(int index) {
    if (index < -1 || index >= layerCount()) index = -1;
    if (m_geometry.layers.size() != size_t(layerCount())) relayout();
    if (index >= 0) {
        const QRect r = m_geometry.layers.at(index);
        QScrollBar* sb = verticalScrollBar();
        const int top = sb->value(), height = viewport()->height();
        if (r.top() - kMargin < top)
            sb->setValue(r.top() - kMargin);
        else if (r.bottom() + kMargin > top + height)
            sb->setValue(r.bottom() + kMargin - height);
    }
    if (index == m_selected) return;
    m_selected = index;
    updateActions();
    viewport()->update();
    emit selectionChanged(m_selected);
}

void ModelEditor::insertLayerAfterSelection(LayerType type) {
    if (!editable()) return;
    const int at = m_selected >= 0 ? m_selected + 1 : layerCount();
    m_doc->insertLayer(at, LayerSpec::make(type));
}

void ModelEditor::deleteSelected() {
    if (!editable()) return;
    if (m_selected >= 0) m_doc->removeLayer(m_selected);
}

void ModelEditor::duplicateSelected() {
    if (!editable()) return;
    if (m_selected >= 0) m_doc->duplicateLayer(m_selected);
}

void ModelEditor::moveSelected(int delta) {
    if (!editable()) return;
    const int to = m_selected + delta;
    if (m_selected >= 0 && to >= 0 && to < layerCount()) m_doc->moveLayer(m_selected, to);
}

void ModelEditor::updateActions() {
    const bool has = m_selected >= 0 && editable();
    m_deleteAction->setEnabled(has);
    m_duplicateAction->setEnabled(has);
    m_moveUpAction->setEnabled(has && m_selected > 0);
    m_moveDownAction->setEnabled(has && m_selected < layerCount() - 1);
}

void ModelEditor::onDocumentChanged() {
    relayout();
    if (m_selected >= layerCount()) selectLayer(layerCount() - 1);
    updateActions();
    viewport()->update();
}

// ---- layout ----------------------------------------------------------------------------------------------

void ModelEditor::relayout() {
    m_geometry = BlockPainter(this).layout(m_doc->spec(), m_doc->info(), viewport()->width());
    updateScrollBars();
}

void ModelEditor::updateScrollBars() {
    QScrollBar* sb = verticalScrollBar();
    sb->setPageStep(viewport()->height());
    sb->setRange(0, std::max(0, m_geometry.contentHeight - viewport()->height()));
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
    if (layerIndex == -1) return contentToViewport(m_geometry.input);
    if (layerIndex == layerCount()) return contentToViewport(m_geometry.output);
    if (layerIndex < 0 || layerIndex > layerCount()) return QRect();
    return contentToViewport(m_geometry.layers.at(layerIndex));
}

QPoint ModelEditor::insertionPoint(int insertionIndex) const {
    const QRect above = blockRect(insertionIndex - 1);
    const QRect below = blockRect(insertionIndex);
    if (above.isNull() || below.isNull()) return QPoint(-1, -1);
    return QPoint(above.center().x(), (above.bottom() + below.top()) / 2);
}

int ModelEditor::insertionIndexAt(const QPoint& viewportPos) const {
    const int y = viewportToContent(viewportPos).y();
    for (int i = 0; i < layerCount(); ++i)
        if (y < m_geometry.layers[i].center().y()) return i;
    return layerCount();
}

int ModelEditor::layerAt(const QPoint& viewportPos) const {
    const QPoint p = viewportToContent(viewportPos);
    for (int i = 0; i < layerCount(); ++i)
        if (m_geometry.layers[i].contains(p)) return i;
    return -1;
}

// ---- painting --------------------------------------------------------------------------------------------

void ModelEditor::paintEvent(QPaintEvent*) {
    QPainter p(viewport());
    p.setRenderHint(QPainter::Antialiasing);
    p.translate(0, -verticalScrollBar()->value());
    BlockPainter(this).paintChain(p, m_geometry, m_doc->spec(), m_doc->info(), m_selected, m_hover,
                                  m_dragSource, m_dropIndex);
}

bool ModelEditor::viewportEvent(QEvent* event) {
    if (event->type() == QEvent::Resize) placeLockBanner();
    switch (event->type()) {
        case QEvent::ToolTip: {
            auto* he = static_cast<QHelpEvent*>(event);
            const int index = layerAt(he->pos());
            if (index >= 0) {
                QToolTip::showText(
                    he->globalPos(),
                    BlockPainter::toolTip(index, m_doc->spec().layers.at(index), layerInfo(index)),
                    viewport(), blockRect(index));
            } else if (m_geometry.output.contains(viewportToContent(he->pos())) && !m_doc->info().ok()) {
                QToolTip::showText(he->globalPos(), QString::fromStdString(m_doc->info().error), viewport());
            } else {
                QToolTip::hideText();
                event->ignore();
            }
            return true;
        }
        case QEvent::Leave:
            if (m_hover != -1) {
                m_hover = -1;
                viewport()->update();
            }
            break;
        default:
            break;
    }
    return QAbstractScrollArea::viewportEvent(event);
}

void ModelEditor::mousePressEvent(QMouseEvent* event) {
    setFocus(Qt::MouseFocusReason);
    const int index = layerAt(event->position().toPoint());
    if (event->button() == Qt::LeftButton || event->button() == Qt::RightButton) selectLayer(index);
    if (event->button() == Qt::LeftButton) {
        m_pressLayer = index;
        m_pressPos = event->position().toPoint();
    }
    event->accept();
}

void ModelEditor::mouseMoveEvent(QMouseEvent* event) {
    const QPoint pos = event->position().toPoint();
    if ((event->buttons() & Qt::LeftButton) && m_pressLayer >= 0 && editable() &&
        (pos - m_pressPos).manhattanLength() >= QApplication::startDragDistance()) {
        const int index = m_pressLayer;
        m_pressLayer = -1;
        startMoveDrag(index);
        return;
    }
    const int hover = layerAt(pos);
    if (hover != m_hover) {
        m_hover = hover;
        viewport()->update();
    }
}

void ModelEditor::mouseReleaseEvent(QMouseEvent*) {
    m_pressLayer = -1;
}

void ModelEditor::startMoveDrag(int index) {
    const QRect r = m_geometry.layers.at(index);
    const qreal dpr = devicePixelRatioF();
    QPixmap pm(r.size() * dpr);
    pm.setDevicePixelRatio(dpr);
    pm.fill(Qt::transparent);
    {
        QPainter p(&pm);
        p.setRenderHint(QPainter::Antialiasing);
        p.setOpacity(0.85);
        p.translate(-r.topLeft());
        BlockPainter(this).paintLayer(p, r, index, m_doc->spec().layers.at(index), layerInfo(index), {});
    }
    auto* drag = new QDrag(this);
    drag->setMimeData(LayerMime::encodeMove(m_doc, index));
    drag->setPixmap(pm);
    drag->setHotSpot(m_pressPos - blockRect(index).topLeft());
    m_dragSource = index;
    viewport()->update();
    drag->exec(Qt::MoveAction, Qt::MoveAction);
    m_dragSource = -1;
    m_dropIndex = -1;
    viewport()->update();
}

void ModelEditor::keyPressEvent(QKeyEvent* event) {
    const int n = layerCount();
    if (event->matches(QKeySequence::Delete) || event->key() == Qt::Key_Backspace) {
        deleteSelected();
    } else if (event->modifiers() == Qt::ControlModifier && event->key() == Qt::Key_D) {
        duplicateSelected();
    } else if (event->modifiers() & Qt::AltModifier && event->key() == Qt::Key_Up) {
        moveSelected(-1);
    } else if (event->modifiers() & Qt::AltModifier && event->key() == Qt::Key_Down) {
        moveSelected(+1);
    } else if (event->key() == Qt::Key_Up && n > 0) {
        selectLayer(m_selected <= 0 ? 0 : m_selected - 1);
    } else if (event->key() == Qt::Key_Down && n > 0) {
        selectLayer(std::min(m_selected + 1, n - 1));
    } else if (event->key() == Qt::Key_Home && n > 0) {
        selectLayer(0);
    } else if (event->key() == Qt::Key_End && n > 0) {
        selectLayer(n - 1);
    } else if (event->key() == Qt::Key_Escape) {
        selectLayer(-1);
    } else {
        QAbstractScrollArea::keyPressEvent(event);
        return;
    }
    event->accept();
}

QMenu* ModelEditor::createAddLayerMenu(int insertAt, QWidget* parent) {
    auto* menu = new QMenu(insertAt >= layerCount() ? tr("&Add Layer") : tr("&Insert Layer Here"), parent);
    menu->setEnabled(editable());
    for (const LayerCatalog::Group& group : LayerCatalog::groups()) {
        menu->addSection(group.name);
        for (LayerType type : group.types) {
            QAction* a = menu->addAction(layerIcon(type), LayerCatalog::displayName(type));
            a->setToolTip(LayerCatalog::description(type));
            connect(a, &QAction::triggered, this, [this, insertAt, type] {
                m_doc->insertLayer(std::min(insertAt, layerCount()), LayerSpec::make(type));
            });
        }
    }
    return menu;
}

void ModelEditor::contextMenuEvent(QContextMenuEvent* event) {
    QPoint pos = event->pos();
    int index = layerAt(pos);
    if (event->reason() == QContextMenuEvent::Keyboard && m_selected >= 0) {
        index = m_selected;
        pos = blockRect(index).center();
    }
    selectLayer(index);
    QMenu menu(this);
    if (index >= 0) {
        QMenu* addAfter = createAddLayerMenu(index + 1, &menu);
        addAfter->setTitle(tr("&Add Layer After"));
        menu.addMenu(addAfter);
        menu.addSeparator();
        menu.addAction(m_duplicateAction);
        menu.addAction(m_deleteAction);
        menu.addSeparator();
        menu.addAction(m_moveUpAction);
        menu.addAction(m_moveDownAction);
    } else {
        menu.addMenu(createAddLayerMenu(insertionIndexAt(pos), &menu));
    }
    menu.exec(viewport()->mapToGlobal(pos));
}

// ---- drag and drop ---------------------------------------------------------------------------------------

bool ModelEditor::acceptableDrop(QDropEvent* event, Qt::DropAction* action) const {
    if (!editable()) return false;  // the model is locked: the cursor shows the drop is refused
    const auto payload = LayerMime::decode(event->mimeData());
    if (!payload) return false;
    Qt::DropAction wanted = Qt::CopyAction;
    if (payload->kind == LayerMime::Payload::Kind::MoveLayer) {
        // Moves only make sense inside the document they came from.
        if (payload->source != static_cast<quint64>(reinterpret_cast<quintptr>(m_doc))) return false;
        if (payload->index >= layerCount()) return false;
        wanted = Qt::MoveAction;
    }
    if (!(event->possibleActions() & wanted)) return false;
    *action = wanted;
    return true;
}

void ModelEditor::dragEnterEvent(QDragEnterEvent* event) {
    Qt::DropAction action;
    if (!acceptableDrop(event, &action)) {
        event->ignore();
        return;
    }
    event->setDropAction(action);
    event->accept();
    dragMoveEvent(event);
}

void ModelEditor::dragMoveEvent(QDragMoveEvent* event) {
    Qt::DropAction action;
    if (!acceptableDrop(event, &action)) {
        event->ignore();
        if (m_dropIndex != -1) {
            m_dropIndex = -1;
            viewport()->update();
        }
        return;
    }
    const auto payload = LayerMime::decode(event->mimeData());
    m_dragPos = event->position().toPoint();
    m_dragMoveFrom = payload->kind == LayerMime::Payload::Kind::MoveLayer ? payload->index : -1;
    // Keep scrolling while the drag hovers near the top or bottom edge (drag-move events only come on
    // motion).
    const bool nearEdge =
        m_dragPos.y() < kAutoScrollZone || m_dragPos.y() > viewport()->height() - kAutoScrollZone;
    if (nearEdge && !m_autoScroll->isActive())
        m_autoScroll->start();
    else if (!nearEdge)
        m_autoScroll->stop();
    updateDropMarker();
    event->setDropAction(action);
    event->accept();
}

void ModelEditor::updateDropMarker() {
    int index = insertionIndexAt(m_dragPos);
    if (m_dragMoveFrom >= 0 && (index == m_dragMoveFrom || index == m_dragMoveFrom + 1))
        index = -1;  // dropping here would not move anything: no marker
    if (index != m_dropIndex) {
        m_dropIndex = index;
        viewport()->update();
    }
}

void ModelEditor::autoScrollStep() {
    QScrollBar* sb = verticalScrollBar();
    if (m_dragPos.y() < kAutoScrollZone)
        sb->setValue(sb->value() - 12);
    else if (m_dragPos.y() > viewport()->height() - kAutoScrollZone)
        sb->setValue(sb->value() + 12);
    else
        m_autoScroll->stop();
    updateDropMarker();
}

void ModelEditor::dragLeaveEvent(QDragLeaveEvent* event) {
    m_autoScroll->stop();
    m_dropIndex = -1;
    viewport()->update();
    event->accept();
}

void ModelEditor::dropEvent(QDropEvent* event) {
    m_autoScroll->stop();
    m_dropIndex = -1;
    viewport()->update();
    Qt::DropAction action;
    if (!acceptableDrop(event, &action)) {
        event->ignore();
        return;
    }
    const auto payload = LayerMime::decode(event->mimeData());
    const int at = insertionIndexAt(event->position().toPoint());
    if (payload->kind == LayerMime::Payload::Kind::NewLayer) {
        m_doc->insertLayer(at, LayerSpec::make(payload->type));
    } else {
        const int from = payload->index;
        const int to = at > from ? at - 1 : at;  // final index once the layer is taken out
        if (to != from) m_doc->moveLayer(from, to);
    }
    event->setDropAction(action);
    event->accept();
    setFocus(Qt::OtherFocusReason);
}
