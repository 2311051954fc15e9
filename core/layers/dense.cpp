#include "dense.h"

#include <cmath>

#include "eigen_maps.h"
#include "errors.h"
#include "parallel.h"

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

void Dense::bind(float* params, float* grads) {
    m_w = params;
    m_b = params + weightCount();
    m_dw = grads;
    m_db = grads + weightCount();
}

void Dense::initParams(std::mt19937_64& rng, bool heInit) {
    const double sd = heInit ? std::sqrt(2.0 / m_inputs) : std::sqrt(2.0 / (m_inputs + m_units));
    std::normal_distribution<double> dist(0.0, sd);
    for (long long i = 0; i < weightCount(); ++i) m_w[i] = float(dist(rng));
    std::fill(m_b, m_b + m_units, 0.0f);
}

void Dense::reserve(int, int chunks) { m_chunks = chunks; }

// in: I x n (one sample a column), out: O x n.  out = W in + b
void Dense::forward(const float* in, float* out, int n, bool) {
    CMapRow W(m_w, m_units, m_inputs);
    CMapVec b(m_b, m_units);
    parallelFor(m_chunks, [&](int c) {
        const auto r = chunkRange(n, m_chunks, c);
        if (r.end <= r.begin) return;
        CMapCol X(in + (long long)r.begin * m_inputs, m_inputs, r.end - r.begin);
        MapCol Y(out + (long long)r.begin * m_units, m_units, r.end - r.begin);
        Y.noalias() = W * X;
        Y.colwise() += b;
    });
}

// dW = dY X^T (O x I), db = sum over samples of dY, dX = W^T dY.
// dW is split by output rows, so no two tasks write the same memory and no reduction is needed.
void Dense::backward(const float* in, const float*, const float* dOut, float* dIn, int n) {
    CMapCol X(in, m_inputs, n);
    CMapCol dY(dOut, m_units, n);
    CMapRow W(m_w, m_units, m_inputs);
    parallelFor(m_chunks, [&](int c) {
        const auto rows = chunkRange(m_units, m_chunks, c);
        const int nr = rows.end - rows.begin;
        if (nr > 0) {
            MapRow dW(m_dw + (long long)rows.begin * m_inputs, nr, m_inputs);
            dW.noalias() = dY.middleRows(rows.begin, nr) * X.transpose();
            MapVec(m_db + rows.begin, nr) = dY.middleRows(rows.begin, nr).rowwise().sum();
        }
        if (dIn) {
            const auto r = chunkRange(n, m_chunks, c);
            if (r.end > r.begin) {
                MapCol dX(dIn + (long long)r.begin * m_inputs, m_inputs, r.end - r.begin);
                dX.noalias() = W.transpose() * dY.middleCols(r.begin, r.end - r.begin);
            }
        }
    });
}

}  // namespace layerlab
