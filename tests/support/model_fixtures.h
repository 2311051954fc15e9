#pragma once
// Small models on the bundled MNIST subset, for tests that train through the studio.
#include <string>

#include "core/model_spec.h"
#include "tests/support/test_data.h"

namespace layerlab::test {

inline LayerSpec denseLayer(int units, Activation a) {
    LayerSpec l = LayerSpec::make(LayerType::Dense);
    l.units = units;
    l.activation = a;
    return l;
}

// A bundled preset (resources/presets/NAME.json), set to train on the bundled subset.
inline ModelSpec subsetPreset(const std::string& name) {
    ModelSpec s = loadModelSpec(resourcesPath() + "/presets/" + name + ".json");
    s.training.dataset = DatasetKind::Subset;
    return s;
}

inline TrainingSpec subsetTraining(int epochs) {
    TrainingSpec t;
    t.dataset = DatasetKind::Subset;
    t.batchSize = 64;
    t.epochs = epochs;
    t.validationSplit = 0.1f;
    t.seed = 7;
    t.optimizer.type = OptimizerType::Adam;
    t.optimizer.learningRate = 0.002f;
    return t;
}

// Flatten, Dense 64 relu, Dense 10 softmax.
inline ModelSpec subsetMlp(int epochs) {
    ModelSpec s;
    s.name = "test MLP";
    s.layers = {LayerSpec::make(LayerType::Flatten), denseLayer(64, Activation::ReLU),
                denseLayer(10, Activation::Softmax)};
    s.training = subsetTraining(epochs);
    return s;
}

// Every layer type but BatchNorm (which the PyTorch export refuses), with the options that change an exported
// graph: Conv2D with stride 2 and 'same' padding (28 -> 14, one pixel at the bottom/right) and an even kernel
// (three pixels: one at the top/left, two at the bottom/right), a fused LeakyReLU, MaxPool with stride 1,
// AvgPool, every activation as a layer, Dropout, and a Residual block of Dense layers. tst_onnx_import and
// tst_pytorch_export read it back; tst_onnx_export has its own, with BatchNorm.
inline ModelSpec everyLayerModel() {
    ModelSpec every;
    every.name = "every layer";
    LayerSpec c1 = LayerSpec::make(LayerType::Conv2D);
    c1.filters = 8;
    c1.stride = 2;
    c1.padding = Padding::Same;
    c1.activation = Activation::LeakyReLU;
    c1.alpha = 0.2f;
    LayerSpec c2 = LayerSpec::make(LayerType::Conv2D);
    c2.filters = 6;
    c2.kernel = 4;
    c2.padding = Padding::Same;
    c2.activation = Activation::None;
    LayerSpec mp = LayerSpec::make(LayerType::MaxPool2D);
    mp.poolSize = 3;
    mp.stride = 1;
    LayerSpec drop = LayerSpec::make(LayerType::Dropout);
    drop.rate = 0.3f;
    LayerSpec leaky = LayerSpec::make(LayerType::LeakyReLU);
    leaky.alpha = 0.1f;
    LayerSpec block = LayerSpec::make(LayerType::Residual);
    block.layers = {denseLayer(16, Activation::ReLU), denseLayer(16, Activation::None)};
    every.layers = {c1,
                    c2,
                    LayerSpec::make(LayerType::Tanh),
                    mp,
                    LayerSpec::make(LayerType::AvgPool2D),
                    LayerSpec::make(LayerType::ReLU),
                    leaky,
                    LayerSpec::make(LayerType::Flatten),
                    drop,
                    denseLayer(16, Activation::Sigmoid),
                    block,
                    denseLayer(12, Activation::None),
                    LayerSpec::make(LayerType::Sigmoid),
                    denseLayer(10, Activation::None),
                    LayerSpec::make(LayerType::Softmax)};
    every.training = subsetTraining(1);
    return every;
}

}  // namespace layerlab::test
