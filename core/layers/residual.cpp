#include "core/layers/residual.h"

#include <algorithm>
#include <cstring>

#include "core/errors.h"
#include "core/layer_types.h"

namespace layerlab {

namespace {
// What to change so that the chain gives back `in` (it gives `out`).
std::string matchHint(const Shape& in, const Shape& out) {
    const std::string c = std::to_string(in.c());
    if (in.isSpatial() && out.isSpatial()) {
        if (in.h() == out.h() && in.w() == out.w()) return "give its last Conv2D layer " + c + " filters";
        return "use padding \"same\" and stride 1 in its Conv2D layers, no pooling inside, and " + c +
               " filters in the last one";
    }
    if (in.isSpatial()) return "keep Flatten and Dense layers out of the block";
    return "give its last Dense layer " + std::to_string(in.size()) + " units";
}
}  // namespace

Residual::Residual(const std::vector<LayerSpec>& inner) : m_inner(inner) {
    for (const LayerSpec& s : m_inner) {
        m_layers.push_back(makeLayer(s));
        m_specs.push_back(&s);
        if (auto a = makeActivationLayer(s.activation, s.alpha)) {
            m_layers.push_back(std::move(a));
            m_specs.push_back(&s);
        }
    }
}

Residual::~Residual() = default;

Shape Residual::configure(const Shape& in) {
    if (m_layers.empty())
        throw SpecError(
            "has no layers inside: drag layers into the block, such as two Conv2D with padding "
            "\"same\"");
    Shape shape = in;
    long long offset = 0;
    m_offset.clear();
    for (size_t j = 0; j < m_layers.size(); ++j) {
        try {
            shape = m_layers[j]->configure(shape);
            if (m_layers[j]->wholeBatch())
                throw SpecError(
                    "normalises over the whole batch, which a block's inner chain cannot do yet: put it "
                    "before or after the block");
        } catch (const SpecError& e) {
            throw SpecError("inner layer " + std::to_string(j + 1) + " (" + m_layers[j]->name() + ") " +
                            e.what());
        }
        m_offset.push_back(offset);
        offset += m_layers[j]->paramCount();
    }
    if (shape != in)
        throw SpecError("changes " + in.toString() + " into " + shape.toString() +
                        " with its inner layers: the output must match the input, since the block adds the "
                        "two (" +
                        matchHint(in, shape) + ")");
    m_in = m_out = in;
    return m_out;
}

long long Residual::paramCount() const {
    long long n = 0;
    for (const auto& l : m_layers) n += l->paramCount();
    return n;
}

long long Residual::weightCount() const {
    long long n = 0;
    for (const auto& l : m_layers) n += l->weightCount();
    return n;
}

void Residual::markWeights(std::uint8_t* mask) const {
    for (size_t j = 0; j < m_layers.size(); ++j) m_layers[j]->markWeights(mask + m_offset[j]);
}

void Residual::setTrainable(bool on) {
    Layer::setTrainable(on);
    if (!on)
        for (auto& l : m_layers) l->setTrainable(false);
}

bool Residual::learns() const {
    return std::any_of(m_layers.begin(), m_layers.end(), [](const auto& l) { return l->learns(); });
}

void Residual::markTrainable(std::uint8_t* mask) const {
    for (size_t j = 0; j < m_layers.size(); ++j) m_layers[j]->markTrainable(mask + m_offset[j]);
}

Layer::Workspace Residual::workspace() const {
    // reserve(): m_acts (maxBatch x S_j each), m_gA/m_gB (chunks x ceil(maxBatch / chunks) x largest S_j, at
    // most (maxBatch + chunks) x largest), and what each inner layer reserves.
    Workspace w;
    long long largest = 1;
    for (const auto& l : m_layers) {
        const Workspace inner = l->workspace();
        w.perSample += l->outputShape().size() + inner.perSample;
        w.perChunk += inner.perChunk;
        largest = std::max(largest, l->outputShape().size());
    }
    w.perSample += 2 * largest;
    w.perChunk += 2 * largest;
    return w;
}

double Residual::forwardFlops() const {
    double f = double(m_out.size());
    for (const auto& l : m_layers) f += l->forwardFlops();
    return f;
}

void Residual::bind(float* params) {
    for (size_t j = 0; j < m_layers.size(); ++j) m_layers[j]->bind(params + m_offset[j]);
}

void Residual::initParams(std::mt19937_64& rng, const InitChoice& init) {
    for (size_t j = 0; j < m_layers.size(); ++j) {
        const bool relu =
            j + 1 < m_layers.size() ? layerTypeInfo(m_layers[j + 1]->type()).heInitBefore : init.feedsRelu;
        m_layers[j]->initParams(rng, chooseInit(*m_specs[j], init, relu));
    }
}

void Residual::reserve(int maxBatch, int chunks) {
    chunks = std::max(1, chunks);
    m_maxBatch = maxBatch;
    const int maxChunk = (maxBatch + chunks - 1) / chunks;
    long long largest = 1;
    m_acts.resize(m_layers.size());
    for (size_t j = 0; j < m_layers.size(); ++j) {
        const long long size = m_layers[j]->outputShape().size();
        largest = std::max(largest, size);
        m_acts[j].assign((size_t)maxBatch * size, 0.0f);
        m_layers[j]->reserve(maxBatch, chunks);
    }
    m_gA.assign(chunks, FloatBuffer((size_t)maxChunk * largest, 0.0f));
    m_gB.assign(chunks, FloatBuffer((size_t)maxChunk * largest, 0.0f));
}

const float* Residual::act(int j, int sample) const {
    return m_acts[j].data() + (long long)sample * m_layers[j]->outputShape().size();
}

float* Residual::act(int j, int sample) {
    return m_acts[j].data() + (long long)sample * m_layers[j]->outputShape().size();
}

void Residual::setStepSeed(std::uint64_t seed) {
    for (size_t j = 0; j < m_layers.size(); ++j) m_layers[j]->setStepSeed(seed * 1000003ull + j);
}

// a_j = f_j(a_{j-1}) for the chain, then out = in + a_last (n x S).
void Residual::forward(const float* in, float* out, int first, int n, int chunk, bool training) {
    const float* x = in;
    for (size_t j = 0; j < m_layers.size(); ++j) {
        float* y = act(int(j), first);
        m_layers[j]->forward(x, y, first, n, chunk, training);
        x = y;
    }
    const long long count = n * m_in.size();
    for (long long i = 0; i < count; ++i) out[i] = in[i] + x[i];
}

// dIn = dOut (the skip, dy/dx = I), then the branch: dOut back through f, last layer to first; the first
// layer Adds its input gradient onto the skip's. Intermediate gradients ping-pong in the chunk's buffers
// (n x S_j, from offset 0: only this call's samples).
void Residual::backward(const float* in, const float*, const float* dOut, float* dIn, GradMode mode,
                        float* dParams, int first, int n, int chunk) {
    const long long count = n * m_in.size();
    if (dIn) {
        if (mode == GradMode::Add)
            for (long long i = 0; i < count; ++i) dIn[i] += dOut[i];
        else
            std::memcpy(dIn, dOut, sizeof(float) * count);
    }
    // Without dIn wanted, the branch only needs to reach its lowest layer whose parameters learn.
    int lowest = 0;
    if (!dIn) {
        if (!dParams) return;
        while (lowest < int(m_layers.size()) && !m_layers[lowest]->learns()) ++lowest;
    }
    float* bufs[2] = {m_gA[chunk].data(), m_gB[chunk].data()};
    const float* d = dOut;
    int which = 0;
    for (int j = int(m_layers.size()) - 1; j >= lowest; --j) {
        const float* x = j == 0 ? in : act(j - 1, first);
        float* dx = j == 0 ? dIn : (j == lowest && !dIn ? nullptr : bufs[which]);
        float* dp = dParams && m_layers[j]->learns() ? dParams + m_offset[j] : nullptr;
        m_layers[j]->backward(x, act(j, first), d, dx, j == 0 ? GradMode::Add : GradMode::Overwrite, dp,
                              first, n, chunk);
        d = dx;
        which ^= 1;
    }
}

}  // namespace layerlab
