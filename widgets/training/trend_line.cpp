#include "widgets/training/trend_line.h"

#include <algorithm>

int TrendLine::halfWidthFor(int batchesPerEpoch) {
    return std::clamp(batchesPerEpoch / 20, 3, 50);
}

void TrendLine::clear(int maxHalfWidth) {
    m_maxHalfWidth = std::max(0, maxHalfWidth);
    m_y.clear();
    m_trend.clear();
    m_unsettled = 0;
    m_changedFrom = 0;
}

int TrendLine::halfWidth(int i) const {
    return std::min(m_maxHalfWidth, i / 4);
}

// Least squares over the window, with t = k - i so the intercept is the value at i:
//   slope = (m Σty - Σt Σy) / (m Σt² - (Σt)²),  value = (Σy - slope Σt) / m.
double TrendLine::fitAt(int i) const {
    const int n = size();
    const int h = halfWidth(i);
    const int last = std::min(i + h, n - 1);
    const int first = std::max(0, last - 2 * h);
    const double m = last - first + 1;
    double st = 0, stt = 0, sy = 0, sty = 0;
    for (int k = first; k <= last; ++k) {
        const double t = k - i, y = m_y[std::size_t(k)];
        st += t;
        stt += t * t;
        sy += y;
        sty += t * y;
    }
    const double den = m * stt - st * st;
    const double slope = den > 0 ? (m * sty - st * sy) / den : 0.0;
    return std::clamp((sy - slope * st) / m, m_lo, m_hi);
}

void TrendLine::append(double y) {
    m_y.push_back(y);
    m_trend.push_back(y);
    const int n = size();
    for (int i = m_unsettled; i < n; ++i) m_trend[std::size_t(i)] = fitAt(i);
    m_changedFrom = std::min(m_changedFrom, m_unsettled);
    // i + h(i) never decreases with i, so the settled points are a prefix.
    while (m_unsettled < n && m_unsettled + halfWidth(m_unsettled) <= n - 1) ++m_unsettled;
}

int TrendLine::takeChangedFrom() {
    const int from = std::min(m_changedFrom, size());
    m_changedFrom = size();
    return from;
}
