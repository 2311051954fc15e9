#pragma once
// Layer health: what happens inside each layer while a network trains, measured on the training thread
// after a step every N batches (Trainer::setHealthInterval) into value types the GUI can keep and draw.
// Measuring only reads the network (the last forward's activations, the gradients of its backward, the
// weights before and after the optimizer step): a seeded run is bit for bit the same with it on or off.
//
// One LayerHealth per model layer as the editor numbers it (a Dense with a fused ReLU is one layer; its
// activation is the output after the ReLU). For a batch of N samples and a layer of U output values:
//   activation mean, std      over the N x U outputs
//   dead fraction             (ReLU outputs) units u with out[s][u] == 0 for every sample s, over U
//   gradient norm  ||g||      over the layer's weights (its other learnable parameters when it has none,
//                             e.g. BatchNorm); g = dL/dW of the step, L2 included
//   update ratio   ||dW|| / ||W||, dW = W_after - W_before: the step the optimizer really took (for plain
//                             SGD lr x ||g|| / ||W||). A healthy ratio is around 1e-3.
//   distributions             percentiles 0, 7, 16, 50, 84, 93, 100 (TensorBoard's distributions: the
//                             median, +-1 and +-1.5 standard deviations of a normal, the extremes) and a
//                             kHealthBins-bin histogram over [min, max], of weights, biases, gradients and
//                             activations.
#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/model_spec.h"

namespace layerlab {

class Network;

inline constexpr int kHealthPercentiles = 7;
inline constexpr std::array<double, kHealthPercentiles> kHealthPercentileRanks = {0, 7, 16, 50, 84, 93, 100};
inline constexpr int kHealthBins = 30;
// Percentiles of more values than this are taken from every k-th value (k: the first number from
// ceil(count / cap) up that is prime to count, so that k steps through every position of a feature map),
// so the cost stays small for big layers; histograms, means and norms always see every value.
inline constexpr long long kHealthPercentileCap = 4096;
// Every how many batches the studio measures by default.
inline constexpr int kDefaultHealthInterval = 20;

struct Distribution {
    long long count = 0;  // values summarised; 0: the layer has none of these
    std::array<float, kHealthPercentiles> percentiles{};
    float lo = 0, hi = 0;  // the histogram's range: the smallest and largest value
    std::array<std::uint32_t, kHealthBins> bins{};
    bool empty() const { return count == 0; }
};
// Summarises n values (n >= 0; NaN and infinite values are left out). scratch: reused storage.
Distribution summarize(const float* values, long long n, std::vector<float>& scratch);

struct LayerHealth {
    int specIndex = -1;  // ModelSpec::layers index
    LayerType type = LayerType::Dense;
    std::string label;       // "Conv2D 2": the type and the editor's number
    bool hasParams = false;  // it has weights or other learnable parameters
    bool learns = false;     // and they learn (not frozen)
    bool relu = false;       // its output comes out of a ReLU (dead units are counted)
    long long units = 0;     // output values per sample
    double activationMean = 0, activationStd = 0;
    double deadFraction = 0;  // with relu: dead units / units; else 0
    long long deadUnits = 0;
    // Over the weights (see the top of the file); 0 without parameters.
    double gradientNorm = 0, weightNorm = 0, updateNorm = 0;
    double updateRatio = 0;   // updateNorm / weightNorm; 0 when the weights are all 0
    long long normCount = 0;  // how many values the norms cover
    Distribution weights, biases, gradients, activations;
    double gradientRms() const;  // gradientNorm / sqrt(normCount)
};

enum class HealthAlertKind {
    DeadUnits,           // value: the dead fraction
    VanishingGradients,  // value: how many times the gradient shrinks from the last layer to the first
    ExplodingGradients,  // value: how many times it grows
    LargeUpdates,        // value: the update ratio
    TinyUpdates,         // value: the update ratio
    NotFinite,           // a NaN or infinite activation or gradient
};

struct HealthAlert {
    HealthAlertKind kind = HealthAlertKind::DeadUnits;
    int specIndex = -1;  // the layer it is about; -1: the whole network
    std::string label;   // that layer's label ("" for the whole network)
    double value = 0;
    std::string text;  // one plain English sentence (the studio translates it from kind, label and value)
};

// When a value leaves its healthy range.
struct HealthThresholds {
    double deadFraction = 0.6;     // DeadUnits at or above (the seed CNN's healthy Dense 6 shows 40-50 %
                                   // of a batch early on: 0.4 alerted on the default model)
    double gradientSpread = 1000;  // Vanishing / ExplodingGradients when the gradient RMS of the last
                                   // layer with weights over the first's (or the inverse) reaches this
    double updateHigh = 1e-2;      // LargeUpdates above (healthy: about 1e-3)
    double updateLow = 1e-5;       // TinyUpdates below
};
// The healthy band the studio draws around 1e-3.
inline constexpr double kHealthyUpdateLow = 1e-4, kHealthyUpdateHigh = 1e-2;

struct HealthSample {
    long long step = 0;  // optimizer steps done, this one included (1 after the first)
    int epoch = 0, batch = 0;
    double loss = 0;                  // that step's batch loss (before the step moved the weights)
    double learningRate = 0;          // the rate it used
    std::vector<LayerHealth> layers;  // in model order, every layer but Flatten
    std::vector<HealthAlert> alerts;
};

// Measures net right after a training step on n samples moved its weights: the activations of that step's
// forward, grads() of its backward, `before` = the parameters before the optimizer step (params().size()
// values; TrainingStep::paramsBefore), params() after it. Reads only. Runs its layers in parallel (call it
// inside the trainer's arena).
HealthSample measureHealth(const Network& net, int n, std::span<const float> before,
                           const HealthThresholds& thresholds = {});

std::vector<HealthAlert> findHealthAlerts(const std::vector<LayerHealth>& layers,
                                          const HealthThresholds& thresholds = {});

}  // namespace layerlab
