#include "widgets/session/training_buffer.h"

void TrainingBuffer::onBatchEnd(const layerlab::BatchMetrics& m) {
    const auto now = std::chrono::steady_clock::now();
    std::lock_guard lock(m_mutex);
    m_pending.batches.push_back(m);
    m_lastBatch = now;
}

void TrainingBuffer::onEpochEnd(const layerlab::EpochMetrics& m) {
    std::lock_guard lock(m_mutex);
    m_pending.epochs.push_back(m);
}

void TrainingBuffer::onHealth(const layerlab::HealthSample& h) {
    std::lock_guard lock(m_mutex);
    m_pending.health.push_back(h);
}

void TrainingBuffer::onStepInspected(const layerlab::StepInspection& s) {
    auto copy = std::make_shared<const layerlab::StepInspection>(s);  // outside the lock
    std::lock_guard lock(m_mutex);
    m_pending.step = std::move(copy);
}

void TrainingBuffer::markRunStarted() {
    std::lock_guard lock(m_mutex);
    m_runStart = std::chrono::steady_clock::now();
    m_lastBatch = m_runStart;
}

TrainingBuffer::Drained TrainingBuffer::drain() {
    Drained out;
    std::lock_guard lock(m_mutex);
    std::swap(out, m_pending);
    m_pending.batches.reserve(out.batches.capacity());
    return out;
}

double TrainingBuffer::secondsToLastBatch() const {
    std::lock_guard lock(m_mutex);
    return std::chrono::duration<double>(m_lastBatch - m_runStart).count();
}
