#include "widgets/data/import_summary_dialog.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QScrollArea>
#include <QTabWidget>
#include <QTableWidget>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <algorithm>

#include "widgets/common/dataset_image.h"
#include "widgets/common/tile_grid.h"

using namespace layerlab;

ImportSummaryDialog::ImportSummaryDialog(std::shared_ptr<const Dataset> data,
                                         std::shared_ptr<const ImageFolderReport> report, int modelClasses,
                                         QWidget* parent)
    : QDialog(parent) {
    setWindowTitle(tr("Import Summary"));
    setObjectName("ImportSummaryDialog");
    auto* v = new QVBoxLayout(this);
    const QLocale locale;
    const Dataset& d = *data;
    const ImageFolderReport& r = *report;

    m_headline = new QLabel(this);
    m_headline->setWordWrap(true);
    m_headline->setTextInteractionFlags(Qt::TextSelectableByMouse);
    const QString how = r.fromCache ? tr("read from the cache in %1 s").arg(r.seconds, 0, 'f', 2)
                                    : tr("decoded in %1 s").arg(r.seconds, 0, 'f', 1);
    m_headline->setText(
        tr("<b>%1</b>: %2 classes, %3 training and %4 test images of %5x%6 %7 (%8).")
            .arg(QString::fromStdString(d.name).toHtmlEscaped())
            .arg(d.classes)
            .arg(locale.toString(qulonglong(d.trainCount())), locale.toString(qulonglong(d.testCount())))
            .arg(d.cols)
            .arg(d.rows)
            .arg(d.channels == 3 ? tr("colour") : tr("grey"), how));
    v->addWidget(m_headline);

    m_imbalance = new QLabel(QString::fromStdString(r.imbalance), this);
    m_imbalance->setWordWrap(true);
    m_imbalance->setStyleSheet(QStringLiteral("color: #9a5b00;"));
    m_imbalance->setVisible(!r.imbalance.empty());
    v->addWidget(m_imbalance);

    if (!r.emptyClasses.empty()) {
        QStringList names;
        for (const std::string& c : r.emptyClasses) names << QString::fromStdString(c);
        m_emptyClasses = new QLabel(
            tr("Left out, no images in the folder: %1.").arg(names.join(QStringLiteral(", "))), this);
        m_emptyClasses->setWordWrap(true);
        m_emptyClasses->setStyleSheet(QStringLiteral("color: #9a5b00;"));
        v->addWidget(m_emptyClasses);
    }

    if (modelClasses != d.classes) {
        auto* row = new QHBoxLayout;
        auto* note = new QLabel(
            tr("The model has %1 outputs but the folder has %2 classes.").arg(modelClasses).arg(d.classes),
            this);
        note->setWordWrap(true);
        row->addWidget(note, 1);
        m_fit = new QPushButton(tr("Make the model output %1 classes").arg(d.classes), this);
        m_fit->setToolTip(
            tr("Sets the model's class count and its last Dense layer to %1 units (one undo step).")
                .arg(d.classes));
        connect(m_fit, &QPushButton::clicked, this, [this, n = d.classes] {
            m_fit->setEnabled(false);
            emit fitOutputsRequested(n);
        });
        row->addWidget(m_fit);
        v->addLayout(row);
    }

    auto* tabs = new QTabWidget(this);
    // ---- classes: counts and a grid of images each ----
    auto* classPage = new QWidget(tabs);
    auto* cv = new QVBoxLayout(classPage);
    m_classes = new QTableWidget(d.classes, 3, classPage);
    m_classes->setHorizontalHeaderLabels({tr("Class"), tr("Training"), tr("Test")});
    m_classes->verticalHeader()->setVisible(false);
    m_classes->setEditTriggers(QAbstractItemView::NoEditTriggers);
    for (int c = 0; c < d.classes; ++c) {
        m_classes->setItem(c, 0, new QTableWidgetItem(QString::fromStdString(d.classNames[std::size_t(c)])));
        for (int col = 1; col <= 2; ++col) {
            const auto& counts = col == 1 ? r.trainPerClass : r.testPerClass;
            auto* it = new QTableWidgetItem(
                locale.toString(counts.size() > std::size_t(c) ? counts[std::size_t(c)] : 0));
            it->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_classes->setItem(c, col, it);
        }
    }
    m_classes->resizeColumnsToContents();
    m_classes->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_classes->setMaximumHeight(
        std::min(240, m_classes->horizontalHeader()->sizeHint().height() + 4 +
                          m_classes->verticalHeader()->defaultSectionSize() * d.classes));
    cv->addWidget(m_classes);

    auto* grids = new QWidget;
    auto* gv = new QVBoxLayout(grids);
    gv->setContentsMargins(0, 0, 0, 0);
    const int scale = std::max(1, 40 / std::max(d.rows, d.cols));
    for (int c = 0; c < d.classes; ++c) {
        QVector<QImage> tiles;
        for (std::size_t i = 0; i < d.trainCount() && tiles.size() < kPreviewPerClass; ++i) {
            if (d.trainLabels[i] != c) continue;
            tiles << datasetImage(d.trainImages.data() + i * d.imageSize(), d.rows, d.cols, d.channels)
                         .scaled(d.cols * scale, d.rows * scale);
        }
        auto* name =
            new QLabel(QStringLiteral("<b>%1</b>")
                           .arg(QString::fromStdString(d.classNames[std::size_t(c)]).toHtmlEscaped()),
                       grids);
        gv->addWidget(name);
        auto* grid = new TileGrid(grids);
        grid->setTiles(tiles);
        gv->addWidget(grid);
        m_previews.push_back(grid);
    }
    gv->addStretch(1);
    auto* scroll = new QScrollArea(classPage);
    scroll->setWidget(grids);
    scroll->setWidgetResizable(true);
    cv->addWidget(new QLabel(tr("Training images as the model will see them:"), classPage));
    cv->addWidget(scroll, 1);
    tabs->addTab(classPage, tr("Classes"));

    // ---- files that were not read ----
    // A table, not a tree: a table sizes its rows to the wrapped reasons (sentences), so none is cut.
    m_skipped = new QTableWidget(int(r.skipped.size()), 2, tabs);
    m_skipped->setHorizontalHeaderLabels({tr("File"), tr("Why it was skipped")});
    m_skipped->verticalHeader()->setVisible(false);
    m_skipped->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_skipped->setWordWrap(true);
    m_skipped->setTextElideMode(Qt::ElideMiddle);  // a long path keeps its file name
    for (int row = 0; row < int(r.skipped.size()); ++row) {
        const ImageFolderIssue& i = r.skipped[std::size_t(row)];
        for (int col = 0; col < 2; ++col) {
            auto* item = new QTableWidgetItem(QString::fromStdString(col == 0 ? i.path : i.reason));
            item->setToolTip(item->text());
            item->setTextAlignment(Qt::AlignLeft | Qt::AlignTop);
            m_skipped->setItem(row, col, item);
        }
    }
    m_skipped->resizeColumnToContents(0);
    m_skipped->setColumnWidth(0, std::min(m_skipped->columnWidth(0), 240));
    m_skipped->horizontalHeader()->setStretchLastSection(true);
    // Row heights follow the reason column's width (the dialog resized, the column dragged).
    connect(m_skipped->horizontalHeader(), &QHeaderView::sectionResized, m_skipped,
            [t = m_skipped] { t->resizeRowsToContents(); });
    tabs->addTab(m_skipped, tr("Skipped files (%1)").arg(r.skipped.size()));

    // ---- duplicates across train and test ----
    m_duplicates = new QTreeWidget(tabs);
    m_duplicates->setHeaderLabels({tr("Training file"), tr("Identical test file")});
    m_duplicates->setRootIsDecorated(false);
    for (const DuplicateImage& dup : r.duplicates)
        new QTreeWidgetItem(m_duplicates,
                            {QString::fromStdString(dup.trainPath), QString::fromStdString(dup.testPath)});
    m_duplicates->resizeColumnToContents(0);
    m_duplicates->setToolTip(
        tr("The same file in the training and the test set: the test accuracy counts images "
           "the model was trained on. Remove one copy of each."));
    tabs->addTab(m_duplicates, tr("Duplicates (%1)").arg(r.duplicates.size()));
    v->addWidget(tabs, 1);

    auto* cache = new QLabel(this);
    cache->setWordWrap(true);
    cache->setTextInteractionFlags(Qt::TextSelectableByMouse);
    if (!r.cacheProblem.empty())
        cache->setText(tr("Not cached: %1. The next start decodes the images again.")
                           .arg(QString::fromStdString(r.cacheProblem)));
    else if (!r.cacheFile.empty())
        cache->setText(tr("Cached in %1: reopening the unchanged folder skips decoding.")
                           .arg(QString::fromStdString(r.cacheFile)));
    cache->setStyleSheet(QStringLiteral("color: palette(dark);"));
    v->addWidget(cache);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::accept);
    v->addWidget(buttons);
    resize(620, 600);
}

QString ImportSummaryDialog::headline() const {
    return m_headline->text();
}

QString ImportSummaryDialog::emptyClassesText() const {
    return m_emptyClasses ? m_emptyClasses->text() : QString();
}

QString ImportSummaryDialog::imbalanceText() const {
    return m_imbalance->isVisible() || !m_imbalance->text().isEmpty() ? m_imbalance->text() : QString();
}

TileGrid* ImportSummaryDialog::previewOf(int label) const {
    return label >= 0 && label < int(m_previews.size()) ? m_previews[std::size_t(label)] : nullptr;
}
