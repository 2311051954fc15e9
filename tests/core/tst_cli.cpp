// app/cli_main.cpp through the real executable: a full train -> save -> evaluate round trip on the bundled
// subset, the report JSON, and one clear line + exit code 2 for each kind of bad input, with no output file;
// the write rules (symlinks followed; folders, devices, FIFOs, open descriptors refused before training;
// a full disk after training is exit 1 with the old file intact; --report - prints on stdout), a checkpoint
// given as --model, and an exploding loss flagged as divergence; evaluate's report (confusion matrix,
// per-class metrics, misclassified images) against the labels; predict on MNIST test images saved as large,
// inverted, off-centre PNGs gives the classes of the originals; bad images get one error line each; image
// folders: --data tells them from IDX files, a model names its own folder, class names reach the reports.
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <QThread>

#include <random>

#include "core/checkpoint.h"
#include "core/dataset.h"
#include "core/dataset_identity.h"
#include "core/image_io.h"
#include "core/inference_model.h"
#include "core/model_spec.h"
#include "core/network.h"
#include "tests/support/build_paths.h"
#include "tests/support/image_folder_fixture.h"
#include "tests/support/test_data.h"

class TestCli : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void trainSaveEvaluateRoundTrip();
    void helpDescribesEveryOption();
    void badInputGivesOneClearLine_data();
    void badInputGivesOneClearLine();
    void benchPrintsJson();
    void benchScalingTrainsInTurn();
    void outputThatIsNotARegularFileIsRefused_data();
    void outputThatIsNotARegularFileIsRefused();
    void saveAndReportFollowSymlinks();
    void reportToStandardOutput();
    void readOnlyFolderIsRefusedBeforeTraining();
    void fullDiskAfterTrainingIsAFailure();
    void checkpointGivenAsModelContinuesFromItsWeights();
    void explodingLossIsFlaggedAsDivergence();
    void evaluateReportHasTheMetrics();
    void predictClassifiesTransformedMnistImages();
    void predictGivesOneErrorLinePerBadImage();
    void unknownKeysWarnOrRefuseWithStrict();
    void settingOptionsHaveTheFileLimits();
    void helpModelListsEveryField();
    void predictNamesFashionMnistClasses();
    void initFromLoadsMatchingLayersAndFrozenOnesStay();
    void imageFoldersThroughTheCli();

private:
    QString trainedCheckpoint();  // an MLP trained for a few epochs on the bundled subset (made once)
    QString writeCheckpoint(const QString& name, const QString& inputJson);  // untrained, any input shape
    QString m_trained;
    struct Run {
        int code;
        QString out, err;
    };
    Run run(const QStringList& args, int timeoutMs = 120000);
    Run runProgram(const QString& program, const QStringList& args, int timeoutMs = 120000);
    QString writeFile(const QString& name, const QByteArray& content);
    QTemporaryDir m_dir;
    QString m_subset, m_presets;
};

TestCli::Run TestCli::run(const QStringList& args, int timeoutMs) {
    return runProgram(LAYERLAB_CLI, args, timeoutMs);
}

TestCli::Run TestCli::runProgram(const QString& program, const QStringList& args, int timeoutMs) {
    QProcess p;
    p.start(program, args);
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        return {-1, {}, "timeout"};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2,
            QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
}

QString TestCli::writeFile(const QString& name, const QByteArray& content) {
    const QString path = m_dir.filePath(name);
    QFile f(path);
    f.open(QIODevice::WriteOnly | QIODevice::Truncate);
    f.write(content);
    return path;
}

void TestCli::initTestCase() {
    QVERIFY(m_dir.isValid());
    m_subset = QString::fromStdString(layerlab::test::subsetPath());
    m_presets = QString::fromStdString(layerlab::test::resourcesPath()) + "/presets";
    QVERIFY(QFile::exists(LAYERLAB_CLI));
}

void TestCli::trainSaveEvaluateRoundTrip() {
    const QString ckpt = m_dir.filePath("mlp.llckpt"), report = m_dir.filePath("report.json");
    const Run r = run({"train", "--model", m_presets + "/mlp.json", "--data", m_subset, "--epochs", "3",
                       "--batch", "64", "--threads", "2", "--save", ckpt, "--report", report});
    QVERIFY2(r.code == 0, qPrintable(r.err + r.out));
    QVERIFY(r.out.contains("epoch 1/3"));
    QVERIFY(r.out.contains("epoch 3/3"));
    QVERIFY(r.out.contains("samples/s"));
    QVERIFY(r.out.contains("test accuracy"));
    QFile f(report);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QJsonObject j = QJsonDocument::fromJson(f.readAll()).object();
    const QJsonArray epochs = j["epochs"].toArray();
    QCOMPARE(epochs.size(), 3);
    for (const char* key : {"epoch", "train_loss", "train_accuracy", "val_loss", "val_accuracy", "seconds",
                            "samples_per_second", "learning_rate"})
        QVERIFY2(epochs[1].toObject().contains(key), key);
    // The MLP preset starts at 0.001 and only ever lowers it (plateau schedule); the epoch lines show it.
    QCOMPARE(epochs[0].toObject()["learning_rate"].toDouble(), double(0.001f));
    QVERIFY(epochs[2].toObject()["learning_rate"].toDouble() <= double(0.001f));
    QVERIFY(r.out.contains("lr 0.001"));
    const double acc = j["test_accuracy"].toDouble();
    QVERIFY2(acc > 0.8 && acc <= 1.0, qPrintable(QString::number(acc)));  // a fraction, not a percentage
    QVERIFY(j["total_seconds"].toDouble() > 0);
    QVERIFY(j.contains("stopped_early"));
    QVERIFY(epochs[1].toObject()["train_loss"].toDouble() < epochs[0].toObject()["train_loss"].toDouble());

    const Run e = run({"evaluate", "--model", ckpt, "--data", m_subset});
    QVERIFY2(e.code == 0, qPrintable(e.err));
    // The checkpoint reproduces the trained model's test accuracy to the printed digit.
    QVERIFY2(e.out.contains(QString::number(100 * acc, 'f', 2) + "%"),
             qPrintable(e.out + " vs " + QString::number(acc)));
}

void TestCli::helpDescribesEveryOption() {
    const Run r = run({"train", "--help"});
    QCOMPARE(r.code, 0);
    for (const char* opt : {"--model", "--data", "--epochs", "--batch", "--lr", "--threads", "--seed",
                            "--save", "--report", "--init-from"})
        QVERIFY2(r.out.contains(opt), opt);
    QVERIFY(run({"--help"}).out.contains("evaluate"));
    QVERIFY(run({"bench", "--help"}).out.contains("--json"));
    QVERIFY(run({"evaluate", "--help"}).out.contains("CHECKPOINT"));
    const QString evaluate = run({"evaluate", "--help"}).out;
    for (const char* key : {"--report", "--threads", "--data", "confusion", "per_class", "misclassified"})
        QVERIFY2(evaluate.contains(key), key);
    const Run predict = run({"predict", "--help"});
    QCOMPARE(predict.code, 0);
    for (const char* opt : {"--model", "--json", "--ink", "--no-crop", "--no-scale", "--no-center", "--show"})
        QVERIFY2(predict.out.contains(opt), opt);
    QVERIFY(run({"--help"}).out.contains("predict"));
}

void TestCli::badInputGivesOneClearLine_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("expected");  // a substring of the error line
    const QString ok = m_presets + "/mlp.json";
    const QString bogusLayer = writeFile(
        "bogus-layer.json",
        R"({"format":"layerlab-model","version":1,"input":{"channels":1,"height":28,"width":28},"layers":[{"type":"Flatten"},{"type":"Dense2","units":10}]})");
    const QString impossible = writeFile(
        "impossible.json",
        R"({"format":"layerlab-model","version":1,"input":{"channels":1,"height":28,"width":28},"layers":[{"type":"Conv2D","filters":8,"kernel":3},{"type":"Dense","units":10,"activation":"softmax"}]})");
    const QString huge = writeFile(
        "huge.json",
        R"({"format":"layerlab-model","version":1,"input":{"channels":1,"height":28,"width":28},"layers":[{"type":"Conv2D","filters":100000,"kernel":3,"padding":"same"},{"type":"Flatten"},{"type":"Dense","units":10}]})");
    const QString notJson = writeFile("broken.json", "{\"format\": \"layerlab-model\", ");
    QDir().mkpath(m_dir.filePath("trunc"));
    layerlab::test::writeTinyDataset(m_dir.filePath("trunc").toStdString(), 20, 10);
    {
        QFile f(m_dir.filePath("trunc/t10k-images-idx3-ubyte"));
        f.open(QIODevice::ReadWrite);
        f.resize(f.size() - 100);
    }
    QDir().mkpath(m_dir.filePath("mismatch"));
    layerlab::test::writeTinyDataset(m_dir.filePath("mismatch").toStdString(), 20, 10);
    QFile::remove(m_dir.filePath("mismatch/train-labels-idx1-ubyte"));
    layerlab::test::writeBytes(m_dir.filePath("mismatch/train-labels-idx1-ubyte").toStdString(), [] {
        auto b = layerlab::test::idxHeader({19}, 0x08);
        b.resize(b.size() + 19, 1);
        return b;
    }());
    const QString corruptCkpt = writeFile("corrupt.llckpt", "LLCKPT01 this is not really a checkpoint");

    QTest::newRow("no model") << QStringList{"train"} << "--model is required";
    QTest::newRow("missing model file")
        << QStringList{"train", "--model", m_dir.filePath("nope.json")} << "nope.json";
    QTest::newRow("not json") << QStringList{"train", "--model", notJson} << "broken.json";
    QTest::newRow("unknown layer") << QStringList{"train", "--model", bogusLayer} << "Dense2";
    QTest::newRow("impossible shapes")
        << QStringList{"train", "--model", impossible} << "add Flatten before it";
    QTest::newRow("model too big for memory")
        << QStringList{"train", "--model", huge, "--data", m_subset} << "fewer filters/units";
    QTest::newRow("epochs 0") << QStringList{"train", "--model", ok, "--epochs", "0"} << "--epochs";
    QTest::newRow("batch 0") << QStringList{"train", "--model", ok, "--batch", "0"} << "--batch";
    QTest::newRow("lr nan") << QStringList{"train", "--model", ok, "--lr", "nan"} << "--lr";
    QTest::newRow("lr negative") << QStringList{"train", "--model", ok, "--lr", "-0.1"} << "--lr";
    QTest::newRow("unknown option") << QStringList{"train", "--model", ok, "--epoch", "3"} << "--epoch";
    QTest::newRow("truncated idx") << QStringList{"train", "--model", ok, "--data", m_dir.filePath("trunc")}
                                   << "t10k-images-idx3-ubyte";
    QTest::newRow("labels do not match images")
        << QStringList{"train", "--model", ok, "--data", m_dir.filePath("mismatch")}
        << "train-labels-idx1-ubyte";
    QTest::newRow("missing data dir")
        << QStringList{"train", "--model", ok, "--data", m_dir.filePath("nowhere")} << "nowhere";
    QTest::newRow("save into missing folder") << QStringList{"train",
                                                             "--model",
                                                             ok,
                                                             "--data",
                                                             m_subset,
                                                             "--save",
                                                             m_dir.filePath("no/such/dir/x.llckpt")}
                                              << "does not exist";
    QTest::newRow("corrupt checkpoint")
        << QStringList{"evaluate", "--model", corruptCkpt} << "corrupt.llckpt";
    QTest::newRow("spec as checkpoint") << QStringList{"evaluate", "--model", ok} << "mlp.json";
    QTest::newRow("unknown command") << QStringList{"fly"} << "unknown command";
    const QString small =
        writeCheckpoint("small-input.llckpt", R"({"channels": 1, "height": 20, "width": 20})");
    const QString colour = writeCheckpoint("colour.llckpt", R"({"channels": 3, "height": 28, "width": 28})");
    QTest::newRow("evaluate: checkpoint for another image size")
        << QStringList{"evaluate", "--model", small, "--data", m_subset} << "takes 1x20x20 inputs but MNIST";
    QTest::newRow("evaluate: report into a folder")
        << QStringList{"evaluate", "--model", small, "--data", m_subset, "--report", m_dir.path()}
        << "--report: cannot write";
    QTest::newRow("predict: no images")
        << QStringList{"predict", "--model", small} << "give one or more image files";
    QTest::newRow("predict: bad --ink")
        << QStringList{"predict", "--model", small, "--ink", "blue", "x.png"} << "--ink: must be auto, dark";
    QTest::newRow("predict: colour model")
        << QStringList{"predict", "--model", colour, "x.png"} << "predict prepares one grey image";
    QTest::newRow("predict: spec as checkpoint")
        << QStringList{"predict", "--model", ok, "x.png"} << "mlp.json";

    // Start from weights and frozen layers.
    const QString denseOnly =
        writeCheckpoint("dense-only.llckpt", R"({"channels": 1, "height": 28, "width": 28})");
    QTest::newRow("init-from: fits no layer")
        << QStringList{"train",       "--model", m_presets + "/seed-cnn.json", "--data", m_subset,
                       "--init-from", denseOnly}
        << "none of the checkpoint's 1 layer with weights fits this model (layer 1 (Conv2D): the "
           "checkpoint's 1st "
           "layer with weights is layer 2 (Dense), not a Conv2D)";
    QTest::newRow("init-from: a model file")
        << QStringList{"train", "--model", ok, "--data", m_subset, "--init-from", ok}
        << "--init-from: checkpoint \"" + ok + "\" is a model file";
    QTest::newRow("init-from: a checkpoint as --model too")
        << QStringList{"train", "--model", denseOnly, "--data", m_subset, "--init-from", denseOnly}
        << "brings its own weights; give a model file as --model";
    const QString allFrozen = writeFile(
        "all-frozen.json",
        R"({"format":"layerlab-model","version":1,"input":{"channels":1,"height":28,"width":28},"layers":[{"type":"Flatten"},{"type":"Dense","units":16,"trainable":false},{"type":"Dense","units":10,"activation":"softmax","trainable":false}]})");
    QTest::newRow("every layer frozen")
        << QStringList{"train", "--model", allFrozen, "--data", m_subset}
        << "every layer with weights is frozen (\"trainable\": false), so training would change nothing";
}

void TestCli::badInputGivesOneClearLine() {
    QFETCH(QStringList, args);
    QFETCH(QString, expected);
    const QString report = m_dir.filePath("bad-report.json");
    QFile::remove(report);
    const Run r = run(args + QStringList{"--report", report}.mid(args.first() == "train" ? 0 : 2));
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(expected), qPrintable(r.err));
    QVERIFY2(r.err.trimmed().count('\n') == 0, qPrintable(r.err));  // one line
    QVERIFY(r.err.startsWith("error: "));
    QVERIFY(!QFile::exists(report));  // nothing half-written
}

void TestCli::benchPrintsJson() {
    const Run r = run({"bench", "--model", m_presets + "/logistic.json", "--data", m_subset, "--batch", "64",
                       "--threads", "1", "--repeats", "1", "--json"});
    QCOMPARE(r.code, 0);
    const QJsonObject j = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QVERIFY(j["train_samples_per_second"].toDouble() > 100);
    QVERIFY(j["infer_samples_per_second"].toDouble() > j["train_samples_per_second"].toDouble() * 0.5);
}

// --scaling: 1 and 2 threads trained in turn; the pairs' median ratio lies between its quartiles and agrees
// with the two medians' ratio, and a run on 1 thread is refused with the fix.
void TestCli::benchScalingTrainsInTurn() {
    const Run one = run({"bench", "--model", m_presets + "/logistic.json", "--data", m_subset, "--batch",
                         "64", "--threads", "1", "--repeats", "1", "--scaling"});
    QCOMPARE(one.code, 2);
    QVERIFY2(
        one.err.contains("--scaling compares 1 thread with more, but this run has 1 thread: use --threads 2"),
        qPrintable(one.err));
    if (QThread::idealThreadCount() < 2) QSKIP("one core: nothing to compare");
    const Run r = run({"bench", "--model", m_presets + "/logistic.json", "--data", m_subset, "--batch", "64",
                       "--threads", "2", "--repeats", "1", "--scaling", "--json"});
    QCOMPARE(r.code, 0);
    const QJsonObject j = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QCOMPARE(j["scaling_threads"].toInt(), 2);
    const double ratio = j["scaling_ratio"].toDouble(),
                 one1 = j["scaling_one_thread_samples_per_second"].toDouble(),
                 many = j["scaling_samples_per_second"].toDouble();
    QVERIFY2(one1 > 100 && many > 100, qPrintable(r.out));
    QVERIFY2(j["scaling_ratio_low"].toDouble() <= ratio && ratio <= j["scaling_ratio_high"].toDouble(),
             qPrintable(r.out));
    QVERIFY2(ratio > 0.5 * many / one1 && ratio < 2 * many / one1, qPrintable(r.out));
    QVERIFY2(j["scaling_gemm_peak_ratio"].toDouble() > 0.2, qPrintable(r.out));
}

namespace {
mode_t typeOf(const QString& path) {
    struct stat st {};
    return ::lstat(QFile::encodeName(path).constData(), &st) == 0 ? (st.st_mode & S_IFMT) : 0;
}
QByteArray contents(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<missing>");
}
}  // namespace

void TestCli::outputThatIsNotARegularFileIsRefused_data() {
    QTest::addColumn<QString>("option");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("expected");
    QTest::newRow("--save to a device like /dev/full") << "--save"
                                                       << "device"
                                                       << "it is a character device";
    QTest::newRow("--report to a FIFO") << "--report"
                                        << "fifo"
                                        << "it is a FIFO";
    QTest::newRow("--save to a symlink to a FIFO") << "--save"
                                                   << "link-to-fifo"
                                                   << "it is a FIFO";
    QTest::newRow("--report to a folder") << "--report"
                                          << "folder"
                                          << "it is a folder";
    QTest::newRow("--report to /dev/stdout") << "--report"
                                             << "stdout"
                                             << "--report - prints the report on standard output";
    QTest::newRow("--save to standard output") << "--save"
                                               << "-"
                                               << "cannot go to standard output";
}

void TestCli::outputThatIsNotARegularFileIsRefused() {
    QFETCH(QString, option);
    QFETCH(QString, kind);
    QFETCH(QString, expected);
    const QString dir = m_dir.filePath("special-" + QString::number(qHash(QTest::currentDataTag())));
    QVERIFY(QDir().mkpath(dir));
    QString path = dir + "/out";
    const QByteArray p = QFile::encodeName(path);
    mode_t type = 0;
    if (kind == "device") {
        // As root, a private copy of /dev/full, so that a regression cannot replace the system's device.
        if (::geteuid() == 0) {
            if (::mknod(p.constData(), S_IFCHR | 0666, makedev(1, 7)) != 0)
                QSKIP("mknod is not allowed here");
        } else {
            path = "/dev/full";
        }
        type = S_IFCHR;
    } else if (kind == "fifo") {
        QVERIFY(::mkfifo(p.constData(), 0644) == 0);
        type = S_IFIFO;
    } else if (kind == "link-to-fifo") {
        QVERIFY(::mkfifo(QFile::encodeName(dir + "/pipe").constData(), 0644) == 0);
        QVERIFY(::symlink("pipe", p.constData()) == 0);
        type = S_IFLNK;
    } else if (kind == "folder") {
        QVERIFY(QDir().mkpath(path));
        type = S_IFDIR;
    } else if (kind == "stdout") {
        path = "/dev/stdout";  // a pipe to this test or a file: neither may be replaced
    } else {
        path = kind;
    }
    // Refused before training (exit 2 within seconds, not after the epochs), nothing replaced.
    const Run r =
        run({"train", "--model", m_presets + "/mlp.json", "--data", m_subset, "--epochs", "50", option, path},
            30000);
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains("error: " + option + ": ") && r.err.contains(expected), qPrintable(r.err));
    QVERIFY2(!r.out.contains("epoch 1/"), qPrintable(r.out));
    if (type) QCOMPARE(typeOf(path), type);
    if (kind == "link-to-fifo") QCOMPARE(typeOf(dir + "/pipe"), mode_t(S_IFIFO));
    QCOMPARE(QDir(dir).entryList({"*.tmp-*"}, QDir::AllEntries | QDir::Hidden | QDir::System), QStringList());
}

void TestCli::saveAndReportFollowSymlinks() {
    const QString dir = m_dir.filePath("links");
    QVERIFY(QDir().mkpath(dir + "/real"));
    QVERIFY(::symlink("real/model.llckpt", QFile::encodeName(dir + "/ckpt-link").constData()) == 0);
    QVERIFY(::symlink("real/report.json", QFile::encodeName(dir + "/report-link").constData()) == 0);
    const Run r = run({"train", "--model", m_presets + "/logistic.json", "--data", m_subset, "--epochs", "1",
                       "--save", dir + "/ckpt-link", "--report", dir + "/report-link"});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QCOMPARE(typeOf(dir + "/ckpt-link"), mode_t(S_IFLNK));  // the links stay links...
    QCOMPARE(typeOf(dir + "/report-link"), mode_t(S_IFLNK));
    QVERIFY(contents(dir + "/real/model.llckpt").startsWith("LLCKPT01"));  // ...and their targets are written
    QCOMPARE(QJsonDocument::fromJson(contents(dir + "/real/report.json")).object()["epochs"].toArray().size(),
             1);
}

void TestCli::reportToStandardOutput() {
    const Run r = run({"train", "--model", m_presets + "/logistic.json", "--data", m_subset, "--epochs", "2",
                       "--report", "-"});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    // stdout is the report and nothing else; the progress lines went to stderr.
    QJsonParseError error;
    const QJsonObject j = QJsonDocument::fromJson(r.out.toUtf8(), &error).object();
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString() + ": " + r.out));
    QCOMPARE(j["epochs"].toArray().size(), 2);
    QVERIFY(r.err.contains("epoch 2/2") && r.err.contains("test accuracy"));
    QVERIFY(!QFile::exists("-"));
}

void TestCli::readOnlyFolderIsRefusedBeforeTraining() {
    const QString dir = m_dir.filePath("read-only");
    QVERIFY(QDir().mkpath(dir));
    QVERIFY(::chmod(QFile::encodeName(dir).constData(), 0555) == 0);
    QStringList args = {"train", "--model", m_presets + "/mlp.json", "--data", m_subset, "--epochs",
                        "1",     "--save",  dir + "/x.llckpt"};
    Run r;
    if (::geteuid() == 0) {
        // Root may write anywhere: run as user nobody, who may read the build and the temp folder.
        if (QStandardPaths::findExecutable("setpriv").isEmpty()) QSKIP("setpriv is needed to drop root");
        QVERIFY(::chmod(QFile::encodeName(m_dir.path()).constData(), 0755) == 0);
        r = runProgram("setpriv",
                       QStringList{"--reuid=65534", "--regid=65534", "--clear-groups", LAYERLAB_CLI} + args);
        ::chmod(QFile::encodeName(m_dir.path()).constData(), 0700);
        if (r.err.contains("Permission denied") && !r.err.contains("not writable"))
            QSKIP(qPrintable("user nobody cannot run the build here: " + r.err));
    } else {
        r = run(args);
    }
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains("folder " + dir + " is not writable"), qPrintable(r.err));
    QVERIFY(!r.out.contains("epoch 1/"));
}

void TestCli::fullDiskAfterTrainingIsAFailure() {
    // A 64 KiB disk (a tmpfs in a private mount namespace; root only): the old checkpoint stays, the
    // report (small) is written, the error is said and the exit code is 1.
    if (::geteuid() != 0 || QStandardPaths::findExecutable("unshare").isEmpty())
        QSKIP("needs root and unshare for a private tmpfs");
    const QString mnt = m_dir.filePath("small-disk");
    QVERIFY(QDir().mkpath(mnt));
    const QString script =
        QString(
            "mount -t tmpfs -o size=64k tmpfs '%1' || exit 77; printf old > '%1/m.llckpt'; "
            "'%2' train --model '%3/seed-cnn.json' --data '%4' --epochs 1 --save '%1/m.llckpt' "
            "--report '%1/r.json'; code=$?; echo \"kept=$(cat '%1/m.llckpt')\"; "
            "echo \"report=$(wc -c < '%1/r.json')\"; ls -a '%1' | grep -c tmp- ; exit $code")
            .arg(mnt, LAYERLAB_CLI, m_presets, m_subset);
    const Run r = runProgram("unshare", {"-m", "sh", "-c", script});
    if (r.code == 77) QSKIP("mount is not allowed here");
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains("error: cannot save checkpoint") && r.err.contains("the disk is full"),
             qPrintable(r.err));
    QVERIFY2(r.out.contains("kept=old"), qPrintable(r.out));
    QVERIFY2(r.out.contains("report=") && !r.out.contains("report=0"), qPrintable(r.out));
    QVERIFY2(r.out.trimmed().endsWith("\n0"), qPrintable(r.out));  // no temp file left
}

void TestCli::checkpointGivenAsModelContinuesFromItsWeights() {
    const QString ckpt = m_dir.filePath("continue.llckpt");
    const QString first = m_dir.filePath("first.json"), second = m_dir.filePath("second.json");
    const QStringList common = {"--data", m_subset, "--epochs", "1", "--threads", "2", "--seed", "7"};
    Run r = run(QStringList{"train", "--model", m_presets + "/mlp.json", "--save", ckpt, "--report", first} +
                common);
    QVERIFY2(r.code == 0, qPrintable(r.err));
    r = run(QStringList{"train", "--model", ckpt, "--report", second} + common);
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains("is a checkpoint: training continues from its weights"), qPrintable(r.out));
    // Continuing from trained weights: the second run's first epoch starts where the first one ended, far
    // below a fresh start's loss.
    const auto loss = [](const QString& path) {
        return QJsonDocument::fromJson(contents(path))
            .object()["epochs"]
            .toArray()[0]
            .toObject()["train_loss"]
            .toDouble();
    };
    QVERIFY2(loss(second) < 0.75 * loss(first),
             qPrintable(QString("%1 vs %2").arg(loss(second)).arg(loss(first))));
    // bench measures the checkpoint's model.
    r = run({"bench", "--model", ckpt, "--data", m_subset, "--batch", "32", "--threads", "1", "--repeats",
             "1", "--json"});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY(QJsonDocument::fromJson(r.out.toUtf8()).object()["train_samples_per_second"].toDouble() > 0);
}

void TestCli::explodingLossIsFlaggedAsDivergence() {
    // --lr 1e10 used to end with a test loss of 1.85e19 and exit 0.
    const QString report = m_dir.filePath("exploded.json");
    const Run r = run({"train", "--model", m_presets + "/mlp.json", "--data", m_subset, "--epochs", "3",
                       "--lr", "1e10", "--report", report});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.out.contains("Training diverged") && r.out.contains("Lower the learning rate"),
             qPrintable(r.out));
    QVERIFY2(r.out.contains("last good weights were kept"), qPrintable(r.out));
    const QJsonObject j = QJsonDocument::fromJson(contents(report)).object();
    QCOMPARE(j["diverged"].toBool(), true);
    QVERIFY2(j["test_loss"].toDouble() < 100, qPrintable(QString::number(j["test_loss"].toDouble())));
}

QString TestCli::writeCheckpoint(const QString& name, const QString& inputJson) {
    const QString spec = writeFile(
        name + ".json",
        QString(
            R"({"format":"layerlab-model","version":1,"input":%1,"layers":[{"type":"Flatten"},{"type":"Dense","units":10,"activation":"softmax"}]})")
            .arg(inputJson)
            .toUtf8());
    const layerlab::ModelSpec m = layerlab::loadModelSpec(spec.toStdString());
    layerlab::Network net(m);
    const auto p = net.params();
    const QString path = m_dir.filePath(name);
    layerlab::saveCheckpoint(path.toStdString(), m, std::vector<float>(p.begin(), p.end()));
    return path;
}

QString TestCli::trainedCheckpoint() {
    if (!m_trained.isEmpty()) return m_trained;
    const QString ckpt = m_dir.filePath("predict-mlp.llckpt");
    const Run r = run({"train", "--model", m_presets + "/mlp.json", "--data", m_subset, "--epochs", "4",
                       "--batch", "64", "--threads", "2", "--save", ckpt});
    if (r.code == 0) m_trained = ckpt;
    return m_trained;
}

void TestCli::evaluateReportHasTheMetrics() {
    const QString ckpt = trainedCheckpoint();
    QVERIFY(!ckpt.isEmpty());
    const QString report = m_dir.filePath("evaluate.json");
    const Run r =
        run({"evaluate", "--model", ckpt, "--data", m_subset, "--threads", "2", "--report", report});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains("(500 images in ") && r.out.contains("of CPU, 2 threads)"), qPrintable(r.out));
    QVERIFY(r.out.contains("most confused (true -> predicted: images):"));
    const QJsonObject j = QJsonDocument::fromJson(contents(report)).object();
    QCOMPARE(j["dataset"].toString(), QString("MNIST"));
    QVERIFY(j["data_directory"].toString().endsWith("mnist-subset"));
    QCOMPARE(j["set"].toString(), QString("test"));
    QCOMPARE(j["images"].toInt(), 500);
    const double acc = j["accuracy"].toDouble();
    QVERIFY2(acc > 0.8 && acc <= 1, qPrintable(QString::number(acc)));
    QVERIFY2(r.out.contains(QString::number(100 * acc, 'f', 2) + "%"), qPrintable(r.out));
    QVERIFY(j["loss"].toDouble() > 0);
    // Rows are the true classes: each row sums to the number of test labels of that class.
    const layerlab::IdxArray labels = layerlab::readIdx((m_subset + "/t10k-labels-idx1-ubyte").toStdString());
    std::vector<int> perLabel(10, 0);
    for (std::uint8_t l : labels.data) ++perLabel[l];
    const QJsonArray confusion = j["confusion"].toArray();
    QCOMPARE(confusion.size(), 10);
    int diagonal = 0, total = 0;
    for (int t = 0; t < 10; ++t) {
        const QJsonArray row = confusion[t].toArray();
        QCOMPARE(row.size(), 10);
        int sum = 0;
        for (int q = 0; q < 10; ++q) sum += row[q].toInt();
        QCOMPARE(sum, perLabel[t]);
        diagonal += row[t].toInt();
        total += sum;
        const QJsonObject pc = j["per_class"].toArray()[t].toObject();
        QCOMPARE(pc["class"].toInt(), t);
        QCOMPARE(pc["support"].toInt(), perLabel[t]);
        QCOMPARE(pc["recall"].toDouble(), double(row[t].toInt()) / perLabel[t]);
        int column = 0;
        for (int u = 0; u < 10; ++u) column += confusion[u].toArray()[t].toInt();
        if (column) QCOMPARE(pc["precision"].toDouble(), double(row[t].toInt()) / column);
    }
    QCOMPARE(total, 500);
    QCOMPARE(acc, double(diagonal) / 500);
    // misclassified: ascending test-set indices, one per wrong answer
    const QJsonArray wrong = j["misclassified"].toArray();
    QCOMPARE(wrong.size(), 500 - diagonal);
    for (int i = 1; i < wrong.size(); ++i) QVERIFY(wrong[i].toInt() > wrong[i - 1].toInt());
    // the worst loss is a wrong answer, and its true class is the image's label
    const QJsonObject worst = j["top_losses"].toArray()[0].toObject();
    QVERIFY(worst["true"].toInt() != worst["predicted"].toInt());
    QCOMPARE(worst["true"].toInt(), int(labels.data[worst["index"].toInt()]));
    QVERIFY(wrong.contains(worst["index"]));

    // --report -: standard output is the report alone
    const Run s = run({"evaluate", "--model", ckpt, "--data", m_subset, "--report", "-"});
    QCOMPARE(s.code, 0);
    QJsonParseError error;
    const QJsonObject j2 = QJsonDocument::fromJson(s.out.toUtf8(), &error).object();
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    QCOMPARE(j2["confusion"], j["confusion"]);
    QVERIFY(s.err.contains("test accuracy"));
}

void TestCli::predictClassifiesTransformedMnistImages() {
    // 200 test images of the subset, each enlarged 4 to 9 times (bilinear), put at a random place on a
    // larger page, as grey ink on off-white paper with a little noise (every fourth one light on dark
    // instead), saved as PNG: predict must give the class the model gives the original 28x28 image.
    const QString ckpt = trainedCheckpoint();
    QVERIFY(!ckpt.isEmpty());
    const layerlab::Dataset data = layerlab::loadDataset(m_subset.toStdString());
    const layerlab::Checkpoint ck = layerlab::loadCheckpoint(ckpt.toStdString());
    layerlab::InferenceModel model(ck.spec, ck.params, 2);
    const int n = 200;
    const std::vector<float> prob = model.classify(data.testImages.data(), n);
    QStringList files;
    QDir().mkpath(m_dir.filePath("pngs"));
    for (int k = 0; k < n; ++k) {
        std::mt19937 rng(k);
        const std::uint8_t* src = data.testImages.data() + std::size_t(k) * 784;
        const int s = 4 + k % 6, size = 28 * s;
        const int W = size + 40 + int(rng() % 200), H = size + 40 + int(rng() % 150);
        const int ox = int(rng() % (W - size)), oy = int(rng() % (H - size));
        const bool light = k % 4 == 3;
        layerlab::GrayImage page{W, H, std::vector<std::uint8_t>(std::size_t(W) * H, light ? 20 : 235)};
        for (int y = 0; y < size; ++y)
            for (int x = 0; x < size; ++x) {
                // bilinear sample of the 28x28 image at the centre of page pixel (x, y)
                const double fy = std::clamp((y + 0.5) / s - 0.5, 0.0, 27.0),
                             fx = std::clamp((x + 0.5) / s - 0.5, 0.0, 27.0);
                const int y0 = int(fy), x0 = int(fx), y1 = std::min(y0 + 1, 27), x1 = std::min(x0 + 1, 27);
                const double ty = fy - y0, tx = fx - x0;
                const double v = (src[y0 * 28 + x0] * (1 - tx) + src[y0 * 28 + x1] * tx) * (1 - ty) +
                                 (src[y1 * 28 + x0] * (1 - tx) + src[y1 * 28 + x1] * tx) * ty;
                const int noise = int(rng() % 13) - 6;
                const int p = light ? 20 + int(v * 0.85) + noise : 235 - int(v * 0.8) + noise;
                page.pixels[std::size_t(oy + y) * W + ox + x] = std::uint8_t(std::clamp(p, 0, 255));
            }
        const QString file = m_dir.filePath(QString("pngs/%1.png").arg(k));
        QCOMPARE(layerlab::savePng(file.toStdString(), page), std::string());
        files << file;
    }
    const Run r = run(QStringList{"predict", "--model", ckpt, "--json"} + files);
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const QStringList lines = r.out.split('\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), n);
    int same = 0, correct = 0;
    for (int k = 0; k < n; ++k) {
        QVERIFY(lines[k].startsWith("{\"file\":"));
        const QJsonObject j = QJsonDocument::fromJson(lines[k].toUtf8()).object();
        QCOMPARE(j["file"].toString(), files[k]);
        const QJsonArray p = j["probabilities"].toArray();
        QCOMPARE(p.size(), 10);
        double sum = 0;
        for (const auto& v : p) sum += v.toDouble();
        QVERIFY(std::abs(sum - 1) < 1e-4);
        const float* orig = prob.data() + k * 10;
        const int original = int(std::max_element(orig, orig + 10) - orig);
        same += j["class"].toInt() == original;
        correct += j["class"].toInt() == data.testLabels[k];
    }
    qInfo(
        "predict on %d enlarged, inverted, off-centre PNGs: %d give the original's class (%.1f%%), %d the "
        "true label",
        n, same, 100.0 * same / n, correct);
    QVERIFY2(same >= 190, qPrintable(QString::number(same)));
    // The text form: "<file>: <class>  (<p>%)  probabilities ..."
    const Run t = run({"predict", "--model", ckpt, files[0]});
    QCOMPARE(t.code, 0);
    const QRegularExpression line("^(.+): (\\d)  \\((\\d+\\.\\d)%\\)  probabilities( \\d\\.\\d{3}){10}\n$");
    const QRegularExpressionMatch m = line.match(t.out);
    QVERIFY2(m.hasMatch(), qPrintable(t.out));
    QCOMPARE(m.captured(1), files[0]);
    QCOMPARE(m.captured(2),
             QString::number(QJsonDocument::fromJson(lines[0].toUtf8()).object()["class"].toInt()));
}

void TestCli::predictGivesOneErrorLinePerBadImage() {
    const QString ckpt = trainedCheckpoint();
    QVERIFY(!ckpt.isEmpty());
    const QString blank = m_dir.filePath("blank.png"), text = writeFile("notes.png", "just some words");
    QCOMPARE(layerlab::savePng(blank.toStdString(),
                               layerlab::GrayImage{60, 60, std::vector<std::uint8_t>(3600, 250)}),
             std::string());
    layerlab::GrayImage digit{40, 40, std::vector<std::uint8_t>(1600, 255)};
    for (int y = 8; y < 32; ++y) digit.pixels[y * 40 + 20] = digit.pixels[y * 40 + 21] = 0;  // a "1"
    const QString one = m_dir.filePath("one.png");
    QCOMPARE(layerlab::savePng(one.toStdString(), digit), std::string());
    const QString missing = m_dir.filePath("missing.png");
    const Run r = run({"predict", "--model", ckpt, blank, one, text, missing});
    QCOMPARE(r.code, 2);
    const QStringList errors = r.err.split('\n', Qt::SkipEmptyParts);
    QCOMPARE(errors.size(), 3);
    QVERIFY2(errors[0].startsWith("error: " + blank + ": no ink found"), qPrintable(errors[0]));
    QVERIFY2(errors[1].startsWith("error: " + text + ": not an image"), qPrintable(errors[1]));
    QVERIFY2(errors[2].startsWith("error: " + missing + ": cannot open it"), qPrintable(errors[2]));
    // the good image between them is still classified
    QVERIFY2(r.out.startsWith(one + ": "), qPrintable(r.out));
    QCOMPARE(r.out.count('\n'), 1);
}

void TestCli::unknownKeysWarnOrRefuseWithStrict() {
    // A note, a layer comment, a typo and a key from a newer version.
    const QString model = writeFile("extra-keys.json", R"({"format": "layerlab-model", "version": 1,
        "notes": "my notes", "input": {"channels": 1, "height": 28, "width": 28}, "classes": 10,
        "layers": [{"type": "Flatten"}, {"type": "Dense", "units": 10, "activation": "softmax", "comment": "out"}],
        "training": {"optimizer": {"type": "sgd", "learning_rate": 0.1}, "learning_rat": 0.5,
                     "mixup": {"flip": true}, "epochs": 1, "dataset": "subset"}})");
    const QStringList lines = {
        "warning: " + model + ": unknown key \"notes\"",
        "warning: " + model + ": layer 2 (Dense): unknown key \"comment\"",
        "warning: " + model +
            ": unknown key \"training.learning_rat\" (did you mean \"learning_rate\"? it belongs in "
            "\"training.optimizer\")",
        "warning: " + model + ": unknown key \"training.mixup\"",
    };
    const QString ckpt = m_dir.filePath("extra-keys.llckpt");
    // Without --strict: one warning line per key on stderr, and the run goes on.
    const Run r = run({"train", "--model", model, "--data", m_subset, "--threads", "1", "--save", ckpt});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    for (const QString& line : lines) QVERIFY2(r.err.contains(line + "\n"), qPrintable(r.err));
    QCOMPARE(r.err.count("warning: "), 4);

    // With --strict: exit 2 before anything runs, one line naming every key and how to get past it.
    for (const QStringList& args : {QStringList{"train", "--model", model, "--data", m_subset, "--strict"},
                                    QStringList{"bench", "--model", model, "--data", m_subset, "--strict"}}) {
        const Run s = run(args);
        QCOMPARE(s.code, 2);
        QVERIFY2(s.err.startsWith("error: " + model + ": unknown key \"notes\"; "), qPrintable(s.err));
        QVERIFY2(s.err.contains("(did you mean \"learning_rate\"?"), qPrintable(s.err));
        QVERIFY2(s.err.contains("without --strict"), qPrintable(s.err));
        QCOMPARE(s.err.trimmed().count('\n'), 0);
        QVERIFY(s.out.isEmpty());
    }
    // The checkpoint keeps the keys (the model it holds is the file's): evaluate warns, or refuses with
    // --strict.
    const Run e = run({"evaluate", "--model", ckpt, "--data", m_subset});
    QVERIFY2(e.code == 0, qPrintable(e.err));
    QVERIFY2(e.err.contains("warning: " + ckpt + ": unknown key \"training.mixup\""), qPrintable(e.err));
    QCOMPARE(run({"evaluate", "--model", ckpt, "--data", m_subset, "--strict"}).code, 2);
    // A preset has no such keys: nothing on stderr, --strict passes.
    const Run clean = run({"bench", "--model", m_presets + "/logistic.json", "--data", m_subset, "--batch",
                           "64", "--threads", "1", "--repeats", "1", "--strict"});
    QCOMPARE(clean.code, 0);
    QVERIFY2(!clean.err.contains("warning"), qPrintable(clean.err));
}

void TestCli::settingOptionsHaveTheFileLimits() {
    const QString ok = m_presets + "/logistic.json";
    auto error = [&](const QStringList& extra) {
        const Run r = run(QStringList{"train", "--model", ok, "--data", m_subset} + extra);
        return r.code == 2 ? r.err.trimmed() : QStringLiteral("exit %1").arg(r.code);
    };
    // The same rule texts as the model file's, with the option named.
    QCOMPARE(error({"--epochs", "10001"}), QStringLiteral("error: --epochs: must be a whole number from 1 to "
                                                          "10000, got '10001'"));
    QCOMPARE(error({"--batch", "65537"}), QStringLiteral("error: --batch: must be a whole number from 1 to "
                                                         "65536, got '65537'"));
    QCOMPARE(error({"--lr", "0"}),
             QStringLiteral("error: --lr: must be a positive finite number (e.g. 0.001), got '0'"));
    QCOMPARE(error({"--seed", "-1"}), QStringLiteral("error: --seed: must be a whole number from 0 to "
                                                     "18446744073709551615, got '-1'"));
    QCOMPARE(error({"--threads", "257"}), QStringLiteral("error: --threads: must be a whole number from 0 to "
                                                         "256, got '257'"));
    // The seed takes every value the file takes (the old limit was 2^62).
    const QString report = m_dir.filePath("seed-report.json");
    const Run r = run({"train", "--model", ok, "--data", m_subset, "--epochs", "1", "--threads", "1",
                       "--seed", "18446744073709551615", "--report", report});
    QVERIFY2(r.code == 0, qPrintable(r.err));
}

void TestCli::helpModelListsEveryField() {
    const Run r = run({"help", "model"});
    QCOMPARE(r.code, 0);
    for (const char* line : {"    units       1 to 100000; default 64",
                             "    alpha       a number from 0 to 1; default 0.01 (when \"activation\" is "
                             "\"leaky_relu\")",
                             "  optimizer.momentum          a number from 0 up to but not including 1; "
                             "default 0.9 (when \"type\" is \"sgd\")",
                             "  seed                        0 to 18446744073709551615; default 42",
                             "  threads                     0 to 256 (0: all cores); default 0"})
        QVERIFY2(r.out.contains(QString::fromUtf8(line) + "\n"), line);
    QVERIFY(run({"--help"}).out.contains("help model"));
    QVERIFY(run({"train", "--help"}).out.contains("--strict"));
    QVERIFY(run({"evaluate", "--help"}).out.contains("--strict"));
    QVERIFY(run({"bench", "--help"}).out.contains("--strict"));
}

// Text output names the classes of the model's dataset ("Trouser"); JSON keeps the numbers.
void TestCli::predictNamesFashionMnistClasses() {
    const QString spec = writeFile(
        "fashion.json",
        R"({"format":"layerlab-model","version":1,"input":{"channels":1,"height":28,"width":28},"layers":[{"type":"Flatten"},{"type":"Dense","units":10,"activation":"softmax"}],"training":{"dataset":"fashion_mnist"}})");
    const layerlab::ModelSpec m = layerlab::loadModelSpec(spec.toStdString());
    QCOMPARE(m.training.dataset, layerlab::DatasetKind::FashionMNIST);
    layerlab::Network net(m);
    net.initParams(3);
    const auto p = net.params();
    const QString ckpt = m_dir.filePath("fashion.llckpt");
    layerlab::saveCheckpoint(ckpt.toStdString(), m, std::vector<float>(p.begin(), p.end()));
    layerlab::GrayImage shirt{40, 40, std::vector<std::uint8_t>(1600, 255)};
    for (int y = 6; y < 34; ++y)
        for (int x = 10; x < 30; ++x) shirt.pixels[y * 40 + x] = 30;
    const QString img = m_dir.filePath("shirt.png");
    QCOMPARE(layerlab::savePng(img.toStdString(), shirt), std::string());
    const Run json = run({"predict", "--model", ckpt, "--json", img});
    QCOMPARE(json.code, 0);
    const int cls = QJsonDocument::fromJson(json.out.toUtf8()).object()["class"].toInt(-1);
    QVERIFY2(cls >= 0 && cls < 10, qPrintable(json.out));
    const Run text = run({"predict", "--model", ckpt, img});
    QCOMPARE(text.code, 0);
    const QString name =
        QString::fromStdString(layerlab::className(layerlab::DatasetKind::FashionMNIST, cls));
    QVERIFY2(text.out.startsWith(img + ": " + name + "  ("), qPrintable(text.out + " / " + name));
}

// train --init-from: the trained MLP's first Dense goes into a model with a new head (Dense 32, Dense 10);
// that layer is frozen, so after training it is bit for bit the checkpoint's; the new head starts fresh. The
// pairs are printed and reported.
void TestCli::initFromLoadsMatchingLayersAndFrozenOnesStay() {
    const QString base = trainedCheckpoint();
    QVERIFY(!base.isEmpty());
    const QString model = writeFile(
        "new-head.json",
        R"({"format":"layerlab-model","version":1,"input":{"channels":1,"height":28,"width":28},"layers":[{"type":"Flatten"},{"type":"Dense","units":128,"activation":"relu","trainable":false},{"type":"Dense","units":32,"activation":"relu"},{"type":"Dense","units":10,"activation":"softmax"}],"training":{"epochs":3,"batch_size":64,"threads":2,"optimizer":{"type":"adam","learning_rate":0.003}}})");
    const QString out = m_dir.filePath("new-head.llckpt"), report = m_dir.filePath("new-head.json.report");
    const Run r = run({"train", "--model", model, "--data", m_subset, "--init-from", base, "--save", out,
                       "--report", report, "--no-record"});
    QVERIFY2(r.code == 0, qPrintable(r.err + r.out));
    QVERIFY2(r.out.contains("weights from " + base +
                            ": 1 of 3 layers with weights loaded (100,480 parameters), 1 starts fresh (other "
                            "shape), 1 does not match"),
             qPrintable(r.out));
    QVERIFY2(
        r.out.contains("  layer 2 (Dense) 128x784 weights + 128 biases: loaded from the checkpoint's layer 2 "
                       "(Dense)"),
        qPrintable(r.out));
    QVERIFY2(
        r.out.contains("  layer 4 (Dense) 10x32 weights + 10 biases: starts fresh, no match: the checkpoint "
                       "has only 2 layers with weights"),
        qPrintable(r.out));
    QVERIFY2(r.out.contains("104,938 parameters (100,480 frozen in layer 2, 4,458 trainable)"),
             qPrintable(r.out));

    const layerlab::Checkpoint before = layerlab::loadCheckpoint(base.toStdString());
    const layerlab::Checkpoint after = layerlab::loadCheckpoint(out.toStdString());
    QCOMPARE(after.spec.layers[1].trainable, false);
    for (int i = 0; i < 128 * 784 + 128; ++i) QCOMPARE(after.params[i], before.params[i]);

    const QJsonObject j = QJsonDocument::fromJson(contents(report)).object();
    QCOMPARE(j["init_from"].toString(), base);
    QCOMPARE(j["frozen_parameters"].toInt(), 100480);
    QCOMPARE(j["trainable_parameters"].toInt(), 4458);
    const QJsonArray layers = j["init_layers"].toArray();
    QCOMPARE(layers.size(), 3);
    QCOMPARE(layers[0].toObject()["outcome"].toString(), QString("loaded"));
    QCOMPARE(layers[0].toObject()["layer"].toString(), QString("2"));
    QCOMPARE(layers[1].toObject()["outcome"].toString(), QString("fresh"));
    QCOMPARE(layers[2].toObject()["outcome"].toString(), QString("no match"));
    // The new head learned on the frozen features (chance is 0.1).
    QVERIFY2(j["test_accuracy"].toDouble() > 0.6, qPrintable(QString::number(j["test_accuracy"].toDouble())));
}

void TestCli::imageFoldersThroughTheCli() {
    qputenv("LAYERLAB_CACHE_DIR", QFile::encodeName(m_dir.filePath("image-cache")));
    // An MNIST model given a folder of digit pictures with --data: told from IDX files by what it holds.
    const QString digits = m_dir.filePath("digit-pictures");
    layerlab::test::DigitFolderOptions o;
    o.trainPerClass = 30;
    o.testPerClass = 10;
    layerlab::test::writeDigitFolder(digits.toStdString(), layerlab::loadDataset(m_subset.toStdString()), o);
    Run r =
        run({"train", "--model", m_presets + "/mlp.json", "--data", digits, "--epochs", "2", "--no-record"});
    QVERIFY2(r.code == 0, qPrintable(r.err + r.out));
    QVERIFY2(r.err.contains(
                 "300 training and 100 test images in 10 classes (0, 1, 2, 3, 4, 5, 6, 7, ...), 28x28 grey "
                 "images, decoded"),
             qPrintable(r.err));
    QVERIFY2(r.out.contains("on digit-pictures: 270 training, 30 validation, 100 test images"),
             qPrintable(r.out));
    // Again: from the cache.
    r = run({"train", "--model", m_presets + "/mlp.json", "--data", digits, "--epochs", "1", "--no-record"});
    QVERIFY2(r.code == 0 && r.err.contains("read from the cache"), qPrintable(r.err));
    // sweep: the folder imported once for both trials (its note on standard error), both trials train.
    r = run({"sweep", "--model", m_presets + "/mlp.json", "--data", digits, "--vary", "lr=0.001,0.003",
             "--epochs", "1", "--runs", m_dir.filePath("image-sweep")});
    QVERIFY2(r.code == 0, qPrintable(r.err + r.out));
    QCOMPARE(r.err.count("300 training and 100 test images in 10 classes"), 1);
    QCOMPARE(r.out.count("finished  "), 2);

    // An RGB model that names its folder (relative to the model file) and import settings.
    const QString colours = m_dir.filePath("colours");
    const char* names[] = {"sky", "apple", "leaf"};
    const std::vector<std::vector<std::uint8_t>> rgb = {{40, 90, 230}, {220, 30, 40}, {40, 200, 60}};
    for (int c = 0; c < 3; ++c) {
        QDir().mkpath(colours + "/" + names[c]);
        for (int i = 0; i < 15; ++i) {
            std::vector<std::uint8_t> colour = rgb[std::size_t(c)];
            colour[1] = std::uint8_t(colour[1] + i);
            layerlab::test::writeBytes(
                (colours + "/" + names[c] + "/" + QString::number(i) + ".png").toStdString(),
                layerlab::test::solidImage(8 + i, 10, colour));
        }
    }
    writeFile("colours/broken.png", "x");  // not in a class folder: listed, not fatal
    const QString model =
        writeFile("colour-model.json", R"({"format": "layerlab-model", "version": 1, "name": "Colours",
      "input": {"channels": 3, "height": 12, "width": 12}, "classes": 3,
      "layers": [{"type": "Conv2D", "filters": 4, "kernel": 3, "activation": "relu"}, {"type": "Flatten"},
                 {"type": "Dense", "units": 3, "activation": "softmax"}],
      "training": {"batch_size": 8, "epochs": 15, "validation_split": 0, "seed": 3,
                   "optimizer": {"type": "adam", "learning_rate": 0.01},
                   "dataset": "image_folder", "data_folder": "colours",
                   "image_import": {"width": 12, "height": 12, "color": "rgb", "test_split": 0.2}}})");
    const QString ckpt = m_dir.filePath("colours.llckpt");
    r = run({"train", "--model", model, "--save", ckpt, "--no-record"});
    QVERIFY2(r.code == 0, qPrintable(r.err + r.out));
    QVERIFY2(
        r.err.contains("36 training and 9 test images in 3 classes (apple, leaf, sky), 12x12 RGB images"),
        qPrintable(r.err));
    QVERIFY2(r.err.contains("warning: 1 file(s) skipped, first broken.png: not in a class folder"),
             qPrintable(r.err));
    QVERIFY2(r.out.contains("test accuracy 100.00%"), qPrintable(r.out));
    // evaluate: the class names in the report.
    const QString report = m_dir.filePath("colours-report.json");
    r = run({"evaluate", "--model", ckpt, "--report", report});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const QJsonObject j = QJsonDocument::fromJson(contents(report)).object();
    QCOMPARE(j["class_names"].toArray(), (QJsonArray{"apple", "leaf", "sky"}));
    QCOMPARE(j["per_class"].toArray()[2].toObject()["name"].toString(), QString("sky"));
    QCOMPARE(j["per_class"].toArray()[2].toObject()["support"].toInt(), 3);
    // predict: the file imported as in training, the class by its folder's name.
    r = run({"predict", "--model", ckpt, colours + "/leaf/4.png"});
    QVERIFY2(r.code == 0 && r.out.contains("4.png: leaf  ("), qPrintable(r.out + r.err));
    // A folder that cannot be a dataset: one line, exit 2.
    QDir().mkpath(m_dir.filePath("no-classes"));
    r = run(
        {"train", "--model", m_presets + "/mlp.json", "--data", m_dir.filePath("no-classes"), "--no-record"});
    QCOMPARE(r.code, 2);
    QVERIFY2(
        r.err.contains("no-classes is empty: put each class's images in a subfolder named after the class"),
        qPrintable(r.err));
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
