#include "core/dataset_kind.h"

#include <cassert>

namespace layerlab {

const std::vector<DatasetInfo>& datasetKinds() {
    static const std::vector<DatasetInfo> kinds = {
        {DatasetKind::MNIST, "mnist", "MNIST", "MNIST (digits)", "LAYERLAB_MNIST_DIR", "mnist",
         "run scripts/fetch-mnist.sh", false},
        {DatasetKind::FashionMNIST, "fashion_mnist", "Fashion-MNIST", "Fashion-MNIST (clothes)",
         "LAYERLAB_FASHION_DIR", "fashion-mnist",
         "sudo apt-get install dataset-fashion-mnist (or run scripts/install-deps.sh)", false},
        {DatasetKind::Subset, "subset", "MNIST subset (bundled)", "MNIST subset (bundled, 2,000 images)",
         nullptr, "mnist-subset",
         "restore it with git checkout -- resources/mnist-subset, or set LAYERLAB_RESOURCES_DIR", true},
        {DatasetKind::ImageFolder, "image_folder", "Image folder", "Image folder (your own images)", nullptr,
         "",
         "open a folder with one subfolder of images per class (File > Open Image Folder…, or --data DIR)",
         false},
    };
    return kinds;
}

const DatasetInfo& datasetInfo(DatasetKind kind) {
    for (const DatasetInfo& d : datasetKinds())
        if (d.kind == kind) return d;
    assert(false && "dataset kind missing from the table");
    return datasetKinds().front();
}

const char* datasetName(DatasetKind d) {
    return datasetInfo(d).key;
}

}  // namespace layerlab
