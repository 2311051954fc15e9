#include "core/weight_transfer.h"

#include <algorithm>

#include "core/errors.h"
#include "core/freezing.h"
#include "core/layer.h"
#include "core/layer_types.h"
#include "core/shape_inference.h"

namespace layerlab {

namespace {

// A layer with parameters and where they sit in its model's parameter buffer (the Network's layout: layers
// in order, a block's inner layers one after another in its part).
struct Leaf {
    std::vector<int> path;
    LayerType type = LayerType::Dense;
    std::string id;
    long long offset = 0, params = 0, weights = 0;
    std::vector<int> weightShape;
    std::string shape;
};

std::string shapeText(const Leaf& l) {
    if (l.type == LayerType::BatchNorm)  // 4C: scale, shift, running mean, running variance
        return std::to_string(l.params / 4) + " scales + shifts + running means + variances";
    if (l.weightShape.empty()) return groupedNumber(l.params) + " parameters";
    std::string s;
    for (size_t i = 0; i < l.weightShape.size(); ++i) {
        if (i > 0) s += 'x';
        s += std::to_string(l.weightShape[i]);
    }
    s += " weights";
    if (l.params > l.weights) s += " + " + std::to_string(l.params - l.weights) + " biases";
    return s;
}

void collect(const std::vector<LayerSpec>& chain, const std::vector<LayerInfo>& infos, std::vector<int>& path,
             long long& offset, std::vector<Leaf>& out) {
    for (size_t i = 0; i < chain.size() && i < infos.size(); ++i) {
        const LayerSpec& ls = chain[i];
        path.push_back(int(i));
        if (layerTypeInfo(ls.type).hasInnerLayers) {
            collect(ls.layers, infos[i].inner, path, offset, out);
        } else {
            std::unique_ptr<Layer> layer = makeLayer(ls);
            layer->configure(infos[i].inputShape);
            if (layer->paramCount() > 0) {
                Leaf l{path,
                       ls.type,
                       ls.id,
                       offset,
                       layer->paramCount(),
                       layer->weightCount(),
                       layer->weightShape(),
                       {}};
                l.shape = shapeText(l);
                out.push_back(std::move(l));
            }
            offset += layer->paramCount();
        }
        path.pop_back();
    }
}

std::vector<Leaf> leaves(const ModelSpec& spec, const char* which, long long* total) {
    const ModelInfo info = inferShapes(spec);
    if (!info.ok()) throw SpecError(std::string(which) + " cannot work: " + info.error);
    std::vector<Leaf> out;
    std::vector<int> path;
    long long offset = 0;
    collect(spec.layers, info.layers, path, offset, out);
    *total = offset;
    return out;
}

std::string ordinal(int n) {
    const int tens = n % 100, ones = n % 10;
    const char* suffix = (tens >= 11 && tens <= 13) ? "th"
                         : ones == 1                ? "st"
                         : ones == 2                ? "nd"
                         : ones == 3                ? "rd"
                                                    : "th";
    return std::to_string(n) + suffix;
}

std::string layersWithWeights(int n) {
    return std::to_string(n) + (n == 1 ? " layer" : " layers") + " with weights";
}

WeightTransfer plan(const std::vector<Leaf>& model, const std::vector<Leaf>& source) {
    WeightTransfer t;
    t.sourceLayers = int(source.size());
    for (size_t k = 0; k < model.size(); ++k) {
        const Leaf& m = model[k];
        LayerTransfer lt;
        lt.path = m.path;
        lt.type = m.type;
        lt.id = m.id;
        lt.shape = m.shape;
        lt.params = m.params;
        lt.offset = m.offset;
        if (k >= source.size()) {
            lt.outcome = LayerTransfer::Outcome::NotMatched;
            lt.reason = source.empty() ? "the checkpoint has no layers with weights"
                                       : "the checkpoint has only " + layersWithWeights(int(source.size()));
        } else {
            const Leaf& s = source[k];
            lt.sourcePath = s.path;
            lt.source = layerLabel(s.path, s.type) + ", " + s.shape;
            if (s.type != m.type) {
                lt.outcome = LayerTransfer::Outcome::NotMatched;
                lt.reason = "the checkpoint's " + ordinal(int(k) + 1) + " layer with weights is " +
                            layerLabel(s.path, s.type) + ", not a " + layerTypeName(m.type);
            } else if (s.weightShape != m.weightShape || s.params != m.params) {
                lt.outcome = LayerTransfer::Outcome::Fresh;
                lt.reason = "other shape: " + m.shape + " here, " + s.shape + " in the checkpoint's " +
                            layerLabel(s.path, s.type);
            } else {
                lt.outcome = LayerTransfer::Outcome::Loaded;
            }
        }
        (lt.outcome == LayerTransfer::Outcome::Loaded ? t.loadedParams : t.freshParams) += m.params;
        t.layers.push_back(std::move(lt));
    }
    for (size_t k = model.size(); k < source.size(); ++k)
        t.unused.push_back(layerLabel(source[k].path, source[k].type) + ", " + source[k].shape +
                           ": this model has only " + layersWithWeights(int(model.size())));
    return t;
}

}  // namespace

int WeightTransfer::count(LayerTransfer::Outcome o) const {
    return int(
        std::count_if(layers.begin(), layers.end(), [o](const LayerTransfer& l) { return l.outcome == o; }));
}

std::string WeightTransfer::refusal() const {
    if (loadedParams > 0) return {};
    if (layers.empty()) return "this model has no layers with weights, so there is nothing to load into";
    if (sourceLayers == 0) return "the checkpoint has no layers with weights, so there is nothing to load";
    const LayerTransfer& first = layers.front();
    return "none of the checkpoint's " + layersWithWeights(sourceLayers) + " fits this model (" +
           layerLabel(first.path, first.type) + ": " + first.reason +
           "): start from a checkpoint of a model with layers of the same types and shapes in the same order";
}

std::string WeightTransfer::summary() const {
    const int loaded = count(LayerTransfer::Outcome::Loaded), fresh = count(LayerTransfer::Outcome::Fresh),
              none = count(LayerTransfer::Outcome::NotMatched);
    std::string s = std::to_string(loaded) + " of " + layersWithWeights(int(layers.size())) + " loaded (" +
                    groupedNumber(loadedParams) + " parameters)";
    if (fresh > 0)
        s += ", " + std::to_string(fresh) + (fresh == 1 ? " starts" : " start") + " fresh (other shape)";
    if (none > 0) s += ", " + std::to_string(none) + (none == 1 ? " does" : " do") + " not match";
    if (!unused.empty())
        s += "; " + std::to_string(unused.size()) + " of the checkpoint's " +
             layersWithWeights(sourceLayers) + (unused.size() == 1 ? " is" : " are") + " not used";
    return s;
}

std::vector<std::string> WeightTransfer::lines() const {
    std::vector<std::string> out;
    for (const LayerTransfer& l : layers) {
        std::string line = layerLabel(l.path, l.type) + " " + l.shape + ": ";
        switch (l.outcome) {
            case LayerTransfer::Outcome::Loaded:
                line += "loaded from the checkpoint's " + layerLabel(l.sourcePath, l.type);
                break;
            case LayerTransfer::Outcome::Fresh:
                line += "starts fresh, " + l.reason;
                break;
            case LayerTransfer::Outcome::NotMatched:
                line += "starts fresh, no match: " + l.reason;
                break;
        }
        out.push_back(std::move(line));
    }
    for (const std::string& u : unused) out.push_back("not used: " + u);
    return out;
}

WeightTransfer planWeightTransfer(const ModelSpec& model, const ModelSpec& checkpoint) {
    long long modelTotal = 0, sourceTotal = 0;
    const std::vector<Leaf> m = leaves(model, "the model", &modelTotal);
    const std::vector<Leaf> s = leaves(checkpoint, "the checkpoint's model", &sourceTotal);
    return plan(m, s);
}

WeightTransfer transferWeights(const ModelSpec& model, std::span<float> params, const ModelSpec& checkpoint,
                               std::span<const float> checkpointParams) {
    long long modelTotal = 0, sourceTotal = 0;
    const std::vector<Leaf> m = leaves(model, "the model", &modelTotal);
    const std::vector<Leaf> s = leaves(checkpoint, "the checkpoint's model", &sourceTotal);
    if ((long long)params.size() != modelTotal)
        throw SpecError("the model has " + groupedNumber(modelTotal) + " parameters but " +
                        groupedNumber((long long)params.size()) + " values were given for them");
    if ((long long)checkpointParams.size() != sourceTotal)
        throw SpecError("the checkpoint's model has " + groupedNumber(sourceTotal) +
                        " parameters but the checkpoint holds " +
                        groupedNumber((long long)checkpointParams.size()) +
                        " values: the file is not consistent");
    WeightTransfer t = plan(m, s);
    if (!t.refusal().empty()) return t;
    for (size_t k = 0; k < t.layers.size(); ++k) {
        if (t.layers[k].outcome != LayerTransfer::Outcome::Loaded) continue;
        std::copy_n(checkpointParams.begin() + s[k].offset, m[k].params, params.begin() + m[k].offset);
    }
    return t;
}

const char* transferOutcomeName(LayerTransfer::Outcome o) {
    switch (o) {
        case LayerTransfer::Outcome::Loaded:
            return "loaded";
        case LayerTransfer::Outcome::Fresh:
            return "fresh";
        case LayerTransfer::Outcome::NotMatched:
            return "no match";
    }
    return "";
}

}  // namespace layerlab
