// Model spec: names, defaults, JSON parse/serialize with field-path error messages, atomic save.
#include "core/model_spec.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>

#include "core/atomic_file.h"
#include "core/errors.h"

namespace layerlab {

namespace {

using json = nlohmann::json;
using ordered_json = nlohmann::ordered_json;

std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// Shortest decimal text that reads back as exactly `f`: "0.001", "nan", "inf".
std::string floatText(float f) {
    if (std::isnan(f)) return "nan";
    if (std::isinf(f)) return f > 0 ? "inf" : "-inf";
    char buf[64];
    auto r = std::to_chars(buf, buf + sizeof buf, f);
    return std::string(buf, r.ptr);
}

// A double that prints short in JSON and converts back to exactly `f`.
double floatToJsonDouble(float f) {
    if (!std::isfinite(f)) return static_cast<double>(f);
    std::string s = floatText(f);
    double d = std::strtod(s.c_str(), nullptr);
    if (static_cast<float>(d) == f) return d;
    return static_cast<double>(f);  // exact, longer text; still reads back as f
}

// A JSON value as shown after "got": compact, cut short when long.
std::string shown(const json& v) {
    std::string s;
    if (v.is_number_float()) {
        double d = v.get<double>();
        if (std::isnan(d))
            s = "nan";
        else if (std::isinf(d))
            s = d > 0 ? "inf" : "-inf";
        else
            s = v.dump();
    } else {
        s = v.dump(-1, ' ', false, json::error_handler_t::replace);
    }
    if (s.size() > 60) s = s.substr(0, 57) + "...";
    return s;
}

[[noreturn]] void fail(const std::string& path, const std::string& problem, int layer) {
    throw SpecError(path + ": " + problem, layer);
}

std::string joinNames(const std::vector<std::string>& names) {
    std::string s;
    for (size_t i = 0; i < names.size(); ++i) {
        if (i) s += ", ";
        s += names[i];
    }
    return s;
}

// ---- range rules, shared by the parser (JSON values) and validateTraining (code-built values) ----

struct IntRule {
    long long lo, hi;
};

void checkInt(long long v, const IntRule& r, const std::string& path, const std::string& got, int layer) {
    if (v < r.lo || v > r.hi)
        fail(path,
             "must be a whole number from " + std::to_string(r.lo) + " to " + std::to_string(r.hi) +
                 ", got " + got,
             layer);
}

enum class FloatKind {
    Positive,     // > 0, finite
    UnitOpen,     // [0, 1)
    UnitClosed,   // [0, 1]
    Split,        // [0, 0.9]
    Fraction,     // (0, 1)
    NonNegative,  // >= 0, finite
};

struct FloatRule {
    FloatKind kind;
    const char* example;
};

bool floatOk(double v, FloatKind k) {
    if (!std::isfinite(v)) return false;
    switch (k) {
        case FloatKind::Positive:
            return v > 0;
        case FloatKind::UnitOpen:
            return v >= 0 && v < 1;
        case FloatKind::UnitClosed:
            return v >= 0 && v <= 1;
        case FloatKind::Split:
            return v >= 0 && v <= 0.9;
        case FloatKind::Fraction:
            return v > 0 && v < 1;
        case FloatKind::NonNegative:
            return v >= 0;
    }
    return false;
}

std::string floatRuleText(const FloatRule& r) {
    std::string s;
    switch (r.kind) {
        case FloatKind::Positive:
            s = "must be a positive finite number";
            break;
        case FloatKind::UnitOpen:
            s = "must be a number from 0 up to but not including 1";
            break;
        case FloatKind::UnitClosed:
            s = "must be a number from 0 to 1";
            break;
        case FloatKind::Split:
            s = "must be a number from 0 to 0.9";
            break;
        case FloatKind::Fraction:
            s = "must be a number between 0 and 1, both excluded";
            break;
        case FloatKind::NonNegative:
            s = "must be 0 or a positive finite number";
            break;
    }
    return s + " (e.g. " + r.example + ")";
}

void checkFloat(float v, const FloatRule& r, const std::string& path, const std::string& got, int layer) {
    if (!floatOk(static_cast<double>(v), r.kind)) fail(path, floatRuleText(r) + ", got " + got, layer);
}

// Limits (kept in one place so the parser and validateTraining agree).
constexpr IntRule kUnitsRule{1, 100000};
constexpr IntRule kFiltersRule{1, 100000};
constexpr IntRule kKernelRule{1, 64};
constexpr IntRule kConvStrideRule{1, 64};
constexpr IntRule kPoolSizeRule{1, 64};
constexpr IntRule kPoolStrideRule{0, 64};
constexpr IntRule kInputDimRule{1, 4096};
constexpr IntRule kClassesRule{2, 100000};
constexpr IntRule kBatchRule{1, 65536};
constexpr IntRule kEpochsRule{1, 10000};
constexpr IntRule kThreadsRule{0, 256};
constexpr IntRule kPatienceRule{1, 10000};
constexpr IntRule kEveryRule{1, 10000};

const FloatRule kRateRule{FloatKind::UnitOpen, "0.5"};
const FloatRule kAlphaRule{FloatKind::UnitClosed, "0.01"};
const FloatRule kLearningRateRule{FloatKind::Positive, "0.001"};
const FloatRule kMomentumRule{FloatKind::UnitOpen, "0.9"};
const FloatRule kBeta1Rule{FloatKind::UnitOpen, "0.9"};
const FloatRule kBeta2Rule{FloatKind::UnitOpen, "0.999"};
const FloatRule kRhoRule{FloatKind::UnitOpen, "0.9"};
const FloatRule kEpsilonRule{FloatKind::Positive, "1e-8"};
const FloatRule kL2Rule{FloatKind::UnitClosed, "0.0001"};
const FloatRule kSplitRule{FloatKind::Split, "0.1"};
const FloatRule kFactorRule{FloatKind::Fraction, "0.2"};
const FloatRule kMinLrRule{FloatKind::NonNegative, "0"};

// ---- typed readers over a JSON object; each names the field path in its errors ----

class Reader {
public:
    Reader(const json& obj, std::string path, int layer) : obj_(obj), path_(std::move(path)), layer_(layer) {}

    std::string at(const char* key) const { return path_.empty() ? std::string(key) : path_ + "." + key; }
    bool has(const char* key) const { return obj_.contains(key); }
    const json& raw(const char* key) const { return obj_.at(key); }
    int layer() const { return layer_; }

    void readInt(const char* key, int& out, const IntRule& r) const {
        if (!has(key)) return;
        long long v = wholeNumber(key, r);
        checkInt(v, r, at(key), shown(raw(key)), layer_);
        out = static_cast<int>(v);
    }

    void readU64(const char* key, unsigned long long& out) const {
        if (!has(key)) return;
        const json& v = raw(key);
        const std::string problem = "must be a whole number from 0 to 18446744073709551615, got " + shown(v);
        if (v.is_number_unsigned()) {
            out = v.get<unsigned long long>();
        } else if (v.is_number_integer()) {
            fail(at(key), problem, layer_);  // negative (non-negative integers parse as unsigned)
        } else if (v.is_number_float()) {
            double d = v.get<double>();
            if (!(d >= 0 && d < 18446744073709551616.0) || std::floor(d) != d) fail(at(key), problem, layer_);
            out = static_cast<unsigned long long>(d);
        } else {
            fail(at(key), problem, layer_);
        }
    }

    void readFloat(const char* key, float& out, const FloatRule& r) const {
        if (!has(key)) return;
        const json& v = raw(key);
        if (!v.is_number()) fail(at(key), floatRuleText(r) + ", got " + shown(v), layer_);
        double d = v.get<double>();
        float f = static_cast<float>(d);
        if (!floatOk(d, r.kind) || !floatOk(static_cast<double>(f), r.kind))
            fail(at(key), floatRuleText(r) + ", got " + shown(v), layer_);
        out = f;
    }

    void readBool(const char* key, bool& out) const {
        if (!has(key)) return;
        const json& v = raw(key);
        if (!v.is_boolean()) fail(at(key), "must be true or false, got " + shown(v), layer_);
        out = v.get<bool>();
    }

    // A string field matched case-insensitively against `names`; returns the index, or -1 when absent.
    int readChoice(const char* key, const char* what, const std::vector<std::string>& names) const {
        if (!has(key)) return -1;
        const json& v = raw(key);
        if (!v.is_string())
            fail(at(key), "must be a string, one of " + joinNames(names) + ", got " + shown(v), layer_);
        std::string s = lower(v.get<std::string>());
        for (size_t i = 0; i < names.size(); ++i)
            if (lower(names[i]) == s) return static_cast<int>(i);
        fail(at(key), std::string("unknown ") + what + " " + shown(v) + "; use one of " + joinNames(names),
             layer_);
    }

    // A nested object (or nullptr when absent). Wrong type is an error.
    const json* object(const char* key, const char* example) const {
        if (!has(key)) return nullptr;
        const json& v = raw(key);
        if (!v.is_object())
            fail(at(key), std::string("must be an object like ") + example + ", got " + shown(v), layer_);
        return &v;
    }

private:
    long long wholeNumber(const char* key, const IntRule& r) const {
        const json& v = raw(key);
        if (v.is_number_unsigned()) {
            unsigned long long u = v.get<unsigned long long>();
            return u > static_cast<unsigned long long>(std::numeric_limits<long long>::max())
                       ? std::numeric_limits<long long>::max()
                       : static_cast<long long>(u);
        }
        if (v.is_number_integer()) return v.get<long long>();
        if (v.is_number_float()) {
            double d = v.get<double>();
            if (std::isfinite(d) && std::floor(d) == d && std::fabs(d) < 9e15)
                return static_cast<long long>(d);
        }
        checkInt(r.lo - 1, r, at(key), shown(v), layer_);  // always fails with the standard message
        return 0;
    }

    const json& obj_;
    std::string path_;
    int layer_;
};

template <typename E, size_t N>
std::vector<std::string> namesOf(const E (&values)[N], const char* (*name)(E)) {
    std::vector<std::string> out;
    for (E e : values) out.push_back(name(e));
    return out;
}

constexpr Activation kActivations[] = {Activation::None,    Activation::ReLU, Activation::LeakyReLU,
                                       Activation::Sigmoid, Activation::Tanh, Activation::Softmax};
constexpr LossType kLosses[] = {LossType::CrossEntropy, LossType::MeanSquaredError};
constexpr OptimizerType kOptimizers[] = {OptimizerType::SGD, OptimizerType::Adam, OptimizerType::Adagrad,
                                         OptimizerType::RMSprop};
constexpr DatasetKind kDatasets[] = {DatasetKind::MNIST, DatasetKind::FashionMNIST, DatasetKind::Subset};
constexpr Monitor kMonitors[] = {Monitor::ValLoss, Monitor::ValAccuracy};
constexpr Padding kPaddings[] = {Padding::Valid, Padding::Same};
constexpr ScheduleType kSchedules[] = {ScheduleType::Constant, ScheduleType::Step, ScheduleType::Cosine,
                                       ScheduleType::Plateau};

const char* monitorName(Monitor m) {
    return m == Monitor::ValAccuracy ? "val_accuracy" : "val_loss";
}
const char* paddingName(Padding p) {
    return p == Padding::Same ? "same" : "valid";
}

std::string layerTypeList() {
    std::vector<std::string> names;
    for (LayerType t : allLayerTypes()) names.push_back(layerTypeName(t));
    return joinNames(names);
}

LayerSpec parseLayer(const json& v, int index) {
    const std::string path = "layers[" + std::to_string(index) + "]";
    if (!v.is_object())
        fail(path, "must be an object like {\"type\": \"Dense\", \"units\": 64}, got " + shown(v), index);
    Reader r(v, path, index);
    if (!r.has("type")) fail(r.at("type"), "missing; use one of " + layerTypeList(), index);
    const json& tv = r.raw("type");
    if (!tv.is_string())
        fail(r.at("type"), "must be a string, one of " + layerTypeList() + ", got " + shown(tv), index);
    auto type = layerTypeFromName(tv.get<std::string>());
    if (!type)
        fail(r.at("type"), "unknown layer type " + shown(tv) + "; use one of " + layerTypeList(), index);

    LayerSpec l = LayerSpec::make(*type);
    switch (l.type) {
        case LayerType::Dense:
            r.readInt("units", l.units, kUnitsRule);
            break;
        case LayerType::Conv2D: {
            r.readInt("filters", l.filters, kFiltersRule);
            r.readInt("kernel", l.kernel, kKernelRule);
            r.readInt("stride", l.stride, kConvStrideRule);
            int p = r.readChoice("padding", "padding", namesOf(kPaddings, paddingName));
            if (p >= 0) l.padding = kPaddings[p];
            break;
        }
        case LayerType::MaxPool2D:
        case LayerType::AvgPool2D:
            r.readInt("size", l.poolSize, kPoolSizeRule);
            r.readInt("stride", l.stride, kPoolStrideRule);
            break;
        case LayerType::Dropout:
            r.readFloat("rate", l.rate, kRateRule);
            break;
        default:
            break;
    }
    if (hasActivation(l.type)) {
        int a = r.readChoice("activation", "activation", namesOf(kActivations, activationName));
        if (a >= 0) l.activation = kActivations[a];
    }
    if (usesAlpha(l)) r.readFloat("alpha", l.alpha, kAlphaRule);
    return l;
}

ordered_json layerToJson(const LayerSpec& l) {
    ordered_json o;
    o["type"] = layerTypeName(l.type);
    switch (l.type) {
        case LayerType::Dense:
            o["units"] = l.units;
            break;
        case LayerType::Conv2D:
            o["filters"] = l.filters;
            o["kernel"] = l.kernel;
            o["stride"] = l.stride;
            o["padding"] = paddingName(l.padding);
            break;
        case LayerType::MaxPool2D:
        case LayerType::AvgPool2D:
            o["size"] = l.poolSize;
            if (l.stride != 0) o["stride"] = l.stride;  // absent = same as size (the make() default)
            break;
        case LayerType::Dropout:
            o["rate"] = floatToJsonDouble(l.rate);
            break;
        default:
            break;
    }
    if (hasActivation(l.type)) o["activation"] = activationName(l.activation);
    if (usesAlpha(l)) o["alpha"] = floatToJsonDouble(l.alpha);
    return o;
}

// A schedule's floor must lie below where it starts, or it could never decay.
void checkScheduleFloor(const TrainingSpec& t) {
    const LrScheduleSpec& s = t.schedule;
    if (s.type != ScheduleType::Constant && !(s.minLr < t.optimizer.learningRate))
        fail("training.lr_schedule.min_lr",
             "is " + floatText(s.minLr) + " but must be below the learning rate (" +
                 floatText(t.optimizer.learningRate) + "): lower min_lr, for example to 0",
             -1);
}

TrainingSpec parseTraining(const json& root) {
    TrainingSpec t;
    Reader top(root, "", -1);
    const json* tj = top.object("training", "{\"loss\": \"cross_entropy\", \"batch_size\": 128}");
    if (!tj) return t;
    Reader r(*tj, "training", -1);

    int loss = r.readChoice("loss", "loss", namesOf(kLosses, lossName));
    if (loss >= 0) t.loss = kLosses[loss];

    if (const json* oj = r.object("optimizer", "{\"type\": \"adam\", \"learning_rate\": 0.001}")) {
        Reader o(*oj, "training.optimizer", -1);
        int type = o.readChoice("type", "optimizer", namesOf(kOptimizers, optimizerName));
        if (type >= 0) t.optimizer.type = kOptimizers[type];
        o.readFloat("learning_rate", t.optimizer.learningRate, kLearningRateRule);
        switch (t.optimizer.type) {
            case OptimizerType::SGD:
                o.readFloat("momentum", t.optimizer.momentum, kMomentumRule);
                o.readBool("nesterov", t.optimizer.nesterov);
                break;
            case OptimizerType::Adam:
                o.readFloat("beta1", t.optimizer.beta1, kBeta1Rule);
                o.readFloat("beta2", t.optimizer.beta2, kBeta2Rule);
                o.readFloat("epsilon", t.optimizer.epsilon, kEpsilonRule);
                break;
            case OptimizerType::Adagrad:
                o.readFloat("epsilon", t.optimizer.epsilon, kEpsilonRule);
                break;
            case OptimizerType::RMSprop:
                o.readFloat("rho", t.optimizer.rho, kRhoRule);
                o.readFloat("epsilon", t.optimizer.epsilon, kEpsilonRule);
                break;
        }
    }

    r.readFloat("l2", t.l2, kL2Rule);
    r.readInt("batch_size", t.batchSize, kBatchRule);
    r.readInt("epochs", t.epochs, kEpochsRule);
    r.readFloat("validation_split", t.validationSplit, kSplitRule);
    r.readU64("seed", t.seed);
    r.readInt("threads", t.threads, kThreadsRule);
    int ds = r.readChoice("dataset", "dataset", namesOf(kDatasets, datasetName));
    if (ds >= 0) t.dataset = kDatasets[ds];

    if (const json* ej =
            r.object("early_stopping", "{\"enabled\": true, \"monitor\": \"val_loss\", \"patience\": 3}")) {
        Reader e(*ej, "training.early_stopping", -1);
        e.readBool("enabled", t.earlyStopping.enabled);
        int m = e.readChoice("monitor", "monitor", namesOf(kMonitors, monitorName));
        if (m >= 0) t.earlyStopping.monitor = kMonitors[m];
        e.readInt("patience", t.earlyStopping.patience, kPatienceRule);
        e.readBool("restore_best", t.earlyStopping.restoreBest);
    }

    if (const json* sj =
            r.object("lr_schedule", "{\"type\": \"plateau\", \"factor\": 0.2, \"patience\": 1}")) {
        Reader e(*sj, "training.lr_schedule", -1);
        LrScheduleSpec& s = t.schedule;
        int type = e.readChoice("type", "schedule", namesOf(kSchedules, scheduleName));
        if (type >= 0) s.type = kSchedules[type];
        if (s.type == ScheduleType::Step || s.type == ScheduleType::Plateau)
            e.readFloat("factor", s.factor, kFactorRule);
        if (s.type == ScheduleType::Step) e.readInt("every", s.every, kEveryRule);
        if (s.type == ScheduleType::Plateau) {
            e.readInt("patience", s.patience, kPatienceRule);
            int m = e.readChoice("monitor", "monitor", namesOf(kMonitors, monitorName));
            if (m >= 0) s.monitor = kMonitors[m];
        }
        if (s.type != ScheduleType::Constant) e.readFloat("min_lr", s.minLr, kMinLrRule);
    }
    return t;
}

ordered_json trainingToJson(const TrainingSpec& t) {
    ordered_json o;
    o["loss"] = lossName(t.loss);
    ordered_json opt;
    opt["type"] = optimizerName(t.optimizer.type);
    opt["learning_rate"] = floatToJsonDouble(t.optimizer.learningRate);
    switch (t.optimizer.type) {
        case OptimizerType::SGD:
            opt["momentum"] = floatToJsonDouble(t.optimizer.momentum);
            opt["nesterov"] = t.optimizer.nesterov;
            break;
        case OptimizerType::Adam:
            opt["beta1"] = floatToJsonDouble(t.optimizer.beta1);
            opt["beta2"] = floatToJsonDouble(t.optimizer.beta2);
            opt["epsilon"] = floatToJsonDouble(t.optimizer.epsilon);
            break;
        case OptimizerType::Adagrad:
            opt["epsilon"] = floatToJsonDouble(t.optimizer.epsilon);
            break;
        case OptimizerType::RMSprop:
            opt["rho"] = floatToJsonDouble(t.optimizer.rho);
            opt["epsilon"] = floatToJsonDouble(t.optimizer.epsilon);
            break;
    }
    o["optimizer"] = opt;
    o["l2"] = floatToJsonDouble(t.l2);
    o["batch_size"] = t.batchSize;
    o["epochs"] = t.epochs;
    o["validation_split"] = floatToJsonDouble(t.validationSplit);
    o["seed"] = t.seed;
    o["threads"] = t.threads;
    o["dataset"] = datasetName(t.dataset);
    ordered_json es;
    es["enabled"] = t.earlyStopping.enabled;
    es["monitor"] = monitorName(t.earlyStopping.monitor);
    es["patience"] = t.earlyStopping.patience;
    es["restore_best"] = t.earlyStopping.restoreBest;
    o["early_stopping"] = es;
    const LrScheduleSpec& s = t.schedule;
    ordered_json sj;
    sj["type"] = scheduleName(s.type);
    if (s.type == ScheduleType::Step || s.type == ScheduleType::Plateau)
        sj["factor"] = floatToJsonDouble(s.factor);
    if (s.type == ScheduleType::Step) sj["every"] = s.every;
    if (s.type == ScheduleType::Plateau) {
        sj["patience"] = s.patience;
        sj["monitor"] = monitorName(s.monitor);
    }
    if (s.type != ScheduleType::Constant) sj["min_lr"] = floatToJsonDouble(s.minLr);
    o["lr_schedule"] = sj;
    return o;
}

Shape parseInput(const json& root) {
    Reader top(root, "", -1);
    const json* ij = top.object("input", "{\"channels\": 1, \"height\": 28, \"width\": 28}");
    if (!ij) return ModelSpec{}.input;
    Reader r(*ij, "input", -1);
    // {"size": n} is a flat input; otherwise channels/height/width (each defaulting to the 1x28x28 default).
    if (r.has("size") && !r.has("channels") && !r.has("height") && !r.has("width")) {
        int n = 1;
        r.readInt("size", n, IntRule{1, 16777216});
        return Shape::flat(n);
    }
    int c = 1, h = 28, w = 28;
    r.readInt("channels", c, kInputDimRule);
    r.readInt("height", h, kInputDimRule);
    r.readInt("width", w, kInputDimRule);
    return Shape::chw(c, h, w);
}

ordered_json inputToJson(const Shape& s) {
    ordered_json o;
    if (s.isFlat()) {
        o["size"] = s.dims[0];
    } else {
        o["channels"] = s.c();
        o["height"] = s.h();
        o["width"] = s.w();
    }
    return o;
}

// "invalid JSON at line 3, column 14: <what nlohmann says>"
std::string syntaxErrorText(const std::string& text, const json::parse_error& e) {
    size_t byte = e.byte > 0 ? static_cast<size_t>(e.byte) - 1 : 0;
    byte = std::min(byte, text.size());
    int line = 1, col = 1;
    for (size_t i = 0; i < byte; ++i) {
        if (text[i] == '\n') {
            ++line;
            col = 1;
        } else {
            ++col;
        }
    }
    std::string what = e.what();
    // "[json.exception.parse_error.101] parse error at line 1, column 2: syntax error while parsing ..."
    auto pos = what.find(": ");
    if (pos != std::string::npos) what = what.substr(pos + 2);
    return "invalid JSON at line " + std::to_string(line) + ", column " + std::to_string(col) + ": " + what;
}

std::string errnoText(int err) {
    return std::strerror(err);
}

}  // namespace

// ---------------------------------------------------------------------------------------------

const char* layerTypeName(LayerType t) {
    switch (t) {
        case LayerType::Dense:
            return "Dense";
        case LayerType::Conv2D:
            return "Conv2D";
        case LayerType::MaxPool2D:
            return "MaxPool2D";
        case LayerType::AvgPool2D:
            return "AvgPool2D";
        case LayerType::Flatten:
            return "Flatten";
        case LayerType::Dropout:
            return "Dropout";
        case LayerType::ReLU:
            return "ReLU";
        case LayerType::LeakyReLU:
            return "LeakyReLU";
        case LayerType::Sigmoid:
            return "Sigmoid";
        case LayerType::Tanh:
            return "Tanh";
        case LayerType::Softmax:
            return "Softmax";
    }
    return "?";
}

std::optional<LayerType> layerTypeFromName(const std::string& s) {
    const std::string l = lower(s);
    for (LayerType t : allLayerTypes())
        if (lower(layerTypeName(t)) == l) return t;
    return std::nullopt;
}

const char* activationName(Activation a) {
    switch (a) {
        case Activation::None:
            return "none";
        case Activation::ReLU:
            return "relu";
        case Activation::LeakyReLU:
            return "leaky_relu";
        case Activation::Sigmoid:
            return "sigmoid";
        case Activation::Tanh:
            return "tanh";
        case Activation::Softmax:
            return "softmax";
    }
    return "?";
}

std::optional<Activation> activationFromName(const std::string& s) {
    const std::string l = lower(s);
    for (Activation a : kActivations)
        if (activationName(a) == l) return a;
    return std::nullopt;
}

const std::vector<LayerType>& allLayerTypes() {
    static const std::vector<LayerType> all = {
        LayerType::Dense,   LayerType::Conv2D,  LayerType::MaxPool2D, LayerType::AvgPool2D,
        LayerType::Flatten, LayerType::Dropout, LayerType::ReLU,      LayerType::LeakyReLU,
        LayerType::Sigmoid, LayerType::Tanh,    LayerType::Softmax};
    return all;
}

const char* lossName(LossType l) {
    return l == LossType::MeanSquaredError ? "mse" : "cross_entropy";
}

const char* scheduleName(ScheduleType s) {
    switch (s) {
        case ScheduleType::Constant:
            return "constant";
        case ScheduleType::Step:
            return "step";
        case ScheduleType::Cosine:
            return "cosine";
        case ScheduleType::Plateau:
            return "plateau";
    }
    return "?";
}

const char* optimizerName(OptimizerType o) {
    switch (o) {
        case OptimizerType::SGD:
            return "sgd";
        case OptimizerType::Adam:
            return "adam";
        case OptimizerType::Adagrad:
            return "adagrad";
        case OptimizerType::RMSprop:
            return "rmsprop";
    }
    return "?";
}

const char* datasetName(DatasetKind d) {
    switch (d) {
        case DatasetKind::MNIST:
            return "mnist";
        case DatasetKind::FashionMNIST:
            return "fashion_mnist";
        case DatasetKind::Subset:
            return "subset";
    }
    return "?";
}

LayerSpec LayerSpec::make(LayerType t) {
    LayerSpec l;
    l.type = t;
    switch (t) {
        case LayerType::Dense:
            l.units = 64;
            l.activation = Activation::ReLU;
            break;
        case LayerType::Conv2D:
            l.filters = 32;
            l.kernel = 3;
            l.stride = 1;
            l.padding = Padding::Valid;
            l.activation = Activation::ReLU;
            break;
        case LayerType::MaxPool2D:
        case LayerType::AvgPool2D:
            l.poolSize = 2;
            l.stride = 0;  // same as size
            break;
        case LayerType::Dropout:
            l.rate = 0.5f;
            break;
        case LayerType::LeakyReLU:
            l.alpha = 0.01f;
            break;
        default:
            break;
    }
    return l;
}

std::string LayerSpec::summary() const {
    auto withActivation = [&](std::string s) {
        if (activation == Activation::None) return s;
        s += ", ";
        s += activationName(activation);
        if (activation == Activation::LeakyReLU) s += " " + floatText(alpha);
        return s;
    };
    switch (type) {
        case LayerType::Dense:
            return withActivation(std::to_string(units) + " units");
        case LayerType::Conv2D: {
            std::string s =
                std::to_string(filters) + " filters " + std::to_string(kernel) + "x" + std::to_string(kernel);
            s += " /" + std::to_string(stride);
            s += padding == Padding::Same ? " same" : " valid";
            return withActivation(s);
        }
        case LayerType::MaxPool2D:
        case LayerType::AvgPool2D: {
            std::string s = std::to_string(poolSize) + "x" + std::to_string(poolSize);
            if (stride != 0 && stride != poolSize) s += " /" + std::to_string(stride);
            return s;
        }
        case LayerType::Dropout:
            return "rate " + floatText(rate);
        case LayerType::LeakyReLU:
            return "alpha " + floatText(alpha);
        default:
            return "";
    }
}

void validateTraining(const TrainingSpec& t) {
    auto f = [](float v, const FloatRule& r, const char* path) { checkFloat(v, r, path, floatText(v), -1); };
    auto i = [](long long v, const IntRule& r, const char* path) {
        checkInt(v, r, path, std::to_string(v), -1);
    };

    f(t.optimizer.learningRate, kLearningRateRule, "training.optimizer.learning_rate");
    switch (t.optimizer.type) {
        case OptimizerType::SGD:
            f(t.optimizer.momentum, kMomentumRule, "training.optimizer.momentum");
            break;
        case OptimizerType::Adam:
            f(t.optimizer.beta1, kBeta1Rule, "training.optimizer.beta1");
            f(t.optimizer.beta2, kBeta2Rule, "training.optimizer.beta2");
            f(t.optimizer.epsilon, kEpsilonRule, "training.optimizer.epsilon");
            break;
        case OptimizerType::Adagrad:
            f(t.optimizer.epsilon, kEpsilonRule, "training.optimizer.epsilon");
            break;
        case OptimizerType::RMSprop:
            f(t.optimizer.rho, kRhoRule, "training.optimizer.rho");
            f(t.optimizer.epsilon, kEpsilonRule, "training.optimizer.epsilon");
            break;
    }
    f(t.l2, kL2Rule, "training.l2");
    i(t.batchSize, kBatchRule, "training.batch_size");
    i(t.epochs, kEpochsRule, "training.epochs");
    f(t.validationSplit, kSplitRule, "training.validation_split");
    i(t.threads, kThreadsRule, "training.threads");
    i(t.earlyStopping.patience, kPatienceRule, "training.early_stopping.patience");
    f(t.schedule.factor, kFactorRule, "training.lr_schedule.factor");
    i(t.schedule.every, kEveryRule, "training.lr_schedule.every");
    i(t.schedule.patience, kPatienceRule, "training.lr_schedule.patience");
    f(t.schedule.minLr, kMinLrRule, "training.lr_schedule.min_lr");
    checkScheduleFloor(t);
}

ModelSpec parseModelSpec(const std::string& jsonText) {
    json root;
    try {
        root = json::parse(jsonText);
    } catch (const json::parse_error& e) {
        throw SpecError(syntaxErrorText(jsonText, e));
    } catch (const json::exception& e) {  // e.g. out_of_range 406: "number overflow parsing '1e999'"
        std::string what = e.what();
        if (auto pos = what.find("] "); pos != std::string::npos) what = what.substr(pos + 2);
        throw SpecError("invalid JSON: " + what);
    }
    if (!root.is_object())
        throw SpecError(
            "not a LayerLab model file: expected a JSON object with \"format\": \"layerlab-model\"");
    if (!root.contains("format") || root["format"] != "layerlab-model")
        throw SpecError("not a LayerLab model file: \"format\" must be \"layerlab-model\"");
    if (!root.contains("version"))
        throw SpecError("version: missing; a LayerLab model file needs \"version\": 1");
    const json& ver = root["version"];
    if (!ver.is_number_integer() || ver.get<long long>() < 1)
        throw SpecError("version: must be a whole number such as 1, got " + shown(ver));
    if (ver.is_number_unsigned()
            ? ver.get<unsigned long long>() > static_cast<unsigned long long>(kModelFormatVersion)
            : ver.get<long long>() > kModelFormatVersion)
        throw SpecError("version " + shown(ver) + " is newer than this LayerLab supports (" +
                        std::to_string(kModelFormatVersion) + "); update LayerLab to open this file");

    ModelSpec spec;
    if (root.contains("name")) {
        const json& n = root["name"];
        if (!n.is_string()) throw SpecError("name: must be a string such as \"My model\", got " + shown(n));
        spec.name = n.get<std::string>();
    }
    spec.input = parseInput(root);
    Reader(root, "", -1).readInt("classes", spec.classes, kClassesRule);

    if (root.contains("layers")) {
        const json& layers = root["layers"];
        if (!layers.is_array())
            throw SpecError("layers: must be an array of layer objects like [{\"type\": \"Flatten\"}], got " +
                            shown(layers));
        if (layers.size() > 10000)
            throw SpecError("layers: at most 10000 layers are supported, got " +
                            std::to_string(layers.size()));
        for (size_t i = 0; i < layers.size(); ++i)
            spec.layers.push_back(parseLayer(layers[i], static_cast<int>(i)));
    }
    spec.training = parseTraining(root);
    validateTraining(spec.training);
    return spec;
}

std::string serializeModelSpec(const ModelSpec& spec) {
    ordered_json o;
    o["format"] = "layerlab-model";
    o["version"] = kModelFormatVersion;
    o["name"] = spec.name;
    o["input"] = inputToJson(spec.input);
    o["classes"] = spec.classes;
    ordered_json layers = ordered_json::array();
    for (const LayerSpec& l : spec.layers) layers.push_back(layerToJson(l));
    o["layers"] = layers;
    o["training"] = trainingToJson(spec.training);
    return o.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

ModelSpec loadModelSpec(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0)
        throw SpecError("cannot open model file \"" + path + "\": " + errnoText(errno));
    if (!S_ISREG(st.st_mode))
        throw SpecError("cannot open model file \"" + path + "\": it is not a regular file");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw SpecError("cannot open model file \"" + path + "\": " + errnoText(errno));
    in.seekg(0, std::ios::end);
    std::streamoff size = in.tellg();
    in.seekg(0, std::ios::beg);
    if (size < 0) throw SpecError("cannot read model file \"" + path + "\"");
    if (size > 64LL * 1024 * 1024)
        throw SpecError("\"" + path + "\" is too large to be a LayerLab model file (" + std::to_string(size) +
                        " bytes)");
    std::string text(static_cast<size_t>(size), '\0');
    if (size > 0 && !in.read(text.data(), size))
        throw SpecError("cannot read model file \"" + path + "\": " + errnoText(errno));
    if (text.rfind("LLCKPT", 0) == 0)
        throw SpecError(
            "\"" + path + "\" is a checkpoint (a model with trained weights), not a model file: " +
            "load it with File > Load Checkpoint in the studio, or give it to layerlab-cli train " +
            "(continues from its weights) or evaluate");
    try {
        return parseModelSpec(text);
    } catch (const SpecError& e) {
        throw SpecError(path + ": " + e.what(), e.layerIndex);
    }
}

void saveModelSpec(const ModelSpec& spec, const std::string& path) {
    std::string err = writeFileAtomically(path, serializeModelSpec(spec));
    if (!err.empty()) throw SpecError("cannot save model to \"" + path + "\": " + err);
}

}  // namespace layerlab
