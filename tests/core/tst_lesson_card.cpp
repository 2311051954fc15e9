// core/lesson_card.cpp and core/lesson_check.cpp: the bundled cards read and validate (every text in both
// languages, known concepts and views, runs that can train, checks that parse); a broken card is refused
// with one message that names its file, the key and the fix; check expressions evaluate as documented
// (precedence, NaN, functions); cards in a folder are sorted by concept and duplicate ids are refused.
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "core/lesson_card.h"
#include "core/lesson_check.h"
#include "tests/support/test_data.h"

using namespace layerlab;
using json = nlohmann::ordered_json;

namespace {

// A small valid card to break in the tests.
json validCard() {
    return json::parse(R"({
      "format": "layerlab-lesson", "version": 1, "id": "lr-test", "concept": "learning_rate",
      "title": {"en": "Learning rate", "zh_CN": "学习率"},
      "summary": {"en": "s", "zh_CN": "s"},
      "body": {"en": "b", "zh_CN": "b"},
      "scenario": {"preset": "mlp", "settings": {"epochs": 1, "train_samples": 100}, "controls": ["lr"]},
      "runs": [
        {"id": "A", "label": {"en": "lr 1", "zh_CN": "学习率1"}, "settings": {"lr": 1.0}},
        {"id": "B", "label": {"en": "lr 0.001", "zh_CN": "学习率0.001"}, "settings": {"lr": 0.001}}
      ],
      "question": {
        "text": {"en": "Which diverges?", "zh_CN": "哪个发散？"},
        "choices": [
          {"id": "a", "text": {"en": "A", "zh_CN": "A"}, "check": "A.diverged or A.final_train_loss > 2 * A.initial_loss"},
          {"id": "b", "text": {"en": "B", "zh_CN": "B"}, "check": "B.diverged"}
        ],
        "answer": "a"
      },
      "explanation": {"en": "e", "zh_CN": "e"},
      "views": ["runs", "training"],
      "try_next": {"en": "t", "zh_CN": "t"}
    })");
}

LessonCard parse(const json& j) {
    return parseLessonCard(j.dump(), "lessons/lr-test.json", presetsFromResources());
}

// The message parse() throws, or "" when it reads.
QString refusal(const json& j) {
    try {
        parse(j);
    } catch (const LessonError& e) {
        return QString::fromUtf8(e.what());
    }
    return {};
}

double nan() {
    return std::numeric_limits<double>::quiet_NaN();
}

}  // namespace

class TestLessonCard : public QObject {
    Q_OBJECT
private slots:
    void bundledCardsReadInBothLanguages();
    void validCardReads();
    void runWithItsOwnModel();
    void brokenCardsNameFileKeyAndFix_data();
    void brokenCardsNameFileKeyAndFix();
    void checkExpressionsEvaluate_data();
    void checkExpressionsEvaluate();
    void badCheckExpressions_data();
    void badCheckExpressions();
    void folderSortsAndRefusesDuplicates();
    void textFallsBackToEnglish();
    void imageFolderAndCompressionKeys();
};

void TestLessonCard::bundledCardsReadInBothLanguages() {
    std::vector<std::string> errors;
    const std::vector<LessonCard> cards =
        loadLessonFolder(bundledLessonsDir(), presetsFromResources(), &errors);
    for (const std::string& e : errors) qWarning("%s", e.c_str());
    QVERIFY(errors.empty());
    QCOMPARE(int(cards.size()), 22);
    std::set<std::string> concepts;
    int lastOrder = -1;
    for (const LessonCard& c : cards) {
        // No warnings: every text has its zh_CN version.
        for (const std::string& w : c.warnings) qWarning("%s", w.c_str());
        QVERIFY2(c.warnings.empty(), c.id.c_str());
        QVERIFY(!c.title.zhCN.empty() && !c.body.zhCN.empty() && !c.question.zhCN.empty());
        QVERIFY(c.choices.size() >= 2);
        QVERIFY(c.choiceIndex(c.answer) >= 0);
        QVERIFY(!c.views.empty());
        // The bundled subset, or the learner's own image folder (chosen in the panel, --data in the CLI).
        QVERIFY(c.model.training.dataset ==
                (c.data.imageFolder() ? DatasetKind::ImageFolder : DatasetKind::Subset));
        QVERIFY(c.data.source != LessonData::Source::Folder);  // no bundled card ships a folder
        for (const LessonRun& r : c.runs) QCOMPARE(r.spec.training.threads, 1);  // the same verdict anywhere
        concepts.insert(c.conceptId);
        // Sorted in the concept table's order.
        int order = 0;
        while (lessonConcepts()[std::size_t(order)].id != c.conceptId) ++order;
        QVERIFY(order >= lastOrder);
        lastOrder = order;
    }
    // Every concept that exists in the engine today has a card; those being built elsewhere do not yet.
    for (const char* id :
         {"forward_backward", "activation_functions", "loss_functions", "optimizers", "learning_rate",
          "batch_size", "epochs", "data_split", "overfitting", "l2", "dropout", "early_stopping",
          "data_augmentation", "convolution_pooling", "explainability", "run_comparison", "weight_init",
          "transfer_learning", "compression"})
        QVERIFY2(concepts.count(id), id);
    for (const char* id : {"batch_norm"}) QVERIFY2(!concepts.count(id) && lessonConcept(id), id);
}

void TestLessonCard::validCardReads() {
    const LessonCard c = parse(validCard());
    QCOMPARE(c.id, std::string("lr-test"));
    QCOMPARE(c.preset, std::string("mlp"));
    QCOMPARE(c.title.zhCN, std::string("学习率"));
    // The scenario: the preset with its settings, on the bundled subset.
    QCOMPARE(c.model.training.epochs, 1);
    QCOMPARE(c.model.training.trainSamples, 100);
    QVERIFY(c.model.training.dataset == DatasetKind::Subset);
    QCOMPARE(c.controls, std::vector<std::string>{"optimizer.learning_rate"});
    QCOMPARE(int(c.runs.size()), 2);
    QCOMPARE(c.runs[0].spec.training.optimizer.learningRate, 1.0f);
    QCOMPARE(c.runs[1].spec.training.optimizer.learningRate, 0.001f);
    QCOMPARE(c.runs[1].spec.training.epochs, 1);  // the scenario's settings stay
    QCOMPARE(c.runs[0].settings.front().first, std::string("optimizer.learning_rate"));
    QCOMPARE(c.choices[0].check.references(),
             (std::vector<std::string>{"A.diverged", "A.final_train_loss", "A.initial_loss"}));
    QCOMPARE(c.views, (std::vector<std::string>{"runs", "training"}));
    QVERIFY(c.warnings.empty());
}

void TestLessonCard::runWithItsOwnModel() {
    json j = validCard();
    j["runs"][1]["model"] = json::parse(
        R"({"format": "layerlab-model", "version": 1, "layers": [{"type": "Flatten"}, {"type": "Dense", "units": 10}]})");
    const LessonCard c = parse(j);
    QCOMPARE(int(c.runs[1].spec.layers.size()), 2);       // its own model
    QCOMPARE(int(c.runs[0].spec.layers.size()), 3);       // the MLP preset
    QCOMPARE(c.runs[1].spec.training.trainSamples, 100);  // with the scenario's settings
    QCOMPARE(c.runs[1].spec.training.optimizer.learningRate, 0.001f);
    QVERIFY(c.runs[1].spec.training.dataset == DatasetKind::Subset);
    // A scenario setting the run's model cannot take is named with the run.
    j["scenario"]["settings"]["layer3.units"] = 10;  // the MLP's third layer; the run's model has two
    QVERIFY(refusal(j).contains("scenario.settings.layer3.units"));
    QVERIFY(refusal(j).contains("runs[1]"));
}

void TestLessonCard::brokenCardsNameFileKeyAndFix_data() {
    QTest::addColumn<QString>("patch");  // a JSON merge-patch (RFC 7386) applied to the valid card
    QTest::addColumn<QString>("expected");
    QTest::newRow("not a card") << R"({"format": "layerlab-model"})"
                                << "not a lesson card";
    QTest::newRow("newer version") << R"({"version": 2})"
                                   << "version: this card is for lesson format 2";
    QTest::newRow("missing title") << R"({"title": null})"
                                   << "title: missing; add {\"en\"";
    QTest::newRow("unknown key") << R"({"explantion": {"en": "x"}})"
                                 << "explantion: unknown key (did you mean \"explanation\"?)";
    QTest::newRow("unknown concept")
        << R"({"concept": "learnig_rate"})"
        << "concept: unknown concept \"learnig_rate\" (did you mean \"learning_rate\"?)";
    QTest::newRow("bad id") << R"({"id": "a b"})"
                            << "id: \"a b\": use letters, digits";
    QTest::newRow("text not English") << R"({"body": {"en": null, "zh_CN": "只有中文"}})"
                                      << "body.en: missing or not a string";
    QTest::newRow("both preset and model") << R"({"scenario": {"model": {}}})"
                                           << "scenario: give either \"preset\"";
    QTest::newRow("unknown preset") << R"({"scenario": {"preset": "vgg"}})"
                                    << "scenario.preset: no bundled preset \"vgg\"";
    QTest::newRow("unknown setting") << R"({"scenario": {"settings": {"lrr": 0.1}}})"
                                     << "scenario.settings.lrr: unknown setting \"lrr\"";
    QTest::newRow("setting out of limits")
        << R"({"scenario": {"settings": {"epochs": 0}}})"
        << "scenario.settings.epochs: epochs: must be a whole number from 1 to 10000, got '0'";
    QTest::newRow("layer setting")
        << R"({"scenario": {"settings": {"layer9.units": 3}}})"
        << "scenario.settings.layer9.units: setting \"layer9.units\": the model has layers 1 to 3";
    QTest::newRow("unknown control") << R"({"scenario": {"controls": ["learning"]}})"
                                     << "scenario.controls[0]: unknown setting \"learning\"";
    QTest::newRow("no runs") << R"({"runs": []})"
                             << "runs: must be a list of one or more runs";
    QTest::newRow("bad run id") << R"({"runs": [{"id": "1st", "label": "x"}]})"
                                << "runs[0].id: \"1st\": a run id starts with a letter";
    QTest::newRow("answer not a choice") << R"({"question": {"answer": "z"}})"
                                         << "question.answer: \"z\" is not one of the choices (a, b)";
    QTest::newRow("unknown view") << R"({"views": ["histograms"]})"
                                  << "views[0]: unknown view \"histograms\"";
    QTest::newRow("check with a typo")
        << R"({"question": {"choices": [
            {"id": "a", "text": "x", "check": "A.final_trian_loss > 1"}, {"id": "b", "text": "y", "check": "B.diverged"}]}})"
        << "question.choices[0].check: unknown metric \"final_trian_loss\" at character 3: "
           "did you mean \"final_train_loss\"?";
    QTest::newRow("check on an unknown run")
        << R"({"question": {"choices": [
            {"id": "a", "text": "x", "check": "C.diverged"}, {"id": "b", "text": "y", "check": "B.diverged"}]}})"
        << "question.choices[0].check: unknown run \"C\" at character 1: this "
           "card's runs are A, B";
    QTest::newRow("data without a folder") << R"({"scenario": {"data": {}}})"
                                           << "scenario.data.image_folder: missing; add it, e.g. \"learner\"";
    QTest::newRow("data with an empty folder") << R"({"scenario": {"data": {"image_folder": ""}}})"
                                               << "scenario.data.image_folder: is empty: give \"learner\"";
    QTest::newRow("data unknown key")
        << R"({"scenario": {"data": {"image_folder": "learner", "folder": "x"}}})"
        << "scenario.data.folder: unknown key";
    QTest::newRow("min_per_class")
        << R"({"scenario": {"data": {"image_folder": "learner", "min_per_class": 0}}})"
        << "scenario.data.min_per_class: must be a whole number from 1 to 100000";
    QTest::newRow("train_per_class") << R"({"runs": [{"id": "A", "label": "x", "train_per_class": 2.5}]})"
                                     << "runs[0].train_per_class: must be a whole number of training images";
    QTest::newRow("compress nothing")
        << R"({"runs": [{"id": "A", "label": "x", "compress": {"int8": false}}]})"
        << "runs[0].compress: compresses nothing: give \"int8\": true and/or";
    QTest::newRow("compress sparsity")
        << R"({"runs": [{"id": "A", "label": "x", "compress": {"sparsity": 1}}]})"
        << "runs[0].compress.sparsity: ";
    QTest::newRow("start_from a later run")
        << R"({"runs": [{"id": "A", "label": "x", "start_from": "B"}, {"id": "B", "label": "y"}]})"
        << "runs[0].start_from: \"B\" is not an earlier run: the first run starts from fresh weights";
    QTest::newRow("start_from a layer without weights")
        << R"({"runs": [{"id": "A", "label": "x"}, {"id": "B", "label": "y", "start_from": {"run": "A", "layers": [1]}}]})"
        << "runs[1].start_from.layers[0]: layer 1 (Flatten) has no weights to start from";
    QTest::newRow("start_from a model of other shapes")
        << R"({"runs": [{"id": "A", "label": "x"}, {"id": "B", "label": "y", "settings": {"layer2.units": 32},
               "start_from": {"run": "A", "layers": [2]}}]})"
        << "runs[1].start_from: no layer can take A's weights: none of the checkpoint's 2 layers with "
           "weights "
           "fits this model (layer 2 (Dense): other shape: 32x784 weights";
    QTest::newRow("compress typo") << R"({"runs": [{"id": "A", "label": "x", "compress": {"int": true}}]})"
                                   << "runs[0].compress.int: unknown key (did you mean \"int8\"?)";
}

// The optional keys: a folder relative to the card, the learner's own folder, train_per_class and compress.
void TestLessonCard::imageFolderAndCompressionKeys() {
    json j = validCard();
    j["scenario"]["data"] = json::parse(R"({"image_folder": "shapes", "min_per_class": 4})");
    j["runs"][0]["train_per_class"] = 5;
    j["runs"][1]["compress"] = json::parse(R"({"int8": true, "sparsity": 0.5})");
    LessonCard c = parse(j);
    QCOMPARE(c.data.source, LessonData::Source::Folder);
    QCOMPARE(c.data.folder, std::filesystem::absolute("lessons/shapes").lexically_normal().string());
    QCOMPARE(c.data.minPerClass, 4);
    QCOMPARE(c.model.training.dataset, DatasetKind::ImageFolder);
    QCOMPARE(c.runs[1].spec.training.dataFolder, c.data.folder);
    QCOMPARE(c.runs[0].trainPerClass, 5);
    QCOMPARE(c.runs[0].spec.training.trainSamples, 50);  // 5 x the MLP's 10 classes until a folder says
    QVERIFY(!c.runs[0].compress.any());
    QVERIFY(c.runs[1].compress.int8);
    QCOMPARE(c.runs[1].compress.sparsity, 0.5);
    j["scenario"]["data"] =
        json::parse(R"({"image_folder": "learner", "prompt": {"en": "Draw", "zh_CN": "画"}})");
    c = parse(j);
    QCOMPARE(c.data.source, LessonData::Source::Learner);
    QVERIFY(c.data.folder.empty());
    QCOMPARE(c.data.prompt.zhCN, std::string("画"));
    // A card on the bundled subset cannot be pointed at a folder.
    LessonCard plain = parse(validCard());
    QVERIFY_THROWS_EXCEPTION(LessonError, useLessonImageFolder(plain, "/tmp"));
}

void TestLessonCard::brokenCardsNameFileKeyAndFix() {
    QFETCH(QString, patch);
    QFETCH(QString, expected);
    json j = validCard();
    j.merge_patch(json::parse(patch.toStdString()));
    const QString message = refusal(j);
    QVERIFY2(message.startsWith("lessons/lr-test.json: "), qPrintable(message));
    QVERIFY2(message.contains(expected), qPrintable(message));
}

void TestLessonCard::checkExpressionsEvaluate_data() {
    QTest::addColumn<QString>("check");
    QTest::addColumn<double>("expected");  // NaN: expect NaN
    QTest::newRow("precedence") << "1 + 2 * 3 - 4 / 2" << 5.0;
    QTest::newRow("parentheses") << "(1 + 2) * 3" << 9.0;
    QTest::newRow("unary minus") << "-A.x + 1" << -1.5;
    QTest::newRow("comparison") << "A.x > 2" << 1.0;
    QTest::newRow("and binds tighter than or") << "1 > 2 and 3 > 4 or 5 > 4" << 1.0;
    QTest::newRow("not") << "not A.x > 3" << 1.0;
    QTest::newRow("functions") << "max(abs(-2), min(5, sqrt(16)))" << 4.0;
    QTest::newRow("ln") << "ln(10)" << std::log(10.0);
    QTest::newRow("NaN compares false") << "A.missing < 1 or A.missing >= 1" << 0.0;
    QTest::newRow("NaN is not equal to anything") << "A.missing != 1" << 0.0;
    QTest::newRow("isnan") << "isnan(A.missing) and not isnan(A.x)" << 1.0;
    QTest::newRow("arithmetic on NaN") << "A.missing * 2" << nan();
    QTest::newRow("equality") << "A.x == 2.5 and B.x == 0" << 1.0;
    QTest::newRow("symbols") << "!(A.x < 1) && (B.x == 0 || A.x < 0)" << 1.0;
}

void TestLessonCard::checkExpressionsEvaluate() {
    QFETCH(QString, check);
    QFETCH(double, expected);
    // Metric names must be real to parse: "x" stands for final_train_loss (2.5 for A, 0 for B) and "missing"
    // for final_val_loss (NaN for both).
    std::string text = check.toStdString();
    for (auto [from, to] :
         {std::pair<std::string, std::string>{".x", ".final_train_loss"}, {".missing", ".final_val_loss"}})
        for (std::size_t p; (p = text.find(from)) != std::string::npos;) text.replace(p, from.size(), to);
    const CheckExpression real = CheckExpression::parse(text, {"A", "B"});
    const double v = real.evaluate([](const std::string& run, const std::string& metric) {
        if (metric == "final_val_loss") return nan();
        return run == "A" ? 2.5 : 0.0;
    });
    if (std::isnan(expected))
        QVERIFY2(std::isnan(v), qPrintable(QString::number(v)));
    else
        QVERIFY2(std::fabs(v - expected) < 1e-12, qPrintable(QString::number(v)));
}

void TestLessonCard::badCheckExpressions_data() {
    QTest::addColumn<QString>("check");
    QTest::addColumn<QString>("expected");
    QTest::newRow("empty") << "  "
                           << "the check is empty";
    QTest::newRow("single =") << "A.epochs = 3"
                              << "a single \"=\" at character 10: compare with ==";
    QTest::newRow("chained") << "1 < A.epochs < 3"
                             << "comparisons cannot be chained";
    QTest::newRow("unclosed") << "(A.epochs > 1"
                              << "a \"(\" is not closed";
    QTest::newRow("trailing") << "A.epochs > 1 B.epochs"
                              << "unexpected \"B.epochs\"";
    QTest::newRow("bare name") << "epochs > 1"
                               << "\"epochs\" is not a value at character 1: name a run's result as "
                                  "RUN.metric (this card's runs are A, B)";
    QTest::newRow("unknown function") << "log(A.epochs)"
                                      << "unknown function \"log\"";
    QTest::newRow("arity") << "max(A.epochs)"
                           << "max() takes 2 arguments, got 1";
    QTest::newRow("dangling and") << "A.diverged and"
                                  << "the check ends too early";
}

void TestLessonCard::badCheckExpressions() {
    QFETCH(QString, check);
    QFETCH(QString, expected);
    try {
        CheckExpression::parse(check.toStdString(), {"A", "B"});
        QFAIL("parsed");
    } catch (const std::invalid_argument& e) {
        QVERIFY2(QString::fromUtf8(e.what()).contains(expected), e.what());
    }
}

void TestLessonCard::folderSortsAndRefusesDuplicates() {
    QTemporaryDir dir;
    auto write = [&](const QString& name, const json& j) {
        std::ofstream(dir.filePath(name).toStdString()) << j.dump();
    };
    json overfit = validCard();
    overfit["id"] = "overfit";
    overfit["concept"] = "overfitting";
    json lr = validCard();
    json copy = validCard();  // same id as lr, in a later file
    json broken = validCard();
    broken["concept"] = "nope";
    write("a-overfit.json", overfit);
    write("b-lr.json", lr);
    write("c-copy.json", copy);
    write("d-broken.json", broken);
    write("notes.txt", json("ignored"));
    std::vector<std::string> errors;
    const std::vector<LessonCard> cards =
        loadLessonFolder(dir.path().toStdString(), presetsFromResources(), &errors);
    QCOMPARE(int(cards.size()), 2);
    QCOMPARE(cards[0].id, std::string("lr-test"));  // learning_rate comes before overfitting
    QCOMPARE(cards[1].id, std::string("overfit"));
    QCOMPARE(int(errors.size()), 2);
    QVERIFY(QString::fromStdString(errors[0]).contains("c-copy.json: id: \"lr-test\" is also the id of"));
    QVERIFY(QString::fromStdString(errors[0]).contains("b-lr.json"));
    QVERIFY(QString::fromStdString(errors[1]).contains("d-broken.json: concept: unknown concept"));
}

void TestLessonCard::textFallsBackToEnglish() {
    json j = validCard();
    j["body"] = "English only";
    const LessonCard c = parse(j);
    QCOMPARE(c.body.in("zh_CN"), std::string("English only"));
    QCOMPARE(c.title.in("zh_CN"), std::string("学习率"));
    QCOMPARE(c.title.in("zh_TW"), std::string("学习率"));
    QCOMPARE(c.title.in("en_GB"), std::string("Learning rate"));
    QCOMPARE(int(c.warnings.size()), 1);
    QVERIFY(QString::fromStdString(c.warnings[0]).contains("body has no zh_CN text"));
}

QTEST_APPLESS_MAIN(TestLessonCard)
#include "tst_lesson_card.moc"
