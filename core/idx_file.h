#pragma once
// The IDX file format (MNIST layout): a magic number (0x0000 0x08 = unsigned bytes, then the number of
// dimensions), the dimensions as big-endian 32-bit counts, then the payload. Plain or gzip-compressed.
#include <cstdint>
#include <string>
#include <vector>

namespace layerlab {

// One IDX file: dims (e.g. {60000, 28, 28}) and its uint8 payload.
struct IdxArray {
    std::vector<int> dims;
    std::vector<std::uint8_t> data;
};

// Reads an IDX file of unsigned bytes (type 0x08), plain or gzip (by content, not name).
// Throws DataError naming the file and what is wrong: missing, wrong magic, truncated, bad dims.
IdxArray readIdx(const std::string& path);
// Writes an uncompressed IDX ubyte file atomically (used to make subsets and test fixtures).
void writeIdx(const std::string& path, const IdxArray& a);

// "60,000": counts in messages.
std::string withCommas(std::uint64_t v);
// "28x28": dims[from..] joined with 'x'.
std::string dimsText(const std::vector<int>& dims, std::size_t from);
// Throws DataError "<path>: <what>; <fix>", the fix judged by where the file lives when not given.
[[noreturn]] void failDataFile(const std::string& path, const std::string& what, const std::string& fix = "");

}  // namespace layerlab
