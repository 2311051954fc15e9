// widgets/session/snapshot_computer: a snapshot of a model that is not training is computed on a helper
// thread and equals the one computed directly; requests made while one runs replace the queued one, so only
// the newest is announced; a bad request is a failure with the reason.
#include <QSignalSpy>
#include <QtTest>
#include <cmath>
#include <cstring>

#include "core/shape_inference.h"
#include "core/snapshot.h"
#include "tests/support/model_fixtures.h"
#include "widgets/session/snapshot_computer.h"

using namespace layerlab;

namespace {

std::vector<float> someParams(const ModelSpec& spec) {
    std::vector<float> p(size_t(inferShapes(spec).params));
    for (size_t i = 0; i < p.size(); ++i) p[i] = 0.05f * float(std::sin(double(i) * 0.37));
    return p;
}

std::vector<std::uint8_t> someImage(int seed) {
    std::vector<std::uint8_t> img(28 * 28);
    for (size_t i = 0; i < img.size(); ++i) img[i] = std::uint8_t((i * 7 + size_t(seed) * 31) % 256);
    return img;
}

bool sameBits(const std::vector<float>& a, const std::vector<float>& b) {
    return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0;
}

}  // namespace

class TestSnapshotComputer : public QObject {
    Q_OBJECT
private slots:
    void equalsTheDirectSnapshot() {
        const ModelSpec spec = test::subsetMlp(1);
        const auto params = someParams(spec);
        const auto image = someImage(1);
        SnapshotComputer computer;
        QSignalSpy ready(&computer, &SnapshotComputer::ready);
        computer.compute(spec, params, image, 3);
        QVERIFY(ready.wait(10000));
        const auto got = ready.first().first().value<std::shared_ptr<const Snapshot>>();
        const Snapshot want = snapshotFromParams(spec, params, image.data(), 3);
        QCOMPARE(got->label, 3);
        QCOMPARE(got->predicted, want.predicted);
        QVERIFY(sameBits(got->probabilities, want.probabilities));
        QCOMPARE(got->layers.size(), spec.layers.size());
        for (size_t i = 0; i < want.layers.size(); ++i)
            QVERIFY2(sameBits(got->layers[i].activation, want.layers[i].activation),
                     qPrintable(QStringLiteral("layer %1's activations differ").arg(i + 1)));
    }

    // A, B, C requested at once: A runs, C replaces B in the queue; A's result is dropped (a newer request
    // was waiting), so only C is announced.
    void onlyTheNewestIsAnnounced() {
        const ModelSpec spec = test::subsetMlp(1);
        const auto params = someParams(spec);
        SnapshotComputer computer;
        QSignalSpy ready(&computer, &SnapshotComputer::ready);
        computer.compute(spec, params, someImage(1), 1);
        computer.compute(spec, params, someImage(2), 2);
        computer.compute(spec, params, someImage(3), 3);
        QVERIFY(ready.wait(10000));
        QTest::qWait(100);
        QCOMPARE(ready.count(), 1);
        const auto got = ready.first().first().value<std::shared_ptr<const Snapshot>>();
        QCOMPARE(got->label, 3);
        const auto image3 = someImage(3);
        QVERIFY(
            sameBits(got->probabilities, snapshotFromParams(spec, params, image3.data(), 3).probabilities));
    }

    void wrongParamsFail() {
        const ModelSpec spec = test::subsetMlp(1);
        auto params = someParams(spec);
        params.pop_back();
        SnapshotComputer computer;
        QSignalSpy ready(&computer, &SnapshotComputer::ready);
        QSignalSpy failed(&computer, &SnapshotComputer::failed);
        computer.compute(spec, params, someImage(1), 0);
        QVERIFY(failed.wait(10000));
        QCOMPARE(ready.count(), 0);
        QVERIFY(!failed.first().first().toString().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestSnapshotComputer)
#include "tst_snapshot_computer.moc"
