#include "widgets/training/training_charts.h"

#include <qcustomplot.h>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QSplitter>
#include <QTextLayout>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "widgets/common/image_file.h"
#include "widgets/common/save_file_dialog.h"

namespace {
QString lossAxisLabel(layerlab::LossType t) {
    return t == layerlab::LossType::CrossEntropy ? QObject::tr("loss (cross-entropy)")
                                                 : QObject::tr("loss (mean squared error)");
}

// The y-axis title runs along the axis: on a short plot the long form would stick out over the legend.
// Longest first.
QStringList accuracyTitles(bool errorLog) {
    return errorLog ? QStringList{QObject::tr("error rate (%), log scale"), QObject::tr("error (%)"),
                                  QStringLiteral("%")}
                    : QStringList{QObject::tr("accuracy (%)"), QObject::tr("acc. (%)"), QStringLiteral("%")};
}

double maxOf(const std::vector<double>& a, double start) {
    for (double v : a) start = std::max(start, v);
    return start;
}
double minOf(const std::vector<double>& a, double start) {
    for (double v : a) start = std::min(start, v);
    return start;
}

const QColor kValidationColor(214, 39, 40);

// `text` in at most two lines of `width` pixels, the second elided if need be.
QString twoLines(const QString& text, const QFont& font, int width) {
    const QFontMetrics fm(font);
    if (width <= 0 || fm.horizontalAdvance(text) <= width) return text;
    QTextLayout layout(text, font);
    layout.beginLayout();
    QTextLine first = layout.createLine();
    first.setLineWidth(width);
    layout.endLayout();
    const int n = first.textLength();
    return text.left(n).trimmed() + QLatin1Char('\n') +
           fm.elidedText(text.mid(n).trimmed(), Qt::ElideRight, width);
}
}  // namespace

TrainingCharts::TrainingCharts(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);

    auto* top = new QHBoxLayout;
    top->setContentsMargins(4, 0, 4, 0);
    // At most two lines (the whole text in the tooltip), so a long message never takes the plots' height.
    m_resultLabel = new QLabel(this);
    m_resultLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_resultLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
    m_resultLabel->setFixedHeight(2 * m_resultLabel->fontMetrics().lineSpacing() + 2);
    m_resultLabel->installEventFilter(this);
    m_accAxisBox = new QComboBox(this);
    m_accAxisBox->addItem(tr("Zoom to data"), int(AccuracyAxis::ZoomToData));
    m_accAxisBox->addItem(tr("0–100 %"), int(AccuracyAxis::Full));
    m_accAxisBox->addItem(tr("Error, log"), int(AccuracyAxis::ErrorLog));
    m_accAxisBox->setToolTip(
        tr("Accuracy axis. Zoom to data: fitted to the trend and validation, so the gap between them shows "
           "once training has started (the first batches may run off the bottom). 0–100 %: the whole scale. "
           "Error, log: the error rate (100 % − accuracy) on a log scale, where 10 %, 1 % and 0.1 % are "
           "equally far apart (batches without an error are drawn at the bottom)."));
    m_fitButton = new QPushButton(tr("Fit"), this);
    m_fitButton->setToolTip(
        tr("Show all the data again after zooming or panning (the charts then follow the run)."));
    m_exportButton = new QPushButton(tr("Export PNG…"), this);
    m_exportButton->setToolTip(tr("Save both charts as one PNG image."));
    top->addWidget(m_resultLabel, 1);
    top->addWidget(m_accAxisBox);
    top->addWidget(m_fitButton);
    top->addWidget(m_exportButton);
    layout->addLayout(top);

    auto* split = new QSplitter(Qt::Horizontal, this);
    m_loss.plot = new QCustomPlot(split);
    m_acc.plot = new QCustomPlot(split);
    split->addWidget(m_loss.plot);
    split->addWidget(m_acc.plot);
    split->setChildrenCollapsible(false);
    layout->addWidget(split, 1);

    setUpChart(m_loss, lossAxisLabel(layerlab::LossType::CrossEntropy), QColor(31, 119, 180));
    setUpChart(m_acc, accuracyTitles(false).front(), QColor(44, 160, 44));
    m_acc.yTitles = accuracyTitles(false);
    m_loss.plot->setToolTip(
        tr("Loss: what the optimizer minimises. Drag to pan, wheel to zoom, Fit to reset."));
    m_acc.plot->setToolTip(tr("Accuracy: share of images classified right. Drag to pan, wheel to zoom."));

    for (Chart* c : {&m_loss, &m_acc}) {
        QCustomPlot* self = c->plot;
        QCustomPlot* other = (c == &m_loss) ? m_acc.plot : m_loss.plot;
        connect(self->xAxis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this,
                [this, other](const QCPRange& r) {
                    if (m_syncing) return;
                    m_syncing = true;
                    other->xAxis->setRange(r);
                    other->replot(QCustomPlot::rpQueuedReplot);
                    m_syncing = false;
                });
        connect(self, &QCustomPlot::mousePress, this, [this] { m_follow = false; });
        connect(self, &QCustomPlot::mouseWheel, this, [this] { m_follow = false; });
        self->installEventFilter(this);  // the legend's wrap follows the plot's width
        // Once the layout is known (before drawing), the y title that fits along the axis rect.
        connect(self, &QCustomPlot::afterLayout, this, [this, c] {
            // About one y tick per 28 px: a short plot gets fewer, so their labels do not run together.
            const int h = c->plot->axisRect()->height();
            c->plot->yAxis->ticker()->setTickCount(std::clamp(h / 28, 2, 5));
            if (c == &m_loss) {  // rate labels staggered by a line of text, from the top of the plot area
                const int line = QFontMetrics(font()).height();
                for (std::size_t k = 0; k < m_rateMarks.size(); ++k) {
                    QCPItemPosition* pos = m_rateMarks[k].label->position;
                    pos->setCoords(pos->key(), std::min(0.9, (2.0 + double(k % 3) * line) / std::max(1, h)));
                }
            }
            const QFontMetrics fm(c->plot->yAxis->labelFont());
            QString title = c->yTitles.constLast();
            for (const QString& t : std::as_const(c->yTitles))
                if (fm.horizontalAdvance(t) <= c->plot->axisRect()->height()) {
                    title = t;
                    break;
                }
            c->plot->yAxis->setLabel(title);
        });
    }
    connect(m_accAxisBox, qOverload<int>(&QComboBox::activated), this,
            [this](int i) { setAccuracyAxis(AccuracyAxis(m_accAxisBox->itemData(i).toInt())); });
    connect(m_fitButton, &QPushButton::clicked, this, &TrainingCharts::fitToData);
    connect(m_exportButton, &QPushButton::clicked, this, &TrainingCharts::exportPngInteractive);
    reset(layerlab::TrainingSpec{});
}

void TrainingCharts::setUpChart(Chart& c, const QString& yLabel, const QColor& color) {
    QCustomPlot* p = c.plot;
    p->setMinimumSize(180, 120);
    p->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    p->setNoAntialiasingOnDrag(true);
    p->xAxis->setLabel(tr("epoch"));
    p->yAxis->setLabel(yLabel);
    c.yTitles = {yLabel};

    // The legend goes in a row above the axis rect (not inside it, where it would cover data), one row of
    // entries, wrapped when the plot is too narrow (fitLegend). Its font is set before the graphs are added
    // so their entries take it.
    QFont small = font();
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

    c.readout = new QCPTextElement(p, QString(), small);
    c.readout->setTextColor(QColor(70, 70, 70));
    c.readout->setMargins(QMargins(2, 0, 2, 2));
    c.readout->setVisible(false);  // not in the layout until it has text (updateReadout)

    c.raw = p->addGraph();
    c.raw->setName(tr("batches"));
    QColor faint = color;
    faint.setAlpha(70);
    c.raw->setLineStyle(QCPGraph::lsNone);
    c.raw->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, faint, faint, 2.5));
    c.raw->setAdaptiveSampling(true);

    c.smooth = p->addGraph();
    c.smooth->setName(tr("trend"));
    c.smooth->setPen(QPen(color, 2));

    c.val = p->addGraph();
    c.val->setName(tr("validation"));
    c.val->setPen(QPen(kValidationColor, 2));
    c.val->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, kValidationColor, Qt::white, 7));

    // The train/validation gap: the area between the trend and the validation line, where both exist.
    QColor gap = kValidationColor;
    gap.setAlpha(45);
    c.smooth->setBrush(gap);
    if (&c == &m_acc)
        c.trend.setLimits(0.0, 100.0);
    else
        c.trend.setLimits(0.0, 1e300);
    c.smooth->setChannelFillGraph(c.val);

    const QPen bestPen(QColor(120, 120, 120), 1.5, Qt::DashLine);
    c.best = new QCPItemStraightLine(p);
    c.best->setPen(bestPen);
    c.best->setVisible(false);
    c.bestKey = p->addGraph();
    c.bestKey->setPen(bestPen);
    c.bestKey->removeFromLegend();
}

void TrainingCharts::reset(const layerlab::TrainingSpec& training) {
    m_earlyStopping = training.earlyStopping.enabled;
    m_markRates = training.schedule.type == layerlab::ScheduleType::Step ||
                  training.schedule.type == layerlab::ScheduleType::Plateau;
    m_lastRate = training.optimizer.learningRate;
    for (const RateMark& m : m_rateMarks) {
        m_loss.plot->removeItem(m.line);
        m_loss.plot->removeItem(m.label);
    }
    m_rateMarks.clear();
    m_epochs = std::max(1, training.epochs);
    m_batchSize = std::max(1, training.batchSize);
    m_xMax = 0;
    m_finished = false;
    m_follow = true;
    m_loss.yTitles = {lossAxisLabel(training.loss), tr("loss")};
    m_loss.plot->yAxis->setLabel(m_loss.yTitles.front());
    setResultText(
        tr("Shading: the gap between training and validation. Drag to pan, wheel to zoom, Fit to "
           "show all."));
    for (Chart* c : {&m_loss, &m_acc}) {
        c->raw->data()->clear();
        c->smooth->data()->clear();
        c->val->data()->clear();
        c->best->setVisible(false);
        c->bestKey->removeFromLegend();
        c->trend.clear(TrendLine::halfWidthFor(0));
        c->x.clear();
        c->y.clear();
        c->valX.clear();
        c->valY.clear();
        c->test.clear();
        updateReadout(*c);
        fitLegend(*c);
    }
    rescale();
    replotBoth();
}

void TrainingCharts::continueRun(const layerlab::TrainingSpec& training) {
    m_earlyStopping = training.earlyStopping.enabled;
    m_markRates = training.schedule.type == layerlab::ScheduleType::Step ||
                  training.schedule.type == layerlab::ScheduleType::Plateau;
    m_epochs = std::max(1, int(std::ceil(m_xMax - 1e-9))) + std::max(1, training.epochs);
    m_batchSize = std::max(1, training.batchSize);
    m_finished = false;
    m_follow = true;
    m_loss.yTitles = {lossAxisLabel(training.loss), tr("loss")};
    m_loss.plot->yAxis->setLabel(m_loss.yTitles.front());
    setResultText(tr("Continuing from the stopped run's weights: the new points follow its own."));
    for (Chart* c : {&m_loss, &m_acc}) {
        c->test.clear();
        updateReadout(*c);
        fitLegend(*c);
    }
    rescale();
    replotBoth();
}

double TrainingCharts::shown(const Chart& c, double v) const {
    if (&c != &m_acc || m_accAxis != AccuracyAxis::ErrorLog) return v;
    // Error rate in %. A log axis has no 0: a batch without an error sits at half of one error per batch.
    return std::max(100.0 - v, 50.0 / m_batchSize);
}

void TrainingCharts::addPoint(Chart& c, double x, double y) {
    if (!std::isfinite(y)) return;
    c.x.push_back(x);
    c.y.push_back(y);
    c.raw->addData(x, shown(c, y));
    c.trend.append(y);
}

// The trend's newest values move as batches arrive: redraw from the first one that changed.
void TrainingCharts::redrawTrend(Chart& c) {
    const int from = c.trend.takeChangedFrom();
    if (from >= c.trend.size()) return;
    if (from == 0)
        c.smooth->data()->clear();
    else
        c.smooth->data()->removeAfter(c.x[std::size_t(from - 1)]);
    QVector<double> keys, values;
    keys.reserve(c.trend.size() - from);
    values.reserve(c.trend.size() - from);
    for (int i = from; i < c.trend.size(); ++i) {
        keys.push_back(c.x[std::size_t(i)]);
        values.push_back(shown(c, c.trend.value(i)));
    }
    c.smooth->addData(keys, values, true);
}

void TrainingCharts::redrawAll(Chart& c) {
    QVector<double> keys, raw, trend, vx, vy;
    for (std::size_t i = 0; i < c.x.size(); ++i) {
        keys.push_back(c.x[i]);
        raw.push_back(shown(c, c.y[i]));
        trend.push_back(shown(c, c.trend.value(int(i))));
    }
    for (std::size_t i = 0; i < c.valX.size(); ++i) {
        vx.push_back(c.valX[i]);
        vy.push_back(shown(c, c.valY[i]));
    }
    c.raw->setData(keys, raw, true);
    c.smooth->setData(keys, trend, true);
    c.val->setData(vx, vy, true);
    c.trend.takeChangedFrom();
}

void TrainingCharts::addBatches(const QVector<layerlab::BatchMetrics>& batches) {
    if (batches.isEmpty()) return;
    for (const auto& b : batches) {
        if (b.batchesPerEpoch <= 0) continue;
        const double x = b.epochPosition();
        if (m_markRates && b.learningRate > 0 && std::abs(b.learningRate - m_lastRate) > 1e-6 * m_lastRate)
            markRateChange(x - 1.0 / b.batchesPerEpoch, b.learningRate);  // at the start of this batch
        m_lastRate = b.learningRate;
        for (Chart* c : {&m_loss, &m_acc})
            if (c->trend.size() == 0) c->trend.clear(TrendLine::halfWidthFor(b.batchesPerEpoch));
        addPoint(m_loss, x, b.loss);
        addPoint(m_acc, x, b.accuracy * 100.0);
        m_xMax = std::max(m_xMax, x);
    }
    for (Chart* c : {&m_loss, &m_acc}) {
        redrawTrend(*c);
        updateReadout(*c);
    }
    if (m_follow) rescale();
    replotBoth();
}

void TrainingCharts::addEpoch(const layerlab::EpochMetrics& e) {
    const double values[2] = {e.valLoss, e.valAccuracy * 100.0};
    Chart* charts[2] = {&m_loss, &m_acc};
    for (int i = 0; i < 2; ++i) {
        if (!std::isfinite(values[i])) continue;
        charts[i]->valX.push_back(e.epoch);
        charts[i]->valY.push_back(values[i]);
        charts[i]->val->addData(e.epoch, shown(*charts[i], values[i]));
        updateReadout(*charts[i]);
    }
    m_xMax = std::max<double>(m_xMax, e.epoch);
    if (m_earlyStopping && e.best) markBest(e.epoch);
    if (m_follow) rescale();
    replotBoth();
}

void TrainingCharts::markBest(int epoch) {
    for (Chart* c : {&m_loss, &m_acc}) {
        c->best->point1->setCoords(epoch, 0);
        c->best->point2->setCoords(epoch, 1);
        c->best->setVisible(true);
        // Named in the legend, not by a label on the plot that could cover data.
        c->bestKey->setName(tr("best epoch %1").arg(epoch));
        c->bestKey->addToLegend();
        fitLegend(*c);
    }
}

void TrainingCharts::markRateChange(double x, double rate) {
    constexpr size_t kMaxMarks = 30;  // beyond that they would only clutter the plot
    if (m_rateMarks.size() >= kMaxMarks) return;
    QCustomPlot* p = m_loss.plot;
    const QColor color(200, 110, 0);
    auto* line = new QCPItemStraightLine(p);
    line->setPen(QPen(color, 1, Qt::DotLine));
    line->point1->setCoords(x, 0);
    line->point2->setCoords(x, 1);
    auto* label = new QCPItemText(p);
    label->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
    // Near the top, staggered (afterLayout): rates change after the first epoch, when the loss is low on the
    // plot.
    label->position->setCoords(x, 0.02);
    label->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
    label->setColor(color);
    label->setBrush(QColor(255, 255, 255, 200));
    label->setText(tr(" lr %1").arg(QLocale().toString(rate, 'g', 3)));
    m_rateMarks.push_back({line, label});
}

QStringList TrainingCharts::rateMarks() const {
    QStringList out;
    for (const RateMark& m : m_rateMarks) out << m.label->text().trimmed();
    return out;
}

void TrainingCharts::updateReadout(Chart& c) {
    const bool acc = &c == &m_acc;
    // Longest first; the first that fits the plot's width is shown.
    QStringList candidates;
    if (!c.valX.empty() && !c.x.empty()) {
        const double epoch = c.valX.back(), val = c.valY.back();
        // The trend at the epoch's last batch, the training value at the moment validation ran.
        const auto it = std::upper_bound(c.x.begin(), c.x.end(), epoch + 1e-9);
        const int i = int(it - c.x.begin()) - 1;
        if (i >= 0) {
            const double train = c.trend.value(i);
            QString values, gap;
            if (acc) {
                values = tr("train %1 %, validation %2 %").arg(train, 0, 'f', 1).arg(val, 0, 'f', 1);
                gap = tr("gap %1 points").arg(train - val, 0, 'f', 1);
            } else {
                values = tr("train %1, validation %2").arg(train, 0, 'g', 3).arg(val, 0, 'g', 3);
                gap = tr("gap %1").arg(val - train, 0, 'g', 2);
            }
            if (!c.test.isEmpty()) gap += QStringLiteral(" · ") + c.test;
            candidates << tr("epoch %1: %2, %3").arg(int(std::lround(epoch))).arg(values, gap)
                       << values + QStringLiteral(", ") + gap << gap;
        }
    }
    if (candidates.isEmpty() && !c.test.isEmpty()) candidates << c.test;
    QString text;
    const QFontMetrics fm(c.readout->font());
    for (const QString& s : std::as_const(candidates)) {
        text = s;
        if (fm.horizontalAdvance(s) <= c.plot->width() - 12) break;
    }
    c.readout->setText(text);
    QCPLayoutGrid* grid = c.plot->plotLayout();
    const bool inLayout = c.readout->layout() != nullptr;
    if (!text.isEmpty() && !inLayout) {
        grid->insertRow(1);
        grid->addElement(1, 0, c.readout);
        grid->setRowStretchFactor(1, 0.001);
        c.readout->setVisible(true);
    } else if (text.isEmpty() && inLayout) {
        grid->take(c.readout);
        grid->simplify();
        c.readout->setVisible(false);
    }
}

// The widest arrangement of the legend's entries that fits the plot: all in one row, else wrapped.
void TrainingCharts::fitLegend(Chart& c) {
    QCPLegend* l = c.plot->legend;
    std::vector<int> w;  // the entries' widths (itemCount() counts the grid's cells, some of them empty)
    for (int i = 0; i < l->itemCount(); ++i)
        if (const QCPAbstractLegendItem* item = l->item(i)) w.push_back(item->minimumOuterSizeHint().width());
    const int n = int(w.size());
    if (n == 0) return;
    const int avail = c.plot->width() - 8 - l->margins().left() - l->margins().right();
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

bool TrainingCharts::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() == QEvent::Resize && watched == m_resultLabel) setResultText(m_resultText);
    if (event->type() == QEvent::Resize)
        for (Chart* c : {&m_loss, &m_acc})
            if (watched == c->plot) {
                fitLegend(*c);
                updateReadout(*c);
            }
    return QWidget::eventFilter(watched, event);
}

void TrainingCharts::showResult(const layerlab::TrainResult& r) {
    m_finished = true;
    if (m_earlyStopping && r.bestEpoch > 0) markBest(r.bestEpoch);
    const bool hasTest = std::isfinite(r.testLoss) && std::isfinite(r.testAccuracy) && !r.diverged;
    if (hasTest) {
        m_loss.test = tr("test %1").arg(r.testLoss, 0, 'f', 4);
        m_acc.test = tr("test %1 %").arg(r.testAccuracy * 100.0, 0, 'f', 2);
        updateReadout(m_loss);
        updateReadout(m_acc);
    }
    if (m_follow) rescale();
    QString text = QString::fromStdString(r.message);
    if (hasTest)
        text = tr("Test loss %1, test accuracy %2 %. ")
                   .arg(r.testLoss, 0, 'f', 4)
                   .arg(r.testAccuracy * 100.0, 0, 'f', 2) +
               text;
    setResultText(text);
    replotBoth();
}

QString TrainingCharts::resultText() const {
    return m_resultText;
}

void TrainingCharts::setResultText(const QString& text) {
    m_resultText = text;
    const QString shown = twoLines(text, m_resultLabel->font(), m_resultLabel->width() - 2);
    m_resultLabel->setText(shown);
    m_resultLabel->setToolTip(shown == text ? QString() : text);
}

QString TrainingCharts::lossReadout() const {
    return m_loss.readout->layout() ? m_loss.readout->text() : QString();
}

QString TrainingCharts::accuracyReadout() const {
    return m_acc.readout->layout() ? m_acc.readout->text() : QString();
}

void TrainingCharts::setAccuracyAxis(AccuracyAxis axis) {
    m_accAxisBox->setCurrentIndex(m_accAxisBox->findData(int(axis)));
    if (axis == m_accAxis) return;
    m_accAxis = axis;
    QCPAxis* y = m_acc.plot->yAxis;
    if (axis == AccuracyAxis::ErrorLog) {
        y->setScaleType(QCPAxis::stLogarithmic);
        QSharedPointer<QCPAxisTickerLog> ticker(new QCPAxisTickerLog);
        ticker->setSubTickCount(8);
        y->setTicker(ticker);
        y->setNumberFormat(QStringLiteral("g"));
    } else {
        y->setScaleType(QCPAxis::stLinear);
        y->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
        y->setNumberFormat(QStringLiteral("gbd"));
    }
    m_acc.yTitles = accuracyTitles(axis == AccuracyAxis::ErrorLog);
    y->setLabel(m_acc.yTitles.front());
    redrawAll(m_acc);
    drawOverlays();
    rescale();
    replotBoth();
}

void TrainingCharts::setOverlays(const QVector<Overlay>& overlays) {
    m_overlays = overlays;
    drawOverlays();
    for (Chart* c : {&m_loss, &m_acc}) fitLegend(*c);
    replotBoth();
}

QVector<QCPGraph*> TrainingCharts::accuracyOverlayGraphs() const {
    return m_accOverlays;
}

void TrainingCharts::drawOverlays() {
    for (int plot = 0; plot < 2; ++plot) {
        Chart& c = plot == 0 ? m_loss : m_acc;
        QVector<QCPGraph*>& graphs = plot == 0 ? m_lossOverlays : m_accOverlays;
        for (QCPGraph* g : graphs) c.plot->removeGraph(g);
        graphs.clear();
        // Below the live run's layer, so the live run is drawn on top.
        if (!c.plot->layer(QStringLiteral("overlays")))
            c.plot->addLayer(QStringLiteral("overlays"), c.plot->layer(QStringLiteral("main")),
                             QCustomPlot::limBelow);
        for (const Overlay& o : m_overlays) {
            QCPGraph* g = c.plot->addGraph();
            g->setLayer(QStringLiteral("overlays"));
            QColor colour = o.colour;
            colour.setAlpha(170);
            g->setPen(QPen(colour, 1.4));
            g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, colour, colour, 3));
            g->setName(o.name);
            for (const QPointF& p : plot == 0 ? o.loss : o.accuracy)
                if (std::isfinite(p.y())) g->addData(p.x(), shown(c, p.y()));
            graphs << g;
        }
    }
}

void TrainingCharts::rescale() {
    // The x axis grows with the run a whole epoch at a time (so the first epoch fills the plot), up to the
    // planned number of epochs. A finished run shows exactly the epochs it ran. Panned or zoomed by the
    // mouse (m_follow off), x stays where the user put it.
    if (m_follow) {
        const double xMax = m_finished ? std::max(1.0, std::ceil(m_xMax - 1e-9)) * 1.03  // last marker clear
                                       : std::clamp(std::ceil(m_xMax + 0.25), 1.0,
                                                    std::max<double>(m_epochs, std::ceil(m_xMax)));
        m_syncing = true;
        for (Chart* c : {&m_loss, &m_acc}) c->plot->xAxis->setRange(0, xMax);
        m_syncing = false;
    }

    // A rate label near the right edge goes on its line's left, so it is not cut off.
    const QCPRange xr = m_loss.plot->xAxis->range();
    for (const RateMark& m : m_rateMarks) {
        const bool left = m.line->point1->key() > xr.lower + 0.7 * xr.size();
        m.label->setPositionAlignment((left ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignTop);
        const QString text = m.label->text().trimmed();
        m.label->setText(left ? text + QLatin1Char(' ') : QLatin1Char(' ') + text);
    }

    const double lossMax = maxOf(m_loss.valY, maxOf(m_loss.trend.values(), 0.0));
    m_loss.plot->yAxis->setRange(0, lossMax > 0 ? lossMax * 1.15 : 2.5);

    const std::vector<double>& trend = m_acc.trend.values();
    const bool any = !trend.empty() || !m_acc.valY.empty();
    QCPAxis* y = m_acc.plot->yAxis;
    switch (m_accAxis) {
        case AccuracyAxis::Full:
            y->setRange(0, 100.5);
            break;
        case AccuracyAxis::ZoomToData: {
            if (!any) {
                y->setRange(0, 100.5);
                break;
            }
            // From the trend's 10th percentile (so the first batches' climb does not squash the rest) and the
            // lowest validation point up to the highest value, with a margin.
            double lo = minOf(m_acc.valY, 100.0);
            if (!trend.empty()) {
                std::vector<double> sorted = trend;
                const auto q = sorted.begin() + std::ptrdiff_t(sorted.size() / 10);
                std::nth_element(sorted.begin(), q, sorted.end());
                lo = std::min(lo, *q);
            }
            const double hi = maxOf(m_acc.valY, maxOf(trend, lo));
            const double pad = std::max(0.5, 0.08 * (hi - lo));
            y->setRange(std::max(0.0, lo - pad), std::min(100.5, hi + pad));
            break;
        }
        case AccuracyAxis::ErrorLog: {
            double lo = 100.0;
            for (double v : trend) lo = std::min(lo, shown(m_acc, v));
            for (double v : m_acc.valY) lo = std::min(lo, shown(m_acc, v));
            y->setRange(std::min(lo, 50.0) / 1.6, 100.0);
            break;
        }
    }
}

void TrainingCharts::fitToData() {
    m_follow = true;
    rescale();
    replotBoth();
}

void TrainingCharts::replotBoth() {
    if (!isVisible()) {  // drawn when shown again (showEvent): a hidden tab costs the GUI thread nothing
        m_replotPending = true;
        return;
    }
    m_replotPending = false;
    m_loss.plot->replot(QCustomPlot::rpQueuedReplot);
    m_acc.plot->replot(QCustomPlot::rpQueuedReplot);
}

void TrainingCharts::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    if (m_replotPending) replotBoth();
}

QImage TrainingCharts::renderImage() {
    return sideBySide(m_loss.plot->toPixmap(m_loss.plot->width(), m_loss.plot->height()),
                      m_acc.plot->toPixmap(m_acc.plot->width(), m_acc.plot->height()));
}

QString TrainingCharts::pngPath(const QString& path) {
    return pathWithSuffix(path, QStringLiteral("png"), SuffixRule::UnlessSuffix);
}

bool TrainingCharts::exportPng(const QString& path, QString* error, QString* written) {
    const QString target = pngPath(path);
    if (written) *written = target;
    const QString why = writePngFile(renderImage(), target);  // the one writer's rules (image_file.h)
    if (error) *error = why;
    return why.isEmpty();
}

void TrainingCharts::exportPngInteractive() {
    const QString target =
        askSavePath(this, tr("Export charts"), QStringLiteral("training-charts.png"),
                    tr("PNG images (*.png)"), QStringLiteral("png"), SuffixRule::UnlessSuffix);
    if (target.isEmpty()) return;
    QString why;
    if (!exportPng(target, &why))
        setResultText(tr("Could not write %1: %2.").arg(QDir::toNativeSeparators(target), why));
}
