#include "widgets/runs/run_compare_charts.h"

#include <qcustomplot.h>
#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPainter>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>
#include <cmath>

#include "core/atomic_file.h"
#include "widgets/common/image_file.h"
#include "widgets/common/save_file_dialog.h"

using layerlab::RunEpoch;
using layerlab::RunInfo;

RunCompareCharts::RunCompareCharts(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    auto* top = new QHBoxLayout;
    top->setContentsMargins(4, 0, 4, 0);
    m_empty = new QLabel(
        tr("Tick runs in the list to draw their curves here (solid: validation, dashed: training)."), this);
    m_empty->setWordWrap(true);
    m_xBox = new QComboBox(this);
    m_xBox->addItem(tr("x: epochs"), int(XAxis::Epochs));
    m_xBox->addItem(tr("x: samples seen"), int(XAxis::Samples));
    m_xBox->addItem(tr("x: seconds"), int(XAxis::Seconds));
    m_xBox->setToolTip(
        tr("What the x axis counts: epochs, training images seen (runs with other batch sizes or "
           "validation splits line up by work done) or training seconds (without pauses)."));
    auto* exportButton = new QPushButton(tr("Export…"), this);
    exportButton->setToolTip(
        tr("Save both charts as a PNG image, or their curves as CSV (by the file's suffix)."));
    top->addWidget(m_empty, 1);
    top->addStretch(0);
    top->addWidget(m_xBox);
    top->addWidget(exportButton);
    layout->addLayout(top);
    auto* split = new QSplitter(Qt::Horizontal, this);
    m_lossPlot = new QCustomPlot(split);
    m_accPlot = new QCustomPlot(split);
    split->setChildrenCollapsible(false);
    layout->addWidget(split, 1);
    for (QCustomPlot* p : {m_lossPlot, m_accPlot}) {
        p->setMinimumSize(160, 120);
        p->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
        QFont small = font();
        small.setPointSizeF(small.pointSizeF() * 0.85);
        p->legend->setVisible(true);
        p->legend->setFont(small);
        p->legend->setBrush(QColor(255, 255, 255, 200));
        p->legend->setRowSpacing(0);
        p->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
    }
    // Loss falls and accuracy rises: each legend goes where its curves are not.
    m_accPlot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignRight);
    m_lossPlot->yAxis->setLabel(tr("loss"));
    m_accPlot->yAxis->setLabel(tr("accuracy (%)"));
    connect(m_xBox, qOverload<int>(&QComboBox::currentIndexChanged), this,
            [this] { setXAxis(XAxis(m_xBox->currentData().toInt())); });
    connect(exportButton, &QPushButton::clicked, this, &RunCompareCharts::exportInteractive);
    redraw();
}

void RunCompareCharts::setRuns(const std::vector<RunInfo>& runs) {
    m_runs.clear();
    for (const RunInfo& r : runs) m_runs.push_back({r, layerlab::loadRunCurves(r.folder)});
    redraw();
}

void RunCompareCharts::setLiveRun(const QString& folder) {
    m_live = folder.isEmpty() ? QString() : QFileInfo(folder).absoluteFilePath();
    refreshLive();
}

void RunCompareCharts::refreshLive() {
    bool found = false;
    for (Drawn& d : m_runs)
        if (QString::fromStdString(d.info.folder) == m_live) {
            d.info = layerlab::RunStore::load(d.info.folder);
            d.curves = layerlab::loadRunCurves(d.info.folder);
            found = true;
        }
    if (found || !m_runs.empty()) redraw();
}

void RunCompareCharts::setXAxis(XAxis axis) {
    m_xAxis = axis;
    const int i = m_xBox->findData(int(axis));
    if (i != m_xBox->currentIndex()) m_xBox->setCurrentIndex(i);
    redraw();
}

double RunCompareCharts::xOf(const RunEpoch& e) const {
    switch (m_xAxis) {
        case XAxis::Samples:
            return double(e.samplesSeen);
        case XAxis::Seconds:
            return e.elapsed;
        case XAxis::Epochs:
            break;
    }
    return e.metrics.epoch;
}

void RunCompareCharts::redraw() {
    m_empty->setText(m_runs.empty() ? tr("Tick runs in the list to draw their curves here.")
                                    : tr("Solid: validation · dashed: training"));
    const QString xLabel = m_xAxis == XAxis::Epochs    ? tr("epoch")
                           : m_xAxis == XAxis::Samples ? tr("training samples seen")
                                                       : tr("training seconds");
    // The live run last, so it is drawn on top.
    std::vector<const Drawn*> order;
    for (const Drawn& d : m_runs)
        if (QString::fromStdString(d.info.folder) != m_live) order.push_back(&d);
    for (const Drawn& d : m_runs)
        if (QString::fromStdString(d.info.folder) == m_live) order.push_back(&d);
    for (QCustomPlot* p : {m_lossPlot, m_accPlot}) {
        p->clearGraphs();
        p->xAxis->setLabel(xLabel);
    }
    for (const Drawn* d : order) {
        const bool live = QString::fromStdString(d->info.folder) == m_live;
        QColor colour(QString::fromStdString(d->info.colour));
        if (!colour.isValid()) colour = Qt::darkGray;
        const QString name = QString::fromStdString(d->info.name) + (live ? tr(" (live)") : QString());
        for (int plot = 0; plot < 2; ++plot) {
            QCustomPlot* p = plot == 0 ? m_lossPlot : m_accPlot;
            QCPGraph* train = p->addGraph();
            QCPGraph* val = p->addGraph();
            QPen trainPen(colour, live ? 2.0 : 1.2, Qt::DashLine);
            train->setPen(trainPen);
            train->removeFromLegend();
            val->setPen(QPen(colour, live ? 3.0 : 1.8));
            val->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, colour, colour, live ? 6 : 4));
            val->setName(name);
            for (const RunEpoch& e : d->curves.epochs) {
                const double x = xOf(e);
                const double t = plot == 0 ? e.metrics.trainLoss : 100 * e.metrics.trainAccuracy;
                const double v = plot == 0 ? e.metrics.valLoss : 100 * e.metrics.valAccuracy;
                if (std::isfinite(t)) train->addData(x, t);
                if (std::isfinite(v)) val->addData(x, v);
            }
        }
    }
    for (QCustomPlot* p : {m_lossPlot, m_accPlot}) {
        p->legend->setVisible(!m_runs.empty());
        bool anyPoint = false;
        for (int g = 0; g < p->graphCount(); ++g) anyPoint = anyPoint || !p->graph(g)->data()->isEmpty();
        if (anyPoint) {
            p->rescaleAxes();
            if (m_xAxis == XAxis::Epochs && p->xAxis->range().upper < 1.5) p->xAxis->setRange(0.5, 1.5);
        } else {
            // Nothing ticked (or no epoch finished yet): the axes a run will fill, not QCustomPlot's 0 to 5.
            p->xAxis->setRange(m_xAxis == XAxis::Epochs ? QCPRange(0.5, 10.5) : QCPRange(0, 1));
            p->yAxis->setRange(p == m_accPlot ? QCPRange(0, 100) : QCPRange(0, 2.5));
        }
        p->replot(QCustomPlot::rpQueuedReplot);
    }
}

QStringList RunCompareCharts::legendNames() const {
    QStringList names;
    for (int i = 0; i < m_lossPlot->legend->itemCount(); ++i)
        if (auto* item = qobject_cast<QCPPlottableLegendItem*>(m_lossPlot->legend->item(i)))
            names << item->plottable()->name();
    return names;
}

QVector<QPointF> RunCompareCharts::validationAccuracy(int i) const {
    QVector<QPointF> out;
    if (i < 0 || i >= int(m_runs.size())) return out;
    for (const RunEpoch& e : m_runs[std::size_t(i)].curves.epochs)
        if (std::isfinite(e.metrics.valAccuracy)) out << QPointF(xOf(e), 100 * e.metrics.valAccuracy);
    return out;
}

QImage RunCompareCharts::renderImage() {
    const int w = std::max(400, m_lossPlot->width()), h = std::max(300, m_lossPlot->height());
    return sideBySide(m_lossPlot->toPixmap(w, h), m_accPlot->toPixmap(w, h));
}

QString RunCompareCharts::exportPng(const QString& path) {
    return writePngFile(renderImage(), path);
}

QString RunCompareCharts::csvText() const {
    QString text = QStringLiteral(
        "run,name,epoch,samples_seen,seconds,train_loss,train_accuracy,val_loss,val_accuracy,learning_"
        "rate\n");
    auto num = [](double v) { return std::isfinite(v) ? QString::number(v, 'g', 10) : QString(); };
    for (const Drawn& d : m_runs) {
        QString name = QString::fromStdString(d.info.name);
        name.replace(QLatin1Char('"'), QStringLiteral("\"\""));
        for (const RunEpoch& e : d.curves.epochs)
            text += QStringLiteral("%1,\"%2\",%3,%4,%5,%6,%7,%8,%9,%10\n")
                        .arg(QString::fromStdString(d.info.id), name)
                        .arg(e.metrics.epoch)
                        .arg(e.samplesSeen)
                        .arg(num(e.elapsed), num(e.metrics.trainLoss), num(e.metrics.trainAccuracy),
                             num(e.metrics.valLoss), num(e.metrics.valAccuracy), num(e.metrics.learningRate));
    }
    return text;
}

QString RunCompareCharts::exportCsv(const QString& path) const {
    return QString::fromStdString(layerlab::writeFileAtomically(path.toStdString(), csvText().toStdString()));
}

void RunCompareCharts::exportInteractive() {
    int type = 0;
    const QString target = askSavePath(
        this, tr("Export compare charts"), QStringLiteral("runs.png"),
        {{tr("PNG image (*.png)"), QStringLiteral("png")}, {tr("CSV table (*.csv)"), QStringLiteral("csv")}},
        &type);
    if (target.isEmpty()) return;
    const QString why = type == 1 ? exportCsv(target) : exportPng(target);
    if (!why.isEmpty())
        QMessageBox::warning(this, tr("Export compare charts"), tr("Cannot write %1: %2").arg(target, why));
}
