// IDX files: reading (plain or gzip, every header field checked against the real size) and writing.
#include "core/idx_file.h"

#include <zlib.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <limits>
#include <memory>
#include <system_error>

#include "core/atomic_file.h"
#include "core/errors.h"

namespace fs = std::filesystem;

namespace layerlab {

namespace {

// Largest payload we accept: full MNIST training images are 47 MB; anything far beyond is a broken header.
constexpr std::uint64_t kMaxPayloadBytes = 200ull * 1000 * 1000;
constexpr int kMaxDims = 4;

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
    failDataFile(path, what, fix);
}

std::string hex32(std::uint32_t v) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "0x%08x", v);
    return buf;
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

// "10000 labels", "10000 images of 28x28", "10000 items of 3x4x5"
std::string itemsText(const std::vector<int>& dims, std::uint64_t count) {
    if (dims.size() == 1) return withCommas(count) + " labels";
    if (dims.size() == 3) return withCommas(count) + " images of " + dimsText(dims, 1);
    return withCommas(count) + " items of " + dimsText(dims, 1);
}

}  // namespace

void failDataFile(const std::string& path, const std::string& what, const std::string& fix) {
    throw DataError(path + ": " + what + "; " + (fix.empty() ? fixFor(path) : fix));
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

std::string dimsText(const std::vector<int>& dims, std::size_t from) {
    std::string s;
    for (std::size_t i = from; i < dims.size(); ++i) {
        if (i > from) s += 'x';
        s += std::to_string(dims[i]);
    }
    return s;
}

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

}  // namespace layerlab
