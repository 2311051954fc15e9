#include "widgets/training/training_plot.h"

#include <qcustomplot.h>
#include <QCoreApplication>
#include <QGuiApplication>
#include <QPainter>
#include <algorithm>
#include <cmath>

namespace {

const QColor kValidationColor(214, 39, 40);

// A filled disc of `diameter` pixels with a 1-pixel outline of the same colour, as QCPScatterStyle::ssDisc
// draws it, at the screens' device pixel ratio.
QPixmap discPixmap(const QColor& colour, double diameter) {
    const qreal dpr = qApp->devicePixelRatio();
    const int side = int(std::ceil(diameter)) + 2;
    QPixmap pm(QSize(side, side) * dpr);
    pm.setDevicePixelRatio(dpr);
    pm.fill(Qt::transparent);
    QPainter painter(&pm);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(colour, 1));
    painter.setBrush(colour);
    painter.drawEllipse(QPointF(side / 2.0, side / 2.0), diameter / 2, diameter / 2);
    return pm;
}

}  // namespace

TrainingPlot::TrainingPlot(QCustomPlot* plot, Kind kind, const QString& yTitle, const QColor& colour)
    : m_plot(plot), m_kind(kind) {
    QCustomPlot* p = m_plot;
    p->setMinimumSize(180, 120);
    p->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    p->setNoAntialiasingOnDrag(true);
    p->xAxis->setLabel(QCoreApplication::translate("TrainingPlot", "epoch"));
    p->yAxis->setLabel(yTitle);
    m_yTitles = {yTitle};

    // The legend goes in a row above the axis rect (not inside it, where it would cover data), one row of
    // entries, wrapped when the plot is too narrow (fitLegend). Its font is set before the graphs are added
    // so their entries take it.
    QFont small = p->font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    p->legend->setVisible(true);
    p->legend->setFont(small);
    p->legend->setBrush(Qt::NoBrush);
    p->legend->setBorderPen(Qt::NoPen);
    p->legend->setMargins(QMargins(2, 0, 2, 0));
    p->legend->setRowSpacing(0);
    p->legend->setColumnSpacing(8);
    p->legend->setIconSize(16, 9);
    p->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    p->axisRect()->insetLayout()->take(p->legend);
    p->plotLayout()->insertRow(0);
    p->plotLayout()->addElement(0, 0, p->legend);
    p->plotLayout()->setRowStretchFactor(0, 0.001);
    p->plotLayout()->setRowSpacing(0);

    m_readout = new QCPTextElement(p, QString(), small);
    m_readout->setTextColor(QColor(70, 70, 70));
    m_readout->setMargins(QMargins(2, 0, 2, 2));
    m_readout->setVisible(false);  // not in the layout until it has text (updateReadout)

    m_raw = p->addGraph();
    m_raw->setName(QCoreApplication::translate("TrainingPlot", "batches"));
    QColor faint = colour;
    faint.setAlpha(70);
    m_raw->setLineStyle(QCPGraph::lsNone);
    // One disc per batch, stamped from a pixmap: drawing each as an antialiased path took about a fifth of
    // the charts' replot (thousands of points, every redraw while training).
    m_raw->setScatterStyle(QCPScatterStyle(discPixmap(faint, 2.5)));
    m_raw->setAdaptiveSampling(true);

    m_smooth = p->addGraph();
    m_smooth->setName(QCoreApplication::translate("TrainingPlot", "trend"));
    m_smooth->setPen(QPen(colour, 2));

    m_val = p->addGraph();
    m_val->setName(QCoreApplication::translate("TrainingPlot", "validation"));
    m_val->setPen(QPen(kValidationColor, 2));
    m_val->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, kValidationColor, Qt::white, 7));

    // The train/validation gap: the area between the trend and the validation line, where both exist.
    QColor gap = kValidationColor;
    gap.setAlpha(45);
    m_smooth->setBrush(gap);
    m_trend.setLimits(0.0, kind == Kind::Accuracy ? 100.0 : 1e300);
    m_smooth->setChannelFillGraph(m_val);

    const QPen bestPen(QColor(120, 120, 120), 1.5, Qt::DashLine);
    m_best = new QCPItemStraightLine(p);
    m_best->setPen(bestPen);
    m_best->setVisible(false);
    m_bestKey = p->addGraph();
    m_bestKey->setPen(bestPen);
    m_bestKey->removeFromLegend();
}

void TrainingPlot::clear() {
    m_raw->data()->clear();
    m_smooth->data()->clear();
    m_val->data()->clear();
    m_best->setVisible(false);
    m_bestKey->removeFromLegend();
    m_trend.clear(TrendLine::halfWidthFor(0));
    m_x.clear();
    m_y.clear();
    m_valX.clear();
    m_valY.clear();
    m_test.clear();
}

void TrainingPlot::startTrend(int batchesPerEpoch) {
    if (m_trend.size() == 0) m_trend.clear(TrendLine::halfWidthFor(batchesPerEpoch));
}

void TrainingPlot::setValueScale(bool errorLog, int batchSize) {
    m_errorLog = errorLog;
    m_batchSize = std::max(1, batchSize);
}

double TrainingPlot::shown(double v) const {
    if (!m_errorLog) return v;
    // Error rate in %. A log axis has no 0: a batch without an error sits at half of one error per batch.
    return std::max(100.0 - v, 50.0 / m_batchSize);
}

void TrainingPlot::addBatch(double x, double y) {
    if (!std::isfinite(y)) return;
    m_x.push_back(x);
    m_y.push_back(y);
    m_raw->addData(x, shown(y));
    m_trend.append(y);
}

// The trend's newest values move as batches arrive: redraw from the first one that changed.
void TrainingPlot::finishBatches() {
    const int from = m_trend.takeChangedFrom();
    if (from < m_trend.size()) {
        if (from == 0)
            m_smooth->data()->clear();
        else
            m_smooth->data()->removeAfter(m_x[std::size_t(from - 1)]);
        QVector<double> keys, values;
        keys.reserve(m_trend.size() - from);
        values.reserve(m_trend.size() - from);
        for (int i = from; i < m_trend.size(); ++i) {
            keys.push_back(m_x[std::size_t(i)]);
            values.push_back(shown(m_trend.value(i)));
        }
        m_smooth->addData(keys, values, true);
    }
    updateReadout();
}

void TrainingPlot::addValidation(int epoch, double y) {
    if (!std::isfinite(y)) return;
    m_valX.push_back(epoch);
    m_valY.push_back(y);
    m_val->addData(epoch, shown(y));
    updateReadout();
}

void TrainingPlot::redrawAll() {
    QVector<double> keys, raw, trend, vx, vy;
    for (std::size_t i = 0; i < m_x.size(); ++i) {
        keys.push_back(m_x[i]);
        raw.push_back(shown(m_y[i]));
        trend.push_back(shown(m_trend.value(int(i))));
    }
    for (std::size_t i = 0; i < m_valX.size(); ++i) {
        vx.push_back(m_valX[i]);
        vy.push_back(shown(m_valY[i]));
    }
    m_raw->setData(keys, raw, true);
    m_smooth->setData(keys, trend, true);
    m_val->setData(vx, vy, true);
    m_trend.takeChangedFrom();
    drawOverlays();
}

void TrainingPlot::markBest(int epoch) {
    m_best->point1->setCoords(epoch, 0);
    m_best->point2->setCoords(epoch, 1);
    m_best->setVisible(true);
    // Named in the legend, not by a label on the plot that could cover data.
    m_bestKey->setName(QCoreApplication::translate("TrainingPlot", "best epoch %1").arg(epoch));
    m_bestKey->addToLegend();
    fitLegend();
}

void TrainingPlot::setTestText(const QString& text) {
    m_test = text;
    updateReadout();
}

void TrainingPlot::setOverlays(const QVector<Series>& overlays) {
    m_overlays = overlays;
    drawOverlays();
    fitLegend();
}

void TrainingPlot::drawOverlays() {
    QCustomPlot* p = m_plot;
    for (QCPGraph* g : std::as_const(m_overlayGraphs)) p->removeGraph(g);
    m_overlayGraphs.clear();
    // Below the live run's layer, so the live run is drawn on top.
    if (!p->layer(QStringLiteral("overlays")))
        p->addLayer(QStringLiteral("overlays"), p->layer(QStringLiteral("main")), QCustomPlot::limBelow);
    for (const Series& o : std::as_const(m_overlays)) {
        QCPGraph* g = p->addGraph();
        g->setLayer(QStringLiteral("overlays"));
        QColor colour = o.colour;
        colour.setAlpha(170);
        g->setPen(QPen(colour, 1.4));
        g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, colour, colour, 3));
        g->setName(o.name);
        for (const QPointF& pt : o.points)
            if (std::isfinite(pt.y())) g->addData(pt.x(), shown(pt.y()));
        m_overlayGraphs << g;
    }
}

void TrainingPlot::setYTitles(const QStringList& longestFirst) {
    m_yTitles = longestFirst;
    m_plot->yAxis->setLabel(m_yTitles.front());
}

void TrainingPlot::afterLayout() {
    // About one y tick per 28 px: a short plot gets fewer, so their labels do not run together.
    const int h = m_plot->axisRect()->height();
    m_plot->yAxis->ticker()->setTickCount(std::clamp(h / 28, 2, 5));
    const QFontMetrics fm(m_plot->yAxis->labelFont());
    QString title = m_yTitles.constLast();
    for (const QString& t : std::as_const(m_yTitles))
        if (fm.horizontalAdvance(t) <= h) {
            title = t;
            break;
        }
    m_plot->yAxis->setLabel(title);
}

void TrainingPlot::updateReadout() {
    const bool acc = m_kind == Kind::Accuracy;
    // Longest first; the first that fits the plot's width is shown.
    QStringList candidates;
    if (!m_valX.empty() && !m_x.empty()) {
        const double epoch = m_valX.back(), val = m_valY.back();
        // The trend at the epoch's last batch, the training value at the moment validation ran.
        const auto it = std::upper_bound(m_x.begin(), m_x.end(), epoch + 1e-9);
        const int i = int(it - m_x.begin()) - 1;
        if (i >= 0) {
            const double train = m_trend.value(i);
            QString values, gap;
            if (acc) {
                values = QCoreApplication::translate("TrainingPlot", "train %1 %, validation %2 %")
                             .arg(train, 0, 'f', 1)
                             .arg(val, 0, 'f', 1);
                gap =
                    QCoreApplication::translate("TrainingPlot", "gap %1 points").arg(train - val, 0, 'f', 1);
            } else {
                values = QCoreApplication::translate("TrainingPlot", "train %1, validation %2")
                             .arg(train, 0, 'g', 3)
                             .arg(val, 0, 'g', 3);
                gap = QCoreApplication::translate("TrainingPlot", "gap %1").arg(val - train, 0, 'g', 2);
            }
            if (!m_test.isEmpty()) gap += QStringLiteral(" · ") + m_test;
            candidates << QCoreApplication::translate("TrainingPlot", "epoch %1: %2, %3")
                              .arg(int(std::lround(epoch)))
                              .arg(values, gap)
                       << values + QStringLiteral(", ") + gap << gap;
        }
    }
    if (candidates.isEmpty() && !m_test.isEmpty()) candidates << m_test;
    QString text;
    const QFontMetrics fm(m_readout->font());
    for (const QString& s : std::as_const(candidates)) {
        text = s;
        if (fm.horizontalAdvance(s) <= m_plot->width() - 12) break;
    }
    m_readout->setText(text);
    QCPLayoutGrid* grid = m_plot->plotLayout();
    const bool inLayout = m_readout->layout() != nullptr;
    if (!text.isEmpty() && !inLayout) {
        grid->insertRow(1);
        grid->addElement(1, 0, m_readout);
        grid->setRowStretchFactor(1, 0.001);
        m_readout->setVisible(true);
    } else if (text.isEmpty() && inLayout) {
        grid->take(m_readout);
        grid->simplify();
        m_readout->setVisible(false);
    }
}

QString TrainingPlot::readout() const {
    return m_readout->layout() ? m_readout->text() : QString();
}

// The widest arrangement of the legend's entries that fits the plot: all in one row, else wrapped.
void TrainingPlot::fitLegend() {
    QCPLegend* l = m_plot->legend;
    std::vector<int> w;  // the entries' widths (itemCount() counts the grid's cells, some of them empty)
    for (int i = 0; i < l->itemCount(); ++i)
        if (const QCPAbstractLegendItem* item = l->item(i)) w.push_back(item->minimumOuterSizeHint().width());
    const int n = int(w.size());
    if (n == 0) return;
    const int avail = m_plot->width() - 8 - l->margins().left() - l->margins().right();
    int wrap = 1;
    for (int k = n; k >= 1; --k) {
        int total = (k - 1) * l->columnSpacing();
        for (int col = 0; col < k; ++col) {
            int widest = 0;
            for (int i = col; i < n; i += k) widest = std::max(widest, w[std::size_t(i)]);
            total += widest;
        }
        if (total <= avail) {
            wrap = k;
            break;
        }
    }
    if (l->wrap() != wrap || l->columnCount() != std::min(wrap, n)) {
        l->setWrap(wrap);
        l->setFillOrder(QCPLayoutGrid::foColumnsFirst, true);
    }
}
