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
#include <QSpinBox>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>
#include <cmath>

#include "core/errors.h"
#include "core/layer_types.h"
#include "core/run_record.h"
#include "core/sweep.h"
#include "core/training_fields.h"
#include "widgets/common/quantity_format.h"
#include "widgets/session/training_controller.h"

using namespace layerlab;

namespace {

constexpr int kAxisRows = 4;

QString durationText(double s) {
    if (s < 60) return QObject::tr("%1 s").arg(std::max(1, int(std::lround(s))));
    if (s < 3600) return QObject::tr("%1 min").arg(int(std::lround(s / 60)));
    return QObject::tr("%1 h %2 min").arg(int(s / 3600)).arg(int(std::lround(std::fmod(s, 3600) / 60)));
}

}  // namespace

SweepDialog::SweepDialog(const ModelSpec& base, std::shared_ptr<const Dataset> data, const QString& runsDir,
                         const QString& modelFile, QWidget* parent)
    : QDialog(parent), m_base(base), m_data(std::move(data)), m_runsDir(runsDir), m_modelFile(modelFile) {
    setWindowTitle(tr("Sweep"));
    m_controller = new TrainingController(this);
    auto* layout = new QVBoxLayout(this);
    auto* intro =
        new QLabel(tr("Train %1 once per combination of the values below. Each trial is recorded as a "
                      "run in %2 and listed in the Runs tab.")
                       .arg(QString::fromStdString(base.name), runsDir),
                   this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

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
    m_metric->addItem(tr("Best validation accuracy"), QStringLiteral("val_accuracy"));
    m_metric->addItem(tr("Test accuracy"), QStringLiteral("test_accuracy"));
    form->addRow(tr("Rank by:"), m_metric);
    m_budget = new QSpinBox(this);
    m_budget->setRange(0, 7 * 24 * 60);
    m_budget->setSuffix(tr(" min"));
    m_budget->setSpecialValueText(tr("no limit"));
    m_budget->setToolTip(tr("No trial starts after this time, and the one running then is stopped."));
    form->addRow(tr("Time budget:"), m_budget);
    layout->addLayout(form);
    for (QObject* o : {static_cast<QObject*>(m_grid), static_cast<QObject*>(m_random)})
        connect(qobject_cast<QRadioButton*>(o), &QRadioButton::toggled, this, &SweepDialog::replan);
    connect(m_randomTrials, qOverload<int>(&QSpinBox::valueChanged), this, &SweepDialog::replan);

    m_plan = new QLabel(this);
    m_plan->setWordWrap(true);
    layout->addWidget(m_plan);
    m_progress = new QProgressBar(this);
    m_progressText = new QLabel(this);
    m_progressText->setWordWrap(true);
    layout->addWidget(m_progress);
    layout->addWidget(m_progressText);
    auto* buttons = new QDialogButtonBox(this);
    m_start = buttons->addButton(tr("Start"), QDialogButtonBox::AcceptRole);
    m_stop = buttons->addButton(tr("Stop"), QDialogButtonBox::ActionRole);
    QPushButton* close = buttons->addButton(QDialogButtonBox::Close);
    layout->addWidget(buttons);
    connect(m_start, &QPushButton::clicked, this, &SweepDialog::start);
    connect(m_stop, &QPushButton::clicked, this, &SweepDialog::stop);
    connect(close, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_controller, &TrainingController::finished, this, [this] { onTrialFinished(); });
    connect(m_controller, &TrainingController::failed, this, [this] { onTrialFinished(); });
    connect(m_controller, &TrainingController::epochEnded, this, [this] { updateProgress(); });
    m_stop->setEnabled(false);
    m_progress->setVisible(false);
    replan();
    resize(640, 460);
}

void SweepDialog::setAxis(int row, const QString& key, const QString& values) {
    auto* box = qobject_cast<QComboBox*>(m_axesTable->cellWidget(row, 0));
    box->setCurrentIndex(std::max(0, box->findData(key)));
    qobject_cast<QLineEdit*>(m_axesTable->cellWidget(row, 1))->setText(values);
}

void SweepDialog::setRandom(int trials) {
    (trials > 0 ? m_random : m_grid)->setChecked(true);
    if (trials > 0) m_randomTrials->setValue(trials);
}

void SweepDialog::setBudgetSeconds(int seconds) {
    m_budget->setValue((seconds + 59) / 60);
}

bool SweepDialog::isRunning() const {
    return m_current >= 0;
}

void SweepDialog::replan() {
    m_trials.clear();
    m_axes.clear();
    m_axisTexts.clear();
    m_problem.clear();
    try {
        for (int r = 0; r < kAxisRows; ++r) {
            const QString key =
                qobject_cast<QComboBox*>(m_axesTable->cellWidget(r, 0))->currentData().toString();
            const QString values = qobject_cast<QLineEdit*>(m_axesTable->cellWidget(r, 1))->text().trimmed();
            if (key.isEmpty() || values.isEmpty()) continue;
            for (const SweepAxis& a : m_axes)
                if (a.key == key.toStdString()) throw SpecError(key.toStdString() + " is chosen twice");
            m_axisTexts.push_back((key + QLatin1Char('=') + values).toStdString());
            m_axes.push_back(parseSweepAxis(m_axisTexts.back(), m_base));
        }
        if (m_axes.empty()) throw SpecError("choose a setting and write its values");
        m_trials =
            planSweep(m_axes, m_random->isChecked() ? m_randomTrials->value() : 0, m_base.training.seed);
        for (const SweepTrial& t : m_trials) trialSpec(m_base, t);  // every value is checked now
    } catch (const std::exception& e) {
        m_trials.clear();
        m_problem = QString::fromStdString(e.what());
    }
    if (!m_problem.isEmpty()) {
        m_plan->setText(m_problem);
        m_plan->setStyleSheet(QStringLiteral("color:#8a1c1c;"));
    } else {
        m_plan->setText(tr("%1, %2.").arg(
            QuantityFormat::counted(int(m_trials.size()), tr("run"), tr("runs")), estimateText()));
        m_plan->setStyleSheet(QString());
    }
    m_start->setEnabled(m_problem.isEmpty() && !m_trials.empty() && !isRunning() && m_data);
}

double SweepDialog::secondsPerEpochEstimate() const {
    if (m_epochsDone > 0) return m_measuredEpochSeconds / m_epochsDone;
    // The last recorded run of this model on this dataset.
    for (const RunInfo& r : RunStore(m_runsDir.toStdString()).list())
        if (r.readable && r.modelName == m_base.name && r.epochsDone > 0 && r.seconds > 0 &&
            (!m_data || r.dataset == m_data->name))
            return r.seconds / r.epochsDone;
    return 0;
}

QString SweepDialog::estimateText() const {
    const double perEpoch = secondsPerEpochEstimate();
    if (perEpoch <= 0) return tr("time unknown until the first trial ends");
    double total = 0;
    for (std::size_t i = 0; i < m_trials.size(); ++i) {
        if (i < m_state.trials.size() && m_state.trials[i].done) continue;
        total += perEpoch * trialSpec(m_base, m_trials[i]).training.epochs;
    }
    return tr("about %1").arg(durationText(total));
}

void SweepDialog::start() {
    replan();
    if (!m_problem.isEmpty() || m_trials.empty() || isRunning() || !m_data) return;
    const std::string metric = m_metric->currentData().toString().toStdString();
    const int random = m_random->isChecked() ? m_randomTrials->value() : 0;
    const std::string runsDir = m_runsDir.toStdString();
    std::string saveError;
    try {
        m_state =
            newSweepState(newSweepId(runsDir), sweepSignature(m_base, m_axes, random, m_base.training.seed),
                          metric, m_trials);
        saveError = saveSweepState(runsDir, m_state);
    } catch (const std::exception& e) {
        saveError = e.what();
    }
    if (!saveError.empty()) {  // as the CLI: no trial starts without a state to resume from
        m_state = SweepState();
        m_problem = tr("Cannot start: the sweep's state cannot be written in %1: %2. Choose a runs folder "
                       "that can be written, or free some space.")
                        .arg(m_runsDir, QString::fromStdString(saveError));
        m_plan->setText(m_problem);
        m_plan->setStyleSheet(QStringLiteral("color:#8a1c1c;"));
        return;
    }
    m_saveError.clear();
    m_stopping = false;
    m_epochsDone = 0;
    m_measuredEpochSeconds = 0;
    m_clock.start();
    m_axesTable->setEnabled(false);
    m_start->setEnabled(false);
    m_stop->setEnabled(true);
    m_progress->setVisible(true);
    m_progress->setRange(0, int(m_trials.size()));
    m_progress->setValue(0);
    m_current = -1;
    startTrial();
}

void SweepDialog::startTrial() {
    const double budget = m_budget->value() * 60.0;
    int next = m_current + 1;
    if (m_stopping || next >= int(m_state.trials.size()) ||
        (budget > 0 && m_clock.elapsed() / 1000.0 >= budget)) {
        m_current = -1;
        m_axesTable->setEnabled(true);
        m_stop->setEnabled(false);
        updateProgress();
        replan();
        emit sweepFinished();
        return;
    }
    m_current = next;
    const SweepTrial& trial = m_state.trials[std::size_t(next)].trial;
    TrainingController::Recording rec;
    rec.runsDir = m_runsDir;
    rec.modelFile = m_modelFile;
    rec.name = QString::fromStdString(sweepTrialName(m_base.name, trial));
    rec.sweepId = QString::fromStdString(m_state.id);
    rec.sweepTrial = next;
    m_controller->setRecording(rec);
    updateProgress();
    if (!m_controller->start(trialSpec(m_base, trial), m_data)) onTrialFinished();
    if (budget > 0)
        QTimer::singleShot(int(std::max(0.0, budget * 1000 - m_clock.elapsed())) + 50, m_controller, [this] {
            if (isRunning()) {
                m_stopping = true;
                m_controller->stop();
            }
        });
}

void SweepDialog::onTrialFinished() {
    if (m_current < 0) return;
    SweepTrialState& ts = m_state.trials[std::size_t(m_current)];
    const QString folder = m_controller->runFolder();
    if (!folder.isEmpty()) {
        const RunInfo info = RunStore::load(folder.toStdString());
        takeTrialResult(ts, info);
        m_measuredEpochSeconds += info.seconds;
        m_epochsDone += info.epochsDone;
        emit trialFinished(folder);
    }
    if (const std::string e = saveSweepState(m_runsDir.toStdString(), m_state); !e.empty())
        m_saveError = tr("The sweep's state could not be saved (%1): the trials go on, but a resumed sweep "
                         "would not know which finished.")
                          .arg(QString::fromStdString(e));
    m_progress->setValue(m_current + 1);
    // The next trial starts from the event loop, once the controller has finished with this one.
    QTimer::singleShot(0, this, &SweepDialog::startTrial);
}

void SweepDialog::updateProgress() {
    int done = 0;
    for (const SweepTrialState& t : m_state.trials) done += t.done;
    double best = -1;
    QString bestRun;
    for (const SweepTrialState* t : rankSweepTrials(m_state)) {
        const double v = sweepMetric(*t, m_state.metric);
        if (!t->done || !std::isfinite(v)) continue;
        best = v;
        for (const RunSetting& s : t->trial.settings)
            bestRun += QStringLiteral(" %1=%2").arg(QString::fromStdString(s.first),
                                                    QString::fromStdString(s.second));
        break;
    }
    QString text = isRunning() ? tr("Trial %1 of %2").arg(m_current + 1).arg(m_state.trials.size())
                               : tr("Sweep ended: %1 of %2 trials done").arg(done).arg(m_state.trials.size());
    if (best >= 0)
        text += tr(" · best so far %1 %2 (%3)")
                    .arg(100 * best, 0, 'f', 2)
                    .arg(QStringLiteral("%"), bestRun.trimmed());
    if (isRunning()) text += QStringLiteral(" · ") + estimateText() + tr(" left");
    if (!m_saveError.isEmpty()) text += QLatin1Char('\n') + m_saveError;
    m_progressText->setText(text);
}

void SweepDialog::stop() {
    if (!isRunning()) return;
    m_stopping = true;
    m_controller->stop();
}

void SweepDialog::closeEvent(QCloseEvent* event) {
    if (isRunning()) {
        stop();
        event->ignore();
        return;
    }
    QDialog::closeEvent(event);
}

void SweepDialog::reject() {
    if (isRunning()) {
        stop();
        return;
    }
    QDialog::reject();
}
