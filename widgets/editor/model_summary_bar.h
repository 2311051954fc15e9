#pragma once
// Totals of the model under the editor: parameters, forward FLOPs per sample, the memory training takes
// (layerlab::estimateTrainingMemory at the spec's batch size and the threads that run: the same estimate the
// engine enforces), and a one-line verdict: OK, the first error, or the engine's refusal when it is too big.
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
    QString descriptionText() const;  // the model file's "description"; hidden when empty
    // Why the engine would refuse to train for memory (empty when it fits or the model does not work).
    QString memoryRefusal() const { return m_refusal; }
    // The training set's size once a dataset is loaded: a batch is never larger (0 = not known).
    void setTrainSamples(long long count);

private:
    void refresh();

    ModelDocument* m_doc;
    QLabel* m_params;
    QLabel* m_flops;
    QLabel* m_memory;
    QLabel* m_memoryCaption;
    QLabel* m_status;
    QLabel* m_description;
    QString m_refusal;
    long long m_trainSamples = 0;
};
