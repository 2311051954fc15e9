// core/step_inspection.cpp: the Dense numbers of a hand-built 3-2-2 network with known weights against the
// chain rule written out here in double precision, against finite differences of one sample's loss and
// against the network's own backward (the batch gradient is the mean of the samples'); and the trainer's
// inspection of a stepOnce: its before and after predictions equal an independent forward pass with the
// weights before and after the step, and its images and labels are the batch's.
#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <cmath>
#include <thread>
#include <vector>

#include "core/dataset.h"
#include "core/dataset_identity.h"
#include "core/input_scaling.h"
#include "core/loss.h"
#include "core/network.h"
#include "core/step_inspection.h"
#include "core/trainer.h"
#include "tests/support/test_data.h"

using namespace layerlab;

namespace {
// x: 3 inputs -> Dense 2 sigmoid (W1, b1) -> Dense 2 softmax (W2, b2), cross-entropy.
ModelSpec tinySpec() {
    ModelSpec m;
    m.input = Shape::flat(3);
    m.classes = 2;
    LayerSpec h = LayerSpec::make(LayerType::Dense);
    h.units = 2;
    h.activation = Activation::Sigmoid;
    LayerSpec o = LayerSpec::make(LayerType::Dense);
    o.units = 2;
    o.activation = Activation::Softmax;
    m.layers = {h, o};
    m.training.loss = LossType::CrossEntropy;
    return m;
}
// params: W1 (2 x 3 row-major), b1, W2 (2 x 2), b2
const std::vector<float> kParams = {0.1f,   -0.2f, 0.3f,  0.4f,  0.5f, -0.6f, 0.05f,
                                    -0.05f, 0.7f,  -0.8f, -0.9f, 1.0f, 0.1f,  0.2f};
const std::vector<float> kInputs = {1.0f, 2.0f, 3.0f, -1.0f, 0.5f, 2.0f};  // 2 samples
const std::vector<std::uint8_t> kLabels = {0, 1};

// The chain rule by hand for one sample, in double.
struct Hand {
    double z1[2], a1[2], z2[2], p[2], dz2[2], da1[2], dz1[2], loss;
};
Hand byHand(const std::vector<float>& w, const float* x, int label) {
    Hand h{};
    for (int u = 0; u < 2; ++u) {
        h.z1[u] = w[6 + u];
        for (int i = 0; i < 3; ++i) h.z1[u] += double(w[u * 3 + i]) * x[i];
        h.a1[u] = 1 / (1 + std::exp(-h.z1[u]));
    }
    for (int c = 0; c < 2; ++c) h.z2[c] = w[12 + c] + w[8 + c * 2] * h.a1[0] + w[8 + c * 2 + 1] * h.a1[1];
    const double m = std::max(h.z2[0], h.z2[1]);
    const double e0 = std::exp(h.z2[0] - m), e1 = std::exp(h.z2[1] - m);
    h.p[0] = e0 / (e0 + e1);
    h.p[1] = e1 / (e0 + e1);
    h.loss = -std::log(h.p[label]);
    for (int c = 0; c < 2; ++c) h.dz2[c] = h.p[c] - (c == label ? 1 : 0);  // softmax + cross-entropy
    for (int u = 0; u < 2; ++u) {
        h.da1[u] = w[8 + u] * h.dz2[0] + w[8 + 2 + u] * h.dz2[1];  // W2^T dz2
        h.dz1[u] = h.da1[u] * h.a1[u] * (1 - h.a1[u]);
    }
    return h;
}

bool near(double a, double b, double tol = 1e-5) {
    return std::abs(a - b) <= tol * std::max(1.0, std::abs(b));
}

struct StepRecorder : TrainerObserver {
    std::atomic<int> batches{0};
    std::vector<HealthSample> health;
    std::vector<StepInspection> steps;
    void onBatchEnd(const BatchMetrics&) override { ++batches; }
    void onHealth(const HealthSample& h) override { health.push_back(h); }
    void onStepInspected(const StepInspection& s) override { steps.push_back(s); }
};
}  // namespace

class TestStepInspection : public QObject {
    Q_OBJECT
private slots:
    void denseNumbersFollowTheChainRule();
    void trainerStepPredictionsEqualIndependentForwards();
    void idxStepsNameTheModelsClasses();
};

void TestStepInspection::denseNumbersFollowTheChainRule() {
    const ModelSpec m = tinySpec();
    // The step: a forward in training mode, its loss gradient and the network's own backward.
    Network real(m);
    real.setLogitsOutput(true);
    real.reserve(2, 1);
    std::copy(kParams.begin(), kParams.end(), real.params().begin());
    const float* out = real.forward(kInputs.data(), 2, true);
    const std::vector<float> stepOut(out, out + 4);
    std::vector<float> dLoss(4);
    const LossResult lr = computeLoss(LossType::CrossEntropy, true, out, kLabels.data(), 2, 2, dLoss.data());
    real.backward(dLoss.data(), 2);
    const std::vector<float> grads(real.grads().begin(), real.grads().end());
    std::vector<float> after = kParams;
    for (std::size_t i = 0; i < after.size(); ++i) after[i] -= 0.5f * grads[i];  // plain SGD, rate 0.5

    Network scratch(m);
    scratch.setLogitsOutput(true);
    scratch.reserve(2, 1);
    StepRecord rec;
    rec.before = kParams;
    rec.after = after;
    rec.stepGrads = grads;
    rec.stepOutputs = stepOut.data();
    rec.inputs = kInputs.data();
    rec.labels = kLabels.data();
    rec.samples = 2;
    const StepInspection s = inspectStep(scratch, rec);

    const Hand h[2] = {byHand(kParams, kInputs.data(), 0), byHand(kParams, kInputs.data() + 3, 1)};
    const Hand ha[2] = {byHand(after, kInputs.data(), 0), byHand(after, kInputs.data() + 3, 1)};
    QCOMPARE(s.samples, 2);
    QCOMPARE(s.classes, 2);
    QVERIFY(s.probabilities);
    QCOMPARE(s.lossBefore, lr.loss);
    QVERIFY(near(s.lossBefore, (h[0].loss + h[1].loss) / 2));
    QVERIFY(near(s.lossAfter, (ha[0].loss + ha[1].loss) / 2));
    QVERIFY(s.lossAfter < s.lossBefore);  // a small SGD step on the same batch lowers its loss
    for (int k = 0; k < 2; ++k)
        for (int c = 0; c < 2; ++c) {
            QVERIFY(near(s.value(k, c, false), h[k].p[c]));
            QVERIFY(near(s.value(k, c, true), ha[k].p[c]));
        }

    QCOMPARE(int(s.dense.size()), 2);
    const DenseTrace& d1 = s.dense[0];
    const DenseTrace& d2 = s.dense[1];
    QCOMPARE(d1.specIndex, 0);
    QCOMPARE(d2.specIndex, 1);
    QCOMPARE(d1.units, 2);
    QCOMPARE(d1.inputs, 3);
    QCOMPARE(d1.shownInputs, 3);
    QVERIFY(!d1.truncated());
    QVERIFY(!d1.fusedSoftmax);
    QVERIFY(d2.fusedSoftmax);
    QCOMPARE(d1.activation, Activation::Sigmoid);
    for (int k = 0; k < 2; ++k) {
        for (int i = 0; i < 3; ++i) QCOMPARE(d1.x[k * 3 + i], kInputs[k * 3 + i]);
        for (int u = 0; u < 2; ++u) {
            QVERIFY(near(d1.at(d1.z, k, u), h[k].z1[u]));
            QVERIFY(near(d1.at(d1.a, k, u), h[k].a1[u]));
            QVERIFY(near(d1.at(d1.dA, k, u), h[k].da1[u]));
            QVERIFY(near(d1.at(d1.fPrime, k, u), h[k].a1[u] * (1 - h[k].a1[u])));
            QVERIFY(near(d1.at(d1.dZ, k, u), h[k].dz1[u]));
            for (int i = 0; i < 3; ++i)
                QVERIFY(near(d1.sampleGradW(k, u, i), h[k].dz1[u] * kInputs[k * 3 + i]));
            // The output layer: a = softmax(z), dL/dz = p - onehot, its input is the hidden a.
            QVERIFY(near(d2.at(d2.z, k, u), h[k].z2[u]));
            QVERIFY(near(d2.at(d2.a, k, u), h[k].p[u]));
            QVERIFY(near(d2.at(d2.dZ, k, u), h[k].dz2[u]));
            QVERIFY(std::isnan(d2.at(d2.dA, k, u)));
            QVERIFY(near(d2.x[k * 2 + u], h[k].a1[u]));
        }
    }
    for (int u = 0; u < 2; ++u) {
        QCOMPARE(d1.biases[u], kParams[6 + u]);
        QCOMPARE(d1.biasesAfter[u], after[6 + u]);
        QVERIFY(near(d1.meanGradB[u], (h[0].dz1[u] + h[1].dz1[u]) / 2));
        QVERIFY(near(d1.meanGradB[u], grads[6 + u]));  // the network's own backward
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(d1.weights[u * 3 + i], kParams[u * 3 + i]);
            QCOMPARE(d1.weightsAfter[u * 3 + i], after[u * 3 + i]);
            QCOMPARE(d1.stepGradW[u * 3 + i], grads[u * 3 + i]);
            QVERIFY(near(d1.meanGradW[u * 3 + i], grads[u * 3 + i]));  // mean of the samples = the batch's
        }
        for (int i = 0; i < 2; ++i) QVERIFY(near(d2.meanGradW[u * 2 + i], grads[8 + u * 2 + i]));
    }

    // Finite differences of sample 1's own loss in W1[1][2] agree with dL_1/dW = dL_1/dz x_1^T.
    const double eps = 1e-3;
    std::vector<float> wp = kParams, wm = kParams;
    wp[5] += float(eps);
    wm[5] -= float(eps);
    const double numeric =
        (byHand(wp, kInputs.data() + 3, 1).loss - byHand(wm, kInputs.data() + 3, 1).loss) / (2 * eps);
    QVERIFY(near(d1.sampleGradW(1, 1, 2), numeric, 1e-3));
}

void TestStepInspection::trainerStepPredictionsEqualIndependentForwards() {
    const Dataset data = loadDataset(test::subsetPath(), "MNIST subset");
    ModelSpec m;
    LayerSpec hidden = LayerSpec::make(LayerType::Dense);
    hidden.units = 20;  // more than kTraceUnits: a truncated trace
    hidden.activation = Activation::ReLU;
    LayerSpec out = LayerSpec::make(LayerType::Dense);
    out.units = 10;
    m.layers = {LayerSpec::make(LayerType::Flatten), hidden, out};
    m.training.optimizer.type = OptimizerType::Adam;
    m.training.optimizer.learningRate = 0.01f;
    m.training.batchSize = 32;
    m.training.threads = 2;
    m.training.epochs = 1;
    m.training.validationSplit = 0.1f;

    Trainer t(m, data);
    StepRecorder rec;
    t.setObserver(&rec);
    const std::vector<float> before = t.currentParams();
    t.pause();
    std::thread worker([&] { t.run(); });
    t.stepOnce();
    QTRY_COMPARE_WITH_TIMEOUT(rec.batches.load(), 1, 10000);
    QTRY_VERIFY(t.isPaused());
    QTRY_COMPARE(int(rec.steps.size()), 1);
    const std::vector<float> after = t.currentParams();
    t.stop();
    worker.join();

    const StepInspection& s = rec.steps[0];
    QCOMPARE(s.step, 1ll);
    QCOMPARE(s.epoch, 1);
    QCOMPARE(s.batch, 1);
    QCOMPARE(s.samples, 32);
    QCOMPARE(s.classes, 10);
    QCOMPARE(s.rows, 28);
    QCOMPARE(s.lossBefore, rec.health[0].loss);  // the loss of the step's own forward
    QCOMPARE(s.classNames, std::vector<std::string>(classNames(DatasetKind::MNIST)));
    QCOMPARE(int(s.dense.size()), 2);
    QCOMPARE(s.dense[0].units, 20);
    QCOMPARE(s.dense[0].shownUnits, kTraceUnits);
    QCOMPARE(s.dense[0].shownInputs, kTraceInputs);
    QVERIFY(s.dense[0].truncated());

    // An independent network: the same inputs (looked up by the recorded indices), the weights before and
    // after the step.
    Network net(m);
    net.setLogitsOutput(true);
    net.reserve(32, 1);
    std::vector<float> inputs(data.imageSize() * 32);
    std::vector<std::uint8_t> labels(32);
    for (int k = 0; k < 32; ++k) {
        const std::uint8_t* img = data.trainImages.data() + std::size_t(s.indices[k]) * data.imageSize();
        QVERIFY(std::equal(img, img + data.imageSize(), s.pixels.begin() + k * data.imageSize()));
        pixelsToInputs(img, inputs.data() + k * data.imageSize(), data.imageSize());
        labels[k] = data.trainLabels[s.indices[k]];
        QCOMPARE(s.labels[k], labels[k]);
    }
    for (int which = 0; which < 2; ++which) {
        const std::vector<float>& w = which ? after : before;
        std::copy(w.begin(), w.end(), net.params().begin());
        const float* o = net.forward(inputs.data(), 32, false);
        const LossResult lr = computeLoss(LossType::CrossEntropy, true, o, labels.data(), 32, 10, nullptr);
        QVERIFY(near(which ? s.lossAfter : s.lossBefore, lr.loss));
        QCOMPARE(which ? s.correctAfter : s.correctBefore, lr.correct);
        for (int k = 0; k < 32; ++k) {
            const float* z = o + k * 10;
            const float top = *std::max_element(z, z + 10);
            double sum = 0;
            for (int c = 0; c < 10; ++c) sum += std::exp(double(z[c]) - top);
            for (int c = 0; c < 10; ++c)
                QVERIFY2(near(s.value(k, c, which), std::exp(double(z[c]) - top) / sum, 1e-4),
                         qPrintable(
                             QString("sample %1 class %2 %3").arg(k).arg(c).arg(which ? "after" : "before")));
            QCOMPARE(s.predicted(k, which), int(std::max_element(z, z + 10) - z));
        }
    }
    QVERIFY(s.lossAfter < s.lossBefore);  // one Adam step at 0.01 lowers the loss of the batch it took
    QVERIFY(s.dense[1].meanGradB.size() == 10u);
    // The output layer's batch-mean bias gradient is what the network's backward gave the optimizer (no L2).
    for (int u = 0; u < 10; ++u) QVERIFY(near(s.dense[1].meanGradB[u], s.dense[1].stepGradB[u], 1e-4));
}

// IDX files name no classes: a step names those of the dataset the model is for when the images are not a
// published set's (here synthetic images under a Fashion-MNIST model), not the class numbers.
void TestStepInspection::idxStepsNameTheModelsClasses() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    test::writeTinyDataset(dir.path().toStdString(), 40, 10);
    const Dataset data = loadDataset(dir.path().toStdString(), "tiny");
    QVERIFY(data.classNames.empty());
    ModelSpec m;
    LayerSpec out = LayerSpec::make(LayerType::Dense);
    out.units = 10;
    m.layers = {LayerSpec::make(LayerType::Flatten), out};
    m.training.dataset = DatasetKind::FashionMNIST;
    m.training.batchSize = 8;
    m.training.threads = 1;
    m.training.epochs = 1;
    Trainer t(m, data);
    StepRecorder rec;
    t.setObserver(&rec);
    t.pause();
    std::thread worker([&] { t.run(); });
    t.stepOnce();
    QTRY_COMPARE_WITH_TIMEOUT(int(rec.steps.size()), 1, 10000);
    t.stop();
    worker.join();
    QCOMPARE(int(rec.steps[0].classNames.size()), 10);
    QCOMPARE(rec.steps[0].classNames[9], std::string("Ankle boot"));
}

QTEST_GUILESS_MAIN(TestStepInspection)
#include "tst_step_inspection.moc"
