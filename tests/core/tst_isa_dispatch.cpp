// core/kernels/gemm.cpp: the run-time choice between the baseline (AVX2) and AVX-512 copies of the GEMM
// kernel. Each copy against a plain reference for every storage order; the seed CNN and an MLP give the same
// outputs and gradients on both paths; LAYERLAB_ISA=avx2 forces the baseline in a real process (the "isa"
// field of layerlab-cli bench --json). On a CPU without AVX-512 only the baseline runs, and the test says so.
#include <QtTest>

#include <Eigen/Core>

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <cmath>
#include <cstring>
#include <random>

#include "core/kernels/gemm.h"
#include "core/loss.h"
#include "core/model_spec.h"
#include "core/network.h"
#include "core/parallel.h"
#include "tests/support/build_paths.h"
#include "tests/support/test_data.h"

using namespace layerlab;

namespace {
std::vector<Isa> availableIsas() {
    std::vector<Isa> isas{Isa::Baseline};
    if (isaAvailable(Isa::Avx512)) isas.push_back(Isa::Avx512);
    return isas;
}

// Restores the ISA the process started with.
class IsaGuard {
public:
    IsaGuard() : m_isa(activeIsa()) {}
    ~IsaGuard() { setIsa(m_isa); }

private:
    Isa m_isa;
};

float at(const std::vector<float>& v, Order o, int rows, int cols, int r, int c) {
    return o == Order::RowMajor ? v[size_t(r) * cols + c] : v[size_t(c) * rows + r];
}

struct Pass {
    std::vector<float> out, grads, dIn;
};

// One forward + backward of `spec` on a fixed batch with fixed weights, on the current ISA, 2 threads.
Pass runModel(const ModelSpec& spec, int n) {
    const int in = int(spec.input.size());
    std::mt19937 rng(7);
    std::uniform_real_distribution<float> u(0, 1);
    std::vector<float> images(size_t(n) * in);
    for (float& v : images) v = u(rng);
    std::vector<std::uint8_t> labels(n);
    for (int i = 0; i < n; ++i) labels[i] = std::uint8_t((i * 7) % 10);
    Pass p;
    ThreadArena arena(2);
    arena.execute([&] {
        Network net(spec);
        net.setLogitsOutput(true);
        net.reserve(n, 2);
        net.initParams(3);
        const float* out = net.forward(images.data(), n, true);
        p.out.assign(out, out + size_t(n) * 10);
        std::vector<float> d(size_t(n) * 10);
        computeLoss(LossType::CrossEntropy, true, out, labels.data(), n, 10, d.data());
        net.backward(d.data(), n);
        p.grads.assign(net.grads().begin(), net.grads().end());
        p.dIn.resize(size_t(n) * in);
        net.inputGradient(d.data(), n, p.dIn.data());
    });
    return p;
}

// max |a - b| relative to max |b|.
double relativeDiff(const std::vector<float>& a, const std::vector<float>& b, double* scale = nullptr) {
    double diff = 0, big = 0;
    for (size_t i = 0; i < a.size(); ++i) {
        diff = std::max(diff, double(std::abs(a[i] - b[i])));
        big = std::max(big, double(std::abs(b[i])));
    }
    if (scale) *scale = big;
    return diff / std::max(big, 1e-30);
}
}  // namespace

class TestIsaDispatch : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void blockingIgnoresTheReportedL1();  // first: no product may run before it in this process
    void gemmMatchesReference();
    void modelsAgreeAcrossPaths_data();
    void modelsAgreeAcrossPaths();
    void environmentForcesBaseline();
};

void TestIsaDispatch::initTestCase() {
    QString paths;
    for (Isa isa : availableIsas()) paths += QString(paths.isEmpty() ? "" : ", ") + isaName(isa);
    qInfo("paths this CPU runs: %s (started on %s)", qPrintable(paths), isaName(activeIsa()));
    if (!isaAvailable(Isa::Avx512))
        qWarning("no AVX-512 on this CPU (or in this build): only the baseline path is tested");
}

// Every copy, every storage order of A, B and C, both accumulate modes, odd sizes (tails of the SIMD blocks).
// A product's bits must not depend on the L1 size the CPU reports (core/kernels/gemm_kernel.cpp pins it): a
// CPU that reports 48 KB (recent Intel Xeons) is emulated by setting that in Eigen before the first product
// (the baseline copy's Eigen is this binary's). The first product pins 32 KB and gives the bits a 32 KB CPU
// gives; 48 KB set again afterwards gives other bits, so the comparison can see a blocking change.
void TestIsaDispatch::blockingIgnoresTheReportedL1() {
    const IsaGuard guard;
    QVERIFY(setIsa(Isa::Baseline));
    const int m = 64, n = 100, k = 1600;  // the seed CNN's first Dense layer: K = 1600 splits into blocks
    std::mt19937 rng(3);
    std::normal_distribution<float> g;
    std::vector<float> a(size_t(m) * k), b(size_t(k) * n);
    for (float& v : a) v = g(rng);
    for (float& v : b) v = g(rng);
    const auto product = [&] {
        std::vector<float> c(size_t(m) * n);
        gemm(m, n, k, a.data(), Order::RowMajor, b.data(), Order::ColMajor, c.data(), Order::ColMajor, false);
        return c;
    };
    const auto setL1 = [](std::ptrdiff_t l1) {
        Eigen::setCpuCacheSizes(l1, Eigen::l2CacheSize(), Eigen::l3CacheSize());
    };
    setL1(48 * 1024);
    const std::vector<float> first = product();
    QCOMPARE(Eigen::l1CacheSize(), std::ptrdiff_t(32 * 1024));
    setL1(48 * 1024);
    const std::vector<float> unpinned = product();
    setL1(32 * 1024);
    const std::vector<float> at32 = product();
    QVERIFY2(std::memcmp(unpinned.data(), at32.data(), sizeof(float) * at32.size()) != 0,
             "48 KB and 32 KB gave the same bits: this product no longer shows the blocking");
    QVERIFY2(std::memcmp(first.data(), at32.data(), sizeof(float) * at32.size()) == 0,
             "the first product did not use the pinned 32 KB blocking");
}

void TestIsaDispatch::gemmMatchesReference() {
    IsaGuard guard;
    const int m = 37, n = 29, k = 45;
    std::mt19937 rng(1);
    std::uniform_real_distribution<float> u(-1, 1);
    std::vector<float> a(m * k), b(k * n), c0(m * n);
    for (float& v : a) v = u(rng);
    for (float& v : b) v = u(rng);
    for (float& v : c0) v = u(rng);
    const Order orders[] = {Order::RowMajor, Order::ColMajor};
    for (Isa isa : availableIsas()) {
        QVERIFY(setIsa(isa));
        QCOMPARE(activeIsa(), isa);
        for (Order ao : orders)
            for (Order bo : orders)
                for (Order co : orders)
                    for (bool acc : {false, true}) {
                        std::vector<float> c = c0;
                        gemm(m, n, k, a.data(), ao, b.data(), bo, c.data(), co, acc);
                        double worst = 0;
                        for (int r = 0; r < m; ++r)
                            for (int col = 0; col < n; ++col) {
                                double ref = acc ? at(c0, co, m, n, r, col) : 0.0;
                                for (int i = 0; i < k; ++i)
                                    ref += double(at(a, ao, m, k, r, i)) * at(b, bo, k, n, i, col);
                                worst = std::max(worst, std::abs(ref - at(c, co, m, n, r, col)));
                            }
                        QVERIFY2(worst < 1e-4, qPrintable(QString("%1: orders %2%3%4 acc %5: off by %6")
                                                              .arg(isaName(isa))
                                                              .arg(int(ao))
                                                              .arg(int(bo))
                                                              .arg(int(co))
                                                              .arg(acc)
                                                              .arg(worst)));
                    }
    }
}

void TestIsaDispatch::modelsAgreeAcrossPaths_data() {
    QTest::addColumn<QString>("preset");
    QTest::newRow("seed-cnn") << "seed-cnn";
    QTest::newRow("mlp") << "mlp";
}

// The same batch, weights and threads through each path: outputs, parameter gradients and the input
// gradient agree to float rounding (the paths sum in different orders, so not bit for bit).
void TestIsaDispatch::modelsAgreeAcrossPaths() {
    QFETCH(QString, preset);
    if (!isaAvailable(Isa::Avx512)) QSKIP("no AVX-512 on this CPU: there is only one path to run");
    IsaGuard guard;
    const ModelSpec spec =
        loadModelSpec(test::resourcesPath() + "/presets/" + preset.toStdString() + ".json");
    QVERIFY(setIsa(Isa::Baseline));
    const Pass base = runModel(spec, 16);
    QVERIFY(setIsa(Isa::Avx512));
    const Pass wide = runModel(spec, 16);
    double outScale = 0, gradScale = 0;
    const double dOut = relativeDiff(wide.out, base.out, &outScale);
    const double dGrad = relativeDiff(wide.grads, base.grads, &gradScale);
    const double dIn = relativeDiff(wide.dIn, base.dIn);
    qInfo("%s: ran %s and %s; relative differences: outputs %.2g, gradients %.2g, input gradient %.2g",
          qPrintable(preset), isaName(Isa::Baseline), isaName(Isa::Avx512), dOut, dGrad, dIn);
    QVERIFY(outScale > 1e-2 && gradScale > 1e-4);  // real values, not zeros on both sides
    QVERIFY2(dOut < 1e-4, qPrintable(QString::number(dOut)));
    QVERIFY2(dGrad < 1e-4, qPrintable(QString::number(dGrad)));
    QVERIFY2(dIn < 1e-4, qPrintable(QString::number(dIn)));
}

// A real process reports its path: in bench --json (the best by default) and, cheaply, in --version (the
// baseline with LAYERLAB_ISA=avx2; an unknown value gets a message naming it and the best path).
void TestIsaDispatch::environmentForcesBaseline() {
    const QString presets = QString::fromStdString(test::resourcesPath()) + "/presets";
    const QString subset = QString::fromStdString(test::subsetPath());
    auto run = [&](const QString& isa, const QStringList& args, QString* err) {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        if (isa.isNull())
            env.remove("LAYERLAB_ISA");
        else
            env.insert("LAYERLAB_ISA", isa);
        p.setProcessEnvironment(env);
        p.start(LAYERLAB_CLI, args);
        if (!p.waitForFinished(120000)) p.kill();
        if (err) *err = QString::fromUtf8(p.readAllStandardError());
        return QString::fromUtf8(p.readAllStandardOutput());
    };
    auto kernels = [&](const QString& isa, QString* err) {
        const QString out = run(isa, {"--version"}, err);
        const QRegularExpressionMatch m = QRegularExpression("kernels: (\\w+)").match(out);
        return m.hasMatch() ? m.captured(1) : out;
    };
    const QString best = isaName(isaAvailable(Isa::Avx512) ? Isa::Avx512 : Isa::Baseline);
    const QJsonObject bench =
        QJsonDocument::fromJson(run(QString(),
                                    {"bench", "--model", presets + "/logistic.json", "--data", subset,
                                     "--batch", "32", "--threads", "1", "--repeats", "1", "--json"},
                                    nullptr)
                                    .toUtf8())
            .object();
    QCOMPARE(bench["isa"].toString(), best);
    QCOMPARE(kernels(QString(), nullptr), best);
    QCOMPARE(kernels("avx2", nullptr), QString(isaName(Isa::Baseline)));
    QString err;
    QCOMPARE(kernels("sse9", &err), best);
    QVERIFY2(err.contains("LAYERLAB_ISA=sse9 is not known"), qPrintable(err));
}

QTEST_GUILESS_MAIN(TestIsaDispatch)
#include "tst_isa_dispatch.moc"
