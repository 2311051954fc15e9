#pragma once
// Writing a file so that a crash or a full disk never leaves half of it: a temp file in the same folder,
// fsync, rename over the target, fsync of the folder. Used for model files, checkpoints, reports and IDX
// files.
#include <string>

namespace layerlab {

// Returns an empty string on success, else what went wrong (e.g. "Permission denied"); on failure the temp
// file is removed and `path` is left as it was. Keeps an existing file's mode (new files get 0644).
std::string writeFileAtomically(const std::string& path, const std::string& data);

}  // namespace layerlab
