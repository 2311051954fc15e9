// core/sanity_check.cpp on the bundled subset: a normal model starts near ln(10) and learns 20 images by
// heart; weights scaled up 30 times start far above ln(10); a learning rate far too high blows up on the 20
// images and one far too small does not get there; each failure says so in a sentence that names the
// figures and what to do.
#include <QtTest>

#include <cmath>

#include "core/network.h"
#include "core/sanity_check.h"
#include "tests/support/model_fixtures.h"
#include "tests/support/test_data.h"

using namespace layerlab;

class TestSanityCheck : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void chanceLevel();
    void normalModelPasses();
    void absurdInitialWeightsFail();
    void absurdLearningRatesFail();
    void modelThatDoesNotFitTheData();

private:
    ModelSpec mlp() const;
    Dataset m_data;
};

void TestSanityCheck::initTestCase() {
    m_data = loadDataset(test::subsetPath(), "MNIST subset (bundled)");
}

ModelSpec TestSanityCheck::mlp() const {
    ModelSpec s = test::subsetMlp(1);
    s.training.optimizer.learningRate = 0.001f;
    s.training.threads = 1;
    return s;
}

void TestSanityCheck::chanceLevel() {
    QCOMPARE(chanceLoss(LossType::CrossEntropy, 10), std::log(10.0));
    QCOMPARE(chanceLoss(LossType::MeanSquaredError, 10), 0.09);
}

void TestSanityCheck::normalModelPasses() {
    const SanityCheckResult r = runSanityCheck(mlp(), m_data);
    qInfo("%s\n%s", r.initialText.c_str(), r.overfitText.c_str());
    QVERIFY2(r.error.empty(), r.error.c_str());
    QVERIFY(std::fabs(r.initialLoss - std::log(10.0)) < 0.5);
    QCOMPARE(r.expectedLoss, std::log(10.0));
    QVERIFY(r.initialOk);
    QVERIFY(r.overfitOk);
    QVERIFY(r.ok());
    QVERIFY(r.overfitLoss < 0.02 * std::log(10.0));
    QCOMPARE(r.overfitAccuracy, 1.0);
    QVERIFY(r.overfitSteps > 5 && r.overfitSteps < 300);  // it needed some steps, and fewer than allowed
    QVERIFY(QString::fromStdString(r.initialText).contains("ln(10) = 2.30"));
    QVERIFY(QString::fromStdString(r.overfitText).contains("the model can learn"));
}

void TestSanityCheck::absurdInitialWeightsFail() {
    const ModelSpec spec = mlp();
    Network net(spec);
    net.initParams(spec.training.seed);
    std::vector<float> params(net.params().begin(), net.params().end());
    for (float& p : params) p *= 30;
    const SanityCheckResult r = runSanityCheck(spec, m_data, &params);
    qInfo("%s", r.initialText.c_str());
    QVERIFY(r.error.empty());
    QVERIFY(!r.initialOk);
    QVERIFY(!r.ok());
    QVERIFY(r.initialLoss > 10);
    QVERIFY(QString::fromStdString(r.initialText).contains("far above"));
    QVERIFY(QString::fromStdString(r.initialText).contains("initialisation"));
    // Weights of the wrong size are refused, not read past their end.
    params.pop_back();
    QVERIFY(QString::fromStdString(runSanityCheck(spec, m_data, &params).error).contains("the weights hold"));
}

void TestSanityCheck::absurdLearningRatesFail() {
    ModelSpec high = mlp();
    high.training.optimizer.type = OptimizerType::SGD;
    high.training.optimizer.momentum = 0;
    high.training.optimizer.learningRate = 1e4f;
    const SanityCheckResult h = runSanityCheck(high, m_data);
    qInfo("%s", h.overfitText.c_str());
    QVERIFY(h.initialOk);  // the start is fine: only the steps are wrong
    QVERIFY(!h.overfitOk);
    QVERIFY(h.overfitDiverged);
    QVERIFY(QString::fromStdString(h.overfitText).contains("far too high"));

    ModelSpec low = mlp();
    low.training.optimizer.learningRate = 1e-7f;
    SanityCheckOptions quick;
    quick.maxSteps = 60;
    const SanityCheckResult l = runSanityCheck(low, m_data, nullptr, quick);
    qInfo("%s", l.overfitText.c_str());
    QVERIFY(!l.overfitOk && !l.overfitDiverged);
    QCOMPARE(l.overfitSteps, 60);
    QVERIFY(l.overfitLoss > 1);
    QVERIFY(QString::fromStdString(l.overfitText).contains("will not learn 60,000"));
}

void TestSanityCheck::modelThatDoesNotFitTheData() {
    ModelSpec s = mlp();
    s.input = Shape::chw(1, 14, 14);
    const SanityCheckResult r = runSanityCheck(s, m_data);
    QVERIFY(QString::fromStdString(r.error).contains("the model expects 1x14x14 inputs"));
    QVERIFY(!r.ok());
}

QTEST_APPLESS_MAIN(TestSanityCheck)
#include "tst_sanity_check.moc"
