#include "core/model_data.h"

#include <cmath>
#include <filesystem>

#include "core/data_location.h"
#include "core/dataset_kind.h"
#include "core/errors.h"

namespace fs = std::filesystem;

namespace layerlab {

std::string resolveDataFolder(const TrainingSpec& training, const std::string& modelFile) {
    if (training.dataFolder.empty()) return {};
    const fs::path p(training.dataFolder);
    if (p.is_absolute() || modelFile.empty()) return training.dataFolder;
    return (fs::path(modelFile).parent_path() / p).lexically_normal().string();
}

ImageImportSpec importSettingsFor(const ModelSpec& spec) {
    ImageImportSpec s = spec.training.imageImport;
    if (spec.training.dataset == DatasetKind::ImageFolder) return s;
    const Shape& in = spec.input;
    if (in.isSpatial()) {
        s.width = in.w();
        s.height = in.h();
        s.color = in.c() == 3 ? ImageColor::RGB : ImageColor::Grey;
    } else if (in.isFlat()) {  // an MLP on k x k grey images (n = k^2), or k x k RGB ones (n = 3 k^2)
        auto side = [](long long m) {
            const long long k = std::llround(std::sqrt(double(m)));
            return k * k == m ? int(k) : 0;
        };
        const long long n = in.size();
        if (const int k = side(n)) {
            s.width = s.height = k;
            s.color = ImageColor::Grey;
        } else if (const int k3 = n % 3 == 0 ? side(n / 3) : 0) {
            s.width = s.height = k3;
            s.color = ImageColor::RGB;
        }
    }
    return s;
}

Dataset loadModelData(const ModelSpec& spec, const std::string& dataOverride, const std::string& modelFile,
                      std::string* note, ImageFolderReport* report, const ImageFolderOptions& options) {
    if (note) note->clear();
    const DatasetKind kind = spec.training.dataset;
    if (!dataOverride.empty()) {
        if (isImageFolder(dataOverride))
            return loadImageFolder(dataOverride, importSettingsFor(spec), report, options);
        return loadDatasetOrSubset(kind == DatasetKind::ImageFolder ? DatasetKind::MNIST : kind, dataOverride,
                                   note);
    }
    if (kind == DatasetKind::ImageFolder) {
        const std::string folder = resolveDataFolder(spec.training, modelFile);
        if (folder.empty())
            throw DataError("the model trains on an image folder but names none (training.data_folder): " +
                            std::string(datasetInfo(kind).hint));
        return loadImageFolder(folder, spec.training.imageImport, report, options);
    }
    return loadDatasetOrSubset(kind, "", note);
}

}  // namespace layerlab
