#pragma once
// The runs of a runs folder as a table (core/run_record.h): name (editable, with a tick box that puts the run
// on the compare charts), date, model, key settings, highest validation accuracy, test accuracy, the best
// epoch (by the run's monitor, with its value), epochs, time, status and colour. One RunInfo per row, loaded
// once by RunStore::list (run.json only); a row is refreshed alone when its run changes (a live run after
// each epoch), so thousands of rows stay fast. Sorting and filtering go through a QSortFilterProxyModel on
// SortRole (numbers sort as numbers).
#include <QAbstractTableModel>
#include <QSet>
#include <QString>
#include <vector>

#include "core/run_record.h"

class RunListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    // MaxVal: the highest validation accuracy of any epoch. BestEpoch: the epoch best.llckpt holds, chosen by
    // the run's monitor (validation loss by default), with the monitored value then ("7 · val loss 0.1820").
    enum Column {
        Name,
        Date,
        Model,
        Settings,
        MaxVal,
        Test,
        BestEpoch,
        Epochs,
        Time,
        Status,
        Colour,
        ColumnCount
    };
    static constexpr int SortRole = Qt::UserRole + 1;
    static constexpr int FolderRole = Qt::UserRole + 2;
    static constexpr int FilterRole = Qt::UserRole + 3;  // all the row's text, for the filter box

    explicit RunListModel(QObject* parent = nullptr);

    // Lists `dir` again (ticks are kept for runs still there). Returns the milliseconds it took.
    qint64 setFolder(const QString& dir);
    qint64 reload();
    QString folder() const { return m_dir; }
    // Reads one run folder again (adds it when new). Returns its row.
    int refreshRun(const QString& runFolder);
    // Edits through RunStore; "" on success, else what went wrong (the row is unchanged then).
    QString rename(int row, const QString& name);
    QString setNote(int row, const QString& note);
    QString setColour(int row, const QString& colour);
    QString remove(int row);

    const layerlab::RunInfo& run(int row) const { return m_runs[std::size_t(row)]; }
    int rowOf(const QString& runFolder) const;
    // The ticked runs, in table order.
    std::vector<layerlab::RunInfo> checkedRuns() const;
    QStringList checkedFolders() const;
    void setChecked(const QString& runFolder, bool checked);

    // "lr 0.001 · batch 128 · adam · 10 epochs": the settings most runs are told apart by.
    static QString keySettings(const layerlab::RunInfo& run);
    // "7 · val loss 0.1820": the best epoch and the monitored value then ("7" when the run did not keep its
    // monitor, "–" before the first epoch); bestEpochTip says it in a sentence.
    static QString bestEpochText(const layerlab::RunInfo& run);
    static QString bestEpochTip(const layerlab::RunInfo& run);
    // The monitored value at the best epoch: "0.1820" (a loss), "98.20 %" (an accuracy), "–" when unknown.
    static QString bestValueText(const layerlab::RunInfo& run);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    void checkedChanged();
    // An edit could not be saved.
    void editFailed(const QString& message);

private:
    QString m_dir;
    std::vector<layerlab::RunInfo> m_runs;
    QSet<QString> m_checked;  // folders
};
