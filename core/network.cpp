#include "core/network.h"

#include <algorithm>
#include <cassert>
#include <cstdint>
#include <cstring>
#include <string>

#include <Eigen/Core>

#include "core/compression.h"
#include "core/errors.h"
#include "core/kernels/gemm.h"
#include "core/kernels/stream_store.h"
#include "core/layer_types.h"
#include "core/layers/activations.h"
#include "core/layers/conv2d.h"
#include "core/layers/pool2d.h"
#include "core/memory_estimate.h"
#include "core/parallel.h"
#include "core/weight_init.h"

namespace layerlab {

namespace {
bool reluFamily(const Layer* l) {
    return l && layerTypeInfo(l->type()).heInitBefore;
}

// A block of at least `floats` floats that belongs to the calling thread: allocated, and so first written, by
// it, and reused by its next calls. The split by units computes a part's hidden weight gradient here and
// copies it to grads(): measured in turn in one process (2 threads, the MLP preset, 30 pairs of 0.25 s), a
// step so was 8-12 % faster than with the product written straight into grads() or into a per-part buffer
// that reserve() allocated on the calling thread. Why the owner's memory is so much faster for the product
// on this VM I could not pin down (not the page offset: staggering the buffers within the page changed
// nothing).
float* splitScratch(std::size_t floats) {
    thread_local FloatBuffer block;
    if (block.size() < floats) block.assign(floats, 0.0f);
    return block.data();
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
    m_modelOutput.assign(m_layers.size(), 0);
    for (size_t i = 0; i < m_layers.size(); ++i)
        m_modelOutput[i] = i + 1 == m_layers.size() || m_specIndex[i + 1] != m_specIndex[i];
    m_poolFirst.assign(m_layers.size(), 0);
    m_reluPool.assign(m_layers.size(), 0);
    for (size_t i = 0; i + 1 < m_layers.size(); ++i) {
        const auto* f = dynamic_cast<const ElementwiseActivation*>(m_layers[i].get());
        m_poolFirst[i] = f && f->commutesWithMax() && m_layers[i + 1]->type() == LayerType::MaxPool2D;
        m_reluPool[i] = m_poolFirst[i] && m_layers[i]->type() == LayerType::ReLU;
    }
    // Convolutions whose last output rows or columns no layer reads: [element-wise activations,] then a pool
    // whose windows stop short of them (Conv2D::setCrop).
    for (size_t i = 0; i < m_layers.size(); ++i) {
        if (m_layers[i]->type() != LayerType::Conv2D) continue;
        size_t j = i + 1;
        while (j < m_layers.size() && dynamic_cast<const ElementwiseActivation*>(m_layers[j].get())) ++j;
        const auto* pool = j < m_layers.size() ? dynamic_cast<const Pool2D*>(m_layers[j].get()) : nullptr;
        const Shape out = m_layers[i]->outputShape();
        if (pool && (pool->usedRows() < out.h() || pool->usedColumns() < out.w()))
            m_crops.push_back({int(i), pool->usedRows(), pool->usedColumns()});
    }
    setConvCrop(true);
    m_flatStart = 0;
    while (m_flatStart < int(m_layers.size()) && m_layers[m_flatStart]->inputShape().isSpatial())
        ++m_flatStart;
    m_spatialParams =
        m_flatStart < int(m_layers.size()) ? m_paramOffset[m_flatStart] : (long long)m_params.size();
    // The split by units: [Flatten,] Dense, [element-wise activation,] Dense[, Softmax], all learning.
    const auto is = [&](int i, LayerType t) { return i < int(m_layers.size()) && m_layers[i]->type() == t; };
    int h = is(0, LayerType::Flatten) ? 1 : 0;
    if (is(h, LayerType::Dense) && m_trainableCount == offset) {
        int a = -1, o = h + 1;
        if (dynamic_cast<const ElementwiseActivation*>(o < int(m_layers.size()) ? m_layers[o].get()
                                                                                : nullptr))
            a = o++;
        const int rest = int(m_layers.size()) - (o + 1);  // a final Softmax may follow
        if (is(o, LayerType::Dense) && (rest == 0 || (rest == 1 && is(o + 1, LayerType::Softmax)))) {
            m_splitHidden = h;
            m_splitAct = a;
            m_splitOut = o;
        }
    }
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
    const int chunks = parallelChunks(maxBatch, threads);
    const int perThread = spatialPiecesPerThread(maxBatch, threads, m_spatialParams);
    if (maxBatch == m_maxBatch && chunks == m_chunks && threads == m_threads &&
        perThread == m_piecesPerThread && !m_acts.empty())
        return;
    checkTrainingMemory(m_spec, maxBatch, threads);
    m_maxBatch = maxBatch;
    m_threads = threads;
    m_chunks = chunks;
    m_piecesPerThread = perThread;
    m_pieces = perThread * threads;
    const int maxChunk = (maxBatch + chunks - 1) / chunks;
    // A layer's call takes at most ceil(maxBatch / parts) samples (Layer::reserve), so the spatial layers'
    // sample block (their calls) is no longer than that.
    const int maxBlock = spatialBlockCap(maxBatch, threads, perThread);
    m_acts.resize(m_layers.size() + 1);
    m_acts[0].assign((size_t)maxBatch * inputSize(), 0.0f);
    long long largest = 1, spatialBytes = 0;
    for (size_t i = 0; i < m_layers.size(); ++i) {
        const long long sz = m_layers[i]->outputShape().size();
        if (i + 1 < m_layers.size()) largest = std::max(largest, sz);
        if (int(i) < m_flatStart) spatialBytes += 4 * sz;
        m_acts[i + 1].assign((size_t)maxBatch * sz, 0.0f);
        m_layers[i]->reserve(maxBatch, int(i) < m_flatStart ? m_pieces : chunks);
    }
    m_micro = spatialBlockSamples(spatialBytes, maxBlock);
    const long long boundary = m_flatStart > 0 ? m_layers[m_flatStart - 1]->outputShape().size() : 0;
    long long spatialLargest = 0;  // the largest output of a spatial layer but the last
    for (int i = 0; i + 1 < m_flatStart; ++i)
        spatialLargest = std::max(spatialLargest, m_layers[i]->outputShape().size());
    for (auto& s : m_scratch)
        s.assign(spatialLargest > 0 ? m_pieces : 0, FloatBuffer((size_t)m_micro * spatialLargest + 16, 0.0f));
    m_chunkGrads.assign(chunks, FloatBuffer(m_params.size(), 0.0f));
    m_pieceGrads.assign(m_flatStart > 0 ? m_pieces : 0, FloatBuffer(m_spatialParams, 0.0f));
    m_gA.assign(chunks, FloatBuffer((size_t)maxChunk * largest, 0.0f));
    m_gB.assign(chunks, FloatBuffer((size_t)maxChunk * largest, 0.0f));
    m_dBoundary.assign((size_t)maxBatch * boundary, 0.0f);
    long long whole = 0;  // the largest input or output of a whole-batch layer
    for (const auto& l : m_layers)
        if (l->wholeBatch()) whole = std::max({whole, l->inputShape().size(), l->outputShape().size()});
    for (FloatBuffer& b : m_gWhole) b.assign((size_t)maxBatch * whole, 0.0f);
    m_inputCopies.clear();
    m_partZ.clear();
    m_partA.clear();
    m_partD.clear();
    m_partOut.clear();
    m_splitParts = 0;
    if (const int parts = maxUnitParts(); parts > 1) {
        int widest = 0;
        for (int p = 0; p < parts; ++p) {
            const ChunkRange u = splitUnits(parts, p);
            widest = std::max(widest, u.end - u.begin);
        }
        const std::size_t block = (size_t)maxBatch * widest;
        m_inputCopies.assign(parts - 1, FloatBuffer((size_t)maxBatch * inputSize(), 0.0f));
        m_partZ.assign(parts, FloatBuffer(block, 0.0f));
        if (m_splitAct >= 0) m_partA.assign(parts, FloatBuffer(block, 0.0f));
        m_partD.assign(parts, FloatBuffer(block, 0.0f));
        m_partOut.assign(parts, FloatBuffer((size_t)maxBatch * outputSize(), 0.0f));
    }
}

int Network::maxUnitParts() const {
    if (m_splitHidden < 0) return 1;
    const int lines = (m_layers[m_splitHidden]->weightShape()[0] + 15) / 16;
    return std::max(1, std::min(m_threads, lines));
}

int Network::unitParts(int n) const {
    if (!m_unitSplitOn || !m_inputScale.empty() || n < 1 || m_partZ.empty() || runCount() != m_splitOut + 1)
        return 1;
    return maxUnitParts();
}

ChunkRange Network::splitUnits(int parts, int p) const {
    const int units = m_layers[m_splitHidden]->weightShape()[0];
    const ChunkRange lines = chunkRange((units + 15) / 16, parts, p);
    return {lines.begin * 16, std::min(units, lines.end * 16)};
}

int Network::runCount() const {
    return m_logitsOutput && endsWithSoftmax() ? int(m_layers.size()) - 1 : int(m_layers.size());
}

void Network::setConvCrop(bool on) {
    for (const Crop& c : m_crops) {
        auto& conv = static_cast<Conv2D&>(*m_layers[c.layer]);
        const Shape out = conv.outputShape();
        conv.setCrop(on ? c.rows : out.h(), on ? c.columns : out.w());
    }
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
    const bool copiesFilled = m_copiesFilled && in == m_acts[0].data();
    m_copiesFilled = false;
    m_splitParts = 0;
    if (in != m_acts[0].data()) std::memcpy(m_acts[0].data(), in, sizeof(float) * n * inputSize());
    const int last = runCount();
    // A cropped convolution's unread outputs only where someone may look at them afterwards (the studio's
    // feature maps and health, explanations); infer and the steps health does not measure skip them.
    for (const Crop& c : m_crops)
        static_cast<Conv2D&>(*m_layers[c.layer])
            .setBorderWanted(!scratch && (!training || m_kept != KeptOutputs::None));
    if (const int parts = training && !scratch ? unitParts(n) : 1; parts > 1) {
        forwardSplit(n, parts, !copiesFilled);
        return m_acts[last].data();
    }
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

// The spatial layers [begin, split) on the pieces (pieceRange), then the flat ones on the chunks.
void Network::forwardChunked(int begin, int end, int n, bool training, bool scratch) {
    const int split = std::clamp(m_flatStart, begin, end);  // [begin, split) take spatial inputs
    if (begin < split)
        parallelFor(m_pieces,
                    [&](int c) { forwardPiece(begin, split, pieceRange(n, c), c, training, scratch); });
    if (split == end) return;
    const int chunks = std::min(m_chunks, n);
    parallelFor(chunks, [&](int c) {
        const ChunkRange r = chunkRange(n, chunks, c);
        for (int i = split; i < end; ++i) {
            quantizeInput(i, r.begin, r.end - r.begin);
            m_layers[i]->forward(act(i, r.begin), act(i + 1, r.begin), r.begin, r.end - r.begin, c, training);
        }
    });
}

// Spatial layers [begin, split) on piece c's samples r, one sample block at a time.
void Network::forwardPiece(int begin, int split, ChunkRange r, int c, bool training, bool scratch) {
    if (scratch && !m_scratch[0].empty())
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
    else
        for (int b = r.begin; b < r.end; b += m_micro) {
            const int m = std::min(m_micro, r.end - b);
            for (int i = begin; i < split; ++i) {
                if (i + 2 < split && m_reluPool[i + 1] && m_fusedPooling && m_inputScale.empty() &&
                    !m_scratch[0].empty()) {
                    // A layer, ReLU, max pool: the layer's output into the scratch (in cache), the pool
                    // and ReLU from there as below, and the layer's and the ReLU's outputs, which nothing
                    // in this step reads again (the fused backward reads neither), streamed out to their
                    // batch buffers where wanted (outputWanted: the studio, health).
                    const auto& relu = static_cast<const ReLU&>(*m_layers[i + 1]);
                    const long long size = m * m_layers[i]->outputShape().size();
                    float* z = scratchFor(0, c, act(i + 1, b));
                    quantizeInput(i, b, m);
                    m_layers[i]->forward(act(i, b), z, b, m, c, training);
                    m_layers[i + 2]->forward(z, act(i + 3, b), b, m, c, training);
                    relu.applyTo(act(i + 3, b), act(i + 3, b), m * m_layers[i + 2]->outputShape().size());
                    if (outputWanted(i + 1, training)) relu.applyStreaming(z, act(i + 2, b), size);
                    if (outputWanted(i, training)) streamCopy(z, act(i + 1, b), size);
                    i += 2;
                    continue;
                }
                if (i + 1 < split && m_reluPool[i] && m_fusedPooling && m_inputScale.empty()) {
                    // ReLU then max pool, as the pool on the ReLU's input (in cache) and the ReLU on its
                    // outputs: the same outputs (see infer), and the same gradients: the kept taps differ
                    // only in windows with no positive value, where ReLU's derivative is 0 at all four
                    // inputs. The ReLU's own output, which nothing in a step reads again (the fused
                    // backward, Pool2D::backwardAfterRelu, reads neither it nor the ReLU's input), goes
                    // out with streaming stores where wanted (the studio, health). (The ReLU here is the
                    // first layer of a segment, after a whole-batch layer; the branch above covers the rest.)
                    const auto& relu = static_cast<const ReLU&>(*m_layers[i]);
                    m_layers[i + 1]->forward(act(i, b), act(i + 2, b), b, m, c, training);
                    relu.applyTo(act(i + 2, b), act(i + 2, b), m * m_layers[i + 1]->outputShape().size());
                    if (outputWanted(i, training))
                        relu.applyStreaming(act(i, b), act(i + 1, b), m * m_layers[i]->outputShape().size());
                    ++i;
                    continue;
                }
                quantizeInput(i, b, m);
                m_layers[i]->forward(act(i, b), act(i + 1, b), b, m, c, training);
            }
        }
}

// The split by units, with H hidden units, I inputs, O outputs and n samples (one sample a column). Part p
// owns hidden units [u0, u1) (ub of them): W1 (H x I, row-major) rows u0..u1, b1 and W2's (O x H, row-major)
// columns u0..u1, for the whole batch:
//   Z_p (ub x n) = W1[u0:u1] X + b1[u0:u1]      A_p = f(Z_p)      P_p (O x n) = W2[:, u0:u1] A_p
// and the output, after the parts: Y = b2 + P_0 + P_1 + ... (in part order, so the bits depend only on the
// number of parts).
void Network::forwardSplit(int n, int parts, bool copyInputs) {
    const int h = m_splitHidden, o = m_splitOut;
    const int units = m_layers[h]->weightShape()[0], inputs = m_layers[h]->weightShape()[1];
    const int outputs = m_layers[o]->weightShape()[0];
    const float* w1 = m_params.data() + m_paramOffset[h];
    const float* b1 = w1 + (long long)units * inputs;
    const float* w2 = m_params.data() + m_paramOffset[o];
    const auto* f =
        m_splitAct >= 0 ? static_cast<const ElementwiseActivation*>(m_layers[m_splitAct].get()) : nullptr;
    parallelFor(parts, [&](int p) {
        float* x = inputCopy(p);
        if (p > 0 && copyInputs) std::memcpy(x, m_acts[0].data(), sizeof(float) * n * inputs);
        if (h > 0 && m_kept == KeptOutputs::All) {
            // the Flatten's output (a copy of the input), this part's share of the samples, for the studio
            const ChunkRange r = chunkRange(n, parts, p);
            std::memcpy(act(1, r.begin), x + (long long)r.begin * inputs,
                        sizeof(float) * (r.end - r.begin) * inputs);
        }
        const ChunkRange u = splitUnits(parts, p);
        const int ub = u.end - u.begin;
        float* z = m_partZ[p].data();
        Eigen::Map<Eigen::MatrixXf>(z, ub, n).colwise() = Eigen::Map<const Eigen::VectorXf>(b1 + u.begin, ub);
        gemm(ub, n, inputs, w1 + (long long)u.begin * inputs, Order::RowMajor, x, Order::ColMajor, z,
             Order::ColMajor, true);
        float* a = z;
        if (f) {
            a = m_partA[p].data();
            f->applyTo(z, a, (long long)ub * n);
        }
        if (m_kept != KeptOutputs::None) storeSplitActivations(p, n, parts);
        gemmStrided(outputs, n, ub, w2 + u.begin, Order::RowMajor, units, a, Order::ColMajor, ub,
                    m_partOut[p].data(), Order::ColMajor, outputs, false);
    });
    Eigen::Map<Eigen::MatrixXf> y(act(o + 1, 0), outputs, n);
    y.colwise() = Eigen::Map<const Eigen::VectorXf>(w2 + (long long)outputs * units, outputs);
    for (int p = 0; p < parts; ++p) y += Eigen::Map<const Eigen::MatrixXf>(m_partOut[p].data(), outputs, n);
    m_splitParts = parts;
    m_splitN = n;
    m_splitActsStored = m_kept != KeptOutputs::None;
}

// The hidden layer's outputs (and its activation's) of part p, to their batch buffers for the studio, health
// and activationGradient.
void Network::storeSplitActivations(int p, int n, int parts) {
    const int units = m_layers[m_splitHidden]->weightShape()[0];
    const ChunkRange u = splitUnits(parts, p);
    const int ub = u.end - u.begin;
    using Block = Eigen::Map<Eigen::MatrixXf, 0, Eigen::OuterStride<>>;
    Block(act(m_splitHidden + 1, 0) + u.begin, ub, n, Eigen::OuterStride<>(units)) =
        Eigen::Map<const Eigen::MatrixXf>(m_partZ[p].data(), ub, n);
    if (m_splitAct >= 0)
        Block(act(m_splitAct + 1, 0) + u.begin, ub, n, Eigen::OuterStride<>(units)) =
            Eigen::Map<const Eigen::MatrixXf>(m_partA[p].data(), ub, n);
}

// Part p's gradients, with D = dY (O x n) from the caller:
//   dW2[:, u0:u1] = D A_p^T    dA_p = W2[:, u0:u1]^T D    dZ_p = f'(Z_p) dA_p
//   dW1[u0:u1] = dZ_p X^T      db1[u0:u1] = dZ_p summed over the samples    (part 0 also: db2 = D summed)
// Every gradient is written by one part (dW1 through the thread's scratch block, see splitScratch): no sum.
void Network::backwardSplit(const float* dOut, int n, int parts) {
    const int h = m_splitHidden, o = m_splitOut;
    const int units = m_layers[h]->weightShape()[0], inputs = m_layers[h]->weightShape()[1];
    const int outputs = m_layers[o]->weightShape()[0];
    const float* w2 = m_params.data() + m_paramOffset[o];
    float* dW1 = m_grads.data() + m_paramOffset[h];
    float* db1 = dW1 + (long long)units * inputs;
    float* dW2 = m_grads.data() + m_paramOffset[o];
    float* db2 = dW2 + (long long)outputs * units;
    const auto* f =
        m_splitAct >= 0 ? static_cast<const ElementwiseActivation*>(m_layers[m_splitAct].get()) : nullptr;
    parallelFor(parts, [&](int p) {
        const ChunkRange u = splitUnits(parts, p);
        const int ub = u.end - u.begin;
        const float* z = m_partZ[p].data();
        const float* a = f ? m_partA[p].data() : z;
        float* d = m_partD[p].data();
        gemmStrided(outputs, ub, n, dOut, Order::ColMajor, outputs, a, Order::RowMajor, ub, dW2 + u.begin,
                    Order::RowMajor, units, false);
        gemmStrided(ub, n, outputs, w2 + u.begin, Order::ColMajor, units, dOut, Order::ColMajor, outputs, d,
                    Order::ColMajor, ub, false);
        if (f) f->deriveTo(z, a, d, d, (long long)ub * n);
        // into this thread's scratch block, then grads(): see splitScratch
        float* block = splitScratch((std::size_t)ub * inputs);
        gemm(ub, inputs, n, d, Order::ColMajor, inputCopy(p), Order::RowMajor, block, Order::RowMajor, false);
        std::memcpy(dW1 + (long long)u.begin * inputs, block, sizeof(float) * ub * inputs);
        Eigen::Map<Eigen::VectorXf>(db1 + u.begin, ub) =
            Eigen::Map<const Eigen::MatrixXf>(d, ub, n).rowwise().sum();
        if (p == 0)
            Eigen::Map<Eigen::VectorXf>(db2, outputs) =
                Eigen::Map<const Eigen::MatrixXf>(dOut, outputs, n).rowwise().sum();
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
    if (m_splitParts > 1 && n == m_splitN) {
        backwardSplit(dOut, n, m_splitParts);
        return;
    }
    const int last = runCount(), lowest = m_lowestLearning;
    const int chunks = std::min(m_chunks, n);
    if (lowest >= last) return;  // nothing learns: the gradients stay 0
    // The spatial layers' parameters [0, m_spatialParams) have a gradient buffer per piece, the others one
    // per chunk (see backwardLayers).
    const int pieces = int(m_pieceGrads.size());  // none without spatial layers
    parallelFor(pieces + chunks, [&](int k) {
        const bool piece = k < pieces;
        float* g = piece ? m_pieceGrads[k].data() : m_chunkGrads[k - pieces].data();
        const long long from = piece ? 0 : m_spatialParams;
        const long long to = piece ? m_spatialParams : (long long)m_params.size();
        for (const auto& [lo, hi] : m_learningRanges)
            if (std::max(lo, from) < std::min(hi, to))
                std::fill(g + std::max(lo, from), g + std::min(hi, to), 0.0f);
    });
    backwardLayers(last - 1, lowest, dOut, nullptr, n, true);
    // Sum the pieces' and the chunks' gradients in their order: the same thread count gives the same bits.
    // Frozen parts are never written and stay 0.
    const auto sum = [&](long long begin, long long end, const std::vector<FloatBuffer>& bufs, int count) {
        parallelRanges(end - begin, 16384, [&](long long lo, long long hi) {
            lo += begin;
            hi += begin;
            Eigen::Map<Eigen::VectorXf> total(m_grads.data() + lo, hi - lo);
            total = Eigen::Map<const Eigen::VectorXf>(bufs[0].data() + lo, hi - lo);
            for (int c = 1; c < count; ++c)
                total += Eigen::Map<const Eigen::VectorXf>(bufs[c].data() + lo, hi - lo);
        });
    };
    for (const auto& range : m_learningRanges) {
        const long long cut = std::clamp(m_spatialParams, range.first, range.second);
        if (range.first < cut) sum(range.first, cut, m_pieceGrads, pieces);
        if (cut < range.second) sum(cut, range.second, m_chunkGrads, chunks);
    }
}

void Network::backwardLayers(int top, int bottom, const float* dTop, float* dBottom, int n, bool withParams) {
    const int chunks = std::min(m_chunks, n);
    // A layer's part of piece c's gradient buffer (a spatial layer) or chunk c's, or null (frozen, or no
    // parameter gradients wanted).
    auto params = [&](int i, int c) -> float* {
        if (!withParams || !m_learns[i]) return nullptr;
        return (i < m_flatStart ? m_pieceGrads[c] : m_chunkGrads[c]).data() + m_paramOffset[i];
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
        // d(output of the spatial part), whole batch: the flat layers' result, or d itself
        const float* spatialTop = split == hi + 1 ? d : m_dBoundary.data();
        const long long spatialSize = split > lo ? m_layers[split - 1]->outputShape().size() : 0;
        // Flat layers, a whole chunk at a time, last to first.
        if (split <= hi)
            parallelFor(chunks, [&](int c) {
                const ChunkRange r = chunkRange(n, chunks, c);
                float* bufs[2] = {m_gA[c].data(), m_gB[c].data()};
                const float* dc = d + r.begin * topSize;
                int which = 0;
                for (int i = hi; i >= split; --i) {
                    float* dIn =
                        i == lo ? (dLo ? dLo + r.begin * loSize : nullptr)
                                : (i == split ? m_dBoundary.data() + r.begin * spatialSize : bufs[which]);
                    m_layers[i]->backward(act(i, r.begin), act(i + 1, r.begin), dc, dIn, GradMode::Overwrite,
                                          params(i, c), r.begin, r.end - r.begin, c);
                    dc = dIn;
                    which ^= 1;
                }
            });
        // Spatial layers, on the pieces, one sample block at a time (its gradients stay in cache, in the
        // piece's scratch blocks), last to first.
        if (lo < split)
            parallelFor(m_pieces, [&](int c) {
                const ChunkRange r = pieceRange(n, c);
                float* bufs[2] = {nullptr, nullptr};  // no scratch: a single spatial layer needs none
                if (!m_scratch[0].empty()) {
                    bufs[0] = m_scratch[0][c].data();
                    bufs[1] = m_scratch[1][c].data();
                }
                for (int b = r.begin; b < r.end; b += m_micro) {
                    const int m = std::min(m_micro, r.end - b);
                    const float* db = spatialTop + b * spatialSize;
                    int w = 0;
                    for (int i = split - 1; i >= lo; --i) {
                        float* dIn = i == lo ? (dLo ? dLo + b * loSize : nullptr) : bufs[w];
                        if (i - 1 >= lo && m_reluPool[i - 1] && m_fusedPooling) {
                            // ReLU then max pool in one pass, from the pool's taps and output
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
    if (m_splitParts > 1 && !m_splitActsStored) {  // the backward below reads them
        for (int p = 0; p < m_splitParts; ++p) storeSplitActivations(p, m_splitN, m_splitParts);
        m_splitActsStored = true;
    }
    if (layer == last - 1) {
        std::copy(dOut, dOut + n * m_layers[last - 1]->outputShape().size(), dAct);
        return;
    }
    // Without parameter gradients (dParams null): grads() and the chunks' buffers are left alone.
    backwardLayers(last - 1, layer + 1, dOut, dAct, n, false);
}

}  // namespace layerlab
