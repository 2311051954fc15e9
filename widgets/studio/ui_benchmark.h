#pragma once
// `layerlab --benchmark-ui SECONDS`: runs the CLI's training loop (layerlab::trainLoopSamplesPerSecond) for
// SECONDS with the window idle, then trains in the real main window with every panel live for SECONDS while
// it measures how late a 10 ms GUI timer fires (event-loop latency), stops, then runs layerlab::benchmark()
// and the CLI's training loop for SECONDS again, all on the same spec and data in this process, and prints
// one JSON line:
//   {"event_loop_latency_ms_p50":..,"event_loop_latency_ms_p99":..,"train_samples_per_second":..,
//    "cli_bench_train_samples_per_second":..,"studio_vs_cli":..,"cli_train_loop_samples_per_second":..,
//    "studio_vs_cli_train_loop":..,...}
// train_samples_per_second = samples trained in the studio / seconds from run start to the last batch.
// studio_vs_cli compares it with bare training steps (no validation, no epoch boundaries, no GUI thread),
// studio_vs_cli_train_loop with what `layerlab-cli train` runs: the mean of the CLI loop's rates before and
// after the studio's run (also printed apart), so that a machine whose speed drifts during the measurement
// moves both sides alike.
// The run's epochs are raised (and early stopping turned off) so training lasts the whole measuring time.
#include <QElapsedTimer>
#include <QObject>
#include <QTimer>
#include <string>
#include <vector>

class MainWindow;
class QThread;

class UiBenchmark : public QObject {
    Q_OBJECT
public:
    UiBenchmark(MainWindow* window, double seconds, QObject* parent = nullptr);
    ~UiBenchmark() override;

    // Waits for the dataset, then trains for `seconds`. Emits done() with the JSON line.
    void start();
    static double percentile(std::vector<double> values, double p);

signals:
    void done(const QString& jsonLine, int exitCode);

private:
    void begin();
    void startStudioRun();
    void tick();
    void stopTraining();
    void onTrainingEnded();

    MainWindow* m_window;
    double m_seconds;
    QTimer m_probe;
    QElapsedTimer m_clock;
    qint64 m_lastTickNs = -1;
    std::vector<double> m_lateMs;
    bool m_begun = false;
    QThread* m_benchThread = nullptr;
    double m_loopBefore = 0;  // the CLI loop's samples/s before the studio's run
    std::string m_loopBeforeError;
    double m_guiCpuStart = 0, m_guiCpuSeconds = 0;  // CPU time of the GUI thread while training
};
