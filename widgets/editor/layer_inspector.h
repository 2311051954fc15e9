#pragma once
// Settings of the selected layer: one row per field its type reads (the layer-type table in
// core/layer_types.h: label, tooltip, limits), shown only while in use (alpha only with leaky_relu), plus
// what shape inference says about it (input/output shape, parameters, FLOPs, or the error). Every edit goes
// through ModelDocument::setLayer, so it is undoable; rapid edits of one field merge into one undo step.
#include <QWidget>
#include <map>
#include <vector>

#include "core/layer_types.h"

class FieldEditor;
class ModelDocument;
class QFormLayout;
class QLabel;

class LayerInspector : public QWidget {
    Q_OBJECT
public:
    LayerInspector(ModelDocument* document, QWidget* parent = nullptr);

    QString currentLayer() const { return m_id; }  // the shown layer's id, "" when showing nothing

    // The editor of the shown layer's field `key` ("units", "stride", ...): a QSpinBox, FloatSpinBox,
    // QComboBox or QCheckBox; nullptr when no layer is shown or its type has no such field.
    // For tests and keyboard navigation.
    QWidget* fieldEditor(const char* key) const;

public slots:
    void showLayer(const QString& id);  // "" shows a hint instead

private:
    struct TypePage {
        QWidget* page = nullptr;
        QFormLayout* form = nullptr;
        std::vector<std::pair<const layerlab::LayerField*, FieldEditor*>> rows;
    };
    TypePage& pageFor(layerlab::LayerType type);  // built the first time a layer of the type is shown
    void refresh();  // re-reads the spec and info; keeps the editor widgets when the type is unchanged

    ModelDocument* m_doc;
    QString m_id;
    const TypePage* m_shown = nullptr;

    class QStackedWidget* m_stack;
    QWidget* m_fieldsArea;
    QLabel* m_placeholder;
    QLabel* m_icon;
    QLabel* m_title;
    QLabel* m_description;
    std::map<layerlab::LayerType, TypePage> m_pages;
    QLabel* m_noSettings;
    QLabel* m_shapes;
    QLabel* m_params;
    QLabel* m_flops;
    QLabel* m_error;
};
