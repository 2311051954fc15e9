#include "widgets/evaluate/evaluate_workspace.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QScrollArea>
#include <QSlider>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>
#include <cmath>

#include "widgets/common/colormap_legend.h"
#include "widgets/evaluate/confusion_matrix_view.h"
#include "widgets/evaluate/drawing_panel.h"
#include "widgets/evaluate/explanation_panel.h"
#include "widgets/evaluate/image_gallery.h"

namespace {
// A page that scrolls when the window is small (1366x768 at 150 % leaves about 500 logical pixels of height).
QScrollArea* scrolling(QWidget* page, QWidget* parent) {
    auto* s = new QScrollArea(parent);
    s->setWidget(page);
    s->setWidgetResizable(true);
    s->setFrameShape(QFrame::NoFrame);
    return s;
}
QString images(long long n) {
    return n == 1 ? QObject::tr("1 image") : QObject::tr("%1 images").arg(n);
}
QString percent(double v, int decimals = 1) {
    return std::isfinite(v) ? QString::number(100 * v, 'f', decimals) + QLatin1Char('%')
                            : QStringLiteral("–");
}
QString setName(EvaluationSet s) {
    return s == EvaluationSet::Test ? QObject::tr("test") : QObject::tr("validation");
}
}  // namespace

EvaluateWorkspace::EvaluateWorkspace(QWidget* parent) : QWidget(parent) {
    m_session = new EvaluationSession(this);
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(4, 4, 4, 0);
    outer->setSpacing(4);

    // The top line: which weights, which images, how to show them, which epoch.
    auto* top = new QHBoxLayout;
    m_weights = new QLabel(this);
    m_weights->setTextFormat(Qt::RichText);
    m_weights->setToolTip(tr("The weights this tab looks at"));
    m_setBox = new QComboBox(this);
    m_setBox->addItem(tr("Test set"), int(EvaluationSet::Test));
    m_setBox->addItem(tr("Validation set"), int(EvaluationSet::Validation));
    m_setBox->setToolTip(
        tr("Evaluate on the test images, or on the training images the run held out for "
           "validation"));
    m_modeBox = new QComboBox(this);
    m_modeBox->addItem(tr("Counts"));
    m_modeBox->addItem(tr("Row-normalised"));
    m_modeBox->setToolTip(
        tr("Show the number of images in each cell, or each cell's share of its row (of "
           "the images of that true class)"));
    m_epoch = new QSlider(Qt::Horizontal, this);
    m_epoch->setRange(0, 0);
    m_epoch->setPageStep(1);
    m_epoch->setMinimumWidth(100);
    m_epoch->setMaximumWidth(220);
    m_epoch->setToolTip(tr("Step back through the epochs of the run: one confusion matrix per epoch"));
    m_epochLabel = new QLabel(this);
    top->addWidget(m_weights, 1);
    top->addWidget(m_setBox);
    top->addWidget(m_modeBox);
    top->addWidget(new QLabel(tr("Epoch"), this));
    top->addWidget(m_epoch);
    top->addWidget(m_epochLabel);
    outer->addLayout(top);

    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    m_message->setObjectName(QStringLiteral("evaluateMessage"));
    m_message->setContentsMargins(6, 3, 6, 3);
    outer->addWidget(m_message);

    m_pages = new QTabWidget(this);
    m_pages->setDocumentMode(true);

    // Errors: the matrix on the left, the details on the right.
    auto* errors = new QSplitter(Qt::Horizontal, m_pages);
    auto* left = new QWidget(errors);
    auto* lv = new QVBoxLayout(left);
    lv->setContentsMargins(0, 0, 0, 0);
    m_accuracy = new QLabel(left);
    m_accuracy->setWordWrap(true);
    m_matrix = new ConfusionMatrixView(left);
    m_legend = new ColormapLegend(left);
    m_legend->setToolTip(tr("Colour scale of the cells"));
    m_legend->setVisible(false);  // until there is a matrix
    lv->addWidget(m_accuracy);
    lv->addWidget(m_matrix, 1);
    lv->addWidget(m_legend);

    m_details = new QTabWidget(errors);
    auto* cellPage = new QWidget(m_details);
    auto* cv = new QVBoxLayout(cellPage);
    cv->setContentsMargins(2, 2, 2, 2);
    m_cellCaption = new QLabel(tr("Click a cell of the matrix to see its images."), cellPage);
    m_cellCaption->setWordWrap(true);
    m_gallery = new ImageGallery(cellPage);
    cv->addWidget(m_cellCaption);
    cv->addWidget(m_gallery, 1);
    m_details->addTab(cellPage, tr("Cell images"));
    m_details->setTabToolTip(0,
                             tr("The images of the chosen cell, most confident wrong answers first (on the "
                                "diagonal: least confident right answers first)"));

    m_classTable = new QTableWidget(m_details);
    m_classTable->setColumnCount(5);
    m_classTable->setHorizontalHeaderLabels(
        {tr("Class"), tr("Precision"), tr("Recall"), tr("F1"), tr("Support")});
    m_classTable->horizontalHeaderItem(1)->setToolTip(
        tr("Of the images the model called this class, the share "
           "that are"));
    m_classTable->horizontalHeaderItem(2)->setToolTip(
        tr("Of the images of this class, the share the model "
           "recognised"));
    m_classTable->horizontalHeaderItem(3)->setToolTip(tr("The harmonic mean of precision and recall"));
    m_classTable->horizontalHeaderItem(4)->setToolTip(tr("How many images of this class the set holds"));
    m_classTable->verticalHeader()->setVisible(false);
    m_classTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_classTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_classTable->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_details->addTab(m_classTable, tr("Per class"));

    auto* lossPage = new QSplitter(Qt::Vertical, m_details);
    auto* lossBox = new QWidget(lossPage);
    auto* lbv = new QVBoxLayout(lossBox);
    lbv->setContentsMargins(2, 2, 2, 2);
    lbv->addWidget(new QLabel(tr("<b>Top losses</b>: the images the model is most wrong about"), lossBox));
    m_topLosses = new QListWidget(lossBox);
    m_topLosses->setIconSize(QSize(28, 28));
    m_topLosses->setToolTip(tr("Click an image to ask why the model answered as it did"));
    lbv->addWidget(m_topLosses);
    auto* pairBox = new QWidget(lossPage);
    auto* pbv = new QVBoxLayout(pairBox);
    pbv->setContentsMargins(2, 2, 2, 2);
    pbv->addWidget(new QLabel(tr("<b>Most confused pairs</b> (true → answered)"), pairBox));
    m_pairs = new QListWidget(pairBox);
    m_pairs->setToolTip(tr("Click a pair to see its images"));
    pbv->addWidget(m_pairs);
    lossPage->addWidget(lossBox);
    lossPage->addWidget(pairBox);
    lossPage->setSizes({300, 160});
    m_details->addTab(lossPage, tr("Top losses"));

    errors->addWidget(left);
    errors->addWidget(m_details);
    errors->setStretchFactor(0, 3);
    errors->setStretchFactor(1, 2);
    errors->setChildrenCollapsible(false);
    m_pages->addTab(scrolling(errors, m_pages), tr("&Errors"));
    m_pages->setTabToolTip(0, tr("What the model gets wrong: confusion matrix, per-class metrics, top losses "
                                 "(Alt+E)"));

    m_drawing = new DrawingPanel(m_pages);
    m_pages->addTab(scrolling(m_drawing, m_pages), tr("&Draw"));
    m_pages->setTabToolTip(1, tr("Does it read your handwriting? Draw a digit (Alt+D)"));
    m_explain = new ExplanationPanel(m_pages);
    m_pages->addTab(scrolling(m_explain, m_pages), tr("&Why?"));
    m_pages->setTabToolTip(2, tr("Why did it answer that? Saliency, SmoothGrad, occlusion and Grad-CAM of "
                                 "the chosen image (Alt+W)"));
    outer->addWidget(m_pages, 1);

    connect(m_session, &EvaluationSession::entriesChanged, this, &EvaluateWorkspace::onEntriesChanged);
    connect(m_session, &EvaluationSession::ready, this, &EvaluateWorkspace::onReady);
    connect(m_session, &EvaluationSession::failed, this,
            [this](const QString& m) { setMessage(tr("The evaluation failed: %1").arg(m), true); });
    connect(m_session, &EvaluationSession::busyChanged, this, [this](bool) { refresh(); });
    connect(m_setBox, qOverload<int>(&QComboBox::currentIndexChanged), this, [this] { refresh(); });
    connect(m_modeBox, qOverload<int>(&QComboBox::currentIndexChanged), this, [this](int i) {
        m_matrix->setNormalised(i == 1);
        m_legend->setColormap(m_matrix->colormap(), i == 1 ? tr("share of row") : tr("images"));
    });
    connect(m_epoch, &QSlider::valueChanged, this, [this](int v) {
        m_followLatest = v == m_epoch->maximum();
        refresh();
    });
    connect(m_matrix, &ConfusionMatrixView::cellActivated, this, &EvaluateWorkspace::showCell);
    connect(m_gallery, &ImageGallery::imageActivated, this, &EvaluateWorkspace::explainPosition);
    connect(m_topLosses, &QListWidget::itemClicked, this,
            [this](QListWidgetItem* it) { explainPosition(it->data(Qt::UserRole).toULongLong()); });
    connect(m_topLosses, &QListWidget::itemActivated, this,
            [this](QListWidgetItem* it) { explainPosition(it->data(Qt::UserRole).toULongLong()); });
    connect(m_pairs, &QListWidget::itemClicked, this, [this](QListWidgetItem* it) {
        showCell(it->data(Qt::UserRole).toInt(), it->data(Qt::UserRole + 1).toInt());
        m_details->setCurrentIndex(0);
    });
    connect(m_drawing, &DrawingPanel::explainRequested, this,
            [this](std::vector<std::uint8_t> pixels, int rows, int cols) {
                m_explain->setImage(std::move(pixels), rows, cols,
                                    tr("<b>Your drawing</b>, as the network gets it"));
                m_pages->setCurrentIndex(2);
            });
    onEntriesChanged();
}

void EvaluateWorkspace::setClassNames(const QStringList& names, layerlab::DatasetKind dataset) {
    if (names == m_names && dataset == m_dataset) return;
    m_names = names;
    m_dataset = dataset;
    m_modelEntry = -1;
    m_modelParams.reset();
    if (m_shown) display(m_shown);
    updateModels();
}

QString EvaluateWorkspace::weightsText() const {
    return m_weights->text();
}

QString EvaluateWorkspace::messageText() const {
    return m_message->isVisible() || !m_message->isHidden() ? m_message->text() : QString();
}

QString EvaluateWorkspace::accuracyText() const {
    return m_accuracy->text();
}

int EvaluateWorkspace::shownEntry() const {
    return m_session->hasWeights() ? m_epoch->value() : -1;
}

EvaluationSet EvaluateWorkspace::shownSet() const {
    return EvaluationSet(m_setBox->currentData().toInt());
}

void EvaluateWorkspace::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    refresh();
}

void EvaluateWorkspace::onEntriesChanged() {
    const int n = m_session->entryCount();
    {
        const QSignalBlocker block(m_epoch);
        m_epoch->setRange(0, std::max(0, n - 1));
        if (m_followLatest || m_epoch->value() >= n) m_epoch->setValue(std::max(0, n - 1));
    }
    m_epoch->setEnabled(n > 1);
    if (n == 0) {
        m_shown.reset();
        m_shownEntry = -1;
        m_matrix->clear();
        m_legend->setVisible(false);
        m_gallery->clear();
        m_classTable->setRowCount(0);
        m_topLosses->clear();
        m_pairs->clear();
        m_accuracy->clear();
        m_cellTrue = m_cellPred = -1;
    }
    refresh();
}

void EvaluateWorkspace::onReady(int entry, EvaluationSet set) {
    if (entry == shownEntry() && set == shownSet()) refresh();
}

void EvaluateWorkspace::setMessage(const QString& text, bool problem) {
    m_message->setText(text);
    m_message->setStyleSheet(problem ? QStringLiteral("background:#fde2e1; color:#8a1c1c;")
                                     : QStringLiteral("color:palette(mid);"));
    m_message->setVisible(!text.isEmpty());
}

void EvaluateWorkspace::refresh() {
    const int entry = shownEntry();
    const EvaluationSet set = shownSet();
    const int n = m_session->entryCount();
    // The label names the weights of the matrix on show; a newer entry being evaluated is named below it.
    const int labelled = m_shown && m_shownEntry >= 0 && m_shownEntry < n ? m_shownEntry : entry;
    if (labelled < 0) {
        m_weights->setText(tr("<b>Weights:</b> none"));
        m_epochLabel->clear();
    } else {
        m_weights->setText(tr("<b>Weights:</b> %1").arg(m_session->entryLabel(labelled).toHtmlEscaped()));
        m_epochLabel->setText(n > 1 ? tr("%1 of %2").arg(entry + 1).arg(n) : QString());
    }
    updateModels();
    const QString problem = m_session->problem(set);
    if (!problem.isEmpty()) {
        setMessage(problem, m_session->hasWeights() || !m_session->dataset());
        if (!m_session->hasWeights() || !m_session->dataset()) return;
        // A problem with these weights on this set: nothing of another set or epoch stays on show.
        m_shown.reset();
        m_matrix->clear();
        m_legend->setVisible(false);
        m_gallery->clear();
        m_accuracy->clear();
        return;
    }
    if (auto r = m_session->result(entry, set)) {
        setMessage(QString(), false);
        if (r != m_shown || entry != m_shownEntry) {
            m_shownEntry = entry;
            display(r);
            m_weights->setText(tr("<b>Weights:</b> %1").arg(m_session->entryLabel(entry).toHtmlEscaped()));
        }
        return;
    }
    if (isVisible()) m_session->request(entry, set);
    setMessage(m_session->isBusy() ? tr("Evaluating %1 on the %2 images on all cores…")
                                         .arg(m_session->entryLabel(entry), setName(set))
                                   : tr("Open this tab to evaluate."),
               false);
}

void EvaluateWorkspace::display(std::shared_ptr<const EvaluationResult> r) {
    m_shown = std::move(r);
    const EvaluationResult& res = *m_shown;
    const auto& s = res.summary;
    m_matrix->setMatrix(s.confusion, m_names);
    m_legend->setVisible(true);
    m_legend->setColormap(m_matrix->colormap(), m_matrix->isNormalised() ? tr("share of row") : tr("images"));
    m_accuracy->setText(
        tr("<b>Accuracy %1</b> (%2 of %3 %4 images right) · loss %5 · macro F1 %6 · evaluated in "
           "%7 s")
            .arg(percent(s.accuracy, 2))
            .arg(s.confusion.correct())
            .arg(s.confusion.total())
            .arg(setName(res.set))
            .arg(s.loss, 0, 'f', 4)
            .arg(percent(s.macroF1))
            .arg(res.predictions.seconds, 0, 'f', 2));
    fillClassTable(res);
    fillTopLosses(res);
    if (m_cellTrue >= 0 && m_cellTrue < s.confusion.classes && m_cellPred < s.confusion.classes)
        showCell(m_cellTrue, m_cellPred);
    else {
        m_gallery->clear();
        m_cellCaption->setText(tr("Click a cell of the matrix to see its images."));
    }
    emit resultShown();
}

void EvaluateWorkspace::fillClassTable(const EvaluationResult& r) {
    const auto& pc = r.summary.perClass;
    m_classTable->setRowCount(int(pc.size()));
    for (int c = 0; c < int(pc.size()); ++c) {
        const QStringList cells{QStringLiteral("%1 %2").arg(c).arg(m_names.value(c)),
                                percent(pc[c].precision), percent(pc[c].recall), percent(pc[c].f1),
                                QString::number(pc[c].support)};
        for (int k = 0; k < cells.size(); ++k) {
            auto* it = new QTableWidgetItem(cells[k]);
            if (k > 0) it->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_classTable->setItem(c, k, it);
        }
    }
    m_classTable->resizeColumnsToContents();
    m_classTable->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
}

void EvaluateWorkspace::fillTopLosses(const EvaluationResult& r) {
    m_topLosses->clear();
    m_pairs->clear();
    const auto data = m_session->dataset();
    if (!data) return;
    const layerlab::ImageSet set = m_session->imageSet(r.set);
    const layerlab::Predictions& p = r.predictions;
    auto name = [&](int c) { return m_names.value(c, QString::number(c)); };
    for (std::size_t i : layerlab::topLosses(p, 50)) {
        const QImage img = datasetImage(set.images + std::size_t(p.sourceIndex[i]) * set.imageSize,
                                        data->rows, data->cols, data->channels);
        const int pred = p.predicted[i];
        auto* it = new QListWidgetItem(
            QIcon(QPixmap::fromImage(img)),
            tr("loss %1 · a %2 answered %3 (%4) · image %5")
                .arg(p.losses[i], 0, 'f', 2)
                .arg(name(p.labels[i]), name(pred), percent(p.probabilitiesOf(i)[pred], 0))
                .arg(p.sourceIndex[i]),
            m_topLosses);
        it->setData(Qt::UserRole, qulonglong(i));
    }
    for (const layerlab::ConfusedPair& c : layerlab::mostConfusedPairs(r.summary.confusion, 15)) {
        auto* it = new QListWidgetItem(
            tr("%1 → %2: %3").arg(name(c.trueClass), name(c.predicted), images(c.count)), m_pairs);
        it->setData(Qt::UserRole, c.trueClass);
        it->setData(Qt::UserRole + 1, c.predicted);
    }
}

void EvaluateWorkspace::showCell(int trueClass, int predicted) {
    m_cellTrue = trueClass;
    m_cellPred = predicted;
    m_matrix->selectCell(trueClass, predicted);
    if (!m_shown) return;
    const auto data = m_session->dataset();
    if (!data) return;
    constexpr std::size_t kLimit = 300;
    const auto items = layerlab::cellGallery(m_shown->predictions, trueClass, predicted, kLimit);
    m_gallery->setItems(items, m_session->imageSet(m_shown->set), data->rows, data->cols, m_names);
    const long long n = m_shown->summary.confusion.at(trueClass, predicted);
    auto name = [&](int c) { return m_names.value(c, QString::number(c)); };
    QString caption =
        trueClass == predicted
            ? tr("<b>%1</b> answered right: %2, least confident first.").arg(name(trueClass), images(n))
            : tr("<b>%1</b> taken for <b>%2</b>: %3, most confident first.")
                  .arg(name(trueClass), name(predicted), images(n));
    if ((long long)items.size() < n) caption += tr(" The first %1 are shown.").arg(items.size());
    m_cellCaption->setText(caption);
    m_details->setCurrentIndex(0);
}

void EvaluateWorkspace::explainPosition(std::size_t position) {
    if (!m_shown || position >= m_shown->predictions.count()) return;
    const auto data = m_session->dataset();
    if (!data) return;
    const layerlab::Predictions& p = m_shown->predictions;
    const layerlab::ImageSet set = m_session->imageSet(m_shown->set);
    const std::uint8_t* img = set.images + std::size_t(p.sourceIndex[position]) * set.imageSize;
    auto name = [&](int c) { return m_names.value(c, QString::number(c)); };
    const int pred = p.predicted[position];
    m_explain->setImage(
        std::vector<std::uint8_t>(img, img + set.imageSize), data->rows, data->cols,
        tr("<b>%1 image %2</b>: a %3, answered %4 (%5)")
            .arg(m_shown->set == EvaluationSet::Test ? tr("Test") : tr("Training"))
            .arg(p.sourceIndex[position])
            .arg(name(p.labels[position]), name(pred), percent(p.probabilitiesOf(position)[pred])));
    m_pages->setCurrentIndex(2);
}

void EvaluateWorkspace::updateModels() {
    const int entry = shownEntry();
    auto params = m_session->params(entry);
    auto quantization = m_session->quantization(entry);
    if (entry == m_modelEntry && params == m_modelParams && quantization == m_modelQuantization) return;
    m_modelEntry = entry;
    m_modelParams = params;
    m_modelQuantization = quantization;
    if (!params) {
        const QString why = m_session->noWeightsReason();
        m_drawing->clearModel(why);
        m_explain->clearModel(why);
        return;
    }
    m_drawing->setModel(m_session->spec(), params, m_names, m_dataset, quantization);
    m_explain->setModel(m_session->spec(), params, m_names, quantization);
}
