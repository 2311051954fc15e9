// Model files on disk: read whole (size-checked) and parsed, written atomically.
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <fstream>

#include "core/atomic_file.h"
#include "core/errors.h"
#include "core/model_spec.h"

namespace layerlab {

namespace {
constexpr long long kMaxModelFileBytes = 64LL * 1024 * 1024;
}  // namespace

ModelSpec loadModelSpec(const std::string& path, UnknownKeys unknown) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0)
        throw SpecError("cannot open model file \"" + path + "\": " + std::strerror(errno));
    if (!S_ISREG(st.st_mode))
        throw SpecError("cannot open model file \"" + path + "\": it is not a regular file");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw SpecError("cannot open model file \"" + path + "\": " + std::strerror(errno));
    in.seekg(0, std::ios::end);
    const std::streamoff size = in.tellg();
    in.seekg(0, std::ios::beg);
    if (size < 0) throw SpecError("cannot read model file \"" + path + "\"");
    if (size > kMaxModelFileBytes)
        throw SpecError("\"" + path + "\" is too large to be a LayerLab model file (" + std::to_string(size) +
                        " bytes)");
    std::string text(static_cast<size_t>(size), '\0');
    if (size > 0 && !in.read(text.data(), size))
        throw SpecError("cannot read model file \"" + path + "\": " + std::strerror(errno));
    if (text.rfind("LLCKPT", 0) == 0)
        throw SpecError(
            "\"" + path + "\" is a checkpoint (a model with trained weights), not a model file: " +
            "load it with File > Load Checkpoint in the studio, or give it to layerlab-cli train " +
            "(continues from its weights) or evaluate");
    try {
        return parseModelSpec(text, unknown);
    } catch (const SpecError& e) {
        throw SpecError(path + ": " + e.what(), e.layerIndex);
    }
}

void saveModelSpec(const ModelSpec& spec, const std::string& path) {
    std::string err = writeFileAtomically(path, serializeModelSpec(spec));
    if (!err.empty()) throw SpecError("cannot save model to \"" + path + "\": " + err);
}

}  // namespace layerlab
