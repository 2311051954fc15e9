// MainWindow's layout: the banners and centre tabs, the docks, the toolbar and the menus. The wiring and the
// session state are in main_window.cpp.
#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QDockWidget>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QScreen>
#include <QScrollArea>
#include <QSplitter>
#include <QTabWidget>
#include <QToolBar>
#include <QVBoxLayout>
#include <algorithm>

#include "widgets/common/language_manager.h"
#include "widgets/document/model_file_controller.h"
#include "widgets/editor/layer_inspector.h"
#include "widgets/editor/layer_palette.h"
#include "widgets/editor/model_editor.h"
#include "widgets/editor/model_summary_bar.h"
#include "widgets/evaluate/evaluate_workspace.h"
#include "widgets/lessons/lessons_panel.h"
#include "widgets/runs/runs_panel.h"
#include "widgets/studio/checkpoint_actions.h"
#include "widgets/studio/image_folder_actions.h"
#include "widgets/studio/main_window.h"
#include "widgets/studio/run_actions.h"
#include "widgets/training/health_view.h"
#include "widgets/training/step_view.h"
#include "widgets/training/training_charts.h"
#include "widgets/training/training_config_panel.h"
#include "widgets/training/training_progress_bar.h"
#include "widgets/views/feature_map_view.h"
#include "widgets/views/filter_view.h"

namespace {

QScrollArea* scrolled(QWidget* w, QWidget* parent) {
    auto* s = new QScrollArea(parent);
    s->setWidget(w);
    s->setWidgetResizable(true);
    s->setFrameShape(QFrame::NoFrame);
    s->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    return s;
}

}  // namespace

void MainWindow::buildCentralArea() {
    auto* central = new QWidget(this);
    auto* v = new QVBoxLayout(central);
    v->setContentsMargins(0, 0, 0, 0);
    v->setSpacing(0);

    m_banner = new QLabel(central);
    m_banner->setObjectName(QStringLiteral("noticeBanner"));
    m_banner->setWordWrap(true);
    m_banner->setContentsMargins(8, 4, 8, 4);
    m_banner->setStyleSheet(
        QStringLiteral("background:#fff4c2; color:#5a4500; border-bottom:1px solid #e0c860;"));
    m_banner->setVisible(false);
    v->addWidget(m_banner);

    m_blocked = new QLabel(central);
    m_blocked->setObjectName(QStringLiteral("blockedBanner"));
    m_blocked->setWordWrap(true);
    m_blocked->setContentsMargins(8, 4, 8, 4);
    m_blocked->setStyleSheet(
        QStringLiteral("background:#fde2e1; color:#8a1c1c; border-bottom:1px solid #e8a5a2;"));
    m_blocked->setVisible(false);
    v->addWidget(m_blocked);

    m_tabs = new QTabWidget(central);
    m_tabs->setDocumentMode(true);

    m_modelTab = new QWidget(m_tabs);
    auto* mv = new QVBoxLayout(m_modelTab);
    mv->setContentsMargins(0, 0, 0, 0);
    mv->setSpacing(0);
    m_editor = new ModelEditor(m_doc, m_modelTab);
    m_summary = new ModelSummaryBar(m_doc, m_modelTab);
    mv->addWidget(m_editor, 1);
    mv->addWidget(m_summary);
    m_tabs->addTab(m_modelTab, tr("Model"));

    m_trainingTab = new QSplitter(Qt::Vertical, m_tabs);
    m_charts = new TrainingCharts(m_trainingTab);
    m_insightTabs = new QTabWidget(m_trainingTab);
    m_filters = new FilterView(m_insightTabs);
    m_featureMaps = new FeatureMapView(m_insightTabs);
    m_insightTabs->addTab(m_filters, tr("Filters"));
    m_insightTabs->addTab(m_featureMaps, tr("Feature maps"));
    m_health = new HealthView(m_insightTabs);
    m_insightTabs->addTab(m_health, tr("Health"));
    m_stepView = new StepView(m_insightTabs);
    m_insightTabs->addTab(m_stepView, tr("Step"));
    m_insightTabs->setTabToolTip(3,
                                 tr("After Step (F10): the batch's images with their predictions before and "
                                    "after the step, and one Dense layer's numbers for one sample"));
    m_insightTabs->setTabToolTip(2, tr("Inside every layer while it trains: dead units, gradients, how much "
                                       "each step moves the weights, and alerts in plain words"));
    m_insightTabs->setTabToolTip(0, tr("The learned kernels of every Conv2D layer, and a first Dense layer's "
                                       "weights on the pixels"));
    m_insightTabs->setTabToolTip(1, tr("What every layer outputs for one held-out image"));
    m_trainingTab->addWidget(m_charts);
    m_trainingTab->addWidget(m_insightTabs);
    m_trainingTab->setStretchFactor(0, 1);
    m_trainingTab->setStretchFactor(1, 1);
    m_trainingTab->setSizes({550, 450});  // a little more for the charts, which cannot scroll
    m_trainingTab->setChildrenCollapsible(false);
    m_tabs->addTab(m_trainingTab, tr("Training"));
    m_evaluate = new EvaluateWorkspace(m_tabs);
    m_tabs->addTab(m_evaluate, tr("Evaluate"));
    m_tabs->setTabToolTip(2, tr("What the model gets wrong, whether it reads your handwriting, and why it "
                                "answers what it does (Ctrl+3)"));
    m_runsPanel = new RunsPanel(m_tabs);
    m_tabs->addTab(m_runsPanel, tr("Runs"));
    m_tabs->setTabToolTip(m_tabs->count() - 1,
                          tr("Every training run kept: compare their curves and settings"));
    v->addWidget(m_tabs, 1);
    setCentralWidget(central);

    auto* bar = addToolBar(tr("Train"));
    bar->setObjectName("TrainToolBar");
    bar->setMovable(false);
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->addAction(m_runs->startAction());
    bar->addAction(m_runs->pauseAction());
    bar->addAction(m_runs->stopAction());
    bar->addAction(m_runs->stepAction());
    bar->addSeparator();
    m_progress = new TrainingProgressBar(bar);
    bar->addWidget(m_progress);

    connect(m_editor, &ModelEditor::selectionChanged, this, [this](const QString&) {
        if (m_sideTabs) m_sideTabs->setCurrentIndex(0);
    });
    connect(m_exportChartsAction, &QAction::triggered, m_charts, &TrainingCharts::exportInteractive);
}

void MainWindow::buildDocks() {
    auto* left = new QDockWidget(tr("Layers"), this);
    m_layersDock = left;
    left->setObjectName("LayersDock");
    m_palette = new LayerPalette(left);
    left->setWidget(m_palette);
    left->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetClosable);
    addDockWidget(Qt::LeftDockWidgetArea, left);
    connect(m_palette, &LayerPalette::layerActivated, m_editor, &ModelEditor::insertLayerAfterSelection);

    auto* right = new QDockWidget(tr("Settings"), this);
    right->setObjectName("SettingsDock");
    m_sideTabs = new QTabWidget(right);
    m_inspector = new LayerInspector(m_doc, m_sideTabs);
    m_config = new TrainingConfigPanel(m_doc, m_sideTabs);
    m_sideTabs->addTab(scrolled(m_inspector, m_sideTabs), tr("Layer"));
    m_sideTabs->addTab(scrolled(m_config, m_sideTabs), tr("Training"));
    right->setWidget(m_sideTabs);
    right->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetClosable);
    addDockWidget(Qt::RightDockWidgetArea, right);
    connect(m_editor, &ModelEditor::selectionChanged, m_inspector, &LayerInspector::showLayer);

    // Lessons: beside the layer palette (tabbed with it), wider while it is shown.
    m_lessonsDock = new QDockWidget(tr("Lessons"), this);
    m_lessonsDock->setObjectName("LessonsDock");
    m_lessons = new LessonsPanel(m_lessonSession, m_lessonsDock);
    m_lessonsDock->setWidget(m_lessons);
    m_lessonsDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetClosable);
    addDockWidget(Qt::LeftDockWidgetArea, m_lessonsDock);
    tabifyDockWidget(left, m_lessonsDock);
    left->raise();
    // The area follows the tab on show: wide for the cards' text, narrow again for the palette.
    connect(m_lessonsDock, &QDockWidget::visibilityChanged, this, [this](bool visible) {
        if (!visible) return;
        const int width = screen() ? screen()->availableGeometry().width() : 1366;
        resizeDocks({m_lessonsDock}, {std::min(340, width / 4)}, Qt::Horizontal);
    });
    connect(left, &QDockWidget::visibilityChanged, this, [this, left](bool visible) {
        if (!visible || !tabifiedDockWidgets(left).contains(m_lessonsDock)) return;
        const int width = screen() ? screen()->availableGeometry().width() : 1366;
        resizeDocks({left}, {std::min(190, width / 7)}, Qt::Horizontal);
    });
    // Narrower on a small screen (1366x768 at 150 % is 911 logical pixels wide), so the centre keeps room.
    const int screenWidth = screen() ? screen()->availableGeometry().width() : 1366;
    resizeDocks({left, right},
                {std::min(190, screenWidth / 7), std::min(330, std::max(280, screenWidth / 4))},
                Qt::Horizontal);
}

void MainWindow::buildMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_files->newAction());
    file->addAction(m_files->openAction());
    file->addMenu(m_files->recentFilesMenu());
    file->addAction(m_files->saveAction());
    file->addAction(m_files->saveAsAction());
    file->addAction(m_files->strictAction());
    file->addSeparator();
    file->addAction(m_openDataAction);
    file->addAction(m_imageFolders->openAction());
    file->addAction(m_imageFolders->newDatasetAction());
    file->addAction(m_imageFolders->settingsAction());
    file->addAction(m_imageFolders->summaryAction());
    file->addSeparator();
    file->addAction(m_checkpoints->loadAction());
    file->addAction(m_checkpoints->saveAction());
    file->addAction(m_checkpoints->startFromWeightsAction());
    file->addSeparator();
    QMenu* exportMenu = file->addMenu(tr("E&xport"));
    exportMenu->addAction(m_checkpoints->exportOnnxAction());
    exportMenu->addAction(m_checkpoints->exportPytorchAction());
    file->addAction(m_exportChartsAction);
    file->addSeparator();
    file->addAction(m_quitAction);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(m_files->undoAction());
    edit->addAction(m_files->redoAction());
    edit->addSeparator();
    edit->addAction(m_editor->deleteAction());
    edit->addAction(m_editor->duplicateAction());
    edit->addAction(m_editor->moveUpAction());
    edit->addAction(m_editor->moveDownAction());
    edit->addAction(m_editor->freezeAction());

    menuBar()->addMenu(m_files->presetsMenu());

    QMenu* train = menuBar()->addMenu(tr("&Train"));
    train->addAction(m_runs->startAction());
    train->addAction(m_runs->pauseAction());
    train->addAction(m_runs->stopAction());
    train->addAction(m_runs->stepAction());
    train->addSeparator();
    train->addAction(m_checkpoints->startFromWeightsAction());
    train->addAction(m_sweepAction);
    train->addAction(m_runs->sanityAction());

    QMenu* tools = menuBar()->addMenu(tr("T&ools"));
    QAction* compress = tools->addAction(tr("&Compress Model…"));
    compress->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K));
    compress->setStatusTip(
        tr("Quantize the trained model to int8 and prune it at several sparsities: size, "
           "test accuracy and speed of each variant (Ctrl+Shift+K)"));
    connect(compress, &QAction::triggered, this, &MainWindow::openCompressDialog);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    QAction* showModel = view->addAction(tr("&Model"));
    showModel->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_1));
    connect(showModel, &QAction::triggered, this, [this] { m_tabs->setCurrentWidget(m_modelTab); });
    QAction* showTraining = view->addAction(tr("&Training"));
    showTraining->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_2));
    connect(showTraining, &QAction::triggered, this, [this] { m_tabs->setCurrentWidget(m_trainingTab); });
    QAction* showEvaluate = view->addAction(tr("&Evaluate"));
    showEvaluate->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_3));
    connect(showEvaluate, &QAction::triggered, this, [this] { m_tabs->setCurrentWidget(m_evaluate); });
    QAction* showRuns = view->addAction(tr("&Runs"));
    showRuns->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_4));
    connect(showRuns, &QAction::triggered, this, [this] { m_tabs->setCurrentWidget(m_runsPanel); });
    QAction* lessons = view->addAction(tr("&Lessons"));
    lessons->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L));
    lessons->setStatusTip(tr("Guided experiments, one card per concept: predict, run, check (Ctrl+Shift+L)"));
    connect(lessons, &QAction::triggered, this, &MainWindow::showLessons);
    QAction* fit = view->addAction(tr("&Fit Charts"));
    connect(fit, &QAction::triggered, m_charts, &TrainingCharts::fitToData);
    view->addSeparator();
    for (QDockWidget* d : findChildren<QDockWidget*>()) view->addAction(d->toggleViewAction());
    view->addSeparator();
    view->addMenu(buildLanguageMenu());

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&Lessons"), this, &MainWindow::showLessons);
    help->addAction(tr("&Activation Functions"), this, &MainWindow::showActivationExplorer)
        ->setStatusTip(
            tr("Sigmoid, Tanh, ReLU, LeakyReLU and Softmax with their slopes, and why they matter"));
    help->addSeparator();
    help->addAction(tr("&About LayerLab"), this, &MainWindow::showAbout);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

// View > Language: System default, English, 简体中文 (each language's name in that language). Switches at
// once (widgets/common/language_manager.h) and says what waits for a restart.
QMenu* MainWindow::buildLanguageMenu() {
    LanguageManager* manager = LanguageManager::instance();
    if (!manager) manager = new LanguageManager(qApp);
    auto* menu = new QMenu(tr("&Language"), this);
    menu->setObjectName(QStringLiteral("languageMenu"));
    auto* group = new QActionGroup(menu);
    auto add = [&](const QString& code, const QString& text) {
        QAction* a = menu->addAction(text);
        a->setCheckable(true);
        a->setData(code);
        a->setChecked(manager->choice() == code);
        group->addAction(a);
        connect(a, &QAction::triggered, this, [this, manager, code] {
            const QString before = manager->language();
            if (!manager->setChoice(code)) {
                QMessageBox::warning(
                    this, tr("Language"),
                    tr("The translation for %1 could not be loaded; the language stays as it "
                       "is. Rebuild LayerLab (the .qm files are compiled at build time).")
                        .arg(code));
                return;
            }
            if (manager->language() == before) return;
            updateClassNames();  // Fashion-MNIST's class names are translated
            showMessage(tr("Language changed. Texts computed before the change (open dialogs, summaries, "
                           "messages) change when they next update; restart LayerLab to see every text in "
                           "the new language."),
                        20000);
        });
    };
    add(QString(), tr("System default"));
    for (const LanguageManager::Language& l : LanguageManager::languages()) add(l.code, l.nativeName);
    return menu;
}

// Brings a centre tab (model, training, runs, feature-maps, health, step, evaluate, lessons) and a settings
// tab (layer, training) to the front; an empty name leaves that side as it is.
void MainWindow::showView(const QString& centre, const QString& settings) {
    if (centre == QLatin1String("model")) m_tabs->setCurrentWidget(m_modelTab);
    if (centre == QLatin1String("training")) m_tabs->setCurrentWidget(m_trainingTab);
    if (centre == QLatin1String("runs")) m_tabs->setCurrentWidget(m_runsPanel);
    if (centre == QLatin1String("feature-maps")) {
        m_tabs->setCurrentWidget(m_trainingTab);
        m_insightTabs->setCurrentWidget(m_featureMaps);
    }
    if (centre == QLatin1String("health")) {
        m_tabs->setCurrentWidget(m_trainingTab);
        m_insightTabs->setCurrentWidget(m_health);
    }
    if (centre == QLatin1String("step")) {
        m_tabs->setCurrentWidget(m_trainingTab);
        m_insightTabs->setCurrentWidget(m_stepView);
    }
    if (centre == QLatin1String("evaluate")) m_tabs->setCurrentWidget(m_evaluate);
    if (centre == QLatin1String("lessons")) {
        showLessons();
        // "lessons,CARD": that card opened (for screenshots of a card).
        if (!settings.isEmpty() && settings != QLatin1String("layer") &&
            settings != QLatin1String("training"))
            m_lessons->openCard(settings);
    }
    if (settings == QLatin1String("layer")) m_sideTabs->setCurrentIndex(0);
    if (settings == QLatin1String("training")) m_sideTabs->setCurrentIndex(1);
}

void MainWindow::showAbout() {
    QMessageBox::about(
        this, tr("About LayerLab"),
        tr("<h3>LayerLab %1</h3><p>Build a neural network by dragging layers, train it on MNIST "
           "and watch the loss, the accuracy and the learned filters change live.</p>"
           "<p>F5 starts training, F6 pauses or resumes, Shift+F5 stops.</p>")
            .arg(QApplication::applicationVersion()));
}
