// core/evaluation.cpp and core/inference_model.cpp: the metrics of a hand-made set of predictions are
// exact (confusion matrix, precision/recall/F1, accuracy, loss, misclassified, top losses, confused pairs,
// the cell gallery); batched inference gives the trainer's own test loss and accuracy, per-image outputs
// that do not depend on the thread count, a working cancel, and clear errors for a model that does not fit
// the data.
#include <QtTest>

#include <atomic>
#include <cmath>

#include "core/dataset.h"
#include "core/errors.h"
#include "core/evaluation.h"
#include "core/inference_model.h"
#include "core/model_spec.h"
#include "core/network.h"
#include "core/trainer.h"
#include "tests/support/test_data.h"

using namespace layerlab;

class TestEvaluation : public QObject {
    Q_OBJECT
private slots:
    void confusionMatrixOfHandMadePredictions();
    void perClassMetricsAreExact();
    void undefinedMetricsAreNaN();
    void misclassifiedTopLossesAndConfusedPairs();
    void cellGalleryOrderAndTopThree();
    void inferenceMatchesTrainerEvaluation();
    void perImageOutputsDoNotDependOnThreads();
    void validationSetIsTheTrainersSplit();
    void cancelStopsThePass();
    void modelForAnotherImageSizeIsAClearError();
    void wrongWeightCountIsAClearError();
};

namespace {
// 3 classes, 10 images. Rows = true class:
//   true 0: predicted 0,0,0,1        -> (0,0)=3 (0,1)=1
//   true 1: predicted 1,1,2          -> (1,1)=2 (1,2)=1
//   true 2: predicted 2,0,0          -> (2,2)=1 (2,0)=2
Predictions handMade() {
    Predictions p;
    p.classes = 3;
    p.labels = {0, 0, 0, 0, 1, 1, 1, 2, 2, 2};
    p.predicted = {0, 0, 0, 1, 1, 1, 2, 2, 0, 0};
    // Probabilities consistent with the predictions (argmax), chosen to order the gallery.
    p.probabilities = {
        0.9f,  0.05f, 0.05f,  // 0: correct 0, confident
        0.5f,  0.3f,  0.2f,   // 1: correct 0, least confident
        0.7f,  0.2f,  0.1f,   // 2
        0.3f,  0.6f,  0.1f,   // 3: 0 -> 1
        0.1f,  0.8f,  0.1f,   // 4
        0.2f,  0.7f,  0.1f,   // 5
        0.1f,  0.3f,  0.6f,   // 6: 1 -> 2
        0.2f,  0.2f,  0.6f,   // 7
        0.55f, 0.1f,  0.35f,  // 8: 2 -> 0, less confident
        0.8f,  0.15f, 0.05f,  // 9: 2 -> 0, most confident
    };
    p.losses = {0.1f, 0.7f, 0.35f, 1.2f, 0.2f, 0.35f, 1.2f, 0.5f, 1.05f, 3.0f};
    for (std::uint32_t i = 0; i < 10; ++i) p.sourceIndex.push_back(100 + i);
    return p;
}

ModelSpec smallCnn() {
    ModelSpec m;
    LayerSpec c = LayerSpec::make(LayerType::Conv2D);
    c.filters = 4;
    c.kernel = 3;
    c.activation = Activation::ReLU;
    m.layers.push_back(c);
    LayerSpec p = LayerSpec::make(LayerType::MaxPool2D);
    p.poolSize = 2;
    p.stride = 2;
    m.layers.push_back(p);
    m.layers.push_back(LayerSpec::make(LayerType::Flatten));
    LayerSpec d = LayerSpec::make(LayerType::Dense);
    d.units = 10;
    d.activation = Activation::Softmax;
    m.layers.push_back(d);
    m.training.batchSize = 64;
    m.training.epochs = 1;
    m.training.threads = 2;
    return m;
}

// A briefly trained small CNN on the bundled subset: weights that classify better than chance.
struct Trained {
    Dataset data;
    ModelSpec spec;
    std::vector<float> params;
};
const Trained& trained() {
    static const Trained t = [] {
        Trained r;
        r.data = loadDataset(test::subsetPath());
        r.spec = smallCnn();
        Trainer trainer(r.spec, r.data);
        trainer.run();
        r.params = trainer.currentParams();
        return r;
    }();
    return t;
}
}  // namespace

void TestEvaluation::confusionMatrixOfHandMadePredictions() {
    const ConfusionMatrix m = confusionMatrix(handMade());
    QCOMPARE(m.classes, 3);
    const std::vector<long long> expected = {3, 1, 0,  //
                                             0, 2, 1,  //
                                             2, 0, 1};
    QCOMPARE(m.counts, expected);
    QCOMPARE(m.rowSum(0), 4LL);
    QCOMPARE(m.columnSum(0), 5LL);
    QCOMPARE(m.total(), 10LL);
    QCOMPARE(m.correct(), 6LL);
    const std::vector<double> norm = m.rowNormalised();
    QCOMPARE(norm[0], 0.75);
    QCOMPARE(norm[1], 0.25);
    QCOMPARE(norm[5], 1.0 / 3.0);
    QCOMPARE(norm[6], 2.0 / 3.0);
}

void TestEvaluation::perClassMetricsAreExact() {
    const EvaluationSummary s = summarize(handMade());
    QCOMPARE(s.accuracy, 0.6);
    // mean of the per-image losses: 8.65 / 10 (floats summed in double)
    QVERIFY(std::abs(s.loss - 0.865) < 1e-6);
    // class 0: tp 3, fp 2 (two 2s), fn 1 -> P 3/5, R 3/4, F1 6/9
    QCOMPARE(s.perClass[0].precision, 0.6);
    QCOMPARE(s.perClass[0].recall, 0.75);
    QCOMPARE(s.perClass[0].f1, 6.0 / 9.0);
    QCOMPARE(s.perClass[0].support, 4LL);
    QCOMPARE(s.perClass[0].predicted, 5LL);
    // class 1: tp 2, fp 1, fn 1 -> P 2/3, R 2/3, F1 4/6
    QCOMPARE(s.perClass[1].precision, 2.0 / 3.0);
    QCOMPARE(s.perClass[1].recall, 2.0 / 3.0);
    QCOMPARE(s.perClass[1].f1, 4.0 / 6.0);
    // class 2: tp 1, fp 1, fn 2 -> P 1/2, R 1/3, F1 2/5
    QCOMPARE(s.perClass[2].precision, 0.5);
    QCOMPARE(s.perClass[2].recall, 1.0 / 3.0);
    QCOMPARE(s.perClass[2].f1, 0.4);
    QCOMPARE(s.perClass[2].support, 3LL);
    QVERIFY(std::abs(s.macroPrecision - (0.6 + 2.0 / 3.0 + 0.5) / 3) < 1e-12);
    QVERIFY(std::abs(s.macroF1 - (6.0 / 9.0 + 4.0 / 6.0 + 0.4) / 3) < 1e-12);
}

void TestEvaluation::undefinedMetricsAreNaN() {
    // 3 classes; class 2 never appears and is never predicted, class 1 is never predicted.
    Predictions p;
    p.classes = 3;
    p.labels = {0, 1, 1};
    p.predicted = {0, 0, 0};
    p.losses = {0.f, 1.f, 2.f};
    const EvaluationSummary s = summarize(p);
    QCOMPARE(s.perClass[0].precision, 1.0 / 3.0);
    QVERIFY(std::isnan(s.perClass[1].precision));  // never predicted
    QCOMPARE(s.perClass[1].recall, 0.0);
    QCOMPARE(s.perClass[1].f1, 0.0);            // 2 tp / (2 tp + fp + fn) = 0 / 2
    QVERIFY(std::isnan(s.perClass[2].recall));  // no images
    QVERIFY(std::isnan(s.perClass[2].f1));
    QCOMPARE(s.macroRecall, 0.5);  // (1 + 0) / 2: class 2 has none
    const EvaluationSummary empty = summarize(Predictions{});
    QVERIFY(std::isnan(empty.accuracy));
    QVERIFY(std::isnan(empty.loss));
}

void TestEvaluation::misclassifiedTopLossesAndConfusedPairs() {
    const Predictions p = handMade();
    QCOMPARE(misclassified(p), (std::vector<std::size_t>{3, 6, 8, 9}));
    // losses 3.0 (9), then the tie 1.2 (3, 6: lower position first), then 1.05 (8)
    QCOMPARE(topLosses(p, 4), (std::vector<std::size_t>{9, 3, 6, 8}));
    QCOMPARE(topLosses(p, 50).size(), std::size_t(10));
    const auto pairs = mostConfusedPairs(confusionMatrix(p), 5);
    QCOMPARE(pairs.size(), std::size_t(3));
    QCOMPARE(pairs[0].trueClass, 2);
    QCOMPARE(pairs[0].predicted, 0);
    QCOMPARE(pairs[0].count, 2LL);
    // ties (count 1) in row order: 0 -> 1, then 1 -> 2
    QCOMPARE(pairs[1].trueClass, 0);
    QCOMPARE(pairs[1].predicted, 1);
    QCOMPARE(pairs[2].trueClass, 1);
    QCOMPARE(pairs[2].predicted, 2);
    QCOMPARE(mostConfusedPairs(confusionMatrix(p), 1).size(), std::size_t(1));
}

void TestEvaluation::cellGalleryOrderAndTopThree() {
    const Predictions p = handMade();
    // true 2 predicted 0: image 9 (0.8 on 0) before image 8 (0.55)
    auto g = cellGallery(p, 2, 0);
    QCOMPARE(g.size(), std::size_t(2));
    QCOMPARE(g[0].position, std::size_t(9));
    QCOMPARE(g[0].sourceIndex, 109u);
    QCOMPARE(g[0].confidence, 0.8f);
    QCOMPARE(g[0].topClasses, (std::array<int, 3>{0, 1, 2}));
    QCOMPARE(g[1].position, std::size_t(8));
    QCOMPARE(g[1].topClasses, (std::array<int, 3>{0, 2, 1}));
    QCOMPARE(g[1].topProbabilities[1], 0.35f);
    // diagonal: least confident correct first: 1 (0.5), 2 (0.7), 0 (0.9)
    g = cellGallery(p, 0, 0);
    QCOMPARE(g.size(), std::size_t(3));
    QCOMPARE(g[0].position, std::size_t(1));
    QCOMPARE(g[1].position, std::size_t(2));
    QCOMPARE(g[2].position, std::size_t(0));
    QCOMPARE(cellGallery(p, 0, 0, 2).size(), std::size_t(2));
    QVERIFY(cellGallery(p, 1, 0).empty());
}

void TestEvaluation::inferenceMatchesTrainerEvaluation() {
    const Trained& t = trained();
    Trainer trainer(t.spec, t.data);
    trainer.setInitialParams(t.params);
    const auto [loss, acc] =
        trainer.evaluate(t.data.testImages.data(), t.data.testLabels.data(), t.data.testCount());
    InferenceModel model(t.spec, t.params, 2);
    QCOMPARE(model.checkData(t.data), std::string());
    const Predictions p = model.evaluate(testSet(t.data));
    QCOMPARE(p.count(), t.data.testCount());
    const EvaluationSummary s = summarize(p);
    QVERIFY2(acc > 0.5, "the trained fixture should beat chance");
    QCOMPARE(s.accuracy, acc);
    QVERIFY2(std::abs(s.loss - loss) < 1e-5, qPrintable(QString("%1 vs %2").arg(s.loss).arg(loss)));
    for (std::size_t i = 0; i < p.count(); ++i) {
        const float* pr = p.probabilitiesOf(i);
        double sum = 0;
        for (int k = 0; k < 10; ++k) sum += pr[k];
        QVERIFY(std::abs(sum - 1.0) < 1e-5);
        QCOMPARE(int(p.predicted[i]), int(std::max_element(pr, pr + 10) - pr));
        QCOMPARE(p.labels[i], t.data.testLabels[i]);
        QCOMPARE(p.sourceIndex[i], std::uint32_t(i));
        // cross-entropy of each image: -ln p[label]
        QVERIFY(std::abs(p.losses[i] + std::log(pr[p.labels[i]])) < 1e-4 * std::max(1.0f, p.losses[i]));
    }
    // the pass's output equals a one-image run
    const std::vector<float> one = model.classify(t.data.testImages.data() + 7 * 784, 1);
    for (int k = 0; k < 10; ++k) QVERIFY(std::abs(one[k] - p.probabilitiesOf(7)[k]) < 1e-6);
}

void TestEvaluation::perImageOutputsDoNotDependOnThreads() {
    const Trained& t = trained();
    InferenceModel one(t.spec, t.params, 1), two(t.spec, t.params, 2);
    const Predictions a = one.evaluate(testSet(t.data)), b = two.evaluate(testSet(t.data));
    QCOMPARE(a.predicted, b.predicted);
    QCOMPARE(confusionMatrix(a).counts, confusionMatrix(b).counts);
    for (std::size_t i = 0; i < a.probabilities.size(); ++i)
        QVERIFY(std::abs(a.probabilities[i] - b.probabilities[i]) < 1e-6);
}

void TestEvaluation::validationSetIsTheTrainersSplit() {
    const Trained& t = trained();
    const ImageSet v = validationSet(t.data, t.spec.training);
    Trainer trainer(t.spec, t.data);
    QCOMPARE(v.count, trainer.validationSamples());
    QCOMPARE(v.count, std::size_t(200));  // 10% of the subset's 2000
    QVERIFY(std::is_sorted(v.indices.begin(), v.indices.end()));
    // The trainer's validation accuracy after an epoch is the evaluation of this set with its weights.
    struct Last : TrainerObserver {
        EpochMetrics e;
        void onEpochEnd(const EpochMetrics& m) override { e = m; }
    } obs;
    trainer.setObserver(&obs);
    trainer.run();
    InferenceModel model(t.spec, trainer.currentParams(), 2);
    const EvaluationSummary s = summarize(model.evaluate(v));
    QCOMPARE(s.accuracy, obs.e.valAccuracy);
    QVERIFY(std::abs(s.loss - obs.e.valLoss) < 1e-5);
    QCOMPARE(v.sourceIndex(3), std::size_t(v.indices[3]));
}

void TestEvaluation::cancelStopsThePass() {
    const Trained& t = trained();
    InferenceModel model(t.spec, t.params, 2);
    std::atomic<bool> cancel{true};
    const Predictions p = model.evaluate(testSet(t.data), &cancel);
    QVERIFY(p.cancelled);
    QCOMPARE(p.count(), std::size_t(0));
    cancel = false;
    QCOMPARE(model.evaluate(testSet(t.data), &cancel).count(), t.data.testCount());
}

void TestEvaluation::modelForAnotherImageSizeIsAClearError() {
    const Trained& t = trained();
    ModelSpec other = smallCnn();
    other.input = Shape::chw(1, 32, 32);
    InferenceModel model(other, std::vector<float>(Network(other).params().size(), 0.01f), 1);
    const std::string why = model.checkData(t.data);
    QVERIFY2(why.find("1x32x32") != std::string::npos && why.find("28x28") != std::string::npos, why.c_str());
    QVERIFY_THROWS_EXCEPTION(DataError, model.evaluate(testSet(t.data)));
    // A model with fewer outputs than the data has classes.
    ModelSpec few = smallCnn();
    few.layers.back().units = 5;
    few.classes = 5;
    InferenceModel fewModel(few, std::vector<float>(Network(few).params().size(), 0.0f), 1);
    QVERIFY(fewModel.checkData(t.data).find("10 classes") != std::string::npos);
    try {
        fewModel.evaluate(testSet(t.data));
        QFAIL("expected a DataError");
    } catch (const DataError& e) {
        QVERIFY2(std::string(e.what()).find("outputs 5 classes") != std::string::npos, e.what());
    }
}

void TestEvaluation::wrongWeightCountIsAClearError() {
    try {
        InferenceModel model(smallCnn(), std::vector<float>(7, 0.0f), 1);
        QFAIL("expected a CheckpointError");
    } catch (const CheckpointError& e) {
        QVERIFY2(std::string(e.what()).find("hold 7 values") != std::string::npos, e.what());
    }
}

QTEST_GUILESS_MAIN(TestEvaluation)
#include "tst_evaluation.moc"
