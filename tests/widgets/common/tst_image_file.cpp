// widgets/common/image_file.cpp: the studio's PNG writer (chart export, --screenshot) follows core's one
// writer: a whole PNG, through a symlink to its target, a FIFO or folder refused and left alone, an existing
// file's mode kept.
#include <sys/stat.h>

#include <QImage>
#include <QTemporaryDir>
#include <QtTest>

#include "widgets/common/image_file.h"

class TestImageFile : public QObject {
    Q_OBJECT
private slots:
    void writesAPngThroughASymlink() {
        QTemporaryDir dir;
        QImage img(40, 30, QImage::Format_RGB32);
        img.fill(qRgb(10, 200, 30));
        const QString real = dir.filePath("real.png"), link = dir.filePath("link.png");
        QVERIFY(QFile::link("real.png", link));
        QCOMPARE(writePngFile(img, link), QString());
        QVERIFY(QFileInfo(link).isSymLink());
        QImage back;
        QVERIFY(back.load(real, "PNG"));
        QCOMPARE(back.size(), QSize(40, 30));
        QCOMPARE(back.pixel(5, 5), qRgb(10, 200, 30));
        QCOMPARE(checkWritableFile(link), QString());
    }
    void refusesAFifoAndAFolder() {
        QTemporaryDir dir;
        QImage img(4, 4, QImage::Format_RGB32);
        img.fill(Qt::white);
        const QString fifo = dir.filePath("pipe.png");
        QVERIFY(::mkfifo(QFile::encodeName(fifo).constData(), 0644) == 0);
        QVERIFY2(writePngFile(img, fifo).contains("it is a FIFO"), qPrintable(writePngFile(img, fifo)));
        QVERIFY(!QFileInfo(fifo).isFile() && QFileInfo::exists(fifo));  // still the FIFO
        QVERIFY(writePngFile(img, dir.path()).contains("it is a folder"));
        QVERIFY(checkWritableFile(dir.filePath("no/x.png")).contains("does not exist"));
        QVERIFY(writePngFile(QImage(), dir.filePath("null.png")).contains("could not be encoded"));
        QVERIFY(!QFile::exists(dir.filePath("null.png")));
    }
};

QTEST_GUILESS_MAIN(TestImageFile)
#include "tst_image_file.moc"
