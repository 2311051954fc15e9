#pragma once
// The Step view: what one step (Step, F10) did to the batch it trained on (core/step_inspection.h).
// Top: the step, its loss and right answers before -> after. Left: the batch's images, each with its
// predicted class before -> after the step and the change of its label's probability, in batch order or
// the most changed first. Right: one Dense layer's numbers for one sample (chosen here or by clicking an
// image), so the chain rule can be followed by hand: x, W, b, z, a, dL/da, dL/dz, dL/dW, dL/db and the
// batch's mean gradient next to the sample's. Before the first step it says how to take one.
#include <QWidget>
#include <memory>

#include "core/step_inspection.h"
#include "widgets/training/step_trace_model.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QSpinBox;
class QStackedWidget;
class QTableView;
class StepBatchGrid;

class StepView : public QWidget {
    Q_OBJECT
public:
    explicit StepView(QWidget* parent = nullptr);

    std::shared_ptr<const layerlab::StepInspection> step() const { return m_step; }
    StepBatchGrid* grid() const { return m_grid; }
    StepTraceModel* traceModel() const { return m_model; }
    QTableView* table() const { return m_table; }
    QString summaryText() const;
    QString noteText() const;
    // Choices (as the combo boxes and the spin box offer them).
    void setLayer(int denseIndex);
    void setSample(int sample);
    void setTraceView(StepTraceModel::View view);
    void setMostChangedFirst(bool on);
    // The samples in the grid's order.
    QVector<int> order() const;

public slots:
    void setStep(std::shared_ptr<const layerlab::StepInspection> step);
    void clear();

private:
    void refreshGrid();
    void refreshTrace();
    void refreshNote();

    std::shared_ptr<const layerlab::StepInspection> m_step;
    QStackedWidget* m_stack;
    QLabel* m_placeholder;
    QLabel* m_summary;
    QCheckBox* m_order;
    StepBatchGrid* m_grid;
    QComboBox* m_layer;
    QSpinBox* m_sample;
    QComboBox* m_view;
    StepTraceModel* m_model;
    QTableView* m_table;
    QLabel* m_note;
};
