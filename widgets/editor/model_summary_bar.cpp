#include "widgets/editor/model_summary_bar.h"

#include <QGridLayout>
#include <QLabel>
#include <QLocale>

#include "core/freezing.h"
#include "core/memory_estimate.h"
#include "core/parallel.h"
#include "i18n/core_text.h"
#include "widgets/common/quantity_format.h"
#include "widgets/document/model_document.h"

ModelSummaryBar::ModelSummaryBar(ModelDocument* document, QWidget* parent)
    : QWidget(parent), m_doc(document) {
    auto* grid = new QGridLayout(this);
    grid->setContentsMargins(8, 6, 8, 6);
    grid->setHorizontalSpacing(12);
    grid->setVerticalSpacing(0);

    QPalette dim = palette();
    dim.setColor(QPalette::WindowText, dim.color(QPalette::PlaceholderText));
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.88);
    QFont bold = font();
    bold.setBold(true);

    auto caption = [&](const QString& text, int col) {
        auto* l = new QLabel(text, this);
        l->setPalette(dim);
        l->setFont(small);
        grid->addWidget(l, 0, col);
        return l;
    };
    auto value = [&](int col) {
        auto* l = new QLabel(this);
        l->setFont(bold);
        l->setTextInteractionFlags(Qt::TextSelectableByMouse);
        grid->addWidget(l, 1, col);
        return l;
    };
    caption(tr("Parameters"), 0)
        ->setToolTip(tr("Weights and biases the model learns; frozen ones (the lock on a block) keep their "
                        "values while the rest trains."));
    caption(tr("FLOPs / sample"), 1)
        ->setToolTip(
            tr("Arithmetic operations for one forward pass over one image (a multiply-add counts 2)."));
    m_memoryCaption = caption(QString(), 2);
    m_memoryCaption->setToolTip(
        tr("Memory training takes at this batch size and thread count: parameters, their gradients and the "
           "optimizer's state, the batch's activations and their gradients, and each thread's own buffers. "
           "The engine refuses to train when this is more than half of the machine's memory."));
    m_params = value(0);
    m_flops = value(1);
    m_memory = value(2);
    for (int c = 0; c < 3; ++c) grid->setColumnStretch(c, 1);

    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    grid->addWidget(m_status, 2, 0, 1, 3);

    // The model file's "description" (the presets: what they are and their reference figure).
    m_description = new QLabel(this);
    m_description->setWordWrap(true);
    m_description->setPalette(dim);
    m_description->setFont(small);
    m_description->setTextInteractionFlags(Qt::TextSelectableByMouse);
    grid->addWidget(m_description, 3, 0, 1, 3);

    connect(m_doc, &ModelDocument::changed, this, &ModelSummaryBar::refresh);
    refresh();
}

void ModelSummaryBar::refresh() {
    const auto& info = m_doc->info();
    const auto& spec = m_doc->spec();
    m_description->setText(QString::fromStdString(spec.description));
    m_description->setVisible(!spec.description.empty());
    const int batch = m_trainSamples > 0 ? std::min<long long>(spec.training.batchSize, m_trainSamples)
                                         : spec.training.batchSize;
    const int threads = layerlab::effectiveThreads(spec.training.threads);
    const layerlab::TrainingMemory memory = layerlab::estimateTrainingMemory(spec, batch, threads);
    m_memoryCaption->setText(memory.threads == 1
                                 ? tr("Memory (batch %1, 1 thread)").arg(batch)
                                 : tr("Memory (batch %1, %2 threads)").arg(batch).arg(memory.threads));
    m_refusal = info.ok() ? QString::fromStdString(layerlab::trainingMemoryRefusal(memory)) : QString();
    if (info.ok()) {
        const long long frozen = layerlab::frozenParams(info);
        if (frozen > 0) {
            m_params->setText(
                tr("%1 (%2 frozen)")
                    .arg(QuantityFormat::count(double(info.params)), QuantityFormat::count(double(frozen))));
            QString tip = tr("%1 parameters: %2 trainable, %3 frozen (their weights keep their values while "
                             "the rest trains)")
                              .arg(QLocale().toString(info.params), QLocale().toString(info.trainableParams),
                                   QLocale().toString(frozen));
            if (info.stateParams > 0)
                tip += tr(", %1 BatchNorm running statistics").arg(QLocale().toString(info.stateParams));
            m_params->setToolTip(tip);
        } else {
            m_params->setText(QuantityFormat::count(double(info.params)));
            m_params->setToolTip(
                info.stateParams > 0
                    ? tr("%1 parameters: %2 trainable, %3 BatchNorm running statistics (no gradient moves "
                         "them)")
                          .arg(QLocale().toString(info.params), QLocale().toString(info.trainableParams),
                               QLocale().toString(info.stateParams))
                    : tr("%1 parameters, all trainable").arg(QLocale().toString(info.params)));
        }
        m_flops->setText(QuantityFormat::count(info.flopsPerSample));
        m_flops->setToolTip(tr("%1 forward, about %2 when training (forward + backward)")
                                .arg(QuantityFormat::flops(info.flopsPerSample),
                                     QuantityFormat::flops(info.trainFlopsPerSample)));
        m_memory->setText(QuantityFormat::bytes(memory.total()));
        m_memory->setToolTip(tr("%1 for the parameters and optimizer state, %2 for the batch, %3 per thread")
                                 .arg(QuantityFormat::bytes(memory.parameters),
                                      QuantityFormat::bytes(memory.batchBytes),
                                      QuantityFormat::bytes(memory.perThread)));
    } else {
        for (QLabel* l : {m_params, m_flops, m_memory}) {
            l->setText(QStringLiteral("\u2014"));
            l->setToolTip(QString());
        }
    }
    if (!info.ok()) {
        m_status->setStyleSheet(QStringLiteral("QLabel { color: #b3261e; }"));
        m_status->setText(tr("\u2717 %1").arg(CoreText::message(info.error)));
    } else if (!m_refusal.isEmpty()) {
        m_status->setStyleSheet(QStringLiteral("QLabel { color: #b3261e; }"));
        m_status->setText(tr("\u2717 Too big to train: %1").arg(m_refusal));
    } else if (const std::string why = layerlab::nothingToTrainReason(info); !why.empty()) {
        m_status->setStyleSheet(QStringLiteral("QLabel { color: #b3261e; }"));
        m_status->setText(tr("\u2717 Nothing to train: %1.").arg(QString::fromStdString(why)));
    } else {
        m_status->setStyleSheet(QStringLiteral("QLabel { color: #1e7d32; }"));
        QString text = tr("\u2713 The model fits together: %1 layers, output %2.")
                           .arg(spec.layers.size())
                           .arg(QString::fromStdString(info.outputShape.toString()));
        if (layerlab::frozenParams(info) > 0)
            text += QLatin1Char(' ') +
                    tr("Trains %1 of its %2 parameters; the rest are frozen.")
                        .arg(QLocale().toString(info.trainableParams), QLocale().toString(info.params));
        m_status->setText(text);
    }
}

void ModelSummaryBar::setTrainSamples(long long count) {
    if (count == m_trainSamples) return;
    m_trainSamples = count;
    refresh();
}

QString ModelSummaryBar::parametersText() const {
    return m_params->text();
}
QString ModelSummaryBar::flopsText() const {
    return m_flops->text();
}
QString ModelSummaryBar::memoryText() const {
    return m_memory->text();
}
QString ModelSummaryBar::statusText() const {
    return m_status->text();
}
QString ModelSummaryBar::descriptionText() const {
    return m_description->isHidden() ? QString() : m_description->text();
}
