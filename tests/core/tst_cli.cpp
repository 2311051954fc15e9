// app/cli_main.cpp through the real executable: a full train -> save -> evaluate round trip on the bundled
// subset, the report JSON, and one clear line + exit code 2 for each kind of bad input, with no output file.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
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

private:
    struct Run {
        int code;
        QString out, err;
    };
    Run run(const QStringList& args, int timeoutMs = 120000);
    QString writeFile(const QString& name, const QByteArray& content);
    QTemporaryDir m_dir;
    QString m_subset, m_presets;
};

TestCli::Run TestCli::run(const QStringList& args, int timeoutMs) {
    QProcess p;
    p.start(LAYERLAB_CLI, args);
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

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
