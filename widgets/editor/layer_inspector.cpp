#include "widgets/editor/layer_inspector.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QFrame>
#include <QLabel>
#include <QScrollArea>
#include <QSpinBox>
#include <QStackedWidget>
#include <QVBoxLayout>

#include "widgets/common/layer_catalog.h"
#include "widgets/common/layer_icons.h"
#include "widgets/common/quantity_format.h"
#include "widgets/document/model_document.h"

using layerlab::Activation;
using layerlab::LayerSpec;
using layerlab::LayerType;
using layerlab::Padding;

namespace {
QSpinBox* makeSpin(int min, int max, const QString& tip, QWidget* parent) {
    auto* s = new QSpinBox(parent);
    s->setRange(min, max);
    s->setToolTip(tip);
    s->setAccelerated(true);
    return s;
}

QDoubleSpinBox* makeDoubleSpin(double min, double max, double step, int decimals, const QString& tip,
                               QWidget* parent) {
    auto* s = new QDoubleSpinBox(parent);
    s->setRange(min, max);
    s->setSingleStep(step);
    s->setDecimals(decimals);
    s->setToolTip(tip);
    return s;
}

bool isPool(LayerType t) {
    return t == LayerType::MaxPool2D || t == LayerType::AvgPool2D;
}
}  // namespace

LayerInspector::LayerInspector(ModelDocument* document, QWidget* parent) : QWidget(parent), m_doc(document) {
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    m_stack = new QStackedWidget(this);
    outer->addWidget(m_stack);

    m_placeholder = new QLabel(tr("Select a layer in the model to edit its settings."), m_stack);
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setMargin(12);
    m_stack->addWidget(m_placeholder);

    auto* page = new QWidget(m_stack);
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(8, 8, 8, 8);

    auto* header = new QHBoxLayout;
    m_icon = new QLabel(page);
    m_icon->setFixedSize(32, 32);
    m_title = new QLabel(page);
    QFont big = m_title->font();
    big.setBold(true);
    big.setPointSizeF(big.pointSizeF() * 1.15);
    m_title->setFont(big);
    header->addWidget(m_icon);
    header->addWidget(m_title, 1);
    layout->addLayout(header);

    m_description = new QLabel(page);
    m_description->setWordWrap(true);
    QPalette dim = m_description->palette();
    dim.setColor(QPalette::WindowText, dim.color(QPalette::PlaceholderText));
    m_description->setPalette(dim);
    layout->addWidget(m_description);

    m_form = new QFormLayout;
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_units = makeSpin(1, 100000,
                       tr("Number of output units (neurons). More units can learn more, but add "
                          "weights: inputs x units + units."),
                       page);
    m_filters = makeSpin(
        1, 100000, tr("Number of filters, i.e. output channels. Each filter learns one pattern."), page);
    m_kernel = makeSpin(1, 64, tr("Side of the square filter window, in pixels (3 means 3x3)."), page);
    m_stride =
        makeSpin(0, 64, tr("How many pixels the window moves at each step. 2 halves the output size."), page);
    m_padding = new QComboBox(page);
    m_padding->addItem(tr("valid (no padding)"), int(Padding::Valid));
    m_padding->addItem(tr("same (zero padding)"), int(Padding::Same));
    m_padding->setToolTip(
        tr("Whether the image border is padded with zeros so the output keeps the input's "
           "height and width (with stride 1)."));
    m_poolSize = makeSpin(1, 64, tr("Side of the square pooling window (2 means 2x2)."), page);
    m_activation = new QComboBox(page);
    m_activation->addItem(tr("None (linear)"), int(Activation::None));
    m_activation->addItem(QStringLiteral("ReLU"), int(Activation::ReLU));
    m_activation->addItem(QStringLiteral("LeakyReLU"), int(Activation::LeakyReLU));
    m_activation->addItem(QStringLiteral("Sigmoid"), int(Activation::Sigmoid));
    m_activation->addItem(QStringLiteral("Tanh"), int(Activation::Tanh));
    m_activation->addItem(QStringLiteral("Softmax"), int(Activation::Softmax));
    m_activation->setToolTip(
        tr("A non-linearity applied to this layer's output, the same as adding the "
           "activation layer right after it."));
    m_rate = makeDoubleSpin(0.0, 0.95, 0.05, 2,
                            tr("Fraction of inputs switched off at random while training "
                               "(0.5 = half)."),
                            page);
    m_alpha =
        makeDoubleSpin(0.0, 1.0, 0.01, 3, tr("Slope for negative inputs: out = alpha * x when x < 0."), page);

    m_form->addRow(tr("Units:"), m_units);
    m_form->addRow(tr("Filters:"), m_filters);
    m_form->addRow(tr("Kernel size:"), m_kernel);
    m_form->addRow(tr("Pool size:"), m_poolSize);
    m_form->addRow(tr("Stride:"), m_stride);
    m_form->addRow(tr("Padding:"), m_padding);
    m_form->addRow(tr("Activation:"), m_activation);
    m_form->addRow(tr("Dropout rate:"), m_rate);
    m_form->addRow(tr("Alpha:"), m_alpha);
    layout->addLayout(m_form);
    m_noSettings = new QLabel(tr("This layer has no settings."), page);
    m_noSettings->setPalette(dim);
    layout->addWidget(m_noSettings);

    auto* line = new QFrame(page);
    line->setFrameShape(QFrame::HLine);
    line->setFrameShadow(QFrame::Sunken);
    layout->addWidget(line);

    auto* infoForm = new QFormLayout;
    m_shapes = new QLabel(page);
    m_params = new QLabel(page);
    m_flops = new QLabel(page);
    for (QLabel* l : {m_shapes, m_params, m_flops}) l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    infoForm->addRow(tr("Shape:"), m_shapes);
    infoForm->addRow(tr("Parameters:"), m_params);
    infoForm->addRow(tr("FLOPs/sample:"), m_flops);
    layout->addLayout(infoForm);

    m_error = new QLabel(page);
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(QStringLiteral("QLabel { color: #b3261e; }"));
    layout->addWidget(m_error);
    layout->addStretch(1);
    m_stack->addWidget(page);

    // Edits: copy the layer, change one field, hand it to the document.
    connect(m_units, &QSpinBox::valueChanged, this,
            [this](int v) { edit([](LayerSpec& l, double x) { l.units = int(x); }, v); });
    connect(m_filters, &QSpinBox::valueChanged, this,
            [this](int v) { edit([](LayerSpec& l, double x) { l.filters = int(x); }, v); });
    connect(m_kernel, &QSpinBox::valueChanged, this,
            [this](int v) { edit([](LayerSpec& l, double x) { l.kernel = int(x); }, v); });
    connect(m_stride, &QSpinBox::valueChanged, this,
            [this](int v) { edit([](LayerSpec& l, double x) { l.stride = int(x); }, v); });
    connect(m_poolSize, &QSpinBox::valueChanged, this,
            [this](int v) { edit([](LayerSpec& l, double x) { l.poolSize = int(x); }, v); });
    connect(m_padding, &QComboBox::currentIndexChanged, this, [this](int i) {
        edit([](LayerSpec& l, double x) { l.padding = Padding(int(x)); }, m_padding->itemData(i).toInt());
    });
    connect(m_activation, &QComboBox::currentIndexChanged, this, [this](int i) {
        edit([](LayerSpec& l, double x) { l.activation = Activation(int(x)); },
             m_activation->itemData(i).toInt());
    });
    connect(m_rate, &QDoubleSpinBox::valueChanged, this,
            [this](double v) { edit([](LayerSpec& l, double x) { l.rate = float(x); }, v); });
    connect(m_alpha, &QDoubleSpinBox::valueChanged, this,
            [this](double v) { edit([](LayerSpec& l, double x) { l.alpha = float(x); }, v); });

    connect(m_doc, &ModelDocument::changed, this, &LayerInspector::refresh);
    showLayer(-1);
}

void LayerInspector::showLayer(int index) {
    m_index = index;
    refresh();
}

void LayerInspector::edit(void (*apply)(LayerSpec&, double), double value) {
    if (m_updating || m_index < 0 || m_index >= int(m_doc->spec().layers.size())) return;
    LayerSpec layer = m_doc->spec().layers[m_index];
    apply(layer, value);
    m_doc->setLayer(m_index, layer);
}

void LayerInspector::setRowVisible(QWidget* field, bool visible) {
    m_form->setRowVisible(field, visible);
}

void LayerInspector::refresh() {
    const auto& layers = m_doc->spec().layers;
    if (m_index < 0 || m_index >= int(layers.size())) {
        m_index = -1;
        m_stack->setCurrentIndex(0);
        return;
    }
    m_stack->setCurrentIndex(1);
    const LayerSpec& layer = layers[m_index];
    const LayerType t = layer.type;

    m_updating = true;
    m_icon->setPixmap(layerIcon(t).pixmap(32, 32));
    m_title->setText(tr("%1 \u00b7 %2").arg(m_index + 1).arg(LayerCatalog::displayName(t)));
    m_description->setText(LayerCatalog::description(t));

    setRowVisible(m_units, t == LayerType::Dense);
    setRowVisible(m_filters, t == LayerType::Conv2D);
    setRowVisible(m_kernel, t == LayerType::Conv2D);
    setRowVisible(m_poolSize, isPool(t));
    setRowVisible(m_stride, t == LayerType::Conv2D || isPool(t));
    setRowVisible(m_padding, t == LayerType::Conv2D);
    setRowVisible(m_activation, hasActivation(t));
    setRowVisible(m_rate, t == LayerType::Dropout);
    const bool leaky = usesAlpha(layer);
    setRowVisible(m_alpha, leaky);
    m_noSettings->setVisible(!hasActivation(t) && !isPool(t) && t != LayerType::Dropout && !leaky);

    // Pools read stride 0 as "same as the pool size"; convolutions need at least 1.
    m_stride->setMinimum(isPool(t) ? 0 : 1);
    m_stride->setSpecialValueText(isPool(t) ? tr("same as pool size") : QString());

    // Only touch an editor whose value differs, so typing in a spin box is not disturbed.
    auto setSpin = [](QSpinBox* s, int v) {
        if (s->value() != v) s->setValue(v);
    };
    auto setDouble = [](QDoubleSpinBox* s, double v) {
        if (std::abs(s->value() - v) > 1e-6) s->setValue(v);
    };
    auto setCombo = [](QComboBox* c, int data) {
        const int i = c->findData(data);
        if (c->currentIndex() != i) c->setCurrentIndex(i);
    };
    setSpin(m_units, layer.units);
    setSpin(m_filters, layer.filters);
    setSpin(m_kernel, layer.kernel);
    setSpin(m_stride, layer.stride);
    setSpin(m_poolSize, layer.poolSize);
    setCombo(m_padding, int(layer.padding));
    setCombo(m_activation, int(layer.activation));
    setDouble(m_rate, layer.rate);
    setDouble(m_alpha, layer.alpha);

    const auto& infos = m_doc->info().layers;
    if (m_index < int(infos.size())) {
        const auto& info = infos[m_index];
        const QString in =
            info.inputShape.dims.empty() ? tr("?") : QString::fromStdString(info.inputShape.toString());
        const QString out =
            info.outputShape.dims.empty() ? tr("?") : QString::fromStdString(info.outputShape.toString());
        m_shapes->setText(tr("%1 \u2192 %2").arg(in, out));
        const bool known = !info.outputShape.dims.empty();
        m_params->setText(known ? QLocale().toString(info.params) : tr("?"));
        m_flops->setText(known ? QuantityFormat::flops(info.flops) : tr("?"));
        const int errorLayer = m_doc->info().errorLayer;
        if (!info.error.empty()) {
            m_error->setStyleSheet(QStringLiteral("QLabel { color: #b3261e; }"));
            m_error->setText(QString::fromStdString(info.error));
        } else if (!known && errorLayer >= 0 && errorLayer < m_index) {
            m_error->setStyleSheet(QString());
            m_error->setText(tr("Shapes appear once layer %1 is fixed.").arg(errorLayer + 1));
        } else {
            m_error->clear();
        }
        m_error->setVisible(!m_error->text().isEmpty());
    } else {
        m_shapes->clear();
        m_params->clear();
        m_flops->clear();
        m_error->hide();
    }
    m_updating = false;
}
