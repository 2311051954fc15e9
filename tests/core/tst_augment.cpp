// core/augment: data augmentation. Known images move exactly as the transform says (a shift by 2 moves a
// pixel by 2, a quarter turn turns a bar), draws stay inside their ranges, a seeded run's batches are the
// same on 1 and 2 threads, validation/test images are never augmented, and the model file keeps the
// settings (written only when on, out-of-range values refused with the rule). Also the training subset size.
#include <QtTest>

#include <cmath>
#include <cstring>
#include <numeric>
#include <set>
#include <vector>

#include "core/augment.h"
#include "core/dataset.h"
#include "core/errors.h"
#include "core/layer_tree.h"
#include "core/network.h"
#include "core/parallel.h"
#include "core/trainer.h"
#include "core/training_step.h"
#include "tests/support/model_fixtures.h"
#include "tests/support/test_data.h"

using namespace layerlab;

namespace {

std::vector<float> run(const std::vector<std::uint8_t>& img, const Shape& shape, const AugmentDraw& d) {
    std::vector<float> out(size_t(shape.size()), -1.f);
    augmentToInputs(img.data(), shape, d, out.data());
    return out;
}

bool sameBits(const float* a, const float* b, size_t n) {
    return std::memcmp(a, b, n * sizeof(float)) == 0;
}

}  // namespace

class TestAugment : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { m_data = loadDataset(test::subsetPath(), "MNIST subset"); }

    void aShiftMovesEachPixelExactly() {
        const Shape shape = Shape::chw(1, 28, 28);
        std::vector<std::uint8_t> img(28 * 28, 0);
        img[12 * 28 + 10] = 255;  // (x 10, y 12)
        img[0 * 28 + 27] = 100;   // top-right corner: leaves the image when shifted right
        AugmentDraw d;
        d.dx = 2;
        d.dy = -1;
        const auto out = run(img, shape, d);
        for (int y = 0; y < 28; ++y)
            for (int x = 0; x < 28; ++x) {
                const float want = (x == 12 && y == 11) ? 1.0f : 0.0f;
                QCOMPARE(out[size_t(y) * 28 + x], want);
            }
    }
    // shiftImage (evaluate --shift) moves the pixels of every channel as the training shift does.
    void shiftImageMovesPixelsAsTheTrainingShift() {
        const Shape shape = Shape::chw(2, 5, 6);
        std::vector<std::uint8_t> img(shape.size());
        for (std::size_t i = 0; i < img.size(); ++i) img[i] = std::uint8_t(1 + i);
        std::vector<std::uint8_t> moved(img.size(), 77);
        shiftImage(img.data(), shape, -2, 3, moved.data());
        for (int c = 0; c < 2; ++c)
            for (int y = 0; y < 5; ++y)
                for (int x = 0; x < 6; ++x) {
                    const int sx = x + 2, sy = y - 3;
                    const std::uint8_t want =
                        (sx < 6 && sy >= 0) ? img[std::size_t(c) * 30 + std::size_t(sy) * 6 + sx] : 0;
                    QCOMPARE(moved[std::size_t(c) * 30 + std::size_t(y) * 6 + x], want);
                }
        QCOMPARE(int(moved[30 + 3 * 6 + 0]), 1 + 30 + 0 * 6 + 2);  // channel 2, (0, 3) came from (2, 0)
        AugmentDraw d;
        d.dx = -2;
        d.dy = 3;
        const auto inputs = run(img, shape, d);
        for (std::size_t i = 0; i < img.size(); ++i) QCOMPARE(inputs[i], float(moved[i]) * (1.0f / 255.0f));
    }
    void noTransformIsPlainScaling() {
        const Shape shape = Shape::chw(1, 28, 28);
        const std::vector<std::uint8_t> img(m_data.trainImages.begin(), m_data.trainImages.begin() + 784);
        const auto out = run(img, shape, AugmentDraw{});
        for (size_t i = 0; i < 784; ++i) QCOMPARE(out[i], img[i] / 255.0f);
    }
    // A quarter turn counter-clockwise (as seen on screen): a bar from the centre to the right edge ends up
    // from the centre to the top edge.
    void aQuarterTurnTurnsABar() {
        const Shape shape = Shape::chw(1, 5, 5);
        std::vector<std::uint8_t> img(25, 0);
        for (int x = 2; x < 5; ++x) img[2 * 5 + x] = 255;
        AugmentDraw d;
        d.angleDegrees = 90;
        const auto out = run(img, shape, d);
        for (int y = 0; y < 5; ++y)
            for (int x = 0; x < 5; ++x) {
                const float want = (x == 2 && y <= 2) ? 1.0f : 0.0f;
                QVERIFY2(
                    std::abs(out[size_t(y) * 5 + x] - want) < 1e-5f,
                    qPrintable(QStringLiteral("(%1, %2): %3").arg(x).arg(y).arg(out[size_t(y) * 5 + x])));
            }
    }
    // Zoom 2x about the centre of a 5x5 image: output (3, 2) samples input (2.5, 2), half-way between two
    // pixels (bilinear).
    void zoomInterpolates() {
        const Shape shape = Shape::chw(1, 5, 5);
        std::vector<std::uint8_t> img(25, 0);
        img[2 * 5 + 3] = 200;
        AugmentDraw d;
        d.scale = 2;
        const auto out = run(img, shape, d);
        QVERIFY(std::abs(out[2 * 5 + 3] - 100 / 255.0f) < 1e-6f);
        QVERIFY(std::abs(out[2 * 5 + 4] - 200 / 255.0f) < 1e-6f);  // (4, 2) samples (3, 2)
        QCOMPARE(out[2 * 5 + 2], 0.0f);
    }
    // Noise of standard deviation 0.2 on a mid-grey image: measured mean ~0 and deviation ~0.2, values in
    // [0, 1], the same for the same seed and different for another.
    void noiseHasItsDeviationAndIsSeeded() {
        const Shape shape = Shape::chw(1, 28, 28);
        const std::vector<std::uint8_t> img(784, 128);
        AugmentDraw d;
        d.noise = 0.2f;
        d.noiseSeed = 99;
        const auto a = run(img, shape, d), b = run(img, shape, d);
        QVERIFY(sameBits(a.data(), b.data(), a.size()));
        double sum = 0, sq = 0;
        for (float v : a) {
            QVERIFY(v >= 0 && v <= 1);
            const double e = v - 128 / 255.0;
            sum += e;
            sq += e * e;
        }
        const double mean = sum / 784, sd = std::sqrt(sq / 784 - mean * mean);
        QVERIFY2(std::abs(mean) < 0.025 && sd > 0.17 && sd < 0.23,
                 qPrintable(QStringLiteral("mean %1, sd %2").arg(mean).arg(sd)));
        d.noiseSeed = 100;
        QVERIFY(!sameBits(a.data(), run(img, shape, d).data(), a.size()));
    }
    // Elastic distortion moves each pixel by a smooth random displacement: a flat image stays flat where
    // the displaced pixel is still inside (bilinear of a constant), a bar is bent but keeps about its ink,
    // the same seed gives the same bits, another seed another image, and turning it on leaves the other
    // draws as they were.
    void elasticBendsSmoothlyAndIsSeeded() {
        const Shape shape = Shape::chw(1, 28, 28);
        AugmentDraw d;
        d.elastic = 34;  // Simard et al.'s alpha for MNIST
        d.elasticSeed = 7;
        const std::vector<std::uint8_t> flat(784, 200);
        const auto f = run(flat, shape, d);
        for (int y = 6; y < 22; ++y)
            for (int x = 6; x < 22; ++x) QVERIFY(std::abs(f[size_t(y) * 28 + x] - 200 / 255.0f) < 1e-5f);
        std::vector<std::uint8_t> bar(784, 0);
        for (int y = 4; y < 24; ++y)
            for (int x = 12; x < 16; ++x) bar[size_t(y) * 28 + x] = 255;
        const auto a = run(bar, shape, d), b = run(bar, shape, d);
        QVERIFY(sameBits(a.data(), b.data(), a.size()));
        double inkIn = 0, inkOut = 0, changed = 0;
        for (size_t i = 0; i < 784; ++i) {
            inkIn += bar[i] / 255.0;
            inkOut += a[i];
            changed += std::abs(a[i] - bar[i] / 255.0f) > 0.05f;
        }
        QVERIFY2(changed >= 10, qPrintable(QString::number(changed)));
        QVERIFY2(std::abs(inkOut - inkIn) < 0.25 * inkIn,
                 qPrintable(QStringLiteral("%1 %2").arg(inkIn).arg(inkOut)));
        d.elasticSeed = 8;
        QVERIFY(!sameBits(a.data(), run(bar, shape, d).data(), a.size()));
        d.elastic = 0;  // off: no move at all
        const auto off = run(bar, shape, d);
        for (size_t i = 0; i < 784; ++i) QCOMPARE(off[i], bar[i] / 255.0f);
        AugmentationSpec spec;
        spec.shift = 2;
        spec.rotation = 10;
        spec.noise = 0.1f;
        const AugmentDraw without = drawAugment(spec, 1234);
        spec.elastic = 8;
        const AugmentDraw with = drawAugment(spec, 1234);
        QCOMPARE(with.dx, without.dx);
        QCOMPARE(with.dy, without.dy);
        QCOMPARE(with.angleDegrees, without.angleDegrees);
        QCOMPARE(with.noiseSeed, without.noiseSeed);
        QCOMPARE(with.elastic, 8.0f);
        QVERIFY(augmentationOn(spec));
    }
    void drawsStayInTheirRanges() {
        AugmentationSpec a;
        a.shift = 2;
        a.rotation = 10;
        a.zoom = 0.1f;
        std::set<int> shifts;
        for (std::uint64_t s = 0; s < 2000; ++s) {
            const AugmentDraw d = drawAugment(a, augmentSeed(42, 1, s));
            QVERIFY(d.dx >= -2 && d.dx <= 2 && d.dy >= -2 && d.dy <= 2);
            QVERIFY(std::abs(d.angleDegrees) <= 10.0f);
            QVERIFY(d.scale >= 0.9f && d.scale <= 1.1f);
            shifts.insert(d.dx);
        }
        QCOMPARE(int(shifts.size()), 5);  // every whole shift from -2 to 2 occurs
        QVERIFY(augmentSeed(42, 1, 0) != augmentSeed(42, 2, 0));
        QVERIFY(augmentSeed(42, 1, 0) != augmentSeed(43, 1, 0));
        QVERIFY(!augmentationOn(AugmentationSpec{}));
        QVERIFY(augmentationOn(a));
    }

    // A training batch is augmented the same on 1 and on 2 threads; evaluation's fill never augments.
    void batchesAreTheSameOnAnyThreads() {
        ModelSpec m = test::subsetMlp(1);
        m.training.augmentation = {2, 15, 0.1f, 0.05f};
        std::vector<std::uint32_t> order(m_data.trainCount());
        std::iota(order.begin(), order.end(), 0u);
        const BatchSource src{m_data.trainImages.data(), m_data.trainLabels.data(), &order,
                              m_data.imageSize(), Shape::chw(1, 28, 28)};
        auto batchOn = [&](int threads, int epoch) {
            Network net(m);
            net.reserve(64, threads);
            TrainingStep step(net, m.training, 64);
            ThreadArena arena(threads);
            arena.execute([&] { step.fillTraining(src, 128, 64, epoch); });
            return std::vector<float>(net.inputBuffer(), net.inputBuffer() + 64 * 784);
        };
        const auto one = batchOn(1, 3), two = batchOn(2, 3);
        QVERIFY(sameBits(one.data(), two.data(), one.size()));
        QVERIFY(one != batchOn(1, 4));  // another epoch, other draws
        // Not the plain images.
        Network net(m);
        net.reserve(64, 1);
        TrainingStep step(net, m.training, 64);
        step.fill(src, 128, 64);
        const std::vector<float> plain(net.inputBuffer(), net.inputBuffer() + 64 * 784);
        QVERIFY(plain != one);
        for (size_t p = 0; p < 784; p += 50) QCOMPARE(plain[p], m_data.trainImages[128 * 784 + p] / 255.0f);
    }

    // Seeded runs with augmentation repeat exactly, and augmentation changes what is learned.
    void trainingWithAugmentationIsSeeded() {
        ModelSpec m = test::subsetMlp(1);
        m.training.validationSplit = 0.1f;
        auto train = [&](const AugmentationSpec& a) {
            ModelSpec s = m;
            s.training.augmentation = a;
            Trainer t(s, m_data);
            return t.run();
        };
        const AugmentationSpec on{2, 10, 0.1f, 0.05f};
        const TrainResult a = train(on), b = train(on), plain = train({});
        QVERIFY(!a.failed && !b.failed && !plain.failed);
        QCOMPARE(a.epochs.size(), size_t(1));
        QCOMPARE(a.epochs[0].trainLoss, b.epochs[0].trainLoss);
        QCOMPARE(a.testAccuracy, b.testAccuracy);
        QVERIFY(a.epochs[0].trainLoss != plain.epochs[0].trainLoss);
    }

    void trainSamplesLimitsTheTrainingSet() {
        ModelSpec m = test::subsetMlp(1);
        m.training.batchSize = 32;
        m.training.trainSamples = 100;
        Trainer t(m, m_data);
        const TrainResult r = t.run();
        QVERIFY(!r.failed);
        QCOMPARE(r.batchesPerEpoch, 4);  // 100 images in batches of 32
        m.training.trainSamples = 0;     // all: 2000 images, 10% held out
        Trainer all(m, m_data);
        QCOMPARE(all.run().batchesPerEpoch, int((1800 + 31) / 32));
    }

    void modelFileKeepsTheSettings() {
        ModelSpec m = test::subsetMlp(1);
        assignLayerIds(m);  // reading a file gives every layer an id: compare with a model that has them
        const std::string off = serializeModelSpec(m);
        QVERIFY2(
            off.find("augmentation") == std::string::npos && off.find("train_samples") == std::string::npos,
            off.c_str());
        m.training.augmentation.shift = 2;
        m.training.augmentation.noise = 0.05f;
        m.training.trainSamples = 1000;
        ModelSpec bent = m;
        bent.training.augmentation.elastic = 8;
        QCOMPARE(parseModelSpec(serializeModelSpec(bent)).training.augmentation.elastic, 8.0f);
        const std::string on = serializeModelSpec(m);
        QVERIFY2(on.find("\"augmentation\": {\n      \"shift\": 2.0,\n      \"noise\": 0.05") !=
                         std::string::npos ||
                     on.find("\"augmentation\": {\n      \"shift\": 2,\n      \"noise\": 0.05") !=
                         std::string::npos,
                 on.c_str());
        QCOMPARE(parseModelSpec(on), m);
        const std::string bad = R"({"format": "layerlab-model", "version": 1, "layers": [],
            "training": {"augmentation": {"rotation": 200}}})";
        try {
            parseModelSpec(bad);
            QFAIL("rotation 200 was accepted");
        } catch (const SpecError& e) {
            QVERIFY2(
                std::string(e.what()).find(
                    "training.augmentation.rotation: must be a number from 0 to 180") != std::string::npos,
                e.what());
        }
    }

private:
    Dataset m_data;
};

QTEST_APPLESS_MAIN(TestAugment)
#include "tst_augment.moc"
