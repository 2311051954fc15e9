#pragma once
// "Does it work on my handwriting?": a DrawingPad, MNIST's preprocessing (core/digit_preprocess) with a check
// box per step, the image the network gets (28x28, enlarged), a probability bar per class and the feature
// maps of every layer (widgets/views' FeatureMapView). Everything updates on every movement of a stroke:
// one preprocess and one forward pass of a single image on the GUI thread, on a private single-threaded
// copy of the weights (layerlab::InferenceModel), timed (lastUpdateMilliseconds(), shown under the bars).
#include <QStringList>
#include <QWidget>
#include <cstdint>
#include <memory>
#include <vector>

#include "core/digit_preprocess.h"
#include "core/model_spec.h"

namespace layerlab {
class InferenceModel;
struct Quantization;
}  // namespace layerlab
class DrawingPad;
class FeatureMapView;
class ProbabilityBars;
class QCheckBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QToolButton;

class DrawingPanel : public QWidget {
    Q_OBJECT
public:
    explicit DrawingPanel(QWidget* parent = nullptr);
    ~DrawingPanel() override;

    // The model to ask (a copy of the weights is made) and the names of its classes. An empty params clears
    // it with `reason`. A non-null `quantization`: the model runs int8 (an int8 checkpoint's weights).
    void setModel(const layerlab::ModelSpec& spec, std::shared_ptr<const std::vector<float>> params,
                  const QStringList& classNames, layerlab::DatasetKind dataset,
                  std::shared_ptr<const layerlab::Quantization> quantization = nullptr);
    void clearModel(const QString& reason);

    DrawingPad* pad() const { return m_pad; }
    ProbabilityBars* bars() const { return m_bars; }
    FeatureMapView* featureMaps() const { return m_maps; }
    QCheckBox* cropBox() const { return m_crop; }
    QCheckBox* scaleBox() const { return m_scale; }
    QCheckBox* areaBox() const { return m_area; }
    QCheckBox* centreBox() const { return m_centre; }
    // The last preprocessed image (empty when the drawing is empty or there is no model).
    const layerlab::DigitPreprocessResult& preprocessed() const { return m_last; }
    double lastUpdateMilliseconds() const { return m_lastMs; }
    layerlab::DigitPreprocessOptions options() const;

public slots:
    // Preprocesses the drawing and asks the model (called on every change of the pad or of an option).
    void refresh();

signals:
    // "Why this answer?" for the drawing: the preprocessed image (what the network gets).
    void explainRequested(std::vector<std::uint8_t> pixels, int rows, int cols);

private:
    DrawingPad* m_pad = nullptr;
    QToolButton* m_pen = nullptr;
    QToolButton* m_eraser = nullptr;
    QSpinBox* m_width = nullptr;
    QPushButton* m_undo = nullptr;
    QPushButton* m_clear = nullptr;
    QCheckBox* m_crop = nullptr;
    QCheckBox* m_scale = nullptr;
    QCheckBox* m_area = nullptr;
    QCheckBox* m_centre = nullptr;
    QLabel* m_preview = nullptr;
    QLabel* m_stepsNote = nullptr;
    ProbabilityBars* m_bars = nullptr;
    QLabel* m_timing = nullptr;
    QPushButton* m_why = nullptr;
    FeatureMapView* m_maps = nullptr;

    std::unique_ptr<layerlab::InferenceModel> m_model;
    layerlab::ModelSpec m_spec;
    QStringList m_names;
    layerlab::DatasetKind m_dataset = layerlab::DatasetKind::MNIST;
    QString m_noModelReason;
    layerlab::DigitPreprocessResult m_last;
    double m_lastMs = 0;
};
