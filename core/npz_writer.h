#pragma once
// NumPy's .npz archive (what numpy.savez writes and numpy.load reads): a zip file of .npy arrays, here
// stored without compression. Each .npy is format version 1.0: the magic "\x93NUMPY", the version, a
// little-endian uint16 header length, a Python dict literal ({'descr': '<f4', 'fortran_order': False,
// 'shape': (32, 1, 3, 3), }) padded with spaces to a multiple of 64 bytes and ending in '\n', then the
// float32 values in C order. The zip holds a local header per member, the central directory and its end
// record (no zip64: the archive must stay below 4 GiB), with each member's CRC-32 (zlib).
#include <cstdint>
#include <string>
#include <vector>

namespace layerlab {

struct NpyArray {
    std::string name;                 // the key numpy.load gives it ("conv1.weight"); stored as name + ".npy"
    std::vector<std::int64_t> shape;  // {} for a scalar
    std::vector<float> values;        // product(shape) values, C order
};

// One .npy file's bytes.
std::string npyBytes(const std::vector<std::int64_t>& shape, const std::vector<float>& values);

// The archive's bytes. Throws std::length_error when it would pass 4 GiB or a name is empty or repeated.
std::string npzBytes(const std::vector<NpyArray>& arrays);

}  // namespace layerlab
