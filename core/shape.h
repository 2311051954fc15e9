#pragma once
// Shape of ONE sample flowing between layers. Batches add a leading N (NCHW, sample-major).
#include <string>
#include <vector>

namespace layerlab {

struct Shape {
    // Either flat {n} or spatial {c, h, w}.
    std::vector<int> dims;

    static Shape flat(int n) { return Shape{{n}}; }
    static Shape chw(int c, int h, int w) { return Shape{{c, h, w}}; }

    bool isFlat() const { return dims.size() == 1; }
    bool isSpatial() const { return dims.size() == 3; }
    int c() const { return dims.size() == 3 ? dims[0] : 1; }
    int h() const { return dims.size() == 3 ? dims[1] : 1; }
    int w() const { return dims.size() == 3 ? dims[2] : 1; }
    long long size() const {
        long long s = dims.empty() ? 0 : 1;
        for (int d : dims) s *= d;
        return s;
    }
    std::string toString() const;  // "64x5x5" or "1600"
    bool operator==(const Shape&) const = default;
};

}  // namespace layerlab
