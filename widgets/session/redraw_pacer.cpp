#include "widgets/session/redraw_pacer.h"

#include <algorithm>
#include <cmath>
#include <ctime>

namespace {
double monotonicSeconds() {
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return double(ts.tv_sec) + ts.tv_nsec / 1e9;
}
}  // namespace

RedrawPacer::RedrawPacer(int baseMs, int maxMs, double budget)
    : m_base(std::max(1, baseMs)), m_max(std::max(m_base, maxMs)), m_budget(budget), m_interval(m_base) {}

double RedrawPacer::threadCpuSeconds() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + ts.tv_nsec / 1e9;
}

void RedrawPacer::start(bool paced) {
    m_paced = paced;
    m_interval = m_base;
    m_share = 0;
    m_haveShare = false;
    m_lastCpu = threadCpuSeconds();
    m_lastWall = monotonicSeconds();
}

int RedrawPacer::update() {
    const double cpu = threadCpuSeconds(), wall = monotonicSeconds();
    const int next = update(cpu - m_lastCpu, wall - m_lastWall);
    m_lastCpu = cpu;
    m_lastWall = wall;
    return next;
}

int RedrawPacer::update(double guiCpuSeconds, double wallSeconds) {
    if (!(wallSeconds > 0) || !std::isfinite(guiCpuSeconds)) return m_interval;
    const double share = std::clamp(guiCpuSeconds / wallSeconds, 0.0, 1.0);
    m_share = m_haveShare ? 0.7 * m_share + 0.3 * share : share;
    m_haveShare = true;
    if (!m_paced) return m_interval = m_base;
    // The GUI's work is mostly per drain, so its share falls about as the interval grows: steps of a
    // quarter, up while above the budget, down while well under it (no see-saw around it).
    if (m_share > m_budget)
        m_interval = std::min(m_max, int(std::lround(m_interval * 1.25)));
    else if (m_share < 0.6 * m_budget)
        m_interval = std::max(m_base, int(std::lround(m_interval / 1.25)));
    return m_interval;
}

double guiBudgetForCores(int cores) {
    return 0.015 * std::max(1, cores);
}
