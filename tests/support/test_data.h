#pragma once
// Test fixtures for data files: the bundled resources, tiny synthetic IDX datasets, raw and gzip files,
// and a scoped environment variable.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/dataset.h"

namespace layerlab::test {

std::string resourcesPath();  // <source>/resources (the LAYERLAB_RESOURCES macro)
std::string subsetPath();     // <source>/resources/mnist-subset

std::vector<std::uint8_t> readBytes(const std::string& path);      // whole file; empty when unreadable
std::string readText(const std::string& path);                     // whole file; "" when unreadable
void writeText(const std::string& path, const std::string& text);  // replaces the file; throws when it cannot
void writeBytes(const std::string& path, const std::vector<std::uint8_t>& bytes);
void writeGzip(const std::string& path, const std::vector<std::uint8_t>& bytes);  // gzip-compressed via zlib

// An IDX header (magic 0x00 0x00 type ndims, then big-endian dims) followed by nothing.
std::vector<std::uint8_t> idxHeader(const std::vector<std::uint32_t>& dims, std::uint8_t type = 0x08);

// Deterministic synthetic arrays: images n x rows x cols, labels n with values 0..classes-1 cycling.
IdxArray syntheticImages(int n, int rows, int cols);
IdxArray syntheticLabels(int n, int classes);

// Writes the four MNIST-named files (uncompressed, or .gz when gz) into dir (created if needed).
void writeTinyDataset(const std::string& dir, int nTrain = 12, int nTest = 6, int rows = 28, int cols = 28,
                      int classes = 10, bool gz = false);

// Sets (or, with nullopt, unsets) an environment variable for the scope, restoring the old value after.
class ScopedEnv {
public:
    ScopedEnv(const char* name, const std::optional<std::string>& value);
    ~ScopedEnv();
    ScopedEnv(const ScopedEnv&) = delete;
    ScopedEnv& operator=(const ScopedEnv&) = delete;

private:
    std::string name_;
    std::optional<std::string> old_;
};

}  // namespace layerlab::test
