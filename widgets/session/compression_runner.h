#pragma once
// Runs a compression sweep (core/compression_sweep.h) on a helper thread for the Compress dialog and hands
// the result back with queued signals: progress while it runs, then exactly one of finished, failed or
// cancelled. The GUI never waits for it; cancel() sets an atomic the sweep reads at every batch (and a
// fine-tune at every batch), so it ends within one batch. One sweep at a time. QtCore only.
#include <QObject>
#include <QString>
#include <QThreadPool>
#include <atomic>
#include <memory>
#include <vector>

#include "core/compression_sweep.h"
#include "core/dataset.h"
#include "core/model_spec.h"

class CompressionRunner : public QObject {
    Q_OBJECT
public:
    explicit CompressionRunner(QObject* parent = nullptr);
    ~CompressionRunner() override;  // cancels a running sweep and joins it (one batch)

    // Starts the sweep of `params` of `spec` on `data` with a private copy of everything; false (and
    // nothing started) while one runs.
    bool start(const layerlab::ModelSpec& spec, std::vector<float> params,
               std::shared_ptr<const layerlab::Dataset> data, const layerlab::CompressionPlan& plan);
    void cancel();
    bool isRunning() const { return m_running; }
    // Blocks until no sweep runs (for tests).
    void waitForDone();

signals:
    void progress(int step, int steps, const QString& what);
    void finished(std::shared_ptr<const layerlab::CompressionSweep> sweep);
    void failed(const QString& message);
    void cancelled();

private:
    void onDone(quint64 generation, std::shared_ptr<const layerlab::CompressionSweep> sweep, QString error);

    bool m_running = false;
    quint64 m_generation = 0;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    QThreadPool m_pool;
};
