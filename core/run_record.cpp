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
#include "core/data_location.h"
#include "core/errors.h"
#include "core/layer_types.h"
#include "core/parallel.h"
#include "core/run_json.h"
#include "core/training_fields.h"

#ifndef LAYERLAB_VERSION
#define LAYERLAB_VERSION "unknown"
#endif

namespace fs = std::filesystem;
using ojson = nlohmann::ordered_json;

namespace layerlab {

using namespace runjson;

namespace {

// What the trainer monitors to mark the best epoch (core/trainer.cpp): the early-stopping monitor on the
// validation set, or on the training set when there is none.
std::string monitorKey(Monitor m, bool hasValidation) {
    return std::string(hasValidation ? "val_" : "train_") + (m == Monitor::ValAccuracy ? "accuracy" : "loss");
}

const char* kBatchHeader = "epoch,batch,batches_per_epoch,loss,accuracy,learning_rate,samples_seen,seconds\n";
const char* kEpochHeader =
    "epoch,train_loss,train_accuracy,val_loss,val_accuracy,learning_rate,seconds,samples_per_second,"
    "samples_seen,elapsed_seconds,best\n";

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
    // The union of the runs' keys: a key only a later run has goes after the key that precedes it in that
    // run (a Conv2D's "layer1.filters" next to "layer1.type", not after the last layer).
    std::vector<std::string> keys;
    for (const RunInfo& r : runs) {
        if (!r.readable) continue;
        std::size_t at = 0;
        for (const RunSetting& s : r.settings) {
            auto it = std::find(keys.begin(), keys.end(), s.first);
            if (it == keys.end())
                it = keys.insert(keys.begin() + std::ptrdiff_t(std::min(at, keys.size())), s.first);
            at = std::size_t(it - keys.begin()) + 1;
        }
    }
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
        const fs::path parent = fs::weakly_canonical(fs::absolute(modelFile, ec), ec).parent_path();
        // A bundled preset or lesson is LayerLab's file, not the user's folder: its runs go to the user's
        // data folder (else they would land in the source tree, or fail in an installed read-only share/).
        const fs::path bundled = fs::weakly_canonical(resourcesDir(), ec);
        const auto rel = parent.lexically_relative(bundled);
        const bool inBundled = !ec && !bundled.empty() && !rel.empty() && *rel.begin() != "..";
        if (!inBundled) return (parent / "runs").string();
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

}  // namespace layerlab
