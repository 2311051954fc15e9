// layerlab-cli evaluate: tests a trained model on its test set; --report writes the metrics as JSON.
#include "app/cli/commands.h"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/cli/cli_common.h"
#include "app/cli/cli_text.h"
#include "core/augment.h"
#include "core/dataset_identity.h"
#include "core/evaluation.h"
#include "core/inference_model.h"

namespace layerlab::cli {

namespace {

QString evaluateHelp() {
    return Cli::tr(
        R"(usage: layerlab-cli evaluate --model CHECKPOINT [--data DIR] [--shift PIXELS] [--threads N] [--report REPORT.json] [--strict]

Loads a checkpoint written by 'train --save' or the studio (or an ONNX file), runs every test image of its dataset through
it (batched, on all threads) and prints the test loss and accuracy, the time it took and the most confused
pairs of classes. An ONNX file is fed pixels / 255 (its own scaling node, when LayerLab wrote it, is read as
that).
  --data DIR           the four IDX files, or a folder of images (a subfolder per class); default: see
                       'layerlab-cli --help'
  --shift PIXELS       test on moved images: each test image shifted by whole pixels, x and y each drawn
                       from -PIXELS..PIXELS (the same draws on every run), black entering at the edge;
                       how much a model relies on where the digit sits, and what shift augmentation buys
  --threads N          worker threads (0 = all cores, the default)
  --report REPORT.json write a JSON report: model, dataset, data_directory, set, images, accuracy (a fraction
                       0..1), loss, confusion (classes x classes counts, rows = true class, columns =
                       predicted), class_names (an image folder's), per_class [{class, name (an image
                       folder's), precision, recall, f1, support}] (null where undefined:
                       a class never predicted has no precision), macro_precision, macro_recall, macro_f1,
                       misclassified (test-set indices of the wrong answers, ascending), most_confused
                       [{true, predicted, count}], top_losses [{index, true, predicted, loss}], seconds
                       (wall time of the pass), cpu_seconds, threads; --report - prints it on standard
                       output (the summary goes to standard error)
  --strict             refuse a checkpoint whose model has keys LayerLab does not use (default: warn)
)");
}

constexpr std::uint64_t kShiftSeed = 20261130;  // --shift's draws

}  // namespace

int cmdEvaluate(int argc, char** argv) {
    const Args a =
        parseArgs(argc, argv, 2, {"--model", "--data", "--shift", "--threads", "--report"}, {"--strict"});
    if (a.help) {
        std::cout << str(evaluateHelp());
        return 0;
    }
    const ModelInput trained = loadTrainedModel(a);
    const std::string& modelPath = trained.path;
    const int threads = settingOption(a, "--threads", "threads", trained.spec.training.threads);
    const std::string report = optionValue(a, "--report");
    if (!report.empty()) checkOutput(report, "--report");
    std::FILE* out = report == kStdout ? stderr : stdout;
    const int shift = int(intOption(a, "--shift", 0, 100, 0));
    Dataset data = loadData(a, trained.spec, modelPath);
    if (shift > 0) {
        // Each image its own draw, from a fixed seed: the same moved test set on every run and thread count.
        AugmentationSpec moves;
        moves.shift = float(shift);
        std::vector<std::uint8_t> moved(data.testImages.size());
        const std::size_t size = data.imageSize();
        for (std::size_t i = 0; i < data.testCount(); ++i) {
            const AugmentDraw d = drawAugment(moves, augmentSeed(kShiftSeed, 0, i));
            shiftImage(data.testImages.data() + i * size, data.imageShape(), d.dx, d.dy,
                       moved.data() + i * size);
        }
        data.testImages = std::move(moved);
        data.name += ", test images shifted up to " + std::to_string(shift) + " px";
    }
    InferenceModel model(trained.spec, trained.params, threads);
    model.setQuantization(trained.quantization);  // an int8 checkpoint runs quantized
    if (const std::string why = model.checkData(data); !why.empty())
        throw UsageError(modelPath + ": " + coreText(why));
    const std::clock_t cpu0 = std::clock();  // the process's CPU time: only the evaluation runs now
    const Predictions p = model.evaluate(testSet(data));
    const double cpuSeconds = double(std::clock() - cpu0) / CLOCKS_PER_SEC;
    const EvaluationSummary s = summarize(p);
    std::fprintf(
        out, "%s\n",
        fmt(model.threads() == 1 ? Cli::tr("%1 on %2: test loss %3  test accuracy %4%  (%5 images in "
                                           "%6 s, %7 s of CPU, %8 thread)")
                                 : Cli::tr("%1 on %2: test loss %3  test accuracy %4%  (%5 images in "
                                           "%6 s, %7 s of CPU, %8 threads)"),
            trained.spec.name, data.name, fixed(s.loss, 4), fixed(100 * s.accuracy, 2), p.count(),
            fixed(p.seconds, 2), fixed(cpuSeconds, 2), model.threads())
            .c_str());
    if (model.quantized())
        std::fprintf(out, "%s\n",
                     str(Cli::tr("int8 model (layerlab-cli compress): weights dequantized on load, "
                                 "activations quantized to int8 in the engine"))
                         .c_str());
    const std::vector<ConfusedPair> pairs = mostConfusedPairs(s.confusion, 10);
    // The classes are named by what the data holds when that is known, else by the model's dataset.
    const DatasetIdentity identity = identifyDataset(data);
    const DatasetKind names = identity.known ? identity.kind : trained.spec.training.dataset;
    if (!pairs.empty()) {
        std::string line = str(Cli::tr("most confused (true -> predicted: images):"));
        for (std::size_t i = 0; i < std::min<std::size_t>(5, pairs.size()); ++i)
            line += std::string(i ? ", " : " ") + classLabel(data, names, pairs[i].trueClass) + " -> " +
                    classLabel(data, names, pairs[i].predicted) + ": " + std::to_string(pairs[i].count);
        std::fprintf(out, "%s\n", line.c_str());
    }
    if (report.empty()) return 0;
    nlohmann::ordered_json j;
    j["model"] = trained.spec.name;
    j["checkpoint"] = modelPath;
    j["dataset"] = data.name;
    j["data_directory"] = data.directory;
    j["set"] = "test";
    j["shift"] = shift;
    j["images"] = p.count();
    j["classes"] = p.classes;
    if (!data.classNames.empty()) j["class_names"] = data.classNames;  // an image folder's, by label
    j["accuracy"] = number(s.accuracy);
    j["loss"] = number(s.loss);
    j["confusion"] = nlohmann::ordered_json::array();
    for (int t = 0; t < p.classes; ++t) {
        nlohmann::ordered_json row = nlohmann::ordered_json::array();
        for (int q = 0; q < p.classes; ++q) row.push_back(s.confusion.at(t, q));
        j["confusion"].push_back(row);
    }
    j["per_class"] = nlohmann::ordered_json::array();
    for (int c = 0; c < p.classes; ++c) {
        const ClassMetrics& m = s.perClass[c];
        nlohmann::ordered_json row = {{"class", c}};
        if (std::size_t(c) < data.classNames.size()) row["name"] = data.classNames[std::size_t(c)];
        row["precision"] = number(m.precision);
        row["recall"] = number(m.recall);
        row["f1"] = number(m.f1);
        row["support"] = m.support;
        j["per_class"].push_back(row);
    }
    j["macro_precision"] = number(s.macroPrecision);
    j["macro_recall"] = number(s.macroRecall);
    j["macro_f1"] = number(s.macroF1);
    j["misclassified"] = nlohmann::ordered_json::array();
    for (std::size_t i : misclassified(p)) j["misclassified"].push_back(p.sourceIndex[i]);
    j["most_confused"] = nlohmann::ordered_json::array();
    for (const ConfusedPair& c : pairs)
        j["most_confused"].push_back({{"true", c.trueClass}, {"predicted", c.predicted}, {"count", c.count}});
    j["top_losses"] = nlohmann::ordered_json::array();
    for (std::size_t i : topLosses(p, 20))
        j["top_losses"].push_back({{"index", p.sourceIndex[i]},
                                   {"true", int(p.labels[i])},
                                   {"predicted", int(p.predicted[i])},
                                   {"loss", number(p.losses[i])}});
    j["seconds"] = p.seconds;
    j["cpu_seconds"] = cpuSeconds;
    j["threads"] = model.threads();
    return writeReport(report, readableJson(j)) ? 0 : 1;
}

}  // namespace layerlab::cli
