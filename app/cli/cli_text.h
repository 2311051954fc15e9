#pragma once
// layerlab-cli's texts in the UI language: English (the texts in the sources) or Simplified Chinese, from the
// studio's catalogue (resources/translations/layerlab_zh_CN.ts, context "Cli"). What a person reads is
// translated: help, usage, progress lines, results, notes, warnings and errors. What a program reads is not:
// --json output (keys and values), CSV and report files, and the names of options, keys and layer types.
#include <QCoreApplication>
#include <QString>
#include <string>

namespace layerlab::cli {

// lupdate reads Cli::tr("...") as a text in context "Cli".
class Cli {
    Q_DECLARE_TR_FUNCTIONS(Cli)
};

// Chooses the UI language before anything is printed: --language en|zh_CN anywhere on the command line (taken
// out of argv), else the system's (i18n/ui_language.h). Needs the QCoreApplication main() made. Returns an
// error message for an unknown code ("" when all is well).
std::string setupLanguage(int& argc, char** argv);
// "en" or "zh_CN".
QString language();

// A sentence core/ composed (in English), in the UI language when it matches a template of the CoreText
// catalogue (i18n/core_text.h), else as it is.
std::string coreText(const std::string& text);

// `text` (UTF-8) padded with spaces to `width` terminal columns (a Chinese character takes two), on the left
// when `right` (right-aligned).
std::string padded(const std::string& text, int width, bool right = false);

// A text of the CLI as UTF-8.
inline std::string str(const QString& s) {
    return s.toStdString();
}

inline QString qs(const std::string& s) {
    return QString::fromStdString(s);
}
inline QString qs(const char* s) {
    return QString::fromUtf8(s);
}
inline QString qs(const QString& s) {
    return s;
}
inline QString qs(int v) {
    return QString::number(v);
}
inline QString qs(long v) {
    return QString::number(v);
}
inline QString qs(long long v) {
    return QString::number(v);
}
inline QString qs(unsigned v) {
    return QString::number(v);
}
inline QString qs(unsigned long v) {
    return QString::number(v);
}
inline QString qs(unsigned long long v) {
    return QString::number(v);
}

// `text` with %1, %2, ... replaced by `args` in order (strings as they are, whole numbers in decimal; format
// fractions with fixed() first), as UTF-8.
template <class... A>
std::string fmt(const QString& text, const A&... args) {
    if constexpr (sizeof...(A) == 0)
        return str(text);
    else
        return str(text.arg(qs(args)...));
}

}  // namespace layerlab::cli
