#pragma once
// The studio's Runs tab: the runs of the runs folder in a sortable, filterable table (RunListModel behind a
// proxy), with Rename (double-click the name), Note…, Colour…, Delete… (asks first), Open Model (the model
// as the run trained it, in the editor) and Load Checkpoint (the run's final or best weights); ticked runs
// are drawn on RunCompareCharts and set side by side in RunCompareTable. The Sweep tab shows a sweep of the
// folder (SweepResults: its trials' table and the metric against each varied setting); clicking a trial
// there selects and ticks its run in the table, and selecting a sweep's run in the table shows it there. The
// folder, and whether new runs are recorded, are remembered (QSettings "runs/folder", "runs/record"); the
// window decides what the default folder is and starts the recording.
#include <QString>
#include <QWidget>
#include <vector>

#include "core/run_record.h"
#include "core/sweep.h"

class QCheckBox;
class QComboBox;
class QTabWidget;
class SweepResults;
class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;
class RunCompareCharts;
class RunCompareTable;
class RunListModel;

class RunsPanel : public QWidget {
    Q_OBJECT
public:
    explicit RunsPanel(QWidget* parent = nullptr);

    // Shows the runs of `dir` (listed when the panel is first shown, then at once on every change).
    void setFolder(const QString& dir);
    // Lists the folder once the event loop runs (if not listed by then), so the ticked runs of the last
    // session are drawn without opening the tab.
    void listSoon();
    QString folder() const { return m_folder; }
    // The folder chosen in the panel (QSettings), or empty for the window's default.
    static QString chosenFolder();
    static void setChosenFolder(const QString& dir);
    bool recordingEnabled() const;
    void setRecordingEnabled(bool on);

    // The run being trained: added to the list, ticked, drawn on top. Empty: none.
    void setLiveRun(const QString& runFolder);
    // The live run wrote an epoch or ended: its row and curves are read again.
    void refreshLiveRun();

    RunListModel* model() const { return m_model; }
    QSortFilterProxyModel* proxy() const { return m_proxy; }
    QTableView* view() const { return m_view; }
    RunCompareCharts* charts() const { return m_charts; }
    RunCompareTable* compareTable() const { return m_compare; }
    SweepResults* sweepResults() const { return m_sweepResults; }
    // The sweeps of the folder (their state files), newest first, as the Sweep tab lists them.
    const std::vector<layerlab::SweepState>& sweeps() const { return m_sweeps; }
    // Shows sweep `id` on the Sweep tab (false when the folder has none of that id).
    bool showSweep(const QString& id);
    // Selects the run in the table (listing it when it is new, clearing a filter that hides it), scrolls to
    // it and ticks it, so its curves are drawn. False when the folder has no such run.
    bool selectRun(const QString& runFolder);
    // How long the last listing of the folder took.
    qint64 lastListingMs() const { return m_listingMs; }

    // Without dialogs (for tests): Delete answers `confirm`.
    void setInteractive(bool interactive) { m_interactive = interactive; }
    void setQuietConfirm(bool confirm) { m_quietConfirm = confirm; }
    // The runs selected in the table (source rows).
    QList<int> selectedRows() const;

public slots:
    void reload();
    // Reads the sweeps' state files again (after a trial of a sweep ended).
    void refreshSweeps();
    void deleteSelected();
    void editNote();
    void chooseColour();
    void openSelectedModel();
    void loadSelectedCheckpoint();
    void chooseFolder();

signals:
    void openModelRequested(const layerlab::RunInfo& run);
    void loadCheckpointRequested(const QString& checkpointPath);
    // The user chose another runs folder (empty: back to the default).
    void folderChosen(const QString& dir);
    void message(const QString& text, int ms);
    // The ticked runs changed (model()->checkedRuns() has them).
    void tickedRunsChanged();

protected:
    void showEvent(QShowEvent* event) override;

private:
    void updateCompare();
    void updateButtons();
    void showSelectedRunsSweep();

    QString m_folder;
    QString m_live;
    QString m_recent;    // the last run trained in this session: ticked when the tab is first listed
    QStringList m_auto;  // ticked by the panel (live runs), not by the user: not remembered for next time
    bool m_listed = false;
    qint64 m_listingMs = 0;
    bool m_interactive = true;
    bool m_quietConfirm = true;
    RunListModel* m_model = nullptr;
    QSortFilterProxyModel* m_proxy = nullptr;
    QTableView* m_view = nullptr;
    QLineEdit* m_filter = nullptr;
    QLabel* m_folderLabel = nullptr;
    QCheckBox* m_record = nullptr;
    RunCompareCharts* m_charts = nullptr;
    RunCompareTable* m_compare = nullptr;
    QTabWidget* m_bottom = nullptr;
    QComboBox* m_sweepBox = nullptr;
    SweepResults* m_sweepResults = nullptr;
    std::vector<layerlab::SweepState> m_sweeps;
    QList<QWidget*> m_rowButtons;  // need a selected run
};
