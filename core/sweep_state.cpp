// Sweep state files (<runs>/<id>.sweep.json): naming, writing and reading them, and what resuming needs
// (the sweep's signature, its unfinished trials). Declared in core/sweep.h.
#include "core/sweep.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>

#include "core/atomic_file.h"
#include "core/errors.h"

namespace fs = std::filesystem;
using ojson = nlohmann::ordered_json;

namespace layerlab {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

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

}  // namespace

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

// ---- Resuming -------------------------------------------------------------------------------------------

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

}  // namespace layerlab
