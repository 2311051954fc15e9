#pragma once
// The UI language of the studio and of layerlab-cli: English (the texts in the sources) or Simplified Chinese
// (resources/translations/layerlab_zh_CN.ts, compiled into :/i18n/layerlab_zh_CN.qm). QtCore only.
#include <QString>
#include <memory>

class QTranslator;

namespace UiLanguage {

// "en" or "zh_CN".
inline const QString kEnglish = QStringLiteral("en");
inline const QString kChinese = QStringLiteral("zh_CN");

// "en" or "zh_CN": what `choice` ("", "en" or "zh_CN") means on this system. "" follows the system's UI
// languages (QLocale::system().uiLanguages(): $LANGUAGE, else $LC_ALL, $LC_MESSAGES, $LANG): the first that
// is Chinese (but not Traditional: zh_TW, zh_HK, zh_MO, Hant give English) or English decides; else English.
QString resolve(const QString& choice);

// Whether `code` is one of the codes --language takes ("en", "zh_CN").
bool isKnown(const QString& code);

// LayerLab's own catalogue for `language`, loaded; null for English (the sources' texts) or when it cannot
// be loaded.
std::unique_ptr<QTranslator> loadCatalogue(const QString& language);

}  // namespace UiLanguage
