// core/sweep.cpp and `layerlab-cli sweep`/`runs`/`train --runs` through the real executable: keys resolved
// from the descriptor tables (short names, layerN.key numbered from 1), grids and random plans, impossible
// values refused before anything starts (naming the value, no run folder made); a 2x2 grid sweep on the
// bundled subset gives 4 runs whose results equal 4 separate `train` calls; --resume skips finished trials.
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>

#include "core/errors.h"
#include "core/run_record.h"
#include "core/sweep.h"
#include "core/trainer.h"
#include "tests/support/model_fixtures.h"
#include "tests/support/test_data.h"

using namespace layerlab;

class TestSweep : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void keysResolveThroughTheTables();
    void gridAndRandomPlans();
    void impossibleValuesAreRefusedNamingThem_data();
    void impossibleValuesAreRefusedNamingThem();
    void gridSweepEqualsSeparateTrainCalls();
    void resumeSkipsFinishedTrials();
    void trainRecordsByDefaultAndRunsListsIt();
    void newStateHasOneOpenTrialPerPlannedOne();
    void trialResultsAndRanking();
    void deadlineStopsTheTrialUnderWay();

private:
    struct Run {
        int code;
        QString out, err;
    };
    Run cli(const QStringList& args);
    QTemporaryDir m_dir;
    QString m_model, m_subset;
};

TestSweep::Run TestSweep::cli(const QStringList& args) {
    QProcess p;
    p.start(LAYERLAB_CLI, args);
    if (!p.waitForFinished(240000)) {
        p.kill();
        return {-1, {}, "timeout"};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2,
            QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
}

void TestSweep::initTestCase() {
    QVERIFY(m_dir.isValid());
    m_subset = QString::fromStdString(test::subsetPath());
    ModelSpec spec = test::subsetMlp(1);
    spec.training.threads = 2;
    m_model = m_dir.filePath("mlp.json");
    saveModelSpec(spec, m_model.toStdString());
}

void TestSweep::keysResolveThroughTheTables() {
    const ModelSpec spec = test::subsetMlp(1);
    QCOMPARE(resolveSweepKey("lr", spec), std::string("optimizer.learning_rate"));
    QCOMPARE(resolveSweepKey("batch", spec), std::string("batch_size"));
    QCOMPARE(resolveSweepKey("learning_rate", spec), std::string("optimizer.learning_rate"));
    QCOMPARE(resolveSweepKey("momentum", spec), std::string("optimizer.momentum"));
    QCOMPARE(resolveSweepKey("l2", spec), std::string("l2"));
    QCOMPARE(resolveSweepKey("layer2.units", spec), std::string("layer2.units"));
    QVERIFY_THROWS_EXCEPTION(SpecError, resolveSweepKey("layer9.units", spec));
    try {
        resolveSweepKey("layer1.units", spec);
        QFAIL("a Flatten has no units");
    } catch (const SpecError& e) {
        QCOMPARE(std::string(e.what()),
                 std::string("setting \"layer1.units\": layer 1 (Flatten) has no settings"));
    }
    try {
        resolveSweepKey("patience", spec);  // early stopping and the plateau schedule both have one
        QFAIL("ambiguous");
    } catch (const SpecError& e) {
        QVERIFY(std::string(e.what()).find("more than one place") != std::string::npos);
    }
    ModelSpec s = spec;
    applySetting(s, "layer2.units", "128");
    applySetting(s, "optimizer.type", "sgd");
    QCOMPARE(s.layers[1].units, 128);
    QCOMPARE(s.training.optimizer.type, OptimizerType::SGD);
}

void TestSweep::gridAndRandomPlans() {
    const ModelSpec spec = test::subsetMlp(1);
    const std::vector<SweepAxis> grid = {parseSweepAxis("lr=0.1,0.01,0.001", spec),
                                         parseSweepAxis("batch=32,128", spec)};
    const std::vector<SweepTrial> trials = planSweep(grid, 0, 1);
    QCOMPARE(trials.size(), std::size_t(6));
    QCOMPARE(trials[0].settings,
             (std::vector<RunSetting>{{"optimizer.learning_rate", "0.1"}, {"batch_size", "32"}}));
    QCOMPARE(trials[1].settings,
             (std::vector<RunSetting>{{"optimizer.learning_rate", "0.1"}, {"batch_size", "128"}}));
    QCOMPARE(trials[5].settings,
             (std::vector<RunSetting>{{"optimizer.learning_rate", "0.001"}, {"batch_size", "128"}}));

    const std::vector<SweepAxis> random = {parseSweepAxis("lr=log:1e-4:1e-1", spec),
                                           parseSweepAxis("batch=uniform:16:256", spec),
                                           parseSweepAxis("optimizer=adam,sgd", spec)};
    const std::vector<SweepTrial> r = planSweep(random, 50, 7);
    QCOMPARE(r.size(), std::size_t(50));
    QVERIFY(planSweep(random, 50, 7) == r);  // seeded
    int small = 0;
    for (const SweepTrial& t : r) {
        const double lr = std::stod(t.settings[0].second);
        QVERIFY(lr >= 1e-4 * 0.999 && lr <= 0.1 * 1.001);
        small += lr < 3.2e-3;  // below the log midpoint: about half when drawn log-uniformly
        const std::string batch = t.settings[1].second;
        QVERIFY(batch.find_first_not_of("0123456789") == std::string::npos);
        QVERIFY(std::stoi(batch) >= 16 && std::stoi(batch) <= 256);
        QVERIFY(t.settings[2].second == "adam" || t.settings[2].second == "sgd");
        trialSpec(spec, t);  // every drawn trial is a valid model
    }
    QVERIFY2(small > 12 && small < 38, qPrintable(QString::number(small)));
    QVERIFY_THROWS_EXCEPTION(SpecError, planSweep(random, 0, 7));  // a range without --random
}

void TestSweep::impossibleValuesAreRefusedNamingThem_data() {
    QTest::addColumn<QString>("vary");
    QTest::addColumn<QString>("message");
    QTest::newRow("batch 0") << "batch=32,0"
                             << "batch_size must be a whole number from 1 to 65536, got '0'";
    QTest::newRow("units 0") << "layer2.units=0"
                             << "layer 2 (Dense) units must be a whole number from 1 to 100000, got '0'";
    QTest::newRow("lr negative") << "lr=0.1,-1"
                                 << "got '-1'";
    QTest::newRow("unknown key") << "lernrate=0.1"
                                 << "unknown setting \"lernrate\"";
    QTest::newRow("no layer 7") << "layer7.units=8"
                                << "the model has layers 1 to 3";
    QTest::newRow("range, no random") << "l2=uniform:0:0.001"
                                      << "a range needs random search (--random N)";
}

void TestSweep::impossibleValuesAreRefusedNamingThem() {
    QFETCH(QString, vary);
    QFETCH(QString, message);
    const QString runs = m_dir.filePath("refused-runs");
    const Run r = cli({"sweep", "--model", m_model, "--data", m_subset, "--vary", "lr=0.01", "--vary", vary,
                       "--runs", runs});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
    QCOMPARE(r.err.count('\n'), 1);
    QVERIFY(!QFileInfo::exists(runs));  // nothing started, nothing written
}

void TestSweep::gridSweepEqualsSeparateTrainCalls() {
    const QString runs = m_dir.filePath("grid-runs");
    const Run s = cli({"sweep", "--model", m_model, "--data", m_subset, "--vary", "lr=0.004,0.001", "--vary",
                       "batch=32,64", "--epochs", "2", "--runs", runs, "--json"});
    QVERIFY2(s.code == 0, qPrintable(s.err));
    const QJsonArray table = QJsonDocument::fromJson(s.out.toUtf8()).array();
    QCOMPARE(table.size(), 4);
    for (int i = 1; i < table.size(); ++i)  // ranked by the best validation accuracy
        QVERIFY(table[i - 1]["val_accuracy"].toDouble() >= table[i]["val_accuracy"].toDouble());
    QCOMPARE(int(RunStore(runs.toStdString()).list().size()), 4);
    for (const QJsonValue& v : table) {
        const QJsonObject trial = v.toObject();
        QCOMPARE(trial["status"].toString(), QString("finished"));
        const QString lr = QString::number(trial["optimizer.learning_rate"].toDouble());
        const QString batch = QString::number(trial["batch_size"].toInt());
        const Run t = cli({"train", "--model", m_model, "--data", m_subset, "--lr", lr, "--batch", batch,
                           "--epochs", "2", "--no-record", "--report", "-"});
        QVERIFY2(t.code == 0, qPrintable(t.err));
        const QJsonObject report = QJsonDocument::fromJson(t.out.toUtf8()).object();
        QVERIFY(report["run_folder"].isNull());  // --no-record
        double bestVal = 0;
        for (const QJsonValue& e : report["epochs"].toArray())
            bestVal = std::max(bestVal, e.toObject()["val_accuracy"].toDouble());
        QCOMPARE(trial["test_accuracy"].toDouble(), report["test_accuracy"].toDouble());
        QCOMPARE(trial["val_accuracy"].toDouble(), bestVal);
        // The trial's run folder holds the same epochs as the lone train call reported.
        const RunCurves curves = loadRunCurves(trial["run"].toString().toStdString());
        QCOMPARE(int(curves.epochs.size()), 2);
        QCOMPARE(curves.epochs[1].metrics.trainLoss,
                 report["epochs"].toArray()[1].toObject()["train_loss"].toDouble());
        const RunInfo info = RunStore::load(trial["run"].toString().toStdString());
        QVERIFY(!info.sweepId.empty());
        QCOMPARE(info.setting("batch_size"), batch.toStdString());
    }
}

void TestSweep::resumeSkipsFinishedTrials() {
    const QString runs = m_dir.filePath("resume-runs");
    const QStringList args = {
        "sweep",  "--model", m_model, "--data", m_subset, "--vary", "layer2.units=16,32",
        "--runs", runs,      "--json"};
    const Run first = cli(args);
    QVERIFY2(first.code == 0, qPrintable(first.err));
    const std::vector<SweepState> states = loadSweepStates(runs.toStdString());
    QCOMPARE(states.size(), std::size_t(1));
    QCOMPARE(states[0].trials.size(), std::size_t(2));
    // A crash during the second trial: its state was never marked done.
    const std::string statePath = sweepStatePath(runs.toStdString(), states[0].id);
    QFile f(QString::fromStdString(statePath));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QJsonObject state = QJsonDocument::fromJson(f.readAll()).object();
    f.close();
    QJsonArray trials = state["trials"].toArray();
    const QString firstRun = trials[0].toObject()["run"].toString();
    QJsonObject second = trials[1].toObject();
    second["done"] = false;
    trials[1] = second;
    state["trials"] = trials;
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(QJsonDocument(state).toJson());
    f.close();

    const Run resumed = cli(QStringList(args) << "--resume");
    QVERIFY2(resumed.code == 0, qPrintable(resumed.err));
    QVERIFY2(resumed.err.contains("1 finished trial skipped"), qPrintable(resumed.err));
    QVERIFY(!resumed.err.contains("trial 1/2"));
    QVERIFY(resumed.err.contains("trial 2/2"));
    QCOMPARE(int(RunStore(runs.toStdString()).list().size()), 3);  // one new run, not two
    const QJsonArray table = QJsonDocument::fromJson(resumed.out.toUtf8()).array();
    QCOMPARE(table.size(), 2);
    bool firstKept = false;
    for (const QJsonValue& v : table) firstKept |= v.toObject()["run"].toString().endsWith(firstRun);
    QVERIFY(firstKept);
    QCOMPARE(loadSweepStates(runs.toStdString()).size(), std::size_t(1));  // the same sweep went on
}

void TestSweep::trainRecordsByDefaultAndRunsListsIt() {
    // Default folder: runs/ beside the model file (the test environment's LAYERLAB_RUNS_DIR is cleared).
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove("LAYERLAB_RUNS_DIR");
    p.setProcessEnvironment(env);
    p.start(LAYERLAB_CLI, {"train", "--model", m_model, "--data", m_subset, "--name", "first run"});
    QVERIFY(p.waitForFinished(120000));
    QCOMPARE(p.exitCode(), 0);
    const QString runs = m_dir.filePath("runs");
    const std::vector<RunInfo> list = RunStore(runs.toStdString()).list();
    QCOMPARE(list.size(), std::size_t(1));
    QCOMPARE(list[0].name, std::string("first run"));
    QVERIFY(QFileInfo::exists(QString::fromStdString(list[0].folder) + "/final.llckpt"));
    std::ofstream(runs.toStdString() + "/stray.txt") << "not a run";
    const Run r = cli({"runs", "--runs", runs});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.contains("2 runs in"), qPrintable(r.out));
    QVERIFY(r.out.contains("first run"));
    QVERIFY2(r.out.contains(QRegularExpression("stray.txt +unreadable: not a run folder")),
             qPrintable(r.out));
    const Run j = cli({"runs", "--runs", runs, "--json"});
    const QJsonArray arr = QJsonDocument::fromJson(j.out.toUtf8()).object()["runs"].toArray();
    QCOMPARE(arr.size(), 2);
    const Run missing = cli({"runs", "--runs", m_dir.filePath("nowhere")});
    QCOMPARE(missing.code, 2);
}

// newSweepState and sweepSignature: what the CLI's sweep and the studio's sweep dialog both start from.
void TestSweep::newStateHasOneOpenTrialPerPlannedOne() {
    const ModelSpec base = test::subsetMlp(1);
    const std::vector<SweepAxis> axes = {parseSweepAxis("lr=0.1,0.01", base),
                                         parseSweepAxis("layer2.units=16,32,64", base)};
    const std::vector<SweepTrial> trials = planSweep(axes, 0, 1);
    const std::string signature =
        sweepSignature(base, {"lr=0.1,0.01", "layer2.units=16,32,64"}, 0, 7, "val_accuracy");
    QVERIFY(signature.rfind(serializeModelSpec(base), 0) == 0);  // the model first, then the plan
    QVERIFY(QString::fromStdString(signature).endsWith(
        "--vary lr=0.1,0.01\n--vary layer2.units=16,32,64\nrandom 0 seed 7 metric val_accuracy"));
    // Any change to the plan, the draws or the metric makes another sweep.
    QVERIFY(signature != sweepSignature(base, {"lr=0.1,0.01"}, 0, 7, "val_accuracy"));
    QVERIFY(signature !=
            sweepSignature(base, {"lr=0.1,0.01", "layer2.units=16,32,64"}, 0, 8, "val_accuracy"));
    QVERIFY(signature !=
            sweepSignature(base, {"lr=0.1,0.01", "layer2.units=16,32,64"}, 0, 7, "test_accuracy"));

    const SweepState s = newSweepState("sweep-x", signature, "test_accuracy", trials);
    QCOMPARE(s.id, std::string("sweep-x"));
    QCOMPARE(s.signature, signature);
    QCOMPARE(s.metric, std::string("test_accuracy"));
    QVERIFY2(QRegularExpression("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d$")
                 .match(QString::fromStdString(s.created))
                 .hasMatch(),
             s.created.c_str());
    QCOMPARE(s.trials.size(), std::size_t(6));
    for (std::size_t i = 0; i < trials.size(); ++i) {
        QVERIFY(s.trials[i].trial == trials[i]);
        QVERIFY(!s.trials[i].done);
        QVERIFY(s.trials[i].run.empty());
    }
    // It saves and reads back as it was made.
    QTemporaryDir dir;
    QVERIFY(saveSweepState(dir.path().toStdString(), s).empty());
    const std::vector<SweepState> back = loadSweepStates(dir.path().toStdString());
    QCOMPARE(back.size(), std::size_t(1));
    QCOMPARE(back[0].created, s.created);
    QCOMPARE(back[0].signature, signature);
    QCOMPARE(back[0].trials.size(), std::size_t(6));
    QVERIFY(back[0].trials[5].trial == trials[5]);
}

void TestSweep::trialResultsAndRanking() {
    SweepTrial t;
    t.settings = {{"optimizer.learning_rate", "0.01"}, {"layer2.units", "64"}};
    QCOMPARE(sweepTrialName("MLP", t), std::string("MLP learning_rate=0.01 layer2.units=64"));

    const double nan = std::numeric_limits<double>::quiet_NaN();
    auto run = [&](const char* id, RunStatus status, double val, double test) {
        RunInfo r;
        r.id = id;
        r.status = status;
        r.bestValAccuracy = val;
        r.testAccuracy = test;
        r.seconds = 12.5;
        return r;
    };
    SweepState s = newSweepState("sweep-y", "sig", "val_accuracy", std::vector<SweepTrial>(5, t));
    takeTrialResult(s.trials[0], run("a", RunStatus::Finished, 0.90, 0.95));
    takeTrialResult(s.trials[1], run("b", RunStatus::Failed, nan, nan));
    takeTrialResult(s.trials[2], run("c", RunStatus::EarlyStopped, 0.97, 0.91));
    takeTrialResult(s.trials[3], run("d", RunStatus::Stopped, 0.90, 0.99));
    // trials[4] has not started.
    QCOMPARE(s.trials[0].run, std::string("a"));
    QCOMPARE(s.trials[0].status, std::string(runStatusKey(RunStatus::Finished)));
    QCOMPARE(s.trials[0].seconds, 12.5);
    QCOMPARE(s.trials[2].testAccuracy, 0.91);
    // Stopped or failed trials are run again by a resumed sweep; the others are done.
    QCOMPARE(s.trials[0].done, true);
    QCOMPARE(s.trials[1].done, false);
    QCOMPARE(s.trials[2].done, true);
    QCOMPARE(s.trials[3].done, false);
    QVERIFY(std::isnan(sweepMetric(s.trials[1], "val_accuracy")));
    QCOMPARE(sweepMetric(s.trials[3], "test_accuracy"), 0.99);

    auto ids = [](const std::vector<const SweepTrialState*>& ranked) {
        std::string out;
        for (const SweepTrialState* r : ranked) out += r->run;
        return out;
    };
    // Best validation first; a tie keeps the planned order; unknown last; not started: not listed.
    QCOMPARE(ids(rankSweepTrials(s)), std::string("cadb"));
    s.metric = "test_accuracy";
    QCOMPARE(ids(rankSweepTrials(s)), std::string("dacb"));
}

// The sweep's time budget: the trial under way stops at the first batch end past the deadline.
void TestSweep::deadlineStopsTheTrialUnderWay() {
    const Dataset data = loadDataset(test::subsetPath());
    ModelSpec spec = test::subsetMlp(3);
    spec.training.threads = 1;
    {
        Trainer trainer(spec, data);
        SweepDeadline deadline(trainer, std::chrono::steady_clock::now(), true);
        int batches = 0;
        struct Count : TrainerObserver {
            int* n;
            void onBatchEnd(const BatchMetrics&) override { ++*n; }
        } count;
        count.n = &batches;
        TrainerObservers both({&deadline, &count});
        trainer.setObserver(&both);
        const TrainResult r = trainer.run();
        QVERIFY(deadline.hit());
        QVERIFY(r.stoppedByUser);
        QCOMPARE(batches, 1);  // stopped at the first batch end
        QVERIFY(r.epochs.empty());
    }
    {
        // Not enabled (no budget): the same deadline does nothing.
        Trainer trainer(spec, data);
        SweepDeadline deadline(trainer, std::chrono::steady_clock::now(), false);
        trainer.setObserver(&deadline);
        const TrainResult r = trainer.run();
        QVERIFY(!deadline.hit());
        QVERIFY(!r.stoppedByUser);
        QCOMPARE(int(r.epochs.size()), 3);
    }
}

QTEST_GUILESS_MAIN(TestSweep)
#include "tst_sweep.moc"
