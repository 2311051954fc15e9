#pragma once
// The Lessons panel: the lesson cards (LessonLibrary) listed by concept; a card shows its concept, what the
// scenario trains and which settings matter, and asks the learner to predict first (one choice, then "Run
// the experiment"); the runs train in the studio (LessonSession), then the panel says what happened, whether
// the prediction was right, what was measured, why (the card's explanation, with buttons that show the views
// it points at) and what to try next. Texts are the card's, in Chinese when the UI language is Chinese.
// Opening a card goes through an Opener (the window: it asks about unsaved work and loads the scenario as one
// undoable step); the panel never touches the document itself.
#include <QWidget>
#include <functional>
#include <vector>

#include "core/lesson_card.h"
#include "widgets/lessons/lesson_library.h"

class LessonSession;
class QButtonGroup;
class QCheckBox;
class QLabel;
class QPushButton;
class QScrollArea;
class QTreeWidget;
class QTreeWidgetItem;
class QVBoxLayout;
class QGroupBox;
class QGridLayout;

class LessonsPanel : public QWidget {
    Q_OBJECT
public:
    // Loads `card`'s scenario into the studio; false when the user cancelled (or it could not).
    using Opener = std::function<bool(const layerlab::LessonCard& card)>;

    LessonsPanel(LessonSession* session, QWidget* parent = nullptr);

    void setOpener(Opener opener) { m_opener = std::move(opener); }
    // Reads the cards again (bundled and the teacher's folder) and lists them.
    void reload();
    const LessonLibrary& library() const { return m_library; }

    // Opens the card with this id (as clicking it does). Returns whether it opened.
    bool openCard(const QString& id);
    const layerlab::LessonCard* currentCard() const;
    // The card as it runs: for a card on an image folder, pointed at the folder (the learner's, remembered
    // in QSettings "lessons/imageFolder") with its output sized to the folder's classes; null when such a
    // card has no usable folder yet (imageProblem() says why).
    const layerlab::LessonCard* runnableCard() const;
    QString imageFolder() const { return m_imageFolder; }
    QString imageProblem() const { return m_imageProblem; }
    QPushButton* drawButton() const { return m_drawButton; }
    QPushButton* imageFolderButton() const { return m_pickButton; }
    // The learner's prediction: a choice index of the current card, -1 for none. Selecting enables Run.
    void choose(int choice);
    int chosen() const;
    QPushButton* runButton() const { return m_runButton; }
    QPushButton* stopButton() const { return m_stopButton; }
    QCheckBox* sanityBox() const { return m_sanity; }
    QTreeWidget* list() const { return m_list; }
    // The verdict line ("Right: …", "Not this time: …", "The runs did not settle it: …"), for tests.
    QString verdictText() const;
    QString explanationText() const;

public slots:
    void runExperiment();
    void chooseFolder();
    // The learner's images for cards on "the learner's own" folder: remembered, checked (layout, classes,
    // images per class), and the open card's scenario loaded again to train on it.
    void setImageFolder(const QString& dir);
    void chooseImageFolder();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

signals:
    void viewRequested(const QString& viewId);
    // "Draw Examples…": the window opens File > New Dataset… and gives the folder back (setImageFolder).
    void drawExamplesRequested();
    void message(const QString& text, int ms);

private:
    void changeEvent(QEvent* event) override;
    void buildList();
    void showCard(const layerlab::LessonCard* card);
    void clearOutcome();
    void updateButtons();
    void onSessionState();
    void onSanity();
    void onRunStarted(int index);
    void onRunFinished(int index);
    void onFinished();
    QString scenarioText(const layerlab::LessonCard& card) const;
    void prepareImages(const layerlab::LessonCard& card);
    void showImages();

    LessonSession* m_session;
    LessonLibrary m_library;
    Opener m_opener;
    QString m_cardId;                 // the open card
    QString m_imageFolder;            // the image folder of the open card (empty: none chosen)
    QString m_imageProblem;           // why it cannot be used
    layerlab::LessonCard m_prepared;  // the open card pointed at m_imageFolder
    bool m_hasPrepared = false;

    QTreeWidget* m_list = nullptr;
    QLabel* m_errors = nullptr;
    QLabel* m_placeholder = nullptr;
    QScrollArea* m_scroll = nullptr;
    QWidget* m_cardView = nullptr;
    QLabel* m_concept = nullptr;
    QLabel* m_title = nullptr;
    QLabel* m_body = nullptr;
    QLabel* m_scenario = nullptr;
    QGroupBox* m_imagesBox = nullptr;
    QLabel* m_imagesText = nullptr;
    QPushButton* m_drawButton = nullptr;
    QPushButton* m_pickButton = nullptr;
    QGroupBox* m_questionBox = nullptr;
    QLabel* m_question = nullptr;
    QVBoxLayout* m_choicesLayout = nullptr;
    QButtonGroup* m_choices = nullptr;
    std::vector<QWidget*> m_choiceRows;
    QCheckBox* m_sanity = nullptr;
    QPushButton* m_runButton = nullptr;
    QPushButton* m_stopButton = nullptr;
    QLabel* m_progress = nullptr;
    QLabel* m_sanityText = nullptr;
    QLabel* m_verdict = nullptr;
    QLabel* m_evidence = nullptr;
    QLabel* m_explanation = nullptr;
    QWidget* m_viewButtons = nullptr;
    QGridLayout* m_viewLayout = nullptr;
    QLabel* m_tryNext = nullptr;
};
