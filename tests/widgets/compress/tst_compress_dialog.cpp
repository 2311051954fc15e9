// widgets/compress/compress_dialog: the Compress dialog runs core's compression sweep on a helper thread on
// the bundled subset and shows core's figures; Cancel ends it; bad input is named; a variant saves as a
// checkpoint and goes to Evaluate.
#include <qcustomplot.h>

#include <QElapsedTimer>
#include <QLabel>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>
#include <memory>

#include "core/checkpoint.h"
#include "core/compression.h"
#include "core/compression_sweep.h"
#include "core/dataset.h"
#include "core/evaluation.h"
#include "core/inference_model.h"
#include "core/input_scaling.h"
#include "core/trainer.h"
#include "tests/support/model_fixtures.h"
#include "tests/support/test_data.h"
#include "widgets/compress/compress_dialog.h"
#include "widgets/session/compression_runner.h"

using namespace layerlab;

namespace {
constexpr int kTimeout = 120000;
}

class TestCompressDialog : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void sweepShowsCoresFigures();
    void cancelEndsTheSweep();
    void closingWhileRunningDoesNotWait();
    void badInputIsNamed();
    void refusesWithoutTrainedWeights();
    void savesAndUsesAVariant();

private:
    std::shared_ptr<const Dataset> m_data;
    ModelSpec m_spec;
    std::vector<float> m_params;
};

void TestCompressDialog::initTestCase() {
    m_data = std::make_shared<const Dataset>(loadDataset(test::subsetPath(), "MNIST subset"));
    m_spec = test::subsetMlp(1);  // Flatten, Dense 64, Dense 10: one epoch on the 2,000 subset images
    m_spec.training.dataset = DatasetKind::Subset;
    Trainer t(m_spec, *m_data);
    QVERIFY(!t.run().failed);
    m_params = t.currentParams();
}

// float32, int8 and three sparsities: five rows named as the CLI names them, each with core's figures for
// the same plan; int8's accuracy is also that of an InferenceModel quantized by hand.
void TestCompressDialog::sweepShowsCoresFigures() {
    CompressDialog dialog(m_spec, m_params, QStringLiteral("the last run"), m_data);
    dialog.show();
    dialog.setInt8(true);
    dialog.setSparsities(QStringLiteral("0, 50, 90"));
    QSignalSpy progress(dialog.runner(), &CompressionRunner::progress);
    dialog.run();
    QVERIFY(dialog.isRunning());
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.isRunning(), kTimeout);
    QVERIFY(progress.count() >= 5);  // one report per step reached the GUI thread
    QVERIFY2(dialog.sweep(), qPrintable(dialog.statusText()));
    QCOMPARE(dialog.progressBar()->value(), dialog.progressBar()->maximum());

    QTableWidget* table = dialog.table();
    const QStringList names = {"float32", "int8", "sparsity 0%", "sparsity 50%", "sparsity 90%"};
    QCOMPARE(table->rowCount(), int(names.size()));
    for (int r = 0; r < table->rowCount(); ++r) QCOMPARE(table->item(r, 0)->text(), names[r]);

    CompressionPlan plan;
    QVERIFY(dialog.plan(&plan));
    const CompressionSweep core = runCompressionSweep(m_spec, m_params, *m_data, plan);
    QCOMPARE(int(core.variants.size()), table->rowCount());
    for (int r = 0; r < table->rowCount(); ++r) {
        const CompressionVariant& v = core.variants[std::size_t(r)];
        QCOMPARE(table->item(r, 2)->data(Qt::UserRole).toDouble(), v.accuracy);
        QCOMPARE(table->item(r, 2)->text(), QString::number(100 * v.accuracy, 'f', 2) + " %");
        QCOMPARE(table->item(r, 3)->data(Qt::UserRole).toDouble(), v.agreement);
        QCOMPARE(table->item(r, 1)->data(Qt::UserRole).toDouble(), double(v.bytes));
        QCOMPARE(table->item(r, 1)->text(), QString::number(double(v.bytes) / 1024, 'f', 1));
    }
    // float32 agrees with itself; int8 is about a quarter of float32's size; 90% pruning zeroes 90%.
    QCOMPARE(table->item(0, 3)->data(Qt::UserRole).toDouble(), 1.0);
    QVERIFY(core.variants[1].bytes * 3 < core.variants[0].bytes);
    const auto& p90 = dialog.sweep()->variants[4];
    QVERIFY(p90.zeros >= p90.weights * 9 / 10 - 2);

    // int8 by hand: calibrated on the first min(1000, train) images, as the sweep documents.
    const int n = int(std::min<std::size_t>(1000, m_data->trainCount()));
    std::vector<float> calib(std::size_t(n) * m_data->imageSize());
    pixelsToInputs(m_data->trainImages.data(), calib.data(), calib.size());
    const QuantizedModel q = quantizeModel(m_spec, m_params, calib.data(), n);
    InferenceModel int8(m_spec, q.params);
    int8.setQuantization(q.quantization);
    QCOMPARE(table->item(1, 2)->data(Qt::UserRole).toDouble(),
             summarize(int8.evaluate(testSet(*m_data))).accuracy);

    // The chart: accuracy per variant (left axis, in %) and size bars on the right axis.
    QCustomPlot* chart = dialog.chart();
    QCOMPARE(chart->graphCount(), 1);
    QCOMPARE(chart->graph(0)->dataCount(), 5);
    QCOMPARE(chart->graph(0)->data()->at(4)->value, 100 * core.variants[4].accuracy);
    QCOMPARE(chart->plottableCount(), 2);
    QVERIFY(chart->yAxis2->visible());
}

// Cancel during a long fine-tune: the sweep ends at once (a batch), nothing is shown, Run works again.
void TestCompressDialog::cancelEndsTheSweep() {
    CompressDialog dialog(m_spec, m_params, QStringLiteral("the last run"), m_data);
    dialog.setInt8(false);
    dialog.setSparsities(QStringLiteral("50, 80"));
    dialog.setFineTuneEpochs(200);  // minutes of work if it were not cancelled
    QSignalSpy cancelled(dialog.runner(), &CompressionRunner::cancelled);
    QSignalSpy finished(dialog.runner(), &CompressionRunner::finished);
    dialog.run();
    QVERIFY(dialog.isRunning());
    QTest::qWait(300);  // the GUI thread is free while the sweep runs
    QVERIFY(dialog.isRunning());
    QElapsedTimer clock;
    clock.start();
    dialog.cancel();
    QTRY_COMPARE_WITH_TIMEOUT(cancelled.count(), 1, 20000);
    QVERIFY2(clock.elapsed() < 20000, "cancel must end the sweep within a batch");
    QCOMPARE(finished.count(), 0);
    QVERIFY(!dialog.sweep());
    QCOMPARE(dialog.table()->rowCount(), 0);
    QVERIFY2(dialog.statusText().startsWith("Cancelled"), qPrintable(dialog.statusText()));
    QVERIFY(!dialog.isRunning());
}

// Closing the dialog while it runs (its close button, or Escape and Close: reject) does not hold the
// studio for the batch in progress: the dialog hides at once and is deleted (Qt::WA_DeleteOnClose, as the
// studio opens it) only when the sweep has stopped.
void TestCompressDialog::closingWhileRunningDoesNotWait() {
    for (const bool viaCloseButton : {true, false}) {
        auto* dialog = new CompressDialog(m_spec, m_params, QStringLiteral("the last run"), m_data);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->setInt8(false);
        dialog->setSparsities(QStringLiteral("50, 80"));
        dialog->setFineTuneEpochs(200);  // minutes of work if it were not cancelled
        QPointer<CompressDialog> alive(dialog);
        QPointer<CompressionRunner> runner(dialog->runner());
        QSignalSpy cancelled(dialog->runner(), &CompressionRunner::cancelled);
        dialog->show();
        dialog->run();
        QTest::qWait(300);
        QVERIFY(dialog->isRunning());
        if (viaCloseButton)
            QVERIFY(!dialog->close());  // not closed yet: deferred
        else
            dialog->reject();
        // Returned without waiting: the runner has not reported the end (that comes through the event loop)
        // and the dialog is hidden but alive.
        QVERIFY(alive);
        QVERIFY(!dialog->isVisible());
        QVERIFY(dialog->isClosing());
        QVERIFY(dialog->isRunning());
        QCOMPARE(cancelled.count(), 0);
        QTRY_VERIFY_WITH_TIMEOUT(alive.isNull(), 20000);  // then closed and deleted, runner and all
        QVERIFY(runner.isNull());
        QCOMPARE(cancelled.count(), 1);
    }
}

void TestCompressDialog::badInputIsNamed() {
    CompressDialog dialog(m_spec, m_params, QStringLiteral("the last run"), m_data);
    CompressionPlan plan;
    dialog.setSparsities(QStringLiteral("0, 100"));
    QVERIFY(!dialog.plan(&plan));
    QVERIFY2(dialog.problem().contains("100%") && dialog.problem().contains("0 to 99%"),
             qPrintable(dialog.problem()));
    dialog.setSparsities(QStringLiteral("fifty"));
    QVERIFY(!dialog.plan(&plan));
    QVERIFY2(dialog.problem().contains("'fifty' is not a number"), qPrintable(dialog.problem()));
    dialog.setSparsities(QString());
    dialog.setInt8(false);
    QVERIFY(!dialog.plan(&plan));
    QVERIFY2(dialog.problem().startsWith("Nothing to compress"), qPrintable(dialog.problem()));
    // Run with bad input starts nothing and says why.
    dialog.run();
    QVERIFY(!dialog.isRunning());
    QCOMPARE(dialog.statusText(), dialog.problem());
    dialog.setSparsities(QStringLiteral("12.5%, 80"));
    QVERIFY(dialog.plan(&plan));
    QCOMPARE(plan.sparsities, (std::vector<double>{0.125, 0.8}));
}

void TestCompressDialog::refusesWithoutTrainedWeights() {
    CompressDialog dialog(m_spec, {}, QStringLiteral("nothing"), m_data);
    QVERIFY2(dialog.statusText().startsWith("There are no trained weights to compress"),
             qPrintable(dialog.statusText()));
    dialog.run();
    QVERIFY(!dialog.isRunning());
    QVERIFY(!dialog.sweep());
}

// The int8 row saves as a version 3 checkpoint with its quantization; "Use in Evaluate" hands the variant on.
void TestCompressDialog::savesAndUsesAVariant() {
    CompressDialog dialog(m_spec, m_params, QStringLiteral("the last run"), m_data);
    dialog.setSparsities(QStringLiteral("80"));
    dialog.run();
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.isRunning(), kTimeout);
    QVERIFY(dialog.sweep());
    QCOMPARE(dialog.table()->rowCount(), 3);  // float32, int8, sparsity 80%
    QTemporaryDir dir;
    const QString path = dir.filePath("int8.llckpt");
    QString error;
    QVERIFY2(dialog.saveVariantTo(1, path, &error), qPrintable(error));
    const Checkpoint ck = loadCheckpoint(path.toStdString());
    const CompressionVariant& v = dialog.sweep()->variants[1];
    QCOMPARE(ck.params, v.params);
    QCOMPARE(int(ck.quantization.layers.size()), int(v.quantization.layers.size()));
    QCOMPARE(ck.quantization.layers[0].inputScale, v.quantization.layers[0].inputScale);
    // A path in a missing folder fails with a message and writes nothing.
    QVERIFY(!dialog.saveVariantTo(1, dir.filePath("missing/x.llckpt"), &error));
    QVERIFY(!error.isEmpty());

    QSignalSpy used(&dialog, &CompressDialog::useInEvaluate);
    dialog.selectVariant(2);
    QCOMPARE(dialog.selectedVariant(), 2);
    dialog.useSelectedInEvaluate();
    QCOMPARE(used.count(), 1);
    const auto sent = used.at(0).at(0).value<CompressionVariant>();
    QCOMPARE(sent.name, std::string("sparsity 80%"));
    QVERIFY(used.at(0).at(1).toString().startsWith("sparsity 80% of the last run"));
}

QTEST_MAIN(TestCompressDialog)
#include "tst_compress_dialog.moc"
