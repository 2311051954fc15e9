#pragma once
// One descriptor per layer type: its name in the file, palette group, plain-language description, the fields
// it reads (each with key, label, tooltip, kind, limits and default), its one-line summary and the engine
// layer it builds. The model-file reader and writer, LayerSpec::make, shape inference, the network, the
// studio's palette, Inspector and undo labels all read this table: a new layer type is one row here plus
// its kernel in core/layers/.
#include <memory>
#include <string>
#include <vector>

#include "core/model_spec.h"
#include "core/spec_field.h"

namespace layerlab {

class Layer;
using LayerField = Field<LayerSpec>;

enum class LayerGroup { Core, Convolution, Pooling, Activation, Normalization, Regularization, Blocks };

struct LayerTypeInfo {
    LayerType type;
    const char* key;  // "Dense": its name in the file and in the studio
    LayerGroup group;
    const char* description;                   // one or two plain sentences (palette, Inspector, tooltips)
    std::vector<const LayerField*> fields;     // in file and Inspector order
    std::string (*summary)(const LayerSpec&);  // "32 filters 3x3 /1 valid, relu": a block's label
    std::unique_ptr<Layer> (*build)(const LayerSpec&);  // the engine layer, without a fused activation
    bool heInitBefore = false;  // ReLU family: the layer that feeds it gets He initialisation
    // A block: holds a chain of inner layers ("layers" in the file, LayerSpec::layers) and runs it itself
    // (a composite engine layer). Reading, writing, ids, shape inference and the editor recurse into it.
    bool hasInnerLayers = false;
    // Settings that depend on the shape `in` where the layer lands (LayerSpec::make(type, in)); may be null.
    void (*fit)(LayerSpec& l, const Shape& in) = nullptr;
    // A block that adds its input to its chain's output (a skip): the editor draws the skip and the add.
    bool addsInput = false;
};

const std::vector<LayerTypeInfo>& layerTypes();  // in file order (Dense, Conv2D, ...)
const LayerTypeInfo& layerTypeInfo(LayerType type);
const std::vector<LayerGroup>& layerGroups();  // palette order
const char* layerGroupName(LayerGroup group);  // "Core", "Convolution", ...
// Every distinct layer field, each once (a field such as activation is shared by several types).
const std::vector<const LayerField*>& allLayerFields();
// Whether layer l reads field f: f belongs to l's type and is switched on (alpha only with leaky_relu).
bool layerFieldActive(const LayerSpec& l, const LayerField& f);
// Whether layers of this type have parameters that can be frozen (the "trainable" field).
bool canFreeze(LayerType type);
// The layer type an activation option becomes in the engine (relu -> ReLU); None for Activation::None.
std::optional<LayerType> activationLayerType(Activation a);

}  // namespace layerlab
