#pragma once
// How weights start: the "init" setting of a Dense or Conv2D layer, or of the whole model ("training.init").
// fanIn = the inputs each unit sums (Dense: inputs; Conv2D: C x K x K); fanOut = the units each input feeds
// (Dense: units; Conv2D: F x K x K). Biases always start at zero.
//   auto            he_normal before a ReLU-family activation, xavier_normal otherwise (LayerLab's default)
//   he_normal       N(0, sqrt(2 / fanIn))              He et al. 2015: keeps the variance through ReLUs
//   xavier_normal   N(0, sqrt(2 / (fanIn + fanOut)))   Glorot & Bengio 2010
//   xavier_uniform  U(-a, a), a = sqrt(6 / (fanIn + fanOut)): the same variance, bounded
//   lecun_normal    N(0, sqrt(1 / fanIn))              LeCun et al. 1998 (tanh, SELU)
//   normal          N(0, std)                          a fixed standard deviation, whatever the layer's size
//   zeros           0                                  every unit computes the same: symmetry never breaks
// The normals are plain (not truncated), drawn in weight order from the network's one seeded generator.
#include <random>

#include <vector>

#include "core/model_spec.h"
#include "core/spec_field.h"

namespace layerlab {

struct InitChoice {
    WeightInit kind = WeightInit::Auto;  // never Default: resolved against the model's choice
    float stddev = 0.05f;                // Normal
    bool feedsRelu = false;              // Auto: He normal when the layer feeds a ReLU-family activation
};

// The choice of layer l: its own init, or (Default) `outer`'s kind and standard deviation; feedsRelu as
// given. outer is the model's choice (training.init), or a block's for the layers inside it.
InitChoice chooseInit(const LayerSpec& l, const InitChoice& outer, bool feedsRelu);
InitChoice modelInit(const TrainingSpec& t);  // training.init and training.init_std

// The options of an "init" field, as the file writes them: "default" (a layer: the model's choice) when
// forLayer, then auto, he_normal, xavier_normal, xavier_uniform, lecun_normal, normal (uses "init_std"),
// zeros.
std::vector<ChoiceOption> weightInitOptions(bool forLayer);

// Fills w[0, count) as c says (see the top of this file).
void initWeights(float* w, long long count, double fanIn, double fanOut, const InitChoice& c,
                 std::mt19937_64& rng);

}  // namespace layerlab
