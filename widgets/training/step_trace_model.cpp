#include "widgets/training/step_trace_model.h"

#include <QBrush>
#include <QColor>
#include <QFont>
#include <algorithm>
#include <cmath>
#include <limits>

StepTraceModel::StepTraceModel(QObject* parent) : QAbstractTableModel(parent) {}

void StepTraceModel::setTrace(std::shared_ptr<const layerlab::StepInspection> step, int layer, int sample,
                              View view) {
    beginResetModel();
    m_step = std::move(step);
    m_layer = m_step && layer >= 0 && layer < int(m_step->dense.size()) ? layer : -1;
    m_sample = m_step ? std::clamp(sample, 0, std::max(0, m_step->samples - 1)) : 0;
    m_view = view;
    endResetModel();
}

const layerlab::DenseTrace* StepTraceModel::trace() const {
    return m_layer >= 0 ? &m_step->dense[std::size_t(m_layer)] : nullptr;
}

QString StepTraceModel::number(double v) {
    if (std::isnan(v)) return QStringLiteral("—");
    if (v == 0) return QStringLiteral("0");
    return QString::number(v, 'g', 4);
}

int StepTraceModel::rowCount(const QModelIndex& parent) const {
    const layerlab::DenseTrace* t = trace();
    return parent.isValid() || !t ? 0 : t->shownUnits;
}

int StepTraceModel::columnCount(const QModelIndex& parent) const {
    const layerlab::DenseTrace* t = trace();
    if (parent.isValid() || !t) return 0;
    return m_view == Units ? int(UnitColumns) : t->shownInputs;
}

double StepTraceModel::value(int u, int c) const {
    const layerlab::DenseTrace* t = trace();
    if (!t || u < 0 || u >= t->shownUnits) return std::numeric_limits<double>::quiet_NaN();
    const int s = m_sample;
    const std::size_t w = std::size_t(u) * t->shownInputs + std::size_t(c);
    switch (m_view) {
        case Units:
            switch (c) {
                case ColB:
                    return t->biases[std::size_t(u)];
                case ColZ:
                    return t->at(t->z, s, u);
                case ColA:
                    return t->at(t->a, s, u);
                case ColDA:
                    return t->at(t->dA, s, u);
                case ColFPrime:
                    return t->at(t->fPrime, s, u);
                case ColDZ:
                case ColDB:
                    return t->at(t->dZ, s, u);
                case ColMeanDB:
                    return t->meanGradB[std::size_t(u)];
                case ColBAfter:
                    return t->biasesAfter[std::size_t(u)];
                default:
                    return std::numeric_limits<double>::quiet_NaN();
            }
        case Weights:
            return t->weights[w];
        case SampleGradient:
            return t->sampleGradW(s, u, c);
        case MeanGradient:
            return t->meanGradW[w];
        case WeightsAfter:
            return t->weightsAfter[w];
    }
    return std::numeric_limits<double>::quiet_NaN();
}

QVariant StepTraceModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid()) return {};
    const double v = value(index.row(), index.column());
    if (role == Qt::DisplayRole) return number(v);
    if (role == Qt::TextAlignmentRole) return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::UserRole) return v;
    if (role == Qt::ForegroundRole && !std::isnan(v) && v < 0) return QBrush(QColor(170, 30, 40));
    if (role == Qt::FontRole && m_view == Units && (index.column() == ColDZ || index.column() == ColZ)) {
        QFont f;
        f.setBold(true);
        return f;
    }
    return {};
}

QVariant StepTraceModel::headerData(int section, Qt::Orientation orientation, int role) const {
    const layerlab::DenseTrace* t = trace();
    if (!t || (role != Qt::DisplayRole && role != Qt::ToolTipRole)) return {};
    const bool tip = role == Qt::ToolTipRole;
    if (orientation == Qt::Vertical) {
        if (m_view == SampleGradient)
            return tr("unit %1 (dL/dz = %2)").arg(section + 1).arg(number(t->at(t->dZ, m_sample, section)));
        return tr("unit %1").arg(section + 1);
    }
    if (m_view != Units) {
        const double x = t->x[std::size_t(m_sample) * t->shownInputs + std::size_t(section)];
        return tip ? tr("Input %1 of the sample: x = %2").arg(section + 1).arg(number(x))
                   : tr("x%1 = %2").arg(section + 1).arg(number(x));
    }
    switch (section) {
        case ColB:
            return tip ? tr("The unit's bias before the step") : tr("b");
        case ColZ:
            return tip ? tr("Pre-activation: the unit's weights times the inputs, summed, plus its bias")
                       : tr("z\n= W·x + b");
        case ColA:
            return tip ? tr("Activation: f applied to z") : tr("a\n= f(z)");
        case ColDA:
            return tip ? tr("How this sample's loss changes with a: what the layers above send back")
                       : tr("dL/da");
        case ColFPrime:
            return tip ? tr("The slope of the activation at z") : tr("f′(z)");
        case ColDZ:
            return tip ? tr("The chain rule: dL/da times the activation's slope")
                       : tr("dL/dz\n= dL/da · f′(z)");
        case ColDB:
            return tip ? tr("The bias adds 1 · b to z, so its gradient is dL/dz") : tr("dL/db\n= dL/dz");
        case ColMeanDB:
            return tip ? tr("The batch's gradient: the mean of dL/db over all samples of the batch")
                       : tr("batch dL/db\n= mean over samples");
        case ColBAfter:
            return tip ? tr("The bias after the optimizer's step") : tr("b after\nthe step");
        default:
            return {};
    }
}
