#include "widgets/compress/compress_dialog.h"

#include <qcustomplot.h>

#include <QCheckBox>
#include <QCloseEvent>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <exception>

#include "core/checkpoint.h"
#include "core/compression.h"
#include "widgets/common/busy_animation.h"
#include "widgets/common/save_file_dialog.h"
#include "widgets/session/compression_runner.h"

namespace {

enum Column { ColVariant, ColSize, ColAccuracy, ColAgreement, ColSpeed, ColCount };

QString percentText(double fraction) {
    return std::isfinite(fraction) ? QString::number(100 * fraction, 'f', 2) + QStringLiteral(" %")
                                   : QStringLiteral("–");
}

// "float32", "int8", "50%": the chart's tick under a variant.
QString shortName(const layerlab::CompressionVariant& v) {
    if (v.precision == "int8" && v.sparsity == 0) return QStringLiteral("int8");
    if (v.name == "float32") return QStringLiteral("float32");
    return QString::fromStdString(layerlab::sparsityText(v.sparsity)) + (v.fineTuneSeconds > 0 ? "+ft" : "");
}

QTableWidgetItem* numberItem(const QString& text, double value) {
    auto* item = new QTableWidgetItem(text);
    item->setData(Qt::UserRole, value);
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

}  // namespace

CompressDialog::CompressDialog(const layerlab::ModelSpec& spec, std::vector<float> params,
                               const QString& source, std::shared_ptr<const layerlab::Dataset> data,
                               QWidget* parent)
    : QDialog(parent), m_spec(spec), m_params(std::move(params)), m_source(source), m_data(std::move(data)) {
    setWindowTitle(tr("Compress Model"));
    m_runner = new CompressionRunner(this);
    connect(m_runner, &CompressionRunner::progress, this, &CompressDialog::onProgress);
    connect(m_runner, &CompressionRunner::finished, this, &CompressDialog::onFinished);
    connect(m_runner, &CompressionRunner::failed, this, &CompressDialog::onFailed);
    connect(m_runner, &CompressionRunner::cancelled, this, &CompressDialog::onCancelled);

    auto* intro = new QLabel(
        tr("<b>%1</b> (%2) on %3. Int8 quantization stores each Dense and Conv2D weight in one byte; "
           "pruning sets the smallest weights to zero. Each variant is tested on the test set.")
            .arg(QString::fromStdString(m_spec.name).toHtmlEscaped(), m_source.toHtmlEscaped(),
                 m_data ? QString::fromStdString(m_data->name).toHtmlEscaped() : tr("no dataset")),
        this);
    intro->setWordWrap(true);

    m_int8 = new QCheckBox(tr("int8 quantization (per-channel weights, calibrated activations)"), this);
    m_int8->setChecked(true);
    m_sparsities = new QLineEdit(QStringLiteral("0, 50, 80, 90, 95"), this);
    m_sparsities->setToolTip(
        tr("Magnitude pruning: one variant per sparsity, in percent from 0 to 99 (the share of each Dense "
           "and Conv2D layer's weights set to zero, smallest first). Empty: no pruned variants."));
    m_fineTune = new QSpinBox(this);
    m_fineTune->setRange(0, 1000);
    m_fineTune->setToolTip(
        tr("After pruning, train each pruned model this many epochs with its training settings, the pruned "
           "weights held at zero (0: no fine-tune)"));
    auto* form = new QFormLayout;
    form->addRow(tr("Precision:"), m_int8);
    form->addRow(tr("Sparsities (%):"), m_sparsities);
    form->addRow(tr("Fine-tune epochs:"), m_fineTune);

    m_run = new QPushButton(tr("&Run"), this);
    m_run->setDefault(true);
    connect(m_run, &QPushButton::clicked, this, &CompressDialog::run);
    m_cancel = new QPushButton(tr("&Cancel Sweep"), this);
    connect(m_cancel, &QPushButton::clicked, this, &CompressDialog::cancel);
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    endBusyAnimationWhenIdle(m_progress);  // busy until the first report, which may be 0 of n
    auto* runRow = new QHBoxLayout;
    runRow->addWidget(m_run);
    runRow->addWidget(m_cancel);
    runRow->addWidget(m_progress, 1);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);

    m_table = new QTableWidget(0, ColCount, this);
    m_table->setHorizontalHeaderLabels(
        {tr("Variant"), tr("Size (KB)"), tr("Test accuracy"), tr("Agreement with float32"), tr("Images/s")});
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &CompressDialog::updateButtons);
    connect(m_table, &QTableWidget::cellDoubleClicked, this, [this] { useSelectedInEvaluate(); });

    m_chart = new QCustomPlot(this);
    m_chart->setMinimumHeight(220);
    m_chart->xAxis->setLabel(tr("variant (precision or sparsity)"));
    m_chart->yAxis->setLabel(tr("test accuracy (%)"));
    m_chart->yAxis2->setLabel(tr("size (KB)"));
    m_chart->yAxis2->setVisible(true);
    // The legend in a row of its own above the axes, where it hides no bar or point.
    m_chart->legend->setVisible(false);  // until there is something to name
    m_chart->axisRect()->insetLayout()->take(m_chart->legend);
    m_chart->plotLayout()->insertRow(0);
    m_chart->plotLayout()->addElement(0, 0, m_chart->legend);
    m_chart->plotLayout()->setRowStretchFactor(0, 0.001);
    m_chart->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    m_chart->legend->setBorderPen(Qt::NoPen);

    auto* results = new QSplitter(Qt::Vertical, this);
    results->addWidget(m_table);
    results->addWidget(m_chart);
    results->setStretchFactor(0, 1);
    results->setStretchFactor(1, 1);

    m_save = new QPushButton(tr("&Save Variant…"), this);
    m_save->setToolTip(
        tr("Write the selected variant as a checkpoint (int8: a checkpoint holding one byte per quantized "
           "weight that "
           "layerlab-cli evaluate and the studio run quantized)"));
    connect(m_save, &QPushButton::clicked, this, &CompressDialog::saveSelectedInteractive);
    m_use = new QPushButton(tr("&Use in Evaluate"), this);
    m_use->setToolTip(
        tr("Show the selected variant in the Evaluate tab (the trained weights stay as they are)"));
    connect(m_use, &QPushButton::clicked, this, &CompressDialog::useSelectedInEvaluate);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_save, QDialogButtonBox::ActionRole);
    buttons->addButton(m_use, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &CompressDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addLayout(runRow);
    layout->addWidget(m_status);
    layout->addWidget(results, 1);
    layout->addWidget(buttons);

    if (m_params.empty())
        m_problem =
            tr("There are no trained weights to compress: train the model (F5) or load a checkpoint.");
    else if (!m_data)
        m_problem = tr("No dataset is loaded: the variants are tested on its test set. Load one first.");
    m_status->setText(m_problem.isEmpty() ? tr("Choose the variants and press Run.") : m_problem);
    setRunning(false);
    resize(820, 720);
}

CompressDialog::~CompressDialog() = default;

void CompressDialog::setInt8(bool on) {
    m_int8->setChecked(on);
}

void CompressDialog::setSparsities(const QString& percentList) {
    m_sparsities->setText(percentList);
}

void CompressDialog::setFineTuneEpochs(int epochs) {
    m_fineTune->setValue(epochs);
}

bool CompressDialog::plan(layerlab::CompressionPlan* out) const {
    layerlab::CompressionPlan p;
    p.int8 = m_int8->isChecked();
    p.fineTuneEpochs = m_fineTune->value();
    p.threads = m_spec.training.threads;
    const QStringList items =
        m_sparsities->text().split(QRegularExpression(QStringLiteral("[,;\\s]+")), Qt::SkipEmptyParts);
    for (QString item : items) {
        if (item.endsWith('%')) item.chop(1);
        bool ok = false;
        const double percent = item.toDouble(&ok);
        if (!ok) {
            m_problem =
                tr("Sparsities: '%1' is not a number; give percentages from 0 to 99, e.g. 0, 50, 80, 90, 95.")
                    .arg(item);
            return false;
        }
        if (const std::string why = layerlab::checkSparsity(percent / 100); !why.empty()) {
            m_problem = tr("Sparsities: %1.").arg(QString::fromStdString(why));
            return false;
        }
        p.sparsities.push_back(percent / 100);
    }
    if (!p.int8 && p.sparsities.empty()) {
        m_problem = tr("Nothing to compress: tick int8 quantization or give at least one sparsity.");
        return false;
    }
    if (p.fineTuneEpochs > 0 &&
        std::none_of(p.sparsities.begin(), p.sparsities.end(), [](double s) { return s > 0; })) {
        m_problem =
            tr("Fine-tune epochs fine-tune a pruned model: give a sparsity above 0, or set them to 0.");
        return false;
    }
    if (const std::string why = layerlab::checkCompressionPlan(p); !why.empty()) {
        m_problem = QString::fromStdString(why);
        return false;
    }
    m_problem.clear();
    if (out) *out = p;
    return true;
}

bool CompressDialog::isRunning() const {
    return m_runner->isRunning();
}

QString CompressDialog::statusText() const {
    return m_status->text();
}

void CompressDialog::run() {
    if (isRunning()) return;
    if (m_params.empty() || !m_data) {
        m_status->setText(m_problem);
        return;
    }
    layerlab::CompressionPlan p;
    if (!plan(&p)) {
        m_status->setText(m_problem);
        return;
    }
    if (!m_runner->start(m_spec, m_params, m_data, p)) return;
    m_progress->setRange(0, 0);  // busy until the first progress report
    m_status->setText(tr("Compressing…"));
    setRunning(true);
}

void CompressDialog::cancel() {
    if (!isRunning()) return;
    m_runner->cancel();
    m_status->setText(tr("Cancelling…"));
    m_cancel->setEnabled(false);
}

void CompressDialog::reject() {
    if (isRunning()) {
        m_closing = true;
        m_runner->cancel();
        hide();
        return;
    }
    QDialog::reject();
}

void CompressDialog::closeEvent(QCloseEvent* event) {
    if (isRunning()) {  // else QDialog closes it now, and its runner's destructor would wait for the batch
        event->ignore();
        reject();
        return;
    }
    QDialog::closeEvent(event);
}

bool CompressDialog::finishClosing() {
    if (!m_closing) return false;
    m_closing = false;
    QDialog::reject();
    return true;
}

void CompressDialog::onProgress(int step, int steps, const QString& what) {
    m_progress->setRange(0, steps);
    m_progress->setValue(step);
    m_status->setText(tr("Step %1 of %2: %3…").arg(step + 1).arg(steps).arg(what));
}

void CompressDialog::onFinished(std::shared_ptr<const layerlab::CompressionSweep> sweep) {
    m_sweep = std::move(sweep);
    setRunning(false);
    if (finishClosing()) return;  // closed while it ran: the dialog goes, and the sweep with it
    m_progress->setRange(0, 1);
    m_progress->setValue(1);
    showSweep();
    bool int8 = false;
    for (const auto& v : m_sweep->variants) int8 |= !v.quantization.empty();
    QString text =
        tr("%1 variants tested on %2 test images").arg(m_sweep->variants.size()).arg(m_sweep->testImages);
    if (int8)
        text += tr("; int8 calibrated on %1 training images. The engine dequantizes int8 weights on load and "
                   "rounds each layer's input to int8 (no int8 kernels: int8 accuracy at float32 speed)")
                    .arg(m_sweep->calibration);
    text += tr(". Pruned sizes are a sparse format: a bitmask and the nonzero weights.");
    m_status->setText(text);
}

void CompressDialog::onFailed(const QString& message) {
    setRunning(false);
    if (finishClosing()) return;
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    endBusyAnimationWhenIdle(m_progress);  // busy until the first report, which may be 0 of n
    m_status->setText(tr("Compression failed: %1").arg(message));
}

void CompressDialog::onCancelled() {
    setRunning(false);
    if (finishClosing()) return;
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    endBusyAnimationWhenIdle(m_progress);  // busy until the first report, which may be 0 of n
    m_status->setText(tr("Cancelled: nothing was kept from this sweep."));
}

void CompressDialog::setRunning(bool running) {
    const bool usable = !m_params.empty() && m_data;
    m_run->setEnabled(!running && usable);
    m_cancel->setEnabled(running);
    m_int8->setEnabled(!running && usable);
    m_sparsities->setEnabled(!running && usable);
    m_fineTune->setEnabled(!running && usable);
    updateButtons();
}

void CompressDialog::updateButtons() {
    const bool chosen = !isRunning() && selectedVariant() >= 0;
    m_save->setEnabled(chosen);
    m_use->setEnabled(chosen);
}

void CompressDialog::showSweep() {
    const auto& variants = m_sweep->variants;
    m_table->setRowCount(int(variants.size()));
    for (int r = 0; r < int(variants.size()); ++r) {
        const layerlab::CompressionVariant& v = variants[std::size_t(r)];
        m_table->setItem(r, ColVariant, new QTableWidgetItem(QString::fromStdString(v.name)));
        m_table->setItem(r, ColSize,
                         numberItem(QString::number(double(v.bytes) / 1024, 'f', 1), double(v.bytes)));
        m_table->setItem(r, ColAccuracy, numberItem(percentText(v.accuracy), v.accuracy));
        m_table->setItem(r, ColAgreement, numberItem(percentText(v.agreement), v.agreement));
        m_table->setItem(r, ColSpeed,
                         numberItem(QString::number(v.imagesPerSecond, 'f', 0), v.imagesPerSecond));
    }

    // Accuracy (left axis, line) and size (right axis, bars) per variant, in the table's order.
    m_chart->clearPlottables();
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    QVector<double> x, accuracy, size;
    double low = 100, high = 0, biggest = 0;
    for (int r = 0; r < int(variants.size()); ++r) {
        const auto& v = variants[std::size_t(r)];
        x.push_back(r);
        accuracy.push_back(100 * v.accuracy);
        size.push_back(double(v.bytes) / 1024);
        ticker->addTick(r, shortName(v));
        low = std::min(low, 100 * v.accuracy);
        high = std::max(high, 100 * v.accuracy);
        biggest = std::max(biggest, double(v.bytes) / 1024);
    }
    auto* bars = new QCPBars(m_chart->xAxis, m_chart->yAxis2);
    bars->setName(tr("size (KB, right axis)"));
    bars->setWidth(0.5);
    bars->setPen(QPen(QColor(150, 150, 150)));
    bars->setBrush(QColor(190, 190, 190, 120));
    bars->setData(x, size);
    auto* acc = m_chart->addGraph(m_chart->xAxis, m_chart->yAxis);
    acc->setName(tr("test accuracy (%)"));
    acc->setPen(QPen(QColor(31, 119, 180), 2));
    acc->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QColor(31, 119, 180), Qt::white, 8));
    acc->setData(x, accuracy, true);
    m_chart->xAxis->setTicker(ticker);
    m_chart->xAxis->setRange(-0.6, double(variants.size()) - 0.4);
    const double pad = std::max(1.0, (high - low) * 0.15);
    m_chart->yAxis->setRange(std::max(0.0, low - pad), std::min(100.0, high + pad));
    m_chart->yAxis2->setRange(0, std::max(1.0, biggest * 1.1));
    m_chart->legend->setVisible(true);
    m_chart->replot(QCustomPlot::rpQueuedReplot);

    selectVariant(0);
}

int CompressDialog::selectedVariant() const {
    if (!m_sweep) return -1;
    const QList<QTableWidgetItem*> items = m_table->selectedItems();
    if (items.isEmpty()) return -1;
    const int row = items.first()->row();
    return row >= 0 && row < int(m_sweep->variants.size()) ? row : -1;
}

void CompressDialog::selectVariant(int row) {
    m_table->selectRow(row);
    updateButtons();
}

QString CompressDialog::variantLabel(int row) const {
    return tr("%1 of %2 (Compress Model)")
        .arg(QString::fromStdString(m_sweep->variants[std::size_t(row)].name), m_source);
}

bool CompressDialog::saveVariantTo(int row, const QString& path, QString* error) {
    if (!m_sweep || row < 0 || row >= int(m_sweep->variants.size())) {
        if (error) *error = tr("Choose a variant in the table first.");
        return false;
    }
    const layerlab::CompressionVariant& v = m_sweep->variants[std::size_t(row)];
    try {
        layerlab::saveCheckpoint(path.toStdString(), m_spec, v.params, v.quantization);
    } catch (const std::exception& e) {
        if (error) *error = QString::fromStdString(e.what());
        return false;
    }
    return true;
}

void CompressDialog::saveSelectedInteractive() {
    const int row = selectedVariant();
    if (row < 0) return;
    const auto& v = m_sweep->variants[std::size_t(row)];
    QString suggested = QString::fromStdString(m_spec.name + "-" + v.name);
    suggested.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9_.-]+")), QStringLiteral("-"));
    suggested.replace(QRegularExpression(QStringLiteral("-+$")), QString());
    const QString path = askSavePath(this, tr("Save Compressed Checkpoint"), suggested + ".llckpt",
                                     tr("LayerLab checkpoints (*.llckpt)"), QStringLiteral("llckpt"));
    if (path.isEmpty()) return;
    QString error;
    if (!saveVariantTo(row, path, &error)) {
        QMessageBox::warning(this, tr("Save Compressed Checkpoint"),
                             tr("Could not save %1.\n\n%2").arg(path, error));
        return;
    }
    m_status->setText(
        v.quantization.empty()
            ? tr("Saved %1 to %2 (a float32 checkpoint).").arg(QString::fromStdString(v.name), path)
            : tr("Saved %1 to %2 (an int8 checkpoint).").arg(QString::fromStdString(v.name), path));
}

void CompressDialog::useSelectedInEvaluate() {
    const int row = selectedVariant();
    if (row < 0) return;
    emit useInEvaluate(m_sweep->variants[std::size_t(row)], variantLabel(row));
}
