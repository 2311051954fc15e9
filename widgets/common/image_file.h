#pragma once
// PNG files the studio writes (chart exports, --screenshot) go through core's one writer
// (core/atomic_file.h): whole or not at all, through symlinks to their target, never over a folder, device,
// FIFO or socket, and a full disk is an error.
#include <QString>

class QImage;
class QPixmap;

// Encodes `image` as PNG and writes it to `path`. Returns "" on success, else why not (a clause such as
// "it is a FIFO (named pipe), not a regular file: give the path of a file").
QString writePngFile(const QImage& image, const QString& path);

// "" when `path` may be written under the same rules, else why not; for checking before work starts.
QString checkWritableFile(const QString& path);

// Two pictures side by side on white (a chart export: the loss plot left, the accuracy plot right).
QImage sideBySide(const QPixmap& left, const QPixmap& right);
