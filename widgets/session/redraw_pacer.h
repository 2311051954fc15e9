#pragma once
// How often the studio drains a running training's metrics and redraws (TrainingController's timer).
//
// While training keeps every core busy, the GUI thread's drawing (charts, progress, feature maps, health)
// comes straight out of training's time. The pacer measures the GUI thread's CPU time between two drains
// and stretches the interval, up to maxMs, while that share of one core is above the budget; it shrinks
// back towards baseMs when the GUI has little to do. With cores to spare it keeps baseMs.

class RedrawPacer {
public:
    // budget: the share of one core the GUI thread may use while paced (0.03: 3%).
    RedrawPacer(int baseMs, int maxMs, double budget);

    // A run starts: paced when its training threads take every core.
    void start(bool paced);
    // At a drain: the GUI thread's CPU seconds and the wall seconds since the last call (or start). Returns
    // the interval for the next drain.
    int update(double guiCpuSeconds, double wallSeconds);
    // At a drain, measuring both itself (this thread's CPU clock, a monotonic clock).
    int update();

    int intervalMs() const { return m_interval; }
    // The interval over baseMs (1 when not stretched): other periodic GUI work (snapshots) scales with it.
    double stretch() const { return double(m_interval) / m_base; }
    // The GUI thread's smoothed share of one core over the last drains.
    double guiShare() const { return m_share; }

    // The calling thread's CPU time in seconds.
    static double threadCpuSeconds();

private:
    int m_base, m_max;
    double m_budget;
    bool m_paced = false;
    int m_interval;
    double m_share = 0;
    bool m_haveShare = false;
    double m_lastCpu = 0, m_lastWall = 0;
};

// The share of one core the studio's GUI may use while training takes every core of this machine: 1.5% of
// the machine (3% of one core on 2 cores).
double guiBudgetForCores(int cores);
