// LanguageManager's default locale (numbers and dates) on a system whose locale is British English: choosing
// English, explicitly or by following the system, keeps en_GB; choosing Chinese gives zh_CN; back to
// English gives en_GB again (before, an explicit English choice gave en_US on any system).
#include <QApplication>
#include <QDate>
#include <QLocale>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "tests/support/settings_sandbox.h"
#include "widgets/common/language_manager.h"

class TstLanguageLocale : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        layerlab::test::sandboxSettings(QStringLiteral("tst_language_locale"), m_settingsDir.path());
        QCOMPARE(QLocale::system().name(), QStringLiteral("en_GB"));
    }

    void chosenLanguageKeepsTheSystemsRegion() {
        LanguageManager manager;
        QVERIFY(manager.setChoice(QStringLiteral("en"), false));
        QCOMPARE(QLocale().name(), QStringLiteral("en_GB"));
        QCOMPARE(QLocale().toString(QDate(2026, 12, 2), QStringLiteral("dd/MM/yyyy")),
                 QStringLiteral("02/12/2026"));
        QVERIFY(manager.setChoice(QStringLiteral("zh_CN"), false));
        QCOMPARE(QLocale().name(), QStringLiteral("zh_CN"));
        QVERIFY(manager.setChoice(QStringLiteral("en"), false));
        QCOMPARE(QLocale().name(), QStringLiteral("en_GB"));
        QVERIFY(manager.setChoice(QString(), false));  // follow the system
        QCOMPARE(QLocale().name(), QStringLiteral("en_GB"));
        QCOMPARE(manager.language(), QStringLiteral("en"));
    }

private:
    QTemporaryDir m_settingsDir;
};

// The system locale is read from the environment when QLocale first needs it: set it before anything runs.
int main(int argc, char** argv) {
    qputenv("LC_ALL", "en_GB.UTF-8");
    qputenv("LANG", "en_GB.UTF-8");
    qputenv("LANGUAGE", "");
    QApplication app(argc, argv);
    TstLanguageLocale t;
    return QTest::qExec(&t, argc, argv);
}

#include "tst_language_locale.moc"
