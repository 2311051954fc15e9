#pragma once
// How a uint8 pixel becomes a network input: p / 255, in [0, 1]. Every path (training, evaluation, bench,
// snapshots) goes through this one function, so a model sees the same numbers wherever it runs.
// (Standardising to MNIST's mean and std was tried: no better after one epoch of the seed CNN.)
#include <cstddef>
#include <cstdint>

namespace layerlab {

void pixelsToInputs(const std::uint8_t* pixels, float* inputs, std::size_t count);

// Asks for an image's cache lines ahead of its pixelsToInputs (a hint: no effect on results).
inline void prefetchImage(const std::uint8_t* pixels, std::size_t count) {
    for (std::size_t i = 0; i < count; i += 64) __builtin_prefetch(pixels + i);
    if (count > 0) __builtin_prefetch(pixels + count - 1);
}

}  // namespace layerlab
