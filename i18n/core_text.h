#pragma once
// Sentences composed by core/ (which has no Qt) in the UI language. core/ reports in English std::strings;
// the studio and layerlab-cli translate the ones a learner meets most (the bundled-subset notice, dataset
// hints, lesson verdicts, common model-file and shape errors) through a catalogue of their templates in
// context "CoreText" (resources/translations/layerlab_zh_CN.ts). A sentence that matches no template is
// shown as it is, in English. QtCore only.
#include <QString>
#include <string>

namespace CoreText {

// `text` in the UI language when it matches a known template (its arguments translated the same way),
// else `text` unchanged.
QString message(const std::string& text);
QString message(const QString& text);
QString message(const char* text);  // UTF-8, as e.what()

}  // namespace CoreText
