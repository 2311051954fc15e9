// layerlab-cli sweep: trains a model once per combination of settings and ranks the runs.
#include "app/cli/commands.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/cli/cli_common.h"
#include "app/cli/cli_text.h"
#include "app/cli/cli_training.h"
#include "core/errors.h"
#include "core/parallel.h"
#include "core/run_record.h"
#include "core/shape_inference.h"
#include "core/sweep.h"
#include "core/trainer.h"
#include "core/training_fields.h"

namespace layerlab::cli {

namespace {

QString sweepHelp() {
    return Cli::tr(R"(usage: layerlab-cli sweep --model SPEC.json --vary KEY=VALUES [--vary ...] [options]

Trains the model once per trial, one trial after another (or two at once, see --at-once), each recorded as
a normal run tagged with the sweep's id, then prints the trials ranked by the metric. A trial gives the same
results as 'train' with the same settings, seed and threads.
  --vary KEY=V1,V2,...   a setting and its values; the grid of all --vary lists is run. KEY is lr, batch,
                         optimizer, a training key of the model file (learning_rate, l2,
                         optimizer.momentum, epochs, lr_schedule.type, ...; see 'layerlab-cli help model')
                         or a layer's setting as layerN.KEY, layers numbered from 1 as in the editor
                         (layer3.units=64,128; layer2.rate=0.2,0.5 for a Dropout)
  --vary KEY=log:LO:HI   with --random: drawn log-uniformly (KEY=uniform:LO:HI: uniformly)
  --random N             random search: N trials, each setting drawn from its list or range
  --sweep-seed N         seed of the random draws (default: the model's seed)
  --metric NAME          rank by val_accuracy (the highest validation accuracy of a run; default) or
                         test_accuracy
  --at-once auto|1|2     trials at once (default auto): two, the cores split between them, when the trials
                         are too small to use every core or the model asks for at most half of them;
                         threads 0 (all cores) then become half the cores for each trial, and its run says so
{overrides}  --budget SECONDS       start no trial after this much time, and stop the one running then
  --runs DIR             the runs folder (default as for train); the sweep's state is DIR/ID.sweep.json
  --resume               continue the last unfinished sweep of this model and plan in DIR (one the studio
                         started too): finished trials are skipped
  --data DIR             the four IDX files, or a folder of images (a subfolder per class); default: see
                         'layerlab-cli --help'
  --json                 print the ranked trials as one JSON array: [{<each varied setting>,
                         val_accuracy, test_accuracy, seconds, status, run}] (progress on standard error)
  --strict               refuse a model file with keys LayerLab does not use (default: warn)
Every value is checked against the setting's limits before the first trial starts (batch 0 or a Dense with
0 units is refused, naming the value).
)");
}

// Which data a trial trains on: its dataset, and for an image folder the folder and the import settings (the
// trials that share one load it once).
std::string datasetKey(const ModelSpec& spec) {
    const TrainingSpec& t = spec.training;
    if (t.dataset != DatasetKind::ImageFolder) return std::to_string(int(t.dataset));
    const ImageImportSpec& im = t.imageImport;
    return t.dataFolder + "|" + std::to_string(im.width) + "x" + std::to_string(im.height) + "|" +
           std::to_string(int(im.color)) + std::to_string(int(im.fit)) + std::to_string(im.invert) + "|" +
           std::to_string(im.testSplit) + "|" + std::to_string(im.splitSeed);
}

}  // namespace

int cmdSweep(int argc, char** argv) {
    std::vector<std::string> valued = {"--model",  "--data",   "--vary", "--random", "--sweep-seed",
                                       "--metric", "--budget", "--runs", "--name",   "--at-once"};
    for (const SettingOption& o : kTrainOverrides) valued.push_back(o.option);
    const Args a = parseArgs(argc, argv, 2, valued, {"--strict", "--resume"});
    if (a.help) {
        std::cout << withOverrideLines(sweepHelp(), 25);
        return 0;
    }
    const ModelInput input = loadModelInput(a);
    const std::string& modelPath = input.path;
    ModelSpec base = input.spec;
    for (const SettingOption& o : kTrainOverrides) settingOption(a, o.option, o.path, base.training);
    validateTraining(base.training);
    validateModel(base);
    const std::string metric = optionValue(a, "--metric", "val_accuracy");
    if (!isSweepMetric(metric))
        throw UsageError(fmt(Cli::tr("--metric: must be val_accuracy or test_accuracy, got '%1'"), metric));
    const int random = int(intOption(a, "--random", 1, 100000, 0));
    const std::string atOnceText = optionValue(a, "--at-once", "auto");
    if (atOnceText != "auto" && atOnceText != "1" && atOnceText != "2")
        throw UsageError(fmt(Cli::tr("--at-once: must be auto, 1 or 2, got '%1'"), atOnceText));
    const int atOnceAsked = atOnceText == "auto" ? 0 : std::stoi(atOnceText);
    unsigned long long sweepSeed = base.training.seed;
    if (auto it = a.values.find("--sweep-seed"); it != a.values.end()) {
        FieldValue v;
        if (std::string p = trainingField("seed")->meta.parse(it->second, &v); !p.empty())
            throw UsageError("--sweep-seed: " + coreText(p));
        sweepSeed = v.big;
    }
    double budget = 0;
    if (auto it = a.values.find("--budget"); it != a.values.end()) {
        char* end = nullptr;
        budget = std::strtod(it->second.c_str(), &end);
        if (it->second.empty() || *end || !(budget > 0) || !std::isfinite(budget))
            throw UsageError(
                fmt(Cli::tr("--budget: must be a number of seconds above 0, got '%1'"), it->second));
    }
    std::vector<SweepAxis> axes;
    for (const auto& [option, value] : a.all)
        if (option == "--vary") {
            try {
                axes.push_back(parseSweepAxis(value, base));
            } catch (const SpecError& e) {
                throw UsageError(std::string("--vary ") + coreText(e.what()));
            }
        }
    if (axes.empty())
        throw UsageError(
            str(Cli::tr("give at least one --vary KEY=VALUES, e.g. --vary lr=0.01,0.001 (see --help)")));
    for (std::size_t i = 0; i < axes.size(); ++i)
        for (std::size_t k = 0; k < i; ++k)
            if (axes[i].key == axes[k].key)
                throw UsageError(fmt(Cli::tr("--vary: %1 is varied twice"), axes[i].key));
    std::vector<SweepTrial> trials;
    try {
        trials = planSweep(axes, random, sweepSeed);
    } catch (const SpecError& e) {
        throw UsageError(coreText(e.what()));
    }
    // Every trial's model is checked before the first one trains: a value that cannot work is named now.
    for (const SweepTrial& trial : trials) trialSpec(base, trial);

    std::string runsDir = runsFolder(a, modelPath);
    if (runsDir.empty())
        throw UsageError(str(Cli::tr("a sweep records its trials: --no-record does not apply")));
    const std::string signature = sweepSignature(base, axes, random, sweepSeed);
    std::FILE* out = a.json ? stderr : stdout;
    SweepState state;
    if (a.flags.count("--resume")) {
        for (const SweepState& s : loadSweepStates(runsDir))
            if (s.signature == signature) {
                state = s;
                break;
            }
        if (state.id.empty())
            std::fprintf(
                out, "%s\n",
                fmt(Cli::tr("note: no sweep of this model and plan in %1 to resume: starting a new one"),
                    runsDir)
                    .c_str());
        else
            state.metric = metric;  // the metric only ranks the trials
    }
    if (state.id.empty()) {
        try {
            state = newSweepState(newSweepId(runsDir), signature, metric, trials);
            state.axes = axes;
            state.randomTrials = random;
            state.seed = sweepSeed;
        } catch (const RunRecordError& e) {
            throw UsageError(std::string("--runs: ") + coreText(e.what()));
        }
        if (std::string e = saveSweepState(runsDir, state); !e.empty())
            throw UsageError(fmt(Cli::tr("--runs: cannot write the sweep's state: %1"), coreText(e)));
    }
    const int total = int(state.trials.size());
    int skipped = 0;
    for (const SweepTrialState& t : state.trials) skipped += t.done;
    std::fprintf(out, "%s%s\n",
                 fmt(total == 1 ? Cli::tr("sweep %1: %2 trial of %3 in %4")
                                : Cli::tr("sweep %1: %2 trials of %3 in %4"),
                     state.id, total, base.name, runsDir)
                     .c_str(),
                 skipped ? fmt(skipped == 1 ? Cli::tr(", resuming: %1 finished trial skipped")
                                            : Cli::tr(", resuming: %1 finished trials skipped"),
                               skipped)
                               .c_str()
                         : "");

    std::vector<SweepTrial> planned;
    for (const SweepTrialState& t : state.trials) planned.push_back(t.trial);
    const SweepParallel parallel = planSweepParallel(base, planned, atOnceAsked, hardwareThreads());
    std::fprintf(out, "%s\n", coreText(parallel.why).c_str());
    // The datasets the trials need, loaded once before any starts (the trials may run on two threads).
    std::map<std::string, Dataset> datasets;  // by datasetKey
    for (const SweepTrialState& t : state.trials) {
        const ModelSpec spec = trialSpec(base, t.trial);
        const std::string key = datasetKey(spec);
        if (!t.done && !datasets.count(key)) datasets.emplace(key, loadData(a, spec, modelPath));
    }
    const auto start = std::chrono::steady_clock::now();
    const auto deadline = start + std::chrono::microseconds(static_cast<long long>(budget * 1e6));
    std::atomic<bool> outOfTime{false};
    std::atomic<int> code{0};
    const bool twoAtOnce = parallel.atOnce == 2;
    runSweepTrials(
        state, parallel.atOnce,
        [&](int k) {
            SweepTrialOutcome o;
            o.state = state.trials[std::size_t(k)];  // not touched by the other thread while k runs
            if (budget > 0 && std::chrono::steady_clock::now() >= deadline) {
                outOfTime = true;
                o.goOn = false;
                return o;
            }
            const ModelSpec spec = trialSpec(base, o.state.trial, parallel);
            std::string what;
            for (const RunSetting& x : o.state.trial.settings) what += " " + x.first + "=" + x.second;
            // Two at once: each line says its trial (and no progress bar, two would share one line).
            const std::string prefix =
                twoAtOnce ? std::string("[").append(fmt(Cli::tr("trial %1/%2"), k + 1, total)).append("] ")
                          : "";
            std::fprintf(out, "%s:%s\n", fmt(Cli::tr("trial %1/%2"), k + 1, total).c_str(), what.c_str());
            const Dataset& data = datasets.at(datasetKey(spec));
            Trainer trainer(spec, data);
            CliObserver progress(out, spec.training.epochs,
                                 spec.training.schedule.type != ScheduleType::Constant, prefix);
            SweepDeadline budgetWatch(trainer, deadline, budget > 0);
            const std::unique_ptr<RunRecorder> recorder =
                startRecording(a, runsDir, modelPath, spec, trainer, data, "", out, state.id, k,
                               sweepTrialName(optionValue(a, "--name", spec.name), o.state.trial));
            TrainerObservers observers({&progress, &budgetWatch, recorder.get()});
            trainer.setObserver(&observers);
            const TrainResult r = trainer.run();
            std::fprintf(out, "%s%s\n", prefix.c_str(), coreText(r.message).c_str());
            if (!recorder->error().empty()) {
                std::fprintf(stderr, "%s\n",
                             fmt(Cli::tr("warning: %1"), coreText(recorder->error())).c_str());
                code = 1;
            }
            takeTrialResult(o.state, recorder->info());
            // A trial the budget cut short is not done: --resume runs it again.
            if (budgetWatch.hit()) {
                o.state.done = false;
                outOfTime = true;
                o.goOn = false;
            }
            return o;
        },
        [&](int) {
            if (std::string e = saveSweepState(runsDir, state); !e.empty()) {
                std::fprintf(stderr, "%s\n",
                             fmt(Cli::tr("error: cannot write the sweep's state: %1"), coreText(e)).c_str());
                code = 1;
            }
        });
    if (outOfTime) {
        int left = 0;
        for (const SweepTrialState& t : state.trials) left += !t.done;
        char seconds[32];
        std::snprintf(seconds, sizeof seconds, "%g", budget);
        std::fprintf(
            out, "%s\n",
            fmt(left == 1 ? Cli::tr("the time budget (%1 s) ran out with %2 trial left: --resume continues")
                          : Cli::tr("the time budget (%1 s) ran out with %2 trials left: --resume "
                                    "continues"),
                seconds, left)
                .c_str());
    }

    const std::vector<const SweepTrialState*> ranked = rankSweepTrials(state);
    if (a.json) {
        nlohmann::ordered_json j = nlohmann::ordered_json::array();
        for (const SweepTrialState* t : ranked) {
            nlohmann::ordered_json o;
            for (const RunSetting& x : t->trial.settings) o[x.first] = settingJson(x.second);
            o["val_accuracy"] = number(t->valAccuracy);
            o["test_accuracy"] = number(t->testAccuracy);
            o["seconds"] = number(t->seconds);
            o["status"] = t->status;
            o["done"] = t->done;
            o["run"] = runsDir + "/" + t->run;
            j.push_back(o);
        }
        std::string text = "[\n";
        for (std::size_t i = 0; i < j.size(); ++i)
            text += "  " + j[i].dump() + (i + 1 < j.size() ? ",\n" : "\n");
        std::printf("%s]\n", text.c_str());
        return code.load();
    }
    std::printf("\n%s\n", fmt(Cli::tr("ranked by %1:"), metric).c_str());
    std::string header = "rank";
    for (const SweepAxis& ax : axes) header += "  " + ax.key;
    std::printf("%s  max val  test acc  seconds  status  run\n", header.c_str());
    int rank = 0;
    for (const SweepTrialState* t : ranked) {
        std::string row = std::to_string(++rank);
        row.resize(4, ' ');
        for (std::size_t i = 0; i < axes.size(); ++i) {
            std::string v = t->trial.settings[i].second;
            v.resize(std::max(v.size(), axes[i].key.size()), ' ');
            row += "  " + v;
        }
        std::printf("%s  %7s  %8s  %7.1f  %s  %s\n", row.c_str(), percent(t->valAccuracy).c_str(),
                    percent(t->testAccuracy).c_str(), std::isfinite(t->seconds) ? t->seconds : 0.0,
                    t->status.c_str(), t->run.c_str());
    }
    return code.load();
}

}  // namespace layerlab::cli
