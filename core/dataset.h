#pragma once
// Image-classification data kept as uint8 in memory (converted to float per batch by the trainer): the four
// IDX files of a folder (core/idx_file.h) assembled into one Dataset, found on disk by core/data_location.h,
// or an image folder of your own pictures (core/image_folder.h).
#include <cstdint>
#include <string>
#include <vector>

#include "core/data_location.h"
#include "core/idx_file.h"
#include "core/model_spec.h"

namespace layerlab {

struct Dataset {
    std::string
        name;  // "MNIST", "Fashion-MNIST", "MNIST subset (bundled)" (DatasetInfo::name), a folder's name
    std::string directory;  // where it was read from
    int channels = 1;       // 1 grey, 3 RGB (image folders)
    int rows = 28, cols = 28;
    int classes = 10;
    std::vector<std::uint8_t> trainImages;  // trainCount x channels x rows x cols
    std::vector<std::uint8_t> trainLabels;  // trainCount, each < classes
    std::vector<std::uint8_t> testImages;
    std::vector<std::uint8_t> testLabels;
    // Image folders: the names of the classes by label (empty for IDX files: core/dataset_identity.h names
    // them), the file each image came from (relative to `directory`), and whether the validation split is
    // drawn per class (core/validation_split.h).
    std::vector<std::string> classNames;
    std::vector<std::string> trainFiles, testFiles;
    bool stratified = false;
    std::size_t trainCount() const { return trainLabels.size(); }
    std::size_t testCount() const { return testLabels.size(); }
    std::size_t imageSize() const { return std::size_t(channels) * rows * cols; }
    Shape imageShape() const { return Shape::chw(channels, rows, cols); }
};

// "28x28 grey images", "32x32 RGB images": what one image of `data` is, for messages.
std::string imageKindText(const Dataset& data);

// Loads train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte
// (each optionally with .gz, or spelled train-images.idx3-ubyte) from dir. Checks counts match, image sizes
// agree, labels < 10. Throws DataError with the file name and the fix.
Dataset loadDataset(const std::string& dir, const std::string& name = "");

// Whether dir holds all four files; when not, "<dir> lacks <files> (plain or .gz)" says what is missing.
bool holdsDataset(const std::string& dir);
std::string missingFilesText(const std::string& dir);

}  // namespace layerlab
