#include "core/inference_model.h"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "core/compression.h"
#include "core/dataset.h"
#include "core/errors.h"
#include "core/input_scaling.h"
#include "core/loss.h"
#include "core/network.h"
#include "core/parallel.h"

namespace layerlab {

namespace {
// Images per thread in one evaluation batch. Small batches keep the activations in cache (seed CNN: about
// 270 KB per image); 4 to 64 measured alike within the noise of this shared machine, 16 at the low end.
constexpr int kBatchPerThread = 16;
}  // namespace

ImageGeometry imageGeometryOf(const Shape& input) {
    if (input.isSpatial()) return {input.c(), input.h(), input.w()};
    const long long n = input.size();
    const int k = int(std::lround(std::sqrt(double(n))));
    if ((long long)k * k == n) return {1, k, k};
    return {1, 1, int(n)};
}

InferenceModel::InferenceModel(const ModelSpec& spec, std::span<const float> params, int threads)
    : m_spec(spec), m_arena(std::make_unique<ThreadArena>(threads)), m_net(std::make_unique<Network>(spec)) {
    setParams(params);
    m_net->setLogitsOutput(true);  // scores: a final Softmax is skipped
    m_endsWithSoftmax = m_net->layer(m_net->layerCount() - 1).type() == LayerType::Softmax;
    m_maxBatch = kBatchPerThread * m_arena->threads();
    m_net->reserve(m_maxBatch, m_arena->threads());
}

InferenceModel::~InferenceModel() = default;

void InferenceModel::setParams(std::span<const float> params) {
    auto p = m_net->params();
    if (params.size() != p.size())
        throw CheckpointError("the weights hold " + std::to_string(params.size()) +
                              " values but the model needs " + std::to_string(p.size()));
    std::copy(params.begin(), params.end(), p.begin());
}

void InferenceModel::setQuantization(const Quantization& q) {
    if (const std::string why = checkQuantization(m_spec, q); !why.empty())
        throw CheckpointError("the quantization does not fit the model: " + why);
    m_net->setInputQuantization(q.empty() ? std::vector<float>{} : q.inputScales(m_net->layerCount()));
    m_quantized = !q.empty();
}

int InferenceModel::classes() const {
    return int(m_net->outputSize());
}

int InferenceModel::threads() const {
    return m_arena->threads();
}

void InferenceModel::run(const std::function<void()>& fn) {
    m_arena->execute(fn);
}

std::string InferenceModel::checkData(const Dataset& data) const {
    const ImageGeometry g = imageGeometry();
    if ((long long)data.imageSize() != m_spec.input.size() || g.channels != data.channels)
        return "the model takes " + m_spec.input.toString() + " inputs but " + data.name + " has " +
               imageKindText(data) +
               ": use the dataset the model was trained on (--data DIR), or a model for " +
               data.imageShape().toString() + " inputs";
    if (data.classes > classes())
        return data.name + " has " + std::to_string(data.classes) + " classes but the model outputs " +
               std::to_string(classes()) + ": use the dataset the model was trained on";
    return "";
}

void InferenceModel::softmaxRows(float* scores, int n, int k) {
    for (int s = 0; s < n; ++s) {
        float* z = scores + (long long)s * k;
        const float m = *std::max_element(z, z + k);
        double sum = 0;
        for (int j = 0; j < k; ++j) sum += std::exp(double(z[j] - m));
        for (int j = 0; j < k; ++j) z[j] = float(std::exp(double(z[j] - m)) / sum);
    }
}

Predictions InferenceModel::evaluate(const ImageSet& set, const std::atomic<bool>* cancel) {
    const long long inSize = m_net->inputSize();
    const int k = classes();
    if ((long long)set.imageSize != inSize)
        throw DataError("the " + set.name + " images have " + std::to_string(set.imageSize) +
                        " pixels but the model takes " + m_spec.input.toString() + " = " +
                        std::to_string(inSize) + " inputs: use the dataset the model was trained on");
    for (std::size_t i = 0; i < set.count; ++i)
        if (set.labels[set.sourceIndex(i)] >= k)
            throw DataError("the " + set.name + " set has images of class " +
                            std::to_string(int(set.labels[set.sourceIndex(i)])) + " but the model outputs " +
                            std::to_string(k) + " classes: use the dataset the model was trained on");
    const auto t0 = std::chrono::steady_clock::now();
    Predictions p;
    p.classes = k;
    const std::size_t n = set.count;
    p.sourceIndex.resize(n);
    p.labels.resize(n);
    p.predicted.resize(n);
    p.probabilities.resize(n * std::size_t(k));
    p.losses.resize(n);
    const LossType lossType = m_spec.training.loss;
    run([&] {
        for (std::size_t start = 0; start < n; start += std::size_t(m_maxBatch)) {
            if (cancel && cancel->load()) {
                p = Predictions{};
                p.classes = k;
                p.cancelled = true;
                return;
            }
            const int b = int(std::min<std::size_t>(std::size_t(m_maxBatch), n - start));
            float* in = m_net->inputBuffer();
            for (int s = 0; s < b; ++s) {
                const std::size_t src = set.sourceIndex(start + s);
                pixelsToInputs(set.images + src * set.imageSize, in + s * inSize, std::size_t(inSize));
                p.sourceIndex[start + s] = std::uint32_t(src);
                p.labels[start + s] = set.labels[src];
            }
            const float* scores = m_net->infer(in, b);
            float* prob = p.probabilities.data() + start * k;
            std::copy(scores, scores + (long long)b * k, prob);
            softmaxRows(prob, b, k);
            for (int s = 0; s < b; ++s) {
                const std::size_t i = start + s;
                const float* pr = prob + (long long)s * k;
                p.predicted[i] = std::uint8_t(std::max_element(pr, pr + k) - pr);
                // The loss the trainer reports: cross-entropy on the scores (logits); mean squared error on
                // the model's own outputs (probabilities after a final Softmax, else the scores).
                const float* out = lossType == LossType::MeanSquaredError && !m_endsWithSoftmax
                                       ? scores + (long long)s * k
                                       : pr;
                p.losses[i] = float(
                    lossType == LossType::CrossEntropy
                        ? softmaxCrossEntropy(scores + (long long)s * k, &p.labels[i], 1, k, nullptr).loss
                        : meanSquaredError(out, &p.labels[i], 1, k, nullptr).loss);
            }
        }
    });
    p.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return p;
}

std::vector<float> InferenceModel::classifyInputs(const float* inputs, int n) {
    const long long inSize = m_net->inputSize();
    const int k = classes();
    std::vector<float> prob(std::size_t(std::max(0, n)) * k);
    run([&] {
        for (int start = 0; start < n; start += m_maxBatch) {
            const int b = std::min(m_maxBatch, n - start);
            const float* scores = m_net->infer(inputs + start * inSize, b);
            std::copy(scores, scores + (long long)b * k, prob.data() + (long long)start * k);
        }
    });
    softmaxRows(prob.data(), n, k);
    return prob;
}

std::vector<float> InferenceModel::classify(const std::uint8_t* pixels, int n) {
    const long long inSize = m_net->inputSize();
    std::vector<float> in(std::size_t(std::max(0, n)) * inSize);
    pixelsToInputs(pixels, in.data(), in.size());
    return classifyInputs(in.data(), n);
}

Snapshot InferenceModel::snapshot(const std::uint8_t* pixels, int label) {
    Snapshot s;
    run([&] { s = takeSnapshot(*m_net, pixels, label); });
    return s;
}

}  // namespace layerlab
