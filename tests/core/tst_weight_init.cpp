// core/weight_init.cpp and the "init" settings: each initialiser's statistics over a large layer, a layer's
// own choice over the model's, the default exactly as before (He normal before ReLU, Xavier normal otherwise,
// same draws), the settings in the model file, and zeros: hidden units that start the same stay the same.
#include <QtTest>

#include <cmath>
#include <random>

#include "core/dataset.h"
#include "core/errors.h"
#include "core/network.h"
#include "core/trainer.h"
#include "core/weight_init.h"
#include "tests/support/model_fixtures.h"
#include "tests/support/test_data.h"

using namespace layerlab;
using namespace layerlab::test;

class TestWeightInit : public QObject {
    Q_OBJECT
private slots:
    void statistics_data();
    void statistics();
    void layerChoiceOverridesTheModel();
    void defaultIsUnchanged();
    void modelFileKeys();
    void zerosNeverBreakSymmetry();
};

namespace {

constexpr int kIn = 1000, kOut = 400;

// Flatten, Dense 400 (its init), ReLU, Dense 10, for input 1000.
ModelSpec wide(WeightInit layerInit, WeightInit modelInit = WeightInit::Auto, float std = 0.05f) {
    ModelSpec m;
    m.input = Shape::flat(kIn);
    m.layers = {denseLayer(kOut, Activation::ReLU), denseLayer(10, Activation::None)};
    m.layers[0].init = layerInit;
    m.layers[0].initStd = std;
    m.training.init = modelInit;
    m.training.initStd = std;
    return m;
}

struct Stats {
    double mean = 0, sd = 0, maxAbs = 0;
};
Stats statsOf(const float* w, long long n) {
    Stats s;
    for (long long i = 0; i < n; ++i) s.mean += w[i];
    s.mean /= double(n);
    for (long long i = 0; i < n; ++i) {
        s.sd += (w[i] - s.mean) * (w[i] - s.mean);
        s.maxAbs = std::max(s.maxAbs, double(std::abs(w[i])));
    }
    s.sd = std::sqrt(s.sd / double(n));
    return s;
}

}  // namespace

void TestWeightInit::statistics_data() {
    QTest::addColumn<int>("init");
    QTest::addColumn<double>("sd");
    QTest::addColumn<double>("bound");  // largest |w| allowed (0: unbounded)
    const double a = std::sqrt(6.0 / (kIn + kOut));
    QTest::newRow("auto before ReLU = he_normal") << int(WeightInit::Auto) << std::sqrt(2.0 / kIn) << 0.0;
    QTest::newRow("he_normal") << int(WeightInit::HeNormal) << std::sqrt(2.0 / kIn) << 0.0;
    QTest::newRow("xavier_normal") << int(WeightInit::XavierNormal) << std::sqrt(2.0 / (kIn + kOut)) << 0.0;
    QTest::newRow("xavier_uniform") << int(WeightInit::XavierUniform) << a / std::sqrt(3.0) << a;
    QTest::newRow("lecun_normal") << int(WeightInit::LeCunNormal) << std::sqrt(1.0 / kIn) << 0.0;
    QTest::newRow("normal 0.01") << int(WeightInit::Normal) << 0.01 << 0.0;
    QTest::newRow("zeros") << int(WeightInit::Zeros) << 0.0 << 0.0;
}

// 400 000 weights: the mean within 4 standard errors of 0, the standard deviation within 1 %.
void TestWeightInit::statistics() {
    QFETCH(int, init);
    QFETCH(double, sd);
    QFETCH(double, bound);
    Network net(wide(WeightInit(init), WeightInit::Auto, 0.01f));
    net.initParams(3);
    const long long n = (long long)kIn * kOut;
    const Stats s = statsOf(net.params().data(), n);
    if (WeightInit(init) == WeightInit::Zeros) {
        QCOMPARE(s.maxAbs, 0.0);
        return;
    }
    QVERIFY2(std::abs(s.mean) < 4 * sd / std::sqrt(double(n)), qPrintable(QString::number(s.mean)));
    QVERIFY2(std::abs(s.sd - sd) < 0.01 * sd, qPrintable(QString("%1 vs %2").arg(s.sd).arg(sd)));
    if (bound > 0) QVERIFY(s.maxAbs <= bound && s.maxAbs > 0.99 * bound);
    for (long long i = n; i < n + kOut; ++i) QCOMPARE(net.params()[i], 0.0f);  // biases zero
}

// A layer's own init wins; "default" takes the model's; the model's applies to every layer that has none.
void TestWeightInit::layerChoiceOverridesTheModel() {
    const long long n = (long long)kIn * kOut;
    Network zerosModel(wide(WeightInit::Default, WeightInit::Zeros));
    zerosModel.initParams(1);
    QCOMPARE(statsOf(zerosModel.params().data(), n).maxAbs, 0.0);
    // ... and the output layer, which has no init of its own, also starts at zero.
    const auto p = zerosModel.params();
    QCOMPARE(statsOf(p.data() + n + kOut, 10 * kOut).maxAbs, 0.0);
    Network heOverZeros(wide(WeightInit::HeNormal, WeightInit::Zeros));
    heOverZeros.initParams(1);
    QVERIFY(std::abs(statsOf(heOverZeros.params().data(), n).sd - std::sqrt(2.0 / kIn)) <
            0.01 * std::sqrt(2.0 / kIn));
    QCOMPARE(statsOf(heOverZeros.params().data() + n + kOut, 10 * kOut).maxAbs, 0.0);
    Network normal(wide(WeightInit::Default, WeightInit::Normal, 0.2f));
    normal.initParams(1);
    QVERIFY(std::abs(statsOf(normal.params().data(), n).sd - 0.2) < 0.002);
}

// Auto draws exactly what LayerLab always drew: one mt19937_64 seeded with the run's seed, layer after layer,
// N(0, sqrt(2 / fanIn)) before a ReLU-family activation and N(0, sqrt(2 / (fanIn + fanOut))) otherwise. The
// seed CNN: Conv2D 32 relu, Conv2D 64 relu, Dense 64 relu, Dense 10 softmax (He, He, He, Xavier).
void TestWeightInit::defaultIsUnchanged() {
    const ModelSpec spec = loadModelSpec(resourcesPath() + "/presets/seed-cnn.json");
    QCOMPARE(spec.training.init, WeightInit::Auto);
    Network net(spec);
    net.initParams(spec.training.seed);
    std::mt19937_64 rng(spec.training.seed);
    std::vector<float> expected;
    auto draw = [&](long long count, double sd, long long biases) {
        std::normal_distribution<double> dist(0.0, sd);
        for (long long i = 0; i < count; ++i) expected.push_back(float(dist(rng)));
        expected.insert(expected.end(), std::size_t(biases), 0.0f);
    };
    draw(32 * 9, std::sqrt(2.0 / 9), 32);
    draw(64 * 32 * 9, std::sqrt(2.0 / (32 * 9)), 64);
    draw(64 * 1600, std::sqrt(2.0 / 1600), 64);
    draw(10 * 64, std::sqrt(2.0 / (64 + 10)), 10);
    QCOMPARE(std::size_t(net.params().size()), expected.size());
    QVERIFY(std::equal(expected.begin(), expected.end(), net.params().begin()));
}

void TestWeightInit::modelFileKeys() {
    const std::string text =
        R"({"format": "layerlab-model", "version": 1, "input": {"size": 20}, "classes": 3,
        "layers": [{"type": "Dense", "units": 8, "activation": "tanh", "init": "normal", "init_std": 0.02},
                   {"type": "Dense", "units": 3, "init": "xavier_uniform"}],
        "training": {"init": "lecun_normal"}})";
    const ModelSpec s = parseModelSpec(text);
    QCOMPARE(s.layers[0].init, WeightInit::Normal);
    QCOMPARE(s.layers[0].initStd, 0.02f);
    QCOMPARE(s.layers[1].init, WeightInit::XavierUniform);
    QCOMPARE(s.training.init, WeightInit::LeCunNormal);
    QVERIFY(unknownKeyWarnings(s).empty());
    const std::string written = serializeModelSpec(s);
    QVERIFY(parseModelSpec(written) == s);
    QVERIFY(written.find("\"init\": \"lecun_normal\"") != std::string::npos);
    // The defaults are not written: a model without init settings saves as it did before.
    ModelSpec plain = s;
    plain.layers[0].init = plain.layers[1].init = WeightInit::Default;
    plain.training.init = WeightInit::Auto;
    QVERIFY(serializeModelSpec(plain).find("init") == std::string::npos);
    // init_std is read only with init "normal": elsewhere it is an unused key, reported.
    const ModelSpec unused = parseModelSpec(R"({"format": "layerlab-model", "version": 1,
        "layers": [{"type": "Flatten"}, {"type": "Dense", "units": 10, "init": "he_normal", "init_std": 0.1}]})");
    QCOMPARE(unknownKeyWarnings(unused).size(), std::size_t(1));
    // Bad values name the field and the choices.
    for (const char* bad : {R"("init": "glorot")", R"("init": "normal", "init_std": 0)"}) {
        const std::string t = std::string(R"({"format": "layerlab-model", "version": 1, "layers": [{"type": )"
                                          R"("Flatten"}, {"type": "Dense", "units": 10, )") +
                              bad + "}]}";
        try {
            parseModelSpec(t);
            QFAIL(bad);
        } catch (const SpecError& e) {
            const std::string what = e.what();
            QVERIFY2(what.find("layer 2 (Dense) init") == 0, e.what());
            QVERIFY2(what.find("he_normal") != std::string::npos ||
                         what.find("above 0") != std::string::npos ||
                         what.find("from 0") != std::string::npos,
                     e.what());
        }
    }
    try {
        parseModelSpec(R"({"format": "layerlab-model", "version": 1, "training": {"init": "default"}})");
        QFAIL("training.init default");
    } catch (const SpecError& e) {
        QVERIFY2(std::string(e.what()).find("training.init") == 0, e.what());
    }
}

// All weights zero with a sigmoid hidden layer: every hidden unit computes the same value and gets the same
// gradient, so after training the 16 units are still copies of one another (they learned, but as one unit).
// The same model from random weights ends with 16 different units.
void TestWeightInit::zerosNeverBreakSymmetry() {
    const Dataset data = loadDataset(subsetPath());
    auto train = [&](WeightInit init) {
        ModelSpec m = subsetMlp(3);
        m.layers[1].units = 16;
        m.layers[1].activation = Activation::Sigmoid;
        m.training.init = init;
        Trainer t(m, data);
        const TrainResult r = t.run();
        return std::make_pair(t.currentParams(), r);
    };
    // Largest difference between hidden unit 0's weights (784, then its bias) and every other unit's.
    auto spread = [](const std::vector<float>& p, double* size) {
        double worst = 0;
        *size = 0;
        for (int u = 0; u < 16; ++u)
            for (int i = 0; i < 784; ++i) {
                worst = std::max(worst, double(std::abs(p[u * 784 + i] - p[i])));
                *size = std::max(*size, double(std::abs(p[u * 784 + i])));
            }
        for (int u = 0; u < 16; ++u) worst = std::max(worst, double(std::abs(p[16 * 784 + u] - p[16 * 784])));
        return worst;
    };
    const auto [zeros, zr] = train(WeightInit::Zeros);
    QVERIFY2(!zr.failed && !zr.diverged, zr.message.c_str());
    double size = 0;
    const double same = spread(zeros, &size);
    qInfo("zeros: weights up to %.3g after training, units differ by at most %.3g; test accuracy %.3f", size,
          same, zr.testAccuracy);
    QVERIFY(size > 1e-3);  // it did learn
    QVERIFY2(same <= 1e-6 * size, qPrintable(QString::number(same)));
    const auto [random, rr] = train(WeightInit::Auto);
    const double differ = spread(random, &size);
    qInfo("auto: units differ by up to %.3g; test accuracy %.3f", differ, rr.testAccuracy);
    QVERIFY(differ > 0.1 * size);
    QVERIFY(rr.testAccuracy > zr.testAccuracy + 0.2);
}

QTEST_APPLESS_MAIN(TestWeightInit)
#include "tst_weight_init.moc"
