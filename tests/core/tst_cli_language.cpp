// layerlab-cli speaks English or Simplified Chinese (app/cli/cli_text.h): --language picks one, else the
// system's UI language; what programs read (--json) stays the same in both.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include "tests/support/build_paths.h"

namespace {

struct Run {
    int code;
    QString out, err;
};

// The CLI with `env` on top of an English system (the test's own environment is English:
// tests/CMakeLists.txt).
Run runCli(const QStringList& args, const QStringList& env = {}) {
    QProcess p;
    QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
    for (const char* v : {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"}) e.remove(QString::fromLatin1(v));
    e.insert(QStringLiteral("LANG"), QStringLiteral("C.UTF-8"));
    for (const QString& kv : env)
        e.insert(kv.section(QLatin1Char('='), 0, 0), kv.section(QLatin1Char('='), 1));
    p.setProcessEnvironment(e);
    p.start(QString::fromUtf8(LAYERLAB_CLI), args);
    if (!p.waitForFinished(120000)) return {-1, {}, {}};
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2,
            QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
}

bool hasChinese(const QString& s) {
    for (QChar c : s)
        if (c.unicode() >= 0x4E00 && c.unicode() <= 0x9FFF) return true;
    return false;
}

}  // namespace

class TstCliLanguage : public QObject {
    Q_OBJECT
private slots:
    // --language zh_CN: the overview and a command's help in Chinese; the option names stay as they are.
    void languageOption() {
        Run r = runCli({QStringLiteral("--language"), QStringLiteral("zh_CN"), QStringLiteral("--help")});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains(QStringLiteral("用法：layerlab-cli <command> [options]")), qPrintable(r.out));
        QVERIFY(r.out.contains(QStringLiteral("  train      在 MNIST（或 Fashion-MNIST）上训练模型文件")));
        r = runCli({QStringLiteral("train"), QStringLiteral("--help"), QStringLiteral("--language=zh_CN")});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains(QStringLiteral("  --epochs N           训练轮数")));
        QVERIFY(!r.out.contains(QStringLiteral("number of epochs")));
        r = runCli({QStringLiteral("--language"), QStringLiteral("en"), QStringLiteral("train"),
                    QStringLiteral("--help")},
                   {QStringLiteral("LANG=zh_CN.UTF-8")});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains(QStringLiteral("  --epochs N           number of epochs")));
        QVERIFY(!hasChinese(r.out));
    }

    // Without --language: the system's language ($LANGUAGE first, then $LC_ALL, $LC_MESSAGES, $LANG);
    // Traditional Chinese and other languages get English.
    void systemLanguage() {
        QVERIFY(!hasChinese(runCli({QStringLiteral("--help")}).out));
        QVERIFY(hasChinese(runCli({QStringLiteral("--help")}, {QStringLiteral("LANG=zh_CN.UTF-8")}).out));
        QVERIFY(hasChinese(runCli({QStringLiteral("--help")}, {QStringLiteral("LC_ALL=zh_CN.UTF-8")}).out));
        QVERIFY(hasChinese(runCli({QStringLiteral("--help")},
                                  {QStringLiteral("LANGUAGE=zh_CN:en"), QStringLiteral("LANG=C.UTF-8")})
                               .out));
        QVERIFY(!hasChinese(runCli({QStringLiteral("--help")}, {QStringLiteral("LANG=zh_TW.UTF-8")}).out));
        QVERIFY(!hasChinese(runCli({QStringLiteral("--help")}, {QStringLiteral("LANG=de_DE.UTF-8")}).out));
    }

    // Errors the CLI composes, in Chinese, with the names the user typed kept; the exit code does not change.
    void errorsInChinese() {
        Run r = runCli({QStringLiteral("train")}, {QStringLiteral("LANG=zh_CN.UTF-8")});
        QCOMPARE(r.code, 2);
        QCOMPARE(
            r.err.trimmed(),
            QStringLiteral("错误：必须给出 --model：一个模型文件，例如 resources/presets/seed-cnn.json"));
        r = runCli({QStringLiteral("--language"), QStringLiteral("zh_CN"), QStringLiteral("frobnicate")});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.startsWith(QStringLiteral("错误：未知命令“frobnicate”")), qPrintable(r.err));
        r = runCli({QStringLiteral("--language"), QStringLiteral("fr"), QStringLiteral("--help")});
        QCOMPARE(r.code, 2);
        QCOMPARE(r.err.trimmed(), QStringLiteral("error: --language wants en or zh_CN; got 'fr'"));
        r = runCli({QStringLiteral("train"), QStringLiteral("--language")});
        QCOMPARE(r.code, 2);
        QCOMPARE(r.err.trimmed(), QStringLiteral("error: --language needs a value: en or zh_CN"));
    }

    // A command's results in Chinese, its --json output the same in both languages.
    void resultsAndJson() {
        QTemporaryDir runs;
        QVERIFY(runs.isValid());
        const QStringList list = {QStringLiteral("runs"), QStringLiteral("--runs"), runs.path()};
        Run zh = runCli(QStringList{QStringLiteral("--language"), QStringLiteral("zh_CN")} + list);
        QCOMPARE(zh.code, 0);
        QCOMPARE(zh.out.trimmed(), QStringLiteral("%1 中有 0 个运行").arg(runs.path()));
        Run en = runCli(list);
        QCOMPARE(en.out.trimmed(), QStringLiteral("0 runs in %1").arg(runs.path()));
        const QStringList json = list + QStringList{QStringLiteral("--json")};
        zh = runCli(json, {QStringLiteral("LANG=zh_CN.UTF-8")});
        en = runCli(json);
        QCOMPARE(zh.code, 0);
        QCOMPARE(zh.out, en.out);
        QVERIFY(en.out.contains(QStringLiteral("\"runs\": []")));
    }

    // The engine's common sentences (i18n/core_text.h): a shape error and a value out of its limits, in
    // Chinese with the file name, the key and the layer type kept; unchanged in English.
    void engineTextsInChinese() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString flat = dir.filePath(QStringLiteral("flat.json"));
        const QString units = dir.filePath(QStringLiteral("units.json"));
        // The MLP preset with other layers.
        auto write = [](const QString& path, const QByteArray& layers) {
            QFile preset(QString::fromUtf8(LAYERLAB_RESOURCES) + "/presets/mlp.json");
            QVERIFY(preset.open(QIODevice::ReadOnly));
            QJsonObject model = QJsonDocument::fromJson(preset.readAll()).object();
            model[QStringLiteral("layers")] = QJsonDocument::fromJson(layers).array();
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QJsonDocument(model).toJson());
        };
        write(flat, R"([{"type": "Dense", "units": 10}])");
        write(units, R"([{"type": "Flatten"}, {"type": "Dense", "units": 0}])");
        const QStringList zh = {QStringLiteral("--language"), QStringLiteral("zh_CN"),
                                QStringLiteral("train"), QStringLiteral("--no-record"),
                                QStringLiteral("--model")};
        Run r = runCli(zh + QStringList{flat});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(QStringLiteral(
                     "错误：第 1 层（Dense）需要扁平的输入，但得到的是 1x28x28：请在它前面加上 Flatten")),
                 qPrintable(r.err));
        r = runCli(zh + QStringList{units});
        QCOMPARE(r.code, 2);
        QVERIFY2(
            r.err.contains(units + QStringLiteral(": 第 2 层（Dense）units: 必须是 1 到 100000 之间的整数，"
                                                  "收到的是 0")),
            qPrintable(r.err));
        r = runCli({QStringLiteral("train"), QStringLiteral("--no-record"), QStringLiteral("--model"), flat});
        QVERIFY2(r.err.contains(QStringLiteral(
                     "error: layer 1 (Dense) needs a flat input but gets 1x28x28: add Flatten before it")),
                 qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TstCliLanguage)
#include "tst_cli_language.moc"
