#include "widgets/runs/runs_panel.h"

#include <QCheckBox>
#include <QColorDialog>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>

#include "widgets/common/quantity_format.h"
#include "widgets/runs/run_compare_charts.h"
#include "widgets/runs/run_compare_table.h"
#include "widgets/runs/run_list_model.h"
#include "widgets/runs/sweep_results.h"

namespace {
const char* kFolderKey = "runs/folder";
const char* kRecordKey = "runs/record";
const char* kCheckedKey = "runs/checked";      // the ticked runs, ticked again in the next session
const char* kBottomTabKey = "runs/bottomTab";  // Curves, Compare or Sweep, as last shown
}  // namespace

RunsPanel::RunsPanel(QWidget* parent) : QWidget(parent) {
    m_model = new RunListModel(this);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(RunListModel::SortRole);
    m_proxy->setFilterRole(RunListModel::FilterRole);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 0);
    layout->setSpacing(4);

    auto* folderRow = new QHBoxLayout;
    m_record = new QCheckBox(tr("Record runs"), this);
    m_record->setToolTip(tr("Keep every training run (curves, settings, checkpoints) in the runs folder."));
    m_record->setChecked(QSettings().value(kRecordKey, true).toBool());
    connect(m_record, &QCheckBox::toggled, this, [](bool on) { QSettings().setValue(kRecordKey, on); });
    m_folderLabel = new QLabel(this);
    m_folderLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_folderLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    auto* change = new QPushButton(tr("Folder…"), this);
    change->setToolTip(
        tr("Choose the runs folder (default: runs/ beside the model file, or the user's data "
           "folder for an unsaved model)."));
    connect(change, &QPushButton::clicked, this, &RunsPanel::chooseFolder);
    folderRow->addWidget(m_record);
    folderRow->addWidget(m_folderLabel, 1);
    folderRow->addWidget(change);
    layout->addLayout(folderRow);

    auto* actions = new QHBoxLayout;
    m_filter = new QLineEdit(this);
    m_filter->setPlaceholderText(tr("Filter: name, model, note, status, settings…"));
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
    actions->addWidget(m_filter, 1);
    auto button = [&](const QString& text, const QString& tip, auto slot, bool needsRow) {
        auto* b = new QToolButton(this);
        b->setText(text);
        b->setToolTip(tip);
        b->setAutoRaise(false);
        connect(b, &QToolButton::clicked, this, slot);
        actions->addWidget(b);
        if (needsRow) m_rowButtons << b;
        return b;
    };
    button(tr("Note…"), tr("Add or edit a note on the selected run."), &RunsPanel::editNote, true);
    button(tr("Colour…"), tr("The selected run's colour on the compare charts."), &RunsPanel::chooseColour,
           true);
    button(tr("Open Model"), tr("Open the model as the selected run trained it in the editor (unsaved)."),
           &RunsPanel::openSelectedModel, true);
    button(tr("Load Weights"),
           tr("Load the selected run's final weights (or best, from the menu) as a checkpoint."),
           &RunsPanel::loadSelectedCheckpoint, true);
    button(tr("Delete…"), tr("Delete the selected runs' folders (asks first)."), &RunsPanel::deleteSelected,
           true);
    button(tr("Refresh"), tr("List the runs folder again (runs from the CLI or another window appear)."),
           &RunsPanel::reload, false);
    layout->addLayout(actions);

    auto* split = new QSplitter(Qt::Vertical, this);
    m_view = new QTableView(split);
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(RunListModel::Date, Qt::DescendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    m_view->verticalHeader()->setVisible(false);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->horizontalHeader()->setStretchLastSection(false);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_view->setWordWrap(false);
    m_view->setAlternatingRowColors(true);
    // Widths from what the columns hold (the header's text, or a typical value when that is wider).
    const QFontMetrics fm = m_view->fontMetrics();
    const QString samples[] = {QStringLiteral("MLP learning_rate=0."),
                               QStringLiteral("2026-11-30 10:15"),
                               QStringLiteral("Seed CNN"),
                               QStringLiteral("lr 0.001 · batch 128 · adam"),
                               QStringLiteral("100.00 %"),
                               QStringLiteral("100.00 %"),
                               QStringLiteral("12 · val loss 0.123"),
                               QString(),
                               QStringLiteral("9 min 5 s"),
                               QStringLiteral("early-stopped"),
                               QString()};
    for (int c = 0; c < RunListModel::ColumnCount; ++c) {
        const QString header = m_model->headerData(c, Qt::Horizontal).toString();
        m_view->setColumnWidth(
            c, std::max(fm.horizontalAdvance(header) + 16, fm.horizontalAdvance(samples[c]) + 12));
    }
    m_view->setColumnWidth(RunListModel::Colour, fm.height() + 12);
    // Settings keeps its width (a stretched section shrinks to nothing on a narrow or scaled screen, where
    // "Settings" read "ttin"); the table scrolls sideways instead.
    auto* bottom = new QTabWidget(split);
    m_bottom = bottom;
    bottom->setDocumentMode(true);
    m_charts = new RunCompareCharts(bottom);
    m_compare = new RunCompareTable(bottom);
    auto* compareTab = new QWidget(bottom);
    auto* cv = new QVBoxLayout(compareTab);
    cv->setContentsMargins(0, 0, 0, 0);
    auto* exportRow = new QHBoxLayout;
    auto* exportCsv = new QPushButton(tr("Export CSV…"), compareTab);
    connect(exportCsv, &QPushButton::clicked, m_compare, &RunCompareTable::exportInteractive);
    exportRow->addStretch(1);
    exportRow->addWidget(exportCsv);
    cv->addWidget(m_compare, 1);
    cv->addLayout(exportRow);
    // The Sweep tab: a sweep of the folder, its trials and the metric against each varied setting.
    auto* sweepTab = new QWidget(bottom);
    auto* sv = new QVBoxLayout(sweepTab);
    sv->setContentsMargins(0, 2, 0, 0);
    auto* sweepRow = new QHBoxLayout;
    sweepRow->setContentsMargins(4, 0, 4, 0);
    m_sweepBox = new QComboBox(sweepTab);
    m_sweepBox->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_sweepBox->setMinimumContentsLength(40);
    m_sweepBox->setToolTip(
        tr("The sweeps recorded in the runs folder (Train > Sweep… or layerlab-cli sweep)."));
    sweepRow->addWidget(new QLabel(tr("Sweep:"), sweepTab));
    sweepRow->addWidget(m_sweepBox);
    sweepRow->addStretch(1);
    sv->addLayout(sweepRow);
    m_sweepResults = new SweepResults(sweepTab);
    sv->addWidget(m_sweepResults, 1);
    connect(m_sweepBox, qOverload<int>(&QComboBox::currentIndexChanged), this, [this](int i) {
        if (i >= 0 && i < int(m_sweeps.size()))
            m_sweepResults->setSweep(m_sweeps[std::size_t(i)], m_folder);
        else
            m_sweepResults->clear();
    });
    connect(m_sweepResults, &SweepResults::trialSelected, this, [this](int trial, const QString& folder) {
        if (folder.isEmpty() || !selectRun(folder))
            emit message(tr("Trial %1 has no run in this folder (not run yet, or deleted).").arg(trial + 1),
                         6000);
    });
    bottom->addTab(m_charts, tr("Curves"));
    bottom->addTab(compareTab, tr("Compare"));
    bottom->addTab(sweepTab, tr("Sweep"));
    bottom->setTabToolTip(0, tr("Loss and accuracy of the ticked runs"));
    bottom->setTabToolTip(1, tr("The settings that differ between the ticked runs, and their results"));
    bottom->setTabToolTip(2, tr("A sweep's trials and its metric against each varied setting; click a trial "
                                "to select its run"));
    bottom->setCurrentIndex(std::clamp(QSettings().value(kBottomTabKey, 0).toInt(), 0, bottom->count() - 1));
    connect(bottom, &QTabWidget::currentChanged, this, [](int i) { QSettings().setValue(kBottomTabKey, i); });
    split->addWidget(m_view);
    split->addWidget(bottom);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    split->setChildrenCollapsible(false);
    layout->addWidget(split, 1);

    connect(m_model, &RunListModel::checkedChanged, this, &RunsPanel::updateCompare);
    connect(m_model, &RunListModel::checkedChanged, this, [this] {
        if (!m_listed) return;
        QStringList user;
        for (const QString& f : m_model->checkedFolders())
            if (!m_auto.contains(f)) user << f;
        QStringList stillAuto;  // a live run the user unticked and ticks again is the user's
        for (const QString& f : m_auto)
            if (m_model->checkedFolders().contains(f)) stillAuto << f;
        m_auto = stillAuto;
        QSettings().setValue(kCheckedKey, user);
    });
    connect(m_model, &RunListModel::editFailed, this, [this](const QString& m) { emit message(m, 8000); });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &RunsPanel::updateButtons);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &RunsPanel::showSelectedRunsSweep);
    connect(m_view, &QTableView::doubleClicked, this, [this](const QModelIndex& i) {
        if (i.column() != RunListModel::Name) openSelectedModel();
    });
    updateButtons();
}

QString RunsPanel::chosenFolder() {
    return QSettings().value(kFolderKey).toString();
}

void RunsPanel::setChosenFolder(const QString& dir) {
    QSettings().setValue(kFolderKey, dir);
}

bool RunsPanel::recordingEnabled() const {
    return m_record->isChecked();
}

void RunsPanel::setRecordingEnabled(bool on) {
    m_record->setChecked(on);
}

void RunsPanel::setFolder(const QString& dir) {
    if (dir == m_folder && m_listed) return;
    m_folder = dir;
    m_folderLabel->setText(tr("Runs folder: %1").arg(QDir::toNativeSeparators(dir)));
    m_folderLabel->setToolTip(QDir::toNativeSeparators(dir));
    m_listed = false;
    if (isVisible()) reload();
}

void RunsPanel::listSoon() {
    QTimer::singleShot(0, this, [this] {
        if (!m_listed && !m_folder.isEmpty()) reload();
    });
}

void RunsPanel::reload() {
    const bool first = !m_listed;
    m_listingMs = m_model->setFolder(m_folder);
    if (first)
        for (const QString& f : QSettings().value(kCheckedKey).toStringList()) m_model->setChecked(f, true);
    if (first && !m_recent.isEmpty()) {
        m_auto << QFileInfo(m_recent).absoluteFilePath();
        m_model->setChecked(m_recent, true);
    }
    m_listed = true;
    refreshSweeps();
    updateButtons();
    emit message(tr("%1 in %2 (listed in %3 ms)")
                     .arg(QuantityFormat::counted(m_model->rowCount(), tr("run"), tr("runs")),
                          QDir::toNativeSeparators(m_folder))
                     .arg(m_listingMs),
                 4000);
}

void RunsPanel::refreshSweeps() {
    const QString shown = m_sweepBox->currentIndex() >= 0 && m_sweepBox->currentIndex() < int(m_sweeps.size())
                              ? QString::fromStdString(m_sweeps[std::size_t(m_sweepBox->currentIndex())].id)
                              : QString();
    m_sweeps = layerlab::loadSweepStates(m_folder.toStdString());
    const QSignalBlocker block(m_sweepBox);
    m_sweepBox->clear();
    int current = m_sweeps.empty() ? -1 : 0;
    for (int i = 0; i < int(m_sweeps.size()); ++i) {
        const layerlab::SweepState& s = m_sweeps[std::size_t(i)];
        QStringList varied;
        for (const layerlab::SweepAxis& a : s.axes) varied << QString::fromStdString(a.key);
        if (varied.isEmpty() && !s.trials.empty())
            for (const layerlab::RunSetting& x : s.trials.front().trial.settings)
                varied << QString::fromStdString(x.first);
        m_sweepBox->addItem(tr("%1 (%2 of %3 trials done: %4)")
                                .arg(QString::fromStdString(s.id))
                                .arg(layerlab::sweepTrialsDone(s))
                                .arg(s.trials.size())
                                .arg(varied.join(QStringLiteral(" × "))));
        if (QString::fromStdString(s.id) == shown) current = i;
    }
    m_sweepBox->setCurrentIndex(current);
    if (current >= 0)
        m_sweepResults->setSweep(m_sweeps[std::size_t(current)], m_folder);
    else
        m_sweepResults->clear();
}

bool RunsPanel::showSweep(const QString& id) {
    for (int i = 0; i < int(m_sweeps.size()); ++i)
        if (QString::fromStdString(m_sweeps[std::size_t(i)].id) == id) {
            if (m_sweepBox->currentIndex() != i) m_sweepBox->setCurrentIndex(i);
            return true;
        }
    return false;
}

bool RunsPanel::selectRun(const QString& runFolder) {
    if (!m_listed) reload();
    int row = m_model->rowOf(runFolder);
    if (row < 0 && QFileInfo(runFolder).isDir() &&
        QFileInfo(runFolder).absolutePath() == QFileInfo(m_folder).absoluteFilePath())
        row = m_model->refreshRun(runFolder);  // recorded since the folder was listed
    if (row < 0) return false;
    QModelIndex index = m_proxy->mapFromSource(m_model->index(row, RunListModel::Name));
    if (!index.isValid()) {  // hidden by the filter
        m_filter->clear();
        m_proxy->setFilterFixedString(QString());
        index = m_proxy->mapFromSource(m_model->index(row, RunListModel::Name));
    }
    m_view->selectionModel()->select(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_view->setCurrentIndex(index);
    m_view->scrollTo(index);
    m_model->setChecked(runFolder, true);
    return true;
}

void RunsPanel::showSelectedRunsSweep() {
    const QList<int> rows = selectedRows();
    if (rows.size() != 1) return;
    const layerlab::RunInfo& r = m_model->run(rows.front());
    if (r.sweepId.empty() || !showSweep(QString::fromStdString(r.sweepId))) return;
    m_sweepResults->selectTrial(r.sweepTrial, false);
}

void RunsPanel::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    if (!m_listed) reload();
}

void RunsPanel::setLiveRun(const QString& runFolder) {
    m_live = runFolder;
    m_charts->setLiveRun(runFolder);
    if (runFolder.isEmpty()) return;
    m_recent = runFolder;
    // A run recorded in another folder than the one shown is not listed here.
    if (QFileInfo(runFolder).absolutePath() != QFileInfo(m_folder).absoluteFilePath()) return;
    if (!m_listed) return;  // listed (and ticked) when the tab is first shown
    m_model->refreshRun(runFolder);
    m_auto << QFileInfo(runFolder).absoluteFilePath();
    m_model->setChecked(runFolder, true);
}

void RunsPanel::refreshLiveRun() {
    if (m_live.isEmpty() || m_model->rowOf(m_live) < 0) return;
    m_model->refreshRun(m_live);  // emits checkedChanged: the charts and the table are redrawn
}

QList<int> RunsPanel::selectedRows() const {
    QList<int> rows;
    for (const QModelIndex& i : m_view->selectionModel()->selectedRows())
        rows << m_proxy->mapToSource(i).row();
    std::sort(rows.begin(), rows.end());
    return rows;
}

void RunsPanel::updateButtons() {
    const bool any = m_view->selectionModel() && m_view->selectionModel()->hasSelection();
    for (QWidget* b : m_rowButtons) b->setEnabled(any);
}

void RunsPanel::updateCompare() {
    const std::vector<layerlab::RunInfo> runs = m_model->checkedRuns();
    m_charts->setRuns(runs);
    m_compare->setRuns(runs);
    emit tickedRunsChanged();
}

void RunsPanel::deleteSelected() {
    QList<int> rows = selectedRows();
    if (rows.isEmpty()) return;
    QStringList names;
    for (int r : rows) {
        if (QString::fromStdString(m_model->run(r).folder) == m_live) {
            emit message(tr("The run being trained cannot be deleted: stop it first."), 6000);
            return;
        }
        names << QString::fromStdString(m_model->run(r).name);
    }
    const QString question =
        tr("Delete %1 and their files (curves, checkpoints)? This cannot be undone.\n\n%2")
            .arg(QuantityFormat::counted(rows.size(), tr("run"), tr("runs")),
                 names.mid(0, 8).join(QLatin1Char('\n')) + (names.size() > 8 ? "\n…" : ""));
    const bool yes = m_interactive
                         ? QMessageBox::question(this, tr("Delete runs"), question) == QMessageBox::Yes
                         : m_quietConfirm;
    if (!yes) return;
    std::reverse(rows.begin(), rows.end());
    for (int r : rows)
        if (const QString e = m_model->remove(r); !e.isEmpty()) emit message(e, 8000);
    updateButtons();
}

void RunsPanel::editNote() {
    const QList<int> rows = selectedRows();
    if (rows.isEmpty()) return;
    const layerlab::RunInfo& r = m_model->run(rows.front());
    bool ok = false;
    const QString note = QInputDialog::getMultiLineText(this, tr("Note"),
                                                        tr("Note on %1:").arg(QString::fromStdString(r.name)),
                                                        QString::fromStdString(r.note), &ok);
    if (!ok) return;
    if (const QString e = m_model->setNote(rows.front(), note); !e.isEmpty()) emit message(e, 8000);
}

void RunsPanel::chooseColour() {
    const QList<int> rows = selectedRows();
    if (rows.isEmpty()) return;
    const QColor c = QColorDialog::getColor(QColor(QString::fromStdString(m_model->run(rows.front()).colour)),
                                            this, tr("Run colour"));
    if (!c.isValid()) return;
    for (int r : rows)
        if (const QString e = m_model->setColour(r, c.name()); !e.isEmpty()) emit message(e, 8000);
}

void RunsPanel::openSelectedModel() {
    const QList<int> rows = selectedRows();
    if (rows.isEmpty()) return;
    const layerlab::RunInfo& r = m_model->run(rows.front());
    if (!r.readable) {
        emit message(
            tr("%1 cannot be read: %2").arg(QString::fromStdString(r.id), QString::fromStdString(r.problem)),
            8000);
        return;
    }
    emit openModelRequested(r);
}

void RunsPanel::loadSelectedCheckpoint() {
    const QList<int> rows = selectedRows();
    if (rows.isEmpty()) return;
    const layerlab::RunInfo& r = m_model->run(rows.front());
    const QString folder = QString::fromStdString(r.folder);
    QString file = folder + QStringLiteral("/final.llckpt");
    const QString best = folder + QStringLiteral("/best.llckpt");
    if (m_interactive && QFileInfo::exists(best) && QFileInfo::exists(file)) {
        QMenu menu(this);
        QAction* finalAction = menu.addAction(tr("Final weights (as the run ended)"));
        QAction* bestAction = menu.addAction(
            r.monitor.empty() ? tr("Best weights (epoch %1)").arg(r.bestEpoch)
                              : tr("Best weights (epoch %1, best %2: %3)")
                                    .arg(r.bestEpoch)
                                    .arg(QString::fromStdString(layerlab::monitorLabel(r.monitor)),
                                         RunListModel::bestValueText(r)));
        QAction* chosen = menu.exec(QCursor::pos());
        if (!chosen) return;
        if (chosen == bestAction) file = best;
        Q_UNUSED(finalAction);
    } else if (!QFileInfo::exists(file)) {
        file = best;
    }
    if (!QFileInfo::exists(file)) {
        emit message(tr("%1 has no checkpoint yet (one is written after the first epoch).")
                         .arg(QString::fromStdString(r.name)),
                     8000);
        return;
    }
    emit loadCheckpointRequested(file);
}

void RunsPanel::chooseFolder() {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Runs folder"), m_folder);
    if (dir.isEmpty()) return;
    setChosenFolder(dir);
    emit folderChosen(dir);
}
