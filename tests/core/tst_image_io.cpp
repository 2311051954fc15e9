// core/image_io.cpp: PNG round trip; colour and transparency become grey on white paper (PNGs written here
// by a small independent encoder on zlib); a BMP; files that are not images, truncated, empty, missing, a
// folder or too large give one error naming the file.
#include <QTemporaryDir>
#include <QtTest>

#include <zlib.h>

#include "core/image_io.h"
#include "tests/support/test_data.h"

using namespace layerlab;

class TestImageIo : public QObject {
    Q_OBJECT
private slots:
    void pngRoundTrip();
    void colourAndTransparencyBecomeGrey();
    void bmpIsRead();
    void badFilesNameTheFile();
    void hugeImageIsRefusedBeforeDecoding();
    void savePngFollowsTheWriteRules();

private:
    QTemporaryDir m_dir;
};

namespace {
void put32(std::vector<std::uint8_t>& v, std::uint32_t x) {
    for (int s = 24; s >= 0; s -= 8) v.push_back(std::uint8_t(x >> s));
}
void chunk(std::vector<std::uint8_t>& png, const char* type, const std::vector<std::uint8_t>& data) {
    put32(png, std::uint32_t(data.size()));
    std::vector<std::uint8_t> body(type, type + 4);
    body.insert(body.end(), data.begin(), data.end());
    png.insert(png.end(), body.begin(), body.end());
    put32(png, std::uint32_t(crc32(0, body.data(), uInt(body.size()))));
}
// An 8-bit PNG of colour type 0 (grey), 4 (grey + alpha), 2 (RGB) or 6 (RGBA); rows unfiltered.
std::vector<std::uint8_t> png(int w, int h, int colourType, const std::vector<std::uint8_t>& pixels) {
    const int channels = colourType == 0 ? 1 : colourType == 4 ? 2 : colourType == 2 ? 3 : 4;
    std::vector<std::uint8_t> out = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    std::vector<std::uint8_t> ihdr;
    put32(ihdr, std::uint32_t(w));
    put32(ihdr, std::uint32_t(h));
    ihdr.insert(ihdr.end(), {8, std::uint8_t(colourType), 0, 0, 0});
    chunk(out, "IHDR", ihdr);
    std::vector<std::uint8_t> raw;
    for (int y = 0; y < h; ++y) {
        raw.push_back(0);
        raw.insert(raw.end(), pixels.begin() + std::ptrdiff_t(y) * w * channels,
                   pixels.begin() + std::ptrdiff_t(y + 1) * w * channels);
    }
    uLongf size = compressBound(uLong(raw.size()));
    std::vector<std::uint8_t> z(size);
    compress(z.data(), &size, raw.data(), uLong(raw.size()));
    z.resize(size);
    chunk(out, "IDAT", z);
    chunk(out, "IEND", {});
    return out;
}
}  // namespace

void TestImageIo::pngRoundTrip() {
    GrayImage g{5, 3, {}};
    for (int i = 0; i < 15; ++i) g.pixels.push_back(std::uint8_t(i * 17));
    const DecodedImage d = decodeImage(encodePng(g), "x.png");
    QCOMPARE(d.channels, 1);
    QCOMPARE(d.image.width, 5);
    QCOMPARE(d.image.height, 3);
    QCOMPARE(d.image.pixels, g.pixels);
}

void TestImageIo::colourAndTransparencyBecomeGrey() {
    // RGB: pure red, green, blue and white -> Rec. 601 luma 76, 150, 29, 255
    DecodedImage d = decodeImage(png(4, 1, 2, {255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255}), "rgb.png");
    QCOMPARE(d.channels, 3);
    QCOMPARE(d.image.pixels, (std::vector<std::uint8_t>{76, 150, 29, 255}));
    // RGBA: black ink, transparent black (= the paper: white), half-transparent black (mid grey)
    d = decodeImage(png(3, 1, 6, {0, 0, 0, 255, 0, 0, 0, 0, 0, 0, 0, 128}), "rgba.png");
    QCOMPARE(d.channels, 4);
    QCOMPARE(d.image.pixels, (std::vector<std::uint8_t>{0, 255, 127}));
    // grey + alpha
    d = decodeImage(png(2, 1, 4, {10, 255, 10, 0}), "ga.png");
    QCOMPARE(d.channels, 2);
    QCOMPARE(d.image.pixels, (std::vector<std::uint8_t>{10, 255}));
}

void TestImageIo::bmpIsRead() {
    // A 2x1 24-bit BMP (bottom-up rows, BGR, rows padded to 4 bytes): blue then white.
    std::vector<std::uint8_t> bmp = {'B', 'M'};
    auto le32 = [&](std::uint32_t x) {
        for (int s = 0; s < 32; s += 8) bmp.push_back(std::uint8_t(x >> s));
    };
    auto le16 = [&](std::uint16_t x) { bmp.insert(bmp.end(), {std::uint8_t(x), std::uint8_t(x >> 8)}); };
    le32(54 + 8);
    le32(0);
    le32(54);
    le32(40);
    le32(2);
    le32(1);
    le16(1);
    le16(24);
    for (int i = 0; i < 6; ++i) le32(0);
    bmp.insert(bmp.end(), {255, 0, 0, 255, 255, 255, 0, 0});
    const QString path = m_dir.filePath("two.bmp");
    test::writeBytes(path.toStdString(), bmp);
    const DecodedImage d = loadImage(path.toStdString());
    QCOMPARE(d.channels, 3);
    QCOMPARE(d.image.pixels, (std::vector<std::uint8_t>{29, 255}));
}

void TestImageIo::badFilesNameTheFile() {
    const std::string dir = m_dir.path().toStdString();
    auto errorOf = [](const std::string& path) -> std::string {
        try {
            loadImage(path);
        } catch (const ImageError& e) {
            return e.what();
        }
        return "";
    };
    test::writeBytes(dir + "/notes.png", {'h', 'e', 'l', 'l', 'o', ' ', 'w', 'o', 'r', 'l', 'd'});
    std::string e = errorOf(dir + "/notes.png");
    QVERIFY2(e.find("notes.png: not an image") != std::string::npos, e.c_str());
    std::vector<std::uint8_t> cut = png(20, 20, 0, std::vector<std::uint8_t>(400, 9));
    cut.resize(cut.size() - 30);
    test::writeBytes(dir + "/cut.png", cut);
    e = errorOf(dir + "/cut.png");
    QVERIFY2(e.find("cut.png") != std::string::npos && e.find("decoded") != std::string::npos, e.c_str());
    test::writeBytes(dir + "/empty.png", {});
    QVERIFY(errorOf(dir + "/empty.png").find("empty.png: the file is empty") != std::string::npos);
    e = errorOf(dir + "/missing.png");
    QVERIFY2(e.find("missing.png: cannot open it (No such file") != std::string::npos, e.c_str());
    QVERIFY(errorOf(dir).find("is a folder") != std::string::npos);
    QVERIFY(errorOf("/dev/null").find("not a regular file") != std::string::npos);
}

void TestImageIo::hugeImageIsRefusedBeforeDecoding() {
    // The header says 20000 x 20000; there is no pixel data: refused by its size, not by a failed decode.
    std::vector<std::uint8_t> p = png(1, 1, 0, {0});
    p[16] = 0, p[17] = 0, p[18] = 0x4e, p[19] = 0x20;  // width 20000
    p[20] = 0, p[21] = 0, p[22] = 0x4e, p[23] = 0x20;  // height 20000
    const std::uint32_t crc = std::uint32_t(crc32(0, p.data() + 12, 17));
    for (int i = 0; i < 4; ++i) p[29 + i] = std::uint8_t(crc >> (24 - 8 * i));
    try {
        decodeImage(p, "big.png");
        QFAIL("expected an ImageError");
    } catch (const ImageError& e) {
        QVERIFY2(std::string(e.what()).find("big.png: the image is 20000x20000 pixels") != std::string::npos,
                 e.what());
    }
}

void TestImageIo::savePngFollowsTheWriteRules() {
    GrayImage g{2, 2, {0, 64, 128, 255}};
    const QString path = m_dir.filePath("out.png");
    QCOMPARE(savePng(path.toStdString(), g), std::string());
    QCOMPARE(loadImage(path.toStdString()).image.pixels, g.pixels);
    QVERIFY(!savePng(m_dir.path().toStdString(), g).empty());  // a folder
    QVERIFY(!savePng(m_dir.filePath("x.png").toStdString(), GrayImage{}).empty());
}

QTEST_GUILESS_MAIN(TestImageIo)
#include "tst_image_io.moc"
