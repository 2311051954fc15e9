#pragma once
// One descriptor per setting of the model file: its JSON key, label, tooltip, kind, limits and default.
// The descriptor tables (core/layer_types.h for layers, core/training_fields.h for training) drive the
// reader, the writer, validation, the studio's Inspector and Training tab, the undo labels and the CLI help,
// so a setting is described once. No Qt here: the studio translates the texts where it shows them.
#include <string>
#include <type_traits>
#include <vector>

namespace layerlab {

enum class FieldKind {
    Int,     // whole number in [limits.lo, limits.hi]
    UInt64,  // whole number from 0 to 2^64 - 1 (the seed)
    Float,   // float within limits (open or closed ends; hi = inf: any finite value)
    Bool,
    Choice,  // one of `choices`, written as its key
    Text,    // a string (a folder path); limits.hi = the longest allowed, in bytes
};

// One option of a Choice field.
struct ChoiceOption {
    int value;                        // the enum's value
    const char* key;                  // in the file: "leaky_relu"
    const char* label;                // in the studio: "LeakyReLU"
    std::vector<std::string> uses{};  // keys of the fields this option switches on ("alpha")
};

// The value of one field, whichever its kind: Int, Bool (0/1) and Choice (the enum's value) in `whole`,
// UInt64 in `big`, Float in `real`, Text in `text`.
struct FieldValue {
    long long whole = 0;
    unsigned long long big = 0;
    float real = 0;
    std::string text;
    bool operator==(const FieldValue&) const = default;
};

template <typename T>
FieldValue toFieldValue(T v) {
    FieldValue f;
    if constexpr (std::is_same_v<T, float>)
        f.real = v;
    else if constexpr (std::is_same_v<T, unsigned long long>)
        f.big = v;
    else if constexpr (std::is_same_v<T, std::string>)
        f.text = v;
    else
        f.whole = static_cast<long long>(v);  // int, bool, enums
    return f;
}

template <typename T>
void fromFieldValue(const FieldValue& f, T& out) {
    if constexpr (std::is_same_v<T, float>)
        out = f.real;
    else if constexpr (std::is_same_v<T, unsigned long long>)
        out = f.big;
    else if constexpr (std::is_same_v<T, std::string>)
        out = f.text;
    else if constexpr (std::is_same_v<T, bool>)
        out = f.whole != 0;
    else
        out = static_cast<T>(f.whole);
}

// Numeric limits, exactly as the file checks them.
struct FieldLimits {
    double lo = 0, hi = 0;  // hi = infinity: any finite value
    bool loOpen = false, hiOpen = false;
};

// How the studio shows a field. Layout hints only: the engine ignores them.
struct FieldUi {
    int group = 0;              // settings group (training: SettingsGroup); layers have one group
    int rank = 0;               // order inside the group; equal ranks keep table order
    double step = 1;            // spin-box step in shown units; 0 = steps through 1, 2, 5, 10, ... (log)
    double smallestStep = 0;    // log steps: where stepping up from 0 goes
    double scale = 1;           // shown value = value * scale (the validation split in %)
    const char* suffix = "";    // " %"
    const char* zeroText = "";  // shown instead of 0 ("same as pool size", "all cores")
    bool groupToggle = false;   // a Bool that switches its whole group on and off (early stopping)
};

struct FieldMeta {
    const char* key;           // JSON key inside its object
    const char* object = "";   // the JSON object it sits in, relative to its owner: "", "optimizer", ...
    const char* label = "";    // "Learning rate"; a Bool's label is its check box text
    const char* tooltip = "";  // what it does, in plain words
    FieldKind kind = FieldKind::Int;
    FieldLimits limits{};
    const char* example = "";             // Float: shown in the rule ("(e.g. 0.5)")
    const char* noun = "";                // Choice: "activation", in "unknown activation ..."
    std::vector<ChoiceOption> choices{};  // Choice: in the studio's order
    const char* controller = nullptr;     // key of the Choice (same object) whose option switches this on
    bool omitDefault = false;             // not written when it equals the default (pool stride 0)
    FieldUi ui{};
    FieldValue def{};  // default (layers: per type; training: what TrainingSpec{} holds)

    std::string path() const;  // "optimizer.learning_rate"
    // "must be a whole number from 1 to 100000", "must be a number from 0 to 0.9 (e.g. 0.1)", ...
    std::string rule() const;
    // "" when v is allowed, else "<rule>, got <v>".
    std::string check(const FieldValue& v) const;
    bool allowsReal(double d) const;                   // Float: d lies within the limits (and is finite)
    std::string valueText(const FieldValue& v) const;  // "64", "0.001", "relu", "true"
    // Limits as closed bounds in the field's own type (open float ends moved to the next float), for
    // spin boxes that must accept exactly what the file accepts.
    double minimum() const;
    double maximum() const;
    const ChoiceOption* option(int value) const;                    // nullptr when not a choice
    const ChoiceOption* optionByKey(const std::string& key) const;  // case-insensitive
    std::string choiceKeys() const;                                 // "none, relu, leaky_relu"
    // Parses text typed on a command line ("0.01", "relu", "true"). Returns "" and sets *out, or the problem.
    std::string parse(const std::string& text, FieldValue* out) const;
    // The allowed values in words: "1 to 100000", "a positive finite number", "relu, sigmoid, ...".
    std::string rangeText() const;
    // "1 to 100000; default 64": the allowed values and the default, for help texts.
    std::string helpLine() const;
};

// A field of struct S (LayerSpec, TrainingSpec): its descriptor and how to reach it.
template <typename S>
struct Field {
    FieldMeta meta;
    FieldValue (*get)(const S&);
    void (*set)(S&, const FieldValue&);
};

// The Choice among `fields` that switches f on and off, or nullptr: the one of that key in f's own object,
// else in the top object (training.dataset switches the "image_import" fields).
template <typename S>
const Field<S>* controllerOf(const Field<S>& f, const std::vector<const Field<S>*>& fields) {
    if (!f.meta.controller) return nullptr;
    const Field<S>* top = nullptr;
    for (const Field<S>* c : fields) {
        if (std::string(c->meta.key) != f.meta.controller) continue;
        if (std::string(c->meta.object) == f.meta.object) return c;
        if (!*c->meta.object) top = c;
    }
    return top;
}

// Whether f is in use in s: always, unless its controller among `fields` has an option selected that does
// not list it (momentum only with sgd, a Dense layer's alpha only with leaky_relu).
template <typename S>
bool fieldActive(const S& s, const Field<S>& f, const std::vector<const Field<S>*>& fields) {
    const Field<S>* c = controllerOf(f, fields);
    if (!c) return true;
    const ChoiceOption* o = c->meta.option(int(c->get(s).whole));
    if (!o) return false;
    for (const std::string& k : o->uses)
        if (k == f.meta.key) return true;
    return false;
}

// When a controlled field is in use: "\"type\" is \"sgd\"", "\"type\" is \"step\" or \"plateau\"";
// "" for a field that is always in use.
template <typename S>
std::string usedWhenText(const Field<S>& f, const std::vector<const Field<S>*>& fields) {
    const Field<S>* c = controllerOf(f, fields);
    if (!c) return {};
    std::string text = "\"";
    text += c->meta.key;
    text += "\" is";
    const char* separator = " ";
    for (const ChoiceOption& o : c->meta.choices)
        for (const std::string& k : o.uses)
            if (k == f.meta.key) {
                text += separator;
                text += '"';
                text += o.key;
                text += '"';
                separator = " or ";
            }
    return text;
}

// Shortest decimal text that reads back as exactly `f`: "0.001", "nan", "inf".
std::string floatText(float f);
// Case-insensitive edit distance (Levenshtein).
int editDistance(const std::string& a, const std::string& b);
// The candidate a mistyped key most likely meant, or "" when none is close.
std::string closestKey(const std::string& key, const std::vector<std::string>& candidates);

}  // namespace layerlab

// Accessors for a Field<S> row: LAYERLAB_FIELD_ACCESS(S, optimizer.momentum) expands to the get and set
// functions of that member.
#define LAYERLAB_FIELD_ACCESS(S, member)                           \
    [](const S& s) { return ::layerlab::toFieldValue(s.member); }, \
        [](S& s, const ::layerlab::FieldValue& v) { ::layerlab::fromFieldValue(v, s.member); }
