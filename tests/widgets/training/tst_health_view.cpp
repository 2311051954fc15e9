// widgets/training/health_view.cpp fed with the health of a real run (a deep sigmoid net on the bundled
// subset, as TrainingController delivers it): one strip per layer with its numbers, the vanishing-gradient
// alert in words, a clicked layer's percentile bands over the steps and its histogram at the slider's step,
// the history thinned past kMaxSamples and cleared for a new run.
#include <qcustomplot.h>
#include <QLabel>
#include <QScrollArea>
#include <QScrollBar>
#include <QTableWidget>
#include <QTest>
#include <numeric>

#include "core/dataset.h"
#include "core/trainer.h"
#include "tests/support/test_data.h"
#include "widgets/training/health_view.h"

using namespace layerlab;

namespace {
struct Collect : TrainerObserver {
    QVector<HealthSample> samples;
    void onHealth(const HealthSample& h) override { samples.push_back(h); }
};

ModelSpec deepSigmoid() {
    ModelSpec m;
    m.layers = {LayerSpec::make(LayerType::Flatten)};
    for (int i = 0; i < 8; ++i) {
        LayerSpec d = LayerSpec::make(LayerType::Dense);
        d.units = 24;
        d.activation = Activation::Sigmoid;
        m.layers.push_back(d);
    }
    LayerSpec out = LayerSpec::make(LayerType::Dense);
    out.units = 10;
    m.layers.push_back(out);
    m.training.optimizer.type = OptimizerType::SGD;
    m.training.optimizer.learningRate = 0.01f;
    m.training.batchSize = 64;
    m.training.epochs = 1;
    m.training.threads = 1;
    return m;
}
}  // namespace

class TestHealthView : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void stripsAlertsAndDetailsOfARealRun();
    void historyIsThinnedAndCleared();
    void shortViewScrollsInsteadOfSqueezing();

private:
    QVector<HealthSample> m_samples;
};

void TestHealthView::initTestCase() {
    const Dataset data = loadDataset(test::subsetPath(), "MNIST subset");
    Trainer t(deepSigmoid(), data);
    Collect c;
    t.setObserver(&c);
    t.setHealthInterval(4);
    t.run();
    m_samples = c.samples;
    QVERIFY(m_samples.size() >= 5);
}

void TestHealthView::stripsAlertsAndDetailsOfARealRun() {
    HealthView v;
    v.resize(1000, 400);
    v.show();
    v.addSamples(m_samples.mid(0, 2));
    v.addSamples(m_samples.mid(2));
    QCOMPARE(int(v.history().size()), int(m_samples.size()));
    auto* table = v.findChild<QTableWidget*>();
    QVERIFY(table);
    QCOMPARE(table->rowCount(), 9);  // 8 sigmoid layers and the output (Flatten has no strip)
    QCOMPARE(table->item(0, 0)->text(), QString("Dense 2"));
    QCOMPARE(table->item(8, 0)->text(), QString("Dense 10"));
    const LayerHealth& first = m_samples.back().layers.front();
    QCOMPARE(table->item(0, 3)->text(), QString::number(first.gradientNorm, 'e', 1));
    QCOMPARE(table->item(0, 2)->text(), QString::fromUtf8("–"));  // no ReLU: nothing can die
    // The alert of the last sample, in words.
    QVERIFY2(v.alertsShown().contains("Gradients shrink"), qPrintable(v.alertsShown()));
    QVERIFY(v.alertsShown().contains("vanishing gradients (try ReLU instead of Sigmoid"));

    // The first layer is selected from the start: its weights' percentiles over the steps.
    QCOMPARE(v.selectedRow(), 0);
    v.setQuantity(HealthView::Weights);
    const auto plots = v.findChildren<QCustomPlot*>();
    QCOMPARE(plots.size(), 2);
    QCustomPlot* bands = plots[0];
    QCOMPARE(bands->graphCount(), kHealthPercentiles);
    QCOMPARE(bands->graph(3)->dataCount(), int(m_samples.size()));
    QCOMPARE(bands->graph(3)->data()->at(0)->value, double(m_samples[0].layers[0].weights.percentiles[3]));
    QCOMPARE(bands->graph(3)->data()->at(0)->key, double(m_samples[0].step));
    QCOMPARE(bands->graph(6)->data()->at(1)->value, double(m_samples[1].layers[0].weights.hi));

    // The slider follows the newest step; moved back, the histogram is that step's.
    QCOMPARE(v.histogramIndex(), int(m_samples.size()) - 1);
    v.selectRow(8);
    v.setQuantity(HealthView::Gradients);
    v.setHistogramIndex(1);
    auto* bars = qobject_cast<QCPBars*>(plots[1]->plottable(0));
    QVERIFY(bars);
    double total = 0;
    for (int i = 0; i < bars->dataCount(); ++i) total += bars->data()->at(i)->value;
    QCOMPARE(total, double(m_samples[1].layers[8].gradients.count));  // 24 x 10 weights + 10 biases
    QCOMPARE(total, 250.0);
    bool labelled = false;
    for (QLabel* l : v.findChildren<QLabel*>())
        labelled |= l->text() ==
                    QString("step %1 (epoch 1, batch %2)").arg(m_samples[1].step).arg(m_samples[1].batch);
    QVERIFY(labelled);
    // Activations: one band point per sample for the output layer too.
    v.setQuantity(HealthView::Activations);
    QCOMPARE(bands->graph(0)->dataCount(), int(m_samples.size()));
}

void TestHealthView::historyIsThinnedAndCleared() {
    HealthView v;
    QVector<HealthSample> many;
    for (int i = 0; i < HealthView::kMaxSamples + 10; ++i) {
        HealthSample s = m_samples[0];
        s.step = i + 1;
        many.push_back(s);
    }
    v.addSamples(many);
    QVERIFY(int(v.history().size()) <= HealthView::kMaxSamples);
    QVERIFY(int(v.history().size()) >= HealthView::kMaxSamples / 2);
    QCOMPARE(v.history().back().step, (long long)HealthView::kMaxSamples + 10);  // the newest is kept
    QCOMPARE(v.history().front().step, 1ll);
    v.clear();
    QVERIFY(v.history().empty());
    QCOMPARE(v.findChild<QTableWidget*>()->rowCount(), 0);
    QCOMPARE(v.selectedRow(), -1);
}

// A short Health tab (1366x768 at 150 %: about 230 px) keeps its plots readable: the details scroll.
void TestHealthView::shortViewScrollsInsteadOfSqueezing() {
    HealthView v;
    v.resize(620, 230);
    v.show();
    QVERIFY(QTest::qWaitForWindowExposed(&v));
    v.addSamples(m_samples);
    QCoreApplication::processEvents();
    const auto plots = v.findChildren<QCustomPlot*>();
    QCOMPARE(plots.size(), 2);
    const int line = v.fontMetrics().height();
    QVERIFY2(plots[0]->height() >= 9 * line, qPrintable(QString::number(plots[0]->height())));
    QVERIFY2(plots[1]->height() >= 6 * line, qPrintable(QString::number(plots[1]->height())));
    auto* scroll = plots[0]->parentWidget()->parentWidget()->parentWidget();
    QVERIFY(qobject_cast<QScrollArea*>(scroll));
    QVERIFY(static_cast<QScrollArea*>(scroll)->verticalScrollBar()->maximum() > 0);
}

QTEST_MAIN(TestHealthView)
#include "tst_health_view.moc"
