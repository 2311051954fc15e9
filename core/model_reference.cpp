#include "core/model_reference.h"

#include <algorithm>

#include "core/layer_types.h"
#include "core/training_fields.h"

namespace layerlab {

namespace {

constexpr size_t kWidth = 110;

// "  key    text", the text wrapped under itself.
void row(std::string& out, const std::string& key, const std::string& text, size_t keyWidth) {
    std::string line = key + std::string(key.size() < keyWidth ? keyWidth - key.size() : 1, ' ');
    const size_t indent = line.size();
    size_t pos = 0;
    while (pos < text.size()) {
        size_t take = std::min(text.size() - pos, kWidth - indent);
        if (pos + take < text.size()) {
            const size_t space = text.rfind(' ', pos + take);
            if (space != std::string::npos && space > pos) take = space - pos;
        }
        line += text.substr(pos, take);
        out += line + "\n";
        pos += take;
        while (pos < text.size() && text[pos] == ' ') ++pos;
        line = std::string(indent, ' ');
    }
}

template <typename S>
std::string fieldText(const Field<S>& f, const std::vector<const Field<S>*>& fields) {
    std::string text = f.meta.helpLine();
    if (const std::string when = usedWhenText(f, fields); !when.empty()) text += " (when " + when + ")";
    return text;
}

}  // namespace

std::string modelFileReference() {
    std::string out =
        "A LayerLab model file is JSON:\n  {\"format\": \"layerlab-model\", \"version\": " +
        std::to_string(kModelFormatVersion) +
        ", \"name\": ..., \"input\": {\"channels\", \"height\", \"width\"} or {\"size\"},\n"
        "   \"classes\": ..., \"layers\": [...], \"training\": {...}}\n"
        "Keys LayerLab does not use are kept when the studio saves the file and reported when it "
        "is opened\n(--strict refuses them).\n\nLayers, each {\"id\": ..., \"type\": ..., settings}. \"id\" "
        "names "
        "the layer for good: 1 to 64 letters,\ndigits, '_', '-' or '.', unique in the model; a layer without "
        "one gets one (\"dense_1\") when the file is read.\n";
    for (const LayerTypeInfo& t : layerTypes()) {
        const bool none = t.fields.empty() && !t.hasInnerLayers;
        out += std::string("  ") + t.key + (none ? " (no settings)" : "") + "\n";
        for (const LayerField* f : t.fields)
            row(out, std::string("    ") + f->meta.key, fieldText(*f, t.fields), 16);
        if (t.hasInnerLayers)
            row(out, "    layers",
                "its inner layers, a list like the model's \"layers\"; their output must have the block's "
                "input shape",
                16);
    }
    out += "\nTraining settings, under \"training\":\n";
    for (const TrainingField* f : trainingFields())
        row(out, "  " + f->meta.path(), fieldText(*f, trainingFields()), 30);
    return out;
}

}  // namespace layerlab
