#include "widgets/training/training_charts.h"

#include <qcustomplot.h>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>
#include <cmath>

#include "widgets/common/image_file.h"

namespace {
// Smoothing of the per-batch curve (an EMA, bias corrected as in TensorBoard) over about 5% of an epoch, so
// it follows the trend on small datasets and calms the noise on large ones.
double emaDecay(int batchesPerEpoch) {
    return std::min(0.95, 1.0 - 1.0 / std::max(4.0, batchesPerEpoch / 20.0));
}

QString lossAxisLabel(layerlab::LossType t) {
    return t == layerlab::LossType::CrossEntropy ? QObject::tr("loss (cross-entropy)")
                                                 : QObject::tr("loss (mean squared error)");
}
}  // namespace

TrainingCharts::TrainingCharts(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);

    auto* top = new QHBoxLayout;
    top->setContentsMargins(4, 0, 4, 0);
    m_resultLabel =
        new QLabel(tr("Press Start (F5) to train; loss and accuracy appear here as it runs."), this);
    m_resultLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_resultLabel->setWordWrap(true);
    m_fitButton = new QPushButton(tr("Fit"), this);
    m_fitButton->setToolTip(
        tr("Show all the data again after zooming or panning (the charts then follow the run)."));
    m_exportButton = new QPushButton(tr("Export PNG…"), this);
    m_exportButton->setToolTip(tr("Save both charts as one PNG image."));
    top->addWidget(m_resultLabel, 1);
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
    setUpChart(m_acc, tr("accuracy (%)"), QColor(44, 160, 44));
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
    }
    connect(m_fitButton, &QPushButton::clicked, this, &TrainingCharts::fitToData);
    connect(m_exportButton, &QPushButton::clicked, this, &TrainingCharts::exportPngInteractive);
    reset(layerlab::TrainingSpec{});
}

void TrainingCharts::setUpChart(Chart& c, const QString& yLabel, const QColor& color) {
    QCustomPlot* p = c.plot;
    p->setMinimumSize(220, 160);
    p->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    p->setNoAntialiasingOnDrag(true);
    p->xAxis->setLabel(tr("epoch"));
    p->yAxis->setLabel(yLabel);

    c.raw = p->addGraph();
    c.raw->setName(tr("train (per batch)"));
    QColor faint = color;
    faint.setAlpha(70);
    c.raw->setLineStyle(QCPGraph::lsNone);
    c.raw->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, faint, faint, 2.5));
    c.raw->setAdaptiveSampling(true);

    c.smooth = p->addGraph();
    c.smooth->setName(tr("train (smoothed)"));
    c.smooth->setPen(QPen(color, 2));

    c.val = p->addGraph();
    c.val->setName(tr("validation (per epoch)"));
    const QColor valColor(214, 39, 40);
    c.val->setPen(QPen(valColor, 2));
    c.val->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, valColor, Qt::white, 7));

    c.best = new QCPItemStraightLine(p);
    c.best->setPen(QPen(QColor(120, 120, 120), 1.5, Qt::DashLine));
    c.best->setVisible(false);
    c.bestLabel = new QCPItemText(p);
    c.bestLabel->setPositionAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    c.bestLabel->setBrush(QColor(255, 255, 255, 200));
    c.bestLabel->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
    c.bestLabel->setColor(QColor(90, 90, 90));
    c.bestLabel->setVisible(false);
    c.testLabel = new QCPItemText(p);
    c.testLabel->position->setType(QCPItemPosition::ptAxisRectRatio);
    c.testLabel->position->setCoords(0.98, 0.45);
    c.testLabel->setPositionAlignment(Qt::AlignRight | Qt::AlignVCenter);
    c.testLabel->setPadding(QMargins(4, 2, 4, 2));
    c.testLabel->setBrush(QColor(255, 255, 255, 220));
    c.testLabel->setPen(QPen(QColor(150, 150, 150)));
    c.testLabel->setVisible(false);

    p->legend->setVisible(true);
    // Loss falls and accuracy rises, so the legend goes where the curves are not.
    p->axisRect()->insetLayout()->setInsetAlignment(
        0, c.plot == m_loss.plot ? (Qt::AlignTop | Qt::AlignRight) : (Qt::AlignBottom | Qt::AlignRight));
    p->legend->setBrush(QColor(255, 255, 255, 200));
    QFont lf = font();
    lf.setPointSizeF(lf.pointSizeF() * 0.85);
    p->legend->setFont(lf);
    p->legend->setRowSpacing(-3);
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
    m_xMax = 0;
    m_finished = false;
    m_follow = true;
    m_loss.plot->yAxis->setLabel(lossAxisLabel(training.loss));
    m_resultLabel->setText(
        tr("Faint dots: each training batch; line: their moving average; red: validation after "
           "each epoch. Drag to pan, wheel to zoom."));
    for (Chart* c : {&m_loss, &m_acc}) {
        c->raw->data()->clear();
        c->smooth->data()->clear();
        c->val->data()->clear();
        c->best->setVisible(false);
        c->bestLabel->setVisible(false);
        c->testLabel->setVisible(false);
        c->ema = 0;
        c->emaWeight = 0;
        c->yMax = 0;
        c->yMin = 100;
    }
    rescale();
    replotBoth();
}

void TrainingCharts::addPoint(Chart& c, double x, double y, double decay) {
    if (!std::isfinite(y)) return;
    c.raw->addData(x, y);
    c.ema = decay * c.ema + (1 - decay) * y;
    c.emaWeight = decay * c.emaWeight + (1 - decay);
    c.smooth->addData(x, c.ema / c.emaWeight);
}

void TrainingCharts::addBatches(const QVector<layerlab::BatchMetrics>& batches) {
    if (batches.isEmpty()) return;
    for (const auto& b : batches) {
        if (b.batchesPerEpoch <= 0) continue;
        const double x = b.epochPosition();
        if (m_markRates && b.learningRate > 0 && std::abs(b.learningRate - m_lastRate) > 1e-6 * m_lastRate)
            markRateChange(x - 1.0 / b.batchesPerEpoch, b.learningRate);  // at the start of this batch
        m_lastRate = b.learningRate;
        const double decay = emaDecay(b.batchesPerEpoch);
        addPoint(m_loss, x, b.loss, decay);
        addPoint(m_acc, x, b.accuracy * 100.0, decay);
        m_xMax = std::max(m_xMax, x);
        if (std::isfinite(b.loss)) m_loss.yMax = std::max(m_loss.yMax, m_loss.ema / m_loss.emaWeight);
        m_acc.yMin = std::min(m_acc.yMin, m_acc.ema / std::max(1e-9, m_acc.emaWeight));
    }
    if (m_follow) rescale();
    replotBoth();
}

void TrainingCharts::addEpoch(const layerlab::EpochMetrics& e) {
    if (std::isfinite(e.valLoss)) {
        m_loss.val->addData(e.epoch, e.valLoss);
        m_loss.yMax = std::max(m_loss.yMax, e.valLoss);
    }
    if (std::isfinite(e.valAccuracy)) {
        m_acc.val->addData(e.epoch, e.valAccuracy * 100.0);
        m_acc.yMin = std::min(m_acc.yMin, e.valAccuracy * 100.0);
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
        c->bestLabel->position->setCoords(epoch, 0.58);  // clear of the legends and the test value
        // Near the right edge the label goes on the line's left so it is not cut off.
        const bool left = epoch > 0.6 * std::max(1.0, m_xMax);
        c->bestLabel->setPositionAlignment((left ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
        c->bestLabel->setText(left ? tr("best epoch %1 ").arg(epoch) : tr(" best epoch %1").arg(epoch));
        c->bestLabel->setVisible(true);
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
    label->position->setCoords(x,
                               0.7 + 0.06 * double(m_rateMarks.size() % 3));  // below the legend; staggered
    label->setPositionAlignment(Qt::AlignLeft | Qt::AlignVCenter);
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

void TrainingCharts::showResult(const layerlab::TrainResult& r) {
    m_finished = true;
    if (m_follow) rescale();
    if (m_earlyStopping && r.bestEpoch > 0) markBest(r.bestEpoch);
    const bool hasTest = std::isfinite(r.testLoss) && std::isfinite(r.testAccuracy) && !r.diverged;
    if (hasTest) {
        m_loss.testLabel->setText(tr("test loss %1").arg(r.testLoss, 0, 'f', 4));
        m_acc.testLabel->setText(tr("test accuracy %1 %").arg(r.testAccuracy * 100.0, 0, 'f', 2));
        m_loss.testLabel->setVisible(true);
        m_acc.testLabel->setVisible(true);
    }
    QString text = QString::fromStdString(r.message);
    if (hasTest)
        text = tr("Test loss %1, test accuracy %2 %. ")
                   .arg(r.testLoss, 0, 'f', 4)
                   .arg(r.testAccuracy * 100.0, 0, 'f', 2) +
               text;
    m_resultLabel->setText(text);
    replotBoth();
}

QString TrainingCharts::resultText() const {
    return m_resultLabel->text();
}

void TrainingCharts::rescale() {
    // The x axis grows with the run a whole epoch at a time (so the first epoch fills the plot), up to the
    // planned number of epochs. A finished run shows exactly the epochs it ran.
    const double xMax =
        m_finished ? std::max(1.0, std::ceil(m_xMax - 1e-9)) * 1.03  // last marker off the edge
                   : std::clamp(std::ceil(m_xMax + 0.25), 1.0, std::max<double>(m_epochs, std::ceil(m_xMax)));
    const double lossTop = m_loss.yMax > 0 ? m_loss.yMax * 1.15 : 2.5;
    const double accBottom = m_acc.yMin < 100 ? std::max(0.0, std::floor(m_acc.yMin / 10.0) * 10.0) : 0.0;
    m_syncing = true;
    for (Chart* c : {&m_loss, &m_acc}) c->plot->xAxis->setRange(0, xMax);
    m_syncing = false;
    m_loss.plot->yAxis->setRange(0, lossTop);
    m_acc.plot->yAxis->setRange(accBottom, 100.5);
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
    const QPixmap a = m_loss.plot->toPixmap(m_loss.plot->width(), m_loss.plot->height());
    const QPixmap b = m_acc.plot->toPixmap(m_acc.plot->width(), m_acc.plot->height());
    QImage img(a.width() + b.width(), std::max(a.height(), b.height()), QImage::Format_RGB32);
    img.fill(Qt::white);
    QPainter p(&img);
    p.drawPixmap(0, 0, a);
    p.drawPixmap(a.width(), 0, b);
    return img;
}

bool TrainingCharts::exportPng(const QString& path, QString* error) {
    const QString why = writePngFile(renderImage(), path);  // the one writer's rules (image_file.h)
    if (error) *error = why;
    return why.isEmpty();
}

void TrainingCharts::exportPngInteractive() {
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export charts"), QStringLiteral("training-charts.png"), tr("PNG images (*.png)"));
    if (path.isEmpty()) return;
    QString why;
    if (!exportPng(path, &why)) m_resultLabel->setText(tr("Could not write %1: %2.").arg(path, why));
}
