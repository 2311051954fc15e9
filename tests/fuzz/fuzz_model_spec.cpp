// libFuzzer target: the model-file parser (parseModelSpec, core/model_spec.cpp) and what the studio and the
// CLI do next with an accepted file: shape inference (validateModel, inferShapes) and the block labels.
// Properties: only SpecError escapes; an accepted file is written back (serializeModelSpec) to text that
// parses to the same spec, and writing that again gives the same text (nothing changes through a save).
#include <cstdint>
#include <string>

#include "core/errors.h"
#include "core/model_spec.h"
#include "core/shape_inference.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    layerlab::ModelSpec spec;
    try {
        spec = layerlab::parseModelSpec(text);
    } catch (const layerlab::SpecError&) {
        return 0;  // refused with a message: fine
    }

    const layerlab::ModelInfo info = layerlab::inferShapes(spec);
    if (info.layers.size() != spec.layers.size()) fuzz::violated("inferShapes gives one entry per layer");
    try {
        layerlab::validateModel(spec);
        if (!info.ok()) fuzz::violated("validateModel accepts a model inferShapes refuses: " + info.error);
    } catch (const layerlab::SpecError& e) {
        if (info.ok())
            fuzz::violated(std::string("validateModel refuses a model inferShapes accepts: ") + e.what());
    }
    for (const layerlab::LayerSpec& l : spec.layers) (void)l.summary();

    const std::string saved = layerlab::serializeModelSpec(spec);
    layerlab::ModelSpec again;
    try {
        again = layerlab::parseModelSpec(saved);
    } catch (const layerlab::SpecError& e) {
        fuzz::violated(std::string("a saved model does not open again: ") + e.what() + "\n" + saved);
    }
    if (!(again == spec)) fuzz::violated("a saved model opens as a different model:\n" + saved);
    if (layerlab::serializeModelSpec(again) != saved) fuzz::violated("saving twice gives different files");
    return 0;
}
