#pragma once
// Errors a user can cause. Each message names the thing and says what to do.
#include <stdexcept>
#include <string>

namespace layerlab {

// A model spec that cannot be parsed or cannot work (bad field, impossible layer stack).
struct SpecError : std::runtime_error {
    explicit SpecError(const std::string& m, int layer = -1) : std::runtime_error(m), layerIndex(layer) {}
    // Index into ModelSpec::layers (from 0), or -1 when not about one layer. Messages number layers from 1,
    // as the editor does: "layer 2 (Dense) units: ...".
    int layerIndex;
};

// A data file that is missing, truncated, corrupt or inconsistent.
struct DataError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// A checkpoint that is missing, corrupt, truncated or not ours.
struct CheckpointError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

}  // namespace layerlab
