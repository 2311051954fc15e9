#pragma once
// Settings of the selected layer: only the fields its type reads (units, filters, kernel, stride, padding,
// activation, pool size, dropout rate, alpha), each in a range-limited spin box or combo, plus what shape
// inference says about it (input/output shape, parameters, FLOPs, or the error). Every edit goes through
// ModelDocument::setLayer, so it is undoable; rapid edits of one field merge into one undo step.
#include <QWidget>

#include "core/model_spec.h"

class ModelDocument;
class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QSpinBox;
class QStackedWidget;

class LayerInspector : public QWidget {
    Q_OBJECT
public:
    LayerInspector(ModelDocument* document, QWidget* parent = nullptr);

    int currentLayer() const { return m_index; }  // -1 when showing nothing

    // The editors, for tests and keyboard navigation.
    QSpinBox* unitsEdit() const { return m_units; }
    QSpinBox* filtersEdit() const { return m_filters; }
    QSpinBox* kernelEdit() const { return m_kernel; }
    QSpinBox* strideEdit() const { return m_stride; }
    QComboBox* paddingEdit() const { return m_padding; }
    QSpinBox* poolSizeEdit() const { return m_poolSize; }
    QComboBox* activationEdit() const { return m_activation; }
    QDoubleSpinBox* rateEdit() const { return m_rate; }
    QDoubleSpinBox* alphaEdit() const { return m_alpha; }

public slots:
    void showLayer(int index);  // -1 shows a hint instead

private:
    void refresh();  // re-reads the spec and info; keeps the editor widgets when the type is unchanged
    void edit(void (*apply)(layerlab::LayerSpec&, double), double value);
    void setRowVisible(QWidget* field, bool visible);

    ModelDocument* m_doc;
    int m_index = -1;
    bool m_updating = false;

    QStackedWidget* m_stack;
    QLabel* m_placeholder;
    QLabel* m_icon;
    QLabel* m_title;
    QLabel* m_description;
    QFormLayout* m_form;
    QSpinBox* m_units;
    QSpinBox* m_filters;
    QSpinBox* m_kernel;
    QSpinBox* m_stride;
    QComboBox* m_padding;
    QSpinBox* m_poolSize;
    QComboBox* m_activation;
    QDoubleSpinBox* m_rate;
    QDoubleSpinBox* m_alpha;
    QLabel* m_noSettings;
    QLabel* m_shapes;
    QLabel* m_params;
    QLabel* m_flops;
    QLabel* m_error;
};
