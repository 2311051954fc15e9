#include "core/dataset.h"

#include <zlib.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <memory>
#include <system_error>

#include "core/atomic_file.h"
#include "core/dataset_identity.h"
#include "core/errors.h"

#ifndef LAYERLAB_SOURCE_DIR
#define LAYERLAB_SOURCE_DIR "."
#endif

namespace fs = std::filesystem;

namespace layerlab {

namespace {

// Largest payload we accept: full MNIST training images are 47 MB; anything far beyond is a broken header.
constexpr std::uint64_t kMaxPayloadBytes = 200ull * 1000 * 1000;
constexpr int kMaxDims = 4;

const char* const kTrainImages = "train-images-idx3-ubyte";
const char* const kTrainLabels = "train-labels-idx1-ubyte";
const char* const kTestImages = "t10k-images-idx3-ubyte";
const char* const kTestLabels = "t10k-labels-idx1-ubyte";

const char* const kMnistHint = "run scripts/fetch-mnist.sh";
const char* const kFashionHint =
    "sudo apt-get install dataset-fashion-mnist (or run scripts/install-deps.sh)";
const char* const kDebianFashionDir = "/usr/share/datasets/fashion-mnist";

std::string lower(std::string s) {
    for (char& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// What to do about a bad file, judged by where it lives.
std::string fixFor(const std::string& path) {
    const std::string p = lower(path);
    if (p.find("fashion") != std::string::npos)
        return "reinstall it with sudo apt-get install --reinstall dataset-fashion-mnist";
    if (p.find("mnist-subset") != std::string::npos)
        return "restore the bundled subset with git checkout -- resources/mnist-subset";
    return "re-download it (for MNIST: scripts/fetch-mnist.sh)";
}

[[noreturn]] void fail(const std::string& path, const std::string& what, const std::string& fix = "") {
    throw DataError(path + ": " + what + "; " + (fix.empty() ? fixFor(path) : fix));
}

std::string hex32(std::uint32_t v) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "0x%08x", v);
    return buf;
}

std::string withCommas(std::uint64_t v) {
    const std::string digits = std::to_string(v);
    std::string s;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) s += ',';
        s += digits[i];
    }
    return s;
}

struct GzCloser {
    void operator()(gzFile_s* f) const { gzclose(f); }
};
using GzPtr = std::unique_ptr<gzFile_s, GzCloser>;

// Reads up to n bytes; returns how many were read. Throws on a corrupt gzip stream
// (a truncated stream simply returns fewer bytes: the caller reports truncation).
std::size_t readUpTo(gzFile f, std::uint8_t* dst, std::size_t n, const std::string& path,
                     bool* streamEndedEarly) {
    std::size_t got = 0;
    while (got < n) {
        const unsigned chunk = unsigned(std::min<std::size_t>(n - got, 1u << 20));
        const int r = gzread(f, dst + got, chunk);
        if (r < 0) {
            int err = Z_OK;
            const char* msg = gzerror(f, &err);
            if (err == Z_BUF_ERROR) {  // "unexpected end of file": the gzip stream is cut short
                if (streamEndedEarly) *streamEndedEarly = true;
                return got;
            }
            if (err == Z_ERRNO)
                fail(path, std::string("read error: ") + std::strerror(errno),
                     "check the disk and the file permissions");
            fail(path, std::string("corrupt gzip data (") + (msg ? msg : "unknown zlib error") + ")");
        }
        if (r == 0) break;
        got += std::size_t(r);
    }
    if (got < n) {  // a short read: zlib reports a cut-short gzip stream as a (non-fatal) Z_BUF_ERROR
        int err = Z_OK;
        gzerror(f, &err);
        if (err == Z_BUF_ERROR && streamEndedEarly) *streamEndedEarly = true;
    }
    return got;
}

std::uint32_t be32(const std::uint8_t* p) {
    return (std::uint32_t(p[0]) << 24) | (std::uint32_t(p[1]) << 16) | (std::uint32_t(p[2]) << 8) |
           std::uint32_t(p[3]);
}

std::string dimsText(const std::vector<int>& dims, std::size_t from) {
    std::string s;
    for (std::size_t i = from; i < dims.size(); ++i) {
        if (i > from) s += 'x';
        s += std::to_string(dims[i]);
    }
    return s;
}

// "10000 labels", "10000 images of 28x28", "10000 items of 3x4x5"
std::string itemsText(const std::vector<int>& dims, std::uint64_t count) {
    if (dims.size() == 1) return withCommas(count) + " labels";
    if (dims.size() == 3) return withCommas(count) + " images of " + dimsText(dims, 1);
    return withCommas(count) + " items of " + dimsText(dims, 1);
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

bool holdsDataset(const std::string& dir) {
    if (dir.empty()) return false;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) return false;
    for (const char* base : {kTrainImages, kTrainLabels, kTestImages, kTestLabels})
        if (findIdxFile(dir, base).empty()) return false;
    return true;
}

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

const char* kindDisplayName(DatasetKind kind) {
    switch (kind) {
        case DatasetKind::MNIST:
            return "MNIST";
        case DatasetKind::FashionMNIST:
            return "Fashion-MNIST";
        case DatasetKind::Subset:
            return "MNIST subset (bundled)";
    }
    return "dataset";
}

const char* kindEnvVar(DatasetKind kind) {
    switch (kind) {
        case DatasetKind::MNIST:
            return "LAYERLAB_MNIST_DIR";
        case DatasetKind::FashionMNIST:
            return "LAYERLAB_FASHION_DIR";
        case DatasetKind::Subset:
            return nullptr;
    }
    return nullptr;
}

std::string kindHint(DatasetKind kind) {
    switch (kind) {
        case DatasetKind::MNIST:
            return kMnistHint;
        case DatasetKind::FashionMNIST:
            return kFashionHint;
        case DatasetKind::Subset:
            return "restore it with git checkout -- resources/mnist-subset, or set LAYERLAB_RESOURCES_DIR";
    }
    return {};
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

}  // namespace

IdxArray readIdx(const std::string& path) {
    std::error_code ec;
    if (!fs::exists(path, ec)) fail(path, "file not found");
    if (fs::is_directory(path, ec)) fail(path, "is a folder, not an IDX file", "point at the file itself");
    if (!fs::is_regular_file(path, ec)) fail(path, "is not a regular file");

    GzPtr f(gzopen(path.c_str(), "rb"));
    if (!f) fail(path, std::string("cannot open: ") + std::strerror(errno), "check the file permissions");
    gzbuffer(f.get(), 1u << 17);

    bool cut = false;
    std::array<std::uint8_t, 4> magicBytes{};
    const std::size_t gotMagic = readUpTo(f.get(), magicBytes.data(), 4, path, &cut);
    if (gotMagic < 4 && cut)
        fail(path, "truncated or corrupt gzip file: the compressed stream ends before the IDX header");
    if (gotMagic == 0) fail(path, "the file is empty");
    if (gotMagic < 4) fail(path, "too short to be an IDX file (" + std::to_string(gotMagic) + " bytes)");
    const std::uint32_t magic = be32(magicBytes.data());
    if (magicBytes[0] != 0 || magicBytes[1] != 0)
        fail(path, "not an IDX file: magic number is " + hex32(magic) +
                       " (expected 0x00000801 for labels or 0x00000803 for images)");
    if (magicBytes[2] != 0x08)
        fail(path, "unsupported IDX element type 0x" + hex32(magicBytes[2]).substr(8) + " (magic " +
                       hex32(magic) + "); LayerLab reads only unsigned-byte IDX files (type 0x08)");
    const int ndims = magicBytes[3];
    if (ndims < 1 || ndims > kMaxDims)
        fail(path, "bad IDX dimension count " + std::to_string(ndims) + " (magic " + hex32(magic) +
                       "; expected 1 for labels or 3 for images)");

    std::vector<std::uint8_t> dimBytes(std::size_t(ndims) * 4);
    if (readUpTo(f.get(), dimBytes.data(), dimBytes.size(), path, &cut) < dimBytes.size())
        fail(path, "truncated: the header ends before its " + std::to_string(ndims) + " dimensions");

    IdxArray a;
    std::uint64_t total = 1;
    for (int i = 0; i < ndims; ++i) {
        const std::uint32_t d = be32(dimBytes.data() + 4 * i);
        if (d == 0) fail(path, "bad header: dimension " + std::to_string(i + 1) + " is 0");
        if (d > std::uint32_t(std::numeric_limits<int>::max()) || total * d > kMaxPayloadBytes)
            fail(path, "bad header: dimensions claim more than " + withCommas(kMaxPayloadBytes) +
                           " bytes (dimension " + std::to_string(i + 1) + " is " + withCommas(d) + ")");
        total *= d;
        a.dims.push_back(int(d));
    }

    // The buffer grows with the data actually read (doubling from 1 MB), never to the header's claim at
    // once: a 20-byte file that announces 200 MB must not cost 200 MB of zeroed memory to refuse.
    std::size_t got = 0;
    while (got < total) {
        const std::size_t want =
            std::size_t(std::min<std::uint64_t>(total, std::max<std::uint64_t>(2 * got, 1u << 20)));
        a.data.resize(want);
        const std::size_t n = readUpTo(f.get(), a.data.data() + got, want - got, path, &cut);
        got += n;
        if (got < want) break;
    }
    if (got < total) {
        const std::uint64_t itemBytes = total / std::uint64_t(a.dims[0]);
        fail(path, "truncated: header says " + itemsText(a.dims, std::uint64_t(a.dims[0])) +
                       " but the file holds " + withCommas(got / itemBytes) +
                       (got % itemBytes ? " and part of another" : "") +
                       (cut ? " (the gzip stream ends early)" : ""));
    }

    // Anything after the payload means the header and the data disagree.
    std::uint64_t extra = 0;
    std::array<std::uint8_t, 4096> sink{};
    for (;;) {
        const std::size_t n = readUpTo(f.get(), sink.data(), sink.size(), path, &cut);
        extra += n;
        if (n < sink.size() || extra > kMaxPayloadBytes) break;
    }
    if (extra > 0)
        fail(path, "trailing garbage: " + withCommas(extra) + (extra > kMaxPayloadBytes ? "+" : "") +
                       " bytes after the " + itemsText(a.dims, std::uint64_t(a.dims[0])) +
                       " the header announces");
    if (cut) fail(path, "the gzip stream ends early (truncated .gz file)");
    return a;
}

void writeIdx(const std::string& path, const IdxArray& a) {
    if (a.dims.empty() || a.dims.size() > std::size_t(kMaxDims))
        throw DataError(path + ": cannot write an IDX file with " + std::to_string(a.dims.size()) +
                        " dimensions (1 to 4 allowed)");
    std::uint64_t total = 1;
    for (int d : a.dims) {
        if (d <= 0)
            throw DataError(path + ": cannot write an IDX file with a dimension of " + std::to_string(d));
        total *= std::uint64_t(d);
    }
    if (total != a.data.size())
        throw DataError(path + ": cannot write IDX: dimensions " + dimsText(a.dims, 0) + " need " +
                        withCommas(total) + " bytes but " + withCommas(a.data.size()) + " were given");

    std::vector<std::uint8_t> header;
    header.insert(header.end(), {0, 0, 0x08, std::uint8_t(a.dims.size())});
    for (int d : a.dims) {
        const auto u = std::uint32_t(d);
        header.insert(header.end(),
                      {std::uint8_t(u >> 24), std::uint8_t(u >> 16), std::uint8_t(u >> 8), std::uint8_t(u)});
    }

    std::string bytes(header.begin(), header.end());
    bytes.append(reinterpret_cast<const char*>(a.data.data()), a.data.size());
    if (const std::string err = writeFileAtomically(path, bytes); !err.empty())
        throw DataError(path + ": cannot write: " + err);
}

Dataset loadDataset(const std::string& dir, const std::string& name) {
    const std::string fix =
        lower(name).find("fashion") != std::string::npos || lower(dir).find("fashion") != std::string::npos
            ? kFashionHint
            : kMnistHint;
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
        return miss(
            explicitOverride, "from --data",
            missingFilesText(explicitOverride) + "; point --data at a folder with the four IDX files");
    }

    if (kind == DatasetKind::Subset) {
        const std::string dir = resourcesDir() + "/mnist-subset";
        if (holdsDataset(dir)) return hit(dir, "bundled subset");
        return miss(dir, "bundled subset", missingFilesText(dir) + "; " + kindHint(kind));
    }

    const char* envVar = kindEnvVar(kind);
    const std::string envDir = envVar ? envOr(envVar) : std::string();
    if (!envDir.empty()) {
        const std::string how = std::string("from $") + envVar;
        if (holdsDataset(envDir)) return hit(envDir, how);
        return miss(envDir, how, missingFilesText(envDir) + "; fix or unset " + envVar);
    }

    const std::string sub = kind == DatasetKind::FashionMNIST ? "fashion-mnist" : "mnist";
    const std::string dataDir = dataRootDir() + "/" + sub;
    if (holdsDataset(dataDir)) return hit(dataDir, "data folder");

    if (kind == DatasetKind::FashionMNIST && holdsDataset(kDebianFashionDir))
        return hit(kDebianFashionDir, "Debian package");

    std::string hint = std::string(kindDisplayName(kind)) + " not found in " + dataDir;
    if (kind == DatasetKind::FashionMNIST) hint += std::string(" nor ") + kDebianFashionDir;
    hint += "; " + kindHint(kind);
    return miss("", "", hint);
}

Dataset loadDatasetOrSubset(DatasetKind kind, const std::string& explicitOverride, std::string* note) {
    if (note) note->clear();
    const DataLocation loc = locateDataset(kind, explicitOverride);
    if (loc.found) {
        Dataset d = loadDataset(loc.directory, kindDisplayName(kind));
        nameByContent(d, kind);  // a folder that holds another dataset is named after what it holds
        return d;
    }

    // Only a missing full MNIST with nothing configured falls back to the subset.
    const bool configured = !explicitOverride.empty() || !loc.how.empty();
    if (kind != DatasetKind::MNIST || configured) throw DataError(loc.hint);

    const DataLocation sub = locateDataset(DatasetKind::Subset);
    if (!sub.found)
        throw DataError("Full MNIST not found (" + std::string(kMnistHint) +
                        ") and the bundled subset is missing too: " + sub.hint);
    Dataset d = loadDataset(sub.directory, kindDisplayName(DatasetKind::Subset));
    if (note)
        *note = "Full MNIST not found (" + std::string(kMnistHint) + "); using the bundled subset of " +
                withCommas(d.trainCount()) + " training and " + withCommas(d.testCount()) + " test images.";
    return d;
}

}  // namespace layerlab
