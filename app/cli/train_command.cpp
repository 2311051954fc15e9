// layerlab-cli train: trains a model file and prints a line per epoch; --save, --report, a recorded run.
#include "app/cli/commands.h"

#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "app/cli/cli_common.h"
#include "app/cli/cli_text.h"
#include "app/cli/cli_training.h"
#include "core/checkpoint.h"
#include "core/errors.h"
#include "core/freezing.h"
#include "core/network.h"
#include "core/run_record.h"
#include "core/shape_inference.h"
#include "core/trainer.h"
#include "core/weight_transfer.h"

namespace layerlab::cli {

namespace {

QString trainHelp() {
    return Cli::tr(R"(usage: layerlab-cli train --model SPEC.json [options]

Trains the model in SPEC.json (or in a checkpoint or an ONNX file, continuing from its weights). Prints one line per epoch (train loss/accuracy, validation loss/accuracy,
seconds, samples/s, the learning rate when the model file's lr_schedule changes it; a progress bar while
on a terminal), then the test loss and accuracy. Early stopping and the learning-rate schedule (constant,
step, cosine, plateau) come from the model file. A loss that becomes NaN or infinite, or explodes (grows
past 1000 times its starting value), ends the run as diverged: the last good weights are kept, exit code 1.

options:
  --model SPEC.json    model file (required; see resources/presets/), or a checkpoint (.llckpt):
                       training then continues from its weights
  --data DIR           the four IDX files (plain or .gz), or a folder of images (a subfolder per class, read
                       with the model's import settings or sized to its input); default: see 'layerlab-cli --help'
  --init-from CKPT     start from a checkpoint's (or ONNX file's) weights, layer by layer: the layers with
                       weights are paired in order (pooling, Flatten, Dropout and activations do not
                       count) and a pair of the same type and shapes gets the checkpoint's; the others
                       start fresh (the model's seed). Each pair is printed. Transfer learning: freeze the
                       loaded layers with "trainable": false in the model file
{overrides}  --strict             refuse a model file with keys LayerLab does not use (default: warn)
  --save CHECKPOINT    write the trained model (spec + weights) here, atomically
  --report REPORT.json write a JSON report: epochs[{epoch, train_loss, train_accuracy, val_loss,
                       val_accuracy, seconds, samples_per_second, learning_rate}], test_loss, test_accuracy,
                       total_seconds, stopped_early, diverged, run_folder (accuracies are fractions 0..1),
                       trainable_parameters, frozen_parameters; with --init-from: init_from and
                       init_layers[{layer, type, outcome, reason}];
                       --report - prints it on standard output (the progress lines go to standard error)
  --runs DIR           record the run in this runs folder (default: $LAYERLAB_RUNS_DIR, else runs/ beside
                       the model file; the user's data folder for a bundled preset or when that cannot be
                       written): run.json,
                       epochs.csv, batches.csv, best.llckpt and final.llckpt in a folder of its own
  --name NAME          the run's name in the runs list (default: the model's name)
  --no-record          do not record the run
  --help               this text
)");
}

}  // namespace

int cmdTrain(int argc, char** argv) {
    const Args a = parseArgs(argc, argv, 2,
                             {"--model", "--data", "--epochs", "--batch", "--lr", "--threads", "--seed",
                              "--save", "--report", "--runs", "--name", "--init-from"},
                             {"--strict", "--no-record"});
    if (a.help) {
        std::cout << withOverrideLines(trainHelp(), 23);
        return 0;
    }
    ModelInput input = loadModelInput(a);
    const std::string& modelPath = input.path;
    ModelSpec& spec = input.spec;
    TrainingSpec& t = spec.training;
    for (const SettingOption& o : kTrainOverrides) settingOption(a, o.option, o.path, t);
    validateTraining(t);
    validateModel(spec);
    const std::string save = optionValue(a, "--save");
    const std::string report = optionValue(a, "--report");
    const std::string saveTarget = save.empty() ? "" : checkOutput(save, "--save");
    const std::string reportTarget = report.empty() ? "" : checkOutput(report, "--report");
    if (!save.empty() && saveTarget == reportTarget)
        throw UsageError(fmt(Cli::tr("--save and --report name the same file (%1): the report would replace "
                                     "the checkpoint; give two names"),
                             saveTarget));
    // With --report - standard output carries only the report; the progress goes to standard error.
    std::FILE* out = report == kStdout ? stderr : stdout;

    // --init-from: the model's fresh weights (its seed, as a run without it starts) with the checkpoint's in
    // the layers that match them by position and shape (core/weight_transfer.h).
    const std::string initFrom = optionValue(a, "--init-from");
    std::vector<float> initial = input.params;
    WeightTransfer transfer;
    if (!initFrom.empty()) {
        if (!input.params.empty())
            throw UsageError(fmt(Cli::tr("--init-from: %1 is a checkpoint and brings its own weights; give a "
                                         "model file as --model"),
                                 modelPath));
        ModelInput from;
        try {
            from = readTrainedModel(initFrom);
        } catch (const std::exception& e) {
            throw UsageError(std::string("--init-from: ") + coreText(e.what()));
        }
        Network net(spec);
        net.initParams(t.seed);
        initial.assign(net.params().begin(), net.params().end());
        try {
            transfer = transferWeights(spec, initial, from.spec, from.params);
        } catch (const SpecError& e) {
            throw UsageError("--init-from " + initFrom + ": " + coreText(e.what()));
        }
        if (const std::string why = transfer.refusal(); !why.empty())
            throw UsageError("--init-from " + initFrom + ": " + coreText(why));
    }
    const ModelInfo info = inferShapes(spec);

    DatasetKind trainsOn = spec.training.dataset;
    const Dataset data = loadData(a, spec, modelPath, stderr, &trainsOn);
    spec.training.dataset = trainsOn;
    Trainer trainer(spec, data);
    if (!initFrom.empty()) {
        trainer.setInitialParams(initial);
        std::fprintf(out, "%s\n",
                     fmt(Cli::tr("weights from %1: %2"), initFrom, coreText(transfer.summary())).c_str());
        for (const std::string& line : transfer.lines()) std::fprintf(out, "  %s\n", line.c_str());
    } else if (!input.params.empty()) {
        trainer.setInitialParams(input.params);
        std::fprintf(
            out, "%s\n",
            fmt(Cli::tr("note: %1 is a checkpoint: training continues from its weights"), modelPath).c_str());
    }
    if (frozenParams(info) > 0) std::fprintf(out, "%s\n", coreText(parameterSummary(spec, info)).c_str());
    std::fprintf(
        out, "%s\n",
        fmt(trainer.threads() == 1
                ? Cli::tr("%1 on %2: %3 training, %4 validation, %5 test images; batch %6, %7 thread")
                : Cli::tr("%1 on %2: %3 training, %4 validation, %5 test images; batch %6, %7 threads"),
            spec.name, data.name, trainer.trainSamples(), trainer.validationSamples(), data.testCount(),
            t.batchSize, trainer.threads())
            .c_str());
    if (t.threads > trainer.threads())
        std::fprintf(out, "%s\n",
                     fmt(Cli::tr("note: %1 threads asked but this machine has %2 cores: training runs on %3"),
                         t.threads, trainer.threads(), trainer.threads())
                         .c_str());
    CliObserver obs(out, t.epochs, t.schedule.type != ScheduleType::Constant);
    const std::unique_ptr<RunRecorder> recorder =
        startRecording(a, runsFolder(a, modelPath), modelPath, spec, trainer, data,
                       !initFrom.empty()      ? initFrom
                       : input.params.empty() ? ""
                                              : modelPath,
                       out);
    if (recorder)
        std::fprintf(out, "%s\n", fmt(Cli::tr("recording the run in %1"), recorder->folder()).c_str());
    TrainerObservers observers({&obs, recorder.get()});
    trainer.setObserver(recorder ? static_cast<TrainerObserver*>(&observers) : &obs);
    const TrainResult r = trainer.run();
    std::fprintf(out, "%s\n", coreText(r.message).c_str());
    if (recorder && !recorder->error().empty())
        std::cerr << fmt(Cli::tr("warning: %1"), coreText(recorder->error())) << "\n";
    if (r.failed) return 1;
    std::fprintf(out, "%s\n",
                 fmt(Cli::tr("test loss %1  test accuracy %2%  (%3 s in all)"), fixed(r.testLoss, 4),
                     fixed(100 * r.testAccuracy, 2), fixed(r.totalSeconds, 1))
                     .c_str());
    int code = r.diverged ? 1 : 0;
    // After training a failed write (a full disk) is a failure of the run: exit code 1, said on stderr.
    if (!save.empty()) {
        try {
            saveCheckpoint(save, spec, trainer.currentParams());
            std::fprintf(out, "%s\n", fmt(Cli::tr("saved %1"), save).c_str());
        } catch (const std::exception& e) {
            std::cerr << fmt(Cli::tr("error: %1"), coreText(e.what())) << "\n";
            code = 1;
        }
    }
    if (!report.empty()) {
        nlohmann::json j;
        j["model"] = spec.name;
        j["dataset"] = data.name;
        j["epochs"] = nlohmann::json::array();
        for (const auto& e : r.epochs)
            j["epochs"].push_back(
                {{"epoch", e.epoch},
                 {"train_loss", e.trainLoss},
                 {"train_accuracy", e.trainAccuracy},
                 {"val_loss", std::isfinite(e.valLoss) ? nlohmann::json(e.valLoss) : nlohmann::json()},
                 {"val_accuracy",
                  std::isfinite(e.valAccuracy) ? nlohmann::json(e.valAccuracy) : nlohmann::json()},
                 {"seconds", e.seconds},
                 {"samples_per_second", e.samplesPerSecond},
                 {"learning_rate", e.learningRate}});
        j["test_loss"] = std::isfinite(r.testLoss) ? nlohmann::json(r.testLoss) : nlohmann::json();
        j["test_accuracy"] =
            std::isfinite(r.testAccuracy) ? nlohmann::json(r.testAccuracy) : nlohmann::json();
        j["total_seconds"] = r.totalSeconds;
        j["stopped_early"] = r.stoppedEarly;
        j["diverged"] = r.diverged;
        j["best_epoch"] = r.bestEpoch;
        j["threads"] = trainer.threads();
        j["batch"] = t.batchSize;
        if (!input.params.empty()) j["initial_checkpoint"] = modelPath;
        j["trainable_parameters"] = info.trainableParams;
        j["frozen_parameters"] = frozenParams(info);
        if (!initFrom.empty()) {
            j["init_from"] = initFrom;
            j["init_layers"] = nlohmann::json::array();
            for (const LayerTransfer& l : transfer.layers)
                j["init_layers"].push_back({{"layer", layerNumber(l.path)},
                                            {"type", layerTypeName(l.type)},
                                            {"outcome", transferOutcomeName(l.outcome)},
                                            {"reason", l.reason}});
        }
        j["run_folder"] = recorder ? nlohmann::json(recorder->folder()) : nlohmann::json();
        if (!writeReport(report, j.dump(2) + "\n")) code = 1;
    }
    return code;
}

}  // namespace layerlab::cli
