#pragma once
// The Evaluate tab: what a trained model gets wrong, whether it reads the learner's own handwriting, and why
// it answers what it does. It looks at the weights an EvaluationSession holds (each epoch of the running
// training, a finished run, or a loaded checkpoint; the top line says which) on the test or validation set:
//   Errors   a confusion matrix (counts or row-normalised, colour legend, recall and precision in the
//            margins), an epoch slider back through the run; beside it the images of the clicked cell, a
//            per-class table and the top losses with the most confused pairs
//   Draw     the drawing pad (DrawingPanel)
//   Why?     saliency, SmoothGrad, occlusion and Grad-CAM of the chosen image (ExplanationPanel)
// Evaluations run off the GUI thread (EvaluationSession) and only while the tab is shown; clicking an image
// anywhere opens it in Why?.
#include <QStringList>
#include <QWidget>
#include <memory>

#include "core/model_spec.h"
#include "widgets/evaluate/evaluation_session.h"

class ColormapLegend;
class ConfusionMatrixView;
class DrawingPanel;
class ExplanationPanel;
class ImageGallery;
class QComboBox;
class QLabel;
class QListWidget;
class QSlider;
class QTabWidget;
class QTableWidget;

class EvaluateWorkspace : public QWidget {
    Q_OBJECT
public:
    explicit EvaluateWorkspace(QWidget* parent = nullptr);

    EvaluationSession* session() const { return m_session; }
    // The names of the classes (by label) and which dataset's preprocessing the drawing pad uses.
    void setClassNames(const QStringList& names, layerlab::DatasetKind dataset);

    ConfusionMatrixView* matrixView() const { return m_matrix; }
    ImageGallery* gallery() const { return m_gallery; }
    QTableWidget* classTable() const { return m_classTable; }
    QListWidget* topLossesList() const { return m_topLosses; }
    QListWidget* confusedPairsList() const { return m_pairs; }
    DrawingPanel* drawingPanel() const { return m_drawing; }
    ExplanationPanel* explanationPanel() const { return m_explain; }
    QSlider* epochSlider() const { return m_epoch; }
    QComboBox* setBox() const { return m_setBox; }
    QComboBox* modeBox() const { return m_modeBox; }
    QTabWidget* pages() const { return m_pages; }
    QString weightsText() const;
    QString messageText() const;
    QString accuracyText() const;

    // The entry (epoch) and set on show, and their result (null while it is computed or cannot be).
    int shownEntry() const;
    EvaluationSet shownSet() const;
    std::shared_ptr<const EvaluationResult> shownResult() const { return m_shown; }

    // Shows the images of cell (true class, predicted class) in the gallery (as a click on it does).
    void showCell(int trueClass, int predicted);
    // Opens image `position` of the shown result in Why?.
    void explainPosition(std::size_t position);

signals:
    // A new result is on show (for tests and the status bar).
    void resultShown();

protected:
    void showEvent(QShowEvent* event) override;

private:
    void onEntriesChanged();
    void onReady(int entry, EvaluationSet set);
    void refresh();
    void display(std::shared_ptr<const EvaluationResult> result);
    void fillClassTable(const EvaluationResult& r);
    void fillTopLosses(const EvaluationResult& r);
    void updateModels();
    void setMessage(const QString& text, bool problem);

    EvaluationSession* m_session = nullptr;
    QLabel* m_weights = nullptr;
    QComboBox* m_setBox = nullptr;
    QComboBox* m_modeBox = nullptr;
    QSlider* m_epoch = nullptr;
    QLabel* m_epochLabel = nullptr;
    QLabel* m_message = nullptr;
    QTabWidget* m_pages = nullptr;
    ConfusionMatrixView* m_matrix = nullptr;
    ColormapLegend* m_legend = nullptr;
    QLabel* m_accuracy = nullptr;
    QTabWidget* m_details = nullptr;
    QLabel* m_cellCaption = nullptr;
    ImageGallery* m_gallery = nullptr;
    QTableWidget* m_classTable = nullptr;
    QListWidget* m_topLosses = nullptr;
    QListWidget* m_pairs = nullptr;
    DrawingPanel* m_drawing = nullptr;
    ExplanationPanel* m_explain = nullptr;

    QStringList m_names;
    layerlab::DatasetKind m_dataset = layerlab::DatasetKind::MNIST;
    std::shared_ptr<const EvaluationResult> m_shown;
    int m_shownEntry = -1;
    int m_cellTrue = -1, m_cellPred = -1;
    bool m_followLatest = true;
    int m_modelEntry = -1;  // the entry the pad and Why? use
    std::shared_ptr<const std::vector<float>> m_modelParams;
    std::shared_ptr<const layerlab::Quantization> m_modelQuantization;
};
