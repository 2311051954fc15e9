// SweepDialog while the sweep runs: starting or resuming it, one or two trials at a time on the studio's
// training controllers, recording each, the progress, Stop and Stop After Trial (the layout and the plan
// are in sweep_dialog.cpp).
#include "widgets/runs/sweep_dialog.h"

#include <QCloseEvent>
#include <QComboBox>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QTimer>
#include <algorithm>
#include <cmath>

#include "core/run_record.h"
#include "widgets/runs/sweep_results.h"
#include "widgets/session/training_controller.h"

using namespace layerlab;

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
        m_state.axes = m_axes;
        m_state.randomTrials = random;
        m_state.seed = m_base.training.seed;
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
    begin();
}

void SweepDialog::resume(int index) {
    if (isRunning() || !m_data || index < 0 || index >= int(m_resumable.size())) return;
    m_state = m_resumable[std::size_t(index)];
    // The inputs show the sweep's plan (a state written before plans were kept: its settings as lists).
    std::vector<SweepAxis> axes = m_state.axes;
    if (axes.empty() && !m_state.trials.empty())
        for (const RunSetting& s : m_state.trials.front().trial.settings) {
            SweepAxis a;
            a.key = s.first;
            for (const SweepTrialState& t : m_state.trials)
                for (const RunSetting& x : t.trial.settings)
                    if (x.first == s.first &&
                        std::find(a.values.begin(), a.values.end(), x.second) == a.values.end())
                        a.values.push_back(x.second);
            axes.push_back(a);
        }
    for (int r = 0; r < kAxisRows; ++r)
        setAxis(r, r < int(axes.size()) ? QString::fromStdString(axes[std::size_t(r)].key) : QString(),
                r < int(axes.size()) ? QString::fromStdString(sweepAxisValuesText(axes[std::size_t(r)]))
                                     : QString());
    setRandom(m_state.randomTrials);
    m_metric->setCurrentIndex(std::max(0, m_metric->findData(QString::fromStdString(m_state.metric))));
    begin();
}

void SweepDialog::begin() {
    std::vector<SweepTrial> trials;
    for (const SweepTrialState& t : m_state.trials) trials.push_back(t.trial);
    try {
        m_parallel = planSweepParallel(m_base, trials, m_atOnce->currentData().toInt(), m_cores);
    } catch (const std::exception& e) {
        m_plan->setText(QString::fromStdString(e.what()));
        return;
    }
    m_stopping = m_stopAfter = false;
    m_saveError.clear();
    m_attempted.clear();
    ++m_generation;
    m_epochsDone = 0;
    m_measuredEpochSeconds = 0;
    m_clock.start();
    setInputsEnabled(false);
    m_start->setEnabled(false);
    m_resume->setEnabled(false);
    m_stop->setEnabled(true);
    m_stopAfterButton->setEnabled(true);
    m_progress->setVisible(true);
    m_progress->setRange(0, int(m_state.trials.size()));
    m_progress->setValue(sweepTrialsDone(m_state));
    m_plan->setText(QString::fromStdString(m_parallel.why));
    m_plan->setStyleSheet(QString());
    if (!m_results->isVisible()) {
        m_results->setVisible(true);
        const QRect screen = this->screen() ? this->screen()->availableGeometry() : QRect(0, 0, 1366, 768);
        resize(std::min(screen.width() - 40, std::max(width(), 900)),
               std::min(screen.height() - 60, std::max(height(), 680)));
    }
    m_results->setSweep(m_state, m_runsDir);
    bool any = false;
    for (int i = 0; i < m_parallel.atOnce && i < int(m_slots.size()); ++i)
        any = startNext(m_slots[std::size_t(i)]) || any;
    if (!any) endSweep();
    // The budget stops the trials under way when it runs out.
    const double budget = m_budget->value() * 60.0;
    if (budget > 0 && any)
        QTimer::singleShot(int(budget * 1000) + 50, this, [this, generation = m_generation] {
            if (!isRunning() || generation != m_generation) return;
            m_stopping = true;
            for (Slot& s : m_slots)
                if (s.trial >= 0) s.controller->stop();
        });
    updateProgress();
}

bool SweepDialog::startNext(Slot& slot) {
    const double budget = m_budget->value() * 60.0;
    if (m_stopping || m_stopAfter || (budget > 0 && m_clock.elapsed() / 1000.0 >= budget)) return false;
    // The next trial not done and not taken yet this time (a trial that failed is not taken again until
    // the sweep is resumed), in order.
    int next = -1;
    for (int k = 0; k < int(m_state.trials.size()) && next < 0; ++k)
        if (!m_state.trials[std::size_t(k)].done && !m_attempted.count(k)) next = k;
    if (next < 0) return false;
    const SweepTrial& trial = m_state.trials[std::size_t(next)].trial;
    TrainingController::Recording rec;
    rec.runsDir = m_runsDir;
    rec.modelFile = m_modelFile;
    rec.name = QString::fromStdString(sweepTrialName(m_base.name, trial));
    rec.sweepId = QString::fromStdString(m_state.id);
    rec.sweepTrial = next;
    slot.controller->setRecording(rec);
    slot.trial = next;
    slot.folder.clear();
    m_attempted.insert(next);
    ModelSpec spec;
    try {
        spec = trialSpec(m_base, trial, m_parallel);
    } catch (const std::exception& e) {
        onTrialFinished(slot, QString::fromStdString(e.what()));
        return true;
    }
    // A start that fails emits failed at once: onTrialFinished has then ended the trial.
    slot.controller->start(spec, m_data);
    return true;
}

void SweepDialog::onTrialFinished(Slot& slot, const QString& failure) {
    if (slot.trial < 0) return;
    SweepTrialState& ts = m_state.trials[std::size_t(slot.trial)];
    if (!slot.folder.isEmpty()) {
        const RunInfo info = RunStore::load(slot.folder.toStdString());
        takeTrialResult(ts, info);
        m_measuredEpochSeconds += info.seconds;
        m_epochsDone += info.epochsDone;
        emit trialFinished(slot.folder);
    } else {
        ts.status = "failed";
        ts.done = false;
        m_progressText->setText(tr("Trial %1 could not start: %2").arg(slot.trial + 1).arg(failure));
    }
    slot.trial = -1;
    if (const std::string e = saveSweepState(m_runsDir.toStdString(), m_state); !e.empty())
        m_saveError = tr("The sweep's state could not be saved (%1): the trials go on, but a resumed sweep "
                         "would not know which finished.")
                          .arg(QString::fromStdString(e));
    m_progress->setValue(sweepTrialsDone(m_state));
    m_results->setSweep(m_state, m_runsDir);
    // The next trial starts from the event loop, once the controller has finished with this one.
    TrainingController* c = slot.controller;
    QTimer::singleShot(0, this, [this, c] {
        for (Slot& s : m_slots)
            if (s.controller == c && s.trial < 0 && !startNext(s) && !isRunning()) endSweep();
        updateProgress();
    });
}

void SweepDialog::endSweep() {
    if (isRunning() || !m_stop->isEnabled()) return;  // ended already
    setInputsEnabled(true);
    m_stop->setEnabled(false);
    m_stopAfterButton->setEnabled(false);
    updateProgress();
    refreshResumable();
    replan();
    emit sweepFinished();
}

void SweepDialog::updateProgress() {
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
    const int n = int(m_state.trials.size());
    const std::vector<int> running = runningTrials();
    QString text;
    if (running.size() == 2)
        text = tr("Trials %1 and %2 of %3 (two at once)").arg(running[0] + 1).arg(running[1] + 1).arg(n);
    else if (running.size() == 1)
        text = tr("Trial %1 of %2").arg(running[0] + 1).arg(n);
    else
        text = tr("Sweep ended: %1 of %2 trials done").arg(sweepTrialsDone(m_state)).arg(n);
    if (best >= 0)
        text += tr(" · best so far %1 %2 (%3)")
                    .arg(100 * best, 0, 'f', 2)
                    .arg(QStringLiteral("%"), bestRun.trimmed());
    if (!running.empty()) {
        text += QStringLiteral(" · ") + estimateText() + tr(" left");
        if (m_stopAfter) text += tr(" · the sweep ends when the trials under way end");
    } else if (sweepTrialsDone(m_state) < n) {
        text += tr(" · Resume continues it");
    }
    if (!m_saveError.isEmpty()) text += QLatin1Char('\n') + m_saveError;
    m_progressText->setText(text);
}

void SweepDialog::stop() {
    if (!isRunning()) return;
    m_stopping = true;
    for (Slot& s : m_slots)
        if (s.trial >= 0) s.controller->stop();
}

void SweepDialog::stopAfterTrial() {
    if (!isRunning()) return;
    m_stopAfter = true;
    m_stopAfterButton->setEnabled(false);
    updateProgress();
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
