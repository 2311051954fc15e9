#pragma once
// "Why this answer?" for one image (a test image, a gallery image, the drawing) and a target class (the
// predicted one by default, or any other: "why 3 and not 8?"): Saliency, SmoothGrad, Occlusion and
// Grad-CAM (core/explain.h) side by side, each with the sentence saying what it measures, its settings, its
// colour legend and its time, drawn over the image with one opacity slider. Each map is computed on a
// helper thread (one at a time, on a private copy of the weights using all cores); a map whose request was
// replaced (new image, class, weights or setting) is dropped when it arrives, so the window never freezes
// and never shows a stale map.
#include <QStringList>
#include <QThreadPool>
#include <QWidget>
#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

#include "core/compression.h"
#include "core/explain.h"
#include "core/model_spec.h"

class ColormapLegend;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QSlider;
class QSpinBox;

class ExplanationPanel : public QWidget {
    Q_OBJECT
public:
    explicit ExplanationPanel(QWidget* parent = nullptr);
    ~ExplanationPanel() override;  // joins a running computation (well under a second)

    // A non-null `quantization`: the explanations run the model int8 (an int8 checkpoint's weights).
    void setModel(const layerlab::ModelSpec& spec, std::shared_ptr<const std::vector<float>> params,
                  const QStringList& classNames,
                  std::shared_ptr<const layerlab::Quantization> quantization = nullptr);
    void clearModel(const QString& reason);
    // The image to explain: rows x cols grey pixels as the dataset holds them; `caption` says what it is.
    void setImage(std::vector<std::uint8_t> pixels, int rows, int cols, const QString& caption);
    bool hasImage() const { return !m_pixels.empty(); }

    // The class explained: -1 = the predicted one.
    void setTargetClass(int target);
    int targetClass() const;

    // The latest map of a method (null before one arrived for the current request).
    std::shared_ptr<const layerlab::Explanation> explanation(layerlab::ExplainMethod m) const;
    bool gradCamAvailable() const;
    QString gradCamTooltip() const;
    QComboBox* gradCamLayerBox() const { return m_camLayer; }
    // Whether a computation is running or queued.
    bool isBusy() const { return m_pending > 0; }

signals:
    void explained(layerlab::ExplainMethod method);

private:
    struct MapBox {
        QLabel* title = nullptr;
        QLabel* measures = nullptr;
        QLabel* image = nullptr;
        ColormapLegend* legend = nullptr;
        QLabel* status = nullptr;
        std::shared_ptr<const layerlab::Explanation> result;
        quint64 generation = 0;  // of the request its result must match
    };
    void requestAll();
    void request(layerlab::ExplainMethod m);
    void onResult(layerlab::ExplainMethod m, quint64 generation,
                  std::shared_ptr<const layerlab::Explanation> e);
    void render(layerlab::ExplainMethod m);
    void renderAll();
    void updateTargetNames(int predicted);

    QLabel* m_input = nullptr;
    QLabel* m_caption = nullptr;
    QLabel* m_message = nullptr;
    QComboBox* m_target = nullptr;
    QSlider* m_opacity = nullptr;
    QSpinBox* m_sgSamples = nullptr;
    QSpinBox* m_sgNoise = nullptr;
    QSpinBox* m_occPatch = nullptr;
    QSpinBox* m_occStride = nullptr;
    QComboBox* m_occFill = nullptr;
    QComboBox* m_camLayer = nullptr;
    QLabel* m_camNote = nullptr;
    std::array<MapBox, 4> m_maps;

    layerlab::ModelSpec m_spec;
    std::shared_ptr<const std::vector<float>> m_params;
    std::shared_ptr<const layerlab::Quantization> m_quantization;
    QStringList m_names;
    std::vector<std::uint8_t> m_pixels;
    int m_rows = 0, m_cols = 0;
    quint64 m_nextGeneration = 1;
    // The newest request of each method, read by the helper thread to skip a replaced request.
    std::shared_ptr<std::array<std::atomic<quint64>, 4>> m_latest =
        std::make_shared<std::array<std::atomic<quint64>, 4>>();
    int m_pending = 0;
    QThreadPool m_pool;
};
