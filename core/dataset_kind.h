#pragma once
// One descriptor per dataset the model file can name: its key in the file, its display name, the label the
// studio lists it under, and where to look for it. The file reader, the data lookup, the loader's messages
// and the Training tab all read this table.
#include <vector>

#include "core/model_spec.h"

namespace layerlab {

struct DatasetInfo {
    DatasetKind kind;
    const char* key;     // in the file: "fashion_mnist"
    const char* name;    // in messages: "Fashion-MNIST"
    const char* label;   // in the studio's list: "Fashion-MNIST (clothes)"
    const char* envVar;  // folder override, or nullptr: "LAYERLAB_FASHION_DIR"
    const char* folder;  // under the data folder ("fashion-mnist"), or under resources/ for the subset; ""
                         // for an image folder (training.data_folder says where)
    const char* hint;    // how to get it when it is missing
    bool bundled;        // lives in resources/ (the subset), not in the data folder
};

const std::vector<DatasetInfo>& datasetKinds();  // MNIST, Fashion-MNIST, the bundled subset, image folder
const DatasetInfo& datasetInfo(DatasetKind kind);

}  // namespace layerlab
