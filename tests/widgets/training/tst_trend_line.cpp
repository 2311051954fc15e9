// widgets/training/trend_line.cpp: the line through the per-batch dots follows the data from the first batch
// (no lag behind a fall or rise), calms the noise, and settles as batches arrive.
#include <QtTest>

#include <cmath>
#include <random>

#include "widgets/training/trend_line.h"

class TestTrendLine : public QObject {
    Q_OBJECT
private slots:
    void straightRampComesOutExactlyAtBothEnds();
    void followsAFastNoisyFallFromTheFirstBatch();
    void twoBatchesPerEpochStayWithTheDots();
    void staysWithinTheLimits();
    void growingOneBatchAtATimeGivesTheSameLine();
    void windowIsAboutTenPercentOfAnEpoch();
};

namespace {
// A learning curve: accuracy in % rising from 10 towards 98 with time constant tau batches.
double curve(int i, double tau) {
    return 98.0 - 88.0 * std::exp(-i / tau);
}

// The trailing EMA the charts drew before (bias corrected, decay from the old emaDecay()), for comparison.
std::vector<double> oldEma(const std::vector<double>& y, double decay) {
    std::vector<double> out;
    double ema = 0, weight = 0;
    for (double v : y) {
        ema = decay * ema + (1 - decay) * v;
        weight = decay * weight + (1 - decay);
        out.push_back(ema / weight);
    }
    return out;
}
}  // namespace

void TestTrendLine::straightRampComesOutExactlyAtBothEnds() {
    // A fit, not an average: a straight rise is reproduced at the first batch, in the middle and at the
    // newest batch, at every length along the way.
    TrendLine t(10);
    for (int n = 0; n < 120; ++n) {
        t.append(5.0 + 0.5 * n);
        for (int i = 0; i <= n; ++i)
            QVERIFY2(std::abs(t.value(i) - (5.0 + 0.5 * i)) < 1e-9, qPrintable(QString::number(i)));
    }
}

void TestTrendLine::followsAFastNoisyFallFromTheFirstBatch() {
    // The seed CNN at the start of a run: per-batch accuracy rising from 10% to ~90% over the first
    // 40 batches of 422, with batch noise of 3 points.
    const int n = 422, h = TrendLine::halfWidthFor(n);
    std::mt19937 rng(7);
    std::normal_distribution<double> noise(0.0, 3.0);
    std::vector<double> y;
    TrendLine t(h);
    for (int i = 0; i < n; ++i) {
        y.push_back(curve(i, 12.0) + noise(rng));
        t.append(y.back());
    }
    double worst = 0, sumAbs = 0;
    for (int i = 8; i < n; ++i) {  // the first 4 batches are the dots themselves, the next few near them
        const double err = std::abs(t.value(i) - curve(i, 12.0));
        worst = std::max(worst, err);
        sumAbs += err;
    }
    // The line runs through the middle of the dots: never off by more than about one batch's noise, and on
    // average well inside it (the noise itself is 3 points).
    QVERIFY2(worst < 4.0, qPrintable(QString::number(worst)));
    QVERIFY2(sumAbs / (n - 8) < 1.0, qPrintable(QString::number(sumAbs / (n - 8))));
    // Epoch 0.1 (batch 42), where the issue saw the old line far behind: the trend is at the data, the old
    // trailing average is not.
    const auto ema = oldEma(y, 0.95);
    QVERIFY(std::abs(t.value(41) - curve(41, 12.0)) < 2.0);
    QVERIFY(std::abs(ema[41] - curve(41, 12.0)) > 8.0);
}

void TestTrendLine::twoBatchesPerEpochStayWithTheDots() {
    // A tiny dataset: 2 batches per epoch, accuracy climbing fast. At epoch 3 (batch 6) the old line sat
    // about 20 points below the dots; the trend must be within a few points of them.
    const std::vector<double> acc = {12, 31, 48, 61, 71, 78, 83, 87, 90, 92, 93, 94, 95, 95.5, 96, 96.4};
    TrendLine t(TrendLine::halfWidthFor(2));
    for (double a : acc) t.append(a);
    const auto ema = oldEma(acc, 0.75);
    QVERIFY(acc[5] - ema[5] > 15.0);  // the lag the issue describes
    for (int i = 0; i < int(acc.size()); ++i)
        QVERIFY2(std::abs(t.value(i) - acc[std::size_t(i)]) < 3.0,
                 qPrintable(QStringLiteral("batch %1: %2 vs %3").arg(i + 1).arg(t.value(i)).arg(acc[i])));
}

void TestTrendLine::staysWithinTheLimits() {
    // Accuracy climbing to 100 %: a line fitted to the newest batches would point above 100 %.
    TrendLine t(5);
    t.setLimits(0.0, 100.0);
    for (int i = 0; i < 40; ++i) t.append(std::min(100.0, 60.0 + 2.0 * i));
    for (int i = 0; i < t.size(); ++i) QVERIFY(t.value(i) <= 100.0);
    QCOMPARE(t.value(t.size() - 1), 100.0);
}

void TestTrendLine::growingOneBatchAtATimeGivesTheSameLine() {
    // The charts add batches in bursts and redraw only what changed: the changed range must cover every
    // value that moved, and the values of a prefix must not depend on how the data arrived.
    std::mt19937 rng(3);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    std::vector<double> y;
    for (int i = 0; i < 300; ++i) y.push_back(2.3 * std::exp(-i / 40.0) + 0.2 * u(rng));
    TrendLine all(6), step(6);
    for (double v : y) all.append(v);
    std::vector<double> drawn;
    for (int i = 0; i < int(y.size()); ++i) {
        step.append(y[std::size_t(i)]);
        if (i % 7 == 0 || i + 1 == int(y.size())) {  // a burst ends: redraw from the changed index
            const int from = step.takeChangedFrom();
            QVERIFY(from <= i);
            drawn.resize(std::size_t(from));
            for (int k = from; k < step.size(); ++k) drawn.push_back(step.value(k));
            for (int k = 0; k < step.size(); ++k) QCOMPARE(drawn[std::size_t(k)], step.value(k));
        }
    }
    for (int i = 0; i < int(y.size()); ++i) QCOMPARE(step.value(i), all.value(i));
    QCOMPARE(step.takeChangedFrom(), step.size());  // nothing new since the last burst
}

void TestTrendLine::windowIsAboutTenPercentOfAnEpoch() {
    QCOMPARE(TrendLine::halfWidthFor(2), 3);
    QCOMPARE(TrendLine::halfWidthFor(15), 3);     // the bundled subset: 7 batches, half an epoch
    QCOMPARE(TrendLine::halfWidthFor(422), 21);   // 43 batches of 422
    QCOMPARE(TrendLine::halfWidthFor(1875), 50);  // full MNIST in batches of 32: at most 101 batches
    QCOMPARE(TrendLine::halfWidthFor(100000), 50);
}

QTEST_MAIN(TestTrendLine)
#include "tst_trend_line.moc"
