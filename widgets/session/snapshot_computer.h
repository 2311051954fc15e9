#pragma once
// Snapshots a model that is not training (a loaded checkpoint, a finished or paused run, a new probe image)
// with layerlab::snapshotFromParams on a helper thread, and hands the result back with a queued signal.
// Only the newest request is announced; requests made while one runs replace the queued one.
#include <QObject>
#include <cstdint>
#include <memory>
#include <vector>

#include "core/compression.h"
#include "core/model_spec.h"
#include "core/snapshot.h"

class QThread;

class SnapshotComputer : public QObject {
    Q_OBJECT
public:
    explicit SnapshotComputer(QObject* parent = nullptr);
    ~SnapshotComputer() override;  // joins a running job (one forward pass)

    // A non-empty `quantization`: an int8 checkpoint's weights, run quantized (core/snapshot.h).
    void compute(const layerlab::ModelSpec& spec, std::vector<float> params, std::vector<std::uint8_t> image,
                 int label, const layerlab::Quantization& quantization = {});

signals:
    void ready(std::shared_ptr<const layerlab::Snapshot> snapshot);
    void failed(const QString& message);

private:
    struct Job;
    void startJob(std::shared_ptr<Job> job);
    void onJobFinished();

    QThread* m_thread = nullptr;
    std::shared_ptr<Job> m_running, m_queued;
};
