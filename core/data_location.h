#pragma once
// Where datasets are found on this machine. The search order, first hit wins:
//   1. explicitOverride (a --data flag), if not empty (an error if it holds no dataset)
//   2. environment: LAYERLAB_MNIST_DIR for MNIST, LAYERLAB_FASHION_DIR for Fashion-MNIST
//   3. the data folder: $LAYERLAB_DATA_DIR, else <source>/data when run from the source tree, else (an
//      installed copy) $XDG_DATA_HOME/layerlab/data (~/.local/share/layerlab/data); subfolder "mnist" /
//      "fashion-mnist"
//   4. the installed Debian path (/usr/share/datasets/fashion-mnist for Fashion-MNIST)
// The bundled subset lives in <resources>/mnist-subset. Folder names, variables and hints come from the
// dataset table (core/dataset_kind.h).
#include <string>

#include "core/model_spec.h"

namespace layerlab {

struct Dataset;

struct DataLocation {
    bool found = false;
    std::string directory;
    std::string
        how;  // "from --data", "from $LAYERLAB_MNIST_DIR", "data folder", "Debian package", "bundled subset"
    std::string hint;  // when not found: how to get it ("run scripts/fetch-mnist.sh", "apt-get install ...")
};
DataLocation locateDataset(DatasetKind kind, const std::string& explicitOverride = "");
std::string resourcesDir();  // folder of presets/ and mnist-subset/
std::string dataRootDir();   // the data folder (git-ignored in the source tree)
// How to get a missing dataset: the table's hint (scripts/fetch-mnist.sh, git) in the source tree; for an
// installed copy, where to put the files and which options find them.
std::string datasetHint(DatasetKind kind);

// Loads `kind`; when full MNIST is missing (and no override was given) falls back to the bundled subset
// and sets *note to a sentence saying so. Throws DataError when nothing usable is found.
Dataset loadDatasetOrSubset(DatasetKind kind, const std::string& explicitOverride, std::string* note);

}  // namespace layerlab
