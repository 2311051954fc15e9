// What a dataset folder really holds: the published MNIST (here its bundled subset, plain and gzip) and
// Fashion-MNIST (Debian's files) are recognised by their images whatever the folder is called; anything
// else is not; a folder holding another dataset than asked is named after what it holds and the mismatch is
// said, by the CLI too (evaluate and train). Fashion-MNIST's class names, in order.
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <filesystem>

#include "core/checkpoint.h"
#include "core/dataset.h"
#include "core/dataset_identity.h"
#include "core/model_spec.h"
#include "core/shape_inference.h"
#include "tests/support/build_paths.h"
#include "tests/support/test_data.h"

using namespace layerlab;
namespace fs = std::filesystem;

namespace {

const char* kFashionDebian = "/usr/share/datasets/fashion-mnist";
const char* kFiles[] = {"train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
                        "t10k-labels-idx1-ubyte"};

// A copy of the bundled subset under another name; gzip-compressed when gz.
std::string copyOfSubset(const QTemporaryDir& root, const std::string& name, bool gz) {
    const std::string dir = root.filePath(QString::fromStdString(name)).toStdString();
    fs::create_directories(dir);
    for (const char* f : kFiles) {
        const auto bytes = test::readBytes(test::subsetPath() + "/" + f);
        if (gz)
            test::writeGzip(dir + "/" + f + ".gz", bytes);
        else
            test::writeBytes(dir + "/" + f, bytes);
    }
    return dir;
}

struct CliRun {
    int code;
    QString out, err;
};

CliRun cli(const QStringList& args) {
    QProcess p;
    p.start(LAYERLAB_CLI, args);
    if (!p.waitForFinished(120000)) return {-1, {}, "timeout"};
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

// Logistic regression for Fashion-MNIST: Flatten, Dense 10 softmax.
ModelSpec fashionModel() {
    ModelSpec s;
    s.name = "fashion logistic";
    LayerSpec dense = LayerSpec::make(LayerType::Dense);
    dense.units = 10;
    dense.activation = Activation::Softmax;
    s.layers = {LayerSpec::make(LayerType::Flatten), dense};
    s.training.dataset = DatasetKind::FashionMNIST;
    s.training.epochs = 1;
    s.training.batchSize = 64;
    return s;
}

}  // namespace

class TestDatasetIdentity : public QObject {
    Q_OBJECT
private slots:
    void recognisesMnistByContentNotName();
    void recognisesFashionMnist();
    void othersAreNotRecognised();
    void folderHoldingAnotherDatasetIsNamedAfterIt();
    void fashionClassNames();
    void cliSaysWhatItEvaluatedOnAndWarns();
};

void TestDatasetIdentity::recognisesMnistByContentNotName() {
    QTemporaryDir root;
    // A folder called fashion-mnist, gzip-compressed: still MNIST.
    const Dataset d = loadDataset(copyOfSubset(root, "fashion-mnist", true));
    const DatasetIdentity id = identifyDataset(d);
    QVERIFY(id.known);
    QCOMPARE(id.kind, DatasetKind::MNIST);
    QCOMPARE(identifyDataset(loadDataset(test::subsetPath())).kind, DatasetKind::MNIST);
    QCOMPARE(contentOf(DatasetKind::Subset), DatasetKind::MNIST);
}

void TestDatasetIdentity::recognisesFashionMnist() {
    if (!fs::is_directory(kFashionDebian)) QSKIP("Debian's dataset-fashion-mnist is not installed");
    const Dataset d = loadDataset(kFashionDebian);
    const DatasetIdentity id = identifyDataset(d);
    QVERIFY(id.known);
    QCOMPARE(id.kind, DatasetKind::FashionMNIST);
    QVERIFY(datasetMismatch(DatasetKind::FashionMNIST, d).empty());
    const std::string m = datasetMismatch(DatasetKind::MNIST, d);
    QVERIFY2(m.find("holds Fashion-MNIST") != std::string::npos, m.c_str());
    QVERIFY2(m.find("not MNIST") != std::string::npos, m.c_str());
    // The training set of one and the test set of the other is neither.
    Dataset mixed = loadDataset(test::subsetPath());
    mixed.testImages = d.testImages;
    mixed.testLabels = d.testLabels;
    QVERIFY(!identifyDataset(mixed).known);
}

void TestDatasetIdentity::othersAreNotRecognised() {
    QTemporaryDir root;
    const std::string tiny = root.filePath("mnist").toStdString();
    test::writeTinyDataset(tiny);
    const Dataset synthetic = loadDataset(tiny);
    QVERIFY(!identifyDataset(synthetic).known);
    QVERIFY(datasetMismatch(DatasetKind::FashionMNIST, synthetic).empty());  // nothing known to compare

    // One pixel off, or the images in another order: not the published files.
    Dataset d = loadDataset(test::subsetPath());
    Dataset touched = d;
    touched.trainImages[200] ^= 1;
    touched.testImages[200] ^= 1;
    QVERIFY(!identifyDataset(touched).known);
    Dataset shuffled = d;
    std::swap_ranges(shuffled.trainImages.begin(), shuffled.trainImages.begin() + 784,
                     shuffled.trainImages.begin() + 784);
    std::swap_ranges(shuffled.testImages.begin(), shuffled.testImages.begin() + 784,
                     shuffled.testImages.begin() + 784);
    QVERIFY(!identifyDataset(shuffled).known);
    // Either split alone is enough (a folder may hold only a test set's first image intact).
    Dataset trainOnly = d;
    trainOnly.testImages[0] ^= 1;
    QCOMPARE(identifyDataset(trainOnly).kind, DatasetKind::MNIST);
    QVERIFY(identifyDataset(trainOnly).known);
}

void TestDatasetIdentity::folderHoldingAnotherDatasetIsNamedAfterIt() {
    QTemporaryDir root;
    const std::string dir = copyOfSubset(root, "fashion-mnist", false);
    // Asked for Fashion-MNIST from a folder of MNIST: named MNIST, and the mismatch is one sentence.
    const Dataset d = loadDatasetOrSubset(DatasetKind::FashionMNIST, dir, nullptr);
    QCOMPARE(d.name, std::string("MNIST"));
    const std::string m = datasetMismatch(DatasetKind::FashionMNIST, d);
    QCOMPARE(m, dir + " holds MNIST (recognised by its images), not Fashion-MNIST");
    // Asked for MNIST: the name it was asked by, no mismatch.
    const Dataset asMnist = loadDatasetOrSubset(DatasetKind::MNIST, dir, nullptr);
    QCOMPARE(asMnist.name, std::string("MNIST"));
    QVERIFY(datasetMismatch(DatasetKind::MNIST, asMnist).empty());
    QVERIFY(datasetMismatch(DatasetKind::Subset, asMnist).empty());
    // An unrecognised folder keeps the name it was asked by.
    const std::string tiny = root.filePath("tiny").toStdString();
    test::writeTinyDataset(tiny);
    QCOMPARE(loadDatasetOrSubset(DatasetKind::FashionMNIST, tiny, nullptr).name,
             std::string("Fashion-MNIST"));
}

void TestDatasetIdentity::fashionClassNames() {
    const std::vector<std::string> expected = {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                                               "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};
    QVERIFY(classNames(DatasetKind::FashionMNIST) == expected);
    QCOMPARE(className(DatasetKind::FashionMNIST, 9), std::string("Ankle boot"));
    QCOMPARE(className(DatasetKind::FashionMNIST, 2), std::string("Pullover"));
    QCOMPARE(className(DatasetKind::MNIST, 7), std::string("7"));
    QCOMPARE(className(DatasetKind::Subset, 0), std::string("0"));
    QCOMPARE(className(DatasetKind::FashionMNIST, 12), std::string("12"));
    QCOMPARE(className(DatasetKind::FashionMNIST, -1), std::string("-1"));
}

void TestDatasetIdentity::cliSaysWhatItEvaluatedOnAndWarns() {
    QTemporaryDir root;
    const std::string mnistDir = copyOfSubset(root, "fashion-mnist", false);
    const ModelSpec spec = fashionModel();
    const std::string ckpt = root.filePath("fashion.llckpt").toStdString();
    saveCheckpoint(ckpt, spec, std::vector<float>(std::size_t(inferShapes(spec).params), 0.01f));

    const CliRun eval = cli(
        {"evaluate", "--model", QString::fromStdString(ckpt), "--data", QString::fromStdString(mnistDir)});
    QCOMPARE(eval.code, 0);
    QVERIFY2(eval.out.contains("fashion logistic on MNIST:"), qPrintable(eval.out));
    QVERIFY2(eval.err.contains("warning: " + QString::fromStdString(mnistDir) +
                               " holds MNIST (recognised by its images), not Fashion-MNIST"),
             qPrintable(eval.err));

    const std::string model = root.filePath("fashion.json").toStdString();
    saveModelSpec(spec, model);
    // Training on it learns MNIST's classes: a note, not a warning, and the checkpoint says MNIST, so that
    // evaluating it there warns no more (the model file stays as it was).
    const std::string trained = root.filePath("trained.llckpt").toStdString();
    const CliRun train =
        cli({"train", "--model", QString::fromStdString(model), "--data", QString::fromStdString(mnistDir),
             "--epochs", "1", "--save", QString::fromStdString(trained)});
    QCOMPARE(train.code, 0);
    QVERIFY2(train.out.contains("on MNIST:"), qPrintable(train.out));
    QVERIFY2(train.err.contains("not Fashion-MNIST as the model says: training learns its classes, and the "
                                "saved checkpoint and the run record say MNIST"),
             qPrintable(train.err));
    QVERIFY2(!train.err.contains("warning"), qPrintable(train.err));
    QCOMPARE(loadCheckpoint(trained).spec.training.dataset, DatasetKind::MNIST);
    QCOMPARE(loadModelSpec(model).training.dataset, DatasetKind::FashionMNIST);
    const CliRun again = cli(
        {"evaluate", "--model", QString::fromStdString(trained), "--data", QString::fromStdString(mnistDir)});
    QCOMPARE(again.code, 0);
    QVERIFY2(!again.err.contains("warning"), qPrintable(again.err));

    // A model for MNIST on the same folder: no warning.
    ModelSpec digits = spec;
    digits.training.dataset = DatasetKind::MNIST;
    const std::string digitsCkpt = root.filePath("digits.llckpt").toStdString();
    saveCheckpoint(digitsCkpt, digits, std::vector<float>(std::size_t(inferShapes(spec).params), 0.01f));
    const CliRun right = cli({"evaluate", "--model", QString::fromStdString(digitsCkpt), "--data",
                              QString::fromStdString(mnistDir)});
    QCOMPARE(right.code, 0);
    QVERIFY2(right.out.contains("on MNIST:"), qPrintable(right.out));
    QVERIFY2(!right.err.contains("warning"), qPrintable(right.err));
}

QTEST_MAIN(TestDatasetIdentity)
#include "tst_dataset_identity.moc"
