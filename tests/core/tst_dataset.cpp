// Dataset loading: the bundled subset, plain vs gzip IDX, hostile files, lookup order, Fashion-MNIST.
#include <sys/resource.h>

#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <array>
#include <filesystem>
#include <functional>
#include <set>

#include "core/dataset.h"
#include "core/errors.h"
#include "tests/support/test_data.h"

using namespace layerlab;
using namespace layerlab::test;
namespace fs = std::filesystem;

namespace {

// Runs f, expecting a DataError whose message contains every one of `needles`. Returns the message.
QString expectDataError(const std::function<void()>& f, const std::vector<std::string>& needles) {
    try {
        f();
    } catch (const DataError& e) {
        const std::string msg = e.what();
        for (const auto& n : needles)
            if (msg.find(n) == std::string::npos)
                return QStringLiteral("message lacks \"%1\": %2")
                    .arg(QString::fromStdString(n), QString::fromStdString(msg));
        return {};
    } catch (const std::exception& e) {
        return QStringLiteral("threw a non-DataError: %1").arg(e.what());
    }
    return QStringLiteral("did not throw");
}

#define EXPECT_DATA_ERROR(expr, ...)                                           \
    do {                                                                       \
        const QString problem = expectDataError([&] { expr; }, {__VA_ARGS__}); \
        if (!problem.isEmpty()) QFAIL(qPrintable(problem));                    \
    } while (0)

std::string canonical(const std::string& p) {
    return fs::weakly_canonical(p).string();
}

const char* kFashionDebian = "/usr/share/datasets/fashion-mnist";

}  // namespace

class TestDataset : public QObject {
    Q_OBJECT

private slots:
    void subsetLoads();
    void subsetIsLocatedAndResourcesDirResolves();
    void gzipReadsSameAsPlain();
    void gzipDatasetFolderLoads();
    void writeIdxRoundTripAndRejectsBadShape();
    void hostileFiles_data();
    void hostileFiles();
    void announcedSizeIsNotAllocatedUpFront();
    void missingFileIsNamed();
    void countMismatchIsNamed();
    void imageSizeMismatchAndSwappedFiles();
    void anyImageSizeAndClassCount();
    void locateOrderFlagEnvDataFolder();
    void locateReportsBadExplicitSettings();
    void fallsBackToSubsetOnlyWithoutOverride();
    void fashionFromDebianPackage();
};

void TestDataset::subsetLoads() {
    Dataset d;
    try {
        d = loadDataset(subsetPath(), "MNIST subset (bundled)");
    } catch (const DataError& e) {
        QFAIL(e.what());
    }
    QCOMPARE(d.trainCount(), std::size_t(2000));
    QCOMPARE(d.testCount(), std::size_t(500));
    QCOMPARE(d.rows, 28);
    QCOMPARE(d.cols, 28);
    QCOMPARE(d.classes, 10);
    QCOMPARE(d.trainImages.size(), 2000 * d.imageSize());
    QCOMPARE(d.testImages.size(), 500 * d.imageSize());

    std::array<int, 10> perClass{};
    for (auto l : d.trainLabels) {
        QVERIFY(l < 10);
        ++perClass[l];
    }
    for (auto l : d.testLabels) QVERIFY(l < 10);
    // Every digit is reasonably represented (the real first-2,000 has 172..224 per class).
    for (int c : perClass) QVERIFY2(c >= 150 && c <= 250, qPrintable(QString::number(c)));

    // Pixel statistics of real MNIST: mean about 33/255, most pixels exactly 0, full-scale strokes.
    double sum = 0;
    std::size_t zeros = 0;
    for (auto p : d.trainImages) {
        sum += p;
        zeros += p == 0;
    }
    const double mean = sum / double(d.trainImages.size());
    const double zeroFrac = double(zeros) / double(d.trainImages.size());
    QVERIFY2(mean > 25 && mean < 42, qPrintable(QString::number(mean)));
    QVERIFY2(zeroFrac > 0.7 && zeroFrac < 0.9, qPrintable(QString::number(zeroFrac)));
    QCOMPARE(int(*std::max_element(d.trainImages.begin(), d.trainImages.end())), 255);
    // First training label of MNIST is a 5, first test label a 7.
    QCOMPARE(int(d.trainLabels[0]), 5);
    QCOMPARE(int(d.testLabels[0]), 7);
}

void TestDataset::subsetIsLocatedAndResourcesDirResolves() {
    {
        ScopedEnv res("LAYERLAB_RESOURCES_DIR", std::nullopt);
        QCOMPARE(canonical(resourcesDir()), canonical(resourcesPath()));
    }
    {
        ScopedEnv res("LAYERLAB_RESOURCES_DIR", resourcesPath());
        QCOMPARE(resourcesDir(), resourcesPath());
        const DataLocation loc = locateDataset(DatasetKind::Subset);
        QVERIFY(loc.found);
        QCOMPARE(loc.how, std::string("bundled subset"));
        QCOMPARE(canonical(loc.directory), canonical(subsetPath()));
    }
    {
        QTemporaryDir empty;
        ScopedEnv res("LAYERLAB_RESOURCES_DIR", empty.path().toStdString());
        const DataLocation loc = locateDataset(DatasetKind::Subset);
        QVERIFY(!loc.found);
        QVERIFY(!loc.hint.empty());
    }
}

void TestDataset::gzipReadsSameAsPlain() {
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    for (const char* base : {"t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"}) {
        const std::string plain = subsetPath() + "/" + base;
        const std::string gz = tmp.filePath(QString(base) + ".gz").toStdString();
        const std::string gzNoSuffix = tmp.filePath(QString(base) + ".renamed").toStdString();
        writeGzip(gz, readBytes(plain));
        writeGzip(gzNoSuffix, readBytes(plain));
        QVERIFY(readBytes(gz).size() > 2 && readBytes(gz)[0] == 0x1f && readBytes(gz)[1] == 0x8b);

        const IdxArray a = readIdx(plain), b = readIdx(gz), c = readIdx(gzNoSuffix);
        QVERIFY(a.dims == b.dims);
        QVERIFY(a.data == b.data);
        QVERIFY(a.dims == c.dims);  // detected by content, not by name
        QVERIFY(a.data == c.data);
    }
}

void TestDataset::gzipDatasetFolderLoads() {
    QTemporaryDir tmp;
    const std::string dir = tmp.path().toStdString();
    writeTinyDataset(dir, 20, 8, 28, 28, 10, /*gz=*/true);
    QVERIFY(fs::exists(dir + "/train-images-idx3-ubyte.gz"));
    QVERIFY(!fs::exists(dir + "/train-images-idx3-ubyte"));
    const Dataset d = loadDataset(dir, "tiny");
    QCOMPARE(d.name, std::string("tiny"));
    QCOMPARE(d.trainCount(), std::size_t(20));
    QCOMPARE(d.testCount(), std::size_t(8));
    QVERIFY(d.trainImages == syntheticImages(20, 28, 28).data);
    QVERIFY(d.testLabels == syntheticLabels(8, 10).data);
}

void TestDataset::writeIdxRoundTripAndRejectsBadShape() {
    QTemporaryDir tmp;
    const std::string p = tmp.filePath("x-idx3-ubyte").toStdString();
    const IdxArray a = syntheticImages(3, 5, 7);
    writeIdx(p, a);
    const auto bytes = readBytes(p);
    QCOMPARE(bytes.size(), std::size_t(16 + 3 * 5 * 7));
    QCOMPARE(int(bytes[2]), 0x08);
    QCOMPARE(int(bytes[3]), 3);
    const IdxArray b = readIdx(p);
    QVERIFY(a.dims == b.dims);
    QVERIFY(a.data == b.data);
    // Only the target remains: the temp file was renamed into place.
    QCOMPARE(std::distance(fs::directory_iterator(tmp.path().toStdString()), fs::directory_iterator{}), 1L);

    IdxArray bad = a;
    bad.data.pop_back();
    EXPECT_DATA_ERROR(writeIdx(p, bad), p);
    IdxArray zero;
    zero.dims = {0};
    EXPECT_DATA_ERROR(writeIdx(p, zero), p);
}

void TestDataset::hostileFiles_data() {
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("keyword");

    auto bytes = [](const std::vector<std::uint8_t>& v) {
        return QByteArray(reinterpret_cast<const char*>(v.data()), qsizetype(v.size()));
    };
    auto labels = [&](std::uint32_t claimed, std::size_t actual) {
        auto v = idxHeader({claimed});
        v.resize(v.size() + actual, 3);
        return bytes(v);
    };

    QTest::newRow("truncated payload") << labels(100, 90) << "truncated";
    QTest::newRow("truncated header") << bytes({0, 0, 8, 3, 0, 0, 0, 5, 0, 0}) << "truncated";
    QTest::newRow("trailing garbage") << labels(100, 120) << "trailing";
    QTest::newRow("empty file") << QByteArray() << "empty";
    QTest::newRow("too short") << bytes({0, 0}) << "short";
    QTest::newRow("wrong magic") << QByteArray("<html>not an idx file</html>") << "magic";
    QTest::newRow("gzip-like junk") << bytes({0x1f, 0x8b, 0x08, 0x00, 1, 2, 3, 4}) << "";
    QTest::newRow("wrong type byte (float)") << bytes(idxHeader({4}, 0x0D)) + QByteArray(16, '\0') << "type";
    QTest::newRow("zero dimensions") << bytes({0, 0, 8, 0}) << "dimension";
    QTest::newRow("too many dimensions") << bytes({0, 0, 8, 9}) << "dimension";
    QTest::newRow("zero count") << bytes(idxHeader({0})) << "0";
    QTest::newRow("zero rows") << bytes(idxHeader({10, 0, 28})) << "0";
    QTest::newRow("huge dims") << bytes(idxHeader({60000, 60000, 60000})) << "bytes";
    QTest::newRow("overflowing dims") << bytes(idxHeader({0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu})) << "bytes";
}

void TestDataset::hostileFiles() {
    QFETCH(QByteArray, content);
    QFETCH(QString, keyword);
    QTemporaryDir tmp;
    for (bool gz : {false, true}) {
        const std::string p = tmp.filePath(gz ? "bad-idx1-ubyte.gz" : "bad-idx1-ubyte").toStdString();
        const std::vector<std::uint8_t> raw(content.begin(), content.end());
        if (gz)
            writeGzip(p, raw);
        else
            writeBytes(p, raw);
        if (gz && content.startsWith("\x1f\x8b")) continue;  // double gzip is a different case
        std::vector<std::string> needles{p};
        if (!keyword.isEmpty()) needles.push_back(keyword.toStdString());
        EXPECT_DATA_ERROR(readIdx(p), needles);
    }
}

// Found by fuzzing (scripts/fuzz.sh idx): a header claiming up to 200 MB made readIdx allocate and zero
// all of it before finding that the file ends after the header. The peak resident memory now grows by
// about what the file holds (the first 1 MB step), plain or gzip.
void TestDataset::announcedSizeIsNotAllocatedUpFront() {
    QTemporaryDir tmp;
    auto peakRssMb = [] {
        rusage u{};
        getrusage(RUSAGE_SELF, &u);
        return double(u.ru_maxrss) / 1024.0;  // ru_maxrss is in KB on Linux
    };
    const auto header = idxHeader({250, 1000, 800});  // 200,000,000 bytes announced, none there
    for (bool gz : {false, true}) {
        const std::string p = tmp.filePath(gz ? "claim.gz" : "claim").toStdString();
        if (gz)
            writeGzip(p, header);
        else
            writeBytes(p, header);
        const double before = peakRssMb();
        EXPECT_DATA_ERROR(readIdx(p), p, "truncated", "250 images of 1000x800", "holds 0");
        const double grew = peakRssMb() - before;
        QVERIFY2(grew < 50, qPrintable(QStringLiteral("peak memory grew by %1 MB").arg(grew)));
    }
}

void TestDataset::missingFileIsNamed() {
    QTemporaryDir tmp;
    const std::string p = tmp.filePath("nope-idx1-ubyte").toStdString();
    EXPECT_DATA_ERROR(readIdx(p), p, "not found");
    EXPECT_DATA_ERROR(readIdx(tmp.path().toStdString()), tmp.path().toStdString(), "folder");

    const std::string dir = tmp.filePath("ds").toStdString();
    writeTinyDataset(dir);
    fs::remove(dir + "/t10k-labels-idx1-ubyte");
    EXPECT_DATA_ERROR(loadDataset(dir), "t10k-labels-idx1-ubyte", "not found", "fetch-mnist.sh");
    EXPECT_DATA_ERROR(loadDataset(tmp.filePath("does-not-exist").toStdString()), "does-not-exist");
}

void TestDataset::countMismatchIsNamed() {
    QTemporaryDir tmp;
    const std::string dir = tmp.path().toStdString();
    writeTinyDataset(dir, 10, 5);
    writeIdx(dir + "/train-labels-idx1-ubyte", syntheticLabels(9, 10));
    EXPECT_DATA_ERROR(loadDataset(dir), "train-labels-idx1-ubyte", "9 labels", "10 images");

    writeTinyDataset(dir, 10, 5);
    writeIdx(dir + "/t10k-images-idx3-ubyte", syntheticImages(6, 28, 28));
    EXPECT_DATA_ERROR(loadDataset(dir), "t10k-labels-idx1-ubyte", "t10k-images-idx3-ubyte");
}

void TestDataset::imageSizeMismatchAndSwappedFiles() {
    QTemporaryDir tmp;
    const std::string dir = tmp.path().toStdString();
    writeTinyDataset(dir, 10, 5);
    writeIdx(dir + "/t10k-images-idx3-ubyte", syntheticImages(5, 20, 20));
    EXPECT_DATA_ERROR(loadDataset(dir), "t10k-images-idx3-ubyte", "20x20", "28x28");

    writeTinyDataset(dir, 10, 5);
    writeIdx(dir + "/train-images-idx3-ubyte", syntheticLabels(10, 10));
    EXPECT_DATA_ERROR(loadDataset(dir), "train-images-idx3-ubyte", "swapped");
}

void TestDataset::anyImageSizeAndClassCount() {
    QTemporaryDir tmp;
    const std::string dir = tmp.path().toStdString();
    writeTinyDataset(dir, 10, 4, 8, 6, 5);
    Dataset d = loadDataset(dir);
    QCOMPARE(d.rows, 8);
    QCOMPARE(d.cols, 6);
    QCOMPARE(d.imageSize(), std::size_t(48));
    QCOMPARE(d.classes, 5);
    QCOMPARE(d.directory, dir);
    QVERIFY(!d.name.empty());

    writeTinyDataset(dir, 10, 4, 8, 6, 1);  // every label 0: still a (degenerate) 2-class problem
    d = loadDataset(dir);
    QCOMPARE(d.classes, 2);
}

void TestDataset::locateOrderFlagEnvDataFolder() {
    QTemporaryDir flagDir, envDir, dataRoot;
    writeTinyDataset(flagDir.path().toStdString());
    writeTinyDataset(envDir.path().toStdString());
    writeTinyDataset(dataRoot.filePath("mnist").toStdString());
    writeTinyDataset(dataRoot.filePath("fashion-mnist").toStdString());

    ScopedEnv data("LAYERLAB_DATA_DIR", dataRoot.path().toStdString());
    QCOMPARE(dataRootDir(), dataRoot.path().toStdString());
    {
        ScopedEnv env("LAYERLAB_MNIST_DIR", envDir.path().toStdString());
        DataLocation loc = locateDataset(DatasetKind::MNIST, flagDir.path().toStdString());
        QVERIFY(loc.found);
        QCOMPARE(loc.directory, flagDir.path().toStdString());
        QCOMPARE(loc.how, std::string("from --data"));

        loc = locateDataset(DatasetKind::MNIST);
        QVERIFY(loc.found);
        QCOMPARE(loc.directory, envDir.path().toStdString());
        QCOMPARE(loc.how, std::string("from $LAYERLAB_MNIST_DIR"));

        // The MNIST variable does not leak into Fashion-MNIST.
        ScopedEnv fashionEnv("LAYERLAB_FASHION_DIR", std::nullopt);
        loc = locateDataset(DatasetKind::FashionMNIST);
        QVERIFY(loc.found);
        QCOMPARE(loc.directory, dataRoot.filePath("fashion-mnist").toStdString());
        QCOMPARE(loc.how, std::string("data folder"));
    }
    {
        ScopedEnv env("LAYERLAB_MNIST_DIR", std::nullopt);
        const DataLocation loc = locateDataset(DatasetKind::MNIST);
        QVERIFY(loc.found);
        QCOMPARE(loc.directory, dataRoot.filePath("mnist").toStdString());
        QCOMPARE(loc.how, std::string("data folder"));

        std::string note = "stale";
        const Dataset d = loadDatasetOrSubset(DatasetKind::MNIST, "", &note);
        QCOMPARE(d.name, std::string("MNIST"));
        QCOMPARE(d.trainCount(), std::size_t(12));
        QVERIFY(note.empty());
    }
    {
        ScopedEnv env("LAYERLAB_FASHION_DIR", envDir.path().toStdString());
        const DataLocation loc = locateDataset(DatasetKind::FashionMNIST);
        QVERIFY(loc.found);
        QCOMPARE(loc.how, std::string("from $LAYERLAB_FASHION_DIR"));
        const Dataset d = loadDatasetOrSubset(DatasetKind::FashionMNIST, "", nullptr);
        QCOMPARE(d.name, std::string("Fashion-MNIST"));
    }
}

void TestDataset::locateReportsBadExplicitSettings() {
    QTemporaryDir empty, dataRoot;
    ScopedEnv data("LAYERLAB_DATA_DIR", dataRoot.path().toStdString());
    ScopedEnv env("LAYERLAB_MNIST_DIR", std::nullopt);

    // A --data folder without the files is an error, not silently skipped.
    DataLocation loc = locateDataset(DatasetKind::MNIST, empty.path().toStdString());
    QVERIFY(!loc.found);
    QVERIFY(loc.hint.find(empty.path().toStdString()) != std::string::npos);
    QVERIFY(loc.hint.find("train-images-idx3-ubyte") != std::string::npos);

    // Nothing anywhere: the hint says how to get MNIST.
    loc = locateDataset(DatasetKind::MNIST);
    QVERIFY(!loc.found);
    QVERIFY2(loc.hint.find("scripts/fetch-mnist.sh") != std::string::npos, loc.hint.c_str());

    // A variable pointing at an empty folder is reported too.
    ScopedEnv bad("LAYERLAB_MNIST_DIR", empty.path().toStdString());
    loc = locateDataset(DatasetKind::MNIST);
    QVERIFY(!loc.found);
    QVERIFY(loc.hint.find("LAYERLAB_MNIST_DIR") != std::string::npos);
}

void TestDataset::fallsBackToSubsetOnlyWithoutOverride() {
    QTemporaryDir empty, dataRoot;
    ScopedEnv data("LAYERLAB_DATA_DIR", dataRoot.path().toStdString());
    ScopedEnv env("LAYERLAB_MNIST_DIR", std::nullopt);
    ScopedEnv res("LAYERLAB_RESOURCES_DIR", resourcesPath());

    std::string note;
    const Dataset d = loadDatasetOrSubset(DatasetKind::MNIST, "", &note);
    QCOMPARE(d.trainCount(), std::size_t(2000));
    QCOMPARE(d.testCount(), std::size_t(500));
    QCOMPARE(d.name, std::string("MNIST subset (bundled)"));
    QCOMPARE(note, std::string(
                       "Full MNIST not found (run scripts/fetch-mnist.sh); using the bundled subset of 2,000 "
                       "training and 500 test images."));

    EXPECT_DATA_ERROR(loadDatasetOrSubset(DatasetKind::MNIST, empty.path().toStdString(), &note),
                      empty.path().toStdString());

    // Asking for the subset directly carries no note.
    note = "stale";
    QCOMPARE(loadDatasetOrSubset(DatasetKind::Subset, "", &note).trainCount(), std::size_t(2000));
    QVERIFY(note.empty());
}

void TestDataset::fashionFromDebianPackage() {
    std::error_code ec;
    if (!fs::exists(std::string(kFashionDebian) + "/train-images-idx3-ubyte.gz", ec) &&
        !fs::exists(std::string(kFashionDebian) + "/train-images-idx3-ubyte", ec))
        QSKIP("dataset-fashion-mnist is not installed (sudo apt-get install dataset-fashion-mnist)");

    QTemporaryDir dataRoot;
    ScopedEnv data("LAYERLAB_DATA_DIR", dataRoot.path().toStdString());
    ScopedEnv env("LAYERLAB_FASHION_DIR", std::nullopt);
    const DataLocation loc = locateDataset(DatasetKind::FashionMNIST);
    QVERIFY(loc.found);
    QCOMPARE(loc.how, std::string("Debian package"));
    QCOMPARE(loc.directory, std::string(kFashionDebian));

    std::string note;
    Dataset d;
    try {
        d = loadDatasetOrSubset(DatasetKind::FashionMNIST, "", &note);
    } catch (const DataError& e) {
        QFAIL(e.what());
    }
    QCOMPARE(d.name, std::string("Fashion-MNIST"));
    QCOMPARE(d.trainCount(), std::size_t(60000));
    QCOMPARE(d.testCount(), std::size_t(10000));
    QCOMPARE(d.rows, 28);
    QCOMPARE(d.cols, 28);
    QCOMPARE(d.classes, 10);
    std::set<int> seen(d.trainLabels.begin(), d.trainLabels.end());
    QCOMPARE(int(seen.size()), 10);
    QVERIFY(note.empty());
}

QTEST_APPLESS_MAIN(TestDataset)
#include "tst_dataset.moc"
