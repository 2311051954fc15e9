#pragma once
// One training step under the microscope (Trainer::stepOnce): the stepped batch's predictions with the
// weights before and after the step, its loss before and after, and the numbers of every Dense layer for
// each sample of it, so a learner can follow the chain rule by hand. Measured on the training thread into
// value types; it only reads the trained network (a scratch copy does the extra passes), so a seeded run is
// bit for bit the same with or without it.
//
// N samples, K classes (outputs). Before and after:
//   before  the step's own forward (training mode: dropout masks and BatchNorm batch statistics as the step
//           used them), with the weights before the optimizer step; lossBefore is that forward's loss, the
//           loss the step minimised (without the L2 term)
//   after   a forward of the same inputs with the weights after the step, in inference mode
//   values  probabilities (softmax of the logits) when the model is trained with cross-entropy or ends in
//           a Softmax; else (mean squared error on raw outputs) the raw outputs
//
// A Dense layer of U units on I inputs, z = W x + b (W: U x I, row u = unit u's weights), a = f(z), for the
// sample s with its own loss L_s (the batch loss L = 1/N sum_s L_s), all with the weights before the step:
//   dL_s/da                     what the layers above send back to a
//   dL_s/dz = dL_s/da * f'(z)   elementwise (f' = 1 without an activation)
//   dL_s/dW = dL_s/dz x_s^T     (U x I: entry u,i = dL_s/dz_u * x_s,i);  dL_s/db = dL_s/dz
//   dL/dW   = 1/N sum_s dL_s/dW  the batch's gradient; the optimizer gets it plus l2 * W when L2 is on
// A Dense layer that ends the model in a Softmax trained with cross-entropy is fused with its loss: a is the
// softmax p, and dL_s/dz = p - onehot(label) directly (dL_s/da and f' are not formed: NaN here).
// Windows: of a bigger layer the first kTraceUnits units and kTraceInputs inputs are kept (truncated());
// z and a still come from all I inputs.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/model_spec.h"

namespace layerlab {

class Network;

inline constexpr int kTraceUnits = 16, kTraceInputs = 64;

struct DenseTrace {
    int specIndex = -1;    // ModelSpec::layers index
    int engineLayer = -1;  // Network layer index of the Dense itself
    Activation activation = Activation::None;
    bool fusedSoftmax = false;  // see the top of the file
    int units = 0, inputs = 0;  // the whole layer
    int shownUnits = 0, shownInputs = 0;
    int samples = 0;
    // Per sample, sample-major: x[s * shownInputs + i]; z, a, dA, fPrime, dZ [s * shownUnits + u].
    std::vector<float> x, z, a, dA, fPrime, dZ;
    // shownUnits x shownInputs, and shownUnits: the weights and biases before and after the step.
    std::vector<float> weights, biases, weightsAfter, biasesAfter;
    // 1/N sum_s dL_s/dW and dL_s/db, summed here from the samples' values.
    std::vector<float> meanGradW, meanGradB;
    // What the network's own backward gave the optimizer for this step (L2 included).
    std::vector<float> stepGradW, stepGradB;

    bool truncated() const { return shownUnits < units || shownInputs < inputs; }
    float sampleGradW(int s, int u, int i) const {
        return dZ[std::size_t(s) * shownUnits + u] * x[std::size_t(s) * shownInputs + i];
    }
    float at(const std::vector<float>& v, int s, int u) const { return v[std::size_t(s) * shownUnits + u]; }
};

struct StepInspection {
    long long step = 0;  // optimizer steps done, this one included
    int epoch = 0, batch = 0;
    int samples = 0, classes = 0;
    int channels = 1, rows = 0, cols = 0;  // one image
    // samples x channels x rows x cols: the inputs the step trained on (after augmentation), as bytes again.
    std::vector<std::uint8_t> pixels;
    std::vector<std::uint8_t> labels;
    std::vector<std::uint32_t> indices;   // each sample's index among the dataset's training images
    std::vector<std::string> classNames;  // the dataset's ("" or missing: the class number)
    bool probabilities = true;            // see the top of the file
    std::vector<float> before, after;     // samples x classes
    double lossBefore = 0, lossAfter = 0;
    int correctBefore = 0, correctAfter = 0;
    double learningRate = 0, l2 = 0;
    std::vector<DenseTrace> dense;  // every top-level Dense layer, in model order

    float value(int s, int c, bool afterStep) const {
        return (afterStep ? after : before)[std::size_t(s) * classes + c];
    }
    int predicted(int s, bool afterStep) const;  // argmax (the first of equal values)
};

// The inputs of one step, all read only except `scratch`.
struct StepRecord {
    std::span<const float> before, after;  // params() before and after the optimizer step
    std::span<const float> stepGrads;      // the network's grads() of the step (L2 included)
    const float* stepOutputs = nullptr;    // N x K: what the step's forward returned
    const float* inputs = nullptr;         // N x inputSize: the step's inputs
    const std::uint8_t* labels = nullptr;  // N
    int samples = 0;
    std::uint64_t stepSeed = 0;  // the seed the step's forward ran with (TrainingStep::seedOfStep)
};

// scratch: a Network of the same spec with the same logitsOutput(), reserved for batches of at least N.
// Its parameters and buffers are overwritten: it replays the step's forward with the `before` weights for
// the Dense numbers, then runs the `after` weights in inference mode. Fills everything but the position
// (step, epoch, batch), the images, indices, class names, rate and l2, which the caller knows.
StepInspection inspectStep(Network& scratch, const StepRecord& record);

// f'(z) of an elementwise activation at z with output a (NaN for Softmax, which is not elementwise).
float activationDerivative(Activation f, float z, float a, float alpha);

}  // namespace layerlab
