#!/usr/bin/env bash
# Refreshes the translation files from the sources: run it after adding or changing a user-visible string.
#   1. resources/translations/core_strings.cpp: the texts of core's descriptor tables the studio shows
#      (layer and training field labels, tooltips, choices, groups, layer descriptions), written by the
#      translation test from the tables themselves (core has no Qt; these are translated in context "layerlab").
#   2. lupdate: every tr()/translate() string of widgets/, app/ and i18n/ and those core texts into
#      resources/translations/layerlab_zh_CN.ts; new strings arrive with type="unfinished".
# Then translate the unfinished ones (linguist resources/translations/layerlab_zh_CN.ts, or edit the
# <translation> elements and remove type="unfinished"), rebuild, and run tst_translations.
# Usage: scripts/update-translations.sh [build-dir]   (default: build; configured with cmake -B build)
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build}"
lupdate="$(command -v lupdate || true)"
[[ -x /usr/lib/qt6/bin/lupdate ]] && lupdate=/usr/lib/qt6/bin/lupdate
[[ -n "$lupdate" ]] || { echo "update-translations: lupdate not found: apt-get install qt6-l10n-tools" >&2; exit 2; }
[[ -f "$build/CMakeCache.txt" ]] || { echo "update-translations: no build in '$build': cmake -S . -B $build first" >&2; exit 2; }

cmake --build "$build" -j2 --target tst_translations
test_bin="$(find "$build" -name tst_translations -type f -perm -u+x | head -1)"
QT_QPA_PLATFORM=offscreen LAYERLAB_WRITE_CORE_STRINGS="$PWD/resources/translations/core_strings.cpp" "$test_bin" coreStringsListed >/dev/null
"$lupdate" -silent -I . -locations none -no-obsolete widgets app i18n resources/translations/core_strings.cpp \
  -ts resources/translations/layerlab_zh_CN.ts
unfinished="$(grep -c 'type="unfinished"' resources/translations/layerlab_zh_CN.ts || true)"
echo "update-translations: resources/translations/layerlab_zh_CN.ts has $unfinished string(s) to translate"
