#pragma once
// What a Dataset really holds, told by its content, and the names of its classes.
//
// MNIST and Fashion-MNIST use the same four file names and the same shapes, so neither the files nor the
// folder say which one a folder holds. The content does: identifyDataset hashes the first training image and
// the first test image (64-bit FNV-1a over their 784 bytes) and compares them with those of the published
// sets. Every copy that keeps the published order is recognised (plain or gzip, and subsets that take the
// first N images, such as the bundled one); a shuffled, cropped or other dataset is not recognised and
// keeps the name of the dataset it was asked for. A match is the published image byte for byte, so this
// never guesses, and two hashes of 784 bytes cost nothing next to reading the files.
#include <string>
#include <vector>

#include "core/model_spec.h"

namespace layerlab {

struct Dataset;

struct DatasetIdentity {
    bool known = false;
    DatasetKind kind = DatasetKind::MNIST;  // when known: MNIST (also for its subsets) or FashionMNIST
};

DatasetIdentity identifyDataset(const Dataset& data);

// The dataset a DatasetKind stands for: MNIST for MNIST and the bundled subset, else the kind itself.
DatasetKind contentOf(DatasetKind kind);

// One sentence when `data` is recognised as another dataset than `asked` stands for, e.g. "/data/x holds
// MNIST (recognised by its images), not Fashion-MNIST"; empty when it is the one asked for or not
// recognised. Callers add the fix that fits where it is shown.
std::string datasetMismatch(DatasetKind asked, const Dataset& data);

// Renames a dataset that is recognised as another one than `asked` after what it really holds ("MNIST"), so
// every message that names it tells the truth. Leaves other datasets as they are.
void nameByContent(Dataset& data, DatasetKind asked);

// The names of the classes of `kind`'s dataset, by label: the digits "0".."9" for MNIST (and the subset),
// "T-shirt/top", "Trouser", ... "Ankle boot" for Fashion-MNIST.
const std::vector<std::string>& classNames(DatasetKind kind);
// classNames(kind)[label], or the number itself outside them.
std::string className(DatasetKind kind, int label);

}  // namespace layerlab
