#include "core/layers/dense.h"

#include <cmath>

#include "core/errors.h"
#include "core/kernels/gemm.h"
#include "core/layers/eigen_maps.h"

namespace layerlab {

Shape Dense::configure(const Shape& in) {
    if (!in.isFlat())
        throw SpecError("needs a flat input but gets " + in.toString() + ": add Flatten before it");
    if (m_units <= 0) throw SpecError("units must be at least 1");
    m_in = in;
    m_inputs = int(in.size());
    m_out = Shape::flat(m_units);
    return m_out;
}

void Dense::bind(float* params) {
    m_w = params;
    m_b = params + weightCount();
}

void Dense::initParams(std::mt19937_64& rng, const InitChoice& init) {
    initWeights(m_w, weightCount(), m_inputs, m_units, init, rng);
    std::fill(m_b, m_b + m_units, 0.0f);
}

// in: I x n (one sample a column), out: O x n.  out = W in + b
void Dense::forward(const float* in, float* out, int, int n, int, bool) {
    MapCol Y(out, m_units, n);
    Y.colwise() = CMapVec(m_b, m_units);
    gemm(m_units, n, m_inputs, m_w, Order::RowMajor, in, Order::ColMajor, out, Order::ColMajor, true);
}

// dW += dY X^T (O x I), db += sum over samples of dY (both skipped when frozen: dParams null),
// dX = W^T dY (or dX += W^T dY).
// X^T (n x I) is X's column-major memory read row-major; W^T (I x O) is W's row-major memory read
// column-major.
void Dense::backward(const float* in, const float*, const float* dOut, float* dIn, GradMode mode,
                     float* dParams, int, int n, int) {
    if (dParams) {
        gemm(m_units, m_inputs, n, dOut, Order::ColMajor, in, Order::RowMajor, dParams, Order::RowMajor,
             true);
        MapVec(dParams + weightCount(), m_units) += CMapCol(dOut, m_units, n).rowwise().sum();
    }
    if (!dIn) return;
    gemm(m_inputs, n, m_units, m_w, Order::ColMajor, dOut, Order::ColMajor, dIn, Order::ColMajor,
         mode == GradMode::Add);
}

}  // namespace layerlab
