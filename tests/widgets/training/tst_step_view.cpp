// widgets/training/step_view.cpp fed with the inspection of a real stepOnce (a small MLP on the bundled
// subset, as TrainingController delivers it): the placeholder before a step, the summary's loss before ->
// after, the images in batch order and most-changed first, the trace table's values and formula headers for
// the chosen layer, sample and view, the note's batch-mean figure and plain SGD's update, the sample chosen
// by keyboard, and an image folder's RGB images in colour with its class names.
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTableView>
#include <QTest>
#include <thread>

#include "core/dataset.h"
#include "core/trainer.h"
#include "tests/support/test_data.h"
#include "widgets/training/step_batch_grid.h"
#include "widgets/training/step_view.h"

using namespace layerlab;

namespace {
struct Collect : TrainerObserver {
    std::atomic<int> batches{0};
    std::shared_ptr<const StepInspection> step;
    void onBatchEnd(const BatchMetrics&) override { ++batches; }
    void onStepInspected(const StepInspection& s) override { step = std::make_shared<StepInspection>(s); }
};
}  // namespace

class TestStepView : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void showsTheStep();
    void traceTableFollowsTheChoices();
    void rgbImagesInColourWithClassNames();

private:
    std::shared_ptr<const StepInspection> m_step;
};

void TestStepView::initTestCase() {
    const Dataset data = loadDataset(test::subsetPath(), "MNIST subset");
    ModelSpec m;
    LayerSpec hidden = LayerSpec::make(LayerType::Dense);
    hidden.units = 8;
    hidden.activation = Activation::ReLU;
    LayerSpec out = LayerSpec::make(LayerType::Dense);
    out.units = 10;
    out.activation = Activation::Softmax;
    m.layers = {LayerSpec::make(LayerType::Flatten), hidden, out};
    m.training.optimizer.type = OptimizerType::SGD;  // plain SGD: the note shows W - rate x gradient
    m.training.optimizer.momentum = 0;
    m.training.optimizer.learningRate = 0.05f;
    m.training.batchSize = 16;
    m.training.threads = 1;
    Trainer t(m, data);
    Collect c;
    t.setObserver(&c);
    t.pause();
    std::thread worker([&] { t.run(); });
    t.stepOnce();
    QTRY_VERIFY_WITH_TIMEOUT(c.step != nullptr, 10000);
    t.stop();
    worker.join();
    m_step = c.step;
    QCOMPARE(m_step->samples, 16);
}

void TestStepView::showsTheStep() {
    StepView v;
    v.resize(1000, 500);
    auto* stack = v.findChild<QStackedWidget*>();
    QCOMPARE(stack->currentIndex(), 0);  // the placeholder says how to take a step
    v.setStep(m_step);
    QCOMPARE(stack->currentIndex(), 1);
    const QString summary = v.summaryText();
    QVERIFY2(summary.contains(QString::number(m_step->lossBefore, 'f', 4) + QStringLiteral(" → ") +
                              QString::number(m_step->lossAfter, 'f', 4)),
             qPrintable(summary));
    QVERIFY(summary.contains(QStringLiteral("of 16 images")));
    // Batch order, then the changed predictions first, then by the change of the label's probability.
    QVector<int> order = v.order();
    QCOMPARE(order.size(), 16);
    QCOMPARE(order.front(), 0);
    v.setMostChangedFirst(true);
    order = v.order();
    QCOMPARE(order.size(), 16);
    auto delta = [&](int k) {
        const int y = m_step->labels[k];
        return std::abs(m_step->value(k, y, true) - m_step->value(k, y, false));
    };
    for (int i = 1; i < order.size(); ++i) {
        const bool a = m_step->predicted(order[i - 1], false) != m_step->predicted(order[i - 1], true);
        const bool b = m_step->predicted(order[i], false) != m_step->predicted(order[i], true);
        QVERIFY(a >= b);
        if (a == b) QVERIFY(delta(order[i - 1]) >= delta(order[i]));
    }
    // The grid takes the keyboard: Right moves to the next image in its order, and the sample follows.
    v.show();
    QVERIFY(QTest::qWaitForWindowExposed(&v));
    v.grid()->setFocus();
    v.grid()->setCurrentSample(order[0]);
    QTest::keyClick(v.grid(), Qt::Key_Right);
    QCOMPARE(v.grid()->currentSample(), order[1]);
    QCOMPARE(v.traceModel()->sample(), order[1]);
    QCOMPARE(v.findChild<QSpinBox*>()->value(), order[1] + 1);
}

void TestStepView::traceTableFollowsTheChoices() {
    StepView v;
    v.setStep(m_step);
    QCOMPARE(int(m_step->dense.size()), 2);
    v.setLayer(0);
    v.setSample(3);
    StepTraceModel* m = v.traceModel();
    const DenseTrace& t = m_step->dense[0];
    QCOMPARE(m->rowCount(), 8);
    QCOMPARE(m->columnCount(), int(StepTraceModel::UnitColumns));
    QCOMPARE(m->headerData(StepTraceModel::ColZ, Qt::Horizontal).toString(), QStringLiteral("z\n= W·x + b"));
    for (int u = 0; u < 8; ++u) {
        QCOMPARE(m->value(u, StepTraceModel::ColZ), double(t.at(t.z, 3, u)));
        QCOMPARE(m->value(u, StepTraceModel::ColDZ), double(t.at(t.dZ, 3, u)));
        QCOMPARE(m->value(u, StepTraceModel::ColMeanDB), double(t.meanGradB[u]));
        // ReLU: dL/dz is dL/da where z > 0, else 0.
        QCOMPARE(m->value(u, StepTraceModel::ColDZ),
                 t.at(t.z, 3, u) > 0 ? m->value(u, StepTraceModel::ColDA) : 0.0);
    }
    QVERIFY(v.noteText().contains(QStringLiteral("first 64 of its 784 inputs")));  // truncated: 784 inputs
    QVERIFY(!v.noteText().contains(QStringLiteral("units.")));                     // all 8 units shown

    // This sample's dL/dW: dL/dz x^T, with x in the column headers; the note gives the batch mean.
    v.setTraceView(StepTraceModel::SampleGradient);
    QCOMPARE(m->columnCount(), 64);
    v.table()->setCurrentIndex(m->index(2, 5));
    QCOMPARE(m->value(2, 5), double(t.at(t.dZ, 3, 2) * t.x[3 * 64 + 5]));
    QVERIFY(m->headerData(5, Qt::Horizontal).toString().startsWith(QStringLiteral("x6 = ")));
    const QString note = v.noteText();
    QVERIFY2(note.contains(QStringLiteral("Unit 3, input 6")), qPrintable(note));
    QVERIFY2(note.contains(StepTraceModel::number(t.meanGradW[2 * 64 + 5])), qPrintable(note));
    QVERIFY2(note.contains(QStringLiteral("That is W − learning rate × gradient: ") +
                           StepTraceModel::number(t.weights[2 * 64 + 5])),
             qPrintable(note));
    v.setTraceView(StepTraceModel::MeanGradient);
    QCOMPARE(m->value(2, 5), double(t.meanGradW[2 * 64 + 5]));

    // The output layer: softmax fused with cross-entropy, dL/da not formed.
    v.setLayer(1);
    v.setTraceView(StepTraceModel::Units);
    QCOMPARE(m->rowCount(), 10);
    QCOMPARE(m->data(m->index(0, StepTraceModel::ColDA)).toString(), QStringLiteral("—"));
    QVERIFY(v.noteText().contains(QStringLiteral("worked out together")));
}

void TestStepView::rgbImagesInColourWithClassNames() {
    // An image folder's step: RGB images (channel planes), named classes.
    auto s = std::make_shared<StepInspection>();
    s->samples = 2;
    s->classes = 2;
    s->channels = 3;
    s->rows = s->cols = 4;
    s->pixels.assign(2 * 3 * 16, 0);
    for (int i = 0; i < 16; ++i) {
        s->pixels[i] = 255;                // sample 1: red plane full
        s->pixels[48 + 2 * 16 + i] = 255;  // sample 2: blue plane full
    }
    s->labels = {0, 1};
    s->classNames = {"apple", "sky"};
    s->before = {0.4f, 0.6f, 0.7f, 0.3f};  // both wrong before
    s->after = {0.8f, 0.2f, 0.1f, 0.9f};   // both right after
    s->correctAfter = 2;
    StepView v;
    v.resize(900, 400);
    v.setStep(s);
    QCOMPARE(StepBatchGrid::className(*s, 1), QStringLiteral("sky"));
    QVERIFY(
        v.summaryText().contains(QStringLiteral("right 0 → 2 of 2 images; the step changed 2 predictions")));
    v.show();
    QVERIFY(QTest::qWaitForWindowExposed(&v));
    const QImage shot = v.grid()->grab().toImage();
    int red = 0, blue = 0;
    for (int y = 0; y < shot.height(); ++y)
        for (int x = 0; x < shot.width(); ++x) {
            const QColor c = shot.pixelColor(x, y);
            red += c.red() > 220 && c.green() < 40 && c.blue() < 40;
            blue += c.blue() > 220 && c.red() < 40 && c.green() < 40;
        }
    QVERIFY2(red > 1000 && blue > 1000, qPrintable(QStringLiteral("red %1, blue %2").arg(red).arg(blue)));
}

QTEST_MAIN(TestStepView)
#include "tst_step_view.moc"
