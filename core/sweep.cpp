#include "core/sweep.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstring>
#include <ctime>
#include <exception>
#include <filesystem>
#include <fstream>
#include <limits>
#include <mutex>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <thread>

#include "core/atomic_file.h"
#include "core/errors.h"
#include "core/layer_types.h"
#include "core/memory_estimate.h"
#include "core/parallel.h"
#include "core/shape_inference.h"
#include "core/training_fields.h"

namespace fs = std::filesystem;
using ojson = nlohmann::ordered_json;

namespace layerlab {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Short names for the settings a sweep varies most, as the CLI's options name them (--lr, --batch).
struct Alias {
    const char* name;
    const char* path;
};
const Alias kAliases[] = {
    {"lr", "optimizer.learning_rate"}, {"batch", "batch_size"}, {"optimizer", "optimizer.type"}};

// The descriptor of a flattened key, or nullptr; *layer gets the layer index for a layer key.
const FieldMeta* metaOf(const std::string& key, const ModelSpec& spec, int* layer, const LayerField** lf,
                        const TrainingField** tf) {
    *layer = -1;
    *lf = nullptr;
    *tf = nullptr;
    if (const TrainingField* f = trainingField(key)) {
        *tf = f;
        return &f->meta;
    }
    if (key.rfind("layer", 0) != 0) return nullptr;
    const auto dot = key.find('.');
    if (dot == std::string::npos || dot == 5) return nullptr;
    const std::string number = key.substr(5, dot - 5);
    if (number.find_first_not_of("0123456789") != std::string::npos || number.size() > 6) return nullptr;
    const int n = std::stoi(number);
    if (n < 1 || n > int(spec.layers.size())) return nullptr;
    const LayerSpec& l = spec.layers[std::size_t(n - 1)];
    for (const LayerField* f : layerTypeInfo(l.type).fields)
        if (key.substr(dot + 1) == f->meta.key) {
            *layer = n - 1;
            *lf = f;
            return &f->meta;
        }
    return nullptr;
}

std::string trim(std::string s) {
    s.erase(0, s.find_first_not_of(" \t"));
    s.erase(s.find_last_not_of(" \t") + 1);
    return s;
}

std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> out;
    std::string cur;
    std::istringstream in(s);
    while (std::getline(in, cur, sep)) out.push_back(trim(cur));
    if (!s.empty() && s.back() == sep) out.push_back("");
    return out;
}

std::string keysHelp(const ModelSpec& spec) {
    std::string s =
        "lr, batch, optimizer, a training key such as optimizer.learning_rate or l2, or layerN.key";
    for (std::size_t i = 0; i < spec.layers.size(); ++i) {
        const auto& fields = layerTypeInfo(spec.layers[i].type).fields;
        if (!fields.empty()) {
            s += " (e.g. layer" + std::to_string(i + 1) + "." + fields.front()->meta.key + ")";
            break;
        }
    }
    return s;
}

std::string readWhole(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::string localTimeNow(const char* format) {
    const std::time_t t = std::time(nullptr);
    std::tm tm{};
    localtime_r(&t, &tm);
    char buf[64];
    std::strftime(buf, sizeof buf, format, &tm);
    return buf;
}

ojson number(double v) {
    return std::isfinite(v) ? ojson(v) : ojson();
}

}  // namespace

std::string resolveSweepKey(const std::string& name, const ModelSpec& spec) {
    std::string key = name;
    for (const Alias& a : kAliases)
        if (name == a.name) key = a.path;
    if (!trainingField(key) && key.find('.') == std::string::npos) {
        // A training key without its object, when only one object has it ("learning_rate", "momentum").
        std::string found;
        int matches = 0;
        for (const TrainingField* f : trainingFields())
            if (key == f->meta.key) {
                found = f->meta.path();
                ++matches;
            }
        if (matches == 1) key = found;
        if (matches > 1)
            throw SpecError("setting \"" + name +
                            "\" is in more than one place: write it with its object, e.g. " + found);
    }
    int layer;
    const LayerField* lf;
    const TrainingField* tf;
    if (metaOf(key, spec, &layer, &lf, &tf)) return key;
    if (key.rfind("layer", 0) == 0) {
        const auto dot = key.find('.');
        const std::string number = dot == std::string::npos ? "" : key.substr(5, dot - 5);
        const int n =
            number.empty() || number.find_first_not_of("0123456789") != std::string::npos || number.size() > 6
                ? 0
                : std::stoi(number);
        if (n < 1 || n > int(spec.layers.size()))
            throw SpecError("setting \"" + name + "\": the model has layers 1 to " +
                            std::to_string(spec.layers.size()) + " (numbered as in the editor)");
        const LayerSpec& l = spec.layers[std::size_t(n - 1)];
        std::string keys;
        for (const LayerField* f : layerTypeInfo(l.type).fields)
            keys += (keys.empty() ? "" : ", ") + std::string(f->meta.key);
        throw SpecError("setting \"" + name + "\": " + layerLabel(n - 1, l.type) +
                        (keys.empty() ? " has no settings" : " has " + keys));
    }
    throw SpecError("unknown setting \"" + name + "\": use " + keysHelp(spec));
}

void applySetting(ModelSpec& spec, const std::string& key, const std::string& value) {
    int layer;
    const LayerField* lf;
    const TrainingField* tf;
    const FieldMeta* meta = metaOf(key, spec, &layer, &lf, &tf);
    if (!meta) throw SpecError("unknown setting \"" + key + "\"");
    FieldValue v;
    if (std::string problem = meta->parse(value, &v); !problem.empty()) {
        const std::string where =
            layer >= 0 ? layerLabel(layer, spec.layers[std::size_t(layer)].type) + " " + meta->key
                       : std::string(meta->path());
        throw SpecError(where + ": " + problem);
    }
    if (tf) tf->set(spec.training, v);
    if (lf) lf->set(spec.layers[std::size_t(layer)], v);
}

SweepAxis parseSweepAxis(const std::string& text, const ModelSpec& spec) {
    const auto eq = text.find('=');
    if (eq == std::string::npos || eq == 0)
        throw SpecError("\"" + text +
                        "\": write a setting and its values, e.g. lr=0.1,0.01 or lr=log:1e-4:1e-1");
    SweepAxis axis;
    axis.key = resolveSweepKey(trim(text.substr(0, eq)), spec);
    const std::string values = trim(text.substr(eq + 1));
    int layer;
    const LayerField* lf;
    const TrainingField* tf;
    const FieldMeta* meta = metaOf(axis.key, spec, &layer, &lf, &tf);
    const std::string where = layer >= 0
                                  ? layerLabel(layer, spec.layers[std::size_t(layer)].type) + " " + meta->key
                                  : std::string(meta->path());
    if (values.rfind("log:", 0) == 0 || values.rfind("uniform:", 0) == 0) {
        const bool log = values[0] == 'l';
        axis.kind = log ? SweepAxis::Kind::Log : SweepAxis::Kind::Uniform;
        axis.whole = meta->kind == FieldKind::Int;
        const std::vector<std::string> parts = split(values, ':');
        if (parts.size() != 3)
            throw SpecError(text + ": a range is " + (log ? "log" : "uniform") +
                            ":LOW:HIGH, e.g. lr=log:1e-4:1e-1");
        if (meta->kind != FieldKind::Int && meta->kind != FieldKind::Float)
            throw SpecError(text + ": " + where + " is not a number; give a list of values instead");
        FieldValue lo, hi;
        for (int i = 1; i <= 2; ++i)
            if (std::string problem = meta->parse(parts[std::size_t(i)], i == 1 ? &lo : &hi);
                !problem.empty())
                throw SpecError(text + ": " + where + " " + problem);
        axis.lo = meta->kind == FieldKind::Int ? double(lo.whole) : double(lo.real);
        axis.hi = meta->kind == FieldKind::Int ? double(hi.whole) : double(hi.real);
        if (!(axis.lo < axis.hi)) throw SpecError(text + ": the range's low end must be below its high end");
        if (log && axis.lo <= 0) throw SpecError(text + ": a log range needs a low end above 0");
        return axis;
    }
    for (const std::string& v : split(values, ',')) {
        FieldValue fv;
        if (std::string problem = meta->parse(v, &fv); !problem.empty())
            throw SpecError(text + ": " + where + " " + problem);
        axis.values.push_back(meta->valueText(fv));
    }
    if (axis.values.empty()) throw SpecError(text + ": give at least one value");
    return axis;
}

std::vector<SweepTrial> planSweep(const std::vector<SweepAxis>& axes, int randomTrials,
                                  unsigned long long seed) {
    std::vector<SweepTrial> trials;
    if (axes.empty()) throw SpecError("a sweep needs at least one setting to vary (--vary KEY=VALUES)");
    if (randomTrials <= 0) {
        for (const SweepAxis& a : axes)
            if (a.kind != SweepAxis::Kind::List)
                throw SpecError("setting " + a.key +
                                " has a range: a range needs random search (--random N)");
        trials.push_back({});
        for (const SweepAxis& a : axes) {
            std::vector<SweepTrial> next;
            for (const SweepTrial& t : trials)
                for (const std::string& v : a.values) {
                    SweepTrial n = t;
                    n.settings.emplace_back(a.key, v);
                    next.push_back(std::move(n));
                }
            trials = std::move(next);
        }
        return trials;
    }
    std::mt19937_64 rng(seed);
    for (int i = 0; i < randomTrials; ++i) {
        SweepTrial t;
        for (const SweepAxis& a : axes) {
            if (a.kind == SweepAxis::Kind::List) {
                std::uniform_int_distribution<std::size_t> pick(0, a.values.size() - 1);
                t.settings.emplace_back(a.key, a.values[pick(rng)]);
                continue;
            }
            std::uniform_real_distribution<double> u(0, 1);
            const double x = u(rng);
            double v = a.kind == SweepAxis::Kind::Log
                           ? std::exp(std::log(a.lo) + x * (std::log(a.hi) - std::log(a.lo)))
                           : a.lo + x * (a.hi - a.lo);
            v = std::clamp(v, a.lo, a.hi);
            char buf[32];
            // Whole numbers stay whole (a batch size); others keep 3 significant digits, as people write
            // them.
            if (a.whole)
                std::snprintf(buf, sizeof buf, "%lld", (long long)std::llround(v));
            else
                std::snprintf(buf, sizeof buf, "%.3g", v);
            t.settings.emplace_back(a.key, buf);
        }
        trials.push_back(std::move(t));
    }
    return trials;
}

ModelSpec trialSpec(const ModelSpec& base, const SweepTrial& trial) {
    ModelSpec spec = base;
    std::string what;
    for (const RunSetting& s : trial.settings) what += (what.empty() ? "" : ", ") + s.first + "=" + s.second;
    try {
        for (const RunSetting& s : trial.settings) applySetting(spec, s.first, s.second);
        validateTraining(spec.training);
        validateModel(spec);
    } catch (const SpecError& e) {
        throw SpecError("trial " + what + ": " + e.what());
    }
    return spec;
}

bool isSweepMetric(const std::string& name) {
    return name == "val_accuracy" || name == "test_accuracy";
}

double sweepMetric(const RunInfo& run, const std::string& metric) {
    return metric == "test_accuracy" ? run.testAccuracy : run.bestValAccuracy;
}

std::string sweepStatePath(const std::string& runsDir, const std::string& id) {
    return runsDir + "/" + id + ".sweep.json";
}

std::string newSweepId(const std::string& runsDir) {
    std::error_code ec;
    fs::create_directories(runsDir, ec);
    const std::string stamp = localTimeNow("%Y-%m-%d_%H%M%S");
    std::random_device rd;
    std::mt19937 rng(rd() ^ unsigned(::getpid()));
    for (int attempt = 0; attempt < 100; ++attempt) {
        char id[64];
        std::snprintf(id, sizeof id, "sweep-%s-%04x", stamp.c_str(), unsigned(rng() & 0xffff));
        const std::string path = sweepStatePath(runsDir, id);
        const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
        if (fd >= 0) {
            ::close(fd);
            return id;
        }
        if (errno != EEXIST)
            throw RunRecordError("cannot make a sweep state file in " + runsDir + ": " +
                                 std::strerror(errno));
    }
    throw RunRecordError("cannot find a free sweep name in " + runsDir);
}

std::string saveSweepState(const std::string& runsDir, const SweepState& s) {
    ojson j;
    j["format"] = "layerlab-sweep";
    j["version"] = 1;
    j["id"] = s.id;
    j["metric"] = s.metric;
    j["created"] = s.created;
    j["signature"] = s.signature;
    if (!s.axes.empty()) {
        ojson axes = ojson::array();
        for (const SweepAxis& a : s.axes) {
            ojson o = {{"key", a.key},
                       {"kind", a.kind == SweepAxis::Kind::Log       ? "log"
                                : a.kind == SweepAxis::Kind::Uniform ? "uniform"
                                                                     : "list"}};
            if (a.kind == SweepAxis::Kind::List)
                o["values"] = a.values;
            else
                o.update({{"lo", a.lo}, {"hi", a.hi}, {"whole", a.whole}});
            axes.push_back(o);
        }
        j["plan"] = {{"axes", axes}, {"random", s.randomTrials}, {"seed", s.seed}};
    }
    j["trials"] = ojson::array();
    for (const SweepTrialState& t : s.trials) {
        ojson settings = ojson::object();
        for (const RunSetting& x : t.trial.settings) settings[x.first] = x.second;
        j["trials"].push_back({{"settings", settings},
                               {"done", t.done},
                               {"run", t.run},
                               {"status", t.status},
                               {"val_accuracy", number(t.valAccuracy)},
                               {"test_accuracy", number(t.testAccuracy)},
                               {"seconds", number(t.seconds)}});
    }
    return writeFileAtomically(sweepStatePath(runsDir, s.id), j.dump(2) + "\n");
}

std::vector<SweepState> loadSweepStates(const std::string& runsDir) {
    std::vector<SweepState> out;
    std::error_code ec;
    for (fs::directory_iterator it(runsDir, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.size() <= 11 || name.compare(name.size() - 11, 11, ".sweep.json") != 0) continue;
        const auto j =
            ojson::parse(readWhole(it->path().string()), nullptr, false);  // settings keep their order
        if (!j.is_object() || j.value("format", "") != "layerlab-sweep" || !j.contains("trials") ||
            !j["trials"].is_array())
            continue;
        SweepState s;
        s.id = j.value("id", "");
        s.metric = j.value("metric", "val_accuracy");
        s.created = j.value("created", "");
        s.signature = j.value("signature", "");
        if (j.contains("plan") && j["plan"].is_object()) {
            const auto& plan = j["plan"];
            if (plan.contains("random") && plan["random"].is_number_integer())
                s.randomTrials = plan["random"].get<int>();
            if (plan.contains("seed") && plan["seed"].is_number_unsigned())
                s.seed = plan["seed"].get<unsigned long long>();
            if (plan.contains("axes") && plan["axes"].is_array())
                for (const auto& a : plan["axes"]) {
                    if (!a.is_object() || !a.contains("key") || !a["key"].is_string()) continue;
                    SweepAxis axis;
                    axis.key = a["key"].get<std::string>();
                    const std::string kind = a.value("kind", "list");
                    axis.kind = kind == "log"       ? SweepAxis::Kind::Log
                                : kind == "uniform" ? SweepAxis::Kind::Uniform
                                                    : SweepAxis::Kind::List;
                    if (a.contains("values") && a["values"].is_array())
                        for (const auto& v : a["values"])
                            if (v.is_string()) axis.values.push_back(v.get<std::string>());
                    if (a.contains("lo") && a["lo"].is_number()) axis.lo = a["lo"].get<double>();
                    if (a.contains("hi") && a["hi"].is_number()) axis.hi = a["hi"].get<double>();
                    axis.whole = a.value("whole", false);
                    s.axes.push_back(std::move(axis));
                }
        }
        for (const auto& t : j["trials"]) {
            if (!t.is_object()) continue;
            SweepTrialState ts;
            if (t.contains("settings") && t["settings"].is_object())
                for (auto it2 = t["settings"].begin(); it2 != t["settings"].end(); ++it2)
                    if (it2->is_string()) ts.trial.settings.emplace_back(it2.key(), it2->get<std::string>());
            ts.done = t.value("done", false);
            ts.run = t.value("run", "");
            ts.status = t.value("status", "");
            auto num = [&](const char* k) {
                return t.contains(k) && t[k].is_number() ? t[k].get<double>() : kNaN;
            };
            ts.valAccuracy = num("val_accuracy");
            ts.testAccuracy = num("test_accuracy");
            ts.seconds = num("seconds");
            s.trials.push_back(std::move(ts));
        }
        out.push_back(std::move(s));
    }
    std::sort(out.begin(), out.end(),
              [](const SweepState& a, const SweepState& b) { return a.created > b.created; });
    return out;
}

SweepState newSweepState(const std::string& id, const std::string& signature, const std::string& metric,
                         const std::vector<SweepTrial>& trials) {
    SweepState s;
    s.id = id;
    s.signature = signature;
    s.metric = metric;
    s.created = localTimeNow("%Y-%m-%dT%H:%M:%S");
    for (const SweepTrial& trial : trials) {
        SweepTrialState ts;
        ts.trial = trial;
        s.trials.push_back(ts);
    }
    return s;
}

std::string sweepTrialName(const std::string& name, const SweepTrial& trial) {
    std::string out = name;
    for (const RunSetting& x : trial.settings) {
        const std::string key =
            x.first.rfind("layer", 0) == 0 ? x.first : x.first.substr(x.first.rfind('.') + 1);
        out += " " + key + "=" + x.second;
    }
    return out;
}

void takeTrialResult(SweepTrialState& trial, const RunInfo& run) {
    if (!run.id.empty()) trial.run = run.id;
    trial.status = runStatusKey(run.status);
    trial.valAccuracy = run.bestValAccuracy;
    trial.testAccuracy = run.testAccuracy;
    trial.seconds = run.seconds;
    trial.done = run.status != RunStatus::Stopped && run.status != RunStatus::Failed &&
                 run.status != RunStatus::Running;
}

double sweepMetric(const SweepTrialState& trial, const std::string& metric) {
    return metric == "test_accuracy" ? trial.testAccuracy : trial.valAccuracy;
}

std::vector<const SweepTrialState*> rankSweepTrials(const SweepState& state) {
    std::vector<const SweepTrialState*> ranked;
    for (const SweepTrialState& t : state.trials)
        if (!t.run.empty()) ranked.push_back(&t);
    auto key = [&](const SweepTrialState* t) {
        const double v = sweepMetric(*t, state.metric);
        return std::isfinite(v) ? v : -1.0;
    };
    std::stable_sort(ranked.begin(), ranked.end(),
                     [&](const SweepTrialState* x, const SweepTrialState* y) { return key(x) > key(y); });
    return ranked;
}

SweepDeadline::SweepDeadline(Trainer& trainer, std::chrono::steady_clock::time_point deadline, bool enabled)
    : m_trainer(trainer), m_deadline(deadline), m_enabled(enabled) {}

void SweepDeadline::onBatchEnd(const BatchMetrics&) {
    if (m_enabled && !m_hit && std::chrono::steady_clock::now() >= m_deadline) {
        m_hit = true;
        m_trainer.stop();
    }
}

// ---- Resuming -------------------------------------------------------------------------------------------

namespace {

void clearIds(std::vector<LayerSpec>& layers) {
    for (LayerSpec& l : layers) {
        l.id.clear();
        clearIds(l.layers);
    }
}

std::string modelSignature(const ModelSpec& base) {
    ModelSpec spec = base;
    clearIds(spec.layers);
    return serializeModelSpec(spec) + "\n-- plan --\n";
}

std::string exact(double v) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    return buf;
}

bool toNumber(const std::string& s, double* out) {
    if (s.empty()) return false;
    char* end = nullptr;
    *out = std::strtod(s.c_str(), &end);
    return *end == '\0' && std::isfinite(*out);
}

}  // namespace

std::string sweepSignature(const ModelSpec& base, const std::vector<SweepAxis>& axes, int randomTrials,
                           unsigned long long seed) {
    std::string s = modelSignature(base);
    for (const SweepAxis& a : axes) {
        s += a.key + "=";
        if (a.kind == SweepAxis::Kind::List) {
            for (std::size_t i = 0; i < a.values.size(); ++i) s += (i ? "," : "") + a.values[i];
        } else {
            s += std::string(a.kind == SweepAxis::Kind::Log ? "log:" : "uniform:") + exact(a.lo) + ":" +
                 exact(a.hi) + (a.whole ? ":whole" : "");
        }
        s += "\n";
    }
    return s + "random " + std::to_string(std::max(0, randomTrials)) + " seed " + std::to_string(seed) + "\n";
}

bool isSweepOf(const SweepState& state, const ModelSpec& base) {
    return state.signature.rfind(modelSignature(base), 0) == 0;
}

int sweepTrialsDone(const SweepState& state) {
    int done = 0;
    for (const SweepTrialState& t : state.trials) done += t.done;
    return done;
}

std::vector<SweepState> unfinishedSweeps(const std::string& runsDir, const ModelSpec& base) {
    std::vector<SweepState> out;
    for (SweepState& s : loadSweepStates(runsDir))
        if (isSweepOf(s, base) && sweepTrialsDone(s) < int(s.trials.size())) out.push_back(std::move(s));
    return out;
}

std::string sweepAxisValuesText(const SweepAxis& axis) {
    if (axis.kind == SweepAxis::Kind::List) {
        std::string s;
        for (std::size_t i = 0; i < axis.values.size(); ++i) s += (i ? ", " : "") + axis.values[i];
        return s;
    }
    char lo[32], hi[32];
    std::snprintf(lo, sizeof lo, "%g", axis.lo);
    std::snprintf(hi, sizeof hi, "%g", axis.hi);
    return std::string(axis.kind == SweepAxis::Kind::Log ? "log:" : "uniform:") + lo + ":" + hi;
}

bool isLogScaled(const SweepAxis& axis) {
    if (axis.kind == SweepAxis::Kind::Log) return true;
    if (axis.kind == SweepAxis::Kind::Uniform) return false;
    double lo = std::numeric_limits<double>::infinity(), hi = 0;
    for (const std::string& v : axis.values) {
        double x;
        if (!toNumber(v, &x) || x <= 0) return false;
        lo = std::min(lo, x);
        hi = std::max(hi, x);
    }
    return !axis.values.empty() && hi >= 10 * lo;
}

// ---- Two trials at once -------------------------------------------------------------------------------

SweepParallel planSweepParallel(const ModelSpec& base, const std::vector<SweepTrial>& trials, int requested,
                                int cores) {
    SweepParallel p;
    const int asked = base.training.threads;  // 0 = all cores
    const int half = std::max(1, cores / 2);
    auto one = [&](const std::string& why) {
        p.atOnce = 1;
        p.threadsEach = 0;
        p.why = why;
        return p;
    };
    if (requested == 1) return one("one trial at a time, as chosen");
    if (cores < 2) return one("one trial at a time: this machine has one core");
    if (trials.size() < 2) return one("one trial at a time: there is one trial");
    const int each = asked == 0 ? half : asked;
    if (requested != 2 && asked > half)
        return one("one trial at a time: the model asks for " + std::to_string(asked) +
                   " threads, more than half of the " + std::to_string(cores) + " cores");
    // Two at once need the memory of two trials (each at the threads it gets) under the limit.
    double largest = 0;
    std::string smallWhy;
    bool allSmall = true;
    for (const SweepTrial& t : trials) {
        const ModelSpec spec = trialSpec(base, t);
        const int batch = spec.training.batchSize;
        largest = std::max(largest, estimateTrainingMemory(spec, batch, std::min(each, cores)).total());
        // The work of one step on each core when the trial has the machine to itself.
        const int alone = asked == 0 ? cores : std::min(asked, cores);
        const double perThread = inferShapes(spec).trainFlopsPerSample * batch / alone;
        if (batch < alone) continue;  // fewer samples than cores: some cores have nothing to do
        if (perThread < kSmallTrialFlopsPerThread || !allSmall) continue;
        allSmall = false;
        char buf[160];
        std::snprintf(
            buf, sizeof buf,
            "one trial at a time: a trial has %.1f MFLOP per thread and batch on %d threads, enough "
            "to use them all",
            perThread / 1e6, alone);
        smallWhy = buf;
    }
    // A model that asks for at most half the cores leaves the others idle: two at once, nothing changed.
    if (requested != 2 && !allSmall && asked == 0) return one(smallWhy);
    if (2 * largest > trainingMemoryLimit()) {
        char buf[200];
        std::snprintf(
            buf, sizeof buf,
            "one trial at a time: two trials would need about %.1f GB together, more than the limit "
            "of %.1f GB",
            2 * largest / 1e9, trainingMemoryLimit() / 1e9);
        return one(buf);
    }
    p.atOnce = 2;
    p.threadsEach = asked == 0 ? half : 0;
    const std::string threads = std::to_string(each) + " thread" + (each == 1 ? "" : "s");
    if (requested == 2)
        p.why = "two trials at once, as chosen, " + threads + " each";
    else if (asked > 0)
        p.why = "two trials at once, " + threads + " each: the model asks for " + threads +
                ", and one trial "
                "alone would leave the other cores idle";
    else
        p.why = "two trials at once, " + threads + " each: the trials are too small to use all " +
                std::to_string(cores) + " cores";
    if (asked == 0) p.why += " (the model's threads, 0 = all cores, become " + std::to_string(half) + ")";
    return p;
}

ModelSpec trialSpec(const ModelSpec& base, const SweepTrial& trial, const SweepParallel& parallel) {
    ModelSpec spec = trialSpec(base, trial);
    if (parallel.threadsEach > 0) spec.training.threads = parallel.threadsEach;
    return spec;
}

void runSweepTrials(SweepState& state, int atOnce, const std::function<SweepTrialOutcome(int)>& runTrial,
                    const std::function<void(int)>& afterTrial) {
    std::mutex mutex;
    std::size_t next = 0;
    bool goOn = true;
    std::exception_ptr error;
    // Takes the next trial not done and not started; -1 when there is none or the sweep is ending.
    auto take = [&]() -> int {
        std::lock_guard lock(mutex);
        while (goOn && !error && next < state.trials.size() && state.trials[next].done) ++next;
        if (!goOn || error || next >= state.trials.size()) return -1;
        return int(next++);
    };
    auto worker = [&] {
        for (int k = take(); k >= 0; k = take()) {
            try {
                SweepTrialOutcome o = runTrial(k);
                std::lock_guard lock(mutex);
                state.trials[std::size_t(k)] = std::move(o.state);
                goOn = goOn && o.goOn;
                afterTrial(k);
            } catch (...) {
                std::lock_guard lock(mutex);
                if (!error) error = std::current_exception();
            }
        }
    };
    if (atOnce <= 1) {
        worker();
    } else {
        std::thread second(worker);
        worker();
        second.join();
    }
    if (error) std::rethrow_exception(error);
}

}  // namespace layerlab
