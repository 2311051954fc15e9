#pragma once
// The data a model trains and is evaluated on, wherever it comes from: MNIST-format IDX files
// (core/data_location.h) or an image folder (core/image_folder.h). layerlab-cli and the studio's loader both
// go through loadModelData, so `--data DIR` and the model file's own folder mean the same everywhere.
#include <string>

#include "core/dataset.h"
#include "core/image_folder.h"
#include "core/model_spec.h"

namespace layerlab {

// The folder of a model's image-folder dataset (training.data_folder): as written when absolute (or when
// there is no model file), else relative to the model file's folder. Empty when the model names none.
std::string resolveDataFolder(const TrainingSpec& training, const std::string& modelFile);
// How a folder of images is imported for `spec`: the model's own import settings when it trains on an image
// folder, else those settings sized to its input (width, height, grey for 1 channel, RGB for 3).
ImageImportSpec importSettingsFor(const ModelSpec& spec);

// The data `spec` trains and is evaluated on, as layerlab-cli and the studio find it:
//   dataOverride (--data DIR) given: an image folder when it is one (core/image_folder.h tells: a folder
//     without the four IDX files), imported with importSettingsFor(spec); else the IDX files there;
//   else the model's image folder (training.data_folder, see resolveDataFolder) for "image_folder", or the
//     usual lookup of loadDatasetOrSubset.
// `report` and `options` are used for image folders only. Throws DataError (ImportCancelled when cancelled).
Dataset loadModelData(const ModelSpec& spec, const std::string& dataOverride, const std::string& modelFile,
                      std::string* note, ImageFolderReport* report = nullptr,
                      const ImageFolderOptions& options = {});

}  // namespace layerlab
