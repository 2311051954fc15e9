#include "tests/support/gradient_check.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <vector>

#include "core/loss.h"
#include "core/network.h"
#include "core/parallel.h"

namespace layerlab::test {

namespace {

void compare(GradCheck& r, double analytic, double numeric, double floor, const std::string& where) {
    const double err =
        std::abs(analytic - numeric) / std::max({std::abs(analytic), std::abs(numeric), floor});
    ++r.checked;
    if (err > r.maxError) {
        r.maxError = err;
        r.worst = where + ": analytic " + std::to_string(analytic) + " vs numeric " + std::to_string(numeric);
    }
}

std::vector<long long> pick(long long size, int most, std::mt19937_64& rng) {
    std::vector<long long> idx(size);
    std::iota(idx.begin(), idx.end(), 0);
    if (size > most) {
        std::shuffle(idx.begin(), idx.end(), rng);
        idx.resize(most);
    }
    return idx;
}

// Central difference of loss() with respect to *x.
template <class F>
double numeric(float* x, double h, F&& loss) {
    const float saved = *x;
    *x = float(saved + h);
    const double plus = loss();
    *x = float(saved - h);
    const double minus = loss();
    *x = saved;
    return (plus - minus) / (2 * h);
}

}  // namespace

GradCheck checkLayer(Layer& layer, const Shape& inShape, const GradCheckOptions& o) {
    GradCheck r;
    ThreadArena arena(o.chunks);
    arena.execute([&] {
        std::mt19937_64 rng(o.seed);
        std::uniform_real_distribution<float> u(-1.0f, 1.0f);
        const Shape outShape = layer.configure(inShape);
        const long long inSize = inShape.size() * o.batch, outSize = outShape.size() * o.batch;
        std::vector<float> params(layer.paramCount()), grads(layer.paramCount());
        layer.bind(params.data());
        layer.initParams(rng, InitChoice{});
        for (float& p : params) p += 0.1f * u(rng);  // non-zero biases too
        layer.reserve(o.batch, o.chunks);
        layer.setStepSeed(o.seed);
        std::vector<float> in(inSize), out(outSize), R(outSize), dIn(inSize);
        for (float& x : in) {
            x = o.inputScale * u(rng);
            if (std::abs(x) < o.minAbsInput) x = x < 0 ? -o.minAbsInput : o.minAbsInput;
        }
        if (o.spacedInputs) {
            std::vector<long long> order(inSize);
            std::iota(order.begin(), order.end(), 0);
            std::shuffle(order.begin(), order.end(), rng);
            for (long long i = 0; i < inSize; ++i) in[order[i]] = float(5 * o.step * (i - inSize / 2));
        }
        for (float& x : R) x = u(rng);
        // The batch runs as `chunks` parts, each with its own chunk workspace, as the Network runs it (a
        // whole-batch layer as one part).
        const long long inS = inShape.size(), outS = outShape.size();
        const int parts = layer.wholeBatch() ? 1 : o.chunks;
        auto loss = [&] {
            for (int c = 0; c < parts; ++c) {
                const auto r = chunkRange(o.batch, parts, c);
                layer.forward(in.data() + r.begin * inS, out.data() + r.begin * outS, r.begin,
                              r.end - r.begin, c, o.training);
            }
            double s = 0;
            for (long long i = 0; i < outSize; ++i) s += double(out[i]) * R[i];
            return s;
        };
        loss();
        std::fill(grads.begin(), grads.end(), 0.0f);
        for (int c = 0; c < parts; ++c) {
            const auto r = chunkRange(o.batch, parts, c);
            layer.backward(in.data() + r.begin * inS, out.data() + r.begin * outS, R.data() + r.begin * outS,
                           dIn.data() + r.begin * inS, GradMode::Overwrite, grads.data(), r.begin,
                           r.end - r.begin, c);
        }
        const std::vector<float> gIn = dIn, gP = grads;
        // Frozen (dParams null): exactly the same input gradient, from the weight-gradient-free path.
        std::vector<float> frozenIn(inSize, 0.0f);
        for (int c = 0; c < parts; ++c) {
            const auto r = chunkRange(o.batch, parts, c);
            layer.backward(in.data() + r.begin * inS, out.data() + r.begin * outS, R.data() + r.begin * outS,
                           frozenIn.data() + r.begin * inS, GradMode::Overwrite, nullptr, r.begin,
                           r.end - r.begin, c);
        }
        for (long long i = 0; i < inSize; ++i)
            if (frozenIn[i] != gIn[i]) {
                r.maxError = std::max(r.maxError, 1.0);
                r.worst = "input[" + std::to_string(i) +
                          "] without dParams (frozen): " + std::to_string(frozenIn[i]) + " vs " +
                          std::to_string(gIn[i]);
                break;
            }
        // GradMode::Add must add exactly that input gradient onto what dIn holds (another consumer's part).
        std::vector<float> before(inSize), added(inSize);
        for (float& x : before) x = u(rng);
        added = before;
        for (int c = 0; c < parts; ++c) {
            const auto r = chunkRange(o.batch, parts, c);
            layer.backward(in.data() + r.begin * inS, out.data() + r.begin * outS, R.data() + r.begin * outS,
                           added.data() + r.begin * inS, GradMode::Add, grads.data(), r.begin,
                           r.end - r.begin, c);
        }
        for (long long i = 0; i < inSize; ++i)
            compare(r, double(added[i]) - before[i], gIn[i], 1e-3,
                    "input[" + std::to_string(i) + "] in GradMode::Add");
        for (long long i : pick(inSize, o.maxCoordinates, rng))
            compare(r, gIn[i], numeric(&in[i], o.step, loss), o.floor, "input[" + std::to_string(i) + "]");
        const long long checkedParams = o.checkedParams < 0
                                            ? (long long)params.size()
                                            : std::min<long long>(o.checkedParams, params.size());
        for (long long i : pick(checkedParams, o.maxCoordinates, rng))
            compare(r, gP[i], numeric(&params[i], o.step, loss), o.floor, "param[" + std::to_string(i) + "]");
    });
    return r;
}

GradCheck checkNetwork(const ModelSpec& spec, const GradCheckOptions& o) {
    GradCheck r;
    ThreadArena arena(o.chunks);
    arena.execute([&] {
        std::mt19937_64 rng(o.seed);
        std::uniform_real_distribution<float> u(0.0f, 1.0f);
        Network net(spec);
        net.setLogitsOutput(spec.training.loss == LossType::CrossEntropy);
        net.reserve(o.batch, o.chunks);
        net.initParams(o.seed);
        auto params = net.params();
        for (float& p : params) p += 0.05f * (u(rng) - 0.5f);
        const long long inSize = net.inputSize() * o.batch;
        const int k = int(net.outputSize());
        std::vector<float> in(inSize), dOut((size_t)o.batch * k);
        for (float& x : in) x = u(rng);
        std::vector<std::uint8_t> labels(o.batch);
        for (auto& l : labels) l = std::uint8_t(rng() % k);
        auto loss = [&] {
            net.setStepSeed(o.seed);
            const float* out = net.forward(in.data(), o.batch, true);
            return computeLoss(spec.training.loss, net.logitsOutput(), out, labels.data(), o.batch, k,
                               nullptr)
                .loss;
        };
        net.setStepSeed(o.seed);
        const float* out = net.forward(in.data(), o.batch, true);
        computeLoss(spec.training.loss, net.logitsOutput(), out, labels.data(), o.batch, k, dOut.data());
        net.backward(dOut.data(), o.batch);
        const std::vector<float> g(net.grads().begin(), net.grads().end());
        // Frozen parameters get no gradient at all (exactly 0); the others match the numerical gradient.
        const auto& learns = net.trainableMask();
        std::vector<long long> trained;
        for (long long i = 0; i < (long long)params.size(); ++i) {
            if (learns[i]) {
                trained.push_back(i);
            } else if (g[i] != 0.0f) {
                r.maxError = std::max(r.maxError, 1.0);
                r.worst =
                    "param[" + std::to_string(i) + "] is frozen but got gradient " + std::to_string(g[i]);
            }
        }
        for (long long k : pick((long long)trained.size(), o.maxCoordinates, rng)) {
            const long long i = trained[k];
            compare(r, g[i], numeric(&params[i], o.step, loss), o.floor, "param[" + std::to_string(i) + "]");
        }
    });
    return r;
}

GradCheck checkInputGradient(const ModelSpec& spec, const GradCheckOptions& o) {
    GradCheck r;
    ThreadArena arena(o.chunks);
    arena.execute([&] {
        std::mt19937_64 rng(o.seed);
        std::uniform_real_distribution<float> u(0.0f, 1.0f);
        Network net(spec);
        net.setLogitsOutput(true);
        net.reserve(o.batch, o.chunks);
        net.initParams(o.seed);
        for (float& p : net.params()) p += 0.05f * (u(rng) - 0.5f);
        const long long inSize = net.inputSize() * o.batch, outSize = net.outputSize() * o.batch;
        std::vector<float> in(inSize), R(outSize), dIn(inSize);
        for (float& x : in) x = u(rng);
        for (float& x : R) x = 2 * u(rng) - 1;
        auto loss = [&] {
            const float* out = net.forward(in.data(), o.batch, false);
            double s = 0;
            for (long long i = 0; i < outSize; ++i) s += double(out[i]) * R[i];
            return s;
        };
        loss();
        net.inputGradient(R.data(), o.batch, dIn.data());
        for (long long i : pick(inSize, o.maxCoordinates, rng))
            compare(r, dIn[i], numeric(&in[i], o.step, loss), o.floor, "input[" + std::to_string(i) + "]");
    });
    return r;
}

GradCheck checkLoss(LossType type, bool logits, int n, int k, std::uint64_t seed) {
    GradCheck r;
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<float> u(0.05f, 1.0f);
    std::vector<float> out((size_t)n * k), d((size_t)n * k);
    for (float& x : out) x = logits ? 4 * (u(rng) - 0.5f) : u(rng);
    std::vector<std::uint8_t> labels(n);
    for (auto& l : labels) l = std::uint8_t(rng() % k);
    computeLoss(type, logits, out.data(), labels.data(), n, k, d.data());
    auto loss = [&] { return computeLoss(type, logits, out.data(), labels.data(), n, k, nullptr).loss; };
    for (size_t i = 0; i < out.size(); ++i)
        compare(r, d[i], numeric(&out[i], 1e-3, loss), 1e-3, "out[" + std::to_string(i) + "]");
    return r;
}

}  // namespace layerlab::test
