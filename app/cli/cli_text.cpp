#include "app/cli/cli_text.h"

#include <QLocale>
#include <QTranslator>
#include <algorithm>
#include <clocale>
#include <cstring>
#include <memory>

#include "i18n/core_text.h"
#include "i18n/ui_language.h"

namespace layerlab::cli {

namespace {

QString g_language = UiLanguage::kEnglish;

}  // namespace

std::string setupLanguage(int& argc, char** argv) {
    // Qt sets the C library's locale from the environment; numbers printed with printf keep their '.'.
    std::setlocale(LC_NUMERIC, "C");
    QString choice;
    bool missing = false;
    int out = 1;
    for (int i = 1; i < argc; ++i) {
        const char* s = argv[i];
        if (std::strcmp(s, "--language") == 0 && i + 1 < argc) {
            choice = QString::fromLocal8Bit(argv[++i]);
        } else if (std::strncmp(s, "--language=", 11) == 0) {
            choice = QString::fromLocal8Bit(s + 11);
        } else if (std::strcmp(s, "--language") == 0) {
            missing = true;
        } else {
            argv[out++] = argv[i];
        }
    }
    argc = out;
    argv[argc] = nullptr;
    const QString bad = !choice.isEmpty() && !UiLanguage::isKnown(choice) ? choice : QString();
    if (!bad.isEmpty()) choice.clear();
    g_language = UiLanguage::resolve(choice);
    static std::unique_ptr<QTranslator> catalogue;
    catalogue = UiLanguage::loadCatalogue(g_language);
    if (catalogue)
        QCoreApplication::installTranslator(catalogue.get());
    else
        g_language = UiLanguage::kEnglish;
    if (missing) return str(Cli::tr("--language needs a value: en or zh_CN"));
    if (!bad.isEmpty()) return fmt(Cli::tr("--language wants en or zh_CN; got '%1'"), bad);
    return {};
}

std::string coreText(const std::string& text) {
    return str(CoreText::message(text));
}

std::string padded(const std::string& text, int width, bool right) {
    int columns = 0;
    for (const uint c : QString::fromStdString(text).toUcs4()) {
        const bool wide = (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) ||
                          (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
                          (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
                          (c >= 0xFFE0 && c <= 0xFFE6);
        columns += wide ? 2 : 1;
    }
    const std::string fill(std::size_t(std::max(0, width - columns)), ' ');
    return right ? fill + text : text + fill;
}

QString language() {
    return g_language;
}

}  // namespace layerlab::cli
