#include "widgets/training/training_config_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QThread>
#include <QVBoxLayout>
#include <climits>
#include <cmath>

#include "core/dataset.h"
#include "widgets/common/scientific_spin_box.h"
#include "widgets/document/model_document.h"

using namespace layerlab;

namespace {

QDoubleSpinBox* doubleSpin(QWidget* parent, double lo, double hi, int decimals, const QString& tip) {
    auto* s = new QDoubleSpinBox(parent);
    s->setRange(lo, hi);
    s->setDecimals(decimals);
    s->setStepType(QAbstractSpinBox::AdaptiveDecimalStepType);
    s->setKeyboardTracking(false);  // one edit per committed value, not per keystroke
    s->setToolTip(tip);
    return s;
}

QDoubleSpinBox* sciSpin(QWidget* parent, double lo, double hi, double smallest, const QString& tip) {
    auto* s = new ScientificSpinBox(parent);
    s->setRange(lo, hi);
    s->setSmallestStep(smallest);
    s->setToolTip(tip);
    return s;
}

QSpinBox* intSpin(QWidget* parent, int lo, int hi, const QString& tip) {
    auto* s = new QSpinBox(parent);
    s->setRange(lo, hi);
    s->setKeyboardTracking(false);
    s->setToolTip(tip);
    return s;
}

QComboBox* monitorCombo(QWidget* parent, const QString& tip) {
    auto* c = new QComboBox(parent);
    c->addItem(QObject::tr("validation loss"), int(Monitor::ValLoss));
    c->addItem(QObject::tr("validation accuracy"), int(Monitor::ValAccuracy));
    c->setToolTip(tip);
    return c;
}

QFormLayout* form(QGroupBox* box) {
    auto* f = new QFormLayout(box);
    f->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    f->setContentsMargins(6, 6, 6, 6);
    f->setVerticalSpacing(4);
    return f;
}

}  // namespace

TrainingConfigPanel::TrainingConfigPanel(ModelDocument* document, QWidget* parent)
    : QWidget(parent), m_doc(document) {
    auto* v = new QVBoxLayout(this);
    v->setContentsMargins(4, 4, 4, 4);

    m_lockNote =
        new QLabel(tr("Settings are locked while training runs. Stop (Shift+F5) to change them."), this);
    m_lockNote->setWordWrap(true);
    m_lockNote->setStyleSheet(QStringLiteral("color: palette(dark);"));
    m_lockNote->setVisible(false);
    v->addWidget(m_lockNote);

    // Data
    auto* dataBox = new QGroupBox(tr("Data"), this);
    auto* df = form(dataBox);
    m_dataset = new QComboBox(dataBox);
    m_dataset->addItem(tr("MNIST (digits)"), int(DatasetKind::MNIST));
    m_dataset->addItem(tr("Fashion-MNIST (clothes)"), int(DatasetKind::FashionMNIST));
    m_dataset->addItem(tr("MNIST subset (bundled, 2,000 images)"), int(DatasetKind::Subset));
    m_dataset->setToolTip(
        tr("The images the model learns from. The bundled subset is small: fast, but it "
           "reaches lower test accuracy than full MNIST."));
    df->addRow(tr("Dataset"), m_dataset);
    m_validationSplit =
        doubleSpin(dataBox, 0, 50, 1,
                   tr("Share of the training images held out to measure validation loss and "
                      "accuracy after each epoch. They are not trained on; early stopping watches them."));
    m_validationSplit->setSuffix(QStringLiteral(" %"));
    df->addRow(tr("Validation split"), m_validationSplit);
    v->addWidget(dataBox);

    // Loss and optimizer
    auto* optBox = new QGroupBox(tr("Loss and optimizer"), this);
    m_optimizerForm = form(optBox);
    m_loss = new QComboBox(optBox);
    m_loss->addItem(tr("Cross-entropy"), int(LossType::CrossEntropy));
    m_loss->addItem(tr("Mean squared error"), int(LossType::MeanSquaredError));
    m_loss->setToolTip(
        tr("What training minimises. Cross-entropy suits classification (pair it with a Softmax "
           "output); mean squared error on one-hot targets learns more slowly."));
    m_optimizerForm->addRow(tr("Loss"), m_loss);
    m_optimizer = new QComboBox(optBox);
    m_optimizer->addItem(QStringLiteral("Adam"), int(OptimizerType::Adam));
    m_optimizer->addItem(QStringLiteral("SGD"), int(OptimizerType::SGD));
    m_optimizer->addItem(QStringLiteral("RMSprop"), int(OptimizerType::RMSprop));
    m_optimizer->addItem(QStringLiteral("Adagrad"), int(OptimizerType::Adagrad));
    m_optimizer->setToolTip(
        tr("How each gradient becomes a weight update. Adam adapts the step per weight and "
           "works with little tuning; SGD with momentum needs a larger learning rate."));
    m_optimizerForm->addRow(tr("Optimizer"), m_optimizer);
    m_learningRate =
        sciSpin(optBox, 1e-6, 10, 1e-6,
                tr("Size of each update step. Too large and the loss jumps or diverges; too small "
                   "and it falls slowly. Adam: about 0.001; SGD: about 0.01-0.1."));
    m_optimizerForm->addRow(tr("Learning rate"), m_learningRate);
    m_momentum = doubleSpin(optBox, 0, 0.999, 3,
                            tr("SGD: share of the previous update carried into the next. Smooths noisy "
                               "gradients and speeds up progress along consistent directions."));
    m_optimizerForm->addRow(tr("Momentum"), m_momentum);
    m_nesterov = new QCheckBox(tr("Nesterov"), optBox);
    m_nesterov->setToolTip(
        tr("SGD: take the gradient after the momentum step (looks ahead); often a little "
           "faster and steadier."));
    m_optimizerForm->addRow(QString(), m_nesterov);
    m_beta1 =
        doubleSpin(optBox, 0, 0.9999, 4,
                   tr("Adam: decay of the running mean of gradients (momentum). Higher = smoother, slower "
                      "to react."));
    m_optimizerForm->addRow(tr("β₁"), m_beta1);
    m_beta2 =
        doubleSpin(optBox, 0, 0.99999, 5,
                   tr("Adam: decay of the running mean of squared gradients, which scales each weight's "
                      "step."));
    m_optimizerForm->addRow(tr("β₂"), m_beta2);
    m_rho =
        doubleSpin(optBox, 0, 0.9999, 4,
                   tr("RMSprop: decay of the running mean of squared gradients. Higher = longer memory."));
    m_optimizerForm->addRow(tr("ρ (decay)"), m_rho);
    m_epsilon = sciSpin(optBox, 1e-12, 1, 1e-12,
                        tr("Small number added to the denominator so steps stay finite when gradients are "
                           "tiny. Rarely needs changing."));
    m_optimizerForm->addRow(tr("ε"), m_epsilon);
    m_l2 = sciSpin(optBox, 0, 1, 1e-5,
                   tr("L2 weight decay λ: adds λ/2·Σw² to the loss, pulling weights towards 0. Fights "
                      "overfitting; too large and the model underfits. Try 0.0001."));
    m_optimizerForm->addRow(tr("L2 (λ)"), m_l2);
    v->addWidget(optBox);

    // Learning-rate schedule
    auto* schedBox = new QGroupBox(tr("Learning-rate schedule"), this);
    m_scheduleForm = form(schedBox);
    m_schedule = new QComboBox(schedBox);
    m_schedule->addItem(tr("constant"), int(ScheduleType::Constant));
    m_schedule->addItem(tr("step decay"), int(ScheduleType::Step));
    m_schedule->addItem(tr("cosine decay"), int(ScheduleType::Cosine));
    m_schedule->addItem(tr("reduce on plateau"), int(ScheduleType::Plateau));
    m_schedule->setToolTip(tr(
        "How the learning rate changes during the run. A large rate learns fast at first; a smaller one "
        "later lets the weights settle instead of bouncing around the minimum.\n"
        "constant: never changes. step decay: × factor every few epochs. cosine decay: glides down to the "
        "minimum over all epochs. reduce on plateau: × factor when the monitored metric stops improving."));
    m_schedule->setObjectName(QStringLiteral("scheduleType"));
    m_scheduleForm->addRow(tr("Schedule"), m_schedule);
    m_factor = doubleSpin(schedBox, 0.01, 0.99, 2,
                          tr("Multiply the learning rate by this at each reduction (0.2 = a fifth)."));
    m_factor->setObjectName(QStringLiteral("scheduleFactor"));
    m_scheduleForm->addRow(tr("Factor"), m_factor);
    m_every = intSpin(schedBox, 1, 1000, tr("Epochs between two reductions."));
    m_scheduleForm->addRow(tr("Every (epochs)"), m_every);
    m_plateauMonitor = monitorCombo(schedBox, tr("The metric whose stalling lowers the learning rate."));
    m_scheduleForm->addRow(tr("Monitor"), m_plateauMonitor);
    m_plateauPatience =
        intSpin(schedBox, 1, 100, tr("Epochs without improvement before the learning rate is lowered."));
    m_plateauPatience->setObjectName(QStringLiteral("schedulePatience"));
    m_scheduleForm->addRow(tr("Patience"), m_plateauPatience);
    m_minLr = sciSpin(schedBox, 0, 10, 1e-8, tr("The learning rate never goes below this."));
    m_scheduleForm->addRow(tr("Minimum rate"), m_minLr);
    v->addWidget(schedBox);

    // Run
    auto* runBox = new QGroupBox(tr("Run"), this);
    auto* rf = form(runBox);
    m_epochs = intSpin(runBox, 1, 1000,
                       tr("How many passes over the training images. More epochs learn more, "
                          "until the validation curve stops improving (overfitting)."));
    rf->addRow(tr("Epochs"), m_epochs);
    m_batchSize = intSpin(runBox, 1, 4096,
                          tr("Images per update step. Larger batches give smoother gradients and more "
                             "samples/s but fewer steps per epoch; small ones are noisier."));
    rf->addRow(tr("Batch size"), m_batchSize);
    m_seed = intSpin(runBox, 0, INT_MAX,
                     tr("Seeds the weight initialisation, shuffling and dropout. The same seed and settings "
                        "give the same run."));
    rf->addRow(tr("Seed"), m_seed);
    m_threads =
        intSpin(runBox, 0, 256,
                tr("CPU threads used for training. More threads = faster, until there are no more cores."));
    m_threads->setSpecialValueText(tr("all cores (%1)").arg(QThread::idealThreadCount()));
    rf->addRow(tr("Threads"), m_threads);
    v->addWidget(runBox);

    // Early stopping
    m_early = new QGroupBox(tr("Early stopping"), this);
    m_early->setCheckable(true);
    m_early->setToolTip(
        tr("Stop when the validation metric has not improved for `patience` epochs, so the "
           "model does not keep fitting noise. Needs a validation split."));
    auto* ef = form(m_early);
    m_monitor = monitorCombo(
        m_early, tr("The number watched after each epoch: lower validation loss or higher validation "
                    "accuracy counts as an improvement."));
    ef->addRow(tr("Monitor"), m_monitor);
    m_patience = intSpin(m_early, 1, 100, tr("Epochs without improvement before training stops."));
    ef->addRow(tr("Patience"), m_patience);
    m_restoreBest = new QCheckBox(tr("Restore best weights"), m_early);
    m_restoreBest->setToolTip(
        tr("When stopping, go back to the weights of the best epoch instead of keeping "
           "the last ones."));
    ef->addRow(QString(), m_restoreBest);
    v->addWidget(m_early);
    v->addStretch(1);

    for (QComboBox* c : {m_dataset, m_loss, m_optimizer, m_monitor, m_schedule, m_plateauMonitor}) {
        // Narrow docks: do not size the combo to its longest entry.
        c->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        c->setMinimumContentsLength(10);
    }
    for (QComboBox* c : {m_dataset, m_loss, m_optimizer, m_monitor, m_schedule, m_plateauMonitor})
        connect(c, qOverload<int>(&QComboBox::currentIndexChanged), this, &TrainingConfigPanel::commit);
    for (QDoubleSpinBox* s : {m_learningRate, m_momentum, m_beta1, m_beta2, m_epsilon, m_rho, m_l2,
                              m_validationSplit, m_factor, m_minLr})
        connect(s, qOverload<double>(&QDoubleSpinBox::valueChanged), this, &TrainingConfigPanel::commit);
    for (QSpinBox* s : {m_batchSize, m_epochs, m_seed, m_threads, m_patience, m_every, m_plateauPatience})
        connect(s, qOverload<int>(&QSpinBox::valueChanged), this, &TrainingConfigPanel::commit);
    for (QCheckBox* c : {m_nesterov, m_restoreBest})
        connect(c, &QCheckBox::toggled, this, &TrainingConfigPanel::commit);
    connect(m_early, &QGroupBox::toggled, this, &TrainingConfigPanel::commit);
    connect(m_doc, &ModelDocument::changed, this, &TrainingConfigPanel::refresh);

    refreshDatasetAvailability();
    refresh();
}

void TrainingConfigPanel::refreshDatasetAvailability() {
    auto* model = qobject_cast<QStandardItemModel*>(m_dataset->model());
    for (int i = 0; i < m_dataset->count(); ++i) {
        const auto kind = DatasetKind(m_dataset->itemData(i).toInt());
        const DataLocation loc = locateDataset(kind);
        QString tip;
        if (loc.found)
            tip = tr("Found in %1 (%2).")
                      .arg(QString::fromStdString(loc.directory), QString::fromStdString(loc.how));
        else
            tip = tr("Not found on this computer. To get it: %1").arg(QString::fromStdString(loc.hint));
        m_dataset->setItemData(i, tip, Qt::ToolTipRole);
        if (model) model->item(i)->setEnabled(loc.found);
    }
}

void TrainingConfigPanel::setLocked(bool locked) {
    for (QWidget* w : findChildren<QGroupBox*>()) w->setEnabled(!locked);
    m_lockNote->setVisible(locked);
}

void TrainingConfigPanel::updateOptimizerRows(OptimizerType t) {
    m_optimizerForm->setRowVisible(m_momentum, t == OptimizerType::SGD);
    m_optimizerForm->setRowVisible(m_nesterov, t == OptimizerType::SGD);
    m_optimizerForm->setRowVisible(m_beta1, t == OptimizerType::Adam);
    m_optimizerForm->setRowVisible(m_beta2, t == OptimizerType::Adam);
    m_optimizerForm->setRowVisible(m_rho, t == OptimizerType::RMSprop);
    m_optimizerForm->setRowVisible(m_epsilon, t != OptimizerType::SGD);
}

void TrainingConfigPanel::updateScheduleRows(ScheduleType t) {
    m_scheduleForm->setRowVisible(m_factor, t == ScheduleType::Step || t == ScheduleType::Plateau);
    m_scheduleForm->setRowVisible(m_every, t == ScheduleType::Step);
    m_scheduleForm->setRowVisible(m_plateauMonitor, t == ScheduleType::Plateau);
    m_scheduleForm->setRowVisible(m_plateauPatience, t == ScheduleType::Plateau);
    m_scheduleForm->setRowVisible(m_minLr, t != ScheduleType::Constant);
}

void TrainingConfigPanel::refresh() {
    m_refreshing = true;
    const TrainingSpec& t = m_doc->spec().training;
    auto select = [](QComboBox* c, int value) { c->setCurrentIndex(std::max(0, c->findData(value))); };
    select(m_dataset, int(t.dataset));
    select(m_loss, int(t.loss));
    select(m_optimizer, int(t.optimizer.type));
    select(m_monitor, int(t.earlyStopping.monitor));
    select(m_schedule, int(t.schedule.type));
    select(m_plateauMonitor, int(t.schedule.monitor));
    m_factor->setValue(t.schedule.factor);
    m_every->setValue(t.schedule.every);
    m_plateauPatience->setValue(t.schedule.patience);
    m_minLr->setValue(t.schedule.minLr);
    m_learningRate->setValue(t.optimizer.learningRate);
    m_momentum->setValue(t.optimizer.momentum);
    m_nesterov->setChecked(t.optimizer.nesterov);
    m_beta1->setValue(t.optimizer.beta1);
    m_beta2->setValue(t.optimizer.beta2);
    m_epsilon->setValue(t.optimizer.epsilon);
    m_rho->setValue(t.optimizer.rho);
    m_l2->setValue(t.l2);
    m_batchSize->setValue(t.batchSize);
    m_epochs->setValue(t.epochs);
    m_validationSplit->setValue(t.validationSplit * 100.0);
    m_seed->setValue(int(std::min<unsigned long long>(t.seed, INT_MAX)));
    m_threads->setValue(t.threads);
    m_early->setChecked(t.earlyStopping.enabled);
    m_patience->setValue(t.earlyStopping.patience);
    m_restoreBest->setChecked(t.earlyStopping.restoreBest);
    updateOptimizerRows(t.optimizer.type);
    updateScheduleRows(t.schedule.type);
    m_refreshing = false;
}

void TrainingConfigPanel::commit() {
    if (m_refreshing) return;
    TrainingSpec t = m_doc->spec().training;
    t.dataset = DatasetKind(m_dataset->currentData().toInt());
    t.loss = LossType(m_loss->currentData().toInt());
    t.optimizer.type = OptimizerType(m_optimizer->currentData().toInt());
    // Spin boxes round to their decimals: only take a value the user changed, so untouched fields keep
    // their exact float.
    auto take = [](float& field, double shown, int decimals) {
        const double tol =
            decimals >= 15 ? 1e-6 * std::max(std::abs(shown), 1e-30) : 0.5 * std::pow(10.0, -decimals);
        if (std::abs(double(field) - shown) > tol) field = float(shown);
    };
    take(t.optimizer.learningRate, m_learningRate->value(), m_learningRate->decimals());
    take(t.optimizer.momentum, m_momentum->value(), m_momentum->decimals());
    take(t.optimizer.beta1, m_beta1->value(), m_beta1->decimals());
    take(t.optimizer.beta2, m_beta2->value(), m_beta2->decimals());
    take(t.optimizer.epsilon, m_epsilon->value(), m_epsilon->decimals());
    take(t.optimizer.rho, m_rho->value(), m_rho->decimals());
    take(t.l2, m_l2->value(), m_l2->decimals());
    float split = t.validationSplit * 100.0f;
    take(split, m_validationSplit->value(), m_validationSplit->decimals());
    if (std::abs(split - t.validationSplit * 100.0f) > 1e-4f) t.validationSplit = split / 100.0f;
    t.optimizer.nesterov = m_nesterov->isChecked();
    t.batchSize = m_batchSize->value();
    t.epochs = m_epochs->value();
    if ((unsigned long long)m_seed->value() != std::min<unsigned long long>(t.seed, INT_MAX))
        t.seed = m_seed->value();
    t.threads = m_threads->value();
    t.earlyStopping.enabled = m_early->isChecked();
    t.earlyStopping.monitor = Monitor(m_monitor->currentData().toInt());
    t.earlyStopping.patience = m_patience->value();
    t.earlyStopping.restoreBest = m_restoreBest->isChecked();
    t.schedule.type = ScheduleType(m_schedule->currentData().toInt());
    t.schedule.monitor = Monitor(m_plateauMonitor->currentData().toInt());
    take(t.schedule.factor, m_factor->value(), m_factor->decimals());
    take(t.schedule.minLr, m_minLr->value(), m_minLr->decimals());
    t.schedule.every = m_every->value();
    t.schedule.patience = m_plateauPatience->value();
    if (t != m_doc->spec().training) m_doc->setTraining(t);
}
