#pragma once
// The cache of decoded image folders (internal to core/image_folder*.cpp): one file per folder and import
// settings under imageCacheDir(), keyed by everything the decoded set depends on (the files' paths, classes,
// sizes and times, and the settings); a file that does not match its key, or is damaged, is ignored.
#include <cstdint>
#include <string>
#include <vector>

#include "core/dataset.h"
#include "core/image_folder.h"

namespace layerlab::image_cache {

// The part of the dataset and the report a cache file holds.
struct Decoded {
    Dataset data;
    std::vector<ImageFolderIssue> failed;  // files that could not be decoded
    std::vector<DuplicateImage> duplicates;
};

inline std::uint64_t fnv1a(const void* data, std::size_t n, std::uint64_t h = 0xcbf29ce484222325ull) {
    const auto* p = static_cast<const unsigned char*>(data);
    for (std::size_t i = 0; i < n; ++i) h = (h ^ p[i]) * 0x100000001b3ull;
    return h;
}

std::uint64_t contentKey(const ImageFolderScan& scan, const ImageImportSpec& spec);
// The cache file for the folder `root` imported with `spec`, in cacheDir.
std::string cacheFileFor(const std::string& cacheDir, const std::string& root, const ImageImportSpec& spec);
std::string encodeCache(std::uint64_t key, const Decoded& d);
// False (and *out untouched) when the file is missing, damaged or for another key.
bool decodeCache(const std::string& path, std::uint64_t key, Decoded* out);

}  // namespace layerlab::image_cache
