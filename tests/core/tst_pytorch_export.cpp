// core/pytorch_export.cpp, proven by the real consumer (Debian's python3-torch, /usr/bin/python3): the seed
// CNN and the MLP trained in LayerLab, a model with every layer type (Conv2D with stride and asymmetric
// 'same' padding, both pools, Dropout, every activation, a Residual block) and models with a convolutional
// Residual block, a frozen layer and a flat input, exported and run in PyTorch on the subset's test images
// as raw pixels: the same class for every image and probabilities within 1e-4 of LayerLab's. train.py holds
// out the same validation images and draws the same epoch order as LayerLab, trains a few batches (finite
// loss, checkpoint.pt and weights.npz written) on one process and on two under torchrun (the same weights).
// train.py also reads an image folder as LayerLab does (the same pixels, test split, validation split and
// epoch order; the exported model's probabilities on its test images within 1e-4 of LayerLab's) and trains
// on it. The CLI writes the folder and refuses what it cannot write. A missing python3, torch or Pillow fails
// the test.
#include <QtTest>

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>

#include "core/checkpoint.h"
#include "core/dataset.h"
#include "core/image_folder.h"
#include "core/image_io.h"
#include "core/inference_model.h"
#include "core/layer_tree.h"
#include "core/model_spec.h"
#include "core/network.h"
#include "core/npz_writer.h"
#include "core/pytorch_export.h"
#include "core/trainer.h"
#include "core/validation_split.h"
#include "tests/support/build_paths.h"
#include "tests/support/image_folder_fixture.h"
#include "tests/support/model_fixtures.h"
#include "tests/support/onnx_tools.h"
#include "tests/support/test_data.h"

using namespace layerlab;

class TestPytorchExport : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void npzHoldsNumpyArrays();
    void exportsMatchPyTorch();
    void trainPyHoldsOutLayerLabsValidationImages();
    void trainPyTrainsAndWritesACheckpoint();
    void torchrunTrainsAsOneProcess();
    void trainPyReadsAnImageFolder();
    void cliWritesTheFolder();

private:
    std::string path(const std::string& name) const {
        return m_dir.filePath(QString::fromStdString(name)).toStdString();
    }
    Dataset m_data;
    QTemporaryDir m_dir;
};

namespace {

LayerSpec layer(LayerType t) {
    return LayerSpec::make(t);
}

std::vector<float> seededParams(const ModelSpec& spec, std::uint64_t seed) {
    Network net(spec);
    net.initParams(seed);
    return {net.params().begin(), net.params().end()};
}

// Trained for one short epoch on the subset, so the weights are not the seeded ones.
std::vector<float> trainedParams(ModelSpec spec, const Dataset& data) {
    spec.training.epochs = 1;
    spec.training.trainSamples = 512;
    spec.training.earlyStopping.enabled = false;
    spec.training.threads = 2;
    Trainer trainer(spec, data);
    const TrainResult r = trainer.run();
    if (r.failed || r.diverged) qFatal("training %s failed: %s", spec.name.c_str(), r.message.c_str());
    return trainer.currentParams();
}

// A convolutional Residual block (3x3 'same', symmetric padding, and 2x2 'same', asymmetric), a frozen
// Conv2D, no final Softmax (probabilities are added), SGD with Nesterov momentum and L2.
ModelSpec convResidual() {
    ModelSpec m;
    m.name = "conv residual";
    LayerSpec c = layer(LayerType::Conv2D);
    c.filters = 4;
    c.kernel = 5;
    c.stride = 2;
    c.activation = Activation::ReLU;
    c.trainable = false;
    LayerSpec i1 = layer(LayerType::Conv2D);
    i1.filters = 4;
    i1.padding = Padding::Same;
    i1.activation = Activation::Tanh;
    LayerSpec i2 = layer(LayerType::Conv2D);
    i2.filters = 4;
    i2.kernel = 2;
    i2.padding = Padding::Same;
    LayerSpec block = layer(LayerType::Residual);
    block.layers = {i1, i2};
    LayerSpec ap = layer(LayerType::AvgPool2D);
    ap.poolSize = 3;
    ap.stride = 2;
    m.layers = {c, block, ap, layer(LayerType::Flatten), test::denseLayer(10, Activation::None)};
    m.training = test::subsetTraining(1);
    m.training.optimizer.type = OptimizerType::SGD;
    m.training.optimizer.nesterov = true;
    m.training.l2 = 1e-3f;
    return m;
}

// A flat input (784 values) and mean squared error: forward gives the softmax of a tanh output.
ModelSpec flatInput() {
    ModelSpec flat;
    flat.name = "flat input";
    flat.input = Shape::flat(784);
    flat.layers = {test::denseLayer(10, Activation::Tanh)};
    flat.training = test::subsetTraining(1);
    flat.training.loss = LossType::MeanSquaredError;
    return flat;
}

std::string torchMissing() {
    if (!QFileInfo(QString::fromStdString(test::debianPython())).isExecutable())
        return test::debianPython() +
               " is missing: run scripts/install-deps.sh (Debian python3, python3-torch)";
    std::string out;
    if (!test::runProgram(test::debianPython(), {"-c", "import torch, numpy"}, &out).empty())
        return "python3-torch is missing (import torch failed: " + out +
               "): run scripts/install-deps.sh, which installs it";
    return "";
}

std::vector<double> jsonInts(const QJsonArray& a) {
    std::vector<double> v;
    for (const QJsonValue& x : a) v.push_back(x.toDouble());
    return v;
}

template <class T>
std::vector<double> asDoubles(const std::vector<T>& a) {
    return {a.begin(), a.end()};
}

// train.py's --write-split: the validation images and the training order of epoch 1.
std::string splitOf(const std::string& exportDir, const std::string& dataDir, const std::string& out,
                    std::vector<double>* validation, std::vector<double>* epoch1) {
    const std::string err = test::runProgram(
        test::debianPython(), {exportDir + "/train.py", "--data", dataDir, "--write-split", out});
    if (!err.empty()) return err;
    const QJsonObject j = QJsonDocument::fromJson(QByteArray::fromStdString(test::readText(out))).object();
    *validation = jsonInts(j.value("validation").toArray());
    *epoch1 = jsonInts(j.value("epoch1").toArray());
    return "";
}

// "epoch 1: loss 2.2601, ..." -> 2.2601 (NaN when the line is not there).
double epochLoss(const std::string& log) {
    const QRegularExpressionMatch m =
        QRegularExpression("epoch 1: loss ([-+0-9.eEnaif]+),").match(QString::fromStdString(log));
    return m.hasMatch() ? m.captured(1).toDouble() : std::nan("");
}

}  // namespace

void TestPytorchExport::initTestCase() {
    QVERIFY(m_dir.isValid());
    const std::string missing = torchMissing();
    QVERIFY2(missing.empty(), missing.c_str());
    m_data = loadDataset(test::subsetPath());
    QVERIFY(m_data.testCount() >= 500);
}

// The archive numpy reads: names, shapes (a scalar, 1-D, 4-D) and values bit for bit.
void TestPytorchExport::npzHoldsNumpyArrays() {
    const std::vector<NpyArray> arrays = {{"conv1.weight", {2, 1, 2, 2}, {1, 2, 3, 4, 5, 6, 7, -8.5f}},
                                          {"conv1.bias", {2}, {0.1f, -1e-30f}},
                                          {"scale", {}, {3.25f}},
                                          {"empty", {0}, {}}};
    test::writeBytes(path("t.npz"), [&] {
        const std::string b = npzBytes(arrays);
        return std::vector<std::uint8_t>(b.begin(), b.end());
    }());
    std::string out;
    const std::string err =
        test::runProgram(test::debianPython(),
                         {"-c",
                          "import sys, numpy as np\n"
                          "a = np.load(sys.argv[1])\n"
                          "for k in a.files: print(k, a[k].dtype, a[k].shape, a[k].ravel().tolist())\n",
                          path("t.npz")},
                         &out);
    QVERIFY2(err.empty(), err.c_str());
    QCOMPARE(QString::fromStdString(out),
             QString("conv1.weight float32 (2, 1, 2, 2) [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, -8.5]\n"
                     "conv1.bias float32 (2,) [0.10000000149011612, -1.0000000031710769e-30]\n"
                     "scale float32 () [3.25]\n"
                     "empty float32 (0,) []\n"));
    QVERIFY_THROWS_EXCEPTION(std::length_error, npzBytes({arrays[0], arrays[0]}));
}

void TestPytorchExport::exportsMatchPyTorch() {
    struct Case {
        ModelSpec spec;
        std::vector<float> params;
    };
    std::vector<Case> cases;
    for (const char* name : {"seed-cnn", "mlp"}) {
        const ModelSpec s = test::subsetPreset(name);
        cases.push_back({s, trainedParams(s, m_data)});
    }
    for (ModelSpec s : {test::everyLayerModel(), convResidual(), flatInput()}) {
        assignLayerIds(s);
        cases.push_back({s, seededParams(s, 5)});
    }
    std::vector<std::string> args = {test::testsSupportDir() + "/pytorch_export_run.py",
                                     test::subsetPath() + "/t10k-images-idx3-ubyte",
                                     std::to_string(m_data.testCount())};
    for (std::size_t i = 0; i < cases.size(); ++i) {
        const std::string dir = path("model" + std::to_string(i));
        const std::string err = exportPytorch(dir, cases[i].spec, cases[i].params);
        QVERIFY2(err.empty(), err.c_str());
        args.push_back(dir);
    }
    // Readable: the seed CNN's module names its layers and scales the pixels itself.
    const std::string py = test::readText(path("model0/model.py"));
    QVERIFY(py.find("class SeedCNN(nn.Module):") != std::string::npos);
    QVERIFY(py.find("self.conv1 = nn.Conv2d(1, 32, kernel_size=3, stride=1)") != std::string::npos);
    QVERIFY(py.find("x = pixels.float() * PIXEL_SCALE") != std::string::npos);
    QVERIFY(test::readText(path("model2/model.py")).find("nn.ZeroPad2d((1, 2, 1, 2))") != std::string::npos);
    QVERIFY(test::readText(path("model3/train.py")).find("\"frozen\": [\"conv1\"]") != std::string::npos);

    std::string log;
    const std::string ran = test::runProgram(test::debianPython(), args, &log);
    QVERIFY2(ran.empty(), ran.c_str());
    qInfo("%s", log.c_str());
    const int n = int(m_data.testCount());
    for (std::size_t i = 0; i < cases.size(); ++i) {
        InferenceModel ours(cases[i].spec, cases[i].params, 2);
        const std::vector<float> a = ours.classify(m_data.testImages.data(), n);
        const std::vector<float> b =
            test::readFloats(path("model" + std::to_string(i) + "/probabilities.f32"));
        QCOMPARE(b.size(), a.size());
        const int k = ours.classes();
        int same = 0;
        float worst = 0;
        for (int s = 0; s < n; ++s) {
            const float* pa = &a[std::size_t(s) * k];
            const float* pb = &b[std::size_t(s) * k];
            same += std::max_element(pa, pa + k) - pa == std::max_element(pb, pb + k) - pb;
            for (int c = 0; c < k; ++c) worst = std::max(worst, std::abs(pa[c] - pb[c]));
        }
        qInfo("%s: %d of %d images the same class, largest probability difference %.2g",
              cases[i].spec.name.c_str(), same, n, double(worst));
        QCOMPARE(same, n);
        QVERIFY2(worst <= 1e-4f, cases[i].spec.name.c_str());
    }
}

// The same validation images and epoch order as LayerLab's Trainer (std::mt19937_64 and libstdc++'s
// std::shuffle redone in Python): the subset (2,000 images, an even count), another seed, split and
// training-set size, and an odd count.
void TestPytorchExport::trainPyHoldsOutLayerLabsValidationImages() {
    ModelSpec a = test::subsetPreset("mlp");
    ModelSpec b = a;
    b.training.seed = 1234567890123ull;
    b.training.validationSplit = 0.25f;
    b.training.trainSamples = 1001;
    const std::string odd = path("odd-data");
    test::writeTinyDataset(odd, 999, 6);
    const struct {
        ModelSpec spec;
        std::string data;
        std::size_t count;
    } cases[] = {{a, test::subsetPath(), m_data.trainCount()},
                 {b, test::subsetPath(), m_data.trainCount()},
                 {b, odd, 999}};
    int i = 0;
    for (const auto& c : cases) {
        const std::string dir = path("split" + std::to_string(i++));
        QCOMPARE(exportPytorch(dir, c.spec, seededParams(c.spec, 1)), std::string());
        std::vector<double> validation, epoch1;
        const std::string err = splitOf(dir, c.data, dir + "/split.json", &validation, &epoch1);
        QVERIFY2(err.empty(), err.c_str());
        TrainValidationSplit ours = splitTrainValidation(c.spec.training, c.count);
        shuffleForEpoch(ours.train, c.spec.training.seed, 1);
        QVERIFY(!ours.validation.empty());
        QCOMPARE(validation, asDoubles(ours.validation));
        QCOMPARE(epoch1, asDoubles(ours.train));
    }
}

// A few batches of the seed CNN on the subset: a finite loss, both files written, and the weights.npz it
// writes is one the export's module loads.
void TestPytorchExport::trainPyTrainsAndWritesACheckpoint() {
    const ModelSpec spec = test::subsetPreset("seed-cnn");
    const std::string dir = path("train"), out = path("train-out");
    QCOMPARE(exportPytorch(dir, spec, seededParams(spec, 3)), std::string());
    std::string log;
    const std::string err = test::runProgram(test::debianPython(),
                                             {dir + "/train.py", "--data", test::subsetPath(), "--out", out,
                                              "--epochs", "1", "--max-batches", "3"},
                                             &log);
    QVERIFY2(err.empty(), err.c_str());
    qInfo("%s", log.c_str());
    QVERIFY(log.find("1800 training and 200 validation images, batch 128") != std::string::npos);
    const double loss = epochLoss(log);
    QVERIFY2(std::isfinite(loss) && loss > 0, log.c_str());
    QVERIFY(QFileInfo(QString::fromStdString(out + "/checkpoint.pt")).size() > 100000);
    std::string check;
    const std::string loaded = test::runProgram(
        test::debianPython(),
        {"-c",
         "import sys, torch\n"
         "sys.path.insert(0, sys.argv[1])\n"
         "import model\n"
         "net = model.load_weights(model.Model(), sys.argv[2] + '/weights.npz')\n"
         "c = torch.load(sys.argv[2] + '/checkpoint.pt')\n"
         "print(c['epoch'], all(torch.equal(c['model'][k], v) for k, v in net.state_dict().items()))\n",
         dir, out},
        &check);
    QVERIFY2(loaded.empty(), loaded.c_str());
    QCOMPARE(QString::fromStdString(check), QString("1 True\n"));
}

// torchrun with two processes (DistributedDataParallel, gloo on the CPU): each takes half of every batch and
// the gradients are averaged, so three batches give the weights one process gives.
void TestPytorchExport::torchrunTrainsAsOneProcess() {
    const QString torchrun = QStandardPaths::findExecutable("torchrun", {"/usr/bin"});
    QVERIFY2(!torchrun.isEmpty(), "torchrun is missing: run scripts/install-deps.sh (python3-torch)");
    const ModelSpec spec = test::subsetPreset("mlp");
    const std::string dir = path("ddp");
    QCOMPARE(exportPytorch(dir, spec, seededParams(spec, 4)), std::string());
    const std::vector<std::string> common = {"--data", test::subsetPath(), "--epochs",
                                             "1",      "--max-batches",    "3"};
    std::vector<std::string> one = {dir + "/train.py", "--out", path("ddp-one")};
    one.insert(one.end(), common.begin(), common.end());
    std::string log;
    std::string err = test::runProgram(test::debianPython(), one, &log);
    QVERIFY2(err.empty(), err.c_str());
    // Debian 12's torchrun (PyTorch 1.13 on Python 3.11) fails to start without --redirects and --tee.
    // A port nothing listens on now (a fixed one collides with another torchrun, e.g. a second test run).
    int port = 29561;
    if (const int fd = ::socket(AF_INET, SOCK_STREAM, 0); fd >= 0) {
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t len = sizeof a;
        if (::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0 &&
            ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) == 0)
            port = ntohs(a.sin_port);
        ::close(fd);
    }
    std::vector<std::string> two = {"--redirects",      "2",     "--tee",         "2",
                                    "--nproc_per_node", "2",     "--master_port", std::to_string(port),
                                    dir + "/train.py",  "--out", path("ddp-two")};
    two.insert(two.end(), common.begin(), common.end());
    err = test::runProgram(torchrun.toStdString(), two, &log);
    QVERIFY2(err.empty(), err.c_str());
    qInfo("%s", log.c_str());
    QVERIFY(log.find("2 processes on cpu (gloo)") != std::string::npos);
    std::string diff;
    err = test::runProgram(test::debianPython(),
                           {"-c",
                            "import sys, numpy as np\n"
                            "a, b = np.load(sys.argv[1]), np.load(sys.argv[2])\n"
                            "print(max(float(np.abs(a[k] - b[k]).max()) for k in a.files))\n",
                            path("ddp-one/weights.npz"), path("ddp-two/weights.npz")},
                           &diff);
    QVERIFY2(err.empty(), err.c_str());
    qInfo("largest weight difference, one process vs two: %s", diff.c_str());
    QVERIFY2(std::stod(diff) < 1e-4, diff.c_str());
    // ...and the weights moved: three Adam steps of 0.001 from the seeded start.
    err = test::runProgram(test::debianPython(),
                           {"-c",
                            "import sys, numpy as np\n"
                            "a, b = np.load(sys.argv[1]), np.load(sys.argv[2])\n"
                            "print(max(float(np.abs(a[k] - b[k]).max()) for k in a.files))\n",
                            dir + "/weights.npz", path("ddp-two/weights.npz")},
                           &diff);
    QVERIFY2(err.empty(), err.c_str());
    QVERIFY2(std::stod(diff) > 1e-3, diff.c_str());
}

namespace {

// train.py --write-images DIR/images.npz, dumped as DIR/<array>.bin (numpy's raw bytes: uint8 images,
// int64 labels).
std::string imagesOf(const std::string& exportDir, const std::string& dataDir, const std::string& outDir) {
    std::string err = test::runProgram(test::debianPython(), {exportDir + "/train.py", "--data", dataDir,
                                                              "--write-images", outDir + "/images.npz"});
    if (!err.empty()) return err;
    return test::runProgram(test::debianPython(),
                            {"-c",
                             "import sys, numpy as np\n"
                             "a = np.load(sys.argv[1] + '/images.npz')\n"
                             "for k in a.files: a[k].tofile(sys.argv[1] + '/' + k + '.bin')\n",
                             outDir});
}

std::vector<std::uint8_t> labelsOf(const std::string& int64File) {
    const std::vector<std::uint8_t> raw = test::readBytes(int64File);
    std::vector<std::uint8_t> out;
    for (std::size_t i = 0; i + 8 <= raw.size(); i += 8) out.push_back(raw[i]);  // little-endian, < 256
    return out;
}

}  // namespace

// An image folder of the subset's digits (12 per class as 28x28 grey PNG, no test/ folder), plus files that
// take every step of LayerLab's import: an RGBA PNG (alpha over white), a 20x28 RGB BMP (padded with its
// border colour) and a 40x40 grey PNG (shrunk), all inverted. train.py reads the same pixels, holds out the
// same test and validation images, draws the same epoch order, trains a few batches, and the exported model
// gives LayerLab's probabilities on the test images within 1e-4. The mixed formats of the fixture (JPEG
// decoded by libjpeg instead of stb_image, images shrunk) stay within a few grey levels.
void TestPytorchExport::trainPyReadsAnImageFolder() {
    const std::string missing = [] {
        std::string out;
        return test::runProgram(test::debianPython(), {"-c", "import PIL.Image"}, &out).empty()
                   ? std::string()
                   : "python3-pil is missing (" + out + "): run scripts/install-deps.sh, which installs it";
    }();
    QVERIFY2(missing.empty(), missing.c_str());
    const std::string folder = path("digits");
    test::DigitFolderOptions o;
    o.trainPerClass = 12;
    o.trainTestFolders = false;
    o.mixedFormats = false;
    QCOMPARE(test::writeDigitFolder(folder, m_data, o), std::size_t(120));
    {
        std::vector<std::uint8_t> rgba(28 * 28 * 4), rgb(20 * 28 * 3), big(40 * 40);
        for (std::size_t p = 0; p < 28 * 28; ++p) {
            const std::uint8_t v = m_data.trainImages[p];
            rgba[p * 4] = v;
            rgba[p * 4 + 1] = std::uint8_t(255 - v);
            rgba[p * 4 + 2] = std::uint8_t(p % 256);
            rgba[p * 4 + 3] = std::uint8_t(p % 3 == 0 ? 255 : 128 + p % 100);
        }
        for (std::size_t p = 0; p < rgb.size(); ++p) rgb[p] = std::uint8_t(p % 3 == 0 ? 200 : (p * 37) % 256);
        for (int y = 0; y < 40; ++y)
            for (int x = 0; x < 40; ++x) big[std::size_t(y * 40 + x)] = std::uint8_t((x * x + 3 * y) % 256);
        test::writeBytes(folder + "/3/extra-rgba.png", encodeImage(rgba.data(), 28, 28, 4, ImageFormat::PNG));
        test::writeBytes(folder + "/7/extra-narrow.bmp",
                         encodeImage(rgb.data(), 20, 28, 3, ImageFormat::BMP));
        test::writeBytes(folder + "/5/extra-big.png", encodeImage(big.data(), 40, 40, 1, ImageFormat::PNG));
        test::writeBytes(folder + "/5/not-an-image.png", {'n', 'o', 'p', 'e'});
    }
    ModelSpec spec;
    spec.name = "folder cnn";
    LayerSpec conv = layer(LayerType::Conv2D);
    conv.filters = 4;
    conv.activation = Activation::ReLU;
    spec.layers = {conv, layer(LayerType::MaxPool2D), layer(LayerType::Flatten),
                   test::denseLayer(10, Activation::Softmax)};
    spec.training = test::subsetTraining(1);
    spec.training.dataset = DatasetKind::ImageFolder;
    spec.training.dataFolder = folder;
    spec.training.batchSize = 16;
    spec.training.validationSplit = 0.2f;
    spec.training.seed = 11;
    spec.training.imageImport.invert = true;
    spec.training.imageImport.testSplit = 0.25f;
    spec.training.imageImport.splitSeed = 9;
    ImageFolderOptions options;
    options.useCache = false;
    const Dataset ours = loadImageFolder(folder, spec.training.imageImport, nullptr, options);
    QCOMPARE(ours.trainCount() + ours.testCount(), std::size_t(123));  // the text file is skipped
    const std::vector<float> params = seededParams(spec, 6);
    const std::string dir = path("folder-export");
    QCOMPARE(exportPytorch(dir, spec, params), std::string());
    QVERIFY(test::readText(dir + "/train.py").find("\"invert\": True") != std::string::npos);

    // The same images, labels and test split, byte for byte.
    const std::string err = imagesOf(dir, folder, dir);
    QVERIFY2(err.empty(), err.c_str());
    QVERIFY(test::readBytes(dir + "/train_images.bin") == ours.trainImages);
    QVERIFY(test::readBytes(dir + "/test_images.bin") == ours.testImages);
    QVERIFY(labelsOf(dir + "/train_labels.bin") == ours.trainLabels);
    QVERIFY(labelsOf(dir + "/test_labels.bin") == ours.testLabels);

    // The same (per class) validation images and epoch order.
    std::vector<double> validation, epoch1;
    const std::string splitErr = splitOf(dir, folder, dir + "/split.json", &validation, &epoch1);
    QVERIFY2(splitErr.empty(), splitErr.c_str());
    TrainValidationSplit split = splitTrainValidation(spec.training, ours);
    shuffleForEpoch(split.train, spec.training.seed, 1);
    QVERIFY(ours.stratified && !split.validation.empty());
    QCOMPARE(validation, asDoubles(split.validation));
    QCOMPARE(epoch1, asDoubles(split.train));

    // The exported model on the test images train.py read: LayerLab's probabilities.
    std::string log;
    const std::string ran = test::runProgram(
        test::debianPython(),
        {"-c",
         "import sys, numpy as np, torch\n"
         "sys.path.insert(0, sys.argv[1])\n"
         "import model\n"
         "net = model.load_weights(model.Model(), sys.argv[1] + '/weights.npz').eval()\n"
         "x = torch.from_numpy(np.load(sys.argv[1] + '/images.npz')['test_images'].astype(np.float32))\n"
         "with torch.no_grad(): net(x).numpy().astype(np.float32).tofile(sys.argv[1] + '/folder.f32')\n",
         dir},
        &log);
    QVERIFY2(ran.empty(), (ran + log).c_str());
    const int n = int(ours.testCount());
    InferenceModel model(spec, params, 1);
    const std::vector<float> a = model.classify(ours.testImages.data(), n);
    const std::vector<float> b = test::readFloats(dir + "/folder.f32");
    QCOMPARE(b.size(), a.size());
    float worst = 0;
    for (std::size_t i = 0; i < a.size(); ++i) worst = std::max(worst, std::abs(a[i] - b[i]));
    qInfo("image folder: %d test images, largest probability difference %.2g", n, double(worst));
    QVERIFY2(worst <= 1e-4f, qPrintable(QString::number(worst)));

    // A few batches on the folder.
    const std::string trainErr = test::runProgram(test::debianPython(),
                                                  {dir + "/train.py", "--data", folder, "--out",
                                                   path("folder-out"), "--epochs", "1", "--max-batches", "3"},
                                                  &log);
    QVERIFY2(trainErr.empty(), (trainErr + log).c_str());
    qInfo("%s", log.c_str());
    const std::string counts = std::to_string(split.train.size()) + " training and " +
                               std::to_string(split.validation.size()) + " validation images, batch 16";
    QVERIFY2(log.find(counts) != std::string::npos, log.c_str());
    QVERIFY2(log.find("not-an-image.png") != std::string::npos, log.c_str());  // named, skipped
    const double loss = epochLoss(log);
    QVERIFY2(std::isfinite(loss) && loss > 0, log.c_str());

    // The fixture's mixed formats (28x28 grey PNG, 56x56 PNG, 84x84 RGB JPEG, 28x28 RGB BMP) with train/
    // and test/ folders: PNG and BMP at the model's size are exact; shrunk and JPEG images close.
    const std::string mixed = path("mixed");
    test::DigitFolderOptions m;
    m.trainPerClass = 4;
    m.testPerClass = 4;
    test::writeDigitFolder(mixed, m_data, m);
    ModelSpec mixedSpec = spec;
    mixedSpec.training.dataFolder = mixed;
    mixedSpec.training.imageImport = ImageImportSpec();
    const std::string mixedDir = path("mixed-export");
    QCOMPARE(exportPytorch(mixedDir, mixedSpec, params), std::string());
    const std::string mixedErr = imagesOf(mixedDir, mixed, mixedDir);
    QVERIFY2(mixedErr.empty(), mixedErr.c_str());
    const Dataset theirs = loadImageFolder(mixed, mixedSpec.training.imageImport, nullptr, options);
    const std::vector<std::uint8_t> read = test::readBytes(mixedDir + "/train_images.bin");
    QCOMPARE(read.size(), theirs.trainImages.size());
    int exact = 0, largest = 0;
    for (std::size_t i = 0; i < theirs.trainCount(); ++i) {
        int diff = 0;
        for (std::size_t p = i * 784; p < (i + 1) * 784; ++p)
            diff = std::max(diff, std::abs(int(read[p]) - int(theirs.trainImages[p])));
        const std::string& file = theirs.trainFiles[i];
        const bool plain =
            file.find(".bmp") != std::string::npos ||
            (file.find(".png") != std::string::npos && std::stoi(file.substr(file.size() - 9)) % 4 == 0);
        if (plain) QVERIFY2(diff == 0, file.c_str());
        exact += diff == 0;
        largest = std::max(largest, diff);
    }
    qInfo("mixed formats: %d of %zu training images identical, largest difference %d grey levels", exact,
          theirs.trainCount(), largest);
    QVERIFY(largest <= 2);
}

void TestPytorchExport::cliWritesTheFolder() {
    ModelSpec spec = test::subsetPreset("mlp");
    const std::vector<float> params = seededParams(spec, 9);
    saveCheckpoint(path("mlp.llckpt"), spec, params);
    std::string out;
    std::string err = test::runProgram(
        LAYERLAB_CLI, {"export", "--model", path("mlp.llckpt"), "--format", "pytorch", "--out", path("cli")},
        &out);
    QVERIFY2(err.empty(), err.c_str());
    QVERIFY(out.find("weights.npz (101770 parameters)") != std::string::npos);
    for (const std::string& f : pytorchExportFileNames())
        QVERIFY2(QFileInfo::exists(QString::fromStdString(path("cli/" + f))), f.c_str());
    QCOMPARE(loadModelSpec(path("cli/layerlab-model.json")), spec);
    // What it cannot do: one line each, exit 2.
    err = test::runProgram(
        LAYERLAB_CLI,
        {"export", "--model", path("mlp.llckpt"), "--format", "pytorch", "--out", path("cli2"), "--logits"},
        &out);
    QVERIFY(err.find("exit 2") != std::string::npos);
    QVERIFY(out.find("--logits is for --format onnx") != std::string::npos);
    err = test::runProgram(LAYERLAB_CLI,
                           {"export", "--model", path("mlp.llckpt"), "--format", "keras", "--out", path("k")},
                           &out);
    QVERIFY(out.find("use onnx or pytorch") != std::string::npos);
    // A file where the folder should go: nothing written, the file kept.
    test::writeText(path("taken"), "mine");
    err = test::runProgram(
        LAYERLAB_CLI,
        {"export", "--model", path("mlp.llckpt"), "--format", "pytorch", "--out", path("taken")}, &out);
    QVERIFY(err.find("exit 1") != std::string::npos);
    QVERIFY2(out.find("is not a folder") != std::string::npos, out.c_str());
    QCOMPARE(test::readText(path("taken")), std::string("mine"));
}

QTEST_GUILESS_MAIN(TestPytorchExport)
#include "tst_pytorch_export.moc"
