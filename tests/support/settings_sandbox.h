#pragma once
// Settings of a test's own: QStandardPaths' test mode, the organisation "LayerLabTests" and the application
// `name`, and INI settings in `dir` (a QTemporaryDir the test keeps for its whole run), so that a test
// neither reads nor changes the user's settings (a language, a lessons folder) or another test's.
#include <QCoreApplication>
#include <QSettings>
#include <QStandardPaths>
#include <QString>

namespace layerlab::test {

inline void sandboxSettings(const QString& name, const QString& dir) {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("LayerLabTests"));
    QCoreApplication::setApplicationName(name);
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir);
}

}  // namespace layerlab::test
