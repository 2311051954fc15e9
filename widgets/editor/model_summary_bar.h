#pragma once
// Totals of the model under the editor: parameters, forward FLOPs per sample, memory for one training batch
// (ModelInfo::batchMemoryBytes at the spec's batch size), and a one-line verdict (OK, or the first error).
#include <QWidget>

class ModelDocument;
class QLabel;

class ModelSummaryBar : public QWidget {
    Q_OBJECT
public:
    explicit ModelSummaryBar(ModelDocument* document, QWidget* parent = nullptr);

    QString parametersText() const;
    QString flopsText() const;
    QString memoryText() const;
    QString statusText() const;

private:
    void refresh();

    ModelDocument* m_doc;
    QLabel* m_params;
    QLabel* m_flops;
    QLabel* m_memory;
    QLabel* m_memoryCaption;
    QLabel* m_status;
};
