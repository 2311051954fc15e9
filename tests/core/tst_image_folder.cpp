// core/image_import.cpp and core/image_folder.cpp: one file to the model's pixels (sizes, aspect, colour,
// alpha, invert), folders of MNIST digits in four sizes and formats read back as the IDX digits, the layout
// rules and every kind of bad input named (empty folder, one class, empty class, zero-size, truncated, not an
// image, symbolic-link loops, a 20,000 x 20,000 image), the stratified seeded test split, duplicates across
// train and test, parallel decoding with progress and cancel, and the cache (reused, invalidated by a
// change, by other settings, and rewritten when damaged).
#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <functional>
#include <set>

#include <zlib.h>

#include "core/dataset.h"
#include "core/errors.h"
#include "core/image_folder.h"
#include "core/image_import.h"
#include "core/image_io.h"
#include "core/model_data.h"
#include "core/trainer.h"
#include "core/validation_split.h"
#include "tests/support/gradient_check.h"
#include "tests/support/image_folder_fixture.h"
#include "tests/support/model_fixtures.h"
#include "tests/support/test_data.h"

using namespace layerlab;
namespace fs = std::filesystem;

class TestImageFolder : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void sameSizeGreyIsExact();
    void padKeepsAspectWithBorderColour();
    void stretchFillsTheFrame();
    void colourGreyAndRgb();
    void transparencyIsWhitePaper();
    void invertFlipsEveryPixel();
    void badFilesGiveOneMessage();
    void hugeImageIsRefusedByItsHeader();
    void digitsInFourFormatsMatchTheIdxImages();
    void classNamesAreSortedFolderNames();
    void badFoldersAreNamed();
    void emptyClassIsLeftOutAndNamed();
    void unreadableFilesAreSkippedAndListed();
    void symlinkLoopsAreSkipped();
    void testSplitIsStratifiedAndSeeded();
    void stratifiedValidationSplit();
    void duplicatesAcrossTrainAndTestAreListed();
    void progressAndCancel();
    void cacheIsReusedAndInvalidated();
    void damagedCacheIsIgnoredAndRewritten();
    void imbalanceIsWarned();
    void modelDataTellsIdxFromImageFolders();
    void digitFolderTrainsLikeTheIdxFiles();
    void rgbReachesAConvWithThreeChannels();

private:
    std::string path(const std::string& rel) const {
        return (fs::path(m_dir.path().toStdString()) / rel).string();
    }
    // A fresh folder under the temporary dir.
    std::string folder(const std::string& name) {
        const std::string p = path(name);
        fs::remove_all(p);
        fs::create_directories(p);
        return p;
    }
    ImageFolderOptions noCache() const {
        ImageFolderOptions o;
        o.useCache = false;
        return o;
    }
    QTemporaryDir m_dir;
    Dataset m_subset;
};

namespace {
std::vector<std::uint8_t> import(const std::vector<std::uint8_t>& bytes, const ImageImportSpec& spec) {
    std::vector<std::uint8_t> out(importedImageSize(spec));
    importImage(bytes.data(), bytes.size(), "x.png", spec, out.data());
    return out;
}

std::string importError(const std::vector<std::uint8_t>& bytes, const std::string& name = "bad.png") {
    std::vector<std::uint8_t> out(28 * 28);
    try {
        importImage(bytes.data(), bytes.size(), name, ImageImportSpec{}, out.data());
    } catch (const ImageError& e) {
        return e.what();
    }
    return "";
}

void put32(std::vector<std::uint8_t>& v, std::uint32_t x) {
    for (int s = 24; s >= 0; s -= 8) v.push_back(std::uint8_t(x >> s));
}

// A PNG signature and IHDR for w x h grey pixels and nothing else (the header a huge image starts with).
std::vector<std::uint8_t> pngHeaderOnly(std::uint32_t w, std::uint32_t h) {
    std::vector<std::uint8_t> out = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    put32(out, 13);
    std::vector<std::uint8_t> body = {'I', 'H', 'D', 'R'};
    put32(body, w);
    put32(body, h);
    body.insert(body.end(), {8, 0, 0, 0, 0});
    out.insert(out.end(), body.begin(), body.end());
    put32(out, std::uint32_t(crc32(0, body.data(), uInt(body.size()))));
    return out;
}

bool contains(const std::string& s, const std::string& part) {
    return s.find(part) != std::string::npos;
}

std::string dataError(const std::function<void()>& f) {
    try {
        f();
    } catch (const DataError& e) {
        return e.what();
    }
    return "";
}

const ImageFolderIssue* issueFor(const ImageFolderReport& r, const std::string& path) {
    for (const ImageFolderIssue& i : r.skipped)
        if (i.path == path) return &i;
    return nullptr;
}

// Three classes of solid squares (grey values 30, 130, 230), n of each, as PNG.
void writeSolidClasses(const std::string& root, int n,
                       const std::vector<std::string>& names = {"a", "b", "c"}) {
    for (std::size_t c = 0; c < names.size(); ++c) {
        fs::create_directories(root + "/" + names[c]);
        for (int i = 0; i < n; ++i)
            test::writeBytes(root + "/" + names[c] + "/" + std::to_string(i) + ".png",
                             test::solidImage(8 + i, 8, {std::uint8_t(30 + 100 * c)}));
    }
}
}  // namespace

void TestImageFolder::initTestCase() {
    QVERIFY(m_dir.isValid());
    m_subset = loadDataset(test::subsetPath());
}

void TestImageFolder::sameSizeGreyIsExact() {
    const std::uint8_t* digit = m_subset.trainImages.data();
    const std::vector<std::uint8_t> out =
        import(encodeImage(digit, 28, 28, 1, ImageFormat::PNG), ImageImportSpec{});
    QCOMPARE(out, std::vector<std::uint8_t>(digit, digit + 784));
}

void TestImageFolder::padKeepsAspectWithBorderColour() {
    // 40 wide x 20 high: a light-grey (200) frame one pixel wide around black (0). Padded into 28x28 it
    // becomes 28x14 in the middle (rows 7..20), the rows above and below filled with the border colour 200.
    std::vector<std::uint8_t> px(40 * 20, 200);
    for (int y = 1; y < 19; ++y)
        for (int x = 1; x < 39; ++x) px[std::size_t(y * 40 + x)] = 0;
    const std::vector<std::uint8_t> out =
        import(encodeImage(px.data(), 40, 20, 1, ImageFormat::PNG), ImageImportSpec{});
    QCOMPARE(out.size(), std::size_t(784));
    for (int x = 0; x < 28; ++x) {
        QCOMPARE(int(out[std::size_t(0 * 28 + x)]), 200);   // padding above
        QCOMPARE(int(out[std::size_t(27 * 28 + x)]), 200);  // padding below
    }
    QVERIFY(out[std::size_t(14 * 28 + 14)] < 10);   // the black inside, in the middle
    QVERIFY(out[std::size_t(5 * 28 + 14)] == 200);  // still padding just above the image
}

void TestImageFolder::stretchFillsTheFrame() {
    std::vector<std::uint8_t> px(40 * 20, 0);
    for (int x = 0; x < 20; ++x)
        for (int y = 0; y < 20; ++y) px[std::size_t(y * 40 + x)] = 255;  // left half white
    ImageImportSpec spec;
    spec.fit = ImageFit::Stretch;
    const std::vector<std::uint8_t> out = import(encodeImage(px.data(), 40, 20, 1, ImageFormat::PNG), spec);
    QCOMPARE(int(out[0]), 255);           // top left: white, no padding
    QCOMPARE(int(out[27 * 28 + 27]), 0);  // bottom right: black
    QVERIFY(out[14 * 28 + 3] > 250 && out[14 * 28 + 24] < 5);
    // Another target size: 10 wide x 6 high.
    spec.width = 10;
    spec.height = 6;
    const std::vector<std::uint8_t> small = import(encodeImage(px.data(), 40, 20, 1, ImageFormat::PNG), spec);
    QCOMPARE(small.size(), std::size_t(60));
    QCOMPARE(int(small[0]), 255);
    QCOMPARE(int(small[59]), 0);
}

void TestImageFolder::colourGreyAndRgb() {
    const std::vector<std::uint8_t> red = test::solidImage(10, 10, {255, 0, 0});
    ImageImportSpec grey;
    QCOMPARE(int(import(red, grey)[100]), 76);  // luma of pure red
    ImageImportSpec rgb;
    rgb.color = ImageColor::RGB;
    const std::vector<std::uint8_t> planes = import(red, rgb);
    QCOMPARE(planes.size(), std::size_t(3 * 784));
    QCOMPARE(int(planes[300]), 255);       // R plane
    QCOMPARE(int(planes[784 + 300]), 0);   // G plane
    QCOMPARE(int(planes[1568 + 300]), 0);  // B plane
    // A grey file asked for as RGB: the same value in all three planes.
    const std::vector<std::uint8_t> g = import(test::solidImage(5, 5, {90}, "bmp"), rgb);
    QCOMPARE(int(g[10]), 90);
    QCOMPARE(int(g[784 + 10]), 90);
    QCOMPARE(int(g[1568 + 10]), 90);
}

void TestImageFolder::transparencyIsWhitePaper() {
    // RGBA: transparent black -> white paper; grey + alpha half transparent black -> mid grey.
    QCOMPARE(int(import(test::solidImage(4, 4, {0, 0, 0, 0}), ImageImportSpec{})[400]), 255);
    const int half = import(test::solidImage(4, 4, {0, 128}), ImageImportSpec{})[400];
    QVERIFY2(half >= 126 && half <= 128, std::to_string(half).c_str());
}

void TestImageFolder::invertFlipsEveryPixel() {
    ImageImportSpec spec;
    spec.invert = true;
    const std::uint8_t* digit = m_subset.trainImages.data() + 784;
    const std::vector<std::uint8_t> out = import(encodeImage(digit, 28, 28, 1, ImageFormat::PNG), spec);
    for (int i = 0; i < 784; ++i) QCOMPARE(int(out[std::size_t(i)]), 255 - digit[i]);
}

void TestImageFolder::badFilesGiveOneMessage() {
    QVERIFY(contains(importError({}), "bad.png: the file is empty"));
    const std::string text = "hello, I am not a picture";
    const std::string notImage = importError(std::vector<std::uint8_t>(text.begin(), text.end()));
    QVERIFY2(contains(notImage, "bad.png: not an image LayerLab can read") &&
                 contains(notImage, "use a PNG, JPEG or BMP file"),
             notImage.c_str());
    // A real PNG cut in half: the header reads, the pixels do not.
    std::vector<std::uint8_t> noise(100 * 100);
    for (std::size_t i = 0; i < noise.size(); ++i) noise[i] = std::uint8_t(i * 2654435761u >> 13);
    std::vector<std::uint8_t> png = encodeImage(noise.data(), 100, 100, 1, ImageFormat::PNG);
    png.resize(png.size() / 2);
    const std::string truncated = importError(png);
    QVERIFY2(contains(truncated, "cannot be decoded") && contains(truncated, "truncated"), truncated.c_str());
    // A header of 0 x 0 pixels.
    const std::string zero = importError(pngHeaderOnly(0, 0));
    QVERIFY2(contains(zero, "no pixels"), zero.c_str());
}

void TestImageFolder::hugeImageIsRefusedByItsHeader() {
    // Only the 33-byte header of a 20,000 x 20,000 PNG exists: decoding would need 400 MB and fail anyway.
    const std::string why = importError(pngHeaderOnly(20000, 20000), "huge.png");
    QVERIFY2(contains(why, "huge.png: the image is 20000x20000 pixels") && contains(why, "64 megapixels") &&
                 contains(why, "scale it down"),
             why.c_str());
    // In a folder it is skipped and listed, the rest imports.
    const std::string root = folder("huge");
    writeSolidClasses(root, 2);
    test::writeBytes(root + "/a/huge.png", pngHeaderOnly(20000, 20000));
    ImageFolderReport r;
    const Dataset d = loadImageFolder(root, ImageImportSpec{}, &r, noCache());
    QCOMPARE(d.trainCount() + d.testCount(), std::size_t(6));
    const ImageFolderIssue* issue = issueFor(r, "a/huge.png");
    QVERIFY(issue);
    QVERIFY2(contains(issue->reason, "20000x20000"), issue->reason.c_str());
}

void TestImageFolder::digitsInFourFormatsMatchTheIdxImages() {
    const std::string root = folder("digits4");
    test::DigitFolderOptions o;
    o.trainPerClass = 8;
    o.testPerClass = 4;
    const std::size_t written = test::writeDigitFolder(root, m_subset, o);
    QCOMPARE(written, std::size_t(120));
    ImageFolderReport r;
    const Dataset d = loadImageFolder(root, ImageImportSpec{}, &r, noCache());
    QCOMPARE(d.trainCount(), std::size_t(80));
    QCOMPARE(d.testCount(), std::size_t(40));
    QVERIFY(r.hasTestFolder);
    QVERIFY(r.skipped.empty());
    QCOMPARE(d.classes, 10);
    QCOMPARE(d.channels, 1);
    // Every image against its source digit: PNGs exact, enlarged PNGs within the resampling's rounding,
    // JPEGs within its compression error; the mean difference stays small for all.
    for (std::size_t k = 0; k < d.trainCount(); ++k) {
        const std::string& file = d.trainFiles[k];
        const std::size_t i = std::stoul(fs::path(file).stem().string());
        QCOMPARE(int(d.trainLabels[k]), int(m_subset.trainLabels[i]));
        const std::uint8_t* want = m_subset.trainImages.data() + i * 784;
        const std::uint8_t* got = d.trainImages.data() + k * 784;
        double diff = 0;
        int worst = 0;
        for (int p = 0; p < 784; ++p) {
            const int e = std::abs(int(want[p]) - int(got[p]));
            diff += e;
            worst = std::max(worst, e);
        }
        diff /= 784;
        if (i % 4 == 0 || i % 4 == 3)
            QVERIFY2(worst == 0, (file + " differs by " + std::to_string(worst)).c_str());
        else
            QVERIFY2(diff < 12, (file + " differs by " + std::to_string(diff) + " on average").c_str());
    }
}

void TestImageFolder::classNamesAreSortedFolderNames() {
    const std::string root = folder("names");
    writeSolidClasses(root, 3, {"triangle", "Circle", "cross"});
    ImageFolderReport r;
    const Dataset d = loadImageFolder(root, ImageImportSpec{}, &r, noCache());
    QCOMPARE(d.classNames, (std::vector<std::string>{"Circle", "cross", "triangle"}));  // byte order
    QCOMPARE(d.name, std::string("names"));
    QVERIFY(d.stratified);
    // Labels follow the names: "triangle" images are grey 30, "Circle" 130, "cross" 230.
    for (std::size_t k = 0; k < d.trainCount(); ++k) {
        const std::string cls = d.trainFiles[k].substr(0, d.trainFiles[k].find('/'));
        QCOMPARE(d.classNames[d.trainLabels[k]], cls);
    }
}

void TestImageFolder::badFoldersAreNamed() {
    const std::string missing = path("no-such-folder");
    QVERIFY(contains(dataError([&] { scanImageFolder(missing); }), "no-such-folder does not exist"));
    const std::string file = path("a-file.png");
    test::writeBytes(file, test::solidImage(2, 2, {0}));
    QVERIFY(contains(dataError([&] { scanImageFolder(file); }), "is a file, not a folder"));
    const std::string empty = folder("empty");
    const std::string e = dataError([&] { scanImageFolder(empty); });
    QVERIFY2(contains(e, "empty is empty") && contains(e, "subfolder named after the class"), e.c_str());
    const std::string flat = folder("flat");
    test::writeBytes(flat + "/x.png", test::solidImage(2, 2, {0}));
    test::writeBytes(flat + "/y.png", test::solidImage(2, 2, {0}));
    const std::string f = dataError([&] { scanImageFolder(flat); });
    QVERIFY2(contains(f, "holds 2 image(s) but no class folders"), f.c_str());
    const std::string one = folder("one");
    writeSolidClasses(one, 3, {"circle"});
    const std::string o = dataError([&] { scanImageFolder(one); });
    QVERIFY2(contains(o, "one class only (circle)") && contains(o, "at least two classes"), o.c_str());
    const std::string idx = folder("idx");
    test::writeTinyDataset(idx);
    QVERIFY(contains(dataError([&] { scanImageFolder(idx); }), "holds MNIST-format IDX files"));
    const std::string nothing = folder("nothing");
    fs::create_directories(nothing + "/a");
    fs::create_directories(nothing + "/b");
    test::writeBytes(nothing + "/b/readme.txt", {'h', 'i'});
    const std::string n = dataError([&] { scanImageFolder(nothing); });
    QVERIFY2(contains(n, "none of its class folders holds a PNG, JPEG or BMP file"), n.c_str());
}

void TestImageFolder::emptyClassIsLeftOutAndNamed() {
    const std::string root = folder("emptyclass");
    writeSolidClasses(root, 3, {"a", "c"});
    fs::create_directories(root + "/b");
    ImageFolderReport r;
    const Dataset d = loadImageFolder(root, ImageImportSpec{}, &r, noCache());
    QCOMPARE(d.classNames, (std::vector<std::string>{"a", "c"}));
    QCOMPARE(r.emptyClasses, std::vector<std::string>{"b"});
    // One class with images and one without: the message names the empty one.
    const std::string two = folder("twoclass");
    writeSolidClasses(two, 3, {"a"});
    fs::create_directories(two + "/b");
    const std::string e = dataError([&] { scanImageFolder(two); });
    QVERIFY2(contains(e, "one class only (a) (b has no PNG, JPEG or BMP files)"), e.c_str());
}

void TestImageFolder::unreadableFilesAreSkippedAndListed() {
    const std::string root = folder("unreadable");
    writeSolidClasses(root, 4);
    test::writeBytes(root + "/a/empty.png", {});
    const std::string text = "not a picture at all";
    test::writeBytes(root + "/b/words.png", std::vector<std::uint8_t>(text.begin(), text.end()));
    std::vector<std::uint8_t> png = test::solidImage(50, 50, {10, 200, 30});
    png.resize(png.size() - 20);
    test::writeBytes(root + "/c/cut.png", png);
    test::writeBytes(root + "/c/notes.txt", {'x'});
    ImageFolderReport r;
    const Dataset d = loadImageFolder(root, ImageImportSpec{}, &r, noCache());
    QCOMPARE(d.trainCount() + d.testCount(), std::size_t(12));
    QCOMPARE(r.filesSeen, std::size_t(15));
    QVERIFY(issueFor(r, "a/empty.png") && contains(issueFor(r, "a/empty.png")->reason, "the file is empty"));
    QVERIFY(issueFor(r, "b/words.png") && contains(issueFor(r, "b/words.png")->reason, "not an image"));
    QVERIFY(issueFor(r, "c/cut.png") && contains(issueFor(r, "c/cut.png")->reason, "truncated"));
    QVERIFY(issueFor(r, "c/notes.txt") &&
            contains(issueFor(r, "c/notes.txt")->reason, "not a PNG, JPEG or BMP"));
    QCOMPARE(r.skipped.size(), std::size_t(4));
    // The reasons do not repeat the path.
    QVERIFY(!contains(issueFor(r, "b/words.png")->reason, "words.png"));
}

void TestImageFolder::symlinkLoopsAreSkipped() {
    const std::string root = folder("loops");
    writeSolidClasses(root, 2);
    fs::create_symlink("self.png", root + "/a/self.png");          // a file link to itself
    fs::create_directory_symlink("..", root + "/b/up");            // a folder link back up
    fs::create_directory_symlink(root + "/c", root + "/c/again");  // a folder link to itself
    fs::create_symlink("gone.png", root + "/c/dangling.png");      // a link to nothing
    ImageFolderReport r;
    const Dataset d = loadImageFolder(root, ImageImportSpec{}, &r, noCache());
    QCOMPARE(d.trainCount() + d.testCount(), std::size_t(6));
    QVERIFY(issueFor(r, "a/self.png") && contains(issueFor(r, "a/self.png")->reason, "loop"));
    QVERIFY(issueFor(r, "b/up") && contains(issueFor(r, "b/up")->reason, "link loop"));
    QVERIFY(issueFor(r, "c/again") && contains(issueFor(r, "c/again")->reason, "link loop"));
    QVERIFY(issueFor(r, "c/dangling.png") &&
            contains(issueFor(r, "c/dangling.png")->reason, "does not exist"));
}

void TestImageFolder::testSplitIsStratifiedAndSeeded() {
    const std::string root = folder("split");
    writeSolidClasses(root, 10, {"a", "b"});
    writeSolidClasses(root, 5, {"c"});
    ImageImportSpec spec;
    spec.testSplit = 0.2f;
    ImageFolderReport r;
    const Dataset d = loadImageFolder(root, spec, &r, noCache());
    QCOMPARE(r.testPerClass, (std::vector<long long>{2, 2, 1}));
    QCOMPARE(r.trainPerClass, (std::vector<long long>{8, 8, 4}));
    QVERIFY(!r.hasTestFolder);
    // The same seed picks the same test images; another seed others.
    const Dataset again = loadImageFolder(root, spec, nullptr, noCache());
    QCOMPARE(again.testFiles, d.testFiles);
    spec.splitSeed = 7;
    const Dataset other = loadImageFolder(root, spec, nullptr, noCache());
    QVERIFY(other.testFiles != d.testFiles);
    // No image is both: every file is in exactly one of the sets.
    std::set<std::string> all(d.trainFiles.begin(), d.trainFiles.end());
    for (const std::string& f : d.testFiles) QVERIFY(all.insert(f).second);
    QCOMPARE(all.size(), std::size_t(25));
    spec.testSplit = 0;
    QCOMPARE(loadImageFolder(root, spec, nullptr, noCache()).testCount(), std::size_t(0));
}

void TestImageFolder::stratifiedValidationSplit() {
    // 90 images of class 0, 10 of class 1: a 10% split holds out 9 and 1, each class in its share.
    std::vector<std::uint8_t> labels(100, 0);
    for (int i = 90; i < 100; ++i) labels[std::size_t(i)] = 1;
    TrainingSpec t;
    t.validationSplit = 0.1f;
    const TrainValidationSplit s = splitTrainValidationStratified(t, labels.data(), labels.size());
    QCOMPARE(s.validation.size(), std::size_t(10));
    int ones = 0;
    for (std::uint32_t i : s.validation) ones += labels[i];
    QCOMPARE(ones, 1);
    QCOMPARE(s.train.size(), std::size_t(90));
    QVERIFY(std::is_sorted(s.validation.begin(), s.validation.end()));
    // Seeded: the same settings give the same split, another seed another.
    QCOMPARE(splitTrainValidationStratified(t, labels.data(), labels.size()).validation, s.validation);
    t.seed = 1;
    QVERIFY(splitTrainValidationStratified(t, labels.data(), labels.size()).validation != s.validation);
    // A Dataset that asks for it gets it through the usual entry point.
    Dataset d;
    d.trainLabels = labels;
    d.stratified = true;
    t.seed = 42;
    QCOMPARE(splitTrainValidation(t, d).validation, s.validation);
}

void TestImageFolder::duplicatesAcrossTrainAndTestAreListed() {
    const std::string root = folder("dups");
    for (const char* part : {"train", "test"})
        writeSolidClasses(root + "/" + part, 3, {"a", "b"});  // the same three files on both sides
    test::writeBytes(root + "/test/b/unique.png", test::solidImage(3, 30, {77}));
    ImageFolderReport r;
    const Dataset d = loadImageFolder(root, ImageImportSpec{}, &r, noCache());
    QCOMPARE(d.testCount(), std::size_t(7));
    QCOMPARE(r.duplicates.size(), std::size_t(6));
    bool found = false;
    for (const DuplicateImage& dup : r.duplicates)
        found = found || (dup.trainPath == "train/a/1.png" && dup.testPath == "test/a/1.png");
    QVERIFY(found);
    for (const DuplicateImage& dup : r.duplicates) QVERIFY(dup.testPath != "test/b/unique.png");
}

void TestImageFolder::progressAndCancel() {
    const std::string root = folder("progress");
    test::DigitFolderOptions o;
    o.trainTestFolders = false;
    o.trainPerClass = 30;
    test::writeDigitFolder(root, m_subset, o);
    ImageFolderOptions opt = noCache();
    std::vector<std::size_t> seen;
    opt.progress = [&](std::size_t done, std::size_t total) {
        QCOMPARE(total, std::size_t(300));
        seen.push_back(done);
    };
    loadImageFolder(root, ImageImportSpec{}, nullptr, opt);
    QVERIFY(seen.size() >= 2);
    QVERIFY(std::is_sorted(seen.begin(), seen.end()));
    QCOMPARE(seen.back(), std::size_t(300));
    // Cancelled after the first block: ImportCancelled, nothing returned.
    std::atomic<bool> cancel{false};
    opt.cancel = &cancel;
    seen.clear();
    opt.progress = [&](std::size_t done, std::size_t) {
        seen.push_back(done);
        cancel = true;
    };
    bool cancelled = false;
    try {
        loadImageFolder(root, ImageImportSpec{}, nullptr, opt);
    } catch (const ImportCancelled& e) {
        cancelled = contains(e.what(), "cancelled");
    }
    QVERIFY(cancelled);
    QCOMPARE(seen.size(), std::size_t(1));
    QVERIFY(seen.front() < 300);
}

void TestImageFolder::cacheIsReusedAndInvalidated() {
    const std::string root = folder("cached");
    writeSolidClasses(root, 4);
    test::writeBytes(root + "/a/bad.png", {'n', 'o'});
    ImageFolderOptions opt;
    opt.cacheDir = path("cache");
    ImageFolderReport r1, r2, r3, r4;
    const Dataset d1 = loadImageFolder(root, ImageImportSpec{}, &r1, opt);
    QVERIFY(!r1.fromCache);
    QVERIFY2(r1.cacheProblem.empty(), r1.cacheProblem.c_str());
    QVERIFY(fs::is_regular_file(r1.cacheFile));
    QCOMPARE(fs::path(r1.cacheFile).parent_path().string(), opt.cacheDir);
    const Dataset d2 = loadImageFolder(root, ImageImportSpec{}, &r2, opt);
    QVERIFY(r2.fromCache);
    QCOMPARE(d2.trainImages, d1.trainImages);
    QCOMPARE(d2.testImages, d1.testImages);
    QCOMPARE(d2.trainLabels, d1.trainLabels);
    QCOMPARE(d2.trainFiles, d1.trainFiles);
    QCOMPARE(d2.classNames, d1.classNames);
    QCOMPARE(r2.skipped, r1.skipped);  // the unreadable file is still listed
    QVERIFY(issueFor(r2, "a/bad.png"));
    // A file replaced by another picture (other bytes, other time): decoded afresh, the new pixels show.
    test::writeBytes(root + "/b/0.png", test::solidImage(9, 8, {255}));
    fs::last_write_time(root + "/b/0.png", fs::last_write_time(root + "/b/0.png") + std::chrono::seconds(5));
    const Dataset d3 = loadImageFolder(root, ImageImportSpec{}, &r3, opt);
    QVERIFY(!r3.fromCache);
    bool white = false;
    for (std::size_t k = 0; k < d3.trainCount(); ++k)
        if (d3.trainFiles[k] == "b/0.png") white = d3.trainImages[k * 784 + 400] == 255;
    for (std::size_t k = 0; k < d3.testCount(); ++k)
        if (d3.testFiles[k] == "b/0.png") white = d3.testImages[k * 784 + 400] == 255;
    QVERIFY(white);
    // A file added: decoded afresh.
    test::writeBytes(root + "/c/new.png", test::solidImage(8, 8, {5}));
    const Dataset d4 = loadImageFolder(root, ImageImportSpec{}, &r4, opt);
    QVERIFY(!r4.fromCache);
    QCOMPARE(d4.trainCount() + d4.testCount(), std::size_t(13));
    // Other settings: their own cache file, not the first one's pixels.
    ImageImportSpec inverted;
    inverted.invert = true;
    ImageFolderReport r5;
    const Dataset d5 = loadImageFolder(root, inverted, &r5, opt);
    QVERIFY(!r5.fromCache);
    QVERIFY(r5.cacheFile != r4.cacheFile);
    QCOMPARE(int(d5.trainImages[0]), 255 - int(d4.trainImages[0]));
}

void TestImageFolder::damagedCacheIsIgnoredAndRewritten() {
    const std::string root = folder("damaged");
    writeSolidClasses(root, 3);
    ImageFolderOptions opt;
    opt.cacheDir = path("cache2");
    ImageFolderReport r;
    const Dataset d = loadImageFolder(root, ImageImportSpec{}, &r, opt);
    const auto size = fs::file_size(r.cacheFile);
    fs::resize_file(r.cacheFile, size / 2);  // cut short
    ImageFolderReport r2;
    const Dataset d2 = loadImageFolder(root, ImageImportSpec{}, &r2, opt);
    QVERIFY(!r2.fromCache);
    QCOMPARE(d2.trainImages, d.trainImages);
    QCOMPARE(fs::file_size(r2.cacheFile), size);  // written whole again
    test::writeBytes(r.cacheFile, {'j', 'u', 'n', 'k'});
    ImageFolderReport r3;
    loadImageFolder(root, ImageImportSpec{}, &r3, opt);
    QVERIFY(!r3.fromCache);
    ImageFolderReport r4;
    loadImageFolder(root, ImageImportSpec{}, &r4, opt);
    QVERIFY(r4.fromCache);
}

void TestImageFolder::imbalanceIsWarned() {
    QVERIFY(imbalanceWarning({"a", "b"}, {10, 5}).empty());
    const std::string w = imbalanceWarning({"circle", "cross", "square"}, {60, 12, 30});
    QVERIFY2(contains(w, "circle has 60 training images, cross 12 (5 times fewer)"), w.c_str());
    const std::string root = folder("unbalanced");
    writeSolidClasses(root, 12, {"many"});
    writeSolidClasses(root, 2, {"few"});
    ImageImportSpec spec;
    spec.testSplit = 0;
    ImageFolderReport r;
    loadImageFolder(root, spec, &r, noCache());
    QVERIFY2(contains(r.imbalance, "many has 12 training images, few 2 (6 times fewer)"),
             r.imbalance.c_str());
}

void TestImageFolder::modelDataTellsIdxFromImageFolders() {
    QVERIFY(!isImageFolder(test::subsetPath()));
    const std::string root = folder("forcli");
    writeSolidClasses(root, 3);
    QVERIFY(isImageFolder(root));
    ModelSpec spec;  // an MNIST model, 1x28x28
    std::string note;
    ImageFolderReport r;
    ImageFolderOptions opt = noCache();
    const Dataset fromFolder = loadModelData(spec, root, "", &note, &r, opt);
    QCOMPARE(fromFolder.classNames.size(), std::size_t(3));
    QCOMPARE(fromFolder.rows, 28);
    const Dataset fromIdx = loadModelData(spec, test::subsetPath(), "", &note, nullptr, opt);
    QCOMPARE(fromIdx.trainCount(), std::size_t(2000));
    QVERIFY(fromIdx.classNames.empty());
    // A model that names its folder, relative to the model file; its own import settings.
    spec.training.dataset = DatasetKind::ImageFolder;
    spec.training.dataFolder = "forcli";
    spec.training.imageImport.width = 12;
    spec.training.imageImport.height = 10;
    spec.training.imageImport.color = ImageColor::RGB;
    const Dataset named = loadModelData(spec, "", path("model.json"), &note, nullptr, opt);
    QCOMPARE(named.cols, 12);
    QCOMPARE(named.rows, 10);
    QCOMPARE(named.channels, 3);
    QCOMPARE(resolveDataFolder(spec.training, path("model.json")), root);
    spec.training.dataFolder.clear();
    QVERIFY(contains(dataError([&] { loadModelData(spec, "", "", &note, nullptr, opt); }), "names none"));
    // The input decides the import of --data for other models: 3x32x32 reads RGB at 32x32.
    ModelSpec rgb;
    rgb.input = Shape::chw(3, 32, 32);
    const ImageImportSpec s = importSettingsFor(rgb);
    QCOMPARE(s.width, 32);
    QCOMPARE(s.color, ImageColor::RGB);
    rgb.input = Shape::flat(3 * 16 * 16);
    QCOMPARE(importSettingsFor(rgb).width, 16);
    QCOMPARE(importSettingsFor(rgb).color, ImageColor::RGB);
}

void TestImageFolder::digitFolderTrainsLikeTheIdxFiles() {
    // The whole bundled subset (2,000 training and 500 test digits) as a folder of PNG, enlarged PNG, RGB
    // JPEG and BMP files: the same MLP, seed and settings reach the same test accuracy within noise.
    const std::string root = folder("subset-as-images");
    QCOMPARE(test::writeDigitFolder(root, m_subset), std::size_t(2500));
    ImageFolderReport r;
    const Dataset images = loadImageFolder(root, ImageImportSpec{}, &r, noCache());
    QCOMPARE(images.trainCount(), std::size_t(2000));
    QCOMPARE(images.testCount(), std::size_t(500));
    QVERIFY(r.skipped.empty());
    QVERIFY(r.duplicates.empty());
    QCOMPARE(images.classNames, (std::vector<std::string>{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}));
    const ModelSpec spec = test::subsetMlp(3);
    const TrainResult fromIdx = Trainer(spec, m_subset).run();
    const TrainResult fromImages = Trainer(spec, images).run();
    QVERIFY(!fromIdx.failed && !fromImages.failed);
    const QString figures =
        QString("IDX %1, images %2").arg(fromIdx.testAccuracy).arg(fromImages.testAccuracy);
    QVERIFY2(fromIdx.testAccuracy > 0.8, qPrintable(figures));
    QVERIFY2(std::abs(fromIdx.testAccuracy - fromImages.testAccuracy) < 0.03, qPrintable(figures));
    qInfo("test accuracy after 3 epochs: %s", qPrintable(figures));
}

void TestImageFolder::rgbReachesAConvWithThreeChannels() {
    // Two classes that differ only in hue: red (97, 0, 0) and blue (0, 0, 255) have the same luma (29), so
    // in grey they are the same picture and only the colour planes tell them apart.
    const std::string root = folder("hues");
    for (const char* cls : {"blue", "red"}) fs::create_directories(root + "/" + cls);
    for (int i = 0; i < 40; ++i) {
        const std::uint8_t noise = std::uint8_t(i % 5);
        test::writeBytes(root + "/red/" + std::to_string(i) + ".png",
                         test::solidImage(6 + i % 4, 6, {97, noise, 0}));
        test::writeBytes(root + "/blue/" + std::to_string(i) + ".png",
                         test::solidImage(6, 6 + i % 3, {0, noise, 255}));
    }
    ImageImportSpec spec;
    spec.width = spec.height = 8;
    spec.color = ImageColor::RGB;
    spec.testSplit = 0.25f;
    const Dataset rgb = loadImageFolder(root, spec, nullptr, noCache());
    QCOMPARE(rgb.channels, 3);
    QCOMPARE(rgb.imageShape(), Shape::chw(3, 8, 8));
    ModelSpec model;
    model.input = Shape::chw(3, 8, 8);
    model.classes = 2;
    LayerSpec conv = LayerSpec::make(LayerType::Conv2D);
    conv.filters = 4;
    conv.kernel = 3;
    conv.activation = Activation::Tanh;  // smooth: no kinks for the finite differences
    model.layers = {conv, LayerSpec::make(LayerType::Flatten), test::denseLayer(2, Activation::Softmax)};
    model.training = test::subsetTraining(8);
    model.training.batchSize = 8;
    model.training.optimizer.learningRate = 0.01f;
    // The Conv2D on 3 input channels passes the shared gradient check.
    const test::GradCheck g = test::checkNetwork(model);
    QVERIFY2(g.maxError < 1e-2, g.worst.c_str());
    const TrainResult r = Trainer(model, rgb).run();
    QVERIFY2(r.testAccuracy == 1.0, qPrintable(QString::number(r.testAccuracy)));
    // The same images in grey cannot be told apart: the model input must say 1 channel, and it guesses.
    spec.color = ImageColor::Grey;
    const Dataset grey = loadImageFolder(root, spec, nullptr, noCache());
    for (std::uint8_t v : grey.trainImages) QVERIFY(v >= 29 && v <= 31);  // red and blue alike
    try {
        Trainer t(model, grey);
        QFAIL("a 3-channel model must refuse grey images");
    } catch (const DataError& e) {
        QVERIFY2(contains(e.what(), "8x8 grey images: set the input to 1x8x8"), e.what());
    }
    model.input = Shape::chw(1, 8, 8);
    const TrainResult g1 = Trainer(model, grey).run();
    QVERIFY2(g1.testAccuracy <= 0.75, qPrintable(QString::number(g1.testAccuracy)));
}

QTEST_APPLESS_MAIN(TestImageFolder)
#include "tst_image_folder.moc"
