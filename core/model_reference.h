#pragma once
// The model file's reference, written from the descriptor tables (every layer type with its fields, every
// training setting with its limits and default, and when each is used): `layerlab-cli help model`.
#include <string>

namespace layerlab {

std::string modelFileReference();

}  // namespace layerlab
