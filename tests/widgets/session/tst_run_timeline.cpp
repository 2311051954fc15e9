// Where a run sits on the session's charts: a fresh run from epoch 0; a run that continues a stopped one
// after every epoch that one began (a partly run epoch keeps its place), renumbering batches, epochs, the
// best epoch and the result's epochs.
#include <QTest>

#include "widgets/session/run_timeline.h"

using layerlab::BatchMetrics;
using layerlab::EpochMetrics;
using layerlab::TrainResult;

namespace {
BatchMetrics batch(int epoch, int b, int perEpoch = 10) {
    BatchMetrics m;
    m.epoch = epoch;
    m.batch = b;
    m.batchesPerEpoch = perEpoch;
    return m;
}
}  // namespace

class TestRunTimeline : public QObject {
    Q_OBJECT
private slots:
    void freshRunsStartAtZero();
    void continuedRunFollowsTheStoppedOne();
    void continuingTwiceAddsUp();
};

void TestRunTimeline::freshRunsStartAtZero() {
    RunTimeline t;
    t.startFresh();
    QCOMPARE(t.offset(), 0);
    const auto shifted = t.shifted(QVector<BatchMetrics>{batch(1, 3)});
    QCOMPARE(shifted[0].epoch, 1);
    QCOMPARE(shifted[0].epochPosition(), 0.3);
    QCOMPARE(t.lastBatch().batchesPerEpoch, 0);  // nothing recorded yet
}

void TestRunTimeline::continuedRunFollowsTheStoppedOne() {
    RunTimeline t;
    t.startFresh();
    t.record({batch(1, 10), batch(2, 1), batch(2, 4)});  // stopped in epoch 2, batch 4 of 10
    QCOMPARE(t.lastBatch().epoch, 2);
    QCOMPARE(t.lastBatch().batch, 4);
    t.continueRun();
    QCOMPARE(t.offset(), 2);  // epoch 2 was begun: the new run's epoch 1 is drawn as epoch 3
    const auto b = t.shifted(QVector<BatchMetrics>{batch(1, 1)});
    QCOMPARE(b[0].epoch, 3);
    QCOMPARE(b[0].batch, 1);
    QCOMPARE(b[0].epochPosition(), 2.1);
    EpochMetrics e;
    e.epoch = 1;
    QCOMPARE(t.shifted(e).epoch, 3);
    TrainResult r;
    r.epochs = {e, e};
    r.epochs[1].epoch = 2;
    r.bestEpoch = 2;
    const TrainResult s = t.shifted(r);
    QCOMPARE(s.epochs[0].epoch, 3);
    QCOMPARE(s.epochs[1].epoch, 4);
    QCOMPARE(s.bestEpoch, 4);
    r.bestEpoch = 0;  // none: stays none
    QCOMPARE(t.shifted(r).bestEpoch, 0);
    // Snapshots: a renumbered copy; one taken before training (epoch 0) stays as it is.
    auto snap = std::make_shared<layerlab::Snapshot>();
    snap->epoch = 1;
    snap->batch = 7;
    const auto moved = t.shifted(std::shared_ptr<const layerlab::Snapshot>(snap));
    QCOMPARE(moved->epoch, 3);
    QCOMPARE(moved->batch, 7);
    QCOMPARE(snap->epoch, 1);  // the original is shared with other views: untouched
    snap->epoch = 0;
    QCOMPARE(t.shifted(std::shared_ptr<const layerlab::Snapshot>(snap)).get(), snap.get());
    // A fresh start forgets it all.
    t.startFresh();
    QCOMPARE(t.offset(), 0);
    QCOMPARE(t.shifted(e).epoch, 1);
}

void TestRunTimeline::continuingTwiceAddsUp() {
    RunTimeline t;
    t.startFresh();
    t.record({batch(3, 10)});  // stopped at the end of epoch 3
    t.continueRun();
    QCOMPARE(t.offset(), 3);
    t.record({batch(1, 5)});  // the continued run stopped in its epoch 1 = the session's epoch 4
    QCOMPARE(t.lastBatch().epoch, 4);
    t.continueRun();
    QCOMPARE(t.offset(), 4);
    QCOMPARE(t.shifted(QVector<BatchMetrics>{batch(1, 1)})[0].epoch, 5);
}

QTEST_GUILESS_MAIN(TestRunTimeline)
#include "tst_run_timeline.moc"
