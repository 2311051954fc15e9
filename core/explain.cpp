#include "core/explain.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <random>

#include "core/inference_model.h"
#include "core/network.h"

namespace layerlab {

namespace {

using Clock = std::chrono::steady_clock;

// What every method does first: check the input and the target, run the image as given.
struct Prepared {
    Explanation e;
    ImageGeometry g;
    long long inSize = 0;
    int k = 0;
};

Prepared prepare(InferenceModel& model, ExplainMethod method, std::span<const float> input, int target) {
    Prepared p;
    p.e.method = method;
    p.g = model.imageGeometry();
    p.inSize = model.inputShape().size();
    p.k = model.classes();
    if ((long long)input.size() != p.inSize) {
        p.e.error = "the image has " + std::to_string(input.size()) + " values but the model takes " +
                    model.inputShape().toString() + " = " + std::to_string(p.inSize) +
                    ": give an image of the model's input size";
        return p;
    }
    if (target < -1 || target >= p.k) {
        p.e.error = "class " + std::to_string(target) + " does not exist: the model has classes 0 to " +
                    std::to_string(p.k - 1);
        return p;
    }
    for (float v : input)
        if (!std::isfinite(v)) {
            p.e.error = "the image holds a value that is not a finite number";
            return p;
        }
    p.e.probabilities = model.classifyInputs(input.data(), 1);
    const auto& pr = p.e.probabilities;
    p.e.predictedClass = int(std::max_element(pr.begin(), pr.end()) - pr.begin());
    p.e.targetClass = target < 0 ? p.e.predictedClass : target;
    p.e.targetProbability = pr[p.e.targetClass];
    p.e.height = p.g.height;
    p.e.width = p.g.width;
    return p;
}

// Sum over channels: C x H x W -> H x W.
std::vector<float> sumChannels(const float* x, const ImageGeometry& g) {
    const long long plane = (long long)g.height * g.width;
    std::vector<float> out(x, x + plane);
    for (int c = 1; c < g.channels; ++c)
        for (long long i = 0; i < plane; ++i) out[i] += x[c * plane + i];
    return out;
}

// Mean over n samples of d score[target] / d input for a batch of n inputs (n x inSize), in batches.
std::vector<double> meanInputGradient(InferenceModel& model, const std::vector<float>& inputs, int n,
                                      int target, long long inSize) {
    std::vector<double> sum(inSize, 0.0);
    const int k = model.classes();
    Network& net = model.network();
    model.run([&] {
        std::vector<float> dOut, dIn;
        for (int start = 0; start < n; start += model.maxBatch()) {
            const int b = std::min(model.maxBatch(), n - start);
            net.forward(inputs.data() + (long long)start * inSize, b, false);
            dOut.assign((std::size_t)b * k, 0.0f);
            for (int s = 0; s < b; ++s) dOut[(std::size_t)s * k + target] = 1.0f;  // d score[target]
            dIn.resize((std::size_t)b * inSize);
            net.inputGradient(dOut.data(), b, dIn.data());
            for (int s = 0; s < b; ++s)
                for (long long i = 0; i < inSize; ++i) sum[i] += dIn[s * inSize + i];
        }
    });
    for (double& v : sum) v /= n;
    return sum;
}

// Where the centres of a layer's output pixels sit on the input: input coordinate = scale * u + offset for
// output pixel u, per axis, composed over the Conv2D and pooling layers up to and including engine layer
// `last` (a conv's output pixel is centred on its kernel window, a pool's on its window).
struct GridMap {
    double scale = 1, offset = 0;
};
std::pair<GridMap, GridMap> outputGrid(const Network& net, const ModelSpec& spec, int last) {
    GridMap gy, gx;
    for (int i = 0; i <= last; ++i) {
        const Layer& l = net.layer(i);
        const LayerSpec& ls = spec.layers[net.specIndexOf(i)];
        const std::string name = l.name();
        double stride = 1, oy = 0, ox = 0;
        if (name == "Conv2D") {
            const Shape &in = l.inputShape(), &out = l.outputShape();
            stride = ls.stride;
            const int k = ls.kernel;
            const int padTop =
                ls.padding == Padding::Same ? std::max((out.h() - 1) * ls.stride + k - in.h(), 0) / 2 : 0;
            const int padLeft =
                ls.padding == Padding::Same ? std::max((out.w() - 1) * ls.stride + k - in.w(), 0) / 2 : 0;
            oy = (k - 1) / 2.0 - padTop;
            ox = (k - 1) / 2.0 - padLeft;
        } else if (name == "MaxPool2D" || name == "AvgPool2D") {
            stride = ls.stride > 0 ? ls.stride : ls.poolSize;
            oy = ox = (ls.poolSize - 1) / 2.0;
        } else {
            continue;
        }
        gy.offset += gy.scale * oy;
        gx.offset += gx.scale * ox;
        gy.scale *= stride;
        gx.scale *= stride;
    }
    return {gy, gx};
}

// H x W samples of an h x w map: input pixel (x, y) reads the map at ((x - ox) / sx, (y - oy) / sy),
// bilinearly, edge values held.
std::vector<float> sampleMap(const float* src, int h, int w, int H, int W, GridMap gy, GridMap gx) {
    std::vector<float> out((std::size_t)H * W);
    auto axis = [](int o, int n, GridMap g, int& i0, int& i1, float& t) {
        const double u = std::clamp((o - g.offset) / g.scale, 0.0, double(n - 1));
        i0 = int(u);
        i1 = std::min(i0 + 1, n - 1);
        t = float(u - i0);
    };
    for (int y = 0; y < H; ++y) {
        int y0, y1;
        float ty;
        axis(y, h, gy, y0, y1, ty);
        for (int x = 0; x < W; ++x) {
            int x0, x1;
            float tx;
            axis(x, w, gx, x0, x1, tx);
            const float top = src[y0 * w + x0] * (1 - tx) + src[y0 * w + x1] * tx;
            const float bottom = src[y1 * w + x0] * (1 - tx) + src[y1 * w + x1] * tx;
            out[(std::size_t)y * W + x] = top * (1 - ty) + bottom * ty;
        }
    }
    return out;
}

void finish(Explanation& e, Clock::time_point t0) {
    e.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
}

}  // namespace

const char* explainMethodName(ExplainMethod m) {
    switch (m) {
        case ExplainMethod::Saliency:
            return "Saliency";
        case ExplainMethod::SmoothGrad:
            return "SmoothGrad";
        case ExplainMethod::Occlusion:
            return "Occlusion";
        case ExplainMethod::GradCam:
            return "Grad-CAM";
    }
    return "";
}

const char* explainMethodMeasures(ExplainMethod m) {
    switch (m) {
        case ExplainMethod::Saliency:
            return "How much the class score changes when one pixel gets a little brighter (red: more "
                   "likely, blue: less).";
        case ExplainMethod::SmoothGrad:
            return "The saliency averaged over noisy copies of the image: the pixels that matter "
                   "consistently, with less speckle.";
        case ExplainMethod::Occlusion:
            return "How much the class probability drops when a small square covering the pixel is "
                   "blanked out.";
        case ExplainMethod::GradCam:
            return "Which regions of a convolutional layer's feature maps push towards the class, "
                   "scaled up to the image.";
    }
    return "";
}

float Explanation::maxAbs() const {
    float m = 0;
    for (float v : values) m = std::max(m, std::abs(v));
    return m;
}

Explanation saliency(InferenceModel& model, std::span<const float> input, int target) {
    const auto t0 = Clock::now();
    Prepared p = prepare(model, ExplainMethod::Saliency, input, target);
    if (!p.e.ok()) return p.e;
    const std::vector<float> in(input.begin(), input.end());
    const std::vector<double> g = meanInputGradient(model, in, 1, p.e.targetClass, p.inSize);
    const std::vector<float> gf(g.begin(), g.end());
    p.e.values = sumChannels(gf.data(), p.g);
    finish(p.e, t0);
    return p.e;
}

Explanation smoothGrad(InferenceModel& model, std::span<const float> input, int target,
                       const SmoothGradOptions& o) {
    const auto t0 = Clock::now();
    Prepared p = prepare(model, ExplainMethod::SmoothGrad, input, target);
    if (!p.e.ok()) return p.e;
    if (o.samples < 1 || o.samples > 1000) {
        p.e.error = "SmoothGrad needs 1 to 1000 noisy copies, not " + std::to_string(o.samples);
        return p.e;
    }
    if (!(o.noise >= 0.0f && o.noise <= 1.0f)) {
        p.e.error = "SmoothGrad's noise level must be from 0 to 1 (0.15 = 15% of the image's range)";
        return p.e;
    }
    const auto [lo, hi] = std::minmax_element(input.begin(), input.end());
    const float range = *hi > *lo ? *hi - *lo : 1.0f;
    std::mt19937_64 rng(o.seed);
    std::normal_distribution<float> noise(0.0f, o.noise * range);
    std::vector<float> batch((std::size_t)o.samples * p.inSize);
    for (int s = 0; s < o.samples; ++s)
        for (long long i = 0; i < p.inSize; ++i) batch[s * p.inSize + i] = input[i] + noise(rng);
    const std::vector<double> g = meanInputGradient(model, batch, o.samples, p.e.targetClass, p.inSize);
    const std::vector<float> gf(g.begin(), g.end());
    p.e.values = sumChannels(gf.data(), p.g);
    finish(p.e, t0);
    return p.e;
}

Explanation occlusion(InferenceModel& model, std::span<const float> input, int target,
                      const OcclusionOptions& o) {
    const auto t0 = Clock::now();
    Prepared p = prepare(model, ExplainMethod::Occlusion, input, target);
    if (!p.e.ok()) return p.e;
    const ImageGeometry& g = p.g;
    const int H = g.height, W = g.width, side = std::max(H, W);
    if (o.patch < 1 || o.patch > side || o.stride < 1 || o.stride > o.patch) {
        p.e.error = "the occlusion patch must be 1 to " + std::to_string(side) +
                    " pixels and its stride 1 to the patch size (got patch " + std::to_string(o.patch) +
                    ", stride " + std::to_string(o.stride) + ")";
        return p.e;
    }
    float fill = 0.0f;
    if (o.fill == OcclusionFill::ImageMean) {
        double s = 0;
        for (float v : input) s += v;
        fill = float(s / double(input.size()));
    } else if (o.fill == OcclusionFill::BackgroundMean) {
        double s = 0;
        long long n = 0;
        for (int c = 0; c < g.channels; ++c)
            for (int y = 0; y < H; ++y)
                for (int x = 0; x < W; ++x)
                    if (y == 0 || x == 0 || y == H - 1 || x == W - 1) {
                        s += input[((long long)c * H + y) * W + x];
                        ++n;
                    }
        fill = n ? float(s / double(n)) : 0.0f;
    }
    // Patch positions along one axis: 0, stride, ... and the last one flush with the edge.
    auto positions = [&](int size) {
        const int ph = std::min(o.patch, size);
        std::vector<int> v;
        for (int q = 0; q + ph < size; q += o.stride) v.push_back(q);
        v.push_back(size - ph);
        return v;
    };
    const std::vector<int> ys = positions(H), xs = positions(W);
    const int ph = std::min(o.patch, H), pw = std::min(o.patch, W);
    const int count = int(ys.size() * xs.size());
    std::vector<float> batch((std::size_t)count * p.inSize);
    for (int a = 0; a < int(ys.size()); ++a)
        for (int b = 0; b < int(xs.size()); ++b) {
            float* img = batch.data() + (std::size_t)(a * xs.size() + b) * p.inSize;
            std::copy(input.begin(), input.end(), img);
            for (int c = 0; c < g.channels; ++c)
                for (int y = ys[a]; y < ys[a] + ph; ++y)
                    std::fill_n(img + ((long long)c * H + y) * W + xs[b], pw, fill);
        }
    const std::vector<float> prob = model.classifyInputs(batch.data(), count);
    std::vector<double> sum((std::size_t)H * W, 0.0);
    std::vector<int> covered((std::size_t)H * W, 0);
    for (int a = 0; a < int(ys.size()); ++a)
        for (int b = 0; b < int(xs.size()); ++b) {
            const int i = a * int(xs.size()) + b;
            const double drop = double(p.e.targetProbability) - prob[(std::size_t)i * p.k + p.e.targetClass];
            for (int y = ys[a]; y < ys[a] + ph; ++y)
                for (int x = xs[b]; x < xs[b] + pw; ++x) {
                    sum[(std::size_t)y * W + x] += drop;
                    ++covered[(std::size_t)y * W + x];
                }
        }
    p.e.values.resize((std::size_t)H * W);
    for (std::size_t i = 0; i < sum.size(); ++i)
        p.e.values[i] = covered[i] ? float(sum[i] / covered[i]) : 0.0f;
    finish(p.e, t0);
    return p.e;
}

std::vector<int> conv2dLayers(const ModelSpec& spec) {
    std::vector<int> r;
    for (int i = 0; i < int(spec.layers.size()); ++i)
        if (spec.layers[i].type == LayerType::Conv2D) r.push_back(i);
    return r;
}

std::string gradCamUnavailableReason(const ModelSpec& spec) {
    if (conv2dLayers(spec).empty())
        return "Grad-CAM looks at the feature maps of a Conv2D layer, and this model has none";
    return "";
}

Explanation gradCam(InferenceModel& model, std::span<const float> input, int target, int convLayer) {
    const auto t0 = Clock::now();
    Prepared p = prepare(model, ExplainMethod::GradCam, input, target);
    p.e.signedValues = false;
    if (!p.e.ok()) return p.e;
    const ModelSpec& spec = model.spec();
    const std::vector<int> convs = conv2dLayers(spec);
    if (convs.empty()) {
        p.e.error = gradCamUnavailableReason(spec) + ": use saliency, SmoothGrad or occlusion";
        return p.e;
    }
    if (convLayer < 0) convLayer = convs.back();
    if (std::find(convs.begin(), convs.end(), convLayer) == convs.end()) {
        p.e.error = convLayer < int(spec.layers.size())
                        ? "layer " + std::to_string(convLayer + 1) + " is a " +
                              layerTypeName(spec.layers[convLayer].type) +
                              ", not a Conv2D: choose a Conv2D layer for Grad-CAM"
                        : "the model has no layer " + std::to_string(convLayer + 1) +
                              ": choose one of its Conv2D layers for Grad-CAM";
        return p.e;
    }
    Network& net = model.network();
    int engine = -1;  // the last engine layer of the spec layer: its output after the fused activation
    for (int i = 0; i < net.layerCount(); ++i)
        if (net.specIndexOf(i) == convLayer) engine = i;
    const Shape maps = net.layer(engine).outputShape();
    const int F = maps.c(), h = maps.h(), w = maps.w();
    const long long plane = (long long)h * w;
    std::vector<float> cam((std::size_t)plane, 0.0f);
    model.run([&] {
        net.forward(input.data(), 1, false);
        std::vector<float> dOut(p.k, 0.0f), dA((std::size_t)F * plane);
        dOut[p.e.targetClass] = 1.0f;
        net.activationGradient(engine, dOut.data(), 1, dA.data());
        const float* A = net.activation(engine);
        for (int f = 0; f < F; ++f) {
            double alpha = 0;
            for (long long i = 0; i < plane; ++i) alpha += dA[f * plane + i];
            alpha /= double(plane);
            for (long long i = 0; i < plane; ++i) cam[i] += float(alpha) * A[f * plane + i];
        }
    });
    for (float& v : cam) v = std::max(v, 0.0f);
    const auto [gy, gx] = outputGrid(net, spec, engine);
    p.e.values = sampleMap(cam.data(), h, w, p.g.height, p.g.width, gy, gx);
    if (h * 2 <= p.g.height || w * 2 <= p.g.width)
        p.e.note = "coarse: layer " + std::to_string(convLayer + 1) + "'s feature maps are " +
                   std::to_string(h) + "x" + std::to_string(w) + ", scaled up to " +
                   std::to_string(p.g.height) + "x" + std::to_string(p.g.width);
    finish(p.e, t0);
    return p.e;
}

std::vector<float> resizeBilinear(const float* src, int h, int w, int H, int W) {
    // Pixel centres aligned: output pixel o covers [o, o + 1) * n / N, its centre maps to
    // (o + 0.5) n / N - 0.5, i.e. o = (N / n) u + (N / n - 1) / 2.
    const GridMap gy{double(H) / h, (double(H) / h - 1) / 2}, gx{double(W) / w, (double(W) / w - 1) / 2};
    return sampleMap(src, h, w, H, W, gy, gx);
}

}  // namespace layerlab
