#pragma once
// Live loss and accuracy charts of a run: two TrainingPlots side by side (see training_plot.h for what
// each draws), x in epochs on both (shared range: zooming or panning one moves the other), learning-rate
// changes marked on the loss plot, a result line above them, and the accuracy axis's mode: zoomed to the
// data (default), 0-100 %, or the error rate on a log scale.
// Data arrives in bursts from TrainingController (one burst per drain tick) and each burst triggers one
// queued replot.
#include <QStringList>
#include <QVector>
#include <QWidget>
#include <memory>
#include <vector>

#include "core/model_spec.h"
#include "core/trainer.h"
#include "widgets/session/training_metatypes.h"
#include "widgets/training/training_plot.h"

class QComboBox;
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
    // Keeps what is drawn for a run that continues the last one (its metrics arrive renumbered to follow
    // it, see RunTimeline) and takes the new run's settings.
    void continueRun(const layerlab::TrainingSpec& training);

    QCustomPlot* lossPlot() const { return m_loss->plot(); }
    QCustomPlot* accuracyPlot() const { return m_acc->plot(); }
    // Graph indices inside each plot. TrainSmoothed is the trend line.
    enum GraphIndex {
        TrainRaw = TrainingPlot::TrainRaw,
        TrainSmoothed = TrainingPlot::TrainSmoothed,
        Validation = TrainingPlot::Validation
    };

    // How the accuracy plot's y axis is drawn.
    enum class AccuracyAxis {
        ZoomToData,  // fitted to the trend and validation once training runs (the first batches may leave it)
        Full,        // 0 to 100 %
        ErrorLog     // 100 % - accuracy on a log scale: 10 %, 1 %, 0.1 % equally spaced
    };
    AccuracyAxis accuracyAxis() const { return m_accAxis; }
    void setAccuracyAxis(AccuracyAxis axis);

    // The readout rows above the plots ("epoch 3: train 97.9 %, validation 97.3 %, gap 0.6 points"); empty
    // before the first validation.
    QString lossReadout() const;
    QString accuracyReadout() const;

    // Both plots side by side in one image.
    QImage renderImage();
    // Writes renderImage() as PNG to `path` under the one writer's rules (widgets/common/image_file.h), with
    // ".png" appended when the name does not end in it. *error: why not, when it fails; *written: the path.
    bool exportPng(const QString& path, QString* error = nullptr, QString* written = nullptr);
    static QString pngPath(const QString& path);
    // The data of the run on show as CSV, one row per batch and one per epoch (column `kind`), in the order
    // they arrived: kind,epoch,batch,batches_per_epoch,epoch_position,learning_rate,loss,accuracy,
    // train_loss,train_accuracy,val_loss,val_accuracy,seconds,samples_per_second (accuracies as fractions;
    // a cell that does not apply to the row, or a NaN, is empty).
    QString csvText() const;
    // Writes csvText() to `path` under the one writer's rules (core/atomic_file.h); "" or why not.
    QString exportCsv(const QString& path) const;
    QString resultText() const;

    // Recorded runs drawn under the live one (the Runs tab's ticked runs): each run's validation loss and
    // accuracy per epoch (accuracy in %) as a thin line in its colour, named in the legend. They do not
    // change the axes' fit, which follows the live run.
    struct Overlay {
        QString name;
        QColor colour;
        QVector<QPointF> loss, accuracy;
    };
    void setOverlays(const QVector<Overlay>& overlays);
    int overlayCount() const { return int(m_overlays.size()); }
    // The overlay graphs of the accuracy plot, in order (for tests).
    QVector<QCPGraph*> accuracyOverlayGraphs() const;
    // Labels of the learning-rate changes marked on the loss plot ("lr 0.0002"), in order.
    QStringList rateMarks() const;

public slots:
    void addBatches(const QVector<layerlab::BatchMetrics>& batches);
    void addEpoch(const layerlab::EpochMetrics& epoch);
    void showResult(const layerlab::TrainResult& result);
    // Back to following the data (undoes mouse zoom and pan).
    void fitToData();
    // Asks for a file and writes the charts as PNG or their data as CSV, by the type the user picks.
    void exportInteractive();

protected:
    void showEvent(QShowEvent* event) override;
    void changeEvent(QEvent* event) override;  // the axis titles in a new UI language
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void markBest(int epoch);
    void markRateChange(double x, double rate);
    void setResultText(const QString& text);
    void takeSettings(const layerlab::TrainingSpec& training);
    void rescale();
    void replotBoth();

    std::unique_ptr<TrainingPlot> m_loss, m_acc;
    QVector<layerlab::BatchMetrics> m_batchLog;  // what is drawn, for csvText()
    QVector<layerlab::EpochMetrics> m_epochLog;
    QVector<Overlay> m_overlays;
    QLabel* m_resultLabel = nullptr;
    QString m_resultText;  // what m_resultLabel shows, in full
    QComboBox* m_accAxisBox = nullptr;
    QPushButton* m_fitButton = nullptr;
    QPushButton* m_exportButton = nullptr;
    AccuracyAxis m_accAxis = AccuracyAxis::ZoomToData;
    layerlab::LossType m_lossType = layerlab::LossType::CrossEntropy;
    bool m_follow = true;
    bool m_replotPending = false;
    bool m_finished = false;
    bool m_syncing = false;
    bool m_earlyStopping = false;
    int m_epochs = 1;
    int m_batchSize = 1;
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
