#pragma once
// Two checks worth a few seconds before a long training run (the first steps of Karpathy's "recipe for
// training neural networks"):
//   1. The initial loss. A fresh network that knows nothing should give every class about the same
//      probability, 1/K, so its cross-entropy starts near -ln(1/K) = ln K (2.30 for 10 classes). A loss far
//      above it means the initial outputs are confidently wrong (weights or inputs far too large); far below
//      it is suspicious too (a label leak, or a loss computed on something else).
//   2. Overfitting 20 images. A model that can learn anything must be able to learn 20 images by heart:
//      trained on nothing else, its loss on them should fall near zero within a few hundred steps. If it
//      cannot, something is broken (a learning rate far too high or too low, a dead network, a bug) and a
//      long run would waste its time.
// Both run the engine's own network and training step (core/training_step.h) on the caller's thread, on a
// private copy of the model: nothing here touches a Trainer or a run.
#include <atomic>
#include <string>
#include <vector>

#include "core/dataset.h"
#include "core/model_spec.h"

namespace layerlab {

struct SanityCheckOptions {
    int lossImages = 500;    // training images the initial loss is measured on (the first ones)
    int overfitImages = 20;  // images learned by heart
    int maxSteps = 300;      // steps on them before giving up
    // "Near zero": the overfit check passes when the loss on the images falls below this fraction of the
    // chance-level loss (ln K for cross-entropy: 0.02 x 2.30 = 0.046) and every image is classified right.
    double targetFraction = 0.02;
    // The initial loss is "close" when it lies within this factor of the chance level (either way).
    double initialFactor = 1.5;
};

struct SanityCheckResult {
    std::string error;  // not empty: the check could not run (the model does not fit the data, ...)

    double initialLoss = 0;   // mean loss of the fresh (or given) weights on the first lossImages images
    double expectedLoss = 0;  // chance level: ln K for cross-entropy, (K - 1) / K^2 for squared error
    bool initialOk = false;
    std::string initialText;  // one or two sentences: the figures, and what to do when far off

    double overfitStartLoss = 0;  // on the overfit images, before the first step
    double overfitLoss = 0;       // at the end
    double overfitAccuracy = 0;   // at the end, 0 to 1
    int overfitSteps = 0;         // steps taken (fewer than maxSteps when it got there sooner)
    bool overfitDiverged = false;
    bool overfitOk = false;
    std::string overfitText;

    bool ok() const { return error.empty() && initialOk && overfitOk; }
};

// Runs both checks on `spec` (its optimizer, learning rate, loss, seed and threads) and `data`'s training
// images. initialParams: start from these weights instead of the seed's initialisation (their size must
// match). `cancel`, when set by another thread, ends the overfit check early (it then fails, saying so).
// Never throws.
SanityCheckResult runSanityCheck(const ModelSpec& spec, const Dataset& data,
                                 const std::vector<float>* initialParams = nullptr,
                                 const SanityCheckOptions& options = {},
                                 const std::atomic<bool>* cancel = nullptr);

// Chance level of the loss: what a model that gives each of `classes` classes 1/K scores.
double chanceLoss(LossType loss, int classes);

}  // namespace layerlab
