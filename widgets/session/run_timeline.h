#pragma once
// Where a run's epochs sit on the session's charts. A fresh run starts at epoch 0. A run that continues a
// stopped one (from its weights) is drawn after it: its epoch 1 becomes the first whole epoch after every
// epoch the stopped run began, so a partly run epoch keeps its points and a gap shows where it was cut.
// The engine numbers every run from epoch 1; shifted() renumbers its metrics and snapshots for the views, so
// the charts, the progress line and the filter and feature-map captions count epochs the same way.
#include <QVector>
#include <memory>

#include "core/snapshot.h"
#include "core/trainer.h"

class RunTimeline {
public:
    void startFresh();
    // The next run continues the last one.
    void continueRun();
    // Epochs drawn before the current run's epoch 1.
    int offset() const { return m_offset; }

    // Remembers how far the current run got (call with every burst of batches it reports).
    void record(const QVector<layerlab::BatchMetrics>& batches);
    // The last batch recorded, in session numbering (batchesPerEpoch 0 when there was none).
    const layerlab::BatchMetrics& lastBatch() const { return m_last; }

    QVector<layerlab::BatchMetrics> shifted(QVector<layerlab::BatchMetrics> batches) const;
    layerlab::EpochMetrics shifted(layerlab::EpochMetrics epoch) const;
    layerlab::TrainResult shifted(layerlab::TrainResult result) const;
    // A copy with the epoch renumbered (the same snapshot when there is nothing to shift).
    std::shared_ptr<const layerlab::Snapshot> shifted(
        std::shared_ptr<const layerlab::Snapshot> snapshot) const;

private:
    int m_offset = 0;
    layerlab::BatchMetrics m_last;
};
