// The studio window on a small screen: 1366x768 at QT_SCALE_FACTOR=1.5 is a 911x512 logical screen. The
// window's minimum size must fit it with room for a title bar, and at that size the status bar, the charts
// (legend, plot area, axis titles) and the Filters pane's colour bars must all be in view.
#include <qcustomplot.h>
#include <QScrollArea>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTest>

#include "widgets/common/colormap_legend.h"
#include "widgets/document/model_document.h"
#include "widgets/document/model_file_controller.h"
#include "widgets/studio/main_window.h"
#include "widgets/training/training_charts.h"
#include "widgets/views/filter_view.h"

class TestWindowLayout : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void fitsA1366x768ScreenAt150Percent();
};

void TestWindowLayout::fitsA1366x768ScreenAt150Percent() {
    const QSize screen(1366 * 2 / 3 + 1, 768 * 2 / 3);  // 911x512 logical pixels
    const int titleBar = 30;
    MainWindow w;
    w.fileController()->setInteractive(false);
    w.show();
    w.showView(QStringLiteral("training"), QString());
    QTest::qWait(50);
    // Every tab's page counts in the minimum (a QTabWidget's minimum covers all its pages).
    const QSize min = w.minimumSizeHint().expandedTo(w.minimumSize());
    QVERIFY2(min.height() <= screen.height() - titleBar,
             qPrintable(
                 QStringLiteral("minimum height %1 > %2").arg(min.height()).arg(screen.height() - titleBar)));
    QVERIFY2(min.width() <= screen.width(), qPrintable(QStringLiteral("minimum width %1").arg(min.width())));

    w.resize(screen.width(), screen.height() - titleBar);
    QTest::qWait(50);
    QCOMPARE(w.size(), QSize(screen.width(), screen.height() - titleBar));
    QVERIFY(w.statusBar()->isVisible());
    QVERIFY(w.rect().contains(w.statusBar()->geometry()));

    // The charts keep a usable plot area with their titles inside the widget.
    for (QCustomPlot* p : {w.charts()->lossPlot(), w.charts()->accuracyPlot()}) {
        p->replot(QCustomPlot::rpImmediateRefresh);
        QVERIFY2(p->height() >= p->minimumHeight(), qPrintable(QString::number(p->height())));
        QVERIFY(p->rect().contains(p->axisRect()->outerRect()));
        QVERIFY(!p->legend->outerRect().intersects(p->axisRect()->outerRect()));
        QVERIFY2(p->axisRect()->height() >= 40, qPrintable(QString::number(p->axisRect()->height())));
    }

    // The Filters pane, once it has a snapshot, shows its colour bars whole.
    FilterView* filters = w.filterView();
    QVERIFY(filters->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(w.isDatasetReady(), 120000);
    w.startTraining();
    QTRY_VERIFY_WITH_TIMEOUT(filters->snapshot() != nullptr, 120000);
    w.stopTraining();
    filters->renderPending();
    QTest::qWait(50);
    const auto* scroll = filters->findChild<QScrollArea*>();
    for (const ColormapLegend* legend : filters->findChildren<ColormapLegend*>()) {
        const QRect r(legend->mapTo(scroll->viewport(), QPoint(0, 0)), legend->size());
        QVERIFY2(r.left() >= 0 && r.right() <= scroll->viewport()->width(),
                 qPrintable(QStringLiteral("bar %1..%2 in %3")
                                .arg(r.left())
                                .arg(r.right())
                                .arg(scroll->viewport()->width())));
    }
}

QTEST_MAIN(TestWindowLayout)
#include "tst_window_layout.moc"
