// The zh_CN translation is complete: lupdate over the sources finds no string without a translation, every
// translation keeps its placeholders and accelerator, the texts of core's tables are listed for lupdate,
// and the compiled catalogue switches texts both ways (widgets/common/language_manager.h).
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

#include "core/dataset_identity.h"
#include "core/dataset_kind.h"
#include "core/layer_types.h"
#include "core/training_fields.h"
#include "tests/support/build_paths.h"
#include "tests/support/settings_sandbox.h"
#include "widgets/common/language_manager.h"

namespace {

const QString kRoot = QDir(QString::fromUtf8(LAYERLAB_RESOURCES) + "/..").canonicalPath();
const QString kTs = kRoot + QStringLiteral("/resources/translations/layerlab_zh_CN.ts");
const QString kCoreStrings = kRoot + QStringLiteral("/resources/translations/core_strings.cpp");
const char* const kFix =
    "Fix: run scripts/update-translations.sh, then translate each string in "
    "resources/translations/layerlab_zh_CN.ts (open it in Qt Linguist: linguist "
    "resources/translations/layerlab_zh_CN.ts, or write the Chinese into its <translation> element and "
    "remove "
    "type=\"unfinished\"), then rebuild and rerun tst_translations.";

struct Message {
    QString context, source, translation, type, location;
};

QVector<Message> readTs(const QString& path) {
    QVector<Message> out;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return out;
    QXmlStreamReader xml(&f);
    QString context;
    Message m;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            if (xml.name() == QLatin1String("name")) {
                context = xml.readElementText();
            } else if (xml.name() == QLatin1String("message")) {
                m = Message{context, {}, {}, {}, {}};
            } else if (xml.name() == QLatin1String("location") && m.location.isEmpty()) {
                m.location = QStringLiteral("%1:%2").arg(
                    QDir(kRoot).relativeFilePath(
                        xml.attributes().value(QLatin1String("filename")).toString()),
                    xml.attributes().value(QLatin1String("line")).toString());
            } else if (xml.name() == QLatin1String("source")) {
                m.source = xml.readElementText();
            } else if (xml.name() == QLatin1String("translation")) {
                m.type = xml.attributes().value(QLatin1String("type")).toString();
                m.translation = xml.readElementText(QXmlStreamReader::IncludeChildElements);
            }
        } else if (xml.isEndElement() && xml.name() == QLatin1String("message")) {
            out.push_back(m);
        }
    }
    return out;
}

// Every text of core's descriptor tables that the studio shows through translate("layerlab", ...):
// layer groups and descriptions, settings groups, each field's label, tooltip, zero text and choices, and the
// datasets' names.
QStringList coreUiStrings() {
    QStringList out;
    auto add = [&out](const char* s) {
        if (s && *s && !out.contains(QString::fromUtf8(s))) out << QString::fromUtf8(s);
    };
    auto addMeta = [&add](const layerlab::FieldMeta& meta) {
        add(meta.label);
        add(meta.tooltip);
        add(meta.ui.zeroText);
        for (const layerlab::ChoiceOption& o : meta.choices) add(o.label);
    };
    for (layerlab::LayerGroup g : layerlab::layerGroups()) add(layerlab::layerGroupName(g));
    for (const layerlab::LayerTypeInfo& t : layerlab::layerTypes()) add(t.description);
    for (const layerlab::LayerField* f : layerlab::allLayerFields()) addMeta(f->meta);
    for (const layerlab::SettingsGroupInfo& g : layerlab::settingsGroups()) add(g.title);
    for (const layerlab::TrainingField* f : layerlab::trainingFields()) addMeta(f->meta);
    for (const layerlab::DatasetInfo& d : layerlab::datasetKinds()) {
        add(d.name);
        for (const std::string& n : layerlab::classNames(d.kind))  // Fashion-MNIST's (not the digits)
            if (n.find_first_not_of("0123456789") != std::string::npos) add(n.c_str());
    }
    return out;
}

QString cLiteral(const QString& s) {
    QString out;
    for (QChar c : s) {
        if (c == QLatin1Char('"') || c == QLatin1Char('\\'))
            out += QLatin1Char('\\') + c;
        else if (c == QLatin1Char('\n'))
            out += QStringLiteral("\\n");
        else
            out += c;
    }
    return QLatin1Char('"') + out + QLatin1Char('"');
}

QString uncLiteral(const QString& s) {
    QString out;
    for (qsizetype i = 0; i < s.size(); ++i) {
        if (s[i] == QLatin1Char('\\') && i + 1 < s.size()) {
            ++i;
            out += s[i] == QLatin1Char('n') ? QChar(QLatin1Char('\n')) : s[i];
        } else {
            out += s[i];
        }
    }
    return out;
}

QSet<QString> placeholders(const QString& s) {
    static const QRegularExpression re(QStringLiteral("%(\\d+|n)"));
    QSet<QString> out;
    for (auto it = re.globalMatch(s); it.hasNext();) out.insert(it.next().captured(0));
    return out;
}

// An accelerator: '&' before a letter or digit ("&&" is a literal ampersand).
bool hasAccelerator(const QString& s) {
    static const QRegularExpression re(QStringLiteral("(^|[^&])&[\\p{L}\\p{N}]"));
    return re.match(s).hasMatch();
}

}  // namespace

class TstTranslations : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        layerlab::test::sandboxSettings(QStringLiteral("tst_translations"), m_settingsDir.path());
    }

    // resources/translations/core_strings.cpp lists each text of core's tables for lupdate.
    // LAYERLAB_WRITE_CORE_STRINGS=<path> writes the list instead (scripts/update-translations.sh).
    void coreStringsListed() {
        const QStringList strings = coreUiStrings();
        QVERIFY2(strings.size() > 50, "core's tables hold fewer texts than expected");
        if (const QByteArray out = qgetenv("LAYERLAB_WRITE_CORE_STRINGS"); !out.isEmpty()) {
            QString text = QStringLiteral(
                "// Written by scripts/update-translations.sh (tst_translations) from core's descriptor "
                "tables:\n"
                "// the texts the studio shows through QCoreApplication::translate(\"layerlab\", ...). Not "
                "compiled;\n// read by lupdate. Do not edit by hand.\n// clang-format off\n#define "
                "QT_TRANSLATE_NOOP(c, s) s\n"
                "static const char* const kCoreStrings[] = {\n");
            for (const QString& s : strings)
                text += QStringLiteral("    QT_TRANSLATE_NOOP(\"layerlab\", %1),\n").arg(cLiteral(s));
            text += QStringLiteral("};\n");
            QFile f(QString::fromLocal8Bit(out));
            QVERIFY2(f.open(QIODevice::WriteOnly | QIODevice::Truncate), qPrintable(f.errorString()));
            f.write(text.toUtf8());
            return;
        }
        QFile f(kCoreStrings);
        QVERIFY2(f.open(QIODevice::ReadOnly),
                 qPrintable(kCoreStrings + QStringLiteral(": ") + f.errorString()));
        const QString listed = QString::fromUtf8(f.readAll());
        static const QRegularExpression entry(
            QStringLiteral("QT_TRANSLATE_NOOP\\(\"layerlab\", \"((?:[^\"\\\\]|\\\\.)*)\"\\)"));
        QSet<QString> have;
        for (auto it = entry.globalMatch(listed); it.hasNext();)
            have.insert(uncLiteral(it.next().captured(1)));
        QStringList missing;
        for (const QString& s : strings)
            if (!have.contains(s)) missing << QStringLiteral("  \"%1\"").arg(s);
        QVERIFY2(missing.isEmpty(),
                 qPrintable(QStringLiteral("%1 text(s) of core's tables are not in "
                                           "resources/translations/core_strings.cpp:\n%2\n%3")
                                .arg(missing.size())
                                .arg(missing.join(QLatin1Char('\n')), QString::fromLatin1(kFix))));
    }

    // lupdate over the sources into a copy of the .ts: no string is new or changed (type="unfinished").
    void everyStringTranslated() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString copy = dir.filePath(QStringLiteral("layerlab_zh_CN.ts"));
        QVERIFY(QFile::copy(kTs, copy));
        QProcess lupdate;
        lupdate.setWorkingDirectory(kRoot);
        lupdate.start(QStringLiteral(LAYERLAB_LUPDATE),
                      {QStringLiteral("-silent"), QStringLiteral("-I"), kRoot, QStringLiteral("-locations"),
                       QStringLiteral("absolute"), QStringLiteral("-no-obsolete"),
                       kRoot + QStringLiteral("/widgets"), kRoot + QStringLiteral("/app"),
                       kRoot + QStringLiteral("/i18n"), kCoreStrings, QStringLiteral("-ts"), copy});
        QVERIFY2(lupdate.waitForFinished(120000), "lupdate did not finish in 2 minutes");
        QVERIFY2(lupdate.exitCode() == 0, lupdate.readAllStandardError().constData());
        const QVector<Message> messages = readTs(copy);
        QVERIFY2(messages.size() > 800, "lupdate found fewer strings than expected");
        // layerlab-cli's texts (app/cli/cli_text.h) and the engine's sentence templates are read too, so an
        // untranslated one fails here like a studio string.
        int cli = 0, core = 0;
        for (const Message& m : messages) {
            cli += m.context == QLatin1String("Cli");
            core += m.context == QLatin1String("CoreText");
        }
        QVERIFY2(cli > 120, qPrintable(QStringLiteral("only %1 layerlab-cli texts (context Cli)").arg(cli)));
        QVERIFY2(core > 40, qPrintable(QStringLiteral("only %1 CoreText templates").arg(core)));
        QStringList missing;
        for (const Message& m : messages)
            if (m.type == QLatin1String("unfinished") || (m.type.isEmpty() && m.translation.isEmpty()))
                missing << QStringLiteral("  %1: \"%2\" (context %3)").arg(m.location, m.source, m.context);
        QVERIFY2(missing.isEmpty(),
                 qPrintable(QStringLiteral("%1 user-visible string(s) have no zh_CN translation:\n%2\n%3")
                                .arg(missing.size())
                                .arg(missing.mid(0, 40).join(QLatin1Char('\n')), QString::fromLatin1(kFix))));
    }

    // Each translation keeps the source's %1, %2 ... and its accelerator (&F in "文件(&F)").
    void placeholdersAndAccelerators() {
        const QVector<Message> messages = readTs(kTs);
        QVERIFY(messages.size() > 800);
        QStringList wrong;
        for (const Message& m : messages) {
            if (!m.type.isEmpty() || m.translation.isEmpty()) continue;
            if (placeholders(m.source) != placeholders(m.translation))
                wrong
                    << QStringLiteral("  placeholders differ: \"%1\" -> \"%2\"").arg(m.source, m.translation);
            if (hasAccelerator(m.source) != hasAccelerator(m.translation))
                wrong << QStringLiteral("  accelerator (&) differs: \"%1\" -> \"%2\"")
                             .arg(m.source, m.translation);
        }
        QVERIFY2(wrong.isEmpty(),
                 qPrintable(QStringLiteral("in resources/translations/layerlab_zh_CN.ts:\n") +
                            wrong.join(QLatin1Char('\n'))));
    }

    // The compiled catalogue is embedded and installed; texts on screen follow a switch both ways.
    void switchesLanguage() {
        LanguageManager manager;
        QVERIFY(manager.setChoice(QStringLiteral("zh_CN"), false));
        QCOMPARE(manager.language(), QStringLiteral("zh_CN"));
        QCOMPARE(QCoreApplication::translate("MainWindow", "&File"), QStringLiteral("文件(&F)"));
        QCOMPARE(QCoreApplication::translate("layerlab", "Learning rate"), QStringLiteral("学习率"));
        QCOMPARE(QLocale().language(), QLocale::Chinese);

        QLabel label(QStringLiteral("epoch %1 of the last run").arg(3));
        label.show();
        QVERIFY(manager.setChoice(QStringLiteral("en"), false));
        QCOMPARE(QCoreApplication::translate("MainWindow", "&File"), QStringLiteral("&File"));
        QVERIFY(manager.setChoice(QStringLiteral("zh_CN"), false));
        QCOMPARE(label.text(),
                 QCoreApplication::translate("EvaluationSession", "epoch %1 of the last run").arg(3));
        QVERIFY(label.text() != QStringLiteral("epoch 3 of the last run"));
        QVERIFY(manager.setChoice(QStringLiteral("en"), false));
        QCOMPARE(label.text(), QStringLiteral("epoch 3 of the last run"));
        QVERIFY(!manager.setChoice(QStringLiteral("fr"), false));
        QCOMPARE(manager.language(), QStringLiteral("en"));
    }

    // The choice is remembered; "" (the default) follows the system.
    void remembersChoice() {
        LanguageManager manager;
        QVERIFY(manager.setChoice(QStringLiteral("zh_CN")));
        QCOMPARE(LanguageManager::savedChoice(), QStringLiteral("zh_CN"));
        QVERIFY(manager.setChoice(QString()));
        QCOMPARE(LanguageManager::savedChoice(), QString());
        QCOMPARE(manager.language(), LanguageManager::resolve(QString()));
    }

private:
    QTemporaryDir m_settingsDir;
};

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    TstTranslations t;
    return QTest::qExec(&t, argc, argv);
}

#include "tst_translations.moc"
