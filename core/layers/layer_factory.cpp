#include "core/layers/activations.h"
#include "core/layers/conv2d.h"
#include "core/layers/dense.h"
#include "core/layers/dropout.h"
#include "core/layers/flatten.h"
#include "core/layers/pool2d.h"

namespace layerlab {

std::unique_ptr<Layer> makeActivationLayer(Activation a, float alpha) {
    switch (a) {
        case Activation::None:
            return nullptr;
        case Activation::ReLU:
            return std::make_unique<ReLU>();
        case Activation::LeakyReLU:
            return std::make_unique<LeakyReLU>(alpha);
        case Activation::Sigmoid:
            return std::make_unique<Sigmoid>();
        case Activation::Tanh:
            return std::make_unique<Tanh>();
        case Activation::Softmax:
            return std::make_unique<Softmax>();
    }
    return nullptr;
}

std::unique_ptr<Layer> makeLayer(const LayerSpec& s) {
    switch (s.type) {
        case LayerType::Dense:
            return std::make_unique<Dense>(s.units);
        case LayerType::Conv2D:
            return std::make_unique<Conv2D>(s.filters, s.kernel, s.stride, s.padding);
        case LayerType::MaxPool2D:
            return std::make_unique<Pool2D>(true, s.poolSize, s.stride);
        case LayerType::AvgPool2D:
            return std::make_unique<Pool2D>(false, s.poolSize, s.stride);
        case LayerType::Flatten:
            return std::make_unique<Flatten>();
        case LayerType::Dropout:
            return std::make_unique<Dropout>(s.rate);
        case LayerType::ReLU:
            return std::make_unique<ReLU>();
        case LayerType::LeakyReLU:
            return std::make_unique<LeakyReLU>(s.alpha);
        case LayerType::Sigmoid:
            return std::make_unique<Sigmoid>();
        case LayerType::Tanh:
            return std::make_unique<Tanh>();
        case LayerType::Softmax:
            return std::make_unique<Softmax>();
    }
    return nullptr;
}

}  // namespace layerlab
