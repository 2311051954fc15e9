// core/lesson_runner.cpp: EVERY bundled lesson card trained headless on the bundled subset, to its verdict:
// exactly one choice's check holds and it is the card's documented answer, so each card teaches something
// that is true of the engine. Also: the metrics come from the run (steps, initial loss, best epoch), a
// verdict with no or several true checks is unsettled, and a stop request ends a lesson.
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <cmath>

#include "core/dataset.h"
#include "core/errors.h"
#include "core/image_folder.h"
#include "core/lesson_card.h"
#include "core/lesson_runner.h"
#include "core/network.h"
#include "core/weight_transfer.h"
#include "tests/support/build_paths.h"
#include "tests/support/image_folder_fixture.h"
#include "tests/support/test_data.h"

using namespace layerlab;

class TestLessonRunner : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void everyBundledCardComesOutAsDocumented_data();
    void everyBundledCardComesOutAsDocumented();
    void metricsComeFromTheRun();
    void unsettledWhenNoneOrSeveralHold();
    void stopEndsTheLesson();
    void readmeExampleReadsAndComesTrue();
    void imageFolderCardRefusesBadFolders();
    void compressionMetricsComeFromTheCompressedModel();
    void startFromCopiesTheListedLayers();

private:
    // The data a card trains on: the bundled subset, or for a card on the learner's image folder the test's
    // own folder (about what a learner draws: 20 images of each of 3 classes).
    bool prepare(LessonCard& card, Dataset& data);
    QTemporaryDir m_tmp;
    std::string m_folder;
    Dataset m_data;
    std::vector<LessonCard> m_cards;
    double m_seconds = 0;
};

void TestLessonRunner::initTestCase() {
    m_data = loadDataset(test::subsetPath(), "MNIST subset (bundled)");
    std::vector<std::string> errors;
    m_cards = loadLessonFolder(bundledLessonsDir(), presetsFromResources(), &errors);
    QVERIFY(errors.empty());
    QVERIFY(!m_cards.empty());
    // Three symbols, 20 drawings each: the bundled subset's digits 0, 1 and 7 as 28x28 PNG files in class
    // folders (no train/ and test/: the card's import settings hold a fifth of each class back for testing).
    QVERIFY(m_tmp.isValid());
    m_folder = m_tmp.filePath("symbols").toStdString();
    test::DigitFolderOptions o;
    o.trainPerClass = 20;
    o.trainTestFolders = false;
    o.mixedFormats = false;
    test::writeDigitFolder(m_folder, m_data, o);
    for (const char* d : {"2", "3", "4", "5", "6", "8", "9"})
        QVERIFY(QDir(QString::fromStdString(m_folder + "/" + d)).removeRecursively());
    qputenv("LAYERLAB_CACHE_DIR", m_tmp.filePath("cache").toUtf8());
}

bool TestLessonRunner::prepare(LessonCard& card, Dataset& data) {
    if (!card.data.imageFolder()) {
        data = m_data;
        return true;
    }
    useLessonImageFolder(card, card.data.folder.empty() ? m_folder : card.data.folder);
    data = loadImageFolder(card.data.folder, card.model.training.imageImport);
    return true;
}

void TestLessonRunner::everyBundledCardComesOutAsDocumented_data() {
    QTest::addColumn<int>("index");
    for (std::size_t i = 0; i < m_cards.size(); ++i) QTest::newRow(m_cards[i].id.c_str()) << int(i);
}

void TestLessonRunner::everyBundledCardComesOutAsDocumented() {
    QFETCH(int, index);
    LessonCard card = m_cards[std::size_t(index)];
    Dataset data;
    QVERIFY(prepare(card, data));
    QElapsedTimer clock;
    clock.start();
    const LessonOutcome out = runLesson(card, data);
    const double seconds = clock.elapsed() / 1000.0;
    m_seconds += seconds;
    QVERIFY2(out.error.empty(), out.error.c_str());
    QCOMPARE(out.runs.size(), card.runs.size());
    std::string evidence;
    for (const std::string& e : lessonEvidence(card, out.runs)) evidence += "  " + e + "\n";
    std::string held;
    for (std::size_t i = 0; i < card.choices.size(); ++i)
        if (out.verdict.holds[i]) held += " " + card.choices[i].id;
    qInfo("%s: %.2f s, checks that held:%s\n%s", card.id.c_str(), seconds, held.c_str(), evidence.c_str());
    QVERIFY2(out.verdict.settled(), ("not exactly one check held:" + held).c_str());
    QCOMPARE(card.choices[std::size_t(out.verdict.happened)].id, card.answer);
    QVERIFY(out.verdict.right(card.choiceIndex(card.answer)));
}

void TestLessonRunner::metricsComeFromTheRun() {
    qInfo("all cards: %.1f s", m_seconds);
    const auto it =
        std::find_if(m_cards.begin(), m_cards.end(), [](const LessonCard& c) { return c.id == "epochs"; });
    QVERIFY(it != m_cards.end());
    std::vector<int> seen;
    const LessonOutcome out =
        runLesson(*it, m_data, [&](int run, const LessonRunMetrics&) { seen.push_back(run); });
    QCOMPARE(seen, (std::vector<int>{0, 1}));
    const LessonRunMetrics& b = out.runs[1];  // 5 epochs of 500 images in batches of 50
    QCOMPARE(b.metric("steps"), 50.0);
    QCOMPARE(b.metric("epochs"), 5.0);
    QCOMPARE(b.metric("diverged"), 0.0);
    QCOMPARE(b.metric("final_train_loss"), b.result.epochs.back().trainLoss);
    QCOMPARE(b.metric("first_train_loss"), b.result.epochs.front().trainLoss);
    QCOMPARE(b.metric("test_accuracy"), b.result.testAccuracy);
    QCOMPARE(b.metric("gap"), b.result.epochs.back().trainAccuracy - b.result.epochs.back().valAccuracy);
    // The first batch's loss is that of the fresh weights: near ln 10, and the same for both runs (same
    // seed).
    QVERIFY(std::fabs(b.metric("initial_loss") - std::log(10.0)) < 0.5);
    QCOMPARE(b.metric("initial_loss"), out.runs[0].metric("initial_loss"));
    // The best epoch is the one with the lowest validation loss.
    int best = 0;
    for (const EpochMetrics& e : b.result.epochs)
        if (best == 0 || e.valLoss < b.result.epochs[std::size_t(best - 1)].valLoss) best = e.epoch;
    QCOMPARE(b.metric("best_val_loss_epoch"), double(best));
    QCOMPARE(b.metric("parameters"), 784.0 * 64 + 64 + 64 * 10 + 10);
    QVERIFY(b.metric("weight_norm") > 1);
    QVERIFY(std::isnan(b.metric("saliency_on_ink")));  // no check of this card reads it
    QVERIFY(std::isnan(b.metric("no_such_metric")));
}

void TestLessonRunner::unsettledWhenNoneOrSeveralHold() {
    LessonCard card = m_cards.front();
    std::vector<LessonRunMetrics> runs(card.runs.size());
    for (std::size_t i = 0; i < runs.size(); ++i) runs[i].runId = card.runs[i].id;
    std::vector<std::string> ids;
    for (const LessonRun& r : card.runs) ids.push_back(r.id);
    const std::string a = card.runs[0].id;
    card.choices.resize(2);
    // A run with no epochs: final_train_loss is NaN, and comparisons with NaN are false.
    card.choices[0].check = CheckExpression::parse(a + ".final_train_loss < 1", ids);
    card.choices[1].check = CheckExpression::parse(a + ".final_train_loss >= 1", ids);
    LessonVerdict v = judgeLesson(card, runs);
    QVERIFY(!v.settled());
    QVERIFY(!v.holds[0] && !v.holds[1]);
    QVERIFY(!v.right(0) && !v.right(1));
    card.choices[1].check = CheckExpression::parse(a + ".epochs == 0", ids);
    v = judgeLesson(card, runs);
    QCOMPARE(v.happened, 1);
    QVERIFY(v.right(1) && !v.right(0));
    card.choices[0].check = CheckExpression::parse("not " + a + ".diverged", ids);
    v = judgeLesson(card, runs);  // both hold
    QVERIFY(!v.settled());
    const std::vector<std::string> evidence = lessonEvidence(card, runs);
    QCOMPARE(evidence.front(), a + ".diverged = 0");
}

void TestLessonRunner::stopEndsTheLesson() {
    std::atomic<bool> stop{true};
    const LessonOutcome out = runLesson(m_cards.front(), m_data, {}, &stop);
    QVERIFY(out.runs.empty());
    QVERIFY(QString::fromStdString(out.error).startsWith("stopped before run"));
}

// The example card in README ("Writing a lesson card") is a card that reads and teaches what it says.
void TestLessonRunner::readmeExampleReadsAndComesTrue() {
    const std::vector<std::uint8_t> bytes =
        test::readBytes(std::string(LAYERLAB_TESTS_DIR) + "/../README.md");
    const std::string readme(bytes.begin(), bytes.end());
    const auto section = readme.find("### Writing a lesson card");
    QVERIFY(section != std::string::npos);
    const auto begin = readme.find("```json\n", section);
    const auto end = readme.find("```\n", begin + 8);
    QVERIFY(begin != std::string::npos && end != std::string::npos);
    const std::string json = readme.substr(begin + 8, end - begin - 8);
    const LessonCard card = parseLessonCard(json, "README.md", presetsFromResources());
    QCOMPARE(card.id, std::string("learning-rate"));
    const LessonOutcome out = runLesson(card, m_data);
    QVERIFY2(out.error.empty(), out.error.c_str());
    QVERIFY(out.verdict.settled());
    QCOMPARE(card.choices[std::size_t(out.verdict.happened)].id, card.answer);
}

// A card on the learner's images: no folder chosen, a missing one, one class, too few per class and an empty
// folder are each refused with a sentence that names the problem; a good folder sizes the model's output to
// its classes and train_per_class to the class count.
void TestLessonRunner::imageFolderCardRefusesBadFolders() {
    const auto it = std::find_if(m_cards.begin(), m_cards.end(), [](const LessonCard& c) {
        return c.data.source == LessonData::Source::Learner;
    });
    QVERIFY(it != m_cards.end());
    LessonCard card = *it;
    const LessonOutcome none = runLesson(card, m_data);
    QVERIFY(none.runs.empty());
    QVERIFY2(QString::fromStdString(none.error).contains("learner's own images"), none.error.c_str());
    auto refused = [&](const std::string& folder, const char* says) {
        LessonCard c = *it;
        try {
            useLessonImageFolder(c, folder);
        } catch (const DataError& e) {
            if (!QString::fromStdString(e.what()).contains(says)) {
                qWarning("%s", e.what());
                return false;
            }
            return c.data.folder.empty();  // nothing was changed
        }
        return false;
    };
    QVERIFY(refused(m_tmp.filePath("missing").toStdString(), "missing"));
    QDir(m_tmp.path()).mkpath("empty");
    QVERIFY(refused(m_tmp.filePath("empty").toStdString(), "empty"));
    QDir(m_tmp.path()).mkpath("one/circle");
    const QDir zeros(QString::fromStdString(m_folder + "/0"));
    QVERIFY(QFile::copy(zeros.filePath(zeros.entryList(QDir::Files).front()),
                        m_tmp.filePath("one/circle/a.png")));
    QVERIFY(refused(m_tmp.filePath("one").toStdString(), "class"));
    // 3 classes of 6: below the card's minimum of 10 per class.
    const std::string few = m_tmp.filePath("few").toStdString();
    test::DigitFolderOptions o;
    o.trainPerClass = 6;
    o.trainTestFolders = false;
    o.mixedFormats = false;
    test::writeDigitFolder(few, m_data, o);
    QVERIFY(refused(few, "at least 10 of each class"));

    // 4 classes: the output layer follows.
    const std::string four = m_tmp.filePath("four").toStdString();
    o.trainPerClass = 12;
    test::writeDigitFolder(four, m_data, o);
    for (const char* d : {"4", "5", "6", "7", "8", "9"})
        QDir(QString::fromStdString(four + "/" + d)).removeRecursively();
    useLessonImageFolder(card, four);
    QCOMPARE(card.model.classes, 4);
    QCOMPARE(card.model.layers.back().units, 4);
    QCOMPARE(card.model.training.dataset, DatasetKind::ImageFolder);
    const int a = card.runIndex("A");
    QCOMPARE(card.runs[std::size_t(a)].spec.training.trainSamples, 5 * 4);
    QCOMPARE(card.runs[std::size_t(a)].spec.classes, 4);
}

// A run with "compress" measures its compressed model: sizes by core/compression.h's definitions, and
// accuracy and agreement on the test set.
void TestLessonRunner::compressionMetricsComeFromTheCompressedModel() {
    const auto it = std::find_if(m_cards.begin(), m_cards.end(), [](const LessonCard& c) {
        return std::any_of(c.runs.begin(), c.runs.end(), [](const LessonRun& r) { return r.compress.any(); });
    });
    QVERIFY(it != m_cards.end());
    const LessonOutcome out = runLesson(*it, m_data);
    QVERIFY2(out.error.empty(), out.error.c_str());
    for (std::size_t i = 0; i < out.runs.size(); ++i) {
        const LessonRun& run = it->runs[i];
        const LessonRunMetrics& m = out.runs[i];
        if (!run.compress.any()) {
            QVERIFY(std::isnan(m.metric("compressed_test_accuracy")));
            continue;
        }
        QCOMPARE(m.metric("float_kb"), m.metric("parameters") * 4 / 1000);
        QVERIFY(m.metric("compressed_kb") < m.metric("float_kb"));
        QVERIFY(m.metric("compressed_test_accuracy") >= 0 && m.metric("compressed_test_accuracy") <= 1);
        QVERIFY(m.metric("agreement") > 0 && m.metric("agreement") <= 1);
        if (run.compress.int8 && run.compress.sparsity == 0)  // 1 byte per weight instead of 4
            QVERIFY(m.metric("compressed_kb") < 0.3 * m.metric("float_kb"));
    }
}

// start_from: run B of frozen-base starts with A's weights in its Conv2D layers (1 and 3) and its own fresh
// initialisation everywhere else (the Dense head).
void TestLessonRunner::startFromCopiesTheListedLayers() {
    const auto it = std::find_if(m_cards.begin(), m_cards.end(),
                                 [](const LessonCard& c) { return c.id == "frozen-base"; });
    QVERIFY(it != m_cards.end());
    const LessonCard& card = *it;
    const int b = card.runIndex("B");
    const LessonRun& run = card.runs[std::size_t(b)];
    QCOMPARE(run.startFrom, card.runIndex("A"));
    QCOMPARE(run.startLayers, (std::vector<int>{1, 3}));
    QVERIFY(card.runs[std::size_t(card.runIndex("C"))].startFrom < 0);
    QVERIFY(lessonStartParams(card, card.runIndex("C"), {}).empty());  // fresh weights
    Network source(card.runs[std::size_t(run.startFrom)].spec);
    source.initParams(777);  // anything but B's own seed
    const std::vector<float> from(source.params().begin(), source.params().end());
    const std::vector<float> start = lessonStartParams(card, b, from);
    Network fresh(run.spec);
    fresh.initParams(run.spec.training.seed);
    QCOMPARE(start.size(), fresh.params().size());
    const WeightTransfer plan = planWeightTransfer(run.spec, card.runs[std::size_t(run.startFrom)].spec);
    QCOMPARE(int(plan.layers.size()), 3);
    long long copied = 0;
    for (const LayerTransfer& l : plan.layers) {
        const bool listed = l.path.front() == 0 || l.path.front() == 2;
        for (long long i = l.offset; i < l.offset + l.params; ++i)
            QCOMPARE(start[std::size_t(i)], listed ? from[std::size_t(i)] : fresh.params()[std::size_t(i)]);
        if (listed) copied += l.params;
    }
    QCOMPARE(copied, 80LL + 1168);  // 8 filters 3x3 + biases, 16 filters 8x3x3 + biases
}

QTEST_APPLESS_MAIN(TestLessonRunner)
#include "tst_lesson_runner.moc"
