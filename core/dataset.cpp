// A dataset from the four IDX files of a folder: which files, and checks that they agree.
#include "core/dataset.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <system_error>

#include "core/data_location.h"
#include "core/dataset_kind.h"
#include "core/errors.h"

namespace fs = std::filesystem;

namespace layerlab {

namespace {

const char* const kTrainImages = "train-images-idx3-ubyte";
const char* const kTrainLabels = "train-labels-idx1-ubyte";
const char* const kTestImages = "t10k-images-idx3-ubyte";
const char* const kTestLabels = "t10k-labels-idx1-ubyte";

std::string lower(std::string s) {
    for (char& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

[[noreturn]] void fail(const std::string& path, const std::string& what) {
    failDataFile(path, what);
}

// Existing file for a base name in dir: plain, .gz, or the "train-images.idx3-ubyte" spelling.
std::string findIdxFile(const fs::path& dir, const std::string& base) {
    std::string dotted = base;
    if (auto pos = dotted.find("-idx"); pos != std::string::npos) dotted[pos] = '.';
    for (const std::string& name : {base, base + ".gz", dotted, dotted + ".gz"}) {
        std::error_code ec;
        const fs::path p = dir / name;
        if (fs::is_regular_file(p, ec)) return p.string();
    }
    return {};
}

}  // namespace

std::string imageKindText(const Dataset& d) {
    std::string s = std::to_string(d.rows);
    s += 'x';
    s += std::to_string(d.cols);
    if (d.channels == 3) {
        s += " RGB";
    } else if (d.channels == 1) {
        s += " grey";
    } else {
        s += ' ';
        s += std::to_string(d.channels);
        s += "-channel";
    }
    return s + " images";
}

bool holdsDataset(const std::string& dir) {
    if (dir.empty()) return false;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) return false;
    for (const char* base : {kTrainImages, kTrainLabels, kTestImages, kTestLabels})
        if (findIdxFile(dir, base).empty()) return false;
    return true;
}

std::string missingFilesText(const std::string& dir) {
    std::error_code ec;
    if (!fs::exists(dir, ec)) return dir + " does not exist";
    if (!fs::is_directory(dir, ec)) return dir + " is not a folder";
    std::string missing;
    for (const char* base : {kTrainImages, kTrainLabels, kTestImages, kTestLabels}) {
        if (!findIdxFile(dir, base).empty()) continue;
        if (!missing.empty()) missing += ", ";
        missing += base;
    }
    return dir + " lacks " + missing + " (plain or .gz)";
}

Dataset loadDataset(const std::string& dir, const std::string& name) {
    const bool fashion =
        lower(name).find("fashion") != std::string::npos || lower(dir).find("fashion") != std::string::npos;
    const std::string fix = datasetHint(fashion ? DatasetKind::FashionMNIST : DatasetKind::MNIST);
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) throw DataError(missingFilesText(dir) + "; " + fix);

    auto need = [&](const char* base) {
        std::string p = findIdxFile(dir, base);
        if (p.empty())
            throw DataError((fs::path(dir) / base).string() + ": file not found (nor " + base + ".gz); " +
                            fix);
        return p;
    };
    const std::string trImgPath = need(kTrainImages), trLabPath = need(kTrainLabels);
    const std::string teImgPath = need(kTestImages), teLabPath = need(kTestLabels);

    auto expectImages = [](const std::string& p, const IdxArray& a) {
        if (a.dims.size() != 3)
            fail(p, "expected images (3 dimensions, magic 0x00000803) but the file has " +
                        std::to_string(a.dims.size()) +
                        " dimension(s); are the image and label files swapped?");
    };
    auto expectLabels = [](const std::string& p, const IdxArray& a) {
        if (a.dims.size() != 1)
            fail(p, "expected labels (1 dimension, magic 0x00000801) but the file has " +
                        std::to_string(a.dims.size()) +
                        " dimensions; are the image and label files swapped?");
    };

    IdxArray trImg = readIdx(trImgPath);
    expectImages(trImgPath, trImg);
    IdxArray trLab = readIdx(trLabPath);
    expectLabels(trLabPath, trLab);
    IdxArray teImg = readIdx(teImgPath);
    expectImages(teImgPath, teImg);
    IdxArray teLab = readIdx(teLabPath);
    expectLabels(teLabPath, teLab);

    if (trImg.dims[0] != trLab.dims[0])
        fail(trLabPath, "holds " + withCommas(std::uint64_t(trLab.dims[0])) + " labels but " + trImgPath +
                            " holds " + withCommas(std::uint64_t(trImg.dims[0])) + " images");
    if (teImg.dims[0] != teLab.dims[0])
        fail(teLabPath, "holds " + withCommas(std::uint64_t(teLab.dims[0])) + " labels but " + teImgPath +
                            " holds " + withCommas(std::uint64_t(teImg.dims[0])) + " images");
    if (trImg.dims[1] != teImg.dims[1] || trImg.dims[2] != teImg.dims[2])
        fail(teImgPath, "images are " + dimsText(teImg.dims, 1) + " but the training images (" + trImgPath +
                            ") are " + dimsText(trImg.dims, 1));

    int maxLabel = 0;
    for (std::uint8_t l : trLab.data) maxLabel = std::max(maxLabel, int(l));
    for (std::uint8_t l : teLab.data) maxLabel = std::max(maxLabel, int(l));

    Dataset d;
    d.name = name.empty() ? fs::path(dir).filename().string() : name;
    if (d.name.empty()) d.name = dir;
    d.directory = dir;
    d.rows = trImg.dims[1];
    d.cols = trImg.dims[2];
    d.classes = std::max(2, maxLabel + 1);
    d.trainImages = std::move(trImg.data);
    d.trainLabels = std::move(trLab.data);
    d.testImages = std::move(teImg.data);
    d.testLabels = std::move(teLab.data);
    return d;
}

}  // namespace layerlab
