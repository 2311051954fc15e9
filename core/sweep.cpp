#include "core/sweep.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <random>
#include <sstream>

#include "core/errors.h"
#include "core/layer_types.h"
#include "core/shape_inference.h"
#include "core/training_fields.h"

namespace layerlab {

namespace {

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

bool toNumber(const std::string& s, double* out) {
    if (s.empty()) return false;
    char* end = nullptr;
    *out = std::strtod(s.c_str(), &end);
    return *end == '\0' && std::isfinite(*out);
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

}  // namespace layerlab
