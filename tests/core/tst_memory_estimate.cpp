// One memory estimate for the editor and the engine: what it counts (checked by hand on a small model),
// that threads add memory, that the engine's refusal is exactly the estimate's sentence with the real limit
// (half of the machine's memory), including a model that needs less than the machine has but more than the
// limit; threads above the cores are clamped and the CLI says so, without a TBB warning.
#include <QProcess>
#include <QTest>

#include "core/dataset.h"
#include "core/errors.h"
#include "core/memory_estimate.h"
#include "core/model_spec.h"
#include "core/parallel.h"
#include "core/trainer.h"
#include "tests/support/build_paths.h"
#include "tests/support/test_data.h"

using namespace layerlab;

namespace {

LayerSpec dense(int units, Activation a) {
    LayerSpec l = LayerSpec::make(LayerType::Dense);
    l.units = units;
    l.activation = a;
    return l;
}

// Flatten, Dense(width) relu, Dense(width) relu, Dense 10 softmax.
ModelSpec wideMlp(int width) {
    ModelSpec s;
    s.name = "wide";
    s.layers = {LayerSpec::make(LayerType::Flatten), dense(width, Activation::ReLU),
                dense(width, Activation::ReLU), dense(10, Activation::Softmax)};
    s.training.dataset = DatasetKind::Subset;
    s.training.batchSize = 128;
    return s;
}

}  // namespace

class TestMemoryEstimate : public QObject {
    Q_OBJECT
private slots:
    void countsWhatTheEngineAllocates();
    void threadsAddMemory();
    void engineRefusesWithTheSameSentence();
    void refusalStatesTheRealLimit();
    void threadsAreClampedToTheCores();
};

void TestMemoryEstimate::countsWhatTheEngineAllocates() {
    // Flatten, Dense 64 relu, Dense 10 softmax, Adam, batch 32 on 2 threads.
    ModelSpec s;
    s.layers = {LayerSpec::make(LayerType::Flatten), dense(64, Activation::ReLU),
                dense(10, Activation::Softmax)};
    s.training.optimizer.type = OptimizerType::Adam;
    s.training.earlyStopping.enabled = false;
    const double p = 784 * 64 + 64 + 64 * 10 + 10;
    const TrainingMemory m = estimateTrainingMemory(s, 32, 2);
    QCOMPARE(m.paramCount, (long long)p);
    QCOMPARE(m.threads, 2);
    // weights, gradient, last good, snapshot copy, 2 Adam moments, the snapshot network's 3; two byte masks
    // (weights, learning) per network.
    QCOMPARE(m.parameters, 4 * p * 9 + 4 * p);
    // per sample: input 784 + Flatten 784 + Dense64 and its ReLU 2x64 + Dense10 and its Softmax 2x10, the
    // loss gradient 10; gradient buffers 2 x 784 (the largest output but the last) + the boundary 784
    // (Flatten's).
    QCOMPARE(m.batchBytes, 4.0 * (32 * (784 + 784 + 128 + 20 + 10) + 32 * (2 * 784 + 784)) + 32);
    // Each thread: a chunk's gradient sum, and for the step split by units (one hidden layer, 2 threads:
    // 32 of the 64 units each) its copy of the inputs, its units' 3 buffers and its share of the 10
    // outputs, per sample, and its weight-gradient scratch block (32 x 784).
    QCOMPARE(m.perThread, 4 * p + 4.0 * (32 * (784 + 3 * 32 + 10) + 32 * 784));
    QCOMPARE(m.total(), m.parameters + m.batchBytes + 2 * m.perThread);
    QCOMPARE(estimateTrainingMemory(s, 32, 1).perThread, 4 * p);  // one thread: not split

    // Restore-best keeps one more copy; plain SGD one moment less than Adam.
    s.training.earlyStopping.enabled = true;
    s.training.earlyStopping.restoreBest = true;
    QCOMPARE(estimateTrainingMemory(s, 32, 2).parameters, m.parameters + 4 * p);
    s.training.earlyStopping.enabled = false;
    s.training.optimizer.type = OptimizerType::SGD;
    QCOMPARE(estimateTrainingMemory(s, 32, 2).parameters, m.parameters - 4 * p);

    // A frozen layer has no optimizer state: freezing the first Dense drops Adam's 2 moments of its weights.
    s.training.optimizer.type = OptimizerType::Adam;
    s.layers[1].trainable = false;
    QCOMPARE(estimateTrainingMemory(s, 32, 2).parameters, m.parameters - 4.0 * 2 * (784 * 64 + 64));
    s.layers[1].trainable = true;

    // A Conv2D's im2col workspaces belong to each thread: 2 x (1*3*3) x (26*26) floats, and so does the
    // gradient sum of the spatial layers' parameters (the convolution's 8*9 + 8).
    ModelSpec c;
    LayerSpec conv = LayerSpec::make(LayerType::Conv2D);
    conv.filters = 8;
    conv.kernel = 3;
    c.layers = {conv, LayerSpec::make(LayerType::Flatten), dense(10, Activation::Softmax)};
    const TrainingMemory cm = estimateTrainingMemory(c, 16, 1);
    // And two scratch blocks for the spatial outputs but the last: the convolution's and its ReLU's (its
    // default activation) go there, Flatten's does not. 3 x 26*26*8 floats, 64,896 bytes a sample: a block
    // of 8 samples fits in 512 KB, so each scratch holds 8 x 26*26*8 + 16 floats.
    QCOMPARE(cm.perThread,
             4.0 * (double(cm.paramCount) + 80 + 2 * 9 * 26 * 26) + 4.0 * 2 * (8 * 26 * 26 * 8 + 16));

    // With a pool after it, at batch 16 on 2 threads: 2 chunks of 8 samples for the flat layers, and each
    // thread's 8 samples cut into 4 pieces (4, 2, 1, 1) for the spatial ones. The spatial outputs are
    // 26*26*8 (the convolution, its ReLU), 13*13*8 (the pool, Flatten): 54,080 bytes a sample, 9 in 512 KB,
    // but a call takes at most ceil(16 / 8 pieces) = 2 samples, so each of each piece's two scratch blocks
    // holds 2 of the largest but the last (26*26*8) + 16.
    QCOMPARE(conv.activation, Activation::ReLU);
    LayerSpec pool = LayerSpec::make(LayerType::MaxPool2D);
    c.layers = {conv, pool, LayerSpec::make(LayerType::Flatten), dense(10, Activation::Softmax)};
    QCOMPARE(parallelChunks(16, 2), 2);
    QCOMPARE(spatialPiecesPerThread(16, 2, 80), 4);
    QCOMPARE(spatialBlockCap(16, 2, 4), 2);
    const TrainingMemory pm = estimateTrainingMemory(c, 16, 2);
    const double scratch = 2 * 8 * (2 * 26 * 26 * 8 + 16);  // 2 blocks x 8 pieces
    // Per thread: one chunk's gradient sum; per piece (4 a thread) the convolution's parameters' gradient
    // sum, im2col's buffers and the 2x2 pool's two row buffers (2 x 8*13*2*13); half the scratch blocks.
    QCOMPARE(pm.perThread, 4.0 * double(pm.paramCount) +
                               4.0 * 4 * (80 + 2 * 9 * 26 * 26 + 2 * 8 * 13 * 2 * 13) + 4.0 * scratch / 2);

    // A Residual block's own buffers come through its workspace like any layer's: Flatten, Residual(Dense
    // 784), Dense 10 against the same without the block. Per sample: the block's output 784, its inner
    // output 784 and its two gradient buffers 2 x 784; per thread: its parameters and one sample of each
    // gradient buffer (the batch rounded into chunks).
    ModelSpec r;
    r.layers = {LayerSpec::make(LayerType::Flatten), dense(10, Activation::Softmax)};
    const TrainingMemory plain = estimateTrainingMemory(r, 32, 2);
    LayerSpec block = LayerSpec::make(LayerType::Residual);
    block.layers = {dense(784, Activation::None)};
    r.layers.insert(r.layers.begin() + 1, block);
    const TrainingMemory withBlock = estimateTrainingMemory(r, 32, 2);
    const double blockParams = 784.0 * 784 + 784;
    QCOMPARE(withBlock.paramCount - plain.paramCount, (long long)blockParams);
    QCOMPARE(withBlock.batchBytes - plain.batchBytes, 4.0 * 32 * (784 + 784 + 2 * 784));
    QCOMPARE(withBlock.perThread - plain.perThread, 4.0 * (blockParams + 2 * 784));
}

void TestMemoryEstimate::threadsAddMemory() {
    const ModelSpec s = wideMlp(256);
    const TrainingMemory two = estimateTrainingMemory(s, 128, 2), four = estimateTrainingMemory(s, 128, 4);
    QVERIFY(four.perThread > 0);
    QCOMPARE(four.total() - two.total(), 2 * four.perThread);
    // Never more chunks than samples.
    QCOMPARE(estimateTrainingMemory(s, 3, 8).threads, 3);
}

void TestMemoryEstimate::engineRefusesWithTheSameSentence() {
    // The model: two Dense(100000) layers (about 1e10 parameters).
    const ModelSpec s = wideMlp(100000);
    const Dataset data = loadDataset(test::subsetPath());
    const int threads = effectiveThreads(s.training.threads);
    const std::string expected = trainingMemoryRefusal(estimateTrainingMemory(s, 128, threads));
    QVERIFY(!expected.empty());
    try {
        Trainer t(s, data);
        QFAIL("the trainer accepted a model that does not fit");
    } catch (const SpecError& e) {
        QCOMPARE(std::string(e.what()), expected);
    }
    QVERIFY2(
        expected.find("to train at batch 128 on " + std::to_string(threads) + " thread") != std::string::npos,
        expected.c_str());
    QVERIFY(expected.find("each thread adds") != std::string::npos);
    QVERIFY(expected.find("fewer filters/units (it has") !=
            std::string::npos);  // the parameters are the problem
}

void TestMemoryEstimate::refusalStatesTheRealLimit() {
    const double physical = physicalMemoryBytes();
    if (physical <= 0) QSKIP("this system does not report its memory");
    QCOMPARE(trainingMemoryLimit(), physical / 2);
    // The smallest batch that needs between the limit and all of the machine's memory (the case:
    // "needs about 20.6 GB but this machine has 25.3 GB" was a refusal that read like a contradiction).
    int lo = 1, hi = 1 << 30;
    while (hi - lo > 1) {
        const int mid = lo + (hi - lo) / 2;
        (estimateTrainingMemory(wideMlp(64), mid, 2).total() > 0.75 * physical ? hi : lo) = mid;
    }
    const TrainingMemory m = estimateTrainingMemory(wideMlp(64), hi, 2);
    QVERIFY(m.total() > trainingMemoryLimit() && m.total() < physical);
    const std::string why = trainingMemoryRefusal(m);
    char limit[32], all[32];
    std::snprintf(limit, sizeof limit, "%.1f GB", physical / 2 / 1e9);
    std::snprintf(all, sizeof all, "%.1f GB", physical / 1e9);
    QVERIFY2(why.find(std::string("more than the limit of ") + limit + " (half of this machine's " + all +
                      ")") != std::string::npos,
             why.c_str());
    QVERIFY2(why.find("use a smaller batch size, fewer threads or fewer filters/units") != std::string::npos,
             why.c_str());
    QVERIFY(why.find("each thread adds") != std::string::npos);
    // Under the limit: nothing to say.
    QVERIFY(trainingMemoryRefusal(estimateTrainingMemory(wideMlp(64), 128, 2)).empty());
}

void TestMemoryEstimate::threadsAreClampedToTheCores() {
    const int cores = hardwareThreads();
    QCOMPARE(effectiveThreads(0), cores);
    QCOMPARE(effectiveThreads(1), 1);
    QCOMPARE(effectiveThreads(cores + 62), cores);
    ThreadArena arena(cores + 62);
    QCOMPARE(arena.threads(), cores);

    ModelSpec s = wideMlp(16);
    s.training.threads = cores + 62;
    const Dataset data = loadDataset(test::subsetPath());
    Trainer t(s, data);
    QCOMPARE(t.threads(), cores);

    // The CLI prints what runs, says why, and TBB has nothing to warn about.
    QProcess p;
    p.start(LAYERLAB_CLI,
            {"train", "--model", QString::fromStdString(test::resourcesPath()) + "/presets/logistic.json",
             "--data", QString::fromStdString(test::subsetPath()), "--epochs", "1", "--threads",
             QString::number(cores + 62)});
    QVERIFY(p.waitForFinished(120000));
    const QString out = QString::fromUtf8(p.readAllStandardOutput()),
                  err = QString::fromUtf8(p.readAllStandardError());
    QCOMPARE(p.exitCode(), 0);
    QVERIFY2(out.contains(QStringLiteral("%1 thread%2\n").arg(cores).arg(cores == 1 ? "" : "s")),
             qPrintable(out));
    QVERIFY2(out.contains(
                 QStringLiteral("note: %1 threads asked but this machine has %2 cores: training runs on %2")
                     .arg(cores + 62)
                     .arg(cores)),
             qPrintable(out));
    QVERIFY2(!err.contains("TBB Warning"), qPrintable(err));
}

QTEST_MAIN(TestMemoryEstimate)
#include "tst_memory_estimate.moc"
