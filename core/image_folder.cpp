// Image folders: scanning the layout, decoding in parallel, the stratified test split, duplicates and the
// cache of decoded sets.
#include "core/image_folder.h"

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <system_error>
#include <unordered_map>

#include "core/atomic_file.h"
#include "core/errors.h"
#include "core/idx_file.h"
#include "core/image_cache.h"
#include "core/image_import.h"
#include "core/image_io.h"
#include "core/parallel.h"

namespace fs = std::filesystem;

namespace layerlab {

namespace {

constexpr int kMaxClasses = 256;  // labels are bytes
constexpr int kMaxDepth = 16;     // folders inside a class folder
// The decoded set must fit in memory with room to spare: refuse above this (a smaller size or fewer images).
constexpr std::uint64_t kMaxDecodedBytes = 4ull << 30;

std::string lower(std::string s) {
    for (char& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

bool hidden(const std::string& name) {
    return !name.empty() && name[0] == '.';
}

bool imageExtension(const fs::path& p) {
    const std::string e = lower(p.extension().string());
    return e == ".png" || e == ".jpg" || e == ".jpeg" || e == ".bmp";
}

std::string joinNames(const std::vector<std::string>& names, std::size_t most = 5) {
    std::string s;
    for (std::size_t i = 0; i < names.size() && i < most; ++i) s += (i ? ", " : "") + names[i];
    if (names.size() > most) s += " and " + std::to_string(names.size() - most) + " more";
    return s;
}

// ---- scanning ---------------------------------------------------------------------------------------------

struct DirKey {
    dev_t dev;
    ino_t ino;
    bool operator<(const DirKey& o) const { return dev != o.dev ? dev < o.dev : ino < o.ino; }
};

class Scanner {
public:
    explicit Scanner(ImageFolderScan& scan) : m_scan(scan) {}

    void skip(const std::string& rel, const std::string& reason) { m_scan.skipped.push_back({rel, reason}); }

    // A file entry of a folder: its name and what stat says of it (links followed), or the errno of that
    // stat.
    struct Entry {
        std::string name;
        struct stat st {};
        int error = 0;
    };

    // The subfolders of dir (symbolic links followed), sorted by name; every other entry handed to onFile.
    // One stat per entry (fstatat on the open folder): a 60,000-file folder is listed in a fraction of a
    // second.
    std::vector<std::string> subfolders(const fs::path& dir, const std::string& rel,
                                        const std::function<void(Entry&&)>& onFile) {
        std::vector<std::string> out;
        DIR* d = ::opendir(dir.c_str());
        if (!d) {
            skip(rel.empty() ? "." : rel,
                 std::string("cannot list the folder (") + std::strerror(errno) + "): skipped");
            return out;
        }
        const int fd = ::dirfd(d);
        while (const dirent* e = ::readdir(d)) {
            Entry entry;
            entry.name = e->d_name;
            if (hidden(entry.name)) continue;  // also "." and ".."
            if (::fstatat(fd, e->d_name, &entry.st, 0) != 0) entry.error = errno;
            if (!entry.error && S_ISDIR(entry.st.st_mode))
                out.push_back(std::move(entry.name));
            else
                onFile(std::move(entry));
        }
        ::closedir(d);
        std::sort(out.begin(), out.end());
        return out;
    }

    // Every image file under dir (relative path rel), recursively, with `label`.
    void collect(const fs::path& dir, const std::string& rel, int label, bool test, int depth,
                 std::vector<ImageFolderScan::File>& out) {
        struct stat st {};
        if (::stat(dir.c_str(), &st) != 0) {
            skip(rel, std::string("cannot open the folder (") + std::strerror(errno) + "): skipped");
            return;
        }
        if (!m_visited.insert({st.st_dev, st.st_ino}).second) {
            skip(rel, "a symbolic link back to a folder already read (a link loop): not followed");
            return;
        }
        if (depth > kMaxDepth) {
            skip(rel, "folders nested more than " + std::to_string(kMaxDepth) + " deep: not read");
            return;
        }
        std::vector<Entry> files;
        const std::vector<std::string> dirs =
            subfolders(dir, rel, [&](Entry&& e) { files.push_back(std::move(e)); });
        std::sort(files.begin(), files.end(), [](const Entry& a, const Entry& b) { return a.name < b.name; });
        for (const Entry& e : files) addFile(e, rel + "/" + e.name, label, test, out);
        for (const std::string& name : dirs)
            collect(dir / name, rel + "/" + name, label, test, depth + 1, out);
    }

    void addFile(const Entry& e, const std::string& rel, int label, bool test,
                 std::vector<ImageFolderScan::File>& out) {
        if (e.error == ELOOP) {
            skip(rel, "a symbolic link in a loop (it never reaches a file): skipped");
            return;
        }
        if (e.error == ENOENT) {
            skip(rel, "a symbolic link to a file that does not exist: skipped");
            return;
        }
        if (e.error) {
            skip(rel, std::string("cannot read it (") + std::strerror(e.error) + "): skipped");
            return;
        }
        if (!S_ISREG(e.st.st_mode)) {
            skip(rel, "not a regular file: skipped");
            return;
        }
        if (!imageExtension(e.name)) {
            skip(rel, "not a PNG, JPEG or BMP file (by its name): skipped");
            return;
        }
        ImageFolderScan::File f;
        f.path = rel;
        f.label = label;
        f.inTestFolder = test;
        f.bytes = std::uint64_t(e.st.st_size);
        f.modifiedNs = std::int64_t(e.st.st_mtim.tv_sec) * 1000000000LL + e.st.st_mtim.tv_nsec;
        out.push_back(std::move(f));
    }

    void markVisited(const fs::path& dir) {
        struct stat st {};
        if (::stat(dir.c_str(), &st) == 0) m_visited.insert({st.st_dev, st.st_ino});
    }

private:
    ImageFolderScan& m_scan;
    std::set<DirKey> m_visited;
};

const char* const kLayoutHint =
    "put each class's images in a subfolder named after the class (shapes/circle/*.png, "
    "shapes/square/*.png, ...)";

}  // namespace

ImageFolderScan scanImageFolder(const std::string& dir) {
    ImageFolderScan scan;
    scan.root = dir;
    std::error_code ec;
    const fs::path root(dir);
    if (dir.empty())
        throw DataError(std::string("no image folder given: choose a folder where you ") + kLayoutHint);
    if (!fs::exists(root, ec))
        throw DataError(dir + " does not exist: choose a folder where you " + kLayoutHint);
    if (!fs::is_directory(root, ec))
        throw DataError(dir + " is a file, not a folder: choose the folder that holds the class folders");

    Scanner scanner(scan);
    scanner.markVisited(root);
    std::vector<std::string> rootFiles;
    std::vector<std::string> top =
        scanner.subfolders(root, "", [&](Scanner::Entry&& e) { rootFiles.push_back(e.name); });
    int rootImages = 0;
    for (const std::string& n : rootFiles)
        if (imageExtension(n)) ++rootImages;

    auto findFolder = [&](const char* want) -> std::string {
        for (const std::string& t : top)
            if (lower(t) == want) return t;
        return {};
    };
    const std::string trainName = findFolder("train"), testName = findFolder("test");
    scan.hasTrainTestFolders = !trainName.empty();
    scan.hasTestFolder = scan.hasTrainTestFolders && !testName.empty();

    // Class folders: under train/ when there is one, else the folder's own subfolders.
    const fs::path classRoot = scan.hasTrainTestFolders ? root / trainName : root;
    const std::string classRel = scan.hasTrainTestFolders ? trainName + "/" : "";
    std::vector<std::string> classDirs;
    if (scan.hasTrainTestFolders) {
        for (const std::string& t : top)
            if (t != trainName && t != testName)
                scanner.skip(t, "neither train/ nor test/, which hold the class folders here: not read");
        scanner.markVisited(classRoot);
        classDirs = scanner.subfolders(classRoot, trainName, [&](Scanner::Entry&& e) {
            const std::string& n = e.name;
            if (imageExtension(n))
                scanner.skip(classRel + n,
                             "not in a class folder: skipped (move it into its class's folder)");
        });
    } else {
        classDirs = top;
    }
    for (const std::string& n : rootFiles)
        if (imageExtension(n))
            scanner.skip(n, "not in a class folder: skipped (move it into its class's folder)");

    if (classDirs.empty()) {
        if (holdsDataset(dir))
            throw DataError(dir + " holds MNIST-format IDX files, not class folders: open it as MNIST data");
        if (rootImages > 0)
            throw DataError(dir + " holds " + std::to_string(rootImages) +
                            " image(s) but no class folders: " + kLayoutHint);
        if (scan.hasTrainTestFolders)
            throw DataError(dir + "/" + trainName + " has no class folders: " + kLayoutHint);
        throw DataError(dir + (rootFiles.empty() ? " is empty" : " has no class folders") + ": " +
                        kLayoutHint);
    }

    // Every class folder's image files; folders without any are left out.
    std::vector<std::vector<ImageFolderScan::File>> perClass;
    std::vector<std::string> names;
    for (const std::string& c : classDirs) {
        std::vector<ImageFolderScan::File> files;
        scanner.collect(classRoot / c, classRel + c, 0, false, 0, files);
        if (files.empty()) {
            scan.emptyClasses.push_back(c);
            continue;
        }
        names.push_back(c);
        perClass.push_back(std::move(files));
    }
    const std::string emptyNote = scan.emptyClasses.empty()
                                      ? std::string()
                                      : " (" + joinNames(scan.emptyClasses) +
                                            (scan.emptyClasses.size() == 1 ? " has" : " have") +
                                            " no PNG, JPEG or BMP files)";
    if (names.empty())
        throw DataError(dir + ": none of its class folders holds a PNG, JPEG or BMP file" + emptyNote +
                        ": add images to them");
    if (names.size() == 1)
        throw DataError(
            dir + " has images of one class only (" + names[0] + ")" + emptyNote +
            ": a classifier needs at least two classes; add a folder of images for each other class");
    if (int(names.size()) > kMaxClasses)
        throw DataError(dir + " has " + std::to_string(names.size()) + " classes; LayerLab handles at most " +
                        std::to_string(kMaxClasses) + ": merge or remove some class folders");
    scan.classNames = names;
    for (std::size_t label = 0; label < perClass.size(); ++label)
        for (ImageFolderScan::File& f : perClass[label]) {
            f.label = int(label);
            scan.files.push_back(std::move(f));
        }

    if (scan.hasTestFolder) {
        const fs::path testRoot = root / testName;
        scanner.markVisited(testRoot);
        const std::vector<std::string> testDirs =
            scanner.subfolders(testRoot, testName, [&](Scanner::Entry&& e) {
                const std::string& n = e.name;
                if (imageExtension(n))
                    scanner.skip(testName + "/" + n,
                                 "not in a class folder: skipped (move it into its class's folder)");
            });
        for (const std::string& c : testDirs) {
            const auto it = std::find(names.begin(), names.end(), c);
            if (it == names.end()) {
                scanner.skip(testName + "/" + c, "no class of this name in " + trainName +
                                                     "/ (with images): its images are not tested on");
                continue;
            }
            std::vector<ImageFolderScan::File> files;
            scanner.collect(testRoot / c, testName + "/" + c, int(it - names.begin()), true, 0, files);
            for (ImageFolderScan::File& f : files) scan.files.push_back(std::move(f));
        }
    }
    return scan;
}

bool isImageFolder(const std::string& dir) {
    std::error_code ec;
    return !dir.empty() && fs::is_directory(dir, ec) && !holdsDataset(dir);
}

std::string imbalanceWarning(const std::vector<std::string>& classNames,
                             const std::vector<long long>& counts) {
    if (counts.size() < 2 || counts.size() != classNames.size()) return {};
    const auto [lo, hi] = std::minmax_element(counts.begin(), counts.end());
    if (*hi == 0 || *hi < 3 * *lo) return {};
    const std::string& big = classNames[std::size_t(hi - counts.begin())];
    const std::string& small = classNames[std::size_t(lo - counts.begin())];
    const std::string times =
        *lo == 0 ? std::string("none") : std::to_string((*hi + *lo / 2) / *lo) + " times fewer";
    return "The classes are very unbalanced: " + big + " has " + std::to_string(*hi) + " training images, " +
           small + " " + std::to_string(*lo) + " (" + times +
           "). A model can score well by favouring the large classes: add images to the small ones, and "
           "look at each class's recall after training.";
}

namespace {

using image_cache::Decoded;
using image_cache::fnv1a;

bool sameBytes(const std::string& a, const std::string& b) {
    std::ifstream fa(a, std::ios::binary), fb(b, std::ios::binary);
    if (!fa || !fb) return false;
    return std::equal(std::istreambuf_iterator<char>(fa), std::istreambuf_iterator<char>(),
                      std::istreambuf_iterator<char>(fb), std::istreambuf_iterator<char>());
}

// Decodes every file of the scan in parallel, splits and finds duplicates.
Decoded decodeFolder(const ImageFolderScan& scan, const ImageImportSpec& spec,
                     const ImageFolderOptions& options) {
    const std::size_t n = scan.files.size();
    const std::size_t size = importedImageSize(spec);
    if (std::uint64_t(n) * size > kMaxDecodedBytes)
        throw DataError(scan.root + ": " + std::to_string(n) + " images of " +
                        std::to_string(spec.channels()) + "x" + std::to_string(spec.height) + "x" +
                        std::to_string(spec.width) + " would take " +
                        std::to_string((std::uint64_t(n) * size) >> 20) +
                        " MB, more than LayerLab keeps in memory: choose a smaller size or fewer images");
    std::vector<std::uint8_t> pixels(n * size);
    std::vector<std::string> errors(n);
    std::vector<std::uint64_t> hashes(n, 0);
    std::vector<char> ok(n, 0);
    const fs::path root(scan.root);

    auto decodeOne = [&](std::size_t i) {
        const ImageFolderScan::File& f = scan.files[i];
        try {
            const std::vector<std::uint8_t> bytes = readImageBytes((root / f.path).string());
            hashes[i] = fnv1a(bytes.data(), bytes.size()) ^ (bytes.size() * 0x9e3779b97f4a7c15ull);
            importImage(bytes.data(), bytes.size(), f.path, spec, pixels.data() + i * size);
            ok[i] = 1;
        } catch (const std::exception& e) {
            std::string what = e.what();
            // The messages name the file first ("<path>: ..."); the list names it already.
            for (const std::string& prefix : {f.path + ": ", (root / f.path).string() + ": "})
                if (what.rfind(prefix, 0) == 0) what = what.substr(prefix.size());
            errors[i] = what;
        }
    };

    ThreadArena arena(options.threads);
    arena.execute([&] {
        const std::size_t block = std::size_t(std::max(64, arena.threads() * 16));
        for (std::size_t start = 0; start < n; start += block) {
            if (options.cancel && options.cancel->load()) break;
            const std::size_t count = std::min(block, n - start);
            parallelFor(int(count), [&](int j) {
                if (options.cancel && options.cancel->load()) return;
                decodeOne(start + std::size_t(j));
            });
            if (options.progress) options.progress(std::min(n, start + count), n);
        }
    });
    if (options.cancel && options.cancel->load())
        throw ImportCancelled("The import of " + scan.root + " was cancelled.");

    Decoded out;
    Dataset& d = out.data;
    d.channels = spec.channels();
    d.rows = spec.height;
    d.cols = spec.width;
    d.classNames = scan.classNames;
    for (std::size_t i = 0; i < n; ++i)
        if (!ok[i]) out.failed.push_back({scan.files[i].path, errors[i]});

    // Which images are test images: the test/ folder's, or a seeded share of each class.
    std::vector<char> test(n, 0);
    if (scan.hasTestFolder) {
        for (std::size_t i = 0; i < n; ++i) test[i] = scan.files[i].inTestFolder;
    } else if (spec.testSplit > 0) {
        std::vector<std::vector<std::size_t>> byClass(scan.classNames.size());
        for (std::size_t i = 0; i < n; ++i)
            if (ok[i]) byClass[std::size_t(scan.files[i].label)].push_back(i);
        std::mt19937_64 rng(spec.splitSeed ^ 0x7e575eedull);
        for (std::vector<std::size_t>& members : byClass) {
            std::shuffle(members.begin(), members.end(), rng);
            std::size_t nTest = std::size_t(double(spec.testSplit) * double(members.size()) + 0.5);
            if (members.size() >= 1) nTest = std::min(nTest, members.size() - 1);  // keep one to train on
            for (std::size_t k = 0; k < nTest; ++k) test[members[k]] = 1;
        }
    }

    for (int part = 0; part < 2; ++part) {
        std::vector<std::uint8_t>& images = part ? d.testImages : d.trainImages;
        std::vector<std::uint8_t>& labels = part ? d.testLabels : d.trainLabels;
        std::vector<std::string>& files = part ? d.testFiles : d.trainFiles;
        for (std::size_t i = 0; i < n; ++i) {
            if (!ok[i] || bool(test[i]) != bool(part)) continue;
            images.insert(images.end(), pixels.begin() + std::ptrdiff_t(i * size),
                          pixels.begin() + std::ptrdiff_t((i + 1) * size));
            labels.push_back(std::uint8_t(scan.files[i].label));
            files.push_back(scan.files[i].path);
        }
    }

    // Identical files on both sides: same hash, then the same bytes.
    std::unordered_map<std::uint64_t, std::vector<std::size_t>> byHash;
    for (std::size_t i = 0; i < n; ++i)
        if (ok[i]) byHash[hashes[i]].push_back(i);
    for (std::size_t i = 0; i < n; ++i) {
        if (!ok[i] || !test[i]) continue;
        for (std::size_t j : byHash[hashes[i]]) {
            if (test[j] || out.duplicates.size() >= 10000) continue;
            if (sameBytes((root / scan.files[j].path).string(), (root / scan.files[i].path).string()))
                out.duplicates.push_back({scan.files[j].path, scan.files[i].path});
        }
    }
    return out;
}

}  // namespace

Dataset loadImageFolder(const std::string& dir, const ImageImportSpec& spec, ImageFolderReport* report,
                        const ImageFolderOptions& options) {
    const auto start = std::chrono::steady_clock::now();
    if (spec.width < 1 || spec.height < 1 || spec.width > 4096 || spec.height > 4096)
        throw DataError("image size " + std::to_string(spec.width) + "x" + std::to_string(spec.height) +
                        " is not possible: choose a width and height from 1 to 512");
    const ImageFolderScan scan = scanImageFolder(dir);
    ImageFolderReport rep;
    rep.classNames = scan.classNames;
    rep.emptyClasses = scan.emptyClasses;
    rep.hasTestFolder = scan.hasTestFolder;
    rep.filesSeen = scan.files.size();

    const std::uint64_t key = image_cache::contentKey(scan, spec);
    const std::string cacheDir = options.cacheDir.empty() ? imageCacheDir() : options.cacheDir;
    if (options.useCache) rep.cacheFile = image_cache::cacheFileFor(cacheDir, dir, spec);

    Decoded decoded;
    if (options.useCache && image_cache::decodeCache(rep.cacheFile, key, &decoded)) {
        rep.fromCache = true;
        if (options.progress) options.progress(scan.files.size(), scan.files.size());
    } else {
        decoded = decodeFolder(scan, spec, options);
        if (options.useCache) {
            std::error_code ec;
            fs::create_directories(cacheDir, ec);
            if (ec)
                rep.cacheProblem = "cannot create the cache folder " + cacheDir + " (" + ec.message() + ")";
            else
                rep.cacheProblem = writeFileAtomically(rep.cacheFile, image_cache::encodeCache(key, decoded));
        }
    }

    Dataset d = std::move(decoded.data);
    d.directory = dir;
    d.name = fs::path(dir).filename().string();
    if (d.name.empty()) d.name = fs::path(dir).parent_path().filename().string();
    if (d.name.empty()) d.name = dir;
    d.classes = int(d.classNames.size());
    d.stratified = true;

    rep.skipped = scan.skipped;
    rep.skipped.insert(rep.skipped.end(), decoded.failed.begin(), decoded.failed.end());
    rep.duplicates = std::move(decoded.duplicates);
    rep.trainPerClass.assign(std::size_t(d.classes), 0);
    rep.testPerClass.assign(std::size_t(d.classes), 0);
    for (std::uint8_t l : d.trainLabels) ++rep.trainPerClass[l];
    for (std::uint8_t l : d.testLabels) ++rep.testPerClass[l];
    rep.imbalance = imbalanceWarning(d.classNames, rep.trainPerClass);
    rep.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

    if (d.trainCount() == 0) {
        std::string why = decoded.failed.empty()
                              ? std::string()
                              : ": " + decoded.failed.front().path + ": " + decoded.failed.front().reason;
        throw DataError("none of the " + std::to_string(scan.files.size()) + " image files in " + dir +
                        " could be read for training" + why);
    }
    if (report) *report = std::move(rep);
    return d;
}

}  // namespace layerlab
