#include "widgets/runs/sweep_dialog.h"

#include <QCloseEvent>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QScreen>
#include <QSpinBox>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "core/errors.h"
#include "core/layer_types.h"
#include "core/parallel.h"
#include "core/run_record.h"
#include "core/training_fields.h"
#include "widgets/common/quantity_format.h"
#include "widgets/runs/sweep_results.h"
#include "widgets/session/training_controller.h"

using namespace layerlab;

namespace {

QString durationText(double s) {
    if (s < 60) return QObject::tr("%1 s").arg(std::max(1, int(std::lround(s))));
    if (s < 3600) return QObject::tr("%1 min").arg(int(std::lround(s / 60)));
    return QObject::tr("%1 h %2 min").arg(int(s / 3600)).arg(int(std::lround(std::fmod(s, 3600) / 60)));
}

}  // namespace

SweepDialog::SweepDialog(const ModelSpec& base, std::shared_ptr<const Dataset> data, const QString& runsDir,
                         const QString& modelFile, QWidget* parent)
    : QDialog(parent),
      m_base(base),
      m_data(std::move(data)),
      m_runsDir(runsDir),
      m_modelFile(modelFile),
      m_cores(hardwareThreads()) {
    setWindowTitle(tr("Sweep"));
    for (int i = 0; i < 2; ++i) {
        m_slots.push_back({new TrainingController(this), -1, {}});
        // Each slot is found by its controller: the vector does not grow after this.
        TrainingController* c = m_slots.back().controller;
        auto slotOf = [this, c]() -> Slot& {
            for (Slot& s : m_slots)
                if (s.controller == c) return s;
            return m_slots.front();
        };
        connect(c, &TrainingController::finished, this, [this, slotOf] { onTrialFinished(slotOf(), {}); });
        connect(c, &TrainingController::failed, this,
                [this, slotOf](const QString& m) { onTrialFinished(slotOf(), m); });
        connect(c, &TrainingController::recordingStarted, this,
                [slotOf](const QString& folder) { slotOf().folder = folder; });
        connect(c, &TrainingController::epochEnded, this, [this] { updateProgress(); });
    }
    auto* layout = new QVBoxLayout(this);
    auto* intro =
        new QLabel(tr("Train %1 once per combination of the values below. Each trial is recorded as a "
                      "run in %2 and listed in the Runs tab.")
                       .arg(QString::fromStdString(base.name), runsDir),
                   this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    // An unfinished sweep of this model: resume it (its finished trials are skipped).
    m_resumeRow = new QWidget(this);
    auto* resumeLayout = new QHBoxLayout(m_resumeRow);
    resumeLayout->setContentsMargins(0, 0, 0, 0);
    resumeLayout->addWidget(new QLabel(tr("Unfinished sweep of this model:"), m_resumeRow));
    m_resumeBox = new QComboBox(m_resumeRow);
    m_resumeBox->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_resumeBox->setMinimumContentsLength(30);
    m_resume = new QPushButton(tr("Resume"), m_resumeRow);
    m_resume->setToolTip(
        tr("Continue this sweep: the trials that finished are skipped, the others (a trial stopped part way "
           "too) run, each recorded as a new run."));
    resumeLayout->addWidget(m_resumeBox, 1);
    resumeLayout->addWidget(m_resume);
    connect(m_resume, &QPushButton::clicked, this, [this] { resume(m_resumeBox->currentIndex()); });
    layout->addWidget(m_resumeRow);

    // The settings that can vary: every training setting (the descriptor table), then each layer's.
    QStringList keys{QString()};
    for (const TrainingField* f : trainingFields()) keys << QString::fromStdString(f->meta.path());
    for (std::size_t i = 0; i < base.layers.size(); ++i)
        for (const LayerField* f : layerTypeInfo(base.layers[i].type).fields)
            keys << QStringLiteral("layer%1.%2").arg(i + 1).arg(QString::fromLatin1(f->meta.key));
    m_axesTable = new QTableWidget(kAxisRows, 2, this);
    m_axesTable->setHorizontalHeaderLabels({tr("Setting"), tr("Values")});
    m_axesTable->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_axesTable->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_axesTable->verticalHeader()->setVisible(false);
    for (int r = 0; r < kAxisRows; ++r) {
        auto* key = new QComboBox(m_axesTable);
        for (const QString& k : keys)
            key->addItem(k.isEmpty() ? tr("(none)")
                                     : QString::fromStdString(settingLabel(k.toStdString())) +
                                           QStringLiteral("  —  ") + k,
                         k);
        auto* values = new QLineEdit(m_axesTable);
        values->setPlaceholderText(tr("0.1, 0.01, 0.001   or   log:1e-4:1e-1 (random search)"));
        m_axesTable->setCellWidget(r, 0, key);
        m_axesTable->setCellWidget(r, 1, values);
        connect(key, qOverload<int>(&QComboBox::currentIndexChanged), this, &SweepDialog::replan);
        connect(values, &QLineEdit::textChanged, this, &SweepDialog::replan);
    }
    m_axesTable->setMaximumHeight(m_axesTable->horizontalHeader()->sizeHint().height() +
                                  kAxisRows * m_axesTable->verticalHeader()->defaultSectionSize() +
                                  2 * m_axesTable->frameWidth() + 2);
    layout->addWidget(m_axesTable);

    auto* form = new QFormLayout;
    auto* modeRow = new QHBoxLayout;
    m_grid = new QRadioButton(tr("Grid (every combination)"), this);
    m_random = new QRadioButton(tr("Random search:"), this);
    m_grid->setChecked(true);
    m_randomTrials = new QSpinBox(this);
    m_randomTrials->setRange(1, 10000);
    m_randomTrials->setValue(10);
    m_randomTrials->setSuffix(tr(" trials"));
    modeRow->addWidget(m_grid);
    modeRow->addWidget(m_random);
    modeRow->addWidget(m_randomTrials);
    modeRow->addStretch(1);
    form->addRow(tr("Trials:"), modeRow);
    m_metric = new QComboBox(this);
    m_metric->addItem(tr("Highest validation accuracy"), QStringLiteral("val_accuracy"));
    m_metric->addItem(tr("Test accuracy"), QStringLiteral("test_accuracy"));
    form->addRow(tr("Rank by:"), m_metric);
    auto* limits = new QHBoxLayout;
    m_budget = new QSpinBox(this);
    m_budget->setRange(0, 7 * 24 * 60);
    m_budget->setSuffix(tr(" min"));
    m_budget->setSpecialValueText(tr("no limit"));
    m_budget->setToolTip(tr("No trial starts after this time, and the ones running then are stopped."));
    m_atOnce = new QComboBox(this);
    m_atOnce->addItem(tr("Auto"), 0);
    m_atOnce->addItem(tr("One at a time"), 1);
    m_atOnce->addItem(tr("Two at once"), 2);
    m_atOnce->setToolTip(
        tr("Auto: two trials at once, the cores split between them, when the trials are too small to use "
           "every core (or the model asks for at most half of them); otherwise one at a time on all cores. A "
           "trial gives the same results for its seed and thread count either way."));
    limits->addWidget(m_budget);
    limits->addSpacing(16);
    limits->addWidget(new QLabel(tr("Trials at once:"), this));
    limits->addWidget(m_atOnce);
    limits->addStretch(1);
    form->addRow(tr("Time budget:"), limits);
    layout->addLayout(form);
    for (QObject* o : {static_cast<QObject*>(m_grid), static_cast<QObject*>(m_random)})
        connect(qobject_cast<QRadioButton*>(o), &QRadioButton::toggled, this, &SweepDialog::replan);
    connect(m_randomTrials, qOverload<int>(&QSpinBox::valueChanged), this, &SweepDialog::replan);
    connect(m_atOnce, qOverload<int>(&QComboBox::currentIndexChanged), this, &SweepDialog::replan);

    m_plan = new QLabel(this);
    m_plan->setWordWrap(true);
    layout->addWidget(m_plan);
    m_progress = new QProgressBar(this);
    m_progressText = new QLabel(this);
    m_progressText->setWordWrap(true);
    layout->addWidget(m_progress);
    layout->addWidget(m_progressText);
    m_results = new SweepResults(this);
    m_results->setVisible(false);
    connect(m_results, &SweepResults::trialSelected, this, [this](int, const QString& folder) {
        if (!folder.isEmpty()) emit trialSelected(folder);
    });
    layout->addWidget(m_results, 1);
    auto* buttons = new QDialogButtonBox(this);
    m_start = buttons->addButton(tr("Start"), QDialogButtonBox::AcceptRole);
    m_stopAfterButton = buttons->addButton(tr("Stop After Trial"), QDialogButtonBox::ActionRole);
    m_stopAfterButton->setToolTip(tr("End the sweep once the trials under way have finished."));
    m_stop = buttons->addButton(tr("Stop"), QDialogButtonBox::ActionRole);
    m_stop->setToolTip(tr("Stop the trials under way now and end the sweep (Resume runs them again)."));
    QPushButton* close = buttons->addButton(QDialogButtonBox::Close);
    layout->addWidget(buttons);
    connect(m_start, &QPushButton::clicked, this, &SweepDialog::start);
    connect(m_stop, &QPushButton::clicked, this, &SweepDialog::stop);
    connect(m_stopAfterButton, &QPushButton::clicked, this, &SweepDialog::stopAfterTrial);
    connect(close, &QPushButton::clicked, this, &QDialog::reject);
    m_stop->setEnabled(false);
    m_stopAfterButton->setEnabled(false);
    m_progress->setVisible(false);
    refreshResumable();
    replan();
    resize(680, 500);
}

void SweepDialog::setAxis(int row, const QString& key, const QString& values) {
    auto* box = qobject_cast<QComboBox*>(m_axesTable->cellWidget(row, 0));
    box->setCurrentIndex(std::max(0, box->findData(key)));
    qobject_cast<QLineEdit*>(m_axesTable->cellWidget(row, 1))->setText(values);
}

QString SweepDialog::axisKey(int row) const {
    return qobject_cast<QComboBox*>(m_axesTable->cellWidget(row, 0))->currentData().toString();
}

QString SweepDialog::axisValues(int row) const {
    return qobject_cast<QLineEdit*>(m_axesTable->cellWidget(row, 1))->text();
}

void SweepDialog::setRandom(int trials) {
    (trials > 0 ? m_random : m_grid)->setChecked(true);
    if (trials > 0) m_randomTrials->setValue(trials);
}

void SweepDialog::setBudgetSeconds(int seconds) {
    m_budget->setValue((seconds + 59) / 60);
}

void SweepDialog::setTrialsAtOnce(int n) {
    m_atOnce->setCurrentIndex(std::max(0, m_atOnce->findData(n)));
}

void SweepDialog::setCores(int cores) {
    m_cores = std::max(1, cores);
    replan();
}

bool SweepDialog::isRunning() const {
    for (const Slot& s : m_slots)
        if (s.trial >= 0) return true;
    return false;
}

std::vector<int> SweepDialog::runningTrials() const {
    std::vector<int> out;
    for (const Slot& s : m_slots)
        if (s.trial >= 0) out.push_back(s.trial);
    std::sort(out.begin(), out.end());
    return out;
}

void SweepDialog::refreshResumable() {
    m_resumable = unfinishedSweeps(m_runsDir.toStdString(), m_base);
    m_resumeBox->clear();
    for (const SweepState& s : m_resumable) {
        QStringList varied;
        for (const SweepAxis& a : s.axes) varied << QString::fromStdString(a.key);
        if (varied.isEmpty() && !s.trials.empty())
            for (const RunSetting& x : s.trials.front().trial.settings)
                varied << QString::fromStdString(x.first);
        m_resumeBox->addItem(
            tr("%1 — %2 of %3 trials done (%4), started %5")
                .arg(QString::fromStdString(s.id))
                .arg(sweepTrialsDone(s))
                .arg(s.trials.size())
                .arg(varied.join(QStringLiteral(" × ")))
                .arg(QString::fromStdString(s.created).replace(QLatin1Char('T'), QLatin1Char(' '))));
    }
    m_resumeRow->setVisible(!m_resumable.empty());
    m_resume->setEnabled(!m_resumable.empty() && !isRunning() && m_data);
}

void SweepDialog::setInputsEnabled(bool on) {
    for (QWidget* w :
         {static_cast<QWidget*>(m_axesTable), static_cast<QWidget*>(m_grid), static_cast<QWidget*>(m_random),
          static_cast<QWidget*>(m_randomTrials), static_cast<QWidget*>(m_metric),
          static_cast<QWidget*>(m_atOnce), static_cast<QWidget*>(m_resumeRow)})
        w->setEnabled(on);
}

void SweepDialog::replan() {
    if (isRunning()) return;  // the inputs show the sweep under way
    m_trials.clear();
    m_axes.clear();
    m_problem.clear();
    try {
        for (int r = 0; r < kAxisRows; ++r) {
            const QString key = axisKey(r);
            const QString values = axisValues(r).trimmed();
            if (key.isEmpty() || values.isEmpty()) continue;
            for (const SweepAxis& a : m_axes)
                if (a.key == key.toStdString()) throw SpecError(key.toStdString() + " is chosen twice");
            m_axes.push_back(parseSweepAxis((key + QLatin1Char('=') + values).toStdString(), m_base));
        }
        if (m_axes.empty()) throw SpecError("choose a setting and write its values");
        m_trials =
            planSweep(m_axes, m_random->isChecked() ? m_randomTrials->value() : 0, m_base.training.seed);
        for (const SweepTrial& t : m_trials) trialSpec(m_base, t);  // every value is checked now
        m_parallel = planSweepParallel(m_base, m_trials, m_atOnce->currentData().toInt(), m_cores);
    } catch (const std::exception& e) {
        m_trials.clear();
        m_problem = QString::fromStdString(e.what());
    }
    if (!m_problem.isEmpty()) {
        m_plan->setText(m_problem);
        m_plan->setStyleSheet(QStringLiteral("color:#8a1c1c;"));
    } else {
        QString text = tr("%1, %2; %3.")
                           .arg(QuantityFormat::counted(int(m_trials.size()), tr("run"), tr("runs")),
                                estimateText(), QString::fromStdString(m_parallel.why));
        // The plan of an unfinished sweep: say that Resume continues it.
        const std::string signature = sweepSignature(
            m_base, m_axes, m_random->isChecked() ? m_randomTrials->value() : 0, m_base.training.seed);
        for (int i = 0; i < int(m_resumable.size()); ++i)
            if (m_resumable[std::size_t(i)].signature == signature) {
                m_resumeBox->setCurrentIndex(i);
                text += tr(" This is the plan of the unfinished sweep above: Resume skips its %1, Start "
                           "begins a new sweep.")
                            .arg(QuantityFormat::counted(sweepTrialsDone(m_resumable[std::size_t(i)]),
                                                         tr("finished trial"), tr("finished trials")));
                break;
            }
        m_plan->setText(text);
        m_plan->setStyleSheet(QString());
    }
    m_start->setEnabled(m_problem.isEmpty() && !m_trials.empty() && !isRunning() && m_data);
}

QString SweepDialog::planText() const {
    return m_plan->text();
}

double SweepDialog::secondsPerEpochEstimate() const {
    if (m_epochsDone > 0) return m_measuredEpochSeconds / m_epochsDone;
    // The last recorded run of this model on this dataset (the folder is read once).
    if (m_folderEstimate < 0) {
        m_folderEstimate = 0;
        for (const RunInfo& r : RunStore(m_runsDir.toStdString()).list())
            if (r.readable && r.modelName == m_base.name && r.epochsDone > 0 && r.seconds > 0 &&
                (!m_data || r.dataset == m_data->name)) {
                m_folderEstimate = r.seconds / r.epochsDone;
                break;
            }
    }
    return m_folderEstimate;
}

QString SweepDialog::estimateText() const {
    const double perEpoch = secondsPerEpochEstimate();
    if (perEpoch <= 0) return tr("time unknown until the first trial ends");
    // The trials of the sweep under way (or resumed), else those planned.
    const bool ofState = !m_state.trials.empty() && (isRunning() || m_trials.empty());
    double total = 0;
    const std::size_t n = ofState ? m_state.trials.size() : m_trials.size();
    for (std::size_t i = 0; i < n; ++i) {
        if (ofState && m_state.trials[i].done) continue;
        try {
            total +=
                perEpoch * trialSpec(m_base, ofState ? m_state.trials[i].trial : m_trials[i]).training.epochs;
        } catch (const std::exception&) {
        }
    }
    // Two at once: about half the time (each trial on half the cores takes longer alone, but the trials
    // are small enough that splitting loses little; the measured epochs soon say).
    if (m_parallel.atOnce == 2 && m_epochsDone == 0) total /= 2;
    return tr("about %1").arg(durationText(total));
}
