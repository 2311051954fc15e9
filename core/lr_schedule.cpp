#include "core/lr_schedule.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

namespace layerlab {

LrScheduler::LrScheduler(const TrainingSpec& t, int epochs, int batchesPerEpoch)
    : m_s(t.schedule),
      m_base(t.optimizer.learningRate),
      m_epochs(std::max(1, epochs)),
      m_batchesPerEpoch(std::max(1, batchesPerEpoch)),
      m_plateauRate(t.optimizer.learningRate),
      m_best(std::numeric_limits<double>::infinity()) {}

float LrScheduler::rateFor(int epoch, int batch) const {
    switch (m_s.type) {
        case ScheduleType::Constant:
            return m_base;
        case ScheduleType::Step: {
            const int reductions = std::max(0, epoch - 1) / m_s.every;
            return std::max(m_s.minLr, float(double(m_base) * std::pow(double(m_s.factor), reductions)));
        }
        case ScheduleType::Cosine: {
            const double total = double(m_epochs) * m_batchesPerEpoch;
            const double pos = std::clamp((double(epoch - 1) * m_batchesPerEpoch + batch) / total, 0.0, 1.0);
            return float(m_s.minLr +
                         (double(m_base) - m_s.minLr) * 0.5 * (1.0 + std::cos(std::numbers::pi * pos)));
        }
        case ScheduleType::Plateau:
            return m_plateauRate;
    }
    return m_base;
}

bool LrScheduler::endEpoch(double valLoss, double valAccuracy) {
    if (m_s.type != ScheduleType::Plateau) return false;
    const double v = m_s.monitor == Monitor::ValAccuracy ? -valAccuracy : valLoss;  // lower is better
    if (std::isnan(v)) return false;
    if (v < m_best - 1e-12) {
        m_best = v;
        m_since = 0;
        return false;
    }
    if (++m_since < m_s.patience) return false;
    m_since = 0;  // wait another `patience` epochs before the next reduction
    const float lowered = std::max(m_s.minLr, m_plateauRate * m_s.factor);
    const bool changed = lowered < m_plateauRate;
    m_plateauRate = lowered;
    return changed;
}

}  // namespace layerlab
