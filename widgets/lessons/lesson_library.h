#pragma once
// Where the studio finds lesson cards (core/lesson_card.h): the bundled ones in the Qt resources
// (:/lessons/*.json, their presets from :/presets/<id>.json), then a teacher's folder of cards (remembered in
// QSettings; by default <user data>/lessons, made when first chosen), so cards can be shared as files. A
// card that cannot be read is listed among errors() with its file, key and fix; the others still load.
// A folder card with the id of a bundled card replaces it (a teacher's corrected copy).
#include <QCoreApplication>
#include <QString>
#include <QStringList>
#include <vector>

#include "core/lesson_card.h"

class LessonLibrary {
    Q_DECLARE_TR_FUNCTIONS(LessonLibrary)
public:
    // Reads the bundled cards and those of folder() (when it exists).
    void reload();
    const std::vector<layerlab::LessonCard>& cards() const { return m_cards; }
    const QStringList& errors() const { return m_errors; }
    const layerlab::LessonCard* card(const QString& id) const;

    // The teacher's folder (QSettings "lessons/folder"), or the default one.
    static QString folder();
    static void setFolder(const QString& dir);
    static QString defaultFolder();

    // The presets as the studio bundles them, for cards that start from one.
    static layerlab::PresetSource bundledPresets();

    // "zh_CN" when the UI language is Chinese (QLocale's UI languages), else "en": the language of the
    // cards' texts.
    static std::string language();
    static QString text(const layerlab::LessonText& t);  // t in language()

private:
    std::vector<layerlab::LessonCard> m_cards;
    QStringList m_errors;
};
