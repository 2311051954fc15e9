// core/run_record.cpp: a run recorded while it trains (run.json, epochs.csv, batches.csv, checkpoints) and
// read back with every field; a run killed mid-epoch still lists with its finished epochs; corrupt and
// foreign entries are listed as unreadable without stopping the others; rename, note, colour and delete;
// unique folders under concurrent writers; the flattened settings; listing 2,000 runs (time printed, not
// asserted).
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <set>
#include <thread>

#include "core/checkpoint.h"
#include "core/data_location.h"
#include "core/dataset.h"
#include "core/run_record.h"
#include "core/trainer.h"
#include "tests/support/model_fixtures.h"
#include "tests/support/test_data.h"

using namespace layerlab;
namespace fs = std::filesystem;

class TestRunRecord : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void recordAndReloadEveryField();
    void runKilledMidEpochListsItsFinishedEpochs();
    void bestEpochFollowsTheMonitor();
    void corruptAndForeignEntriesAreUnreadable();
    void renameNoteColourAndDelete();
    void concurrentRecordersNeverShareAFolder();
    void settingsAreFlattenedFromTheTables();
    void differingSettingsAreExactlyThoseThatDiffer();
    void defaultRunsFolder();
    void listingTwoThousandRuns();

private:
    std::string dir(const char* sub) const { return m_tmp.path().toStdString() + "/" + sub; }
    Dataset m_data;
    QTemporaryDir m_tmp;
};

using test::readText;

namespace {

void appendText(const std::string& path, const std::string& text) {
    std::ofstream out(path, std::ios::app | std::ios::binary);
    out << text;
}

}  // namespace

void TestRunRecord::initTestCase() {
    QVERIFY(m_tmp.isValid());
    m_data = loadDataset(test::subsetPath());
}

void TestRunRecord::recordAndReloadEveryField() {
    ModelSpec spec = test::subsetMlp(2);
    spec.training.threads = 2;
    Trainer trainer(spec, m_data);
    RunRecordOptions o;
    o.runsDir = dir("runs-a");
    o.modelFile = "/tmp/some-model.json";
    o.note = "first try";
    o.sweepId = "sweep-1";
    o.sweepTrial = 3;
    setTrainingFacts(o, trainer, m_data);  // the recorded facts below must be the trainer's and data's
    RunRecorder rec(spec, o);
    QVERIFY(fs::path(rec.folder()).filename().string().find("test-mlp-") != std::string::npos);
    QCOMPARE(RunStore::load(rec.folder()).status, RunStatus::Running);  // written before the first batch
    trainer.setObserver(&rec);
    const TrainResult res = trainer.run();
    QVERIFY(rec.error().empty());

    const std::vector<RunInfo> runs = RunStore(o.runsDir).list();
    QCOMPARE(runs.size(), std::size_t(1));
    const RunInfo& r = runs[0];
    QVERIFY2(r.readable, r.problem.c_str());
    QCOMPARE(r.folder, rec.folder());
    QCOMPARE(r.name, std::string("test MLP"));
    QCOMPARE(r.note, std::string("first try"));
    QCOMPARE(r.sweepId, std::string("sweep-1"));
    QCOMPARE(r.sweepTrial, 3);
    QCOMPARE(r.status, RunStatus::Finished);
    QCOMPARE(r.message, res.message);
    QCOMPARE(r.modelName, spec.name);
    QCOMPARE(r.modelFile, std::string("/tmp/some-model.json"));
    QVERIFY(r.spec() == parseModelSpec(serializeModelSpec(spec)));  // the model file as trained (read back)
    QCOMPARE(r.setting("optimizer.learning_rate"), std::string("0.002"));
    QCOMPARE(r.setting("batch_size"), std::string("64"));
    QCOMPARE(r.setting("layer2.units"), std::string("64"));
    QVERIFY(r.settings == flattenSettings(spec));  // in the model's order, not the JSON reader's A-Z
    QCOMPARE(r.dataset, m_data.name);
    QCOMPARE(r.trainSamples, trainer.trainSamples());
    QCOMPARE(r.validationSamples, trainer.validationSamples());
    QCOMPARE(r.testSamples, m_data.testCount());
    QCOMPARE(r.threads, trainer.threads());
    QVERIFY(!r.cpu.empty());
    QVERIFY(r.cores >= 1);
    QCOMPARE(r.version, std::string(layerlabVersion()));
    QVERIFY(r.startedAt > 1700000000);
    QCOMPARE(r.startTime.size(), std::string("2026-11-30T10:15:00+0100").size());
    QCOMPARE(r.colour.size(), std::size_t(7));
    QCOMPARE(r.epochsPlanned, 2);
    QCOMPARE(r.epochsDone, 2);
    QCOMPARE(r.bestValAccuracy, std::max(res.epochs[0].valAccuracy, res.epochs[1].valAccuracy));
    QCOMPARE(r.finalValAccuracy, res.epochs[1].valAccuracy);
    QCOMPARE(r.finalValLoss, res.epochs[1].valLoss);
    QCOMPARE(r.testAccuracy, res.testAccuracy);
    QCOMPARE(r.testLoss, res.testLoss);
    QCOMPARE(r.seconds, res.totalSeconds);
    QCOMPARE(r.bestEpoch, res.bestEpoch);
    QVERIFY(res.bestEpoch >= 1);
    QCOMPARE(r.monitor, std::string("val_loss"));  // the default monitor, with a validation set
    QCOMPARE(r.bestMonitorValue, res.epochs[std::size_t(res.bestEpoch - 1)].valLoss);
    QCOMPARE(r.bestEpochValAccuracy, res.epochs[std::size_t(res.bestEpoch - 1)].valAccuracy);

    const RunCurves c = loadRunCurves(r.folder);
    QCOMPARE(c.epochs.size(), std::size_t(2));
    QCOMPARE(int(c.batches.size()), 2 * res.batchesPerEpoch);
    QCOMPARE(c.epochs[1].metrics.valAccuracy, res.epochs[1].valAccuracy);
    QCOMPARE(c.epochs[0].metrics.trainLoss, res.epochs[0].trainLoss);
    QCOMPARE(c.epochs[1].samplesSeen, 2 * (long long)trainer.trainSamples());
    QCOMPARE(c.batches.back().samplesSeen, 2 * (long long)trainer.trainSamples());
    QCOMPARE(c.batches[res.batchesPerEpoch].metrics.epoch, 2);
    QCOMPARE(c.batches[res.batchesPerEpoch].metrics.batch, 1);
    QVERIFY(c.batches.back().elapsed > c.batches.front().elapsed);

    const Checkpoint final = loadCheckpoint(r.folder + "/final.llckpt");
    QVERIFY(final.params == trainer.currentParams());
    QVERIFY(final.spec == parseModelSpec(serializeModelSpec(spec)));
    const Checkpoint best = loadCheckpoint(r.folder + "/best.llckpt");
    QCOMPARE(best.params.size(), final.params.size());
    if (res.bestEpoch == 2) QVERIFY(best.params == final.params);
}

// The best epoch (best.llckpt) is the monitor's, not the one with the highest validation accuracy: run.json
// says which monitor chose it, its value then, and keeps the highest accuracy apart.
void TestRunRecord::bestEpochFollowsTheMonitor() {
    for (const bool byAccuracy : {false, true}) {
        ModelSpec spec = test::subsetMlp(3);
        if (byAccuracy) spec.training.earlyStopping.monitor = Monitor::ValAccuracy;
        RunRecordOptions o;
        o.runsDir = dir(byAccuracy ? "runs-monitor-acc" : "runs-monitor-loss");
        o.validationSamples = 100;
        RunRecorder rec(spec, o);
        QCOMPARE(RunStore::load(rec.folder()).monitor, std::string(byAccuracy ? "val_accuracy" : "val_loss"));
        // Epoch 2 has the lowest validation loss, epoch 3 the highest validation accuracy.
        const double loss[] = {0.30, 0.25, 0.28}, acc[] = {0.90, 0.91, 0.93};
        for (int i = 0; i < 3; ++i) {
            EpochMetrics e;
            e.epoch = i + 1;
            e.trainLoss = 0.2;
            e.trainAccuracy = 0.95;
            e.valLoss = loss[i];
            e.valAccuracy = acc[i];
            e.best = byAccuracy ? true : i < 2;  // as the trainer marks them
            rec.onEpochEnd(e);
        }
        const RunInfo r = RunStore::load(rec.folder());
        QCOMPARE(r.bestValAccuracy, 0.93);
        QCOMPARE(r.bestEpoch, byAccuracy ? 3 : 2);
        QCOMPARE(r.monitor, std::string(byAccuracy ? "val_accuracy" : "val_loss"));
        QCOMPARE(r.bestMonitorValue, byAccuracy ? 0.93 : 0.25);
        QCOMPARE(r.bestEpochValAccuracy, byAccuracy ? 0.93 : 0.91);
        QCOMPARE(monitorLabel(r.monitor),
                 std::string(byAccuracy ? "validation accuracy" : "validation loss"));
    }
    // Without a validation set the trainer monitors the training loss.
    RunRecordOptions o;
    o.runsDir = dir("runs-monitor-train");
    RunRecorder rec(test::subsetMlp(1), o);
    EpochMetrics e;
    e.epoch = 1;
    e.trainLoss = 0.4;
    e.trainAccuracy = 0.8;
    e.valLoss = e.valAccuracy = std::numeric_limits<double>::quiet_NaN();
    e.best = true;
    rec.onEpochEnd(e);
    const RunInfo r = RunStore::load(rec.folder());
    QCOMPARE(r.monitor, std::string("train_loss"));
    QCOMPARE(r.bestMonitorValue, 0.4);
    QVERIFY(std::isnan(r.bestEpochValAccuracy));
}

void TestRunRecord::runKilledMidEpochListsItsFinishedEpochs() {
    ModelSpec spec = test::subsetMlp(3);
    RunRecordOptions o;
    o.runsDir = dir("runs-killed");
    o.trainSamples = 128;
    RunRecorder* rec = new RunRecorder(spec, o);
    const std::string folder = rec->folder();
    for (int batch = 1; batch <= 2; ++batch) rec->onBatchEnd({1, batch, 2, 0.5, 0.8, 1000, 0.002});
    EpochMetrics e;
    e.epoch = 1;
    e.valAccuracy = 0.75;
    e.valLoss = 0.6;
    e.seconds = 0.1;
    rec->onEpochEnd(e);
    rec->onBatchEnd({2, 1, 2, 0.4, 0.9, 1000, 0.002});  // epoch 2 under way: not on disk yet
    delete rec;                                         // the process dies: no onFinished
    appendText(folder + "/epochs.csv", "2,0.41,0.8");   // a row cut by the crash
    appendText(folder + "/batches.csv", "2,1,2,0.");

    const std::vector<RunInfo> runs = RunStore(o.runsDir).list();
    QCOMPARE(runs.size(), std::size_t(1));
    QVERIFY(runs[0].readable);
    QCOMPARE(runs[0].status, RunStatus::Running);
    QCOMPARE(runs[0].epochsDone, 1);
    QCOMPARE(runs[0].finalValAccuracy, 0.75);
    const RunCurves c = loadRunCurves(folder);
    QCOMPARE(c.epochs.size(), std::size_t(1));
    QCOMPARE(c.epochs[0].metrics.valAccuracy, 0.75);
    QCOMPARE(c.batches.size(), std::size_t(2));
}

void TestRunRecord::corruptAndForeignEntriesAreUnreadable() {
    const std::string runs = dir("runs-mixed");
    RunRecordOptions o;
    o.runsDir = runs;
    const std::string good = RunRecorder(test::subsetMlp(1), o).folder();
    fs::create_directories(runs + "/broken");
    appendText(runs + "/broken/run.json", "{\"format\": \"layerlab-run\", \"status\": ");
    fs::create_directories(runs + "/foreign");
    appendText(runs + "/foreign/run.json", "{\"format\": \"tensorboard\"}");
    fs::create_directories(runs + "/empty");
    appendText(runs + "/notes.txt", "my notes");
    appendText(runs + "/.hidden", "x");
    appendText(runs + "/abc.sweep.json", "{}");

    const std::vector<RunInfo> list = RunStore(runs).list();
    QCOMPARE(list.size(), std::size_t(5));  // good, broken, foreign, empty, notes.txt
    std::map<std::string, RunInfo> byId;
    for (const RunInfo& r : list) byId[r.id] = r;
    QVERIFY(byId[fs::path(good).filename().string()].readable);
    QVERIFY(!byId["broken"].readable);
    QVERIFY2(byId["broken"].problem.find("not valid JSON") != std::string::npos,
             byId["broken"].problem.c_str());
    QVERIFY(!byId["foreign"].readable);
    QVERIFY(byId["foreign"].problem.find("not a LayerLab run") != std::string::npos);
    QVERIFY(!byId["empty"].readable);
    QVERIFY(byId["empty"].problem.find("run.json cannot be read") != std::string::npos);
    QVERIFY(!byId["notes.txt"].readable);
    QVERIFY(byId["notes.txt"].problem.find("not a run folder") != std::string::npos);
    QCOMPARE(byId["notes.txt"].name, std::string("notes.txt"));
}

void TestRunRecord::renameNoteColourAndDelete() {
    RunRecordOptions o;
    o.runsDir = dir("runs-edit");
    std::string folder;
    {
        RunRecorder rec(test::subsetMlp(1), o);
        folder = rec.folder();
        // While it runs: the edit goes to user.json, and the writer keeps it in its next rewrite.
        QCOMPARE(RunStore::rename(folder, "while running"), std::string());
        rec.onFinished(TrainResult{});
    }
    QCOMPARE(RunStore::load(folder).name, std::string("while running"));
    QVERIFY(readText(folder + "/run.json").find("\"while running\"") != std::string::npos);
    QCOMPARE(RunStore::rename(folder, "lr 0.1"), std::string());
    QCOMPARE(RunStore::setNote(folder, "diverged, try lower"), std::string());
    QCOMPARE(RunStore::setColour(folder, "#123456"), std::string());
    const RunInfo r = RunStore::load(folder);
    QCOMPARE(r.name, std::string("lr 0.1"));
    QCOMPARE(r.note, std::string("diverged, try lower"));
    QCOMPARE(r.colour, std::string("#123456"));
    // A finished run has no writer: run.json itself holds the edit (for pandas).
    QVERIFY(readText(folder + "/run.json").find("\"diverged, try lower\"") != std::string::npos);
    QCOMPARE(RunStore::remove(folder), std::string());
    QVERIFY(!fs::exists(folder));
    QVERIFY(RunStore(o.runsDir).list().empty());
    QVERIFY(!RunStore::rename(folder, "x").empty());
}

void TestRunRecord::concurrentRecordersNeverShareAFolder() {
    RunRecordOptions o;
    o.runsDir = dir("runs-race");
    const ModelSpec spec = test::subsetMlp(1);
    std::vector<std::string> folders(60);
    auto make = [&](int from, int to) {
        for (int i = from; i < to; ++i) folders[i] = RunRecorder(spec, o).folder();
    };
    std::thread a(make, 0, 30), b(make, 30, 60);
    a.join();
    b.join();
    QCOMPARE(std::set<std::string>(folders.begin(), folders.end()).size(), std::size_t(60));
    const std::vector<RunInfo> list = RunStore(o.runsDir).list();
    QCOMPARE(list.size(), std::size_t(60));
    for (const RunInfo& r : list) QVERIFY(r.readable);
}

void TestRunRecord::settingsAreFlattenedFromTheTables() {
    ModelSpec spec = test::subsetMlp(1);
    spec.training.optimizer.type = OptimizerType::SGD;
    const std::vector<RunSetting> s = flattenSettings(spec);
    auto value = [&](const std::string& k) {
        for (const RunSetting& x : s)
            if (x.first == k) return x.second;
        return std::string("(absent)");
    };
    QCOMPARE(value("optimizer.type"), std::string("sgd"));
    QCOMPARE(value("optimizer.momentum"), std::string("0.9"));
    QCOMPARE(value("optimizer.beta1"), std::string("(absent)"));  // Adam's, not in use with SGD
    QCOMPARE(value("layer1.type"), std::string("Flatten"));
    QCOMPARE(value("layer3.units"), std::string("10"));
    QCOMPARE(value("layer3.activation"), std::string("softmax"));
    QCOMPARE(settingLabel("optimizer.learning_rate"), std::string("Learning rate"));
    QCOMPARE(settingLabel("layer3.units"), std::string("Layer 3 units"));
}

void TestRunRecord::differingSettingsAreExactlyThoseThatDiffer() {
    auto info = [](const ModelSpec& spec) {
        RunInfo r;
        r.settings = flattenSettings(spec);
        return r;
    };
    ModelSpec a = test::subsetMlp(1), b = a, c = a;
    b.training.optimizer.learningRate = 0.1f;
    c.training.batchSize = 32;
    c.layers[1].units = 128;
    QCOMPARE(differingSettings({info(a), info(a)}), std::vector<std::string>{});
    QCOMPARE(differingSettings({info(a), info(b)}), std::vector<std::string>{"optimizer.learning_rate"});
    QCOMPARE(differingSettings({info(a), info(b), info(c)}),
             (std::vector<std::string>{"optimizer.learning_rate", "batch_size", "layer2.units"}));
    // SGD switches momentum and nesterov on and Adam's betas and epsilon off: each counts as a difference.
    ModelSpec sgd = a;
    sgd.training.optimizer.type = OptimizerType::SGD;
    QCOMPARE(differingSettings({info(a), info(sgd)}),
             (std::vector<std::string>{"optimizer.type", "optimizer.momentum", "optimizer.nesterov",
                                       "optimizer.beta1", "optimizer.beta2", "optimizer.epsilon"}));
    // A key only the second run has comes after the key before it there: the seed CNN's Conv2D fields right
    // after "layer1.type", before the MLP's layer 2, not after the last layer.
    const std::vector<std::string> mixed = differingSettings({info(a), info(test::subsetPreset("seed-cnn"))});
    const auto at = [&](const char* k) { return std::find(mixed.begin(), mixed.end(), k) - mixed.begin(); };
    QCOMPARE(at("layer1.filters"), at("layer1.type") + 1);
    QVERIFY(at("layer1.activation") < at("layer2.type"));
    RunInfo broken;
    broken.readable = false;
    QCOMPARE(differingSettings({info(a), broken, info(b)}),
             std::vector<std::string>{"optimizer.learning_rate"});
}

void TestRunRecord::defaultRunsFolder() {
    const QByteArray saved = qgetenv("LAYERLAB_RUNS_DIR");  // CTest points it at the build tree
    qunsetenv("LAYERLAB_RUNS_DIR");
    const std::string model = dir("projects/mnist/model.json");
    QCOMPARE(defaultRunsDir(model, "/data"), (fs::path(dir("projects/mnist")) / "runs").string());
    QCOMPARE(defaultRunsDir("", "/data"), std::string("/data/runs"));  // an unsaved model
    // A bundled preset (or lesson) is not the user's folder: its runs go to the user's data folder, not
    // into the source tree or an installed, read-only share/layerlab/presets.
    QCOMPARE(defaultRunsDir(resourcesDir() + "/presets/seed-cnn.json", "/data"), std::string("/data/runs"));
    QCOMPARE(defaultRunsDir(resourcesDir() + "/lessons/dropout.json", "/data"), std::string("/data/runs"));
    qputenv("LAYERLAB_RUNS_DIR", "/elsewhere");
    QCOMPARE(defaultRunsDir(model, "/data"), std::string("/elsewhere"));
    if (saved.isNull())
        qunsetenv("LAYERLAB_RUNS_DIR");
    else
        qputenv("LAYERLAB_RUNS_DIR", saved);
}

void TestRunRecord::listingTwoThousandRuns() {
    // 2,000 copies of a real run's run.json (the full model inside each), then one listing, timed.
    RunRecordOptions o;
    o.runsDir = dir("runs-2000");
    ModelSpec spec = test::subsetMlp(1);
    const std::string first = RunRecorder(spec, o).folder();
    const std::string json = readText(first + "/run.json");
    for (int i = 1; i < 2000; ++i) {
        const std::string f = o.runsDir + "/copy-" + std::to_string(i);
        fs::create_directories(f);
        appendText(f + "/run.json", json);
    }
    QElapsedTimer t;
    t.start();
    const std::vector<RunInfo> list = RunStore(o.runsDir).list();
    const qint64 ms = t.elapsed();
    QCOMPARE(list.size(), std::size_t(2000));
    for (const RunInfo& r : list) QVERIFY(r.readable);
    qInfo("listing 2,000 runs took %lld ms", (long long)ms);
}

QTEST_GUILESS_MAIN(TestRunRecord)
#include "tst_run_record.moc"
