#pragma once
// Tools > Compress Model…: the compression sweep of `layerlab-cli compress` (core/compression_sweep.h) on
// the studio's trained weights (the last run or a loaded checkpoint). The user chooses int8 quantization
// and/or a list of sparsities in percent (default 0, 50, 80, 90, 95) and optional fine-tune epochs; Run
// starts the sweep on a helper thread (CompressionRunner: a progress bar, Cancel, the window stays live).
// The results: a table (variant, size in KB, test accuracy, agreement with float32, images/s) and a chart
// of test accuracy (left axis) and size (right axis) per variant, from float32 through int8 to the highest
// sparsity, so a learner sees where accuracy falls. The selected row can be saved as a checkpoint (an int8
// variant as an int8 checkpoint, written atomically) or sent to the Evaluate tab (useInEvaluate).
#include <QDialog>
#include <QMetaType>
#include <QString>
#include <memory>
#include <vector>

#include "core/compression_sweep.h"
#include "core/dataset.h"
#include "core/model_spec.h"

class CompressionRunner;
class QCheckBox;
class QCustomPlot;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;

class CompressDialog : public QDialog {
    Q_OBJECT
public:
    // `source` names the weights ("the last run", "checkpoint foo.llckpt"). params: float32 weights of spec.
    CompressDialog(const layerlab::ModelSpec& spec, std::vector<float> params, const QString& source,
                   std::shared_ptr<const layerlab::Dataset> data, QWidget* parent = nullptr);
    ~CompressDialog() override;

    // The inputs (for tests and scripts).
    void setInt8(bool on);
    void setSparsities(const QString& percentList);  // "0, 50, 80"
    void setFineTuneEpochs(int epochs);
    // The plan the inputs give, or none with problem() saying why.
    bool plan(layerlab::CompressionPlan* plan) const;
    QString problem() const { return m_problem; }

    bool isRunning() const;
    // Closed while a sweep ran: hidden, and closes for good once the sweep has stopped (within a batch).
    bool isClosing() const { return m_closing; }
    CompressionRunner* runner() const { return m_runner; }
    // The last finished sweep (null before one has finished).
    std::shared_ptr<const layerlab::CompressionSweep> sweep() const { return m_sweep; }
    QTableWidget* table() const { return m_table; }
    QCustomPlot* chart() const { return m_chart; }
    QProgressBar* progressBar() const { return m_progress; }
    QString statusText() const;
    int selectedVariant() const;  // row in sweep()->variants, -1 when none
    void selectVariant(int row);
    // Writes variant `row` as a checkpoint at path (atomically); false with *error on failure.
    bool saveVariantTo(int row, const QString& path, QString* error);

public slots:
    void run();
    void cancel();
    void saveSelectedInteractive();
    void useSelectedInEvaluate();
    // While a sweep runs: cancels it and hides at once; the dialog closes (and is deleted, with
    // Qt::WA_DeleteOnClose) when the sweep has stopped, so the studio never waits for the batch in progress.
    void reject() override;

signals:
    // The user chose to look at a variant in the Evaluate tab; `label` names it.
    void useInEvaluate(const layerlab::CompressionVariant& variant, const QString& label);

protected:
    void closeEvent(QCloseEvent* event) override;  // the window's close button: as reject()

private:
    bool finishClosing();  // true when a deferred close was done
    void onProgress(int step, int steps, const QString& what);
    void onFinished(std::shared_ptr<const layerlab::CompressionSweep> sweep);
    void onFailed(const QString& message);
    void onCancelled();
    void setRunning(bool running);
    void showSweep();
    void updateButtons();
    QString variantLabel(int row) const;

    layerlab::ModelSpec m_spec;
    bool m_closing = false;
    std::vector<float> m_params;
    QString m_source;
    std::shared_ptr<const layerlab::Dataset> m_data;
    std::shared_ptr<const layerlab::CompressionSweep> m_sweep;
    mutable QString m_problem;

    CompressionRunner* m_runner = nullptr;
    QCheckBox* m_int8 = nullptr;
    QLineEdit* m_sparsities = nullptr;
    QSpinBox* m_fineTune = nullptr;
    QPushButton* m_run = nullptr;
    QPushButton* m_cancel = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_status = nullptr;
    QTableWidget* m_table = nullptr;
    QCustomPlot* m_chart = nullptr;
    QPushButton* m_save = nullptr;
    QPushButton* m_use = nullptr;
};

Q_DECLARE_METATYPE(layerlab::CompressionVariant)
