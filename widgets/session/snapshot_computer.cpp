#include "widgets/session/snapshot_computer.h"

#include <QThread>
#include <exception>

#include "widgets/session/training_controller.h"  // metatype of std::shared_ptr<const Snapshot>

struct SnapshotComputer::Job {
    layerlab::ModelSpec spec;
    std::vector<float> params;
    std::vector<std::uint8_t> image;
    int label = -1;
    layerlab::Quantization quantization;
    std::shared_ptr<const layerlab::Snapshot> result;
    std::string error;
};

SnapshotComputer::SnapshotComputer(QObject* parent) : QObject(parent) {}

SnapshotComputer::~SnapshotComputer() {
    if (m_thread) {
        disconnect(m_thread, nullptr, this, nullptr);
        m_thread->wait();
        delete m_thread;
    }
}

void SnapshotComputer::compute(const layerlab::ModelSpec& spec, std::vector<float> params,
                               std::vector<std::uint8_t> image, int label,
                               const layerlab::Quantization& quantization) {
    auto job = std::make_shared<Job>();
    job->spec = spec;
    job->params = std::move(params);
    job->image = std::move(image);
    job->label = label;
    job->quantization = quantization;
    if (m_thread)
        m_queued = std::move(job);
    else
        startJob(std::move(job));
}

void SnapshotComputer::startJob(std::shared_ptr<Job> job) {
    m_running = job;
    m_thread = QThread::create([job] {
        try {
            job->result = std::make_shared<const layerlab::Snapshot>(layerlab::snapshotFromParams(
                job->spec, job->params, job->image.data(), job->label, &job->quantization));
        } catch (const std::exception& e) {
            job->error = e.what();
        }
    });
    connect(m_thread, &QThread::finished, this, &SnapshotComputer::onJobFinished);
    m_thread->start();
}

void SnapshotComputer::onJobFinished() {
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
    std::shared_ptr<Job> job = std::move(m_running);
    if (m_queued) {
        startJob(std::move(m_queued));
        m_queued.reset();
        return;
    }
    if (job->result)
        emit ready(job->result);
    else
        emit failed(QString::fromStdString(job->error));
}
