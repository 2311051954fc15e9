#include "core/snapshot.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/compression.h"
#include "core/errors.h"
#include "core/input_scaling.h"
#include "core/network.h"

namespace layerlab {

Snapshot takeSnapshot(Network& net, const std::uint8_t* image, int label) {
    Snapshot s;
    s.inputShape = net.inputShape();
    const long long inSize = net.inputSize();
    s.input.resize(inSize);
    pixelsToInputs(image, s.input.data(), inSize);  // the inputs exactly as training sees them
    const bool wasLogits = net.logitsOutput();
    net.setLogitsOutput(false);  // probabilities all the way through
    const float* out = net.forward(s.input.data(), 1, false);
    net.setLogitsOutput(wasLogits);
    const long long k = net.outputSize();
    s.probabilities.assign(out, out + k);
    const LayerSpec& last = net.spec().layers.back();
    const bool softmax = last.type == LayerType::Softmax ||
                         (hasActivation(last.type) && last.activation == Activation::Softmax);
    if (!softmax) {
        // raw outputs: show them as probabilities
        const float m = *std::max_element(s.probabilities.begin(), s.probabilities.end());
        double sum = 0;
        for (float& v : s.probabilities) sum += (v = std::exp(v - m));
        for (float& v : s.probabilities) v = float(v / sum);
    }
    s.predicted =
        int(std::max_element(s.probabilities.begin(), s.probabilities.end()) - s.probabilities.begin());
    s.label = label;
    const auto params = net.params();
    // Engine layers come in order, one or two per spec layer (the second is its fused activation).
    for (int i = 0; i < net.layerCount(); ++i) {
        const Layer& l = net.layer(i);
        const int specIndex = net.specIndexOf(i);
        const float* a = net.activation(i);
        if (!s.layers.empty() && s.layers.back().specIndex == specIndex) {  // the fused activation
            LayerSnapshot& ls = s.layers.back();
            ls.preActivation = std::move(ls.activation);
            ls.activation.assign(a, a + l.outputShape().size());
            ls.outputShape = l.outputShape();
            continue;
        }
        LayerSnapshot ls;
        ls.specIndex = specIndex;
        ls.spec = net.spec().layers[std::size_t(specIndex)];
        ls.name = layerTypeName(ls.spec.type);
        ls.outputShape = l.outputShape();
        ls.activation.assign(a, a + l.outputShape().size());
        if (!l.weightShape().empty()) {  // a plain layer with weights (a block's are its inner layers')
            const float* w = params.data() + net.paramOffset(i);
            ls.weights.assign(w, w + l.weightCount());
            ls.weightDims = l.weightShape();
        }
        s.layers.push_back(std::move(ls));
    }
    return s;
}

Snapshot snapshotFromParams(const ModelSpec& spec, const std::vector<float>& params,
                            const std::uint8_t* image, int label, const Quantization* quantization) {
    Network net(spec);
    if (params.size() != net.params().size())
        throw CheckpointError("the weights hold " + std::to_string(params.size()) +
                              " values but the model needs " + std::to_string(net.params().size()));
    std::copy(params.begin(), params.end(), net.params().begin());
    if (quantization && !quantization->empty()) {
        if (const std::string why = checkQuantization(spec, *quantization); !why.empty())
            throw CheckpointError("the quantization does not fit the model: " + why);
        net.setInputQuantization(quantization->inputScales(net.layerCount()));
    }
    net.reserve(1, 1);
    return takeSnapshot(net, image, label);
}

}  // namespace layerlab
