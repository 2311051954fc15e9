#include "core/network.h"

#include <algorithm>
#include <cassert>
#include <cstring>
#include <string>

#include "core/errors.h"
#include "core/layer_types.h"
#include "core/memory_estimate.h"
#include "core/parallel.h"

namespace layerlab {

namespace {
bool reluFamily(const Layer* l) {
    return l && layerTypeInfo(l->type()).heInitBefore;
}
}  // namespace

Network::Network(const ModelSpec& spec) : m_spec(spec) {
    validateModel(spec);  // the error names the layer, its index and the shapes
    Shape shape = spec.input;
    long long offset = 0;
    for (size_t i = 0; i < spec.layers.size(); ++i) {
        auto add = [&](std::unique_ptr<Layer> l) {
            shape = l->configure(shape);
            m_paramOffset.push_back(offset);
            offset += l->paramCount();
            m_specIndex.push_back(int(i));
            m_layers.push_back(std::move(l));
        };
        add(makeLayer(spec.layers[i]));
        if (auto act = makeActivationLayer(spec.layers[i].activation, spec.layers[i].alpha))
            add(std::move(act));
    }
    // The parameter buffers are allocated here, the rest in reserve(): refuse before either (one estimate for
    // the engine and the studio's editor).
    checkTrainingMemory(spec, 0, 1);
    m_params.assign(offset, 0.0f);
    m_grads.assign(offset, 0.0f);
    m_weightMask.assign(offset, 0);
    m_trainableMask.assign(offset, 0);
    for (size_t i = 0; i < m_layers.size(); ++i) {
        m_layers[i]->bind(m_params.data() + m_paramOffset[i]);
        m_layers[i]->markWeights(m_weightMask.data() + m_paramOffset[i]);
        m_layers[i]->markTrainable(m_trainableMask.data() + m_paramOffset[i]);
        m_learns.push_back(m_layers[i]->learns());
    }
    m_lowestLearning = 0;
    while (m_lowestLearning < int(m_layers.size()) && !m_learns[m_lowestLearning]) ++m_lowestLearning;
    for (long long p = 0; p < offset; ++p) {
        m_weightMask[p] &= m_trainableMask[p];  // no L2 on frozen weights
        m_trainableCount += m_trainableMask[p];
        if (!m_trainableMask[p]) continue;
        if (m_learningRanges.empty() || m_learningRanges.back().second != p)
            m_learningRanges.push_back({p, p});
        ++m_learningRanges.back().second;
    }
    m_flatStart = 0;
    while (m_flatStart < int(m_layers.size()) && m_layers[m_flatStart]->inputShape().isSpatial())
        ++m_flatStart;
}

Network::~Network() = default;

Shape Network::outputShape() const {
    return m_layers.back()->outputShape();
}

bool Network::endsWithSoftmax() const {
    return m_layers.back()->type() == LayerType::Softmax;
}

void Network::initParams(std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    for (size_t i = 0; i < m_layers.size(); ++i) {
        // He init when the next layer is ReLU-family (a fused activation or a separate layer).
        const Layer* next = i + 1 < m_layers.size() ? m_layers[i + 1].get() : nullptr;
        m_layers[i]->initParams(rng, reluFamily(next));
    }
}

void Network::reserve(int maxBatch, int chunks) {
    chunks = std::max(1, std::min(chunks, maxBatch));
    if (maxBatch == m_maxBatch && chunks == m_chunks && !m_acts.empty()) return;
    checkTrainingMemory(m_spec, maxBatch, chunks);
    m_maxBatch = maxBatch;
    m_chunks = chunks;
    const int maxChunk = (maxBatch + chunks - 1) / chunks;
    m_acts.resize(m_layers.size() + 1);
    m_acts[0].assign((size_t)maxBatch * inputSize(), 0.0f);
    long long largest = 1, spatialBytes = 0;
    for (size_t i = 0; i < m_layers.size(); ++i) {
        const long long sz = m_layers[i]->outputShape().size();
        if (i + 1 < m_layers.size()) largest = std::max(largest, sz);
        if (int(i) < m_flatStart) spatialBytes += 4 * sz;
        m_acts[i + 1].assign((size_t)maxBatch * sz, 0.0f);
        m_layers[i]->reserve(maxBatch, chunks);
    }
    // Sample block for the spatial layers: what fits in about half of a 1 MB L2 cache.
    constexpr long long kBlockBytes = 512 * 1024;
    m_micro = int(std::clamp<long long>(kBlockBytes / std::max(1LL, spatialBytes), 1, maxChunk));
    const long long boundary = m_flatStart > 0 ? m_layers[m_flatStart - 1]->outputShape().size() : 0;
    m_chunkGrads.assign(chunks, FloatBuffer(m_params.size(), 0.0f));
    m_gA.assign(chunks, FloatBuffer((size_t)maxChunk * largest, 0.0f));
    m_gB.assign(chunks, FloatBuffer((size_t)maxChunk * largest, 0.0f));
    m_gBoundary.assign(chunks, FloatBuffer((size_t)maxChunk * boundary, 0.0f));
}

int Network::runCount() const {
    return m_logitsOutput && endsWithSoftmax() ? int(m_layers.size()) - 1 : int(m_layers.size());
}

void Network::setStepSeed(std::uint64_t seed) {
    for (size_t i = 0; i < m_layers.size(); ++i) m_layers[i]->setStepSeed(seed * 1000003ull + i);
}

const float* Network::forward(const float* in, int n, bool training) {
    if (n > m_maxBatch || m_acts.empty()) reserve(std::max(n, m_maxBatch), m_chunks);
    if (in != m_acts[0].data()) std::memcpy(m_acts[0].data(), in, sizeof(float) * n * inputSize());
    const int last = runCount(), split = std::min(m_flatStart, last);
    parallelFor(std::min(m_chunks, n), [&](int c) {
        const ChunkRange r = chunkRange(n, std::min(m_chunks, n), c);
        for (int b = r.begin; b < r.end; b += m_micro) {
            const int m = std::min(m_micro, r.end - b);
            for (int i = 0; i < split; ++i) m_layers[i]->forward(act(i, b), act(i + 1, b), b, m, c, training);
        }
        for (int i = split; i < last; ++i)
            m_layers[i]->forward(act(i, r.begin), act(i + 1, r.begin), r.begin, r.end - r.begin, c, training);
    });
    return m_acts[last].data();
}

// Layers run last to first down to the lowest one that learns (nothing below it needs a gradient): a frozen
// layer above it passes its input gradient on without computing its own (dParams null), and the lowest one
// computes no input gradient (neither does layer 0: the image needs none).
void Network::backward(const float* dOut, int n) {
    const int last = runCount(), split = std::min(m_flatStart, last);
    const int lowest = m_lowestLearning;
    const int chunks = std::min(m_chunks, n);
    const long long outSize = m_layers[last - 1]->outputShape().size();
    if (lowest >= last) return;  // nothing learns: the gradients stay 0
    parallelFor(chunks, [&](int c) {
        const ChunkRange r = chunkRange(n, chunks, c);
        const int count = r.end - r.begin;
        float* g = m_chunkGrads[c].data();
        for (const auto& [lo, hi] : m_learningRanges) std::fill(g + lo, g + hi, 0.0f);
        auto params = [&](int i) { return m_learns[i] ? g + m_paramOffset[i] : nullptr; };
        float* bufs[2] = {m_gA[c].data(), m_gB[c].data()};
        // Flat layers, whole chunk, last to first.
        const float* d = dOut + r.begin * outSize;
        int which = 0;
        for (int i = last - 1; i >= std::max(split, lowest); --i) {
            float* dIn = i == lowest ? nullptr : (i == split ? m_gBoundary[c].data() : bufs[which]);
            m_layers[i]->backward(act(i, r.begin), act(i + 1, r.begin), d, dIn, GradMode::Overwrite,
                                  params(i), r.begin, count, c);
            d = dIn;
            which ^= 1;
        }
        if (lowest >= split) return;
        // Spatial layers, one sample block at a time (its gradients stay in cache), last to first.
        const float* top = split == last ? dOut + r.begin * outSize : m_gBoundary[c].data();
        const long long topSize = m_layers[split - 1]->outputShape().size();
        for (int b = r.begin; b < r.end; b += m_micro) {
            const int m = std::min(m_micro, r.end - b);
            const float* db = top + (b - r.begin) * topSize;
            int w = 0;
            for (int i = split - 1; i >= lowest; --i) {
                float* dIn = i == lowest ? nullptr : bufs[w];
                m_layers[i]->backward(act(i, b), act(i + 1, b), db, dIn, GradMode::Overwrite, params(i), b, m,
                                      c);
                db = dIn;
                w ^= 1;
            }
        }
    });
    // Sum the chunks' gradients in chunk order: the same thread count gives the same bits. Frozen parts are
    // never written and stay 0.
    for (const auto& range : m_learningRanges) {
        const long long begin = range.first;  // (a named copy: clang 14 cannot capture a structured binding)
        parallelRanges(range.second - begin, 16384, [&](long long lo, long long hi) {
            lo += begin;
            hi += begin;
            Eigen::Map<Eigen::VectorXf> total(m_grads.data() + lo, hi - lo);
            total = Eigen::Map<const Eigen::VectorXf>(m_chunkGrads[0].data() + lo, hi - lo);
            for (int c = 1; c < chunks; ++c)
                total += Eigen::Map<const Eigen::VectorXf>(m_chunkGrads[c].data() + lo, hi - lo);
        });
    }
}

void Network::activationGradient(int layer, const float* dOut, int n, float* dAct) {
    const int last = runCount();
    assert(layer >= -1 && layer < last && n >= 1 && n <= m_maxBatch && !m_acts.empty());
    const int chunks = std::min(m_chunks, n);
    const long long outSize = m_layers[last - 1]->outputShape().size();
    const long long dstSize = layer < 0 ? inputSize() : m_layers[layer]->outputShape().size();
    parallelFor(chunks, [&](int c) {
        const ChunkRange r = chunkRange(n, chunks, c);
        const int count = r.end - r.begin;
        const float* d = dOut + r.begin * outSize;
        float* dst = dAct + r.begin * dstSize;
        if (layer == last - 1) {
            std::copy(d, d + count * outSize, dst);
            return;
        }
        float* bufs[2] = {m_gA[c].data(), m_gB[c].data()};
        int which = 0;
        // Whole chunk through every layer, last to first (an explanation's batch is small), without parameter
        // gradients.
        for (int i = last - 1; i > layer; --i) {
            float* dIn = i == layer + 1 ? dst : bufs[which];
            m_layers[i]->backward(act(i, r.begin), act(i + 1, r.begin), d, dIn, GradMode::Overwrite, nullptr,
                                  r.begin, count, c);
            d = dIn;
            which ^= 1;
        }
    });
}

}  // namespace layerlab
