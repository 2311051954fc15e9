#include "widgets/training/step_view.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QScrollArea>
#include <QSpinBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "widgets/training/step_batch_grid.h"

using layerlab::DenseTrace;
using layerlab::StepInspection;

StepView::StepView(QWidget* parent) : QWidget(parent) {
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(4, 4, 4, 4);
    m_stack = new QStackedWidget(this);
    outer->addWidget(m_stack);

    m_placeholder = new QLabel(
        tr("Pause training (F6) and press Step (F10): this tab then shows what that one batch did. Its "
           "images "
           "with the class predicted before and after the step, the loss before and after, and for a Dense "
           "layer the numbers of one sample on the way forward and back, so you can follow the chain rule "
           "by hand."),
        m_stack);
    m_placeholder->setWordWrap(true);
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setMargin(24);
    m_stack->addWidget(m_placeholder);

    // The page scrolls as a whole when the tab is very low (a large UI scale), so the table keeps a few rows.
    auto* pageScroll = new QScrollArea(m_stack);
    pageScroll->setWidgetResizable(true);
    pageScroll->setFrameShape(QFrame::NoFrame);
    auto* page = new QWidget(pageScroll);
    pageScroll->setWidget(page);
    auto* v = new QVBoxLayout(page);
    v->setContentsMargins(0, 0, 0, 0);
    m_summary = new QLabel(page);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setToolTip(
        tr("Before: the step's own forward pass, the one whose loss it followed down (with "
           "dropout as it ran). After: the same images with the new weights, in inference "
           "mode."));
    v->addWidget(m_summary);
    auto* controls = new QHBoxLayout;
    v->addLayout(controls);

    auto* split = new QSplitter(Qt::Horizontal, page);
    split->setChildrenCollapsible(false);
    v->addWidget(split, 1);

    // Left: the batch.
    auto* left = new QWidget(split);
    auto* lv = new QVBoxLayout(left);
    lv->setContentsMargins(0, 0, 0, 0);
    m_order = new QCheckBox(tr("&Most changed first"), page);
    m_order->setToolTip(
        tr("Show first the images whose predicted class the step changed, then those whose "
           "label's probability changed most; unticked: the batch's order"));
    m_grid = new StepBatchGrid(left);
    m_grid->setToolTip(
        tr("Each image: its label, the class predicted before → after the step and how the "
           "label's probability changed. Green frame: right after the step, red: wrong; amber: "
           "the step changed the prediction. Click an image (or use the arrow keys) to see "
           "its numbers on the right."));
    auto* scroll = new QScrollArea(left);
    scroll->setWidget(m_grid);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    lv->addWidget(scroll, 1);
    connect(m_order, &QCheckBox::toggled, this, [this] { refreshGrid(); });

    // Right: one Dense layer, one sample.
    auto* right = new QWidget(split);
    auto* rv = new QVBoxLayout(right);
    rv->setContentsMargins(0, 0, 0, 0);
    auto* layerLabel = new QLabel(tr("&Layer:"), right);
    m_layer = new QComboBox(right);
    m_layer->setToolTip(tr("The Dense layer whose numbers the table shows"));
    layerLabel->setBuddy(m_layer);
    auto* sampleLabel = new QLabel(tr("S&ample:"), right);
    m_sample = new QSpinBox(right);
    m_sample->setToolTip(
        tr("Which image of the batch (its number in batch order); clicking an image "
           "chooses it too"));
    sampleLabel->setBuddy(m_sample);
    auto* viewLabel = new QLabel(tr("S&how:"), right);
    m_view = new QComboBox(right);
    m_view->addItem(tr("Per unit: z, a, dL/da, dL/dz, dL/db"));
    m_view->addItem(tr("Weights W (before the step)"));
    m_view->addItem(tr("dL/dW of this sample = dL/dz · xᵀ"));
    m_view->addItem(tr("dL/dW of the batch = mean over samples"));
    m_view->addItem(tr("Weights W after the step"));
    viewLabel->setBuddy(m_view);
    m_layer->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_view->setMinimumContentsLength(6);
    m_view->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    controls->addWidget(m_order);
    controls->addSpacing(12);
    controls->addWidget(layerLabel);
    controls->addWidget(m_layer);
    controls->addWidget(sampleLabel);
    controls->addWidget(m_sample);
    controls->addWidget(viewLabel);
    controls->addWidget(m_view, 1);
    m_model = new StepTraceModel(this);
    m_table = new QTableView(right);
    m_table->setModel(m_model);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->setAccessibleName(tr("The numbers of one sample through the layer"));
    // The table above, the note on the chosen cell below; at small heights the note scrolls.
    auto* tableSplit = new QSplitter(Qt::Vertical, right);
    tableSplit->setChildrenCollapsible(false);
    tableSplit->addWidget(m_table);
    auto* noteScroll = new QScrollArea(tableSplit);
    noteScroll->setWidgetResizable(true);
    noteScroll->setFrameShape(QFrame::NoFrame);
    noteScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_note = new QLabel(noteScroll);
    m_note->setWordWrap(true);
    m_note->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_note->setTextInteractionFlags(Qt::TextSelectableByMouse);
    noteScroll->setWidget(m_note);
    noteScroll->setMinimumHeight(2 * fontMetrics().height());
    m_table->setMinimumHeight(4 * fontMetrics().height());
    tableSplit->addWidget(noteScroll);
    tableSplit->setStretchFactor(0, 3);
    tableSplit->setStretchFactor(1, 1);
    rv->addWidget(tableSplit, 1);
    split->addWidget(left);
    split->addWidget(right);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    page->setMinimumHeight(m_summary->sizeHint().height() + 16 * fontMetrics().height());
    m_stack->addWidget(pageScroll);

    const auto newTable = [this] {
        m_table->setCurrentIndex({});
        refreshTrace();
    };
    connect(m_layer, &QComboBox::currentIndexChanged, this, newTable);
    connect(m_view, &QComboBox::currentIndexChanged, this, newTable);
    connect(m_sample, &QSpinBox::valueChanged, this, [this](int v) {
        m_grid->setCurrentSample(v - 1);
        refreshTrace();
    });
    connect(m_grid, &StepBatchGrid::sampleChosen, this, [this](int s) { m_sample->setValue(s + 1); });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentChanged, this, [this] { refreshNote(); });
}

void StepView::clear() {
    m_step.reset();
    m_grid->setStep(nullptr, {});
    m_model->setTrace(nullptr, -1, 0, StepTraceModel::Units);
    m_stack->setCurrentWidget(m_placeholder);
}

void StepView::setStep(std::shared_ptr<const StepInspection> step) {
    if (!step) return clear();
    const int layer = m_layer->currentIndex();
    m_step = std::move(step);
    {
        const QSignalBlocker b1(m_layer), b2(m_sample);
        m_layer->clear();
        for (const DenseTrace& t : m_step->dense)
            m_layer->addItem(tr("Dense %1 (%2 units)").arg(t.specIndex + 1).arg(t.units));
        // The same layer as before when it is still there, else the last (often the smallest) one.
        m_layer->setCurrentIndex(layer >= 0 && layer < m_layer->count() ? layer : m_layer->count() - 1);
        m_sample->setRange(1, std::max(1, m_step->samples));
    }
    m_summary->setText(summaryText());
    m_stack->setCurrentIndex(1);
    m_table->setCurrentIndex({});
    refreshGrid();
    refreshTrace();
}

QString StepView::summaryText() const {
    if (!m_step) return {};
    const StepInspection& s = *m_step;
    int changed = 0;
    for (int k = 0; k < s.samples; ++k) changed += s.predicted(k, false) != s.predicted(k, true);
    return tr("Step %1 (epoch %2, batch %3, learning rate %4): loss %5 → %6, right %7 → %8 of %9 images; the "
              "step changed %10 predictions.")
        .arg(s.step)
        .arg(s.epoch)
        .arg(s.batch)
        .arg(StepTraceModel::number(s.learningRate))
        .arg(QString::number(s.lossBefore, 'f', 4), QString::number(s.lossAfter, 'f', 4))
        .arg(s.correctBefore)
        .arg(s.correctAfter)
        .arg(s.samples)
        .arg(changed);
}

QVector<int> StepView::order() const {
    QVector<int> order;
    if (!m_step) return order;
    for (int k = 0; k < m_step->samples; ++k) order.push_back(k);
    if (m_order->isChecked()) {
        const StepInspection& s = *m_step;
        auto key = [&s](int k) {
            const int y = s.labels[std::size_t(k)];
            return std::make_pair(s.predicted(k, false) != s.predicted(k, true),
                                  std::abs(s.value(k, y, true) - s.value(k, y, false)));
        };
        std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return key(a) > key(b); });
    }
    return order;
}

void StepView::refreshGrid() {
    m_grid->setStep(m_step, order());
    m_grid->setCurrentSample(m_sample->value() - 1);
}

void StepView::refreshTrace() {
    const QModelIndex current = m_table->currentIndex();
    m_model->setTrace(m_step, m_layer->currentIndex(), m_sample->value() - 1,
                      StepTraceModel::View(std::max(0, m_view->currentIndex())));
    int row = std::clamp(current.isValid() ? current.row() : 0, 0, std::max(0, m_model->rowCount() - 1));
    int col =
        std::clamp(current.isValid() ? current.column() : 0, 0, std::max(0, m_model->columnCount() - 1));
    if (!current.isValid() && m_model->view() != StepTraceModel::Units) {
        // Start on the first cell this sample moves (an input of 0, or a unit a ReLU silenced, gives 0).
        const DenseTrace* t = m_model->trace();
        bool found = false;
        for (int u = 0; t && u < t->shownUnits && !found; ++u)
            for (int i = 0; i < t->shownInputs && !found; ++i)
                if (t->sampleGradW(m_model->sample(), u, i) != 0) {
                    row = u;
                    col = i;
                    found = true;
                }
    }
    if (m_model->rowCount() > 0) m_table->setCurrentIndex(m_model->index(row, col));
    refreshNote();
}

void StepView::setLayer(int denseIndex) {
    m_layer->setCurrentIndex(denseIndex);
}
void StepView::setSample(int sample) {
    m_sample->setValue(sample + 1);
}
void StepView::setTraceView(StepTraceModel::View view) {
    m_view->setCurrentIndex(int(view));
}
void StepView::setMostChangedFirst(bool on) {
    m_order->setChecked(on);
}

QString StepView::noteText() const {
    return m_note->text();
}

void StepView::refreshNote() {
    const DenseTrace* t = m_model->trace();
    if (!m_step || !t) {
        m_note->setText(m_step ? tr("This model has no Dense layer.") : QString());
        return;
    }
    const int s = m_model->sample();
    const int y = m_step->labels[std::size_t(s)];
    const auto num = &StepTraceModel::number;
    QStringList parts;
    parts << tr("Dense %1: %2 units on %3 inputs. Sample %4, label %5.")
                 .arg(t->specIndex + 1)
                 .arg(t->units)
                 .arg(t->inputs)
                 .arg(s + 1)
                 .arg(StepBatchGrid::className(*m_step, y));
    if (t->shownUnits < t->units)
        parts << tr("The table shows the first %1 of its %2 units.").arg(t->shownUnits).arg(t->units);
    if (t->shownInputs < t->inputs)
        parts << tr("The W columns show the first %1 of its %2 inputs; z sums all %2.")
                     .arg(t->shownInputs)
                     .arg(t->inputs);
    if (m_model->view() == StepTraceModel::Units) {
        if (t->fusedSoftmax)
            parts << tr(
                "Softmax and cross-entropy are worked out together: a = softmax(z), and dL/dz = a − 1 "
                "for the label's unit and a for the others.");
        else
            parts << tr("f is %1.").arg(QString::fromLatin1(layerlab::activationName(t->activation)));
        parts << tr("The batch's dL/db is the mean of its %1 samples' dL/db; the optimizer moved b with it "
                    "(learning rate %2).")
                     .arg(t->samples)
                     .arg(num(m_step->learningRate));
    } else {
        const QModelIndex c = m_table->currentIndex();
        const int u = c.isValid() ? c.row() : 0, i = c.isValid() ? c.column() : 0;
        const std::size_t w = std::size_t(u) * t->shownInputs + std::size_t(i);
        const double dz = t->at(t->dZ, s, u), x = t->x[std::size_t(s) * t->shownInputs + std::size_t(i)];
        parts << tr("Unit %1, input %2: this sample's dL/dW = dL/dz × x = %3 × %4 = %5. The batch's dL/dW is "
                    "the mean over its %6 samples: %7 (the network's own backward gave the optimizer %8%9). "
                    "The step moved W from %10 to %11.")
                     .arg(u + 1)
                     .arg(i + 1)
                     .arg(num(dz), num(x), num(t->sampleGradW(s, u, i)))
                     .arg(t->samples)
                     .arg(num(t->meanGradW[w]), num(t->stepGradW[w]),
                          m_step->l2 > 0 ? tr(", with L2's λ·W") : QString(), num(t->weights[w]),
                          num(t->weightsAfter[w]));
        // Plain SGD moves W by -rate x gradient; momentum and Adam also carry earlier steps' gradients.
        const double rate = m_step->learningRate, sgd = t->weights[w] - rate * t->stepGradW[w];
        const double moved = t->weightsAfter[w] - t->weights[w];
        if (std::abs(t->weightsAfter[w] - sgd) <=
            1e-7 * std::max(1.0, std::abs(sgd)) + 1e-3 * std::abs(moved))
            parts << tr("That is W − learning rate × gradient: %1 − %2 × %3.")
                         .arg(num(t->weights[w]), num(rate), num(t->stepGradW[w]));
        else
            parts
                << tr("That is not W − learning rate × gradient (%1): this optimizer also uses the gradients "
                      "of earlier steps (momentum, Adam).")
                       .arg(num(sgd));
    }
    m_note->setText(parts.join(QLatin1Char(' ')));
}
