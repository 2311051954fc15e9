#include "core/freezing.h"

#include "core/layer_tree.h"
#include "core/layer_types.h"

namespace layerlab {

namespace {

void collectFrozen(const std::vector<LayerSpec>& chain, std::vector<int>& path,
                   std::vector<std::vector<int>>& out) {
    for (size_t i = 0; i < chain.size(); ++i) {
        path.push_back(int(i));
        if (!chain[i].trainable && canFreeze(chain[i].type))
            out.push_back(path);
        else
            collectFrozen(chain[i].layers, path, out);
        path.pop_back();
    }
}

void thawAll(std::vector<LayerSpec>& chain) {
    for (LayerSpec& l : chain) {
        l.trainable = true;
        thawAll(l.layers);
    }
}

}  // namespace

std::string nothingToTrainMessage() {
    return "every layer with weights is frozen (\"trainable\": false), so training would change nothing: "
           "unfreeze at least one layer (the lock on its block in the studio, or remove \"trainable\": false "
           "from a layer in the model file)";
}

std::string nothingToTrainReason(const ModelInfo& info) {
    return info.params > 0 && info.trainableParams == 0 ? nothingToTrainMessage() : std::string();
}

bool isFrozen(const ModelSpec& spec, const std::vector<int>& path) {
    const std::vector<LayerSpec>* chain = &spec.layers;
    for (int i : path) {
        if (i < 0 || i >= int(chain->size())) return false;
        const LayerSpec& l = (*chain)[i];
        if (!l.trainable && canFreeze(l.type)) return true;
        chain = &l.layers;
    }
    return false;
}

std::vector<std::vector<int>> frozenLayerPaths(const ModelSpec& spec) {
    std::vector<std::vector<int>> out;
    std::vector<int> path;
    collectFrozen(spec.layers, path, out);
    return out;
}

std::string groupedNumber(long long n) {
    const std::string digits = std::to_string(n < 0 ? -n : n);
    std::string out = n < 0 ? "-" : "";
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

std::string parameterSummary(const ModelSpec& spec, const ModelInfo& info) {
    std::string s = groupedNumber(info.params) + " parameters";
    const long long frozen = frozenParams(info);
    const std::string state =
        info.stateParams > 0 ? ", " + groupedNumber(info.stateParams) + " running statistics" : std::string();
    if (frozen <= 0)
        return state.empty() ? s
                             : s + " (" + groupedNumber(info.trainableParams) + " trainable" + state + ")";
    const std::vector<std::vector<int>> paths = frozenLayerPaths(spec);
    std::string where;
    for (size_t i = 0; i < paths.size(); ++i) {
        if (i > 0) where += i + 1 == paths.size() ? " and " : ", ";
        where += layerNumber(paths[i]);
    }
    return s + " (" + groupedNumber(frozen) + " frozen in layer" + (paths.size() == 1 ? " " : "s ") + where +
           ", " + groupedNumber(info.trainableParams) + " trainable" + state + ")";
}

bool sameLayersIgnoringFreezing(const std::vector<LayerSpec>& a, const std::vector<LayerSpec>& b) {
    if (a.size() != b.size()) return false;
    std::vector<LayerSpec> x = a, y = b;
    thawAll(x);
    thawAll(y);
    return x == y;
}

}  // namespace layerlab
