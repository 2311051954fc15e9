#include "widgets/runs/run_list_model.h"

#include <QColor>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFileInfo>
#include <cmath>

using layerlab::RunInfo;
using layerlab::RunStatus;
using layerlab::RunStore;

namespace {

QString percent(double v) {
    return std::isfinite(v) ? QStringLiteral("%1 %").arg(100 * v, 0, 'f', 2) : QStringLiteral("–");
}

QString duration(double s) {
    if (!(s > 0)) return QStringLiteral("–");
    if (s < 60) return QStringLiteral("%1 s").arg(s, 0, 'f', 1);
    const int m = int(s / 60);
    if (m < 60) return QStringLiteral("%1 min %2 s").arg(m).arg(int(s) % 60);
    return QStringLiteral("%1 h %2 min").arg(m / 60).arg(m % 60);
}

QString statusText(const RunInfo& r) {
    if (!r.readable) return QObject::tr("unreadable");
    switch (r.status) {
        case RunStatus::Running:
            return QObject::tr("running");
        case RunStatus::Finished:
            return QObject::tr("finished");
        case RunStatus::EarlyStopped:
            return QObject::tr("early-stopped");
        case RunStatus::Stopped:
            return QObject::tr("stopped");
        case RunStatus::Diverged:
            return QObject::tr("diverged");
        case RunStatus::Failed:
            return QObject::tr("failed");
    }
    return {};
}

QString dateText(const RunInfo& r) {
    if (r.startedAt <= 0) return {};
    return QDateTime::fromSecsSinceEpoch(r.startedAt).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

double sortNumber(double v) {
    return std::isfinite(v) ? v : -1;
}

bool isAccuracyMonitor(const std::string& monitor) {
    return monitor.size() > 8 && monitor.compare(monitor.size() - 8, 8, "accuracy") == 0;
}

QString monitorShort(const std::string& monitor) {
    if (monitor == "val_loss") return QObject::tr("val loss");
    if (monitor == "val_accuracy") return QObject::tr("val acc");
    if (monitor == "train_loss") return QObject::tr("train loss");
    if (monitor == "train_accuracy") return QObject::tr("train acc");
    return QString::fromStdString(monitor);
}

QString monitorValue(const std::string& monitor, double v) {
    if (!std::isfinite(v)) return QStringLiteral("–");
    return isAccuracyMonitor(monitor) ? percent(v) : QString::number(v, 'f', 4);
}

// Better monitored values sort higher: accuracies (10 + a) above losses (-loss), unknown last.
double bestEpochSortKey(const RunInfo& r) {
    if (r.bestEpoch <= 0 || !std::isfinite(r.bestMonitorValue)) return -1e12;
    return isAccuracyMonitor(r.monitor) ? 10 + r.bestMonitorValue : -r.bestMonitorValue;
}

}  // namespace

RunListModel::RunListModel(QObject* parent) : QAbstractTableModel(parent) {}

qint64 RunListModel::setFolder(const QString& dir) {
    m_dir = dir;
    return reload();
}

qint64 RunListModel::reload() {
    QElapsedTimer t;
    t.start();
    std::vector<RunInfo> runs = RunStore(m_dir.toStdString()).list();
    beginResetModel();
    m_runs = std::move(runs);
    QSet<QString> kept;
    for (const RunInfo& r : m_runs)
        if (m_checked.contains(QString::fromStdString(r.folder)))
            kept.insert(QString::fromStdString(r.folder));
    const bool changed = kept != m_checked;
    m_checked = kept;
    endResetModel();
    if (changed) emit checkedChanged();
    return t.elapsed();
}

int RunListModel::rowOf(const QString& runFolder) const {
    const std::string f = QFileInfo(runFolder).absoluteFilePath().toStdString();
    for (std::size_t i = 0; i < m_runs.size(); ++i)
        if (m_runs[i].folder == f) return int(i);
    return -1;
}

int RunListModel::refreshRun(const QString& runFolder) {
    RunInfo r = RunStore::load(runFolder.toStdString());
    int row = rowOf(runFolder);
    if (row < 0) {
        beginInsertRows({}, 0, 0);  // newest first
        m_runs.insert(m_runs.begin(), std::move(r));
        endInsertRows();
        return 0;
    }
    m_runs[std::size_t(row)] = std::move(r);
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
    if (m_checked.contains(QString::fromStdString(m_runs[std::size_t(row)].folder))) emit checkedChanged();
    return row;
}

QString RunListModel::rename(int row, const QString& name) {
    const std::string e = RunStore::rename(m_runs[std::size_t(row)].folder, name.toStdString());
    if (!e.empty()) return QString::fromStdString(e);
    m_runs[std::size_t(row)].name = name.toStdString();
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
    if (m_checked.contains(QString::fromStdString(m_runs[std::size_t(row)].folder))) emit checkedChanged();
    return {};
}

QString RunListModel::setNote(int row, const QString& note) {
    const std::string e = RunStore::setNote(m_runs[std::size_t(row)].folder, note.toStdString());
    if (!e.empty()) return QString::fromStdString(e);
    m_runs[std::size_t(row)].note = note.toStdString();
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
    return {};
}

QString RunListModel::setColour(int row, const QString& colour) {
    const std::string e = RunStore::setColour(m_runs[std::size_t(row)].folder, colour.toStdString());
    if (!e.empty()) return QString::fromStdString(e);
    m_runs[std::size_t(row)].colour = colour.toStdString();
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
    if (m_checked.contains(QString::fromStdString(m_runs[std::size_t(row)].folder))) emit checkedChanged();
    return {};
}

QString RunListModel::remove(int row) {
    const QString folder = QString::fromStdString(m_runs[std::size_t(row)].folder);
    const std::string e = RunStore::remove(folder.toStdString());
    if (!e.empty()) return QString::fromStdString(e);
    beginRemoveRows({}, row, row);
    m_runs.erase(m_runs.begin() + row);
    endRemoveRows();
    if (m_checked.remove(folder)) emit checkedChanged();
    return {};
}

std::vector<RunInfo> RunListModel::checkedRuns() const {
    std::vector<RunInfo> out;
    for (const RunInfo& r : m_runs)
        if (m_checked.contains(QString::fromStdString(r.folder))) out.push_back(r);
    return out;
}

QStringList RunListModel::checkedFolders() const {
    QStringList out;
    for (const RunInfo& r : m_runs)
        if (m_checked.contains(QString::fromStdString(r.folder))) out << QString::fromStdString(r.folder);
    return out;
}

void RunListModel::setChecked(const QString& runFolder, bool checked) {
    const int row = rowOf(runFolder);
    if (row < 0) return;
    setData(index(row, Name), checked ? Qt::Checked : Qt::Unchecked, Qt::CheckStateRole);
}

QString RunListModel::keySettings(const RunInfo& r) {
    QStringList parts;
    const std::string lr = r.setting("optimizer.learning_rate");
    if (!lr.empty()) parts << QStringLiteral("lr %1").arg(QString::fromStdString(lr));
    const std::string batch = r.setting("batch_size");
    if (!batch.empty()) parts << QStringLiteral("batch %1").arg(QString::fromStdString(batch));
    const std::string opt = r.setting("optimizer.type");
    if (!opt.empty()) parts << QString::fromStdString(opt);
    const std::string l2 = r.setting("l2");
    if (!l2.empty() && l2 != "0") parts << QStringLiteral("L2 %1").arg(QString::fromStdString(l2));
    return parts.join(QStringLiteral(" · "));
}

QString RunListModel::bestEpochText(const RunInfo& r) {
    if (r.bestEpoch <= 0) return QStringLiteral("–");
    if (r.monitor.empty()) return QString::number(r.bestEpoch);
    return QStringLiteral("%1 · %2 %3")
        .arg(r.bestEpoch)
        .arg(monitorShort(r.monitor), monitorValue(r.monitor, r.bestMonitorValue));
}

QString RunListModel::bestValueText(const RunInfo& r) {
    return monitorValue(r.monitor, r.bestMonitorValue);
}

QString RunListModel::bestEpochTip(const RunInfo& r) {
    if (r.bestEpoch <= 0) return tr("No epoch has finished yet.");
    QString tip;
    if (r.monitor.empty())
        tip = tr("Epoch %1 is the best by the run's monitor (the early-stopping monitor); best.llckpt holds "
                 "its weights.")
                  .arg(r.bestEpoch);
    else
        tip = tr("Epoch %1 is the best by %2, the run's monitor (early_stopping.monitor, used whether early "
                 "stopping is on or not): %3 then; best.llckpt holds its weights.")
                  .arg(r.bestEpoch)
                  .arg(QString::fromStdString(layerlab::monitorLabel(r.monitor)),
                       monitorValue(r.monitor, r.bestMonitorValue));
    if (std::isfinite(r.bestEpochValAccuracy))
        tip += tr("\nValidation accuracy at epoch %1: %2; the highest of any epoch: %3.")
                   .arg(r.bestEpoch)
                   .arg(percent(r.bestEpochValAccuracy), percent(r.bestValAccuracy));
    return tip;
}

int RunListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_runs.size());
}

int RunListModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RunListModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= int(m_runs.size())) return {};
    const RunInfo& r = m_runs[std::size_t(index.row())];
    const int c = index.column();
    if (role == FolderRole) return QString::fromStdString(r.folder);
    if (role == FilterRole)
        return QString::fromStdString(r.name + " " + r.modelName + " " + r.note + " " + r.id + " " +
                                      r.sweepId) +
               QLatin1Char(' ') + statusText(r) + QLatin1Char(' ') + keySettings(r);
    if (role == Qt::CheckStateRole && c == Name)
        return m_checked.contains(QString::fromStdString(r.folder)) ? Qt::Checked : Qt::Unchecked;
    if (role == Qt::DecorationRole && c == Colour && r.readable)
        return QColor(QString::fromStdString(r.colour));
    if (role == Qt::ToolTipRole && c == BestEpoch && r.readable) return bestEpochTip(r);
    if (role == Qt::ToolTipRole) {
        if (!r.readable)
            return tr("%1 cannot be read: %2")
                .arg(QString::fromStdString(r.folder), QString::fromStdString(r.problem));
        QString tip = QString::fromStdString(r.name) + QLatin1Char('\n') + QString::fromStdString(r.folder);
        if (!r.message.empty()) tip += QLatin1Char('\n') + QString::fromStdString(r.message);
        if (!r.note.empty()) tip += tr("\nNote: %1").arg(QString::fromStdString(r.note));
        if (!r.sweepId.empty())
            tip += tr("\nSweep %1, trial %2").arg(QString::fromStdString(r.sweepId)).arg(r.sweepTrial + 1);
        return tip;
    }
    if (role == Qt::ForegroundRole && !r.readable) return QColor(150, 40, 40);
    if (role == Qt::TextAlignmentRole &&
        (c == MaxVal || c == Test || c == BestEpoch || c == Epochs || c == Time))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == SortRole) {
        switch (c) {
            case Date:
                return r.startedAt;
            case MaxVal:
                return sortNumber(r.bestValAccuracy);
            case BestEpoch:
                return bestEpochSortKey(r);
            case Test:
                return sortNumber(r.testAccuracy);
            case Epochs:
                return r.epochsDone;
            case Time:
                return r.seconds;
            default:
                break;
        }
        return data(index, Qt::DisplayRole).toString().toLower();
    }
    if (role != Qt::DisplayRole && role != Qt::EditRole) return {};
    if (!r.readable) {
        if (c == Name) return QString::fromStdString(r.id);
        if (c == Status) return statusText(r);
        if (c == Settings) return QString::fromStdString(r.problem);
        return {};
    }
    switch (c) {
        case Name:
            return QString::fromStdString(r.name);
        case Date:
            return dateText(r);
        case Model:
            return QString::fromStdString(r.modelName);
        case Settings:
            return keySettings(r);
        case MaxVal:
            return percent(r.bestValAccuracy);
        case BestEpoch:
            return bestEpochText(r);
        case Test:
            return percent(r.testAccuracy);
        case Epochs:
            return r.epochsPlanned > 0 ? QStringLiteral("%1/%2").arg(r.epochsDone).arg(r.epochsPlanned)
                                       : QString::number(r.epochsDone);
        case Time:
            return duration(r.seconds);
        case Status:
            return statusText(r);
        case Colour:
            return role == Qt::EditRole ? QString::fromStdString(r.colour) : QString();
        default:
            return {};
    }
}

bool RunListModel::setData(const QModelIndex& index, const QVariant& value, int role) {
    if (!index.isValid()) return false;
    if (role == Qt::CheckStateRole && index.column() == Name) {
        const QString f = QString::fromStdString(m_runs[std::size_t(index.row())].folder);
        if (!m_runs[std::size_t(index.row())].readable) return false;
        if (value.toInt() == Qt::Checked)
            m_checked.insert(f);
        else
            m_checked.remove(f);
        emit dataChanged(index, index, {Qt::CheckStateRole});
        emit checkedChanged();
        return true;
    }
    if (role == Qt::EditRole && index.column() == Name) {
        const QString name = value.toString().trimmed();
        if (name.isEmpty()) return false;
        if (const QString e = rename(index.row(), name); !e.isEmpty()) {
            emit editFailed(e);
            return false;
        }
        return true;
    }
    return false;
}

Qt::ItemFlags RunListModel::flags(const QModelIndex& index) const {
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (index.column() == Name && m_runs[std::size_t(index.row())].readable)
        f |= Qt::ItemIsEditable | Qt::ItemIsUserCheckable;
    return f;
}

QVariant RunListModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal) return {};
    static const char* names[] = {QT_TR_NOOP("Name"),
                                  QT_TR_NOOP("Date"),
                                  QT_TR_NOOP("Model"),
                                  QT_TR_NOOP("Settings"),
                                  QT_TR_NOOP("Max val acc"),
                                  QT_TR_NOOP("Test"),
                                  QT_TR_NOOP("Best epoch"),
                                  QT_TR_NOOP("Epochs"),
                                  QT_TR_NOOP("Time"),
                                  QT_TR_NOOP("Status"),
                                  ""};
    if (role == Qt::DisplayRole) return *names[section] ? tr(names[section]) : QString();
    if (role == Qt::ToolTipRole) {
        switch (section) {
            case Name:
                return tr("Tick a run to draw its curves on the compare charts; double-click to rename it.");
            case MaxVal:
                return tr(
                    "The highest validation accuracy of any epoch of the run (what sweeps rank by). It "
                    "need not be the best epoch's: see Best epoch.");
            case BestEpoch:
                return tr(
                    "The epoch whose weights best.llckpt holds (Load Weights > Best), chosen by the "
                    "run's monitor, and the monitored value then: validation loss unless the model's "
                    "early_stopping.monitor says validation accuracy. Sorts best first.");
            case Test:
                return tr("Test accuracy of the weights the run ended with (none for a stopped run).");
            case Time:
                return tr("Training time, without pauses.");
            case Colour:
                return tr("The run's colour on the compare charts (Colour… changes it).");
            default:
                break;
        }
    }
    return {};
}
