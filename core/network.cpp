#include "core/network.h"

#include <algorithm>
#include <cassert>
#include <cstdint>
#include <cstring>
#include <string>

#include "core/compression.h"
#include "core/errors.h"
#include "core/kernels/stream_store.h"
#include "core/layer_types.h"
#include "core/layers/activations.h"
#include "core/layers/pool2d.h"
#include "core/memory_estimate.h"
#include "core/parallel.h"
#include "core/weight_init.h"

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
    m_poolFirst.assign(m_layers.size(), 0);
    m_reluPool.assign(m_layers.size(), 0);
    for (size_t i = 0; i + 1 < m_layers.size(); ++i) {
        const auto* f = dynamic_cast<const ElementwiseActivation*>(m_layers[i].get());
        m_poolFirst[i] = f && f->commutesWithMax() && m_layers[i + 1]->type() == LayerType::MaxPool2D;
        m_reluPool[i] = m_poolFirst[i] && m_layers[i]->type() == LayerType::ReLU;
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
    const InitChoice model = modelInit(m_spec.training);
    for (size_t i = 0; i < m_layers.size(); ++i) {
        // auto: He init when the next layer is ReLU-family (a fused activation or a separate layer).
        const Layer* next = i + 1 < m_layers.size() ? m_layers[i + 1].get() : nullptr;
        m_layers[i]->initParams(rng, chooseInit(m_spec.layers[m_specIndex[i]], model, reluFamily(next)));
    }
}

void Network::checkTrainingBatch(int batch) const {
    for (size_t i = 0; i < m_layers.size(); ++i)
        if (const std::string why = m_layers[i]->checkTrainingBatch(batch); !why.empty())
            throw SpecError(layerLabel(m_specIndex[i], m_layers[i]->type()) + " " + why, m_specIndex[i]);
}

void Network::updateRunningStatistics(long long step) {
    for (auto& l : m_layers) l->updateRunningStatistics(step);
}

void Network::reserve(int maxBatch, int threads) {
    threads = std::max(1, threads);
    const int chunks = parallelChunks(m_spec, maxBatch, threads);
    if (maxBatch == m_maxBatch && chunks == m_chunks && threads == m_threads && !m_acts.empty()) return;
    checkTrainingMemory(m_spec, maxBatch, threads);
    m_maxBatch = maxBatch;
    m_threads = threads;
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
    long long spatialLargest = 0;  // the largest output of a spatial layer but the last
    for (int i = 0; i + 1 < m_flatStart; ++i)
        spatialLargest = std::max(spatialLargest, m_layers[i]->outputShape().size());
    for (auto& s : m_scratch)
        s.assign(spatialLargest > 0 ? chunks : 0, FloatBuffer((size_t)m_micro * spatialLargest + 16, 0.0f));
    m_chunkGrads.assign(chunks, FloatBuffer(m_params.size(), 0.0f));
    m_gA.assign(chunks, FloatBuffer((size_t)maxChunk * largest, 0.0f));
    m_gB.assign(chunks, FloatBuffer((size_t)maxChunk * largest, 0.0f));
    m_gBoundary.assign(chunks, FloatBuffer((size_t)maxChunk * boundary, 0.0f));
    long long whole = 0;  // the largest input or output of a whole-batch layer
    for (const auto& l : m_layers)
        if (l->wholeBatch()) whole = std::max({whole, l->inputShape().size(), l->outputShape().size()});
    for (FloatBuffer& b : m_gWhole) b.assign((size_t)maxBatch * whole, 0.0f);
}

int Network::runCount() const {
    return m_logitsOutput && endsWithSoftmax() ? int(m_layers.size()) - 1 : int(m_layers.size());
}

void Network::setStepSeed(std::uint64_t seed) {
    for (size_t i = 0; i < m_layers.size(); ++i) m_layers[i]->setStepSeed(seed * 1000003ull + i);
}

const float* Network::forward(const float* in, int n, bool training) {
    return forwardImpl(in, n, training, false);
}

const float* Network::infer(const float* in, int n) {
    return forwardImpl(in, n, false, true);
}

const float* Network::forwardImpl(const float* in, int n, bool training, bool scratch) {
    if (n > m_maxBatch || m_acts.empty()) reserve(std::max(n, m_maxBatch), m_threads);
    if (in != m_acts[0].data()) std::memcpy(m_acts[0].data(), in, sizeof(float) * n * inputSize());
    const int last = runCount();
    // Segments of per-sample layers run chunked; a whole-batch layer between them sees every sample.
    for (int i = 0; i < last;) {
        if (m_layers[i]->wholeBatch()) {
            quantizeInput(i, 0, n);
            m_layers[i]->forward(act(i, 0), act(i + 1, 0), 0, n, 0, training);
            ++i;
            continue;
        }
        int end = i + 1;
        while (end < last && !m_layers[end]->wholeBatch()) ++end;
        forwardChunked(i, end, n, training, scratch);
        i = end;
    }
    return m_acts[last].data();
}

void Network::forwardChunked(int begin, int end, int n, bool training, bool scratch) {
    const int chunks = std::min(m_chunks, n);
    const int split = std::clamp(m_flatStart, begin, end);  // [begin, split) take spatial inputs
    parallelFor(chunks, [&](int c) {
        const ChunkRange r = chunkRange(n, chunks, c);
        if (begin < split && scratch && !m_scratch[0].empty())
            for (int b = r.begin; b < r.end; b += m_micro) {
                const int m = std::min(m_micro, r.end - b);
                float* x = act(begin, b);
                for (int i = begin, w = 0; i < split; ++i, w ^= 1) {
                    // An activation that commutes with max (ReLU) followed by a max pool runs after it, on
                    // the pool's outputs: f(max_j x_j) = max_j f(x_j), on a quarter as many values (2x2).
                    const bool poolFirst = i + 1 < split && m_poolFirst[i] && m_inputScale.empty();
                    const int o = poolFirst ? i + 1 : i;  // the layer whose output this step writes
                    float* y = act(o + 1, b);
                    if (o + 1 < split) y = scratchFor(w, c, y);
                    if (poolFirst) {
                        m_layers[o]->forward(x, y, b, m, c, training);
                        static_cast<const ElementwiseActivation&>(*m_layers[i])
                            .applyTo(y, y, m * m_layers[o]->outputShape().size());
                        ++i;
                    } else {
                        quantizeInput(i, x, m);
                        m_layers[i]->forward(x, y, b, m, c, training);
                    }
                    x = y;
                }
            }
        else if (begin < split)
            for (int b = r.begin; b < r.end; b += m_micro) {
                const int m = std::min(m_micro, r.end - b);
                for (int i = begin; i < split; ++i) {
                    if (i + 2 < split && m_reluPool[i + 1] && m_fusedPooling && m_inputScale.empty() &&
                        !m_scratch[0].empty()) {
                        // A layer, ReLU, max pool: the layer's output into the scratch (in cache), the pool
                        // and ReLU from there as below, and the layer's and the ReLU's outputs, which nothing
                        // in this step reads again (the fused backward reads neither), streamed out to their
                        // batch buffers for the studio and health.
                        const auto& relu = static_cast<const ReLU&>(*m_layers[i + 1]);
                        const long long size = m * m_layers[i]->outputShape().size();
                        float* z = scratchFor(0, c, act(i + 1, b));
                        quantizeInput(i, b, m);
                        m_layers[i]->forward(act(i, b), z, b, m, c, training);
                        m_layers[i + 2]->forward(z, act(i + 3, b), b, m, c, training);
                        relu.applyTo(act(i + 3, b), act(i + 3, b), m * m_layers[i + 2]->outputShape().size());
                        if (!training || m_keepTrainingActivations) {
                            relu.applyStreaming(z, act(i + 2, b), size);
                            streamCopy(z, act(i + 1, b), size);
                        }
                        i += 2;
                        continue;
                    }
                    if (i + 1 < split && m_reluPool[i] && m_fusedPooling && m_inputScale.empty()) {
                        // ReLU then max pool, as the pool on the ReLU's input (in cache) and the ReLU on its
                        // outputs: the same outputs (see infer), and the same gradients: the kept taps differ
                        // only in windows with no positive value, where ReLU's derivative is 0 at all four
                        // inputs. The ReLU's own output, which nothing in a step reads again (the fused
                        // backward, Pool2D::backwardAfterRelu, reads neither it nor the ReLU's input), goes
                        // out with streaming stores for the studio and health. (The ReLU here is the first
                        // layer of a segment, after a whole-batch layer; the branch above covers the rest.)
                        const auto& relu = static_cast<const ReLU&>(*m_layers[i]);
                        m_layers[i + 1]->forward(act(i, b), act(i + 2, b), b, m, c, training);
                        relu.applyTo(act(i + 2, b), act(i + 2, b), m * m_layers[i + 1]->outputShape().size());
                        relu.applyStreaming(act(i, b), act(i + 1, b), m * m_layers[i]->outputShape().size());
                        ++i;
                        continue;
                    }
                    quantizeInput(i, b, m);
                    m_layers[i]->forward(act(i, b), act(i + 1, b), b, m, c, training);
                }
            }
        for (int i = split; i < end; ++i) {
            quantizeInput(i, r.begin, r.end - r.begin);
            m_layers[i]->forward(act(i, r.begin), act(i + 1, r.begin), r.begin, r.end - r.begin, c, training);
        }
    });
}

float* Network::scratchFor(int which, int chunk, const float* like) {
    // at like's address modulo 64 bytes, so that Eigen peels its loops alike (core/aligned_buffer.h)
    float* base = m_scratch[which][chunk].data();
    const auto lane = [](const float* p) { return reinterpret_cast<std::uintptr_t>(p) / sizeof(float); };
    return base + (lane(like) - lane(base)) % 16;
}

void Network::setInputQuantization(std::vector<float> scales) {
    if (!scales.empty() && scales.size() != m_layers.size())
        throw SpecError("input quantization for " + std::to_string(scales.size()) +
                        " layers, the model has " + std::to_string(m_layers.size()));
    m_inputScale = std::move(scales);
}

void Network::quantizeInput(int i, float* x, int n) {
    if (m_inputScale.empty() || !(m_inputScale[i] > 0)) return;
    const long long perSample = (long long)(m_acts[i].size() / std::max(1, m_maxBatch));
    fakeQuantize(x, perSample * n, m_inputScale[i]);
}

// Layers run last to first down to the lowest one that learns (nothing below it needs a gradient): a frozen
// layer above it passes its input gradient on without computing its own (dParams null), and the lowest one
// computes no input gradient (neither does layer 0: the image needs none).
void Network::backward(const float* dOut, int n) {
    const int last = runCount(), lowest = m_lowestLearning;
    const int chunks = std::min(m_chunks, n);
    if (lowest >= last) return;  // nothing learns: the gradients stay 0
    parallelFor(chunks, [&](int c) {
        for (const auto& [lo, hi] : m_learningRanges)
            std::fill(m_chunkGrads[c].data() + lo, m_chunkGrads[c].data() + hi, 0.0f);
    });
    backwardLayers(last - 1, lowest, dOut, nullptr, n, true);
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

void Network::backwardLayers(int top, int bottom, const float* dTop, float* dBottom, int n, bool withParams) {
    const int chunks = std::min(m_chunks, n);
    // A layer's part of chunk c's gradient buffer, or null (frozen, or no parameter gradients wanted).
    auto params = [&](int i, int c) {
        return withParams && m_learns[i] ? m_chunkGrads[c].data() + m_paramOffset[i] : nullptr;
    };
    const float* d = dTop;
    int held = -1;  // which m_gWhole buffer holds d (-1: dTop)
    for (int hi = top; hi >= bottom;) {
        if (m_layers[hi]->wholeBatch()) {
            // In place in the buffer that holds d (the caller's dTop is read-only: then into buffer 0).
            if (hi > bottom && held < 0) held = 0;
            float* dIn = hi == bottom ? dBottom : m_gWhole[held].data();
            m_layers[hi]->backward(act(hi, 0), act(hi + 1, 0), d, dIn, GradMode::Overwrite, params(hi, 0), 0,
                                   n, 0);
            d = dIn;
            --hi;
            continue;
        }
        int lo = hi;
        while (lo > bottom && !m_layers[lo - 1]->wholeBatch()) --lo;
        // d(input of lo) goes to the caller at the bottom, else to the buffer d is not in (the whole-batch
        // layer below reads it).
        float* dLo = dBottom;
        if (lo > bottom) {
            held = held == 0 ? 1 : 0;
            dLo = m_gWhole[held].data();
        }
        const long long topSize = m_layers[hi]->outputShape().size();
        const long long loSize = m_layers[lo]->inputShape().size();
        const int split = std::clamp(m_flatStart, lo, hi + 1);  // [lo, split) take spatial inputs
        parallelFor(chunks, [&](int c) {
            const ChunkRange r = chunkRange(n, chunks, c);
            const int count = r.end - r.begin;
            float* bufs[2] = {m_gA[c].data(), m_gB[c].data()};
            // Flat layers, whole chunk, last to first.
            const float* dc = d + r.begin * topSize;
            int which = 0;
            for (int i = hi; i >= split; --i) {
                float* dIn = i == lo ? (dLo ? dLo + r.begin * loSize : nullptr)
                                     : (i == split ? m_gBoundary[c].data() : bufs[which]);
                m_layers[i]->backward(act(i, r.begin), act(i + 1, r.begin), dc, dIn, GradMode::Overwrite,
                                      params(i, c), r.begin, count, c);
                dc = dIn;
                which ^= 1;
            }
            if (split == lo) return;
            // Spatial layers, one sample block at a time (its gradients stay in cache), last to first.
            const float* spatialTop = split == hi + 1 ? d + r.begin * topSize : m_gBoundary[c].data();
            const long long spatialSize = m_layers[split - 1]->outputShape().size();
            for (int b = r.begin; b < r.end; b += m_micro) {
                const int m = std::min(m_micro, r.end - b);
                const float* db = spatialTop + (b - r.begin) * spatialSize;
                int w = 0;
                for (int i = split - 1; i >= lo; --i) {
                    float* dIn = i == lo ? (dLo ? dLo + b * loSize : nullptr) : bufs[w];
                    if (i - 1 >= lo && m_reluPool[i - 1] && m_fusedPooling) {
                        // ReLU then max pool in one pass: d(the ReLU's input) from the pool's taps and output
                        float* dRelu = i - 1 == lo ? (dLo ? dLo + b * loSize : nullptr) : bufs[w];
                        if (!dRelu) break;  // the bottom layer, and no gradient wanted below it
                        if (static_cast<Pool2D&>(*m_layers[i])
                                .backwardAfterRelu(act(i + 1, b), db, dRelu, b, m, c)) {
                            db = dRelu;
                            w ^= 1;
                            --i;
                            continue;
                        }
                    }
                    m_layers[i]->backward(act(i, b), act(i + 1, b), db, dIn, GradMode::Overwrite,
                                          params(i, c), b, m, c);
                    db = dIn;
                    w ^= 1;
                }
            }
        });
        d = dLo;
        hi = lo - 1;
    }
}

void Network::activationGradient(int layer, const float* dOut, int n, float* dAct) {
    const int last = runCount();
    assert(layer >= -1 && layer < last && n >= 1 && n <= m_maxBatch && !m_acts.empty());
    if (layer == last - 1) {
        std::copy(dOut, dOut + n * m_layers[last - 1]->outputShape().size(), dAct);
        return;
    }
    // Without parameter gradients (dParams null): grads() and the chunks' buffers are left alone.
    backwardLayers(last - 1, layer + 1, dOut, dAct, n, false);
}

}  // namespace layerlab
