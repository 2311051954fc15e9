#pragma once
// Base of the views that draw a copied Snapshot (filters, feature maps). Keeps the latest snapshot and draws
// it only while visible: one that arrives while the view is hidden is drawn when the view is next shown, so
// hidden tabs cost nothing during training.
#include <QWidget>
#include <memory>

class QLabel;
class QVBoxLayout;
class ColormapLegend;
class TileGrid;

#include "core/snapshot.h"

class SnapshotView : public QWidget {
    Q_OBJECT
public:
    using QWidget::QWidget;

    std::shared_ptr<const layerlab::Snapshot> snapshot() const { return m_snapshot; }
    // Draws a snapshot that arrived while the view was hidden (done by showEvent; for tests and export).
    void renderPending();

public slots:
    // Keeps the snapshot; draws it now when visible, else when next shown.
    void setSnapshot(std::shared_ptr<const layerlab::Snapshot> snapshot);

protected:
    void showEvent(QShowEvent* event) override;
    void forgetSnapshot();
    // A frameless scroll area holding m_content, whose m_sectionsLayout stacks the views' sections.
    QWidget* createSectionsArea();
    // One section appended to m_sectionsLayout: a bold title (wrapped when narrow) with `extra` (if any)
    // under it on the left, a colour legend on the right, a tile grid below. Shown at once (a grab may come
    // before the next event-loop pass).
    struct SectionWidgets {
        QWidget* box;
        QLabel* title;
        ColormapLegend* legend;
        TileGrid* grid;
    };
    SectionWidgets addSection(int verticalMargin, const QString& legendTip, QWidget* extra = nullptr);
    // Draws *m_snapshot (never null when called).
    virtual void render() = 0;

    std::shared_ptr<const layerlab::Snapshot> m_snapshot;
    QWidget* m_content = nullptr;
    QVBoxLayout* m_sectionsLayout = nullptr;

private:
    bool m_pending = false;
};
