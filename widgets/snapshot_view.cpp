#include "snapshot_view.h"

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
