// `layerlab-cli lesson` through the real executable: the list of cards by concept, a card run to its verdict
// (text and --json, the learner's answer judged), Chinese texts with --lang zh_CN, a teacher's card from a
// file, --check failing a card whose documented answer does not come true, and bad input refused (exit 2)
// with the card's file and key named.
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include "core/dataset.h"
#include "core/lesson_card.h"
#include "tests/support/build_paths.h"
#include "tests/support/image_folder_fixture.h"
#include "tests/support/test_data.h"

class TestCliLesson : public QObject {
    Q_OBJECT
private slots:
    void listsTheCards();
    void runsACardToItsVerdict();
    void jsonAndChinese();
    void teachersCardAndCheck();
    void badInput();
    void imageFolderCard();
    void compressionCard();

private:
    struct Run {
        int code;
        QString out, err;
    };
    Run cli(const QStringList& args);
};

TestCliLesson::Run TestCliLesson::cli(const QStringList& args) {
    QProcess p;
    p.start(LAYERLAB_CLI, QStringList{"lesson"} + args);
    if (!p.waitForFinished(240000)) {
        p.kill();
        return {-1, {}, "timeout"};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2,
            QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
}

void TestCliLesson::listsTheCards() {
    const Run r = cli({"--lang", "en"});
    QCOMPARE(r.code, 0);
    QVERIFY(r.out.startsWith("Forward and backward pass\n  forward-backward "));
    QVERIFY(r.out.contains("Epochs\n  epochs                   What an epoch is\n"));
    QCOMPARE(r.out.count(QRegularExpression("^  [a-z]", QRegularExpression::MultilineOption)), 22);
}

void TestCliLesson::runsACardToItsVerdict() {
    const Run r = cli({"epochs", "--answer", "a", "--lang", "en"});
    QCOMPARE(r.code, 0);
    QVERIFY(r.out.startsWith("Epochs: What an epoch is\n"));
    QVERIFY(r.out.contains("  b) 10 and 50: one update per batch.\n"));
    QVERIFY(r.out.contains("run B (5 epochs): Finished 5 epochs. Test accuracy "));
    QVERIFY(r.out.contains("What happened: b) 10 and 50: one update per batch.\n"));
    QVERIFY(r.out.contains("Your prediction (a) was not right.\n"));
    QVERIFY(r.out.contains("  A.steps = 10\n  B.steps = 50\n"));
    QVERIFY(r.out.contains("Try next: "));
}

void TestCliLesson::jsonAndChinese() {
    const Run r = cli({"batch-size", "--answer", "a", "--json"});
    QCOMPARE(r.code, 0);
    const QJsonObject j = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QCOMPARE(j["card"].toString(), QStringLiteral("batch-size"));
    QCOMPARE(j["happened"].toString(), QStringLiteral("a"));
    QCOMPARE(j["answer"].toString(), QStringLiteral("a"));
    QVERIFY(j["right"].toBool());
    const QJsonArray runs = j["runs"].toArray();
    QCOMPARE(runs.size(), 2);
    QCOMPARE(runs[0].toObject()["metrics"].toObject()["steps"].toDouble(),
             125.0);  // 1,000 images in batches of 8
    QCOMPARE(runs[1].toObject()["metrics"].toObject()["steps"].toDouble(), 2.0);
    QCOMPARE(j["choices"].toArray()[0].toObject()["holds"].toBool(), true);

    const Run zh = cli({"--lang", "zh_CN"});
    QCOMPARE(zh.code, 0);
    QVERIFY(zh.out.startsWith(QStringLiteral("前向传播与反向传播\n")));
    QVERIFY(zh.out.contains(QStringLiteral("太大、太小、刚好")));
}

void TestCliLesson::teachersCardAndCheck() {
    QTemporaryDir dir;
    // The epochs card with the wrong documented answer: --check fails it, naming what happened.
    nlohmann::ordered_json card = nlohmann::ordered_json::parse(
        layerlab::test::readText(layerlab::bundledLessonsDir() + "/epochs.json"));
    card["id"] = "epochs-wrong";
    card["question"]["answer"] = "c";
    const QString file = dir.filePath("epochs-wrong.json");
    layerlab::test::writeText(file.toStdString(), card.dump());
    Run r = cli({file, "--check"});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains("check: the documented answer 'c' did not come true ('b' did)"),
             qPrintable(r.err));
    // In a folder, by its id; the documented answer of the bundled card passes --check.
    r = cli({"--cards", dir.path()});
    QVERIFY(r.out.contains("epochs-wrong"));
    r = cli({"epochs", "--check", "--cards", dir.path()});
    QCOMPARE(r.code, 0);
}

void TestCliLesson::badInput() {
    Run r = cli({"no-such-card"});
    QCOMPARE(r.code, 2);
    QVERIFY(r.err.contains("no lesson card 'no-such-card'"));
    r = cli({"epochs", "--answer", "z"});
    QCOMPARE(r.code, 2);
    QVERIFY(r.err.contains("--answer: 'z' is not one of the choices (a, b, c)"));
    r = cli({"--lang", "fr"});
    QCOMPARE(r.code, 2);
    QTemporaryDir dir;
    const QString file = dir.filePath("broken.json");
    layerlab::test::writeText(file.toStdString(),
                              R"({"format": "layerlab-lesson", "version": 1, "id": "x", "concept": "lr"})");
    r = cli({file});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains("broken.json: concept: unknown concept \"lr\""), qPrintable(r.err));
}

// A card on the learner's images takes their folder with --data; without it, or with a folder that cannot
// be used, it says what to give (exit 2).
void TestCliLesson::imageFolderCard() {
    QTemporaryDir dir;
    qputenv("LAYERLAB_CACHE_DIR", dir.filePath("cache").toUtf8());
    const QString folder = dir.filePath("symbols");
    layerlab::test::DigitFolderOptions o;
    o.trainPerClass = 20;
    o.trainTestFolders = false;
    o.mixedFormats = false;
    layerlab::test::writeDigitFolder(folder.toStdString(),
                                     layerlab::loadDataset(layerlab::test::subsetPath()), o);
    for (const char* d : {"2", "3", "4", "5", "6", "8", "9"})
        QVERIFY(QDir(folder + "/" + d).removeRecursively());
    Run r = cli({"own-symbols", "--data", folder, "--check", "--lang", "en"});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY(r.out.contains("run C (all of them, augmented): Finished 25 epochs. Test accuracy "));
    QVERIFY(r.out.contains("What happened: a) "));
    r = cli({"own-symbols"});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains("trains on your own images: give their folder with --data DIR"),
             qPrintable(r.err));
    r = cli({"own-symbols", "--data", dir.filePath("missing")});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains("does not exist"), qPrintable(r.err));
    QVERIFY(QDir(folder).rename("1", "../one-1") && QDir(folder).rename("7", "../one-7"));
    r = cli({"own-symbols", "--data", folder});  // only class 0 is left
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains("class"), qPrintable(r.err));
}

void TestCliLesson::compressionCard() {
    const Run r = cli({"compression-prune", "--check", "--lang", "en"});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains(QRegularExpression(
                 R"(compressed \(int8\): test accuracy [0-9.]+%, 102\.7 KB instead of 407\.1 KB\.)")),
             qPrintable(r.out));
    QVERIFY(r.out.contains("compressed (sparsity 95%): test accuracy "));
}

QTEST_GUILESS_MAIN(TestCliLesson)
#include "tst_cli_lesson.moc"
