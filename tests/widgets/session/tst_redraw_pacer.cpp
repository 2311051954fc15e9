// widgets/session/redraw_pacer.cpp: the studio's drain interval while a training takes every core.
#include <QtTest>

#include "widgets/session/redraw_pacer.h"

class TestRedrawPacer : public QObject {
    Q_OBJECT
private slots:
    void stretchesUntilTheGuiIsWithinItsBudget();
    void comesBackWhenTheGuiIsIdle();
    void keepsTheBaseWithCoresToSpare();
    void measuresThisThreadsCpu();
    void budgetGrowsWithTheCores();
};

namespace {
// A GUI whose work is `perDrainMs` of CPU each drain: the pacer's interval after `drains` drains.
int settle(RedrawPacer& p, double perDrainMs, int drains) {
    for (int i = 0; i < drains; ++i) p.update(perDrainMs / 1000.0, p.intervalMs() / 1000.0);
    return p.intervalMs();
}
}  // namespace

// 6 ms of drawing a drain is 7.5% of a core at 80 ms: over a 3% budget. The interval grows until the share
// is within it (6 / 0.03 = 200 ms) and stays between that and where it would shrink again (6 / 0.018 =
// 333 ms); it never passes the maximum.
void TestRedrawPacer::stretchesUntilTheGuiIsWithinItsBudget() {
    RedrawPacer p(80, 400, 0.03);
    p.start(true);
    QCOMPARE(p.intervalMs(), 80);
    const int settled = settle(p, 6.0, 60);
    QVERIFY2(settled >= 200 && settled <= 333, qPrintable(QString::number(settled)));
    QVERIFY(p.guiShare() <= 0.03 + 1e-9);
    QCOMPARE(p.stretch(), settled / 80.0);
    // Much heavier drawing: held at the maximum.
    QCOMPARE(settle(p, 40.0, 60), 400);
    QVERIFY(p.guiShare() > 0.03);
}

void TestRedrawPacer::comesBackWhenTheGuiIsIdle() {
    RedrawPacer p(80, 400, 0.03);
    p.start(true);
    QCOMPARE(settle(p, 40.0, 60), 400);
    QCOMPARE(settle(p, 0.5, 60), 80);  // 0.6% of a core at 80 ms
    QCOMPARE(p.stretch(), 1.0);
    // A new run starts from the base again.
    settle(p, 40.0, 60);
    p.start(true);
    QCOMPARE(p.intervalMs(), 80);
}

// Training on fewer threads than cores leaves the GUI a core: never stretched, the share still measured.
void TestRedrawPacer::keepsTheBaseWithCoresToSpare() {
    RedrawPacer p(80, 400, 0.03);
    p.start(false);
    QCOMPARE(settle(p, 40.0, 60), 80);
    QVERIFY(p.guiShare() > 0.4);
    // Nonsense clock readings change nothing.
    p.start(true);
    QCOMPARE(p.update(1.0, 0.0), 80);
    QCOMPARE(p.update(std::nan(""), 0.08), 80);
}

void TestRedrawPacer::measuresThisThreadsCpu() {
    RedrawPacer p(80, 400, 0.03);
    p.start(true);
    // Busy until this thread has used 40 ms of CPU (however long that takes on a loaded machine): far above
    // 3% of the time since start() unless that took more than 1.3 s.
    const double before = RedrawPacer::threadCpuSeconds();
    volatile double x = 0;
    QElapsedTimer t;
    t.start();
    while (RedrawPacer::threadCpuSeconds() - before < 0.04 && t.elapsed() < 1000) x = x + 1;
    QVERIFY(RedrawPacer::threadCpuSeconds() - before >= 0.04);
    QCOMPARE(p.update(), 100);  // one step of a quarter up
    QVERIFY(p.guiShare() > 0.03);
}

void TestRedrawPacer::budgetGrowsWithTheCores() {
    QCOMPARE(guiBudgetForCores(2), 0.03);
    QCOMPARE(guiBudgetForCores(16), 0.24);
    QCOMPARE(guiBudgetForCores(0), 0.015);
}

QTEST_GUILESS_MAIN(TestRedrawPacer)
#include "tst_redraw_pacer.moc"
