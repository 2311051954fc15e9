#include "widgets/lessons/lessons_panel.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QDir>
#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSplitter>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <cmath>

#include "core/lesson_runner.h"
#include "core/run_record.h"
#include "core/training_fields.h"
#include "widgets/common/field_editor.h"
#include "widgets/lessons/lesson_session.h"
#include "widgets/session/sanity_check_runner.h"

using layerlab::LessonCard;

namespace {

QString conceptName(const std::string& id) {
    const layerlab::LessonConcept* c = layerlab::lessonConcept(id);
    if (!c) return QString::fromStdString(id);
    return QString::fromUtf8(LessonLibrary::language() == "zh_CN" ? c->zhCN : c->en);
}

QLabel* wrapped(QWidget* parent, const QString& objectName) {
    auto* l = new QLabel(parent);
    l->setObjectName(objectName);
    l->setWordWrap(true);
    l->setTextFormat(Qt::PlainText);
    l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return l;
}

}  // namespace

LessonsPanel::LessonsPanel(LessonSession* session, QWidget* parent) : QWidget(parent), m_session(session) {
    setObjectName(QStringLiteral("LessonsPanel"));
    auto* v = new QVBoxLayout(this);
    v->setContentsMargins(4, 4, 4, 4);

    auto* tools = new QHBoxLayout;
    auto* folder = new QPushButton(tr("Open Folder…"), this);
    folder->setToolTip(
        tr("Read lesson cards from a folder of your own (one .json file per card; the format is in "
           "the README): for cards a teacher wrote or shared"));
    connect(folder, &QPushButton::clicked, this, &LessonsPanel::chooseFolder);
    auto* reloadButton = new QPushButton(tr("Reload"), this);
    reloadButton->setToolTip(tr("Read the cards again (after editing one)"));
    connect(reloadButton, &QPushButton::clicked, this, &LessonsPanel::reload);
    tools->addWidget(folder);
    tools->addWidget(reloadButton);
    tools->addStretch(1);
    v->addLayout(tools);

    m_errors = wrapped(this, QStringLiteral("lessonErrors"));
    m_errors->setStyleSheet(QStringLiteral("color:#8a1c1c;"));
    m_errors->setVisible(false);
    v->addWidget(m_errors);

    auto* split = new QSplitter(Qt::Vertical, this);
    m_list = new QTreeWidget(split);
    m_list->setObjectName(QStringLiteral("lessonList"));
    m_list->setHeaderHidden(true);
    m_list->setRootIsDecorated(true);
    m_list->setToolTip(
        tr("Click a card to open its experiment: its model and settings are loaded (Ctrl+Z undoes it)"));
    connect(m_list, &QTreeWidget::itemClicked, this, [this](QTreeWidgetItem* item) {
        const QString id = item->data(0, Qt::UserRole).toString();
        if (!id.isEmpty() && id != m_cardId) openCard(id);
    });
    connect(m_list, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem* item) {
        const QString id = item->data(0, Qt::UserRole).toString();
        if (!id.isEmpty() && id != m_cardId) openCard(id);
    });

    // The scroll area's widget stays shown (a scroll area does not lay out again a widget that was hidden):
    // a placeholder or the card's content inside it.
    auto* scrolled = new QWidget;
    auto* sv = new QVBoxLayout(scrolled);
    sv->setContentsMargins(0, 0, 0, 0);
    m_placeholder = wrapped(scrolled, QStringLiteral("lessonPlaceholder"));
    m_placeholder->setText(
        tr("Choose a card above. Each one loads a small experiment: you predict what it will "
           "show, run it, and see whether the results agree."));
    sv->addWidget(m_placeholder);
    m_cardView = new QWidget(scrolled);
    sv->addWidget(m_cardView);
    sv->addStretch(1);
    auto* cv = new QVBoxLayout(m_cardView);
    cv->setContentsMargins(2, 2, 2, 2);
    m_concept = wrapped(m_cardView, QStringLiteral("lessonConcept"));
    m_concept->setStyleSheet(QStringLiteral("color:palette(dark); font-size:small;"));
    m_title = wrapped(m_cardView, QStringLiteral("lessonTitle"));
    QFont big = m_title->font();
    big.setBold(true);
    big.setPointSizeF(big.pointSizeF() * 1.2);
    m_title->setFont(big);
    m_body = wrapped(m_cardView, QStringLiteral("lessonBody"));
    m_scenario = wrapped(m_cardView, QStringLiteral("lessonScenario"));
    m_scenario->setStyleSheet(QStringLiteral("background:palette(alternate-base); padding:4px;"));
    cv->addWidget(m_concept);
    cv->addWidget(m_title);
    cv->addWidget(m_body);
    cv->addWidget(m_scenario);

    // Cards on an image folder: where the images are, and buttons to draw or choose them.
    m_imagesBox = new QGroupBox(tr("Your images"), m_cardView);
    auto* iv = new QVBoxLayout(m_imagesBox);
    m_imagesText = wrapped(m_imagesBox, QStringLiteral("lessonImages"));
    iv->addWidget(m_imagesText);
    auto* ib = new QHBoxLayout;
    m_drawButton = new QPushButton(tr("Draw Examples…"), m_imagesBox);
    m_drawButton->setToolTip(
        tr("File > New Dataset…: name the classes and draw examples of each; this lesson then trains on the "
           "folder they are saved in"));
    connect(m_drawButton, &QPushButton::clicked, this, &LessonsPanel::drawExamplesRequested);
    m_pickButton = new QPushButton(tr("Choose Folder…"), m_imagesBox);
    m_pickButton->setToolTip(
        tr("A folder of your own images with one subfolder per class (circle/, triangle/, …)"));
    connect(m_pickButton, &QPushButton::clicked, this, &LessonsPanel::chooseImageFolder);
    ib->addWidget(m_drawButton);
    ib->addWidget(m_pickButton);
    ib->addStretch(1);
    iv->addLayout(ib);
    m_imagesBox->setVisible(false);
    cv->addWidget(m_imagesBox);

    m_questionBox = new QGroupBox(tr("Predict first"), m_cardView);
    m_questionBox->setToolTip(
        tr("Decide what you expect before the runs: the check afterwards tells you whether "
           "the results agree"));
    auto* qv = new QVBoxLayout(m_questionBox);
    m_question = wrapped(m_questionBox, QStringLiteral("lessonQuestion"));
    qv->addWidget(m_question);
    m_choicesLayout = new QVBoxLayout;
    qv->addLayout(m_choicesLayout);
    m_choices = new QButtonGroup(this);
    m_choices->setExclusive(true);
    connect(m_choices, &QButtonGroup::idClicked, this, [this] { updateButtons(); });
    cv->addWidget(m_questionBox);

    m_sanity = new QCheckBox(tr("Sanity check first"), m_cardView);
    m_sanity->setChecked(true);
    m_sanity->setToolTip(
        tr("Before the runs: is the starting loss close to ln(classes) (2.30 for 10), and can the "
           "model learn 20 images by heart? A few seconds that catch a broken set-up."));
    cv->addWidget(m_sanity);
    auto* buttons = new QHBoxLayout;
    m_runButton = new QPushButton(tr("Run the Experiment"), m_cardView);
    m_runButton->setObjectName(QStringLiteral("lessonRun"));
    m_runButton->setToolTip(tr("Choose your prediction first"));
    connect(m_runButton, &QPushButton::clicked, this, &LessonsPanel::runExperiment);
    m_stopButton = new QPushButton(tr("Stop"), m_cardView);
    connect(m_stopButton, &QPushButton::clicked, m_session, &LessonSession::stop);
    buttons->addWidget(m_runButton);
    buttons->addWidget(m_stopButton);
    buttons->addStretch(1);
    cv->addLayout(buttons);
    m_progress = wrapped(m_cardView, QStringLiteral("lessonProgress"));
    m_sanityText = wrapped(m_cardView, QStringLiteral("lessonSanity"));
    m_verdict = wrapped(m_cardView, QStringLiteral("lessonVerdict"));
    QFont bold = m_verdict->font();
    bold.setBold(true);
    m_verdict->setFont(bold);
    m_evidence = wrapped(m_cardView, QStringLiteral("lessonEvidence"));
    m_evidence->setStyleSheet(QStringLiteral("font-family:monospace; color:palette(dark);"));
    m_explanation = wrapped(m_cardView, QStringLiteral("lessonExplanation"));
    m_viewButtons = new QWidget(m_cardView);
    m_viewLayout = new QGridLayout(m_viewButtons);  // two buttons a row: the dock is narrow
    m_viewLayout->setContentsMargins(0, 0, 0, 0);
    m_tryNext = wrapped(m_cardView, QStringLiteral("lessonTryNext"));
    for (QWidget* w : {static_cast<QWidget*>(m_progress), static_cast<QWidget*>(m_sanityText),
                       static_cast<QWidget*>(m_verdict), static_cast<QWidget*>(m_evidence),
                       static_cast<QWidget*>(m_explanation), m_viewButtons, static_cast<QWidget*>(m_tryNext)})
        cv->addWidget(w);

    auto* scroll = new QScrollArea(split);
    m_scroll = scroll;
    scroll->setWidget(scrolled);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    // Always on: the wrapped labels are laid out for the width that stays (a scroll bar that appears later
    // would narrow them after their height was fixed, and cut their last lines).
    scroll->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOn);
    split->addWidget(m_list);
    split->addWidget(scroll);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 2);
    split->setSizes({220, 440});
    split->setChildrenCollapsible(false);
    v->addWidget(split, 1);

    connect(m_session, &LessonSession::stateChanged, this, &LessonsPanel::onSessionState);
    connect(m_session, &LessonSession::sanityChecked, this, &LessonsPanel::onSanity);
    connect(m_session, &LessonSession::runStarted, this, &LessonsPanel::onRunStarted);
    connect(m_session, &LessonSession::runFinished, this, &LessonsPanel::onRunFinished);
    connect(m_session, &LessonSession::finished, this, &LessonsPanel::onFinished);

    reload();
}

void LessonsPanel::reload() {
    const QString open = m_cardId;
    m_library.reload();
    m_errors->setText(
        m_library.errors().isEmpty()
            ? QString()
            : tr("Some cards could not be read:\n%1").arg(m_library.errors().join(QLatin1Char('\n'))));
    m_errors->setVisible(!m_library.errors().isEmpty());
    buildList();
    if (const LessonCard* c = m_library.card(open)) prepareImages(*c);
    showCard(m_library.card(open));
}

void LessonsPanel::buildList() {
    m_list->clear();
    QTreeWidgetItem* group = nullptr;
    std::string groupId;
    for (const LessonCard& c : m_library.cards()) {
        if (!group || c.conceptId != groupId) {
            groupId = c.conceptId;
            group = new QTreeWidgetItem(m_list, {conceptName(c.conceptId)});
            QFont f = group->font(0);
            f.setBold(true);
            group->setFont(0, f);
            group->setFlags(Qt::ItemIsEnabled);
            group->setExpanded(true);
        }
        auto* item = new QTreeWidgetItem(group, {LessonLibrary::text(c.title)});
        item->setData(0, Qt::UserRole, QString::fromStdString(c.id));
        item->setToolTip(0, LessonLibrary::text(c.summary));
        if (QString::fromStdString(c.id) == m_cardId) m_list->setCurrentItem(item);
    }
    m_list->expandAll();
}

const LessonCard* LessonsPanel::currentCard() const {
    return m_library.card(m_cardId);
}

bool LessonsPanel::openCard(const QString& id) {
    const LessonCard* card = m_library.card(id);
    auto reselect = [this] {
        for (QTreeWidgetItemIterator it(m_list); *it; ++it)
            if ((*it)->data(0, Qt::UserRole).toString() == m_cardId) m_list->setCurrentItem(*it);
        if (m_cardId.isEmpty()) m_list->setCurrentItem(nullptr);
    };
    if (!card) {
        emit message(tr("There is no lesson card \u201c%1\u201d.").arg(id), 8000);
        return false;
    }
    if (m_session->isActive()) {
        emit message(tr("A lesson is running: stop it first."), 6000);
        reselect();
        return false;
    }
    // A card on an image folder opens pointed at its folder (the learner's remembered one) when that can be
    // used; the state is kept only when the card opens.
    const QString oldFolder = m_imageFolder, oldProblem = m_imageProblem;
    const LessonCard oldPrepared = m_prepared;
    const bool oldHas = m_hasPrepared;
    prepareImages(*card);
    if (m_opener && !m_opener(m_hasPrepared ? m_prepared : *card)) {
        m_imageFolder = oldFolder;
        m_imageProblem = oldProblem;
        m_prepared = oldPrepared;
        m_hasPrepared = oldHas;
        reselect();
        return false;
    }
    m_cardId = id;
    reselect();
    showCard(card);
    return true;
}

const LessonCard* LessonsPanel::runnableCard() const {
    const LessonCard* card = currentCard();
    if (!card || !card->data.imageFolder()) return card;
    return m_hasPrepared ? &m_prepared : nullptr;
}

void LessonsPanel::prepareImages(const LessonCard& card) {
    m_hasPrepared = false;
    m_imageProblem.clear();
    m_imageFolder.clear();
    if (!card.data.imageFolder()) return;
    m_imageFolder = card.data.source == layerlab::LessonData::Source::Learner
                        ? QSettings().value(QStringLiteral("lessons/imageFolder")).toString()
                        : QString::fromStdString(card.data.folder);
    if (m_imageFolder.isEmpty()) {
        m_imageProblem = tr("No folder chosen yet: draw examples, or choose a folder of your own images.");
        return;
    }
    m_prepared = card;
    try {
        layerlab::useLessonImageFolder(m_prepared, QFile::encodeName(m_imageFolder).toStdString());
        m_hasPrepared = true;
    } catch (const std::exception& e) {
        m_imageProblem = QString::fromStdString(e.what());
    }
}

void LessonsPanel::showImages() {
    const LessonCard* card = currentCard();
    const bool shown = card && card->data.imageFolder();
    m_imagesBox->setVisible(shown);
    if (!shown) return;
    const bool learner = card->data.source == layerlab::LessonData::Source::Learner;
    m_drawButton->setVisible(learner);
    m_pickButton->setVisible(learner);
    QStringList lines;
    if (!card->data.prompt.en.empty()) lines << LessonLibrary::text(card->data.prompt);
    if (m_hasPrepared)
        lines << tr("Folder: %1 (%2 classes)")
                     .arg(QDir::toNativeSeparators(m_imageFolder))
                     .arg(m_prepared.model.classes);
    else
        lines << m_imageProblem;
    m_imagesText->setText(lines.join(QLatin1Char('\n')));
    m_imagesText->setStyleSheet(m_hasPrepared ? QString() : QStringLiteral("color:#8a1c1c;"));
}

void LessonsPanel::setImageFolder(const QString& dir) {
    if (dir.isEmpty()) return;
    QSettings().setValue(QStringLiteral("lessons/imageFolder"), dir);
    const LessonCard* card = currentCard();
    if (!card || card->data.source != layerlab::LessonData::Source::Learner || m_session->isActive()) return;
    prepareImages(*card);
    if (m_hasPrepared) {
        // The scenario again, now training on the folder (one more undo step).
        if (m_opener) m_opener(m_prepared);
        emit message(tr("This lesson trains on the images in %1.").arg(QDir::toNativeSeparators(dir)), 8000);
    }
    m_scenario->setText(scenarioText(*card));
    showImages();
    updateButtons();
}

void LessonsPanel::chooseImageFolder() {
    QString start = m_imageFolder;
    if (start.isEmpty() || !QFileInfo(start).isDir()) start = QDir::homePath();
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Your Images for the Lesson"), start);
    if (!dir.isEmpty()) setImageFolder(dir);
}

QString LessonsPanel::scenarioText(const LessonCard& card) const {
    const layerlab::TrainingSpec& t = card.model.training;
    QStringList layers;
    for (const layerlab::LayerSpec& l : card.model.layers)
        layers << QString::fromLatin1(layerlab::layerTypeName(l.type));
    const QLocale locale;
    QString text =
        tr("Model: %1 (%2)").arg(QString::fromStdString(card.model.name), layers.join(QStringLiteral(", ")));
    QString optimizer = QString::fromLatin1(layerlab::optimizerName(t.optimizer.type));
    if (const layerlab::TrainingField* f = layerlab::trainingField("optimizer.type"))
        if (const layerlab::ChoiceOption* o = f->meta.optionByKey(layerlab::optimizerName(t.optimizer.type)))
            optimizer = FieldEditor::uiText(o->label);
    text += QLatin1Char('\n') + tr("%1, learning rate %2, batch size %3, epochs %4, seed %5")
                                    .arg(optimizer)
                                    .arg(double(t.optimizer.learningRate))
                                    .arg(t.batchSize)
                                    .arg(t.epochs)
                                    .arg(t.seed);
    if (card.data.imageFolder())
        text += QLatin1Char('\n') +
                (m_hasPrepared
                     ? tr("Data: your images in %1, %2 classes; %3% of each class held back for testing")
                           .arg(QFileInfo(m_imageFolder).fileName())
                           .arg(m_prepared.model.classes)
                           .arg(std::lround(100 * double(t.imageImport.testSplit)))
                     : tr("Data: your own images (see below)"));
    else
        text += QLatin1Char('\n') + (t.trainSamples > 0
                                         ? tr("Data: %1 training images of the bundled MNIST subset")
                                               .arg(locale.toString(t.trainSamples))
                                         : tr("Data: the training images of the bundled MNIST subset"));
    text += QLatin1Char('\n') + tr("Runs:");
    for (const layerlab::LessonRun& r : card.runs)
        text += QStringLiteral("\n  %1 — %2").arg(QString::fromStdString(r.id), LessonLibrary::text(r.label));
    if (!card.controls.empty()) {
        QStringList names;
        for (const std::string& k : card.controls) names << QString::fromStdString(layerlab::settingLabel(k));
        text += QLatin1Char('\n') + tr("Settings that matter here: %1").arg(names.join(QStringLiteral(", ")));
    }
    return text;
}

void LessonsPanel::showCard(const LessonCard* card) {
    clearOutcome();
    qDeleteAll(m_choiceRows);  // their buttons leave the group as they go
    m_choiceRows.clear();
    m_cardView->setVisible(card != nullptr);
    m_placeholder->setVisible(card == nullptr);
    if (!card) {
        m_cardId.clear();
        return;
    }
    m_concept->setText(conceptName(card->conceptId));
    m_title->setText(LessonLibrary::text(card->title));
    m_body->setText(LessonLibrary::text(card->body));
    m_scenario->setText(scenarioText(*card));
    showImages();
    m_scroll->verticalScrollBar()->setValue(0);
    m_question->setText(LessonLibrary::text(card->question));
    for (std::size_t i = 0; i < card->choices.size(); ++i) {
        // A radio button's text does not wrap: a label beside an empty button does, and a click on it
        // chooses (eventFilter).
        auto* row = new QWidget(m_questionBox);
        auto* h = new QHBoxLayout(row);
        h->setContentsMargins(0, 0, 0, 0);
        auto* b = new QRadioButton(row);
        b->setObjectName(QStringLiteral("choice%1").arg(i));
        auto* label = new QLabel(LessonLibrary::text(card->choices[i].text), row);
        label->setWordWrap(true);
        label->setProperty("choice", int(i));
        label->installEventFilter(this);
        b->setAccessibleName(label->text());
        h->addWidget(b, 0, Qt::AlignTop);
        h->addWidget(label, 1);
        m_choicesLayout->addWidget(row);
        m_choices->addButton(b, int(i));
        m_choiceRows.push_back(row);
    }
    updateButtons();
}

// The UI language changed (View > Language): the card's texts in the new language, keeping the learner's
// choice and outcome.
void LessonsPanel::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() != QEvent::LanguageChange || !m_list) return;
    buildList();
    const LessonCard* card = currentCard();
    if (!card) return;
    m_concept->setText(conceptName(card->conceptId));
    m_title->setText(LessonLibrary::text(card->title));
    m_body->setText(LessonLibrary::text(card->body));
    m_scenario->setText(scenarioText(*card));
    showImages();
    m_question->setText(LessonLibrary::text(card->question));
    for (QWidget* row : m_choiceRows)
        for (QLabel* label : row->findChildren<QLabel*>()) {
            const int i = label->property("choice").toInt();
            if (i >= 0 && std::size_t(i) < card->choices.size())
                label->setText(LessonLibrary::text(card->choices[std::size_t(i)].text));
        }
}

void LessonsPanel::clearOutcome() {
    for (QLabel* l : {m_progress, m_sanityText, m_verdict, m_evidence, m_explanation, m_tryNext}) {
        l->clear();
        l->setVisible(false);
    }
    m_verdict->setStyleSheet(QString());
    while (QLayoutItem* item = m_viewLayout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    m_viewButtons->setVisible(false);
}

void LessonsPanel::choose(int choice) {
    if (QAbstractButton* b = m_choices->button(choice)) b->setChecked(true);
    updateButtons();
}

int LessonsPanel::chosen() const {
    return m_choices->checkedId();
}

void LessonsPanel::updateButtons() {
    const bool active = m_session->isActive();
    const bool ready = runnableCard() && chosen() >= 0;
    m_runButton->setEnabled(ready && !active);
    m_runButton->setToolTip(ready
                                ? tr("Train the card's runs, then check your prediction against the results")
                            : currentCard() && !runnableCard() ? m_imageProblem
                                                               : tr("Choose your prediction first"));
    m_drawButton->setEnabled(!active);
    m_pickButton->setEnabled(!active);
    m_stopButton->setVisible(active);
    m_sanity->setEnabled(!active);
    for (QAbstractButton* b : m_choices->buttons()) b->setEnabled(!active);
    m_list->setEnabled(!active);
}

void LessonsPanel::runExperiment() {
    const LessonCard* card = runnableCard();
    if (!card || chosen() < 0 || m_session->isActive()) return;
    clearOutcome();
    m_session->start(*card, m_sanity->isChecked());
    updateButtons();
}

void LessonsPanel::onSessionState() {
    updateButtons();
    const LessonSession::State s = m_session->state();
    if (s == LessonSession::State::Checking) {
        m_progress->setText(tr("Sanity check: the first loss, then 20 images learned by heart…"));
        m_progress->setVisible(true);
    }
    if (s == LessonSession::State::Failed || s == LessonSession::State::Stopped) {
        m_progress->setText(s == LessonSession::State::Failed
                                ? tr("The lesson could not finish: %1").arg(m_session->error())
                                : m_session->error());
        m_progress->setVisible(true);
    }
}

void LessonsPanel::onSanity() {
    m_sanityText->setText(tr("Sanity check: %1").arg(SanityCheckRunner::summary(m_session->sanity())));
    m_sanityText->setVisible(true);
}

void LessonsPanel::onRunStarted(int index) {
    const LessonCard& card = m_session->card();
    m_progress->setText(tr("Run %1 of %2: %3 — %4 (the Training tab shows it live)")
                            .arg(index + 1)
                            .arg(card.runs.size())
                            .arg(QString::fromStdString(card.runs[std::size_t(index)].id),
                                 LessonLibrary::text(card.runs[std::size_t(index)].label)));
    m_progress->setVisible(true);
}

void LessonsPanel::onRunFinished(int index) {
    const LessonCard& card = m_session->card();
    if (index + 1 == int(card.runs.size()))
        m_progress->setText(tr("All runs done (%1).").arg(card.runs.size()));
}

void LessonsPanel::onFinished() {
    const LessonCard& card = m_session->card();
    const layerlab::LessonVerdict& v = m_session->verdict();
    const int mine = chosen();
    QString verdict;
    QString style;
    if (v.settled()) {
        const QString happened = LessonLibrary::text(card.choices[std::size_t(v.happened)].text);
        if (v.right(mine)) {
            verdict = tr("✔ Right. %1").arg(happened);
            style = QStringLiteral("background:#e3f4e1; color:#1d5a1a; padding:4px;");
        } else {
            verdict = tr("✘ Not this time. What happened: %1").arg(happened);
            style = QStringLiteral("background:#fde2e1; color:#8a1c1c; padding:4px;");
        }
    } else {
        int held = 0;
        for (bool h : v.holds) held += h;
        verdict = held == 0
                      ? tr("The runs did not settle it: none of the answers came true this time.")
                      : tr("The runs did not settle it: %1 of the answers came true at once.").arg(held);
        style = QStringLiteral("background:#fff4c2; color:#5a4500; padding:4px;");
    }
    m_verdict->setText(verdict);
    m_verdict->setStyleSheet(style);
    m_verdict->setVisible(true);
    QStringList evidence;
    for (const std::string& e : layerlab::lessonEvidence(card, m_session->results()))
        evidence << QString::fromStdString(e);
    m_evidence->setText(tr("Measured:") + QLatin1Char('\n') + evidence.join(QLatin1Char('\n')));
    m_evidence->setVisible(true);
    m_explanation->setText(LessonLibrary::text(card.explanation));
    m_explanation->setVisible(true);
    int placed = 0;
    for (const std::string& id : card.views) {
        const layerlab::LessonView* view = layerlab::lessonView(id);
        if (!view) continue;
        const QString name = QString::fromUtf8(LessonLibrary::language() == "zh_CN" ? view->zhCN : view->en);
        auto* b = new QPushButton(name, m_viewButtons);
        b->setToolTip(tr("Show the %1").arg(name));
        const QString viewId = QString::fromStdString(id);
        connect(b, &QPushButton::clicked, this, [this, viewId] { emit viewRequested(viewId); });
        m_viewLayout->addWidget(b, placed / 2, placed % 2);
        ++placed;
    }
    m_viewButtons->setVisible(!card.views.empty());
    m_tryNext->setText(tr("Try next: %1").arg(LessonLibrary::text(card.tryNext)));
    m_tryNext->setVisible(true);
    // Once laid out: the verdict at the top of the view, what follows it below.
    QTimer::singleShot(0, this, [this] { m_scroll->verticalScrollBar()->setValue(m_verdict->y()); });
}

void LessonsPanel::chooseFolder() {
    QString start = LessonLibrary::folder();
    if (!QFileInfo(start).isDir()) {
        QDir().mkpath(start);  // the default folder, made on first use so it can be chosen
        if (!QFileInfo(start).isDir()) start = QDir::homePath();
    }
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Lesson Cards Folder"), start);
    if (dir.isEmpty()) return;
    LessonLibrary::setFolder(dir);
    reload();
    emit message(tr("Lesson cards read from %1 and the bundled ones.").arg(QDir::toNativeSeparators(dir)),
                 8000);
}

bool LessonsPanel::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() == QEvent::MouseButtonRelease && watched->property("choice").isValid()) {
        if (auto* b = m_choices->button(watched->property("choice").toInt()); b && b->isEnabled()) {
            b->setChecked(true);
            updateButtons();
        }
    }
    return QWidget::eventFilter(watched, event);
}

QString LessonsPanel::verdictText() const {
    return m_verdict->text();
}

QString LessonsPanel::explanationText() const {
    return m_explanation->text();
}
