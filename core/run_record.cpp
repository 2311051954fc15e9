#include "core/run_record.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>

#include "core/atomic_file.h"
#include "core/checkpoint.h"
#include "core/errors.h"
#include "core/layer_types.h"
#include "core/parallel.h"
#include "core/training_fields.h"

#ifndef LAYERLAB_VERSION
#define LAYERLAB_VERSION "unknown"
#endif

namespace fs = std::filesystem;
using ojson = nlohmann::ordered_json;

namespace layerlab {

namespace {

constexpr const char* kFormat = "layerlab-run";
constexpr int kVersion = 1;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// What the trainer monitors to mark the best epoch (core/trainer.cpp): the early-stopping monitor on the
// validation set, or on the training set when there is none.
std::string monitorKey(Monitor m, bool hasValidation) {
    return std::string(hasValidation ? "val_" : "train_") + (m == Monitor::ValAccuracy ? "accuracy" : "loss");
}

const char* kBatchHeader = "epoch,batch,batches_per_epoch,loss,accuracy,learning_rate,samples_seen,seconds\n";
const char* kEpochHeader =
    "epoch,train_loss,train_accuracy,val_loss,val_accuracy,learning_rate,seconds,samples_per_second,"
    "samples_seen,elapsed_seconds,best\n";

ojson number(double v) {
    return std::isfinite(v) ? ojson(v) : ojson();
}

double numberOf(const nlohmann::json& j, const char* key) {
    auto it = j.find(key);
    if (it == j.end() || !it->is_number()) return kNaN;
    return it->get<double>();
}

std::string stringOf(const nlohmann::json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

long long intOf(const nlohmann::json& j, const char* key, long long def = 0) {
    auto it = j.find(key);
    return it != j.end() && it->is_number() ? it->get<long long>() : def;
}

// Shortest text that reads back as the same double ("0.25", "1e-05"); "" for NaN (an empty CSV cell).
std::string cell(double v) {
    if (!std::isfinite(v)) return std::isnan(v) ? "" : (v > 0 ? "inf" : "-inf");
    char buf[32];
    for (int prec = 6; prec <= 17; ++prec) {
        std::snprintf(buf, sizeof buf, "%.*g", prec, v);
        if (std::strtod(buf, nullptr) == v) break;
    }
    return buf;
}

std::string slug(const std::string& s) {
    std::string out;
    for (char c : s) {
        const unsigned char u = static_cast<unsigned char>(c);
        if (std::isalnum(u))
            out += char(std::tolower(u));
        else if (!out.empty() && out.back() != '-')
            out += '-';
        if (out.size() >= 40) break;
    }
    while (!out.empty() && out.back() == '-') out.pop_back();
    return out.empty() ? "model" : out;
}

std::string readWhole(const std::string& path, std::string* error) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        *error = std::strerror(errno);
        return {};
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

bool writeAll(int fd, const std::string& data) {
    std::size_t done = 0;
    while (done < data.size()) {
        const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        done += std::size_t(n);
    }
    return true;
}

ojson infoJson(const RunInfo& r) {
    ojson j;
    j["format"] = kFormat;
    j["version"] = kVersion;
    j["name"] = r.name;
    j["status"] = runStatusKey(r.status);
    j["message"] = r.message;
    j["start_time"] = r.startTime;
    j["started_at"] = r.startedAt;
    j["seconds"] = r.seconds;
    j["epochs_planned"] = r.epochsPlanned;
    j["epochs_done"] = r.epochsDone;
    j["best_epoch"] = r.bestEpoch;
    j["monitor"] = r.monitor;
    j["best_monitor_value"] = number(r.bestMonitorValue);
    j["best_epoch_val_accuracy"] = number(r.bestEpochValAccuracy);
    j["best_val_accuracy"] = number(r.bestValAccuracy);
    j["final_val_accuracy"] = number(r.finalValAccuracy);
    j["final_val_loss"] = number(r.finalValLoss);
    j["test_loss"] = number(r.testLoss);
    j["test_accuracy"] = number(r.testAccuracy);
    j["note"] = r.note;
    j["colour"] = r.colour;
    j["sweep"] = r.sweepId.empty() ? ojson() : ojson(r.sweepId);
    j["sweep_trial"] = r.sweepId.empty() ? ojson() : ojson(r.sweepTrial);
    j["model_name"] = r.modelName;
    j["model_file"] = r.modelFile;
    j["initial_weights"] = r.initialWeights;
    j["dataset"] = r.dataset;
    j["train_samples"] = r.trainSamples;
    j["validation_samples"] = r.validationSamples;
    j["test_samples"] = r.testSamples;
    j["threads"] = r.threads;
    j["machine"] = {{"cpu", r.cpu}, {"cores", r.cores}};
    j["layerlab_version"] = r.version;
    ojson settings = ojson::object();
    for (const RunSetting& s : r.settings) settings[s.first] = s.second;
    j["settings"] = settings;
    j["model"] = ojson::parse(r.modelJson, nullptr, false);
    return j;
}

void applyUserFields(const std::string& folder, RunInfo& r) {
    std::error_code ec;
    const std::string path = folder + "/user.json";
    if (!fs::exists(path, ec)) return;
    std::string err;
    const auto j = nlohmann::json::parse(readWhole(path, &err), nullptr, false);
    if (!j.is_object()) return;  // a broken edit file never hides the run
    if (j.contains("name") && j["name"].is_string()) r.name = j["name"];
    if (j.contains("note") && j["note"].is_string()) r.note = j["note"];
    if (j.contains("colour") && j["colour"].is_string()) r.colour = j["colour"];
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

std::string localTime(std::time_t t, const char* format) {
    std::tm tm{};
    localtime_r(&t, &tm);
    char buf[64];
    std::strftime(buf, sizeof buf, format, &tm);
    return buf;
}

}  // namespace

const char* runStatusKey(RunStatus s) {
    switch (s) {
        case RunStatus::Running:
            return "running";
        case RunStatus::Finished:
            return "finished";
        case RunStatus::EarlyStopped:
            return "early-stopped";
        case RunStatus::Stopped:
            return "stopped";
        case RunStatus::Diverged:
            return "diverged";
        case RunStatus::Failed:
            return "failed";
    }
    return "running";
}

bool runStatusFromKey(const std::string& key, RunStatus* out) {
    for (RunStatus s : {RunStatus::Running, RunStatus::Finished, RunStatus::EarlyStopped, RunStatus::Stopped,
                        RunStatus::Diverged, RunStatus::Failed})
        if (key == runStatusKey(s)) {
            *out = s;
            return true;
        }
    return false;
}

RunStatus runStatusOf(const TrainResult& r) {
    if (r.failed) return RunStatus::Failed;
    if (r.diverged) return RunStatus::Diverged;
    if (r.stoppedByUser) return RunStatus::Stopped;
    if (r.stoppedEarly) return RunStatus::EarlyStopped;
    return RunStatus::Finished;
}

std::vector<RunSetting> flattenSettings(const ModelSpec& spec) {
    std::vector<RunSetting> out;
    for (const TrainingField* f : trainingFields())
        if (trainingFieldActive(spec.training, *f))
            out.emplace_back(f->meta.path(), f->meta.valueText(f->get(spec.training)));
    for (std::size_t i = 0; i < spec.layers.size(); ++i) {
        const LayerSpec& l = spec.layers[i];
        const LayerTypeInfo& info = layerTypeInfo(l.type);
        const std::string prefix = "layer" + std::to_string(i + 1) + ".";
        out.emplace_back(prefix + "type", info.key);
        for (const LayerField* f : info.fields)
            if (layerFieldActive(l, *f)) out.emplace_back(prefix + f->meta.key, f->meta.valueText(f->get(l)));
    }
    return out;
}

std::string settingLabel(const std::string& key) {
    if (const TrainingField* f = trainingField(key)) return f->meta.label;
    if (key.rfind("layer", 0) == 0) {
        const auto dot = key.find('.');
        if (dot != std::string::npos) {
            const std::string field = key.substr(dot + 1);
            std::string label = field;
            for (const LayerField* f : allLayerFields())
                if (field == f->meta.key) label = f->meta.label;
            if (field == "type") label = "type";
            std::string lower = label;
            if (!lower.empty()) lower[0] = char(std::tolower(static_cast<unsigned char>(lower[0])));
            return "Layer " + key.substr(5, dot - 5) + " " + lower;
        }
    }
    return key;
}

std::string monitorLabel(const std::string& monitor) {
    if (monitor == "val_loss") return "validation loss";
    if (monitor == "val_accuracy") return "validation accuracy";
    if (monitor == "train_loss") return "training loss";
    if (monitor == "train_accuracy") return "training accuracy";
    return monitor;
}

std::string RunInfo::setting(const std::string& key) const {
    for (const RunSetting& s : settings)
        if (s.first == key) return s.second;
    return {};
}

ModelSpec RunInfo::spec() const {
    return parseModelSpec(modelJson);
}

std::vector<std::string> differingSettings(const std::vector<RunInfo>& runs) {
    std::vector<std::string> keys;
    for (const RunInfo& r : runs)
        if (r.readable)
            for (const RunSetting& s : r.settings)
                if (std::find(keys.begin(), keys.end(), s.first) == keys.end()) keys.push_back(s.first);
    std::vector<std::string> out;
    for (const std::string& k : keys) {
        bool first = true, differs = false;
        std::string value;
        bool has = false;
        for (const RunInfo& r : runs) {
            if (!r.readable) continue;
            bool found = false;
            std::string v;
            for (const RunSetting& s : r.settings)
                if (s.first == k) {
                    found = true;
                    v = s.second;
                }
            if (first) {
                has = found;
                value = v;
                first = false;
            } else if (found != has || v != value) {
                differs = true;
            }
        }
        if (differs) out.push_back(k);
    }
    return out;
}

std::string cpuModelName() {
    std::ifstream in("/proc/cpuinfo");
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("model name", 0) != 0) continue;
        const auto colon = line.find(':');
        if (colon == std::string::npos) break;
        std::string v = line.substr(colon + 1);
        v.erase(0, v.find_first_not_of(" \t"));
        return v;
    }
    return "unknown";
}

const char* layerlabVersion() {
    return LAYERLAB_VERSION;
}

std::string runColour(int i) {
    static const char* kColours[] = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
                                     "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};
    return kColours[((i % 10) + 10) % 10];
}

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

std::string userDataFolder() {
    const char* xdg = std::getenv("XDG_DATA_HOME");
    std::string base = xdg && *xdg ? xdg : "";
    if (base.empty()) {
        const char* home = std::getenv("HOME");
        base = std::string(home && *home ? home : ".") + "/.local/share";
    }
    return base + "/LayerLab/LayerLab";
}

std::string defaultRunsDir(const std::string& modelFile, const std::string& dataFolder) {
    if (const char* env = std::getenv("LAYERLAB_RUNS_DIR"); env && *env) return env;
    if (!modelFile.empty()) {
        std::error_code ec;
        const fs::path parent = fs::absolute(modelFile, ec).parent_path();
        return (parent / "runs").string();
    }
    return dataFolder + "/runs";
}

// ---- RunRecorder ---------------------------------------------------------------------------------------

void setTrainingFacts(RunRecordOptions& o, const Trainer& trainer, const Dataset& data) {
    o.dataset = data.name;
    o.trainSamples = trainer.trainSamples();
    o.validationSamples = trainer.validationSamples();
    o.testSamples = data.testCount();
    o.threads = trainer.threads();
    o.params = [&trainer] { return trainer.currentParams(); };
}

RunRecorder::RunRecorder(const ModelSpec& spec, RunRecordOptions options)
    : m_options(std::move(options)), m_spec(spec) {
    std::error_code ec;
    fs::create_directories(m_options.runsDir, ec);
    if (!fs::is_directory(m_options.runsDir, ec))
        throw RunRecordError("cannot make the runs folder " + m_options.runsDir + ": " +
                             (ec ? ec.message() : "something else is there") +
                             "; give another folder with --runs, or --no-record");
    const auto now = std::chrono::system_clock::now();
    const std::time_t t = std::chrono::system_clock::to_time_t(now);
    std::random_device rd;
    std::mt19937_64 rng((std::uint64_t(rd()) << 32) ^ std::uint64_t(rd()) ^ std::uint64_t(::getpid()) ^
                        std::uint64_t(now.time_since_epoch().count()));
    const std::string modelSlug =
        slug(!spec.name.empty() ? spec.name : fs::path(m_options.modelFile).stem().string());
    const std::string base = (fs::absolute(m_options.runsDir, ec) / "").lexically_normal().string() +
                             localTime(t, "%Y-%m-%d_%H%M%S") + "_" + modelSlug + "-";
    std::string folder;
    for (int attempt = 0; attempt < 100; ++attempt) {
        char suffix[8];
        std::snprintf(suffix, sizeof suffix, "%04x", unsigned(rng() & 0xffff));
        const std::string candidate = base + suffix;
        if (::mkdir(candidate.c_str(), 0755) == 0) {  // exclusive: fails when the name is taken
            folder = candidate;
            break;
        }
        if (errno != EEXIST)
            throw RunRecordError("cannot make a run folder in " + m_options.runsDir + ": " +
                                 std::strerror(errno) + "; give another folder with --runs, or --no-record");
    }
    if (folder.empty()) throw RunRecordError("cannot find a free run folder name in " + m_options.runsDir);

    RunInfo& r = m_info;
    r.folder = folder;
    r.id = fs::path(folder).filename().string();
    r.name = m_options.name.empty() ? spec.name : m_options.name;
    r.note = m_options.note;
    r.colour =
        m_options.colour.empty() ? runColour(int(std::hash<std::string>()(r.id) % 10)) : m_options.colour;
    r.sweepId = m_options.sweepId;
    r.sweepTrial = m_options.sweepTrial;
    r.status = RunStatus::Running;
    r.startTime = localTime(t, "%Y-%m-%dT%H:%M:%S%z");
    r.startedAt = (long long)t;
    r.modelName = spec.name;
    r.modelFile = m_options.modelFile.empty() ? "" : fs::absolute(m_options.modelFile, ec).string();
    r.initialWeights = m_options.initialWeights;
    r.modelJson = serializeModelSpec(spec);
    r.settings = flattenSettings(spec);
    r.dataset = m_options.dataset;
    r.trainSamples = m_options.trainSamples;
    r.validationSamples = m_options.validationSamples;
    r.testSamples = m_options.testSamples;
    r.threads = m_options.threads;
    r.cpu = cpuModelName();
    r.cores = hardwareThreads();
    r.version = layerlabVersion();
    r.epochsPlanned = spec.training.epochs;
    r.bestValAccuracy = r.finalValAccuracy = r.finalValLoss = kNaN;
    r.bestMonitorValue = r.bestEpochValAccuracy = kNaN;
    r.testLoss = r.testAccuracy = kNaN;
    r.monitor = monitorKey(spec.training.earlyStopping.monitor, m_options.validationSamples > 0);

    auto openCsv = [&](const char* name, const char* header) {
        const std::string path = folder + "/" + name;
        const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0644);
        if (fd < 0 || !writeAll(fd, header))
            throw RunRecordError("cannot write " + path + ": " + std::strerror(errno));
        return fd;
    };
    m_epochFd = openCsv("epochs.csv", kEpochHeader);
    m_batchFd = openCsv("batches.csv", kBatchHeader);
    if (std::string e = writeFileAtomically(folder + "/run.json", infoJson(r).dump(2) + "\n"); !e.empty())
        throw RunRecordError("cannot write " + folder + "/run.json: " + e);
}

RunRecorder::~RunRecorder() {
    if (m_batchFd >= 0) ::close(m_batchFd);
    if (m_epochFd >= 0) ::close(m_epochFd);
}

void RunRecorder::fail(const std::string& what) {
    if (m_error.empty()) m_error = "recording run " + m_info.id + " stopped: " + what;
}

void RunRecorder::onBatchEnd(const BatchMetrics& m) {
    if (!m_error.empty()) return;
    const long long inEpoch = std::min<long long>((long long)m.batch * m_spec.training.batchSize,
                                                  (long long)std::max<std::size_t>(m_info.trainSamples, 1));
    const double elapsed = m_secondsBefore + (m.samplesPerSecond > 0 ? inEpoch / m.samplesPerSecond : 0);
    m_batchRows += std::to_string(m.epoch) + ',' + std::to_string(m.batch) + ',' +
                   std::to_string(m.batchesPerEpoch) + ',' + cell(m.loss) + ',' + cell(m.accuracy) + ',' +
                   cell(m.learningRate) + ',' + std::to_string(m_samplesBefore + inEpoch) + ',' +
                   cell(elapsed) + '\n';
}

bool RunRecorder::appendPending() {
    if (!m_error.empty()) return false;
    if (!writeAll(m_batchFd, m_batchRows) || !writeAll(m_epochFd, m_epochRows) ||
        ::fdatasync(m_batchFd) != 0 || ::fdatasync(m_epochFd) != 0) {
        fail(std::string("cannot append to the CSV files: ") + std::strerror(errno));
        return false;
    }
    m_batchRows.clear();
    m_epochRows.clear();
    return true;
}

void RunRecorder::writeInfo() {
    if (!m_error.empty()) return;
    applyUserFields(m_info.folder, m_info);  // edits made while the run ran
    if (std::string e = writeFileAtomically(m_info.folder + "/run.json", infoJson(m_info).dump(2) + "\n");
        !e.empty())
        fail("cannot write run.json: " + e);
}

void RunRecorder::saveWeights(const char* file) {
    if (!m_error.empty() || !m_options.params) return;
    try {
        saveCheckpoint(m_info.folder + "/" + file, m_spec, m_options.params());
    } catch (const std::exception& e) {
        fail(e.what());
    }
}

void RunRecorder::onEpochEnd(const EpochMetrics& e) {
    if (!m_error.empty()) return;
    m_samplesBefore += (long long)m_info.trainSamples;
    m_secondsBefore += e.seconds;
    m_epochRows += std::to_string(e.epoch) + ',' + cell(e.trainLoss) + ',' + cell(e.trainAccuracy) + ',' +
                   cell(e.valLoss) + ',' + cell(e.valAccuracy) + ',' + cell(e.learningRate) + ',' +
                   cell(e.seconds) + ',' + cell(e.samplesPerSecond) + ',' + std::to_string(m_samplesBefore) +
                   ',' + cell(m_secondsBefore) + ',' + (e.best ? "1" : "0") + '\n';
    if (!appendPending()) return;
    RunInfo& r = m_info;
    r.epochsDone = e.epoch;
    r.seconds = m_secondsBefore;
    r.finalValAccuracy = e.valAccuracy;
    r.finalValLoss = e.valLoss;
    if (std::isfinite(e.valAccuracy) && !(r.bestValAccuracy >= e.valAccuracy))
        r.bestValAccuracy = e.valAccuracy;
    if (e.best) {
        // The trainer monitors the validation set when there is one, else the training set.
        const bool hasVal = std::isfinite(e.valLoss);
        const bool accuracy = m_spec.training.earlyStopping.monitor == Monitor::ValAccuracy;
        r.monitor = monitorKey(m_spec.training.earlyStopping.monitor, hasVal);
        r.bestMonitorValue =
            accuracy ? (hasVal ? e.valAccuracy : e.trainAccuracy) : (hasVal ? e.valLoss : e.trainLoss);
        r.bestEpochValAccuracy = e.valAccuracy;
        r.bestEpoch = e.epoch;
        saveWeights("best.llckpt");
    }
    writeInfo();
}

void RunRecorder::onFinished(const TrainResult& res) {
    appendPending();  // the batches of an epoch stopped part way
    RunInfo& r = m_info;
    r.status = runStatusOf(res);
    r.message = res.message;
    r.seconds = res.totalSeconds;
    r.testLoss = res.testLoss;
    r.testAccuracy = res.testAccuracy;
    if (res.bestEpoch) r.bestEpoch = res.bestEpoch;
    saveWeights("final.llckpt");
    writeInfo();
}

void RunRecorder::onFailed(const std::string& message) {
    appendPending();
    m_info.status = RunStatus::Failed;
    m_info.message = message;
    writeInfo();
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
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(text);
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
