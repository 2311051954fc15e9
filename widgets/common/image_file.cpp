#include "widgets/common/image_file.h"

#include <QBuffer>
#include <QFile>
#include <QImage>
#include <QPainter>
#include <QPixmap>
#include <algorithm>

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

QImage sideBySide(const QPixmap& left, const QPixmap& right) {
    QImage img(left.width() + right.width(), std::max(left.height(), right.height()), QImage::Format_RGB32);
    img.fill(Qt::white);
    QPainter p(&img);
    p.drawPixmap(0, 0, left);
    p.drawPixmap(left.width(), 0, right);
    return img;
}
