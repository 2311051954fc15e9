#include "widgets/training/training_progress_bar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <cmath>

#include "i18n/core_text.h"
#include "widgets/common/busy_animation.h"

namespace {
QString duration(double seconds) {
    if (!std::isfinite(seconds) || seconds < 0) return QStringLiteral("–");
    const long s = std::lround(seconds);
    if (s >= 3600)
        return QStringLiteral("%1:%2:%3")
            .arg(s / 3600)
            .arg((s / 60) % 60, 2, 10, QChar('0'))
            .arg(s % 60, 2, 10, QChar('0'));
    return QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QChar('0'));
}
}  // namespace

TrainingProgressBar::TrainingProgressBar(QWidget* parent) : QWidget(parent) {
    auto* l = new QHBoxLayout(this);
    l->setContentsMargins(6, 2, 6, 2);
    m_bar = new QProgressBar(this);
    m_bar->setRange(0, 1000);
    m_bar->setValue(0);
    m_bar->setTextVisible(true);
    m_bar->setFormat(QStringLiteral("%p%"));
    endBusyAnimationWhenIdle(m_bar);  // after "Loading MNIST…" the bar waits at 0 %
    m_bar->setMinimumWidth(160);
    m_bar->setMaximumWidth(320);
    m_label = new QLabel(this);
    m_label->setMinimumWidth(200);
    l->addWidget(m_bar);
    l->addWidget(m_label, 1);
    setIdleText(tr("Ready to train."));
}

void TrainingProgressBar::begin(int epochs, int batchSize) {
    m_epochs = std::max(1, epochs);
    m_batchSize = std::max(1, batchSize);
    m_last = {};
    m_paused = false;
    m_running = true;
    m_bar->setRange(0, 1000);
    m_bar->setValue(0);
    m_label->setText(tr("Starting…"));
}

QString TrainingProgressBar::text() const {
    return m_label->text();
}
int TrainingProgressBar::value() const {
    return m_bar->value();
}

void TrainingProgressBar::updateBatches(const QVector<layerlab::BatchMetrics>& batches) {
    if (batches.isEmpty()) return;
    m_last = batches.back();
    refresh();
}

void TrainingProgressBar::setPaused(bool paused) {
    m_paused = paused;
    refresh();
}

void TrainingProgressBar::refresh() {
    if (!m_running) return;
    const auto& b = m_last;
    if (b.batchesPerEpoch <= 0) {
        m_label->setText(m_paused ? tr("Paused before the first batch.") : tr("Starting…"));
        return;
    }
    const double done = b.epochPosition();  // epochs
    m_bar->setValue(int(std::lround(1000.0 * done / m_epochs)));
    // Batches left at the current rate (samples/s over the epoch so far; batch size cancels out).
    const double batchesLeft = (m_epochs - done) * b.batchesPerEpoch;
    QString left = QStringLiteral("–");
    if (b.samplesPerSecond > 0 && m_batchSize > 0)
        left = duration(batchesLeft * m_batchSize / b.samplesPerSecond);
    m_label->setText(tr("%1Epoch %2/%3 · batch %4/%5 · %6 samples/s · %7 left · learning rate %8")
                         .arg(m_paused ? tr("Paused · ") : QString())
                         .arg(b.epoch)
                         .arg(m_epochs)
                         .arg(b.batch)
                         .arg(b.batchesPerEpoch)
                         .arg(QLocale().toString(std::lround(b.samplesPerSecond)))
                         .arg(left)
                         .arg(QLocale().toString(b.learningRate, 'g', 3)));
}

void TrainingProgressBar::finish(const layerlab::TrainResult& r) {
    m_running = false;
    if (!r.stoppedByUser && !r.diverged) m_bar->setValue(1000);
    QString text = CoreText::message(r.message);  // core's sentence in the UI language
    if (text.isEmpty()) text = tr("Training ended.");
    m_label->setText(tr("%1 (%2)").arg(text, duration(r.totalSeconds)));
}

void TrainingProgressBar::fail(const QString& message) {
    m_running = false;
    m_bar->setRange(0, 1000);
    m_label->setText(tr("Training failed: %1").arg(message));
}

void TrainingProgressBar::setBusy(const QString& what) {
    if (what.isEmpty()) {
        m_bar->setRange(0, 1000);
        return;
    }
    m_bar->setRange(0, 0);
    m_label->setText(what);
}

void TrainingProgressBar::setIdleText(const QString& text) {
    if (m_running) return;
    m_bar->setRange(0, 1000);
    m_label->setText(text);
}

void TrainingProgressBar::clear(const QString& text) {
    m_running = false;
    m_paused = false;
    m_last = {};
    m_bar->setRange(0, 1000);
    m_bar->setValue(0);
    m_label->setText(text);
}
