#pragma once
// The layer contract. Batches are contiguous, sample-major (NCHW) float buffers:
//   in : n x inSize,  out: n x outSize  (one sample is a contiguous block; in Eigen terms one column).
// A layer owns no parameters: the Network owns ONE parameter buffer (layers get views, bind) and one gradient
// buffer per parallel chunk (reduced in chunk order). Workspaces are sized in reserve(), never in a step.
// A composite layer (Residual) is a Layer that runs a chain of inner layers itself: the Network still sees a
// chain, the composite owns its inner layers' activations and gives them views into its parameter block.
#include <algorithm>
#include <cstdint>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "core/model_spec.h"
#include "core/shape.h"
#include "core/weight_init.h"

namespace layerlab {

// How backward stores the gradient w.r.t. its input:
//   Overwrite: dIn = dL/d(in)                      (an input with one consumer: the usual chain)
//   Add:       dIn += dL/d(in)                     (an input with several consumers)
// An activation read by more than one layer gets the sum of their gradients: a Residual block's input x
// feeds both its skip and its first inner layer, so the block writes dIn = dOut (the skip) and then lets
// its first inner layer Add its part. Every layer implements both; Add costs no extra pass.
enum class GradMode { Overwrite, Add };

class Layer {
public:
    virtual ~Layer() = default;

    // Sets the input shape and returns the output shape. Throws SpecError (without index) when impossible.
    virtual Shape configure(const Shape& in) = 0;
    // Which layer type this is (a fused activation is its own layer: Dense + ReLU are two).
    virtual LayerType type() const = 0;
    const char* name() const { return layerTypeName(type()); }  // "Conv2D"
    virtual long long paramCount() const { return 0; }
    // Of paramCount, how many are weights (L2 applies). A plain layer's weights come first in its
    // parameter view, its biases after them.
    virtual long long weightCount() const { return 0; }
    // Sets mask[i] = 1 for each of its paramCount() parameters that is a weight, leaves the rest (biases)
    // as they are. A composite marks its inner layers' weights, wherever they sit in its block.
    virtual void markWeights(std::uint8_t* mask) const { std::fill_n(mask, weightCount(), std::uint8_t(1)); }
    // Frozen ("trainable": false): its parameters keep their values. The network then passes backward no
    // parameter gradient buffer (dParams null) and the optimizer and L2 leave them alone. A composite frozen
    // as a whole freezes every inner layer; otherwise each inner layer follows its own flag.
    virtual void setTrainable(bool on) { m_trainable = on; }
    // Whether any of its parameters learn (a layer without parameters learns nothing).
    virtual bool learns() const { return m_trainable && paramCount() > 0; }
    // Of paramCount, how many are state that no gradient moves (BatchNorm's running mean and variance, the
    // last ones in its view): they never learn, frozen or not, and count neither as trainable nor frozen.
    virtual long long stateCount() const { return 0; }
    // Sets mask[i] = 1 for each of its paramCount() parameters that learns (the first paramCount() -
    // stateCount() when the layer learns), leaves the rest as they are.
    virtual void markTrainable(std::uint8_t* mask) const {
        if (learns()) std::fill_n(mask, paramCount() - stateCount(), std::uint8_t(1));
    }
    // The shape of the first weightCount parameters, outermost first: Dense {units, inputs}, Conv2D
    // {filters, inChannels, k, k}; empty for a layer without weights and for a composite. For views.
    virtual std::vector<int> weightShape() const { return {}; }
    // Floats reserve(maxBatch, chunks) allocates for per-batch state and workspaces, after configure():
    // perSample x maxBatch + perChunk x chunks. The memory estimate (core/memory_estimate.h) sums them.
    struct Workspace {
        long long perSample = 0;  // e.g. a dropout mask
        long long perChunk = 0;   // e.g. a convolution's im2col buffers
    };
    virtual Workspace workspace() const { return {}; }
    virtual double forwardFlops() const { return 0; }  // per sample

    // requires: params points at paramCount() floats that outlive the layer's use.
    virtual void bind(float* /*params*/) {}
    // Weights as `init` says (core/weight_init.h), drawn from rng; zero biases; a layer's other parameters
    // at their neutral start (BatchNorm: scale 1, shift 0, running mean 0 and variance 1).
    virtual void initParams(std::mt19937_64& /*rng*/, const InitChoice& /*init*/) {}
    // Allocates per-batch state and per-chunk workspaces for batches of up to maxBatch samples processed as
    // up to `chunks` independent parts at once, each call on at most ceil(maxBatch / chunks) samples.
    virtual void reserve(int /*maxBatch*/, int /*chunks*/) {}

    // Samples [first, first + n) of the current batch; in/out point at sample `first`
    //   in: n x inSize -> out: n x outSize.
    // Single-threaded: the Network runs chunks of the batch in parallel, each through every layer, so a call
    // may only touch state of its own samples and the workspace of its own `chunk`.
    virtual void forward(const float* in, float* out, int first, int n, int chunk, bool training) = 0;
    // dOut: n x outSize, dL/d(out) for these samples.
    // dIn:  n x inSize, dL/d(in), stored as `mode` says (written, or added to what it holds); nothing is
    //       stored when dIn is null (the network's input image needs no gradient).
    // dParams: paramCount floats, this layer's part of the chunk's gradient buffer: the parameter gradients
    //       summed over these samples are always ADDED into it. Null when they are not wanted (a frozen
    //       layer, an explanation): the layer then computes dIn only and skips the weight-gradient work.
    // in/out are what forward saw and produced for the same samples. Same threading rule as forward.
    virtual void backward(const float* in, const float* out, const float* dOut, float* dIn, GradMode mode,
                          float* dParams, int first, int n, int chunk) = 0;

    // Dropout and other stochastic layers: a per-step seed so results do not depend on thread timing.
    virtual void setStepSeed(std::uint64_t /*seed*/) {}

    // A layer whose output for one sample depends on the whole batch (BatchNorm: each channel normalised by
    // the batch's mean and variance). The Network runs it once per batch between the chunked parts:
    // forward and backward get first = 0, n = the whole batch, chunk = 0, may run parallel loops inside
    // (core/parallel.h, over channels, each channel's sums in sample order so that the result does not
    // depend on the threads), and backward may get dIn == dOut (in place, GradMode::Overwrite). Its
    // parameter gradients go into chunk 0's buffer. Such a layer cannot sit inside a block.
    virtual bool wholeBatch() const { return false; }
    // "" when training batches of `batch` samples can work, else why not and what to do (BatchNorm with a
    // batch of one).
    virtual std::string checkTrainingBatch(int /*batch*/) const { return {}; }
    // After a training step moved the weights: fold the statistics of the last training forward into
    // state kept in the parameters (BatchNorm's running mean and variance). `step` = the steps this run took
    // before this one (0 for its first). The training step calls it under its weights lock, so a copy of
    // the weights never sees half of it.
    virtual void updateRunningStatistics(long long /*step*/) {}

    const Shape& inputShape() const { return m_in; }
    const Shape& outputShape() const { return m_out; }

protected:
    Shape m_in, m_out;
    bool m_trainable = true;
};

// Builds the engine layer for one spec entry (without its fused activation; see Network).
std::unique_ptr<Layer> makeLayer(const LayerSpec& spec);
std::unique_ptr<Layer> makeActivationLayer(Activation a, float alpha);

}  // namespace layerlab
