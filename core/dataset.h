#pragma once
// Image-classification data kept as uint8 in memory (converted to float per batch by the trainer).
// Reads IDX files (MNIST layout), plain or gzip-compressed (.gz), and finds them on disk.
#include <cstdint>
#include <string>
#include <vector>

#include "core/model_spec.h"

namespace layerlab {

// One IDX file: dims (e.g. {60000, 28, 28}) and its uint8 payload.
struct IdxArray {
    std::vector<int> dims;
    std::vector<std::uint8_t> data;
};

// Reads an IDX file of unsigned bytes (type 0x08), plain or gzip (by content, not name).
// Throws DataError naming the file and what is wrong: missing, wrong magic, truncated, bad dims.
IdxArray readIdx(const std::string& path);
// Writes an uncompressed IDX ubyte file atomically (used to make subsets and test fixtures).
void writeIdx(const std::string& path, const IdxArray& a);

struct Dataset {
    std::string name;       // "MNIST", "Fashion-MNIST", "MNIST subset (bundled)"
    std::string directory;  // where it was read from
    int rows = 28, cols = 28;
    int classes = 10;
    std::vector<std::uint8_t> trainImages;  // trainCount x rows x cols
    std::vector<std::uint8_t> trainLabels;  // trainCount, each < classes
    std::vector<std::uint8_t> testImages;
    std::vector<std::uint8_t> testLabels;
    std::size_t trainCount() const { return trainLabels.size(); }
    std::size_t testCount() const { return testLabels.size(); }
    std::size_t imageSize() const { return std::size_t(rows) * cols; }
};

// Loads train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte
// (each optionally with .gz) from dir. Checks counts match, image sizes agree, labels < 10.
// Throws DataError with the file name and the fix.
Dataset loadDataset(const std::string& dir, const std::string& name = "");

// Where a dataset is found. The search order, first hit wins:
//   1. explicitOverride (a --data flag), if not empty (an error if it holds no dataset)
//   2. environment: LAYERLAB_MNIST_DIR for MNIST, LAYERLAB_FASHION_DIR for Fashion-MNIST
//   3. the data folder: $LAYERLAB_DATA_DIR or <source>/data, subfolder "mnist" / "fashion-mnist"
//   4. the installed Debian path (/usr/share/datasets/fashion-mnist for Fashion-MNIST)
// The bundled subset lives in <resources>/mnist-subset.
struct DataLocation {
    bool found = false;
    std::string directory;
    std::string
        how;  // "from --data", "from $LAYERLAB_MNIST_DIR", "data folder", "Debian package", "bundled subset"
    std::string hint;  // when not found: how to get it ("run scripts/fetch-mnist.sh", "apt-get install ...")
};
DataLocation locateDataset(DatasetKind kind, const std::string& explicitOverride = "");
std::string resourcesDir();  // folder of presets/ and mnist-subset/
std::string dataRootDir();   // the data folder (git-ignored)

// Loads `kind`; when full MNIST is missing (and no override was given) falls back to the bundled subset
// and sets *note to a sentence saying so. Throws DataError when nothing usable is found.
Dataset loadDatasetOrSubset(DatasetKind kind, const std::string& explicitOverride, std::string* note);

}  // namespace layerlab
