// widgets/runs/sweep_results: a sweep's trials in a table sorted by the metric, and the metric against each
// varied setting (a log axis for a log-scaled setting, categories for named values); clicking a point or a
// row selects that trial in both and names its run folder; trials not run yet are listed, not drawn; CSV
// and PNG export.
#include <qcustomplot.h>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

#include "core/sweep.h"
#include "tests/support/model_fixtures.h"
#include "widgets/runs/sweep_results.h"

using namespace layerlab;

class TestSweepResults : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void tableIsSortedByTheMetric();
    void chartHasOneScatterPerSettingWithTheRightScale();
    void clickingAPointOrARowSelectsTheTrial();
    void exportsCsvAndPng();

private:
    QTemporaryDir m_tmp;
    SweepState m_state;
};

// lr (0.1, 0.01, 0.001: a log scale) x optimizer (adam, sgd: names), 6 trials; the last has not run yet.
void TestSweepResults::initTestCase() {
    QVERIFY(m_tmp.isValid());
    const ModelSpec spec = test::subsetMlp(1);
    m_state.id = "sweep-test";
    m_state.metric = "val_accuracy";
    m_state.axes = {parseSweepAxis("lr=0.1,0.01,0.001", spec), parseSweepAxis("optimizer=adam,sgd", spec)};
    const double val[] = {0.50, 0.62, 0.91, 0.85, 0.95, 0.0};
    int k = 0;
    for (const SweepTrial& t : planSweep(m_state.axes, 0, 1)) {
        SweepTrialState s;
        s.trial = t;
        if (k < 5) {
            s.done = true;
            s.run = "run-" + std::to_string(k);
            s.status = "finished";
            s.valAccuracy = val[k];
            s.testAccuracy = val[k] - 0.01;
            s.seconds = 10 + k;
        }
        m_state.trials.push_back(s);
        ++k;
    }
}

void TestSweepResults::tableIsSortedByTheMetric() {
    SweepResults r;
    r.setSweep(m_state, m_tmp.path());
    QTableWidget* t = r.table();
    QCOMPARE(t->rowCount(), 6);
    QCOMPARE(t->columnCount(), 1 + 2 + 5);  // #, lr, optimizer, max val, test, time, status, run
    QCOMPARE(t->horizontalHeaderItem(1)->text(), QStringLiteral("Learning rate"));
    QCOMPARE(t->horizontalHeaderItem(3)->text(), QStringLiteral("Max val acc"));
    QVERIFY(t->horizontalHeaderItem(3)->font().bold());  // the sweep's metric
    // Best first: trial 5 (0.95), then 3 (0.91), 4 (0.85), 2, 1; the trial not run yet last.
    QStringList order;
    for (int row = 0; row < 6; ++row) order << t->item(row, 0)->text();
    QCOMPARE(order, (QStringList{"5", "3", "4", "2", "1", "6"}));
    QCOMPARE(t->item(0, 1)->text(), QStringLiteral("0.001"));
    QCOMPARE(t->item(0, 2)->text(), QStringLiteral("adam"));
    QCOMPARE(t->item(0, 3)->text(), QStringLiteral("95.00 %"));
    QCOMPARE(t->item(5, 6)->text(), QStringLiteral("not run yet"));
    // Sorting by a setting sorts its numbers as numbers.
    t->sortByColumn(1, Qt::AscendingOrder);
    QCOMPARE(t->item(0, 1)->text(), QStringLiteral("0.001"));
    QCOMPARE(t->item(5, 1)->text(), QStringLiteral("0.1"));
}

void TestSweepResults::chartHasOneScatterPerSettingWithTheRightScale() {
    SweepResults r;
    r.setSweep(m_state, m_tmp.path());
    QCOMPARE(r.plot()->axisRects().size(), 2);
    QVERIFY(r.isLogAxis(0));   // lr 0.1 .. 0.001
    QVERIFY(!r.isLogAxis(1));  // names
    QCOMPARE(r.plot()->axisRects()[0]->axis(QCPAxis::atBottom)->scaleType(), QCPAxis::stLogarithmic);
    QCOMPARE(r.plot()->axisRects()[1]->axis(QCPAxis::atBottom)->scaleType(), QCPAxis::stLinear);
    QVERIFY(r.plot()->axisRects()[0]->axis(QCPAxis::atBottom)->label().startsWith("Learning rate"));
    QCOMPARE(r.pointX(0, 2), 0.01);
    QCOMPARE(r.pointX(1, 2), 0.0);  // adam: the first category
    QCOMPARE(r.pointX(1, 3), 1.0);  // sgd
    // Each scatter holds the 5 trials that ran (the 6th has no result), at their metric in %.
    for (QCPAxisRect* rect : r.plot()->axisRects()) {
        QCPCurve* points = qobject_cast<QCPCurve*>(rect->plottables().front());
        QVERIFY(points);
        QCOMPARE(points->dataCount(), 5);
        QCOMPARE(points->data()->at(4)->value, 95.0);
    }
    QCOMPARE(r.pointPosition(0, 5), QPointF(-1, -1));
}

void TestSweepResults::clickingAPointOrARowSelectsTheTrial() {
    SweepResults r;
    r.resize(1000, 360);
    r.setSweep(m_state, m_tmp.path());
    r.show();
    QVERIFY(QTest::qWaitForWindowExposed(&r));
    r.plot()->replot();
    QSignalSpy selected(&r, &SweepResults::trialSelected);
    // Click trial 3 (lr 0.01, sgd) on the optimizer scatter.
    const QPointF p = r.pointPosition(1, 3);
    QVERIFY(p.x() > 0);
    QCOMPARE(r.trialAt(p), 3);
    QTest::mouseClick(r.plot(), Qt::LeftButton, {}, (p + QPointF(2, -1)).toPoint());
    QCOMPARE(selected.count(), 1);
    QCOMPARE(selected[0][0].toInt(), 3);
    QCOMPARE(selected[0][1].toString(), m_tmp.path() + "/run-3");
    QCOMPARE(r.selectedTrial(), 3);
    // The row of trial 3 is selected, and trial 3 is ringed on both scatters.
    const QList<QTableWidgetItem*> items = r.table()->selectedItems();
    QVERIFY(!items.isEmpty());
    QCOMPARE(r.table()->item(items.front()->row(), 0)->text(), QStringLiteral("4"));
    for (QCPAxisRect* rect : r.plot()->axisRects()) {
        QCPCurve* ring = qobject_cast<QCPCurve*>(rect->plottables().back());
        QCOMPARE(ring->dataCount(), 1);
        QCOMPARE(ring->data()->at(0)->value, 85.0);
    }
    // A click far from any point selects nothing.
    QTest::mouseClick(r.plot(), Qt::LeftButton, {}, QPoint(r.plot()->width() - 3, 3));
    QCOMPARE(selected.count(), 1);
    // Clicking a row selects its trial.
    r.table()->selectRow(0);  // the best: trial 5 (index 4)
    QCOMPARE(selected.count(), 2);
    QCOMPARE(selected[1][0].toInt(), 4);
    QCOMPARE(r.selectedTrial(), 4);
    // The selection stays when the same sweep is shown again (a trial ended).
    r.setSweep(m_state, m_tmp.path());
    QCOMPARE(r.selectedTrial(), 4);
    r.plot()->replot();
    if (qEnvironmentVariableIsSet("LAYERLAB_TEST_SHOTS"))
        r.grab().save(qEnvironmentVariable("LAYERLAB_TEST_SHOTS") + "/sweep_results.png");
}

void TestSweepResults::exportsCsvAndPng() {
    SweepResults r;
    r.setSweep(m_state, m_tmp.path());
    const QString csv = m_tmp.filePath("sweep.csv");
    QCOMPARE(r.exportCsv(csv), QString());
    QFile f(csv);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(f.readAll()).split('\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 1 + 6);
    QCOMPARE(lines[0],
             QStringLiteral(
                 "trial,optimizer.learning_rate,optimizer.type,val_accuracy,test_accuracy,seconds,status,"
                 "done,run"));
    QVERIFY2(lines[5].startsWith(QStringLiteral("5,0.001,adam,0.95,0.94,14,finished,1,")),
             qPrintable(lines[5]));
    QVERIFY(lines[6].startsWith(QStringLiteral("6,0.001,sgd,,,,,0,")));
    const QString png = m_tmp.filePath("sweep.png");
    QCOMPARE(r.exportPng(png), QString());
    QImage image(png);
    QVERIFY(!image.isNull());
    QVERIFY(image.width() >= 600);
    QVERIFY(!r.exportPng(m_tmp.path()).isEmpty());  // a folder is refused
}

QTEST_MAIN(TestSweepResults)
#include "tst_sweep_results.moc"
