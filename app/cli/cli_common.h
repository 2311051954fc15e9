#pragma once
// What every layerlab-cli command shares: option parsing, loading a model and its data, checking and writing
// output files, and the number formats of the text and JSON output. Printing and parsing only: the work is
// done in core/.
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "core/checkpoint.h"
#include "core/dataset.h"
#include "core/model_spec.h"

class QString;

namespace layerlab::cli {

constexpr int kUsageError = 2;
// The file name that means standard output (--report -).
constexpr const char* kStdout = "-";

// Bad input on the command line: "error: <what>", exit code 2.
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
               const std::vector<std::string>& flags = {}, bool positional = false);
long long intOption(const Args& a, const std::string& name, long long lo, long long hi, long long def);
// The option's value (perhaps ""), or `def` when it is not given.
std::string optionValue(const Args& a, const std::string& name, const std::string& def = "");

// Options that override a training setting: their limits, checks and help come from the setting's row in
// the training table, so they are the model file's.
struct SettingOption {
    const char* option;
    const char* metavar;
    const char* path;  // in the training table
    const char* what;
};
extern const std::vector<SettingOption> kTrainOverrides;
// `help` with its "{overrides}" replaced by the help lines of kTrainOverrides, their descriptions starting
// at `column`.
std::string withOverrideLines(const QString& help, std::size_t column);
// Sets the training setting at `path` from the option's text, checked against the model file's limits.
void settingOption(const Args& a, const std::string& option, const char* path, TrainingSpec& t);
// The setting at `path` as the option gives it, else `def`.
int settingOption(const Args& a, const std::string& option, const char* path, int def);

// The --model option's value; a UsageError when it is not given.
std::string requireModel(const Args& a);

// The model --model names: its spec, its weights and its path. Keys the model does not use get one warning
// line each on stderr, or (--strict) an error.
struct ModelInput {
    ModelSpec spec;
    std::vector<float> params;  // empty for a model file
    std::string path;
    Quantization quantization;  // an int8 checkpoint's (layerlab-cli compress), else empty
};
// A model file, or a checkpoint or an ONNX file where a model file is expected (its weights to start from).
ModelInput loadModelInput(const Args& a);
// A trained model: a checkpoint, or an ONNX file (its weights).
ModelInput loadTrainedModel(const Args& a);
// The same for a path given by another option (train --init-from).
ModelInput readTrainedModel(const std::string& path);
// The data `spec` trains and is evaluated on (core/model_data's loadModelData): --data DIR (IDX files, or a
// folder of images, told apart by what it holds), else the model's image folder (relative to modelPath's
// folder) or the default places. Notes and warnings go to `notes`: the subset fallback, a dataset mismatch,
// and for an image folder what the import found (classes, images, skipped files, duplicates, imbalance).
// trainsOn (training only): when the data is recognised as another published dataset than the model says
// (Fashion-MNIST for an MNIST model), that is what training learns: *trainsOn gets its kind and the note says
// so, instead of the warning that scoring it against the model's classes would be wrong.
Dataset loadData(const Args& a, const ModelSpec& spec, const std::string& modelPath,
                 std::FILE* notes = stderr, DatasetKind* trainsOn = nullptr);

// Before training: the output paths must be writable under writeFileAtomically's rules, so that a run is
// never thrown away for want of a place to put its result. Returns the file a write would replace.
std::string checkOutput(const std::string& path, const std::string& option);
// Writes a --report (checked before the work by checkOutput): to standard output for "-", else under the
// write rules. After the work a failed write is said on stderr and returns false (exit code 1).
bool writeReport(const std::string& report, const std::string& text);

// "0.981" for fixed(0.9812, 3).
std::string fixed(double v, int prec);
// "97.31%", or "-" when not known.
std::string percent(double v);
// A number for JSON: null when undefined (NaN) or infinite.
nlohmann::ordered_json number(double v);
// A setting's text as JSON: a number when it reads as one, else the text.
nlohmann::ordered_json settingJson(const std::string& text);
// A report as JSON a person can read too: one key per line, a matrix one row per line, a list of records
// one record per line, a list of numbers on one line.
std::string readableJson(const nlohmann::ordered_json& j);
// How a class is named in text output: by the names of the dataset's classes ("4", "Trouser"), else its
// number. JSON output keeps the numbers.
std::string classLabel(DatasetKind kind, int c);
// The same for `data`: an image folder's class by its folder name, else as above.
std::string classLabel(const Dataset& data, DatasetKind kind, int c);

}  // namespace layerlab::cli
