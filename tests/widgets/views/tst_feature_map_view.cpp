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
    void rgbKernelsAreShownInColour();
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

std::shared_ptr<const Snapshot> snapshotOf(const ModelSpec& m, std::vector<float>* weights = nullptr) {
    Network net(m);
    net.initParams(5);
    const auto p = net.params();
    std::vector<float> params(p.begin(), p.end());
    if (weights) std::copy(weights->begin(), weights->end(), params.begin());
    std::vector<std::uint8_t> image(std::size_t(m.input.size()));
    for (std::size_t i = 0; i < image.size(); ++i) image[i] = std::uint8_t((i * 37) % 256);
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

void TestFeatureMapView::rgbKernelsAreShownInColour() {
    // A Conv2D on an RGB image: filter 0 weighs only red (+1 at its centre), filter 1 only blue (-1).
    ModelSpec m = cnn();
    m.input = Shape::chw(3, 28, 28);
    m.layers[0].filters = 2;
    std::vector<float> w(2 * 3 * 9, 0.0f);  // the kernels come first in the parameters (filters x 3 x 3 x 3)
    w[0 * 27 + 0 * 9 + 4] = 1.0f;
    w[1 * 27 + 2 * 9 + 4] = -1.0f;
    FilterView filters;
    filters.resize(420, 400);
    filters.show();
    filters.setSnapshot(snapshotOf(m, &w));
    QTest::qWait(20);
    QVERIFY2(filters.sectionTitle(0).contains("in colour"), qPrintable(filters.sectionTitle(0)));
    const QImage img = filters.sectionImage(0, 2);
    auto centreOf = [&](int tile) {  // tiles of 3x3 kernels scaled 12 times, from (4, 4), one cell apart
        const int cell = (img.width() - 4) / 2;
        return img.pixelColor(4 + tile * cell + 18, 4 + 18);
    };
    const QColor red = centreOf(0), blue = centreOf(1);
    QVERIFY2(red.red() == 255 && red.green() == 128 && red.blue() == 128, qPrintable(red.name()));
    QVERIFY2(blue.red() == 128 && blue.green() == 128 && blue.blue() == 0, qPrintable(blue.name()));
    // Off: the mean over the channels, on the diverging scale, as for any Conv2D.
    auto* colour = filters.findChild<QCheckBox*>();
    QVERIFY(colour);
    colour->setChecked(false);
    QVERIFY(!filters.sectionTitle(0).contains("in colour"));
}

QTEST_MAIN(TestFeatureMapView)
#include "tst_feature_map_view.moc"
