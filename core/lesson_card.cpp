#include "core/lesson_card.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/compression.h"
#include "core/data_location.h"
#include "core/errors.h"
#include "core/image_folder.h"
#include "core/network.h"
#include "core/shape_inference.h"
#include "core/spec_field.h"
#include "core/sweep.h"
#include "core/weight_transfer.h"

namespace layerlab {

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

namespace {

std::string shown(const json& v) {
    std::string s = v.dump(-1, ' ', false, json::error_handler_t::replace);
    if (s.size() > 60) s = s.substr(0, 57) + "...";
    return s;
}

std::string readWhole(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return {};
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

bool validId(const std::string& s) {
    if (s.empty() || s.size() > 64) return false;
    return std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
               c == '_';
    });
}

// Reads one card; every error names the file and the key.
class CardReader {
public:
    CardReader(std::string source, const PresetSource& presets)
        : m_source(std::move(source)), m_presets(presets) {}

    [[noreturn]] void fail(const std::string& key, const std::string& problem) const {
        throw LessonError(m_source + ": " + (key.empty() ? "" : key + ": ") + problem);
    }

    // Refuses keys a card does not have, naming the closest known one.
    void onlyKeys(const json& obj, const std::string& where, const std::vector<std::string>& known) const {
        for (auto it = obj.begin(); it != obj.end(); ++it)
            if (std::find(known.begin(), known.end(), it.key()) == known.end()) {
                const std::string close = closestKey(it.key(), known);
                std::string all;
                for (const std::string& k : known) all += (all.empty() ? "" : ", ") + k;
                fail(where.empty() ? it.key() : where + "." + it.key(),
                     "unknown key" + (close.empty() ? "" : " (did you mean \"" + close + "\"?)") +
                         "; a card " + (where.empty() ? "" : where + " ") + "has " + all);
            }
    }

    const json& required(const json& obj, const std::string& where, const char* key,
                         const char* example) const {
        if (!obj.contains(key))
            fail(where.empty() ? key : where + "." + key, std::string("missing; add it, e.g. ") + example);
        return obj.at(key);
    }

    std::string string(const json& obj, const std::string& where, const char* key,
                       const char* example) const {
        const json& v = required(obj, where, key, example);
        if (!v.is_string())
            fail(path(where, key), std::string("must be a string like ") + example + ", got " + shown(v));
        return v.get<std::string>();
    }

    static std::string path(const std::string& where, const std::string& key) {
        return where.empty() ? key : where + "." + key;
    }

    // {"en": "...", "zh_CN": "..."}, or a plain string (English only).
    LessonText text(const json& obj, const std::string& where, const char* key, bool needed = true) {
        const std::string at = path(where, key);
        if (!obj.contains(key)) {
            if (needed) fail(at, "missing; add {\"en\": \"...\", \"zh_CN\": \"...\"}");
            return {};
        }
        const json& v = obj.at(key);
        LessonText t;
        if (v.is_string()) {
            t.en = v.get<std::string>();
        } else if (v.is_object()) {
            onlyKeys(v, at, {"en", "zh_CN"});
            if (!v.contains("en") || !v["en"].is_string())
                fail(at + ".en", "missing or not a string; every text needs its English version");
            t.en = v["en"].get<std::string>();
            if (v.contains("zh_CN")) {
                if (!v["zh_CN"].is_string())
                    fail(at + ".zh_CN", "must be a string, got " + shown(v["zh_CN"]));
                t.zhCN = v["zh_CN"].get<std::string>();
            }
        } else {
            fail(at, "must be {\"en\": \"...\", \"zh_CN\": \"...\"} or a string, got " + shown(v));
        }
        if (t.en.empty()) fail(at + ".en", "is empty; write the text");
        if (t.zhCN.empty())
            m_warnings.push_back(m_source + ": " + at +
                                 " has no zh_CN text: Chinese readers see the English");
        return t;
    }

    // {"lr": 0.01, "epochs": 3, "layer2.units": 32} applied to spec, each checked against its limits.
    // `forWhat`, when not empty, names what the settings are applied to in messages (a run with a model of
    // its own gets the scenario's settings too).
    std::vector<std::pair<std::string, std::string>> settings(const json& obj, const std::string& where,
                                                              ModelSpec& spec,
                                                              const std::string& forWhat = "") const {
        std::vector<std::pair<std::string, std::string>> out;
        if (!obj.contains("settings")) return out;
        const std::string at = path(where, "settings");
        const json& s = obj.at("settings");
        if (!s.is_object()) fail(at, "must be an object like {\"lr\": 0.01, \"epochs\": 3}, got " + shown(s));
        for (auto it = s.begin(); it != s.end(); ++it) {
            std::string value;
            if (it.value().is_string())
                value = it.value().get<std::string>();
            else if (it.value().is_number() || it.value().is_boolean())
                value = it.value().dump();
            else
                fail(at + "." + it.key(),
                     "must be a number, true/false or a string, got " + shown(it.value()));
            try {
                const std::string key = resolveSweepKey(it.key(), spec);
                applySetting(spec, key, value);
                out.emplace_back(key, value);
            } catch (const SpecError& e) {
                fail(at + "." + it.key(),
                     forWhat.empty() ? std::string(e.what())
                                     : std::string(e.what()) + " (for the model of " + forWhat + ")");
            }
        }
        return out;
    }

    LessonCard read(const std::string& jsonText) {
        json root;
        try {
            root = json::parse(jsonText);
        } catch (const json::parse_error& e) {
            std::size_t byte = e.byte > 0 ? std::size_t(e.byte) - 1 : 0;
            byte = std::min(byte, jsonText.size());
            const long line = 1 + std::count(jsonText.begin(), jsonText.begin() + long(byte), '\n');
            std::string what = e.what();
            if (auto p = what.find(": "); p != std::string::npos) what = what.substr(p + 2);
            fail("", "invalid JSON at line " + std::to_string(line) + ": " + what);
        } catch (const json::exception& e) {
            fail("", std::string("invalid JSON: ") + e.what());
        }
        if (!root.is_object() || !root.contains("format") || root["format"] != "layerlab-lesson")
            fail("format", "not a lesson card: a card is a JSON object with \"format\": \"layerlab-lesson\"");
        onlyKeys(root, "",
                 {"format", "version", "id", "concept", "title", "summary", "body", "scenario", "runs",
                  "question", "explanation", "views", "try_next"});
        const json& ver = required(root, "", "version", "1");
        if (!ver.is_number_integer() || ver.get<long long>() < 1)
            fail("version", "must be a whole number such as 1, got " + shown(ver));
        if (ver.get<long long>() > kLessonFormatVersion)
            fail("version", "this card is for lesson format " + shown(ver) +
                                "; this LayerLab reads version " + std::to_string(kLessonFormatVersion) +
                                ": update LayerLab to open it");

        LessonCard card;
        card.source = m_source;
        card.id = string(root, "", "id", "\"learning-rate\"");
        if (!validId(card.id)) fail("id", "\"" + card.id + "\": use letters, digits, - and _ (at most 64)");
        card.conceptId = string(root, "", "concept", "\"learning_rate\"");
        if (!lessonConcept(card.conceptId)) {
            std::vector<std::string> ids;
            std::string all;
            for (const LessonConcept& c : lessonConcepts()) {
                ids.emplace_back(c.id);
                all += (all.empty() ? "" : ", ") + std::string(c.id);
            }
            const std::string close = closestKey(card.conceptId, ids);
            fail("concept", "unknown concept \"" + card.conceptId + "\"" +
                                (close.empty() ? "" : " (did you mean \"" + close + "\"?)") +
                                "; use one of " + all);
        }
        card.title = text(root, "", "title");
        card.summary = text(root, "", "summary");
        card.body = text(root, "", "body");
        readScenario(required(root, "", "scenario", "{\"preset\": \"mlp\", \"settings\": {\"epochs\": 2}}"),
                     card);
        readRuns(required(root, "", "runs", "[{\"id\": \"A\", \"label\": ..., \"settings\": {\"lr\": 1.0}}]"),
                 card);
        readQuestion(required(root, "", "question", "{\"text\": ..., \"choices\": [...], \"answer\": \"a\"}"),
                     card);
        card.explanation = text(root, "", "explanation");
        card.tryNext = text(root, "", "try_next");
        if (root.contains("views")) {
            const json& v = root["views"];
            if (!v.is_array()) fail("views", "must be a list like [\"runs\", \"training\"], got " + shown(v));
            for (std::size_t i = 0; i < v.size(); ++i) {
                const std::string at = "views[" + std::to_string(i) + "]";
                if (!v[i].is_string()) fail(at, "must be a string, got " + shown(v[i]));
                const std::string id = v[i].get<std::string>();
                if (!lessonView(id)) {
                    std::string all;
                    for (const LessonView& w : lessonViews())
                        all += (all.empty() ? "" : ", ") + std::string(w.id);
                    fail(at, "unknown view \"" + id + "\"; use one of " + all);
                }
                card.views.push_back(id);
            }
        }
        card.warnings = m_warnings;
        return card;
    }

private:
    // A model given as "preset" (a bundled model's id) or "model" (a model file's JSON) in obj; `preset` gets
    // the preset's id.
    ModelSpec model(const json& obj, const std::string& where, std::string* preset) const {
        std::string modelText;
        if (obj.contains("preset")) {
            *preset = string(obj, where, "preset", "\"mlp\"");
            try {
                modelText = m_presets ? m_presets(*preset) : std::string();
            } catch (const std::exception&) {
                modelText.clear();
            }
            if (modelText.empty())
                fail(where + ".preset",
                     "no bundled preset \"" + *preset +
                         "\"; use seed-cnn, mlp, lenet5 or logistic, or an inline \"model\"");
        } else {
            if (!obj["model"].is_object())
                fail(where + ".model",
                     "must be a model file's JSON object (\"format\": \"layerlab-model\", ...)");
            modelText = obj["model"].dump();
        }
        ModelSpec spec;
        try {
            spec = parseModelSpec(modelText, UnknownKeys::Refuse);
        } catch (const SpecError& e) {
            fail(where + (obj.contains("preset") ? ".preset" : ".model"), e.what());
        }
        // Cards run on the bundled subset unless their settings say otherwise: seconds, the same everywhere.
        spec.training.dataset = DatasetKind::Subset;
        return spec;
    }

    void readScenario(const json& s, LessonCard& card) {
        const std::string where = "scenario";
        if (!s.is_object()) fail(where, "must be an object like {\"preset\": \"mlp\"}, got " + shown(s));
        onlyKeys(s, where, {"preset", "model", "settings", "controls", "data"});
        if (s.contains("preset") == s.contains("model"))
            fail(where,
                 "give either \"preset\" (a bundled model such as \"mlp\") or \"model\" (a model file's "
                 "JSON), not both and not neither");
        card.model = model(s, where, &card.preset);
        m_scenario = &s;
        settings(s, where, card.model);
        if (s.contains("data")) readData(s["data"], card);
        applyData(card, card.model);
        if (s.contains("controls")) {
            const json& c = s["controls"];
            if (!c.is_array())
                fail(where + ".controls", "must be a list like [\"lr\", \"epochs\"], got " + shown(c));
            for (std::size_t i = 0; i < c.size(); ++i) {
                const std::string at = where + ".controls[" + std::to_string(i) + "]";
                if (!c[i].is_string()) fail(at, "must be a setting's name, got " + shown(c[i]));
                try {
                    card.controls.push_back(resolveSweepKey(c[i].get<std::string>(), card.model));
                } catch (const SpecError& e) {
                    fail(at, e.what());
                }
            }
        }
        checkWorks(card.model, where);
    }

    // "data": {"image_folder": "learner" | "folder/relative/to/the/card", "prompt": ..., "min_per_class": N}
    void readData(const json& d, LessonCard& card) {
        const std::string where = "scenario.data";
        if (!d.is_object())
            fail(where, "must be an object like {\"image_folder\": \"learner\"}, got " + shown(d));
        onlyKeys(d, where, {"image_folder", "prompt", "min_per_class"});
        const std::string folder =
            string(d, where, "image_folder", "\"learner\" (the learner's own) or \"shapes\"");
        if (folder.empty())
            fail(where + ".image_folder",
                 "is empty: give \"learner\" (the learner chooses or draws a folder) or a folder relative to "
                 "the card");
        if (folder == "learner") {
            card.data.source = LessonData::Source::Learner;
        } else {
            card.data.source = LessonData::Source::Folder;
            fs::path p(folder);
            if (p.is_relative()) p = fs::path(m_source).parent_path() / p;
            std::error_code ec;
            const fs::path abs = fs::absolute(p, ec);
            card.data.folder = (ec ? p : abs).lexically_normal().string();
        }
        card.data.prompt = text(d, where, "prompt", false);
        if (d.contains("min_per_class")) {
            const json& m = d["min_per_class"];
            if (!m.is_number_integer() || m.get<long long>() < 1 || m.get<long long>() > 100000)
                fail(where + ".min_per_class", "must be a whole number from 1 to 100000, got " + shown(m));
            card.data.minPerClass = int(m.get<long long>());
        }
    }

    // An image-folder card's models train on its folder (set when it is known, for the learner's).
    static void applyData(const LessonCard& card, ModelSpec& spec) {
        if (!card.data.imageFolder()) return;
        spec.training.dataset = DatasetKind::ImageFolder;
        spec.training.dataFolder = card.data.folder;
    }

    // "compress": {"int8": true, "sparsity": 0.5}
    LessonCompression compression(const json& c, const std::string& where) const {
        if (!c.is_object())
            fail(where, "must be an object like {\"int8\": true} or {\"sparsity\": 0.5}, got " + shown(c));
        onlyKeys(c, where, {"int8", "sparsity"});
        LessonCompression out;
        if (c.contains("int8")) {
            if (!c["int8"].is_boolean())
                fail(where + ".int8", "must be true or false, got " + shown(c["int8"]));
            out.int8 = c["int8"].get<bool>();
        }
        if (c.contains("sparsity")) {
            const json& v = c["sparsity"];
            if (!v.is_number()) fail(where + ".sparsity", "must be a fraction such as 0.5, got " + shown(v));
            out.sparsity = v.get<double>();
            if (const std::string bad = checkSparsity(out.sparsity); !bad.empty())
                fail(where + ".sparsity", bad);
        }
        if (!out.any())
            fail(where,
                 "compresses nothing: give \"int8\": true and/or a \"sparsity\" above 0 (0.5 = half "
                 "the weights pruned)");
        return out;
    }

    // "start_from": "A" or {"run": "A", "layers": [1, 3]}: an earlier run whose weights fit the listed
    // layers.
    void readStartFrom(const json& v, const std::string& where, const LessonCard& card,
                       LessonRun& run) const {
        std::string from;
        const json* layers = nullptr;
        if (v.is_string()) {
            from = v.get<std::string>();
        } else if (v.is_object()) {
            onlyKeys(v, where, {"run", "layers"});
            from = string(v, where, "run", "\"A\"");
            if (v.contains("layers")) layers = &v["layers"];
        } else {
            fail(where,
                 "must be an earlier run's id such as \"A\", or {\"run\": \"A\", \"layers\": [1, 3]}, got " +
                     shown(v));
        }
        run.startFrom = card.runIndex(from);
        if (run.startFrom < 0) {
            std::string earlier;
            for (const LessonRun& r : card.runs) earlier += (earlier.empty() ? "" : ", ") + r.id;
            fail(where, "\"" + from + "\" is not an earlier run" +
                            (earlier.empty() ? std::string(": the first run starts from fresh weights")
                                             : " (the runs before this one are " + earlier + ")"));
        }
        const LessonRun& source = card.runs[std::size_t(run.startFrom)];
        WeightTransfer plan;
        try {
            plan = planWeightTransfer(run.spec, source.spec);
        } catch (const SpecError& e) {
            fail(where, e.what());
        }
        if (!plan.refusal().empty())
            fail(where, "no layer can take " + from + "'s weights: " + plan.refusal());
        if (!layers) return;
        if (!layers->is_array() || layers->empty())
            fail(where + ".layers", "must be a list of layer numbers such as [1, 3], got " + shown(*layers));
        for (std::size_t i = 0; i < layers->size(); ++i) {
            const std::string at = where + ".layers[" + std::to_string(i) + "]";
            const json& n = (*layers)[i];
            if (!n.is_number_integer() || n.get<long long>() < 1 ||
                n.get<long long>() > (long long)run.spec.layers.size())
                fail(at, "must be a layer number from 1 to " + std::to_string(run.spec.layers.size()) +
                             " (as the editor numbers them), got " + shown(n));
            const int number = int(n.get<long long>());
            bool any = false;
            for (const LayerTransfer& l : plan.layers) {
                if (l.path.empty() || l.path.front() + 1 != number) continue;
                any = true;
                if (l.outcome != LayerTransfer::Outcome::Loaded)
                    fail(at, layerLabel(number - 1, run.spec.layers[std::size_t(number - 1)].type) +
                                 " cannot take " + from + "'s weights: " + l.reason);
            }
            if (!any)
                fail(at, layerLabel(number - 1, run.spec.layers[std::size_t(number - 1)].type) +
                             " has no weights to start from; list layers with weights (Dense, Conv2D, ...)");
            run.startLayers.push_back(number);
        }
    }

    void checkWorks(const ModelSpec& spec, const std::string& where) const {
        try {
            validateTraining(spec.training);
            validateModel(spec);
        } catch (const SpecError& e) {
            fail(where, std::string("the model cannot train: ") + e.what());
        }
    }

    void readRuns(const json& r, LessonCard& card) {
        if (!r.is_array() || r.empty())
            fail("runs",
                 "must be a list of one or more runs, e.g. [{\"id\": \"A\", \"label\": ..., \"settings\": "
                 "{\"lr\": 1.0}}]");
        if (r.size() > 6) fail("runs", "at most 6 runs per card (a lesson should run in seconds)");
        for (std::size_t i = 0; i < r.size(); ++i) {
            const std::string where = "runs[" + std::to_string(i) + "]";
            const json& o = r[i];
            if (!o.is_object())
                fail(where, "must be an object like {\"id\": \"A\", \"label\": ..., \"settings\": {...}}");
            onlyKeys(
                o, where,
                {"id", "label", "preset", "model", "settings", "train_per_class", "compress", "start_from"});
            LessonRun run;
            run.id = string(o, where, "id", "\"A\"");
            if (!validId(run.id) || run.id.find('-') != std::string::npos ||
                !(std::isalpha(static_cast<unsigned char>(run.id[0]))))
                fail(where + ".id",
                     "\"" + run.id +
                         "\": a run id starts with a letter and has letters, digits and _ (checks "
                         "name it, as in A.final_val_loss)");
            if (card.runIndex(run.id) >= 0)
                fail(where + ".id", "two runs are called \"" + run.id + "\": give each its own id");
            run.label = text(o, where, "label");
            if (o.contains("preset") && o.contains("model"))
                fail(where, "give \"preset\" or \"model\" (or neither, for the scenario's model), not both");
            if (o.contains("preset") || o.contains("model")) {
                // Its own model, with the scenario's settings first.
                std::string preset;
                run.spec = model(o, where, &preset);
                settings(*m_scenario, "scenario", run.spec, where);
            } else {
                run.spec = card.model;
            }
            run.settings = settings(o, where, run.spec);
            applyData(card, run.spec);
            if (o.contains("train_per_class")) {
                const json& n = o["train_per_class"];
                if (!n.is_number_integer() || n.get<long long>() < 1 || n.get<long long>() > 100000)
                    fail(where + ".train_per_class",
                         "must be a whole number of training images per class from 1 to 100000, got " +
                             shown(n));
                run.trainPerClass = int(n.get<long long>());
                run.spec.training.trainSamples = run.trainPerClass * run.spec.classes;
            }
            if (o.contains("compress")) run.compress = compression(o["compress"], where + ".compress");
            checkWorks(run.spec, where);
            if (o.contains("start_from")) readStartFrom(o["start_from"], where + ".start_from", card, run);
            card.runs.push_back(std::move(run));
        }
    }

    void readQuestion(const json& q, LessonCard& card) {
        const std::string where = "question";
        if (!q.is_object()) fail(where, "must be an object with text, choices and answer");
        onlyKeys(q, where, {"text", "choices", "answer"});
        card.question = text(q, where, "text");
        const json& c =
            required(q, where, "choices", "[{\"id\": \"a\", \"text\": ..., \"check\": \"A.diverged\"}]");
        if (!c.is_array() || c.size() < 2 || c.size() > 6)
            fail(where + ".choices", "must be a list of 2 to 6 choices");
        std::vector<std::string> runIds;
        for (const LessonRun& r : card.runs) runIds.push_back(r.id);
        for (std::size_t i = 0; i < c.size(); ++i) {
            const std::string at = where + ".choices[" + std::to_string(i) + "]";
            if (!c[i].is_object())
                fail(at, "must be an object like {\"id\": \"a\", \"text\": ..., \"check\": ...}");
            onlyKeys(c[i], at, {"id", "text", "check"});
            LessonChoice choice;
            choice.id = string(c[i], at, "id", "\"a\"");
            if (!validId(choice.id)) fail(at + ".id", "\"" + choice.id + "\": use letters, digits, - and _");
            if (card.choiceIndex(choice.id) >= 0)
                fail(at + ".id", "two choices are called \"" + choice.id + "\": give each its own id");
            choice.text = text(c[i], at, "text");
            const std::string check = string(c[i], at, "check", "\"A.diverged and not B.diverged\"");
            try {
                choice.check = CheckExpression::parse(check, runIds);
            } catch (const std::invalid_argument& e) {
                fail(at + ".check", e.what());
            }
            card.choices.push_back(std::move(choice));
        }
        card.answer = string(q, where, "answer", "\"a\"");
        if (card.choiceIndex(card.answer) < 0) {
            std::string all;
            for (const LessonChoice& ch : card.choices) all += (all.empty() ? "" : ", ") + ch.id;
            fail(where + ".answer", "\"" + card.answer + "\" is not one of the choices (" + all + ")");
        }
    }

    std::string m_source;
    const PresetSource& m_presets;
    const json* m_scenario = nullptr;
    std::vector<std::string> m_warnings;
};

}  // namespace

PresetSource presetsFromResources() {
    return [](const std::string& id) -> std::string {
        if (!validId(id)) return {};
        return readWhole(resourcesDir() + "/presets/" + id + ".json");
    };
}

LessonCard parseLessonCard(const std::string& jsonText, const std::string& source,
                           const PresetSource& presets) {
    return CardReader(source, presets).read(jsonText);
}

LessonCard loadLessonCard(const std::string& path, const PresetSource& presets) {
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) throw LessonError(path + ": not a file: give a lesson card (.json)");
    if (fs::file_size(path, ec) > (1u << 20))
        throw LessonError(path + ": over 1 MB, too large for a lesson card");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw LessonError(path + ": cannot be read: check its permissions");
    std::ostringstream ss;
    ss << in.rdbuf();
    return parseLessonCard(ss.str(), path, presets);
}

void sortLessonCards(std::vector<LessonCard>& cards) {
    auto order = [](const std::string& id) {
        const auto& all = lessonConcepts();
        for (std::size_t i = 0; i < all.size(); ++i)
            if (id == all[i].id) return int(i);
        return int(all.size());
    };
    std::stable_sort(cards.begin(), cards.end(), [&](const LessonCard& a, const LessonCard& b) {
        const int oa = order(a.conceptId), ob = order(b.conceptId);
        return oa != ob ? oa < ob : a.title.en < b.title.en;
    });
}

std::vector<LessonCard> loadLessonFolder(const std::string& dir, const PresetSource& presets,
                                         std::vector<std::string>* errors) {
    std::vector<LessonCard> cards;
    std::error_code ec;
    std::vector<std::string> files;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
        if (it->path().extension() == ".json") files.push_back(it->path().string());
    if (ec && errors) errors->push_back(dir + ": cannot be listed: " + ec.message());
    std::sort(files.begin(), files.end());
    for (const std::string& f : files) {
        try {
            LessonCard card = loadLessonCard(f, presets);
            auto same = std::find_if(cards.begin(), cards.end(),
                                     [&](const LessonCard& c) { return c.id == card.id; });
            if (same != cards.end()) {
                if (errors)
                    errors->push_back(f + ": id: \"" + card.id + "\" is also the id of " + same->source +
                                      ": give each card its own id");
                continue;
            }
            cards.push_back(std::move(card));
        } catch (const LessonError& e) {
            if (errors) errors->push_back(e.what());
        }
    }
    sortLessonCards(cards);
    return cards;
}

std::string bundledLessonsDir() {
    return resourcesDir() + "/lessons";
}

std::vector<float> lessonStartParams(const LessonCard& card, int run,
                                     const std::vector<float>& sourceParams) {
    const LessonRun& r = card.runs[std::size_t(run)];
    if (r.startFrom < 0) return {};
    Network net(r.spec);
    net.initParams(r.spec.training.seed);
    std::vector<float> params(net.params().begin(), net.params().end());
    const std::vector<float> fresh = params;
    const WeightTransfer t =
        transferWeights(r.spec, params, card.runs[std::size_t(r.startFrom)].spec, sourceParams);
    if (!t.refusal().empty()) throw SpecError(t.refusal());
    if (!r.startLayers.empty())
        for (const LayerTransfer& l : t.layers)
            if (l.outcome == LayerTransfer::Outcome::Loaded && !l.path.empty() &&
                std::find(r.startLayers.begin(), r.startLayers.end(), l.path.front() + 1) ==
                    r.startLayers.end())
                std::copy_n(fresh.begin() + l.offset, l.params, params.begin() + l.offset);
    return params;
}

void fitOutputClasses(ModelSpec& spec, int classes) {
    spec.classes = classes;
    for (auto it = spec.layers.rbegin(); it != spec.layers.rend(); ++it)
        if (it->type == LayerType::Dense) {
            it->units = classes;
            break;
        }
}

void useLessonImageFolder(LessonCard& card, const std::string& folder) {
    if (!card.data.imageFolder())
        throw LessonError(card.source + ": trains on the bundled images, not on an image folder");
    const ImageFolderScan scan = scanImageFolder(folder);  // DataError: missing, empty, one class, ...
    const int classes = int(scan.classNames.size());
    if (card.data.minPerClass > 0) {
        std::vector<long long> counts(std::size_t(classes), 0);
        for (const ImageFolderScan::File& f : scan.files) ++counts[std::size_t(f.label)];
        for (int c = 0; c < classes; ++c)
            if (counts[std::size_t(c)] < card.data.minPerClass)
                throw DataError(folder + ": class \"" + scan.classNames[std::size_t(c)] + "\" has " +
                                std::to_string(counts[std::size_t(c)]) + " image" +
                                (counts[std::size_t(c)] == 1 ? "" : "s") + "; this lesson needs at least " +
                                std::to_string(card.data.minPerClass) +
                                " of each class: add more (File > New Dataset… draws them)");
    }
    std::error_code ec;
    const fs::path abs = fs::absolute(folder, ec);
    const std::string path = (ec ? fs::path(folder) : abs).lexically_normal().string();
    card.data.folder = path;
    auto point = [&](ModelSpec& spec, int perClass) {
        spec.training.dataset = DatasetKind::ImageFolder;
        spec.training.dataFolder = path;
        fitOutputClasses(spec, classes);
        if (perClass > 0) spec.training.trainSamples = perClass * classes;
    };
    point(card.model, 0);
    for (LessonRun& r : card.runs) point(r.spec, r.trainPerClass);
}

}  // namespace layerlab
