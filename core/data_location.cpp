// Where datasets are: --data, environment variables, the data folder, the Debian package, the bundled subset.
#include "core/data_location.h"

#include <cstdlib>
#include <filesystem>
#include <system_error>

#include "core/dataset.h"
#include "core/dataset_identity.h"
#include "core/dataset_kind.h"
#include "core/errors.h"
#include "core/image_folder.h"

#ifndef LAYERLAB_SOURCE_DIR
#define LAYERLAB_SOURCE_DIR "."
#endif

namespace fs = std::filesystem;

namespace layerlab {

namespace {

const char* const kDebianFashionDir = "/usr/share/datasets/fashion-mnist";

std::string envOr(const char* name, const std::string& fallback = "") {
    const char* v = std::getenv(name);
    return (v && *v) ? std::string(v) : fallback;
}

std::string executableDir() {
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (ec || exe.empty()) return {};
    return exe.parent_path().string();
}

}  // namespace

std::string resourcesDir() {
    const std::string env = envOr("LAYERLAB_RESOURCES_DIR");
    if (!env.empty()) return env;
    std::error_code ec;
    const std::string exeDir = executableDir();
    if (!exeDir.empty()) {
        for (const char* rel : {"../resources", "../../resources", "../share/layerlab/resources"}) {
            const fs::path p = fs::path(exeDir) / rel;
            if (fs::is_directory(p / "presets", ec) || fs::is_directory(p / "mnist-subset", ec))
                return fs::weakly_canonical(p, ec).string();
        }
    }
    return std::string(LAYERLAB_SOURCE_DIR) + "/resources";
}

namespace {

// Resources found under an installed prefix (share/layerlab/resources): no source tree, no scripts.
bool installedCopy() {
    const std::string r = resourcesDir();
    const std::string tail = "/share/layerlab/resources";
    return r.size() >= tail.size() && r.compare(r.size() - tail.size(), tail.size(), tail) == 0;
}

}  // namespace

std::string dataRootDir() {
    const std::string env = envOr("LAYERLAB_DATA_DIR");
    if (!env.empty()) return env;
    if (!installedCopy()) return std::string(LAYERLAB_SOURCE_DIR) + "/data";
    const std::string xdg = envOr("XDG_DATA_HOME");
    const std::string home = envOr("HOME", ".");
    return (xdg.empty() ? home + "/.local/share" : xdg) + "/layerlab/data";
}

std::string datasetHint(DatasetKind kind) {
    const DatasetInfo& info = datasetInfo(kind);
    if (!installedCopy()) return info.hint;
    switch (kind) {
        case DatasetKind::MNIST:
            return "put MNIST's four IDX files (train-images-idx3-ubyte, train-labels-idx1-ubyte, "
                   "t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte; plain or .gz) in " +
                   dataRootDir() + "/" + info.folder +
                   ", or point --data (the studio: File > Open Data Folder…) or $LAYERLAB_MNIST_DIR at them";
        case DatasetKind::FashionMNIST:
            return "sudo apt-get install dataset-fashion-mnist, or put its four IDX files in " +
                   dataRootDir() + "/" + info.folder;
        case DatasetKind::Subset:
            return "reinstall LayerLab (the package holds it), or set LAYERLAB_RESOURCES_DIR";
        case DatasetKind::ImageFolder:
            break;
    }
    return info.hint;
}

DataLocation locateDataset(DatasetKind kind, const std::string& explicitOverride) {
    DataLocation loc;
    auto hit = [&](const std::string& dir, const std::string& how) {
        loc.found = true;
        loc.directory = dir;
        loc.how = how;
        loc.hint.clear();
        return loc;
    };
    // Explicit settings that point nowhere are errors, not silently skipped.
    auto miss = [&](const std::string& dir, const std::string& how, const std::string& hint) {
        loc.found = false;
        loc.directory = dir;
        loc.how = how;
        loc.hint = hint;
        return loc;
    };

    if (!explicitOverride.empty()) {
        if (holdsDataset(explicitOverride)) return hit(explicitOverride, "from --data");
        if (kind == DatasetKind::ImageFolder && isImageFolder(explicitOverride))
            return hit(explicitOverride, "from --data");
        return miss(
            explicitOverride, "from --data",
            missingFilesText(explicitOverride) + "; point --data at a folder with the four IDX files");
    }

    const DatasetInfo& info = datasetInfo(kind);
    if (kind == DatasetKind::ImageFolder)
        return miss("", "", datasetHint(kind));  // the model file names the folder
    if (info.bundled) {
        const std::string dir = resourcesDir() + "/" + info.folder;
        if (holdsDataset(dir)) return hit(dir, "bundled subset");
        return miss(dir, "bundled subset", missingFilesText(dir) + "; " + datasetHint(kind));
    }

    const char* envVar = info.envVar;
    const std::string envDir = envVar ? envOr(envVar) : std::string();
    if (!envDir.empty()) {
        const std::string how = std::string("from $") + envVar;
        if (holdsDataset(envDir)) return hit(envDir, how);
        return miss(envDir, how, missingFilesText(envDir) + "; fix or unset " + envVar);
    }

    const std::string dataDir = dataRootDir() + "/" + info.folder;
    if (holdsDataset(dataDir)) return hit(dataDir, "data folder");

    if (kind == DatasetKind::FashionMNIST && holdsDataset(kDebianFashionDir))
        return hit(kDebianFashionDir, "Debian package");

    std::string hint = std::string(info.name) + " not found in " + dataDir;
    if (kind == DatasetKind::FashionMNIST) hint += std::string(" nor ") + kDebianFashionDir;
    hint += "; " + datasetHint(kind);
    return miss("", "", hint);
}

Dataset loadDatasetOrSubset(DatasetKind kind, const std::string& explicitOverride, std::string* note) {
    if (note) note->clear();
    const DataLocation loc = locateDataset(kind, explicitOverride);
    if (loc.found) {
        Dataset d = loadDataset(loc.directory, datasetInfo(kind).name);
        nameByContent(d, kind);  // a folder that holds another dataset is named after what it holds
        return d;
    }

    // Only a missing full MNIST with nothing configured falls back to the subset.
    const bool configured = !explicitOverride.empty() || !loc.how.empty();
    if (kind != DatasetKind::MNIST || configured) throw DataError(loc.hint);

    const DataLocation sub = locateDataset(DatasetKind::Subset);
    if (!sub.found)
        throw DataError("Full MNIST not found (" + datasetHint(DatasetKind::MNIST) +
                        ") and the bundled subset is missing too: " + sub.hint);
    Dataset d = loadDataset(sub.directory, datasetInfo(DatasetKind::Subset).name);
    if (note)
        *note = "Full MNIST not found (" + datasetHint(DatasetKind::MNIST) +
                "); using the bundled subset of " + withCommas(d.trainCount()) + " training and " +
                withCommas(d.testCount()) + " test images.";
    return d;
}

}  // namespace layerlab
