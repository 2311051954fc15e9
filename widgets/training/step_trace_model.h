#pragma once
// The numbers of one Dense layer for one sample of a stepped batch (core/step_inspection.h) as a table.
// Units view: a row per unit with b, z = W·x + b, a = f(z), dL/da, f'(z), dL/dz, dL/db and the batch's
// mean dL/db, b after the step. Matrix views: a row per unit, a column per input (its x in the header):
// W, this sample's dL/dW = dL/dz · xᵀ, the batch's mean dL/dW, W after the step. Formulas in the headers.
#include <QAbstractTableModel>
#include <memory>

#include "core/step_inspection.h"

class StepTraceModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum View { Units, Weights, SampleGradient, MeanGradient, WeightsAfter };
    enum UnitColumn { ColB, ColZ, ColA, ColDA, ColFPrime, ColDZ, ColDB, ColMeanDB, ColBAfter, UnitColumns };

    explicit StepTraceModel(QObject* parent = nullptr);
    // layer: index into step->dense; sample: in the batch.
    void setTrace(std::shared_ptr<const layerlab::StepInspection> step, int layer, int sample, View view);
    const layerlab::DenseTrace* trace() const;
    int sample() const { return m_sample; }
    View view() const { return m_view; }
    // The value a cell shows (NaN where it has none).
    double value(int row, int column) const;
    static QString number(double v);  // 4 significant digits; "—" for NaN

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::shared_ptr<const layerlab::StepInspection> m_step;
    int m_layer = -1, m_sample = 0;
    View m_view = Units;
};
