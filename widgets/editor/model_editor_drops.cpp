// ModelEditor's drag and drop: moves it starts (a layer by id), drops it accepts (LayerMime from the palette
// or from itself), the insertion marker and scrolling near the edges while a drag hovers.
#include <QDrag>
#include <QDragEnterEvent>
#include <QMimeData>
#include <QPainter>
#include <QScrollBar>
#include <QTimer>

#include "widgets/document/model_document.h"
#include "widgets/editor/layer_mime.h"
#include "widgets/editor/model_editor.h"

namespace {
constexpr int kAutoScrollZone = 28;
}  // namespace

void ModelEditor::startMoveDrag(const QString& id) {
    const QRect r = blockRect(id);
    // The block as drawn (a block with everything inside it), a little transparent.
    const QPixmap shot = viewport()->grab(r);
    QPixmap pm(shot.size());
    pm.setDevicePixelRatio(shot.devicePixelRatio());
    pm.fill(Qt::transparent);
    {
        QPainter p(&pm);
        p.setOpacity(0.85);
        p.drawPixmap(0, 0, shot);
    }
    auto* drag = new QDrag(this);
    drag->setMimeData(LayerMime::encodeMove(m_doc, id));
    drag->setPixmap(pm);
    drag->setHotSpot(m_pressPos - r.topLeft());
    m_dragSource = id;
    viewport()->update();
    drag->exec(Qt::MoveAction, Qt::MoveAction);
    m_dragSource.clear();
    m_drop = {};
    viewport()->update();
}

bool ModelEditor::acceptableDrop(QDropEvent* event, Qt::DropAction* action) const {
    if (!editable()) return false;  // the model is locked: the cursor shows the drop is refused
    const auto payload = LayerMime::decode(event->mimeData());
    if (!payload) return false;
    Qt::DropAction wanted = Qt::CopyAction;
    if (payload->kind == LayerMime::Payload::Kind::MoveLayer) {
        // Moves only make sense inside the document they came from, for a layer it still has.
        if (payload->source != static_cast<quint64>(reinterpret_cast<quintptr>(m_doc))) return false;
        if (!m_doc->layer(payload->layerId)) return false;
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
        if (m_drop.valid()) {
            m_drop = {};
            viewport()->update();
        }
        return;
    }
    const auto payload = LayerMime::decode(event->mimeData());
    m_dragPos = event->position().toPoint();
    m_dragMoveId = payload->kind == LayerMime::Payload::Kind::MoveLayer ? payload->layerId : QString();
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

DropPlace ModelEditor::finalPlace(const QString& id, const DropPlace& at) const {
    if (!at.valid()) return {};
    const QString parent = m_doc->parentOf(id);
    const int index = m_doc->indexOf(id);
    DropPlace to = at;
    if (to.parent == parent && to.index > index) --to.index;  // counted once the layer is taken out
    if (to.parent == parent && to.index == index) return {};  // it would stay where it is
    return to;
}

void ModelEditor::updateDropMarker() {
    DropPlace place = m_geometry.dropAt(viewportToContent(m_dragPos), m_dragMoveId);
    if (!m_dragMoveId.isEmpty() && !finalPlace(m_dragMoveId, place).valid())
        place = {};  // dropping here would not move anything: no marker
    if (!(place == m_drop)) {
        m_drop = place;
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
    m_drop = {};
    viewport()->update();
    event->accept();
}

void ModelEditor::dropEvent(QDropEvent* event) {
    m_autoScroll->stop();
    m_drop = {};
    viewport()->update();
    Qt::DropAction action;
    if (!acceptableDrop(event, &action)) {
        event->ignore();
        return;
    }
    const auto payload = LayerMime::decode(event->mimeData());
    if (payload->kind == LayerMime::Payload::Kind::NewLayer) {
        insertNew(payload->type, m_geometry.dropAt(viewportToContent(event->position().toPoint())));
    } else {
        const DropPlace at =
            m_geometry.dropAt(viewportToContent(event->position().toPoint()), payload->layerId);
        const DropPlace to = finalPlace(payload->layerId, at);
        if (to.valid()) m_doc->moveLayer(payload->layerId, to.parent, to.index);
    }
    event->setDropAction(action);
    event->accept();
    setFocus(Qt::OtherFocusReason);
}
