// The Evaluate tab as a whole on the bundled MNIST subset: an evaluation of given weights matches core's,
// clicking a cell fills the gallery with exactly that cell's images in confidence order, an image opens in
// Why?, bad input says what is wrong, and in the studio the tab follows a live training run epoch by epoch.
#include <QAction>
#include <QComboBox>
#include <QListWidget>
#include <QSignalSpy>
#include <QSlider>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>

#include "core/dataset.h"
#include "core/inference_model.h"
#include "core/network.h"
#include "tests/support/model_fixtures.h"
#include "tests/support/test_data.h"
#include "widgets/document/model_document.h"
#include "widgets/document/model_file_controller.h"
#include "widgets/evaluate/confusion_matrix_view.h"
#include "widgets/evaluate/evaluate_workspace.h"
#include "widgets/evaluate/explanation_panel.h"
#include "widgets/evaluate/image_gallery.h"
#include "widgets/session/training_controller.h"
#include "widgets/studio/main_window.h"

using namespace layerlab;

namespace {

constexpr int kLongTimeout = 120000;

std::vector<float> initialParams(const ModelSpec& spec, std::uint64_t seed) {
    Network net(spec);
    net.initParams(seed);
    return {net.params().begin(), net.params().end()};
}

std::shared_ptr<const Dataset> subset() {
    static auto data = std::make_shared<const Dataset>(loadDataset(test::subsetPath(), "MNIST subset"));
    return data;
}

QStringList digits() {
    QStringList n;
    for (int i = 0; i < 10; ++i) n << QString::number(i);
    return n;
}

}  // namespace

class TestEvaluateWorkspace : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void evaluationMatchesCoreAndCellsFillTheGallery();
    void badInputIsExplained();
    void followsALiveRun();
};

void TestEvaluateWorkspace::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(subset()->testCount() > 50);
}

void TestEvaluateWorkspace::evaluationMatchesCoreAndCellsFillTheGallery() {
    const ModelSpec spec = test::subsetMlp(1);
    const std::vector<float> params = initialParams(spec, 11);  // untrained: plenty of wrong answers
    EvaluateWorkspace w;
    w.resize(1000, 650);
    w.setClassNames(digits(), DatasetKind::MNIST);
    w.session()->setDataset(subset());
    w.session()->setWeights(spec, params, QStringLiteral("checkpoint x.llckpt"));
    QSignalSpy shown(&w, &EvaluateWorkspace::resultShown);
    w.show();  // evaluations run only while the tab is shown
    QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, kLongTimeout);
    QVERIFY(w.weightsText().contains("checkpoint x.llckpt"));

    // The same evaluation through core directly.
    InferenceModel model(spec, params);
    const Predictions expected = model.evaluate(testSet(*subset()));
    const auto result = w.shownResult();
    QVERIFY(result);
    QCOMPARE(w.matrixView()->matrix().counts, confusionMatrix(expected).counts);
    QCOMPARE(w.matrixView()->matrix().total(), (long long)subset()->testCount());
    QCOMPARE(w.classTable()->rowCount(), 10);
    QCOMPARE(w.classTable()->item(3, 4)->text(), QString::number(confusionMatrix(expected).rowSum(3)));
    QVERIFY(w.topLossesList()->count() > 0);

    // The fullest off-diagonal cell, and the diagonal cell of its true class.
    const ConfusionMatrix& m = w.matrixView()->matrix();
    int bi = -1, bj = -1;
    for (int i = 0; i < 10; ++i)
        for (int j = 0; j < 10; ++j)
            if (i != j && (bi < 0 || m.at(i, j) > m.at(bi, bj))) bi = i, bj = j;
    QVERIFY(m.at(bi, bj) >= 2);
    auto expectedCell = [&](int i, int j) {
        std::vector<std::size_t> pos;
        for (std::size_t k = 0; k < expected.count(); ++k)
            if (expected.labels[k] == i && expected.predicted[k] == j) pos.push_back(k);
        // Wrong answers: most confident first; right answers: least confident first.
        std::stable_sort(pos.begin(), pos.end(), [&](std::size_t a, std::size_t b) {
            const float pa = expected.probabilitiesOf(a)[j], pb = expected.probabilitiesOf(b)[j];
            return i == j ? pa < pb : pa > pb;
        });
        return pos;
    };
    QTest::mouseClick(w.matrixView(), Qt::LeftButton, {}, w.matrixView()->cellRect(bi, bj).center());
    QCOMPARE(w.gallery()->positions(), expectedCell(bi, bj));
    if (m.at(bi, bi) > 0) {
        QTest::mouseClick(w.matrixView(), Qt::LeftButton, {}, w.matrixView()->cellRect(bi, bi).center());
        QCOMPARE(w.gallery()->positions(), expectedCell(bi, bi));
    }
    // The most confused pair comes first in its list ("2 → 7: 5 images"): a cell with the largest count.
    QVERIFY(w.confusedPairsList()->count() > 0);
    const QListWidgetItem* top = w.confusedPairsList()->item(0);
    const int pt = top->data(Qt::UserRole).toInt(), pp = top->data(Qt::UserRole + 1).toInt();
    QVERIFY(pt != pp);
    QCOMPARE(m.at(pt, pp), m.at(bi, bj));
    QCOMPARE(top->text(), QStringLiteral("%1 → %2: %3 images").arg(pt).arg(pp).arg(m.at(pt, pp)));

    // An image of the gallery opens in Why?.
    QTest::mouseClick(w.matrixView(), Qt::LeftButton, {}, w.matrixView()->cellRect(bi, bj).center());
    const QRect r = w.gallery()->visualItemRect(w.gallery()->item(0));
    QTest::mouseClick(w.gallery()->viewport(), Qt::LeftButton, {}, r.center());
    QCOMPARE(w.pages()->currentIndex(), 2);  // Why?
    QVERIFY(w.explanationPanel()->isVisible());
    QVERIFY(w.explanationPanel()->hasImage());
    QTRY_VERIFY_WITH_TIMEOUT(!w.explanationPanel()->isBusy(), kLongTimeout);
    auto sal = w.explanationPanel()->explanation(ExplainMethod::Saliency);
    QVERIFY(sal && sal->ok());
    QCOMPARE(sal->predictedClass, bj);  // the image's answer as the evaluation had it
}

void TestEvaluateWorkspace::badInputIsExplained() {
    EvaluateWorkspace w;
    w.show();
    // No dataset, no weights.
    QVERIFY2(w.messageText().contains("No dataset loaded"), qPrintable(w.messageText()));
    w.session()->setDataset(subset());
    QVERIFY2(w.messageText().contains("No trained weights"), qPrintable(w.messageText()));
    // Weights for 14x14 images on a 28x28 dataset.
    ModelSpec small = test::subsetMlp(1);
    small.input = Shape({1, 14, 14});
    w.session()->setWeights(small, initialParams(small, 1), QStringLiteral("checkpoint small.llckpt"));
    QVERIFY2(w.messageText().contains("1x14x14") && w.messageText().contains("28x28"),
             qPrintable(w.messageText()));
    QVERIFY(!w.shownResult());
    QCOMPARE(w.matrixView()->matrix().classes, 0);
    QVERIFY(!w.session()->isBusy());
    // No validation images when the run held none out.
    ModelSpec noVal = test::subsetMlp(1);
    noVal.training.validationSplit = 0;
    w.session()->setWeights(noVal, initialParams(noVal, 1), QStringLiteral("run"));
    w.setBox()->setCurrentIndex(1);
    QVERIFY2(w.messageText().contains("no validation images"), qPrintable(w.messageText()));
}

void TestEvaluateWorkspace::followsALiveRun() {
    MainWindow win;
    win.fileController()->setInteractive(false);
    win.resize(1366, 768);
    win.show();
    win.document()->reset(test::subsetMlp(300));
    QTRY_VERIFY_WITH_TIMEOUT(win.isDatasetReady(), kLongTimeout);
    EvaluateWorkspace* ev = win.evaluateWorkspace();
    QVERIFY(ev->messageText().contains("No trained weights"));
    QSignalSpy finished(win.trainingController(), &TrainingController::finished);
    // What the tab showed while the run was going: the weights' label and the matrix's total.
    QStringList liveLabels;
    long long liveTotal = 0;
    connect(ev, &EvaluateWorkspace::resultShown, this, [&] {
        if (!win.trainingController()->isActive()) return;
        liveLabels << ev->weightsText();
        liveTotal = ev->matrixView()->matrix().total();
    });
    win.startTraining();
    win.showView(QStringLiteral("evaluate"));
    // Two epochs evaluated while training goes on.
    QTRY_VERIFY_WITH_TIMEOUT(liveLabels.size() >= 2, kLongTimeout);
    QVERIFY2(liveLabels.last().contains("of the running training"), qPrintable(liveLabels.last()));
    QCOMPARE(liveTotal, (long long)subset()->testCount());
    win.stopTraining();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kLongTimeout);
    const int entries = ev->session()->entryCount();
    QVERIFY(entries >= 2);
    QCOMPARE(ev->epochSlider()->maximum(), entries - 1);
    QCOMPARE(ev->epochSlider()->value(), entries - 1);  // following the newest
    QCOMPARE(ev->session()->entryEpoch(0), 1);
    QCOMPARE(ev->session()->entryEpoch(1), 2);
    QVERIFY2(ev->session()->entryLabel(0) == QStringLiteral("epoch 1 of the last run"),
             qPrintable(ev->session()->entryLabel(0)));
    // Stepping back to epoch 1 shows epoch 1's matrix.
    QSignalSpy shown(ev, &EvaluateWorkspace::resultShown);
    ev->epochSlider()->setValue(0);
    QTRY_VERIFY_WITH_TIMEOUT(ev->session()->result(0, EvaluationSet::Test) != nullptr, kLongTimeout);
    QTRY_VERIFY_WITH_TIMEOUT(ev->shownResult() == ev->session()->result(0, EvaluationSet::Test),
                             kLongTimeout);
    QVERIFY(ev->weightsText().contains("epoch 1 of the last run"));
    QCOMPARE(ev->matrixView()->matrix().counts,
             ev->session()->result(0, EvaluationSet::Test)->summary.confusion.counts);
    // Epoch 1's matrix is what core gives for epoch 1's weights.
    InferenceModel model(ev->session()->spec(), *ev->session()->params(0));
    QCOMPARE(ev->matrixView()->matrix().counts, confusionMatrix(model.evaluate(testSet(*subset()))).counts);
    // Another model replaces the weights: nothing of the run stays on show.
    win.document()->reset(test::subsetMlp(1));
    QCOMPARE(ev->session()->entryCount(), 0);
    QVERIFY(ev->messageText().contains("No trained weights"));
    QCOMPARE(ev->matrixView()->matrix().classes, 0);
}

QTEST_MAIN(TestEvaluateWorkspace)
#include "tst_evaluate_workspace.moc"
