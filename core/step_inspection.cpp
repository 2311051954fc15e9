#include "core/step_inspection.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/layer.h"
#include "core/loss.h"
#include "core/network.h"

namespace layerlab {

namespace {
constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

// Rows of n x k logits -> probabilities (stable: shifted by the row's largest value).
void softmaxRows(float* v, int n, int k) {
    for (int s = 0; s < n; ++s) {
        float* row = v + std::size_t(s) * k;
        const float top = *std::max_element(row, row + k);
        double sum = 0;
        for (int c = 0; c < k; ++c) sum += std::exp(double(row[c]) - top);
        for (int c = 0; c < k; ++c) row[c] = float(std::exp(double(row[c]) - top) / sum);
    }
}

DenseTrace traceDense(Network& net, int e, const std::vector<float>& dLoss, const StepRecord& r) {
    const ModelSpec& spec = net.spec();
    const int n = r.samples;
    const int spi = net.specIndexOf(e);
    const LayerSpec& ls = spec.layers[std::size_t(spi)];
    const int last = net.layerCount() - 1;
    const int act = e < last && net.specIndexOf(e + 1) == spi ? e + 1 : -1;  // its fused activation
    const bool fused = act == last && net.logitsOutput() && net.layer(act).type() == LayerType::Softmax;
    const int U = int(net.layer(e).outputShape().size()), I = int(net.layer(e).inputShape().size());

    DenseTrace t;
    t.specIndex = spi;
    t.engineLayer = e;
    t.activation = act >= 0 ? ls.activation : Activation::None;
    t.fusedSoftmax = fused;
    t.units = U;
    t.inputs = I;
    t.shownUnits = std::min(U, kTraceUnits);
    t.shownInputs = std::min(I, kTraceInputs);
    t.samples = n;
    const int su = t.shownUnits, si = t.shownInputs;

    // Forward values first: nothing below runs a forward, but keep them apart from the backward's buffers.
    const float* X = e == 0 ? net.inputBuffer() : net.activation(e - 1);
    const float* Z = net.activation(e);
    std::vector<float> aFull;
    if (act >= 0 && !fused) {
        aFull.assign(net.activation(act), net.activation(act) + std::size_t(n) * U);
    } else {
        aFull.assign(Z, Z + std::size_t(n) * U);
        if (fused) softmaxRows(aFull.data(), n, U);
    }
    t.x.resize(std::size_t(n) * si);
    t.z.resize(std::size_t(n) * su);
    t.a.resize(std::size_t(n) * su);
    for (int s = 0; s < n; ++s) {
        std::copy_n(X + std::size_t(s) * I, si, t.x.begin() + std::size_t(s) * si);
        std::copy_n(Z + std::size_t(s) * U, su, t.z.begin() + std::size_t(s) * su);
        std::copy_n(aFull.begin() + std::size_t(s) * U, su, t.a.begin() + std::size_t(s) * su);
    }

    // Backward with the step's loss gradient (of the batch mean: x N for one sample's own loss).
    std::vector<float> dZFull(std::size_t(n) * U), dAFull;
    net.activationGradient(e, dLoss.data(), n, dZFull.data());
    if (act >= 0 && !fused) {
        dAFull.resize(dZFull.size());
        net.activationGradient(act, dLoss.data(), n, dAFull.data());
    }
    t.dZ.resize(std::size_t(n) * su);
    t.dA.resize(std::size_t(n) * su);
    t.fPrime.resize(std::size_t(n) * su);
    for (int s = 0; s < n; ++s)
        for (int u = 0; u < su; ++u) {
            const std::size_t full = std::size_t(s) * U + u, shown = std::size_t(s) * su + u;
            t.dZ[shown] = float(double(dZFull[full]) * n);
            if (fused) {
                t.dA[shown] = kNaN;
                t.fPrime[shown] = kNaN;
            } else if (act < 0) {
                t.dA[shown] = t.dZ[shown];
                t.fPrime[shown] = 1.0f;
            } else {
                t.dA[shown] = float(double(dAFull[full]) * n);
                t.fPrime[shown] = activationDerivative(ls.activation, t.z[shown], t.a[shown], ls.alpha);
            }
        }

    // Weights (W: U x I row-major, then the U biases), before and after, and the gradients.
    const std::size_t off = std::size_t(net.paramOffset(e)), bOff = off + std::size_t(U) * I;
    t.weights.resize(std::size_t(su) * si);
    t.weightsAfter.resize(t.weights.size());
    t.stepGradW.resize(t.weights.size());
    t.meanGradW.resize(t.weights.size());
    for (int u = 0; u < su; ++u)
        for (int i = 0; i < si; ++i) {
            const std::size_t p = off + std::size_t(u) * I + i, w = std::size_t(u) * si + i;
            t.weights[w] = r.before[p];
            t.weightsAfter[w] = r.after[p];
            t.stepGradW[w] = r.stepGrads[p];
            double sum = 0;
            for (int s = 0; s < n; ++s) sum += double(t.sampleGradW(s, u, i));
            t.meanGradW[w] = float(sum / n);
        }
    t.biases.resize(std::size_t(su));
    t.biasesAfter.resize(t.biases.size());
    t.stepGradB.resize(t.biases.size());
    t.meanGradB.resize(t.biases.size());
    for (int u = 0; u < su; ++u) {
        t.biases[u] = r.before[bOff + u];
        t.biasesAfter[u] = r.after[bOff + u];
        t.stepGradB[u] = r.stepGrads[bOff + u];
        double sum = 0;
        for (int s = 0; s < n; ++s) sum += double(t.dZ[std::size_t(s) * su + u]);
        t.meanGradB[u] = float(sum / n);
    }
    return t;
}
}  // namespace

float activationDerivative(Activation f, float z, float a, float alpha) {
    switch (f) {
        case Activation::None:
            return 1.0f;
        case Activation::ReLU:
            return z > 0 ? 1.0f : 0.0f;
        case Activation::LeakyReLU:
            return z > 0 ? 1.0f : alpha;
        case Activation::Sigmoid:
            return a * (1.0f - a);
        case Activation::Tanh:
            return 1.0f - a * a;
        case Activation::Softmax:
            return kNaN;
    }
    return kNaN;
}

int StepInspection::predicted(int s, bool afterStep) const {
    const std::vector<float>& v = afterStep ? after : before;
    const auto row = v.begin() + std::ptrdiff_t(s) * classes;
    return int(std::max_element(row, row + classes) - row);
}

StepInspection inspectStep(Network& net, const StepRecord& r) {
    const ModelSpec& spec = net.spec();
    const int n = r.samples, k = int(net.outputSize());
    const bool logits = net.logitsOutput();
    StepInspection out;
    out.samples = n;
    out.classes = k;
    out.probabilities = logits || net.layer(net.layerCount() - 1).type() == LayerType::Softmax;
    out.labels.assign(r.labels, r.labels + n);
    const auto values = [&](const float* o, std::vector<float>& dst) {
        dst.assign(o, o + std::size_t(n) * k);
        if (logits) softmaxRows(dst.data(), n, k);
    };

    // Before: the step's own forward.
    values(r.stepOutputs, out.before);
    const LossResult before = computeLoss(spec.training.loss, logits, r.stepOutputs, r.labels, n, k, nullptr);
    out.lossBefore = before.loss;
    out.correctBefore = before.correct;

    // The step's forward again on the scratch network (same weights, inputs and seed), then its backward
    // to each Dense layer.
    const std::size_t inSize = std::size_t(net.inputSize()) * n;
    std::copy(r.before.begin(), r.before.end(), net.params().begin());
    std::copy_n(r.inputs, inSize, net.inputBuffer());
    net.setStepSeed(r.stepSeed);
    const float* replay = net.forward(net.inputBuffer(), n, true);
    std::vector<float> dLoss(std::size_t(n) * k);
    computeLoss(spec.training.loss, logits, replay, r.labels, n, k, dLoss.data());
    for (int e = 0; e < net.layerCount(); ++e)
        if (net.layer(e).type() == LayerType::Dense) out.dense.push_back(traceDense(net, e, dLoss, r));

    // After: the new weights, inference mode.
    std::copy(r.after.begin(), r.after.end(), net.params().begin());
    std::copy_n(r.inputs, inSize, net.inputBuffer());
    const float* o = net.forward(net.inputBuffer(), n, false);
    values(o, out.after);
    const LossResult after = computeLoss(spec.training.loss, logits, o, r.labels, n, k, nullptr);
    out.lossAfter = after.loss;
    out.correctAfter = after.correct;
    return out;
}

}  // namespace layerlab
