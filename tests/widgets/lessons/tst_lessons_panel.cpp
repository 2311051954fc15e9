// The Lessons panel in the real window, offscreen, on the bundled subset: the cards are listed by concept;
// opening a card loads its scenario as one undoable step (Ctrl+Z brings the old model back) after asking
// about unsaved work, and shows only the settings that matter; the learner predicts, the runs train through
// the studio's controller (recorded, named after the lesson, ticked on the Runs tab) after the sanity check,
// and the verdict says right or wrong with the explanation and the views it points at. With a Chinese UI
// language the cards read in Chinese.
#include <QAction>
#include <QCheckBox>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

#include "core/dataset.h"
#include "core/run_record.h"
#include "tests/support/image_folder_fixture.h"
#include "tests/support/test_data.h"
#include "widgets/document/model_document.h"
#include "widgets/document/model_file_controller.h"
#include "widgets/lessons/lesson_session.h"
#include "widgets/lessons/lessons_panel.h"
#include "widgets/runs/run_list_model.h"
#include "widgets/runs/runs_panel.h"
#include "widgets/session/training_controller.h"
#include "widgets/studio/main_window.h"
#include "widgets/training/training_config_panel.h"

using namespace layerlab;

namespace {
constexpr int kTimeout = 120000;

std::unique_ptr<MainWindow> makeWindow() {
    auto w = std::make_unique<MainWindow>();
    w->fileController()->setInteractive(false);
    w->resize(1366, 768);
    w->show();
    return w;
}

QString shotDir() {
    return qEnvironmentVariable("LAYERLAB_TEST_SHOTS");
}
}  // namespace

class TestLessonsPanel : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cardsAreListedByConcept();
    void openingLoadsTheScenarioUndoably();
    void unsavedWorkIsAskedAbout();
    void predictRunAndCheck();
    void wrongPredictionIsSaidSo();
    void chineseTexts();
    void ownImagesCard();
    void runStartsFromAnEarlierRun();
};

void TestLessonsPanel::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(locateDataset(DatasetKind::Subset).found);
}

void TestLessonsPanel::cardsAreListedByConcept() {
    auto w = makeWindow();
    LessonsPanel* p = w->lessonsPanel();
    QVERIFY(p->library().errors().isEmpty());
    QCOMPARE(int(p->library().cards().size()), 22);
    QTreeWidget* list = p->list();
    // One top-level item per concept with cards, in the concept table's order, each card under its concept.
    QVERIFY(list->topLevelItemCount() >= 15);
    QCOMPARE(list->topLevelItem(0)->text(0), QStringLiteral("Forward and backward pass"));
    int cards = 0;
    for (int i = 0; i < list->topLevelItemCount(); ++i) cards += list->topLevelItem(i)->childCount();
    QCOMPARE(cards, 22);
    const QList<QTreeWidgetItem*> optim = list->findItems(QStringLiteral("Optimizers"), Qt::MatchExactly);
    QCOMPARE(optim.size(), 1);
    QCOMPARE(optim[0]->childCount(), 2);
    // View > Lessons (Ctrl+Shift+L) shows the dock.
    w->lessonsDock()->hide();
    QAction* action = nullptr;
    for (QAction* a : w->findChildren<QAction*>())
        if (a->shortcut() == QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L)) action = a;
    QVERIFY(action);
    action->trigger();
    QVERIFY(w->lessonsDock()->isVisible());
}

void TestLessonsPanel::openingLoadsTheScenarioUndoably() {
    auto w = makeWindow();
    ModelDocument* doc = w->document();
    const ModelSpec before = doc->spec();  // the seed CNN preset
    LessonsPanel* p = w->lessonsPanel();
    QVERIFY(p->openCard(QStringLiteral("learning-rate")));
    const LessonCard* card = p->currentCard();
    QVERIFY(card);
    QCOMPARE(doc->spec().layers.size(), card->model.layers.size());
    QCOMPARE(doc->spec().training, card->model.training);
    QVERIFY(!doc->isModified());  // nothing to save until it is edited
    QVERIFY(doc->filePath().isEmpty());
    // Only the settings that matter are shown, with a way back to all.
    QCOMPARE(w->trainingConfigPanel()->focusFields(), QStringList{"optimizer.learning_rate"});
    QVERIFY(!w->trainingConfigPanel()->fieldEditor("seed")->isVisibleTo(w->trainingConfigPanel()));
    QVERIFY(w->trainingConfigPanel()
                ->fieldEditor("optimizer.learning_rate")
                ->isVisibleTo(w->trainingConfigPanel()));
    QCOMPARE(doc->undoStack()->undoText(),
             QStringLiteral("Open Lesson \u201cToo large, too small, just right\u201d"));
    // Undo brings the previous model back, and every setting shows again.
    doc->undoStack()->undo();
    QCOMPARE(doc->spec().training, before.training);
    QCOMPARE(doc->spec().layers.size(), before.layers.size());
    QVERIFY(w->trainingConfigPanel()->focusFields().isEmpty());
    doc->undoStack()->redo();
    QCOMPARE(doc->spec().training, card->model.training);
}

void TestLessonsPanel::unsavedWorkIsAskedAbout() {
    auto w = makeWindow();
    ModelDocument* doc = w->document();
    doc->setName(QStringLiteral("my model"));
    QVERIFY(doc->isModified());
    w->fileController()->setQuietUnsavedAnswer(QMessageBox::Cancel);
    QVERIFY(!w->lessonsPanel()->openCard(QStringLiteral("epochs")));
    QCOMPARE(QString::fromStdString(doc->spec().name), QStringLiteral("my model"));
    QVERIFY(!w->lessonsPanel()->currentCard());
    w->fileController()->setQuietUnsavedAnswer(QMessageBox::Discard);
    QVERIFY(w->lessonsPanel()->openCard(QStringLiteral("epochs")));
    QCOMPARE(QString::fromStdString(doc->spec().name), QStringLiteral("MLP"));
}

void TestLessonsPanel::predictRunAndCheck() {
    auto w = makeWindow();
    LessonsPanel* p = w->lessonsPanel();
    w->showLessons();
    QVERIFY(p->openCard(QStringLiteral("epochs")));
    QTRY_VERIFY_WITH_TIMEOUT(w->isDatasetReady(), kTimeout);
    QVERIFY(!p->runButton()->isEnabled());  // predict first
    const LessonCard* card = p->currentCard();
    p->choose(card->choiceIndex(card->answer));
    QVERIFY(p->runButton()->isEnabled());
    QVERIFY(p->sanityBox()->isChecked());  // on by default for lessons
    LessonSession* session = w->lessonSession();
    QSignalSpy sanity(session, &LessonSession::sanityChecked);
    QSignalSpy runs(session, &LessonSession::runFinished);
    QSignalSpy done(session, &LessonSession::finished);
    QSignalSpy recorded(w->trainingController(), &TrainingController::recordingStarted);
    QTest::mouseClick(p->runButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, kTimeout);
    QCOMPARE(sanity.count(), 1);
    QVERIFY(session->sanity().ok());
    QCOMPARE(runs.count(), 2);
    QVERIFY2(p->verdictText().startsWith(QStringLiteral("✔ Right.")), qPrintable(p->verdictText()));
    QVERIFY(p->verdictText().contains(QStringLiteral("10 and 50")));
    QVERIFY(p->explanationText().contains(QStringLiteral("500 images / 50 per batch")));
    QCOMPARE(session->results()[1].metric("steps"), 50.0);
    // Both runs were recorded under the lesson's name and are ticked for the overlay.
    QCOMPARE(recorded.count(), 2);
    const QString folder = recorded.at(1).at(0).toString();
    const RunInfo info = RunStore::load(folder.toStdString());
    QVERIFY2(QString::fromStdString(info.name).startsWith(
                 QStringLiteral("B: 5 epochs · lesson \u201cWhat an epoch is\u201d")),
             info.name.c_str());
    QCOMPARE(info.epochsDone, 5);
    w->showLessonView(QStringLiteral("runs"));
    QTRY_COMPARE(w->runsPanel()->model()->checkedFolders().size(), 2);
    // The view buttons show what the explanation points at.
    QPushButton* runsButton = nullptr;
    for (QPushButton* b : p->findChildren<QPushButton*>())
        if (b->text().startsWith(QStringLiteral("Runs tab"))) runsButton = b;
    QVERIFY(runsButton);
    w->showView(QStringLiteral("model"));
    QVERIFY(!w->runsPanel()->isVisible());
    runsButton->click();
    QTRY_VERIFY(w->runsPanel()->isVisible());
    if (!shotDir().isEmpty()) {
        w->showLessons();
        QTest::qWait(100);
        w->grab().save(shotDir() + QStringLiteral("/lessons-panel.png"));
    }
}

void TestLessonsPanel::wrongPredictionIsSaidSo() {
    auto w = makeWindow();
    LessonsPanel* p = w->lessonsPanel();
    QVERIFY(p->openCard(QStringLiteral("batch-size")));
    QTRY_VERIFY_WITH_TIMEOUT(w->isDatasetReady(), kTimeout);
    const LessonCard* card = p->currentCard();
    const int wrong = card->choiceIndex(card->answer) == 0 ? 1 : 0;
    p->choose(wrong);
    p->sanityBox()->setChecked(false);
    QSignalSpy sanity(w->lessonSession(), &LessonSession::sanityChecked);
    QSignalSpy done(w->lessonSession(), &LessonSession::finished);
    p->runExperiment();
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, kTimeout);
    QCOMPARE(sanity.count(), 0);
    QVERIFY2(p->verdictText().startsWith(QStringLiteral("✘ Not this time. What happened: Batch size 8.")),
             qPrintable(p->verdictText()));
}

void TestLessonsPanel::chineseTexts() {
    QLocale::setDefault(QLocale(QLocale::Chinese, QLocale::China));
    auto w = makeWindow();
    LessonsPanel* p = w->lessonsPanel();
    QCOMPARE(p->list()->topLevelItem(0)->text(0), QStringLiteral("前向传播与反向传播"));
    QVERIFY(p->openCard(QStringLiteral("learning-rate")));
    QCOMPARE(p->findChild<QLabel*>(QStringLiteral("lessonTitle"))->text(),
             QStringLiteral("太大、太小、刚好"));
    QVERIFY(p->findChild<QLabel*>(QStringLiteral("lessonQuestion"))
                ->text()
                .startsWith(QStringLiteral("两轮之后")));
    if (!shotDir().isEmpty()) {
        w->showLessons();
        QTest::qWait(100);
        w->grab().save(shotDir() + QStringLiteral("/lessons-panel-zh.png"));
    }
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

// A card on the learner's own images: Run waits for a folder; a folder with one class is refused with the
// reason; a good one (3 classes of 20 PNG digits, as a learner would draw them) is remembered, the scenario
// trains on it with 3 outputs, and the runs reach the documented verdict.
void TestLessonsPanel::ownImagesCard() {
    QSettings().remove(QStringLiteral("lessons/imageFolder"));
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    qputenv("LAYERLAB_CACHE_DIR", tmp.filePath(QStringLiteral("cache")).toUtf8());
    const Dataset subset = loadDataset(test::subsetPath());
    const QString good = tmp.filePath(QStringLiteral("symbols"));
    test::DigitFolderOptions o;
    o.trainPerClass = 20;
    o.trainTestFolders = false;
    o.mixedFormats = false;
    test::writeDigitFolder(good.toStdString(), subset, o);
    for (const char* d : {"2", "3", "4", "5", "6", "8", "9"})
        QVERIFY(QDir(good + QLatin1Char('/') + QLatin1String(d)).removeRecursively());
    const QString one = tmp.filePath(QStringLiteral("one"));
    QVERIFY(QDir().mkpath(one + QStringLiteral("/circle")));
    const QDir zeros(good + QStringLiteral("/0"));
    QVERIFY(QFile::copy(zeros.filePath(zeros.entryList(QDir::Files).front()),
                        one + QStringLiteral("/circle/a.png")));

    auto w = makeWindow();
    LessonsPanel* p = w->lessonsPanel();
    w->showLessons();
    QVERIFY(p->openCard(QStringLiteral("own-symbols")));
    QVERIFY(p->drawButton()->isVisibleTo(p) && p->imageFolderButton()->isVisibleTo(p));
    const LessonCard* card = p->currentCard();
    p->choose(card->choiceIndex(card->answer));
    QVERIFY(!p->runnableCard());
    QVERIFY(!p->runButton()->isEnabled());
    QVERIFY2(p->runButton()->toolTip().contains(QStringLiteral("No folder chosen")),
             qPrintable(p->runButton()->toolTip()));
    p->setImageFolder(one);
    QVERIFY(!p->runButton()->isEnabled());
    QVERIFY2(p->imageProblem().contains(QStringLiteral("class")), qPrintable(p->imageProblem()));
    p->setImageFolder(good);
    QCOMPARE(QSettings().value(QStringLiteral("lessons/imageFolder")).toString(), good);
    QVERIFY(p->runnableCard());
    QVERIFY(p->runButton()->isEnabled());
    const ModelSpec& spec = w->document()->spec();
    QCOMPARE(spec.training.dataset, DatasetKind::ImageFolder);
    QCOMPARE(QString::fromStdString(spec.training.dataFolder), QFileInfo(good).absoluteFilePath());
    QCOMPARE(spec.classes, 3);
    QVERIFY(
        p->findChild<QLabel*>(QStringLiteral("lessonImages"))->text().contains(QStringLiteral("3 classes")));
    QTRY_VERIFY_WITH_TIMEOUT(w->isDatasetReady(), kTimeout);
    QSignalSpy done(w->lessonSession(), &LessonSession::finished);
    p->sanityBox()->setChecked(false);
    p->runExperiment();
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, kTimeout);
    QVERIFY2(p->verdictText().startsWith(QStringLiteral("✔ Right.")), qPrintable(p->verdictText()));
    QCOMPARE(w->lessonSession()->results().size(), std::size_t(3));
    // Run A trained on 5 per class of the 3 classes.
    QCOMPARE(w->lessonSession()->card().runs[0].spec.training.trainSamples, 15);
    if (!shotDir().isEmpty()) w->grab().save(shotDir() + QStringLiteral("/lessons-own-images.png"));
    QSettings().remove(QStringLiteral("lessons/imageFolder"));
}

// frozen-base in the window: run B starts from run A's weights with the Conv2D layers frozen, so it ends with
// exactly A's final Conv2D weights, while its head learned afresh.
void TestLessonsPanel::runStartsFromAnEarlierRun() {
    auto w = makeWindow();
    LessonsPanel* p = w->lessonsPanel();
    QVERIFY(p->openCard(QStringLiteral("frozen-base")));
    QTRY_VERIFY_WITH_TIMEOUT(w->isDatasetReady(), kTimeout);
    const LessonCard* card = p->currentCard();
    p->choose(card->choiceIndex(card->answer));
    p->sanityBox()->setChecked(false);
    QSignalSpy done(w->lessonSession(), &LessonSession::finished);
    p->runExperiment();
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, kTimeout);
    QVERIFY2(p->verdictText().startsWith(QStringLiteral("✔ Right.")), qPrintable(p->verdictText()));
    const auto& finals = w->lessonSession()->finalWeights();
    QCOMPARE(int(finals.size()), 4);
    const std::vector<float>& a = finals[0];
    const std::vector<float>& b = finals[1];
    const std::vector<float>& c = finals[2];
    QCOMPARE(a.size(), b.size());
    const std::size_t conv = 80 + 1168;  // the two Conv2D layers come first in the parameters
    QVERIFY(std::equal(a.begin(), a.begin() + conv, b.begin()));
    QVERIFY(!std::equal(a.begin(), a.begin() + conv, c.begin()));       // C froze its own random base
    QVERIFY(!std::equal(a.begin() + conv, a.end(), b.begin() + conv));  // B's head learned afresh
    // The runs' records say where the weights came from: B names A's run folder, A and C fresh weights.
    const std::vector<QString>& folders = w->lessonSession()->runFolders();
    QCOMPARE(int(folders.size()), 4);
    QVERIFY(!folders[0].isEmpty());
    const RunInfo runA = RunStore::load(folders[0].toStdString());
    const RunInfo runB = RunStore::load(folders[1].toStdString());
    const RunInfo runC = RunStore::load(folders[2].toStdString());
    QVERIFY(runA.readable && runB.readable && runC.readable);
    QCOMPARE(runB.initialWeights, folders[0].toStdString());
    QCOMPARE(runA.initialWeights, std::string());
    QCOMPARE(runC.initialWeights, std::string());
}

QTEST_MAIN(TestLessonsPanel)
#include "tst_lessons_panel.moc"
