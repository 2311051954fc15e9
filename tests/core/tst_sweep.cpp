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
#include <QThread>
#include <QtTest>

#include <atomic>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <mutex>
#include <thread>

#include "core/errors.h"
#include "core/run_record.h"
#include "core/shape_inference.h"
#include "core/sweep.h"
#include "core/trainer.h"
#include "tests/support/build_paths.h"
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
    void planIsKeptAndResumableSweepsAreFound();
    void twoAtOnceOnlyForSmallTrials();
    void twoTrialsAtOnceGiveTheResultsOfEachAlone();
    void runnerSkipsDoneTrialsStopsAndRethrows();
    void cliTwoAtOnceEqualsTrainOnThoseThreads();
    void cliResumesASweepTheStudioStarted();

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
    const std::string signature = sweepSignature(base, axes, 0, 7);
    SweepState probe;
    probe.signature = signature;
    QVERIFY(isSweepOf(probe, base));  // the model first, then the plan
    QVERIFY2(QString::fromStdString(signature).endsWith(
                 "optimizer.learning_rate=0.1,0.01\nlayer2.units=16,32,64\nrandom 0 seed 7\n"),
             signature.c_str());
    // Any change to the plan or the draws makes another sweep (the metric only ranks: see
    // planIsKeptAndResumableSweepsAreFound).
    QVERIFY(signature != sweepSignature(base, {axes[0]}, 0, 7));
    QVERIFY(signature != sweepSignature(base, axes, 0, 8));
    QVERIFY(signature != sweepSignature(base, axes, 3, 7));

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

// The state file keeps the plan (axes, random trials, seed); sweepSignature identifies the model and plan
// (not the layer ids, not the metric); unfinishedSweeps finds the sweeps of a model with a trial not done.
void TestSweep::planIsKeptAndResumableSweepsAreFound() {
    const std::string runs = m_dir.filePath("plan-runs").toStdString();
    const ModelSpec spec = test::subsetMlp(1);
    const std::vector<SweepAxis> axes = {parseSweepAxis("lr=log:1e-4:1e-1", spec),
                                         parseSweepAxis("optimizer=adam,sgd", spec),
                                         parseSweepAxis("batch=uniform:16:256", spec)};
    SweepState s;
    s.id = newSweepId(runs);
    s.metric = "test_accuracy";
    s.created = "2026-11-30T10:15:00";
    s.axes = axes;
    s.randomTrials = 3;
    s.seed = 12345678901234ULL;
    s.signature = sweepSignature(spec, axes, 3, s.seed);
    for (const SweepTrial& t : planSweep(axes, 3, s.seed)) s.trials.push_back({t, false, "", "", 0, 0, 0});
    s.trials[0].done = true;
    s.trials[0].run = "run-a";
    QCOMPARE(saveSweepState(runs, s), std::string());
    const std::vector<SweepState> loaded = loadSweepStates(runs);
    QCOMPARE(loaded.size(), std::size_t(1));
    const SweepState& l = loaded[0];
    QCOMPARE(l.randomTrials, 3);
    QCOMPARE(l.seed, 12345678901234ULL);
    QCOMPARE(l.axes.size(), std::size_t(3));
    QCOMPARE(l.axes[0].kind, SweepAxis::Kind::Log);
    QCOMPARE(l.axes[0].lo, axes[0].lo);  // as parsed (a learning rate is a float)
    QCOMPARE(l.axes[0].hi, axes[0].hi);
    QCOMPARE(l.axes[1].values, (std::vector<std::string>{"adam", "sgd"}));
    QCOMPARE(l.axes[2].kind, SweepAxis::Kind::Uniform);
    QVERIFY(l.axes[2].whole);
    QCOMPARE(sweepSignature(spec, l.axes, l.randomTrials, l.seed), s.signature);  // the plan reads back whole
    QCOMPARE(sweepAxisValuesText(l.axes[0]), std::string("log:0.0001:0.1"));
    QCOMPARE(sweepAxisValuesText(l.axes[1]), std::string("adam, sgd"));

    // The signature: the same for the same model and plan whatever the layer ids; another plan, seed or
    // model gives another one.
    ModelSpec withIds = spec;
    for (std::size_t i = 0; i < withIds.layers.size(); ++i) withIds.layers[i].id = "l" + std::to_string(i);
    QCOMPARE(sweepSignature(withIds, axes, 3, s.seed), s.signature);
    QVERIFY(sweepSignature(spec, axes, 4, s.seed) != s.signature);
    QVERIFY(sweepSignature(spec, axes, 3, s.seed + 1) != s.signature);
    QVERIFY(sweepSignature(spec, {axes[0]}, 3, s.seed) != s.signature);
    ModelSpec other = spec;
    other.layers[1].units = 65;
    QVERIFY(sweepSignature(other, axes, 3, s.seed) != s.signature);
    QVERIFY(isSweepOf(l, withIds));
    QVERIFY(!isSweepOf(l, other));
    QCOMPARE(sweepTrialsDone(l), 1);

    // Unfinished sweeps of a model: this one; none of another model; none once every trial is done.
    QCOMPARE(unfinishedSweeps(runs, spec).size(), std::size_t(1));
    QCOMPARE(unfinishedSweeps(runs, other).size(), std::size_t(0));
    for (SweepTrialState& t : s.trials) t.done = true;
    QCOMPARE(saveSweepState(runs, s), std::string());
    QCOMPARE(unfinishedSweeps(runs, spec).size(), std::size_t(0));

    // Log scale for a chart: a Log range, or a list of positive numbers spanning 10x or more.
    QVERIFY(isLogScaled(axes[0]));
    QVERIFY(!isLogScaled(axes[1]));  // names
    QVERIFY(!isLogScaled(axes[2]));  // uniform
    QVERIFY(isLogScaled(parseSweepAxis("lr=0.1,0.01,0.001", spec)));
    QVERIFY(!isLogScaled(parseSweepAxis("batch=32,64", spec)));
    QVERIFY(!isLogScaled(parseSweepAxis("l2=0,0.001", spec)));  // a 0 has no log
}

// Two at once only when every trial is too small for all the cores, with the threads split (the model's 0
// = all cores becomes half, a count the model sets is kept), the reason said in a sentence.
void TestSweep::twoAtOnceOnlyForSmallTrials() {
    ModelSpec spec = test::subsetMlp(1);
    spec.training.threads = 0;
    const std::vector<SweepTrial> trials =
        planSweep({parseSweepAxis("lr=0.01,0.001", spec)}, 0, 1);  // batch 64, as the model says
    const double perSample = inferShapes(spec).trainFlopsPerSample;
    QVERIFY(perSample * 64 / 8 < kSmallTrialFlopsPerThread);   // small on 8 cores...
    QVERIFY(perSample * 512 / 8 > kSmallTrialFlopsPerThread);  // ...not at batch 512

    SweepParallel p = planSweepParallel(spec, trials, 0, 8);
    QCOMPARE(p.atOnce, 2);
    QCOMPARE(p.threadsEach, 4);
    QVERIFY2(p.why.find("too small to use all 8 cores") != std::string::npos, p.why.c_str());
    QVERIFY2(p.why.find("become 4") != std::string::npos, p.why.c_str());
    QCOMPARE(trialSpec(spec, trials[0], p).training.threads, 4);
    QCOMPARE(trialSpec(spec, trials[0], SweepParallel()).training.threads, 0);

    // A trial with enough work per thread: one at a time on every core.
    const std::vector<SweepTrial> big = planSweep({parseSweepAxis("batch=64,512", spec)}, 0, 1);
    p = planSweepParallel(spec, big, 0, 8);
    QCOMPARE(p.atOnce, 1);
    QCOMPARE(p.threadsEach, 0);
    QVERIFY2(p.why.find("enough to use them all") != std::string::npos, p.why.c_str());
    // ...unless two at once are asked for.
    p = planSweepParallel(spec, big, 2, 8);
    QCOMPARE(p.atOnce, 2);
    QCOMPARE(p.threadsEach, 4);
    // Fewer samples in a batch than cores is small whatever the model.
    p = planSweepParallel(spec, planSweep({parseSweepAxis("batch=4,6", spec)}, 0, 1), 0, 8);
    QCOMPARE(p.atOnce, 2);

    // The model's own thread count is kept: two at once when it is at most half the cores.
    spec.training.threads = 2;
    p = planSweepParallel(spec, trials, 0, 8);
    QCOMPARE(p.atOnce, 2);
    QCOMPARE(p.threadsEach, 0);
    QCOMPARE(trialSpec(spec, trials[0], p).training.threads, 2);
    QVERIFY2(p.why.find("the model asks for 2 threads") != std::string::npos, p.why.c_str());
    QCOMPARE(planSweepParallel(spec, big, 0, 8).atOnce, 2);  // however large: 4 of the 8 cores are idle
    spec.training.threads = 8;
    p = planSweepParallel(spec, trials, 0, 8);
    QCOMPARE(p.atOnce, 1);
    QVERIFY2(p.why.find("asks for 8 threads") != std::string::npos, p.why.c_str());

    spec.training.threads = 0;
    QCOMPARE(planSweepParallel(spec, trials, 1, 8).atOnce, 1);       // one at a time, as chosen
    QCOMPARE(planSweepParallel(spec, trials, 0, 1).atOnce, 1);       // one core
    QCOMPARE(planSweepParallel(spec, {trials[0]}, 0, 8).atOnce, 1);  // one trial
    // On two cores: one thread each.
    p = planSweepParallel(spec, trials, 2, 2);
    QCOMPARE(p.atOnce, 2);
    QCOMPARE(p.threadsEach, 1);
}

// Two trials run at once, one thread each, give bit for bit what each gives trained alone on one thread:
// the engine shares nothing between trainers, and the results depend only on the seed and thread count.
void TestSweep::twoTrialsAtOnceGiveTheResultsOfEachAlone() {
    const Dataset data = loadDataset(m_subset.toStdString());
    ModelSpec base = test::subsetMlp(2);
    base.training.threads = 0;
    const std::vector<SweepAxis> axes = {parseSweepAxis("lr=0.004,0.001", base)};
    SweepState state;
    for (const SweepTrial& t : planSweep(axes, 0, 1)) state.trials.push_back({t, false, "", "", 0, 0, 0});
    SweepParallel parallel = planSweepParallel(base, planSweep(axes, 0, 1), 2, 2);
    QCOMPARE(parallel.threadsEach, 1);

    using Clock = std::chrono::steady_clock;
    std::mutex mutex;
    std::vector<TrainResult> together(2);
    std::vector<std::vector<float>> paramsTogether(2);
    std::vector<int> threads(2);
    std::vector<int> saved;
    std::atomic<int> arrived{0};
    std::vector<char> met(2, 0);  // whether trial k saw the other one started before it began
    runSweepTrials(
        state, parallel.atOnce,
        [&](int k) {
            // Each trial waits (30 s at most) until the other has started too: they run at the same time.
            arrived.fetch_add(1);
            const auto waitUntil = Clock::now() + std::chrono::seconds(30);
            while (arrived.load() < 2 && Clock::now() < waitUntil)
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
            met[std::size_t(k)] = arrived.load() == 2;
            const ModelSpec spec = trialSpec(base, state.trials[std::size_t(k)].trial, parallel);
            Trainer trainer(spec, data);
            TrainResult r = trainer.run();
            std::lock_guard lock(mutex);
            threads[std::size_t(k)] = trainer.threads();
            paramsTogether[std::size_t(k)] = trainer.currentParams();
            together[std::size_t(k)] = r;
            SweepTrialOutcome o;
            o.state = state.trials[std::size_t(k)];
            o.state.done = true;
            o.state.testAccuracy = r.testAccuracy;
            return o;
        },
        [&](int k) { saved.push_back(k); });
    QCOMPARE(int(saved.size()), 2);
    QVERIFY(state.trials[0].done && state.trials[1].done);
    // They ran at the same time: each was started while the other was still running (it waited for the other
    // one's start without timing out). Their training spans need not overlap: on a loaded machine one short
    // trial can end before the other is scheduled again.
    QCOMPARE(arrived.load(), 2);
    QVERIFY(met[0] && met[1]);
    for (int k = 0; k < 2; ++k) {
        QCOMPARE(threads[std::size_t(k)], 1);
        ModelSpec spec = trialSpec(base, state.trials[std::size_t(k)].trial);
        spec.training.threads = 1;
        Trainer alone(spec, data);
        const TrainResult r = alone.run();
        const TrainResult& t = together[std::size_t(k)];
        QCOMPARE(t.epochs.size(), r.epochs.size());
        for (std::size_t e = 0; e < r.epochs.size(); ++e) {
            QCOMPARE(t.epochs[e].trainLoss, r.epochs[e].trainLoss);
            QCOMPARE(t.epochs[e].valLoss, r.epochs[e].valLoss);
            QCOMPARE(t.epochs[e].valAccuracy, r.epochs[e].valAccuracy);
        }
        QCOMPARE(t.testAccuracy, r.testAccuracy);
        QCOMPARE(state.trials[std::size_t(k)].testAccuracy, r.testAccuracy);
        QVERIFY(paramsTogether[std::size_t(k)] == alone.currentParams());
    }
}

void TestSweep::runnerSkipsDoneTrialsStopsAndRethrows() {
    SweepState state;
    state.trials.resize(5);
    state.trials[1].done = true;
    for (const int atOnce : {1, 2}) {
        for (SweepTrialState& t : state.trials) t.status.clear();
        std::mutex mutex;
        std::vector<int> ran;
        // Trial 2 ends the sweep at once (a budget ran out): no trial starts after it; with two at once,
        // trial 0 (slower) runs beside it and still ends.
        runSweepTrials(
            state, atOnce,
            [&](int k) {
                {
                    std::lock_guard lock(mutex);
                    ran.push_back(k);
                }
                SweepTrialOutcome o;
                o.state = state.trials[std::size_t(k)];
                o.state.status = "ran";
                o.goOn = k != 2;
                if (k == 0) std::this_thread::sleep_for(std::chrono::milliseconds(50));
                return o;
            },
            [](int) {});
        std::sort(ran.begin(), ran.end());
        QCOMPARE(ran, (std::vector<int>{0, 2}));  // 1 is done: skipped; nothing after the stop
        QCOMPARE(state.trials[0].status, std::string("ran"));
        QCOMPARE(state.trials[2].status, std::string("ran"));
        QCOMPARE(state.trials[1].status, std::string());
    }
    // An error in a trial ends the sweep and reaches the caller on its own thread.
    QVERIFY_THROWS_EXCEPTION(SpecError, runSweepTrials(
                                            state, 2,
                                            [](int k) -> SweepTrialOutcome {
                                                if (k == 0) throw SpecError("trial 1 cannot work");
                                                return {};
                                            },
                                            [](int) {}));
}

// `sweep --at-once 2` on a model that asks for all cores: two trials at once on half the cores each (said on
// the output, kept in each run's record and model), each with exactly the results of `train --threads` that
// many; every line of a trial says which one it is.
void TestSweep::cliTwoAtOnceEqualsTrainOnThoseThreads() {
    ModelSpec spec = test::subsetMlp(2);
    spec.training.threads = 0;
    const QString model = m_dir.filePath("mlp-all-cores.json");
    saveModelSpec(spec, model.toStdString());
    const int half = std::max(1, QThread::idealThreadCount() / 2);
    const QString runs = m_dir.filePath("two-at-once-runs");
    const Run s = cli({"sweep", "--model", model, "--data", m_subset, "--vary", "lr=0.004,0.001", "--at-once",
                       "2", "--runs", runs, "--json"});
    QVERIFY2(s.code == 0, qPrintable(s.err));
    QVERIFY2(s.err.contains(QStringLiteral("two trials at once, as chosen, %1 thread").arg(half)),
             qPrintable(s.err));
    QVERIFY2(s.err.contains("[trial 2/2] epoch 2/2"), qPrintable(s.err));
    const QJsonArray table = QJsonDocument::fromJson(s.out.toUtf8()).array();
    QCOMPARE(table.size(), 2);
    for (const QJsonValue& v : table) {
        const QJsonObject trial = v.toObject();
        const RunInfo info = RunStore::load(trial["run"].toString().toStdString());
        QCOMPARE(info.threads, half);
        QCOMPARE(info.spec().training.threads, half);
        const Run t = cli({"train", "--model", model, "--data", m_subset, "--lr",
                           QString::number(trial["optimizer.learning_rate"].toDouble()), "--threads",
                           QString::number(half), "--no-record", "--report", "-"});
        QVERIFY2(t.code == 0, qPrintable(t.err));
        const QJsonObject report = QJsonDocument::fromJson(t.out.toUtf8()).object();
        QCOMPARE(trial["test_accuracy"].toDouble(), report["test_accuracy"].toDouble());
        const RunCurves curves = loadRunCurves(info.folder);
        QCOMPARE(int(curves.epochs.size()), 2);
        for (int e = 0; e < 2; ++e) {
            const QJsonObject epoch = report["epochs"].toArray()[e].toObject();
            QCOMPARE(curves.epochs[std::size_t(e)].metrics.trainLoss, epoch["train_loss"].toDouble());
            QCOMPARE(curves.epochs[std::size_t(e)].metrics.valAccuracy, epoch["val_accuracy"].toDouble());
        }
    }
    const Run bad = cli({"sweep", "--model", model, "--data", m_subset, "--vary", "lr=0.004", "--at-once",
                         "3", "--runs", runs});
    QCOMPARE(bad.code, 2);
    QVERIFY2(bad.err.contains("--at-once: must be auto, 1 or 2, got '3'"), qPrintable(bad.err));
}

// The studio and the CLI sign a sweep alike: `sweep --resume` continues a sweep whose state the studio
// wrote (here written as the studio writes it: the model as the editor has it, with layer ids, and the
// plan as parsed), skipping its finished trial.
void TestSweep::cliResumesASweepTheStudioStarted() {
    const QString runs = m_dir.filePath("studio-runs");
    ModelSpec spec = loadModelSpec(m_model.toStdString());
    for (std::size_t i = 0; i < spec.layers.size(); ++i) spec.layers[i].id = "editor_" + std::to_string(i);
    const std::vector<SweepAxis> axes = {parseSweepAxis("layer2.units=16,32", spec)};
    SweepState state =
        newSweepState(newSweepId(runs.toStdString()), sweepSignature(spec, axes, 0, spec.training.seed),
                      "val_accuracy", planSweep(axes, 0, spec.training.seed));
    state.axes = axes;
    state.seed = spec.training.seed;
    state.trials[0].done = true;
    state.trials[0].run = "run-from-the-studio";
    state.trials[0].status = "finished";
    state.trials[0].valAccuracy = 0.5;
    QCOMPARE(saveSweepState(runs.toStdString(), state), std::string());
    const Run r = cli({"sweep", "--model", m_model, "--data", m_subset, "--vary", "layer2.units=16,32",
                       "--runs", runs, "--resume", "--json"});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY2(r.err.contains("sweep " + QString::fromStdString(state.id)), qPrintable(r.err));
    QVERIFY2(r.err.contains("1 finished trial skipped"), qPrintable(r.err));
    QVERIFY(!r.err.contains("trial 1/2"));
    QVERIFY(r.err.contains("trial 2/2"));
    QCOMPARE(loadSweepStates(runs.toStdString()).size(), std::size_t(1));
    QVERIFY(loadSweepStates(runs.toStdString())[0].trials[1].done);
}

QTEST_GUILESS_MAIN(TestSweep)
#include "tst_sweep.moc"
