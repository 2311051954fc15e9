// TrainingBuffer, the worker-to-GUI queue: a producer thread appends as the trainer does while the test
// thread drains as the GUI timer does. Nothing is lost, duplicated or reordered, and the time to the last
// batch only grows. scripts/test.sh --tsan runs it under ThreadSanitizer.
#include <QTest>
#include <thread>

#include "widgets/session/training_buffer.h"

using layerlab::BatchMetrics;
using layerlab::EpochMetrics;

class TestTrainingBuffer : public QObject {
    Q_OBJECT
private slots:
    void drainingWhileTheWorkerAppendsLosesNothing();
    void emptyBeforeTheFirstBatch();
};

void TestTrainingBuffer::drainingWhileTheWorkerAppendsLosesNothing() {
    constexpr int kEpochs = 20, kBatches = 500;
    TrainingBuffer buffer;
    buffer.markRunStarted();
    std::thread worker([&] {
        for (int e = 1; e <= kEpochs; ++e) {
            for (int b = 1; b <= kBatches; ++b) {
                BatchMetrics m;
                m.epoch = e;
                m.batch = b;
                m.batchesPerEpoch = kBatches;
                m.loss = 1.0 / (e * kBatches + b);
                buffer.onBatchEnd(m);
            }
            EpochMetrics em;
            em.epoch = e;
            buffer.onEpochEnd(em);
        }
    });

    int batches = 0, epochs = 0;
    double lastSeconds = 0;
    while (epochs < kEpochs) {
        const TrainingBuffer::Drained d = buffer.drain();
        for (const BatchMetrics& m : d.batches) {
            // In order: the n-th batch seen is batch n of the whole run.
            QCOMPARE((m.epoch - 1) * kBatches + m.batch, batches + 1);
            QCOMPARE(m.loss, 1.0 / (m.epoch * kBatches + m.batch));
            ++batches;
        }
        for (const EpochMetrics& em : d.epochs) QCOMPARE(em.epoch, ++epochs);
        QVERIFY(epochs * kBatches <= batches);  // an epoch never arrives before its batches
        const double s = buffer.secondsToLastBatch();
        QVERIFY(s >= lastSeconds);
        lastSeconds = s;
        std::this_thread::yield();
    }
    worker.join();
    QVERIFY(buffer.drain().empty());
    QCOMPARE(batches, kEpochs * kBatches);
}

void TestTrainingBuffer::emptyBeforeTheFirstBatch() {
    TrainingBuffer buffer;
    buffer.markRunStarted();
    QVERIFY(buffer.drain().empty());
    QCOMPARE(buffer.secondsToLastBatch(), 0.0);
}

QTEST_GUILESS_MAIN(TestTrainingBuffer)
#include "tst_training_buffer.moc"
