#include "widgets/session/run_timeline.h"

void RunTimeline::startFresh() {
    m_offset = 0;
    m_last = {};
}

void RunTimeline::continueRun() {
    // Epochs begun so far: the last one counts whole even when it was stopped part way.
    if (m_last.batchesPerEpoch > 0) m_offset = m_last.epoch;
}

void RunTimeline::record(const QVector<layerlab::BatchMetrics>& batches) {
    if (batches.isEmpty()) return;
    m_last = batches.back();
    m_last.epoch += m_offset;
}

QVector<layerlab::BatchMetrics> RunTimeline::shifted(QVector<layerlab::BatchMetrics> batches) const {
    for (auto& b : batches) b.epoch += m_offset;
    return batches;
}

layerlab::EpochMetrics RunTimeline::shifted(layerlab::EpochMetrics epoch) const {
    epoch.epoch += m_offset;
    return epoch;
}

layerlab::TrainResult RunTimeline::shifted(layerlab::TrainResult result) const {
    for (auto& e : result.epochs) e.epoch += m_offset;
    if (result.bestEpoch > 0) result.bestEpoch += m_offset;
    return result;
}

std::shared_ptr<const layerlab::Snapshot> RunTimeline::shifted(
    std::shared_ptr<const layerlab::Snapshot> snapshot) const {
    if (!snapshot || m_offset == 0 || snapshot->epoch <= 0) return snapshot;
    auto copy = std::make_shared<layerlab::Snapshot>(*snapshot);
    copy->epoch += m_offset;
    return copy;
}
