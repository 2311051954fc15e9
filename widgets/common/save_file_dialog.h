#pragma once
// The one way the studio asks where to save a file (a model, a checkpoint, a PNG): the returned path
// carries the file type's suffix, and the user was asked before an existing file at exactly that path is
// replaced. Adding a suffix after the dialog has closed would write a file the user was never asked about
// ("model" typed, "model.json" replaced without a word); here the dialog adds it while it is open.
#include <QList>
#include <QString>

class QWidget;

enum class SuffixRule {
    WhenMissing,   // "model" -> "model.json"; "model.txt" stays (the user chose that name)
    UnlessSuffix,  // "chart" and "chart.jpg" -> "chart.png", "chart.jpg.png": the file is always a PNG
};

// `path` as it will be written: with `.suffix` appended under `rule` (case-insensitive comparison).
QString pathWithSuffix(const QString& path, const QString& suffix, SuffixRule rule);

// A save dialog starting at `suggested` (a file name or a path) with `filter` ("LayerLab models (*.json)").
// Returns the path to write (see pathWithSuffix), or "" when the user cancelled or declined to replace.
QString askSavePath(QWidget* parent, const QString& caption, const QString& suggested, const QString& filter,
                    const QString& suffix, SuffixRule rule = SuffixRule::WhenMissing);

// A file type a save dialog offers: its filter ("CSV table (*.csv)") and suffix ("csv").
struct SaveFileType {
    QString filter;
    QString suffix;
};

// As askSavePath, offering several types: the type is the one whose suffix the chosen name ends in, else the
// filter the user picked (the dialog then adds that suffix, SuffixRule::UnlessSuffix). *type gets its index
// in `types`. Returns "" when the user cancelled or declined to replace.
QString askSavePath(QWidget* parent, const QString& caption, const QString& suggested,
                    const QList<SaveFileType>& types, int* type);
