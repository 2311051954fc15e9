#include "core/shape.h"

namespace layerlab {

std::string Shape::toString() const {
    std::string s;
    for (size_t i = 0; i < dims.size(); ++i) {
        if (i) s += 'x';
        s += std::to_string(dims[i]);
    }
    return s.empty() ? "(empty)" : s;
}

}  // namespace layerlab
