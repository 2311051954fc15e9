#pragma once
// Help > Activation Functions: Sigmoid, Tanh, ReLU and LeakyReLU plotted from -6 to 6 with their slopes,
// the flat regions (slope under 5% of its largest value: where a unit saturates or is off and passes almost
// no gradient back) shaded, and Softmax on a small vector the learner edits (scores, probabilities and each
// probability's slope y(1 - y)). Every value comes from the engine's own activation layers
// (core/activation_curve.h). One paragraph per function says why it matters.
#include <QDialog>
#include <vector>

#include "core/model_spec.h"

class QCustomPlot;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QStackedWidget;

class ActivationExplorer : public QDialog {
    Q_OBJECT
public:
    explicit ActivationExplorer(QWidget* parent = nullptr);

    // Shows one function: Sigmoid, Tanh, ReLU, LeakyReLU or Softmax.
    void showActivation(layerlab::Activation a);
    layerlab::Activation current() const { return m_current; }
    // Softmax's scores as the learner typed them ("2, 1, 0.1"); returns false (and says why) when not
    // numbers.
    bool setScores(const QString& text);

    QCustomPlot* curvePlot() const { return m_curves; }
    QCustomPlot* softmaxPlot() const { return m_softmax; }
    QLabel* paragraph() const { return m_text; }
    int shadedRegions() const { return m_shaded; }

private:
    void drawCurves();
    void drawSoftmax();

    layerlab::Activation m_current = layerlab::Activation::Sigmoid;
    QListWidget* m_list = nullptr;
    QStackedWidget* m_stack = nullptr;
    QCustomPlot* m_curves = nullptr;
    QCustomPlot* m_softmax = nullptr;
    QDoubleSpinBox* m_alpha = nullptr;
    QFormLayout* m_alphaRow = nullptr;
    QLineEdit* m_scores = nullptr;
    QLabel* m_scoresProblem = nullptr;
    QLabel* m_text = nullptr;
    std::vector<float> m_z = {2.0f, 1.0f, 0.1f, -1.0f};
    int m_shaded = 0;
};
