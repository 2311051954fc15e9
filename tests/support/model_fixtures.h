#pragma once
// Small models on the bundled MNIST subset, for tests that train through the studio.
#include "core/model_spec.h"

namespace layerlab::test {

inline LayerSpec denseLayer(int units, Activation a) {
    LayerSpec l = LayerSpec::make(LayerType::Dense);
    l.units = units;
    l.activation = a;
    return l;
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

}  // namespace layerlab::test
