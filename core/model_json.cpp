// The model file's JSON: reading (every field through its descriptor, errors naming the field and the fix,
// keys it does not use kept as ExtraKey) and writing (stable key order, extra keys written back).
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <nlohmann/json.hpp>

#include "core/errors.h"
#include "core/json_reader.h"
#include "core/layer_tree.h"
#include "core/layer_types.h"
#include "core/model_spec.h"
#include "core/training_fields.h"

namespace layerlab {

namespace {

using json_detail::json;
using json_detail::quoted;
using json_detail::Reader;
using json_detail::shown;

constexpr int kMaxLayers = 10000;  // in the whole model, inner layers of blocks included
constexpr int kMaxDepth = 16;      // blocks inside blocks
const char* const kTopKeys[] = {"format", "version", "name",   "description",
                                "input",  "classes", "layers", "training"};
const char* const kInputKeys[] = {"size", "channels", "height", "width"};

// A double that prints short in JSON and converts back to exactly `f`.
double floatToJsonDouble(float f) {
    if (!std::isfinite(f)) return static_cast<double>(f);
    std::string s = floatText(f);
    double d = std::strtod(s.c_str(), nullptr);
    if (static_cast<float>(d) == f) return d;
    return static_cast<double>(f);  // exact, longer text; still reads back as f
}

std::string layerTypeList() {
    std::string s;
    for (const LayerTypeInfo& t : layerTypes()) s += std::string(s.empty() ? "" : ", ") + t.key;
    return s;
}

// Reads a chain of layers ("layers" of the model or of a block). `path` is the chain's owner's path ({} for
// the model); `count` the layers read so far in the whole model.
std::vector<LayerSpec> parseLayers(const json& layers, const std::string& where, std::vector<int>& path,
                                   int& count);

LayerSpec parseLayer(const json& v, std::vector<int>& path, int& count) {
    // Numbered from 1, as the editor numbers layers: "layer 2", then "layer 2 (Dense)" once the type is
    // known; "layer 3.2" inside a block.
    const int index = path.front();
    const std::string where = "layer " + layerNumber(path);
    if (!v.is_object())
        throw SpecError(
            where + ": must be an object like {\"type\": \"Dense\", \"units\": 64}, got " + shown(v), index);
    Reader r(v, where, ' ', index);
    if (!r.has("type")) r.fail("type", "missing; use one of " + layerTypeList());
    const json& tv = r.raw("type");
    if (!tv.is_string()) r.fail("type", "must be a string, one of " + layerTypeList() + ", got " + shown(tv));
    const auto type = layerTypeFromName(tv.get<std::string>());
    if (!type) r.fail("type", "unknown layer type " + shown(tv) + "; use one of " + layerTypeList());

    LayerSpec l = LayerSpec::make(*type);
    const LayerTypeInfo& info = layerTypeInfo(*type);
    const auto& fields = info.fields;
    Reader fr(v, layerLabel(path, *type), ' ', index);
    fr.markUsed("type");
    if (fr.has("id")) {
        const json& id = fr.raw("id");
        if (!id.is_string()) fr.fail("id", layerIdProblem("") + ", got " + shown(id));
        l.id = id.get<std::string>();
        if (const std::string problem = layerIdProblem(l.id); !problem.empty())
            fr.fail("id", problem + ", got " + shown(id));
        fr.markUsed("id");
    }
    // In table order, so a controller (activation) is read before the fields it switches on (alpha).
    for (const LayerField* f : fields)
        if (fieldActive(l, *f, fields)) fr.read(*f, l);
    if (info.hasInnerLayers) {
        if (!fr.has("layers"))
            fr.fail("layers", "missing; a " + std::string(info.key) +
                                  " block lists its inner layers like the model does: \"layers\": [...]");
        if (int(path.size()) >= kMaxDepth)
            fr.fail("layers", "blocks are nested more than " + std::to_string(kMaxDepth) +
                                  " deep: take some of them out");
        l.layers = parseLayers(fr.raw("layers"), layerLabel(path, *type) + " layers", path, count);
        fr.markUsed("layers");
    }
    fr.keepRest("", l.extra);
    return l;
}

std::vector<LayerSpec> parseLayers(const json& layers, const std::string& where, std::vector<int>& path,
                                   int& count) {
    const int index = path.empty() ? -1 : path.front();
    if (!layers.is_array())
        throw SpecError(where + ": must be an array of layer objects like [{\"type\": \"Flatten\"}], got " +
                            shown(layers),
                        index);
    count += int(std::min<size_t>(layers.size(), kMaxLayers + 1));
    if (count > kMaxLayers)
        throw SpecError(where + ": at most " + std::to_string(kMaxLayers) +
                            " layers are supported in a model, got " +
                            (path.empty() ? std::to_string(layers.size()) : "more"),
                        index);
    std::vector<LayerSpec> out;
    for (size_t i = 0; i < layers.size(); ++i) {
        path.push_back(static_cast<int>(i));
        out.push_back(parseLayer(layers[i], path, count));
        path.pop_back();
    }
    return out;
}

TrainingSpec parseTraining(Reader& top) {
    TrainingSpec t;
    const json* tj = top.object("training", trainingObjects().front().example);
    if (!tj) return t;
    Reader tr(*tj, "training", '.', -1);
    for (const TrainingObject& o : trainingObjects()) {
        const bool nested = *o.name;
        const json* oj = nested ? tr.object(o.name, o.example) : tj;
        if (!oj) continue;
        Reader r(*oj, nested ? std::string("training.") + o.name : std::string("training"), '.', -1);
        // In table order, so a controller (an optimizer's type) is read before the fields it switches on.
        for (const TrainingField* f : trainingFields())
            if (std::string(f->meta.object) == o.name && trainingFieldActive(t, *f)) r.read(*f, t);
        if (!nested)
            for (const TrainingObject& sub : trainingObjects())
                if (*sub.name) r.markUsed(sub.name);
        r.keepRest(o.name, t.extra);
    }
    return t;
}

struct InputDims {
    int size = 1, channels = 1, height = 28, width = 28;
};

Shape parseInput(Reader& top, ExtraKeys& extra) {
    const json* ij = top.object("input", "{\"channels\": 1, \"height\": 28, \"width\": 28}");
    if (!ij) return ModelSpec{}.input;
    using F = Field<InputDims>;
    static const F size{{.key = "size", .kind = FieldKind::Int, .limits = {1, 16777216}},
                        LAYERLAB_FIELD_ACCESS(InputDims, size)};
    static const F channels{{.key = "channels", .kind = FieldKind::Int, .limits = {1, 4096}},
                            LAYERLAB_FIELD_ACCESS(InputDims, channels)};
    static const F height{{.key = "height", .kind = FieldKind::Int, .limits = {1, 4096}},
                          LAYERLAB_FIELD_ACCESS(InputDims, height)};
    static const F width{{.key = "width", .kind = FieldKind::Int, .limits = {1, 4096}},
                         LAYERLAB_FIELD_ACCESS(InputDims, width)};
    Reader r(*ij, "input", '.', -1);
    InputDims d;
    // {"size": n} is a flat input; otherwise channels/height/width (each defaulting to the 1x28x28 default).
    const bool flat = r.has("size") && !r.has("channels") && !r.has("height") && !r.has("width");
    if (flat) {
        r.read(size, d);
    } else {
        r.read(channels, d);
        r.read(height, d);
        r.read(width, d);
    }
    for (const char* k : kInputKeys) r.markUsed(k);
    r.keepRest("input", extra);
    return flat ? Shape::flat(d.size) : Shape::chw(d.channels, d.height, d.width);
}

// ---- writing --------------------------------------------------------------------------------------------

json valueJson(const FieldMeta& m, const FieldValue& v) {
    switch (m.kind) {
        case FieldKind::Int:
            return v.whole;
        case FieldKind::UInt64:
            return v.big;
        case FieldKind::Float:
            return floatToJsonDouble(v.real);
        case FieldKind::Bool:
            return v.whole != 0;
        case FieldKind::Choice:
            return m.valueText(v);
        case FieldKind::Text:
            return v.text;
    }
    return nullptr;
}

// Extra keys go back after the known keys of their object; a key the settings now use wins over its copy.
void writeExtras(const ExtraKeys& extra, json& owner) {
    for (const ExtraKey& e : extra) {
        json& target = e.object.empty() ? owner : owner[e.object];
        if (!target.is_object() || target.contains(e.key)) continue;
        json value = json::parse(e.json, nullptr, false);
        if (!value.is_discarded()) target[e.key] = std::move(value);
    }
}

json layerToJson(const LayerSpec& l) {
    json o;
    const LayerTypeInfo& info = layerTypeInfo(l.type);
    if (!l.id.empty()) o["id"] = l.id;
    o["type"] = info.key;
    for (const LayerField* f : info.fields) {
        if (!fieldActive(l, *f, info.fields)) continue;
        const FieldValue v = f->get(l);
        if (f->meta.omitDefault && v == f->meta.def) continue;
        o[f->meta.key] = valueJson(f->meta, v);
    }
    if (info.hasInnerLayers) {
        json inner = json::array();
        for (const LayerSpec& i : l.layers) inner.push_back(layerToJson(i));
        o["layers"] = inner;
    }
    writeExtras(l.extra, o);
    return o;
}

json trainingToJson(const TrainingSpec& t) {
    json o;
    for (const TrainingField* f : trainingFields()) {
        if (!trainingFieldActive(t, *f)) continue;
        if (f->meta.omitDefault && f->get(t) == f->meta.def) continue;  // augmentation off: no object
        json& target = *f->meta.object ? o[f->meta.object] : o;
        target[f->meta.key] = valueJson(f->meta, f->get(t));
    }
    writeExtras(t.extra, o);
    return o;
}

json inputToJson(const Shape& s) {
    json o;
    if (s.isFlat()) {
        o["size"] = s.dims[0];
    } else {
        o["channels"] = s.c();
        o["height"] = s.h();
        o["width"] = s.w();
    }
    return o;
}

// "invalid JSON at line 3, column 14: <what nlohmann says>"
std::string syntaxErrorText(const std::string& text, const json::parse_error& e) {
    size_t byte = e.byte > 0 ? static_cast<size_t>(e.byte) - 1 : 0;
    byte = std::min(byte, text.size());
    int line = 1, col = 1;
    for (size_t i = 0; i < byte; ++i) {
        if (text[i] == '\n') {
            ++line;
            col = 1;
        } else {
            ++col;
        }
    }
    std::string what = e.what();
    // "[json.exception.parse_error.101] parse error at line 1, column 2: syntax error while parsing ..."
    auto pos = what.find(": ");
    if (pos != std::string::npos) what = what.substr(pos + 2);
    return "invalid JSON at line " + std::to_string(line) + ", column " + std::to_string(col) + ": " + what;
}

// ---- warnings -------------------------------------------------------------------------------------------

std::string suggestion(const std::string& key, const std::vector<std::string>& known) {
    const std::string best = closestKey(key, known);
    return best.empty() ? std::string() : " (did you mean " + quoted(best) + "?)";
}

}  // namespace

ModelSpec parseModelSpec(const std::string& jsonText, UnknownKeys unknown) {
    json root;
    try {
        root = json::parse(jsonText);
    } catch (const json::parse_error& e) {
        throw SpecError(syntaxErrorText(jsonText, e));
    } catch (const json::exception& e) {  // e.g. out_of_range 406: "number overflow parsing '1e999'"
        std::string what = e.what();
        if (auto pos = what.find("] "); pos != std::string::npos) what = what.substr(pos + 2);
        throw SpecError("invalid JSON: " + what);
    }
    if (!root.is_object())
        throw SpecError(
            "not a LayerLab model file: expected a JSON object with \"format\": \"layerlab-model\"");
    if (!root.contains("format") || root["format"] != "layerlab-model")
        throw SpecError("not a LayerLab model file: \"format\" must be \"layerlab-model\"");
    if (!root.contains("version"))
        throw SpecError("version: missing; a LayerLab model file needs \"version\": 1");
    const json& ver = root["version"];
    if (!ver.is_number_integer() || ver.get<long long>() < 1)
        throw SpecError("version: must be a whole number such as 1, got " + shown(ver));
    if (ver.is_number_unsigned()
            ? ver.get<unsigned long long>() > static_cast<unsigned long long>(kModelFormatVersion)
            : ver.get<long long>() > kModelFormatVersion)
        throw SpecError("version " + shown(ver) + " is newer than this LayerLab supports (" +
                        std::to_string(kModelFormatVersion) + "); update LayerLab to open this file");

    ModelSpec spec;
    Reader top(root, "", '.', -1);
    for (const char* k : kTopKeys) top.markUsed(k);
    if (root.contains("name")) {
        const json& n = root["name"];
        if (!n.is_string()) throw SpecError("name: must be a string such as \"My model\", got " + shown(n));
        spec.name = n.get<std::string>();
    }
    if (root.contains("description")) {
        const json& d = root["description"];
        if (!d.is_string())
            throw SpecError("description: must be a string such as \"A small CNN for MNIST\", got " +
                            shown(d));
        spec.description = d.get<std::string>();
    }
    top.keepRest("", spec.extra);
    spec.input = parseInput(top, spec.extra);
    if (root.contains("classes")) {
        const Field<ModelSpec> classes{{.key = "classes", .kind = FieldKind::Int, .limits = {2, 100000}},
                                       LAYERLAB_FIELD_ACCESS(ModelSpec, classes)};
        top.read(classes, spec);
    }

    if (root.contains("layers")) {
        std::vector<int> path;
        int count = 0;
        spec.layers = parseLayers(root["layers"], "layers", path, count);
        checkUniqueLayerIds(spec);
        assignLayerIds(spec);  // a file without ids gets them here; the next save writes them
    }
    spec.training = parseTraining(top);
    validateTraining(spec.training);
    if (unknown == UnknownKeys::Refuse) refuseUnknownKeys(spec);
    return spec;
}

std::string serializeModelSpec(const ModelSpec& spec) {
    json o;
    o["format"] = "layerlab-model";
    o["version"] = kModelFormatVersion;
    o["name"] = spec.name;
    if (!spec.description.empty()) o["description"] = spec.description;
    o["input"] = inputToJson(spec.input);
    o["classes"] = spec.classes;
    json layers = json::array();
    for (const LayerSpec& l : spec.layers) layers.push_back(layerToJson(l));
    o["layers"] = layers;
    o["training"] = trainingToJson(spec.training);
    writeExtras(spec.extra, o);
    return o.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

std::vector<std::string> unknownKeyWarnings(const ModelSpec& spec) {
    std::vector<std::string> out;
    for (const ExtraKey& e : spec.extra) {
        std::vector<std::string> known;
        if (e.object.empty())
            known.assign(std::begin(kTopKeys), std::end(kTopKeys));
        else
            known.assign(std::begin(kInputKeys), std::end(kInputKeys));
        const std::string path = e.object.empty() ? e.key : e.object + "." + e.key;
        out.push_back("unknown key " + quoted(path) + suggestion(e.key, known));
    }
    std::vector<int> path;
    auto layerWarnings = [&](const auto& self, const std::vector<LayerSpec>& chain) -> void {
        for (size_t i = 0; i < chain.size(); ++i) {
            path.push_back(int(i));
            const LayerSpec& l = chain[i];
            const LayerTypeInfo& info = layerTypeInfo(l.type);
            for (const ExtraKey& e : l.extra) {
                const std::string where = layerLabel(path, l.type) + ": ";
                std::vector<std::string> known = {"id", "type"};
                if (info.hasInnerLayers) known.push_back("layers");
                const LayerField* match = nullptr;
                for (const LayerField* f : info.fields) {
                    known.push_back(f->meta.key);
                    if (e.key == f->meta.key) match = f;
                }
                if (match)
                    out.push_back(where + "unused key " + quoted(e.key) + " (used only when " +
                                  usedWhenText(*match, info.fields) + ")");
                else
                    out.push_back(where + "unknown key " + quoted(e.key) + suggestion(e.key, known));
            }
            self(self, l.layers);
            path.pop_back();
        }
    };
    layerWarnings(layerWarnings, spec.layers);
    for (const ExtraKey& e : spec.training.extra) {
        const std::string path = "training." + (e.object.empty() ? e.key : e.object + "." + e.key);
        std::vector<std::string> here;
        const TrainingField* match = nullptr;
        for (const TrainingField* f : trainingFields()) {
            if (e.object != f->meta.object) continue;
            here.push_back(f->meta.key);
            if (e.key == f->meta.key) match = f;
        }
        if (e.object.empty())
            for (const TrainingObject& o : trainingObjects())
                if (*o.name) here.push_back(o.name);
        if (match) {
            out.push_back("unused key " + quoted(path) + " (used only when " +
                          usedWhenText(*match, trainingFields()) + ")");
            continue;
        }
        std::string hint = suggestion(e.key, here);
        if (hint.empty()) {  // a key in the wrong object: "learning_rat" directly under "training"
            for (const TrainingField* f : trainingFields()) {
                if (e.object == f->meta.object || closestKey(e.key, {f->meta.key}).empty()) continue;
                hint = " (did you mean " + quoted(f->meta.key) + "? it belongs in " +
                       quoted("training." + std::string(f->meta.object)) + ")";
                break;
            }
        }
        out.push_back("unknown key " + quoted(path) + hint);
    }
    return out;
}

void refuseUnknownKeys(const ModelSpec& spec) {
    const std::vector<std::string> lines = unknownKeyWarnings(spec);
    if (lines.empty()) return;
    std::string text;
    for (const std::string& l : lines) text += (text.empty() ? "" : "; ") + l;
    throw SpecError(text + ": fix or remove " + (lines.size() == 1 ? "it" : "them") +
                    " (strict mode refuses keys LayerLab does not use)");
}

}  // namespace layerlab
