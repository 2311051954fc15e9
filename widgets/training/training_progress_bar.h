#pragma once
// Where a run is: a progress bar over all batches of all epochs and a line with epoch, batch, samples/s and
// the estimated time left. Also shows busy states (loading a dataset) with an indeterminate bar.
#include <QWidget>

#include "core/trainer.h"
#include "widgets/session/training_metatypes.h"

class QLabel;
class QProgressBar;

class TrainingProgressBar : public QWidget {
    Q_OBJECT
public:
    explicit TrainingProgressBar(QWidget* parent = nullptr);

    void begin(int epochs, int batchSize);
    QString text() const;
    int value() const;

public slots:
    void updateBatches(const QVector<layerlab::BatchMetrics>& batches);
    void setPaused(bool paused);
    void finish(const layerlab::TrainResult& result);
    void fail(const QString& message);
    // An indeterminate bar with `what` (e.g. "Loading MNIST…"); an empty text ends the busy state.
    void setBusy(const QString& what);
    void setIdleText(const QString& text);
    // Back to an empty bar with `text`, ending any run shown (e.g. another model was opened).
    void clear(const QString& text);

private:
    void refresh();

    QProgressBar* m_bar = nullptr;
    QLabel* m_label = nullptr;
    int m_epochs = 0;
    int m_batchSize = 1;
    layerlab::BatchMetrics m_last;
    bool m_paused = false;
    bool m_running = false;
};
