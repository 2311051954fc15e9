#pragma once
// run.json as the recorder writes it and the store edits it (core/run_record.cpp, core/run_store.cpp):
// internal to core, not part of the runs API (core/run_record.h).
#include <limits>
#include <nlohmann/json.hpp>
#include <string>

#include "core/run_record.h"

namespace layerlab::runjson {

constexpr const char* kFormat = "layerlab-run";
constexpr int kVersion = 1;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The whole file; "" and *error set to the reason when it cannot be read.
std::string readWhole(const std::string& path, std::string* error);

// run.json's document for a run (every field of RunInfo that is recorded; NaN as null).
nlohmann::ordered_json infoJson(const RunInfo& r);

// The name, note and colour the user gave a run (user.json beside run.json), over what run.json says; a
// missing or broken user.json changes nothing.
void applyUserFields(const std::string& folder, RunInfo& r);

}  // namespace layerlab::runjson
