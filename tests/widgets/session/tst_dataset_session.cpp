// The dataset-loading state of a studio session: a data folder that cannot be loaded is reported and
// blocks nothing once another dataset is chosen (it is dropped, with a word); the bundled subset never comes
// from a folder; a folder is kept when it holds the dataset chosen and dropped when it is known to hold
// another; what the files hold decides the mismatch warning and the label names.
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <filesystem>

#include "core/dataset.h"
#include "tests/support/test_data.h"
#include "widgets/session/dataset_session.h"

using namespace layerlab;
namespace fs = std::filesystem;

namespace {

constexpr int kTimeout = 60000;
const char* kFashionDebian = "/usr/share/datasets/fashion-mnist";
const char* kFiles[] = {"train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
                        "t10k-labels-idx1-ubyte"};

QString copyOfSubset(const QTemporaryDir& root, const QString& name) {
    const std::string dir = root.filePath(name).toStdString();
    fs::create_directories(dir);
    for (const char* f : kFiles)
        test::writeBytes(dir + "/" + f, test::readBytes(test::subsetPath() + "/" + f));
    return QString::fromStdString(dir);
}

}  // namespace

class TestDatasetSession : public QObject {
    Q_OBJECT
private slots:
    void badFolderIsDroppedWhenAnotherDatasetIsChosen();
    void subsetNeverComesFromAFolder();
    void folderIsKeptForTheDatasetItHolds();
    void folderHoldingAnotherDatasetIsDropped();
    void fashionLabelsHaveNames();
};

void TestDatasetSession::badFolderIsDroppedWhenAnotherDatasetIsChosen() {
    DatasetSession s;
    QSignalSpy failed(&s, &DatasetSession::failed);
    QSignalSpy dropped(&s, &DatasetSession::folderDropped);
    s.setFolder(QStringLiteral("/nonexistent"));
    s.request(DatasetKind::MNIST);
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, kTimeout);
    QVERIFY2(s.error().contains("/nonexistent"), qPrintable(s.error()));
    QVERIFY(!s.isReady());
    QCOMPARE(s.statusText(), QStringLiteral("No dataset loaded"));
    // Asking again for the same changes nothing: the error stays until something else is chosen.
    s.request(DatasetKind::MNIST);
    QVERIFY(!s.error().isEmpty());
    QCOMPARE(dropped.count(), 0);

    // The user picks the bundled subset: the folder that failed is let go, said once, and the subset loads.
    s.request(DatasetKind::Subset);
    QCOMPARE(dropped.count(), 1);
    QCOMPARE(dropped.at(0).at(0).toString(), QStringLiteral("/nonexistent"));
    QVERIFY(dropped.at(0).at(1).toString().contains("could not be loaded"));
    QVERIFY(s.folder().isEmpty());
    QVERIFY(s.error().isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(s.isReady(), kTimeout);
    QCOMPARE(s.dataset()->name, std::string("MNIST subset (bundled)"));
    QVERIFY(s.mismatch().isEmpty());
}

void TestDatasetSession::subsetNeverComesFromAFolder() {
    QTemporaryDir root;
    const QString dir = copyOfSubset(root, QStringLiteral("digits"));
    DatasetSession s;
    s.setFolder(dir);
    s.request(DatasetKind::Subset);
    QTRY_VERIFY_WITH_TIMEOUT(s.isReady(), kTimeout);
    QCOMPARE(QString::fromStdString(s.dataset()->directory), QString::fromStdString(test::subsetPath()));
    QCOMPARE(s.folder(), dir);  // kept for MNIST and Fashion-MNIST
    s.request(DatasetKind::MNIST);
    QTRY_VERIFY_WITH_TIMEOUT(s.isReady(), kTimeout);
    QCOMPARE(QString::fromStdString(s.dataset()->directory), dir);
}

void TestDatasetSession::folderIsKeptForTheDatasetItHolds() {
    QTemporaryDir root;
    const QString dir = copyOfSubset(root, QStringLiteral("fashion-mnist"));  // MNIST, whatever its name
    DatasetSession s;
    QSignalSpy dropped(&s, &DatasetSession::folderDropped);
    s.setFolder(dir);
    s.request(DatasetKind::MNIST);
    QTRY_VERIFY_WITH_TIMEOUT(s.isReady(), kTimeout);
    QVERIFY(s.identity().known);
    QCOMPARE(s.identity().kind, DatasetKind::MNIST);
    QVERIFY(s.mismatch().isEmpty());
    QCOMPARE(s.labelNames().value(9), QStringLiteral("9"));
    // Back and forth between MNIST and the subset: the folder holds MNIST, so it stays.
    s.request(DatasetKind::Subset);
    s.request(DatasetKind::MNIST);
    QCOMPARE(dropped.count(), 0);
    QTRY_VERIFY_WITH_TIMEOUT(s.isReady(), kTimeout);
    QCOMPARE(QString::fromStdString(s.dataset()->directory), dir);
}

void TestDatasetSession::folderHoldingAnotherDatasetIsDropped() {
    QTemporaryDir root;
    const QString dir = copyOfSubset(root, QStringLiteral("clothes"));
    DatasetSession s;
    QSignalSpy dropped(&s, &DatasetSession::folderDropped);
    // Asked for Fashion-MNIST from a folder of MNIST: loaded, named after what it holds, and warned about.
    s.setFolder(dir);
    s.request(DatasetKind::FashionMNIST);
    QTRY_VERIFY_WITH_TIMEOUT(s.isReady(), kTimeout);
    QCOMPARE(s.dataset()->name, std::string("MNIST"));
    QVERIFY2(s.mismatch().contains(dir + " holds MNIST (recognised by its images), not Fashion-MNIST"),
             qPrintable(s.mismatch()));
    QVERIFY(s.mismatch().contains("Open Data Folder"));
    QCOMPARE(s.labelNames().value(9), QStringLiteral("9"));  // the labels are digits
    // Choosing MNIST keeps it (it holds MNIST) and the warning goes.
    s.request(DatasetKind::MNIST);
    QCOMPARE(dropped.count(), 0);
    QTRY_VERIFY_WITH_TIMEOUT(s.isReady(), kTimeout);
    QVERIFY(s.mismatch().isEmpty());
    // Choosing Fashion-MNIST now: the folder is known to hold MNIST, so it is let go.
    s.request(DatasetKind::FashionMNIST);
    QCOMPARE(dropped.count(), 1);
    QVERIFY(dropped.at(0).at(1).toString().contains("holds another dataset"));
    QVERIFY(s.folder().isEmpty());
}

void TestDatasetSession::fashionLabelsHaveNames() {
    if (!fs::is_directory(kFashionDebian)) QSKIP("Debian's dataset-fashion-mnist is not installed");
    DatasetSession s;
    s.setFolder(QString::fromLatin1(kFashionDebian));
    s.request(DatasetKind::FashionMNIST);
    QTRY_VERIFY_WITH_TIMEOUT(s.isReady(), kTimeout);
    QCOMPARE(s.identity().kind, DatasetKind::FashionMNIST);
    const QStringList names = s.labelNames();
    QCOMPARE(names.size(), 10);
    QCOMPARE(names.value(0), QStringLiteral("T-shirt/top"));
    QCOMPARE(names.value(9), QStringLiteral("Ankle boot"));
    QVERIFY(s.mismatch().isEmpty());
}

QTEST_GUILESS_MAIN(TestDatasetSession)
#include "tst_dataset_session.moc"
