#pragma once
// Live loss and accuracy charts of a run. x is in epochs on both plots (shared range: zooming or panning one
// moves the other). Per plot: training batches (raw points faint, an exponential moving average over them),
// validation per epoch (line with markers), the best epoch when early stopping is on, learning-rate changes,
// and the test value once the run ends. Data arrives in bursts from TrainingController (one burst per drain
// tick) and each burst triggers one queued replot.
#include <QStringList>
#include <QVector>
#include <QWidget>
#include <vector>

#include "core/model_spec.h"
#include "core/trainer.h"
#include "widgets/session/training_metatypes.h"

class QCustomPlot;
class QCPGraph;
class QCPItemStraightLine;
class QCPItemText;
class QLabel;
class QPushButton;

class TrainingCharts : public QWidget {
    Q_OBJECT
public:
    explicit TrainingCharts(QWidget* parent = nullptr);

    // Clears both plots for a new run of `training` (loss name on the axis, epochs on x, early stopping
    // marker).
    void reset(const layerlab::TrainingSpec& training);

    QCustomPlot* lossPlot() const { return m_loss.plot; }
    QCustomPlot* accuracyPlot() const { return m_acc.plot; }
    // Graph indices inside each plot.
    enum GraphIndex { TrainRaw = 0, TrainSmoothed = 1, Validation = 2 };
    // Both plots side by side in one image.
    QImage renderImage();
    bool exportPng(const QString& path, QString* error = nullptr);  // error: why not, when it fails
    QString resultText() const;
    // Labels of the learning-rate changes marked on the loss plot ("lr 0.0002"), in order.
    QStringList rateMarks() const;

public slots:
    void addBatches(const QVector<layerlab::BatchMetrics>& batches);
    void addEpoch(const layerlab::EpochMetrics& epoch);
    void showResult(const layerlab::TrainResult& result);
    // Back to following the data (undoes mouse zoom and pan).
    void fitToData();
    void exportPngInteractive();

protected:
    void showEvent(QShowEvent* event) override;

private:
    struct Chart {
        QCustomPlot* plot = nullptr;
        QCPGraph* raw = nullptr;
        QCPGraph* smooth = nullptr;
        QCPGraph* val = nullptr;
        QCPItemStraightLine* best = nullptr;
        QCPItemText* bestLabel = nullptr;
        QCPItemText* testLabel = nullptr;
        double ema = 0;
        double emaWeight = 0;  // for the bias correction of the first points
        double yMax = 0, yMin = 0;
    };
    void setUpChart(Chart& c, const QString& yLabel, const QColor& color);
    void addPoint(Chart& c, double x, double y, double decay);
    void markBest(int epoch);
    void markRateChange(double x, double rate);
    void rescale();
    void replotBoth();

    Chart m_loss, m_acc;
    QLabel* m_resultLabel = nullptr;
    QPushButton* m_fitButton = nullptr;
    QPushButton* m_exportButton = nullptr;
    bool m_follow = true;
    bool m_replotPending = false;
    bool m_finished = false;
    bool m_syncing = false;
    bool m_earlyStopping = false;
    int m_epochs = 1;
    double m_xMax = 0;
    // Step and plateau schedules change the rate now and then: each change gets a dotted line and a label
    // on the loss plot (a cosine schedule changes it every batch, so it gets none).
    bool m_markRates = false;
    double m_lastRate = 0;
    struct RateMark {
        QCPItemStraightLine* line;
        QCPItemText* label;
    };
    std::vector<RateMark> m_rateMarks;
};
