#pragma once
// The layers of a model as a tree: the model's chain, and inside a block (a Residual) its inner chain.
// Every layer has an id unique within the model, so an edit can name a layer wherever it moves; a place
// (parent block + index) says where a layer sits or lands. Pure functions on ModelSpec: the model file and
// the studio's document and undo commands use them.
#include <optional>
#include <string>
#include <vector>

#include "core/model_spec.h"

namespace layerlab {

// ---- ids ----------------------------------------------------------------------------------------------

// "" when id is a valid layer id (1 to 64 letters, digits, '_', '-' or '.'), else what is wrong with it.
std::string layerIdProblem(const std::string& id);
// Every layer's id, depth-first in file order (a block before its inner layers); "" for a layer without.
std::vector<std::string> layerIds(const ModelSpec& spec);
// A new id for a layer of type t: its type in lower case and the smallest number not taken ("conv2d_2").
std::string newLayerId(LayerType t, const std::vector<std::string>& taken);
// Gives every layer without an id a new one, in file order. Ids already there stay.
void assignLayerIds(ModelSpec& spec);
// Gives l and every layer inside it new ids that no layer of spec has (a fresh or duplicated layer).
void assignNewLayerIds(LayerSpec& l, const ModelSpec& spec);
// Throws SpecError (layerIndex = the second layer's top-level index) when two layers share an id:
//   layer 4 (Dense) id: "dense_1" is also the id of layer 2 (Dense): give each layer its own id, or delete
//   one of them to get a new one
void checkUniqueLayerIds(const ModelSpec& spec);

// ---- places -------------------------------------------------------------------------------------------

// Where a layer sits or lands: the chain of `parent` ("" = the model's own chain, else a block's id) at
// `index` (0 = first).
struct LayerPlace {
    std::string parent;
    int index = 0;
    bool operator==(const LayerPlace&) const = default;
};

const LayerSpec* findLayer(const ModelSpec& spec, const std::string& id);  // nullptr when absent
LayerSpec* findLayer(ModelSpec& spec, const std::string& id);
std::optional<LayerPlace> placeOf(const ModelSpec& spec, const std::string& id);
// Indices from the model's chain down to the layer ({2, 1} = layer 3.2); empty when absent.
std::vector<int> layerPath(const ModelSpec& spec, const std::string& id);
// The layer at a path, or nullptr.
const LayerSpec* layerAtPath(const ModelSpec& spec, const std::vector<int>& path);
// The chain a place refers to: the model's layers, or a block's inner layers; nullptr when `parent` is not
// a block of spec.
const std::vector<LayerSpec>* chainOf(const ModelSpec& spec, const std::string& parent);
std::vector<LayerSpec>* chainOf(ModelSpec& spec, const std::string& parent);
// Whether `id` is `block` itself or any layer inside it (a block cannot move into itself).
bool containsLayer(const LayerSpec& block, const std::string& id);

// Inserts l at `at`; false (spec unchanged) when the parent is not a block or the index is out of
// [0, chain size].
bool insertLayerAt(ModelSpec& spec, const LayerPlace& at, const LayerSpec& l);
// Removes the layer with this id (with everything inside it) and returns it; nullopt when absent.
std::optional<LayerSpec> takeLayer(ModelSpec& spec, const std::string& id);

}  // namespace layerlab
