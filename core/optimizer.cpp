#include "core/optimizer.h"

#include <cmath>

#include <Eigen/Core>

#include "core/parallel.h"

namespace layerlab {

namespace {

// Element-wise updates: split across the arena's threads in blocks of at least this many parameters.
constexpr long long kGrain = 16384;

// v = mu v + g ; w -= lr (nesterov ? g + mu v : v)   (PyTorch's formulation)
class Sgd : public Optimizer {
public:
    Sgd(const OptimizerSpec& s, std::size_t n) : m_mu(s.momentum), m_nesterov(s.nesterov), m_v(n, 0.0f) {
        m_lr = s.learningRate;
    }
    void step(std::span<float> w, std::span<const float> g) override {
        parallelRanges((long long)w.size(), kGrain, [&](long long lo, long long hi) {
            for (long long i = lo; i < hi; ++i) {
                if (m_mu == 0.0f) {
                    w[i] -= m_lr * g[i];
                    continue;
                }
                m_v[i] = m_mu * m_v[i] + g[i];
                w[i] -= m_lr * (m_nesterov ? g[i] + m_mu * m_v[i] : m_v[i]);
            }
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
    Adam(const OptimizerSpec& s, std::size_t n) : m_s(s), m_m(n, 0.0f), m_v(n, 0.0f) {
        m_lr = s.learningRate;
    }
    void step(std::span<float> w, std::span<const float> g) override {
        ++m_t;
        const float b1 = m_s.beta1, b2 = m_s.beta2, eps = m_s.epsilon;
        const float c1 = 1.0f / float(1.0 - std::pow(double(b1), double(m_t)));
        const float c2 = 1.0f / float(1.0 - std::pow(double(b2), double(m_t)));
        parallelRanges((long long)w.size(), kGrain, [&](long long lo, long long hi) {
            using A = Eigen::Map<Eigen::ArrayXf>;
            using CA = Eigen::Map<const Eigen::ArrayXf>;
            const Eigen::Index n = hi - lo;
            A m(m_m.data() + lo, n), v(m_v.data() + lo, n), wi(w.data() + lo, n);
            CA gi(g.data() + lo, n);
            m = b1 * m + (1.0f - b1) * gi;
            v = b2 * v + (1.0f - b2) * gi.square();
            wi -= (m_lr * c1) * m / ((v * c2).sqrt() + eps);
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
    Adagrad(const OptimizerSpec& s, std::size_t n) : m_eps(s.epsilon), m_g2(n, 0.0f) {
        m_lr = s.learningRate;
    }
    void step(std::span<float> w, std::span<const float> g) override {
        parallelRanges((long long)w.size(), kGrain, [&](long long lo, long long hi) {
            for (long long i = lo; i < hi; ++i) {
                m_g2[i] += g[i] * g[i];
                w[i] -= m_lr * g[i] / (std::sqrt(m_g2[i]) + m_eps);
            }
        });
    }

private:
    float m_eps;
    std::vector<float> m_g2;
};

// E = rho E + (1-rho) g^2 ; w -= lr g / (sqrt(E) + eps)
class RmsProp : public Optimizer {
public:
    RmsProp(const OptimizerSpec& s, std::size_t n) : m_rho(s.rho), m_eps(s.epsilon), m_e(n, 0.0f) {
        m_lr = s.learningRate;
    }
    void step(std::span<float> w, std::span<const float> g) override {
        parallelRanges((long long)w.size(), kGrain, [&](long long lo, long long hi) {
            for (long long i = lo; i < hi; ++i) {
                m_e[i] = m_rho * m_e[i] + (1.0f - m_rho) * g[i] * g[i];
                w[i] -= m_lr * g[i] / (std::sqrt(m_e[i]) + m_eps);
            }
        });
    }

private:
    float m_rho, m_eps;
    std::vector<float> m_e;
};

}  // namespace

std::unique_ptr<Optimizer> makeOptimizer(const OptimizerSpec& spec, std::size_t n) {
    switch (spec.type) {
        case OptimizerType::SGD:
            return std::make_unique<Sgd>(spec, n);
        case OptimizerType::Adam:
            return std::make_unique<Adam>(spec, n);
        case OptimizerType::Adagrad:
            return std::make_unique<Adagrad>(spec, n);
        case OptimizerType::RMSprop:
            return std::make_unique<RmsProp>(spec, n);
    }
    return nullptr;
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
