// Train > Sanity Check Before Training in the real window on the bundled subset: off by default; when on,
// Start runs the check first (off the GUI thread), says what it found, and then trains; a model whose check
// fails (a learning rate far too high) is not started when the user declines, and is when they train anyway.
#include <QAction>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTest>

#include "tests/support/model_fixtures.h"
#include "widgets/document/model_document.h"
#include "widgets/document/model_file_controller.h"
#include "widgets/session/sanity_check_runner.h"
#include "widgets/session/training_controller.h"
#include "widgets/studio/main_window.h"
#include "widgets/studio/run_actions.h"

using namespace layerlab;

namespace {
constexpr int kTimeout = 120000;

std::unique_ptr<MainWindow> makeWindow(const ModelSpec& spec) {
    auto w = std::make_unique<MainWindow>();
    w->fileController()->setInteractive(false);
    w->runActions()->setInteractive(false);
    w->resize(1366, 768);
    w->show();
    w->document()->reset(spec);
    return w;
}
}  // namespace

class TestSanityStart : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void offByDefault();
    void checkThenTrain();
    void failedCheckDeclinedOrOverruled();
};

void TestSanityStart::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QSettings().remove(QStringLiteral("training/sanityCheck"));
}

void TestSanityStart::offByDefault() {
    auto w = makeWindow(test::subsetMlp(1));
    QAction* a = w->runActions()->sanityAction();
    QVERIFY(a->isCheckable());
    QVERIFY(!a->isChecked());
    QTRY_VERIFY_WITH_TIMEOUT(w->isDatasetReady(), kTimeout);
    QSignalSpy checked(w->runActions()->sanityChecker(), &SanityCheckRunner::finished);
    w->startAction()->trigger();
    QVERIFY(w->trainingController()->isActive());  // at once, no check
    QCOMPARE(checked.count(), 0);
    w->stopAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(!w->trainingController()->isActive(), kTimeout);
}

void TestSanityStart::checkThenTrain() {
    auto w = makeWindow(test::subsetMlp(50));  // still training when the status bar is read
    w->runActions()->sanityAction()->setChecked(true);
    QTRY_VERIFY_WITH_TIMEOUT(w->isDatasetReady(), kTimeout);
    QSignalSpy checked(w->runActions()->sanityChecker(), &SanityCheckRunner::finished);
    QSignalSpy started(w->trainingController(), &TrainingController::started);
    w->startAction()->trigger();
    QVERIFY(!w->trainingController()->isActive());  // the check runs first, off the GUI thread
    QVERIFY(w->runActions()->sanityChecker()->isRunning());
    QVERIFY(!w->startAction()->isEnabled());
    QTRY_COMPARE_WITH_TIMEOUT(checked.count(), 1, kTimeout);
    QVERIFY(w->runActions()->sanityChecker()->result().ok());
    QCOMPARE(started.count(), 1);
    QVERIFY2(w->statusBar()->currentMessage().contains(QStringLiteral("Training started")) ||
                 w->statusBar()->currentMessage().contains(QStringLiteral("Sanity check passed")),
             qPrintable(w->statusBar()->currentMessage()));
    w->stopAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(!w->trainingController()->isActive(), kTimeout);
    // Remembered for the next window.
    auto second = makeWindow(test::subsetMlp(1));
    QVERIFY(second->runActions()->sanityAction()->isChecked());
    QSettings().remove(QStringLiteral("training/sanityCheck"));
}

void TestSanityStart::failedCheckDeclinedOrOverruled() {
    ModelSpec bad = test::subsetMlp(1);
    bad.training.optimizer.type = OptimizerType::SGD;
    bad.training.optimizer.momentum = 0;
    bad.training.optimizer.learningRate = 1e4f;
    auto w = makeWindow(bad);
    w->runActions()->sanityAction()->setChecked(true);
    QTRY_VERIFY_WITH_TIMEOUT(w->isDatasetReady(), kTimeout);
    QSignalSpy checked(w->runActions()->sanityChecker(), &SanityCheckRunner::finished);
    QSignalSpy started(w->trainingController(), &TrainingController::started);
    w->runActions()->setQuietTrainAnyway(false);
    w->startAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(checked.count(), 1, kTimeout);
    QVERIFY(!w->runActions()->sanityChecker()->result().overfitOk);
    QCOMPARE(started.count(), 0);
    QVERIFY2(w->statusBar()->currentMessage().startsWith(QStringLiteral("Not started:")),
             qPrintable(w->statusBar()->currentMessage()));
    QVERIFY(w->statusBar()->currentMessage().contains(QStringLiteral("far too high")));
    w->runActions()->setQuietTrainAnyway(true);
    w->startAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(checked.count(), 2, kTimeout);
    QTRY_COMPARE_WITH_TIMEOUT(started.count(), 1, kTimeout);
    QTRY_VERIFY_WITH_TIMEOUT(!w->trainingController()->isActive(), kTimeout);  // it diverges at once
    QSettings().remove(QStringLiteral("training/sanityCheck"));
}

QTEST_MAIN(TestSanityStart)
#include "tst_sanity_start.moc"
