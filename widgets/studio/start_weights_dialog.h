#pragma once
// File > Start from Weights… (and Train > Start from Weights…): what a checkpoint's weights would do to the
// model on show, before anything changes. One row per layer with weights of the model (core/weight_transfer
// pairs them by position and shape): its number, type and shape, the outcome (gets the checkpoint's weights,
// starts fresh because its shape differs, does not match) and where the weights come from or why not; the
// checkpoint's layers nothing uses under it; the totals. When no layer would get weights the dialog says why
// and "Use These Weights" stays off.
#include <QDialog>

#include "core/weight_transfer.h"

class QLabel;
class QPushButton;
class QTableWidget;

class StartWeightsDialog : public QDialog {
    Q_OBJECT
public:
    // checkpointName: the file's name; modelName: the model on show.
    StartWeightsDialog(const layerlab::WeightTransfer& plan, const QString& checkpointName,
                       const QString& modelName, QWidget* parent = nullptr);

    QTableWidget* table() const { return m_table; }
    QPushButton* useButton() const { return m_use; }
    QString summaryText() const;  // the totals, or why nothing fits
    QString unusedText() const;   // the checkpoint's layers nothing uses ("" when none)

    enum Column { LayerColumn, ShapeColumn, OutcomeColumn, DetailColumn };

protected:
    void showEvent(QShowEvent* event) override;

private:
    void fitRows();  // rows as tall as their wrapped text, the table as tall as its rows (up to 10)

    QTableWidget* m_table;
    QLabel* m_summary;
    QLabel* m_unused;
    QPushButton* m_use;
};
