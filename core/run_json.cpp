#include "core/run_json.h"

#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;
using ojson = nlohmann::ordered_json;

namespace layerlab::runjson {

namespace {

ojson number(double v) {
    return std::isfinite(v) ? ojson(v) : ojson();
}

}  // namespace

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

}  // namespace layerlab::runjson
