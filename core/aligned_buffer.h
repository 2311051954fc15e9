#pragma once
// Float buffers aligned for the widest SIMD loads Eigen uses. Alignment is not only speed: Eigen peels loops
// by address, so an unaligned buffer may sum in another order; aligned buffers keep runs bit-identical.
#include <Eigen/Core>
#include <vector>

namespace layerlab {

using FloatBuffer = std::vector<float, Eigen::aligned_allocator<float>>;

}  // namespace layerlab
