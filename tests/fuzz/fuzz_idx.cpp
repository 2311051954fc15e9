// libFuzzer target: readIdx (core/dataset.cpp) on the input as a file, plain or gzip (readIdx decides by
// content; the seeds hold both, so mutations reach the IDX header checks and zlib's stream handling).
// Properties: only DataError escapes; an accepted plain file is exactly header + payload (dims 1 to 4, none
// 0, payload = product of dims), so re-encoding what was read gives the input back byte for byte.
#include <cstdint>
#include <cstring>
#include <vector>

#include "core/dataset.h"
#include "core/errors.h"
#include "tests/fuzz/fuzz_support.h"

namespace {

std::vector<std::uint8_t> encode(const layerlab::IdxArray& a) {
    std::vector<std::uint8_t> out = {0, 0, 0x08, std::uint8_t(a.dims.size())};
    for (int d : a.dims) {
        const auto u = std::uint32_t(d);
        out.insert(out.end(),
                   {std::uint8_t(u >> 24), std::uint8_t(u >> 16), std::uint8_t(u >> 8), std::uint8_t(u)});
    }
    out.insert(out.end(), a.data.begin(), a.data.end());
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string& path = fuzz::writeScratch(data, size);
    layerlab::IdxArray a;
    try {
        a = layerlab::readIdx(path);
    } catch (const layerlab::DataError&) {
        return 0;  // refused with a message: fine
    }
    if (a.dims.empty() || a.dims.size() > 4)
        fuzz::violated("accepted an IDX file with " + std::to_string(a.dims.size()) + " dimensions");
    std::uint64_t total = 1;
    for (int d : a.dims) {
        if (d <= 0) fuzz::violated("accepted a dimension of " + std::to_string(d));
        total *= std::uint64_t(d);
    }
    if (total != a.data.size()) fuzz::violated("payload size differs from the product of the dimensions");
    const bool gzip = size >= 2 && data[0] == 0x1f && data[1] == 0x8b;
    if (!gzip) {
        const std::vector<std::uint8_t> again = encode(a);
        if (again.size() != size || std::memcmp(again.data(), data, size) != 0)
            fuzz::violated("an accepted plain IDX file is not exactly its header and payload");
    }
    return 0;
}
