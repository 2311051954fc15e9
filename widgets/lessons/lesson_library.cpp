#include "widgets/lessons/lesson_library.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QSettings>
#include <QStandardPaths>
#include <algorithm>

using layerlab::LessonCard;

namespace {
const char* kFolderKey = "lessons/folder";

QString readResource(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    return QString::fromUtf8(f.readAll());
}
}  // namespace

layerlab::PresetSource LessonLibrary::bundledPresets() {
    return [](const std::string& id) {
        return readResource(QStringLiteral(":/presets/%1.json").arg(QString::fromStdString(id)))
            .toStdString();
    };
}

// The bundled cards and presets are in layerlab.qrc, compiled into the document library (see
// ModelFileController); Q_INIT_RESOURCE must be used outside any namespace.
static void initLessonResources() {
    Q_INIT_RESOURCE(layerlab);
}

void LessonLibrary::reload() {
    initLessonResources();
    m_cards.clear();
    m_errors.clear();
    const layerlab::PresetSource presets = bundledPresets();
    QStringList files;
    for (QDirIterator it(QStringLiteral(":/lessons"), {QStringLiteral("*.json")}, QDir::Files); it.hasNext();)
        files << it.next();
    files.sort();
    for (const QString& f : files) {
        try {
            m_cards.push_back(
                layerlab::parseLessonCard(readResource(f).toStdString(), f.toStdString(), presets));
        } catch (const layerlab::LessonError& e) {
            m_errors << QString::fromUtf8(e.what());  // a broken bundled card: a bug, but never a crash
        }
    }
    const QString dir = folder();
    if (QFileInfo(dir).isDir()) {
        std::vector<std::string> errors;
        for (LessonCard& c :
             layerlab::loadLessonFolder(QFile::encodeName(dir).toStdString(), presets, &errors)) {
            auto same = std::find_if(m_cards.begin(), m_cards.end(),
                                     [&](const LessonCard& b) { return b.id == c.id; });
            if (same != m_cards.end())
                *same = std::move(c);
            else
                m_cards.push_back(std::move(c));
        }
        for (const std::string& e : errors) m_errors << QString::fromStdString(e);
    }
    layerlab::sortLessonCards(m_cards);
}

const LessonCard* LessonLibrary::card(const QString& id) const {
    for (const LessonCard& c : m_cards)
        if (QString::fromStdString(c.id) == id) return &c;
    return nullptr;
}

QString LessonLibrary::defaultFolder() {
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath(QStringLiteral("lessons"));
}

QString LessonLibrary::folder() {
    const QString chosen = QSettings().value(kFolderKey).toString();
    return chosen.isEmpty() ? defaultFolder() : chosen;
}

void LessonLibrary::setFolder(const QString& dir) {
    QSettings settings;
    if (dir.isEmpty() || dir == defaultFolder())
        settings.remove(kFolderKey);
    else
        settings.setValue(kFolderKey, dir);
}

std::string LessonLibrary::language() {
    return QLocale().language() == QLocale::Chinese ? "zh_CN" : "en";
}

QString LessonLibrary::text(const layerlab::LessonText& t) {
    return QString::fromStdString(t.in(language()));
}
