#pragma once
// Reading one JSON object of the model file: each field through its descriptor (core/spec_field.h), errors
// that say where ("training.optimizer.learning_rate: ...", "layer 2 (Dense) units: ...") and what is
// allowed, and the keys it did not read kept as ExtraKey. Used by core/model_json.cpp only.
#include <algorithm>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/errors.h"
#include "core/model_spec.h"
#include "core/spec_field.h"

namespace layerlab::json_detail {

// Ordered: keys LayerLab does not know are written back in the order the file had them.
using json = nlohmann::ordered_json;

// A JSON value as shown after "got": compact, cut short when long.
inline std::string shown(const json& v) {
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

inline std::string quoted(const std::string& s) {
    return "\"" + s + "\"";
}

// Reads one JSON object. Errors say where: "training.optimizer.learning_rate: ..." for a path, or
// "layer 2 (Dense) units: ..." for a layer (numbered as the editor numbers it).
class Reader {
public:
    Reader(const json& obj, std::string where, char separator, int layer)
        : m_obj(obj), m_where(std::move(where)), m_separator(separator), m_layer(layer) {}

    std::string at(const std::string& key) const {
        return m_where.empty() ? key : m_where + m_separator + key;
    }
    bool has(const char* key) const { return m_obj.contains(key); }
    const json& raw(const char* key) const { return m_obj.at(key); }

    [[noreturn]] void fail(const std::string& key, const std::string& problem) const {
        throw SpecError(at(key) + ": " + problem, m_layer);
    }

    // Reads field f into s when the object has it; returns whether it did.
    template <typename S>
    bool read(const Field<S>& f, S& s) {
        const FieldMeta& m = f.meta;
        if (!has(m.key)) return false;
        const json& v = raw(m.key);
        FieldValue value;
        const std::string bad = m.rule() + ", got " + shown(v);
        switch (m.kind) {
            case FieldKind::Int:
                if (!wholeNumber(v, &value.whole)) fail(m.key, bad);
                break;
            case FieldKind::UInt64:
                if (v.is_number_unsigned()) {
                    value.big = v.get<unsigned long long>();
                } else if (v.is_number_float()) {  // 1e3; non-negative integers parse as unsigned
                    const double d = v.get<double>();
                    if (!(d >= 0 && d < 18446744073709551616.0) || std::floor(d) != d) fail(m.key, bad);
                    value.big = static_cast<unsigned long long>(d);
                } else {
                    fail(m.key, bad);
                }
                break;
            case FieldKind::Float: {
                if (!v.is_number()) fail(m.key, bad);
                const double d = v.get<double>();
                value.real = static_cast<float>(d);
                if (!m.allowsReal(d)) fail(m.key, bad);  // the float must hold too (1e300, 1e-50)
                break;
            }
            case FieldKind::Bool:
                if (!v.is_boolean()) fail(m.key, bad);
                value.whole = v.get<bool>();
                break;
            case FieldKind::Choice: {
                if (!v.is_string())
                    fail(m.key, "must be a string, one of " + m.choiceKeys() + ", got " + shown(v));
                const ChoiceOption* o = m.optionByKey(v.get<std::string>());
                if (!o)
                    fail(m.key, std::string("unknown ") + m.noun + " " + shown(v) + "; use one of " +
                                    m.choiceKeys());
                value.whole = o->value;
                break;
            }
            case FieldKind::Text:
                if (!v.is_string()) fail(m.key, bad);
                value.text = v.get<std::string>();
                break;
        }
        if (std::string problem = m.check(value); !problem.empty()) fail(m.key, bad);
        f.set(s, value);
        m_used.push_back(m.key);
        return true;
    }

    // A nested object (or nullptr when absent). Wrong type is an error.
    const json* object(const char* key, const char* example) {
        if (!has(key)) return nullptr;
        const json& v = raw(key);
        if (!v.is_object()) fail(key, std::string("must be an object like ") + example + ", got " + shown(v));
        m_used.push_back(key);
        return &v;
    }

    void markUsed(const char* key) { m_used.push_back(key); }

    // Keys not read, kept for writing back.
    void keepRest(const std::string& objectName, ExtraKeys& out) const {
        for (auto it = m_obj.begin(); it != m_obj.end(); ++it)
            if (std::find(m_used.begin(), m_used.end(), it.key()) == m_used.end())
                out.push_back(
                    {objectName, it.key(), it.value().dump(-1, ' ', false, json::error_handler_t::replace)});
    }

private:
    static bool wholeNumber(const json& v, long long* out) {
        if (v.is_number_unsigned()) {
            const unsigned long long u = v.get<unsigned long long>();
            *out = u > static_cast<unsigned long long>(std::numeric_limits<long long>::max())
                       ? std::numeric_limits<long long>::max()
                       : static_cast<long long>(u);
            return true;
        }
        if (v.is_number_integer()) {
            *out = v.get<long long>();
            return true;
        }
        if (v.is_number_float()) {
            const double d = v.get<double>();
            if (std::isfinite(d) && std::floor(d) == d && std::fabs(d) < 9e15) {
                *out = static_cast<long long>(d);
                return true;
            }
        }
        return false;
    }

    const json& m_obj;
    std::string m_where;
    char m_separator;
    int m_layer;
    std::vector<std::string> m_used;
};

}  // namespace layerlab::json_detail
