#pragma once
// The studio's UI language: English (the texts in the sources) or Simplified Chinese
// (resources/translations/layerlab_zh_CN.ts, compiled into :/i18n/layerlab_zh_CN.qm). The choice is one of
// "" (follow the system locale, the default), "en" or "zh_CN", remembered in QSettings under "ui/language".
//
// Switching at run time installs the new QTranslator (Qt then sends QEvent::LanguageChange to every widget)
// and retranslates the texts already on screen: each text property (label and button texts, titles,
// tooltips, status tips, placeholders, spin box suffixes, tab, combo box and header item texts, chart axis
// labels) is looked up in the translation catalogue (the .ts, embedded as :/i18n/layerlab_zh_CN.ts) and
// replaced by its text in the new language; texts with arguments ("Epoch %1 of %2") are matched as
// patterns. Texts built by joining several pieces, or cached before the switch, change when their widget
// next updates them; a restart shows every text in the new language (the studio says so after a switch).
#include <QHash>
#include <QObject>
#include <QRegularExpression>
#include <QString>
#include <QStringList>
#include <QVector>
#include <memory>

class QTranslator;

class LanguageManager : public QObject {
    Q_OBJECT
public:
    // The languages the studio has, code and name in that language ("简体中文").
    struct Language {
        QString code;
        QString nativeName;
    };
    static QVector<Language> languages();

    explicit LanguageManager(QObject* parent = nullptr);
    ~LanguageManager() override;

    // The one manager of the application (created by the studio's main(); tests make their own), or null.
    static LanguageManager* instance();

    // The saved choice: "", "en" or "zh_CN".
    static QString savedChoice();
    // "en" or "zh_CN": what `choice` means on this system ("" follows QLocale::system()'s UI languages).
    static QString resolve(const QString& choice);

    // Installs the language for `choice` ("", "en", "zh_CN"), saves the choice (unless !save: the studio's
    // --language, for this session only) and retranslates the widgets on screen. Returns false (and changes
    // nothing) for an unknown code or a translation that cannot be loaded.
    bool setChoice(const QString& choice, bool save = true);
    QString choice() const { return m_choice; }
    QString language() const { return m_language; }  // "en" or "zh_CN"

    // `text` (a text in the language `from`) in the language `to`, through the catalogue; `text` itself
    // when the catalogue does not know it. Public for the tests.
    QString convert(const QString& text, const QString& from, const QString& to) const;

signals:
    void languageChanged(const QString& language);

private:
    struct Template {
        QRegularExpression pattern;  // the text with each %N as a capture group
        QVector<int> args;           // which %N each capture group is
        QString other;               // the text in the other language, with the same %N
    };
    struct Direction {
        QHash<QString, QString> exact;
        QVector<Template> templates;
    };
    bool install(const QString& language);
    void loadCatalogue();
    static QString applyTemplates(const QVector<Template>& templates, const QString& text);
    void retranslateAll(const QString& from, const QString& to) const;

    QString m_choice;
    QString m_language = QStringLiteral("en");
    std::unique_ptr<QTranslator> m_app;
    std::unique_ptr<QTranslator> m_qt;
    bool m_catalogueLoaded = false;
    Direction m_toChinese;  // English source -> zh_CN
    Direction m_toEnglish;  // zh_CN -> English source
};
