#pragma once
// The shared numerical-gradient checker every layer and loss test calls.
// Compares analytic gradients with central differences  (f(x+h) - f(x-h)) / 2h  of a scalar loss.
#include <cstdint>
#include <string>

#include "core/layer.h"
#include "core/model_spec.h"

namespace layerlab::test {

struct GradCheck {
    double maxError =
        0;  // max over checked coordinates of |analytic - numeric| / max(|analytic|, |numeric|, floor)
    int checked = 0;    // coordinates compared
    std::string worst;  // which coordinate was worst, for the failure message
};

struct GradCheckOptions {
    int batch = 3;
    int chunks = 2;       // exercise the parallel chunk split
    double step = 1e-2;   // h
    double floor = 1e-2;  // denominators below this count as this (tiny gradients are compared absolutely)
    float inputScale = 1.0f;    // inputs ~ U(-scale, scale)
    float minAbsInput = 0.0f;   // keep inputs this far from 0 (kinks of ReLU-like functions)
    bool spacedInputs = false;  // inputs a shuffled grid spaced 5h apart (no near-ties for max pooling)
    std::uint64_t seed = 1;
    int maxCoordinates = 400;  // per tensor; a random subset beyond this
    bool training = true;      // checkLayer: forward in training mode (BatchNorm: batch statistics)
    // checkLayer: compare only the first this many parameters (-1: all). BatchNorm in evaluation: its running
    // statistics change the output but are state, not learned (their gradient is 0 by design).
    long long checkedParams = -1;
};

// L = sum(out * R) for a fixed random R. Checks d L / d input and d L / d params of `layer` for input shape
// `in`, that backward in GradMode::Add adds the same input gradient onto what dIn held, and that backward
// without a parameter buffer (dParams null: a frozen layer) gives exactly the same input gradient. The batch
// runs as `chunks` parts as the Network runs it; a whole-batch layer (BatchNorm) as one.
GradCheck checkLayer(Layer& layer, const Shape& in, const GradCheckOptions& o = {});

// L = the model's training loss (its loss type, fused softmax when cross-entropy) on random inputs and
// labels. Checks d L / d params of the whole network built from spec: those outside its trainable mask
// (frozen layers', BatchNorm's running statistics) must be exactly 0, the others match the numerical
// gradient.
GradCheck checkNetwork(const ModelSpec& spec, const GradCheckOptions& o = {});

// L = sum(out * R) for a fixed random R, out = the network's scores (logits mode, evaluation mode) on random
// inputs in [0, 1]. Checks d L / d input from Network::inputGradient (the explanations' backward pass).
GradCheck checkInputGradient(const ModelSpec& spec, const GradCheckOptions& o = {});

// Checks a loss function's gradient d L / d out: computeLoss(type, logits, ...).
GradCheck checkLoss(LossType type, bool logits, int n, int k, std::uint64_t seed = 1);

}  // namespace layerlab::test
