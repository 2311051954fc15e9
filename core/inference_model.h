#pragma once
// A private copy of a trained model to look inside: its own Network built from a spec and a COPY of the
// weights, its own thread arena. Made for the Evaluate workbench and layerlab-cli evaluate/predict: it runs
// beside a training run (which keeps its own network), e.g. in a GUI thread-pool task on the weights of
// Trainer::currentParams() or of a Snapshot, and hands back value types.
//
// Threading: one thread at a time per InferenceModel (a task owns it; make one per concurrent task). Its
// parallel work runs in its own tbb::task_arena of threads() threads. Nothing here touches a Trainer.
//
// Scores vs probabilities: the model's "scores" are its outputs before a final Softmax (its raw outputs
// when it has none); probabilities are their softmax, as the studio's probability bars show them.
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "core/evaluation.h"
#include "core/model_spec.h"
#include "core/snapshot.h"

namespace layerlab {

class Network;
class ThreadArena;
struct Quantization;

// How a model's input reads as an image: C x H x W for a spatial input; a flat input of k*k values reads as
// 1 x k x k (an MLP on 28x28 images), any other flat input as 1 x 1 x n.
struct ImageGeometry {
    int channels = 1, height = 1, width = 1;
    long long size() const { return (long long)channels * height * width; }
};
ImageGeometry imageGeometryOf(const Shape& input);

class InferenceModel {
public:
    // Throws SpecError when the spec cannot work, CheckpointError when params does not hold the model's
    // parameter count. threads: 0 = all cores.
    InferenceModel(const ModelSpec& spec, std::span<const float> params, int threads = 0);
    ~InferenceModel();
    InferenceModel(const InferenceModel&) = delete;
    InferenceModel& operator=(const InferenceModel&) = delete;

    // Newer weights of the same model (e.g. the latest snapshot while training goes on). Same size rule.
    void setParams(std::span<const float> params);
    // Runs the model with int8 activations (core/compression.h): the params must be the dequantized int8
    // weights that came with q (a quantized checkpoint's). An empty q: float again. Throws CheckpointError
    // when q does not fit the model.
    void setQuantization(const Quantization& q);
    bool quantized() const { return m_quantized; }

    const ModelSpec& spec() const { return m_spec; }
    int classes() const;  // K, the model's outputs
    const Shape& inputShape() const { return m_spec.input; }
    ImageGeometry imageGeometry() const { return imageGeometryOf(m_spec.input); }
    int threads() const;

    // "" when the model can run on data's images and labels, else one sentence naming both and the fix
    // (a model for another image size or channel count, or with fewer outputs than the data has classes).
    std::string checkData(const Dataset& data) const;

    // Every image of `set` through the model in batches on all threads: per-image probabilities, losses and
    // predictions. `cancel`, when set by another thread, ends the pass at the next batch (cancelled = true,
    // nothing else filled). Throws DataError when the set does not fit the model (image size, a label >= K).
    Predictions evaluate(const ImageSet& set, const std::atomic<bool>* cancel = nullptr);

    // n images of the model's input size, pixels (uint8, scaled as training scales them) or inputs
    // (floats as the network sees them): n x K probabilities.
    std::vector<float> classify(const std::uint8_t* pixels, int n);
    std::vector<float> classifyInputs(const float* inputs, int n);

    // One image through the model with every layer's activations copied (the feature maps of the drawing
    // pad): see core/snapshot.h. label -1 when unknown.
    Snapshot snapshot(const std::uint8_t* pixels, int label = -1);

    // For core/explain.cpp: the network (its output is the scores) and a way to run in the arena.
    Network& network() { return *m_net; }
    void run(const std::function<void()>& fn);
    int maxBatch() const { return m_maxBatch; }
    // Scores (n x K) -> probabilities (n x K), in place.
    static void softmaxRows(float* scores, int n, int k);

private:
    ModelSpec m_spec;
    std::unique_ptr<ThreadArena> m_arena;
    std::unique_ptr<Network> m_net;  // scores out (logits mode), reserved for maxBatch() on threads() chunks
    int m_maxBatch = 0;
    bool m_endsWithSoftmax = false;
    bool m_quantized = false;
};

}  // namespace layerlab
