// The runs folder as LayerLab reads it: a run's run.json (with the user's edits) and its CSV curves,
// renaming, notes, colours and deleting (RunStore, loadRunCurves in core/run_record.h).
#include "core/run_record.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/atomic_file.h"
#include "core/run_json.h"

namespace fs = std::filesystem;

namespace layerlab {

using namespace runjson;

namespace {

template <class Json>
double numberOf(const Json& j, const char* key) {
    auto it = j.find(key);
    if (it == j.end() || !it->is_number()) return kNaN;
    return it->template get<double>();
}

template <class Json>
std::string stringOf(const Json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->template get<std::string>() : std::string();
}

template <class Json>
long long intOf(const Json& j, const char* key, long long def = 0) {
    auto it = j.find(key);
    return it != j.end() && it->is_number() ? it->template get<long long>() : def;
}

std::string editUserField(const std::string& folder, const char* key, const std::string& value) {
    RunInfo r = RunStore::load(folder);
    if (!r.readable) return "cannot edit run " + folder + ": " + r.problem;
    std::string err;
    nlohmann::json j = nlohmann::json::object();
    const std::string userPath = folder + "/user.json";
    std::error_code ec;
    if (fs::exists(userPath, ec)) {
        j = nlohmann::json::parse(readWhole(userPath, &err), nullptr, false);
        if (!j.is_object()) j = nlohmann::json::object();
    }
    j[key] = value;
    if (std::string e = writeFileAtomically(userPath, j.dump(2) + "\n"); !e.empty())
        return "cannot save the edit of run " + r.id + ": " + e;
    // A run that no longer runs has no writer: run.json gets the edit too, for readers without LayerLab.
    if (r.status != RunStatus::Running) {
        if (std::string(key) == "name") r.name = value;
        if (std::string(key) == "note") r.note = value;
        if (std::string(key) == "colour") r.colour = value;
        if (std::string e = writeFileAtomically(folder + "/run.json", infoJson(r).dump(2) + "\n"); !e.empty())
            return "cannot save the edit of run " + r.id + ": " + e;
    }
    return {};
}

std::vector<std::string> splitCsv(const std::string& line) {
    std::vector<std::string> out;
    std::string cur;
    for (char c : line) {
        if (c == ',') {
            out.push_back(cur);
            cur.clear();
        } else {
            cur += c;
        }
    }
    out.push_back(cur);
    return out;
}

bool toDouble(const std::string& s, double* out) {
    if (s.empty()) {
        *out = kNaN;
        return true;
    }
    char* end = nullptr;
    *out = std::strtod(s.c_str(), &end);
    return *end == '\0';
}

// Rows of a CSV with `columns` numeric cells each; a line that is cut (no newline at the end of the file) or
// does not parse is skipped.
std::vector<std::vector<double>> readRows(const std::string& path, std::size_t columns) {
    std::string err;
    const std::string text = readWhole(path, &err);
    std::vector<std::vector<double>> rows;
    std::size_t pos = text.find('\n');  // skip the header
    if (pos == std::string::npos) return rows;
    ++pos;
    while (pos < text.size()) {
        const std::size_t nl = text.find('\n', pos);
        if (nl == std::string::npos) break;  // the last line was cut
        const std::vector<std::string> cells = splitCsv(text.substr(pos, nl - pos));
        pos = nl + 1;
        if (cells.size() != columns) continue;
        std::vector<double> row(columns);
        bool ok = true;
        for (std::size_t i = 0; i < columns && ok; ++i) ok = toDouble(cells[i], &row[i]);
        if (ok) rows.push_back(std::move(row));
    }
    return rows;
}

}  // namespace

RunCurves loadRunCurves(const std::string& folder) {
    RunCurves c;
    for (const std::vector<double>& r : readRows(folder + "/epochs.csv", 11)) {
        RunEpoch e;
        e.metrics.epoch = int(r[0]);
        e.metrics.trainLoss = r[1];
        e.metrics.trainAccuracy = r[2];
        e.metrics.valLoss = r[3];
        e.metrics.valAccuracy = r[4];
        e.metrics.learningRate = r[5];
        e.metrics.seconds = r[6];
        e.metrics.samplesPerSecond = r[7];
        e.samplesSeen = (long long)r[8];
        e.elapsed = r[9];
        e.metrics.best = r[10] != 0;
        c.epochs.push_back(e);
    }
    for (const std::vector<double>& r : readRows(folder + "/batches.csv", 8)) {
        RunBatch b;
        b.metrics.epoch = int(r[0]);
        b.metrics.batch = int(r[1]);
        b.metrics.batchesPerEpoch = std::max(1, int(r[2]));
        b.metrics.loss = r[3];
        b.metrics.accuracy = r[4];
        b.metrics.learningRate = r[5];
        b.samplesSeen = (long long)r[6];
        b.elapsed = r[7];
        c.batches.push_back(b);
    }
    return c;
}

// ---- RunStore ------------------------------------------------------------------------------------------

RunInfo RunStore::load(const std::string& folder) {
    RunInfo r;
    std::error_code ec;
    r.folder = fs::absolute(folder, ec).lexically_normal().string();
    r.id = fs::path(r.folder).filename().string();
    r.bestValAccuracy = r.finalValAccuracy = r.finalValLoss = r.testLoss = r.testAccuracy = kNaN;
    r.bestMonitorValue = r.bestEpochValAccuracy = kNaN;
    auto unreadable = [&](const std::string& why) {
        r.readable = false;
        r.problem = why;
        r.name = r.id;
        return r;
    };
    if (!fs::is_directory(folder, ec)) return unreadable("not a run folder (a file LayerLab did not write)");
    std::string err;
    const std::string text = readWhole(folder + "/run.json", &err);
    if (!err.empty()) return unreadable("run.json cannot be read: " + err);
    nlohmann::ordered_json j;  // ordered: the settings keep the file's order (the model file's), not A-Z
    try {
        j = nlohmann::ordered_json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
        return unreadable("run.json is not valid JSON (" + std::string(e.what()) + ")");
    }
    if (!j.is_object() || stringOf(j, "format") != kFormat)
        return unreadable("run.json is not a LayerLab run (no \"format\": \"layerlab-run\")");
    if (intOf(j, "version") > kVersion)
        return unreadable("run.json has version " + std::to_string(intOf(j, "version")) +
                          ", newer than this LayerLab reads (" + std::to_string(kVersion) + ")");
    if (!runStatusFromKey(stringOf(j, "status"), &r.status))
        return unreadable("run.json has an unknown status \"" + stringOf(j, "status") + "\"");
    r.name = stringOf(j, "name");
    r.note = stringOf(j, "note");
    r.colour = stringOf(j, "colour");
    r.sweepId = stringOf(j, "sweep");
    r.sweepTrial = int(intOf(j, "sweep_trial", -1));
    r.message = stringOf(j, "message");
    r.startTime = stringOf(j, "start_time");
    r.startedAt = intOf(j, "started_at");
    r.modelName = stringOf(j, "model_name");
    r.modelFile = stringOf(j, "model_file");
    r.initialWeights = stringOf(j, "initial_weights");
    if (auto m = j.find("model"); m != j.end() && m->is_object()) r.modelJson = m->dump(2);
    if (auto s = j.find("settings"); s != j.end() && s->is_object())
        for (auto it = s->begin(); it != s->end(); ++it)
            if (it->is_string()) r.settings.emplace_back(it.key(), it->get<std::string>());
    r.dataset = stringOf(j, "dataset");
    r.trainSamples = std::size_t(std::max(0LL, intOf(j, "train_samples")));
    r.validationSamples = std::size_t(std::max(0LL, intOf(j, "validation_samples")));
    r.testSamples = std::size_t(std::max(0LL, intOf(j, "test_samples")));
    r.threads = int(intOf(j, "threads"));
    if (auto m = j.find("machine"); m != j.end() && m->is_object()) {
        r.cpu = stringOf(*m, "cpu");
        r.cores = int(intOf(*m, "cores"));
    }
    r.version = stringOf(j, "layerlab_version");
    r.epochsPlanned = int(intOf(j, "epochs_planned"));
    r.epochsDone = int(intOf(j, "epochs_done"));
    r.bestEpoch = int(intOf(j, "best_epoch"));
    r.monitor = stringOf(j, "monitor");
    r.bestMonitorValue = numberOf(j, "best_monitor_value");
    r.bestEpochValAccuracy = numberOf(j, "best_epoch_val_accuracy");
    r.bestValAccuracy = numberOf(j, "best_val_accuracy");
    r.finalValAccuracy = numberOf(j, "final_val_accuracy");
    r.finalValLoss = numberOf(j, "final_val_loss");
    r.testLoss = numberOf(j, "test_loss");
    r.testAccuracy = numberOf(j, "test_accuracy");
    r.seconds = numberOf(j, "seconds");
    if (!std::isfinite(r.seconds)) r.seconds = 0;
    applyUserFields(folder, r);
    return r;
}

std::vector<RunInfo> RunStore::list() const {
    std::vector<RunInfo> out;
    std::error_code ec;
    if (!fs::is_directory(m_dir, ec)) return out;
    for (fs::directory_iterator it(m_dir, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.empty() || name[0] == '.') continue;
        if (name.size() > 11 && name.compare(name.size() - 11, 11, ".sweep.json") == 0) continue;
        out.push_back(load(it->path().string()));
    }
    std::sort(out.begin(), out.end(), [](const RunInfo& a, const RunInfo& b) {
        if (a.startedAt != b.startedAt) return a.startedAt > b.startedAt;
        return a.id > b.id;
    });
    return out;
}

std::string RunStore::rename(const std::string& folder, const std::string& name) {
    return editUserField(folder, "name", name);
}

std::string RunStore::setNote(const std::string& folder, const std::string& note) {
    return editUserField(folder, "note", note);
}

std::string RunStore::setColour(const std::string& folder, const std::string& colour) {
    return editUserField(folder, "colour", colour);
}

std::string RunStore::remove(const std::string& folder) {
    std::error_code ec;
    if (!fs::is_directory(folder, ec)) {
        if (fs::is_regular_file(folder, ec) && fs::remove(folder, ec)) return {};
        return "cannot delete " + folder + ": it is not a run folder";
    }
    fs::remove_all(folder, ec);
    if (ec) return "cannot delete " + folder + ": " + ec.message();
    return {};
}

}  // namespace layerlab
