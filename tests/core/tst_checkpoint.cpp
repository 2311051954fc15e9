// Checkpoint files: bit-exact round trip, documented layout, truncation, corruption, foreign files,
// hostile length fields, newer versions, and saves that fail without harming the old file.
#include <sys/resource.h>
#include <sys/stat.h>
#include <zlib.h>

#include <QDir>
#include <QTemporaryDir>
#include <QtTest>
#include <bit>
#include <csignal>
#include <cstring>
#include <limits>
#include <memory>

#include "core/checkpoint.h"
#include "core/errors.h"
#include "tests/support/file_guards.h"
#include "tests/support/test_data.h"

using namespace layerlab;
using Bytes = std::vector<std::uint8_t>;

namespace {

ModelSpec smallSpec() {
    ModelSpec s;
    s.name = "ckpt test";
    s.layers = {LayerSpec::make(LayerType::Flatten), LayerSpec::make(LayerType::Dense)};
    s.layers[1].units = 10;
    s.layers[1].activation = Activation::Softmax;
    s.layers[0].id = "flat";
    s.layers[1].id = "out";
    return s;
}

std::vector<float> awkwardParams() {
    std::vector<float> p = {0.0f,
                            -0.0f,
                            1.0f,
                            -1.5f,
                            3.14159265f,
                            std::numeric_limits<float>::denorm_min(),
                            std::numeric_limits<float>::min(),
                            std::numeric_limits<float>::max(),
                            -std::numeric_limits<float>::infinity(),
                            std::numeric_limits<float>::infinity(),
                            std::bit_cast<float>(0x7fc01234u),   // NaN with a payload
                            std::bit_cast<float>(0xffa00001u)};  // signalling-pattern NaN
    for (int i = 0; i < 100; ++i) p.push_back(std::sin(float(i)) * 1e-3f);
    return p;
}

bool bitEqual(const std::vector<float>& a, const std::vector<float>& b) {
    return a.size() == b.size() &&
           (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0);
}

uint32_t le32(const Bytes& b, size_t at) {
    return uint32_t(b[at]) | uint32_t(b[at + 1]) << 8 | uint32_t(b[at + 2]) << 16 | uint32_t(b[at + 3]) << 24;
}
uint64_t le64(const Bytes& b, size_t at) {
    return uint64_t(le32(b, at)) | uint64_t(le32(b, at + 4)) << 32;
}
void putLe32(Bytes& b, size_t at, uint32_t v) {
    for (int i = 0; i < 4; ++i) b[at + i] = uint8_t(v >> (8 * i));
}
void putLe64(Bytes& b, size_t at, uint64_t v) {
    for (int i = 0; i < 8; ++i) b[at + i] = uint8_t(v >> (8 * i));
}
// Recomputes the trailing CRC so a crafted file passes the checksum and reaches the later checks.
void fixCrc(Bytes& b) {
    putLe32(b, b.size() - 4, uint32_t(crc32(0L, b.data(), uInt(b.size() - 4))));
}

QString loadError(const std::string& path) {
    try {
        loadCheckpoint(path);
    } catch (const CheckpointError& e) {
        return QString::fromUtf8(e.what());
    } catch (const std::exception& e) {
        return "WRONG EXCEPTION TYPE: " + QString::fromUtf8(e.what());
    }
    return "NO ERROR";
}

using test::dirEntries;
using test::ScopedFileSizeLimit;

}  // namespace

class TstCheckpoint : public QObject {
    Q_OBJECT

private slots:
    void init();
    void roundTripBitExact();
    void emptyParams();
    void layoutMatchesTheDocs();
    void truncatedAnywhere();
    void flippedByteAnywhere();
    void wrongMagic();
    void foreignFiles();
    void missingFile();
    void newerVersion();
    void batchNormModelIsVersion2();
    void hugeLengthFields();
    void invalidSpecInside();
    void failedSaveLeavesOldFileIntact();
    void checkpointGivenAsModelFileIsNamed();

private:
    std::unique_ptr<QTemporaryDir> holder_;
    QTemporaryDir& dirRef() { return *holder_; }
    std::string path_;
    Bytes good_;
};

void TstCheckpoint::init() {
    holder_ = std::make_unique<QTemporaryDir>();  // a fresh directory per test
    QVERIFY(dirRef().isValid());
    path_ = dirRef().filePath("model.llckpt").toStdString();
    saveCheckpoint(path_, smallSpec(), awkwardParams());
    good_ = test::readBytes(path_);
    QVERIFY(!good_.empty());
}

void TstCheckpoint::roundTripBitExact() {
    const Checkpoint c = loadCheckpoint(path_);
    QVERIFY(c.spec == smallSpec());
    QVERIFY(bitEqual(c.params, awkwardParams()));

    // Bigger model, overwritten in place.
    ModelSpec spec = smallSpec();
    spec.name = "big";
    std::vector<float> big(300000);
    for (size_t i = 0; i < big.size(); ++i) big[i] = std::bit_cast<float>(uint32_t(i * 2654435761u));
    saveCheckpoint(path_, spec, big);
    const Checkpoint c2 = loadCheckpoint(path_);
    QVERIFY(c2.spec == spec);
    QVERIFY(bitEqual(c2.params, big));
    QCOMPARE(dirEntries(dirRef().path()), QStringList{"model.llckpt"});
}

void TstCheckpoint::emptyParams() {
    saveCheckpoint(path_, ModelSpec{}, {});
    const Checkpoint c = loadCheckpoint(path_);
    QVERIFY(c.spec == ModelSpec{});
    QVERIFY(c.params.empty());
}

void TstCheckpoint::layoutMatchesTheDocs() {
    const Bytes& b = good_;
    QCOMPARE(std::string(b.begin(), b.begin() + 8), std::string("LLCKPT01"));
    QCOMPARE(le32(b, 8), 1u);
    const uint64_t specLen = le64(b, 12);
    const std::string specText(b.begin() + 20, b.begin() + 20 + long(specLen));
    QVERIFY(parseModelSpec(specText) == smallSpec());
    const size_t countAt = 20 + specLen;
    QCOMPARE(le64(b, countAt), uint64_t(awkwardParams().size()));
    QCOMPARE(b.size(), countAt + 8 + awkwardParams().size() * 4 + 4);
    QCOMPARE(le32(b, countAt + 8 + 4 * 2), 0x3f800000u);  // params[2] == 1.0f, little-endian
    QCOMPARE(le32(b, b.size() - 4), uint32_t(crc32(0L, b.data(), uInt(b.size() - 4))));
}

void TstCheckpoint::truncatedAnywhere() {
    const uint64_t specLen = le64(good_, 12);
    std::vector<size_t> cuts;
    for (size_t n = 0; n <= 40; ++n) cuts.push_back(n);  // every byte of the header and into the spec
    for (size_t n : {size_t(20 + specLen / 2), size_t(20 + specLen - 1), size_t(20 + specLen),
                     size_t(20 + specLen + 4), size_t(20 + specLen + 8), size_t(20 + specLen + 9),
                     good_.size() - 5, good_.size() - 4, good_.size() - 3, good_.size() - 1})
        cuts.push_back(n);
    const std::string cut = dirRef().filePath("cut.llckpt").toStdString();
    for (size_t n : cuts) {
        test::writeBytes(cut, Bytes(good_.begin(), good_.begin() + long(n)));
        const QString msg = loadError(cut);
        QVERIFY2(msg.contains(QString::fromStdString(cut)),
                 qPrintable(QString("cut at %1: %2").arg(n).arg(msg)));
        const bool clear =
            n == 0 ? msg.contains("empty") : msg.contains("truncated") || msg.contains("checksum mismatch");
        QVERIFY2(clear, qPrintable(QString("cut at %1: %2").arg(n).arg(msg)));
        // A plain cut (not a damaged byte) is reported as truncated.
        if (n > 0) QVERIFY2(msg.contains("truncated"), qPrintable(QString("cut at %1: %2").arg(n).arg(msg)));
    }
}

void TstCheckpoint::flippedByteAnywhere() {
    const uint64_t specLen = le64(good_, 12);
    const size_t countAt = 20 + specLen;
    const std::string bad = dirRef().filePath("bad.llckpt").toStdString();
    for (size_t i = 0; i < good_.size(); ++i) {
        for (uint8_t mask : {uint8_t(0x01), uint8_t(0x80)}) {
            Bytes b = good_;
            b[i] ^= mask;
            test::writeBytes(bad, b);
            const QString msg = loadError(bad);
            const QString where = QString("byte %1 ^ %2: %3").arg(i).arg(mask).arg(msg);
            QVERIFY2(msg.contains(QString::fromStdString(bad)), qPrintable(where));
            if (i < 8) {
                QVERIFY2(msg.contains("is not a LayerLab checkpoint"), qPrintable(where));
            } else if ((i >= 12 && i < 20) || (i >= countAt && i < countAt + 8)) {
                // A damaged length field looks like a truncated file; either way it says corrupt.
                QVERIFY2(msg.contains("corrupt"), qPrintable(where));
            } else {
                QVERIFY2(msg.contains("corrupt (checksum mismatch)"), qPrintable(where));
            }
        }
    }
}

void TstCheckpoint::wrongMagic() {
    Bytes b = good_;
    b[7] = '2';  // "LLCKPT02"
    fixCrc(b);
    test::writeBytes(path_, b);
    QVERIFY2(loadError(path_).contains("is not a LayerLab checkpoint"), qPrintable(loadError(path_)));
}

void TstCheckpoint::foreignFiles() {
    const std::string png = dirRef().filePath("x.png").toStdString();
    const uint8_t pngHeader[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n',
                                 0,    0,   0,   13,  'I',  'H',  'D',  'R'};
    Bytes pngBytes(4096, 0);
    std::copy(std::begin(pngHeader), std::end(pngHeader), pngBytes.begin());
    test::writeBytes(png, pngBytes);
    QVERIFY2(loadError(png).contains("x.png\" is not a LayerLab checkpoint"), qPrintable(loadError(png)));

    const std::string json = dirRef().filePath("model.json").toStdString();
    const std::string text = serializeModelSpec(smallSpec());
    test::writeBytes(json, Bytes(text.begin(), text.end()));
    // A model file where a checkpoint is expected is named as such, with what to do.
    QVERIFY2(
        loadError(json).contains("model.json\" is a model file (JSON, no trained weights), not a checkpoint"),
        qPrintable(loadError(json)));
    QVERIFY2(loadError(json).contains("train it and save a checkpoint"), qPrintable(loadError(json)));

    const std::string tiny = dirRef().filePath("tiny").toStdString();
    test::writeBytes(tiny, Bytes{'x'});
    QVERIFY2(loadError(tiny).contains("is not a LayerLab checkpoint"), qPrintable(loadError(tiny)));

    // A directory is not a checkpoint either, and must not crash.
    QVERIFY(loadError(dirRef().path().toStdString()).contains(dirRef().path()));
}

void TstCheckpoint::missingFile() {
    const std::string missing = dirRef().filePath("none.llckpt").toStdString();
    const QString msg = loadError(missing);
    QVERIFY2(msg.contains(QString::fromStdString(missing)), qPrintable(msg));
    QVERIFY2(msg.contains("No such file"), qPrintable(msg));
}

void TstCheckpoint::newerVersion() {
    Bytes b = good_;
    putLe32(b, 8, 5);
    fixCrc(b);
    test::writeBytes(path_, b);
    const QString msg = loadError(path_);
    QVERIFY2(msg.contains("newer") && msg.contains("version 5"), qPrintable(msg));
    QVERIFY2(msg.contains(QString::fromStdString(path_)), qPrintable(msg));

    // Versions 3 and 4 (int8, tst_compression) are known: a float file marked so lacks its quantization
    // section (3: after the params; 4: before them, where the first params read as a layer count).
    putLe32(b, 8, 3);
    fixCrc(b);
    test::writeBytes(path_, b);
    QVERIFY2(loadError(path_).contains("corrupt (no quantization section)"), qPrintable(loadError(path_)));
    putLe32(b, 8, 4);
    fixCrc(b);
    test::writeBytes(path_, b);
    QVERIFY2(loadError(path_).contains("is corrupt"), qPrintable(loadError(path_)));

    putLe32(b, 8, 0);
    fixCrc(b);
    test::writeBytes(path_, b);
    QVERIFY2(loadError(path_).contains("corrupt"), qPrintable(loadError(path_)));
}

// A model with BatchNorm (its running statistics among the params) is written as version 2, which an older
// LayerLab refuses as newer; it loads bit-exactly here. A model without one stays version 1 (see
// layoutMatchesTheDocs), and a version 1 file with the same bytes still loads: old checkpoints keep working.
void TstCheckpoint::batchNormModelIsVersion2() {
    ModelSpec s = smallSpec();
    s.layers.insert(s.layers.begin() + 1, LayerSpec::make(LayerType::BatchNorm));
    s.layers[1].id = "bn";
    s.layers[1].momentum = 0.8f;
    std::vector<float> params = awkwardParams();
    const std::string bn = dirRef().filePath("bn.llckpt").toStdString();
    saveCheckpoint(bn, s, params);
    Bytes b = test::readBytes(bn);
    QCOMPARE(le32(b, 8), 2u);
    const Checkpoint c = loadCheckpoint(bn);
    QVERIFY(c.spec == s);
    QCOMPARE(c.spec.layers[1].momentum, 0.8f);
    QVERIFY(bitEqual(c.params, params));
    // A truncated version 2 file is named as such, as a version 1 file is.
    test::writeBytes(bn, Bytes(b.begin(), b.end() - 9));
    QVERIFY2(loadError(bn).contains("truncated"), qPrintable(loadError(bn)));
    putLe32(b, 8, 1);
    fixCrc(b);
    test::writeBytes(bn, b);
    QVERIFY(bitEqual(loadCheckpoint(bn).params, params));
}

void TstCheckpoint::hugeLengthFields() {
    // Lengths that would need terabytes: a naive reader throws bad_alloc (or dies); ours names the problem.
    const uint64_t specLen = le64(good_, 12);
    const size_t countAt = 20 + specLen;
    for (uint64_t huge : {uint64_t(1) << 40, uint64_t(1) << 62, ~uint64_t(0), uint64_t(good_.size())}) {
        Bytes b = good_;
        putLe64(b, 12, huge);
        fixCrc(b);
        test::writeBytes(path_, b);
        QString msg = loadError(path_);
        QVERIFY2(msg.contains("corrupt") && msg.contains("spec length"), qPrintable(msg));

        b = good_;
        putLe64(b, countAt, huge);
        fixCrc(b);
        test::writeBytes(path_, b);
        msg = loadError(path_);
        QVERIFY2(msg.contains("corrupt") && msg.contains("parameter count"), qPrintable(msg));

        b = good_;  // same, with the checksum left stale
        putLe64(b, countAt, huge);
        test::writeBytes(path_, b);
        msg = loadError(path_);
        QVERIFY2(msg.contains("corrupt"), qPrintable(msg));
    }
    // Parameter count one short or one long of the bytes present.
    for (int64_t delta : {-1, 1}) {
        Bytes b = good_;
        putLe64(b, countAt, uint64_t(int64_t(awkwardParams().size()) + delta));
        fixCrc(b);
        test::writeBytes(path_, b);
        QVERIFY2(loadError(path_).contains("parameter count"), qPrintable(loadError(path_)));
    }
}

void TstCheckpoint::invalidSpecInside() {
    const uint64_t specLen = le64(good_, 12);
    std::string text(good_.begin() + 20, good_.begin() + 20 + long(specLen));
    const auto at = text.find("\"units\": 10");
    QVERIFY(at != std::string::npos);
    text.replace(at, 11, "\"units\": -1");  // same length
    Bytes b = good_;
    std::copy(text.begin(), text.end(), b.begin() + 20);
    fixCrc(b);
    test::writeBytes(path_, b);
    const QString msg = loadError(path_);
    QVERIFY2(msg.contains("invalid model spec") && msg.contains("layer 2 (Dense) units: must be"),
             qPrintable(msg));
    QVERIFY2(msg.contains(QString::fromStdString(path_)), qPrintable(msg));
}

void TstCheckpoint::failedSaveLeavesOldFileIntact() {
    std::vector<float> big(100000, 0.5f);
    {
        ScopedFileSizeLimit limit(8192);  // the new file cannot be written in full
        try {
            saveCheckpoint(path_, smallSpec(), big);
            QFAIL("save should have failed");
        } catch (const CheckpointError& e) {
            QVERIFY2(QString(e.what()).contains(QString::fromStdString(path_)), e.what());
        }
    }
    QCOMPARE(test::readBytes(path_), good_);
    QCOMPARE(dirEntries(dirRef().path()), QStringList{"model.llckpt"});

    // A non-empty directory in the way: the final rename fails, nothing is left behind.
    const QString blocked = dirRef().filePath("blocked.llckpt");
    QVERIFY(QDir().mkdir(blocked));
    test::writeBytes((blocked + "/keep").toStdString(), Bytes{1, 2, 3});
    try {
        saveCheckpoint(blocked.toStdString(), smallSpec(), big);
        QFAIL("save should have failed");
    } catch (const CheckpointError& e) {
        QVERIFY2(QString(e.what()).contains(blocked), e.what());
    }
    QCOMPARE(dirEntries(dirRef().path()), (QStringList{"blocked.llckpt", "model.llckpt"}));

    // Missing directory.
    try {
        saveCheckpoint(dirRef().filePath("no/dir/x.llckpt").toStdString(), smallSpec(), big);
        QFAIL("save should have failed");
    } catch (const CheckpointError& e) {
        QVERIFY2(QString(e.what()).contains("no/dir/x.llckpt"), e.what());
    }
}

void TstCheckpoint::checkpointGivenAsModelFileIsNamed() {
    QVERIFY(isCheckpointFile(path_));
    const std::string json = dirRef().filePath("model.json").toStdString();
    saveModelSpec(smallSpec(), json);
    QVERIFY(!isCheckpointFile(json));
    QVERIFY(!isCheckpointFile(dirRef().filePath("missing").toStdString()));
    QVERIFY(!isCheckpointFile(dirRef().path().toStdString()));
    const std::string fifo = dirRef().filePath("fifo").toStdString();
    QVERIFY(::mkfifo(fifo.c_str(), 0600) == 0);
    QVERIFY(!isCheckpointFile(fifo));  // returns at once: a FIFO is never opened
    // Where a model file is expected, a checkpoint is named and the way to use it given, instead of
    // "invalid JSON at line 1".
    try {
        loadModelSpec(path_);
        QFAIL("a checkpoint is not a model file");
    } catch (const SpecError& e) {
        const QString m = e.what();
        QVERIFY2(m.contains("is a checkpoint") && m.contains("Load Checkpoint") && !m.contains("JSON"),
                 e.what());
    }
}

QTEST_APPLESS_MAIN(TstCheckpoint)
#include "tst_checkpoint.moc"
