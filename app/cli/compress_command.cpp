// layerlab-cli compress: int8 quantization and magnitude pruning of a trained model (core/compression.h);
// a table of size, test accuracy, agreement with the float model and speed per variant; --out, --report.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "app/cli/cli_common.h"
#include "app/cli/cli_text.h"
#include "app/cli/commands.h"
#include "core/compression.h"
#include "core/compression_sweep.h"
#include "core/evaluation.h"
#include "core/inference_model.h"
#include "core/input_scaling.h"

namespace layerlab::cli {

namespace {

QString compressHelp() {
    return Cli::tr(
        R"(usage: layerlab-cli compress --model CHECKPOINT [--data DIR] [--quantize int8] [--sparsity S | --sweep P,P,...]
                            [--fine-tune-epochs N] [--calibration N] [--threads N] [--out CHECKPOINT] [--report REPORT.json]

Compresses a trained model and shows what it costs: a row per variant with its size, test accuracy,
agreement with the float32 model (the share of test images both predict alike) and inference speed
(test images per second through the engine). The float32 model is always the first row.
  --quantize int8      post-training int8 quantization: symmetric per-output-channel weights (scale =
                       max |w| / 127 per unit or filter) of every Dense and Conv2D layer, and the input of
                       each such layer quantized to int8 with a scale calibrated on training images. The
                       engine dequantizes the weights on load and quantizes the activations on the fly
                       (there are no int8 GEMM kernels): the accuracy is int8's, the speed is float32's.
  --sparsity S         magnitude pruning: in every Dense and Conv2D layer the fraction S of the weights with
                       the smallest magnitude set to 0 (biases and BatchNorm kept). S from 0 to 0.99, or a
                       percentage: 50%. With --quantize, pruned first, then quantized.
  --sweep P,P,...      one pruned row per sparsity, in percent from 0 to 99 (e.g. 0,50,80,90,95); with
                       --quantize, the int8 row is the unpruned model's
  --fine-tune-epochs N after pruning, train each pruned model (sparsity > 0) N more epochs with the model's
                       training settings, its pruned weights held at 0 (set back after every step);
                       default 0
  --calibration N      training images the activation scales are calibrated on (default 1000)
  --threads N          worker threads (0 = all cores, the default)
  --out CHECKPOINT     write the compressed model (one variant: --quantize and/or --sparsity, not --sweep).
                       An int8 model is a version 4 checkpoint (scales + int8 weights) that evaluate
                       and predict run quantized; a pruned model is an ordinary checkpoint with zeros in it
  --report REPORT.json write a JSON report: model, checkpoint, dataset, images, calibration_images,
                       fine_tune_epochs, variants [{variant, precision, sparsity (a fraction), bytes, accuracy (0..1),
                       agreement (0..1), images_per_second, zero_weights, weights}], out; --report - prints
                       it on standard output (the table goes to standard error)
  --strict             refuse a checkpoint whose model has keys LayerLab does not use (default: warn)
Sizes are as stored: float32 4 bytes per parameter; int8 1 byte per quantized weight + 4 per scale + 4 per
other parameter; pruned a sparse format: 1 bit per weight of a pruned layer + 4 bytes per nonzero one, 4 per
other parameter (a pruned + int8 model is counted as int8).
)");
}

// "0.5", "50%" -> 0.5. UsageError for text that is not a number.
double parseSparsity(const std::string& text, const std::string& option, bool percentOnly) {
    std::string t = text;
    bool percent = percentOnly;
    if (!t.empty() && t.back() == '%') {
        percent = true;
        t.pop_back();
    }
    std::size_t used = 0;
    double v = 0;
    try {
        v = std::stod(t, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (t.empty() || used != t.size())
        throw UsageError(fmt(percentOnly ? Cli::tr("%1: '%2' is not a number; give a sparsity from 0 to 99% "
                                                   "(percentages: 0,50,80,90,95)")
                                         : Cli::tr("%1: '%2' is not a number; give a sparsity from 0 to 99% "
                                                   "(0.5 or 50%)"),
                             option, text));
    if (percent) v /= 100;
    if (const std::string why = checkSparsity(v); !why.empty())
        throw UsageError(option + ": " + coreText(why) +
                         (percentOnly ? "" : str(Cli::tr(" (--sparsity takes 0.5 or 50%)"))));
    return v;
}

std::string sizeText(long long bytes) {
    char buf[32];
    if (bytes >= 1024 * 1024)
        std::snprintf(buf, sizeof buf, "%.2f MB", double(bytes) / (1024 * 1024));
    else
        std::snprintf(buf, sizeof buf, "%.1f KB", double(bytes) / 1024);
    return buf;
}

}  // namespace

int cmdCompress(int argc, char** argv) {
    const Args a = parseArgs(argc, argv, 2,
                             {"--model", "--data", "--quantize", "--sparsity", "--sweep",
                              "--fine-tune-epochs", "--calibration", "--threads", "--out", "--report"},
                             {"--strict"});
    if (a.help) {
        std::cout << str(compressHelp());
        return 0;
    }
    const ModelInput trained = loadTrainedModel(a);
    if (!trained.quantization.empty())
        throw UsageError(
            fmt(Cli::tr("%1 is already an int8 model: compress the float checkpoint it was made from"),
                trained.path));
    const std::string quantize = optionValue(a, "--quantize");
    if (a.values.count("--quantize") && quantize != "int8")
        throw UsageError(
            fmt(Cli::tr("--quantize: '%1' is not a precision LayerLab quantizes to; use int8"), quantize));
    const bool int8 = quantize == "int8";
    if (a.values.count("--sparsity") && a.values.count("--sweep"))
        throw UsageError(
            str(Cli::tr("--sparsity and --sweep both given: use --sparsity for one model (--out), "
                        "--sweep for a table of several")));
    std::vector<double> sparsities;
    if (a.values.count("--sparsity"))
        sparsities.push_back(parseSparsity(a.values.at("--sparsity"), "--sparsity", false));
    if (a.values.count("--sweep")) {
        std::stringstream ss(a.values.at("--sweep"));
        for (std::string item; std::getline(ss, item, ',');)
            sparsities.push_back(parseSparsity(item, "--sweep", true));
        if (sparsities.empty())
            throw UsageError(str(Cli::tr("--sweep: give sparsities in percent, e.g. 0,50,80,90,95")));
    }
    if (!int8 && sparsities.empty())
        throw UsageError(str(
            Cli::tr("nothing to do: give --quantize int8, --sparsity S or --sweep P,P,... (see --help)")));
    const std::string outPath = optionValue(a, "--out");
    if (!outPath.empty() && a.values.count("--sweep"))
        throw UsageError(str(
            Cli::tr("--out writes one model: use --sparsity (and/or --quantize int8) instead of --sweep")));
    const std::string report = optionValue(a, "--report");
    const std::string outTarget = outPath.empty() ? "" : checkOutput(outPath, "--out");
    const std::string reportTarget = report.empty() ? "" : checkOutput(report, "--report");
    if (!outPath.empty() && outTarget == reportTarget)
        throw UsageError(
            fmt(Cli::tr("--out and --report name the same file (%1): give two files"), outTarget));
    const int threads = settingOption(a, "--threads", "threads", trained.spec.training.threads);
    std::FILE* out = report == kStdout ? stderr : stdout;
    const int fineTuneEpochs = int(intOption(a, "--fine-tune-epochs", 0, 1000, 0));
    if (fineTuneEpochs > 0 && sparsities.empty())
        throw UsageError(str(
            Cli::tr("--fine-tune-epochs fine-tunes a pruned model: give --sparsity S or --sweep P,P,...")));

    const Dataset data = loadData(a, trained.spec, trained.path);
    const int calibration =
        int(intOption(a, "--calibration", 1, std::max<long long>(1, (long long)data.trainCount()),
                      std::min<long long>(1000, std::max<long long>(1, (long long)data.trainCount()))));
    InferenceModel floatModel(trained.spec, trained.params, threads);
    if (const std::string why = floatModel.checkData(data); !why.empty())
        throw UsageError(trained.path + ": " + coreText(why));
    CompressionPlan plan;
    plan.int8 = int8;
    plan.sparsities = sparsities;
    plan.quantizePruned = !a.values.count("--sweep");
    plan.fineTuneEpochs = fineTuneEpochs;
    plan.calibration = calibration;
    plan.threads = threads;
    CompressionSweep sweep;
    try {
        sweep = runCompressionSweep(trained.spec, trained.params, data, plan);
    } catch (const std::runtime_error& e) {
        if (std::string(e.what()).rfind("fine-tuning ", 0) != 0) throw;
        std::fprintf(stderr, "%s\n", fmt(Cli::tr("error: %1"), coreText(e.what())).c_str());
        return 1;
    }
    const std::vector<CompressionVariant>& variants = sweep.variants;
    for (const CompressionVariant& v : variants)
        if (v.fineTuneSeconds > 0)
            std::fprintf(out, "%s\n",
                         fmt(fineTuneEpochs == 1 ? Cli::tr("fine-tuned %1: %2 epoch in %3 s")
                                                 : Cli::tr("fine-tuned %1: %2 epochs in %3 s"),
                             v.name, fineTuneEpochs, fixed(v.fineTuneSeconds, 1))
                             .c_str());

    std::fprintf(
        out, "%s\n",
        fmt(sweep.threads == 1 ? Cli::tr("%1 on %2: %3 test images, %4 calibration images, %5 thread")
                               : Cli::tr("%1 on %2: %3 test images, %4 calibration images, %5 threads"),
            trained.spec.name, data.name, sweep.testImages, sweep.calibration, sweep.threads)
            .c_str());
    std::fprintf(out, "%-22s %11s %7s %10s %10s %10s\n", "variant", "size", "ratio", "accuracy", "agreement",
                 "images/s");
    for (const CompressionVariant& v : variants) {
        const double ratio = double(float32Bytes((long long)v.params.size())) / double(v.bytes);
        std::fprintf(out, "%-22s %11s %6.1fx %10s %10s %10.0f\n", v.name.c_str(), sizeText(v.bytes).c_str(),
                     ratio, percent(v.accuracy).c_str(), percent(v.agreement).c_str(), v.imagesPerSecond);
    }
    if (int8)
        std::fprintf(out, "%s\n",
                     str(Cli::tr("int8: weights dequantized on load, activations quantized in the engine (no "
                                 "int8 GEMM kernels: int8 accuracy at float32 speed)"))
                         .c_str());

    int code = 0;
    if (!outPath.empty()) {
        const CompressionVariant& v = variants.back();
        saveCheckpoint(outPath, trained.spec, v.params, v.quantization);
        std::fprintf(out, "%s\n",
                     fmt(v.quantization.empty() ? Cli::tr("saved %1 (float32 checkpoint) to %2")
                                                : Cli::tr("saved %1 (int8, checkpoint version 4) to %2"),
                         v.name, outPath)
                         .c_str());
    }
    if (report.empty()) return code;
    nlohmann::ordered_json j;
    j["model"] = trained.spec.name;
    j["checkpoint"] = trained.path;
    j["dataset"] = data.name;
    j["images"] = sweep.testImages;
    j["calibration_images"] = calibration;
    j["fine_tune_epochs"] = fineTuneEpochs;
    j["variants"] = nlohmann::ordered_json::array();
    for (const CompressionVariant& v : variants)
        j["variants"].push_back({{"variant", v.name},
                                 {"precision", v.precision},
                                 {"sparsity", v.sparsity},
                                 {"bytes", v.bytes},
                                 {"accuracy", number(v.accuracy)},
                                 {"agreement", number(v.agreement)},
                                 {"images_per_second", number(v.imagesPerSecond)},
                                 {"zero_weights", v.zeros},
                                 {"weights", v.weights}});
    j["out"] = outPath.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(outPath);
    return writeReport(report, readableJson(j)) ? code : 1;
}

}  // namespace layerlab::cli
