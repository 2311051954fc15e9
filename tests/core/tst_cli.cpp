// app/cli_main.cpp through the real executable: a full train -> save -> evaluate round trip on the bundled
// subset, the report JSON, and one clear line + exit code 2 for each kind of bad input, with no output file;
// the write rules (symlinks followed; folders, devices, FIFOs, open descriptors refused before training;
// a full disk after training is exit 1 with the old file intact; --report - prints on stdout), a checkpoint
// given as --model, and an exploding loss flagged as divergence.
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

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
    void outputThatIsNotARegularFileIsRefused_data();
    void outputThatIsNotARegularFileIsRefused();
    void saveAndReportFollowSymlinks();
    void reportToStandardOutput();
    void readOnlyFolderIsRefusedBeforeTraining();
    void fullDiskAfterTrainingIsAFailure();
    void checkpointGivenAsModelContinuesFromItsWeights();
    void explodingLossIsFlaggedAsDivergence();

private:
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
    for (const char* opt :
         {"--model", "--data", "--epochs", "--batch", "--lr", "--threads", "--seed", "--save", "--report"})
        QVERIFY2(r.out.contains(opt), opt);
    QVERIFY(run({"--help"}).out.contains("evaluate"));
    QVERIFY(run({"bench", "--help"}).out.contains("--json"));
    QVERIFY(run({"evaluate", "--help"}).out.contains("CHECKPOINT"));
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

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
