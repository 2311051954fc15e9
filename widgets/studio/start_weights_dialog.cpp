#include "widgets/studio/start_weights_dialog.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QShowEvent>
#include <QTableWidget>
#include <QVBoxLayout>

#include "core/layer_types.h"
#include "widgets/common/layer_catalog.h"
#include "widgets/common/layer_icons.h"

using layerlab::LayerTransfer;

namespace {
const QColor kLoaded(0x1e, 0x7d, 0x32);
const QColor kFresh(0x9a, 0x5b, 0x00);
const QColor kNoMatch(0xb3, 0x26, 0x1e);

QString outcomeText(LayerTransfer::Outcome o) {
    switch (o) {
        case LayerTransfer::Outcome::Loaded:
            return StartWeightsDialog::tr("\u2713 gets weights");
        case LayerTransfer::Outcome::Fresh:
            return StartWeightsDialog::tr("\u21bb starts fresh");
        case LayerTransfer::Outcome::NotMatched:
            return StartWeightsDialog::tr("\u2717 no match");
    }
    return {};
}

QColor outcomeColor(LayerTransfer::Outcome o) {
    return o == LayerTransfer::Outcome::Loaded  ? kLoaded
           : o == LayerTransfer::Outcome::Fresh ? kFresh
                                                : kNoMatch;
}
}  // namespace

StartWeightsDialog::StartWeightsDialog(const layerlab::WeightTransfer& plan, const QString& checkpointName,
                                       const QString& modelName, QWidget* parent)
    : QDialog(parent) {
    setWindowTitle(tr("Start from Weights"));
    setObjectName(QStringLiteral("startWeightsDialog"));
    auto* layout = new QVBoxLayout(this);

    auto* intro = new QLabel(
        tr("Weights of <b>%1</b> for <b>%2</b>, layer by layer: the layers with weights are paired in order "
           "(pooling, Flatten, Dropout and activations do not count), and a pair of the same type and shape "
           "gets the checkpoint's weights. The other layers start from fresh weights, as a new run would. "
           "Nothing changes until you choose <i>Use These Weights</i>; Start (F5) then trains from them.")
            .arg(checkpointName.toHtmlEscaped(), modelName.toHtmlEscaped()),
        this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    m_table = new QTableWidget(int(plan.layers.size()), 4, this);
    m_table->setHorizontalHeaderLabels({tr("Layer"), tr("Shape here"), tr("Result"), tr("From / why")});
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    m_table->setWordWrap(true);
    for (int row = 0; row < int(plan.layers.size()); ++row) {
        const LayerTransfer& l = plan.layers[row];
        auto* layer = new QTableWidgetItem(
            layerIcon(l.type), tr("%1 %2").arg(QString::fromStdString(layerlab::layerNumber(l.path)),
                                               LayerCatalog::displayName(l.type)));
        layer->setToolTip(QString::fromStdString(l.id));
        m_table->setItem(row, LayerColumn, layer);
        m_table->setItem(row, ShapeColumn, new QTableWidgetItem(QString::fromStdString(l.shape)));
        auto* outcome = new QTableWidgetItem(outcomeText(l.outcome));
        outcome->setForeground(outcomeColor(l.outcome));
        QFont bold = outcome->font();
        bold.setBold(true);
        outcome->setFont(bold);
        outcome->setData(Qt::UserRole, int(l.outcome));
        m_table->setItem(row, OutcomeColumn, outcome);
        const QString detail = l.outcome == LayerTransfer::Outcome::Loaded
                                   ? tr("the checkpoint's %1").arg(QString::fromStdString(l.source))
                                   : QString::fromStdString(l.reason);
        auto* why = new QTableWidgetItem(detail);
        why->setToolTip(detail);
        m_table->setItem(row, DetailColumn, why);
    }
    m_table->horizontalHeader()->setSectionResizeMode(LayerColumn, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(ShapeColumn, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(OutcomeColumn, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(DetailColumn, QHeaderView::Stretch);
    m_table->setFocusPolicy(Qt::NoFocus);
    m_table->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    connect(m_table->horizontalHeader(), &QHeaderView::sectionResized, this, [this] { fitRows(); });
    layout->addWidget(m_table, 1);

    QStringList unused;
    for (const std::string& u : plan.unused) unused << QString::fromStdString(u);
    m_unused = new QLabel(
        unused.isEmpty() ? QString()
                         : tr("Not used from the checkpoint: %1.").arg(unused.join(QStringLiteral("; "))),
        this);
    m_unused->setWordWrap(true);
    m_unused->setVisible(!unused.isEmpty());
    layout->addWidget(m_unused);

    const std::string refusal = plan.refusal();
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    if (refusal.empty()) {
        m_summary->setText(QString::fromStdString(plan.summary()) + QLatin1Char('.'));
    } else {
        m_summary->setText(tr("\u2717 Nothing to load: %1.").arg(QString::fromStdString(refusal)));
        m_summary->setStyleSheet(QStringLiteral("QLabel { color: #b3261e; }"));
    }
    layout->addWidget(m_summary);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_use = buttons->addButton(tr("&Use These Weights"), QDialogButtonBox::AcceptRole);
    m_use->setEnabled(refusal.empty());
    m_use->setDefault(refusal.empty());
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(860, sizeHint().height());
}

void StartWeightsDialog::showEvent(QShowEvent* event) {
    QDialog::showEvent(event);
    fitRows();
    // As tall as the wrapped texts and the rows need at this width, no more.
    if (!event->spontaneous() && layout()->hasHeightForWidth())
        resize(width(), layout()->totalHeightForWidth(width()));
}

void StartWeightsDialog::fitRows() {
    m_table->resizeRowsToContents();
    int h = m_table->horizontalHeader()->height() + 2 * m_table->frameWidth();
    for (int r = 0; r < std::min(m_table->rowCount(), 10); ++r) h += m_table->rowHeight(r);
    if (m_table->rowCount() <= 10)
        m_table->setFixedHeight(h);  // all rows, no empty space under them
    else
        m_table->setMinimumHeight(std::min(h, 480));
}

QString StartWeightsDialog::summaryText() const {
    return m_summary->text();
}

QString StartWeightsDialog::unusedText() const {
    return m_unused->isHidden() ? QString() : m_unused->text();
}
