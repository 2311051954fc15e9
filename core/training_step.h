#pragma once
// One training step, the only one: the Trainer's loop, `layerlab-cli bench` and the studio's --benchmark-ui
// (through bench) all run this code, so a benchmark measures the work training does.
//
// A step on a batch of n images (n <= the batch the network was reserved for; K = the network's outputs,
// P = its parameters):
//   fill:  pixels (uint8, looked up through the shuffled order) -> n x inputSize floats in the network's
//          input buffer, labels -> n bytes; training batches through the run's augmentation when it is on
//          (core/augment.h: each sample its own transform, chunks of the batch in parallel)
//   run:   forward (training mode, dropout seeded per step) -> n x K, mean loss and dLoss (n x K);
//          check the loss (finite and not exploded, see below); keep the P weights as the last good ones;
//          backward -> P gradients (frozen layers': none, left 0); + L2 (weights that learn); optimizer step
//          at this batch's rate over the parameters that learn, then the BatchNorm layers' running
//          statistics, frozen ones too (under the caller's lock)
//
// A loss "explodes" when it passes kExplodeFactor times its starting level, the larger of the run's first
// batch loss and chance level (ln K for cross-entropy: what uniform guessing scores; 1 for mean squared error
// against one-hot targets). A learning run never comes near it (its loss falls from about chance level);
// a run whose steps overshoot grows by orders of magnitude per batch (--lr 1e10 reached 1e19) long before
// anything becomes NaN, so it is stopped like a NaN one.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <span>
#include <utility>
#include <vector>

#include "core/aligned_buffer.h"
#include "core/loss.h"
#include "core/model_spec.h"
#include "core/shape.h"

namespace layerlab {

class Network;
class Optimizer;

inline constexpr double kExplodeFactor = 1000.0;

// Where a batch's images come from: sample s of a batch starting at `start` is
// images[i * imageSize ...] with i = indices ? (*indices)[start + s] : start + s.
struct BatchSource {
    const std::uint8_t* images = nullptr;
    const std::uint8_t* labels = nullptr;
    const std::vector<std::uint32_t>* indices = nullptr;
    std::size_t imageSize = 0;
    Shape imageShape;  // channels x rows x cols of one image, for augmentation (empty: flat imageSize)
};

class TrainingStep {
public:
    enum class Outcome {
        Stepped,    // the weights moved
        NotFinite,  // the loss is NaN or infinite: nothing moved
        Exploded,   // the loss passed explodeLimit(): nothing moved
    };
    struct Result {
        Outcome outcome = Outcome::Stepped;
        LossResult loss;
    };

    // `net` must be reserved for batches of up to maxBatch and outlive the step. Builds the optimizer of
    // training.optimizer over net's parameters that learn (frozen layers get none of its state). Throws
    // SpecError (nothingToTrainMessage) when net has parameters and every one of them is frozen.
    TrainingStep(Network& net, const TrainingSpec& training, int maxBatch);
    ~TrainingStep();
    TrainingStep(const TrainingStep&) = delete;
    TrainingStep& operator=(const TrainingStep&) = delete;

    // Puts samples [start, start + n) of src into the network's input buffer and labels().
    void fill(const BatchSource& src, std::size_t start, int n);
    // The same for a training batch at `start` of epoch `epoch`: augmented when the training settings turn
    // augmentation on (the draws depend on seed, epoch and start + s only, not on the threads).
    void fillTraining(const BatchSource& src, std::size_t start, int n, int epoch);
    const std::uint8_t* labels() const { return m_labels.data(); }

    // One step on the batch fill() put in (see the top of this file). `paramsLock`, when given, is held
    // while the weights change, so other threads can copy consistent weights.
    Result run(int n, float rate, std::mutex* paramsLock = nullptr);
    // After a step that did not move: back to the weights before the last step that did.
    void restoreLastGood(std::mutex* paramsLock = nullptr);
    // Forward only (evaluation mode, Network::infer: no activations kept) on the batch fill() put in: mean
    // loss and correct count.
    LossResult evaluate(int n);

    // A pruned model's fine-tune (core/compression.h): after every step the parameters where mask is 0 are
    // set back to 0, so pruned weights stay pruned. mask: one value per parameter; empty (the default): none.
    void setKeepMask(std::vector<std::uint8_t> mask) { m_keep = std::move(mask); }

    long long steps() const { return m_steps; }  // steps that moved the weights
    // The parameters before the last step that moved them (what restoreLastGood goes back to): with
    // params() after it, the update that step applied (core/layer_health.h).
    std::span<const float> paramsBefore() const { return m_lastGood; }
    double explodeLimit() const { return m_explodeLimit; }  // infinite until the first step
    // The seed the forward of step `step` (0-based: steps() before it) runs its dropout with.
    std::uint64_t seedOfStep(long long step) const {
        return m_training.seed + std::uint64_t(step) * 2654435761ull;
    }

private:
    // fill(); forTraining: a step split by units (Network::inputCopies) gets every input copy filled.
    void fillBatch(const BatchSource& src, std::size_t start, int n, bool forTraining);
    void fillLabels(const BatchSource& src, std::size_t start, int n);
    Network& m_net;
    TrainingSpec m_training;
    std::unique_ptr<Optimizer> m_opt;
    std::vector<std::uint8_t> m_labels;  // maxBatch
    FloatBuffer m_dLoss;                 // maxBatch x K
    std::vector<float> m_lastGood;       // P
    std::vector<std::uint8_t> m_keep;    // P, or empty: see setKeepMask
    long long m_steps = 0;
    double m_explodeLimit;
};

}  // namespace layerlab
