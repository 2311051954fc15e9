#include "i18n/ui_language.h"

#include <QLocale>
#include <QStringList>
#include <QTranslator>

namespace UiLanguage {

QString resolve(const QString& choice) {
    if (!choice.isEmpty()) return choice;
    // zh, zh-CN, zh-Hans-CN... -> zh_CN.
    for (const QString& ui : QLocale::system().uiLanguages()) {
        if (ui.startsWith(QLatin1String("zh"))) {
            // Traditional Chinese is not Simplified: English rather than a wrong script.
            if (ui.contains(QLatin1String("Hant")) || ui.contains(QLatin1String("TW")) ||
                ui.contains(QLatin1String("HK")) || ui.contains(QLatin1String("MO")))
                return kEnglish;
            return kChinese;
        }
        if (ui.startsWith(QLatin1String("en"))) return kEnglish;
    }
    return kEnglish;
}

bool isKnown(const QString& code) {
    return code == kEnglish || code == kChinese;
}

std::unique_ptr<QTranslator> loadCatalogue(const QString& language) {
    if (language != kChinese) return nullptr;
    auto t = std::make_unique<QTranslator>();
    if (!t->load(QStringLiteral(":/i18n/layerlab_zh_CN.qm"))) return nullptr;
    return t;
}

}  // namespace UiLanguage
