#pragma once
// Maps floats to colours for weight and activation images.
//   Diverging: blue (-limit) .. white (0) .. red (+limit), symmetric around 0, for weights.
//   Sequential: dark .. bright (viridis-like), for non-negative activations.
// `limit` is the value drawn at full saturation; values beyond it are clamped.
#include <QColor>
#include <QImage>
#include <QRgb>
#include <span>

class Colormap {
public:
    enum class Kind { Diverging, Sequential };

    Colormap(Kind kind, float lo, float hi);
    // Symmetric diverging map over [-limit, limit] (limit > 0; a zero limit becomes 1e-6).
    static Colormap diverging(float limit);
    // Sequential map over [lo, hi].
    static Colormap sequential(float lo, float hi);
    // Picks diverging when `values` has negatives (limit = max |v|), sequential over [0, max] otherwise.
    static Colormap fitting(std::span<const float> values);

    Kind kind() const { return m_kind; }
    float lo() const { return m_lo; }
    float hi() const { return m_hi; }

    QRgb map(float v) const;
    // t in [0, 1] along the map (0 = lo end).
    QRgb at(double t) const;

    // rows x cols floats (row-major) as an image scaled up by `scale` (nearest neighbour, so pixels stay
    // sharp: a 3x3 kernel at scale 8 becomes 24x24).
    QImage image(const float* values, int rows, int cols, int scale) const;

private:
    static constexpr int kLutSize = 257;  // odd, so 0 of a diverging map hits the middle entry exactly
    void buildLut();

    Kind m_kind;
    float m_lo, m_hi;
    QRgb m_lut[kLutSize];  // map() looks colours up here instead of interpolating per value
};
