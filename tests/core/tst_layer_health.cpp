// core/layer_health.cpp: the statistics of hand-set networks (a ReLU layer whose units are all dead gives
// 100 %, the update ratio of plain SGD is lr ||g|| / ||w||), percentiles of a known tensor, the alerts of a
// deep sigmoid net and their absence on a healthy ReLU net, and the trainer: a seeded run is bit-identical
// with health on or off, and one stepOnce moves the weights exactly as one normal step does.
#include <QtTest>

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <limits>
#include <numeric>
#include <random>
#include <thread>
#include <vector>

#include "core/dataset.h"
#include "core/layer_health.h"
#include "core/network.h"
#include "core/parallel.h"
#include "core/trainer.h"
#include "core/training_step.h"
#include "tests/support/model_fixtures.h"
#include "tests/support/test_data.h"

using namespace layerlab;

namespace {
LayerSpec dense(int units, Activation a) {
    LayerSpec d = LayerSpec::make(LayerType::Dense);
    d.units = units;
    d.activation = a;
    return d;
}

ModelSpec mlp(std::vector<LayerSpec> hidden, OptimizerType opt, float rate) {
    ModelSpec m;
    m.layers = {LayerSpec::make(LayerType::Flatten)};
    for (auto& l : hidden) m.layers.push_back(l);
    m.layers.push_back(dense(10, Activation::None));
    m.training.optimizer.type = opt;
    m.training.optimizer.learningRate = rate;
    m.training.optimizer.momentum = 0;
    m.training.batchSize = 64;
    m.training.threads = 2;
    m.training.epochs = 1;
    m.training.validationSplit = 0.1f;
    return m;
}

const LayerHealth* find(const HealthSample& h, int specIndex) {
    for (const LayerHealth& l : h.layers)
        if (l.specIndex == specIndex) return &l;
    return nullptr;
}

bool hasAlert(const HealthSample& h, HealthAlertKind k) {
    return std::any_of(h.alerts.begin(), h.alerts.end(), [&](const HealthAlert& a) { return a.kind == k; });
}

struct HealthRecorder : TrainerObserver {
    std::vector<HealthSample> health;
    std::atomic<int> batches{0};
    bool stopAfterFirst = false;
    Trainer* trainer = nullptr;
    void onBatchEnd(const BatchMetrics&) override {
        ++batches;
        if (stopAfterFirst && trainer) trainer->stop();
    }
    void onHealth(const HealthSample& h) override { health.push_back(h); }
};
}  // namespace

class TestLayerHealth : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void percentilesOfAKnownTensor();
    void activationsAsOneArray();
    void allDeadReluLayerIsAHundredPercentDead();
    void sgdUpdateRatioIsRateTimesGradientOverWeights();
    void deepSigmoidNetAlertsVanishingGradients();
    void healthyReluNetRaisesNoAlert();
    void seededRunIsBitIdenticalWithHealthOnOrOff();
    void convolutionHealthReadsItsOwnStep();
    void oneStepMovesTheWeightsAsOneNormalStep();

private:
    // One training step of `m` on the first 64 training images; returns its health.
    HealthSample stepAndMeasure(const ModelSpec& m, Network& net, std::vector<float>* before = nullptr);
    Dataset m_data;
    BatchSource m_src;
};

void TestLayerHealth::initTestCase() {
    m_data = loadDataset(test::subsetPath(), "MNIST subset");
    m_src = {m_data.trainImages.data(), m_data.trainLabels.data(), nullptr, m_data.imageSize(),
             Shape::chw(1, m_data.rows, m_data.cols)};
}

HealthSample TestLayerHealth::stepAndMeasure(const ModelSpec& m, Network& net, std::vector<float>* before) {
    TrainingStep step(net, m.training, 64);
    step.fill(m_src, 0, 64);
    if (before) before->assign(net.params().begin(), net.params().end());
    const TrainingStep::Result r = step.run(64, m.training.optimizer.learningRate);
    if (r.outcome != TrainingStep::Outcome::Stepped) qFatal("the step did not move the weights");
    return measureHealth(net, 64, step.paramsBefore());
}

void TestLayerHealth::percentilesOfAKnownTensor() {
    std::vector<float> v(101);
    std::iota(v.begin(), v.end(), 0.0f);
    std::shuffle(v.begin(), v.end(), std::mt19937(3));
    v.push_back(std::numeric_limits<float>::quiet_NaN());  // left out
    std::vector<float> scratch;
    const Distribution d = summarize(v.data(), (long long)v.size(), scratch);
    QCOMPARE(d.count, 101ll);
    const float want[kHealthPercentiles] = {0, 7, 16, 50, 84, 93, 100};
    for (int k = 0; k < kHealthPercentiles; ++k) QCOMPARE(d.percentiles[k], want[k]);
    QCOMPARE(d.lo, 0.0f);
    QCOMPARE(d.hi, 100.0f);
    // 30 bins of width 100/30: values 0..3 in the first (3.33), 100 in the last.
    QCOMPARE(d.bins[0], 4u);
    QCOMPARE(d.bins[kHealthBins - 1], 4u);  // 97, 98, 99, 100 (from 96.67)
    QCOMPARE(std::accumulate(d.bins.begin(), d.bins.end(), 0u), 101u);

    // Over the cap the percentiles come from a stride, the extremes and the histogram from all values.
    std::vector<float> big(100001);
    std::iota(big.begin(), big.end(), 0.0f);
    const Distribution b = summarize(big.data(), (long long)big.size(), scratch);
    QCOMPARE(b.percentiles[0], 0.0f);
    QCOMPARE(b.percentiles[6], 100000.0f);
    QVERIFY2(std::abs(b.percentiles[3] - 50000.0f) < 100, qPrintable(QString::number(b.percentiles[3])));
    QVERIFY2(std::abs(b.percentiles[1] - 7000.0f) < 100, qPrintable(QString::number(b.percentiles[1])));
    QCOMPARE(std::accumulate(b.bins.begin(), b.bins.end(), 0u), 100001u);
    QCOMPARE(summarize(nullptr, 0, scratch).count, 0ll);

    // A batch of feature maps (128 samples x 32 channels x 26 x 26) whose value is the position in its map:
    // the stride must step through the positions, not take the same pixel of every map (ceil(n / cap) is
    // exactly 26 x 26 here). The median position is about 337.
    const int plane = 26 * 26;
    std::vector<float> maps(std::size_t(128) * 32 * plane);
    for (std::size_t i = 0; i < maps.size(); ++i) maps[i] = float(i % plane);
    const Distribution m = summarize(maps.data(), (long long)maps.size(), scratch);
    QVERIFY2(std::abs(m.percentiles[3] - 337.5f) < 20, qPrintable(QString::number(m.percentiles[3])));
    QVERIFY2(std::abs(m.percentiles[1] - 0.07f * plane) < 20, qPrintable(QString::number(m.percentiles[1])));

    // The 8-wide pass against one value at a time: NaN and infinities at every position of a block and of the
    // tail are left out of the count, the extremes and the histogram; every length from 0 to 40 and a long
    // one.
    std::mt19937 rng(11);
    std::normal_distribution<float> normal(0.5f, 2.0f);
    for (int n : {0, 1, 7, 8, 9, 15, 16, 17, 23, 31, 33, 40, 4099}) {
        for (int trial = 0; trial < 5; ++trial) {
            std::vector<float> x(static_cast<std::size_t>(n));
            for (float& f : x) f = trial == 3 ? 0.0f : normal(rng);  // trial 3: all equal (one bin)
            if (trial == 4)  // a ReLU's outputs: most at the minimum, whole blocks of them and mixed ones
                for (float& f : x) f = std::max(0.0f, f - 2.0f);
            for (int j = 0; j < n; j += 5)
                x[std::size_t(j)] = j % 3 == 0   ? std::numeric_limits<float>::quiet_NaN()
                                    : j % 3 == 1 ? std::numeric_limits<float>::infinity()
                                                 : -std::numeric_limits<float>::infinity();
            if (trial == 1 && n > 0) x.back() = 1e30f;  // a finite extreme in the tail
            long long count = 0;
            float lo = 0, hi = 0;
            for (float f : x) {
                if (!std::isfinite(f)) continue;
                lo = count == 0 ? f : std::min(lo, f);
                hi = count == 0 ? f : std::max(hi, f);
                ++count;
            }
            std::array<std::uint32_t, kHealthBins> bins{};
            const double width = double(hi) - double(lo);
            const float scale = width > 0 ? float(kHealthBins / width) : 0.0f;
            for (float f : x)
                if (std::isfinite(f)) ++bins[std::size_t(std::min(kHealthBins - 1, int((f - lo) * scale)))];
            const Distribution d = summarize(x.data(), (long long)x.size(), scratch);
            QCOMPARE(d.count, count);
            if (count == 0) continue;
            QCOMPARE(d.lo, lo);
            QCOMPARE(d.hi, hi);
            QCOMPARE(d.percentiles.front(), lo);
            QCOMPARE(d.percentiles.back(), hi);
            QVERIFY2(d.bins == bins, qPrintable(QStringLiteral("n %1 trial %2").arg(n).arg(trial)));
        }
    }
}

// measureHealth reads a layer's activations in parts of rows (1 << 18 values each: the seed CNN's first
// layer in 5 parts for 64 samples), two passes on 2 threads. Its activation statistics must be those of the
// whole array: the summary (percentiles, histogram) as summarize() gives it, the mean and std of a plain sum,
// the dead units counted one by one.
void TestLayerHealth::activationsAsOneArray() {
    const ModelSpec m = test::subsetPreset("seed-cnn");
    ThreadArena arena(2);
    arena.execute([&] {
        Network net(m);
        net.setLogitsOutput(true);
        net.reserve(64, 2);
        net.initParams(7);
        net.setKeptTrainingOutputs(Network::KeptOutputs::ModelLayers);
        const HealthSample h = stepAndMeasure(m, net);
        QCOMPARE(int(h.layers.size()), 6);  // all but Flatten
        int checked = 0;
        const int run =
            net.layerCount() - 1;  // the softmax is not run: the last layer's output is its logits
        for (int i = 0; i < run; ++i) {
            if (i + 1 < run && net.specIndexOf(i) == net.specIndexOf(i + 1))
                continue;  // not a model layer's output
            const LayerHealth* l = find(h, net.specIndexOf(i));
            if (!l) continue;  // Flatten
            const long long units = net.layer(i).outputShape().size(), total = units * 64;
            const float* a = net.activation(i);
            std::vector<float> scratch;
            const Distribution want = summarize(a, total, scratch);
            QCOMPARE(l->units, units);
            QCOMPARE(l->activations.count, want.count);
            QCOMPARE(l->activations.lo, want.lo);
            QCOMPARE(l->activations.hi, want.hi);
            QVERIFY(l->activations.percentiles == want.percentiles);
            QVERIFY2(l->activations.bins == want.bins, qPrintable(QString::fromStdString(l->label)));
            double sum = 0, sq = 0;
            for (long long k = 0; k < total; ++k) {
                sum += a[k];
                sq += double(a[k]) * a[k];
            }
            const double mean = sum / double(total), sd = std::sqrt(sq / double(total) - mean * mean);
            QVERIFY(std::abs(l->activationMean - mean) <= 1e-9 * std::max(1.0, std::abs(mean)));
            QVERIFY(std::abs(l->activationStd - sd) <= 1e-9 * std::max(1.0, sd));
            long long dead = 0;
            for (long long u = 0; u < units; ++u) {
                bool alive = false;
                for (int s = 0; s < 64 && !alive; ++s) alive = a[s * units + u] != 0.0f;
                dead += !alive;
            }
            QCOMPARE(l->relu, net.layer(i).type() == LayerType::ReLU);
            if (l->relu) QCOMPARE(l->deadUnits, dead);
            ++checked;
        }
        QCOMPARE(checked, 6);
    });
}

void TestLayerHealth::allDeadReluLayerIsAHundredPercentDead() {
    // Pixels are >= 0: weights and biases all negative make every pre-activation negative, so the ReLU
    // outputs 0 for every image and every unit.
    const ModelSpec m =
        mlp({dense(16, Activation::ReLU), dense(8, Activation::ReLU)}, OptimizerType::SGD, 0.1f);
    Network net(m);
    net.setLogitsOutput(true);
    net.reserve(64, 2);
    net.initParams(7);
    const long long first = net.layer(0).type() == LayerType::Flatten ? 1 : 0;  // engine layer of Dense 2
    const Layer& d = net.layer(int(first));
    QCOMPARE(int(d.type()), int(LayerType::Dense));
    const long long off = net.paramOffset(int(first));
    for (long long i = 0; i < d.paramCount(); ++i) net.params()[off + i] = -0.01f - 0.001f * float(i % 7);
    const HealthSample h = stepAndMeasure(m, net);
    const LayerHealth* dead = find(h, 1);
    QVERIFY(dead);
    QCOMPARE(dead->label, std::string("Dense 2"));
    QVERIFY(dead->relu);
    QCOMPARE(dead->units, 16ll);
    QCOMPARE(dead->deadUnits, 16ll);
    QCOMPARE(dead->deadFraction, 1.0);
    QCOMPARE(dead->activationMean, 0.0);
    QCOMPARE(dead->activationStd, 0.0);
    QCOMPARE(dead->gradientNorm, 0.0);  // no unit passes a gradient: its weights learn nothing
    QCOMPARE(dead->updateRatio, 0.0);
    QVERIFY(hasAlert(h, HealthAlertKind::DeadUnits));
    const auto a = std::find_if(h.alerts.begin(), h.alerts.end(),
                                [](const HealthAlert& x) { return x.kind == HealthAlertKind::DeadUnits; });
    QCOMPARE(a->text.substr(0, 33), std::string("Dense 2: 100% of units are dead ("));
    QCOMPARE(a->specIndex, 1);
    // The next layer gets only zeros: its ReLU outputs are its biases' (0 at the start), all dead too.
    const LayerHealth* next = find(h, 2);
    QVERIFY(next && next->relu);
    // The output layer has no ReLU: never counted as dead.
    const LayerHealth* out = find(h, 3);
    QVERIFY(out && !out->relu);
    QCOMPARE(out->deadFraction, 0.0);
    QCOMPARE(out->units, 10ll);
    QVERIFY(!find(h, 0));  // Flatten has nothing to show
}

void TestLayerHealth::sgdUpdateRatioIsRateTimesGradientOverWeights() {
    const float rate = 0.05f;
    const ModelSpec m = mlp({dense(12, Activation::ReLU)}, OptimizerType::SGD, rate);
    Network net(m);
    net.setLogitsOutput(true);
    net.reserve(64, 2);
    net.initParams(11);
    std::vector<float> before;
    const HealthSample h = stepAndMeasure(m, net, &before);
    for (int spec : {1, 2}) {
        const LayerHealth* l = find(h, spec);
        QVERIFY(l && l->learns);
        // The layer's weights are the first weightCount of its block; its gradient is in net.grads().
        int engine = 0;
        while (net.specIndexOf(engine) != spec) ++engine;
        const long long off = net.paramOffset(engine), count = net.layer(engine).weightCount();
        double g2 = 0, w2 = 0;
        for (long long i = 0; i < count; ++i) {
            g2 += double(net.grads()[off + i]) * net.grads()[off + i];
            w2 += double(before[off + i]) * before[off + i];
        }
        QCOMPARE(l->normCount, count);
        QVERIFY(std::abs(l->gradientNorm - std::sqrt(g2)) <= 1e-9 * std::sqrt(g2) + 1e-12);
        QVERIFY(std::abs(l->weightNorm - std::sqrt(w2)) <= 1e-9 * std::sqrt(w2));
        QVERIFY(std::sqrt(g2) > 0);
        const double expected = rate * std::sqrt(g2) / std::sqrt(w2);  // plain SGD: dW = -lr g
        QVERIFY2(std::abs(l->updateRatio - expected) < 1e-4 * expected,
                 qPrintable(QString("%1 vs %2").arg(l->updateRatio).arg(expected)));
        QCOMPARE(l->weights.count, count);
        QCOMPARE(l->biases.count, (long long)(spec == 1 ? 12 : 10));
        QCOMPARE(l->gradients.count, count + l->biases.count);
    }
}

void TestLayerHealth::deepSigmoidNetAlertsVanishingGradients() {
    std::vector<LayerSpec> hidden(8, dense(32, Activation::Sigmoid));
    const ModelSpec m = mlp(hidden, OptimizerType::SGD, 0.01f);
    Network net(m);
    net.setLogitsOutput(true);
    net.reserve(64, 2);
    net.initParams(5);
    const HealthSample h = stepAndMeasure(m, net);
    QVERIFY(hasAlert(h, HealthAlertKind::VanishingGradients));
    const auto a = std::find_if(h.alerts.begin(), h.alerts.end(), [](const HealthAlert& x) {
        return x.kind == HealthAlertKind::VanishingGradients;
    });
    QVERIFY(a->value >= 1000);
    QVERIFY2(a->text.find("vanishing gradients (try ReLU instead of Sigmoid") != std::string::npos,
             a->text.c_str());
    QVERIFY(a->text.rfind("gradients shrink ", 0) == 0);
    // The value is the last layer's gradient RMS over the first's.
    const LayerHealth *first = find(h, 1), *last = find(h, 9);
    QVERIFY(std::abs(a->value - last->gradientRms() / first->gradientRms()) < 1e-9 * a->value);
}

void TestLayerHealth::healthyReluNetRaisesNoAlert() {
    const ModelSpec m =
        mlp({dense(64, Activation::ReLU), dense(32, Activation::ReLU)}, OptimizerType::SGD, 0.05f);
    Network net(m);
    net.setLogitsOutput(true);
    net.reserve(64, 2);
    net.initParams(5);
    const HealthSample h = stepAndMeasure(m, net);
    QString texts;
    for (const HealthAlert& a : h.alerts) texts += QString::fromStdString(a.text) + "\n";
    QVERIFY2(h.alerts.empty(), qPrintable(texts));
    QCOMPARE(int(h.layers.size()), 3);
    for (const LayerHealth& l : h.layers) {
        QVERIFY(l.updateRatio > 1e-5 && l.updateRatio < 1e-2);
        QVERIFY(l.activationStd > 0);
    }
    QVERIFY(find(h, 1)->deadFraction < 0.4);
}

void TestLayerHealth::seededRunIsBitIdenticalWithHealthOnOrOff() {
    const ModelSpec m = mlp({dense(32, Activation::ReLU)}, OptimizerType::Adam, 0.001f);
    std::vector<float> params[2];
    for (int on = 0; on < 2; ++on) {
        Trainer t(m, m_data);
        HealthRecorder rec;
        t.setObserver(&rec);
        t.setHealthInterval(on ? 1 : 0);
        const TrainResult r = t.run();
        QVERIFY(!r.failed && !r.diverged);
        params[on] = t.currentParams();
        if (on) {
            QCOMPARE(int(rec.health.size()), rec.batches.load());  // every step measured
            QCOMPARE(rec.health.front().step, 1ll);
            QCOMPARE(rec.health.back().step, (long long)rec.batches.load());
        } else {
            QVERIFY(rec.health.empty());
        }
    }
    QVERIFY(params[0] == params[1]);
    // Every 5 batches: after steps 1, 6, 11, ...
    Trainer t(m, m_data);
    HealthRecorder rec;
    t.setObserver(&rec);
    t.setHealthInterval(5);
    t.run();
    QCOMPARE(int(rec.health.size()), (rec.batches.load() + 4) / 5);
    QCOMPARE(rec.health[1].step, 6ll);
    QVERIFY(t.currentParams() == params[0]);
}

// A training forward skips writing a convolution's and its ReLU's outputs before a max pool unless the step's
// health is measured (Network::setKeptTrainingOutputs): health every 3 steps must see the same
// activations at steps 1, 4, 7, ... as health on every step, and the weights must not change.
void TestLayerHealth::convolutionHealthReadsItsOwnStep() {
    ModelSpec m = test::subsetPreset("seed-cnn");
    m.training.epochs = 1;
    m.training.threads = 2;
    m.training.earlyStopping.enabled = false;
    std::vector<HealthSample> samples[2];
    std::vector<float> params[2];
    for (int i = 0; i < 2; ++i) {
        Trainer t(m, m_data);
        HealthRecorder rec;
        t.setObserver(&rec);
        t.setHealthInterval(i == 0 ? 1 : 3);
        QVERIFY(!t.run().failed);
        samples[i] = rec.health;
        params[i] = t.currentParams();
    }
    QVERIFY(params[0] == params[1]);
    QVERIFY(samples[1].size() >= 3);
    for (const HealthSample& h : samples[1]) {
        const HealthSample& every = samples[0][std::size_t(h.step - 1)];
        QCOMPARE(every.step, h.step);
        const LayerHealth *a = find(h, 0), *b = find(every, 0);  // the first Conv2D (with its ReLU)
        QVERIFY(a && b && a->relu);
        QVERIFY(a->activationMean > 0 && a->deadUnits < a->units);  // this step's ReLU outputs, written
        QCOMPARE(a->activationMean, b->activationMean);
        QCOMPARE(a->activationStd, b->activationStd);
        QCOMPARE(a->deadUnits, b->deadUnits);
    }
}

void TestLayerHealth::oneStepMovesTheWeightsAsOneNormalStep() {
    const ModelSpec m = mlp({dense(32, Activation::ReLU)}, OptimizerType::Adam, 0.001f);
    // A normal run stopped after its first batch.
    std::vector<float> normal;
    {
        Trainer t(m, m_data);
        HealthRecorder rec;
        rec.stopAfterFirst = true;
        rec.trainer = &t;
        t.setObserver(&rec);
        t.run();
        QCOMPARE(rec.batches.load(), 1);
        normal = t.currentParams();
    }
    // A paused run released for one step: it runs exactly one batch and pauses again.
    Trainer t(m, m_data);
    HealthRecorder rec;
    t.setObserver(&rec);
    const std::vector<float> start = t.currentParams();
    t.pause();
    std::thread worker([&] { t.run(); });
    t.stepOnce();
    QTRY_COMPARE_WITH_TIMEOUT(rec.batches.load(), 1, 10000);
    QTRY_VERIFY(t.isPaused());
    QTest::qWait(100);
    QCOMPARE(rec.batches.load(), 1);  // it stays paused
    const std::vector<float> stepped = t.currentParams();
    QVERIFY(stepped != start);
    QVERIFY(stepped == normal);           // bit for bit
    QCOMPARE(int(rec.health.size()), 1);  // a step's health is measured even with the interval off
    QCOMPARE(rec.health[0].step, 1ll);
    QCOMPARE(rec.health[0].epoch, 1);
    QCOMPARE(rec.health[0].batch, 1);
    QCOMPARE(rec.health[0].learningRate, double(0.001f));
    QVERIFY(std::abs(rec.health[0].loss - std::log(10.0)) < 0.5);  // an untrained net scores about ln 10
    t.stepOnce();
    QTRY_COMPARE_WITH_TIMEOUT(rec.batches.load(), 2, 10000);
    t.stop();
    worker.join();
    QCOMPARE(rec.batches.load(), 2);
}

QTEST_GUILESS_MAIN(TestLayerHealth)
#include "tst_layer_health.moc"
