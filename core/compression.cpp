#include "core/compression.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <stdexcept>

#include "core/errors.h"
#include "core/inference_model.h"
#include "core/network.h"

namespace layerlab {

namespace {

void checkParamCount(const Network& net, std::size_t n) {
    if (n != net.params().size())
        throw CheckpointError("the weights hold " + std::to_string(n) + " values but the model needs " +
                              std::to_string(net.params().size()));
}

std::vector<CompressibleLayer> compressibleLayersOf(const Network& net) {
    std::vector<CompressibleLayer> out;
    for (int i = 0; i < net.layerCount(); ++i) {
        const Layer& l = net.layer(i);
        if (l.type() != LayerType::Dense && l.type() != LayerType::Conv2D) continue;
        const std::vector<int> shape = l.weightShape();
        if (shape.empty() || l.weightCount() == 0) continue;
        CompressibleLayer c;
        c.engineLayer = i;
        c.name = layerLabel(net.specIndexOf(i), l.type());
        c.offset = net.paramOffset(i);
        c.rows = shape[0];
        c.cols = l.weightCount() / shape[0];
        out.push_back(c);
    }
    return out;
}

}  // namespace

std::vector<float> Quantization::inputScales(int layerCount) const {
    std::vector<float> s(std::size_t(std::max(0, layerCount)), 0.0f);
    for (const QuantizedLayer& l : layers)
        if (l.engineLayer >= 0 && l.engineLayer < layerCount) s[std::size_t(l.engineLayer)] = l.inputScale;
    return s;
}

std::vector<CompressibleLayer> compressibleLayers(const ModelSpec& spec) {
    const Network net(spec);
    return compressibleLayersOf(net);
}

std::string checkSparsity(double sparsity) {
    if (std::isfinite(sparsity) && sparsity >= 0 && sparsity < 1) return "";
    char buf[64];
    if (std::isnan(sparsity))
        std::snprintf(buf, sizeof buf, "NaN");
    else
        std::snprintf(buf, sizeof buf, "%g%%", sparsity * 100);
    return std::string("a sparsity of ") + buf +
           " cannot be used: choose a sparsity from 0 to 99% (0 to 0.99; 100% would remove every weight)";
}

PruneResult pruneByMagnitude(const ModelSpec& spec, std::span<const float> params, double sparsity) {
    if (const std::string why = checkSparsity(sparsity); !why.empty()) throw std::invalid_argument(why);
    const Network net(spec);
    checkParamCount(net, params.size());
    PruneResult r;
    r.params.assign(params.begin(), params.end());
    r.mask.assign(params.size(), 1);
    std::vector<long long> order;
    for (const CompressibleLayer& c : compressibleLayersOf(net)) {
        const long long n = c.weights();
        const long long k = std::min(n, (long long)std::llround(sparsity * double(n)));
        float* w = r.params.data() + c.offset;
        order.resize(std::size_t(n));
        std::iota(order.begin(), order.end(), 0LL);
        // The k smallest magnitudes, ties by index: a strict order, so the choice is the same everywhere.
        const auto less = [w](long long a, long long b) {
            const float ma = std::fabs(w[a]), mb = std::fabs(w[b]);
            return ma < mb || (ma == mb && a < b);
        };
        if (k > 0 && k < n) std::nth_element(order.begin(), order.begin() + (k - 1), order.end(), less);
        for (long long j = 0; j < k; ++j) {
            w[order[std::size_t(j)]] = 0.0f;
            r.mask[std::size_t(c.offset + order[std::size_t(j)])] = 0;
        }
        PrunedLayer p;
        p.name = c.name;
        p.weights = n;
        p.zeros = std::count(w, w + n, 0.0f);
        r.weights += p.weights;
        r.zeros += p.zeros;
        r.layers.push_back(p);
    }
    return r;
}

std::vector<float> channelScales(const float* w, int rows, long long cols) {
    std::vector<float> s(std::size_t(std::max(0, rows)));
    for (int o = 0; o < rows; ++o) {
        float m = 0;
        for (long long i = 0; i < cols; ++i) m = std::max(m, std::fabs(w[o * cols + i]));
        s[std::size_t(o)] = m / 127.0f;
    }
    return s;
}

std::int8_t quantizeInt8(float x, float scale) {
    if (!(scale > 0)) return 0;
    const float q = std::nearbyint(x / scale);
    return std::int8_t(std::clamp(q, -127.0f, 127.0f));
}

void fakeQuantize(float* x, long long n, float scale) {
    if (!(scale > 0)) return;
    const float inv = 1.0f / scale;
    for (long long i = 0; i < n; ++i) x[i] = std::clamp(std::nearbyint(x[i] * inv), -127.0f, 127.0f) * scale;
}

QuantizedModel quantizeModel(const ModelSpec& spec, std::span<const float> params, const float* calibration,
                             int n, int threads) {
    QuantizedModel out;
    out.params.assign(params.begin(), params.end());
    InferenceModel model(spec, params, threads);
    Network& net = model.network();
    const std::vector<CompressibleLayer> layers = compressibleLayersOf(net);

    // Calibration: the largest |input| each quantized layer sees, over n float passes.
    std::vector<float> maxAbs(layers.size(), 0.0f);
    const long long inSize = net.inputSize();
    model.run([&] {
        for (int start = 0; start < n; start += model.maxBatch()) {
            const int b = std::min(model.maxBatch(), n - start);
            net.forward(calibration + (long long)start * inSize, b, false);
            for (std::size_t j = 0; j < layers.size(); ++j) {
                const int i = layers[j].engineLayer;
                const float* x = i == 0 ? net.inputBuffer() : net.activation(i - 1);
                const long long size = (long long)b * net.layer(i).inputShape().size();
                for (long long t = 0; t < size; ++t) maxAbs[j] = std::max(maxAbs[j], std::fabs(x[t]));
            }
        }
    });

    for (std::size_t j = 0; j < layers.size(); ++j) {
        const CompressibleLayer& c = layers[j];
        QuantizedLayer q;
        q.engineLayer = c.engineLayer;
        q.inputScale = maxAbs[j] / 127.0f;
        float* w = out.params.data() + c.offset;
        q.weightScales = channelScales(w, c.rows, c.cols);
        for (int o = 0; o < c.rows; ++o)
            for (long long i = 0; i < c.cols; ++i) {
                float& v = w[o * c.cols + i];
                v = fakeQuantize(v, q.weightScales[std::size_t(o)]);
            }
        out.quantization.layers.push_back(std::move(q));
    }
    return out;
}

std::string checkQuantization(const ModelSpec& spec, const Quantization& q) {
    const Network net(spec);
    const std::vector<CompressibleLayer> layers = compressibleLayersOf(net);
    int previous = -1;
    for (const QuantizedLayer& l : q.layers) {
        const std::string which = "quantized layer " + std::to_string(l.engineLayer);
        if (l.engineLayer <= previous) return which + " is out of order or repeated";
        previous = l.engineLayer;
        const auto it = std::find_if(layers.begin(), layers.end(), [&](const CompressibleLayer& c) {
            return c.engineLayer == l.engineLayer;
        });
        if (it == layers.end()) return which + " is not a Dense or Conv2D layer of the model";
        if (l.weightScales.size() != std::size_t(it->rows))
            return which + " (" + it->name + ") has " + std::to_string(l.weightScales.size()) +
                   " channel scales, the layer has " + std::to_string(it->rows) + " output channels";
        if (!std::isfinite(l.inputScale) || l.inputScale < 0) return which + " has an invalid input scale";
        for (float s : l.weightScales)
            if (!std::isfinite(s) || s < 0) return which + " has an invalid channel scale";
    }
    return "";
}

long long float32Bytes(long long paramCount) {
    return 4 * paramCount;
}

long long int8Bytes(const ModelSpec& spec, long long paramCount, const Quantization& q) {
    const std::vector<CompressibleLayer> layers = compressibleLayers(spec);
    long long bytes = 4 * paramCount;
    for (const QuantizedLayer& l : q.layers)
        for (const CompressibleLayer& c : layers)
            if (c.engineLayer == l.engineLayer)
                bytes += -4 * c.weights() + c.weights() + 4 * (long long)l.weightScales.size() + 4;
    return bytes;
}

long long sparseBytes(const ModelSpec& spec, std::span<const float> params) {
    long long bytes = 4 * (long long)params.size();
    for (const CompressibleLayer& c : compressibleLayers(spec)) {
        const float* w = params.data() + c.offset;
        const long long nonzero = c.weights() - std::count(w, w + c.weights(), 0.0f);
        bytes += -4 * c.weights() + (c.weights() + 7) / 8 + 4 * nonzero;
    }
    return bytes;
}

}  // namespace layerlab
