#include "widgets/training/augment_preview.h"

#include <QHelpEvent>
#include <QImage>
#include <QLabel>
#include <QPainter>
#include <QToolTip>
#include <QVBoxLayout>
#include <algorithm>
#include <vector>

#include "core/augment.h"
#include "core/dataset.h"
#include "core/validation_split.h"
#include "widgets/common/dataset_image.h"
#include "widgets/document/model_document.h"

namespace {

constexpr int kZoom = 2;  // screen pixels per image pixel
constexpr int kGap = 4;

// Network inputs (0..1, channel-major) as a picture: grey for one channel, colour for three.
QImage inputImage(const float* inputs, int channels, int rows, int cols) {
    std::vector<std::uint8_t> px(std::size_t(channels) * rows * cols);
    for (std::size_t i = 0; i < px.size(); ++i)
        px[i] = std::uint8_t(std::clamp(inputs[i], 0.0f, 1.0f) * 255.0f + 0.5f);
    return datasetImage(px.data(), rows, cols, channels);
}

}  // namespace

AugmentPreview::AugmentPreview(ModelDocument* document, QWidget* parent) : QWidget(parent), m_doc(document) {
    auto* v = new QVBoxLayout(this);
    v->setContentsMargins(0, 0, 0, 0);
    m_note = new QLabel(this);
    m_note->setWordWrap(true);
    m_note->setAlignment(Qt::AlignLeft | Qt::AlignBottom);
    v->addStretch(1);
    v->addWidget(m_note);
    setToolTip(
        tr("Top: training images as they are. Bottom: the same images as the first batch of epoch 1 "
           "will show them to the model, with these settings."));
    connect(m_doc, &ModelDocument::changed, this, &AugmentPreview::refresh);
    refresh();
}

void AugmentPreview::setDataset(std::shared_ptr<const layerlab::Dataset> dataset) {
    m_data = std::move(dataset);
    refresh();
}

QImage AugmentPreview::original(int i) const {
    return i < m_original.size() ? m_original[i] : QImage();
}
QImage AugmentPreview::augmented(int i) const {
    return i < m_augmented.size() ? m_augmented[i] : QImage();
}
QString AugmentPreview::note() const {
    return m_note->text();
}

void AugmentPreview::refresh() {
    m_original.clear();
    m_augmented.clear();
    m_tips.clear();
    const layerlab::TrainingSpec& t = m_doc->spec().training;
    const bool on = layerlab::augmentationOn(t.augmentation);
    const int rows = m_data ? m_data->rows : 28, cols = m_data ? m_data->cols : 28;
    if (!m_data || m_data->trainCount() == 0) {
        m_note->setText(tr("The preview appears when the dataset has loaded."));
    } else {
        // The first batch of epoch 1, in the Trainer's order.
        std::vector<std::uint32_t> order = layerlab::splitTrainValidation(t, *m_data).train;
        layerlab::shuffleForEpoch(order, t.seed, 1);
        const layerlab::Shape shape = m_data->imageShape();
        const size_t size = m_data->imageSize();
        std::vector<float> plain(size), seen(size);
        for (int i = 0; i < std::min<int>(kImages, int(order.size())); ++i) {
            const std::uint8_t* pixels = m_data->trainImages.data() + size_t(order[size_t(i)]) * size;
            const layerlab::AugmentDraw d =
                layerlab::drawAugment(t.augmentation, layerlab::augmentSeed(t.seed, 1, size_t(i)));
            layerlab::augmentToInputs(pixels, shape, layerlab::AugmentDraw{}, plain.data());
            layerlab::augmentToInputs(pixels, shape, on ? d : layerlab::AugmentDraw{}, seen.data());
            m_original << inputImage(plain.data(), m_data->channels, rows, cols);
            m_augmented << inputImage(seen.data(), m_data->channels, rows, cols);
            m_tips << (on ? tr("Shift %1, %2 px; rotation %3°; zoom %4×; noise %5")
                                .arg(d.dx)
                                .arg(d.dy)
                                .arg(double(d.angleDegrees), 0, 'f', 1)
                                .arg(double(d.scale), 0, 'f', 2)
                                .arg(double(d.noise))
                          : tr("Augmentation is off: the model sees the image as it is."));
        }
        m_note->setText(on ? tr("Top: as stored. Bottom: as the model sees them in the first batch.")
                           : tr("Augmentation is off: set a shift, rotation, zoom or noise above to see "
                                "what it does."));
    }
    const int tile = cols * kZoom;
    setMinimumHeight(2 * rows * kZoom + kGap + m_note->sizeHint().height() + kGap);
    setMinimumWidth(std::min(kImages, 3) * (tile + kGap));
    update();
}

void AugmentPreview::paintEvent(QPaintEvent*) {
    if (m_original.isEmpty()) return;
    QPainter p(this);
    const int w = m_original.first().width() * kZoom, h = m_original.first().height() * kZoom;
    const int perRow = std::max(1, std::min<int>(int(m_original.size()), (width() + kGap) / (w + kGap)));
    for (int i = 0; i < std::min<int>(perRow, int(m_original.size())); ++i) {
        const int x = i * (w + kGap);
        p.drawImage(QRect(x, 0, w, h), m_original[i]);
        p.drawImage(QRect(x, h + kGap, w, h), m_augmented[i]);
    }
}

bool AugmentPreview::event(QEvent* e) {
    if (e->type() == QEvent::ToolTip && !m_original.isEmpty()) {
        auto* help = static_cast<QHelpEvent*>(e);
        const int w = m_original.first().width() * kZoom, h = m_original.first().height() * kZoom;
        const int i = help->pos().x() / (w + kGap);
        if (help->pos().y() < 2 * h + kGap && i >= 0 && i < m_tips.size()) {
            QToolTip::showText(help->globalPos(), m_tips[i], this);
            return true;
        }
    }
    return QWidget::event(e);
}
