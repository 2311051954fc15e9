#include "widgets/runs/sweep_results.h"

#include <qcustomplot.h>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <limits>

#include "core/atomic_file.h"
#include "core/run_record.h"
#include "widgets/common/image_file.h"

using namespace layerlab;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr int kTrialRole = Qt::UserRole + 1;
constexpr int kSortRole = Qt::UserRole + 2;
constexpr double kPickPixels = 8;

bool toNumber(const std::string& s, double* out) {
    if (s.empty()) return false;
    char* end = nullptr;
    *out = std::strtod(s.c_str(), &end);
    return *end == '\0' && std::isfinite(*out);
}

QString percent(double v) {
    return std::isfinite(v) ? QStringLiteral("%1 %").arg(100 * v, 0, 'f', 2) : QStringLiteral("–");
}

QString csvCell(QString s) {
    if (s.contains(QLatin1Char(',')) || s.contains(QLatin1Char('"')) || s.contains(QLatin1Char('\n')))
        s = QLatin1Char('"') + s.replace(QLatin1Char('"'), QStringLiteral("\"\"")) + QLatin1Char('"');
    return s;
}

// Sorts by kSortRole when both cells have one (numbers as numbers), else by text.
class SortItem : public QTableWidgetItem {
public:
    using QTableWidgetItem::QTableWidgetItem;
    bool operator<(const QTableWidgetItem& other) const override {
        const QVariant a = data(kSortRole), b = other.data(kSortRole);
        if (a.isValid() && b.isValid()) return a.toDouble() < b.toDouble();
        return QTableWidgetItem::operator<(other);
    }
};

QTableWidgetItem* textItem(const QString& text) {
    return new SortItem(text);
}

QTableWidgetItem* numberItem(const QString& text, double sortValue) {
    auto* item = new SortItem(text);
    item->setData(kSortRole, std::isfinite(sortValue) ? sortValue : -1e300);
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

const std::string* settingOf(const SweepTrialState& t, const std::string& key) {
    for (const RunSetting& s : t.trial.settings)
        if (s.first == key) return &s.second;
    return nullptr;
}

}  // namespace

SweepResults::SweepResults(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    auto* top = new QHBoxLayout;
    top->setContentsMargins(4, 0, 4, 0);
    m_title = new QLabel(this);
    m_title->setWordWrap(true);
    auto* exportButton = new QPushButton(tr("Export…"), this);
    exportButton->setToolTip(
        tr("Save the chart as a PNG image, or the table as CSV (by the file's suffix)."));
    connect(exportButton, &QPushButton::clicked, this, &SweepResults::exportInteractive);
    top->addWidget(m_title, 1);
    top->addWidget(exportButton);
    layout->addLayout(top);

    auto* split = new QSplitter(Qt::Horizontal, this);
    m_table = new QTableWidget(split);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->setVisible(false);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->setWordWrap(false);
    m_table->setAlternatingRowColors(true);
    m_table->setSortingEnabled(true);
    m_table->setToolTip(tr("The sweep's trials; click a header to sort, a row to select the trial's run."));
    m_plot = new QCustomPlot(split);
    m_plot->setMinimumSize(200, 110);
    m_plot->setToolTip(
        tr("The sweep's metric against each varied setting; click a point to select its run."));
    split->addWidget(m_table);
    split->addWidget(m_plot);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    split->setSizes({400, 600});
    split->setChildrenCollapsible(false);
    layout->addWidget(split, 1);

    connect(m_table, &QTableWidget::itemSelectionChanged, this, [this] {
        if (m_updatingTable) return;
        const QList<QTableWidgetItem*> items = m_table->selectedItems();
        if (items.isEmpty()) return;
        const QTableWidgetItem* first = m_table->item(items.front()->row(), 0);
        if (first) selectTrial(first->data(kTrialRole).toInt());
    });
    connect(m_plot, &QCustomPlot::mousePress, this, [this](QMouseEvent* e) {
        const int trial = trialAt(e->position());
        if (trial >= 0) selectTrial(trial);
    });
    clear();
}

void SweepResults::clear() {
    setSweep(SweepState(), QString());
}

void SweepResults::setSweep(const SweepState& state, const QString& runsDir) {
    if (state.id != m_state.id) m_selected = -1;
    m_state = state;
    m_runsDir = runsDir;
    // The axes of the plan, or (a state written before the plan was kept) the settings of the trials.
    m_axes = state.axes;
    if (m_axes.empty() && !state.trials.empty())
        for (const RunSetting& s : state.trials.front().trial.settings) {
            SweepAxis a;
            a.key = s.first;
            for (const SweepTrialState& t : state.trials)
                if (const std::string* v = settingOf(t, s.first);
                    v && std::find(a.values.begin(), a.values.end(), *v) == a.values.end())
                    a.values.push_back(*v);
            m_axes.push_back(a);
        }
    m_categorical.assign(m_axes.size(), false);
    m_categories.assign(m_axes.size(), {});
    for (std::size_t i = 0; i < m_axes.size(); ++i) {
        const SweepAxis& a = m_axes[i];
        if (a.kind != SweepAxis::Kind::List) continue;
        double x;
        for (const std::string& v : a.values) m_categorical[i] = m_categorical[i] || !toNumber(v, &x);
        if (m_categorical[i]) m_categories[i] = a.values;
    }
    if (m_selected >= int(m_state.trials.size())) m_selected = -1;

    const int done = sweepTrialsDone(m_state);
    if (m_state.id.empty()) {
        m_title->setText(tr("No sweep to show: run one with Train > Sweep… (or layerlab-cli sweep)."));
    } else {
        QString text = tr("%1: %2 of %3 trials done, ranked by %4")
                           .arg(QString::fromStdString(m_state.id))
                           .arg(done)
                           .arg(m_state.trials.size())
                           .arg(m_state.metric == "test_accuracy" ? tr("test accuracy")
                                                                  : tr("the highest validation accuracy"));
        if (const int best = bestTrial(); best >= 0)
            text += tr(" · best: trial %1 (%2)").arg(best + 1).arg(percent(metricOf(best)));
        m_title->setText(text);
    }
    rebuildTable();
    rebuildChart();
    selectTrial(m_selected, false);
}

double SweepResults::metricOf(int trial) const {
    if (trial < 0 || trial >= int(m_state.trials.size())) return kNaN;
    const SweepTrialState& t = m_state.trials[std::size_t(trial)];
    if (t.run.empty()) return kNaN;
    return m_state.metric == "test_accuracy" ? t.testAccuracy : t.valAccuracy;
}

int SweepResults::bestTrial() const {
    int best = -1;
    for (int k = 0; k < int(m_state.trials.size()); ++k) {
        const double v = metricOf(k);
        if (std::isfinite(v) && (best < 0 || v > metricOf(best))) best = k;
    }
    return best;
}

bool SweepResults::isCategorical(int axis) const {
    return axis >= 0 && axis < int(m_categorical.size()) && m_categorical[std::size_t(axis)];
}

bool SweepResults::isLogAxis(int axis) const {
    return axis >= 0 && axis < int(m_axes.size()) && !isCategorical(axis) &&
           isLogScaled(m_axes[std::size_t(axis)]);
}

QString SweepResults::runFolder(int trial) const {
    if (trial < 0 || trial >= int(m_state.trials.size())) return {};
    const std::string& run = m_state.trials[std::size_t(trial)].run;
    return run.empty() ? QString() : m_runsDir + QLatin1Char('/') + QString::fromStdString(run);
}

void SweepResults::rebuildTable() {
    m_updatingTable = true;
    m_table->setSortingEnabled(false);
    m_table->clear();
    QStringList headers{QStringLiteral("#")};
    for (const SweepAxis& a : m_axes) headers << QString::fromStdString(settingLabel(a.key));
    headers << tr("Max val acc") << tr("Test acc") << tr("Time (s)") << tr("Status") << tr("Run");
    m_table->setColumnCount(int(headers.size()));
    m_table->setHorizontalHeaderLabels(headers);
    for (int i = 0; i < int(m_axes.size()); ++i)
        m_table->horizontalHeaderItem(i + 1)->setToolTip(QString::fromStdString(m_axes[std::size_t(i)].key));
    const int metricColumn = int(m_axes.size()) + (m_state.metric == "test_accuracy" ? 2 : 1);
    m_table->horizontalHeaderItem(int(m_axes.size()) + 1)
        ->setToolTip(tr("The highest validation accuracy of any epoch of the trial's run."));
    QFont bold = m_table->horizontalHeader()->font();
    bold.setBold(true);
    m_table->horizontalHeaderItem(metricColumn)->setFont(bold);
    m_table->setRowCount(int(m_state.trials.size()));
    for (int k = 0; k < int(m_state.trials.size()); ++k) {
        const SweepTrialState& t = m_state.trials[std::size_t(k)];
        QTableWidgetItem* number = numberItem(QString::number(k + 1), k + 1);
        number->setData(kTrialRole, k);
        m_table->setItem(k, 0, number);
        for (int i = 0; i < int(m_axes.size()); ++i) {
            const std::string* v = settingOf(t, m_axes[std::size_t(i)].key);
            const QString text = v ? QString::fromStdString(*v) : QString();
            double x;
            m_table->setItem(k, i + 1, v && toNumber(*v, &x) ? numberItem(text, x) : textItem(text));
        }
        const bool ran = !t.run.empty();
        const int c = int(m_axes.size()) + 1;
        m_table->setItem(k, c,
                         numberItem(ran ? percent(t.valAccuracy) : QString(), ran ? t.valAccuracy : kNaN));
        m_table->setItem(k, c + 1,
                         numberItem(ran ? percent(t.testAccuracy) : QString(), ran ? t.testAccuracy : kNaN));
        m_table->setItem(
            k, c + 2,
            numberItem(ran && std::isfinite(t.seconds) ? QString::number(t.seconds, 'f', 1) : QString(),
                       ran ? t.seconds : kNaN));
        QString status = ran ? QString::fromStdString(t.status) : tr("not run yet");
        if (ran && !t.done) status += tr(" (runs again on resume)");
        m_table->setItem(k, c + 3, textItem(status));
        m_table->setItem(k, c + 4, textItem(QString::fromStdString(t.run)));
    }
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(metricColumn, Qt::DescendingOrder);
    m_table->resizeColumnsToContents();
    m_updatingTable = false;
}

double SweepResults::pointX(int axis, int trial) const {
    if (axis < 0 || axis >= int(m_axes.size()) || trial < 0 || trial >= int(m_state.trials.size()))
        return kNaN;
    const std::string* v = settingOf(m_state.trials[std::size_t(trial)], m_axes[std::size_t(axis)].key);
    if (!v) return kNaN;
    if (isCategorical(axis)) {
        const auto& names = m_categories[std::size_t(axis)];
        const auto it = std::find(names.begin(), names.end(), *v);
        return it == names.end() ? kNaN : double(it - names.begin());
    }
    double x;
    return toNumber(*v, &x) ? x : kNaN;
}

void SweepResults::rebuildChart() {
    m_plot->clearPlottables();
    m_plot->plotLayout()->clear();
    m_rects.clear();
    m_points.clear();
    m_highlight.clear();
    // The y range, shared by every scatter: the metric of the trials that ran, in %.
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (int k = 0; k < int(m_state.trials.size()); ++k)
        if (const double v = metricOf(k); std::isfinite(v)) {
            lo = std::min(lo, 100 * v);
            hi = std::max(hi, 100 * v);
        }
    if (!std::isfinite(lo)) lo = 0, hi = 100;
    const double pad = std::max(0.5, 0.08 * (hi - lo));
    const QString yLabel =
        m_state.metric == "test_accuracy" ? tr("test accuracy (%)") : tr("max val accuracy (%)");
    const int best = bestTrial();
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    for (int i = 0; i < int(m_axes.size()); ++i) {
        auto* rect = new QCPAxisRect(m_plot);
        m_plot->plotLayout()->addElement(0, i, rect);
        m_rects.push_back(rect);
        QCPAxis* x = rect->axis(QCPAxis::atBottom);
        QCPAxis* y = rect->axis(QCPAxis::atLeft);
        for (QCPAxis* a : {x, y}) {
            a->setTickLabelFont(small);
            a->setLabelFont(small);
            a->grid()->setZeroLinePen(Qt::NoPen);
        }
        x->setLabel(QString::fromStdString(settingLabel(m_axes[std::size_t(i)].key)) +
                    (isLogAxis(i) ? tr(" (log)") : QString()));
        y->setLabel(i == 0 ? yLabel : QString());
        y->setRange(std::max(0.0, lo - pad), std::min(100.0, hi + pad));

        auto* points = new QCPCurve(x, y);
        points->setLineStyle(QCPCurve::lsNone);
        points->setScatterStyle(
            QCPScatterStyle(QCPScatterStyle::ssCircle, QColor(31, 119, 180), QColor(31, 119, 180, 90), 7));
        auto* star = new QCPCurve(x, y);
        star->setLineStyle(QCPCurve::lsNone);
        star->setScatterStyle(
            QCPScatterStyle(QCPScatterStyle::ssStar, QPen(QColor(200, 140, 0), 2), Qt::NoBrush, 12));
        // The selected trial's ring, on top.
        auto* highlight = new QCPCurve(x, y);
        highlight->setLineStyle(QCPCurve::lsNone);
        highlight->setScatterStyle(
            QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(QColor(214, 39, 40), 2), Qt::NoBrush, 15));
        double xlo = std::numeric_limits<double>::infinity(), xhi = -xlo;
        for (int k = 0; k < int(m_state.trials.size()); ++k) {
            const double px = pointX(i, k), v = metricOf(k);
            if (std::isfinite(px)) xlo = std::min(xlo, px), xhi = std::max(xhi, px);
            if (!std::isfinite(px) || !std::isfinite(v)) continue;
            points->addData(k, px, 100 * v);
            if (k == best) star->addData(k, px, 100 * v);
        }
        if (m_axes[std::size_t(i)].kind != SweepAxis::Kind::List) {
            xlo = std::min(xlo, m_axes[std::size_t(i)].lo);
            xhi = std::max(xhi, m_axes[std::size_t(i)].hi);
        }
        if (isCategorical(i)) {
            auto ticker = QSharedPointer<QCPAxisTickerText>::create();
            const auto& names = m_categories[std::size_t(i)];
            for (int c = 0; c < int(names.size()); ++c)
                ticker->addTick(c, QString::fromStdString(names[std::size_t(c)]));
            x->setTicker(ticker);
            x->setRange(-0.5, std::max(0.5, double(names.size()) - 0.5));
        } else if (isLogAxis(i) && std::isfinite(xlo) && xlo > 0) {
            x->setScaleType(QCPAxis::stLogarithmic);
            x->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
            x->setRange(xlo / 1.6, xhi * 1.6);
        } else if (std::isfinite(xlo)) {
            const double span = xhi > xlo ? xhi - xlo : std::max(1.0, std::abs(xlo));
            x->setRange(xlo - 0.1 * span, xhi + 0.1 * span);
        }
        m_points.push_back(points);
        m_highlight.push_back(highlight);
    }
    if (m_axes.empty()) {
        // An empty axis rect keeps the layout valid (QCustomPlot needs one to draw).
        m_plot->plotLayout()->addElement(0, 0, new QCPAxisRect(m_plot));
    }
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

QPointF SweepResults::pointPosition(int axis, int trial) const {
    if (axis < 0 || axis >= int(m_rects.size())) return {-1, -1};
    const double x = pointX(axis, trial), v = metricOf(trial);
    if (!std::isfinite(x) || !std::isfinite(v)) return {-1, -1};
    QCPAxisRect* rect = m_rects[std::size_t(axis)];
    return {rect->axis(QCPAxis::atBottom)->coordToPixel(x),
            rect->axis(QCPAxis::atLeft)->coordToPixel(100 * v)};
}

int SweepResults::trialAt(const QPointF& pos) const {
    int found = -1;
    double nearest = kPickPixels;
    for (int i = 0; i < int(m_rects.size()); ++i) {
        if (!m_rects[std::size_t(i)]->rect().contains(pos.toPoint())) continue;
        for (int k = 0; k < int(m_state.trials.size()); ++k) {
            const QPointF p = pointPosition(i, k);
            if (p.x() < 0) continue;
            const double d = std::hypot(p.x() - pos.x(), p.y() - pos.y());
            if (d <= nearest) {
                nearest = d;
                found = k;
            }
        }
    }
    return found;
}

void SweepResults::selectTrial(int trial, bool notify) {
    if (trial >= int(m_state.trials.size())) trial = -1;
    m_selected = trial;
    for (std::size_t i = 0; i < m_highlight.size(); ++i) {
        m_highlight[i]->data()->clear();
        const double x = pointX(int(i), trial), v = metricOf(trial);
        if (std::isfinite(x) && std::isfinite(v)) m_highlight[i]->addData(trial, x, 100 * v);
    }
    m_plot->replot(QCustomPlot::rpQueuedReplot);
    m_updatingTable = true;
    m_table->clearSelection();
    for (int r = 0; r < m_table->rowCount(); ++r)
        if (m_table->item(r, 0) && m_table->item(r, 0)->data(kTrialRole).toInt() == trial) {
            m_table->selectRow(r);
            m_table->scrollToItem(m_table->item(r, 0));
        }
    m_updatingTable = false;
    if (notify && trial >= 0) emit trialSelected(trial, runFolder(trial));
}

QString SweepResults::csvText() const {
    QString text = QStringLiteral("trial");
    for (const SweepAxis& a : m_axes) text += QLatin1Char(',') + csvCell(QString::fromStdString(a.key));
    text += QStringLiteral(",val_accuracy,test_accuracy,seconds,status,done,run\n");
    auto num = [](double v) { return std::isfinite(v) ? QString::number(v, 'g', 10) : QString(); };
    for (int k = 0; k < int(m_state.trials.size()); ++k) {
        const SweepTrialState& t = m_state.trials[std::size_t(k)];
        text += QString::number(k + 1);
        for (const SweepAxis& a : m_axes) {
            const std::string* v = settingOf(t, a.key);
            text += QLatin1Char(',') + csvCell(v ? QString::fromStdString(*v) : QString());
        }
        const bool ran = !t.run.empty();
        text += QStringLiteral(",%1,%2,%3,%4,%5,%6\n")
                    .arg(ran ? num(t.valAccuracy) : QString(), ran ? num(t.testAccuracy) : QString(),
                         ran ? num(t.seconds) : QString(), csvCell(QString::fromStdString(t.status)),
                         t.done ? QStringLiteral("1") : QStringLiteral("0"), csvCell(runFolder(k)));
    }
    return text;
}

QString SweepResults::exportCsv(const QString& path) const {
    return QString::fromStdString(writeFileAtomically(path.toStdString(), csvText().toStdString()));
}

QString SweepResults::exportPng(const QString& path) {
    const int w = std::max(600, m_plot->width()), h = std::max(300, m_plot->height());
    return writePngFile(m_plot->toPixmap(w, h).toImage(), path);
}

void SweepResults::exportInteractive() {
    QString selected;
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export sweep results"), QStringLiteral("sweep.png"),
                                     tr("PNG image (*.png);;CSV table (*.csv)"), &selected);
    if (path.isEmpty()) return;
    const bool csv =
        path.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive) || selected.contains(QLatin1String("csv"));
    QString target = path;
    if (QFileInfo(path).suffix().isEmpty()) target += csv ? QStringLiteral(".csv") : QStringLiteral(".png");
    const QString why = csv ? exportCsv(target) : exportPng(target);
    if (!why.isEmpty())
        QMessageBox::warning(this, tr("Export sweep results"), tr("Cannot write %1: %2").arg(target, why));
}
