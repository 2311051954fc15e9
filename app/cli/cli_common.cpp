// What the layerlab-cli commands share: option parsing, model and data loading, output files and formats.
#include "app/cli/cli_common.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>

#include "app/cli/cli_text.h"
#include "core/atomic_file.h"
#include "core/dataset_identity.h"
#include "core/errors.h"
#include "core/model_data.h"
#include "core/onnx_import.h"
#include "core/training_fields.h"

namespace layerlab::cli {

const std::vector<SettingOption> kTrainOverrides = {
    {"--epochs", "N", "epochs", QT_TRANSLATE_NOOP("Cli", "number of epochs")},
    {"--batch", "N", "batch_size", QT_TRANSLATE_NOOP("Cli", "mini-batch size")},
    {"--lr", "X", "optimizer.learning_rate",
     QT_TRANSLATE_NOOP("Cli", "learning rate (where a schedule starts)")},
    {"--threads", "N", "threads", QT_TRANSLATE_NOOP("Cli", "worker threads (0 = all cores)")},
    {"--seed", "N", "seed",
     QT_TRANSLATE_NOOP("Cli", "random seed (same seed and threads give bit-identical weights)")},
};

std::string withOverrideLines(const QString& help, std::size_t column) {
    std::string lines;
    for (const SettingOption& o : kTrainOverrides) {
        std::string left = std::string("  ") + o.option + " " + o.metavar;
        left.resize(column, ' ');
        // The range as the model-file reference gives it: "1 to 10000", "a positive finite number".
        const std::string range = trainingField(o.path)->meta.rangeText();
        const std::size_t to = range.find(" to ");
        const std::string shown = to == std::string::npos
                                      ? coreText(range)
                                      : fmt(Cli::tr("%1 to %2"), range.substr(0, to), range.substr(to + 4));
        lines += left + str(Cli::tr(o.what)) + "\n" + std::string(column, ' ') +
                 fmt(Cli::tr("(%1; default: the model file's)"), shown) + "\n";
    }
    std::string text = str(help);
    text.replace(text.find("{overrides}"), 11, lines);
    return text;
}

Args parseArgs(int argc, char** argv, int first, const std::vector<std::string>& valued,
               const std::vector<std::string>& flags, bool positional) {
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
            throw UsageError(fmt(Cli::tr("unknown option '%1': see --help"), s));
        if (!hasValue) {
            if (i + 1 >= argc) throw UsageError(fmt(Cli::tr("option %1 needs a value: see --help"), s));
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
        throw UsageError(
            fmt(Cli::tr("%1: must be a whole number from %2 to %3, got '%4'"), name, lo, hi, it->second));
    return v;
}

std::string optionValue(const Args& a, const std::string& name, const std::string& def) {
    auto it = a.values.find(name);
    return it == a.values.end() ? def : it->second;
}

void settingOption(const Args& a, const std::string& option, const char* path, TrainingSpec& t) {
    auto it = a.values.find(option);
    if (it == a.values.end()) return;
    const TrainingField* f = trainingField(path);
    FieldValue v;
    if (std::string problem = f->meta.parse(it->second, &v); !problem.empty())
        throw UsageError(option + ": " + coreText(problem));
    f->set(t, v);
}

int settingOption(const Args& a, const std::string& option, const char* path, int def) {
    TrainingSpec t;
    FieldValue v = toFieldValue(def);
    trainingField(path)->set(t, v);
    settingOption(a, option, path, t);
    return int(trainingField(path)->get(t).whole);
}

namespace {

void checkUnknownKeys(const ModelSpec& spec, const std::string& path, const Args& a) {
    if (a.flags.count("--strict")) {
        try {
            refuseUnknownKeys(spec);
        } catch (const SpecError& e) {
            throw SpecError(
                fmt(Cli::tr("%1: %2; run without --strict to only warn"), path, coreText(e.what())));
        }
        return;
    }
    for (const std::string& w : unknownKeyWarnings(spec))
        std::cerr << fmt(Cli::tr("warning: %1: %2"), path, coreText(w)) << "\n";
}

}  // namespace

std::string requireModel(const Args& a) {
    auto it = a.values.find("--model");
    if (it == a.values.end())
        throw UsageError(
            str(Cli::tr("--model is required: give a model file, e.g. resources/presets/seed-cnn.json")));
    return it->second;
}

namespace {

ModelInput readModel(const std::string& path, bool trained) {
    if (isOnnxPath(path)) {
        OnnxImport imported = importOnnx(path);
        for (const std::string& n : imported.notes)
            std::cerr << fmt(Cli::tr("note: %1: %2"), path, coreText(n)) << "\n";
        return {std::move(imported.spec), std::move(imported.params), path, std::move(imported.quantization)};
    }
    if (!trained && !isCheckpointFile(path)) return {loadModelSpec(path), {}, path, {}};
    Checkpoint ck = loadCheckpoint(path);
    return {std::move(ck.spec), std::move(ck.params), path, std::move(ck.quantization)};
}

}  // namespace

ModelInput loadModelInput(const Args& a) {
    ModelInput in = readModel(requireModel(a), false);
    checkUnknownKeys(in.spec, in.path, a);
    return in;
}

ModelInput loadTrainedModel(const Args& a) {
    ModelInput in = readModel(requireModel(a), true);
    checkUnknownKeys(in.spec, in.path, a);
    return in;
}

ModelInput readTrainedModel(const std::string& path) {
    return readModel(path, true);
}

Dataset loadData(const Args& a, const ModelSpec& spec, const std::string& modelPath, std::FILE* notes,
                 DatasetKind* trainsOn) {
    const DatasetKind kind = spec.training.dataset;
    std::string note;
    ImageFolderReport report;
    const Dataset d = loadModelData(spec, optionValue(a, "--data"), modelPath, &note, &report);
    auto say = [notes](const std::string& line) { std::fprintf(notes, "%s\n", line.c_str()); };
    if (!note.empty()) say(fmt(Cli::tr("note: %1"), coreText(note)));
    if (!d.classNames.empty()) {  // an image folder: what the import found
        std::string classes;
        for (std::size_t c = 0; c < d.classNames.size() && c < 8; ++c)
            classes += (c ? ", " : "") + d.classNames[c];
        if (d.classNames.size() > 8) classes += ", ...";
        say(fmt(report.fromCache
                    ? Cli::tr("note: %1: %2 training and %3 test images in %4 classes (%5), %6, read from "
                              "the cache in %7 s")
                    : Cli::tr("note: %1: %2 training and %3 test images in %4 classes (%5), %6, decoded in "
                              "%7 s"),
                d.directory, d.trainCount(), d.testCount(), d.classNames.size(), classes,
                coreText(imageKindText(d)), fixed(report.seconds, 2)));
        if (!report.skipped.empty())
            say(fmt(Cli::tr("warning: %1 file(s) skipped, first %2: %3"), report.skipped.size(),
                    report.skipped.front().path, coreText(report.skipped.front().reason)));
        for (const std::string& c : report.emptyClasses)
            say(fmt(Cli::tr("warning: class folder %1 has no images: left out"), c));
        if (!report.duplicates.empty())
            say(fmt(
                Cli::tr("warning: %1 identical file(s) in the training and the test set, first %2 and %3: "
                        "the test accuracy counts images trained on; remove one copy of each"),
                report.duplicates.size(), report.duplicates.front().trainPath,
                report.duplicates.front().testPath));
        if (!report.imbalance.empty()) say(fmt(Cli::tr("warning: %1"), coreText(report.imbalance)));
        if (!report.cacheProblem.empty())
            say(fmt(Cli::tr("note: the decoded images were not cached: %1"), coreText(report.cacheProblem)));
        return d;
    }
    if (const std::string m = datasetMismatch(kind, d); !m.empty() && trainsOn) {
        *trainsOn = identifyDataset(d).kind;
        say(fmt(
            Cli::tr("note: %1 as the model says: training learns its classes, and the saved checkpoint and "
                    "the run record say %2 (the model file is not changed)"),
            coreText(m), d.name));
    } else if (!m.empty())
        say(fmt(Cli::tr("warning: %1 as the model says: its classes will be scored against other labels; "
                        "point --data at a folder with the model's dataset"),
                coreText(m)));
    return d;
}

std::string fixed(double v, int prec) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", prec, v);
    return buf;
}

std::string percent(double v) {
    return std::isfinite(v) ? fixed(100 * v, 2) + "%" : "-";
}

nlohmann::ordered_json settingJson(const std::string& text) {
    char* end = nullptr;
    errno = 0;
    const long long whole = std::strtoll(text.c_str(), &end, 10);
    if (!text.empty() && *end == '\0' && errno == 0) return whole;
    const double d = std::strtod(text.c_str(), &end);
    if (!text.empty() && *end == '\0' && std::isfinite(d)) return d;
    return text;
}

std::string checkOutput(const std::string& path, const std::string& option) {
    if (path == kStdout) {
        if (option == "--save")
            throw UsageError(
                str(Cli::tr("--save: a checkpoint is binary and cannot go to standard output "
                            "(-); give a file name, e.g. --save model.llckpt")));
        return path;
    }
    std::string target;
    if (std::string err = checkWritableTarget(path, &target); !err.empty()) {
        struct stat st {};
        const bool special = path.rfind("/dev/", 0) == 0 || path.rfind("/proc/", 0) == 0 ||
                             (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode));
        throw UsageError(
            fmt(option == "--report" && special
                    ? Cli::tr("%1: cannot write %2: %3; --report - prints the report on standard output")
                    : Cli::tr("%1: cannot write %2: %3"),
                option, path, coreText(err)));
    }
    return target;
}

bool writeReport(const std::string& report, const std::string& text) {
    if (report == kStdout) {
        std::fflush(stderr);
        if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size() || std::fflush(stdout) != 0) {
            std::cerr << fmt(Cli::tr("error: cannot write the report to standard output: %1"),
                             std::strerror(errno))
                      << "\n";
            return false;
        }
    } else if (const std::string err = writeFileAtomically(report, text); !err.empty()) {
        std::cerr << fmt(Cli::tr("error: cannot write report %1: %2"), report, coreText(err)) << "\n";
        return false;
    }
    return true;
}

nlohmann::ordered_json number(double v) {
    return std::isfinite(v) ? nlohmann::ordered_json(v) : nlohmann::ordered_json();
}

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

std::string classLabel(DatasetKind kind, int c) {
    return className(contentOf(kind), c);
}

std::string classLabel(const Dataset& data, DatasetKind kind, int c) {
    if (c >= 0 && std::size_t(c) < data.classNames.size()) return data.classNames[std::size_t(c)];
    return classLabel(kind, c);
}

}  // namespace layerlab::cli
