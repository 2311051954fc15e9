// layerlab-cli runs: lists the recorded runs of a runs folder.
#include "app/cli/commands.h"

#include <sys/stat.h>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "app/cli/cli_common.h"
#include "app/cli/cli_text.h"
#include "core/run_record.h"

namespace layerlab::cli {

namespace {

QString runsHelp() {
    return Cli::tr(R"(usage: layerlab-cli runs [--runs DIR] [--json]

Lists the runs recorded in a runs folder, newest first: name, start time, status, epochs, the highest
validation accuracy of any epoch ("max val"), test accuracy, seconds and folder. A folder or file that is not
a readable run is listed as unreadable with the reason.
  --runs DIR   the runs folder (default: $LAYERLAB_RUNS_DIR, else runs/ in the current folder)
  --json       one JSON array: [{folder, name, status, start_time, model, epochs_done, best_val_accuracy
               (the highest of any epoch), best_epoch (the epoch best.llckpt holds, chosen by monitor),
               monitor, best_monitor_value, test_accuracy, seconds, sweep, settings} or {folder, unreadable}]
)");
}

}  // namespace

int cmdRuns(int argc, char** argv) {
    const Args a = parseArgs(argc, argv, 2, {"--runs"});
    if (a.help) {
        std::cout << str(runsHelp());
        return 0;
    }
    std::string dir = "runs";
    if (const char* env = std::getenv("LAYERLAB_RUNS_DIR"); env && *env) dir = env;
    if (auto it = a.values.find("--runs"); it != a.values.end()) dir = it->second;
    struct stat st {};
    if (::stat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
        throw UsageError(fmt(
            Cli::tr("--runs: %1 is not a folder: give the runs folder (runs/ beside a model file)"), dir));
    const std::vector<RunInfo> runs = RunStore(dir).list();
    if (a.json) {
        nlohmann::ordered_json j = nlohmann::ordered_json::array();
        for (const RunInfo& r : runs) {
            if (!r.readable) {
                j.push_back({{"folder", r.folder}, {"unreadable", r.problem}});
                continue;
            }
            nlohmann::ordered_json settings = nlohmann::ordered_json::object();
            for (const RunSetting& x : r.settings) settings[x.first] = settingJson(x.second);
            j.push_back(
                {{"folder", r.folder},
                 {"name", r.name},
                 {"status", runStatusKey(r.status)},
                 {"start_time", r.startTime},
                 {"model", r.modelName},
                 {"epochs_done", r.epochsDone},
                 {"best_val_accuracy", number(r.bestValAccuracy)},
                 {"best_epoch", r.bestEpoch},
                 {"monitor", r.monitor},
                 {"best_monitor_value", number(r.bestMonitorValue)},
                 {"test_accuracy", number(r.testAccuracy)},
                 {"seconds", r.seconds},
                 {"sweep", r.sweepId.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(r.sweepId)},
                 {"note", r.note},
                 {"settings", settings}});
        }
        std::printf("%s\n", readableJson({{"runs", j}}).c_str());
        return 0;
    }
    std::printf(
        "%s\n",
        fmt(runs.size() == 1 ? Cli::tr("%1 run in %2") : Cli::tr("%1 runs in %2"), runs.size(), dir).c_str());
    if (runs.empty()) return 0;
    // The column heads padded by how wide they show (a Chinese character takes two columns).
    std::printf("%s  %s  %s  %s  %s  %s  %s  %s\n", padded(str(Cli::tr("name")), 24).c_str(),
                padded(str(Cli::tr("started")), 19).c_str(), padded(str(Cli::tr("status")), 13).c_str(),
                padded(str(Cli::tr("epochs")), 6, true).c_str(),
                padded(str(Cli::tr("max val")), 8, true).c_str(),
                padded(str(Cli::tr("test")), 8, true).c_str(),
                padded(str(Cli::tr("seconds")), 8, true).c_str(), str(Cli::tr("folder")).c_str());
    for (const RunInfo& r : runs) {
        if (!r.readable) {
            std::printf("%-24s  %s\n", r.id.c_str(),
                        fmt(Cli::tr("unreadable: %1"), coreText(r.problem)).c_str());
            continue;
        }
        std::string name = r.name.size() > 24 ? r.name.substr(0, 23) + "~" : r.name;
        std::string started = r.startTime.substr(0, 19);
        if (started.size() > 10) started[10] = ' ';
        std::printf("%-24s  %-19s  %-13s  %6d  %8s  %8s  %8.1f  %s\n", name.c_str(), started.c_str(),
                    runStatusKey(r.status), r.epochsDone, percent(r.bestValAccuracy).c_str(),
                    percent(r.testAccuracy).c_str(), r.seconds, r.id.c_str());
    }
    return 0;
}

}  // namespace layerlab::cli
