// layerlab-cli: trains, evaluates and benchmarks LayerLab model files without the GUI.
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/atomic_file.h"
#include "core/bench.h"
#include "core/checkpoint.h"
#include "core/dataset.h"
#include "core/errors.h"
#include "core/model_spec.h"
#include "core/shape_inference.h"
#include "core/trainer.h"

using namespace layerlab;

namespace {

constexpr int kUsageError = 2;

const char* kMainHelp = R"(layerlab-cli - train, evaluate and benchmark LayerLab models without the studio

usage: layerlab-cli <command> [options]

commands:
  train      train a model file on MNIST (or Fashion-MNIST) and print a line per epoch
  evaluate   print the test loss and accuracy of a saved checkpoint
  bench      measure training and inference throughput (samples/s)

Run 'layerlab-cli <command> --help' for the options of a command.
Data is looked up in this order: --data DIR, $LAYERLAB_MNIST_DIR (or $LAYERLAB_FASHION_DIR), the data folder
(data/mnist, data/fashion-mnist), the Debian package path; without full MNIST the bundled subset is used.
Exit codes: 0 success; 1 training diverged (the loss became NaN, infinite or exploded) or failed, or the
checkpoint or report could not be written after training; 2 bad input (file, option, model, or an output
path that cannot be written), found before training starts.
Output files are written whole (a temp file renamed over the target) through symlinks to their target;
a folder, device, FIFO or socket at the path is refused, and so is a read-only file.
)";

const char* kTrainHelp = R"(usage: layerlab-cli train --model SPEC.json [options]

Trains the model in SPEC.json (or in a checkpoint, continuing from its weights). Prints one line per epoch (train loss/accuracy, validation loss/accuracy,
seconds, samples/s, the learning rate when the model file's lr_schedule changes it; a progress bar while
on a terminal), then the test loss and accuracy. Early stopping and the learning-rate schedule (constant,
step, cosine, plateau) come from the model file. A loss that becomes NaN or infinite, or explodes (grows
past 1000 times its starting value), ends the run as diverged: the last good weights are kept, exit code 1.

options:
  --model SPEC.json    model file (required; see resources/presets/), or a checkpoint (.llckpt):
                       training then continues from its weights
  --data DIR           folder holding the four IDX files (plain or .gz); default: see 'layerlab-cli --help'
  --epochs N           number of epochs (overrides the model file)
  --batch N            mini-batch size
  --lr X               learning rate (where a schedule starts)
  --threads N          worker threads (0 = all cores)
  --seed N             random seed (same seed and threads give bit-identical weights)
  --save CHECKPOINT    write the trained model (spec + weights) here, atomically
  --report REPORT.json write a JSON report: epochs[{epoch, train_loss, train_accuracy, val_loss,
                       val_accuracy, seconds, samples_per_second, learning_rate}], test_loss, test_accuracy,
                       total_seconds, stopped_early, diverged (accuracies are fractions 0..1);
                       --report - prints it on standard output (the progress lines go to standard error)
  --help               this text
)";

const char* kEvaluateHelp = R"(usage: layerlab-cli evaluate --model CHECKPOINT [--data DIR] [--threads N]

Loads a checkpoint written by 'train --save' or the studio and prints its test loss and accuracy.
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
)";

struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct Args {
    std::map<std::string, std::string> values;
    bool help = false, json = false;
};

Args parseArgs(int argc, char** argv, int first, const std::vector<std::string>& valued) {
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

double floatOption(const Args& a, const std::string& name, double def) {
    auto it = a.values.find(name);
    if (it == a.values.end()) return def;
    char* end = nullptr;
    const double v = std::strtod(it->second.c_str(), &end);
    if (it->second.empty() || *end || !std::isfinite(v) || v <= 0)
        throw UsageError(name + ": must be a positive number (e.g. 0.001), got '" + it->second + "'");
    return v;
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
    if (!isCheckpointFile(path)) return {loadModelSpec(path), {}};
    Checkpoint ck = loadCheckpoint(path);
    return {std::move(ck.spec), std::move(ck.params)};
}

Dataset loadData(const Args& a, DatasetKind kind) {
    std::string note;
    auto it = a.values.find("--data");
    Dataset d = loadDatasetOrSubset(kind, it == a.values.end() ? "" : it->second, &note);
    if (!note.empty()) std::cerr << "note: " << note << "\n";
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

int cmdTrain(int argc, char** argv) {
    const Args a = parseArgs(
        argc, argv, 2,
        {"--model", "--data", "--epochs", "--batch", "--lr", "--threads", "--seed", "--save", "--report"});
    if (a.help) {
        std::cout << kTrainHelp;
        return 0;
    }
    const std::string modelPath = requireModel(a);
    ModelInput input = loadModelInput(modelPath);
    ModelSpec& spec = input.spec;
    TrainingSpec& t = spec.training;
    t.epochs = int(intOption(a, "--epochs", 1, 10000, t.epochs));
    t.batchSize = int(intOption(a, "--batch", 1, 65536, t.batchSize));
    t.optimizer.learningRate = float(floatOption(a, "--lr", t.optimizer.learningRate));
    t.threads = int(intOption(a, "--threads", 0, 256, t.threads));
    t.seed = (unsigned long long)intOption(a, "--seed", 0, (1ll << 62), (long long)t.seed);
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
    CliObserver obs(out, t.epochs, t.schedule.type != ScheduleType::Constant);
    trainer.setObserver(&obs);
    const TrainResult r = trainer.run();
    std::fprintf(out, "%s\n", r.message.c_str());
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
        const std::string text = j.dump(2) + "\n";
        if (report == kStdout) {
            std::fflush(stderr);
            if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size() || std::fflush(stdout) != 0) {
                std::cerr << "error: cannot write the report to standard output: " << std::strerror(errno)
                          << "\n";
                code = 1;
            }
        } else if (const std::string err = writeFileAtomically(report, text); !err.empty()) {
            std::cerr << "error: cannot write report " << report << ": " << err << "\n";
            code = 1;
        }
    }
    return code;
}

int cmdEvaluate(int argc, char** argv) {
    const Args a = parseArgs(argc, argv, 2, {"--model", "--data", "--threads"});
    if (a.help) {
        std::cout << kEvaluateHelp;
        return 0;
    }
    Checkpoint ck = loadCheckpoint(requireModel(a));
    ck.spec.training.threads = int(intOption(a, "--threads", 0, 256, ck.spec.training.threads));
    const Dataset data = loadData(a, ck.spec.training.dataset);
    Trainer trainer(ck.spec, data);
    trainer.setInitialParams(ck.params);
    const auto [loss, acc] =
        trainer.evaluate(data.testImages.data(), data.testLabels.data(), data.testCount());
    std::printf("%s on %s: test loss %.4f  test accuracy %.2f%%  (%zu images)\n", ck.spec.name.c_str(),
                data.name.c_str(), loss, 100 * acc, data.testCount());
    return 0;
}

int cmdBench(int argc, char** argv) {
    const Args a = parseArgs(argc, argv, 2, {"--model", "--data", "--batch", "--threads", "--repeats"});
    if (a.help) {
        std::cout << kBenchHelp;
        return 0;
    }
    ModelSpec spec = loadModelInput(requireModel(a)).spec;
    validateModel(spec);
    const int batch = int(intOption(a, "--batch", 1, 65536, spec.training.batchSize));
    const int threads = int(intOption(a, "--threads", 0, 256, 0));
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

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2 || std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h" ||
        std::string(argv[1]) == "help") {
        std::cout << kMainHelp;
        return argc < 2 ? kUsageError : 0;
    }
    const std::string cmd = argv[1];
    try {
        if (cmd == "train") return cmdTrain(argc, argv);
        if (cmd == "evaluate") return cmdEvaluate(argc, argv);
        if (cmd == "bench") return cmdBench(argc, argv);
        std::cerr << "error: unknown command '" << cmd << "': use train, evaluate or bench (see --help)\n";
        return kUsageError;
    } catch (const std::bad_alloc&) {
        std::cerr << "error: out of memory: use a smaller batch size or model\n";
    } catch (const std::exception& e) {
        std::cerr << "error: " << e.what() << "\n";
    }
    return kUsageError;
}
