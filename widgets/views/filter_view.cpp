#include "widgets/views/filter_view.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "widgets/common/colormap.h"
#include "widgets/common/colormap_legend.h"
#include "widgets/common/tile_grid.h"

namespace {

float maxAbs(const std::vector<float>& v) {
    float m = 0;
    for (float x : v)
        if (std::isfinite(x)) m = std::max(m, std::abs(x));
    return m;
}

// Index of a first Dense layer that sees the raw pixels (only Flatten/Dropout before it), or -1.
int denseOnPixels(const layerlab::Snapshot& s) {
    for (int i = 0; i < int(s.layers.size()); ++i) {
        const auto& l = s.layers[i];
        if (l.spec.type == layerlab::LayerType::Dense) {
            const bool onPixels = l.weightDims.size() == 2 && l.weightDims[1] == s.inputShape.size() &&
                                  s.inputShape.isSpatial() && s.inputShape.c() == 1;
            return onPixels ? i : -1;
        }
        if (l.spec.type != layerlab::LayerType::Flatten && l.spec.type != layerlab::LayerType::Dropout)
            return -1;
    }
    return -1;
}

}  // namespace

FilterView::FilterView(QWidget* parent) : SnapshotView(parent) {
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    m_header = new QLabel(this);
    m_header->setWordWrap(true);
    m_header->setContentsMargins(6, 4, 6, 4);
    outer->addWidget(m_header);
    outer->addWidget(createSectionsArea(), 1);
    clear();
}

void FilterView::clear(const QString& hint) {
    forgetSnapshot();
    for (auto& s : m_sections) delete s.box;
    m_sections.clear();
    m_header->setText(hint.isEmpty() ? tr("No weights yet. Start training (F5), or load a checkpoint "
                                          "(File ▸ Load Checkpoint…) to see the learned filters.")
                                     : hint);
}

QString FilterView::sectionTitle(int i) const {
    return m_sections.value(i).title ? m_sections[i].title->text() : QString();
}

QImage FilterView::sectionImage(int i, int columns) const {
    if (i < 0 || i >= m_sections.size()) return QImage();
    return m_sections[i].grid->composed(columns);
}

void FilterView::render() {
    const auto& s = *m_snapshot;
    // Same layers with the same shapes: redraw in place. Otherwise rebuild the sections.
    bool same = true;
    int expected = 0;
    for (int i = 0; i < int(s.layers.size()); ++i)
        if (s.layers[i].spec.type == layerlab::LayerType::Conv2D && s.layers[i].weightDims.size() == 4) {
            if (expected >= m_sections.size() || m_sections[expected].layer != i ||
                m_sections[expected].dims != s.layers[i].weightDims)
                same = false;
            ++expected;
        }
    const int dense = denseOnPixels(s);
    if (dense >= 0) {
        if (expected >= m_sections.size() || m_sections[expected].layer != dense ||
            m_sections[expected].dims != s.layers[dense].weightDims)
            same = false;
        ++expected;
    }
    if (!same || expected != m_sections.size()) rebuild(s);

    if (m_sections.isEmpty())
        m_header->setText(
            tr("This model has no Conv2D layer and no Dense layer on raw pixels, so there are "
               "no filters to draw. The Feature maps tab shows what each layer computes."));
    else if (s.epoch == 0)
        m_header->setText(tr("Weights of the loaded model (not trained in this session)."));
    else if (s.batch == 0)
        m_header->setText(
            tr("Weights at the end of epoch %1 (%2 optimizer steps). Red is positive, blue negative, white "
               "zero.")
                .arg(s.epoch)
                .arg(s.step));
    else
        m_header->setText(tr("Weights of epoch %1, batch %2 (%3 optimizer steps). Red is positive, blue "
                             "negative, white zero.")
                              .arg(s.epoch)
                              .arg(s.batch)
                              .arg(s.step));
    for (auto& sec : m_sections) renderSection(sec);
}

void FilterView::rebuild(const layerlab::Snapshot& s) {
    for (auto& sec : m_sections) delete sec.box;
    m_sections.clear();
    auto addKindSection = [&](Kind kind, int layer) {
        Section sec;
        sec.kind = kind;
        sec.layer = layer;
        sec.dims = s.layers[layer].weightDims;
        QWidget* channelPicker = nullptr;
        if (kind == Kind::ConvKernels && sec.dims[1] > 1) {
            channelPicker = new QWidget;
            auto* h = new QHBoxLayout(channelPicker);
            h->setContentsMargins(0, 0, 0, 0);
            h->addWidget(new QLabel(tr("channel:"), channelPicker));
            sec.channel = new QSpinBox(channelPicker);
            sec.channel->setRange(-1, sec.dims[1] - 1);
            sec.channel->setSpecialValueText(tr("mean"));
            sec.channel->setValue(-1);
            sec.channel->setToolTip(tr(
                "Each filter has one kernel per input channel. Show their mean, or one channel's kernel."));
            h->addWidget(sec.channel);
            // The first layer on an RGB image: its kernels are small colour pictures.
            if (layer == 0 && sec.dims[1] == 3 && s.inputShape.isSpatial() && s.inputShape.c() == 3) {
                sec.colour = new QCheckBox(tr("in colour"), channelPicker);
                sec.colour->setChecked(true);
                sec.colour->setToolTip(
                    tr("Each kernel as a colour picture: its weights on the red, green and "
                       "blue input make the pixel's red, green and blue; mid-grey is 0."));
                sec.channel->setEnabled(false);
                h->addWidget(sec.colour);
            }
        }
        const auto w =
            addSection(6, tr("Colour scale: the layer's largest |weight| is full red (+) or full blue (−)."),
                       channelPicker);
        sec.box = w.box;
        sec.title = w.title;
        sec.legend = w.legend;
        sec.grid = w.grid;
        m_sections.push_back(sec);
        if (sec.channel) {
            const int idx = m_sections.size() - 1;
            connect(sec.channel, qOverload<int>(&QSpinBox::valueChanged), this, [this, idx] {
                if (idx < m_sections.size()) renderSection(m_sections[idx]);
            });
            if (sec.colour)
                connect(sec.colour, &QCheckBox::toggled, this, [this, idx](bool on) {
                    if (idx >= m_sections.size()) return;
                    m_sections[idx].channel->setEnabled(!on);
                    renderSection(m_sections[idx]);
                });
        }
    };
    for (int i = 0; i < int(s.layers.size()); ++i)
        if (s.layers[i].spec.type == layerlab::LayerType::Conv2D && s.layers[i].weightDims.size() == 4)
            addKindSection(Kind::ConvKernels, i);
    const int dense = denseOnPixels(s);
    if (dense >= 0) addKindSection(Kind::DenseOnPixels, dense);
}

void FilterView::renderSection(Section& sec) {
    if (!m_snapshot || sec.layer >= int(m_snapshot->layers.size())) return;
    const auto& l = m_snapshot->layers[sec.layer];
    QVector<QImage> tiles;
    QStringList captions;
    int convIndex = 0;
    for (const auto& other : m_sections) {
        if (&other == &sec) break;
        if (other.kind == Kind::ConvKernels) ++convIndex;
    }
    if (sec.kind == Kind::ConvKernels && sec.colour && sec.colour->isChecked()) {
        // RGB kernels: 0.5 + 0.5 w / limit per channel, the limit the layer's largest |weight|.
        const int filters = l.weightDims[0], kh = l.weightDims[2], kw = l.weightDims[3];
        const float limit = std::max(maxAbs(l.weights), 1e-12f);
        const int scale = std::max(2, 36 / std::max(kh, kw));
        for (int f = 0; f < filters; ++f) {
            const float* base = l.weights.data() + std::size_t(f) * 3 * kh * kw;
            QImage img(kw, kh, QImage::Format_RGB888);
            for (int y = 0; y < kh; ++y)
                for (int x = 0; x < kw; ++x)
                    for (int c = 0; c < 3; ++c) {
                        const float w = base[std::size_t(c) * kh * kw + std::size_t(y) * kw + x];
                        img.scanLine(y)[3 * x + c] =
                            uchar(std::clamp(0.5f + 0.5f * w / limit, 0.0f, 1.0f) * 255.0f + 0.5f);
                    }
            tiles.push_back(img.scaled(kw * scale, kh * scale));
            captions << QString::number(f);
        }
        sec.legend->setVisible(false);
        sec.title->setText(
            tr("Conv2D #%1 (layer %2): %3 filters %4x%5 on the RGB image, in colour (red, green "
               "and blue weights; mid-grey 0)")
                .arg(convIndex + 1)
                .arg(l.specIndex + 1)
                .arg(filters)
                .arg(kh)
                .arg(kw));
    } else if (sec.kind == Kind::ConvKernels) {
        sec.legend->setVisible(true);
        const int filters = l.weightDims[0], in = l.weightDims[1], kh = l.weightDims[2], kw = l.weightDims[3];
        const int channel = sec.channel ? sec.channel->value() : 0;
        std::vector<float> kernel(std::size_t(kh) * kw);
        // Colour limit over what is drawn, so the mean view is not washed out.
        std::vector<std::vector<float>> shown(filters);
        float limit = 0;
        for (int f = 0; f < filters; ++f) {
            const float* base = l.weights.data() + std::size_t(f) * in * kh * kw;
            if (channel >= 0) {
                std::copy(base + std::size_t(channel) * kh * kw, base + std::size_t(channel + 1) * kh * kw,
                          kernel.begin());
            } else {
                std::fill(kernel.begin(), kernel.end(), 0.f);
                for (int c = 0; c < in; ++c)
                    for (int k = 0; k < kh * kw; ++k) kernel[k] += base[std::size_t(c) * kh * kw + k] / in;
            }
            shown[f] = kernel;
            limit = std::max(limit, maxAbs(kernel));
        }
        const Colormap map = Colormap::diverging(limit);
        const int scale = std::max(2, 36 / std::max(kh, kw));
        for (int f = 0; f < filters; ++f) {
            tiles.push_back(map.image(shown[f].data(), kh, kw, scale));
            captions << QString::number(f);
        }
        sec.legend->setColormap(map, tr("weight"));
        sec.title->setText(tr("Conv2D #%1 (layer %2): %3 filters %4x%5, %6 input channel(s)")
                               .arg(convIndex + 1)
                               .arg(l.specIndex + 1)
                               .arg(filters)
                               .arg(kh)
                               .arg(kw)
                               .arg(in));
    } else {
        const int units = l.weightDims[0];
        const int h = m_snapshot->inputShape.h(), w = m_snapshot->inputShape.w();
        const Colormap map = Colormap::diverging(maxAbs(l.weights));
        const int scale = h <= 32 ? 2 : 1;
        for (int u = 0; u < units; ++u) {
            tiles.push_back(map.image(l.weights.data() + std::size_t(u) * h * w, h, w, scale));
            captions << QString::number(u);
        }
        sec.legend->setColormap(map, tr("weight"));
        sec.title->setText(tr("Dense (layer %1) on raw pixels: each unit's %2 weights as a %3x%4 image")
                               .arg(l.specIndex + 1)
                               .arg(h * w)
                               .arg(h)
                               .arg(w));
    }
    sec.grid->setTiles(std::move(tiles), std::move(captions));
}
