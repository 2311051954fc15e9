#include "widgets/runs/run_compare_table.h"

#include <QFileDialog>
#include <QHeaderView>
#include <QMessageBox>
#include <cmath>

#include "core/atomic_file.h"
#include "widgets/runs/run_list_model.h"

using layerlab::RunInfo;

namespace {
QString percent(double v) {
    return std::isfinite(v) ? QStringLiteral("%1 %").arg(100 * v, 0, 'f', 2) : QStringLiteral("–");
}
QString csvCell(QString s) {
    if (s.contains(QLatin1Char(',')) || s.contains(QLatin1Char('"')) || s.contains(QLatin1Char('\n')))
        s = QLatin1Char('"') + s.replace(QLatin1Char('"'), QStringLiteral("\"\"")) + QLatin1Char('"');
    return s;
}
}  // namespace

RunCompareTable::RunCompareTable(QWidget* parent) : QTableWidget(parent) {
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    horizontalHeader()->setDefaultSectionSize(120);
    setToolTip(tr("The settings that differ between the ticked runs, and how each run ended."));
    setRuns({});
}

void RunCompareTable::setRuns(const std::vector<RunInfo>& all) {
    std::vector<RunInfo> runs;
    for (const RunInfo& r : all)
        if (r.readable) runs.push_back(r);
    m_keys = layerlab::differingSettings(runs);
    clear();
    const QStringList results = {tr("Status"),     tr("Max val accuracy"), tr("Test accuracy"),
                                 tr("Best epoch"), tr("Epochs"),           tr("Time (s)")};
    setColumnCount(int(runs.size()));
    setRowCount(int(m_keys.size()) + results.size());
    QStringList rowNames;
    for (const std::string& k : m_keys) rowNames << QString::fromStdString(layerlab::settingLabel(k));
    rowNames << results;
    setVerticalHeaderLabels(rowNames);
    for (int r = 0; r < int(m_keys.size()); ++r)
        verticalHeaderItem(r)->setToolTip(QString::fromStdString(m_keys[std::size_t(r)]));
    verticalHeaderItem(int(m_keys.size()) + 1)
        ->setToolTip(tr("The highest validation accuracy of any epoch (not necessarily the best epoch's)."));
    verticalHeaderItem(int(m_keys.size()) + 3)
        ->setToolTip(tr("The epoch best.llckpt holds, chosen by the run's monitor, and the monitored value "
                        "then."));
    for (int c = 0; c < int(runs.size()); ++c) {
        const RunInfo& run = runs[std::size_t(c)];
        auto* head = new QTableWidgetItem(QString::fromStdString(run.name));
        head->setForeground(QColor(QString::fromStdString(run.colour)));
        head->setToolTip(QString::fromStdString(run.folder));
        setHorizontalHeaderItem(c, head);
        for (int r = 0; r < int(m_keys.size()); ++r) {
            const std::string v = run.setting(m_keys[std::size_t(r)]);
            setItem(r, c, new QTableWidgetItem(v.empty() ? tr("(none)") : QString::fromStdString(v)));
        }
        const int base = int(m_keys.size());
        setItem(base, c, new QTableWidgetItem(QString::fromLatin1(layerlab::runStatusKey(run.status))));
        setItem(base + 1, c, new QTableWidgetItem(percent(run.bestValAccuracy)));
        setItem(base + 2, c, new QTableWidgetItem(percent(run.testAccuracy)));
        auto* best = new QTableWidgetItem(RunListModel::bestEpochText(run));
        best->setToolTip(RunListModel::bestEpochTip(run));
        setItem(base + 3, c, best);
        setItem(base + 4, c, new QTableWidgetItem(QString::number(run.epochsDone)));
        setItem(base + 5, c, new QTableWidgetItem(QString::number(run.seconds, 'f', 1)));
    }
    if (runs.size() == 1 || (runs.size() > 1 && m_keys.empty()))
        setToolTip(runs.size() == 1 ? tr("Tick a second run to see what differs.")
                                    : tr("The ticked runs have the same settings."));
}

QString RunCompareTable::csvText() const {
    QString text = QStringLiteral("setting");
    for (int c = 0; c < columnCount(); ++c)
        text += QLatin1Char(',') + csvCell(horizontalHeaderItem(c)->text());
    text += QLatin1Char('\n');
    for (int r = 0; r < rowCount(); ++r) {
        const QString key = r < int(m_keys.size()) ? QString::fromStdString(m_keys[std::size_t(r)])
                                                   : verticalHeaderItem(r)->text();
        text += csvCell(key);
        for (int c = 0; c < columnCount(); ++c)
            text += QLatin1Char(',') + csvCell(item(r, c) ? item(r, c)->text() : QString());
        text += QLatin1Char('\n');
    }
    return text;
}

QString RunCompareTable::exportCsv(const QString& path) const {
    return QString::fromStdString(layerlab::writeFileAtomically(path.toStdString(), csvText().toStdString()));
}

void RunCompareTable::exportInteractive() {
    QString path = QFileDialog::getSaveFileName(this, tr("Export compare table"),
                                                QStringLiteral("compare.csv"), tr("CSV table (*.csv)"));
    if (path.isEmpty()) return;
    if (QFileInfo(path).suffix().isEmpty()) path += QStringLiteral(".csv");
    if (const QString why = exportCsv(path); !why.isEmpty())
        QMessageBox::warning(this, tr("Export compare table"), tr("Cannot write %1: %2").arg(path, why));
}
