// app/studio_main.cpp through the real `layerlab` executable: --help and --version with no display at all,
// a clear refusal instead of Qt's abort when there is no display, the --size range in its message, and
// --screenshot under the one writer's rules (refused before the window opens when the path cannot be written,
// exit 1 when the write fails, through symlinks), and a checkpoint given where a model file is expected.
#include <sys/stat.h>
#include <unistd.h>

#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include "tests/support/build_paths.h"
#include "tests/support/test_data.h"

class TestStudioMain : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void helpAndVersionNeedNoDisplay();
    void helpInChinese();
    void noDisplayIsOneClearLine();
    void sizeOutOfRangeNamesTheRange();
    void screenshotIsWrittenThroughSymlinks();
    void screenshotPathThatCannotBeWrittenIsRefusedFirst_data();
    void screenshotPathThatCannotBeWrittenIsRefusedFirst();
    void screenshotOnAFullDiskExitsNonZero();
    void checkpointOpensWhereAModelIsExpected();

private:
    struct Run {
        int code;
        QString out, err;
    };
    // env: the process environment; by default the offscreen platform.
    Run run(const QString& program, const QStringList& args, QProcessEnvironment env = offscreen(),
            int timeoutMs = 60000);
    static QProcessEnvironment offscreen() {
        QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
        e.insert("QT_QPA_PLATFORM", "offscreen");
        return e;
    }
    QTemporaryDir m_dir;
    QString m_presets, m_subset;
};

TestStudioMain::Run TestStudioMain::run(const QString& program, const QStringList& args,
                                        QProcessEnvironment env, int timeoutMs) {
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(program, args);
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        return {-1, {}, "timeout"};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2,
            QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
}

void TestStudioMain::initTestCase() {
    QVERIFY(m_dir.isValid());
    QVERIFY(QFile::exists(LAYERLAB_STUDIO));
    // The studios started here keep their settings (window layout, recent files, language) in the test's
    // own folder, never in the user's ~/.config and ~/.local/share.
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_dir.filePath("config")));
    qputenv("XDG_DATA_HOME", QFile::encodeName(m_dir.filePath("data")));
    m_presets = QString::fromStdString(layerlab::test::resourcesPath()) + "/presets";
    m_subset = QString::fromStdString(layerlab::test::subsetPath());
}

void TestStudioMain::helpAndVersionNeedNoDisplay() {
    // No display and no platform chosen: QApplication would abort (exit 134) before printing anything.
    QProcessEnvironment bare = QProcessEnvironment::systemEnvironment();
    for (const char* v : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}) bare.remove(v);
    Run r = run(LAYERLAB_STUDIO, {"--help"}, bare);
    QCOMPARE(r.code, 0);
    for (const char* opt : {"--screenshot", "--size", "--benchmark-ui", "--model", "--data"})
        QVERIFY2(r.out.contains(opt), opt);
    r = run(LAYERLAB_STUDIO, {"--version"}, bare);
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.contains("LayerLab 0.1.0"), qPrintable(r.out));
    r = run(LAYERLAB_STUDIO, {"-h"}, bare);
    QCOMPARE(r.code, 0);
}

// --help in the language --language asks for, else the system's (no saved choice: a fresh settings folder).
void TestStudioMain::helpInChinese() {
    QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
    for (const char* v :
         {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "LANGUAGE", "LC_ALL", "LC_MESSAGES"})
        e.remove(v);
    e.insert("XDG_CONFIG_HOME", m_dir.filePath("config"));
    e.insert("LANG", "C.UTF-8");
    Run r = run(LAYERLAB_STUDIO, {"--language", "zh_CN", "--help"}, e);
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.contains(QStringLiteral("本次会话的界面语言：en 或 zh_CN")), qPrintable(r.out));
    QVERIFY(r.out.contains("--screenshot <PATH>"));
    r = run(LAYERLAB_STUDIO, {"--help"}, e);
    QVERIFY2(r.out.contains("The UI language for this session: en or zh_CN"), qPrintable(r.out));
    e.insert("LANG", "zh_CN.UTF-8");
    r = run(LAYERLAB_STUDIO, {"--help"}, e);
    QVERIFY2(r.out.contains(QStringLiteral("本次会话的界面语言")), qPrintable(r.out));
    r = run(LAYERLAB_STUDIO, {"--language", "en", "--help"}, e);
    QVERIFY2(r.out.contains("The UI language for this session"), qPrintable(r.out));
    // A bad size is said in the chosen language, and exits 2 as in English.
    e.insert("QT_QPA_PLATFORM", "offscreen");
    r = run(LAYERLAB_STUDIO, {"--size", "5x5"}, e);
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(QStringLiteral("layerlab: --size 需要 宽x高")), qPrintable(r.err));
}

void TestStudioMain::noDisplayIsOneClearLine() {
    QProcessEnvironment bare = QProcessEnvironment::systemEnvironment();
    for (const char* v : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}) bare.remove(v);
    const Run r = run(LAYERLAB_STUDIO, {}, bare);
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.startsWith("layerlab: no display") && r.err.contains("QT_QPA_PLATFORM=offscreen"),
             qPrintable(r.err));
    QCOMPARE(r.err.trimmed().count('\n'), 0);
}

void TestStudioMain::sizeOutOfRangeNamesTheRange() {
    for (const QString& bad : {QString("99999x5"), QString("100x100"), QString("1366"), QString("axb")}) {
        const Run r = run(LAYERLAB_STUDIO, {"--size", bad});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("each side from 200 to 8192 pixels") && r.err.contains("'" + bad + "'"),
                 qPrintable(r.err));
    }
}

void TestStudioMain::screenshotIsWrittenThroughSymlinks() {
    const QString real = m_dir.filePath("real.png"), link = m_dir.filePath("link.png");
    QVERIFY(QFile::link(real, link));
    const Run r = run(LAYERLAB_STUDIO, {"--screenshot", link, "--no-train", "--after", "0", "--size",
                                        "1000x700", "--data", m_subset});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains("saved " + link), qPrintable(r.out));
    QVERIFY(QFileInfo(link).isSymLink());
    QFile f(real);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.read(8), QByteArray("\x89PNG\r\n\x1a\n"));
    QImage img;
    QVERIFY(img.load(real));
    QVERIFY(img.width() >= 1000 && img.height() >= 700);
}

void TestStudioMain::screenshotPathThatCannotBeWrittenIsRefusedFirst_data() {
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("expected");
    QTest::newRow("missing folder") << "missing"
                                    << "does not exist: create it first";
    QTest::newRow("fifo") << "fifo"
                          << "it is a FIFO";
    QTest::newRow("folder") << "folder"
                            << "it is a folder";
}

void TestStudioMain::screenshotPathThatCannotBeWrittenIsRefusedFirst() {
    QFETCH(QString, kind);
    QFETCH(QString, expected);
    QString path = m_dir.filePath("shot-" + kind);
    if (kind == "missing") path = m_dir.filePath("no/such/folder/x.png");
    if (kind == "fifo") QVERIFY(::mkfifo(QFile::encodeName(path).constData(), 0644) == 0);
    if (kind == "folder") QVERIFY(QDir().mkpath(path));
    const Run r = run(LAYERLAB_STUDIO, {"--screenshot", path, "--no-train", "--after", "0"});
    QCOMPARE(r.code, 2);  // used to print "could not save" and exit 0
    QVERIFY2(r.err.contains("layerlab: --screenshot: cannot write " + path) && r.err.contains(expected),
             qPrintable(r.err));
    if (kind == "fifo") QVERIFY(QFileInfo(path).exists() && !QFileInfo(path).isFile());
}

void TestStudioMain::screenshotOnAFullDiskExitsNonZero() {
    // The path passes the check but the write fails (a 16 KiB tmpfs in a private mount namespace; root).
    if (::geteuid() != 0 || QStandardPaths::findExecutable("unshare").isEmpty())
        QSKIP("needs root and unshare for a private tmpfs");
    const QString mnt = m_dir.filePath("small-disk");
    QVERIFY(QDir().mkpath(mnt));
    const QString script = QString(
                               "mount -t tmpfs -o size=16k tmpfs '%1' || exit 77; '%2' --screenshot "
                               "'%1/x.png' --no-train --after 0 --data '%3'; code=$?; ls -A '%1' | wc -l; "
                               "exit $code")
                               .arg(mnt, LAYERLAB_STUDIO, m_subset);
    const Run r = run("unshare", {"-m", "sh", "-c", script});
    if (r.code == 77) QSKIP("mount is not allowed here");
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains("could not save the screenshot") && r.err.contains("the disk is full"),
             qPrintable(r.err));
    QCOMPARE(r.out.trimmed(), QString("0"));  // nothing left on the disk, no temp file
}

void TestStudioMain::checkpointOpensWhereAModelIsExpected() {
    const QString ckpt = m_dir.filePath("logistic.llckpt");
    const Run t = run(LAYERLAB_CLI, {"train", "--model", m_presets + "/logistic.json", "--data", m_subset,
                                     "--epochs", "1", "--save", ckpt});
    QVERIFY2(t.code == 0, qPrintable(t.err));
    // Scripted runs stop at a model that cannot be opened ("invalid JSON at line 1 ... 'L'" for a checkpoint
    // before); a checkpoint now opens with its model and weights.
    const QString shot = m_dir.filePath("ckpt.png");
    Run r =
        run(LAYERLAB_STUDIO, {ckpt, "--screenshot", shot, "--no-train", "--after", "0", "--data", m_subset});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY(QFile::exists(shot));
    const QString broken = m_dir.filePath("broken.llckpt");
    QFile f(broken);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("LLCKPT01 cut short");
    f.close();
    r = run(LAYERLAB_STUDIO, {broken, "--screenshot", shot, "--no-train", "--after", "0"});
    QCOMPARE(r.code, 2);
    QVERIFY2(
        r.err.contains("could not open") && r.err.contains("broken.llckpt") && r.err.contains("truncated"),
        qPrintable(r.err));
}

QTEST_GUILESS_MAIN(TestStudioMain)
#include "tst_studio_main.moc"
