#include "core/optimizer.h"

#include <cmath>

#include <Eigen/Core>

#include "core/parallel.h"

namespace layerlab {

namespace {

// Element-wise updates: split across the arena's threads in blocks of at least this many parameters.
constexpr long long kGrain = 16384;

// Sets the ranges an optimizer updates; its state is sized by trainedCount().
void setRanges(std::vector<ParamRange>& to, long long& count, std::vector<ParamRange> ranges) {
    to = std::move(ranges);
    count = 0;
    for (const ParamRange& r : to) count += r.count;
}

// v = mu v + g ; w -= lr (nesterov ? g + mu v : v)   (PyTorch's formulation)
class Sgd : public Optimizer {
public:
    Sgd(const OptimizerSpec& s, std::vector<ParamRange> r) : m_mu(s.momentum), m_nesterov(s.nesterov) {
        m_lr = s.learningRate;
        setRanges(m_ranges, m_count, std::move(r));
        if (m_mu != 0.0f) m_v.assign(std::size_t(m_count), 0.0f);
    }
    int stateFloatsPerParam() const override { return m_mu == 0.0f ? 0 : 1; }
    std::size_t stateFloats() const override { return m_v.size(); }
    void step(std::span<float> w, std::span<const float> g) override {
        parallelRanges(m_count, kGrain, [&](long long lo, long long hi) {
            forPieces(lo, hi, [&](long long p, long long k, long long n) {
                for (long long i = 0; i < n; ++i) {
                    if (m_mu == 0.0f) {
                        w[p + i] -= m_lr * g[p + i];
                        continue;
                    }
                    float& v = m_v[k + i];
                    v = m_mu * v + g[p + i];
                    w[p + i] -= m_lr * (m_nesterov ? g[p + i] + m_mu * v : v);
                }
            });
        });
    }

private:
    float m_mu;
    bool m_nesterov;
    std::vector<float> m_v;
};

// m = b1 m + (1-b1) g ; v = b2 v + (1-b2) g^2 ; w -= lr * m/(1-b1^t) / (sqrt(v/(1-b2^t)) + eps)
class Adam : public Optimizer {
public:
    Adam(const OptimizerSpec& s, std::vector<ParamRange> r) : m_s(s) {
        m_lr = s.learningRate;
        setRanges(m_ranges, m_count, std::move(r));
        m_m.assign(std::size_t(m_count), 0.0f);
        m_v.assign(std::size_t(m_count), 0.0f);
    }
    int stateFloatsPerParam() const override { return 2; }
    std::size_t stateFloats() const override { return m_m.size() + m_v.size(); }
    void step(std::span<float> w, std::span<const float> g) override {
        ++m_t;
        const float b1 = m_s.beta1, b2 = m_s.beta2, eps = m_s.epsilon;
        const float c1 = 1.0f / float(1.0 - std::pow(double(b1), double(m_t)));
        const float c2 = 1.0f / float(1.0 - std::pow(double(b2), double(m_t)));
        parallelRanges(m_count, kGrain, [&](long long lo, long long hi) {
            forPieces(lo, hi, [&](long long p, long long k, long long count) {
                using A = Eigen::Map<Eigen::ArrayXf>;
                using CA = Eigen::Map<const Eigen::ArrayXf>;
                const Eigen::Index n = count;
                A m(m_m.data() + k, n), v(m_v.data() + k, n), wi(w.data() + p, n);
                CA gi(g.data() + p, n);
                m = b1 * m + (1.0f - b1) * gi;
                v = b2 * v + (1.0f - b2) * gi.square();
                wi -= (m_lr * c1) * m / ((v * c2).sqrt() + eps);
            });
        });
    }

private:
    OptimizerSpec m_s;
    long long m_t = 0;
    std::vector<float> m_m, m_v;
};

// G += g^2 ; w -= lr g / (sqrt(G) + eps)
class Adagrad : public Optimizer {
public:
    Adagrad(const OptimizerSpec& s, std::vector<ParamRange> r) : m_eps(s.epsilon) {
        m_lr = s.learningRate;
        setRanges(m_ranges, m_count, std::move(r));
        m_g2.assign(std::size_t(m_count), 0.0f);
    }
    int stateFloatsPerParam() const override { return 1; }
    std::size_t stateFloats() const override { return m_g2.size(); }
    void step(std::span<float> w, std::span<const float> g) override {
        parallelRanges(m_count, kGrain, [&](long long lo, long long hi) {
            forPieces(lo, hi, [&](long long p, long long k, long long n) {
                for (long long i = 0; i < n; ++i) {
                    float& g2 = m_g2[k + i];
                    g2 += g[p + i] * g[p + i];
                    w[p + i] -= m_lr * g[p + i] / (std::sqrt(g2) + m_eps);
                }
            });
        });
    }

private:
    float m_eps;
    std::vector<float> m_g2;
};

// E = rho E + (1-rho) g^2 ; w -= lr g / (sqrt(E) + eps)
class RmsProp : public Optimizer {
public:
    RmsProp(const OptimizerSpec& s, std::vector<ParamRange> r) : m_rho(s.rho), m_eps(s.epsilon) {
        m_lr = s.learningRate;
        setRanges(m_ranges, m_count, std::move(r));
        m_e.assign(std::size_t(m_count), 0.0f);
    }
    int stateFloatsPerParam() const override { return 1; }
    std::size_t stateFloats() const override { return m_e.size(); }
    void step(std::span<float> w, std::span<const float> g) override {
        parallelRanges(m_count, kGrain, [&](long long lo, long long hi) {
            forPieces(lo, hi, [&](long long p, long long k, long long n) {
                for (long long i = 0; i < n; ++i) {
                    float& e = m_e[k + i];
                    e = m_rho * e + (1.0f - m_rho) * g[p + i] * g[p + i];
                    w[p + i] -= m_lr * g[p + i] / (std::sqrt(e) + m_eps);
                }
            });
        });
    }

private:
    float m_rho, m_eps;
    std::vector<float> m_e;
};

}  // namespace

std::vector<ParamRange> maskRanges(const std::vector<std::uint8_t>& mask) {
    std::vector<ParamRange> out;
    for (long long i = 0; i < (long long)mask.size(); ++i) {
        if (!mask[i]) continue;
        if (out.empty() || out.back().offset + out.back().count != i) out.push_back({i, 0});
        ++out.back().count;
    }
    return out;
}

std::unique_ptr<Optimizer> makeOptimizer(const OptimizerSpec& spec, std::vector<ParamRange> ranges) {
    switch (spec.type) {
        case OptimizerType::SGD:
            return std::make_unique<Sgd>(spec, std::move(ranges));
        case OptimizerType::Adam:
            return std::make_unique<Adam>(spec, std::move(ranges));
        case OptimizerType::Adagrad:
            return std::make_unique<Adagrad>(spec, std::move(ranges));
        case OptimizerType::RMSprop:
            return std::make_unique<RmsProp>(spec, std::move(ranges));
    }
    return nullptr;
}

std::unique_ptr<Optimizer> makeOptimizer(const OptimizerSpec& spec, std::size_t n) {
    std::vector<ParamRange> all;
    if (n > 0) all.push_back({0, (long long)n});
    return makeOptimizer(spec, std::move(all));
}

double applyL2(std::span<const float> w, std::span<float> g, const std::vector<std::uint8_t>& mask,
               float lambda) {
    if (lambda == 0.0f) return 0.0;
    double sum = 0;
    for (std::size_t i = 0; i < w.size(); ++i)
        if (mask[i]) {
            g[i] += lambda * w[i];
            sum += double(w[i]) * w[i];
        }
    return 0.5 * lambda * sum;
}

}  // namespace layerlab
