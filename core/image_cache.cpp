// The cache of decoded image folders: where it lives, its key, and its file format (core/image_cache.h).
#include "core/image_cache.h"

#include <sys/stat.h>

#include <cctype>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <system_error>

namespace fs = std::filesystem;

namespace layerlab {

namespace {

constexpr std::uint32_t kCacheVersion = 1;
const char kCacheMagic[] = "LayerLab image cache\n";

std::string hex(std::uint64_t v) {
    static const char* digits = "0123456789abcdef";
    std::string s(16, '0');
    for (int i = 15; i >= 0; --i, v >>= 4) s[std::size_t(i)] = digits[v & 15];
    return s;
}

}  // namespace

std::string imageCacheDir() {
    auto env = [](const char* n) {
        const char* v = std::getenv(n);
        return std::string(v && *v ? v : "");
    };
    std::string base = env("LAYERLAB_CACHE_DIR");
    if (base.empty()) {
        const std::string xdg = env("XDG_CACHE_HOME");
        if (!xdg.empty())
            base = xdg + "/layerlab";
        else if (!env("HOME").empty())
            base = env("HOME") + "/.cache/layerlab";
        else
            base = (fs::temp_directory_path() / "layerlab-cache").string();
    }
    return base + "/image-folders";
}

namespace image_cache {

namespace {

std::string settingsText(const ImageImportSpec& s) {
    std::string t = std::to_string(s.width);
    t += 'x';
    t += std::to_string(s.height);
    t += s.color == ImageColor::RGB ? " rgb" : " grey";
    t += s.fit == ImageFit::Pad ? " pad" : " stretch";
    if (s.invert) t += " invert";
    t += " test ";
    t += std::to_string(s.testSplit);
    t += " seed ";
    t += std::to_string(s.splitSeed);
    return t;
}

}  // namespace

// Everything the decoded set depends on: the files (path, class, size, time) and the settings.
std::uint64_t contentKey(const ImageFolderScan& scan, const ImageImportSpec& spec) {
    std::string k = std::to_string(kCacheVersion);
    k += '\n';
    k += settingsText(spec);
    for (const std::string& n : scan.classNames) {
        k += '\n';
        k += n;
    }
    std::uint64_t h = fnv1a(k.data(), k.size());
    for (const ImageFolderScan::File& f : scan.files) {
        h = fnv1a(f.path.data(), f.path.size() + 1, h);  // with its terminating zero
        const std::int64_t fields[] = {f.label, f.inTestFolder, std::int64_t(f.bytes), f.modifiedNs};
        h = fnv1a(fields, sizeof fields, h);
    }
    return h;
}

std::string cacheFileFor(const std::string& cacheDir, const std::string& root, const ImageImportSpec& spec) {
    std::error_code ec;
    const std::string canonical = fs::weakly_canonical(fs::absolute(root, ec), ec).string();
    const std::string id = canonical + "\n" + settingsText(spec);
    const std::string name = fs::path(canonical).filename().string();
    std::string safe;
    for (char c : name)
        safe += (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') ? c : '_';
    if (safe.size() > 40) safe.resize(40);
    return cacheDir + "/" + safe + "-" + hex(fnv1a(id.data(), id.size())) + ".cache";
}

class Writer {
public:
    void u64(std::uint64_t v) { m_out.append(reinterpret_cast<const char*>(&v), sizeof v); }
    void str(const std::string& s) {
        u64(s.size());
        m_out += s;
    }
    void bytes(const std::vector<std::uint8_t>& b) {
        u64(b.size());
        m_out.append(reinterpret_cast<const char*>(b.data()), b.size());
    }
    void strings(const std::vector<std::string>& v) {
        u64(v.size());
        for (const std::string& s : v) str(s);
    }
    std::string& text() { return m_out; }

private:
    std::string m_out;
};

// Reads what Writer wrote; any length past the end of the data makes ok() false (nothing is sized by a length
// field before it is checked against what is left).
class Reader {
public:
    Reader(const char* p, std::size_t n) : m_p(p), m_end(p + n) {}
    bool ok() const { return m_ok; }
    bool atEnd() const { return m_p == m_end; }
    std::uint64_t u64() {
        std::uint64_t v = 0;
        if (!take(sizeof v)) return 0;
        std::memcpy(&v, m_p - sizeof v, sizeof v);
        return v;
    }
    std::string str() {
        const std::uint64_t n = u64();
        if (!take(n)) return {};
        return std::string(m_p - n, m_p);
    }
    std::vector<std::uint8_t> bytes() {
        const std::uint64_t n = u64();
        if (!take(n)) return {};
        return std::vector<std::uint8_t>(reinterpret_cast<const std::uint8_t*>(m_p - n),
                                         reinterpret_cast<const std::uint8_t*>(m_p));
    }
    std::vector<std::string> strings() {
        const std::uint64_t n = u64();
        std::vector<std::string> v;
        if (!m_ok || n > std::uint64_t(m_end - m_p) / 8) {  // each string takes at least its length field
            m_ok = false;
            return v;
        }
        v.reserve(n);
        for (std::uint64_t i = 0; i < n && m_ok; ++i) v.push_back(str());
        return v;
    }

private:
    bool take(std::uint64_t n) {
        if (!m_ok || n > std::uint64_t(m_end - m_p)) {
            m_ok = false;
            return false;
        }
        m_p += n;
        return true;
    }
    const char* m_p;
    const char* m_end;
    bool m_ok = true;
};

std::string encodeCache(std::uint64_t key, const Decoded& d) {
    Writer w;
    w.text().append(kCacheMagic, sizeof kCacheMagic - 1);
    w.u64(kCacheVersion);
    w.u64(0x0102030405060708ull);  // byte order
    w.u64(key);
    w.u64(std::uint64_t(d.data.channels));
    w.u64(std::uint64_t(d.data.rows));
    w.u64(std::uint64_t(d.data.cols));
    w.strings(d.data.classNames);
    w.bytes(d.data.trainImages);
    w.bytes(d.data.trainLabels);
    w.bytes(d.data.testImages);
    w.bytes(d.data.testLabels);
    w.strings(d.data.trainFiles);
    w.strings(d.data.testFiles);
    w.u64(d.failed.size());
    for (const ImageFolderIssue& i : d.failed) {
        w.str(i.path);
        w.str(i.reason);
    }
    w.u64(d.duplicates.size());
    for (const DuplicateImage& i : d.duplicates) {
        w.str(i.trainPath);
        w.str(i.testPath);
    }
    return std::move(w.text());
}

// The cached set for `key`, when the file is ours, complete and of this key.
bool decodeCache(const std::string& path, std::uint64_t key, Decoded* out) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return false;
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    std::string buf(std::size_t(st.st_size), '\0');
    in.read(buf.data(), std::streamsize(buf.size()));
    if (std::size_t(in.gcount()) != buf.size()) return false;
    const std::size_t magic = sizeof kCacheMagic - 1;
    if (buf.size() < magic || buf.compare(0, magic, kCacheMagic) != 0) return false;
    Reader r(buf.data() + magic, buf.size() - magic);
    if (r.u64() != kCacheVersion || r.u64() != 0x0102030405060708ull || r.u64() != key) return false;
    Dataset& d = out->data;
    const std::uint64_t c = r.u64(), h = r.u64(), w = r.u64();
    if (!r.ok() || c < 1 || c > 4 || h < 1 || h > 4096 || w < 1 || w > 4096) return false;
    d.channels = int(c);
    d.rows = int(h);
    d.cols = int(w);
    d.classNames = r.strings();
    d.trainImages = r.bytes();
    d.trainLabels = r.bytes();
    d.testImages = r.bytes();
    d.testLabels = r.bytes();
    d.trainFiles = r.strings();
    d.testFiles = r.strings();
    const std::uint64_t nFailed = r.u64();
    for (std::uint64_t i = 0; i < nFailed && r.ok(); ++i) {
        ImageFolderIssue issue;
        issue.path = r.str();
        issue.reason = r.str();
        out->failed.push_back(std::move(issue));
    }
    const std::uint64_t nDup = r.u64();
    for (std::uint64_t i = 0; i < nDup && r.ok(); ++i) {
        DuplicateImage dup;
        dup.trainPath = r.str();
        dup.testPath = r.str();
        out->duplicates.push_back(std::move(dup));
    }
    if (!r.ok() || !r.atEnd()) return false;
    const std::size_t n = d.imageSize();
    if (d.classNames.size() < 2 || d.trainImages.size() != d.trainCount() * n ||
        d.testImages.size() != d.testCount() * n || d.trainFiles.size() != d.trainCount() ||
        d.testFiles.size() != d.testCount())
        return false;
    for (std::uint8_t l : d.trainLabels)
        if (l >= d.classNames.size()) return false;
    for (std::uint8_t l : d.testLabels)
        if (l >= d.classNames.size()) return false;
    return true;
}

}  // namespace image_cache

}  // namespace layerlab
