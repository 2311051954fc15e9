// widgets/runs: the Runs tab on real recorded runs (two short runs on the bundled subset that differ only in
// the learning rate, and a corrupt folder): listing with the unreadable one, ticked runs overlaid on the
// compare charts (names, colours, the recorded points, x in samples), the compare table with exactly the
// differing settings, sort, filter, rename, note, delete with confirmation, CSV export; and the studio
// recording each run it trains into the runs folder, listed live.
#include <qcustomplot.h>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <fstream>

#include "core/dataset.h"
#include "core/run_record.h"
#include "core/sweep.h"
#include "core/trainer.h"
#include "tests/support/model_fixtures.h"
#include "tests/support/test_data.h"
#include "widgets/document/model_document.h"
#include "widgets/document/model_file_controller.h"
#include "widgets/runs/run_compare_charts.h"
#include "widgets/runs/run_compare_table.h"
#include "widgets/runs/run_list_model.h"
#include "widgets/runs/runs_panel.h"
#include "widgets/runs/sweep_results.h"
#include "widgets/session/training_controller.h"
#include "widgets/studio/main_window.h"
#include "widgets/training/training_charts.h"

using namespace layerlab;
namespace fs = std::filesystem;

class TestRunsPanel : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init() { QSettings().clear(); }  // each test starts with nothing ticked
    void listsRunsAndUnreadableEntries();
    void statusCountsRunsInPlainPlurals();
    void twoRecordedRunsOverlay();
    void compareTableListsExactlyTheDifferingSettings();
    void sortFilterRenameNoteDelete();
    void tickedRunsStayTickedInTheNextSession();
    void exportsCsv();
    void sweepTabSelectsTheClickedTrialsRun();
    void studioRecordsEachRunItTrains();

private:
    std::string record(float lr, const std::string& name, const QString& runsDir = {},
                       const std::string& sweepId = {}, int sweepTrial = -1, int epochs = 3);
    QTemporaryDir m_tmp;
    QString m_runs;
    Dataset m_data;
    std::string m_a, m_b;
};

std::string TestRunsPanel::record(float lr, const std::string& name, const QString& runsDir,
                                  const std::string& sweepId, int sweepTrial, int epochs) {
    ModelSpec spec = test::subsetMlp(epochs);
    spec.training.optimizer.learningRate = lr;
    spec.training.threads = 1;
    Trainer trainer(spec, m_data);
    RunRecordOptions o;
    o.runsDir = (runsDir.isEmpty() ? m_runs : runsDir).toStdString();
    o.name = name;
    o.sweepId = sweepId;
    o.sweepTrial = sweepTrial;
    o.trainSamples = trainer.trainSamples();
    o.validationSamples = trainer.validationSamples();
    o.params = [&trainer] { return trainer.currentParams(); };
    RunRecorder rec(spec, o);
    trainer.setObserver(&rec);
    trainer.run();
    return rec.folder();
}

void TestRunsPanel::initTestCase() {
    QCoreApplication::setOrganizationName(QStringLiteral("LayerLabTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_runs_panel"));
    QSettings().clear();
    QVERIFY(m_tmp.isValid());
    m_runs = m_tmp.filePath(QStringLiteral("runs"));
    m_data = loadDataset(test::subsetPath());
    m_a = record(0.002f, "slow lr");
    m_b = record(0.02f, "fast lr");
    fs::create_directories(m_runs.toStdString() + "/corrupt");
    std::ofstream(m_runs.toStdString() + "/corrupt/run.json") << "{\"format\": ";
}

void TestRunsPanel::listsRunsAndUnreadableEntries() {
    RunsPanel panel;
    panel.setFolder(m_runs);
    panel.show();
    QCOMPARE(panel.model()->rowCount(), 3);
    int unreadable = 0;
    for (int r = 0; r < 3; ++r)
        if (!panel.model()->run(r).readable) {
            ++unreadable;
            QCOMPARE(panel.model()->index(r, RunListModel::Status).data().toString(),
                     QStringLiteral("unreadable"));
            QVERIFY(
                panel.model()->index(r, RunListModel::Settings).data().toString().contains("not valid JSON"));
            QVERIFY(!(panel.model()->flags(panel.model()->index(r, RunListModel::Name)) &
                      Qt::ItemIsUserCheckable));
        }
    QCOMPARE(unreadable, 1);
    const int a = panel.model()->rowOf(QString::fromStdString(m_a));
    QCOMPARE(panel.model()->index(a, RunListModel::Name).data().toString(), QStringLiteral("slow lr"));
    QCOMPARE(panel.model()->index(a, RunListModel::Epochs).data().toString(), QStringLiteral("3/3"));
    QCOMPARE(panel.model()->index(a, RunListModel::Status).data().toString(), QStringLiteral("finished"));
    QVERIFY(panel.model()->index(a, RunListModel::Settings).data().toString().contains("lr 0.002"));
    // On a narrow panel the settings column keeps room for its text (a stretched one shrank to "ttin").
    panel.resize(500, 400);
    QCoreApplication::processEvents();
    const QFontMetrics fm = panel.view()->fontMetrics();
    QVERIFY(panel.view()->columnWidth(RunListModel::Settings) >=
            fm.horizontalAdvance(panel.model()->index(a, RunListModel::Settings).data().toString()));
    const RunInfo info = RunStore::load(m_a);
    QCOMPARE(panel.model()->index(a, RunListModel::MaxVal).data().toString(),
             QStringLiteral("%1 %").arg(100 * info.bestValAccuracy, 0, 'f', 2));
    // The best epoch is the monitor's (validation loss by default), named with its value then: the epoch
    // best.llckpt holds, which need not be the one with the highest validation accuracy.
    const RunCurves curves = loadRunCurves(m_a);
    int lowestLoss = 1;
    for (const RunEpoch& e : curves.epochs)
        if (e.metrics.valLoss < curves.epochs[std::size_t(lowestLoss - 1)].metrics.valLoss)
            lowestLoss = e.metrics.epoch;
    QCOMPARE(info.bestEpoch, lowestLoss);
    QCOMPARE(panel.model()->index(a, RunListModel::BestEpoch).data().toString(),
             QStringLiteral("%1 · val loss %2")
                 .arg(lowestLoss)
                 .arg(curves.epochs[std::size_t(lowestLoss - 1)].metrics.valLoss, 0, 'f', 4));
    const QString tip = panel.model()->index(a, RunListModel::BestEpoch).data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(QStringLiteral("best by validation loss, the run's monitor")), qPrintable(tip));
    QVERIFY2(tip.contains(
                 QStringLiteral("the highest of any epoch: %1 %").arg(100 * info.bestValAccuracy, 0, 'f', 2)),
             qPrintable(tip));
    QCOMPARE(panel.model()->headerData(RunListModel::MaxVal, Qt::Horizontal).toString(),
             QStringLiteral("Max val acc"));
}

void TestRunsPanel::statusCountsRunsInPlainPlurals() {
    RunsPanel panel;
    QSignalSpy messages(&panel, &RunsPanel::message);
    auto listed = [&](const QString& dir) {
        panel.setFolder(dir);
        panel.reload();
        return messages.isEmpty() ? QString() : messages.last().at(0).toString();
    };
    QVERIFY2(listed(m_runs).startsWith("3 runs in " + QDir::toNativeSeparators(m_runs) + " (listed in "),
             qPrintable(listed(m_runs)));
    const QString empty = m_tmp.filePath(QStringLiteral("no-runs"));
    QVERIFY(QDir().mkpath(empty));
    QVERIFY2(listed(empty).startsWith("0 runs in "), qPrintable(listed(empty)));
    const QString one = m_tmp.filePath(QStringLiteral("one-run"));
    QVERIFY(QDir().mkpath(one + "/only"));
    QVERIFY2(listed(one).startsWith("1 run in "), qPrintable(listed(one)));
}

void TestRunsPanel::twoRecordedRunsOverlay() {
    RunsPanel panel;
    panel.setFolder(m_runs);
    panel.show();
    // Nothing ticked: accuracy runs 0 to 100 % and the epochs 1 to 10 (not QCustomPlot's default 0 to 5).
    QCOMPARE(panel.charts()->accuracyPlot()->yAxis->range(), QCPRange(0, 100));
    QCOMPARE(panel.charts()->accuracyPlot()->xAxis->range(), QCPRange(0.5, 10.5));
    QCOMPARE(panel.charts()->lossPlot()->yAxis->range(), QCPRange(0, 2.5));
    panel.model()->setChecked(QString::fromStdString(m_a), true);
    panel.model()->setChecked(QString::fromStdString(m_b), true);
    RunCompareCharts* charts = panel.charts();
    QStringList names = charts->legendNames();
    names.sort();
    QCOMPARE(names, (QStringList{"fast lr", "slow lr"}));
    QCOMPARE(charts->lossPlot()->graphCount(), 4);  // per run: training (dashed) and validation
    QCOMPARE(charts->accuracyPlot()->graphCount(), 4);
    // Each run's drawn validation points are its recorded epochs, in its own colour.
    const std::vector<RunInfo> ticked = panel.model()->checkedRuns();
    for (int i = 0; i < 2; ++i) {
        const RunCurves c = loadRunCurves(ticked[std::size_t(i)].folder);
        const QVector<QPointF> pts = charts->validationAccuracy(i);
        QCOMPARE(pts.size(), 3);
        for (int e = 0; e < 3; ++e) {
            QCOMPARE(pts[e].x(), double(e + 1));
            QCOMPARE(pts[e].y(), 100 * c.epochs[std::size_t(e)].metrics.valAccuracy);
        }
        QCPGraph* val = charts->accuracyPlot()->graph(2 * i + 1);
        QCOMPARE(val->pen().color(), QColor(QString::fromStdString(ticked[std::size_t(i)].colour)));
        QCOMPARE(val->dataCount(), 3);
    }
    charts->setXAxis(RunCompareCharts::XAxis::Samples);
    const RunInfo a = RunStore::load(ticked[0].folder);
    QCOMPARE(charts->validationAccuracy(0).front().x(), double(a.trainSamples));
    QCOMPARE(charts->validationAccuracy(0).back().x(), 3.0 * a.trainSamples);
    charts->setXAxis(RunCompareCharts::XAxis::Seconds);
    QVERIFY(charts->validationAccuracy(0).back().x() > charts->validationAccuracy(0).front().x());
    // The live run goes on top: drawn last.
    charts->setLiveRun(QString::fromStdString(ticked[0].folder));
    QCOMPARE(charts->legendNames().back(), QString::fromStdString(ticked[0].name) + " (live)");
    QCOMPARE(charts->renderImage().isNull(), false);
}

void TestRunsPanel::compareTableListsExactlyTheDifferingSettings() {
    RunsPanel panel;
    panel.setFolder(m_runs);
    panel.show();
    panel.model()->setChecked(QString::fromStdString(m_a), true);
    QCOMPARE(panel.compareTable()->differing(), std::vector<std::string>{});  // one run: nothing to compare
    panel.model()->setChecked(QString::fromStdString(m_b), true);
    RunCompareTable* t = panel.compareTable();
    QCOMPARE(t->differing(), std::vector<std::string>{"optimizer.learning_rate"});
    QCOMPARE(t->verticalHeaderItem(0)->text(), QStringLiteral("Learning rate"));
    QStringList rates{t->item(0, 0)->text(), t->item(0, 1)->text()};
    rates.sort();
    QCOMPARE(rates, (QStringList{"0.002", "0.02"}));
    QCOMPARE(t->rowCount(), 1 + 6);  // the setting, then status, max val, test, best epoch, epochs, time
    QCOMPARE(t->verticalHeaderItem(2)->text(), QStringLiteral("Max val accuracy"));
    QCOMPARE(t->verticalHeaderItem(4)->text(), QStringLiteral("Best epoch"));
    QVERIFY(t->item(4, 0)->text().contains(QStringLiteral(" · val loss ")));
    QCOMPARE(t->verticalHeaderItem(1)->text(), QStringLiteral("Status"));
    QCOMPARE(t->item(1, 0)->text(), QStringLiteral("finished"));
}

void TestRunsPanel::sortFilterRenameNoteDelete() {
    const QString dir = m_tmp.filePath(QStringLiteral("runs-edit"));
    fs::create_directories(dir.toStdString());
    for (const char* f : {"a", "b"}) fs::copy(m_a, dir.toStdString() + "/" + f, fs::copy_options::recursive);
    RunStore::rename(dir.toStdString() + "/b", "other");
    RunsPanel panel;
    panel.setInteractive(false);
    panel.setFolder(dir);
    panel.show();
    QCOMPARE(panel.proxy()->rowCount(), 2);
    panel.proxy()->sort(RunListModel::Name, Qt::AscendingOrder);
    QCOMPARE(panel.proxy()->index(0, RunListModel::Name).data().toString(), QStringLiteral("other"));
    panel.proxy()->sort(RunListModel::Name, Qt::DescendingOrder);
    QCOMPARE(panel.proxy()->index(0, RunListModel::Name).data().toString(), QStringLiteral("slow lr"));
    panel.proxy()->setFilterFixedString(QStringLiteral("OTHER"));
    QCOMPARE(panel.proxy()->rowCount(), 1);
    panel.proxy()->setFilterFixedString(QString());

    // Rename by editing the name cell: the run's files say so.
    const int a = panel.model()->rowOf(dir + "/a");
    QVERIFY(panel.model()->setData(panel.model()->index(a, RunListModel::Name), QStringLiteral("renamed")));
    QCOMPARE(RunStore::load(dir.toStdString() + "/a").name, std::string("renamed"));
    QCOMPARE(panel.model()->setNote(a, QStringLiteral("a note")), QString());
    QCOMPARE(RunStore::load(dir.toStdString() + "/a").note, std::string("a note"));

    // Delete asks first: "no" keeps the run.
    panel.view()->selectRow(panel.proxy()->mapFromSource(panel.model()->index(a, 0)).row());
    panel.setQuietConfirm(false);
    panel.deleteSelected();
    QCOMPARE(panel.model()->rowCount(), 2);
    QVERIFY(fs::exists(dir.toStdString() + "/a"));
    panel.setQuietConfirm(true);
    panel.deleteSelected();
    QCOMPARE(panel.model()->rowCount(), 1);
    QVERIFY(!fs::exists(dir.toStdString() + "/a"));
    QCOMPARE(panel.model()->run(0).name, std::string("other"));
}

void TestRunsPanel::tickedRunsStayTickedInTheNextSession() {
    {
        RunsPanel panel;
        panel.setFolder(m_runs);
        panel.show();
        panel.model()->setChecked(QString::fromStdString(m_b), true);
    }
    RunsPanel again;
    again.setFolder(m_runs);
    again.show();
    QCOMPARE(again.model()->checkedFolders(), QStringList{QString::fromStdString(m_b)});
    QCOMPARE(again.charts()->legendNames(), QStringList{"fast lr"});
    // A run the panel ticked itself (the live one) is not remembered.
    again.setLiveRun(QString::fromStdString(m_a));
    QCOMPARE(again.model()->checkedFolders().size(), 2);
    QCOMPARE(QSettings().value("runs/checked").toStringList(), QStringList{QString::fromStdString(m_b)});
}

void TestRunsPanel::exportsCsv() {
    RunsPanel panel;
    panel.setFolder(m_runs);
    panel.show();
    panel.model()->setChecked(QString::fromStdString(m_a), true);
    panel.model()->setChecked(QString::fromStdString(m_b), true);
    const QString table = m_tmp.filePath(QStringLiteral("compare.csv"));
    QCOMPARE(panel.compareTable()->exportCsv(table), QString());
    QFile f(table);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(f.readAll()).split('\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 1 + 7);
    QVERIFY(lines[1].startsWith(QStringLiteral("optimizer.learning_rate,")));
    const QString curves = m_tmp.filePath(QStringLiteral("curves.csv"));
    QCOMPARE(panel.charts()->exportCsv(curves), QString());
    QFile g(curves);
    QVERIFY(g.open(QIODevice::ReadOnly));
    QCOMPARE(QString::fromUtf8(g.readAll()).count('\n'), 1 + 2 * 3);  // header, 3 epochs of each run
    QVERIFY(!panel.charts()->exportCsv(m_tmp.path()).isEmpty());      // a folder is refused
}

// The Sweep tab shows the folder's sweep; a trial clicked there is selected (and ticked) in the runs table,
// even when the filter hid it; a sweep's run selected in the table is selected on the Sweep tab.
void TestRunsPanel::sweepTabSelectsTheClickedTrialsRun() {
    const QString dir = m_tmp.filePath(QStringLiteral("runs-sweep"));
    const std::string a = record(0.004f, "trial lr=0.004", dir, "sweep-x", 0, 1);
    const std::string b = record(0.001f, "trial lr=0.001", dir, "sweep-x", 1, 1);
    SweepState state;
    state.id = "sweep-x";
    state.metric = "val_accuracy";
    state.created = "2026-11-30T10:15:00";
    const ModelSpec spec = test::subsetMlp(1);
    state.axes = {parseSweepAxis("lr=0.004,0.001,0.0005", spec)};
    const std::string runs[] = {a, b};
    for (const SweepTrial& t : planSweep(state.axes, 0, 1)) {
        SweepTrialState ts;
        ts.trial = t;
        const std::size_t k = state.trials.size();
        if (k < 2) {
            const RunInfo info = RunStore::load(runs[k]);
            ts.run = info.id;
            ts.done = true;
            ts.status = "finished";
            ts.valAccuracy = info.bestValAccuracy;
            ts.testAccuracy = info.testAccuracy;
            ts.seconds = info.seconds;
        }
        state.trials.push_back(ts);
    }
    QCOMPARE(saveSweepState(dir.toStdString(), state), std::string());

    RunsPanel panel;
    panel.setFolder(dir);
    panel.show();
    QCOMPARE(panel.sweeps().size(), std::size_t(1));
    SweepResults* results = panel.sweepResults();
    QCOMPARE(results->sweep().id, std::string("sweep-x"));
    QCOMPARE(results->table()->rowCount(), 3);
    QCOMPARE(panel.model()->checkedFolders(), QStringList());

    panel.proxy()->setFilterFixedString(QStringLiteral("no such run"));
    results->selectTrial(1);
    QCOMPARE(panel.proxy()->filterRegularExpression().pattern(), QString());  // the filter let it through
    QCOMPARE(panel.selectedRows().size(), 1);
    QCOMPARE(panel.model()->run(panel.selectedRows().front()).folder, b);
    QCOMPARE(panel.model()->checkedFolders(), QStringList{QString::fromStdString(b)});  // drawn
    QCOMPARE(panel.charts()->legendNames(), QStringList{"trial lr=0.001"});

    // Selecting the other trial's run in the table selects it on the Sweep tab.
    panel.view()->selectRow(
        panel.proxy()
            ->mapFromSource(panel.model()->index(panel.model()->rowOf(QString::fromStdString(a)), 0))
            .row());
    QCOMPARE(results->selectedTrial(), 0);

    // A trial not run yet has no run to select: said, nothing changes.
    QSignalSpy message(&panel, &RunsPanel::message);
    results->selectTrial(2);
    QCOMPARE(message.count(), 1);
    QVERIFY(message.front().front().toString().contains("Trial 3 has no run"));
    QCOMPARE(panel.model()->run(panel.selectedRows().front()).folder, a);
}

void TestRunsPanel::studioRecordsEachRunItTrains() {
    const QString dir = m_tmp.filePath(QStringLiteral("studio-runs"));
    qputenv("LAYERLAB_RUNS_DIR", dir.toUtf8());
    MainWindow w;
    w.fileController()->setInteractive(false);
    w.resize(1366, 768);
    w.show();
    w.document()->reset(test::subsetMlp(2));
    QCOMPARE(w.runsFolder(), dir);
    QTRY_VERIFY_WITH_TIMEOUT(w.isDatasetReady(), 120000);
    QSignalSpy finished(w.trainingController(), &TrainingController::finished);
    QSignalSpy recording(w.trainingController(), &TrainingController::recordingStarted);
    w.startTraining();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 120000);
    QCOMPARE(recording.count(), 1);
    const std::vector<RunInfo> runs = RunStore(dir.toStdString()).list();
    QCOMPARE(runs.size(), std::size_t(1));
    QCOMPARE(QString::fromStdString(runs[0].folder), recording.front().front().toString());
    QCOMPARE(runs[0].status, RunStatus::Finished);
    QCOMPARE(runs[0].epochsDone, 2);
    QVERIFY(runs[0].spec() == w.document()->spec());
    // The Runs tab lists it, ticked, with its final state.
    w.showView(QStringLiteral("runs"));
    RunsPanel* panel = w.runsPanel();
    QCOMPARE(panel->model()->rowCount(), 1);
    QCOMPARE(panel->model()->checkedFolders(), QStringList{QString::fromStdString(runs[0].folder)});
    QCOMPARE(panel->model()->index(0, RunListModel::Status).data().toString(), QStringLiteral("finished"));
    // Another recorded run, ticked, is drawn under the live run on the Training tab's charts (the run those
    // charts show is not drawn twice).
    fs::copy(m_a, dir.toStdString() + "/other", fs::copy_options::recursive);
    panel->reload();
    QCOMPARE(w.charts()->overlayCount(), 0);
    panel->model()->setChecked(dir + "/other", true);
    QCOMPARE(w.charts()->overlayCount(), 1);
    QCPGraph* overlay = w.charts()->accuracyOverlayGraphs().front();
    QCOMPARE(overlay->name(), QStringLiteral("slow lr"));
    QCOMPARE(overlay->dataCount(), 3);
    QCOMPARE(overlay->data()->at(2)->value, 100 * loadRunCurves(m_a).epochs[2].metrics.valAccuracy);
    QVERIFY(overlay->layer()->index() <
            w.charts()->accuracyPlot()->layer("main")->index());  // under the live run
    // Turned off, the next run is not recorded.
    panel->setRecordingEnabled(false);
    w.startTraining();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 120000);
    QCOMPARE(RunStore(dir.toStdString()).list().size(), std::size_t(2));
    panel->setRecordingEnabled(true);
    qunsetenv("LAYERLAB_RUNS_DIR");
}

QTEST_MAIN(TestRunsPanel)
#include "tst_runs_panel.moc"
