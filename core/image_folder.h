#pragma once
// Image folders: a dataset of your own pictures, laid out as PyTorch's ImageFolder and Keras'
// image_dataset_from_directory read them:
//
//   shapes/circle/*.png, shapes/square/*.jpg, ...            one subfolder per class
//   shapes/train/circle/..., shapes/test/circle/...          or train/ and test/ above the class folders
//
// Class names are the folder names, sorted (byte order), numbered from 0. PNG, JPEG and BMP files of any
// size, grey or colour, are imported as core/image_import.h says; subfolders of a class folder are read too
// (symbolic links followed, a link back to a folder already read is skipped, not followed forever). Without a
// test/ folder the test set is held out per class (stratified) by the import settings' split seed, and the
// Dataset says its validation split is to be stratified too.
//
// Nothing a folder can hold stops the import with a crash: a file that cannot be read (empty, not an image,
// truncated, too large, a link in a loop, no permission) is skipped and listed with the reason; a class
// folder without images is left out and named; an empty folder, a single class, or no readable image at all
// is a DataError that says what to change.
//
// Decoding runs on all cores (TBB, through core/parallel.h) in blocks, reporting progress between blocks on
// the calling thread and stopping at the next image when cancelled. The decoded set is cached (see
// imageCacheDir) under a key made of every file's path, size and modification time and the import settings,
// so reopening an unchanged folder reads one file instead of decoding thousands, and any change to the folder
// (a file added, removed, replaced or touched) decodes it afresh. Cache files are written atomically
// (core/atomic_file.h); an unreadable or foreign cache file is ignored and rewritten.
#include <atomic>
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/dataset.h"
#include "core/model_spec.h"

namespace layerlab {

// One file that was not imported, and why (path relative to the folder).
struct ImageFolderIssue {
    std::string path;
    std::string reason;
    bool operator==(const ImageFolderIssue&) const = default;
};

// The same bytes in a training file and a test file: the test set would score images trained on.
struct DuplicateImage {
    std::string trainPath, testPath;  // relative to the folder
    bool operator==(const DuplicateImage&) const = default;
};

// What is on disk, before anything is decoded.
struct ImageFolderScan {
    struct File {
        std::string path;  // relative to the folder: "circle/a.png", "test/circle/b.png"
        int label = 0;
        bool inTestFolder = false;
        std::uint64_t bytes = 0;
        std::int64_t modifiedNs = 0;  // modification time, nanoseconds since the epoch
    };
    std::string root;
    bool hasTrainTestFolders = false;  // train/ (and maybe test/) above the class folders
    bool hasTestFolder = false;
    std::vector<std::string> classNames;    // sorted
    std::vector<File> files;                // by train/test, class, path
    std::vector<ImageFolderIssue> skipped;  // entries not read (loops, no permission, not an image file, ...)
    std::vector<std::string> emptyClasses;  // class folders without an image file: left out
};

// Reads the folder's layout and every image file's size and time (no decoding). Throws DataError for a
// missing folder, a file, an empty folder, images without class folders, fewer than two classes with images,
// more than 256 classes.
ImageFolderScan scanImageFolder(const std::string& dir);

// What an import found, for the import summary and `layerlab-cli`.
struct ImageFolderReport {
    std::vector<std::string> classNames;
    std::vector<long long> trainPerClass, testPerClass;  // imported images per class
    std::vector<ImageFolderIssue> skipped;               // files not imported, with the reason
    std::vector<std::string> emptyClasses;               // class folders without images (left out)
    std::vector<DuplicateImage> duplicates;              // identical files across train and test
    bool hasTestFolder = false;
    bool fromCache = false;
    std::string cacheFile;      // where the decoded set is (or would be) cached
    std::string cacheProblem;   // why it could not be cached; empty when it was (or caching was off)
    std::size_t filesSeen = 0;  // image files found
    double seconds = 0;         // scanning and decoding, or scanning and reading the cache
    std::string imbalance;      // a warning when classes are very unbalanced; empty otherwise
};

struct ImageFolderOptions {
    int threads = 0;  // 0 = all cores
    // Called on the calling thread after each block of images (done of total) and once at the end.
    std::function<void(std::size_t done, std::size_t total)> progress;
    const std::atomic<bool>* cancel = nullptr;  // set by another thread: ImportCancelled at the next image
    bool useCache = true;
    std::string cacheDir;  // empty: imageCacheDir()
};

struct ImportCancelled : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Imports the folder: a Dataset of spec.channels() x height x width images (channel-major), class names
// from the folders, stratified = true, the source file of each image. Throws DataError (see scan; also when
// no image could be read or the set would not fit in memory) or ImportCancelled.
Dataset loadImageFolder(const std::string& dir, const ImageImportSpec& spec,
                        ImageFolderReport* report = nullptr, const ImageFolderOptions& options = {});

// Where decoded image folders are cached: $LAYERLAB_CACHE_DIR, else $XDG_CACHE_HOME/layerlab, else
// ~/.cache/layerlab, each + "/image-folders".
std::string imageCacheDir();

// Whether `dir` is read as an image folder rather than MNIST's IDX files: a folder without the four IDX
// files (the image-folder reader then says what is wrong with it, if anything).
bool isImageFolder(const std::string& dir);

// One sentence when the largest class has at least 3 times the images of the smallest (by training images),
// naming both; empty otherwise.
std::string imbalanceWarning(const std::vector<std::string>& classNames,
                             const std::vector<long long>& counts);

}  // namespace layerlab
