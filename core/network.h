#pragma once
// A sequential network built from a ModelSpec. Owns ONE parameter buffer and ONE gradient buffer; layers
// hold views. Buffers for activations and gradients are allocated in reserve(), never per batch.
// A block (Residual) is one engine layer that runs its inner chain itself, so the network stays a chain;
// every activation here has one consumer, and backward writes each layer's input gradient
// (GradMode::Overwrite).
// A whole-batch layer (BatchNorm, Layer::wholeBatch) cuts the chain into segments: forward runs the chunks
// through one segment in parallel, then the whole-batch layer on all samples at once (it parallelises over
// channels), then the next segment; backward the same from the top, the gradient at each cut held for the
// whole batch (two ping-pong buffers, the whole-batch layer working in place). See docs/architecture.md.
#include <cstdint>
#include <memory>
#include <span>
#include <utility>
#include <vector>

#include "core/aligned_buffer.h"
#include "core/layer.h"
#include "core/model_spec.h"
#include "core/parallel.h"
#include "core/shape_inference.h"

namespace layerlab {

class Network {
public:
    // Throws SpecError when the spec cannot work. Each spec layer becomes one engine layer, plus one
    // activation layer when it has an `activation` option.
    explicit Network(const ModelSpec& spec);
    ~Network();

    const ModelSpec& spec() const { return m_spec; }
    const Shape& inputShape() const { return m_spec.input; }
    Shape outputShape() const;
    long long inputSize() const { return m_spec.input.size(); }
    long long outputSize() const { return outputShape().size(); }

    std::span<float> params() { return m_params; }
    std::span<const float> params() const { return m_params; }
    std::span<float> grads() { return m_grads; }
    std::span<const float> grads() const { return m_grads; }
    // Mask over params(): 1 for the weights of layers that learn (L2 applies), 0 for biases and frozen ones.
    const std::vector<std::uint8_t>& weightMask() const { return m_weightMask; }
    // Mask over params(): 1 for parameters that learn, 0 for those of frozen layers ("trainable": false).
    // backward() leaves the frozen ones' gradients at 0 and skips their weight-gradient work, and computes
    // nothing below the lowest layer that learns.
    const std::vector<std::uint8_t>& trainableMask() const { return m_trainableMask; }
    long long trainableCount() const { return m_trainableCount; }

    // Each layer's weights as its "init" says, or the model's training.init (core/weight_init.h); auto: He
    // normal before ReLU-family activations, Xavier normal otherwise. One generator seeded by `seed`, drawn
    // in layer order.
    void initParams(std::uint64_t seed);
    // Throws SpecError naming the first layer that cannot train on batches of `batch` samples (a BatchNorm
    // with a batch of one), with the fix.
    void checkTrainingBatch(int batch) const;
    // After a training step (`step` = the run's steps before it): layers fold the last training forward's
    // batch statistics into their running ones (BatchNorm), which live in params(). The training step calls
    // it under its weights lock.
    void updateRunningStatistics(long long step);

    // Sizes all buffers for batches of up to maxBatch, run on `threads` threads (>= 1): the flat layers as
    // parallelChunks(maxBatch, threads) parallel parts, the spatial ones as spatialPiecesPerThread pieces a
    // thread (core/memory_estimate.h).
    void reserve(int maxBatch, int threads);

    // When true, forward returns logits for a fused, stable softmax cross-entropy: a final Softmax layer
    // (or activation) is skipped, and a model without one has its raw outputs taken as logits.
    void setLogitsOutput(bool on) { m_logitsOutput = on; }
    bool logitsOutput() const { return m_logitsOutput; }
    // Inference with int8 activations (core/compression.h): per engine layer, the scale its input is
    // quantized to int8 with and back (in place, in the input buffer) before the layer runs; 0 = float.
    // Empty, the default: every layer runs in float, bit for bit as without it. scales: layerCount() values.
    void setInputQuantization(std::vector<float> scales);

    // in: n x inputSize. Returns out: n x outputSize (logits when logitsOutput()).
    const float* forward(const float* in, int n, bool training);
    // forward(in, n, false) for a caller that wants only the output (evaluation, validation, classify):
    // the layers before the first flat input pass each sample block through two small per-chunk scratch
    // buffers (in cache) instead of writing the batch's activation buffers, and only the output of the last
    // of them goes to its batch buffer. The same bits as forward(in, n, false) (the scratch keeps each
    // sample's alignment). Afterwards activation(i) of those layers holds nothing of this batch, so
    // anything that reads them (snapshots, health, explanations, activationGradient, calibration) uses
    // forward instead.
    const float* infer(const float* in, int n);
    // The network's own input buffer (maxBatch x inputSize, after reserve). Writing a batch here and passing
    // it to forward saves forward's copy; n must not exceed the reserved batch, or forward reallocates it.
    float* inputBuffer() { return m_acts.empty() ? nullptr : m_acts[0].data(); }
    // dOut: n x outputSize, gradient of the loss w.r.t. what forward returned. Fills grads() (the parts of
    // frozen layers stay 0).
    void backward(const float* dOut, int n);
    void setStepSeed(std::uint64_t seed);

    // On (the default): forward runs a ReLU followed by a max pool as the pool then the ReLU on its outputs
    // (the same activations and gradients, see forwardChunked), and backward both in one pass
    // (Pool2D::backwardAfterRelu); off: every layer in order. For tests.
    void setFusedPooling(bool on) { m_fusedPooling = on; }
    // The layer outputs a training forward writes to activation(i) although the step never reads them again:
    // those of a layer and its ReLU before a max pool (the fused backward reads neither).
    //   All (the default): every layer's output is written.
    //   ModelLayers: those of them that are a model layer's output, which layer health reads (a Conv2D's
    //   ReLU, not the convolution's own output under it). None: neither; activation(i) of those layers holds
    //   an earlier batch's.
    // A forward that does not train writes every output. The trainer keeps None but on the steps whose health
    // it measures (ModelLayers) and the steps it inspects (All); bench keeps None.
    enum class KeptOutputs { None, ModelLayers, All };
    void setKeptTrainingOutputs(KeptOutputs kept) { m_kept = kept; }

    // The split by units. A training step on 2 or more threads of an MLP with one hidden Dense layer
    // ([Flatten,] Dense, [an element-wise activation,] Dense, with every parameter learning and no int8
    // inputs) runs each thread on a block of the hidden layer's units for the whole batch, rather than on a
    // share of the samples: a thread's hidden weights, their gradients and their Adam moments then never
    // leave its core (moving them between the cores cost about a third of a split-by-samples step here).
    // Only each thread's share of the outputs (outputs x n) is summed across the cores. backward() follows
    // the forward it comes after. Each part reads the whole batch's inputs from its own copy:
    // inputCopies(n) is how many the next training forward of n samples reads (1 when it is not split) and
    // inputCopy(p) copy p (inputCopy(0) = inputBuffer()). A caller that has filled every copy says so with
    // markInputCopiesFilled() just before forward; otherwise forward copies inputBuffer() into the others.
    int inputCopies(int n) const { return unitParts(n); }
    float* inputCopy(int p) { return p == 0 ? inputBuffer() : m_inputCopies[p - 1].data(); }
    void markInputCopiesFilled() { m_copiesFilled = true; }
    // On (the default): training steps of such an MLP are split by units; off: by samples. For tests and
    // benchmarks.
    void setUnitSplit(bool on) { m_unitSplitOn = on; }
    // On (the default): a convolution whose last output rows or columns no layer reads (a pool after it, with
    // or without element-wise activations between, whose windows stop short of them: the seed CNN's 11 x 11
    // maps pooled to 5 x 5 read 10 x 10) computes the outputs that are read with a narrower product, and the
    // rest only when they may be looked at (Conv2D::setCrop). Off: every output, as any other convolution.
    // The used outputs then get other bits (the products sum in another order). For tests and benchmarks;
    // call before reserve().
    void setConvCrop(bool on);

    // Explanations (core/explain.h): the gradient of some scalar S with respect to the input, or to the
    // output of engine layer `layer`, for the n samples of the last forward (same n, nothing run between).
    //   dOut: n x outputSize, dS / d(what forward returned)
    //   inputGradient:      -> dIn  n x inputSize
    //   activationGradient: -> dAct n x layer(layer).outputShape().size()   (layer -1: the input)
    // Runs the layers' own backward from the output down without parameter gradients (dParams null), so
    // grads() is left untouched.
    void inputGradient(const float* dOut, int n, float* dIn) { activationGradient(-1, dOut, n, dIn); }
    void activationGradient(int layer, const float* dOut, int n, float* dAct);

    // Engine layers (activations separate from their Dense/Conv2D; a block is one layer).
    int layerCount() const { return int(m_layers.size()); }
    const Layer& layer(int i) const { return *m_layers[i]; }
    int specIndexOf(int engineLayer) const { return m_specIndex[engineLayer]; }
    // Offset and count of engine layer i's parameters in params().
    long long paramOffset(int i) const { return m_paramOffset[i]; }
    // Output of engine layer i from the last forward (n x its output size).
    const float* activation(int i) const { return m_acts[i + 1].data(); }

private:
    bool endsWithSoftmax() const;
    const float* forwardImpl(const float* in, int n, bool training, bool scratch);
    // Forward through engine layers [begin, end), none of them whole-batch: chunks in parallel. scratch:
    // the spatial layers' outputs but the last go to m_scratch (see infer).
    void forwardChunked(int begin, int end, int n, bool training, bool scratch);
    // Spatial layers [begin, split) on samples r (piece c, its workspaces and scratch blocks).
    void forwardPiece(int begin, int split, ChunkRange r, int c, bool training, bool scratch);
    // Backward from engine layer `top` down to `bottom` (inclusive): dTop = d(output of top), whole batch
    // (n x its size); writes d(input of bottom) into dBottom (n x its size; null: not needed). withParams:
    // the parameter gradients of layers that learn are added into the chunks' buffers (a whole-batch
    // layer's into chunk 0's); frozen layers, and every layer without withParams, get dParams null.
    void backwardLayers(int top, int bottom, const float* dTop, float* dBottom, int n, bool withParams);

    ModelSpec m_spec;
    std::vector<std::unique_ptr<Layer>> m_layers;
    std::vector<int> m_specIndex;
    std::vector<long long> m_paramOffset;
    FloatBuffer m_params, m_grads;
    std::vector<std::uint8_t> m_weightMask, m_trainableMask;
    long long m_trainableCount = 0;
    std::vector<char> m_learns;  // per engine layer: some of its parameters learn
    int m_lowestLearning = 0;    // the first engine layer that learns (layerCount() when none does)
    std::vector<std::pair<long long, long long>> m_learningRanges;  // [begin, end) of learning parameters
    int runCount() const;                      // layers run by forward (all, or all but a final Softmax)
    const float* act(int i, int sample) const  // input of layer i at `sample` (i == layerCount: the output)
    {
        return m_acts[i].data() + (long long)sample * m_acts[i].size() / std::max(1, m_maxBatch);
    }
    float* act(int i, int sample) { return const_cast<float*>(std::as_const(*this).act(i, sample)); }

    std::vector<FloatBuffer>
        m_acts;  // m_acts[0] = input copy, m_acts[i+1] = output of layer i (maxBatch x size)
    // Execution plan: layers [0, m_flatStart) take spatial inputs and run sample-blocked, m_micro samples at
    // a time through all of them, so a block's activations stay in cache, on the pieces of the batch
    // (pieceRange: each thread's share cut into pieces that halve in size, so that the threads end together);
    // layers from m_flatStart on take flat inputs and run on a whole chunk at once (big GEMMs), one chunk a
    // thread. Pieces, and chunks, run in parallel.
    int m_flatStart = 0;
    int m_micro = 1;
    int m_piecesPerThread = 1, m_pieces = 1;
    ChunkRange pieceRange(int n, int piece) const {
        return taperedRange(n, m_threads, m_piecesPerThread, piece);
    }
    long long m_spatialParams = 0;          // the spatial layers' parameters: params()[0, m_spatialParams)
    std::vector<FloatBuffer> m_pieceGrads;  // pieces x m_spatialParams, reduced in piece order into m_grads
    std::vector<FloatBuffer> m_chunkGrads;  // chunks x paramCount (the flat layers' part used), likewise
    std::vector<FloatBuffer> m_gA, m_gB;    // per chunk: ping-pong d(activation) buffers of the flat layers
    FloatBuffer m_dBoundary;                // d(output of the spatial part), maxBatch x its size
    // per piece: two ping-pong buffers for the spatial layers, m_micro samples of the largest output but the
    // last, plus 16 floats of slack to give each the alignment its batch buffer would have: infer's outputs,
    // the training forward's fused layer outputs, the backward's gradients
    std::vector<FloatBuffer> m_scratch[2];
    // Where in m_scratch[which][piece] an output that would go to `like` goes.
    float* scratchFor(int which, int chunk, const float* like);
    // per engine layer: an activation that commutes with max (ElementwiseActivation::commutesWithMax) with
    // a MaxPool2D after it, which infer runs first
    std::vector<char> m_poolFirst;
    bool m_fusedPooling = true;
    KeptOutputs m_kept = KeptOutputs::All;
    // per engine layer: its output is a model layer's (the last engine layer of its spec layer)
    std::vector<char> m_modelOutput;
    // Whether a forward writes engine layer i's output where the step itself does not read it.
    bool outputWanted(int i, bool training) const {
        return !training || m_kept == KeptOutputs::All ||
               (m_kept == KeptOutputs::ModelLayers && m_modelOutput[i]);
    }
    // per engine layer: a ReLU with a MaxPool2D after it, whose backward runs as one pass
    // (Pool2D::backwardAfterRelu) when the pool kept its taps (with fused pooling)
    std::vector<char> m_reluPool;
    FloatBuffer m_gWhole[2];  // with whole-batch layers: gradients at the cuts, maxBatch x size
    int m_maxBatch = 0;
    int m_chunks = 1, m_threads = 1;
    bool m_logitsOutput = false;

    // The split by units (see inputCopies): the engine layers of the hidden Dense, its activation (-1: none)
    // and the output Dense; m_splitHidden -1 when the model is not such an MLP.
    int m_splitHidden = -1, m_splitAct = -1, m_splitOut = -1;
    bool m_unitSplitOn = true, m_copiesFilled = false;
    int m_splitParts = 0, m_splitN = 0;  // the last forward's parts and batch when it was split by units
    int unitParts(int n) const;          // the parts of a training step of n samples (1: not split)
    int maxUnitParts() const;            // the parts on m_threads threads (1: not such an MLP)
    ChunkRange splitUnits(int parts, int p) const;  // the hidden units of part p: whole 16-float lines
    void forwardSplit(int n, int parts, bool copyInputs);
    void storeSplitActivations(int p, int n, int parts);
    bool m_splitActsStored = false;  // whether the last split forward's hidden outputs are in m_acts
    void backwardSplit(const float* dOut, int n, int parts);
    std::vector<FloatBuffer> m_inputCopies;  // parts - 1 copies of the batch's inputs (maxBatch x inputSize)
    // per part: its units' pre-activations, activations and gradients (units x maxBatch), and its share of
    // the outputs (outputs x maxBatch)
    std::vector<FloatBuffer> m_partZ, m_partA, m_partD, m_partOut;
    struct Crop {
        int layer, rows, columns;  // a Conv2D engine layer and the outputs read of each channel
    };
    std::vector<Crop> m_crops;        // see setConvCrop
    std::vector<float> m_inputScale;  // see setInputQuantization
    void quantizeInput(int i, int sample, int n) { quantizeInput(i, act(i, sample), n); }
    void quantizeInput(int i, float* x, int n);  // x: n inputs of layer i
};

}  // namespace layerlab
