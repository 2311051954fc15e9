#include "widgets/evaluate/drawing_panel.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QElapsedTimer>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPixmap>
#include <QPushButton>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <exception>

#include "core/compression.h"
#include "core/inference_model.h"
#include "widgets/evaluate/drawing_pad.h"
#include "widgets/evaluate/image_gallery.h"
#include "widgets/evaluate/probability_bars.h"
#include "widgets/views/feature_map_view.h"

DrawingPanel::DrawingPanel(QWidget* parent) : QWidget(parent) {
    auto* outer = new QHBoxLayout(this);
    outer->setContentsMargins(6, 6, 6, 6);

    // Left: the pad and its tools.
    auto* left = new QVBoxLayout;
    m_pad = new DrawingPad(this);
    m_pad->setMaximumSize(380, 380);
    left->addWidget(m_pad, 1);
    auto* tools = new QHBoxLayout;
    m_pen = new QToolButton(this);
    m_pen->setText(tr("Pen"));
    m_pen->setCheckable(true);
    m_pen->setChecked(true);
    m_pen->setToolTip(tr("Draw ink"));
    m_eraser = new QToolButton(this);
    m_eraser->setText(tr("Eraser"));
    m_eraser->setCheckable(true);
    m_eraser->setToolTip(tr("Rub ink out"));
    auto* group = new QButtonGroup(this);
    group->addButton(m_pen);
    group->addButton(m_eraser);
    m_width = new QSpinBox(this);
    m_width->setRange(4, 60);
    m_width->setValue(m_pad->brushWidth());
    m_width->setSuffix(tr(" px"));
    m_width->setToolTip(tr("Brush width on the pad (which is 280 px across: ten times MNIST's 28)"));
    m_undo = new QPushButton(tr("Undo"), this);
    m_undo->setToolTip(tr("Take back the last stroke (Ctrl+Z on the pad)"));
    m_clear = new QPushButton(tr("Clear"), this);
    m_clear->setToolTip(tr("Wipe the pad (Delete on the pad)"));
    tools->addWidget(m_pen);
    tools->addWidget(m_eraser);
    tools->addWidget(new QLabel(tr("Width"), this));
    tools->addWidget(m_width);
    tools->addStretch(1);
    tools->addWidget(m_undo);
    tools->addWidget(m_clear);
    left->addLayout(tools);

    auto* steps = new QGridLayout;
    m_crop = new QCheckBox(tr("Crop to the ink"), this);
    m_crop->setToolTip(
        tr("Cut the drawing to the bounding box of its ink. Off: the whole pad is scaled, so "
           "the digit comes out small."));
    m_scale = new QCheckBox(tr("Scale to 20 px"), this);
    m_scale->setToolTip(
        tr("Scale the longer side of the box to 20 of the 28 pixels, keeping its shape, as "
           "MNIST did. Off: the pixels keep their size and a large drawing is clipped."));
    m_area = new QCheckBox(tr("Area averaging"), this);
    m_area->setToolTip(
        tr("Each small pixel is the mean of the area it covers: soft grey edges like MNIST's. "
           "Off: the nearest pixel, hard and broken strokes."));
    m_centre = new QCheckBox(tr("Centre of mass"), this);
    m_centre->setToolTip(
        tr("Shift the digit so its centre of mass (weighted by ink) lands on pixel (14, 14), "
           "as in MNIST. Off: the box is centred instead."));
    for (QCheckBox* b : {m_crop, m_scale, m_area, m_centre}) {
        b->setChecked(true);
        connect(b, &QCheckBox::toggled, this, &DrawingPanel::refresh);
    }
    steps->addWidget(new QLabel(tr("<b>MNIST's preprocessing</b>"), this), 0, 0, 1, 2);
    steps->addWidget(m_crop, 1, 0);
    steps->addWidget(m_scale, 1, 1);
    steps->addWidget(m_area, 2, 0);
    steps->addWidget(m_centre, 2, 1);
    left->addLayout(steps);
    left->addStretch(0);
    outer->addLayout(left, 3);

    // Middle: what the network gets and what it answers.
    auto* mid = new QVBoxLayout;
    auto* seen = new QLabel(tr("<b>What the network gets</b>"), this);
    m_preview = new QLabel(this);
    m_preview->setFixedSize(112, 112);
    m_preview->setFrameShape(QFrame::Box);
    m_preview->setAlignment(Qt::AlignCenter);
    m_preview->setToolTip(tr("The 28x28 image the network is given, four times enlarged"));
    m_stepsNote = new QLabel(this);
    m_stepsNote->setWordWrap(true);
    m_bars = new ProbabilityBars(this);
    m_bars->setToolTip(tr("The model's probability for each class, updated while you draw"));
    m_timing = new QLabel(this);
    m_timing->setToolTip(
        tr("Time for the last update: preprocessing, one pass through the network and "
           "copying every layer's output"));
    m_why = new QPushButton(tr("Why this answer?"), this);
    m_why->setToolTip(
        tr("Show what in the drawing the model's answer rests on (saliency, occlusion, Grad-CAM)"));
    mid->addWidget(seen);
    mid->addWidget(m_preview, 0, Qt::AlignLeft);
    mid->addWidget(m_stepsNote);
    mid->addWidget(m_bars);
    mid->addWidget(m_timing);
    mid->addWidget(m_why);
    mid->addStretch(1);
    outer->addLayout(mid, 2);

    // Right: every layer's output for the drawing.
    m_maps = new FeatureMapView(this);
    m_maps->setProbePickerVisible(false);
    m_maps->clear(tr("Draw a digit to see what each layer makes of it."));
    outer->addWidget(m_maps, 4);

    connect(m_pad, &DrawingPad::changed, this, &DrawingPanel::refresh);
    connect(m_pen, &QToolButton::toggled, this, [this](bool on) { m_pad->setErasing(!on); });
    connect(m_width, qOverload<int>(&QSpinBox::valueChanged), m_pad, &DrawingPad::setBrushWidth);
    connect(m_undo, &QPushButton::clicked, m_pad, &DrawingPad::undoStroke);
    connect(m_clear, &QPushButton::clicked, m_pad, &DrawingPad::clearAll);
    connect(m_pad, &DrawingPad::strokeCountChanged, this, [this](int n) {
        m_undo->setEnabled(n > 0);
        m_clear->setEnabled(n > 0);
    });
    connect(m_why, &QPushButton::clicked, this, [this] {
        if (m_last.ok() && !m_last.empty)
            emit explainRequested(m_last.image.pixels, m_last.image.height, m_last.image.width);
    });
    m_undo->setEnabled(false);
    m_clear->setEnabled(false);
    clearModel(tr("No trained weights yet: train the model (F5) or load a checkpoint."));
}

DrawingPanel::~DrawingPanel() = default;

void DrawingPanel::setModel(const layerlab::ModelSpec& spec, std::shared_ptr<const std::vector<float>> params,
                            const QStringList& classNames, layerlab::DatasetKind dataset,
                            std::shared_ptr<const layerlab::Quantization> quantization) {
    m_names = classNames;
    m_dataset = dataset;
    m_spec = spec;
    if (!params) return clearModel(tr("No trained weights yet: train the model (F5) or load a checkpoint."));
    const layerlab::ImageGeometry g = layerlab::imageGeometryOf(spec.input);
    if (g.channels != 1 || g.height < 8 || g.width < 8)
        return clearModel(tr("The pad draws one grey image, but this model takes %1 inputs: use a model for "
                             "grey images such as MNIST's.")
                              .arg(QString::fromStdString(spec.input.toString())));
    try {
        if (m_model && m_model->spec().input == spec.input && m_model->spec().layers == spec.layers)
            m_model->setParams(*params);
        else
            m_model = std::make_unique<layerlab::InferenceModel>(spec, *params, 1);
        m_model->setQuantization(quantization ? *quantization : layerlab::Quantization{});
    } catch (const std::exception& e) {
        return clearModel(QString::fromStdString(e.what()));
    }
    m_noModelReason.clear();
    QStringList outputs = m_names;
    m_maps->setClassNames(outputs, outputs);
    refresh();
}

void DrawingPanel::clearModel(const QString& reason) {
    m_model.reset();
    m_noModelReason = reason;
    m_why->setEnabled(false);
    refresh();
}

layerlab::DigitPreprocessOptions DrawingPanel::options() const {
    const layerlab::ImageGeometry g = layerlab::imageGeometryOf(m_spec.input);
    layerlab::DigitPreprocessOptions o =
        m_model && g.height > 1 ? layerlab::DigitPreprocessOptions::forInput(m_dataset, g.width, g.height)
                                : layerlab::DigitPreprocessOptions::forDataset(m_dataset);
    o.polarity = layerlab::InkPolarity::LightOnDark;  // the pad's canvas is light ink on black
    o.crop = m_crop->isChecked();
    o.scale = m_scale->isChecked();
    o.areaAveraging = m_area->isChecked();
    o.centerOfMass = m_centre->isChecked();
    return o;
}

void DrawingPanel::refresh() {
    m_area->setEnabled(m_scale->isChecked());
    QElapsedTimer clock;
    clock.start();
    m_last = {};
    if (!m_model) {
        m_bars->showMessage(m_noModelReason);
        m_preview->clear();
        m_stepsNote->clear();
        m_timing->clear();
        m_maps->clear(m_noModelReason);
        return;
    }
    if (m_pad->isEmpty()) {
        m_last.empty = true;
        m_bars->showMessage(tr("Draw a digit first."));
        m_preview->clear();
        m_stepsNote->clear();
        m_timing->clear();
        m_why->setEnabled(false);
        m_maps->clear(tr("Draw a digit to see what each layer makes of it."));
        return;
    }
    m_last = layerlab::preprocessDigit(m_pad->image(), options());
    if (!m_last.ok()) {
        m_bars->showMessage(m_last.empty ? tr("Draw a digit first.") : QString::fromStdString(m_last.error));
        m_preview->clear();
        m_why->setEnabled(false);
        return;
    }
    const layerlab::GrayImage& img = m_last.image;
    auto snap = std::make_shared<layerlab::Snapshot>(m_model->snapshot(img.pixels.data()));
    m_bars->setProbabilities(snap->probabilities, m_names);
    m_maps->setSnapshot(std::move(snap));
    m_preview->setPixmap(QPixmap::fromImage(
        datasetImage(img.pixels.data(), img.height, img.width).scaled(m_preview->size() - QSize(2, 2))));
    m_stepsNote->setText(tr("Ink box %1x%2 px → %3x%4, centre of mass (%5, %6)")
                             .arg(m_last.boxWidth)
                             .arg(m_last.boxHeight)
                             .arg(m_last.scaledWidth)
                             .arg(m_last.scaledHeight)
                             .arg(m_last.centerX, 0, 'f', 1)
                             .arg(m_last.centerY, 0, 'f', 1));
    m_why->setEnabled(true);
    m_lastMs = clock.nsecsElapsed() / 1e6;
    m_timing->setText(tr("Updated in %1 ms").arg(m_lastMs, 0, 'f', 1));
}
