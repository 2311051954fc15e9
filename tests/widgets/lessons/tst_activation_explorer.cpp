// Help > Activation Functions: the curves drawn are the engine's (core/activation_curve.h) values and
// slopes, the flat regions are shaded (two for Sigmoid and Tanh, one for ReLU, none for a LeakyReLU with a
// large alpha), and Softmax on an edited vector draws probabilities that add up to 1 and refuses text that
// is not numbers.
#include <qcustomplot.h>

#include <QDoubleSpinBox>
#include <QLabel>
#include <QListWidget>
#include <QStandardPaths>
#include <QTest>
#include <cmath>

#include "widgets/lessons/activation_explorer.h"

using layerlab::Activation;

namespace {
// The value of graph g at x (the data points sit on an even grid that includes x).
double valueAt(QCPGraph* g, double x) {
    auto it = g->data()->findBegin(x - 1e-6, false);
    return it == g->data()->constEnd() ? NAN : it->value;
}
}  // namespace

class TestActivationExplorer : public QObject {
    Q_OBJECT
private slots:
    void curvesAreTheEngines();
    void shadedRegions();
    void softmaxOnAVector();
};

void TestActivationExplorer::curvesAreTheEngines() {
    ActivationExplorer e;
    e.show();
    e.showActivation(Activation::Sigmoid);
    QCustomPlot* p = e.curvePlot();
    QCOMPARE(p->graphCount(), 2);
    QVERIFY(std::fabs(valueAt(p->graph(0), 0.0) - 0.5) < 1e-6);
    QVERIFY(std::fabs(valueAt(p->graph(1), 0.0) - 0.25) < 1e-6);
    QVERIFY(std::fabs(valueAt(p->graph(0), 2.0) - 1 / (1 + std::exp(-2.0))) < 1e-6);
    QVERIFY(e.paragraph()->text().contains(QStringLiteral("vanishing gradients")));
    e.showActivation(Activation::Tanh);
    QVERIFY(std::fabs(valueAt(p->graph(0), 1.0) - std::tanh(1.0)) < 1e-6);
    QVERIFY(std::fabs(valueAt(p->graph(1), 0.0) - 1.0) < 1e-6);
    e.showActivation(Activation::ReLU);
    QCOMPARE(valueAt(p->graph(0), -1.0), 0.0);
    QCOMPARE(valueAt(p->graph(1), 3.0), 1.0);
    QVERIFY(e.paragraph()->text().contains(QStringLiteral("dead ReLU")));
    // Choosing in the list does the same.
    e.findChild<QListWidget*>()->setCurrentRow(3);
    QVERIFY(e.current() == Activation::LeakyReLU);
    QVERIFY(std::fabs(valueAt(p->graph(0), -2.0) - -0.02) < 1e-6);
}

void TestActivationExplorer::shadedRegions() {
    ActivationExplorer e;
    e.showActivation(Activation::Sigmoid);
    QCOMPARE(e.shadedRegions(), 2);
    e.showActivation(Activation::Tanh);
    QCOMPARE(e.shadedRegions(), 2);
    e.showActivation(Activation::ReLU);
    QCOMPARE(e.shadedRegions(), 1);
    e.showActivation(Activation::LeakyReLU);
    QCOMPARE(e.shadedRegions(), 1);  // alpha 0.01: under 5% of the slope on the right
    e.findChild<QDoubleSpinBox*>()->setValue(0.2);
    QCOMPARE(e.shadedRegions(), 0);
    QVERIFY(std::fabs(valueAt(e.curvePlot()->graph(1), -1.0) - 0.2) < 1e-6);
    if (!qEnvironmentVariableIsEmpty("LAYERLAB_TEST_SHOTS")) {
        e.resize(760, 520);
        e.show();
        e.showActivation(Activation::Sigmoid);
        e.curvePlot()->replot();
        e.grab().save(qEnvironmentVariable("LAYERLAB_TEST_SHOTS") +
                      QStringLiteral("/activation-explorer.png"));
    }
}

void TestActivationExplorer::softmaxOnAVector() {
    ActivationExplorer e;
    e.showActivation(Activation::Softmax);
    QVERIFY(e.setScores(QStringLiteral("1, 2, 3")));
    QCustomPlot* p = e.softmaxPlot();
    QCOMPARE(p->plottableCount(), 3);
    auto* probs = qobject_cast<QCPBars*>(p->plottable(1));
    QVERIFY(probs);
    QCOMPARE(probs->data()->size(), 3);
    const double sum = std::exp(1.0) + std::exp(2.0) + std::exp(3.0);
    double total = 0;
    int i = 0;
    for (auto it = probs->data()->constBegin(); it != probs->data()->constEnd(); ++it, ++i) {
        QVERIFY(std::fabs(it->value - std::exp(1.0 + i) / sum) < 1e-6);
        total += it->value;
    }
    QVERIFY(std::fabs(total - 1) < 1e-6);
    auto* slopes = qobject_cast<QCPBars*>(p->plottable(2));
    const double y3 = std::exp(3.0) / sum;
    QVERIFY(std::fabs((slopes->data()->constEnd() - 1)->value - y3 * (1 - y3)) < 1e-6);
    QVERIFY(!e.setScores(QStringLiteral("1, two, 3")));
    QVERIFY(!e.setScores(QStringLiteral("5")));
    QCOMPARE(probs == qobject_cast<QCPBars*>(p->plottable(1)), true);  // nothing redrawn from bad input
    QVERIFY(e.paragraph()->text().contains(QStringLiteral("y - target")));
    if (!qEnvironmentVariableIsEmpty("LAYERLAB_TEST_SHOTS")) {
        e.show();
        e.setScores(QStringLiteral("2, 1, 0.1, -1"));
        e.softmaxPlot()->replot();
        e.grab().save(qEnvironmentVariable("LAYERLAB_TEST_SHOTS") +
                      QStringLiteral("/activation-softmax.png"));
    }
}

QTEST_MAIN(TestActivationExplorer)
#include "tst_activation_explorer.moc"
