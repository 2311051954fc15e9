// core/digit_preprocess.cpp: a known off-centre rectangle becomes the expected 28x28 image; dark-on-light
// and light-on-dark give the same result; area averaging makes grey edges with the coverage as value; each
// step can be switched off; a blank page is "empty"; an MNIST digit enlarged, inverted and moved comes back
// close to the original.
#include <QtTest>

#include <cmath>

#include "core/dataset.h"
#include "core/digit_preprocess.h"
#include "tests/support/test_data.h"

using namespace layerlab;

class TestDigitPreprocess : public QObject {
    Q_OBJECT
private slots:
    void offCentreRectangle();
    void lightOnDarkGivesTheSameImage();
    void areaAveragingMakesGreyEdges();
    void stepsCanBeSwitchedOff();
    void blankPageIsEmpty();
    void paperTextureIsIgnored();
    void enlargedInvertedMnistDigitComesBack();
    void fashionSettingsFillTheFrame();
    void otherInputSizesKeepTheProportion();
    void badImagesAndOptionsAreErrors();
};

namespace {
GrayImage canvas(int w, int h, std::uint8_t paper) {
    return {w, h, std::vector<std::uint8_t>(std::size_t(w) * h, paper)};
}
void fill(GrayImage& g, int x0, int y0, int w, int h, std::uint8_t v) {
    for (int y = y0; y < y0 + h; ++y)
        for (int x = x0; x < x0 + w; ++x) g.pixels[std::size_t(y) * g.width + x] = v;
}
// The bounding box of the pixels above `threshold`: x0, y0, x1, y1 (inclusive).
std::array<int, 4> litBox(const GrayImage& g, int threshold = 0) {
    std::array<int, 4> b{g.width, g.height, -1, -1};
    for (int y = 0; y < g.height; ++y)
        for (int x = 0; x < g.width; ++x)
            if (g.at(x, y) > threshold)
                b = {std::min(b[0], x), std::min(b[1], y), std::max(b[2], x), std::max(b[3], y)};
    return b;
}
}  // namespace

void TestDigitPreprocess::offCentreRectangle() {
    // A 100x60 white page with a black 30x15 rectangle near its top-right corner.
    GrayImage page = canvas(100, 60, 255);
    fill(page, 60, 5, 30, 15, 0);
    const DigitPreprocessResult r = preprocessDigit(page);
    QVERIFY2(r.ok(), r.error.c_str());
    QVERIFY(r.inverted);
    QCOMPARE(r.paperLevel, 255);
    QCOMPARE(r.boxX, 60);
    QCOMPARE(r.boxY, 5);
    QCOMPARE(r.boxWidth, 30);
    QCOMPARE(r.boxHeight, 15);
    QCOMPARE(r.scaledWidth, 20);  // longer side to 20, aspect kept: 20x10
    QCOMPARE(r.scaledHeight, 10);
    QCOMPARE(r.image.width, 28);
    QCOMPARE(r.image.height, 28);
    // Expected: a 20x10 block of full ink whose centre (its centre of mass) is at (14, 14) -- in whole
    // pixels, its top-left at (4.5, 9.5) rounded: within a pixel of (4, 9).
    const auto b = litBox(r.image);
    QCOMPARE(b[2] - b[0] + 1, 20);
    QCOMPARE(b[3] - b[1] + 1, 10);
    QVERIFY2(std::abs(b[0] - 4.5) <= 1 && std::abs(b[1] - 9.5) <= 1,
             qPrintable(QString("%1,%2").arg(b[0]).arg(b[1])));
    int full = 0;
    for (std::uint8_t v : r.image.pixels) {
        QVERIFY(v == 0 || v == 255);  // 30 -> 20 averages whole ink: no grey inside a solid block
        full += v == 255;
    }
    QCOMPARE(full, 200);
    QVERIFY(std::abs(r.centerX - 14) <= 0.5 && std::abs(r.centerY - 14) <= 0.5);
    QCOMPARE(r.offsetX, b[0]);
    QCOMPARE(r.offsetY, b[1]);
}

void TestDigitPreprocess::lightOnDarkGivesTheSameImage() {
    GrayImage dark = canvas(100, 60, 255), light = canvas(100, 60, 0);
    fill(dark, 10, 30, 12, 25, 0);
    fill(light, 10, 30, 12, 25, 255);
    const DigitPreprocessResult a = preprocessDigit(dark), b = preprocessDigit(light);
    QVERIFY(a.inverted);
    QVERIFY(!b.inverted);
    QCOMPARE(a.image.pixels, b.image.pixels);
    // Forcing the wrong polarity finds no ink on a page that is all "ink".
    DigitPreprocessOptions o;
    o.polarity = InkPolarity::LightOnDark;
    QVERIFY(preprocessDigit(dark, o).empty);
    o.polarity = InkPolarity::DarkOnLight;
    QCOMPARE(preprocessDigit(dark, o).image.pixels, a.image.pixels);
}

void TestDigitPreprocess::areaAveragingMakesGreyEdges() {
    // A 30x30 light-on-dark image whose 16 left columns are ink (rows 5-24), not cropped: 30 -> 20 px, each
    // new pixel covers 1.5 old ones. New column 10 covers old [15, 16.5): 1 of 1.5 is ink -> 255 * 2/3 = 170.
    GrayImage img = canvas(30, 30, 0);
    fill(img, 0, 5, 16, 20, 255);
    DigitPreprocessOptions o;
    o.crop = false;
    o.centerOfMass = false;
    o.polarity = InkPolarity::LightOnDark;
    DigitPreprocessResult r = preprocessDigit(img, o);
    QVERIFY2(r.ok(), r.error.c_str());
    QCOMPARE(r.scaledWidth, 20);
    QCOMPARE(r.offsetX, 4);  // (28 - 20) / 2
    const int y = 14;
    QCOMPARE(int(r.image.at(4 + 9, y)), 255);
    QCOMPARE(int(r.image.at(4 + 10, y)), 170);
    QCOMPARE(int(r.image.at(4 + 11, y)), 0);
    // Nearest pixel: hard edges only.
    o.areaAveraging = false;
    r = preprocessDigit(img, o);
    for (std::uint8_t v : r.image.pixels) QVERIFY(v == 0 || v == 255);
    // resamplePlane directly: 3 -> 2 (each output covers 1.5) and 2 -> 4 (each output half a pixel)
    QCOMPARE(resamplePlane({3, 6, 9}, 3, 1, 2, 1, true), (std::vector<float>{4, 8}));
    QCOMPARE(resamplePlane({2, 8}, 2, 1, 4, 1, true), (std::vector<float>{2, 2, 8, 8}));
}

void TestDigitPreprocess::stepsCanBeSwitchedOff() {
    GrayImage page = canvas(40, 40, 255);
    fill(page, 2, 4, 6, 10, 0);  // a 6x10 bar near the top-left corner
    DigitPreprocessOptions o;
    o.scale = false;  // pixels stay as they are: a 6x10 block
    DigitPreprocessResult r = preprocessDigit(page, o);
    QCOMPARE(r.scaledWidth, 6);
    QCOMPARE(r.scaledHeight, 10);
    auto b = litBox(r.image);
    QCOMPARE(b[2] - b[0] + 1, 6);
    QCOMPARE(b[3] - b[1] + 1, 10);
    QCOMPARE(b[0], 12);  // centre of mass (2.5, 4.5): 14 - 2.5 = 11.5 and 14 - 4.5 = 9.5, halves rounded up
    QCOMPARE(b[1], 10);
    o = DigitPreprocessOptions{};
    o.crop = false;  // the whole 40x40 page is scaled to 20x20: the bar shrinks to 3x5 at the top-left
    r = preprocessDigit(page, o);
    QCOMPARE(r.boxWidth, 40);
    QCOMPARE(r.scaledWidth, 20);
    b = litBox(r.image);
    QCOMPARE(b[2] - b[0] + 1, 3);
    QCOMPARE(b[3] - b[1] + 1, 5);
    o = DigitPreprocessOptions{};
    o.centerOfMass = false;  // the box's middle at the frame's middle: a 12x20 box at (8, 4)
    r = preprocessDigit(page, o);
    QCOMPARE(r.scaledWidth, 12);
    QCOMPARE(r.offsetX, 8);
    QCOMPARE(r.offsetY, 4);
}

void TestDigitPreprocess::blankPageIsEmpty() {
    for (std::uint8_t paper : {0, 128, 255}) {
        const DigitPreprocessResult r = preprocessDigit(canvas(280, 280, paper));
        QVERIFY(r.empty);
        QVERIFY2(r.error.find("draw a digit first") != std::string::npos, r.error.c_str());
        QVERIFY(r.image.pixels.empty());
    }
    // A faint smudge (less contrast than a pen gives) is not a digit either.
    GrayImage page = canvas(100, 100, 255);
    fill(page, 40, 40, 10, 10, 240);
    QVERIFY(preprocessDigit(page).empty);
}

void TestDigitPreprocess::paperTextureIsIgnored() {
    // Grey paper (200) with texture of +-8 and grey pencil ink (90): the paper becomes 0, the ink 255, and
    // the box is the stroke's, not the texture's.
    GrayImage page = canvas(120, 90, 200);
    for (std::size_t i = 0; i < page.pixels.size(); ++i)
        page.pixels[i] = std::uint8_t(200 + int(i * 7919 % 17) - 8);
    fill(page, 30, 20, 20, 40, 90);
    const DigitPreprocessResult r = preprocessDigit(page);
    QVERIFY2(r.ok(), r.error.c_str());
    QCOMPARE(r.boxX, 30);
    QCOMPARE(r.boxY, 20);
    QCOMPARE(r.boxWidth, 20);
    QCOMPARE(r.boxHeight, 40);
    int maxValue = 0, lit = 0;
    for (std::uint8_t v : r.image.pixels) {
        maxValue = std::max(maxValue, int(v));
        lit += v > 0;
    }
    QVERIFY(maxValue >= 250);
    QCOMPARE(lit, 10 * 20);
}

void TestDigitPreprocess::enlargedInvertedMnistDigitComesBack() {
    // MNIST digits are already "preprocessed": enlarging one 5x, inverting it and moving it off-centre on a
    // big page, then preprocessing, gives back nearly the same 28x28 image (MNIST rounds its centre of mass
    // the same way; its boxes are 20 px or a little less, so the scale is nearly 1).
    const Dataset data = loadDataset(test::subsetPath());
    double meanOverlap = 0;
    const int n = 50;
    for (int k = 0; k < n; ++k) {
        const std::uint8_t* src = data.testImages.data() + std::size_t(k) * 784;
        GrayImage page = canvas(300, 200, 255);
        const int ox = 10 + 3 * k, oy = 200 - 140 - k;
        for (int y = 0; y < 140; ++y)
            for (int x = 0; x < 140; ++x)
                page.pixels[std::size_t(oy + y) * 300 + ox + x] =
                    std::uint8_t(255 - src[(y / 5) * 28 + x / 5]);
        const DigitPreprocessResult r = preprocessDigit(page);
        QVERIFY2(r.ok(), r.error.c_str());
        // overlap of the ink (> 100) of the two images: |A n B| / |A u B|
        int both = 0, either = 0;
        for (int i = 0; i < 784; ++i) {
            const bool a = src[i] > 100, b = r.image.pixels[i] > 100;
            both += a && b;
            either += a || b;
        }
        meanOverlap += double(both) / either / n;
    }
    qInfo("mean ink overlap (intersection over union) with the originals: %.3f", meanOverlap);
    QVERIFY2(meanOverlap > 0.9, qPrintable(QString::number(meanOverlap)));
}

void TestDigitPreprocess::fashionSettingsFillTheFrame() {
    GrayImage page = canvas(100, 60, 255);
    fill(page, 60, 5, 30, 15, 0);
    const DigitPreprocessResult r =
        preprocessDigit(page, DigitPreprocessOptions::forDataset(DatasetKind::FashionMNIST));
    QCOMPARE(r.scaledWidth, 28);
    QCOMPARE(r.scaledHeight, 14);
    QCOMPARE(r.offsetX, 0);
    QCOMPARE(r.offsetY, 7);
    QCOMPARE(DigitPreprocessOptions::forDataset(DatasetKind::MNIST).boxSize, 20);
}

// A model of another input size gets its own output size, the box in MNIST's proportion (20 of 28).
void TestDigitPreprocess::otherInputSizesKeepTheProportion() {
    const DigitPreprocessOptions big = DigitPreprocessOptions::forInput(DatasetKind::MNIST, 56, 42);
    QCOMPARE(big.outputWidth, 56);
    QCOMPARE(big.outputHeight, 42);
    QCOMPARE(big.boxSize, 40);  // 20 / 28 of the longer side
    QCOMPARE(big.centerOfMass, true);
    QCOMPARE(DigitPreprocessOptions::forInput(DatasetKind::MNIST, 14, 14).boxSize, 10);
    QCOMPARE(DigitPreprocessOptions::forInput(DatasetKind::MNIST, 1, 1).boxSize, 1);  // never 0
    const DigitPreprocessOptions fashion =
        DigitPreprocessOptions::forInput(DatasetKind::FashionMNIST, 32, 32);
    QCOMPARE(fashion.boxSize, 32);  // Fashion-MNIST fills the frame
    QCOMPARE(fashion.centerOfMass, false);
    // A 20 x 10 bar on a 56 x 56 input: scaled to the 40 px box, centred.
    GrayImage page = canvas(100, 60, 255);
    fill(page, 10, 10, 20, 10, 0);
    const DigitPreprocessResult r =
        preprocessDigit(page, DigitPreprocessOptions::forInput(DatasetKind::MNIST, 56, 56));
    QVERIFY(r.ok());
    QCOMPARE(r.image.width, 56);
    QCOMPARE(r.image.height, 56);
    QCOMPARE(r.scaledWidth, 40);
    QCOMPARE(r.scaledHeight, 20);
}

void TestDigitPreprocess::badImagesAndOptionsAreErrors() {
    QVERIFY(!preprocessDigit(GrayImage{}).ok());
    GrayImage lying{10, 10, std::vector<std::uint8_t>(50, 0)};
    QVERIFY(!preprocessDigit(lying).ok());
    DigitPreprocessOptions o;
    o.boxSize = 40;
    GrayImage page = canvas(10, 10, 255);
    fill(page, 2, 2, 3, 3, 0);
    QVERIFY(preprocessDigit(page, o).error.find("box") != std::string::npos);
    // A 1x1 image of ink on nothing: no border to tell paper from ink, so no ink is found, and no crash.
    QVERIFY(preprocessDigit(canvas(1, 1, 0)).empty);
}

QTEST_GUILESS_MAIN(TestDigitPreprocess)
#include "tst_digit_preprocess.moc"
