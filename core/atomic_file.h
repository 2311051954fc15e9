#pragma once
// The one way LayerLab writes a file a user asked for (model files, checkpoints, CLI reports, IDX files,
// the studio's PNG exports and screenshots): never half of it, and never over something that is not a file.
//
// Rules (checkWritableTarget states them, writeFileAtomically follows them):
//  - A symbolic link is followed (every hop) and its target is written; the link itself stays. A path that
//    names an open descriptor (/dev/stdout, /dev/fd/N, /proc/self/fd/N) is refused: callers offer "-".
//  - Only a regular file (or a name not yet taken) is written. A folder, a device (/dev/full, a terminal),
//    a FIFO or a socket is refused with a message that names what is there.
//  - The folder must exist and be writable; an existing file must be writable (a read-only file is not
//    replaced behind the user's back).
//  - The data goes to a temp file in the same folder, is fsynced and renamed over the target, then the
//    folder is fsynced. A write error (a full disk: ENOSPC, a quota, a size limit) removes the temp file,
//    leaves the target as it was and is reported.
#include <string>

namespace layerlab {

// Returns "" when `path` may be written, else one clause saying why not and what to do, e.g.
// "it is a character device (/dev/full), not a regular file: give the path of a file". Callers prefix it
// with what they were doing ("cannot save checkpoint \"x\": ..."). When `target` is given it receives the
// file a write would replace (the end of the symlink chain).
std::string checkWritableTarget(const std::string& path, std::string* target = nullptr);

// Writes `data` to `path` under the rules above. Returns "" on success, else a clause as above. Keeps an
// existing file's mode (and its owner, when allowed); new files get 0644.
std::string writeFileAtomically(const std::string& path, const std::string& data);

}  // namespace layerlab
