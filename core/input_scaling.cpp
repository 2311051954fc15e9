#include "core/input_scaling.h"

namespace layerlab {

void pixelsToInputs(const std::uint8_t* pixels, float* inputs, std::size_t count) {
    for (std::size_t i = 0; i < count; ++i) inputs[i] = pixels[i] * (1.0f / 255.0f);
}

}  // namespace layerlab
