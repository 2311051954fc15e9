#pragma once
// A sweep's results (core/sweep.h): a sortable table of its trials (each varied setting, the highest
// validation accuracy, the test accuracy, the time, the status, the run) and a chart of the sweep's metric
// against each varied setting, one scatter per setting side by side (a log axis where the setting is
// log-scaled, isLogScaled; named values such as an optimizer as categories). Clicking a row or a point
// selects that trial in both and emits trialSelected with its run folder; the best trial is drawn as a
// star. Trials that have not run yet are listed without results and not drawn. Export: the chart as PNG,
// the table as CSV.
#include <QString>
#include <QWidget>
#include <vector>

#include "core/sweep.h"

class QCustomPlot;
class QCPAxisRect;
class QCPCurve;
class QLabel;
class QTableWidget;

class SweepResults : public QWidget {
    Q_OBJECT
public:
    explicit SweepResults(QWidget* parent = nullptr);

    // The sweep to show; its trials' run folders are in `runsDir`. The selection is kept when the same
    // sweep is shown again (after a trial ended).
    void setSweep(const layerlab::SweepState& state, const QString& runsDir);
    void clear();
    const layerlab::SweepState& sweep() const { return m_state; }

    QTableWidget* table() const { return m_table; }
    QCustomPlot* plot() const { return m_plot; }
    // The varied settings on the chart (one scatter each), in order, and whether each has a log x axis.
    const std::vector<layerlab::SweepAxis>& axes() const { return m_axes; }
    bool isLogAxis(int axis) const;
    // Where trial `trial` is drawn on scatter `axis`, in plot() pixels; (-1, -1) when it is not drawn.
    QPointF pointPosition(int axis, int trial) const;
    // The x of trial `trial` on scatter `axis` (the value, or the category's index).
    double pointX(int axis, int trial) const;
    // The trial drawn nearest to `pos` (plot() pixels) within a few pixels, else -1.
    int trialAt(const QPointF& pos) const;

    int selectedTrial() const { return m_selected; }
    // The run folder of a trial ("" when it has none yet).
    QString runFolder(int trial) const;
    // Selects `trial` (-1: none) in the table and on the chart; emits trialSelected when `notify`.
    void selectTrial(int trial, bool notify = true);

    QString csvText() const;
    QString exportCsv(const QString& path) const;  // "" or why not
    QString exportPng(const QString& path);        // "" or why not

public slots:
    void exportInteractive();

signals:
    void trialSelected(int trial, const QString& runFolder);

private:
    void rebuildTable();
    void rebuildChart();
    double metricOf(int trial) const;  // the sweep's metric, NaN when not known
    int bestTrial() const;
    bool isCategorical(int axis) const;

    layerlab::SweepState m_state;
    QString m_runsDir;
    std::vector<layerlab::SweepAxis> m_axes;
    std::vector<bool> m_categorical;
    std::vector<std::vector<std::string>> m_categories;  // per axis: the names, in order of the plan
    int m_selected = -1;
    bool m_updatingTable = false;

    QLabel* m_title = nullptr;
    QTableWidget* m_table = nullptr;
    QCustomPlot* m_plot = nullptr;
    std::vector<QCPAxisRect*> m_rects;
    std::vector<QCPCurve*> m_points, m_highlight;
};
