// libFuzzer target: loadCheckpoint (core/checkpoint.cpp), then what `layerlab-cli evaluate` and the studio
// do with an accepted checkpoint: check the model, build the network, load the weights, run one image.
// Each input is read twice: as it is (the CRC-32 guards the rest, so this fuzzes the framing checks), and
// with its last four bytes replaced by the right CRC-32, so mutations of the lengths, the spec JSON and the
// weights get past the checksum.
// Version 3 (int8) checkpoints: the seed corpus has one that layerlab-cli compress makes (scripts/fuzz.sh).
// Properties: only CheckpointError escapes loadCheckpoint; an accepted checkpoint's model either fails
// validation with a SpecError or builds a network that runs.
#include <zlib.h>

#include <algorithm>
#include <cstdint>
#include <vector>

#include "core/checkpoint.h"
#include "core/errors.h"
#include "core/network.h"
#include "core/parallel.h"
#include "core/shape_inference.h"
#include "tests/fuzz/fuzz_support.h"

namespace {

// Networks beyond these sizes are skipped (checked before any allocation), to keep each run fast.
constexpr long long kMaxParams = 200000;
constexpr long long kMaxActivations = 2000000;

void use(const layerlab::Checkpoint& ck) {
    const layerlab::ModelInfo info = layerlab::inferShapes(ck.spec);
    if (!info.ok()) return;  // the CLI and the studio refuse it with info.error
    if (info.params > kMaxParams || info.activationFloatsPerSample > kMaxActivations) return;
    if (info.params != (long long)ck.params.size()) return;  // Trainer::setInitialParams refuses it
    static layerlab::ThreadArena arena(1);
    arena.execute([&] {
        try {
            layerlab::Network net(ck.spec);
            net.reserve(1, 1);
            net.setLogitsOutput(ck.spec.training.loss == layerlab::LossType::CrossEntropy);
            std::copy(ck.params.begin(), ck.params.end(), net.params().begin());
            // A quantized (version 3 or 4) checkpoint runs with its activations quantized, as the CLI runs
            // it.
            if (!ck.quantization.empty())
                net.setInputQuantization(ck.quantization.inputScales(net.layerCount()));
            std::vector<float> image(size_t(net.inputSize()), 0.5f);
            net.forward(image.data(), 1, false);
        } catch (const layerlab::SpecError&) {
            // e.g. too little memory for the buffers: refused with a message
        }
    });
}

void load(const std::vector<std::uint8_t>& bytes) {
    layerlab::Checkpoint ck;
    try {
        ck = layerlab::loadCheckpoint(fuzz::writeScratch(bytes.data(), bytes.size()));
    } catch (const layerlab::CheckpointError&) {
        return;  // refused with a message: fine
    }
    use(ck);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::vector<std::uint8_t> bytes(data, data + size);
    load(bytes);
    if (size >= 4) {
        const uLong crc = crc32(crc32(0L, Z_NULL, 0), data, uInt(size - 4));
        for (int i = 0; i < 4; ++i) bytes[size - 4 + i] = std::uint8_t(crc >> (8 * i));
        if (!std::equal(bytes.begin(), bytes.end(), data)) load(bytes);
    }
    return 0;
}
