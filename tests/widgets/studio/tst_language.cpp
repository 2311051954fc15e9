// View > Language switches the whole main window between English and 简体中文 without a restart: menus, tabs,
// dock titles, the training settings (core's labels), chart axes and the lesson card; the choice is saved.
#include <qcustomplot.h>
#include <QAction>
#include <QDockWidget>
#include <QGroupBox>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

#include "tests/support/settings_sandbox.h"
#include "widgets/common/language_manager.h"
#include "widgets/document/model_file_controller.h"
#include "widgets/lessons/lessons_panel.h"
#include "widgets/studio/main_window.h"
#include "widgets/training/training_charts.h"

namespace {

QAction* languageAction(MainWindow& w, const QString& code) {
    auto* menu = w.findChild<QMenu*>(QStringLiteral("languageMenu"));
    if (!menu) return nullptr;
    for (QAction* a : menu->actions())
        if (a->data().toString() == code && !a->data().isNull()) return a;
    return nullptr;
}

QStringList menuTitles(MainWindow& w) {
    QStringList out;
    for (QAction* a : w.menuBar()->actions()) out << a->text();
    return out;
}

QStringList tabTexts(MainWindow& w) {
    QStringList out;
    for (QTabWidget* t : w.findChildren<QTabWidget*>())
        for (int i = 0; i < t->count(); ++i) out << t->tabText(i);
    return out;
}

QStringList groupTitles(MainWindow& w) {
    QStringList out;
    for (QGroupBox* g : w.findChildren<QGroupBox*>()) out << g->title();
    return out;
}

}  // namespace

class TstLanguage : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        layerlab::test::sandboxSettings(QStringLiteral("tst_language"), m_settingsDir.path());
        m_manager = new LanguageManager(qApp);
        QVERIFY(m_manager->setChoice(QStringLiteral("en"), false));
    }

    void switchesWithoutRestart() {
        MainWindow w;
        w.fileController()->setInteractive(false);
        w.resize(1366, 768);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(menuTitles(w).contains(QStringLiteral("&File")));
        QVERIFY(tabTexts(w).contains(QStringLiteral("Model")));
        const QString lossAxis = w.charts()->lossPlot()->yAxis->label();

        QAction* chinese = languageAction(w, QStringLiteral("zh_CN"));
        QVERIFY(chinese);
        QCOMPARE(chinese->text(), QStringLiteral("简体中文"));
        chinese->trigger();
        QCOMPARE(m_manager->language(), QStringLiteral("zh_CN"));
        QCOMPARE(LanguageManager::savedChoice(), QStringLiteral("zh_CN"));
        // Menus, tabs, the settings boxes (core's group titles) and the loss chart's axis, live.
        QVERIFY2(menuTitles(w).contains(QStringLiteral("文件(&F)")), qPrintable(menuTitles(w).join(", ")));
        QVERIFY2(menuTitles(w).contains(QStringLiteral("帮助(&H)")), qPrintable(menuTitles(w).join(", ")));
        QVERIFY2(!menuTitles(w).contains(QStringLiteral("&File")), qPrintable(menuTitles(w).join(", ")));
        QVERIFY2(tabTexts(w).contains(QStringLiteral("模型")), qPrintable(tabTexts(w).join(", ")));
        QVERIFY2(tabTexts(w).contains(QStringLiteral("特征图")), qPrintable(tabTexts(w).join(", ")));
        QVERIFY2(groupTitles(w).contains(QCoreApplication::translate("layerlab", "Loss and optimizer")),
                 qPrintable(groupTitles(w).join(", ")));
        QVERIFY(QCoreApplication::translate("layerlab", "Optimizer") != QStringLiteral("Optimizer"));
        QCOMPARE(w.charts()->lossPlot()->xAxis->label(), QStringLiteral("轮次"));
        QTRY_VERIFY(w.charts()->lossPlot()->yAxis->label().startsWith(QStringLiteral("损失")));
        // Every dock title is Chinese now.
        for (QDockWidget* d : w.findChildren<QDockWidget*>())
            QVERIFY2(!d->windowTitle().contains(QRegularExpression(QStringLiteral("^[A-Za-z ]+$"))),
                     qPrintable(d->windowTitle()));
        // The "System default" entry is translated too.
        QCOMPARE(languageAction(w, QString())->text(), QStringLiteral("跟随系统"));

        languageAction(w, QStringLiteral("en"))->trigger();
        QCOMPARE(m_manager->language(), QStringLiteral("en"));
        QVERIFY2(menuTitles(w).contains(QStringLiteral("&File")), qPrintable(menuTitles(w).join(", ")));
        QVERIFY(tabTexts(w).contains(QStringLiteral("Model")));
        QTRY_COMPARE(w.charts()->lossPlot()->yAxis->label(), lossAxis);
        QCOMPARE(w.charts()->lossPlot()->xAxis->label(), QStringLiteral("epoch"));
        QCOMPARE(languageAction(w, QString())->text(), QStringLiteral("System default"));
        QCOMPARE(LanguageManager::savedChoice(), QStringLiteral("en"));
    }

    // The Lessons panel shows the open card's own zh_CN text after a switch.
    void lessonCardFollows() {
        QVERIFY(m_manager->setChoice(QStringLiteral("en"), false));
        MainWindow w;
        w.fileController()->setInteractive(false);
        w.show();
        w.showLessons();
        LessonsPanel* lessons = w.lessonsPanel();
        QTreeWidget* list = lessons->list();
        QVERIFY(list->topLevelItemCount() > 0);
        QTreeWidgetItem* card = list->topLevelItem(0)->child(0);
        QVERIFY(card);
        const QString english = card->text(0);
        QVERIFY(m_manager->setChoice(QStringLiteral("zh_CN"), false));
        // Qt posts QEvent::LanguageChange to the windows; the panel rebuilds its list when it arrives.
        QTRY_VERIFY(lessons->list()->topLevelItem(0)->child(0)->text(0) != english);
        card = lessons->list()->topLevelItem(0)->child(0);
        QVERIFY2(card->text(0).contains(QRegularExpression(QStringLiteral("[\\x{4e00}-\\x{9fff}]"))),
                 qPrintable(card->text(0)));
        QVERIFY(m_manager->setChoice(QStringLiteral("en"), false));
        QTRY_COMPARE(lessons->list()->topLevelItem(0)->child(0)->text(0), english);
    }

private:
    QTemporaryDir m_settingsDir;
    LanguageManager* m_manager = nullptr;
};

QTEST_MAIN(TstLanguage)
#include "tst_language.moc"
