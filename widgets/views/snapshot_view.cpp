#include "widgets/views/snapshot_view.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QScrollArea>
#include <QVBoxLayout>

#include "widgets/common/colormap_legend.h"
#include "widgets/common/tile_grid.h"

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

SnapshotView::SectionWidgets SnapshotView::addSection(int verticalMargin, const QString& legendTip,
                                                      QWidget* extra) {
    SectionWidgets w;
    w.box = new QWidget(m_content);
    auto* v = new QVBoxLayout(w.box);
    v->setContentsMargins(0, verticalMargin, 0, verticalMargin);
    auto* row = new QHBoxLayout;
    w.title = new QLabel(w.box);
    QFont bold = w.title->font();
    bold.setBold(true);
    w.title->setFont(bold);
    // Title and `extra` stacked on the left, the legend on the right: in a narrow pane the title wraps and
    // the colour bar stays in view.
    w.title->setWordWrap(true);
    auto* left = new QVBoxLayout;
    left->setSpacing(2);
    left->addWidget(w.title);
    if (extra) {
        extra->setParent(w.box);
        left->addWidget(extra, 0, Qt::AlignLeft);
    }
    row->addLayout(left, 1);
    w.legend = new ColormapLegend(w.box);
    w.legend->setToolTip(legendTip);
    row->addWidget(w.legend);
    v->addLayout(row);
    w.grid = new TileGrid(w.box);
    v->addWidget(w.grid);
    m_sectionsLayout->insertWidget(m_sectionsLayout->count() - 1, w.box);
    w.box->show();
    return w;
}
