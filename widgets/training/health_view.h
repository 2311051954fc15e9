#pragma once
// The Health view: what happens inside each layer while the model trains (core/layer_health.h).
// Left, one strip per layer: activation mean and spread, dead ReLU units, gradient norm and the update ratio
// on a log axis with its healthy band around 1e-3, and above them the alerts in plain language. Right, the
// layer clicked: its weights, biases, gradients or activations over the training steps as percentile bands
// (TensorBoard's distributions: 0-100, 7-93, 16-84 and the median) and the histogram at a step chosen with
// a slider. It keeps every sample of the run (thinned to kMaxSamples), so it still works after the run.
#include <QString>
#include <QVector>
#include <QWidget>
#include <vector>

#include "core/layer_health.h"
#include "widgets/session/training_metatypes.h"

class QComboBox;
class QCustomPlot;
class QCPBars;
class QCPGraph;
class QCPItemStraightLine;
class QLabel;
class QSlider;
class QTableWidget;

class HealthView : public QWidget {
    Q_OBJECT
public:
    // Beyond this the history keeps every other sample (the oldest steps get sparser, memory stays bounded).
    static constexpr int kMaxSamples = 2000;
    enum Quantity { Weights, Biases, Gradients, Activations };

    explicit HealthView(QWidget* parent = nullptr);

    // A new run: forget the samples.
    void clear();
    const std::vector<layerlab::HealthSample>& history() const { return m_history; }
    // The layer whose details show (a row of the strips; -1: none).
    int selectedRow() const { return m_row; }
    void selectRow(int row);
    void setQuantity(Quantity q);
    // The sample whose histogram shows (index into history()).
    int histogramIndex() const;
    void setHistogramIndex(int index);
    // The alert in the user's language.
    static QString alertText(const layerlab::HealthAlert& alert);
    // The text of the strips' alert box (for tests).
    QString alertsShown() const;

public slots:
    void addSamples(const QVector<layerlab::HealthSample>& samples);

private:
    void refreshStrips();
    void refreshDetails();
    void refreshHistogram();
    const layerlab::Distribution* distributionOf(const layerlab::HealthSample& s) const;

    std::vector<layerlab::HealthSample> m_history;
    int m_row = -1;
    QLabel* m_alerts;
    QTableWidget* m_strips;
    QLabel* m_detailTitle;
    QComboBox* m_quantity;
    QCustomPlot* m_bandsPlot;
    QVector<QCPGraph*> m_bands;  // one graph per percentile
    QCPItemStraightLine* m_cursor;
    QCustomPlot* m_histPlot;
    QCPBars* m_bars;
    QSlider* m_slider;
    QLabel* m_stepLabel;
};
