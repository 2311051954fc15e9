#include "core/layer_tree.h"

#include <algorithm>
#include <cctype>
#include <functional>

#include "core/errors.h"
#include "core/layer_types.h"

namespace layerlab {

namespace {

constexpr size_t kMaxIdLength = 64;

// Calls fn(layer, path) for every layer, depth-first in file order.
template <typename Spec, typename F>
void forEachLayer(Spec& layers, std::vector<int>& path, F&& fn) {
    for (size_t i = 0; i < layers.size(); ++i) {
        path.push_back(int(i));
        fn(layers[i], path);
        forEachLayer(layers[i].layers, path, fn);
        path.pop_back();
    }
}

std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

bool taken(const std::vector<std::string>& ids, const std::string& id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
}

void giveNewIds(LayerSpec& l, std::vector<std::string>& ids) {
    l.id = newLayerId(l.type, ids);
    ids.push_back(l.id);
    for (LayerSpec& inner : l.layers) giveNewIds(inner, ids);
}

}  // namespace

// ---- ids ----------------------------------------------------------------------------------------------

std::string layerIdProblem(const std::string& id) {
    const std::string rule = "must be 1 to 64 letters, digits, '_', '-' or '.', such as \"conv1\"";
    if (id.empty() || id.size() > kMaxIdLength) return rule;
    for (char c : id)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-' && c != '.') return rule;
    return {};
}

std::vector<std::string> layerIds(const ModelSpec& spec) {
    std::vector<std::string> ids;
    std::vector<int> path;
    forEachLayer(spec.layers, path,
                 [&](const LayerSpec& l, const std::vector<int>&) { ids.push_back(l.id); });
    return ids;
}

std::string newLayerId(LayerType t, const std::vector<std::string>& ids) {
    const std::string stem = lower(layerTypeName(t)) + "_";
    for (size_t n = 1;; ++n)
        if (std::string id = stem + std::to_string(n); !taken(ids, id)) return id;
}

void assignLayerIds(ModelSpec& spec) {
    std::vector<std::string> ids = layerIds(spec);
    std::vector<int> path;
    forEachLayer(spec.layers, path, [&](LayerSpec& l, const std::vector<int>&) {
        if (!l.id.empty()) return;
        l.id = newLayerId(l.type, ids);
        ids.push_back(l.id);
    });
}

void assignNewLayerIds(LayerSpec& l, const ModelSpec& spec) {
    std::vector<std::string> ids = layerIds(spec);
    giveNewIds(l, ids);
}

void checkUniqueLayerIds(const ModelSpec& spec) {
    struct Seen {
        std::string id;
        std::vector<int> path;
        LayerType type;
    };
    std::vector<Seen> seen;
    std::vector<int> path;
    forEachLayer(spec.layers, path, [&](const LayerSpec& l, const std::vector<int>& p) {
        if (l.id.empty()) return;
        for (const Seen& s : seen)
            if (s.id == l.id)
                throw SpecError(layerLabel(p, l.type) + " id: \"" + l.id + "\" is also the id of " +
                                    layerLabel(s.path, s.type) +
                                    ": give each layer its own id, or delete one of them to get a new one",
                                p.front());
        seen.push_back({l.id, p, l.type});
    });
}

// ---- places -------------------------------------------------------------------------------------------

const LayerSpec* findLayer(const ModelSpec& spec, const std::string& id) {
    return layerAtPath(spec, layerPath(spec, id));
}

LayerSpec* findLayer(ModelSpec& spec, const std::string& id) {
    return const_cast<LayerSpec*>(findLayer(static_cast<const ModelSpec&>(spec), id));
}

std::vector<int> layerPath(const ModelSpec& spec, const std::string& id) {
    std::vector<int> found, path;
    if (id.empty()) return found;
    forEachLayer(spec.layers, path, [&](const LayerSpec& l, const std::vector<int>& p) {
        if (found.empty() && l.id == id) found = p;
    });
    return found;
}

const LayerSpec* layerAtPath(const ModelSpec& spec, const std::vector<int>& path) {
    const std::vector<LayerSpec>* chain = &spec.layers;
    const LayerSpec* l = nullptr;
    for (int i : path) {
        if (i < 0 || i >= int(chain->size())) return nullptr;
        l = &(*chain)[i];
        chain = &l->layers;
    }
    return l;
}

std::optional<LayerPlace> placeOf(const ModelSpec& spec, const std::string& id) {
    const std::vector<int> path = layerPath(spec, id);
    if (path.empty()) return std::nullopt;
    LayerPlace place;
    place.index = path.back();
    if (path.size() > 1) place.parent = layerAtPath(spec, std::vector<int>(path.begin(), path.end() - 1))->id;
    return place;
}

const std::vector<LayerSpec>* chainOf(const ModelSpec& spec, const std::string& parent) {
    if (parent.empty()) return &spec.layers;
    const LayerSpec* block = findLayer(spec, parent);
    if (!block || !layerTypeInfo(block->type).hasInnerLayers) return nullptr;
    return &block->layers;
}

std::vector<LayerSpec>* chainOf(ModelSpec& spec, const std::string& parent) {
    return const_cast<std::vector<LayerSpec>*>(chainOf(static_cast<const ModelSpec&>(spec), parent));
}

bool containsLayer(const LayerSpec& block, const std::string& id) {
    if (block.id == id) return true;
    return std::any_of(block.layers.begin(), block.layers.end(),
                       [&](const LayerSpec& l) { return containsLayer(l, id); });
}

bool insertLayerAt(ModelSpec& spec, const LayerPlace& at, const LayerSpec& l) {
    std::vector<LayerSpec>* chain = chainOf(spec, at.parent);
    if (!chain || at.index < 0 || at.index > int(chain->size())) return false;
    chain->insert(chain->begin() + at.index, l);
    return true;
}

std::optional<LayerSpec> takeLayer(ModelSpec& spec, const std::string& id) {
    const std::optional<LayerPlace> place = placeOf(spec, id);
    if (!place) return std::nullopt;
    std::vector<LayerSpec>* chain = chainOf(spec, place->parent);
    LayerSpec l = std::move((*chain)[place->index]);
    chain->erase(chain->begin() + place->index);
    return l;
}

}  // namespace layerlab
