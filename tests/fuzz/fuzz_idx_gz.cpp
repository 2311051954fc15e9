// libFuzzer target: readIdx (core/dataset.cpp) on gzip files whose *uncompressed* content is the fuzzer's,
// so mutations of the IDX bytes reach the parser through zlib instead of breaking the deflate stream.
// Input: one mode byte, two bytes of a cut position, then the IDX content. The harness compresses the
// content and then, by mode: 0 keeps the stream whole; 1 cuts the compressed stream at the given position
// (a download cut short); 2 splits the content into two gzip members (as `cat a.gz b.gz` makes); 3 appends
// the cut position's two bytes after the stream (trailing bytes after a member).
// Properties: only DataError escapes; a whole stream is accepted exactly when the plain content is, with
// the same result; a cut stream is refused; bytes after the stream never make a refused content accepted.
#include <zlib.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "core/dataset.h"
#include "core/errors.h"
#include "tests/fuzz/fuzz_support.h"

namespace {

using Bytes = std::vector<std::uint8_t>;

void gzipAppend(Bytes& out, const std::uint8_t* p, std::size_t n) {
    z_stream z{};
    if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        fuzz::violated("deflateInit2");
    const std::size_t start = out.size();
    out.resize(start + deflateBound(&z, uLong(n)) + 32);
    z.next_in = const_cast<std::uint8_t*>(p);
    z.avail_in = uInt(n);
    z.next_out = out.data() + start;
    z.avail_out = uInt(out.size() - start);
    if (deflate(&z, Z_FINISH) != Z_STREAM_END) fuzz::violated("deflate");
    out.resize(start + z.total_out);
    deflateEnd(&z);
}

// Outcome of reading one file: accepted (with its array) or refused.
struct Read {
    bool ok = false;
    layerlab::IdxArray a;
};
Read readFile(const Bytes& bytes) {
    Read r;
    try {
        r.a = layerlab::readIdx(fuzz::writeScratch(bytes.data(), bytes.size()));
        r.ok = true;
    } catch (const layerlab::DataError&) {
    }
    return r;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 3 || size > (1u << 20)) return 0;
    const int mode = data[0] & 3;
    const std::size_t cutAt = std::size_t(data[1]) << 8 | data[2];
    const std::uint8_t* content = data + 3;
    const std::size_t n = size - 3;

    Bytes gz;
    if (mode == 2) {
        gzipAppend(gz, content, n / 2);
        gzipAppend(gz, content + n / 2, n - n / 2);
    } else {
        gzipAppend(gz, content, n);
    }
    const bool cut = mode == 1 && cutAt < gz.size();
    if (cut) gz.resize(cutAt);
    if (mode == 3) gz.insert(gz.end(), data + 1, data + 3);

    const Read viaGzip = readFile(gz);
    if (cut) {
        if (viaGzip.ok)
            fuzz::violated("a gzip stream cut at byte " + std::to_string(cutAt) + " was accepted");
        return 0;
    }
    if (mode == 3 && !viaGzip.ok) return 0;  // bytes after the stream may be refused
    const Read plain = readFile(Bytes(content, content + n));
    if (viaGzip.ok != plain.ok)
        fuzz::violated(std::string("the gzip file was ") + (viaGzip.ok ? "accepted" : "refused") +
                       " but the same content uncompressed was " + (plain.ok ? "accepted" : "refused"));
    if (viaGzip.ok && (viaGzip.a.dims != plain.a.dims || viaGzip.a.data != plain.a.data))
        fuzz::violated("the gzip and the plain read of the same content differ");
    return 0;
}
