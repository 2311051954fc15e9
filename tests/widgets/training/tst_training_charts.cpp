// widgets/training/training_charts.cpp (with the TrainingPlot of each side, training_plot.cpp) and
// training_progress_bar.cpp, fed as TrainingController feeds them:
// the trend line stays with the dots, the accuracy axis zooms to the data or shows the error rate on a log
// scale, the train/validation gap is shaded and read out, a stop inside an epoch (from a real Trainer) shows
// no validation point or best mark and says where it stopped, legends and readouts sit outside the plot area
// at every size, and Export PNG names the file .png.
#include <qcustomplot.h>
#include <QComboBox>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

#include "core/dataset.h"
#include "core/trainer.h"
#include "i18n/core_text.h"
#include "tests/support/test_data.h"
#include "widgets/common/language_manager.h"
#include "widgets/training/training_charts.h"
#include "widgets/training/training_progress_bar.h"
#include "widgets/training/trend_line.h"

using namespace layerlab;

class TestTrainingCharts : public QObject {
    Q_OBJECT
private slots:
    void trendStaysWithTheDotsFromTheFirstBatch();
    void accuracyAxisZoomsToTheDataOrShowsTheErrorRate();
    void gapBetweenTrainAndValidationIsShadedAndReadOut();
    void stopInsideAnEpochShowsNoValidationOrBestMark();
    void howTheRunEndedIsInTheUiLanguage();
    void legendsAndReadoutsStayOutsideThePlotArea();
    void exportAddsThePngSuffix();
    void exportCsvHasEveryBatchAndEpoch();
};

namespace {

TrainingSpec spec(int epochs, bool earlyStopping = false) {
    TrainingSpec t;
    t.epochs = epochs;
    t.batchSize = 64;
    t.earlyStopping.enabled = earlyStopping;
    return t;
}

BatchMetrics batch(int epoch, int b, int perEpoch, double loss, double accuracy) {
    BatchMetrics m;
    m.epoch = epoch;
    m.batch = b;
    m.batchesPerEpoch = perEpoch;
    m.loss = loss;
    m.accuracy = accuracy;
    m.learningRate = 0.001;
    return m;
}

// A learning curve over `epochs` epochs of `perEpoch` batches: accuracy rising to ~98 %, loss falling.
QVector<BatchMetrics> run(int epochs, int perEpoch) {
    QVector<BatchMetrics> out;
    for (int e = 1; e <= epochs; ++e)
        for (int b = 1; b <= perEpoch; ++b) {
            const int i = (e - 1) * perEpoch + b - 1;
            const double wiggle = 0.01 * ((i * 7919) % 11 - 5);  // deterministic noise of +-5 points
            const double acc = std::clamp(0.98 - 0.88 * std::exp(-i / 15.0) + wiggle, 0.0, 1.0);
            out.push_back(batch(e, b, perEpoch, 2.3 * (1.0 - acc) + 0.05, acc));
        }
    return out;
}

EpochMetrics epoch(int e, double valAccuracy, bool best = false) {
    EpochMetrics m;
    m.epoch = e;
    m.valAccuracy = valAccuracy;
    m.valLoss = 2.3 * (1.0 - valAccuracy) + 0.05;
    m.best = best;
    return m;
}

QCPGraph* graph(QCustomPlot* p, int i) {
    return p->graph(i);
}

bool hasLegendEntry(QCustomPlot* p, const QString& text) {
    for (int i = 0; i < p->legend->itemCount(); ++i)
        if (auto* item = qobject_cast<QCPPlottableLegendItem*>(p->legend->item(i)))
            if (item->plottable()->name() == text) return true;
    return false;
}

}  // namespace

void TestTrainingCharts::trendStaysWithTheDotsFromTheFirstBatch() {
    // A tiny dataset: 2 batches per epoch. The old moving average sat about 20 points under the dots at
    // epoch 3; the trend line must stay within a few points of every dot.
    TrainingCharts charts;
    charts.resize(900, 300);
    charts.reset(spec(8));
    const std::vector<double> acc = {0.12, 0.31, 0.48, 0.61, 0.71, 0.78, 0.83, 0.87, 0.90, 0.92};
    QVector<BatchMetrics> batches;
    for (int i = 0; i < int(acc.size()); ++i)
        batches.push_back(
            batch(i / 2 + 1, i % 2 + 1, 2, 2.3 * (1 - acc[std::size_t(i)]), acc[std::size_t(i)]));
    charts.addBatches(batches.mid(0, 3));  // in bursts, as the controller drains them
    charts.addBatches(batches.mid(3));
    const auto* raw = graph(charts.accuracyPlot(), TrainingCharts::TrainRaw)->data().data();
    const auto* trend = graph(charts.accuracyPlot(), TrainingCharts::TrainSmoothed)->data().data();
    QCOMPARE(raw->size(), int(acc.size()));
    QCOMPARE(trend->size(), int(acc.size()));
    for (int i = 0; i < raw->size(); ++i) {
        QCOMPARE(trend->at(i)->key, raw->at(i)->key);
        QVERIFY2(std::abs(trend->at(i)->value - raw->at(i)->value) < 3.0,
                 qPrintable(QStringLiteral("batch %1: trend %2, dot %3")
                                .arg(i + 1)
                                .arg(trend->at(i)->value)
                                .arg(raw->at(i)->value)));
    }
    QCOMPARE(trend->at(5)->key, 3.0);  // epoch 3
}

void TestTrainingCharts::accuracyAxisZoomsToTheDataOrShowsTheErrorRate() {
    TrainingCharts charts;
    charts.resize(900, 300);
    charts.reset(spec(10));
    QCOMPARE(charts.accuracyAxis(), TrainingCharts::AccuracyAxis::ZoomToData);
    QCustomPlot* p = charts.accuracyPlot();
    QCOMPARE(p->yAxis->range().lower, 0.0);  // nothing yet: the whole scale
    charts.addBatches(run(4, 60));
    for (int e = 1; e <= 4; ++e) charts.addEpoch(epoch(e, 0.965 + 0.003 * e));

    // Zoomed: the first batches' climb from 10 % no longer squashes the part where train and validation
    // separate; every validation point is inside.
    const QCPRange zoomed = p->yAxis->range();
    QVERIFY2(zoomed.lower > 70.0 && zoomed.size() < 30.0, qPrintable(QString::number(zoomed.lower)));
    QVERIFY(zoomed.upper <= 100.5);
    QVERIFY(zoomed.contains(96.8) && zoomed.contains(97.7));

    charts.setAccuracyAxis(TrainingCharts::AccuracyAxis::Full);
    QCOMPARE(p->yAxis->range().lower, 0.0);
    QCOMPARE(p->yAxis->range().upper, 100.5);

    // Error rate on a log scale: the same points as 100 % - accuracy.
    charts.setAccuracyAxis(TrainingCharts::AccuracyAxis::ErrorLog);
    QCOMPARE(p->yAxis->scaleType(), QCPAxis::stLogarithmic);
    const auto* val = graph(p, TrainingCharts::Validation)->data().data();
    QCOMPARE(val->size(), 4);
    QVERIFY(std::abs(val->at(3)->value - 2.3) < 1e-6);  // 97.7 % -> 2.3 %
    QVERIFY(p->yAxis->range().lower < 2.3 && p->yAxis->range().upper == 100.0);
    for (const auto& d : *graph(p, TrainingCharts::TrainRaw)->data())
        QVERIFY(d.value > 0 && d.value <= 100.0);  // a batch without an error still has a place on the axis
    const auto* combo = charts.findChild<QComboBox*>();
    QCOMPARE(combo->currentData().toInt(), int(TrainingCharts::AccuracyAxis::ErrorLog));

    charts.setAccuracyAxis(TrainingCharts::AccuracyAxis::ZoomToData);
    QCOMPARE(p->yAxis->scaleType(), QCPAxis::stLinear);
    QVERIFY(std::abs(graph(p, TrainingCharts::Validation)->data()->at(3)->value - 97.7) < 1e-6);
    QCOMPARE(p->yAxis->range(), zoomed);
}

void TestTrainingCharts::gapBetweenTrainAndValidationIsShadedAndReadOut() {
    TrainingCharts charts;
    charts.resize(1200, 300);
    charts.show();
    charts.reset(spec(10));
    QVERIFY(charts.accuracyReadout().isEmpty());  // nothing to read before the first validation
    const auto batches = run(3, 60);
    charts.addBatches(batches);
    charts.addEpoch(epoch(1, 0.95));
    charts.addEpoch(epoch(2, 0.96));
    charts.addEpoch(epoch(3, 0.962));
    // The train value is the trend at epoch 3's last batch, worked out here on its own.
    TrendLine trend(TrendLine::halfWidthFor(60));
    for (const auto& b : batches) trend.append(b.accuracy * 100.0);
    const double train = trend.value(3 * 60 - 1);
    const QString expected = QStringLiteral("epoch 3: train %1 %, validation 96.2 %, gap %2 points")
                                 .arg(train, 0, 'f', 1)
                                 .arg(train - 96.2, 0, 'f', 1);
    QCOMPARE(charts.accuracyReadout(), expected);
    QVERIFY(charts.lossReadout().startsWith(QStringLiteral("epoch 3: train ")));
    // Shaded between the trend and the validation line.
    QCustomPlot* p = charts.accuracyPlot();
    QCOMPARE(graph(p, TrainingCharts::TrainSmoothed)->channelFillGraph(),
             graph(p, TrainingCharts::Validation));
    QVERIFY(graph(p, TrainingCharts::TrainSmoothed)->brush().style() != Qt::NoBrush);

    // The test value joins the readout when the run ends; a narrow plot gets the short form.
    TrainResult r;
    r.testLoss = 0.1234;
    r.testAccuracy = 0.9712;
    r.message = "Finished 3 epochs.";
    charts.showResult(r);
    QVERIFY2(charts.accuracyReadout().endsWith(QStringLiteral("· test 97.12 %")),
             qPrintable(charts.accuracyReadout()));
    charts.resize(420, 300);
    QTest::qWait(10);
    QVERIFY2(charts.accuracyReadout().startsWith(QStringLiteral("gap ")),
             qPrintable(charts.accuracyReadout()));
}

void TestTrainingCharts::stopInsideAnEpochShowsNoValidationOrBestMark() {
    // A real run stopped at batch 20 of epoch 2 (57 batches per epoch), its metrics fed to the charts and
    // the progress bar as the controller does.
    const Dataset data = loadDataset(test::subsetPath(), "MNIST subset");
    ModelSpec m;
    LayerSpec hidden = LayerSpec::make(LayerType::Dense);
    hidden.units = 32;
    hidden.activation = Activation::ReLU;
    LayerSpec out = LayerSpec::make(LayerType::Dense);
    out.units = 10;
    out.activation = Activation::Softmax;
    m.layers = {LayerSpec::make(LayerType::Flatten), hidden, out};
    m.training = spec(5, true);
    m.training.batchSize = 32;
    m.training.validationSplit = 0.1f;
    m.training.threads = 1;
    struct Feed : TrainerObserver {
        Trainer* trainer = nullptr;
        QVector<BatchMetrics> batches;
        std::vector<EpochMetrics> epochs;
        void onBatchEnd(const BatchMetrics& b) override {
            batches.push_back(b);
            if (b.epoch == 2 && b.batch == 20) trainer->stop();
        }
        void onEpochEnd(const EpochMetrics& e) override { epochs.push_back(e); }
    } feed;
    Trainer trainer(m, data);
    feed.trainer = &trainer;
    trainer.setObserver(&feed);
    const TrainResult r = trainer.run();

    TrainingCharts charts;
    charts.resize(900, 300);
    charts.reset(m.training);
    TrainingProgressBar bar;
    bar.begin(m.training.epochs, m.training.batchSize);
    charts.addBatches(feed.batches);
    bar.updateBatches(feed.batches);
    for (const auto& e : feed.epochs) charts.addEpoch(e);
    charts.showResult(r);
    bar.finish(r);

    QCOMPARE(int(feed.epochs.size()), 1);  // epoch 2 was not completed, so it was not validated
    for (QCustomPlot* p : {charts.lossPlot(), charts.accuracyPlot()}) {
        const auto* val = graph(p, TrainingCharts::Validation)->data().data();
        QCOMPARE(val->size(), 1);
        QCOMPARE(val->at(0)->key, 1.0);  // no point at x = 2
        QVERIFY(hasLegendEntry(p, QStringLiteral("best epoch 1")));
        QVERIFY(!hasLegendEntry(p, QStringLiteral("best epoch 2")));
        QCOMPARE(graph(p, TrainingCharts::TrainRaw)->data()->size(), 57 + 20);
    }
    const QString where = QStringLiteral("Stopped by the user in epoch 2 at batch 20 of 57");
    QVERIFY2(charts.resultText().contains(where), qPrintable(charts.resultText()));
    QVERIFY2(bar.text().startsWith(where), qPrintable(bar.text()));
    QCOMPARE(bar.value(), int(std::lround(1000.0 * (1 + 20.0 / 57) / 5)));  // where it stopped, not 100 %
}

// How the run ended (core's English sentence) is shown in the UI language under the charts and in the
// progress bar, as the status bar shows it.
void TestTrainingCharts::howTheRunEndedIsInTheUiLanguage() {
    LanguageManager manager;
    QVERIFY(manager.setChoice(QStringLiteral("zh_CN"), false));
    TrainResult r;
    r.message = "Finished 3 epochs.";
    r.testLoss = 0.25;
    r.testAccuracy = 0.9;
    r.totalSeconds = 12;
    const QString zh = QCoreApplication::translate("CoreText", "Finished %1 epochs.").arg(3);
    QVERIFY2(zh != QStringLiteral("Finished 3 epochs."), "the catalogue has no Chinese for it");
    QCOMPARE(CoreText::message(r.message), zh);
    TrainingCharts charts;
    charts.reset(spec(3, false));
    charts.showResult(r);
    QVERIFY2(charts.resultText().contains(zh), qPrintable(charts.resultText()));
    TrainingProgressBar bar;
    bar.begin(3, 128);
    bar.finish(r);
    QVERIFY2(bar.text().startsWith(zh), qPrintable(bar.text()));
    QVERIFY(manager.setChoice(QStringLiteral("en"), false));
}

void TestTrainingCharts::legendsAndReadoutsStayOutsideThePlotArea() {
    // At the plots' minimum size, at the size a 1366x768 screen at 150 % leaves them, and at a large size:
    // the legend (wrapped when narrow) and the readout row never overlap the axis rect (plot area, tick
    // labels and axis titles) and are not cut by the widget's edge, and the x-axis title stays inside.
    for (const QSize size : {QSize(200, 120), QSize(225, 150), QSize(450, 260), QSize(900, 400)}) {
        TrainingCharts charts;
        charts.reset(spec(10, true));
        charts.addBatches(run(3, 60));
        for (int e = 1; e <= 3; ++e) charts.addEpoch(epoch(e, 0.95 + 0.01 * e, e == 2));
        TrainResult r;
        r.testLoss = 0.1;
        r.testAccuracy = 0.9712;
        r.bestEpoch = 2;
        charts.showResult(r);
        for (QCustomPlot* p : {charts.lossPlot(), charts.accuracyPlot()}) {
            p->setMinimumSize(0, 0);
            p->setFixedSize(size);
            charts.resize(size.width() * 2 + 20, size.height() + 60);
            QCoreApplication::sendPostedEvents();
            QResizeEvent resize(size, size);
            QCoreApplication::sendEvent(p, &resize);
            p->replot(QCustomPlot::rpImmediateRefresh);
            const QString at = QStringLiteral("%1x%2").arg(size.width()).arg(size.height());
            QCPAxisRect* axes = p->axisRect();
            const QRect plotArea = p->rect();
            QVERIFY2(p->legend->layout() == p->plotLayout(), qPrintable(at));  // not the inset layout
            QVERIFY2(hasLegendEntry(p, QStringLiteral("best epoch 2")), qPrintable(at));
            QVERIFY2(!p->legend->outerRect().intersects(axes->outerRect()), qPrintable(at));
            QVERIFY2(plotArea.contains(p->legend->outerRect()), qPrintable(at));
            for (int i = 0; i < p->legend->itemCount(); ++i)  // every entry gets the width it needs
                if (QCPAbstractLegendItem* item = p->legend->item(i)) {
                    QVERIFY2(item->outerRect().width() >= item->minimumOuterSizeHint().width(),
                             qPrintable(at));
                    QVERIFY2(plotArea.contains(item->outerRect()), qPrintable(at));
                }
            const auto* readout = qobject_cast<QCPTextElement*>(p->plotLayout()->element(1, 0));
            QVERIFY2(readout && !readout->text().isEmpty(), qPrintable(at));
            QVERIFY2(!readout->outerRect().intersects(axes->outerRect()), qPrintable(at));
            QVERIFY2(plotArea.contains(axes->outerRect()), qPrintable(at));  // the x title is not cut off
            QVERIFY2(axes->rect().height() >= 20, qPrintable(at));           // and some plot area is left
            // The y title runs along the axis rect, not past it over the legend.
            QVERIFY2(
                QFontMetrics(p->yAxis->labelFont()).horizontalAdvance(p->yAxis->label()) <= axes->height(),
                qPrintable(at + QStringLiteral(": ") + p->yAxis->label()));
        }
    }
}

void TestTrainingCharts::exportAddsThePngSuffix() {
    TrainingCharts charts;
    charts.resize(600, 250);
    charts.addBatches(run(1, 20));
    QTemporaryDir dir;
    QString written;
    QString why;
    QVERIFY2(charts.exportPng(dir.filePath(QStringLiteral("charts")), &why, &written), qPrintable(why));
    QCOMPARE(written, dir.filePath(QStringLiteral("charts.png")));
    QVERIFY(QFile::exists(written));
    QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("charts"))));
    QImage img(written);
    QVERIFY(!img.isNull() && img.width() > 100);
    QCOMPARE(TrainingCharts::pngPath(QStringLiteral("/x/run.PNG")), QStringLiteral("/x/run.PNG"));
    QCOMPARE(TrainingCharts::pngPath(QStringLiteral("/x/run.v2")), QStringLiteral("/x/run.v2.png"));
    // A missing folder fails with a reason and leaves nothing.
    QVERIFY(!charts.exportPng(dir.filePath(QStringLiteral("missing/charts")), &why));
    QVERIFY(!why.isEmpty());
}

// File > Export Charts… as CSV: a row per batch and per epoch in the order they came, the values as they
// arrived (accuracies as fractions), an epoch's validation cells empty without a validation set.
void TestTrainingCharts::exportCsvHasEveryBatchAndEpoch() {
    TrainingCharts charts;
    TrainingSpec training;
    training.epochs = 2;
    charts.reset(training);
    BatchMetrics b;
    b.batchesPerEpoch = 2;
    b.learningRate = 0.01;
    b.samplesPerSecond = 1000;
    EpochMetrics e;
    for (int epoch = 1; epoch <= 2; ++epoch) {
        b.epoch = epoch;
        for (int k = 1; k <= 2; ++k) {
            b.batch = k;
            b.loss = 1.0 / (epoch * 10 + k);
            b.accuracy = 0.5 + 0.1 * k;
            charts.addBatches({b});
        }
        e.epoch = epoch;
        e.trainLoss = 0.25 * epoch;
        e.trainAccuracy = 0.75;
        e.valLoss = epoch == 1 ? 0.3 : std::numeric_limits<double>::quiet_NaN();
        e.valAccuracy = epoch == 1 ? 0.875 : std::numeric_limits<double>::quiet_NaN();
        e.seconds = 1.5;
        charts.addEpoch(e);
    }
    b.epoch = 3;  // a third epoch stopped after one batch
    b.batch = 1;
    charts.addBatches({b});
    const QStringList lines = charts.csvText().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 1 + 5 + 2);
    QVERIFY(lines[0].startsWith(QStringLiteral("kind,epoch,batch,batches_per_epoch,epoch_position,")));
    QStringList kinds;
    for (int i = 1; i < lines.size(); ++i) kinds << lines[i].section(QLatin1Char(','), 0, 0);
    QCOMPARE(kinds, QStringList({"batch", "batch", "epoch", "batch", "batch", "epoch", "batch"}));
    QCOMPARE(lines[2], QStringLiteral("batch,1,2,2,1,0.01,0.08333333333,0.7,,,,,,1000"));
    QCOMPARE(lines[3], QStringLiteral("epoch,1,,,1,0,,,0.25,0.75,0.3,0.875,1.5,0"));
    QCOMPARE(lines[6], QStringLiteral("epoch,2,,,2,0,,,0.5,0.75,,,1.5,0"));
    QCOMPARE(lines[7].section(QLatin1Char(','), 0, 4), QStringLiteral("batch,3,1,2,2.5"));
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("metrics.csv"));
    QCOMPARE(charts.exportCsv(path), QString());
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(QString::fromUtf8(f.readAll()), charts.csvText());
    QVERIFY(!charts.exportCsv(dir.filePath(QStringLiteral("missing/metrics.csv"))).isEmpty());
    charts.reset(training);  // a new run starts empty
    QCOMPARE(charts.csvText().count(QLatin1Char('\n')), 1);
}

QTEST_MAIN(TestTrainingCharts)
#include "tst_training_charts.moc"
