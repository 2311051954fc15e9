#include "core/dataset_identity.h"

#include <cstdint>
#include <iterator>

#include "core/dataset.h"
#include "core/dataset_kind.h"

namespace layerlab {

namespace {

std::uint64_t fnv1a(const std::uint8_t* p, std::size_t n) {
    std::uint64_t h = 0xcbf29ce484222325ull;
    for (std::size_t i = 0; i < n; ++i) h = (h ^ p[i]) * 0x100000001b3ull;
    return h;
}

// Hashes of the first training and first test image of the published sets (train-images-idx3-ubyte and
// t10k-images-idx3-ubyte, 28x28 bytes after the 16-byte header).
struct Fingerprint {
    DatasetKind kind;
    std::uint64_t firstTrain, firstTest;
};
constexpr Fingerprint kPublished[] = {
    {DatasetKind::MNIST, 0x4835811aa7e49e10ull, 0x34911e12542ca507ull},
    {DatasetKind::FashionMNIST, 0x01fdf72590541338ull, 0xcb45b7589f1b853bull},
};

// The names used in messages, from the dataset table.
const char* displayName(DatasetKind kind) {
    return datasetInfo(contentOf(kind)).name;
}

// Index into kPublished of the set whose first training (or test) image hashes to h, or -1.
int publishedWith(std::uint64_t h, bool train) {
    for (int i = 0; i < int(std::size(kPublished)); ++i)
        if (h == (train ? kPublished[i].firstTrain : kPublished[i].firstTest)) return i;
    return -1;
}

}  // namespace

DatasetIdentity identifyDataset(const Dataset& d) {
    if (d.rows != 28 || d.cols != 28 || d.channels != 1 || !d.classNames.empty()) return {};
    const std::size_t n = d.imageSize();
    const int train = d.trainImages.size() >= n ? publishedWith(fnv1a(d.trainImages.data(), n), true) : -1;
    const int test = d.testImages.size() >= n ? publishedWith(fnv1a(d.testImages.data(), n), false) : -1;
    if (train >= 0 && test >= 0 && train != test) return {};  // one split of each set: no published dataset
    const int k = train >= 0 ? train : test;
    if (k < 0) return {};
    return {true, kPublished[k].kind};
}

DatasetKind contentOf(DatasetKind kind) {
    return kind == DatasetKind::Subset ? DatasetKind::MNIST : kind;
}

std::string datasetMismatch(DatasetKind asked, const Dataset& data) {
    const DatasetIdentity id = identifyDataset(data);
    if (!id.known || id.kind == contentOf(asked)) return {};
    const std::string where = data.directory.empty() ? std::string("the data") : data.directory;
    return where + " holds " + displayName(id.kind) + " (recognised by its images), not " +
           displayName(contentOf(asked));
}

void nameByContent(Dataset& data, DatasetKind asked) {
    const DatasetIdentity id = identifyDataset(data);
    if (id.known && id.kind != contentOf(asked)) data.name = displayName(id.kind);
}

const std::vector<std::string>& classNames(DatasetKind kind) {
    static const std::vector<std::string> digits = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"};
    // Zalando Research, Fashion-MNIST README: labels 0-9.
    static const std::vector<std::string> fashion = {"T-shirt/top", "Trouser",   "Pullover", "Dress",
                                                     "Coat",        "Sandal",    "Shirt",    "Sneaker",
                                                     "Bag",         "Ankle boot"};
    return contentOf(kind) == DatasetKind::FashionMNIST ? fashion : digits;
}

std::string className(DatasetKind kind, int label) {
    const auto& names = classNames(kind);
    if (label >= 0 && label < int(names.size())) return names[std::size_t(label)];
    return std::to_string(label);
}

}  // namespace layerlab
