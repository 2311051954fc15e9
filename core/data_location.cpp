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

std::string dataRootDir() {
    return envOr("LAYERLAB_DATA_DIR", std::string(LAYERLAB_SOURCE_DIR) + "/data");
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
    if (kind == DatasetKind::ImageFolder) return miss("", "", info.hint);  // the model file names the folder
    if (info.bundled) {
        const std::string dir = resourcesDir() + "/" + info.folder;
        if (holdsDataset(dir)) return hit(dir, "bundled subset");
        return miss(dir, "bundled subset", missingFilesText(dir) + "; " + info.hint);
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
    hint += std::string("; ") + info.hint;
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
        throw DataError("Full MNIST not found (" + std::string(datasetInfo(DatasetKind::MNIST).hint) +
                        ") and the bundled subset is missing too: " + sub.hint);
    Dataset d = loadDataset(sub.directory, datasetInfo(DatasetKind::Subset).name);
    if (note)
        *note = "Full MNIST not found (" + std::string(datasetInfo(DatasetKind::MNIST).hint) +
                "); using the bundled subset of " + withCommas(d.trainCount()) + " training and " +
                withCommas(d.testCount()) + " test images.";
    return d;
}

}  // namespace layerlab
