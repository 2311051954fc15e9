#include "snapshot_view.h"

#include <QScrollArea>
#include <QVBoxLayout>

void SnapshotView::setSnapshot(std::shared_ptr<const layerlab::Snapshot> snapshot) {
    if (!snapshot) return;
    m_snapshot = std::move(snapshot);
    m_pending = true;
    if (isVisible()) renderPending();
}

void SnapshotView::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    renderPending();
}

void SnapshotView::renderPending() {
    if (!m_pending || !m_snapshot) return;
    m_pending = false;
    render();
}

void SnapshotView::forgetSnapshot() {
    m_snapshot.reset();
    m_pending = false;
}

QWidget* SnapshotView::createSectionsArea() {
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    m_content = new QWidget(scroll);
    m_sectionsLayout = new QVBoxLayout(m_content);
    m_sectionsLayout->setContentsMargins(6, 0, 6, 6);
    m_sectionsLayout->addStretch(1);
    scroll->setWidget(m_content);
    return scroll;
}
