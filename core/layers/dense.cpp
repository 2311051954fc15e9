#include "core/layers/dense.h"

#include <cmath>

#include "core/errors.h"
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

void Dense::initParams(std::mt19937_64& rng, bool heInit) {
    const double sd = heInit ? std::sqrt(2.0 / m_inputs) : std::sqrt(2.0 / (m_inputs + m_units));
    std::normal_distribution<double> dist(0.0, sd);
    for (long long i = 0; i < weightCount(); ++i) m_w[i] = float(dist(rng));
    std::fill(m_b, m_b + m_units, 0.0f);
}

// in: I x n (one sample a column), out: O x n.  out = W in + b
void Dense::forward(const float* in, float* out, int, int n, int, bool) {
    MapCol Y(out, m_units, n);
    Y.colwise() = CMapVec(m_b, m_units);
    Y.noalias() += CMapRow(m_w, m_units, m_inputs) * CMapCol(in, m_inputs, n);
}

// dW += dY X^T (O x I), db += sum over samples of dY (both skipped when frozen: dParams null),
// dX = W^T dY (or dX += W^T dY).
void Dense::backward(const float* in, const float*, const float* dOut, float* dIn, GradMode mode,
                     float* dParams, int, int n, int) {
    CMapCol dY(dOut, m_units, n);
    if (dParams) {
        MapRow(dParams, m_units, m_inputs).noalias() += dY * CMapCol(in, m_inputs, n).transpose();
        MapVec(dParams + weightCount(), m_units) += dY.rowwise().sum();
    }
    if (!dIn) return;
    MapCol dX(dIn, m_inputs, n);
    if (mode == GradMode::Add)
        dX.noalias() += CMapRow(m_w, m_units, m_inputs).transpose() * dY;
    else
        dX.noalias() = CMapRow(m_w, m_units, m_inputs).transpose() * dY;
}

}  // namespace layerlab
