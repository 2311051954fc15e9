#include "widgets/common/image_file.h"

#include <QBuffer>
#include <QFile>
#include <QImage>

#include "core/atomic_file.h"

QString writePngFile(const QImage& image, const QString& path) {
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (image.isNull() || !image.save(&buffer, "PNG"))
        return QStringLiteral("the image could not be encoded");
    return QString::fromStdString(
        layerlab::writeFileAtomically(QFile::encodeName(path).toStdString(), bytes.toStdString()));
}

QString checkWritableFile(const QString& path) {
    return QString::fromStdString(layerlab::checkWritableTarget(QFile::encodeName(path).toStdString()));
}
