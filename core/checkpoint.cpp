// Checkpoint file: "LLCKPT01", u32 version, u64 spec length, spec JSON, u64 param count, f32 params, u32
// CRC-32. All integers and floats little-endian. Every format version ends with the CRC-32 (zlib) of all
// preceding bytes, so a newer version can be told apart from a corrupt file.
#include "core/checkpoint.h"

#include <sys/stat.h>
#include <zlib.h>

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <fstream>

#include "core/atomic_file.h"
#include "core/errors.h"
#include "core/shape_inference.h"

namespace layerlab {

namespace {

constexpr char kMagic[8] = {'L', 'L', 'C', 'K', 'P', 'T', '0', '1'};
// Version 1: the layout above. Version 2, the same layout, marks a model whose parameters hold BatchNorm
// running statistics: a LayerLab that predates them refuses it as "written by a newer LayerLab" instead of
// failing on the layer type. A model without them is still written as version 1, so older LayerLabs open it.
// Version 3: an int8-quantized model, float params, its quantization section after them. Version 4 (written
// since): the quantization section before the params, and the quantized layers' weights stored as their int8
// codes (checkpoint.h).
constexpr uint32_t kCheckpointVersion = 4;
constexpr uint32_t kQuantizedFloatVersion = 3;
constexpr uint32_t kQuantizedVersion = 4;
constexpr size_t kHeaderBytes = 8 + 4 + 8;            // magic, version, spec length
constexpr size_t kMinV1Bytes = kHeaderBytes + 8 + 4;  // + param count + CRC (empty spec, no params)

uint32_t crc32Of(const unsigned char* p, size_t n) {
    uLong c = crc32(0L, Z_NULL, 0);
    while (n > 0) {
        uInt chunk = static_cast<uInt>(std::min<size_t>(n, 1u << 30));
        c = crc32(c, p, chunk);
        p += chunk;
        n -= chunk;
    }
    return static_cast<uint32_t>(c);
}

void putU32(std::string& out, uint32_t v) {
    for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}
void putU64(std::string& out, uint64_t v) {
    for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}
uint32_t getU32(const unsigned char* p) {
    uint32_t v = 0;
    for (int i = 3; i >= 0; --i) v = (v << 8) | p[i];
    return v;
}
uint64_t getU64(const unsigned char* p) {
    uint64_t v = 0;
    for (int i = 7; i >= 0; --i) v = (v << 8) | p[i];
    return v;
}

bool holdsRunningStatistics(const std::vector<LayerSpec>& layers) {
    for (const LayerSpec& l : layers)
        if (l.type == LayerType::BatchNorm || holdsRunningStatistics(l.layers)) return true;
    return false;
}

[[noreturn]] void fail(const std::string& path, const std::string& problem) {
    throw CheckpointError("checkpoint \"" + path + "\" " + problem);
}

void putQuantization(std::string& out, const Quantization& quantization) {
    putU32(out, uint32_t(quantization.layers.size()));
    for (const QuantizedLayer& l : quantization.layers) {
        putU32(out, uint32_t(l.engineLayer));
        putU32(out, std::bit_cast<uint32_t>(l.inputScale));
        putU32(out, uint32_t(l.weightScales.size()));
        for (float f : l.weightScales) putU32(out, std::bit_cast<uint32_t>(f));
    }
}

void putFloats(std::string& out, const float* f, size_t n) {
    if constexpr (std::endian::native == std::endian::little) {
        out.append(reinterpret_cast<const char*>(f), n * sizeof(float));
    } else {
        for (size_t i = 0; i < n; ++i) putU32(out, std::bit_cast<uint32_t>(f[i]));
    }
}

// A quantized layer's weight block in the params, and its channel scales.
struct Int8Block {
    long long offset = 0, rows = 0, cols = 0;
    const std::vector<float>* scales = nullptr;
};

// The int8 blocks of a quantization that checkQuantization accepted, in the order of the params.
std::vector<Int8Block> int8Blocks(const ModelSpec& spec, const Quantization& q) {
    const std::vector<CompressibleLayer> layers = compressibleLayers(spec);
    std::vector<Int8Block> blocks;
    for (const QuantizedLayer& l : q.layers)
        for (const CompressibleLayer& c : layers)
            if (c.engineLayer == l.engineLayer) blocks.push_back({c.offset, c.rows, c.cols, &l.weightScales});
    std::sort(blocks.begin(), blocks.end(),
              [](const Int8Block& a, const Int8Block& b) { return a.offset < b.offset; });
    return blocks;
}

// Whether every weight of every block is exactly code x scale (what quantizeModel makes): only then can the
// codes stand for the weights without changing a bit.
bool onInt8Grid(const std::vector<Int8Block>& blocks, const std::vector<float>& params) {
    for (const Int8Block& b : blocks)
        for (long long r = 0; r < b.rows; ++r) {
            const float scale = (*b.scales)[size_t(r)];
            const float* w = params.data() + b.offset + r * b.cols;
            for (long long c = 0; c < b.cols; ++c)
                if (std::bit_cast<uint32_t>(fakeQuantize(w[c], scale)) != std::bit_cast<uint32_t>(w[c]))
                    return false;
        }
    return true;
}

}  // namespace

void saveCheckpoint(const std::string& path, const ModelSpec& spec, const std::vector<float>& params,
                    const Quantization& quantization) {
    const std::string json = serializeModelSpec(spec);
    // Quantized weights go as int8 codes (version 4) when they are exactly on the int8 grid, as
    // quantizeModel leaves them; otherwise (weights changed after quantizing) as floats (version 3).
    std::vector<Int8Block> blocks;
    if (!quantization.empty()) {
        if (const std::string why = checkQuantization(spec, quantization); !why.empty())
            throw CheckpointError("cannot save checkpoint \"" + path +
                                  "\": its quantization does not fit its model: " + why);
        blocks = int8Blocks(spec, quantization);
        if (!onInt8Grid(blocks, params)) blocks.clear();
    }
    const uint32_t version = !quantization.empty()
                                 ? (blocks.empty() ? kQuantizedFloatVersion : kQuantizedVersion)
                             : holdsRunningStatistics(spec.layers) ? 2
                                                                   : 1;
    std::string out;
    out.reserve(kMinV1Bytes + json.size() + params.size() * 4);
    out.append(kMagic, sizeof kMagic);
    putU32(out, version);
    putU64(out, json.size());
    out += json;
    putU64(out, params.size());
    if (version == kQuantizedVersion) {
        putQuantization(out, quantization);
        size_t at = 0;
        for (const Int8Block& b : blocks) {
            putFloats(out, params.data() + at, size_t(b.offset) - at);
            for (long long r = 0; r < b.rows; ++r) {
                const float scale = (*b.scales)[size_t(r)];
                const float* w = params.data() + b.offset + r * b.cols;
                for (long long c = 0; c < b.cols; ++c)
                    out.push_back(static_cast<char>(quantizeInt8(w[c], scale)));
            }
            at = size_t(b.offset + b.rows * b.cols);
        }
        putFloats(out, params.data() + at, params.size() - at);
    } else {
        putFloats(out, params.data(), params.size());
        if (version == kQuantizedFloatVersion) putQuantization(out, quantization);
    }
    putU32(out, crc32Of(reinterpret_cast<const unsigned char*>(out.data()), out.size()));
    std::string err = writeFileAtomically(path, out);
    if (!err.empty()) throw CheckpointError("cannot save checkpoint \"" + path + "\": " + err);
}

Checkpoint loadCheckpoint(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0)
        throw CheckpointError("cannot open checkpoint \"" + path + "\": " + std::strerror(errno));
    if (!S_ISREG(st.st_mode)) fail(path, "is not a regular file (a directory?); choose a checkpoint file");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw CheckpointError("cannot open checkpoint \"" + path + "\": " + std::strerror(errno));
    in.seekg(0, std::ios::end);
    const std::streamoff fileSize = in.tellg();
    in.seekg(0, std::ios::beg);
    if (fileSize < 0) throw CheckpointError("cannot read checkpoint \"" + path + "\"");
    const size_t size = static_cast<size_t>(fileSize);
    if (size == 0) fail(path, "is empty; it is not a LayerLab checkpoint");

    // Magic first, reading only 8 bytes, so a large foreign file is rejected without loading it.
    unsigned char magic[8] = {};
    const size_t magicLen = std::min<size_t>(size, 8);
    if (!in.read(reinterpret_cast<char*>(magic), static_cast<std::streamsize>(magicLen)))
        throw CheckpointError("cannot read checkpoint \"" + path + "\": " + std::strerror(errno));
    if (std::memcmp(magic, kMagic, magicLen) != 0) {
        // A model file (JSON, maybe after a byte-order mark or blanks) given where weights are expected.
        std::string head(reinterpret_cast<const char*>(magic), magicLen);
        if (head.rfind("\xEF\xBB\xBF", 0) == 0) head.erase(0, 3);
        const auto first = head.find_first_not_of(" \t\r\n");
        if (first != std::string::npos && head[first] == '{')
            fail(path,
                 "is a model file (JSON, no trained weights), not a checkpoint: train it and save a "
                 "checkpoint (layerlab-cli train --save, or File > Save Checkpoint in the studio)");
        throw CheckpointError("\"" + path + "\" is not a LayerLab checkpoint");
    }
    if (size < kHeaderBytes)
        fail(path, "is truncated (only " + std::to_string(size) + " bytes); the save or copy was cut short");

    // The whole file: allocation bounded by the real file size, never by a length field.
    std::string buf(size, '\0');
    std::memcpy(buf.data(), magic, 8);
    if (!in.read(buf.data() + 8, static_cast<std::streamsize>(size - 8)))
        throw CheckpointError("cannot read checkpoint \"" + path + "\": " + std::strerror(errno));
    const auto* p = reinterpret_cast<const unsigned char*>(buf.data());

    const uint32_t version = getU32(p + 8);
    const bool crcOk = size >= 12 && crc32Of(p, size - 4) == getU32(p + size - 4);

    if (!crcOk) {
        // Tell an incomplete file (copy or save cut short) from damaged bytes, using the lengths if
        // plausible (every version so far has the v1 layout).
        if (version >= 1 && version <= kCheckpointVersion) {
            const uint64_t specLen = getU64(p + 12);
            bool truncated = false;
            uint64_t expected = 0;
            if (specLen > size) {
                truncated = true;
            } else if (size < kHeaderBytes + specLen + 8) {
                truncated = true;
            } else {
                const uint64_t count = getU64(p + kHeaderBytes + specLen);
                if (count <= size / 4) {
                    expected = kHeaderBytes + specLen + 8 + count * 4 + 4;
                    truncated = expected > size;
                    if (version >= kQuantizedFloatVersion) {
                        // + the quantization section, at least its layer count; its length is unknown here.
                        truncated = expected + 4 > size;
                        expected = 0;
                    }
                } else {
                    truncated = true;
                }
            }
            if (truncated) {
                std::string exp = expected ? " (expected " + std::to_string(expected) + " bytes, found " +
                                                 std::to_string(size) + ")"
                                           : " (" + std::to_string(size) + " bytes)";
                fail(path, "is truncated or corrupt" + exp + "; it cannot be loaded");
            }
        }
        fail(path, "is corrupt (checksum mismatch); it cannot be loaded");
    }

    if (version > kCheckpointVersion)
        fail(path, "was written by a newer LayerLab (checkpoint version " + std::to_string(version) +
                       "; this LayerLab reads versions up to " + std::to_string(kCheckpointVersion) +
                       "); update LayerLab to open it");
    if (version == 0) fail(path, "is corrupt (invalid version 0)");
    if (size < kMinV1Bytes) fail(path, "is corrupt (too short for its header)");

    // Checksum is fine, so inconsistent lengths mean a hand-made or buggy file: check before using any of
    // them.
    const uint64_t specLen = getU64(p + 12);
    if (specLen > size - kMinV1Bytes)
        fail(path, "is corrupt (spec length " + std::to_string(specLen) + " exceeds the file size " +
                       std::to_string(size) + ")");
    const size_t countAt = kHeaderBytes + static_cast<size_t>(specLen);
    const uint64_t count = getU64(p + countAt);
    const size_t paramBytesAvailable = size - countAt - 8 - 4;
    const bool quantized = version >= kQuantizedFloatVersion;
    const bool int8Codes = version == kQuantizedVersion;
    // Version 4 holds at least one byte per parameter; the others four.
    if (count > paramBytesAvailable / (int8Codes ? 1 : 4) || (!quantized && count * 4 != paramBytesAvailable))
        fail(path, "is corrupt (parameter count " + std::to_string(count) + " does not match the file size " +
                       std::to_string(size) + ")");
    Quantization quantization;
    size_t paramsAt = countAt + 8;  // where the params start (version 4: after the quantization section)
    if (quantized) {
        // Every length checked against the bytes left before the CRC, never trusted for an allocation.
        size_t at = int8Codes ? countAt + 8 : countAt + 8 + static_cast<size_t>(count) * 4;
        const size_t end = size - 4;
        const auto corrupt = [&](const std::string& what) { fail(path, "is corrupt (" + what + ")"); };
        if (end - at < 4) corrupt("no quantization section");
        const uint32_t layers = getU32(p + at);
        at += 4;
        if (layers == 0 || layers > (end - at) / 12)
            corrupt("quantized layer count " + std::to_string(layers));
        for (uint32_t k = 0; k < layers; ++k) {
            if (end - at < 12) corrupt("quantization section cut short");
            QuantizedLayer l;
            const uint32_t layer = getU32(p + at);
            if (layer > 1000000) corrupt("quantized layer " + std::to_string(layer));
            l.engineLayer = static_cast<int>(layer);
            l.inputScale = std::bit_cast<float>(getU32(p + at + 4));
            const uint32_t channels = getU32(p + at + 8);
            at += 12;
            if (channels > (end - at) / 4) corrupt("channel count " + std::to_string(channels));
            l.weightScales.resize(channels);
            for (uint32_t c = 0; c < channels; ++c)
                l.weightScales[c] = std::bit_cast<float>(getU32(p + at + 4 * c));
            at += 4 * static_cast<size_t>(channels);
            quantization.layers.push_back(std::move(l));
        }
        if (int8Codes)
            paramsAt = at;
        else if (at != end)
            corrupt(std::to_string(end - at) + " stray bytes after the quantization section");
    }

    Checkpoint ck;
    try {
        ck.spec = parseModelSpec(buf.substr(kHeaderBytes, static_cast<size_t>(specLen)));
    } catch (const SpecError& e) {
        fail(path, std::string("contains an invalid model spec: ") + e.what());
    }
    if (!quantization.empty()) {
        // The model must check out and hold the file's parameter count before a network is built for the
        // check, so that a hand-made spec cannot make it allocate more than the file holds.
        const ModelInfo info = inferShapes(ck.spec);
        if (!info.ok()) fail(path, "holds a quantized model that does not check out: " + info.error);
        if (info.params != static_cast<long long>(count))
            fail(path, "is corrupt (its quantized model has " + std::to_string(info.params) +
                           " parameters, the file " + std::to_string(count) + ")");
        std::string why;
        try {
            why = checkQuantization(ck.spec, quantization);
        } catch (const SpecError& e) {
            why = e.what();
        }
        if (!why.empty()) fail(path, "is corrupt (its quantization does not fit its model: " + why + ")");
        ck.quantization = std::move(quantization);
    }
    ck.params.resize(static_cast<size_t>(count));
    const unsigned char* q = p + paramsAt;
    const auto readFloats = [&](float* dst, size_t n) {
        if constexpr (std::endian::native == std::endian::little) {
            if (n) std::memcpy(dst, q, n * 4);
        } else {
            for (size_t i = 0; i < n; ++i) dst[i] = std::bit_cast<float>(getU32(q + 4 * i));
        }
        q += n * 4;
    };
    if (!int8Codes) {
        readFloats(ck.params.data(), ck.params.size());
        return ck;
    }
    // Version 4: floats, with each quantized layer's weights as one int8 code each, dequantized here
    // (code x its channel's scale, the same product quantizeModel made).
    const std::vector<Int8Block> blocks = int8Blocks(ck.spec, ck.quantization);
    size_t codes = 0;
    for (const Int8Block& b : blocks) codes += size_t(b.rows * b.cols);
    const size_t expected = paramsAt + codes + (static_cast<size_t>(count) - codes) * 4 + 4;
    if (codes > count || expected != size)
        fail(path, "is corrupt (its int8 parameters need " + std::to_string(expected) +
                       " bytes, the file has " + std::to_string(size) + ")");
    size_t at = 0;
    for (const Int8Block& b : blocks) {
        readFloats(ck.params.data() + at, size_t(b.offset) - at);
        for (long long r = 0; r < b.rows; ++r) {
            const float scale = (*b.scales)[size_t(r)];
            float* w = ck.params.data() + b.offset + r * b.cols;
            for (long long c = 0; c < b.cols; ++c) w[c] = float(static_cast<int8_t>(*q++)) * scale;
        }
        at = size_t(b.offset + b.rows * b.cols);
    }
    readFloats(ck.params.data() + at, ck.params.size() - at);
    return ck;
}

bool isCheckpointFile(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return false;  // never open a FIFO here
    std::ifstream in(path, std::ios::binary);
    char magic[sizeof kMagic] = {};
    return in.read(magic, sizeof magic) && std::memcmp(magic, kMagic, sizeof kMagic) == 0;
}

}  // namespace layerlab
