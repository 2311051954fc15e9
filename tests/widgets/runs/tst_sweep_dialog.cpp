// widgets/runs/sweep_dialog: settings chosen from the descriptor tables, the number of runs shown before the
// start, an impossible value named (Start stays off), and a 2-trial grid run in the studio: each trial
// recorded as a run tagged with the sweep, with the results of a lone Trainer run of the same settings, the
// sweep's state saved with both trials done; two trials at once (threads split) with the results of each
// alone; Stop After Trial, then resuming the sweep in a new dialog skips the finished trial.
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

#include "core/dataset.h"
#include "core/run_record.h"
#include "core/sweep.h"
#include "core/trainer.h"
#include "tests/support/file_guards.h"
#include "tests/support/model_fixtures.h"
#include "tests/support/test_data.h"
#include "widgets/runs/sweep_dialog.h"
#include "widgets/runs/sweep_results.h"

using namespace layerlab;

class TestSweepDialog : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void impossibleValueIsNamedBeforeTheStart();
    void gridRunsEachTrialAsARecordedRun();
    void stateThatCannotBeWrittenIsSaid();
    void twoSmallTrialsRunAtOnceWithTheThreadsSplit();
    void stopAfterTrialThenResumeSkipsFinishedTrials();

private:
    QTemporaryDir m_tmp;
    std::shared_ptr<const Dataset> m_data;
};

void TestSweepDialog::initTestCase() {
    QVERIFY(m_tmp.isValid());
    m_data = std::make_shared<const Dataset>(loadDataset(test::subsetPath()));
}

void TestSweepDialog::impossibleValueIsNamedBeforeTheStart() {
    SweepDialog d(test::subsetMlp(1), m_data, m_tmp.filePath("refused"), QString());
    d.setAxis(0, "batch_size", "32, 0");
    QCOMPARE(d.trials().size(), std::size_t(0));
    QVERIFY2(d.problem().contains("batch_size must be a whole number from 1 to 65536, got '0'"),
             qPrintable(d.problem()));
    d.setAxis(0, "layer2.units", "0");
    QVERIFY2(d.problem().contains("layer 2 (Dense) units must be a whole number from 1 to 100000, got '0'"),
             qPrintable(d.problem()));
    d.start();  // refused: nothing is written
    QVERIFY(!QFileInfo::exists(m_tmp.filePath("refused")));
    d.setAxis(0, "optimizer.learning_rate", "0.1, 0.01, 0.001");
    d.setAxis(1, "batch_size", "32, 128");
    QCOMPARE(d.trials().size(), std::size_t(6));
    QVERIFY(d.problem().isEmpty());
    d.setRandom(5);
    d.setAxis(0, "optimizer.learning_rate", "log:1e-4:1e-1");
    QCOMPARE(d.trials().size(), std::size_t(5));
}

void TestSweepDialog::gridRunsEachTrialAsARecordedRun() {
    const QString runs = m_tmp.filePath("sweep-runs");
    ModelSpec base = test::subsetMlp(2);
    base.training.threads = 1;
    SweepDialog d(base, m_data, runs, QString());
    d.setTrialsAtOnce(1);
    d.setAxis(0, "optimizer.learning_rate", "0.004, 0.001");
    QCOMPARE(d.trials().size(), std::size_t(2));
    QCOMPARE(d.parallel().atOnce, 1);
    QVERIFY(d.estimateText().contains("unknown"));  // no earlier run of this model
    QSignalSpy finished(&d, &SweepDialog::sweepFinished);
    QSignalSpy trial(&d, &SweepDialog::trialFinished);
    d.start();
    QVERIFY(d.isRunning());
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 120000);
    QCOMPARE(trial.count(), 2);
    QCOMPARE(d.state().trials.size(), std::size_t(2));
    for (const SweepTrialState& t : d.state().trials) QVERIFY(t.done);
    const std::vector<SweepState> saved = loadSweepStates(runs.toStdString());
    QCOMPARE(saved.size(), std::size_t(1));
    QCOMPARE(saved[0].trials.size(), std::size_t(2));
    QVERIFY(saved[0].trials[1].done);
    for (int i = 0; i < 2; ++i) {
        const RunInfo run = RunStore::load(trial[i].front().toString().toStdString());
        QCOMPARE(run.sweepId, saved[0].id);
        QCOMPARE(run.sweepTrial, i);
        QCOMPARE(run.status, RunStatus::Finished);
        // The same results as training the trial's settings alone.
        const ModelSpec spec = trialSpec(base, d.state().trials[std::size_t(i)].trial);
        QCOMPARE(run.setting("optimizer.learning_rate"),
                 i == 0 ? std::string("0.004") : std::string("0.001"));
        Trainer alone(spec, *m_data);
        const TrainResult r = alone.run();
        QCOMPARE(run.testAccuracy, r.testAccuracy);
        QCOMPARE(run.finalValAccuracy, r.epochs.back().valAccuracy);
    }
    QVERIFY(d.estimateText().startsWith("about"));  // measured now
    // The results below: both trials, the best first.
    QCOMPARE(d.results()->table()->rowCount(), 2);
    QCOMPARE(d.results()->sweep().id, saved[0].id);
    // LAYERLAB_TEST_SHOTS=DIR saves the dialog as it ends, to look at.
    if (qEnvironmentVariableIsSet("LAYERLAB_TEST_SHOTS")) {
        d.show();
        QTest::qWait(100);
        d.grab().save(qEnvironmentVariable("LAYERLAB_TEST_SHOTS") + "/sweep_dialog.png");
    }
}

// As the CLI: a sweep whose state cannot be saved does not start, and the dialog says why.
void TestSweepDialog::stateThatCannotBeWrittenIsSaid() {
    const QString runs = m_tmp.filePath("full-disk");
    SweepDialog d(test::subsetMlp(1), m_data, runs, QString());
    d.setAxis(0, "optimizer.learning_rate", "0.004, 0.001");
    QVERIFY(d.problem().isEmpty());
    {
        test::ScopedFileSizeLimit full(16);  // the state file cannot be written whole
        d.start();
    }
    QVERIFY(!d.isRunning());
    QVERIFY2(d.problem().startsWith("Cannot start: the sweep's state cannot be written in " + runs + ": "),
             qPrintable(d.problem()));
    QVERIFY2(d.problem().contains("file size limit"),
             qPrintable(d.problem()));  // the reason, from the writer
    QVERIFY(d.state().trials.empty());
    QCOMPARE(int(RunStore(runs.toStdString()).list().size()), 0);  // no trial ran
    QVERIFY(loadSweepStates(runs.toStdString()).empty());
}

// Small trials on a model that asks for all cores: two at once, each on half of them (the trials' models,
// and their run records, say so), each with exactly the results of a lone run with that thread count.
void TestSweepDialog::twoSmallTrialsRunAtOnceWithTheThreadsSplit() {
    const QString runs = m_tmp.filePath("two-at-once");
    ModelSpec base = test::subsetMlp(2);
    base.training.threads = 0;
    SweepDialog d(base, m_data, runs, QString());
    d.setCores(2);  // the decision as on a 2-core machine (the trials still run on this one)
    d.setTrialsAtOnce(2);
    d.setAxis(0, "optimizer.learning_rate", "0.004, 0.001");
    QCOMPARE(d.parallel().atOnce, 2);
    QCOMPARE(d.parallel().threadsEach, 1);
    QVERIFY2(d.planText().contains("two trials at once"), qPrintable(d.planText()));
    QSignalSpy finished(&d, &SweepDialog::sweepFinished);
    QSignalSpy trial(&d, &SweepDialog::trialFinished);
    d.start();
    QCOMPARE(d.runningTrials(), (std::vector<int>{0, 1}));  // both started at once
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 120000);
    QCOMPARE(trial.count(), 2);
    for (int i = 0; i < 2; ++i) {
        const RunInfo run = RunStore::load(trial[i].front().toString().toStdString());
        QCOMPARE(run.threads, 1);
        QCOMPARE(run.spec().training.threads, 1);  // the model as trained says so
        ModelSpec spec = trialSpec(base, d.state().trials[std::size_t(run.sweepTrial)].trial);
        spec.training.threads = 1;
        Trainer alone(spec, *m_data);
        const TrainResult r = alone.run();
        QCOMPARE(run.testAccuracy, r.testAccuracy);
        QCOMPARE(run.finalValAccuracy, r.epochs.back().valAccuracy);
        QCOMPARE(loadRunCurves(run.folder).epochs.front().metrics.trainLoss, r.epochs.front().trainLoss);
    }
    for (const SweepTrialState& t : d.state().trials) QVERIFY(t.done);
}

// Stop After Trial ends the sweep once trial 1 has finished; a new dialog (as after closing the app) offers
// the unfinished sweep, and Resume runs trial 2 alone, in the same sweep.
void TestSweepDialog::stopAfterTrialThenResumeSkipsFinishedTrials() {
    const QString runs = m_tmp.filePath("resume");
    ModelSpec base = test::subsetMlp(1);
    base.training.threads = 1;
    std::string id;
    {
        SweepDialog d(base, m_data, runs, QString());
        QVERIFY(d.resumable().empty());
        QVERIFY(d.resumeButton()->isHidden() || !d.resumeButton()->parentWidget()->isVisibleTo(&d));
        d.setTrialsAtOnce(1);
        d.setAxis(0, "optimizer.learning_rate", "0.004, 0.001");
        QSignalSpy finished(&d, &SweepDialog::sweepFinished);
        QSignalSpy trial(&d, &SweepDialog::trialFinished);
        d.start();
        d.stopAfterTrial();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 120000);
        QCOMPARE(trial.count(), 1);
        id = d.state().id;
        QVERIFY(d.state().trials[0].done);
        QVERIFY(!d.state().trials[1].done);
        QVERIFY(d.state().trials[1].run.empty());
        QCOMPARE(d.resumable().size(), std::size_t(1));  // offered at once
    }
    SweepDialog d(base, m_data, runs, QString());
    QCOMPARE(d.resumable().size(), std::size_t(1));
    QCOMPARE(d.resumable()[0].id, id);
    QVERIFY(d.resumeButton()->parentWidget()->isVisibleTo(&d));
    QVERIFY(d.resumeButton()->isEnabled());
    // The same plan typed again is recognised as that sweep.
    d.setTrialsAtOnce(1);
    d.setAxis(0, "optimizer.learning_rate", "0.004, 0.001");
    QVERIFY2(d.planText().contains("Resume skips its 1 finished trial"), qPrintable(d.planText()));
    if (qEnvironmentVariableIsSet("LAYERLAB_TEST_SHOTS")) {
        d.show();
        QTest::qWait(100);
        d.grab().save(qEnvironmentVariable("LAYERLAB_TEST_SHOTS") + "/sweep_dialog_resume.png");
    }
    QSignalSpy finished(&d, &SweepDialog::sweepFinished);
    QSignalSpy trial(&d, &SweepDialog::trialFinished);
    d.resume(0);
    QCOMPARE(d.runningTrials(), std::vector<int>{1});  // trial 1 is skipped
    QCOMPARE(d.axisKey(0), QStringLiteral("optimizer.learning_rate"));
    QCOMPARE(d.axisValues(0), QStringLiteral("0.004, 0.001"));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 120000);
    QCOMPARE(trial.count(), 1);
    QCOMPARE(d.state().id, id);
    for (const SweepTrialState& t : d.state().trials) QVERIFY(t.done);
    const RunInfo second = RunStore::load(trial[0].front().toString().toStdString());
    QCOMPARE(second.sweepId, id);
    QCOMPARE(second.sweepTrial, 1);
    QCOMPARE(second.setting("optimizer.learning_rate"), std::string("0.001"));
    QCOMPARE(RunStore(runs.toStdString()).list().size(), std::size_t(2));  // one run per trial
    const std::vector<SweepState> saved = loadSweepStates(runs.toStdString());
    QCOMPARE(saved.size(), std::size_t(1));  // the same sweep went on
    QVERIFY(saved[0].trials[0].done && saved[0].trials[1].done);
    QVERIFY(d.resumable().empty());  // nothing left to resume
    QCOMPARE(d.results()->table()->rowCount(), 2);
}

QTEST_MAIN(TestSweepDialog)
#include "tst_sweep_dialog.moc"
