// LayerSpec's table-driven members (defaults, fitting to an input, the summary), the engine layer a spec
// becomes, and how messages name layer types and layers. The table itself is in layer_types.cpp.
#include <memory>
#include <string>
#include <vector>

#include "core/layer.h"
#include "core/layer_types.h"

namespace layerlab {

const char* layerTypeName(LayerType t) {
    return layerTypeInfo(t).key;
}

const std::vector<LayerType>& allLayerTypes() {
    static const std::vector<LayerType> all = [] {
        std::vector<LayerType> v;
        for (const LayerTypeInfo& info : layerTypes()) v.push_back(info.type);
        return v;
    }();
    return all;
}

std::string layerLabel(int index, LayerType type) {
    return "layer " + std::to_string(index + 1) + " (" + layerTypeName(type) + ")";
}

std::string layerNumber(const std::vector<int>& path) {
    std::string s;
    for (int i : path) {
        if (!s.empty()) s += '.';
        s += std::to_string(i + 1);
    }
    return s;
}

std::string layerLabel(const std::vector<int>& path, LayerType type) {
    return "layer " + layerNumber(path) + " (" + layerTypeName(type) + ")";
}

// ---- specs and engine layers //
// --------------------------------------------------------------------------------

LayerSpec::~LayerSpec() = default;

LayerSpec LayerSpec::make(LayerType t) {
    LayerSpec l;
    l.type = t;
    for (const LayerField* f : layerTypeInfo(t).fields) f->set(l, f->meta.def);
    return l;
}

LayerSpec LayerSpec::make(LayerType t, const Shape& in) {
    LayerSpec l = make(t);
    if (const auto fit = layerTypeInfo(t).fit) fit(l, in);
    return l;
}

std::string LayerSpec::summary() const {
    return layerTypeInfo(type).summary(*this);
}

std::unique_ptr<Layer> makeLayer(const LayerSpec& spec) {
    std::unique_ptr<Layer> layer = layerTypeInfo(spec.type).build(spec);
    layer->setTrainable(spec.trainable);
    return layer;
}

std::unique_ptr<Layer> makeActivationLayer(Activation a, float alpha) {
    const std::optional<LayerType> t = activationLayerType(a);
    if (!t) return nullptr;
    LayerSpec s = LayerSpec::make(*t);
    s.alpha = alpha;
    return makeLayer(s);
}

}  // namespace layerlab
