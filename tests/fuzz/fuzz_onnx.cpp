// libFuzzer target: importOnnxBytes (core/onnx_import.cpp), the reader behind File > Open and --model
// FILE.onnx.
// Properties: only SpecError escapes the importer (a refusal with its message); an accepted model is one the
// engine takes (its shapes check out, the weights are exactly its parameters), and exporting it again and
// reading that back gives the same model with bit-identical weights (the round trip LayerLab promises for
// its own files).
#include <cstdint>
#include <cstring>
#include <string>

#include "core/errors.h"
#include "core/onnx_export.h"
#include "core/onnx_import.h"
#include "core/shape_inference.h"
#include "tests/fuzz/fuzz_support.h"

namespace {
constexpr long long kMaxParams = 200000;  // larger accepted models skip the round trip, to keep runs fast
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string bytes(reinterpret_cast<const char*>(data), size);
    layerlab::OnnxImport m;
    try {
        m = layerlab::importOnnxBytes(bytes, "fuzz.onnx");
    } catch (const layerlab::SpecError&) {
        return 0;  // refused with a message: fine
    }
    const layerlab::ModelInfo info = layerlab::inferShapes(m.spec);
    if (!info.ok()) fuzz::violated("an accepted model fails shape inference: " + info.error);
    if (info.params != (long long)m.params.size())
        fuzz::violated("an accepted model has " + std::to_string(m.params.size()) + " weights for " +
                       std::to_string(info.params) + " parameters");
    if (info.params > kMaxParams) return 0;
    layerlab::OnnxImport back;
    try {
        back = layerlab::importOnnxBytes(layerlab::onnxModelBytes(m.spec, m.params), "again.onnx");
    } catch (const std::exception& e) {
        fuzz::violated(std::string("an accepted model does not export and read back: ") + e.what());
    }
    if (!back.layerlabFile || !(back.spec == m.spec))
        fuzz::violated("the exported model reads back as another model");
    if (back.params.size() != m.params.size() ||
        std::memcmp(back.params.data(), m.params.data(), m.params.size() * sizeof(float)) != 0)
        fuzz::violated("the exported weights read back different");
    return 0;
}
