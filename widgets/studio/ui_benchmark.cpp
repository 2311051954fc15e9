#include "widgets/studio/ui_benchmark.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QThread>
#include <algorithm>
#include <cmath>
#include <exception>

#include "core/bench.h"
#include "widgets/document/model_document.h"
#include "widgets/session/dataset_loader.h"
#include "widgets/session/redraw_pacer.h"
#include "widgets/session/training_controller.h"
#include "widgets/studio/main_window.h"

namespace {
constexpr int kProbeMs = 10;
}  // namespace

UiBenchmark::UiBenchmark(MainWindow* window, double seconds, QObject* parent)
    : QObject(parent), m_window(window), m_seconds(seconds) {
    m_probe.setTimerType(Qt::PreciseTimer);
    m_probe.setInterval(kProbeMs);
    connect(&m_probe, &QTimer::timeout, this, &UiBenchmark::tick);
}

UiBenchmark::~UiBenchmark() {
    if (m_benchThread) {
        m_benchThread->wait();
        delete m_benchThread;
    }
}

double UiBenchmark::percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const double pos = p / 100.0 * double(v.size() - 1);
    const std::size_t lo = std::size_t(std::floor(pos)), hi = std::min(v.size() - 1, lo + 1);
    return v[lo] + (pos - double(lo)) * (v[hi] - v[lo]);
}

void UiBenchmark::start() {
    if (m_window->isDatasetReady()) {
        begin();
        return;
    }
    connect(m_window, &MainWindow::datasetReady, this, &UiBenchmark::begin, Qt::SingleShotConnection);
    m_window->ensureDataset();
}

void UiBenchmark::begin() {
    if (m_begun) return;
    m_begun = true;
    // Train for the whole measuring time: enough epochs, and no early stop.
    layerlab::TrainingSpec t = m_window->document()->spec().training;
    t.epochs = std::max(t.epochs, 10000);
    t.earlyStopping.enabled = false;
    if (t != m_window->document()->spec().training) m_window->document()->setTraining(t);
    // The CLI's loop first, with the window idle (off the GUI thread, which keeps drawing).
    const layerlab::ModelSpec spec = m_window->document()->spec();
    auto data = m_window->dataset();
    const double seconds = m_seconds;
    auto loop = std::make_shared<double>(0.0);
    auto error = std::make_shared<std::string>();
    m_benchThread = QThread::create([spec, data, loop, seconds, error] {
        try {
            *loop = layerlab::trainLoopSamplesPerSecond(spec, *data, seconds);
        } catch (const std::exception& e) {
            *error = e.what();
        }
    });
    connect(m_benchThread, &QThread::finished, this, [this, loop, error] {
        m_benchThread->wait();
        delete m_benchThread;
        m_benchThread = nullptr;
        m_loopBefore = *loop;
        m_loopBeforeError = *error;
        startStudioRun();
    });
    m_benchThread->start();
}

void UiBenchmark::startStudioRun() {
    TrainingController* c = m_window->trainingController();
    connect(c, &TrainingController::finished, this, &UiBenchmark::onTrainingEnded);
    connect(c, &TrainingController::failed, this, [this](const QString& m) {
        m_probe.stop();
        emit done(QString::fromUtf8(QJsonDocument(QJsonObject{{"error", m}}).toJson(QJsonDocument::Compact)),
                  1);
    });
    m_window->startTraining();
    if (!c->isActive()) {
        const QString why = tr("training did not start: %1").arg(m_window->trainBlockedReason());
        emit done(
            QString::fromUtf8(QJsonDocument(QJsonObject{{"error", why}}).toJson(QJsonDocument::Compact)), 1);
        return;
    }
    m_guiCpuStart = RedrawPacer::threadCpuSeconds();
    m_clock.start();
    m_lastTickNs = m_clock.nsecsElapsed();
    m_probe.start();
    QTimer::singleShot(int(m_seconds * 1000), this, &UiBenchmark::stopTraining);
}

void UiBenchmark::tick() {
    const qint64 now = m_clock.nsecsElapsed();
    const double late = (now - m_lastTickNs) / 1e6 - kProbeMs;
    m_lastTickNs = now;
    m_lateMs.push_back(std::max(0.0, late));
}

void UiBenchmark::stopTraining() {
    m_probe.stop();
    m_window->stopTraining();
}

void UiBenchmark::onTrainingEnded() {
    m_probe.stop();
    m_guiCpuSeconds = RedrawPacer::threadCpuSeconds() - m_guiCpuStart;
    TrainingController* c = m_window->trainingController();
    const double seconds = c->trainingSeconds();
    const double studio = seconds > 0 ? double(c->samplesProcessed()) / seconds : 0;
    const layerlab::ModelSpec spec = c->runSpec();
    auto data = m_window->dataset();
    const double p50 = percentile(m_lateMs, 50), p99 = percentile(m_lateMs, 99);
    const qint64 samples = c->samplesProcessed();
    const std::size_t ticks = m_lateMs.size();

    // The engine benchmark is long (warm-up + repeats): run it off the GUI thread, then print.
    auto bench = std::make_shared<layerlab::BenchResult>();
    auto loop = std::make_shared<double>(0.0);
    auto error = std::make_shared<std::string>(m_loopBeforeError);
    const double before = m_loopBefore;
    m_benchThread = QThread::create([spec, data, bench, loop, seconds, error] {
        try {
            *bench = layerlab::benchmark(spec, *data, spec.training.batchSize, spec.training.threads);
            *loop = layerlab::trainLoopSamplesPerSecond(spec, *data, seconds);
        } catch (const std::exception& e) {
            *error = e.what();
        }
    });
    connect(m_benchThread, &QThread::finished, this, [=, this] {
        QJsonObject o;
        o["event_loop_latency_ms_p50"] = std::round(p50 * 1000) / 1000;
        o["event_loop_latency_ms_p99"] = std::round(p99 * 1000) / 1000;
        o["train_samples_per_second"] = std::round(studio * 10) / 10;
        o["cli_bench_train_samples_per_second"] = std::round(bench->trainSamplesPerSecond * 10) / 10;
        o["studio_vs_cli"] = bench->trainSamplesPerSecond > 0
                                 ? std::round(studio / bench->trainSamplesPerSecond * 1000) / 1000
                                 : 0.0;
        // The CLI's whole training loop (validation and epoch boundaries included, as in the studio's
        // figure) for as long as the studio trained, once before the studio's run and once after it.
        const double cliLoop = before > 0 && *loop > 0 ? (before + *loop) / 2 : 0.0;
        o["cli_train_loop_before_samples_per_second"] = std::round(before * 10) / 10;
        o["cli_train_loop_after_samples_per_second"] = std::round(*loop * 10) / 10;
        o["cli_train_loop_samples_per_second"] = std::round(cliLoop * 10) / 10;
        o["studio_vs_cli_train_loop"] = cliLoop > 0 ? std::round(studio / cliLoop * 1000) / 1000 : 0.0;
        o["latency_ticks"] = qint64(ticks);
        o["gui_thread_cpu_seconds"] = std::round(m_guiCpuSeconds * 1000) / 1000;
        // The redraw pacing at the end of the run (widgets/session/redraw_pacer.h).
        o["redraw_interval_ms"] = m_window->trainingController()->redrawPacer().intervalMs();
        o["samples"] = samples;
        o["training_seconds"] = std::round(seconds * 1000) / 1000;
        o["model"] = QString::fromStdString(spec.name);
        o["dataset"] = QString::fromStdString(data->name);
        o["batch"] = spec.training.batchSize;
        o["threads"] = bench->threads;
        if (!error->empty()) o["bench_error"] = QString::fromStdString(*error);
        emit done(QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)), error->empty() ? 0 : 1);
    });
    m_benchThread->start();
}
