// Field descriptors: rule texts, checks and parsing shared by the file reader, validation and the CLI.
#include "core/spec_field.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>

namespace layerlab {

namespace {

std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// A limit as the rules print it: whole numbers without a point, others as the shortest float.
std::string limitText(double v) {
    if (std::floor(v) == v && std::fabs(v) < 1e15) return std::to_string(static_cast<long long>(v));
    return floatText(static_cast<float>(v));
}

}  // namespace

std::string floatText(float f) {
    if (std::isnan(f)) return "nan";
    if (std::isinf(f)) return f > 0 ? "inf" : "-inf";
    char buf[64];
    auto r = std::to_chars(buf, buf + sizeof buf, f);
    return std::string(buf, r.ptr);
}

std::string FieldMeta::path() const {
    return *object ? std::string(object) + "." + key : std::string(key);
}

std::string FieldMeta::rule() const {
    switch (kind) {
        case FieldKind::Int:
            return "must be a whole number from " + limitText(limits.lo) + " to " + limitText(limits.hi);
        case FieldKind::UInt64:
            return "must be a whole number from 0 to 18446744073709551615";
        case FieldKind::Bool:
            return "must be true or false";
        case FieldKind::Choice:
            return "must be one of " + choiceKeys();
        case FieldKind::Text:
            return "must be a string of at most " + limitText(limits.hi) + " bytes";
        case FieldKind::Float:
            break;
    }
    const std::string lo = limitText(limits.lo), hi = limitText(limits.hi);
    std::string s;
    if (std::isinf(limits.hi)) {
        if (limits.lo == 0)
            s = limits.loOpen ? "must be a positive finite number" : "must be 0 or a positive finite number";
        else
            s = std::string("must be a finite number ") + (limits.loOpen ? "above " : "of at least ") + lo;
    } else if (!limits.loOpen && !limits.hiOpen) {
        s = "must be a number from " + lo + " to " + hi;
    } else if (!limits.loOpen && limits.hiOpen) {
        s = "must be a number from " + lo + " up to but not including " + hi;
    } else if (limits.loOpen && limits.hiOpen) {
        s = "must be a number between " + lo + " and " + hi + ", both excluded";
    } else {
        s = "must be a number above " + lo + " and at most " + hi;
    }
    if (*example) s += std::string(" (e.g. ") + example + ")";
    return s;
}

std::string FieldMeta::valueText(const FieldValue& v) const {
    switch (kind) {
        case FieldKind::Int:
            return std::to_string(v.whole);
        case FieldKind::UInt64:
            return std::to_string(v.big);
        case FieldKind::Float:
            return floatText(v.real);
        case FieldKind::Bool:
            return v.whole ? "true" : "false";
        case FieldKind::Choice:
            if (const ChoiceOption* o = option(int(v.whole))) return o->key;
            return std::to_string(v.whole);
        case FieldKind::Text:
            return v.text;
    }
    return {};
}

std::string FieldMeta::check(const FieldValue& v) const {
    bool ok = true;
    switch (kind) {
        case FieldKind::Int:
            ok = double(v.whole) >= limits.lo && double(v.whole) <= limits.hi;
            break;
        case FieldKind::Float:
            ok = allowsReal(v.real);
            break;
        case FieldKind::Choice:
            ok = option(int(v.whole)) != nullptr;
            break;
        case FieldKind::Text:
            ok = double(v.text.size()) <= limits.hi;
            break;
        case FieldKind::UInt64:
        case FieldKind::Bool:
            break;
    }
    return ok ? std::string() : rule() + ", got " + valueText(v);
}

bool FieldMeta::allowsReal(double d) const {
    return std::isfinite(d) && (limits.loOpen ? d > limits.lo : d >= limits.lo) &&
           (limits.hiOpen ? d < limits.hi : d <= limits.hi);
}

double FieldMeta::minimum() const {
    switch (kind) {
        case FieldKind::Int:
            return limits.lo;
        case FieldKind::Float:
            return limits.loOpen
                       ? double(std::nextafter(float(limits.lo), std::numeric_limits<float>::infinity()))
                       : limits.lo;
        default:
            return 0;
    }
}

double FieldMeta::maximum() const {
    switch (kind) {
        case FieldKind::Int:
            return limits.hi;
        case FieldKind::UInt64:
            return double(std::numeric_limits<unsigned long long>::max());
        case FieldKind::Float:
            if (std::isinf(limits.hi)) return double(std::numeric_limits<float>::max());
            return limits.hiOpen
                       ? double(std::nextafter(float(limits.hi), -std::numeric_limits<float>::infinity()))
                       : limits.hi;
        case FieldKind::Bool:
            return 1;
        case FieldKind::Choice:
        case FieldKind::Text:
            return 0;
    }
    return 0;
}

const ChoiceOption* FieldMeta::option(int value) const {
    for (const ChoiceOption& o : choices)
        if (o.value == value) return &o;
    return nullptr;
}

const ChoiceOption* FieldMeta::optionByKey(const std::string& k) const {
    const std::string l = lower(k);
    for (const ChoiceOption& o : choices)
        if (lower(o.key) == l) return &o;
    return nullptr;
}

std::string FieldMeta::choiceKeys() const {
    std::string s;
    for (const ChoiceOption& o : choices) {
        if (!s.empty()) s += ", ";
        s += o.key;
    }
    return s;
}

std::string FieldMeta::parse(const std::string& text, FieldValue* out) const {
    FieldValue v;
    const std::string got = ", got '" + text + "'";
    char* end = nullptr;
    errno = 0;
    switch (kind) {
        case FieldKind::Int: {
            v.whole = std::strtoll(text.c_str(), &end, 10);
            if (text.empty() || *end || errno) return rule() + got;
            break;
        }
        case FieldKind::UInt64: {
            if (text.empty() || text.find('-') != std::string::npos) return rule() + got;
            v.big = std::strtoull(text.c_str(), &end, 10);
            if (*end || errno) return rule() + got;
            break;
        }
        case FieldKind::Float: {
            const double d = std::strtod(text.c_str(), &end);
            if (text.empty() || *end) return rule() + got;
            v.real = static_cast<float>(d);
            if (std::isfinite(d) && !std::isfinite(v.real)) return rule() + got;
            break;
        }
        case FieldKind::Bool: {
            const std::string l = lower(text);
            if (l != "true" && l != "false") return rule() + got;
            v.whole = l == "true";
            break;
        }
        case FieldKind::Choice: {
            const ChoiceOption* o = optionByKey(text);
            if (!o) return rule() + got;
            v.whole = o->value;
            break;
        }
        case FieldKind::Text:
            v.text = text;
            break;
    }
    if (std::string problem = check(v); !problem.empty()) return rule() + got;
    *out = v;
    return {};
}

std::string FieldMeta::rangeText() const {
    std::string range;
    switch (kind) {
        case FieldKind::Int:
            range = limitText(limits.lo) + " to " + limitText(limits.hi);
            break;
        case FieldKind::UInt64:
            range = "0 to 18446744073709551615";
            break;
        case FieldKind::Float:
            range = rule().substr(std::string("must be ").size());
            if (auto p = range.find(" (e.g."); p != std::string::npos) range.resize(p);
            break;
        case FieldKind::Bool:
            range = "true or false";
            break;
        case FieldKind::Choice:
            range = choiceKeys();
            break;
        case FieldKind::Text:
            range = "a string";
            break;
    }
    return range;
}

std::string FieldMeta::helpLine() const {
    std::string s = rangeText();
    if (*ui.zeroText) s += std::string(" (0: ") + ui.zeroText + ")";
    if (kind == FieldKind::Text && def.text.empty()) return s + "; default none";
    return s + "; default " + valueText(def);
}

int editDistance(const std::string& a, const std::string& b) {
    const std::string x = lower(a), y = lower(b);
    std::vector<int> prev(y.size() + 1), cur(y.size() + 1);
    for (size_t j = 0; j <= y.size(); ++j) prev[j] = int(j);
    for (size_t i = 1; i <= x.size(); ++i) {
        cur[0] = int(i);
        for (size_t j = 1; j <= y.size(); ++j)
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1)});
        std::swap(prev, cur);
    }
    return prev[y.size()];
}

std::string closestKey(const std::string& key, const std::vector<std::string>& candidates) {
    // Close enough: a third of the key's letters wrong at most ("learning_rat"), only a change of case,
    // or one a prefix of the other when both are words ("batch" for "batch_size").
    std::string best;
    int bestDistance = std::numeric_limits<int>::max();
    const std::string k = lower(key);
    for (const std::string& c : candidates) {
        const int d = editDistance(key, c);
        const std::string lc = lower(c);
        const bool prefix = k.size() >= 4 && lc.size() >= 4 && (lc.rfind(k, 0) == 0 || k.rfind(lc, 0) == 0);
        if ((d <= int(key.size()) / 3 || prefix) && d < bestDistance) {
            best = c;
            bestDistance = d;
        }
    }
    return best;
}

}  // namespace layerlab
