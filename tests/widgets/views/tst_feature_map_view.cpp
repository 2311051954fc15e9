// widgets/views/feature_map_view.cpp and filter_view.cpp on a snapshot of a small CNN (core/snapshot.cpp):
// layers numbered and named as the editor's blocks, a fused activation shown as part of its layer (after the
// activation by default, before it on request), little height needed, and section titles that wrap in a
// narrow pane instead of pushing the colour bar out of view.
#include <QCheckBox>
#include <QScrollArea>
#include <QTest>
#include <memory>

#include "core/model_spec.h"
#include "core/network.h"
#include "core/snapshot.h"
#include "widgets/common/colormap_legend.h"
#include "widgets/common/layer_catalog.h"
#include "widgets/views/feature_map_view.h"
#include "widgets/views/filter_view.h"

using namespace layerlab;

class TestFeatureMapView : public QObject {
    Q_OBJECT
private slots:
    void layersAreNumberedAndNamedAsInTheEditor();
    void beforeActivationShowsTheFusedLayersInput();
    void needsLittleHeight();
    void narrowPaneKeepsTheColourBarsInView();
};

namespace {

// The editor's blocks: 1 Conv2D (relu), 2 MaxPool2D, 3 Flatten, 4 Dense (softmax).
ModelSpec cnn() {
    ModelSpec m;
    LayerSpec conv = LayerSpec::make(LayerType::Conv2D);
    conv.filters = 6;
    conv.kernel = 3;
    conv.activation = Activation::ReLU;
    LayerSpec pool = LayerSpec::make(LayerType::MaxPool2D);
    pool.poolSize = 2;
    pool.stride = 2;
    LayerSpec out = LayerSpec::make(LayerType::Dense);
    out.units = 10;
    out.activation = Activation::Softmax;
    m.layers = {conv, pool, LayerSpec::make(LayerType::Flatten), out};
    return m;
}

std::shared_ptr<const Snapshot> snapshotOf(const ModelSpec& m) {
    Network net(m);
    net.initParams(5);
    const auto p = net.params();
    const std::vector<float> params(p.begin(), p.end());
    std::vector<std::uint8_t> image(28 * 28);
    for (int i = 0; i < 28 * 28; ++i) image[std::size_t(i)] = std::uint8_t((i * 37) % 256);
    return std::make_shared<Snapshot>(snapshotFromParams(m, params, image.data(), 3));
}

}  // namespace

void TestFeatureMapView::layersAreNumberedAndNamedAsInTheEditor() {
    const ModelSpec m = cnn();
    FeatureMapView view;
    view.setSnapshot(snapshotOf(m));
    view.renderPending();
    // One section per editor block (the engine runs 6 layers: the relu and softmax are separate there).
    QCOMPARE(view.layerSectionCount(), int(m.layers.size()));
    for (int i = 0; i < int(m.layers.size()); ++i) {
        const QString expected =
            QStringLiteral("%1 · %2").arg(i + 1).arg(LayerCatalog::displayName(m.layers[i].type));
        QVERIFY2(view.layerTitle(i).startsWith(expected), qPrintable(view.layerTitle(i)));
    }
    QVERIFY2(view.layerTitle(0).contains(QStringLiteral("relu")), qPrintable(view.layerTitle(0)));
    QVERIFY(view.layerTitle(0).endsWith(QStringLiteral("→ 6x26x26")));
    QVERIFY(view.layerTitle(3).startsWith(QStringLiteral("4 · Dense")));
    QVERIFY(view.layerTitle(3).contains(QStringLiteral("softmax")));
}

void TestFeatureMapView::beforeActivationShowsTheFusedLayersInput() {
    const auto snap = snapshotOf(cnn());
    FeatureMapView view;
    view.setSnapshot(snap);
    view.renderPending();
    QVERIFY(!view.showBeforeActivation());  // the activated output by default: what the next layer gets
    const QImage convAfter = view.layerImage(0), poolAfter = view.layerImage(1);
    view.setShowBeforeActivation(true);  // the check box
    QVERIFY(view.findChild<QCheckBox*>()->isChecked());
    QVERIFY(view.layerTitle(0).endsWith(QStringLiteral("(before relu)")));
    QVERIFY(view.layerTitle(3).endsWith(QStringLiteral("(before softmax)")));
    QVERIFY(!view.layerTitle(1).contains(QStringLiteral("before")));  // a pool has no activation
    QVERIFY(view.layerImage(0) != convAfter);                         // the relu cut the negative values
    QCOMPARE(view.layerImage(1), poolAfter);
    view.setShowBeforeActivation(false);
    QCOMPARE(view.layerImage(0), convAfter);
}

void TestFeatureMapView::needsLittleHeight() {
    // Everything below the image picker scrolls, so the view fits a short window (1366x768 at 150 % leaves
    // about 512 logical pixels for the whole window).
    FeatureMapView view;
    view.setSnapshot(snapshotOf(cnn()));
    view.renderPending();
    QVERIFY2(view.minimumSizeHint().height() <= 110,
             qPrintable(QString::number(view.minimumSizeHint().height())));
}

void TestFeatureMapView::narrowPaneKeepsTheColourBarsInView() {
    // A second Conv2D on 6 channels: its filter section has the input-channel picker too.
    ModelSpec m = cnn();
    LayerSpec conv2 = LayerSpec::make(LayerType::Conv2D);
    conv2.filters = 4;
    conv2.kernel = 3;
    m.layers.insert(m.layers.begin() + 2, conv2);
    for (const int width : {300, 420}) {
        FilterView filters;
        FeatureMapView maps;
        for (SnapshotView* v : {static_cast<SnapshotView*>(&filters), static_cast<SnapshotView*>(&maps)}) {
            v->resize(width, 400);
            v->show();
            v->setSnapshot(snapshotOf(m));
            QTest::qWait(20);
            const auto* scroll = v->findChild<QScrollArea*>();
            QVERIFY(scroll);
            const QRect viewport = scroll->viewport()->rect();
            const auto legends = v->findChildren<ColormapLegend*>();
            QVERIFY(legends.size() >= (v == &filters ? 2 : 5));
            for (const ColormapLegend* legend : legends) {
                const QRect r(legend->mapTo(scroll->viewport(), QPoint(0, 0)), legend->size());
                QVERIFY2(r.left() >= 0 && r.right() <= viewport.right(),
                         qPrintable(QStringLiteral("%5 width %1: bar %2..%3, viewport %4, content min %6")
                                        .arg(width)
                                        .arg(r.left())
                                        .arg(r.right())
                                        .arg(viewport.right())
                                        .arg(v->metaObject()->className())
                                        .arg(scroll->widget()->minimumSizeHint().width())));
            }
        }
    }
}

QTEST_MAIN(TestFeatureMapView)
#include "tst_feature_map_view.moc"
