#pragma once
// One plot of the training charts (TrainingCharts shows two side by side: loss and accuracy): training
// batches (faint dots) and their trend line (TrendLine), validation per epoch (line with markers), the area
// between the trend and validation shaded (the train/validation gap), the best-epoch line named in the
// legend, recorded runs drawn under the live one; above the axis rect, so they never cover data or tick
// labels, a legend row (wrapped when the plot is narrow) and a readout row: the last epoch's train and
// validation values, their gap and, once the run ends, the test value. It keeps the values as given and draws
// them through its value scale (linear, or the error rate on a log axis for accuracy). The axes' ranges and
// the replot are the owner's.
#include <QColor>
#include <QPointF>
#include <QString>
#include <QStringList>
#include <QVector>
#include <vector>

#include "widgets/training/trend_line.h"

class QCustomPlot;
class QCPGraph;
class QCPItemStraightLine;
class QCPTextElement;

class TrainingPlot {
public:
    // Graph indices inside the plot. TrainSmoothed is the trend line.
    enum GraphIndex { TrainRaw = 0, TrainSmoothed = 1, Validation = 2 };
    enum class Kind {
        Loss,     // loss >= 0; the readout's gap is validation - train
        Accuracy  // accuracy in %, 0..100; the readout's gap is train - validation, in points
    };

    // Sets up `plot` (owned by the caller's widget): its graphs, legend row and readout row.
    TrainingPlot(QCustomPlot* plot, Kind kind, const QString& yTitle, const QColor& colour);
    TrainingPlot(const TrainingPlot&) = delete;
    TrainingPlot& operator=(const TrainingPlot&) = delete;

    QCustomPlot* plot() const { return m_plot; }

    // Removes every value, the best-epoch line and the test text.
    void clear();
    // Before the first batch: the trend's window for this epoch size (TrendLine::halfWidthFor).
    void startTrend(int batchesPerEpoch);
    bool hasBatches() const { return m_trend.size() > 0; }
    // A batch's value at x (in epochs); a value that is not finite is left out.
    void addBatch(double x, double y);
    // After a burst of addBatch: redraws the trend from the first point that changed, and the readout.
    void finishBatches();
    void addValidation(int epoch, double y);
    // The dashed line at `epoch`, named in the legend ("best epoch 3").
    void markBest(int epoch);
    // "test 98.93 %" once the run ends (empty: none), at the end of the readout.
    void setTestText(const QString& text);

    // The value scale. errorLog: accuracy drawn as the error rate (100 - accuracy) for a log axis, a batch
    // without an error at half of one error per batch of `batchSize`. Takes effect on what is added next;
    // redrawAll() redraws what is there.
    void setValueScale(bool errorLog, int batchSize);
    double shown(double v) const;  // a value as the plot draws it
    void redrawAll();

    // Recorded runs drawn under the live one, each a thin line in its colour named in the legend.
    struct Series {
        QString name;
        QColor colour;
        QVector<QPointF> points;
    };
    void setOverlays(const QVector<Series>& overlays);
    QVector<QCPGraph*> overlayGraphs() const { return m_overlayGraphs; }

    // The y-axis titles, longest first: afterLayout() shows the longest that fits along the axis rect.
    void setYTitles(const QStringList& longestFirst);
    // Once the layout is known: the y title that fits and about one y tick per 28 px.
    void afterLayout();
    // After a resize or a legend change: the legend wrapped to the width, the readout fitted to it.
    void fitLegend();
    void updateReadout();
    QString readout() const;  // empty when there is none

    const std::vector<double>& trendValues() const { return m_trend.values(); }
    const std::vector<double>& validationValues() const { return m_valY; }

private:
    void drawOverlays();

    QCustomPlot* m_plot;
    Kind m_kind;
    QCPGraph* m_raw = nullptr;
    QCPGraph* m_smooth = nullptr;
    QCPGraph* m_val = nullptr;
    QCPGraph* m_bestKey = nullptr;  // no data: the legend entry of the best-epoch line
    QCPItemStraightLine* m_best = nullptr;
    QCPTextElement* m_readout = nullptr;  // a row above the axis rect, in the layout only when it has text
    TrendLine m_trend;
    std::vector<double> m_x, m_y;  // the finite per-batch values, as given
    std::vector<double> m_valX, m_valY;
    QString m_test;
    QStringList m_yTitles;
    bool m_errorLog = false;
    int m_batchSize = 1;
    QVector<Series> m_overlays;
    QVector<QCPGraph*> m_overlayGraphs;
};
