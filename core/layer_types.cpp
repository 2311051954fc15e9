// The layer-type table: fields, limits, defaults, texts, summaries and engine layers of every layer type.
#include "core/layer_types.h"

#include <algorithm>
#include <cassert>
#include <optional>

#include "core/layer.h"
#include "core/layers/activations.h"
#include "core/layers/batchnorm.h"
#include "core/layers/conv2d.h"
#include "core/layers/dense.h"
#include "core/layers/dropout.h"
#include "core/layers/flatten.h"
#include "core/layers/pool2d.h"
#include "core/layers/residual.h"
#include "core/weight_init.h"

namespace layerlab {

namespace {

std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// Activation options and the engine layer each becomes.
struct ActivationRow {
    Activation value;
    const char* key;
    const char* label;
    std::optional<LayerType> layer;
};
const ActivationRow kActivations[] = {
    {Activation::None, "none", "None (linear)", std::nullopt},
    {Activation::ReLU, "relu", "ReLU", LayerType::ReLU},
    {Activation::LeakyReLU, "leaky_relu", "LeakyReLU", LayerType::LeakyReLU},
    {Activation::Sigmoid, "sigmoid", "Sigmoid", LayerType::Sigmoid},
    {Activation::Tanh, "tanh", "Tanh", LayerType::Tanh},
    {Activation::Softmax, "softmax", "Softmax", LayerType::Softmax},
};

std::vector<ChoiceOption> activationOptions() {
    std::vector<ChoiceOption> out;
    for (const ActivationRow& a : kActivations) {
        ChoiceOption o{int(a.value), a.key, a.label};
        if (a.value == Activation::LeakyReLU) o.uses = {"alpha"};
        out.push_back(o);
    }
    return out;
}

std::string withActivation(const LayerSpec& l, std::string s) {
    if (l.activation == Activation::None) return s;
    s += ", ";
    s += activationName(l.activation);
    if (l.activation == Activation::LeakyReLU) {
        s += ' ';
        s += floatText(l.alpha);
    }
    return s;
}

std::string noSummary(const LayerSpec&) {
    return {};
}

std::string poolSummary(const LayerSpec& l) {
    std::string s = std::to_string(l.poolSize) + "x" + std::to_string(l.poolSize);
    if (l.stride != 0 && l.stride != l.poolSize) s += " /" + std::to_string(l.stride);
    return s;
}

std::string residualSummary(const LayerSpec& l) {
    const size_t n = l.layers.size();
    return "y = x + f(x), " + (n == 1 ? std::string("1 layer") : std::to_string(n) + " layers") + " in f";
}

// Inner layers that keep `in`: conv 3x3 same (relu) -> conv 3x3 same for an image, dense (relu) -> dense for
// a flat input; the block's output then has the input's shape.
void fitResidual(LayerSpec& l, const Shape& in) {
    if (!l.layers.empty() || in.size() <= 0) return;
    const bool image = in.isSpatial();
    LayerSpec a = LayerSpec::make(image ? LayerType::Conv2D : LayerType::Dense);
    if (image) {
        a.filters = in.c();
        a.padding = Padding::Same;
    } else {
        a.units = int(in.size());
    }
    a.activation = Activation::ReLU;
    LayerSpec b = a;
    b.activation = Activation::None;
    l.layers = {a, b};
}

template <typename L>
std::unique_ptr<Layer> plain(const LayerSpec&) {
    return std::make_unique<L>();
}

struct Tables {
    LayerField units, filters, kernel, convStride, padding, activation, alpha, poolSize, poolStride, rate,
        trainable, init, initStd, momentum, epsilon;
    std::vector<LayerTypeInfo> types;
    std::vector<const LayerField*> all;
};

const Tables& tables() {
    static const Tables t = [] {
        Tables t{
            {{.key = "units",
              .label = "Units",
              .tooltip = "Number of output units (neurons). More units can learn more, but add weights: "
                         "inputs x units + units.",
              .kind = FieldKind::Int,
              .limits = {1, 100000},
              .def = toFieldValue(64)},
             LAYERLAB_FIELD_ACCESS(LayerSpec, units)},
            {{.key = "filters",
              .label = "Filters",
              .tooltip = "Number of filters, i.e. output channels. Each filter learns one pattern.",
              .kind = FieldKind::Int,
              .limits = {1, 100000},
              .def = toFieldValue(32)},
             LAYERLAB_FIELD_ACCESS(LayerSpec, filters)},
            {{.key = "kernel",
              .label = "Kernel size",
              .tooltip = "Side of the square filter window, in pixels (3 means 3x3).",
              .kind = FieldKind::Int,
              .limits = {1, 64},
              .def = toFieldValue(3)},
             LAYERLAB_FIELD_ACCESS(LayerSpec, kernel)},
            {{.key = "stride",
              .label = "Stride",
              .tooltip = "How many pixels the window moves at each step. 2 halves the output size.",
              .kind = FieldKind::Int,
              .limits = {1, 64},
              .def = toFieldValue(1)},
             LAYERLAB_FIELD_ACCESS(LayerSpec, stride)},
            {{.key = "padding",
              .label = "Padding",
              .tooltip = "Whether the image border is padded with zeros so the output keeps the input's "
                         "height and width (with stride 1).",
              .kind = FieldKind::Choice,
              .noun = "padding",
              .choices = {{int(Padding::Valid), "valid", "valid (no padding)"},
                          {int(Padding::Same), "same", "same (zero padding)"}},
              .def = toFieldValue(Padding::Valid)},
             LAYERLAB_FIELD_ACCESS(LayerSpec, padding)},
            {{.key = "activation",
              .label = "Activation",
              .tooltip = "A non-linearity applied to this layer's output, the same as adding the activation "
                         "layer right after it.",
              .kind = FieldKind::Choice,
              .noun = "activation",
              .choices = activationOptions(),
              .def = toFieldValue(Activation::ReLU)},
             LAYERLAB_FIELD_ACCESS(LayerSpec, activation)},
            {{.key = "alpha",
              .label = "Alpha",
              .tooltip = "Slope for negative inputs: out = alpha * x when x < 0.",
              .kind = FieldKind::Float,
              .limits = {0, 1},
              .example = "0.01",
              .controller = "activation",
              .ui = {.step = 0.01},
              .def = toFieldValue(0.01f)},
             LAYERLAB_FIELD_ACCESS(LayerSpec, alpha)},
            {{.key = "size",
              .label = "Pool size",
              .tooltip = "Side of the square pooling window (2 means 2x2).",
              .kind = FieldKind::Int,
              .limits = {1, 64},
              .def = toFieldValue(2)},
             LAYERLAB_FIELD_ACCESS(LayerSpec, poolSize)},
            {{.key = "stride",
              .label = "Stride",
              .tooltip = "How many pixels the window moves at each step. 2 halves the output size; 0 means "
                         "the same as the pool size (windows side by side).",
              .kind = FieldKind::Int,
              .limits = {0, 64},
              .omitDefault = true,  // absent = same as size
              .ui = {.zeroText = "same as pool size"},
              .def = toFieldValue(0)},
             LAYERLAB_FIELD_ACCESS(LayerSpec, stride)},
            {{.key = "rate",
              .label = "Dropout rate",
              .tooltip = "Fraction of inputs switched off at random while training (0.5 = half).",
              .kind = FieldKind::Float,
              .limits = {0, 1, false, true},
              .example = "0.5",
              .ui = {.step = 0.05},
              .def = toFieldValue(0.5f)},
             LAYERLAB_FIELD_ACCESS(LayerSpec, rate)},
            {{.key = "trainable",
              .label = "Trainable",
              .tooltip =
                  "Off: the layer is frozen. Its weights keep their values while the rest of the model "
                  "trains, e.g. the convolution layers a model learned on one dataset under a new "
                  "last layer for another (transfer learning). A frozen layer gets no weight update "
                  "and no L2, the optimizer keeps no state for it, and training skips its weight "
                  "gradients. A frozen block freezes every layer inside it. A frozen BatchNorm keeps its "
                  "scale and shift; its running mean and variance still follow the training batches "
                  "(as in PyTorch).",
              .kind = FieldKind::Bool,
              .omitDefault = true,  // absent = trainable
              .def = toFieldValue(true)},
             LAYERLAB_FIELD_ACCESS(LayerSpec, trainable)},
            {{.key = "init",
              .label = "Initialisation",
              .tooltip = "How this layer's weights start (biases start at 0). He normal suits ReLU, "
                         "Xavier/Glorot tanh and sigmoid, LeCun normal SELU; \"normal\" uses a fixed "
                         "standard deviation. Zeros gives every unit the same weights, and they stay the "
                         "same however long it trains: try it to see why the start must be random. "
                         "\"default\" follows the model's choice in the Training tab.",
              .kind = FieldKind::Choice,
              .noun = "initialisation",
              .choices = weightInitOptions(true),
              .omitDefault = true,  // absent = the model's choice
              .def = toFieldValue(WeightInit::Default)},
             LAYERLAB_FIELD_ACCESS(LayerSpec, init)},
            {{.key = "init_std",
              .label = "Init std",
              .tooltip = "Standard deviation of the normal distribution the weights start from. Too small "
                         "and the signal fades layer after layer; too large and it explodes or saturates.",
              .kind = FieldKind::Float,
              .limits = {0, 10, true, false},
              .example = "0.05",
              .controller = "init",
              .ui = {.step = 0, .smallestStep = 1e-4},
              .def = toFieldValue(0.05f)},
             LAYERLAB_FIELD_ACCESS(LayerSpec, initStd)},
            {{.key = "momentum",
              .label = "Momentum",
              .tooltip = "Share of the running mean and variance kept at each training step (0.9: each "
                         "batch adds 10 %, as PyTorch and ONNX do by default). Testing and predictions use "
                         "these running statistics instead of the batch's. Keras' 0.99 averages over about "
                         "100 steps, and lags behind a model that is still changing fast.",
              .kind = FieldKind::Float,
              .limits = {0, 1, false, true},
              .example = "0.9",
              .ui = {.step = 0.01},
              .def = toFieldValue(0.9f)},
             LAYERLAB_FIELD_ACCESS(LayerSpec, momentum)},
            {{.key = "epsilon",
              .label = "Epsilon",
              .tooltip = "Added to the variance before its square root, so that a channel that hardly "
                         "varies is not divided by almost zero.",
              .kind = FieldKind::Float,
              .limits = {0, 1, true, false},
              .example = "0.001",
              .ui = {.step = 0, .smallestStep = 1e-6},
              .def = toFieldValue(0.001f)},
             LAYERLAB_FIELD_ACCESS(LayerSpec, epsilon)},
            {},
            {}};
        const LayerField* const dense[] = {&t.units, &t.activation, &t.alpha,
                                           &t.init,  &t.initStd,    &t.trainable};
        const LayerField* const conv[] = {&t.filters, &t.kernel, &t.convStride, &t.padding,  &t.activation,
                                          &t.alpha,   &t.init,   &t.initStd,    &t.trainable};
        const LayerField* const pool[] = {&t.poolSize, &t.poolStride};
        t.types = {
            {LayerType::Dense,
             "Dense",
             LayerGroup::Core,
             "Connects every input number to every output unit with its own weight, then adds a bias. Needs "
             "a "
             "flat input, so put Flatten after image layers.",
             {std::begin(dense), std::end(dense)},
             [](const LayerSpec& l) { return withActivation(l, std::to_string(l.units) + " units"); },
             [](const LayerSpec& l) -> std::unique_ptr<Layer> { return std::make_unique<Dense>(l.units); }},
            {LayerType::Conv2D,
             "Conv2D",
             LayerGroup::Convolution,
             "Slides small learned filters over the image; each filter lights up where it finds its pattern, "
             "such as an edge or a curve. Output: one feature map per filter.",
             {std::begin(conv), std::end(conv)},
             [](const LayerSpec& l) {
                 const std::string k = std::to_string(l.kernel);
                 return withActivation(l, std::to_string(l.filters) + " filters " + k + "x" + k + " /" +
                                              std::to_string(l.stride) +
                                              (l.padding == Padding::Same ? " same" : " valid"));
             },
             [](const LayerSpec& l) -> std::unique_ptr<Layer> {
                 return std::make_unique<Conv2D>(l.filters, l.kernel, l.stride, l.padding);
             }},
            {LayerType::MaxPool2D,
             "MaxPool2D",
             LayerGroup::Pooling,
             "Shrinks each feature map by keeping only the largest value in every small window, so the exact "
             "position of a feature matters less.",
             {std::begin(pool), std::end(pool)},
             poolSummary,
             [](const LayerSpec& l) -> std::unique_ptr<Layer> {
                 return std::make_unique<Pool2D>(true, l.poolSize, l.stride);
             }},
            {LayerType::AvgPool2D,
             "AvgPool2D",
             LayerGroup::Pooling,
             "Shrinks each feature map by replacing every small window with its average value.",
             {std::begin(pool), std::end(pool)},
             poolSummary,
             [](const LayerSpec& l) -> std::unique_ptr<Layer> {
                 return std::make_unique<Pool2D>(false, l.poolSize, l.stride);
             }},
            {LayerType::Flatten,
             "Flatten",
             LayerGroup::Core,
             "Unrolls an image-shaped input (channels x height x width) into one long list of numbers so "
             "Dense layers can read it. It has no weights.",
             {},
             noSummary,
             plain<Flatten>},
            {LayerType::Dropout,
             "Dropout",
             LayerGroup::Regularization,
             "While training, randomly switches off a fraction (the rate) of its inputs so the network "
             "cannot "
             "rely on any single unit. Does nothing when testing.",
             {&t.rate},
             [](const LayerSpec& l) { return "rate " + floatText(l.rate); },
             [](const LayerSpec& l) -> std::unique_ptr<Layer> { return std::make_unique<Dropout>(l.rate); }},
            {LayerType::ReLU,
             "ReLU",
             LayerGroup::Activation,
             "Keeps positive values and turns negative ones into zero. The usual non-linearity between "
             "layers: without one, stacked layers act like a single layer.",
             {},
             noSummary,
             plain<ReLU>,
             true},
            {LayerType::LeakyReLU,
             "LeakyReLU",
             LayerGroup::Activation,
             "Like ReLU, but negative values are scaled by a small slope (alpha) instead of zeroed, so units "
             "never go completely silent.",
             {&t.alpha},
             [](const LayerSpec& l) { return "alpha " + floatText(l.alpha); },
             [](const LayerSpec& l) -> std::unique_ptr<Layer> {
                 return std::make_unique<LeakyReLU>(l.alpha);
             },
             true},
            {LayerType::Sigmoid,
             "Sigmoid",
             LayerGroup::Activation,
             "Squashes every value into the range 0 to 1 along an S-shaped curve. Learns slowly in deep "
             "stacks because the curve is flat at both ends.",
             {},
             noSummary,
             plain<Sigmoid>},
            {LayerType::Tanh,
             "Tanh",
             LayerGroup::Activation,
             "Squashes every value into the range -1 to 1 along an S-shaped curve centred on zero.",
             {},
             noSummary,
             plain<Tanh>},
            {LayerType::Softmax,
             "Softmax",
             LayerGroup::Activation,
             "Turns the final scores into probabilities that add up to 1, one per class. Usually the last "
             "layer of a classifier.",
             {},
             noSummary,
             plain<Softmax>},
            {LayerType::Residual,
             "Residual",
             LayerGroup::Blocks,
             "Adds its input to what the layers inside it compute: y = x + f(x). The layers inside must give "
             "back the input's shape. The skip lets the signal and the gradient pass straight through, so "
             "deep models train well.",
             {&t.trainable},
             residualSummary,
             [](const LayerSpec& l) -> std::unique_ptr<Layer> {
                 return std::make_unique<Residual>(l.layers);
             },
             false,
             true,
             fitResidual,
             true},
            {LayerType::BatchNorm,
             "BatchNorm",
             LayerGroup::Normalization,
             "Normalises each channel (of an image) or feature (of a flat input) to mean 0 and variance 1 "
             "over the batch, then scales and shifts it by two learned numbers. Keeps every layer's input "
             "in a steady range, so deep models train faster and at higher learning rates. Testing uses "
             "running averages of the batch statistics. Usually between a Dense or Conv2D (without "
             "activation) and its ReLU.",
             {&t.momentum, &t.epsilon, &t.trainable},
             [](const LayerSpec& l) { return "momentum " + floatText(l.momentum); },
             [](const LayerSpec& l) -> std::unique_ptr<Layer> {
                 return std::make_unique<BatchNorm>(l.momentum, l.epsilon);
             }},
        };
        for (const LayerTypeInfo& info : t.types)
            for (const LayerField* f : info.fields)
                if (std::find(t.all.begin(), t.all.end(), f) == t.all.end()) t.all.push_back(f);
        return t;
    }();
    return t;
}

}  // namespace

const std::vector<LayerTypeInfo>& layerTypes() {
    return tables().types;
}

const LayerTypeInfo& layerTypeInfo(LayerType type) {
    for (const LayerTypeInfo& info : layerTypes())
        if (info.type == type) return info;
    assert(false && "layer type missing from the table");
    return layerTypes().front();
}

const std::vector<LayerGroup>& layerGroups() {
    static const std::vector<LayerGroup> groups = {
        LayerGroup::Core,          LayerGroup::Convolution,    LayerGroup::Pooling, LayerGroup::Activation,
        LayerGroup::Normalization, LayerGroup::Regularization, LayerGroup::Blocks};
    return groups;
}

const char* layerGroupName(LayerGroup group) {
    switch (group) {
        case LayerGroup::Core:
            return "Core";
        case LayerGroup::Convolution:
            return "Convolution";
        case LayerGroup::Pooling:
            return "Pooling";
        case LayerGroup::Activation:
            return "Activation";
        case LayerGroup::Normalization:
            return "Normalization";
        case LayerGroup::Regularization:
            return "Regularization";
        case LayerGroup::Blocks:
            return "Blocks";
    }
    return "";
}

const std::vector<const LayerField*>& allLayerFields() {
    return tables().all;
}

bool layerFieldActive(const LayerSpec& l, const LayerField& f) {
    const auto& fields = layerTypeInfo(l.type).fields;
    if (std::find(fields.begin(), fields.end(), &f) == fields.end()) return false;
    return fieldActive(l, f, fields);
}

bool hasActivation(LayerType t) {
    for (const LayerField* f : layerTypeInfo(t).fields)
        if (f == &tables().activation) return true;
    return false;
}

bool usesAlpha(const LayerSpec& l) {
    return layerFieldActive(l, tables().alpha);
}

bool canFreeze(LayerType t) {
    const auto& fields = layerTypeInfo(t).fields;
    return std::find(fields.begin(), fields.end(), &tables().trainable) != fields.end();
}

std::optional<LayerType> activationLayerType(Activation a) {
    for (const ActivationRow& r : kActivations)
        if (r.value == a) return r.layer;
    return std::nullopt;
}

// ---- names ------------------------------------------------------------------------------------------------

std::optional<LayerType> layerTypeFromName(const std::string& s) {
    const std::string l = lower(s);
    for (const LayerTypeInfo& info : layerTypes())
        if (lower(info.key) == l) return info.type;
    return std::nullopt;
}

const char* activationName(Activation a) {
    for (const ActivationRow& r : kActivations)
        if (r.value == a) return r.key;
    return "?";
}

std::optional<Activation> activationFromName(const std::string& s) {
    const std::string l = lower(s);
    for (const ActivationRow& r : kActivations)
        if (r.key == l) return r.value;
    return std::nullopt;
}

}  // namespace layerlab
