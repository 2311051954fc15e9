#include "core/npz_writer.h"

#include <zlib.h>

#include <algorithm>
#include <cstring>
#include <limits>
#include <set>
#include <stdexcept>

namespace layerlab {

namespace {

void putU16(std::string& out, std::uint32_t v) {
    out.push_back(char(v & 0xff));
    out.push_back(char((v >> 8) & 0xff));
}

void putU32(std::string& out, std::uint32_t v) {
    putU16(out, v & 0xffff);
    putU16(out, v >> 16);
}

std::uint32_t crcOf(const std::string& s) {
    uLong c = crc32(0L, Z_NULL, 0);
    const auto* p = reinterpret_cast<const Bytef*>(s.data());
    for (std::size_t done = 0; done < s.size();) {
        const uInt chunk = uInt(std::min<std::size_t>(s.size() - done, 1u << 30));
        c = crc32(c, p + done, chunk);
        done += chunk;
    }
    return std::uint32_t(c);
}

// 1980-01-01 00:00: a fixed date, so the same model always gives the same bytes.
constexpr std::uint32_t kDosTime = 0, kDosDate = (0 << 9) | (1 << 5) | 1;

}  // namespace

std::string npyBytes(const std::vector<std::int64_t>& shape, const std::vector<float>& values) {
    // A Python tuple: (), (10,), (32, 1, 3, 3).
    std::string dims;
    for (std::size_t i = 0; i < shape.size(); ++i) dims += (i ? ", " : "") + std::to_string(shape[i]);
    if (shape.size() == 1) dims += ",";
    std::string header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims + "), }";
    // magic (6) + version (2) + length (2) + header + '\n', padded to a multiple of 64.
    const std::size_t unpadded = 10 + header.size() + 1;
    header.append((64 - unpadded % 64) % 64, ' ');
    header.push_back('\n');
    std::string out("\x93NUMPY\x01\x00", 8);
    putU16(out, std::uint32_t(header.size()));
    out += header;
    // float32 little-endian, as this machine stores floats (x86-64, AArch64).
    out.append(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(float));
    return out;
}

std::string npzBytes(const std::vector<NpyArray>& arrays) {
    std::string out, central;
    std::set<std::string> names;
    for (const NpyArray& a : arrays) {
        if (a.name.empty() || !names.insert(a.name).second)
            throw std::length_error("npz: an empty or repeated array name '" + a.name + "'");
        const std::string file = a.name + ".npy";
        const std::string data = npyBytes(a.shape, a.values);
        if (data.size() > std::numeric_limits<std::uint32_t>::max() ||
            out.size() + data.size() + 30 + file.size() > std::numeric_limits<std::uint32_t>::max())
            throw std::length_error("npz: the weights pass 4 GiB, more than a zip without zip64 holds");
        const std::uint32_t crc = crcOf(data), offset = std::uint32_t(out.size());
        // local file header
        putU32(out, 0x04034b50);
        putU16(out, 20);  // version needed: 2.0
        putU16(out, 0);   // flags
        putU16(out, 0);   // stored
        putU16(out, kDosTime);
        putU16(out, kDosDate);
        putU32(out, crc);
        putU32(out, std::uint32_t(data.size()));
        putU32(out, std::uint32_t(data.size()));
        putU16(out, std::uint32_t(file.size()));
        putU16(out, 0);  // extra field length
        out += file;
        out += data;
        // its central directory entry
        putU32(central, 0x02014b50);
        putU16(central, 20);  // made by: 2.0
        putU16(central, 20);
        putU16(central, 0);
        putU16(central, 0);
        putU16(central, kDosTime);
        putU16(central, kDosDate);
        putU32(central, crc);
        putU32(central, std::uint32_t(data.size()));
        putU32(central, std::uint32_t(data.size()));
        putU16(central, std::uint32_t(file.size()));
        putU16(central, 0);  // extra
        putU16(central, 0);  // comment
        putU16(central, 0);  // disk
        putU16(central, 0);  // internal attributes
        putU32(central, 0);  // external attributes
        putU32(central, offset);
        central += file;
    }
    if (arrays.size() > 0xffff ||
        out.size() + central.size() + 22 > std::numeric_limits<std::uint32_t>::max())
        throw std::length_error("npz: too many arrays or too large for a zip without zip64");
    const std::uint32_t centralOffset = std::uint32_t(out.size());
    out += central;
    putU32(out, 0x06054b50);
    putU16(out, 0);
    putU16(out, 0);
    putU16(out, std::uint32_t(arrays.size()));
    putU16(out, std::uint32_t(arrays.size()));
    putU32(out, std::uint32_t(central.size()));
    putU32(out, centralOffset);
    putU16(out, 0);  // comment length
    return out;
}

}  // namespace layerlab
