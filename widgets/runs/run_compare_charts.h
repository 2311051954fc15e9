#pragma once
// Loss and accuracy of several recorded runs on one pair of charts: one colour per run (the run's colour),
// validation as a solid line with markers and training (per epoch) dashed, a legend with the runs' names,
// the live run drawn on top with a thicker line. x in epochs, in training samples seen or in training
// seconds (the curves come from epochs.csv, core/run_record.h). Export as PNG (both charts) or CSV (one row
// per run and epoch).
#include <QString>
#include <QVector>
#include <QWidget>
#include <vector>

#include "core/run_record.h"

class QComboBox;
class QCustomPlot;
class QLabel;

class RunCompareCharts : public QWidget {
    Q_OBJECT
public:
    enum class XAxis { Epochs, Samples, Seconds };

    explicit RunCompareCharts(QWidget* parent = nullptr);

    // The runs to draw, in order (later ones on top). Their curves are read from their folders.
    void setRuns(const std::vector<layerlab::RunInfo>& runs);
    // The run being trained (its folder), drawn last and thicker when it is among the runs; reloads its
    // curves. Empty when none.
    void setLiveRun(const QString& folder);
    // Reads the live run's curves again (after one of its epochs ended).
    void refreshLive();

    XAxis xAxis() const { return m_xAxis; }
    void setXAxis(XAxis axis);

    QCustomPlot* lossPlot() const { return m_lossPlot; }
    QCustomPlot* accuracyPlot() const { return m_accPlot; }
    // Names in the loss legend, in drawing order.
    QStringList legendNames() const;
    // The drawn validation points of run `i` of setRuns (x as the axis says, accuracy in %).
    QVector<QPointF> validationAccuracy(int i) const;

    QImage renderImage();
    // Both return "" on success, else why not. Written through the one writer (core/atomic_file.h).
    QString exportPng(const QString& path);
    QString exportCsv(const QString& path) const;
    QString csvText() const;

public slots:
    void exportInteractive();

private:
    struct Drawn {
        layerlab::RunInfo info;
        layerlab::RunCurves curves;
    };
    void redraw();
    double xOf(const layerlab::RunEpoch& e) const;

    std::vector<Drawn> m_runs;
    QString m_live;
    XAxis m_xAxis = XAxis::Epochs;
    QCustomPlot* m_lossPlot = nullptr;
    QCustomPlot* m_accPlot = nullptr;
    QComboBox* m_xBox = nullptr;
    QLabel* m_empty = nullptr;
};
