#include "widgets/common/layer_catalog.h"

#include <QCoreApplication>

using layerlab::LayerType;

namespace LayerCatalog {

namespace {
QString tr(const char* text) {
    return QCoreApplication::translate("LayerCatalog", text);
}
}  // namespace

const std::vector<Group>& groups() {
    static const std::vector<Group> all = {
        {tr("Core"), {LayerType::Dense, LayerType::Flatten}},
        {tr("Convolution"), {LayerType::Conv2D}},
        {tr("Pooling"), {LayerType::MaxPool2D, LayerType::AvgPool2D}},
        {tr("Activation"),
         {LayerType::ReLU, LayerType::LeakyReLU, LayerType::Sigmoid, LayerType::Tanh, LayerType::Softmax}},
        {tr("Regularization"), {LayerType::Dropout}},
    };
    return all;
}

QString groupOf(LayerType type) {
    for (const Group& g : groups())
        for (LayerType t : g.types)
            if (t == type) return g.name;
    return QString();
}

QColor colorOf(LayerType type) {
    switch (type) {
        case LayerType::Dense:
        case LayerType::Flatten:
            return QColor(0x2f, 0x6f, 0xd6);  // Core: blue
        case LayerType::Conv2D:
            return QColor(0x7c, 0x4d, 0xd8);  // Convolution: violet
        case LayerType::MaxPool2D:
        case LayerType::AvgPool2D:
            return QColor(0x10, 0x93, 0x83);  // Pooling: teal
        case LayerType::ReLU:
        case LayerType::LeakyReLU:
        case LayerType::Sigmoid:
        case LayerType::Tanh:
        case LayerType::Softmax:
            return QColor(0xd9, 0x7b, 0x06);  // Activation: amber
        case LayerType::Dropout:
            return QColor(0xc2, 0x3b, 0x7a);  // Regularization: magenta
    }
    return QColor(Qt::gray);
}

QString displayName(LayerType type) {
    return QString::fromLatin1(layerlab::layerTypeName(type));
}

QString description(LayerType type) {
    switch (type) {
        case LayerType::Dense:
            return tr(
                "Connects every input number to every output unit with its own weight, then adds a "
                "bias. Needs a flat input, so put Flatten after image layers.");
        case LayerType::Flatten:
            return tr(
                "Unrolls an image-shaped input (channels x height x width) into one long list of "
                "numbers so Dense layers can read it. It has no weights.");
        case LayerType::Conv2D:
            return tr(
                "Slides small learned filters over the image; each filter lights up where it finds "
                "its pattern, such as an edge or a curve. Output: one feature map per filter.");
        case LayerType::MaxPool2D:
            return tr(
                "Shrinks each feature map by keeping only the largest value in every small window, "
                "so the exact position of a feature matters less.");
        case LayerType::AvgPool2D:
            return tr("Shrinks each feature map by replacing every small window with its average value.");
        case LayerType::ReLU:
            return tr(
                "Keeps positive values and turns negative ones into zero. The usual non-linearity "
                "between layers: without one, stacked layers act like a single layer.");
        case LayerType::LeakyReLU:
            return tr(
                "Like ReLU, but negative values are scaled by a small slope (alpha) instead of "
                "zeroed, so units never go completely silent.");
        case LayerType::Sigmoid:
            return tr(
                "Squashes every value into the range 0 to 1 along an S-shaped curve. Learns slowly "
                "in deep stacks because the curve is flat at both ends.");
        case LayerType::Tanh:
            return tr(
                "Squashes every value into the range -1 to 1 along an S-shaped curve centred on "
                "zero.");
        case LayerType::Softmax:
            return tr(
                "Turns the final scores into probabilities that add up to 1, one per class. "
                "Usually the last layer of a classifier.");
        case LayerType::Dropout:
            return tr(
                "While training, randomly switches off a fraction (the rate) of its inputs so the "
                "network cannot rely on any single unit. Does nothing when testing.");
    }
    return QString();
}

}  // namespace LayerCatalog
