// widgets/session/dataset_loader: datasets load on a helper thread and report back on the GUI thread; a
// request made during a load supersedes it (only the newest result is announced); a folder that cannot be
// read is a failure with the reason; destroying the loader mid-load waits for the thread.
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include "tests/support/test_data.h"
#include "widgets/session/dataset_loader.h"

using namespace layerlab;

class TestDatasetLoader : public QObject {
    Q_OBJECT
private slots:
    void loadsOffTheGuiThread() {
        QTemporaryDir dir;
        test::writeTinyDataset(dir.filePath("a").toStdString(), 30, 10);
        DatasetLoader loader;
        QSignalSpy started(&loader, &DatasetLoader::loadingStarted);
        QSignalSpy loaded(&loader, &DatasetLoader::loaded);
        QSignalSpy failed(&loader, &DatasetLoader::failed);
        loader.load(DatasetKind::MNIST, dir.filePath("a"));
        QVERIFY(loader.isLoading());  // the call returned before the files were read
        QCOMPARE(started.count(), 1);
        QVERIFY2(started.first().first().toString().contains(dir.filePath("a")),
                 qPrintable(started.first().first().toString()));
        QVERIFY(loaded.wait(10000));
        QCOMPARE(failed.count(), 0);
        QVERIFY(!loader.isLoading());
        const auto ds = loaded.first().first().value<std::shared_ptr<const Dataset>>();
        QVERIFY(ds);
        QCOMPARE(ds->trainCount(), size_t(30));
        QCOMPARE(ds->testCount(), size_t(10));
        QCOMPARE(loader.dataset(), ds);
        QCOMPARE(loader.loadedKind(), DatasetKind::MNIST);
        QCOMPARE(loader.loadedFolder(), dir.filePath("a"));
        QVERIFY(loader.note().isEmpty());
    }

    // Three requests in a row: the first runs, the second is replaced by the third, and only the third's
    // dataset is announced and kept.
    void theNewestRequestWins() {
        QTemporaryDir dir;
        test::writeTinyDataset(dir.filePath("a").toStdString(), 20, 5);
        test::writeTinyDataset(dir.filePath("b").toStdString(), 24, 6);
        test::writeTinyDataset(dir.filePath("c").toStdString(), 36, 12);
        DatasetLoader loader;
        QSignalSpy started(&loader, &DatasetLoader::loadingStarted);
        QSignalSpy loaded(&loader, &DatasetLoader::loaded);
        loader.load(DatasetKind::MNIST, dir.filePath("a"));
        loader.load(DatasetKind::MNIST, dir.filePath("b"));
        loader.load(DatasetKind::MNIST, dir.filePath("c"));
        QTRY_VERIFY_WITH_TIMEOUT(!loader.isLoading() && loaded.count() >= 1, 10000);
        QTest::qWait(50);  // nothing more arrives
        QCOMPARE(loaded.count(), 1);
        QCOMPARE(started.count(), 2);  // a, then c; b never started
        QCOMPARE(loader.loadedFolder(), dir.filePath("c"));
        QCOMPARE(loader.dataset()->trainCount(), size_t(36));
    }

    void aMissingFolderFailsWithTheReason() {
        QTemporaryDir dir;
        DatasetLoader loader;
        QSignalSpy loaded(&loader, &DatasetLoader::loaded);
        QSignalSpy failed(&loader, &DatasetLoader::failed);
        loader.load(DatasetKind::MNIST, dir.filePath("nowhere"));
        QVERIFY(failed.wait(10000));
        QCOMPARE(loaded.count(), 0);
        const QString why = failed.first().first().toString();
        QVERIFY2(why.contains(QStringLiteral("nowhere")), qPrintable(why));
        QVERIFY(!loader.dataset());  // nothing was loaded before: nothing is kept
    }

    // A failed load keeps the last good dataset (the studio goes on showing it).
    void aFailureKeepsTheLastDataset() {
        QTemporaryDir dir;
        test::writeTinyDataset(dir.filePath("a").toStdString(), 20, 5);
        DatasetLoader loader;
        QSignalSpy loaded(&loader, &DatasetLoader::loaded);
        QSignalSpy failed(&loader, &DatasetLoader::failed);
        loader.load(DatasetKind::MNIST, dir.filePath("a"));
        QVERIFY(loaded.wait(10000));
        loader.load(DatasetKind::MNIST, dir.filePath("missing"));
        QVERIFY(failed.wait(10000));
        QVERIFY(loader.dataset());
        QCOMPARE(loader.loadedFolder(), dir.filePath("a"));
    }

    void destroyedWhileLoading() {
        QTemporaryDir dir;
        test::writeTinyDataset(dir.filePath("a").toStdString(), 2000, 500);
        bool announced = false;
        {
            DatasetLoader loader;
            connect(&loader, &DatasetLoader::loaded, this, [&] { announced = true; });
            loader.load(DatasetKind::MNIST, dir.filePath("a"));
            QVERIFY(loader.isLoading());
        }  // joins the thread; nothing is announced from a destroyed loader
        QCoreApplication::processEvents();
        QVERIFY(!announced);
    }
};

QTEST_GUILESS_MAIN(TestDatasetLoader)
#include "tst_dataset_loader.moc"
