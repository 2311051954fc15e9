#pragma once
// The learning rate of each batch under a TrainingSpec's lr_schedule (see LrScheduleSpec).
#include "core/model_spec.h"

namespace layerlab {

class LrScheduler {
public:
    // `epochs` and `batchesPerEpoch` set the length of a cosine schedule.
    LrScheduler(const TrainingSpec& training, int epochs, int batchesPerEpoch);

    // The rate for batch `batch` (0-based) of epoch `epoch` (1-based).
    float rateFor(int epoch, int batch) const;
    // After each epoch, with the epoch's validation loss and accuracy (the training ones when there is no
    // validation set). Returns true when a plateau schedule lowered the rate.
    bool endEpoch(double valLoss, double valAccuracy);

private:
    LrScheduleSpec m_s;
    float m_base;
    int m_epochs, m_batchesPerEpoch;
    float m_plateauRate;
    double m_best;
    int m_since = 0;
};

}  // namespace layerlab
