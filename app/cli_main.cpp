// layerlab-cli: trains, evaluates, classifies image files with and benchmarks LayerLab models without the
// GUI.
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "core/atomic_file.h"
#include "core/bench.h"
#include "core/checkpoint.h"
#include "core/dataset.h"
#include "core/dataset_identity.h"
#include "core/digit_preprocess.h"
#include "core/errors.h"
#include "core/evaluation.h"
#include "core/image_io.h"
#include "core/inference_model.h"
#include "core/model_reference.h"
#include "core/model_spec.h"
#include "core/network.h"
#include "core/onnx_export.h"
#include "core/onnx_import.h"
#include "core/run_record.h"
#include "core/shape_inference.h"
#include "core/sweep.h"
#include "core/trainer.h"
#include "core/training_fields.h"

using namespace layerlab;

namespace {

constexpr int kUsageError = 2;

const char* kMainHelp =
    R"(layerlab-cli - train, evaluate, use and benchmark LayerLab models without the studio

usage: layerlab-cli <command> [options]

commands:
  train      train a model file on MNIST (or Fashion-MNIST) and print a line per epoch
  evaluate   test a saved checkpoint: loss, accuracy, confusion matrix, per-class metrics (--report)
  predict    classify image files (PNG, JPEG, BMP) with a saved checkpoint, MNIST-style preprocessing
  bench      measure training and inference throughput (samples/s)
  export     write a trained model for other tools: ONNX (--format onnx)
  runs       list the recorded runs of a runs folder (every train and sweep run is recorded)
  sweep      train a model once per combination of settings (grid or random search) and rank the runs
  help model the model file's reference: every layer type and setting with its limits and default

Run 'layerlab-cli <command> --help' for the options of a command.
Keys a model file has that LayerLab does not use (a typo, a note) are reported on standard error, each with
the closest known key; --strict makes them an error (exit 2).
Data is looked up in this order: --data DIR, $LAYERLAB_MNIST_DIR (or $LAYERLAB_FASHION_DIR), the data folder
(data/mnist, data/fashion-mnist), the Debian package path; without full MNIST the bundled subset is used.
Exit codes: 0 success; 1 training diverged (the loss became NaN, infinite or exploded) or failed, or the
checkpoint or report could not be written after training or evaluation; 2 bad input (file, option, model,
image, or an output path that cannot be written), found before training starts.
Output files are written whole (a temp file renamed over the target) through symlinks to their target;
a folder, device, FIFO or socket at the path is refused, and so is a read-only file.
)";

const char* kTrainHelp = R"(usage: layerlab-cli train --model SPEC.json [options]

Trains the model in SPEC.json (or in a checkpoint or an ONNX file, continuing from its weights). Prints one line per epoch (train loss/accuracy, validation loss/accuracy,
seconds, samples/s, the learning rate when the model file's lr_schedule changes it; a progress bar while
on a terminal), then the test loss and accuracy. Early stopping and the learning-rate schedule (constant,
step, cosine, plateau) come from the model file. A loss that becomes NaN or infinite, or explodes (grows
past 1000 times its starting value), ends the run as diverged: the last good weights are kept, exit code 1.

options:
  --model SPEC.json    model file (required; see resources/presets/), or a checkpoint (.llckpt):
                       training then continues from its weights
  --data DIR           folder holding the four IDX files (plain or .gz); default: see 'layerlab-cli --help'
{overrides}  --strict             refuse a model file with keys LayerLab does not use (default: warn)
  --save CHECKPOINT    write the trained model (spec + weights) here, atomically
  --report REPORT.json write a JSON report: epochs[{epoch, train_loss, train_accuracy, val_loss,
                       val_accuracy, seconds, samples_per_second, learning_rate}], test_loss, test_accuracy,
                       total_seconds, stopped_early, diverged, run_folder (accuracies are fractions 0..1);
                       --report - prints it on standard output (the progress lines go to standard error)
  --runs DIR           record the run in this runs folder (default: $LAYERLAB_RUNS_DIR, else runs/ beside
                       the model file; the user's data folder when that cannot be written): run.json,
                       epochs.csv, batches.csv, best.llckpt and final.llckpt in a folder of its own
  --name NAME          the run's name in the runs list (default: the model's name)
  --no-record          do not record the run
  --help               this text
)";

const char* kRunsHelp = R"(usage: layerlab-cli runs [--runs DIR] [--json]

Lists the runs recorded in a runs folder, newest first: name, start time, status, epochs, best validation
accuracy, test accuracy, seconds and folder. A folder or file that is not a readable run is listed as
unreadable with the reason.
  --runs DIR   the runs folder (default: $LAYERLAB_RUNS_DIR, else runs/ in the current folder)
  --json       one JSON array: [{folder, name, status, start_time, model, epochs_done, best_val_accuracy,
               test_accuracy, seconds, sweep, settings} or {folder, unreadable}]
)";

const char* kSweepHelp =
    R"(usage: layerlab-cli sweep --model SPEC.json --vary KEY=VALUES [--vary ...] [options]

Trains the model once per trial, one trial after another, each recorded as a normal run tagged with the
sweep's id, then prints the trials ranked by the metric. A trial gives the same results as 'train' with the
same settings and seed.
  --vary KEY=V1,V2,...   a setting and its values; the grid of all --vary lists is run. KEY is lr, batch,
                         optimizer, a training key of the model file (learning_rate, l2,
                         optimizer.momentum, epochs, lr_schedule.type, ...; see 'layerlab-cli help model')
                         or a layer's setting as layerN.KEY, layers numbered from 1 as in the editor
                         (layer3.units=64,128; layer2.rate=0.2,0.5 for a Dropout)
  --vary KEY=log:LO:HI   with --random: drawn log-uniformly (KEY=uniform:LO:HI: uniformly)
  --random N             random search: N trials, each setting drawn from its list or range
  --sweep-seed N         seed of the random draws (default: the model's seed)
  --metric NAME          rank by val_accuracy (the best validation accuracy of a run; default) or
                         test_accuracy
{overrides}  --budget SECONDS       start no trial after this much time, and stop the one running then
  --runs DIR             the runs folder (default as for train); the sweep's state is DIR/ID.sweep.json
  --resume               continue the last unfinished sweep of this model and plan in DIR: finished
                         trials are skipped
  --data DIR             folder holding the four IDX files; default: see 'layerlab-cli --help'
  --json                 print the ranked trials as one JSON array: [{<each varied setting>,
                         val_accuracy, test_accuracy, seconds, status, run}] (progress on standard error)
  --strict               refuse a model file with keys LayerLab does not use (default: warn)
Every value is checked against the setting's limits before the first trial starts (batch 0 or a Dense with
0 units is refused, naming the value).
)";

const char* kEvaluateHelp =
    R"(usage: layerlab-cli evaluate --model CHECKPOINT [--data DIR] [--threads N] [--report REPORT.json] [--strict]

Loads a checkpoint written by 'train --save' or the studio (or an ONNX file), runs every test image of its dataset through
it (batched, on all threads) and prints the test loss and accuracy, the time it took and the most confused
pairs of classes. An ONNX file is fed pixels / 255 (its own scaling node, when LayerLab wrote it, is read as
that).
  --data DIR           folder holding the four IDX files; default: see 'layerlab-cli --help'
  --threads N          worker threads (0 = all cores, the default)
  --report REPORT.json write a JSON report: model, dataset, data_directory, set, images, accuracy (a fraction
                       0..1), loss, confusion (classes x classes counts, rows = true class, columns =
                       predicted), per_class [{class, precision, recall, f1, support}] (null where undefined:
                       a class never predicted has no precision), macro_precision, macro_recall, macro_f1,
                       misclassified (test-set indices of the wrong answers, ascending), most_confused
                       [{true, predicted, count}], top_losses [{index, true, predicted, loss}], seconds
                       (wall time of the pass), cpu_seconds, threads; --report - prints it on standard
                       output (the summary goes to standard error)
  --strict             refuse a checkpoint whose model has keys LayerLab does not use (default: warn)
)";

const char* kPredictHelp =
    R"(usage: layerlab-cli predict --model CHECKPOINT [options] IMAGE...

Classifies image files (PNG, JPEG, BMP, GIF, TGA, PNM; any size; colour is read as grey) with a saved
checkpoint. Each image goes through MNIST's own preprocessing first: dark ink on light paper or light ink on
dark (told from the image's border) becomes light on black, cropped to the ink, its longer side scaled to
20 px with area averaging, pasted into 28x28 and shifted so its centre of mass is at the centre. (For a
Fashion-MNIST model: scaled to 28 px and centred by its box, as Fashion-MNIST was made.)
Prints one line per file: the class, its probability and the probabilities of all classes. An image that
cannot be read, or holds no ink, gets one error line naming the file; the others are still classified, and
the exit code is then 2.
  --json               one JSON object per line: {"file", "class", "probabilities"}
  --ink auto|dark|light  dark: dark ink on light paper; light: light ink on dark (default auto)
  --no-crop            do not crop to the ink (the whole image is scaled)
  --no-scale           do not scale (the image's pixels are used as they are)
  --no-center          centre the ink's box instead of its centre of mass
  --show               print the image the network is given, as text (on standard error with --json)
  --threads N          worker threads (0 = all cores)
  --strict             refuse a checkpoint whose model has keys LayerLab does not use (default: warn)
)";

const char* kBenchHelp =
    R"(usage: layerlab-cli bench --model SPEC.json [--data DIR] [--batch N] [--threads N] [--json]

Measures training and inference throughput in samples/s on real images at that batch size: a warm-up,
then the median of 5 one-second repeats. A training step is the trainer's own step (pixels to inputs,
forward, loss and its checks, backward, L2, optimizer step); inference is its evaluation pass. --model may
also be a checkpoint (its model is measured).
  --batch N     batch size (default: the model file's)
  --threads N   worker threads (default: all cores)
  --repeats N   repeats (default 5)
  --json        print {"train_samples_per_second": ..., "infer_samples_per_second": ...}
  --strict      refuse a model file with keys LayerLab does not use (default: warn)
)";

const char* kExportHelp =
    R"(usage: layerlab-cli export --model CHECKPOINT --format onnx --out FILE.onnx [--logits] [--strict]

Writes a trained model for other tools. --model is a checkpoint (its weights), or a model file (the weights
it starts training with, from its seed: an untrained model).
  --format onnx    an ONNX file (opset 13), checked by onnx.checker and run by ONNX Runtime in the tests.
                   Input "image": float32 N x C x H x W (N any) holding raw pixel values 0-255: the graph's
                   first node scales them by 1/255 as LayerLab does, so feed pixels as they are. Output
                   "probabilities": N x classes (softmax). The file's doc_string says so. Opening the file in
                   LayerLab (studio or --model FILE.onnx) gives back the same model and settings.
  --out FILE       the file to write (written whole: a temp file renamed over it)
  --logits         output "logits" (the scores before softmax) instead of "probabilities"
  --strict         refuse a model with keys LayerLab does not use (default: warn)
)";

// Options that override a training setting: their limits, checks and help come from the setting's row in
// the training table, so they are the model file's.
struct SettingOption {
    const char* option;
    const char* metavar;
    const char* path;  // in the training table
    const char* what;
};
const SettingOption kTrainOverrides[] = {
    {"--epochs", "N", "epochs", "number of epochs"},
    {"--batch", "N", "batch_size", "mini-batch size"},
    {"--lr", "X", "optimizer.learning_rate", "learning rate (where a schedule starts)"},
    {"--threads", "N", "threads", "worker threads (0 = all cores)"},
    {"--seed", "N", "seed", "random seed (same seed and threads give bit-identical weights)"},
};

std::string overrideLines() {
    std::string lines;
    for (const SettingOption& o : kTrainOverrides) {
        std::string left = std::string("  ") + o.option + " " + o.metavar;
        left.resize(25, ' ');
        lines += left + o.what + "\n" + std::string(25, ' ') + "(" + trainingField(o.path)->meta.rangeText() +
                 "; default: the model file's)\n";
    }
    return lines;
}

std::string sweepHelp() {
    std::string help = kSweepHelp;
    help.replace(help.find("{overrides}"), 11, overrideLines());
    return help;
}

std::string trainHelp() {
    std::string lines;
    for (const SettingOption& o : kTrainOverrides) {
        std::string left = std::string("  ") + o.option + " " + o.metavar;
        left.resize(23, ' ');
        lines += left + o.what + "\n" + std::string(23, ' ') + "(" + trainingField(o.path)->meta.rangeText() +
                 "; default: the model file's)\n";
    }
    std::string help = kTrainHelp;
    help.replace(help.find("{overrides}"), 11, lines);
    return help;
}

struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct Args {
    std::map<std::string, std::string> values;
    std::set<std::string> flags;          // valueless options given, e.g. "--no-crop"
    std::vector<std::string> positional;  // arguments that are not options (predict's image files)
    std::vector<std::pair<std::string, std::string>> all;  // every valued option in order (--vary repeats)
    bool help = false, json = false;
};

// valued: options that take a value; flags: valueless options besides --help and --json; positional: whether
// plain arguments are accepted (an argument starting with '-' is always an option).
Args parseArgs(int argc, char** argv, int first, const std::vector<std::string>& valued,
               const std::vector<std::string>& flags = {}, bool positional = false) {
    Args a;
    for (int i = first; i < argc; ++i) {
        std::string s = argv[i];
        if (s == "--help" || s == "-h") {
            a.help = true;
            continue;
        }
        if (s == "--json") {
            a.json = true;
            continue;
        }
        if (std::find(flags.begin(), flags.end(), s) != flags.end()) {
            a.flags.insert(s);
            continue;
        }
        if (positional && (s.empty() || s[0] != '-')) {
            a.positional.push_back(s);
            continue;
        }
        std::string value;
        bool hasValue = false;
        if (auto eq = s.find('='); s.rfind("--", 0) == 0 && eq != std::string::npos) {
            value = s.substr(eq + 1);
            s = s.substr(0, eq);
            hasValue = true;
        }
        if (std::find(valued.begin(), valued.end(), s) == valued.end())
            throw UsageError("unknown option '" + s + "': see --help");
        if (!hasValue) {
            if (i + 1 >= argc) throw UsageError("option " + s + " needs a value: see --help");
            value = argv[++i];
        }
        a.values[s] = value;
        a.all.emplace_back(s, value);
    }
    return a;
}

long long intOption(const Args& a, const std::string& name, long long lo, long long hi, long long def) {
    auto it = a.values.find(name);
    if (it == a.values.end()) return def;
    char* end = nullptr;
    errno = 0;
    const long long v = std::strtoll(it->second.c_str(), &end, 10);
    if (it->second.empty() || *end || errno || v < lo || v > hi)
        throw UsageError(name + ": must be a whole number from " + std::to_string(lo) + " to " +
                         std::to_string(hi) + ", got '" + it->second + "'");
    return v;
}

// Sets the training setting at `path` from the option's text, checked against the model file's limits.
void settingOption(const Args& a, const std::string& option, const char* path, TrainingSpec& t) {
    auto it = a.values.find(option);
    if (it == a.values.end()) return;
    const TrainingField* f = trainingField(path);
    FieldValue v;
    if (std::string problem = f->meta.parse(it->second, &v); !problem.empty())
        throw UsageError(option + ": " + problem);
    f->set(t, v);
}

// The setting at `path` as the option gives it, else `def`.
int settingOption(const Args& a, const std::string& option, const char* path, int def) {
    TrainingSpec t;
    FieldValue v = toFieldValue(def);
    trainingField(path)->set(t, v);
    settingOption(a, option, path, t);
    return int(trainingField(path)->get(t).whole);
}

// Keys the model does not use: one warning line each on stderr, or (--strict) an error.
void checkUnknownKeys(const ModelSpec& spec, const std::string& path, const Args& a) {
    if (a.flags.count("--strict")) {
        try {
            refuseUnknownKeys(spec);
        } catch (const SpecError& e) {
            throw SpecError(path + ": " + e.what() + "; run without --strict to only warn");
        }
        return;
    }
    for (const std::string& w : unknownKeyWarnings(spec))
        std::cerr << "warning: " << path << ": " << w << "\n";
}

std::string requireModel(const Args& a) {
    auto it = a.values.find("--model");
    if (it == a.values.end())
        throw UsageError("--model is required: give a model file, e.g. resources/presets/seed-cnn.json");
    return it->second;
}

// A model file, or a checkpoint where a model file is expected: its model, and its weights to start from.
struct ModelInput {
    ModelSpec spec;
    std::vector<float> params;  // empty for a model file
};

ModelInput loadModelInput(const std::string& path) {
    if (isOnnxPath(path)) {
        OnnxImport imported = importOnnx(path);
        for (const std::string& n : imported.notes) std::cerr << "note: " << path << ": " << n << "\n";
        return {std::move(imported.spec), std::move(imported.params)};
    }
    if (!isCheckpointFile(path)) return {loadModelSpec(path), {}};
    Checkpoint ck = loadCheckpoint(path);
    return {std::move(ck.spec), std::move(ck.params)};
}

// A trained model: a checkpoint, or an ONNX file (its weights).
Checkpoint loadTrainedModel(const std::string& path) {
    if (!isOnnxPath(path)) return loadCheckpoint(path);
    ModelInput in = loadModelInput(path);
    return {std::move(in.spec), std::move(in.params)};
}

Dataset loadData(const Args& a, DatasetKind kind) {
    std::string note;
    auto it = a.values.find("--data");
    Dataset d = loadDatasetOrSubset(kind, it == a.values.end() ? "" : it->second, &note);
    if (!note.empty()) std::cerr << "note: " << note << "\n";
    if (const std::string m = datasetMismatch(kind, d); !m.empty())
        std::cerr << "warning: " << m
                  << " as the model says: its classes will be scored against other labels; "
                  << "point --data at a folder with the model's dataset\n";
    return d;
}

std::string fixed(double v, int prec) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", prec, v);
    return buf;
}

class CliObserver : public TrainerObserver {
public:
    CliObserver(std::FILE* out, int epochs, bool showRate)
        : m_out(out), m_epochs(epochs), m_showRate(showRate), m_tty(isatty(fileno(out))) {}
    void onBatchEnd(const BatchMetrics& m) override {
        if (!m_tty || (m.batch % 5 != 0 && m.batch != m.batchesPerEpoch)) return;
        const int width = 30, done = int(double(m.batch) / m.batchesPerEpoch * width);
        std::string bar(done, '#');
        bar.resize(width, '.');
        std::fprintf(m_out, "\repoch %d/%d [%s] %d/%d  loss %.4f  %.0f samples/s ", m.epoch, m_epochs,
                     bar.c_str(), m.batch, m.batchesPerEpoch, m.loss, m.samplesPerSecond);
        std::fflush(m_out);
    }
    void onEpochEnd(const EpochMetrics& e) override {
        if (m_tty) std::fprintf(m_out, "\r\033[K");
        std::string rate;
        if (m_showRate) {
            char buf[32];
            std::snprintf(buf, sizeof buf, "  lr %.3g", e.learningRate);
            rate = buf;
        }
        std::fprintf(
            m_out,
            "epoch %d/%d  train loss %.4f acc %.2f%%  val loss %.4f acc %.2f%%  %.1f s  %.0f samples/s%s%s\n",
            e.epoch, m_epochs, e.trainLoss, 100 * e.trainAccuracy, e.valLoss, 100 * e.valAccuracy, e.seconds,
            e.samplesPerSecond, rate.c_str(), e.best ? "  *" : "");
        std::fflush(m_out);
    }
    void onFinished(const TrainResult&) override {
        if (m_tty) std::fprintf(m_out, "\r\033[K");  // a run that ends mid-epoch leaves no progress bar
    }

private:
    std::FILE* m_out;
    int m_epochs;
    bool m_showRate;
    bool m_tty;
};

constexpr const char* kStdout = "-";

// Before training: the output paths must be writable under writeFileAtomically's rules, so that a run is
// never thrown away for want of a place to put its result. Returns the file a write would replace.
std::string checkOutput(const std::string& path, const std::string& option) {
    if (path == kStdout) {
        if (option == "--save")
            throw UsageError(
                "--save: a checkpoint is binary and cannot go to standard output (-); give a file "
                "name, e.g. --save model.llckpt");
        return path;
    }
    std::string target;
    if (std::string err = checkWritableTarget(path, &target); !err.empty()) {
        struct stat st {};
        const bool special = path.rfind("/dev/", 0) == 0 || path.rfind("/proc/", 0) == 0 ||
                             (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode));
        throw UsageError(
            option + ": cannot write " + path + ": " + err +
            (option == "--report" && special ? "; --report - prints the report on standard output" : ""));
    }
    return target;
}

// Writes a --report (checked before the work by checkOutput): to standard output for "-", else under the
// write rules. After the work a failed write is said on stderr and returns false (exit code 1).
bool writeReport(const std::string& report, const std::string& text) {
    if (report == kStdout) {
        std::fflush(stderr);
        if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size() || std::fflush(stdout) != 0) {
            std::cerr << "error: cannot write the report to standard output: " << std::strerror(errno)
                      << "\n";
            return false;
        }
    } else if (const std::string err = writeFileAtomically(report, text); !err.empty()) {
        std::cerr << "error: cannot write report " << report << ": " << err << "\n";
        return false;
    }
    return true;
}

// A number for JSON: null when undefined (NaN) or infinite.
nlohmann::ordered_json number(double v) {
    return std::isfinite(v) ? nlohmann::ordered_json(v) : nlohmann::ordered_json();
}

// A report as JSON a person can read too: one key per line, a matrix one row per line, a list of records
// one record per line, a list of numbers on one line.
std::string readableJson(const nlohmann::ordered_json& j) {
    std::string text = "{\n";
    std::size_t i = 0;
    for (auto it = j.begin(); it != j.end(); ++it, ++i) {
        text += "  " + nlohmann::ordered_json(it.key()).dump() + ": ";
        const auto& v = it.value();
        if (v.is_array() && !v.empty() && (v.front().is_array() || v.front().is_object())) {
            text += "[\n";
            for (std::size_t k = 0; k < v.size(); ++k)
                text += "    " + v[k].dump() + (k + 1 < v.size() ? ",\n" : "\n");
            text += "  ]";
        } else {
            text += v.dump();
        }
        text += i + 1 < j.size() ? ",\n" : "\n";
    }
    return text + "}\n";
}

// How a class is named in text output: by the names of the dataset's classes ("4", "Trouser"), else its
// number. JSON output keeps the numbers.
std::string classLabel(DatasetKind kind, int c) {
    return className(contentOf(kind), c);
}

// The runs folder a command records into: --runs, else the default (defaultRunsDir); "" with --no-record.
std::string runsFolder(const Args& a, const std::string& modelPath) {
    if (a.flags.count("--no-record")) return {};
    if (auto it = a.values.find("--runs"); it != a.values.end()) {
        if (it->second.empty()) throw UsageError("--runs: give a folder, or --no-record");
        return it->second;
    }
    return defaultRunsDir(modelPath, userDataFolder());
}

// Starts recording a run of `spec` before it trains (null with --no-record). A folder given with --runs
// that cannot be written is bad input (exit 2, before training); the default one falls back to the user's
// data folder, with a note.
std::unique_ptr<RunRecorder> startRecording(const Args& a, std::string runsDir, const std::string& modelPath,
                                            const ModelSpec& spec, Trainer& trainer, const Dataset& data,
                                            const std::string& initialWeights, std::FILE* out,
                                            const std::string& sweepId = "", int sweepTrial = -1,
                                            const std::string& name = "") {
    if (runsDir.empty()) return nullptr;
    RunRecordOptions o;
    o.runsDir = runsDir;
    o.modelFile = isCheckpointFile(modelPath) ? "" : modelPath;
    if (auto it = a.values.find("--name"); it != a.values.end()) o.name = it->second;
    if (!name.empty()) o.name = name;
    o.sweepId = sweepId;
    o.sweepTrial = sweepTrial;
    o.initialWeights = initialWeights;
    o.dataset = data.name;
    o.trainSamples = trainer.trainSamples();
    o.validationSamples = trainer.validationSamples();
    o.testSamples = data.testCount();
    o.threads = trainer.threads();
    o.params = [&trainer] { return trainer.currentParams(); };
    try {
        return std::make_unique<RunRecorder>(spec, o);
    } catch (const RunRecordError& e) {
        const char* env = std::getenv("LAYERLAB_RUNS_DIR");
        if (a.values.count("--runs") || (env && *env)) throw UsageError(std::string("--runs: ") + e.what());
        o.runsDir = userDataFolder() + "/runs";
        std::fprintf(out, "note: %s; recording in %s instead\n", e.what(), o.runsDir.c_str());
        return std::make_unique<RunRecorder>(spec, o);
    }
}

int cmdTrain(int argc, char** argv) {
    const Args a = parseArgs(argc, argv, 2,
                             {"--model", "--data", "--epochs", "--batch", "--lr", "--threads", "--seed",
                              "--save", "--report", "--runs", "--name"},
                             {"--strict", "--no-record"});
    if (a.help) {
        std::cout << trainHelp();
        return 0;
    }
    const std::string modelPath = requireModel(a);
    ModelInput input = loadModelInput(modelPath);
    ModelSpec& spec = input.spec;
    checkUnknownKeys(spec, modelPath, a);
    TrainingSpec& t = spec.training;
    for (const SettingOption& o : kTrainOverrides) settingOption(a, o.option, o.path, t);
    validateTraining(t);
    validateModel(spec);
    const std::string save = a.values.count("--save") ? a.values.at("--save") : "";
    const std::string report = a.values.count("--report") ? a.values.at("--report") : "";
    const std::string saveTarget = save.empty() ? "" : checkOutput(save, "--save");
    const std::string reportTarget = report.empty() ? "" : checkOutput(report, "--report");
    if (!save.empty() && saveTarget == reportTarget)
        throw UsageError("--save and --report name the same file (" + saveTarget +
                         "): the report would replace the checkpoint; give two names");
    // With --report - standard output carries only the report; the progress goes to standard error.
    std::FILE* out = report == kStdout ? stderr : stdout;

    const Dataset data = loadData(a, t.dataset);
    Trainer trainer(spec, data);
    if (!input.params.empty()) {
        trainer.setInitialParams(input.params);
        std::fprintf(out, "note: %s is a checkpoint: training continues from its weights\n",
                     modelPath.c_str());
    }
    std::fprintf(out, "%s on %s: %zu training, %zu validation, %zu test images; batch %d, %d thread%s\n",
                 spec.name.c_str(), data.name.c_str(), trainer.trainSamples(), trainer.validationSamples(),
                 data.testCount(), t.batchSize, trainer.threads(), trainer.threads() == 1 ? "" : "s");
    if (t.threads > trainer.threads())
        std::fprintf(out, "note: %d threads asked but this machine has %d cores: training runs on %d\n",
                     t.threads, trainer.threads(), trainer.threads());
    CliObserver obs(out, t.epochs, t.schedule.type != ScheduleType::Constant);
    const std::unique_ptr<RunRecorder> recorder =
        startRecording(a, runsFolder(a, modelPath), modelPath, spec, trainer, data,
                       input.params.empty() ? "" : modelPath, out);
    if (recorder) std::fprintf(out, "recording the run in %s\n", recorder->folder().c_str());
    TrainerObservers observers({&obs, recorder.get()});
    trainer.setObserver(recorder ? static_cast<TrainerObserver*>(&observers) : &obs);
    const TrainResult r = trainer.run();
    std::fprintf(out, "%s\n", r.message.c_str());
    if (recorder && !recorder->error().empty()) std::cerr << "warning: " << recorder->error() << "\n";
    if (r.failed) return 1;
    std::fprintf(out, "test loss %.4f  test accuracy %.2f%%  (%.1f s in all)\n", r.testLoss,
                 100 * r.testAccuracy, r.totalSeconds);
    int code = r.diverged ? 1 : 0;
    // After training a failed write (a full disk) is a failure of the run: exit code 1, said on stderr.
    if (!save.empty()) {
        try {
            saveCheckpoint(save, spec, trainer.currentParams());
            std::fprintf(out, "saved %s\n", save.c_str());
        } catch (const std::exception& e) {
            std::cerr << "error: " << e.what() << "\n";
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
        j["run_folder"] = recorder ? nlohmann::json(recorder->folder()) : nlohmann::json();
        if (!writeReport(report, j.dump(2) + "\n")) code = 1;
    }
    return code;
}

int cmdEvaluate(int argc, char** argv) {
    const Args a = parseArgs(argc, argv, 2, {"--model", "--data", "--threads", "--report"}, {"--strict"});
    if (a.help) {
        std::cout << kEvaluateHelp;
        return 0;
    }
    const std::string modelPath = requireModel(a);
    Checkpoint ck = loadTrainedModel(modelPath);
    checkUnknownKeys(ck.spec, modelPath, a);
    const int threads = settingOption(a, "--threads", "threads", ck.spec.training.threads);
    const std::string report = a.values.count("--report") ? a.values.at("--report") : "";
    if (!report.empty()) checkOutput(report, "--report");
    std::FILE* out = report == kStdout ? stderr : stdout;
    const Dataset data = loadData(a, ck.spec.training.dataset);
    InferenceModel model(ck.spec, ck.params, threads);
    if (const std::string why = model.checkData(data); !why.empty()) throw UsageError(modelPath + ": " + why);
    const std::clock_t cpu0 = std::clock();  // the process's CPU time: only the evaluation runs now
    const Predictions p = model.evaluate(testSet(data));
    const double cpuSeconds = double(std::clock() - cpu0) / CLOCKS_PER_SEC;
    const EvaluationSummary s = summarize(p);
    std::fprintf(out,
                 "%s on %s: test loss %.4f  test accuracy %.2f%%  (%zu images in %.2f s, %.2f s of CPU, %d "
                 "thread%s)\n",
                 ck.spec.name.c_str(), data.name.c_str(), s.loss, 100 * s.accuracy, p.count(), p.seconds,
                 cpuSeconds, model.threads(), model.threads() == 1 ? "" : "s");
    const std::vector<ConfusedPair> pairs = mostConfusedPairs(s.confusion, 10);
    // The classes are named by what the data holds when that is known, else by the model's dataset.
    const DatasetIdentity identity = identifyDataset(data);
    const DatasetKind names = identity.known ? identity.kind : ck.spec.training.dataset;
    if (!pairs.empty()) {
        std::string line = "most confused (true -> predicted: images):";
        for (std::size_t i = 0; i < std::min<std::size_t>(5, pairs.size()); ++i)
            line += std::string(i ? ", " : " ") + classLabel(names, pairs[i].trueClass) + " -> " +
                    classLabel(names, pairs[i].predicted) + ": " + std::to_string(pairs[i].count);
        std::fprintf(out, "%s\n", line.c_str());
    }
    if (report.empty()) return 0;
    nlohmann::ordered_json j;
    j["model"] = ck.spec.name;
    j["checkpoint"] = modelPath;
    j["dataset"] = data.name;
    j["data_directory"] = data.directory;
    j["set"] = "test";
    j["images"] = p.count();
    j["classes"] = p.classes;
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
        j["per_class"].push_back({{"class", c},
                                  {"precision", number(m.precision)},
                                  {"recall", number(m.recall)},
                                  {"f1", number(m.f1)},
                                  {"support", m.support}});
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

// "0.981" with 3 decimals, for the probability lists.
std::string prob3(float v) {
    return fixed(v, 3);
}

int cmdPredict(int argc, char** argv) {
    const Args a = parseArgs(argc, argv, 2, {"--model", "--ink", "--threads"},
                             {"--no-crop", "--no-scale", "--no-center", "--show", "--strict"}, true);
    if (a.help) {
        std::cout << kPredictHelp;
        return 0;
    }
    const std::string modelPath = requireModel(a);
    Checkpoint ck = loadTrainedModel(modelPath);
    checkUnknownKeys(ck.spec, modelPath, a);
    const ImageGeometry g = imageGeometryOf(ck.spec.input);
    if (g.channels != 1 || g.height < 2)
        throw UsageError(
            modelPath + ": the model takes " + ck.spec.input.toString() +
            " inputs, but predict prepares one grey image (1 x height x width) as in MNIST: use a "
            "model for grey images");
    if (a.positional.empty())
        throw UsageError("give one or more image files to classify, e.g. layerlab-cli predict --model " +
                         modelPath + " digit.png");
    DigitPreprocessOptions opt = DigitPreprocessOptions::forDataset(ck.spec.training.dataset);
    // The box keeps MNIST's proportion (20 of 28) for a model of another input size.
    opt.boxSize = std::max(1, int(std::lround(opt.boxSize / 28.0 * std::max(g.height, g.width))));
    opt.outputWidth = g.width;
    opt.outputHeight = g.height;
    opt.crop = !a.flags.count("--no-crop");
    opt.scale = !a.flags.count("--no-scale");
    opt.centerOfMass = !a.flags.count("--no-center");
    if (auto it = a.values.find("--ink"); it != a.values.end()) {
        if (it->second == "auto")
            opt.polarity = InkPolarity::Auto;
        else if (it->second == "dark")
            opt.polarity = InkPolarity::DarkOnLight;
        else if (it->second == "light")
            opt.polarity = InkPolarity::LightOnDark;
        else
            throw UsageError("--ink: must be auto, dark (dark ink on light paper) or light, got '" +
                             it->second + "'");
    }
    const int threads = settingOption(a, "--threads", "threads", 0);
    InferenceModel model(ck.spec, ck.params, threads);
    const int k = model.classes();
    int failed = 0;
    for (const std::string& file : a.positional) {
        DigitPreprocessResult r;
        try {
            r = preprocessDigit(loadImage(file).image, opt);
        } catch (const ImageError& e) {
            std::fflush(stdout);
            std::cerr << "error: " << e.what() << "\n";
            ++failed;
            continue;
        }
        if (!r.ok()) {
            std::fflush(stdout);
            std::cerr << "error: " << file << ": "
                      << (r.empty ? "no ink found (the image is blank, or all one shade): nothing to classify"
                                  : r.error)
                      << "\n";
            ++failed;
            continue;
        }
        const std::vector<float> prob = model.classify(r.image.pixels.data(), 1);
        const int cls = int(std::max_element(prob.begin(), prob.end()) - prob.begin());
        if (a.flags.count("--show")) {
            std::FILE* to = a.json ? stderr : stdout;
            static const char ramp[] = " .:-=+*#%@";
            for (int y = 0; y < r.image.height; ++y) {
                std::string row;
                for (int x = 0; x < r.image.width; ++x) row += ramp[r.image.at(x, y) * 9 / 255];
                std::fprintf(to, "|%s|\n", row.c_str());
            }
        }
        if (a.json) {
            nlohmann::ordered_json j;
            j["file"] = file;
            j["class"] = cls;
            j["probabilities"] = nlohmann::ordered_json::array();
            for (float v : prob) j["probabilities"].push_back(std::round(double(v) * 1e6) / 1e6);
            std::printf("%s\n",
                        j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace).c_str());
        } else {
            std::string all;
            for (int c = 0; c < k; ++c) {
                if (c) all += ' ';
                all += prob3(prob[c]);
            }
            std::printf("%s: %s  (%.1f%%)  probabilities %s\n", file.c_str(),
                        classLabel(ck.spec.training.dataset, cls).c_str(), 100 * prob[cls], all.c_str());
        }
        std::fflush(stdout);
    }
    return failed ? kUsageError : 0;
}

int cmdBench(int argc, char** argv) {
    const Args a =
        parseArgs(argc, argv, 2, {"--model", "--data", "--batch", "--threads", "--repeats"}, {"--strict"});
    if (a.help) {
        std::cout << kBenchHelp;
        return 0;
    }
    const std::string modelPath = requireModel(a);
    ModelSpec spec = loadModelInput(modelPath).spec;
    checkUnknownKeys(spec, modelPath, a);
    validateModel(spec);
    const int batch = settingOption(a, "--batch", "batch_size", spec.training.batchSize);
    const int threads = settingOption(a, "--threads", "threads", 0);
    const int repeats = int(intOption(a, "--repeats", 1, 100, 5));
    const Dataset data = loadData(a, spec.training.dataset);
    const BenchResult r = benchmark(spec, data, batch, threads, repeats);
    if (a.json) {
        std::printf(
            "{\"train_samples_per_second\": %.1f, \"infer_samples_per_second\": %.1f, \"batch\": %d, "
            "\"threads\": %d}\n",
            r.trainSamplesPerSecond, r.inferSamplesPerSecond, r.batch, r.threads);
    } else {
        std::printf("%s, batch %d, %d thread%s, %s\n", spec.name.c_str(), r.batch, r.threads,
                    r.threads == 1 ? "" : "s", data.name.c_str());
        std::printf("train: %s samples/s\ninfer: %s samples/s\n", fixed(r.trainSamplesPerSecond, 0).c_str(),
                    fixed(r.inferSamplesPerSecond, 0).c_str());
    }
    return 0;
}

int cmdExport(int argc, char** argv) {
    const Args a = parseArgs(argc, argv, 2, {"--model", "--format", "--out"}, {"--logits", "--strict"});
    if (a.help) {
        std::cout << kExportHelp;
        return 0;
    }
    const std::string modelPath = requireModel(a);
    auto fmt = a.values.find("--format");
    if (fmt == a.values.end()) throw UsageError("--format is required: --format onnx");
    if (fmt->second != "onnx") throw UsageError("--format: unknown format '" + fmt->second + "': use onnx");
    auto outIt = a.values.find("--out");
    if (outIt == a.values.end())
        throw UsageError("--out is required: the file to write, e.g. --out model.onnx");
    const std::string out = outIt->second;
    if (out == kStdout)
        throw UsageError(
            "--out: an ONNX file is binary and cannot go to standard output (-); give a file name");
    checkOutput(out, "--out");
    ModelInput input = loadModelInput(modelPath);
    checkUnknownKeys(input.spec, modelPath, a);
    if (input.params.empty()) {
        Network net(input.spec);
        net.initParams(input.spec.training.seed);
        input.params.assign(net.params().begin(), net.params().end());
        std::cerr << "note: " << modelPath
                  << " is a model file without trained weights: exporting the weights "
                  << "training starts from (seed " << input.spec.training.seed << ")\n";
    }
    OnnxExportOptions options;
    options.logits = a.flags.count("--logits") > 0;
    if (const std::string err = exportOnnx(out, input.spec, input.params, options); !err.empty()) {
        std::cerr << "error: cannot write " << out << ": " << err << "\n";
        return 1;
    }
    const ImageGeometry g = imageGeometryOf(input.spec.input);
    std::printf(
        "wrote %s: ONNX opset %d, input \"image\" N x %d x %d x %d (pixels 0-255), output \"%s\" N x %d\n",
        out.c_str(), kOnnxOpset, g.channels, g.height, g.width, options.logits ? "logits" : "probabilities",
        input.spec.classes);
    return 0;
}

// "97.31%", or "-" when not known.
std::string percent(double v) {
    return std::isfinite(v) ? fixed(100 * v, 2) + "%" : "-";
}

// A setting's text as JSON: a number when it reads as one, else the text.
nlohmann::ordered_json settingJson(const std::string& text) {
    char* end = nullptr;
    errno = 0;
    const long long whole = std::strtoll(text.c_str(), &end, 10);
    if (!text.empty() && *end == '\0' && errno == 0) return whole;
    const double d = std::strtod(text.c_str(), &end);
    if (!text.empty() && *end == '\0' && std::isfinite(d)) return d;
    return text;
}

int cmdRuns(int argc, char** argv) {
    const Args a = parseArgs(argc, argv, 2, {"--runs"});
    if (a.help) {
        std::cout << kRunsHelp;
        return 0;
    }
    std::string dir = "runs";
    if (const char* env = std::getenv("LAYERLAB_RUNS_DIR"); env && *env) dir = env;
    if (auto it = a.values.find("--runs"); it != a.values.end()) dir = it->second;
    struct stat st {};
    if (::stat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
        throw UsageError("--runs: " + dir +
                         " is not a folder: give the runs folder (runs/ beside a model file)");
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
                 {"test_accuracy", number(r.testAccuracy)},
                 {"seconds", r.seconds},
                 {"sweep", r.sweepId.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(r.sweepId)},
                 {"note", r.note},
                 {"settings", settings}});
        }
        std::printf("%s\n", readableJson({{"runs", j}}).c_str());
        return 0;
    }
    std::printf("%d run%s in %s\n", int(runs.size()), runs.size() == 1 ? "" : "s", dir.c_str());
    if (runs.empty()) return 0;
    std::printf("%-24s  %-19s  %-13s  %6s  %8s  %8s  %8s  %s\n", "name", "started", "status", "epochs",
                "best val", "test", "seconds", "folder");
    for (const RunInfo& r : runs) {
        if (!r.readable) {
            std::printf("%-24s  unreadable: %s\n", r.id.c_str(), r.problem.c_str());
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

// Stops the trial under way when the sweep's time budget runs out (from the training thread: stop() is an
// atomic flag).
class BudgetObserver : public TrainerObserver {
public:
    BudgetObserver(Trainer& trainer, std::chrono::steady_clock::time_point deadline, bool enabled)
        : m_trainer(trainer), m_deadline(deadline), m_enabled(enabled) {}
    void onBatchEnd(const BatchMetrics&) override {
        if (m_enabled && !m_hit && std::chrono::steady_clock::now() >= m_deadline) {
            m_hit = true;
            m_trainer.stop();
        }
    }
    bool hit() const { return m_hit; }

private:
    Trainer& m_trainer;
    std::chrono::steady_clock::time_point m_deadline;
    bool m_enabled;
    bool m_hit = false;
};

int cmdSweep(int argc, char** argv) {
    std::vector<std::string> valued = {"--model",  "--data",   "--vary", "--random", "--sweep-seed",
                                       "--metric", "--budget", "--runs", "--name"};
    for (const SettingOption& o : kTrainOverrides) valued.push_back(o.option);
    const Args a = parseArgs(argc, argv, 2, valued, {"--strict", "--resume"});
    if (a.help) {
        std::cout << sweepHelp();
        return 0;
    }
    const std::string modelPath = requireModel(a);
    ModelInput input = loadModelInput(modelPath);
    ModelSpec base = input.spec;
    checkUnknownKeys(base, modelPath, a);
    for (const SettingOption& o : kTrainOverrides) settingOption(a, o.option, o.path, base.training);
    validateTraining(base.training);
    validateModel(base);
    const std::string metric = a.values.count("--metric") ? a.values.at("--metric") : "val_accuracy";
    if (!isSweepMetric(metric))
        throw UsageError("--metric: must be val_accuracy or test_accuracy, got '" + metric + "'");
    const int random = int(intOption(a, "--random", 1, 100000, 0));
    unsigned long long sweepSeed = base.training.seed;
    if (auto it = a.values.find("--sweep-seed"); it != a.values.end()) {
        FieldValue v;
        if (std::string p = trainingField("seed")->meta.parse(it->second, &v); !p.empty())
            throw UsageError("--sweep-seed: " + p);
        sweepSeed = v.big;
    }
    double budget = 0;
    if (auto it = a.values.find("--budget"); it != a.values.end()) {
        char* end = nullptr;
        budget = std::strtod(it->second.c_str(), &end);
        if (it->second.empty() || *end || !(budget > 0) || !std::isfinite(budget))
            throw UsageError("--budget: must be a number of seconds above 0, got '" + it->second + "'");
    }
    std::vector<SweepAxis> axes;
    std::string plan;
    for (const auto& [option, value] : a.all)
        if (option == "--vary") {
            try {
                axes.push_back(parseSweepAxis(value, base));
            } catch (const SpecError& e) {
                throw UsageError(std::string("--vary ") + e.what());
            }
            plan += "--vary " + value + "\n";
        }
    if (axes.empty())
        throw UsageError("give at least one --vary KEY=VALUES, e.g. --vary lr=0.01,0.001 (see --help)");
    for (std::size_t i = 0; i < axes.size(); ++i)
        for (std::size_t k = 0; k < i; ++k)
            if (axes[i].key == axes[k].key) throw UsageError("--vary: " + axes[i].key + " is varied twice");
    std::vector<SweepTrial> trials;
    try {
        trials = planSweep(axes, random, sweepSeed);
    } catch (const SpecError& e) {
        throw UsageError(e.what());
    }
    // Every trial's model is checked before the first one trains: a value that cannot work is named now.
    for (const SweepTrial& trial : trials) trialSpec(base, trial);

    std::string runsDir = runsFolder(a, modelPath);
    if (runsDir.empty()) throw UsageError("a sweep records its trials: --no-record does not apply");
    const std::string signature = serializeModelSpec(base) + plan + "random " + std::to_string(random) +
                                  " seed " + std::to_string(sweepSeed) + " metric " + metric;
    std::FILE* out = a.json ? stderr : stdout;
    SweepState state;
    if (a.flags.count("--resume")) {
        for (const SweepState& s : loadSweepStates(runsDir))
            if (s.signature == signature) {
                state = s;
                break;
            }
        if (state.id.empty())
            std::fprintf(out, "note: no sweep of this model and plan in %s to resume: starting a new one\n",
                         runsDir.c_str());
    }
    if (state.id.empty()) {
        try {
            state.id = newSweepId(runsDir);
        } catch (const RunRecordError& e) {
            throw UsageError(std::string("--runs: ") + e.what());
        }
        state.signature = signature;
        state.metric = metric;
        const std::time_t now = std::time(nullptr);
        char created[32];
        std::strftime(created, sizeof created, "%Y-%m-%dT%H:%M:%S", std::localtime(&now));
        state.created = created;
        for (const SweepTrial& trial : trials) {
            SweepTrialState ts;
            ts.trial = trial;
            state.trials.push_back(ts);
        }
        if (std::string e = saveSweepState(runsDir, state); !e.empty())
            throw UsageError("--runs: cannot write the sweep's state: " + e);
    }
    const int total = int(state.trials.size());
    int skipped = 0;
    for (const SweepTrialState& t : state.trials) skipped += t.done;
    std::fprintf(out, "sweep %s: %d trial%s of %s in %s%s\n", state.id.c_str(), total, total == 1 ? "" : "s",
                 base.name.c_str(), runsDir.c_str(),
                 skipped ? (", resuming: " + std::to_string(skipped) + " finished trial" +
                            (skipped == 1 ? "" : "s") + " skipped")
                               .c_str()
                         : "");

    std::map<int, Dataset> datasets;  // by DatasetKind: loaded once
    const auto start = std::chrono::steady_clock::now();
    const auto deadline = start + std::chrono::microseconds(static_cast<long long>(budget * 1e6));
    bool outOfTime = false;
    int code = 0;
    for (int k = 0; k < total && !outOfTime; ++k) {
        SweepTrialState& ts = state.trials[std::size_t(k)];
        if (ts.done) continue;
        if (budget > 0 && std::chrono::steady_clock::now() >= deadline) {
            outOfTime = true;
            break;
        }
        const ModelSpec spec = trialSpec(base, ts.trial);
        std::string what, shortWhat;
        for (const RunSetting& x : ts.trial.settings) {
            what += " " + x.first + "=" + x.second;
            // "learning_rate=0.01", "layer2.units=64": short enough for the runs list
            const std::string key =
                x.first.rfind("layer", 0) == 0 ? x.first : x.first.substr(x.first.rfind('.') + 1);
            shortWhat += " " + key + "=" + x.second;
        }
        std::fprintf(out, "trial %d/%d:%s\n", k + 1, total, what.c_str());
        const int kind = int(spec.training.dataset);
        if (!datasets.count(kind)) datasets.emplace(kind, loadData(a, spec.training.dataset));
        const Dataset& data = datasets.at(kind);
        Trainer trainer(spec, data);
        CliObserver progress(out, spec.training.epochs,
                             spec.training.schedule.type != ScheduleType::Constant);
        BudgetObserver budgetWatch(trainer, deadline, budget > 0);
        const std::unique_ptr<RunRecorder> recorder =
            startRecording(a, runsDir, modelPath, spec, trainer, data, "", out, state.id, k,
                           (a.values.count("--name") ? a.values.at("--name") : spec.name) + shortWhat);
        TrainerObservers observers({&progress, &budgetWatch, recorder.get()});
        trainer.setObserver(&observers);
        ts.run = std::filesystem::path(recorder->folder()).filename().string();
        const TrainResult r = trainer.run();
        std::fprintf(out, "%s\n", r.message.c_str());
        if (!recorder->error().empty()) {
            std::cerr << "warning: " << recorder->error() << "\n";
            code = 1;
        }
        const RunInfo& info = recorder->info();
        ts.status = runStatusKey(runStatusOf(r));
        ts.valAccuracy = info.bestValAccuracy;
        ts.testAccuracy = r.testAccuracy;
        ts.seconds = r.totalSeconds;
        // A trial the budget cut short is not done: --resume runs it again.
        ts.done = !budgetWatch.hit() && !r.failed;
        outOfTime = budgetWatch.hit();
        if (std::string e = saveSweepState(runsDir, state); !e.empty()) {
            std::cerr << "error: cannot write the sweep's state: " << e << "\n";
            code = 1;
        }
    }
    if (outOfTime) {
        int left = 0;
        for (const SweepTrialState& t : state.trials) left += !t.done;
        std::fprintf(out, "the time budget (%g s) ran out with %d trial%s left: --resume continues\n", budget,
                     left, left == 1 ? "" : "s");
    }

    // Ranked by the metric (unknown last); ties keep the planned order.
    std::vector<const SweepTrialState*> ranked;
    for (const SweepTrialState& t : state.trials)
        if (!t.run.empty()) ranked.push_back(&t);
    auto metricOf = [&](const SweepTrialState* t) {
        const double v = metric == "test_accuracy" ? t->testAccuracy : t->valAccuracy;
        return std::isfinite(v) ? v : -1.0;
    };
    std::stable_sort(ranked.begin(), ranked.end(), [&](const SweepTrialState* x, const SweepTrialState* y) {
        return metricOf(x) > metricOf(y);
    });
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
        return code;
    }
    std::printf("\nranked by %s:\n", metric.c_str());
    std::string header = "rank";
    for (const SweepAxis& ax : axes) header += "  " + ax.key;
    std::printf("%s  val acc  test acc  seconds  status  run\n", header.c_str());
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
    return code;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc == 3 && std::string(argv[1]) == "help" && std::string(argv[2]) == "model") {
        std::cout << modelFileReference();
        return 0;
    }
    if (argc < 2 || std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h" ||
        std::string(argv[1]) == "help") {
        std::cout << kMainHelp;
        return argc < 2 ? kUsageError : 0;
    }
    const std::string cmd = argv[1];
    try {
        if (cmd == "train") return cmdTrain(argc, argv);
        if (cmd == "evaluate") return cmdEvaluate(argc, argv);
        if (cmd == "predict") return cmdPredict(argc, argv);
        if (cmd == "bench") return cmdBench(argc, argv);
        if (cmd == "export") return cmdExport(argc, argv);
        if (cmd == "runs") return cmdRuns(argc, argv);
        if (cmd == "sweep") return cmdSweep(argc, argv);
        std::cerr << "error: unknown command '" << cmd
                  << "': use train, evaluate, predict, bench, export, runs or sweep (see --help)\n";
        return kUsageError;
    } catch (const std::bad_alloc&) {
        std::cerr << "error: out of memory: use a smaller batch size or model\n";
    } catch (const std::exception& e) {
        std::cerr << "error: " << e.what() << "\n";
    }
    return kUsageError;
}
