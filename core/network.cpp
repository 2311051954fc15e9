#include "network.h"

#include <algorithm>
#include <cstring>

#include "errors.h"

namespace layerlab {

namespace {
bool reluFamily(const Layer* l) {
    return l && (std::string(l->name()) == "ReLU" || std::string(l->name()) == "LeakyReLU");
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
        if (auto act = makeActivationLayer(spec.layers[i].activation, spec.layers[i].alpha)) add(std::move(act));
    }
    m_params.assign(offset, 0.0f);
    m_grads.assign(offset, 0.0f);
    m_weightMask.assign(offset, 0);
    for (size_t i = 0; i < m_layers.size(); ++i) {
        m_layers[i]->bind(m_params.data() + m_paramOffset[i], m_grads.data() + m_paramOffset[i]);
        std::fill_n(m_weightMask.begin() + m_paramOffset[i], m_layers[i]->weightCount(), 1);
    }
}

Network::~Network() = default;

Shape Network::outputShape() const { return m_layers.back()->outputShape(); }

bool Network::endsWithSoftmax() const { return std::string(m_layers.back()->name()) == "Softmax"; }

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
    m_maxBatch = maxBatch;
    m_chunks = chunks;
    m_acts.resize(m_layers.size() + 1);
    m_acts[0].assign((size_t)maxBatch * inputSize(), 0.0f);
    long long largest = inputSize();
    for (size_t i = 0; i < m_layers.size(); ++i) {
        const long long sz = m_layers[i]->outputShape().size();
        largest = std::max(largest, sz);
        m_acts[i + 1].assign((size_t)maxBatch * sz, 0.0f);
        m_layers[i]->reserve(maxBatch, chunks);
    }
    m_dA.assign((size_t)maxBatch * largest, 0.0f);
    m_dB.assign((size_t)maxBatch * largest, 0.0f);
}

void Network::setStepSeed(std::uint64_t seed) {
    for (size_t i = 0; i < m_layers.size(); ++i) m_layers[i]->setStepSeed(seed * 1000003ull + i);
}

const float* Network::forward(const float* in, int n, bool training) {
    if (n > m_maxBatch || m_acts.empty()) reserve(std::max(n, m_maxBatch), m_chunks);
    if (in != m_acts[0].data()) std::memcpy(m_acts[0].data(), in, sizeof(float) * n * inputSize());
    const int last = m_logitsOutput && endsWithSoftmax() ? int(m_layers.size()) - 1 : int(m_layers.size());
    for (int i = 0; i < last; ++i) m_layers[i]->forward(m_acts[i].data(), m_acts[i + 1].data(), n, training);
    return m_acts[last].data();
}

void Network::backward(const float* dOut, int n) {
    const int last = m_logitsOutput && endsWithSoftmax() ? int(m_layers.size()) - 1 : int(m_layers.size());
    const float* d = dOut;
    float* bufs[2] = {m_dA.data(), m_dB.data()};
    int which = 0;
    for (int i = last - 1; i >= 0; --i) {
        float* dIn = i > 0 ? bufs[which] : nullptr;  // no gradient w.r.t. the input image
        m_layers[i]->backward(m_acts[i].data(), m_acts[i + 1].data(), d, dIn, n);
        d = dIn;
        which ^= 1;
    }
}

}  // namespace layerlab
