#include "core/shape_inference.h"

#include "core/errors.h"
#include "core/layer.h"

namespace layerlab {

ModelInfo inferShapes(const ModelSpec& spec) {
    ModelInfo info;
    info.layers.resize(spec.layers.size());
    Shape shape = spec.input;
    bool broken = false;
    if (spec.input.size() <= 0) {
        info.error = "the input shape " + spec.input.toString() +
                     " is empty: give channels, height and width of at least 1";
        broken = true;
    }
    if (!broken && spec.layers.empty()) {
        info.error = "the model has no layers: add Flatten and a Dense layer with " +
                     std::to_string(spec.classes) + " units";
        broken = true;
    }
    for (size_t i = 0; i < spec.layers.size(); ++i) {
        const LayerSpec& ls = spec.layers[i];
        LayerInfo& li = info.layers[i];
        li.inputShape = broken ? Shape{} : shape;
        if (broken) continue;
        const std::string label = layerLabel(int(i), ls.type);
        try {
            auto layer = makeLayer(ls);
            Shape out = layer->configure(shape);
            li.params = layer->paramCount();
            li.flops = layer->forwardFlops();
            li.workspacePerSample = layer->workspace().perSample;
            li.workspacePerChunk = layer->workspace().perChunk;
            if (auto act = makeActivationLayer(ls.activation, ls.alpha)) {
                out = act->configure(out);
                li.flops += act->forwardFlops();
                li.workspacePerSample += act->workspace().perSample;
                li.workspacePerChunk += act->workspace().perChunk;
            }
            li.outputShape = out;
            shape = out;
            info.params += li.params;
            info.flopsPerSample += li.flops;
            info.activationFloatsPerSample += out.size() * (ls.activation != Activation::None ? 2 : 1);
        } catch (const SpecError& e) {
            li.error = label + " " + e.what();
            info.error = li.error;
            info.errorLayer = int(i);
            broken = true;
        }
    }
    if (!broken) {
        info.outputShape = shape;
        if (!shape.isFlat() || shape.size() != spec.classes) {
            const int last = int(spec.layers.size());
            info.error = "the output is " + shape.toString() + " but the data has " +
                         std::to_string(spec.classes) + " classes: end the model with " +
                         (shape.isFlat() ? "" : "Flatten and ") + "a Dense layer of " +
                         std::to_string(spec.classes) + " units";
            info.errorLayer = last - 1;
            info.layers[last - 1].error = layerLabel(last - 1, spec.layers[last - 1].type) + " " + info.error;
        }
    }
    info.trainFlopsPerSample = 3.0 * info.flopsPerSample;
    return info;
}

void validateModel(const ModelSpec& spec) {
    const ModelInfo info = inferShapes(spec);
    if (!info.ok()) throw SpecError(info.error, info.errorLayer);
}

}  // namespace layerlab
