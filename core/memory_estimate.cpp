#include "core/memory_estimate.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include "core/errors.h"
#include "core/parallel.h"
#include "core/shape_inference.h"

namespace layerlab {

namespace {

std::string gigabytes(double bytes) {
    char buf[32];
    std::snprintf(buf, sizeof buf, bytes < 1e9 ? "%.2f GB" : "%.1f GB", bytes / 1e9);
    return buf;
}

// 10091401418 -> "10,091,401,418"
std::string grouped(long long n) {
    std::string digits = std::to_string(n), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

// The hidden units of an MLP whose training step Network splits by units on 2 or more threads
// ([Flatten,] Dense, [an element-wise activation,] Dense[, Softmax]: see Network::inputCopies), else 0.
int unitSplitHidden(const ModelSpec& spec) {
    const auto& l = spec.layers;
    std::size_t i = !l.empty() && l[0].type == LayerType::Flatten ? 1 : 0;
    if (i >= l.size() || l[i].type != LayerType::Dense || l[i].activation == Activation::Softmax) return 0;
    const int units = l[i].units;
    ++i;
    const auto elementwise = [](LayerType t) {
        return t == LayerType::ReLU || t == LayerType::LeakyReLU || t == LayerType::Sigmoid ||
               t == LayerType::Tanh;
    };
    if (i < l.size() && l[i].activation == Activation::None && elementwise(l[i].type) &&
        l[i - 1].activation == Activation::None)
        ++i;
    if (i >= l.size() || l[i].type != LayerType::Dense) return 0;
    const bool softmaxAfter =
        l[i].activation == Activation::None && i + 1 < l.size() && l[i + 1].type == LayerType::Softmax;
    if (i + 1 + (softmaxAfter ? 1 : 0) != l.size()) return 0;
    if (l[i].activation != Activation::None && l[i].activation != Activation::Softmax) return 0;
    return units >= 32 ? units : 0;
}

// The floats of Network's two scratch blocks per spatial piece, `pieces` of them (see Network::reserve): the
// spatial layers' outputs but the last one's go there, a sample block (spatialBlockSamples, at most maxBlock
// samples) at a time, so that they stay in cache; each holds a block of the largest of those outputs, plus
// 16 floats for alignment. Engine layers as in Network: each spec layer, then its activation; the spatial
// part ends at the first engine layer whose input is not spatial.
double spatialScratch(const ModelSpec& spec, const ModelInfo& info, int pieces, int maxBlock) {
    std::vector<double> outputs;  // the spatial part's engine layers' output sizes
    const std::size_t n = std::min(spec.layers.size(), info.layers.size());
    for (std::size_t i = 0; i < n; ++i) {
        const LayerInfo& li = info.layers[i];
        if (li.outputShape.dims.empty() || !li.inputShape.isSpatial()) break;
        outputs.push_back(double(li.outputShape.size()));
        if (spec.layers[i].activation == Activation::None) continue;
        if (!li.outputShape.isSpatial()) break;  // the activation's input is flat
        outputs.push_back(double(li.outputShape.size()));
    }
    if (outputs.size() < 2) return 0;  // no spatial layer but the last: no scratch
    double bytes = 0, largest = 0;
    for (std::size_t i = 0; i < outputs.size(); ++i) {
        bytes += 4 * outputs[i];
        if (i + 1 < outputs.size()) largest = std::max(largest, outputs[i]);
    }
    const int micro = spatialBlockSamples((long long)bytes, maxBlock);
    return 2.0 * pieces * (micro * largest + 16);
}

}  // namespace

int spatialBlockSamples(long long spatialBytes, int maxChunk) {
    constexpr long long kBlockBytes = 512 * 1024;
    return int(std::clamp<long long>(kBlockBytes / std::max(1LL, spatialBytes), 1, std::max(1, maxChunk)));
}

int parallelChunks(int batch, int threads) {
    return std::max(1, std::min(std::max(1, threads), batch));
}

int spatialBlockCap(int batch, int threads, int piecesPerThread) {
    threads = std::max(1, threads);
    const int pieces = std::max(1, piecesPerThread) * threads;
    return std::max(1, std::min(taperedRange(batch, threads, std::max(1, piecesPerThread), 0).end,
                                (batch + pieces - 1) / pieces));
}

int spatialPiecesPerThread(int batch, int threads, long long spatialParams) {
    if (threads <= 1 || batch <= 1) return 1;
    constexpr double kGradientBytes = 16.0 * 1024 * 1024;
    const int share = (batch + threads - 1) / threads;
    int pieces = 1;
    while (pieces < 8 && (1 << (pieces - 1)) < share) ++pieces;  // 1 + ceil(log2(share))
    const double fit = kGradientBytes / (4.0 * double(threads) * double(std::max(1LL, spatialParams)));
    return std::max(std::min(pieces, 2), std::min(pieces, int(fit)));
}

TrainingMemory estimateTrainingMemory(const ModelSpec& spec, int batch, int threads) {
    TrainingMemory m;
    m.batch = std::max(0, batch);
    m.threads = std::max(1, std::min(threads, std::max(1, m.batch)));
    if (m.batch == 0) m.threads = 0;  // the parameters alone
    const ModelInfo info = inferShapes(spec);
    const double p = double(info.params);
    m.paramCount = info.params;

    const OptimizerType opt = spec.training.optimizer.type;
    const double moments = opt == OptimizerType::Adam ? 2 : 1;
    const double best =
        spec.training.earlyStopping.enabled && spec.training.earlyStopping.restoreBest ? 1 : 0;
    // weights + gradient + last good + best + snapshot copy, and the snapshot network's weights, gradient and
    // its one thread's gradient sum; floats, plus two byte masks per network (weights, learning); and the
    // moments of the parameters that learn (none for frozen layers).
    m.parameters = 4.0 * p * (2 + 1 + best + 1 + 3) + 4.0 * moments * double(info.trainableParams) + 4.0 * p;

    // Engine layers: each spec layer, then its activation (same shape) when it has one.
    double perSample = double(spec.input.size());  // the input copy
    double largest = 0, boundary = 0, chunkWorkspace = 0, whole = 0;
    double spatialParams = 0, spatialWorkspace = 0;  // of the layers that take spatial inputs
    bool spatial = spec.input.isSpatial();
    const std::size_t n = std::min(spec.layers.size(), info.layers.size());
    for (std::size_t i = 0; i < n; ++i) {
        const LayerSpec& ls = spec.layers[i];
        const LayerInfo& li = info.layers[i];
        if (li.outputShape.dims.empty()) break;  // a broken layer: nothing after it can be built
        const double out = double(li.outputShape.size());
        const int engineLayers = ls.activation != Activation::None ? 2 : 1;
        const bool last = i + 1 == n;
        perSample += engineLayers * out;
        if (!last || engineLayers == 2) largest = std::max(largest, out);  // not the output layer's own
        perSample += double(li.workspacePerSample);  // the layers' own state (a dropout mask)
        if (li.wholeBatch) whole = std::max({whole, out, double(li.inputShape.size())});
        // per part (a convolution's im2col buffers)
        (spatial ? spatialWorkspace : chunkWorkspace) += double(li.workspacePerChunk);
        // The last layer that takes a spatial input hands its output to the flat part in one buffer.
        if (spatial) {
            boundary = out;
            spatialParams += double(li.params);
        }
        spatial = li.outputShape.isSpatial();
    }
    const double classes = double(std::max(1, spec.classes));
    // Two ping-pong gradient buffers are sized per part for its share of the batch (their sum over the parts
    // is about one batch); the boundary's gradient is one batch buffer.
    const int chunks = m.batch == 0 ? 1 : parallelChunks(m.batch, m.threads);
    const double chunked = m.batch == 0 ? 0.0 : double((m.batch + chunks - 1) / chunks) * chunks;
    // With whole-batch layers (BatchNorm): two more gradient buffers of the whole batch at the cuts.
    m.batchBytes =
        4.0 * (m.batch * (perSample + classes + 2 * whole + boundary) + chunked * 2 * largest) + m.batch;
    m.perThread = 4.0 * (p + chunkWorkspace) * chunks / std::max(1, m.threads);
    // The spatial pieces: each its gradient sum of the spatial layers' parameters and their workspace.
    const int perThread =
        m.batch == 0 ? 1 : spatialPiecesPerThread(m.batch, m.threads, (long long)spatialParams);
    const int pieces = perThread * std::max(1, m.threads);
    if (spatialParams + spatialWorkspace > 0)
        m.perThread += 4.0 * (spatialParams + spatialWorkspace) * perThread;
    if (const int hidden = unitSplitHidden(spec); hidden > 0 && m.threads >= 2 && m.batch > 0) {
        // The split by units: each thread's copy of the batch's inputs (the first thread's is the input
        // buffer above: counted once more, to be safe), its units' pre-activations, activations and their
        // gradient, its share of the outputs, and its scratch block for the hidden weight gradient.
        const double lines = (hidden + 15) / 16,
                     share = std::min(double(hidden), std::ceil(lines / m.threads) * 16);
        m.perThread += 4.0 * (m.batch * (double(spec.input.size()) + 3 * share + classes) +
                              share * double(spec.input.size()));
    }
    if (m.batch > 0) {
        const int maxBlock = spatialBlockCap(m.batch, m.threads, perThread);
        m.perThread += 4.0 * spatialScratch(spec, info, pieces, maxBlock) / m.threads;
    }
    m.parameters += 4.0 * (chunkWorkspace + spatialWorkspace);  // the snapshot network's one thread
    return m;
}

double physicalMemoryBytes() {
    const long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGE_SIZE);
    return pages > 0 && page > 0 ? double(pages) * double(page) : 0.0;
}

double trainingMemoryLimit() {
    const double physical = physicalMemoryBytes();
    return physical > 0 ? 0.5 * physical : std::numeric_limits<double>::infinity();
}

std::string trainingMemoryRefusal(const TrainingMemory& m) {
    const double limit = trainingMemoryLimit();
    if (m.total() <= limit) return {};
    const std::string against = "the limit of " + gigabytes(limit) + " (half of this machine's " +
                                gigabytes(physicalMemoryBytes()) + ")";
    if (m.batch == 0)  // the parameters alone (a network being built)
        return "the model needs about " + gigabytes(m.total()) + " for its " + grouped(m.paramCount) +
               " parameters alone, more than " + against + ": use fewer filters/units";
    std::string s = "the model needs about " + gigabytes(m.total()) + " to train at batch " +
                    std::to_string(m.batch) + " on " + std::to_string(m.threads) + " thread" +
                    (m.threads == 1 ? "" : "s") + " (each thread adds " + gigabytes(m.perThread) +
                    "), more than " + against + ": use ";
    // Name the part that is too big first.
    if (m.parameters > limit)
        s += "fewer filters/units (it has " + grouped(m.paramCount) + " parameters)";
    else
        s += "a smaller batch size, fewer threads or fewer filters/units";
    return s;
}

void checkTrainingMemory(const ModelSpec& spec, int batch, int threads) {
    const std::string why = trainingMemoryRefusal(estimateTrainingMemory(spec, batch, threads));
    if (!why.empty()) throw SpecError(why);
}

}  // namespace layerlab
