#include "core/shape_inference.h"

#include "core/errors.h"
#include "core/layer.h"
#include "core/layer_types.h"

namespace layerlab {

namespace {

struct Walk {
    ModelInfo& info;
    std::vector<int> path;  // of the layer being inferred
    bool broken = false;    // an error came before: later layers get no shapes
    bool frozen = false;    // inside a frozen block
};

// Infers a chain (the model's, or a block's inner one) from `shape`, one LayerInfo per layer; returns the
// chain's output shape. A block's inner chain goes first, then the block itself (which checks what it
// needs of its chain, e.g. that a Residual's output matches its input).
Shape inferChain(const std::vector<LayerSpec>& chain, Shape shape, std::vector<LayerInfo>& infos, Walk& w) {
    infos.resize(chain.size());
    for (size_t i = 0; i < chain.size(); ++i) {
        const LayerSpec& ls = chain[i];
        LayerInfo& li = infos[i];
        w.path.push_back(int(i));
        li.inputShape = w.broken ? Shape{} : shape;
        const bool frozenAbove = w.frozen;
        w.frozen = frozenAbove || !ls.trainable;
        if (layerTypeInfo(ls.type).hasInnerLayers) inferChain(ls.layers, shape, li.inner, w);
        if (!w.broken) {
            try {
                auto layer = makeLayer(ls);
                Shape out = layer->configure(shape);
                li.params = layer->paramCount();
                li.stateParams = layer->stateCount();
                if (layerTypeInfo(ls.type).hasInnerLayers)
                    for (const LayerInfo& i : li.inner) {
                        li.trainableParams += i.trainableParams;
                        li.stateParams += i.stateParams;
                    }
                else if (!w.frozen)
                    li.trainableParams = li.params - li.stateParams;
                li.flops = layer->forwardFlops();
                li.workspacePerSample = layer->workspace().perSample;
                li.workspacePerChunk = layer->workspace().perChunk;
                li.wholeBatch = layer->wholeBatch();
                if (auto act = makeActivationLayer(ls.activation, ls.alpha)) {
                    out = act->configure(out);
                    li.flops += act->forwardFlops();
                    li.workspacePerSample += act->workspace().perSample;
                    li.workspacePerChunk += act->workspace().perChunk;
                }
                li.outputShape = out;
                shape = out;
                w.info.activationFloatsPerSample += out.size() * (ls.activation != Activation::None ? 2 : 1);
            } catch (const SpecError& e) {
                li.error = layerLabel(w.path, ls.type) + " " + e.what();
                w.info.error = li.error;
                w.info.errorLayer = w.path.front();
                w.info.errorPath = w.path;
                w.broken = true;
            }
        }
        w.frozen = frozenAbove;
        w.path.pop_back();
    }
    return shape;
}

}  // namespace

ModelInfo inferShapes(const ModelSpec& spec) {
    ModelInfo info;
    Walk w{info, {}, false};
    if (spec.input.size() <= 0) {
        info.error = "the input shape " + spec.input.toString() +
                     " is empty: give channels, height and width of at least 1";
        w.broken = true;
    }
    if (!w.broken && spec.layers.empty()) {
        info.error = "the model has no layers: add Flatten and a Dense layer with " +
                     std::to_string(spec.classes) + " units";
        w.broken = true;
    }
    const Shape shape = inferChain(spec.layers, spec.input, info.layers, w);
    for (const LayerInfo& li : info.layers) {
        info.params += li.params;
        info.trainableParams += li.trainableParams;
        info.stateParams += li.stateParams;
        info.flopsPerSample += li.flops;
    }
    if (!w.broken) {
        info.outputShape = shape;
        if (!shape.isFlat() || shape.size() != spec.classes) {
            const int last = int(spec.layers.size());
            info.error = "the output is " + shape.toString() + " but the data has " +
                         std::to_string(spec.classes) + " classes: end the model with " +
                         (shape.isFlat() ? "" : "Flatten and ") + "a Dense layer of " +
                         std::to_string(spec.classes) + " units";
            info.errorLayer = last - 1;
            info.errorPath = {last - 1};
            info.layers[last - 1].error = layerLabel(last - 1, spec.layers[last - 1].type) + " " + info.error;
        }
    }
    info.trainFlopsPerSample = 3.0 * info.flopsPerSample;
    return info;
}

const LayerInfo* layerInfoAt(const ModelInfo& info, const std::vector<int>& path) {
    const std::vector<LayerInfo>* chain = &info.layers;
    const LayerInfo* li = nullptr;
    for (int i : path) {
        if (i < 0 || i >= int(chain->size())) return nullptr;
        li = &(*chain)[i];
        chain = &li->inner;
    }
    return li;
}

void validateModel(const ModelSpec& spec) {
    const ModelInfo info = inferShapes(spec);
    if (!info.ok()) throw SpecError(info.error, info.errorLayer);
}

}  // namespace layerlab
