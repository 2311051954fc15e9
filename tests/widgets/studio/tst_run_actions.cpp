// Start after Stop, through the real window and its dialog on the bundled MNIST subset: the question is
// asked with clear buttons (Continue is the default, Esc cancels), Continue trains on from the stopped
// run's weights and appends to the charts after it, Start Fresh starts from new weights and clears them,
// and the status bar says which happened. Replacing the model withdraws the offer.
#include <qcustomplot.h>
#include <QAction>
#include <QApplication>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTest>
#include <QTimer>
#include <cmath>

#include "core/dataset.h"
#include "tests/support/model_fixtures.h"
#include "widgets/document/model_document.h"
#include "widgets/document/model_file_controller.h"
#include "widgets/session/training_controller.h"
#include "widgets/studio/main_window.h"
#include "widgets/studio/run_actions.h"
#include "widgets/training/training_charts.h"
#include "widgets/training/training_progress_bar.h"
#include "widgets/views/filter_view.h"

using namespace layerlab;

namespace {

constexpr int kLongTimeout = 120000;

std::unique_ptr<MainWindow> makeWindow(const ModelSpec& spec) {
    auto w = std::make_unique<MainWindow>();
    w->fileController()->setInteractive(false);
    w->resize(1366, 768);
    w->show();
    w->document()->reset(spec);
    return w;
}

QCPGraphDataContainer& lossPoints(MainWindow& w) {
    return *w.charts()->lossPlot()->graph(TrainingCharts::TrainRaw)->data();
}

// What a dialog showed and which buttons it had.
struct Seen {
    QString text;
    QStringList buttons;
    QString defaultButton;
    QString escapeButton;
    bool shown = false;
};

// As soon as a modal message box is up (inside its own event loop), records it and then acts on it:
// presses `key`, or clicks the button whose text is `buttonText`.
QTimer* answerNextDialog(Seen* seen, int key, const QString& buttonText = QString()) {
    auto* timer = new QTimer(qApp);
    timer->setInterval(10);
    QObject::connect(timer, &QTimer::timeout, [timer, seen, key, buttonText] {
        auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
        if (!box || !box->isVisible()) return;
        timer->stop();
        timer->deleteLater();
        seen->shown = true;
        seen->text = box->text() + "\n" + box->informativeText();
        for (QAbstractButton* b : box->buttons()) seen->buttons << b->text();
        seen->defaultButton = box->defaultButton() ? box->defaultButton()->text() : QString();
        seen->escapeButton = box->escapeButton() ? box->escapeButton()->text() : QString();
        if (!buttonText.isEmpty()) {
            for (QAbstractButton* b : box->buttons())
                if (b->text() == buttonText) QTest::mouseClick(b, Qt::LeftButton);
        } else {
            QTest::keyClick(box, Qt::Key(key));
        }
    });
    timer->start();
    return timer;  // deletes itself once it has answered
}

// Trains until the charts hold more than `points` batches, then stops and waits for the run to end.
void trainThenStop(MainWindow& w, int points) {
    QSignalSpy finished(w.trainingController(), &TrainingController::finished);
    QTRY_VERIFY_WITH_TIMEOUT(lossPoints(w).size() > points, kLongTimeout);
    w.stopAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
}

}  // namespace

class TestRunActions : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void startAfterStopAsksAndEscCancels();
    void continueAppendsFromStoppedWeights();
    void startFreshClearsTheCharts();
    void replacingTheModelWithdrawsTheOffer();
    void quietAnswerForScripts();
};

void TestRunActions::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY2(locateDataset(DatasetKind::Subset).found, "the bundled subset must be present");
}

void TestRunActions::startAfterStopAsksAndEscCancels() {
    auto w = makeWindow(test::subsetMlp(200));
    QTRY_VERIFY_WITH_TIMEOUT(w->isDatasetReady(), kLongTimeout);
    w->startAction()->trigger();
    QVERIFY(w->trainingController()->isActive());
    trainThenStop(*w, 40);
    QVERIFY(w->runActions()->canContinueStoppedRun());
    const int before = lossPoints(*w).size();
    const std::vector<float> stoppedWeights = w->trainedParams();

    // F5, as a user presses it, with the window active.
    w->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(w.get()));
    Seen seen;
    answerNextDialog(&seen, Qt::Key_Escape);
    QTest::keyClick(w.get(), Qt::Key_F5);
    QVERIFY(seen.shown);
    QVERIFY2(seen.text.contains(QRegularExpression("stopped in epoch \\d+, batch \\d+ of \\d+")),
             qPrintable(seen.text));
    QCOMPARE(seen.buttons.size(), 3);
    QVERIFY(seen.buttons.contains(QStringLiteral("&Continue Training")));
    QVERIFY(seen.buttons.contains(QStringLiteral("Start &Fresh")));
    QCOMPARE(seen.defaultButton, QStringLiteral("&Continue Training"));
    QVERIFY(!seen.escapeButton.isEmpty());
    QVERIFY(seen.escapeButton != seen.defaultButton);
    // Esc started nothing and changed nothing.
    QVERIFY(!w->trainingController()->isActive());
    QCOMPARE(lossPoints(*w).size(), before);
    QVERIFY(w->trainedParams() == stoppedWeights);
    QVERIFY(w->runActions()->canContinueStoppedRun());
    QVERIFY2(w->statusBar()->currentMessage().contains("Not started"),
             qPrintable(w->statusBar()->currentMessage()));
}

void TestRunActions::continueAppendsFromStoppedWeights() {
    auto w = makeWindow(test::subsetMlp(200));
    QTRY_VERIFY_WITH_TIMEOUT(w->isDatasetReady(), kLongTimeout);
    w->startAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(lossPoints(*w).size() > 0, kLongTimeout);
    const double freshFirstLoss = lossPoints(*w).at(0)->value;
    trainThenStop(*w, 40);
    const int before = lossPoints(*w).size();
    const double lastKey = lossPoints(*w).at(before - 1)->key;
    const double stoppedLoss = lossPoints(*w).at(before - 1)->value;
    const int perEpoch = int(std::ceil(w->trainingController()->trainSamples() / 64.0));
    QVERIFY2(lastKey > 1.0, "the run stopped in its second epoch or later");
    auto val = w->charts()->lossPlot()->graph(TrainingCharts::Validation)->data();
    const int valBefore = val->size();

    Seen seen;
    answerNextDialog(&seen, Qt::Key_Return);  // the default button
    QSignalSpy finished(w->trainingController(), &TrainingController::finished);
    w->startAction()->trigger();
    QVERIFY(seen.shown);
    QVERIFY(w->trainingController()->isActive());
    const QString said = w->statusBar()->currentMessage();
    QVERIFY2(said.contains("continues from the weights the stopped run reached"), qPrintable(said));
    // Appended: the old points stay, the new ones start at the first whole epoch after the stopped one.
    QTRY_VERIFY_WITH_TIMEOUT(lossPoints(*w).size() > before + 5, kLongTimeout);
    const double offset = std::ceil(lastKey - 1e-9);
    QCOMPARE(lossPoints(*w).at(before - 1)->key, lastKey);
    QCOMPARE(lossPoints(*w).at(before)->key, offset + 1.0 / perEpoch);
    QVERIFY2(said.contains(QStringLiteral("from epoch %1").arg(int(offset) + 1)), qPrintable(said));
    // The progress line and the snapshots count epochs as the charts do: 200 more after the stopped ones.
    const QString progress = w->progressBar()->text();
    QVERIFY2(progress.contains(QStringLiteral("/%1 ").arg(int(offset) + 200)), qPrintable(progress));
    QTRY_VERIFY_WITH_TIMEOUT(w->filterView()->snapshot() && w->filterView()->snapshot()->epoch > offset,
                             kLongTimeout);
    // From the stopped weights: the first loss is near where the stopped run ended, far below a fresh start.
    const double continuedFirstLoss = lossPoints(*w).at(before)->value;
    QVERIFY2(continuedFirstLoss < 0.5 * freshFirstLoss,
             qPrintable(QStringLiteral("continued %1, fresh %2, stopped at %3")
                            .arg(continuedFirstLoss)
                            .arg(freshFirstLoss)
                            .arg(stoppedLoss)));
    // Its first validation point is drawn at the session's epoch, not at 1.
    QTRY_VERIFY_WITH_TIMEOUT(val->size() > valBefore, kLongTimeout);
    QCOMPARE(val->at(valBefore)->key, offset + 1.0);
    w->stopAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
}

void TestRunActions::startFreshClearsTheCharts() {
    auto w = makeWindow(test::subsetMlp(200));
    QTRY_VERIFY_WITH_TIMEOUT(w->isDatasetReady(), kLongTimeout);
    w->startAction()->trigger();
    trainThenStop(*w, 40);
    const int perEpoch = int(std::ceil(w->trainingController()->trainSamples() / 64.0));

    Seen seen;
    answerNextDialog(&seen, 0, QStringLiteral("Start &Fresh"));
    QSignalSpy batches(w->trainingController(), &TrainingController::batchesReady);
    w->startAction()->trigger();
    QVERIFY(seen.shown);
    QVERIFY(w->trainingController()->isActive());
    QVERIFY2(w->statusBar()->currentMessage().contains("fresh weights"),
             qPrintable(w->statusBar()->currentMessage()));
    QTRY_VERIFY_WITH_TIMEOUT(batches.count() > 0, kLongTimeout);
    // Cleared: the first point is this run's first batch, from untrained weights (about ln 10).
    QCOMPARE(lossPoints(*w).at(0)->key, 1.0 / perEpoch);
    QVERIFY2(lossPoints(*w).at(0)->value > 1.5, qPrintable(QString::number(lossPoints(*w).at(0)->value)));
    w->stopAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(!w->trainingController()->isActive(), 10000);
    // Every point drawn is one of this run's batches: nothing of the stopped run is left.
    int reported = 0;
    for (const auto& args : batches) reported += args.at(0).value<QVector<BatchMetrics>>().size();
    QCOMPARE(lossPoints(*w).size(), reported);
}

void TestRunActions::replacingTheModelWithdrawsTheOffer() {
    auto w = makeWindow(test::subsetMlp(200));
    QTRY_VERIFY_WITH_TIMEOUT(w->isDatasetReady(), kLongTimeout);
    w->startAction()->trigger();
    trainThenStop(*w, 5);
    QVERIFY(w->runActions()->canContinueStoppedRun());
    // An edit of the layers: the stopped weights no longer fit, so Start cannot offer them.
    LayerSpec wider = w->document()->spec().layers[1];
    wider.units = 32;
    w->document()->setLayer(w->document()->layerId(1), wider);
    QVERIFY(!w->runActions()->canContinueStoppedRun());
    w->document()->undoStack()->undo();
    QVERIFY(w->runActions()->canContinueStoppedRun());
    // Another model opened (here the same one again): the stopped run belonged to the one before.
    w->document()->reset(test::subsetMlp(200));
    QVERIFY(!w->runActions()->canContinueStoppedRun());
    Seen seen;
    QTimer* watcher = answerNextDialog(&seen, Qt::Key_Escape);
    w->startAction()->trigger();
    QVERIFY(!seen.shown);
    delete watcher;  // no dialog came, so it is still waiting
    QVERIFY(w->trainingController()->isActive());
    QCOMPARE(w->statusBar()->currentMessage(), QStringLiteral("Training started."));
    w->stopAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(!w->trainingController()->isActive(), 10000);
}

void TestRunActions::quietAnswerForScripts() {
    auto w = makeWindow(test::subsetMlp(200));
    w->runActions()->setInteractive(false);
    w->runActions()->setQuietStartChoice(RunActions::StartChoice::Cancel);
    QTRY_VERIFY_WITH_TIMEOUT(w->isDatasetReady(), kLongTimeout);
    w->startAction()->trigger();
    trainThenStop(*w, 5);
    w->startAction()->trigger();
    QVERIFY(!w->trainingController()->isActive());
    w->runActions()->setQuietStartChoice(RunActions::StartChoice::Continue);
    w->startAction()->trigger();
    QVERIFY(w->trainingController()->isActive());
    QVERIFY(w->statusBar()->currentMessage().contains("continues"));
    w->stopAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(!w->trainingController()->isActive(), 10000);
}

QTEST_MAIN(TestRunActions)
#include "tst_run_actions.moc"
