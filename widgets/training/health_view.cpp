#include "widgets/training/health_view.h"

#include <qcustomplot.h>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPainter>
#include <QScrollArea>
#include <QSlider>
#include <QSplitter>
#include <QStyledItemDelegate>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

using layerlab::HealthAlert;
using layerlab::HealthAlertKind;
using layerlab::HealthSample;
using layerlab::LayerHealth;

namespace {

enum Column { ColLayer, ColActivation, ColDead, ColGradient, ColUpdate, ColumnCount };
constexpr int kValueRole = Qt::UserRole + 1;
// The update ratio's log axis: 1e-7 .. 1.
constexpr double kLogLo = -7, kLogHi = 0;

QString number(double v) {
    if (v == 0) return QStringLiteral("0");
    const double a = std::abs(v);
    return a >= 0.01 && a < 1000 ? QString::number(v, 'f', 2) : QString::number(v, 'e', 1);
}

const LayerHealth* layerOf(const HealthSample& s, int specIndex) {
    for (const LayerHealth& l : s.layers)
        if (l.specIndex == specIndex) return &l;
    return nullptr;
}

// Paints the update ratio on a log axis with the healthy band (1e-4 .. 1e-2) shaded and 1e-3 marked.
class RatioDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter* p, const QStyleOptionViewItem& option, const QModelIndex& index) const override {
        QStyleOptionViewItem o = option;
        initStyleOption(&o, index);
        const QString text = o.text;
        o.text.clear();
        o.widget->style()->drawControl(QStyle::CE_ItemViewItem, &o, p, o.widget);
        const QVariant v = index.data(kValueRole);
        if (!v.isValid()) return;
        const QRect r = option.rect.adjusted(4, 3, -4, -3);
        const int textWidth = option.fontMetrics.horizontalAdvance(QStringLiteral("0.0e-00")) + 6;
        const QRect axis(r.left(), r.top(), std::max(20, r.width() - textWidth), r.height());
        auto x = [&](double logValue) {
            const double t = std::clamp((logValue - kLogLo) / (kLogHi - kLogLo), 0.0, 1.0);
            return axis.left() + int(std::lround(t * axis.width()));
        };
        p->save();
        p->setRenderHint(QPainter::Antialiasing);
        p->fillRect(QRect(QPoint(x(std::log10(layerlab::kHealthyUpdateLow)), axis.top()),
                          QPoint(x(std::log10(layerlab::kHealthyUpdateHigh)), axis.bottom())),
                    QColor(60, 170, 90, 60));
        p->setPen(QColor(150, 150, 150));
        p->drawLine(axis.left(), axis.center().y(), axis.right(), axis.center().y());
        for (int e = int(kLogLo); e <= int(kLogHi); ++e)
            p->drawLine(x(e), axis.center().y() - 2, x(e), axis.center().y() + 2);
        p->setPen(QPen(QColor(60, 150, 80), 1, Qt::DashLine));
        p->drawLine(x(-3), axis.top(), x(-3), axis.bottom());
        const double ratio = v.toDouble();
        const bool healthy = ratio >= layerlab::kHealthyUpdateLow && ratio <= layerlab::kHealthyUpdateHigh;
        const QColor dot = healthy ? QColor(40, 130, 60) : QColor(200, 60, 40);
        p->setPen(Qt::NoPen);
        p->setBrush(dot);
        const int cx = ratio > 0 ? x(std::log10(ratio)) : axis.left();
        p->drawEllipse(QPoint(cx, axis.center().y()), 4, 4);
        p->setPen(o.palette.color(QPalette::Text));
        p->drawText(QRect(axis.right() + 6, r.top(), textWidth, r.height()), Qt::AlignVCenter | Qt::AlignLeft,
                    text);
        p->restore();
    }
};

}  // namespace

HealthView::HealthView(QWidget* parent) : QWidget(parent) {
    auto* split = new QSplitter(Qt::Horizontal, this);
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(split);

    auto* left = new QWidget(split);
    auto* lv = new QVBoxLayout(left);
    lv->setContentsMargins(4, 4, 4, 4);
    m_alerts = new QLabel(left);
    m_alerts->setWordWrap(true);
    m_alerts->setTextFormat(Qt::RichText);
    m_alerts->setText(
        tr("Layer health appears here while the model trains: it is measured every few "
           "batches (and after every Step)."));
    lv->addWidget(m_alerts);
    m_strips = new QTableWidget(0, ColumnCount, left);
    m_strips->setHorizontalHeaderLabels(
        {tr("Layer"), tr("Output"), tr("Dead"), tr("Gradient"), tr("Update / weight")});
    m_strips->horizontalHeaderItem(ColActivation)
        ->setToolTip(tr("Mean ± standard deviation of the layer's outputs over the last measured batch"));
    m_strips->horizontalHeaderItem(ColDead)->setToolTip(
        tr("ReLU units that output 0 for every image of the batch: they pass no gradient and stop learning"));
    m_strips->horizontalHeaderItem(ColGradient)
        ->setToolTip(tr("Norm of the gradient of the loss with respect to the layer's weights"));
    m_strips->horizontalHeaderItem(ColUpdate)->setToolTip(
        tr("How much one step changes the weights, relative to their size (log axis). Around 0.001 is "
           "healthy (green band); far above, the learning rate is too high; far below, too low"));
    m_strips->verticalHeader()->hide();
    m_strips->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_strips->setSelectionMode(QAbstractItemView::SingleSelection);
    m_strips->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_strips->setItemDelegateForColumn(ColUpdate, new RatioDelegate(m_strips));
    m_strips->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_strips->horizontalHeader()->setSectionResizeMode(ColUpdate, QHeaderView::Stretch);
    m_strips->horizontalHeader()->setMinimumSectionSize(40);
    m_strips->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_strips->verticalHeader()->setDefaultSectionSize(m_strips->fontMetrics().height() + 8);
    lv->addWidget(m_strips, 1);
    connect(m_strips, &QTableWidget::currentCellChanged, this, [this](int row) {
        if (row != m_row) {
            m_row = row;
            refreshDetails();
        }
    });

    // The details scroll rather than squeeze: on a short screen (1366x768 at 150 %) the plots keep a height
    // they can be read at.
    auto* rightScroll = new QScrollArea(split);
    rightScroll->setWidgetResizable(true);
    rightScroll->setFrameShape(QFrame::NoFrame);
    rightScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto* right = new QWidget(rightScroll);
    rightScroll->setWidget(right);
    auto* rv = new QVBoxLayout(right);
    rv->setContentsMargins(4, 4, 4, 4);
    auto* top = new QHBoxLayout;
    m_detailTitle = new QLabel(tr("Click a layer to see its distributions over time."), right);
    m_detailTitle->setWordWrap(true);
    QFont bold = m_detailTitle->font();
    bold.setBold(true);
    m_detailTitle->setFont(bold);
    m_quantity = new QComboBox(right);
    m_quantity->addItems({tr("Weights"), tr("Biases"), tr("Gradients"), tr("Activations")});
    m_quantity->setToolTip(tr("Which values of the layer the distributions show"));
    top->addWidget(m_detailTitle, 1);
    top->addWidget(m_quantity);
    rv->addLayout(top);
    connect(m_quantity, &QComboBox::currentIndexChanged, this, [this] { refreshDetails(); });

    m_bandsPlot = new QCustomPlot(right);
    const int line = fontMetrics().height();
    m_bandsPlot->setMinimumHeight(9 * line);
    m_bandsPlot->xAxis->setLabel(tr("training step"));
    m_bandsPlot->setToolTip(
        tr("Percentiles over training: the light band holds all values, the darker ones "
           "7-93 % and 16-84 %, the line is the median"));
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    m_bandsPlot->xAxis->setTickLabelFont(small);
    m_bandsPlot->yAxis->setTickLabelFont(small);
    m_bandsPlot->xAxis->setLabelFont(small);
    m_bandsPlot->yAxis->ticker()->setTickCount(4);
    const QColor base(30, 100, 180);
    const int alpha[3] = {45, 80, 125};  // 0-100, 7-93, 16-84
    for (int k = 0; k < layerlab::kHealthPercentiles; ++k) {
        QCPGraph* g = m_bandsPlot->addGraph();
        g->setPen(k == 3 ? QPen(base.darker(130), 1.6) : QPen(Qt::NoPen));
        m_bands.push_back(g);
    }
    for (int k = 0; k < 3; ++k) {
        QColor c = base;
        c.setAlpha(alpha[k]);
        m_bands[6 - k]->setBrush(c);
        m_bands[6 - k]->setChannelFillGraph(m_bands[k]);
    }
    m_cursor = new QCPItemStraightLine(m_bandsPlot);
    m_cursor->setPen(QPen(QColor(200, 80, 40), 1, Qt::DashLine));
    m_cursor->setVisible(false);
    rv->addWidget(m_bandsPlot, 3);

    m_histPlot = new QCustomPlot(right);
    m_histPlot->setMinimumHeight(6 * line);
    m_histPlot->xAxis->setTickLabelFont(small);
    m_histPlot->yAxis->setTickLabelFont(small);
    m_histPlot->yAxis->setLabelFont(small);
    m_histPlot->yAxis->setLabel(tr("count"));
    m_histPlot->yAxis->ticker()->setTickCount(3);
    m_bars = new QCPBars(m_histPlot->xAxis, m_histPlot->yAxis);
    m_bars->setPen(Qt::NoPen);
    m_bars->setBrush(QColor(30, 100, 180, 170));
    rv->addWidget(m_histPlot, 2);
    auto* sliderRow = new QHBoxLayout;
    m_stepLabel = new QLabel(right);
    m_slider = new QSlider(Qt::Horizontal, right);
    m_slider->setToolTip(tr("The training step whose histogram shows"));
    m_slider->setRange(0, 0);  // follows the newest sample while at its end
    m_slider->setEnabled(false);
    sliderRow->addWidget(m_slider, 1);
    sliderRow->addWidget(m_stepLabel);
    rv->addLayout(sliderRow);
    connect(m_slider, &QSlider::valueChanged, this, [this] { refreshHistogram(); });

    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    split->setSizes({560, 440});
    split->setChildrenCollapsible(false);
}

void HealthView::clear() {
    m_history.clear();
    m_row = -1;
    m_strips->setRowCount(0);
    m_alerts->setText(
        tr("Layer health appears here while the model trains: it is measured every few "
           "batches (and after every Step)."));
    refreshDetails();
}

void HealthView::addSamples(const QVector<HealthSample>& samples) {
    if (samples.isEmpty()) return;
    const bool atEnd = m_slider->value() >= m_slider->maximum();
    for (const HealthSample& s : samples) m_history.push_back(s);
    if (int(m_history.size()) > kMaxSamples) {  // keep every other one of the older half, the newest always
        std::vector<HealthSample> kept;
        kept.reserve(m_history.size());
        const std::size_t half = m_history.size() / 2;
        for (std::size_t i = 0; i < m_history.size(); ++i)
            if (i >= half || i % 2 == 0) kept.push_back(std::move(m_history[i]));
        m_history = std::move(kept);
    }
    refreshStrips();
    if (m_row < 0 && m_strips->rowCount() > 0) {
        selectRow(0);  // something to look at from the start
    } else {
        refreshDetails();
    }
    if (atEnd) setHistogramIndex(int(m_history.size()) - 1);
}

QString HealthView::alertText(const HealthAlert& a) {
    const QString layer = QString::fromStdString(a.label);
    switch (a.kind) {
        case HealthAlertKind::DeadUnits:
            return tr("%1: %2% of units are dead (zero for every image of the batch): the learning rate may "
                      "be "
                      "too high")
                .arg(layer)
                .arg(std::lround(100 * a.value));
        case HealthAlertKind::VanishingGradients:
            return tr("Gradients shrink %1x from the last layer to the first: vanishing gradients (try ReLU "
                      "instead of Sigmoid, or BatchNorm)")
                .arg(number(a.value));
        case HealthAlertKind::ExplodingGradients:
            return tr("Gradients grow %1x from the last layer to the first: exploding gradients (lower the "
                      "learning rate or add BatchNorm)")
                .arg(number(a.value));
        case HealthAlertKind::LargeUpdates:
            return tr("%1: each step changes the weights by %2 of their size (healthy: about 0.001): the "
                      "learning "
                      "rate may be too high")
                .arg(layer, number(a.value));
        case HealthAlertKind::TinyUpdates:
            return tr("%1: each step changes the weights by only %2 of their size (healthy: about 0.001): "
                      "the "
                      "learning rate may be too low")
                .arg(layer, number(a.value));
        case HealthAlertKind::NotFinite:
            return tr("%1: NaN or infinite values: the run is diverging, lower the learning rate").arg(layer);
    }
    return QString::fromStdString(a.text);
}

QString HealthView::alertsShown() const {
    return m_alerts->text();
}

void HealthView::refreshStrips() {
    if (m_history.empty()) return;
    const HealthSample& s = m_history.back();
    if (s.alerts.empty()) {
        m_alerts->setText(tr("Step %1 (epoch %2, batch %3, loss %4): every layer looks healthy.")
                              .arg(s.step)
                              .arg(s.epoch)
                              .arg(s.batch)
                              .arg(s.loss, 0, 'f', 4));
        m_alerts->setToolTip(QString());
    } else {
        // The whole network's alerts first; three lines at most, all of them in the tooltip.
        std::vector<const HealthAlert*> order;
        for (const HealthAlert& a : s.alerts) order.push_back(&a);
        std::stable_sort(order.begin(), order.end(), [](const HealthAlert* a, const HealthAlert* b) {
            return (a->specIndex < 0) > (b->specIndex < 0);
        });
        constexpr int kShown = 3;
        QString html = tr("Step %1 (epoch %2, batch %3, loss %4):")
                           .arg(s.step)
                           .arg(s.epoch)
                           .arg(s.batch)
                           .arg(s.loss, 0, 'f', 4),
                all;
        for (std::size_t i = 0; i < order.size(); ++i) {
            const QString line = alertText(*order[i]);
            all += (all.isEmpty() ? QString() : QStringLiteral("\n")) + line;
            if (i < std::size_t(kShown))
                html += QStringLiteral("<br><span style='color:#b03020'>&#9888; %1</span>")
                            .arg(line.toHtmlEscaped());
        }
        if (order.size() > std::size_t(kShown))
            html += QStringLiteral("<br>") +
                    tr("… and %n more (point here to read them all)", nullptr, int(order.size()) - kShown);
        m_alerts->setText(html);
        m_alerts->setToolTip(all);
    }
    const int rows = int(s.layers.size());
    const bool sameRows = m_strips->rowCount() == rows;
    m_strips->setRowCount(rows);
    for (int r = 0; r < rows; ++r) {
        const LayerHealth& l = s.layers[std::size_t(r)];
        auto cell = [&](int col, const QString& text, const QString& tip = QString()) {
            QTableWidgetItem* it = m_strips->item(r, col);
            if (!it) {
                it = new QTableWidgetItem;
                m_strips->setItem(r, col, it);
            }
            it->setText(text);
            it->setToolTip(tip);
            it->setData(kValueRole, QVariant());
            return it;
        };
        cell(ColLayer, QString::fromStdString(l.label))->setData(Qt::UserRole, l.specIndex);
        cell(ColActivation,
             l.units > 0 ? QStringLiteral("%1 ± %2").arg(number(l.activationMean), number(l.activationStd))
                         : QString());
        QTableWidgetItem* dead = cell(
            ColDead,
            l.relu ? QStringLiteral("%1%").arg(std::lround(100 * l.deadFraction)) : QStringLiteral("–"),
            l.relu ? tr("%1 of %2 units output 0 for every image of the batch").arg(l.deadUnits).arg(l.units)
                   : tr("Only units after a ReLU can die"));
        dead->setForeground(l.relu && l.deadFraction >= layerlab::HealthThresholds{}.deadFraction
                                ? QColor(190, 50, 30)
                                : palette().color(QPalette::Text));
        cell(ColGradient,
             l.learns ? number(l.gradientNorm) : (l.hasParams ? tr("frozen") : QStringLiteral("–")));
        QTableWidgetItem* up = cell(
            ColUpdate, l.learns ? number(l.updateRatio) : QString(),
            l.learns ? tr("||step|| / ||weights|| = %1 / %2").arg(number(l.updateNorm), number(l.weightNorm))
                     : QString());
        if (l.learns) up->setData(kValueRole, l.updateRatio);
    }
    if (!sameRows && m_row >= rows) m_row = -1;
}

void HealthView::selectRow(int row) {
    if (row < 0 || row >= m_strips->rowCount()) return;
    m_row = row;
    m_strips->setCurrentCell(row, 0);
    refreshDetails();
}

void HealthView::setQuantity(Quantity q) {
    m_quantity->setCurrentIndex(int(q));
}

int HealthView::histogramIndex() const {
    return m_slider->value();
}

void HealthView::setHistogramIndex(int index) {
    m_slider->setValue(index);
    refreshHistogram();
}

const layerlab::Distribution* HealthView::distributionOf(const HealthSample& s) const {
    if (m_row < 0 || m_row >= m_strips->rowCount()) return nullptr;
    const int spec = m_strips->item(m_row, ColLayer)->data(Qt::UserRole).toInt();
    const LayerHealth* l = layerOf(s, spec);
    if (!l) return nullptr;
    switch (Quantity(m_quantity->currentIndex())) {
        case Weights:
            return &l->weights;
        case Biases:
            return &l->biases;
        case Gradients:
            return &l->gradients;
        case Activations:
            return &l->activations;
    }
    return nullptr;
}

void HealthView::refreshDetails() {
    const bool any = m_row >= 0 && m_row < m_strips->rowCount() && !m_history.empty();
    if (!any) {
        m_detailTitle->setText(tr("Click a layer to see its distributions over time."));
        for (QCPGraph* g : std::as_const(m_bands)) g->data()->clear();
        m_bars->data()->clear();
        m_slider->setEnabled(false);
        m_slider->setRange(0, std::max(0, int(m_history.size()) - 1));
        m_stepLabel->clear();
        m_bandsPlot->replot(QCustomPlot::rpQueuedReplot);
        m_histPlot->replot(QCustomPlot::rpQueuedReplot);
        return;
    }
    m_detailTitle->setText(
        tr("%1: %2 over training")
            .arg(m_strips->item(m_row, ColLayer)->text(), m_quantity->currentText().toLower()));
    QVector<QVector<double>> ys(layerlab::kHealthPercentiles);
    QVector<double> xs;
    double lo = 0, hi = 0;
    bool first = true;
    for (const HealthSample& s : m_history) {
        const layerlab::Distribution* d = distributionOf(s);
        if (!d || d->empty()) continue;
        xs.push_back(double(s.step));
        for (int k = 0; k < layerlab::kHealthPercentiles; ++k)
            ys[k].push_back(d->percentiles[std::size_t(k)]);
        lo = first ? d->lo : std::min<double>(lo, d->lo);
        hi = first ? d->hi : std::max<double>(hi, d->hi);
        first = false;
    }
    for (int k = 0; k < layerlab::kHealthPercentiles; ++k) m_bands[k]->setData(xs, ys[k], true);
    if (xs.isEmpty()) {
        m_detailTitle->setText(
            tr("%1 has no %2")
                .arg(m_strips->item(m_row, ColLayer)->text(), m_quantity->currentText().toLower()));
    } else {
        m_bandsPlot->xAxis->setRange(xs.front(), std::max(xs.back(), xs.front() + 1));
        const double pad = std::max(1e-6, (hi - lo) * 0.05);
        m_bandsPlot->yAxis->setRange(lo - pad, hi + pad);
    }
    m_bandsPlot->replot(QCustomPlot::rpQueuedReplot);
    m_slider->setEnabled(m_history.size() > 1);
    m_slider->setRange(0, int(m_history.size()) - 1);
    refreshHistogram();
}

void HealthView::refreshHistogram() {
    if (m_history.empty() || m_row < 0) return;
    const int i = std::clamp(m_slider->value(), 0, int(m_history.size()) - 1);
    const HealthSample& s = m_history[std::size_t(i)];
    m_stepLabel->setText(tr("step %1 (epoch %2, batch %3)").arg(s.step).arg(s.epoch).arg(s.batch));
    m_cursor->point1->setCoords(double(s.step), 0);
    m_cursor->point2->setCoords(double(s.step), 1);
    m_cursor->setVisible(true);
    m_bandsPlot->replot(QCustomPlot::rpQueuedReplot);
    const layerlab::Distribution* d = distributionOf(s);
    QVector<double> keys, counts;
    if (d && !d->empty()) {
        const double width = std::max(1e-12, double(d->hi) - double(d->lo)) / layerlab::kHealthBins;
        double top = 1;
        for (int b = 0; b < layerlab::kHealthBins; ++b) {
            keys.push_back(d->lo + (b + 0.5) * width);
            counts.push_back(d->bins[std::size_t(b)]);
            top = std::max(top, double(d->bins[std::size_t(b)]));
        }
        m_bars->setWidth(width);
        m_histPlot->xAxis->setRange(d->lo - width, d->hi + width);
        m_histPlot->yAxis->setRange(0, top * 1.08);
    }
    m_bars->setData(keys, counts, true);
    m_histPlot->replot(QCustomPlot::rpQueuedReplot);
}
