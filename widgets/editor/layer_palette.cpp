#include "widgets/editor/layer_palette.h"

#include <QApplication>
#include <QDrag>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QMimeData>
#include <QMouseEvent>
#include <QPainter>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "widgets/common/layer_catalog.h"
#include "widgets/common/layer_icons.h"
#include "widgets/editor/layer_mime.h"

using layerlab::LayerType;

namespace {
constexpr int kTypeRole = Qt::UserRole + 1;  // int(LayerType) on layer entries; absent on group headers
}

LayerPalette::LayerPalette(QWidget* parent) : QWidget(parent), m_tree(new QTreeWidget(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);

    auto* hint = new QLabel(tr("Drag a layer into the model"), this);
    hint->setWordWrap(true);
    hint->setContentsMargins(4, 2, 4, 0);
    QPalette pal = hint->palette();
    pal.setColor(QPalette::WindowText, pal.color(QPalette::PlaceholderText));
    hint->setPalette(pal);
    layout->addWidget(hint);

    m_tree->setHeaderHidden(true);
    m_tree->setRootIsDecorated(false);
    m_tree->setIndentation(8);
    m_tree->setIconSize(QSize(24, 24));
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->setDragEnabled(false);  // the palette starts its own QDrag (see eventFilter)
    m_tree->setExpandsOnDoubleClick(false);
    m_tree->setFocusPolicy(Qt::StrongFocus);
    m_tree->setMouseTracking(true);
    m_tree->viewport()->installEventFilter(this);
    m_tree->installEventFilter(this);
    layout->addWidget(m_tree, 1);

    populate();

    connect(m_tree, &QTreeWidget::itemDoubleClicked, this, [this](QTreeWidgetItem* item, int) {
        QVariant v = item->data(0, kTypeRole);
        if (v.isValid()) emit layerActivated(static_cast<LayerType>(v.toInt()));
    });
}

void LayerPalette::populate() {
    QFont groupFont = m_tree->font();
    groupFont.setBold(true);
    for (const LayerCatalog::Group& group : LayerCatalog::groups()) {
        auto* header = new QTreeWidgetItem(m_tree, QStringList(group.name));
        header->setFlags(Qt::ItemIsEnabled);  // not selectable, not draggable
        header->setFont(0, groupFont);
        header->setForeground(0, LayerCatalog::colorOf(group.types.front()));
        for (LayerType type : group.types) {
            auto* item = new QTreeWidgetItem(header, QStringList(LayerCatalog::displayName(type)));
            item->setIcon(0, layerIcon(type));
            item->setData(0, kTypeRole, static_cast<int>(type));
            item->setToolTip(0, QStringLiteral("<b>%1</b><br>%2")
                                    .arg(LayerCatalog::displayName(type), LayerCatalog::description(type)));
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled);
        }
    }
    m_tree->expandAll();
}

QTreeWidgetItem* LayerPalette::itemFor(LayerType type) const {
    for (int g = 0; g < m_tree->topLevelItemCount(); ++g) {
        QTreeWidgetItem* header = m_tree->topLevelItem(g);
        for (int i = 0; i < header->childCount(); ++i)
            if (header->child(i)->data(0, kTypeRole).toInt() == static_cast<int>(type))
                return header->child(i);
    }
    return nullptr;
}

QSize LayerPalette::sizeHint() const {
    return QSize(180, 420);
}

QMimeData* LayerPalette::mimeDataFor(LayerType type) {
    return LayerMime::encodeNewLayer(type);
}

QDrag* LayerPalette::createDrag(LayerType type) {
    auto* drag = new QDrag(this);
    drag->setMimeData(mimeDataFor(type));

    // Drag image: the icon and the name on a rounded chip.
    const qreal dpr = devicePixelRatioF();
    const QString name = LayerCatalog::displayName(type);
    QFont font = this->font();
    font.setBold(true);
    const int w = QFontMetrics(font).horizontalAdvance(name) + 44;
    QPixmap pm(QSize(w, 32) * dpr);
    pm.setDevicePixelRatio(dpr);
    pm.fill(Qt::transparent);
    {
        QPainter p(&pm);
        p.setRenderHint(QPainter::Antialiasing);
        p.setPen(LayerCatalog::colorOf(type));
        p.setBrush(QColor(255, 255, 255, 235));
        p.drawRoundedRect(QRectF(0.5, 0.5, w - 1, 31), 6, 6);
        paintLayerIcon(p, QRectF(5, 5, 22, 22), type);
        p.setFont(font);
        p.setPen(QColor(0x20, 0x20, 0x20));
        p.drawText(QRect(33, 0, w - 36, 32), Qt::AlignVCenter | Qt::AlignLeft, name);
    }
    drag->setPixmap(pm);
    drag->setHotSpot(QPoint(16, 16));
    return drag;
}

void LayerPalette::startDrag(LayerType type) {
    QDrag* drag = createDrag(type);
    emit dragStarted(type);
    drag->exec(Qt::CopyAction, Qt::CopyAction);
}

bool LayerPalette::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_tree->viewport()) {
        if (event->type() == QEvent::MouseButtonPress) {
            auto* me = static_cast<QMouseEvent*>(event);
            if (me->button() == Qt::LeftButton) {
                m_pressPos = me->position().toPoint();
                m_pressItem = m_tree->itemAt(m_pressPos);
            }
        } else if (event->type() == QEvent::MouseMove) {
            auto* me = static_cast<QMouseEvent*>(event);
            if ((me->buttons() & Qt::LeftButton) && m_pressItem &&
                (me->position().toPoint() - m_pressPos).manhattanLength() >=
                    QApplication::startDragDistance()) {
                QVariant v = m_pressItem->data(0, kTypeRole);
                m_pressItem = nullptr;
                if (v.isValid()) {
                    startDrag(static_cast<LayerType>(v.toInt()));
                    return true;
                }
            }
        } else if (event->type() == QEvent::MouseButtonRelease) {
            m_pressItem = nullptr;
        }
    } else if (watched == m_tree && event->type() == QEvent::KeyPress) {
        auto* ke = static_cast<QKeyEvent*>(event);
        if (ke->key() == Qt::Key_Return || ke->key() == Qt::Key_Enter) {
            QTreeWidgetItem* item = m_tree->currentItem();
            QVariant v = item ? item->data(0, kTypeRole) : QVariant();
            if (v.isValid()) {
                emit layerActivated(static_cast<LayerType>(v.toInt()));
                return true;
            }
        }
    }
    return QWidget::eventFilter(watched, event);
}
