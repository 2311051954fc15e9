#include "widgets/evaluate/explanation_panel.h"

#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QMetaObject>
#include <QPixmap>
#include <QSlider>
#include <QSpinBox>
#include <QVBoxLayout>
#include <algorithm>
#include <exception>

#include "core/inference_model.h"
#include "core/input_scaling.h"
#include "widgets/common/colormap.h"
#include "widgets/common/colormap_legend.h"
#include "widgets/evaluate/image_gallery.h"

using layerlab::ExplainMethod;

namespace {
constexpr std::array<ExplainMethod, 4> kMethods{ExplainMethod::Saliency, ExplainMethod::SmoothGrad,
                                                ExplainMethod::Occlusion, ExplainMethod::GradCam};
constexpr int kMapSide = 140;  // 28 x 5
}  // namespace

ExplanationPanel::ExplanationPanel(QWidget* parent) : QWidget(parent) {
    m_pool.setMaxThreadCount(1);  // each map uses all cores in its model's arena
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(6, 6, 6, 6);

    auto* top = new QHBoxLayout;
    m_input = new QLabel(this);
    m_input->setFixedSize(84, 84);
    m_input->setFrameShape(QFrame::Box);
    m_input->setAlignment(Qt::AlignCenter);
    m_input->setToolTip(tr("The image explained, as the network gets it"));
    auto* right = new QVBoxLayout;
    m_caption = new QLabel(this);
    m_caption->setWordWrap(true);
    m_caption->setTextFormat(Qt::RichText);
    auto* controls = new QHBoxLayout;
    m_target = new QComboBox(this);
    m_target->setToolTip(
        tr("The class whose score is explained: the model's answer, or another class to ask "
           "\"why this and not that?\""));
    m_opacity = new QSlider(Qt::Horizontal, this);
    m_opacity->setRange(0, 100);
    m_opacity->setValue(65);
    m_opacity->setMaximumWidth(160);
    m_opacity->setToolTip(tr("How strongly the maps cover the image (0: only the image, 100: only the map)"));
    controls->addWidget(new QLabel(tr("Explain class:"), this));
    controls->addWidget(m_target);
    controls->addSpacing(12);
    controls->addWidget(new QLabel(tr("Map opacity:"), this));
    controls->addWidget(m_opacity);
    controls->addStretch(1);
    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    right->addWidget(m_caption);
    right->addLayout(controls);
    right->addWidget(m_message);
    top->addWidget(m_input);
    top->addLayout(right, 1);
    outer->addLayout(top);

    auto* grid = new QGridLayout;
    grid->setHorizontalSpacing(10);
    for (int k = 0; k < 4; ++k) {
        MapBox& b = m_maps[k];
        b.title = new QLabel(QStringLiteral("<b>%1</b>").arg(layerlab::explainMethodName(kMethods[k])), this);
        b.measures = new QLabel(tr(layerlab::explainMethodMeasures(kMethods[k])), this);
        b.measures->setWordWrap(true);
        b.measures->setAlignment(Qt::AlignLeft | Qt::AlignTop);
        b.measures->setMinimumHeight(fontMetrics().height() * 3);
        b.image = new QLabel(this);
        b.image->setFixedSize(kMapSide + 2, kMapSide + 2);
        b.image->setFrameShape(QFrame::Box);
        b.image->setAlignment(Qt::AlignCenter);
        b.legend = new ColormapLegend(this);
        b.legend->setMinimumWidth(kMapSide);
        b.status = new QLabel(this);
        b.status->setWordWrap(true);
        grid->addWidget(b.title, 0, k);
        grid->addWidget(b.measures, 1, k);
        grid->addWidget(b.image, 2, k, Qt::AlignLeft);
        grid->addWidget(b.legend, 3, k);
        grid->addWidget(b.status, 5, k);
        grid->setColumnStretch(k, 1);
    }
    // The settings of each method, under its map.
    auto row = [this](std::initializer_list<QWidget*> ws) {
        auto* w = new QWidget(this);
        auto* h = new QHBoxLayout(w);
        h->setContentsMargins(0, 0, 0, 0);
        for (QWidget* x : ws) h->addWidget(x);
        h->addStretch(1);
        return w;
    };
    m_sgSamples = new QSpinBox(this);
    m_sgSamples->setRange(1, 200);
    m_sgSamples->setValue(25);
    m_sgSamples->setPrefix(tr("N "));
    m_sgSamples->setToolTip(tr("How many noisy copies are averaged"));
    m_sgNoise = new QSpinBox(this);
    m_sgNoise->setRange(0, 100);
    m_sgNoise->setValue(15);
    m_sgNoise->setSuffix(QStringLiteral("%"));
    m_sgNoise->setPrefix(tr("noise "));
    m_sgNoise->setToolTip(tr("Standard deviation of the noise, as a share of the image's range of values"));
    m_occPatch = new QSpinBox(this);
    m_occPatch->setRange(1, 28);
    m_occPatch->setValue(5);
    m_occPatch->setPrefix(tr("patch "));
    m_occPatch->setToolTip(tr("Side of the square covered, in pixels"));
    m_occStride = new QSpinBox(this);
    m_occStride->setRange(1, 28);
    m_occStride->setValue(2);
    m_occStride->setPrefix(tr("stride "));
    m_occStride->setToolTip(tr("How far the square moves each step (at most the patch size)"));
    m_occFill = new QComboBox(this);
    m_occFill->addItem(tr("fill zero"), int(layerlab::OcclusionFill::Zero));
    m_occFill->addItem(tr("fill background"), int(layerlab::OcclusionFill::BackgroundMean));
    m_occFill->setToolTip(
        tr("What covers the square: black (erased ink) or the mean of the image's border "
           "(what its background looks like)"));
    m_camLayer = new QComboBox(this);
    m_camNote = new QLabel(this);
    m_camNote->setWordWrap(true);
    grid->addWidget(row({}), 4, 0);
    grid->addWidget(row({m_sgSamples, m_sgNoise}), 4, 1);
    auto* occ = new QWidget(this);
    auto* occLayout = new QGridLayout(occ);
    occLayout->setContentsMargins(0, 0, 0, 0);
    occLayout->addWidget(m_occPatch, 0, 0);
    occLayout->addWidget(m_occStride, 0, 1);
    occLayout->addWidget(m_occFill, 1, 0, 1, 2);
    grid->addWidget(occ, 4, 2);
    auto* cam = new QWidget(this);
    auto* camLayout = new QVBoxLayout(cam);
    camLayout->setContentsMargins(0, 0, 0, 0);
    camLayout->addWidget(m_camLayer);
    camLayout->addWidget(m_camNote);
    grid->addWidget(cam, 4, 3);
    outer->addLayout(grid);
    outer->addStretch(1);

    connect(m_target, qOverload<int>(&QComboBox::activated), this, [this] { requestAll(); });
    connect(m_opacity, &QSlider::valueChanged, this, [this] { renderAll(); });
    connect(m_sgSamples, qOverload<int>(&QSpinBox::valueChanged), this,
            [this] { request(ExplainMethod::SmoothGrad); });
    connect(m_sgNoise, qOverload<int>(&QSpinBox::valueChanged), this,
            [this] { request(ExplainMethod::SmoothGrad); });
    connect(m_occPatch, qOverload<int>(&QSpinBox::valueChanged), this, [this](int p) {
        m_occStride->setMaximum(p);
        request(ExplainMethod::Occlusion);
    });
    connect(m_occStride, qOverload<int>(&QSpinBox::valueChanged), this,
            [this] { request(ExplainMethod::Occlusion); });
    connect(m_occFill, qOverload<int>(&QComboBox::activated), this,
            [this] { request(ExplainMethod::Occlusion); });
    connect(m_camLayer, qOverload<int>(&QComboBox::activated), this,
            [this] { request(ExplainMethod::GradCam); });
    clearModel(tr("No trained weights yet: train the model (F5) or load a checkpoint."));
}

ExplanationPanel::~ExplanationPanel() {
    m_pool.clear();
    m_pool.waitForDone();
}

void ExplanationPanel::setModel(const layerlab::ModelSpec& spec,
                                std::shared_ptr<const std::vector<float>> params,
                                const QStringList& classNames,
                                std::shared_ptr<const layerlab::Quantization> quantization) {
    m_spec = spec;
    m_params = std::move(params);
    m_quantization = std::move(quantization);
    m_names = classNames;
    const int keep = m_target->currentData().isValid() ? m_target->currentData().toInt() : -1;
    m_target->clear();
    m_target->addItem(tr("the predicted class"), -1);
    for (int c = 0; c < spec.classes; ++c)
        m_target->addItem(QStringLiteral("%1 %2").arg(c).arg(m_names.value(c)), c);
    m_target->setCurrentIndex(std::max(0, m_target->findData(keep)));

    // Grad-CAM: one choice per Conv2D layer (numbered as in the editor), the last one by default.
    const int camKeep = m_camLayer->currentData().isValid() ? m_camLayer->currentData().toInt() : -2;
    m_camLayer->clear();
    for (int i : layerlab::conv2dLayers(spec)) m_camLayer->addItem(tr("layer %1 (Conv2D)").arg(i + 1), i);
    const QString why = QString::fromStdString(layerlab::gradCamUnavailableReason(spec));
    m_camLayer->setEnabled(why.isEmpty());
    m_camLayer->setToolTip(why.isEmpty() ? tr("The Conv2D layer whose feature maps are weighed") : why);
    m_maps[3].image->setToolTip(why);
    m_maps[3].title->setEnabled(why.isEmpty());
    if (!why.isEmpty()) {
        m_camLayer->addItem(tr("no Conv2D layer"));
        m_camNote->setText(why);
    } else {
        m_camLayer->setCurrentIndex(m_camLayer->findData(camKeep) >= 0 ? m_camLayer->findData(camKeep)
                                                                       : m_camLayer->count() - 1);
        m_camNote->setText(tr("Coarse on small feature maps: each map pixel covers several image pixels."));
    }
    m_message->clear();
    requestAll();
}

void ExplanationPanel::clearModel(const QString& reason) {
    m_params.reset();
    for (MapBox& b : m_maps) {
        b.result.reset();
        b.generation = m_nextGeneration++;
        (*m_latest)[int(&b - m_maps.data())].store(b.generation);
        b.image->clear();
        b.status->clear();
    }
    m_message->setText(reason);
}

void ExplanationPanel::setImage(std::vector<std::uint8_t> pixels, int rows, int cols,
                                const QString& caption) {
    m_pixels = std::move(pixels);
    m_rows = rows;
    m_cols = cols;
    m_caption->setText(caption);
    const int channels = int(m_pixels.size() / std::max<std::size_t>(1, std::size_t(rows) * cols));
    m_input->setPixmap(
        QPixmap::fromImage(datasetImage(m_pixels.data(), rows, cols, channels).scaled(80, 80)));
    requestAll();
}

void ExplanationPanel::setTargetClass(int target) {
    m_target->setCurrentIndex(std::max(0, m_target->findData(target)));
    requestAll();
}

int ExplanationPanel::targetClass() const {
    return m_target->currentData().isValid() ? m_target->currentData().toInt() : -1;
}

std::shared_ptr<const layerlab::Explanation> ExplanationPanel::explanation(ExplainMethod m) const {
    return m_maps[int(m)].result;
}

bool ExplanationPanel::gradCamAvailable() const {
    return m_camLayer->isEnabled();
}

QString ExplanationPanel::gradCamTooltip() const {
    return m_camLayer->toolTip();
}

void ExplanationPanel::requestAll() {
    for (ExplainMethod m : kMethods) request(m);
}

void ExplanationPanel::request(ExplainMethod m) {
    MapBox& b = m_maps[int(m)];
    b.generation = m_nextGeneration++;
    (*m_latest)[int(m)].store(b.generation);
    b.result.reset();
    if (!m_params || m_pixels.empty()) {
        b.image->clear();
        b.status->setText(m_pixels.empty() ? tr("Pick an image: click one in the gallery or the top losses, "
                                                "or draw one.")
                                           : QString());
        return;
    }
    if ((long long)m_pixels.size() != m_spec.input.size()) {
        b.status->setText(tr("The image has %1x%2 pixels but the model takes %3 inputs.")
                              .arg(m_rows)
                              .arg(m_cols)
                              .arg(QString::fromStdString(m_spec.input.toString())));
        return;
    }
    if (m == ExplainMethod::GradCam && !gradCamAvailable()) {
        b.image->clear();
        b.status->setText(tr("Not available for this model."));
        return;
    }
    b.status->setText(tr("computing…"));
    const quint64 generation = b.generation;
    const int target = targetClass();
    auto spec = m_spec;
    auto params = m_params;
    auto quantization = m_quantization;
    std::vector<float> input(m_pixels.size());
    layerlab::pixelsToInputs(m_pixels.data(), input.data(), m_pixels.size());
    layerlab::SmoothGradOptions sg;
    sg.samples = m_sgSamples->value();
    sg.noise = float(m_sgNoise->value()) / 100.0f;
    layerlab::OcclusionOptions occ;
    occ.patch = std::min(m_occPatch->value(), std::min(m_rows, m_cols));
    occ.stride = std::min(m_occStride->value(), occ.patch);
    occ.fill = layerlab::OcclusionFill(m_occFill->currentData().toInt());
    const int camLayer = m_camLayer->currentData().isValid() ? m_camLayer->currentData().toInt() : -1;
    ++m_pending;
    auto latest = m_latest;
    (*latest)[int(m)].store(generation);
    m_pool.start([this, latest, m, generation, target, spec, params, quantization, input, sg, occ, camLayer] {
        auto e = std::make_shared<layerlab::Explanation>();
        // A request replaced before it started is skipped (its result would be dropped anyway).
        if ((*latest)[int(m)].load() == generation) {
            try {
                layerlab::InferenceModel model(spec, *params);
                if (quantization) model.setQuantization(*quantization);
                switch (m) {
                    case ExplainMethod::Saliency:
                        *e = layerlab::saliency(model, input, target);
                        break;
                    case ExplainMethod::SmoothGrad:
                        *e = layerlab::smoothGrad(model, input, target, sg);
                        break;
                    case ExplainMethod::Occlusion:
                        *e = layerlab::occlusion(model, input, target, occ);
                        break;
                    case ExplainMethod::GradCam:
                        *e = layerlab::gradCam(model, input, target, camLayer);
                        break;
                }
            } catch (const std::exception& ex) {
                e->error = ex.what();
            }
        }
        QMetaObject::invokeMethod(
            this, [this, m, generation, e] { onResult(m, generation, e); }, Qt::QueuedConnection);
    });
}

void ExplanationPanel::onResult(ExplainMethod m, quint64 generation,
                                std::shared_ptr<const layerlab::Explanation> e) {
    --m_pending;
    MapBox& b = m_maps[int(m)];
    if (generation != b.generation) return;  // a newer request replaced it
    b.result = e;
    if (!e->ok()) {
        b.image->clear();
        b.status->setText(QString::fromStdString(e->error));
    } else {
        QString status = tr("%1: %2 s")
                             .arg(QString::fromLatin1(layerlab::explainMethodName(m)))
                             .arg(e->seconds, 0, 'f', 2);
        if (!e->note.empty() && m != ExplainMethod::GradCam)
            status += QStringLiteral("\n") + QString::fromStdString(e->note);
        b.status->setText(status);
        if (m == ExplainMethod::GradCam && !e->note.empty())
            m_camNote->setText(QString::fromStdString(e->note));
        updateTargetNames(e->predictedClass);
    }
    render(m);
    emit explained(m);
}

void ExplanationPanel::updateTargetNames(int predicted) {
    if (predicted < 0) return;
    m_target->setItemText(0, tr("the predicted class (%1 %2)").arg(predicted).arg(m_names.value(predicted)));
}

void ExplanationPanel::render(ExplainMethod m) {
    MapBox& b = m_maps[int(m)];
    if (!b.result || !b.result->ok() || b.result->values.empty()) return;
    const layerlab::Explanation& e = *b.result;
    const float lim = std::max(e.maxAbs(), 1e-12f);
    const Colormap map = e.signedValues ? Colormap::diverging(lim) : Colormap::sequential(0, lim);
    const QString caption = m == ExplainMethod::Occlusion ? tr("drop")
                            : m == ExplainMethod::GradCam ? QString()
                                                          : tr("d/dx");
    b.legend->setColormap(map, caption);
    const double a = m_opacity->value() / 100.0;
    QImage img(e.width, e.height, QImage::Format_RGB32);
    for (int y = 0; y < e.height; ++y)
        for (int x = 0; x < e.width; ++x) {
            const int g =
                (m_rows == e.height && m_cols == e.width) ? m_pixels[std::size_t(y) * m_cols + x] : 0;
            const QRgb c = map.map(e.values[std::size_t(y) * e.width + x]);
            img.setPixel(x, y,
                         qRgb(int((1 - a) * g + a * qRed(c)), int((1 - a) * g + a * qGreen(c)),
                              int((1 - a) * g + a * qBlue(c))));
        }
    b.image->setPixmap(QPixmap::fromImage(img.scaled(kMapSide, kMapSide)));
}

void ExplanationPanel::renderAll() {
    for (ExplainMethod m : kMethods) render(m);
}
