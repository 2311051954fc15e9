#include "widgets/views/feature_map_view.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <span>

#include "widgets/common/colormap.h"
#include "widgets/common/colormap_legend.h"
#include "widgets/common/layer_catalog.h"
#include "widgets/common/tile_grid.h"

FeatureMapView::FeatureMapView(QWidget* parent) : SnapshotView(parent) {
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);

    auto* top = new QHBoxLayout;
    top->setContentsMargins(6, 4, 6, 0);
    auto* lab = m_probeLabel = new QLabel(tr("Probe image:"), this);
    m_prev = new QToolButton(this);
    m_prev->setArrowType(Qt::LeftArrow);
    m_prev->setToolTip(tr("Previous image"));
    m_index = new QSpinBox(this);
    m_index->setRange(0, 0);
    m_index->setKeyboardTracking(false);
    m_index->setToolTip(
        tr("Which held-out image to send through the network. Its activations are drawn below."));
    m_next = new QToolButton(this);
    m_next->setArrowType(Qt::RightArrow);
    m_next->setToolTip(tr("Next image"));
    m_source = new QLabel(this);
    top->addWidget(lab);
    top->addWidget(m_prev);
    top->addWidget(m_index);
    top->addWidget(m_next);
    top->addWidget(m_source);
    top->addStretch(1);
    m_beforeActivation = new QCheckBox(tr("Before activation"), this);
    m_beforeActivation->setToolTip(tr(
        "A Dense or Conv2D layer with an activation (relu, sigmoid, …) shows what it passes on: its output "
        "after the activation. Tick this to see the values before the activation instead (negative ones "
        "included)."));
    top->addWidget(m_beforeActivation);
    outer->addLayout(top);
    outer->addWidget(createSectionsArea(), 1);

    // The probe image, the prediction and the hint scroll with the layers, above them.
    auto* head = new QWidget(m_content);
    auto* headLayout = new QVBoxLayout(head);
    headLayout->setContentsMargins(0, 2, 0, 2);
    auto* probe = new QHBoxLayout;
    probe->setContentsMargins(0, 0, 0, 0);
    m_input = new QLabel(head);
    m_input->setFixedSize(84, 84);
    m_input->setFrameShape(QFrame::Box);
    m_input->setAlignment(Qt::AlignCenter);
    m_prediction = new QLabel(head);
    m_prediction->setWordWrap(true);
    m_prediction->setTextFormat(Qt::RichText);
    m_prediction->setAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    probe->addWidget(m_input);
    probe->addWidget(m_prediction, 1);
    headLayout->addLayout(probe);
    m_hint = new QLabel(head);
    m_hint->setWordWrap(true);
    headLayout->addWidget(m_hint);
    m_sectionsLayout->insertWidget(0, head);

    connect(m_prev, &QToolButton::clicked, m_index, &QSpinBox::stepDown);
    connect(m_next, &QToolButton::clicked, m_index, &QSpinBox::stepUp);
    connect(m_index, qOverload<int>(&QSpinBox::valueChanged), this, &FeatureMapView::probeIndexChanged);
    connect(m_beforeActivation, &QCheckBox::toggled, this, [this] {
        if (m_snapshot) render();
    });
    clear();
}

int FeatureMapView::probeIndex() const {
    return m_index->value();
}

void FeatureMapView::setProbeRange(int count, const QString& source) {
    m_index->setRange(0, std::max(0, count - 1));
    m_source->setText(count > 0 ? tr("of %1 %2 images").arg(count).arg(source) : QString());
}

void FeatureMapView::setClassNames(const QStringList& labelNames, const QStringList& outputNames) {
    if (labelNames == m_labelNames && outputNames == m_outputNames) return;
    m_labelNames = labelNames;
    m_outputNames = outputNames;
    if (m_snapshot) setSnapshot(m_snapshot);  // redrawn now if shown, else when shown
}

QString FeatureMapView::predictionText() const {
    return m_prediction->text();
}

QImage FeatureMapView::layerImage(int i, int columns) const {
    if (i < 0 || i >= m_sections.size()) return QImage();
    return m_sections[i].grid->composed(columns);
}

QString FeatureMapView::layerTitle(int i) const {
    return i >= 0 && i < m_sections.size() ? m_sections[i].title->text() : QString();
}

void FeatureMapView::setShowBeforeActivation(bool on) {
    m_beforeActivation->setChecked(on);
}

bool FeatureMapView::showBeforeActivation() const {
    return m_beforeActivation->isChecked();
}

void FeatureMapView::setProbePickerVisible(bool visible) {
    for (QWidget* w :
         {static_cast<QWidget*>(m_probeLabel), static_cast<QWidget*>(m_prev), static_cast<QWidget*>(m_index),
          static_cast<QWidget*>(m_next), static_cast<QWidget*>(m_source)})
        w->setVisible(visible);
}

void FeatureMapView::clear(const QString& hint) {
    forgetSnapshot();
    for (auto& s : m_sections) delete s.box;
    m_sections.clear();
    m_input->clear();
    m_prediction->clear();
    m_hint->setText(hint.isEmpty()
                        ? tr("No activations yet. Start training (F5) or load a checkpoint to see what "
                             "each layer makes of an image.")
                        : hint);
}

void FeatureMapView::rebuild(const layerlab::Snapshot& s) {
    for (auto& sec : m_sections) delete sec.box;
    m_sections.clear();
    for (const auto& l : s.layers) {
        Section sec;
        sec.key = QString::fromStdString(l.name + ":" + l.outputShape.toString());
        const auto w = addSection(4, tr("Colour scale of this layer's outputs for the probe image."));
        sec.box = w.box;
        sec.title = w.title;
        sec.legend = w.legend;
        sec.grid = w.grid;
        m_sections.push_back(sec);
    }
}

void FeatureMapView::render() {
    const auto& s = *m_snapshot;
    m_hint->clear();

    bool same = int(s.layers.size()) == m_sections.size();
    for (int i = 0; same && i < m_sections.size(); ++i)
        same = m_sections[i].key ==
               QString::fromStdString(s.layers[i].name + ":" + s.layers[i].outputShape.toString());
    if (!same) rebuild(s);

    // The input, grey on black as in MNIST.
    if (!s.input.empty() && s.inputShape.size() == (long long)s.input.size()) {
        const int h = s.inputShape.h(), w = s.inputShape.w();
        QImage img(w, h, QImage::Format_Grayscale8);
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x)
                img.scanLine(y)[x] =
                    uchar(std::clamp(s.input[std::size_t(y) * w + x], 0.f, 1.f) * 255.f + 0.5f);
        m_input->setPixmap(
            QPixmap::fromImage(img.scaled(w * 3, h * 3, Qt::KeepAspectRatio, Qt::FastTransformation)));
    }
    auto name = [](const QStringList& names, int c) {
        return c >= 0 && c < names.size() ? names[c].toHtmlEscaped() : QString::number(c);
    };
    // An image without a label (a drawing) shows only the prediction.
    QString pred = s.label >= 0 ? tr("<b>label %1</b>, predicted <b>%2</b>")
                                      .arg(name(m_labelNames, s.label), name(m_outputNames, s.predicted))
                                : tr("predicted <b>%1</b>").arg(name(m_outputNames, s.predicted));
    if (s.label >= 0 && s.predicted >= 0)
        pred += s.label == s.predicted ? tr(" <span style='color:#2a7d2a'>✔ right</span>")
                                       : tr(" <span style='color:#b22222'>✘ wrong</span>");
    if (!s.probabilities.empty()) {
        QStringList probs;
        for (int c = 0; c < int(s.probabilities.size()); ++c)
            probs << QStringLiteral("%1: %2%")
                         .arg(name(m_outputNames, c))
                         .arg(s.probabilities[c] * 100.0, 0, 'f', 1);
        pred += "<br><small>" + tr("probabilities ") + probs.join(QStringLiteral(" · ")) + "</small>";
    }
    if (s.epoch > 0)
        pred += "<br><small>" +
                (s.batch > 0 ? tr("weights of epoch %1, batch %2").arg(s.epoch).arg(s.batch)
                             : tr("weights at the end of epoch %1").arg(s.epoch)) +
                "</small>";
    m_prediction->setText(pred);

    const bool before = m_beforeActivation->isChecked();
    for (int i = 0; i < m_sections.size(); ++i) {
        const auto& l = s.layers[i];
        Section& sec = m_sections[i];
        const bool fused = !l.preActivation.empty();
        const std::vector<float>& values = before && fused ? l.preActivation : l.activation;
        const std::span<const float> act(values);
        const Colormap map = Colormap::fitting(act);
        QVector<QImage> tiles;
        QStringList captions;
        if (l.outputShape.isSpatial() && (long long)values.size() == l.outputShape.size()) {
            const int c = l.outputShape.c(), h = l.outputShape.h(), w = l.outputShape.w();
            const int scale = std::max(1, 52 / std::max(h, w));
            for (int ch = 0; ch < c; ++ch)
                tiles.push_back(map.image(values.data() + std::size_t(ch) * h * w, h, w, scale));
        } else if (!values.empty()) {
            // A flat vector: up to 12 values (the classes of an output layer) as one row of 20 px cells, more
            // as tiles of 16 x 8 cells of 12 px, which the grid flows into the pane's width.
            const int n = int(values.size());
            const int cols = n <= 12 ? n : 16, chunk = n <= 12 ? n : 16 * 8;
            for (int start = 0; start < n; start += chunk) {
                const int count = std::min(chunk, n - start);
                const int rows = (count + cols - 1) / cols;
                std::vector<float> padded(std::size_t(rows) * cols, 0.f);
                std::copy(values.begin() + start, values.begin() + start + count, padded.begin());
                tiles.push_back(map.image(padded.data(), rows, cols, n <= 12 ? 20 : 12));
            }
        }
        sec.grid->setTiles(std::move(tiles), std::move(captions));
        // Numbered and named as the editor's block: "1 · Conv2D  8 filters 3x3 /1 valid, relu → 8x26x26".
        const QString activation = QString::fromLatin1(layerlab::activationName(l.spec.activation));
        sec.legend->setColormap(map, before && fused ? tr("before %1").arg(activation) : tr("output"));
        QString title = tr("%1 · %2").arg(l.specIndex + 1).arg(LayerCatalog::displayName(l.spec.type));
        const QString summary = QString::fromStdString(l.spec.summary());
        if (!summary.isEmpty()) title += QStringLiteral("  ") + summary;
        title += QStringLiteral(" → ") + QString::fromStdString(l.outputShape.toString());
        if (before && fused) title += tr(" (before %1)").arg(activation);
        sec.title->setText(title);
    }
}
