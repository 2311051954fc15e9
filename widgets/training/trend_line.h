#pragma once
// The trend of a noisy per-batch series (loss or accuracy of each training batch), drawn as the line through
// the dots. Point i's value is a least-squares line fitted to the batches in a window around i, evaluated at
// i. Inside the data the window is centred (2h + 1 batches), where the fit equals their mean; at the newest
// end, where later batches do not exist yet, the window keeps its size and reaches back instead, and the
// fitted line still follows a rising or falling trend. So the line runs through the middle of the dots from
// the first batch on, where a trailing average (even a bias-corrected EMA) lags behind a fast fall or rise:
// a straight ramp comes out exactly, at both ends.
// The half-width grows with the position, h(i) = min(maxHalfWidth, i / 4): the first batches, where the curve
// bends fastest, get the narrowest windows (the first four are the data themselves).
// Points whose window reaches past the newest batch change as batches arrive; the others are settled.
#include <vector>

class TrendLine {
public:
    explicit TrendLine(int maxHalfWidth = 10) { clear(maxHalfWidth); }
    // The window for a run with this many batches per epoch: about 10% of an epoch (3 to 50 batches each
    // side; the noise of 43 batches is calmed as much as by the exponential average with a 21-batch time
    // constant that the charts drew before), so it calms the noise of large datasets and still follows
    // small ones.
    static int halfWidthFor(int batchesPerEpoch);

    void clear(int maxHalfWidth);
    // Values the series cannot leave (accuracy 0..100 %, loss >= 0): a fitted line is clamped to them.
    void setLimits(double lo, double hi) {
        m_lo = lo;
        m_hi = hi;
    }
    void append(double y);
    int size() const { return int(m_y.size()); }
    const std::vector<double>& values() const { return m_trend; }
    double value(int i) const { return m_trend[std::size_t(i)]; }
    // The first index whose value changed since the last call (size() when none did); resets the mark.
    int takeChangedFrom();

private:
    int halfWidth(int i) const;
    double fitAt(int i) const;

    int m_maxHalfWidth = 10;
    double m_lo = -1e300, m_hi = 1e300;
    std::vector<double> m_y, m_trend;
    int m_unsettled = 0;  // points from here on may still change
    int m_changedFrom = 0;
};
