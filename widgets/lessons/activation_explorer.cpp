#include "widgets/lessons/activation_explorer.h"

#include <qcustomplot.h>

#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>
#include <cmath>

#include "core/activation_curve.h"

using layerlab::Activation;

namespace {

struct Entry {
    Activation activation;
    const char* name;
};
const Entry kEntries[] = {{Activation::Sigmoid, "Sigmoid"},
                          {Activation::Tanh, "Tanh"},
                          {Activation::ReLU, "ReLU"},
                          {Activation::LeakyReLU, "LeakyReLU"},
                          {Activation::Softmax, "Softmax"}};

QString paragraphFor(Activation a) {
    switch (a) {
        case Activation::Sigmoid:
            return ActivationExplorer::tr(
                "Sigmoid, 1 / (1 + e^(-x)), squeezes any number into 0 to 1, which reads as a probability. "
                "Its "
                "slope "
                "y(1 - y) is at most 0.25, at x = 0, and almost 0 once |x| passes about 4 (shaded): a unit "
                "pushed "
                "there saturates, passes almost no gradient back and stops learning. In a deep network the "
                "gradient "
                "is multiplied by at most 0.25 at every Sigmoid layer on its way back, so the first layers "
                "hardly "
                "learn (vanishing gradients). Today it is used mostly for an output that must be a "
                "probability.");
        case Activation::Tanh:
            return ActivationExplorer::tr(
                "Tanh squeezes into -1 to 1 and is centred on 0, so the next layer gets inputs balanced "
                "around zero. "
                "Its slope 1 - y^2 is 1 at x = 0, four times Sigmoid's best, which is why it trains deep "
                "networks "
                "better than Sigmoid; but it saturates too, beyond |x| of about 2 (shaded), and large "
                "weights or "
                "inputs push units there.");
        case Activation::ReLU:
            return ActivationExplorer::tr(
                "ReLU, max(0, x), passes positive values unchanged with slope 1, so the gradient does not "
                "shrink "
                "however many layers it crosses, and it costs almost nothing to compute: the default for "
                "hidden "
                "layers. Negative inputs give 0 with slope 0 (shaded). A unit whose input is negative for "
                "every "
                "image passes no gradient at all and can never recover: a dead ReLU. A learning rate that is "
                "too "
                "high kills many of them.");
        case Activation::LeakyReLU:
            return ActivationExplorer::tr(
                "LeakyReLU is x for positive x and alpha x otherwise: ReLU with a small slope alpha on the "
                "negative "
                "side, so a unit that is off still gets a little gradient and can come back to life. The "
                "shading "
                "marks where the slope is under 5% of its largest value: with alpha 0.01 that is all of x < "
                "0; "
                "raise alpha above 0.05 and nothing is shaded.");
        case Activation::Softmax:
            return ActivationExplorer::tr(
                "Softmax turns a vector of scores z into probabilities: y_i = e^(z_i) / sum of e^(z_j). They "
                "are "
                "positive and add up to 1, the largest score gets the largest share, and adding the same "
                "number to "
                "every score changes nothing. The slope of each probability with respect to its own score is "
                "y_i(1 - y_i): small when one class already has almost all the probability, so a confident "
                "wrong "
                "answer would learn slowly through Softmax alone. Cross-entropy undoes this: LayerLab "
                "computes the "
                "two together, and the gradient on the scores is simply y - target. Edit the scores to see "
                "it.");
        case Activation::None:
            break;
    }
    return {};
}

}  // namespace

ActivationExplorer::ActivationExplorer(QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("Activation Functions"));
    setObjectName(QStringLiteral("ActivationExplorer"));
    auto* outer = new QVBoxLayout(this);
    auto* h = new QHBoxLayout;
    m_list = new QListWidget(this);
    for (const Entry& e : kEntries) m_list->addItem(QString::fromLatin1(e.name));
    m_list->setMaximumWidth(130);
    h->addWidget(m_list);

    auto* right = new QVBoxLayout;
    m_stack = new QStackedWidget(this);

    auto* curvesPage = new QWidget(m_stack);
    auto* cv = new QVBoxLayout(curvesPage);
    cv->setContentsMargins(0, 0, 0, 0);
    m_curves = new QCustomPlot(curvesPage);
    m_curves->setMinimumSize(360, 240);
    m_curves->legend->setVisible(true);
    m_curves->xAxis->setLabel(tr("x (the unit's weighted sum)"));
    m_curves->yAxis->setLabel(tr("value"));
    cv->addWidget(m_curves, 1);
    auto* alphaRow = new QFormLayout;
    m_alpha = new QDoubleSpinBox(curvesPage);
    m_alpha->setRange(0.0, 1.0);
    m_alpha->setDecimals(3);
    m_alpha->setSingleStep(0.01);
    m_alpha->setValue(0.01);
    m_alpha->setToolTip(tr("LeakyReLU's slope for negative x (the alpha option of the layer)"));
    alphaRow->addRow(tr("alpha"), m_alpha);
    m_alphaRow = alphaRow;
    cv->addLayout(alphaRow);
    connect(m_alpha, &QDoubleSpinBox::valueChanged, this, [this] { drawCurves(); });
    m_stack->addWidget(curvesPage);

    auto* softmaxPage = new QWidget(m_stack);
    auto* sv = new QVBoxLayout(softmaxPage);
    sv->setContentsMargins(0, 0, 0, 0);
    m_softmax = new QCustomPlot(softmaxPage);
    m_softmax->setMinimumSize(360, 240);
    m_softmax->legend->setVisible(true);
    sv->addWidget(m_softmax, 1);
    auto* scoresRow = new QFormLayout;
    m_scores = new QLineEdit(QStringLiteral("2, 1, 0.1, -1"), softmaxPage);
    m_scores->setToolTip(tr("Two to ten scores separated by commas"));
    scoresRow->addRow(tr("Scores z"), m_scores);
    sv->addLayout(scoresRow);
    m_scoresProblem = new QLabel(softmaxPage);
    m_scoresProblem->setStyleSheet(QStringLiteral("color:#8a1c1c;"));
    m_scoresProblem->setVisible(false);
    sv->addWidget(m_scoresProblem);
    connect(m_scores, &QLineEdit::textEdited, this, [this](const QString& t) { setScores(t); });
    m_stack->addWidget(softmaxPage);

    right->addWidget(m_stack, 1);
    m_text = new QLabel(this);
    m_text->setObjectName(QStringLiteral("activationParagraph"));
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::PlainText);
    m_text->setMinimumHeight(90);
    m_text->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    right->addWidget(m_text);
    h->addLayout(right, 1);
    outer->addLayout(h, 1);

    auto* close = new QPushButton(tr("Close"), this);
    connect(close, &QPushButton::clicked, this, &QDialog::accept);
    auto* bottom = new QHBoxLayout;
    bottom->addStretch(1);
    bottom->addWidget(close);
    outer->addLayout(bottom);

    connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row >= 0 && row < int(std::size(kEntries))) showActivation(kEntries[row].activation);
    });
    resize(760, 520);
    showActivation(Activation::Sigmoid);
}

void ActivationExplorer::showActivation(Activation a) {
    if (a == Activation::None) return;
    m_current = a;
    for (int i = 0; i < int(std::size(kEntries)); ++i)
        if (kEntries[i].activation == a && m_list->currentRow() != i) {
            const QSignalBlocker block(m_list);
            m_list->setCurrentRow(i);
        }
    m_text->setText(paragraphFor(a));
    if (a == Activation::Softmax) {
        m_stack->setCurrentIndex(1);
        drawSoftmax();
    } else {
        m_stack->setCurrentIndex(0);
        m_alphaRow->setRowVisible(m_alpha, a == Activation::LeakyReLU);
        drawCurves();
    }
}

void ActivationExplorer::drawCurves() {
    const layerlab::ActivationCurve c = layerlab::activationCurve(
        m_current, layerlab::evenlySpaced(-6.0f, 6.0f, 481), float(m_alpha->value()));
    QCustomPlot* p = m_curves;
    p->clearGraphs();
    p->clearItems();
    QVector<double> x(int(c.x.size())), y(int(c.x.size())), dy(int(c.x.size()));
    double lo = 0, hi = 1;
    for (std::size_t i = 0; i < c.x.size(); ++i) {
        x[int(i)] = c.x[i];
        y[int(i)] = c.y[i];
        dy[int(i)] = c.dy[i];
        lo = std::min({lo, y[int(i)], dy[int(i)]});
        hi = std::max({hi, y[int(i)], dy[int(i)]});
    }
    // ReLU grows to 6 at the right edge: show up to 3 so the slope's step at 0 stays readable.
    hi = std::min(hi, 3.0);
    lo = std::max(lo, -3.0);
    QCPGraph* f = p->addGraph();
    f->setName(tr("f(x)"));
    f->setData(x, y, true);
    f->setPen(QPen(QColor(31, 119, 180), 2.5));
    QCPGraph* d = p->addGraph();
    d->setName(tr("slope f'(x)"));
    d->setData(x, dy, true);
    d->setPen(QPen(QColor(214, 39, 40), 2, Qt::DashLine));
    const double pad = 0.1 * (hi - lo);
    p->xAxis->setRange(-6, 6);
    p->yAxis->setRange(lo - pad, hi + pad);
    m_shaded = 0;
    for (const auto& [from, to] : layerlab::flatRegions(c, 0.05f)) {
        auto* rect = new QCPItemRect(p);
        rect->topLeft->setCoords(from, hi + pad);
        rect->bottomRight->setCoords(to, lo - pad);
        rect->setPen(Qt::NoPen);
        rect->setBrush(QColor(120, 120, 120, 45));
        rect->setLayer(QStringLiteral("grid"));
        auto* label = new QCPItemText(p);
        label->position->setCoords((from + to) / 2, (lo + hi) / 2);
        label->setText(m_current == Activation::ReLU || m_current == Activation::LeakyReLU
                           ? tr("(almost) no slope")
                           : tr("saturates"));
        label->setColor(QColor(90, 90, 90));
        ++m_shaded;
    }
    p->legend->setVisible(true);
    p->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignLeft);
    p->replot(QCustomPlot::rpQueuedReplot);
}

bool ActivationExplorer::setScores(const QString& text) {
    if (m_scores->text() != text) m_scores->setText(text);
    std::vector<float> z;
    for (const QString& part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        bool ok = false;
        const double v = QLocale::c().toDouble(part.trimmed(), &ok);
        if (!ok || !std::isfinite(v) || std::fabs(v) > 50) {
            m_scoresProblem->setText(
                tr("\u201c%1\u201d is not a number from -50 to 50.").arg(part.trimmed()));
            m_scoresProblem->setVisible(true);
            return false;
        }
        z.push_back(float(v));
    }
    if (z.size() < 2 || z.size() > 10) {
        m_scoresProblem->setText(tr("Give 2 to 10 scores separated by commas, e.g. 2, 1, 0.1."));
        m_scoresProblem->setVisible(true);
        return false;
    }
    m_scoresProblem->setVisible(false);
    m_z = z;
    drawSoftmax();
    return true;
}

void ActivationExplorer::drawSoftmax() {
    const layerlab::SoftmaxResult r = layerlab::softmaxWithJacobian(m_z);
    QCustomPlot* p = m_softmax;
    p->clearPlottables();
    p->clearItems();
    const int k = int(m_z.size());
    QVector<double> keys(k), scores(k), probs(k), slopes(k);
    for (int i = 0; i < k; ++i) {
        keys[i] = i + 1;
        scores[i] = m_z[std::size_t(i)];
        probs[i] = r.y[std::size_t(i)];
        slopes[i] = r.jacobian[std::size_t(i * k + i)];  // d y_i / d z_i = y_i (1 - y_i)
    }
    auto bars = [&](const QString& name, const QVector<double>& values, QColor colour, double offset) {
        auto* b = new QCPBars(p->xAxis, p->yAxis);
        b->setName(name);
        QVector<double> at(k);
        for (int i = 0; i < k; ++i) at[i] = keys[i] + offset;
        b->setData(at, values, true);
        b->setWidth(0.26);
        b->setBrush(colour);
        b->setPen(QPen(colour.darker(130)));
        return b;
    };
    bars(tr("score z"), scores, QColor(160, 160, 160), -0.28);
    bars(tr("probability y"), probs, QColor(31, 119, 180), 0.0);
    bars(tr("slope y(1 - y)"), slopes, QColor(214, 39, 40), 0.28);
    double lo = 0, hi = 1;
    for (double v : scores) {
        lo = std::min(lo, v);
        hi = std::max(hi, v);
    }
    p->xAxis->setRange(0.4, k + 0.6);
    // Headroom above the bars for the legend (one row).
    p->yAxis->setRange(lo - 0.1 * (hi - lo), hi + 0.45 * (hi - lo));
    p->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    p->legend->setWrap(3);
    QSharedPointer<QCPAxisTickerFixed> ticker(new QCPAxisTickerFixed);
    ticker->setTickStep(1);
    p->xAxis->setTicker(ticker);
    p->xAxis->setLabel(tr("class"));
    double sum = 0;
    for (double v : probs) sum += v;
    auto* note = new QCPItemText(p);
    note->position->setType(QCPItemPosition::ptAxisRectRatio);
    note->position->setCoords(0.98, 0.03);  // in the headroom, right of the legend
    note->setPositionAlignment(Qt::AlignRight | Qt::AlignTop);
    note->setText(tr("probabilities add up to %1").arg(sum, 0, 'f', 3));
    p->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignLeft);
    p->replot(QCustomPlot::rpQueuedReplot);
}
