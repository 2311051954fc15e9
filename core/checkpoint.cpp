// Checkpoint file: "LLCKPT01", u32 version, u64 spec length, spec JSON, u64 param count, f32 params, u32
// CRC-32. All integers and floats little-endian. Every format version ends with the CRC-32 (zlib) of all
// preceding bytes, so a newer version can be told apart from a corrupt file.
#include "core/checkpoint.h"

#include <sys/stat.h>
#include <zlib.h>

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
// Version 3: an int8-quantized model, its quantization section after the params (checkpoint.h).
constexpr uint32_t kCheckpointVersion = 3;
constexpr uint32_t kQuantizedVersion = 3;
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

}  // namespace

void saveCheckpoint(const std::string& path, const ModelSpec& spec, const std::vector<float>& params,
                    const Quantization& quantization) {
    const std::string json = serializeModelSpec(spec);
    std::string out;
    out.reserve(kMinV1Bytes + json.size() + params.size() * 4);
    out.append(kMagic, sizeof kMagic);
    putU32(out, !quantization.empty() ? kQuantizedVersion : holdsRunningStatistics(spec.layers) ? 2 : 1);
    putU64(out, json.size());
    out += json;
    putU64(out, params.size());
    if constexpr (std::endian::native == std::endian::little) {
        out.append(reinterpret_cast<const char*>(params.data()), params.size() * sizeof(float));
    } else {
        for (float f : params) putU32(out, std::bit_cast<uint32_t>(f));
    }
    if (!quantization.empty()) {
        putU32(out, uint32_t(quantization.layers.size()));
        for (const QuantizedLayer& l : quantization.layers) {
            putU32(out, uint32_t(l.engineLayer));
            putU32(out, std::bit_cast<uint32_t>(l.inputScale));
            putU32(out, uint32_t(l.weightScales.size()));
            for (float f : l.weightScales) putU32(out, std::bit_cast<uint32_t>(f));
        }
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
                    if (version == kQuantizedVersion) {
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
    const bool quantized = version == kQuantizedVersion;
    if (count > paramBytesAvailable / 4 || (!quantized && count * 4 != paramBytesAvailable))
        fail(path, "is corrupt (parameter count " + std::to_string(count) + " does not match the file size " +
                       std::to_string(size) + ")");
    Quantization quantization;
    if (quantized) {
        // Every length checked against the bytes left before the CRC, never trusted for an allocation.
        size_t at = countAt + 8 + static_cast<size_t>(count) * 4;
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
        if (at != end) corrupt(std::to_string(end - at) + " stray bytes after the quantization section");
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
    const unsigned char* q = p + countAt + 8;
    if constexpr (std::endian::native == std::endian::little) {
        if (count) std::memcpy(ck.params.data(), q, static_cast<size_t>(count) * 4);
    } else {
        for (size_t i = 0; i < ck.params.size(); ++i) ck.params[i] = std::bit_cast<float>(getU32(q + 4 * i));
    }
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
