#include "widgets/common/language_manager.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QLibraryInfo>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QMetaProperty>
#include <QPlainTextEdit>
#include <QSet>
#include <QSettings>
#include <QTabBar>
#include <QTableWidget>
#include <QTextEdit>
#include <QToolBox>
#include <QTranslator>
#include <QTreeWidget>
#include <QXmlStreamReader>
#include <algorithm>

#include "i18n/ui_language.h"

namespace {

LanguageManager* g_instance = nullptr;
const char* const kSettingsKey = "ui/language";
const QString kChinese = QStringLiteral("zh_CN");
const QString kEnglish = QStringLiteral("en");

// The text properties retranslated on every object that has them (QCustomPlot's axes have "label").
const char* const kProperties[] = {"text",      "title",     "windowTitle",     "toolTip",
                                   "statusTip", "whatsThis", "placeholderText", "specialValueText",
                                   "suffix",    "prefix",    "iconText",        "label"};

// Holds text the user typed, never a text of ours.
bool isUserText(const QObject* o) {
    return qobject_cast<const QLineEdit*>(o) || qobject_cast<const QTextEdit*>(o) ||
           qobject_cast<const QPlainTextEdit*>(o) || o->inherits("QAbstractSpinBox");
}

// The literal pieces of a template ("Epoch %1 of %2" -> "Epoch ", " of ").
QStringList literalPieces(const QString& text) {
    static const QRegularExpression arg(QStringLiteral("%[1-9]"));
    QStringList pieces = text.split(arg);
    pieces.removeAll(QString());
    return pieces;
}

}  // namespace

QVector<LanguageManager::Language> LanguageManager::languages() {
    return {{kEnglish, QStringLiteral("English")}, {kChinese, QStringLiteral("简体中文")}};
}

LanguageManager::LanguageManager(QObject* parent) : QObject(parent) {
    if (!g_instance) g_instance = this;
}

LanguageManager::~LanguageManager() {
    if (QCoreApplication::instance()) {  // else the application is going and takes its translators along
        if (m_app) QCoreApplication::removeTranslator(m_app.get());
        if (m_qt) QCoreApplication::removeTranslator(m_qt.get());
    }
    if (g_instance == this) g_instance = nullptr;
}

LanguageManager* LanguageManager::instance() {
    return g_instance;
}

QString LanguageManager::savedChoice() {
    const QString saved = QSettings().value(QLatin1String(kSettingsKey)).toString();
    return saved == kEnglish || saved == kChinese ? saved : QString();
}

QString LanguageManager::resolve(const QString& choice) {
    return UiLanguage::resolve(choice);  // shared with layerlab-cli
}

bool LanguageManager::setChoice(const QString& choice, bool save) {
    if (!choice.isEmpty() && choice != kEnglish && choice != kChinese) return false;
    const QString from = m_language;
    const QString to = resolve(choice);
    // The default locale first: widgets that handle QEvent::LanguageChange themselves (the lesson cards) read
    // it. The system's own when it speaks the chosen language (English chosen on an en_GB system keeps its
    // dates and numbers), else the language's usual one.
    const QLocale before;
    if (QLocale::system().uiLanguages().value(0).startsWith(to.left(2)))
        QLocale::setDefault(QLocale::system());
    else
        QLocale::setDefault(to == kChinese ? QLocale(QLocale::Chinese, QLocale::China)
                                           : QLocale(QLocale::English, QLocale::UnitedStates));
    if (!install(to)) {
        QLocale::setDefault(before);
        return false;
    }
    m_choice = choice;
    m_language = to;
    if (save) {
        QSettings settings;
        if (choice.isEmpty())
            settings.remove(QLatin1String(kSettingsKey));
        else
            settings.setValue(QLatin1String(kSettingsKey), choice);
    }
    if (from != to) {
        retranslateAll(from, to);
        emit languageChanged(to);
    }
    return true;
}

bool LanguageManager::install(const QString& language) {
    if (language == m_language && (language == kEnglish || m_app)) return true;
    std::unique_ptr<QTranslator> app;
    std::unique_ptr<QTranslator> qt;
    if (language == kChinese) {
        app = UiLanguage::loadCatalogue(language);
        if (!app) return false;
        // Qt's own texts (standard buttons, file dialogs), when qt6-translations-l10n is installed.
        qt = std::make_unique<QTranslator>();
        if (!qt->load(QStringLiteral("qtbase_zh_CN"), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
            qt.reset();
    }
    if (m_app) QCoreApplication::removeTranslator(m_app.get());
    if (m_qt) QCoreApplication::removeTranslator(m_qt.get());
    m_app = std::move(app);
    m_qt = std::move(qt);
    if (m_qt) QCoreApplication::installTranslator(m_qt.get());
    if (m_app) QCoreApplication::installTranslator(m_app.get());
    return true;
}

void LanguageManager::loadCatalogue() {
    if (m_catalogueLoaded) return;
    m_catalogueLoaded = true;
    QFile file(QStringLiteral(":/i18n/layerlab_zh_CN.ts"));
    if (!file.open(QIODevice::ReadOnly)) return;
    QXmlStreamReader xml(&file);
    QString source, context;
    auto addTemplate = [](Direction& d, const QString& from, const QString& to) {
        static const QRegularExpression arg(QStringLiteral("%([1-9])"));
        QString pattern = QStringLiteral("^");
        QVector<int> args;
        qsizetype at = 0;
        for (auto it = arg.globalMatch(from); it.hasNext();) {
            const QRegularExpressionMatch m = it.next();
            pattern += QRegularExpression::escape(from.mid(at, m.capturedStart() - at));
            const int n = m.captured(1).toInt();
            const int seen = int(args.indexOf(n));
            pattern += seen >= 0 ? QStringLiteral("\\%1").arg(seen + 1) : QStringLiteral("(.*?)");
            if (seen < 0) args.push_back(n);
            at = m.capturedEnd();
        }
        pattern += QRegularExpression::escape(from.mid(at)) + QStringLiteral("$");
        d.templates.push_back(
            {QRegularExpression(pattern, QRegularExpression::DotMatchesEverythingOption), args, to});
    };
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement()) continue;
        if (xml.name() == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (xml.name() == QLatin1String("source")) {
            source = xml.readElementText();
        } else if (xml.name() == QLatin1String("translation")) {
            const QString type = xml.attributes().value(QLatin1String("type")).toString();
            const QString translation = xml.readElementText(QXmlStreamReader::SkipChildElements);
            // layerlab-cli's texts ("%1 to %2") never show in a window.
            if (!type.isEmpty() || translation.isEmpty() || source.isEmpty() || translation == source ||
                context == QLatin1String("Cli"))
                continue;
            m_toChinese.exact.insert(source, translation);
            m_toEnglish.exact.insert(translation, source);
            // A template needs a literal part to recognise it ("%1" alone would match any text).
            const QStringList pieces = literalPieces(source);
            int literal = 0;
            for (const QString& p : pieces) literal += int(p.trimmed().size());
            if (literal >= 2 && pieces.join(QString()) != source) {
                addTemplate(m_toChinese, source, translation);
                addTemplate(m_toEnglish, translation, source);
            }
        }
    }
    // Longest pattern first, so "Epoch %1 of %2" wins over "Epoch %1".
    auto byLength = [](const Template& a, const Template& b) {
        return a.pattern.pattern().size() > b.pattern.pattern().size();
    };
    std::stable_sort(m_toChinese.templates.begin(), m_toChinese.templates.end(), byLength);
    std::stable_sort(m_toEnglish.templates.begin(), m_toEnglish.templates.end(), byLength);
}

QString LanguageManager::applyTemplates(const QVector<Template>& templates, const QString& text) {
    static const QRegularExpression arg(QStringLiteral("%([1-9])"));
    for (const Template& t : templates) {
        const QRegularExpressionMatch m = t.pattern.match(text);
        if (!m.hasMatch()) continue;
        QString out;
        qsizetype at = 0;
        for (auto it = arg.globalMatch(t.other); it.hasNext();) {
            const QRegularExpressionMatch a = it.next();
            out += t.other.mid(at, a.capturedStart() - at);
            const int group = int(t.args.indexOf(a.captured(1).toInt()));
            out += group >= 0 ? m.captured(group + 1) : a.captured(0);
            at = a.capturedEnd();
        }
        return out + t.other.mid(at);
    }
    return QString();
}

QString LanguageManager::convert(const QString& text, const QString& from, const QString& to) const {
    if (from == to || text.trimmed().isEmpty()) return text;
    const_cast<LanguageManager*>(this)->loadCatalogue();
    QString source = text;
    if (from == kChinese) {
        source = m_toEnglish.exact.value(text);
        if (source.isEmpty()) source = applyTemplates(m_toEnglish.templates, text);
        if (source.isEmpty()) return text;
    }
    if (to == kEnglish) return source;
    QString out = m_toChinese.exact.value(source);
    if (out.isEmpty()) out = applyTemplates(m_toChinese.templates, source);
    return out.isEmpty() ? text : out;
}

void LanguageManager::retranslateAll(const QString& from, const QString& to) const {
    auto conv = [&](const QString& s) { return convert(s, from, to); };
    QSet<QObject*> objects;
    for (QWidget* top : QApplication::topLevelWidgets()) {
        objects.insert(top);
        for (QObject* o : top->findChildren<QObject*>()) objects.insert(o);
    }
    for (QObject* o : QList<QObject*>(objects.begin(), objects.end()))
        if (auto* w = qobject_cast<QWidget*>(o))
            for (QAction* a : w->actions()) objects.insert(a);

    for (QObject* o : objects) {
        const QMetaObject* mo = o->metaObject();
        const bool userText = isUserText(o);
        for (const char* name : kProperties) {
            if (userText && qstrcmp(name, "text") == 0) continue;
            const int index = mo->indexOfProperty(name);
            if (index < 0) continue;
            const QMetaProperty p = mo->property(index);
            if (p.metaType().id() != QMetaType::QString || !p.isWritable()) continue;
            const QString before = p.read(o).toString();
            const QString after = conv(before);
            if (after != before) p.write(o, after);
        }
        // Plottable names (the charts' legends).
        if (qstrncmp(mo->className(), "QCP", 3) == 0) {
            const int index = mo->indexOfProperty("name");
            if (index >= 0 && mo->property(index).metaType().id() == QMetaType::QString) {
                const QString before = mo->property(index).read(o).toString();
                const QString after = conv(before);
                if (after != before) mo->property(index).write(o, after);
            }
        }
        if (auto* tabs = qobject_cast<QTabBar*>(o)) {
            for (int i = 0; i < tabs->count(); ++i) {
                tabs->setTabText(i, conv(tabs->tabText(i)));
                tabs->setTabToolTip(i, conv(tabs->tabToolTip(i)));
            }
        } else if (auto* combo = qobject_cast<QComboBox*>(o)) {
            if (!combo->isEditable())
                for (int i = 0; i < combo->count(); ++i) {
                    combo->setItemText(i, conv(combo->itemText(i)));
                    const QVariant tip = combo->itemData(i, Qt::ToolTipRole);
                    if (tip.metaType().id() == QMetaType::QString)
                        combo->setItemData(i, conv(tip.toString()), Qt::ToolTipRole);
                }
        } else if (auto* box = qobject_cast<QToolBox*>(o)) {
            for (int i = 0; i < box->count(); ++i) box->setItemText(i, conv(box->itemText(i)));
        } else if (auto* tree = qobject_cast<QTreeWidget*>(o)) {
            QTreeWidgetItem* header = tree->headerItem();
            for (int c = 0; header && c < header->columnCount(); ++c)
                header->setText(c, conv(header->text(c)));
            for (QTreeWidgetItemIterator it(tree); *it; ++it)
                for (int c = 0; c < (*it)->columnCount(); ++c) {
                    (*it)->setText(c, conv((*it)->text(c)));
                    (*it)->setToolTip(c, conv((*it)->toolTip(c)));
                }
        } else if (auto* list = qobject_cast<QListWidget*>(o)) {
            for (int i = 0; i < list->count(); ++i) list->item(i)->setText(conv(list->item(i)->text()));
        } else if (auto* table = qobject_cast<QTableWidget*>(o)) {
            for (int c = 0; c < table->columnCount(); ++c)
                if (QTableWidgetItem* h = table->horizontalHeaderItem(c)) h->setText(conv(h->text()));
        }
    }
    for (QObject* o : objects)
        if (o->isWidgetType() && o->inherits("QCustomPlot")) QMetaObject::invokeMethod(o, "replot");
}
