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
#include <limits>

#include "core/atomic_file.h"
#include "i18n/core_text.h"
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
    m_exportButton = new QPushButton(tr("Export…"), this);
    m_exportButton->setToolTip(tr(
        "Save both charts as one PNG image, or their data as a CSV table (a row per batch and per epoch)."));
    top->addWidget(m_resultLabel, 1);
    top->addWidget(m_accAxisBox);
    top->addWidget(m_fitButton);
    top->addWidget(m_exportButton);
    layout->addLayout(top);

    auto* split = new QSplitter(Qt::Horizontal, this);
    auto* lossPlot = new QCustomPlot(split);
    auto* accPlot = new QCustomPlot(split);
    split->addWidget(lossPlot);
    split->addWidget(accPlot);
    split->setChildrenCollapsible(false);
    layout->addWidget(split, 1);

    m_loss =
        std::make_unique<TrainingPlot>(lossPlot, TrainingPlot::Kind::Loss,
                                       lossAxisLabel(layerlab::LossType::CrossEntropy), QColor(31, 119, 180));
    m_acc = std::make_unique<TrainingPlot>(accPlot, TrainingPlot::Kind::Accuracy,
                                           accuracyTitles(false).front(), QColor(44, 160, 44));
    m_acc->setYTitles(accuracyTitles(false));
    lossPlot->setToolTip(tr("Loss: what the optimizer minimises. Drag to pan, wheel to zoom, Fit to reset."));
    accPlot->setToolTip(tr("Accuracy: share of images classified right. Drag to pan, wheel to zoom."));

    for (TrainingPlot* c : {m_loss.get(), m_acc.get()}) {
        QCustomPlot* self = c->plot();
        QCustomPlot* other = (c == m_loss.get()) ? accPlot : lossPlot;
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
            c->afterLayout();
            if (c ==
                m_loss.get()) {  // rate labels staggered by a line of text, from the top of the plot area
                const int h = c->plot()->axisRect()->height(), line = QFontMetrics(font()).height();
                for (std::size_t k = 0; k < m_rateMarks.size(); ++k) {
                    QCPItemPosition* pos = m_rateMarks[k].label->position;
                    pos->setCoords(pos->key(), std::min(0.9, (2.0 + double(k % 3) * line) / std::max(1, h)));
                }
            }
        });
    }
    connect(m_accAxisBox, qOverload<int>(&QComboBox::activated), this,
            [this](int i) { setAccuracyAxis(AccuracyAxis(m_accAxisBox->itemData(i).toInt())); });
    connect(m_fitButton, &QPushButton::clicked, this, &TrainingCharts::fitToData);
    connect(m_exportButton, &QPushButton::clicked, this, &TrainingCharts::exportInteractive);
    reset(layerlab::TrainingSpec{});
}

// What both a new run and a continued one take from the settings.
void TrainingCharts::takeSettings(const layerlab::TrainingSpec& training) {
    m_earlyStopping = training.earlyStopping.enabled;
    m_markRates = training.schedule.type == layerlab::ScheduleType::Step ||
                  training.schedule.type == layerlab::ScheduleType::Plateau;
    m_batchSize = std::max(1, training.batchSize);
    m_acc->setValueScale(m_accAxis == AccuracyAxis::ErrorLog, m_batchSize);
    m_finished = false;
    m_follow = true;
    m_lossType = training.loss;
    m_loss->setYTitles({lossAxisLabel(training.loss), tr("loss")});
}

void TrainingCharts::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() != QEvent::LanguageChange || !m_loss) return;
    m_loss->setYTitles({lossAxisLabel(m_lossType), tr("loss")});
    m_acc->setYTitles(accuracyTitles(m_accAxis == AccuracyAxis::ErrorLog));
    m_loss->afterLayout();  // the longest title that fits, as after a resize
    m_acc->afterLayout();
    replotBoth();
}

void TrainingCharts::reset(const layerlab::TrainingSpec& training) {
    takeSettings(training);
    m_lastRate = training.optimizer.learningRate;
    for (const RateMark& m : m_rateMarks) {
        lossPlot()->removeItem(m.line);
        lossPlot()->removeItem(m.label);
    }
    m_rateMarks.clear();
    m_epochs = std::max(1, training.epochs);
    m_xMax = 0;
    m_batchLog.clear();
    m_epochLog.clear();
    setResultText(
        tr("Shading: the gap between training and validation. Drag to pan, wheel to zoom, Fit to "
           "show all."));
    for (TrainingPlot* c : {m_loss.get(), m_acc.get()}) {
        c->clear();
        c->updateReadout();
        c->fitLegend();
    }
    rescale();
    replotBoth();
}

void TrainingCharts::continueRun(const layerlab::TrainingSpec& training) {
    m_epochs = std::max(1, int(std::ceil(m_xMax - 1e-9))) + std::max(1, training.epochs);
    takeSettings(training);
    setResultText(tr("Continuing from the stopped run's weights: the new points follow its own."));
    for (TrainingPlot* c : {m_loss.get(), m_acc.get()}) {
        c->setTestText(QString());
        c->fitLegend();
    }
    rescale();
    replotBoth();
}

void TrainingCharts::addBatches(const QVector<layerlab::BatchMetrics>& batches) {
    if (batches.isEmpty()) return;
    for (const auto& b : batches) {
        if (b.batchesPerEpoch <= 0) continue;
        m_batchLog.append(b);
        const double x = b.epochPosition();
        if (m_markRates && b.learningRate > 0 && std::abs(b.learningRate - m_lastRate) > 1e-6 * m_lastRate)
            markRateChange(x - 1.0 / b.batchesPerEpoch, b.learningRate);  // at the start of this batch
        m_lastRate = b.learningRate;
        for (TrainingPlot* c : {m_loss.get(), m_acc.get()}) c->startTrend(b.batchesPerEpoch);
        m_loss->addBatch(x, b.loss);
        m_acc->addBatch(x, b.accuracy * 100.0);
        m_xMax = std::max(m_xMax, x);
    }
    for (TrainingPlot* c : {m_loss.get(), m_acc.get()}) c->finishBatches();
    if (m_follow) rescale();
    replotBoth();
}

void TrainingCharts::addEpoch(const layerlab::EpochMetrics& e) {
    m_epochLog.append(e);
    m_loss->addValidation(e.epoch, e.valLoss);
    m_acc->addValidation(e.epoch, e.valAccuracy * 100.0);
    m_xMax = std::max<double>(m_xMax, e.epoch);
    if (m_earlyStopping && e.best) markBest(e.epoch);
    if (m_follow) rescale();
    replotBoth();
}

void TrainingCharts::markBest(int epoch) {
    for (TrainingPlot* c : {m_loss.get(), m_acc.get()}) c->markBest(epoch);
}

void TrainingCharts::markRateChange(double x, double rate) {
    constexpr size_t kMaxMarks = 30;  // beyond that they would only clutter the plot
    if (m_rateMarks.size() >= kMaxMarks) return;
    QCustomPlot* p = lossPlot();
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

bool TrainingCharts::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() == QEvent::Resize && watched == m_resultLabel) setResultText(m_resultText);
    if (event->type() == QEvent::Resize)
        for (TrainingPlot* c : {m_loss.get(), m_acc.get()})
            if (watched == c->plot()) {
                c->fitLegend();
                c->updateReadout();
            }
    return QWidget::eventFilter(watched, event);
}

void TrainingCharts::showResult(const layerlab::TrainResult& r) {
    m_finished = true;
    if (m_earlyStopping && r.bestEpoch > 0) markBest(r.bestEpoch);
    const bool hasTest = std::isfinite(r.testLoss) && std::isfinite(r.testAccuracy) && !r.diverged;
    if (hasTest) {
        m_loss->setTestText(tr("test %1").arg(r.testLoss, 0, 'f', 4));
        m_acc->setTestText(tr("test %1 %").arg(r.testAccuracy * 100.0, 0, 'f', 2));
    }
    if (m_follow) rescale();
    QString text = CoreText::message(r.message);  // core's sentence in the UI language
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
    return m_loss->readout();
}

QString TrainingCharts::accuracyReadout() const {
    return m_acc->readout();
}

void TrainingCharts::setAccuracyAxis(AccuracyAxis axis) {
    m_accAxisBox->setCurrentIndex(m_accAxisBox->findData(int(axis)));
    if (axis == m_accAxis) return;
    m_accAxis = axis;
    QCPAxis* y = accuracyPlot()->yAxis;
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
    m_acc->setYTitles(accuracyTitles(axis == AccuracyAxis::ErrorLog));
    m_acc->setValueScale(axis == AccuracyAxis::ErrorLog, m_batchSize);
    m_acc->redrawAll();
    rescale();
    replotBoth();
}

void TrainingCharts::setOverlays(const QVector<Overlay>& overlays) {
    m_overlays = overlays;
    QVector<TrainingPlot::Series> loss, accuracy;
    for (const Overlay& o : overlays) {
        loss.push_back({o.name, o.colour, o.loss});
        accuracy.push_back({o.name, o.colour, o.accuracy});
    }
    m_loss->setOverlays(loss);
    m_acc->setOverlays(accuracy);
    replotBoth();
}

QVector<QCPGraph*> TrainingCharts::accuracyOverlayGraphs() const {
    return m_acc->overlayGraphs();
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
        for (TrainingPlot* c : {m_loss.get(), m_acc.get()}) c->plot()->xAxis->setRange(0, xMax);
        m_syncing = false;
    }

    // A rate label near the right edge goes on its line's left, so it is not cut off.
    const QCPRange xr = lossPlot()->xAxis->range();
    for (const RateMark& m : m_rateMarks) {
        const bool left = m.line->point1->key() > xr.lower + 0.7 * xr.size();
        m.label->setPositionAlignment((left ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignTop);
        const QString text = m.label->text().trimmed();
        m.label->setText(left ? text + QLatin1Char(' ') : QLatin1Char(' ') + text);
    }

    const double lossMax = maxOf(m_loss->validationValues(), maxOf(m_loss->trendValues(), 0.0));
    lossPlot()->yAxis->setRange(0, lossMax > 0 ? lossMax * 1.15 : 2.5);

    const std::vector<double>& trend = m_acc->trendValues();
    const std::vector<double>& val = m_acc->validationValues();
    const bool any = !trend.empty() || !val.empty();
    QCPAxis* y = accuracyPlot()->yAxis;
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
            double lo = minOf(val, 100.0);
            if (!trend.empty()) {
                std::vector<double> sorted = trend;
                const auto q = sorted.begin() + std::ptrdiff_t(sorted.size() / 10);
                std::nth_element(sorted.begin(), q, sorted.end());
                lo = std::min(lo, *q);
            }
            const double hi = maxOf(val, maxOf(trend, lo));
            const double pad = std::max(0.5, 0.08 * (hi - lo));
            y->setRange(std::max(0.0, lo - pad), std::min(100.5, hi + pad));
            break;
        }
        case AccuracyAxis::ErrorLog: {
            double lo = 100.0;
            for (double v : trend) lo = std::min(lo, m_acc->shown(v));
            for (double v : val) lo = std::min(lo, m_acc->shown(v));
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
    lossPlot()->replot(QCustomPlot::rpQueuedReplot);
    accuracyPlot()->replot(QCustomPlot::rpQueuedReplot);
}

void TrainingCharts::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    if (m_replotPending) replotBoth();
}

QImage TrainingCharts::renderImage() {
    return sideBySide(lossPlot()->toPixmap(lossPlot()->width(), lossPlot()->height()),
                      accuracyPlot()->toPixmap(accuracyPlot()->width(), accuracyPlot()->height()));
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

QString TrainingCharts::csvText() const {
    QString text = QStringLiteral(
        "kind,epoch,batch,batches_per_epoch,epoch_position,learning_rate,loss,accuracy,train_loss,"
        "train_accuracy,val_loss,val_accuracy,seconds,samples_per_second\n");
    auto num = [](double v) { return std::isfinite(v) ? QString::number(v, 'g', 10) : QString(); };
    // Batches and epochs in the order they happened: an epoch's row after its last batch.
    int b = 0;
    auto batchesUpTo = [&](int epoch) {
        for (; b < m_batchLog.size() && m_batchLog[b].epoch <= epoch; ++b) {
            const layerlab::BatchMetrics& m = m_batchLog[b];
            text += QStringLiteral("batch,%1,%2,%3,%4,%5,%6,%7,,,,,,%8\n")
                        .arg(m.epoch)
                        .arg(m.batch)
                        .arg(m.batchesPerEpoch)
                        .arg(num(m.epochPosition()), num(m.learningRate), num(m.loss), num(m.accuracy),
                             num(m.samplesPerSecond));
        }
    };
    for (const layerlab::EpochMetrics& e : m_epochLog) {
        batchesUpTo(e.epoch);
        text += QStringLiteral("epoch,%1,,,%2,%3,,,%4,%5,%6,%7,%8,%9\n")
                    .arg(e.epoch)
                    .arg(num(double(e.epoch)), num(e.learningRate), num(e.trainLoss), num(e.trainAccuracy),
                         num(e.valLoss), num(e.valAccuracy), num(e.seconds), num(e.samplesPerSecond));
    }
    batchesUpTo(std::numeric_limits<int>::max());  // an epoch stopped part way
    return text;
}

QString TrainingCharts::exportCsv(const QString& path) const {
    return QString::fromStdString(layerlab::writeFileAtomically(path.toStdString(), csvText().toStdString()));
}

void TrainingCharts::exportInteractive() {
    int type = 0;
    QString path = askSavePath(this, tr("Export charts"), QStringLiteral("training-charts.png"),
                               {{tr("PNG image of both charts (*.png)"), QStringLiteral("png")},
                                {tr("CSV table of the data (*.csv)"), QStringLiteral("csv")}},
                               &type);
    if (path.isEmpty()) return;
    QString why;
    if (type == 1)
        why = exportCsv(path);
    else
        exportPng(path, &why);
    if (!why.isEmpty()) setResultText(tr("Could not write %1: %2.").arg(QDir::toNativeSeparators(path), why));
}
