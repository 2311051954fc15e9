// The Evaluate tab's parts on their own: the confusion matrix view on a hand-made evaluation, the drawing pad
// and its panel (strokes, undo, the preprocessed image, the prediction, the empty drawing), and the
// explanation panel (Grad-CAM offered only for a model with a Conv2D; maps that arrive for the request made).
#include <QCheckBox>
#include <QComboBox>
#include <QSignalSpy>
#include <QTest>
#include <cmath>

#include "core/digit_preprocess.h"
#include "core/evaluation.h"
#include "core/inference_model.h"
#include "core/input_scaling.h"
#include "core/network.h"
#include "tests/support/model_fixtures.h"
#include "widgets/evaluate/confusion_matrix_view.h"
#include "widgets/evaluate/drawing_pad.h"
#include "widgets/evaluate/drawing_panel.h"
#include "widgets/evaluate/explanation_panel.h"
#include "widgets/evaluate/image_gallery.h"
#include "widgets/evaluate/probability_bars.h"
#include "widgets/views/feature_map_view.h"

using namespace layerlab;

namespace {

// Three classes, nine images, written out by hand: (true, predicted) pairs and a confident probability row.
Predictions handMade() {
    const int pairs[][2] = {{0, 0}, {0, 0}, {0, 1}, {1, 1}, {1, 1}, {1, 1}, {1, 2}, {2, 0}, {2, 0}};
    Predictions p;
    p.classes = 3;
    for (int i = 0; i < 9; ++i) {
        p.sourceIndex.push_back(std::uint32_t(i));
        p.labels.push_back(std::uint8_t(pairs[i][0]));
        p.predicted.push_back(std::uint8_t(pairs[i][1]));
        for (int c = 0; c < 3; ++c) p.probabilities.push_back(c == pairs[i][1] ? 0.8f : 0.1f);
        p.losses.push_back(pairs[i][0] == pairs[i][1] ? 0.2f : 2.3f);
    }
    return p;
}

std::shared_ptr<const std::vector<float>> initialParams(const ModelSpec& spec, std::uint64_t seed) {
    Network net(spec);
    net.initParams(seed);
    return std::make_shared<const std::vector<float>>(net.params().begin(), net.params().end());
}

ModelSpec smallCnn() {
    ModelSpec s = test::subsetMlp(1);
    s.name = "test CNN";
    LayerSpec conv = LayerSpec::make(LayerType::Conv2D);
    conv.filters = 4;
    conv.kernel = 3;
    conv.activation = Activation::ReLU;
    LayerSpec pool = LayerSpec::make(LayerType::MaxPool2D);
    pool.poolSize = 2;
    s.layers = {conv, pool, LayerSpec::make(LayerType::Flatten), test::denseLayer(10, Activation::Softmax)};
    return s;
}

// Ink bounding box and intensity-weighted centre of a grey image.
struct Ink {
    int left = 1 << 30, top = 1 << 30, right = -1, bottom = -1;
    double cx = 0, cy = 0;
};
Ink inkOf(const GrayImage& g) {
    Ink k;
    double sum = 0;
    for (int y = 0; y < g.height; ++y)
        for (int x = 0; x < g.width; ++x) {
            const int v = g.at(x, y);
            if (v == 0) continue;
            k.left = std::min(k.left, x);
            k.right = std::max(k.right, x);
            k.top = std::min(k.top, y);
            k.bottom = std::max(k.bottom, y);
            sum += v;
            k.cx += double(v) * x;
            k.cy += double(v) * y;
        }
    if (sum > 0) {
        k.cx /= sum;
        k.cy /= sum;
    }
    return k;
}

QStringList digits() {
    QStringList n;
    for (int i = 0; i < 10; ++i) n << QString::number(i);
    return n;
}

}  // namespace

class TestEvaluateWidgets : public QObject {
    Q_OBJECT
private slots:
    void matrixShowsExactCounts();
    void clickingACellSelectsIt();
    void galleryCaptionsNameTheClasses();
    void padStrokesAndUndo();
    void panelPreprocessesAndPredicts();
    void panelUpdatesWhileDrawing();
    void emptyDrawingAsksForADigit();
    void gradCamDisabledForAnMlp();
    void explanationsArriveForTheRequest();
};

void TestEvaluateWidgets::matrixShowsExactCounts() {
    ConfusionMatrixView v;
    const ConfusionMatrix m = confusionMatrix(handMade());
    v.setMatrix(m, {"zero", "one", "two"});
    const int expected[3][3] = {{2, 1, 0}, {0, 3, 1}, {2, 0, 0}};
    for (int i = 0; i < 3; ++i)
        for (int j = 0; j < 3; ++j) QCOMPARE(v.cellText(i, j), QString::number(expected[i][j]));
    // Recall per row: 2/3, 3/4, 0/2. Precision per column: 2/4, 3/4, 0/1.
    QCOMPARE(v.recallText(0), QStringLiteral("66.7%"));
    QCOMPARE(v.recallText(1), QStringLiteral("75.0%"));
    QCOMPARE(v.recallText(2), QStringLiteral("0.0%"));
    QCOMPARE(v.precisionText(0), QStringLiteral("50.0%"));
    QCOMPARE(v.precisionText(1), QStringLiteral("75.0%"));
    QCOMPARE(v.precisionText(2), QStringLiteral("0.0%"));
    // Row-normalised: each row's share.
    v.setNormalised(true);
    QCOMPARE(v.cellText(0, 0), QStringLiteral("66.7%"));
    QCOMPARE(v.cellText(0, 1), QStringLiteral("33.3%"));
    QCOMPARE(v.cellText(1, 2), QStringLiteral("25.0%"));
    QCOMPARE(v.cellText(2, 0), QStringLiteral("100%"));
    QCOMPARE(v.cellText(2, 1), QStringLiteral("0"));
    QCOMPARE(v.colormap().hi(), 1.0f);
    v.setNormalised(false);
    QCOMPARE(v.colormap().hi(), 3.0f);  // the largest count
}

void TestEvaluateWidgets::galleryCaptionsNameTheClasses() {
    // Cell (2, 0) of the hand-made evaluation: images 7 and 8, both answered "zero" at 80%.
    const Predictions p = handMade();
    const std::vector<std::uint8_t> pixels(9 * 4, 128);
    ImageSet set;
    set.images = pixels.data();
    set.imageSize = 4;
    set.count = 9;
    ImageGallery g;
    g.setItems(cellGallery(p, 2, 0), set, 2, 2, {"zero", "one", "two"});
    QCOMPARE(g.count(), 2);
    // The two most probable classes by name; the third only in the tooltip.
    QCOMPARE(g.item(0)->text(), QStringLiteral("zero 80%\none 10%"));
    QVERIFY(g.item(0)->toolTip().contains(QStringLiteral("a two, answered zero")));
    QVERIFY(g.item(0)->toolTip().contains(QStringLiteral("two 10%")));
    // Without names, the class numbers.
    g.setItems(cellGallery(p, 2, 0), set, 2, 2, {});
    QCOMPARE(g.item(0)->text(), QStringLiteral("0 80%\n1 10%"));
}

void TestEvaluateWidgets::clickingACellSelectsIt() {
    ConfusionMatrixView v;
    v.resize(500, 420);
    v.show();
    QVERIFY(QTest::qWaitForWindowExposed(&v));
    v.setMatrix(confusionMatrix(handMade()), {"zero", "one", "two"});
    QSignalSpy spy(&v, &ConfusionMatrixView::cellActivated);
    QTest::mouseClick(&v, Qt::LeftButton, {}, v.cellRect(2, 0).center());
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toInt(), 2);
    QCOMPARE(spy.at(0).at(1).toInt(), 0);
    QCOMPARE(v.selectedTrue(), 2);
    // Arrow keys move the selection.
    QTest::keyClick(&v, Qt::Key_Right);
    QCOMPARE(spy.count(), 2);
    QCOMPARE(spy.at(1).at(1).toInt(), 1);
    // Outside the grid nothing happens.
    QTest::mouseClick(&v, Qt::LeftButton, {}, QPoint(2, 2));
    QCOMPARE(spy.count(), 2);
}

void TestEvaluateWidgets::padStrokesAndUndo() {
    DrawingPad pad;
    pad.resize(280, 280);
    pad.show();
    QVERIFY(QTest::qWaitForWindowExposed(&pad));
    QVERIFY(pad.isEmpty());
    QSignalSpy changed(&pad, &DrawingPad::changed);
    // A horizontal stroke with the mouse (the pad is 280 px here, so widget and canvas pixels coincide).
    QTest::mousePress(&pad, Qt::LeftButton, {}, QPoint(60, 100));
    QTest::mouseMove(&pad, QPoint(120, 100));
    QTest::mouseMove(&pad, QPoint(200, 100));
    QTest::mouseRelease(&pad, Qt::LeftButton, {}, QPoint(200, 100));
    QCOMPARE(pad.strokeCount(), 1);
    QVERIFY(changed.count() >= 3);  // press and every move, not only the release
    const GrayImage one = pad.image();
    QCOMPARE(one.at(130, 100), 255);  // on the stroke
    QCOMPARE(one.at(130, 200), 0);    // far from it
    // A second stroke, then Ctrl+Z on the pad takes it back: the image is the first stroke's again.
    pad.beginStroke({140, 150});
    pad.extendStroke({140, 250});
    pad.endStroke();
    QCOMPARE(pad.image().at(140, 200), 255);
    QTest::keyClick(&pad, Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(pad.strokeCount(), 1);
    QCOMPARE(pad.image().pixels, one.pixels);
    // Erasing paints paper.
    pad.setErasing(true);
    pad.setBrushWidth(40);
    pad.beginStroke({50, 100});
    pad.extendStroke({220, 100});
    pad.endStroke();
    QVERIFY(pad.isEmpty());
    QCOMPARE(pad.strokeCount(), 2);
    pad.undoStroke();
    QCOMPARE(pad.image().pixels, one.pixels);
    pad.clearAll();
    QCOMPARE(pad.strokeCount(), 0);
    QVERIFY(pad.isEmpty());
}

void TestEvaluateWidgets::panelPreprocessesAndPredicts() {
    const ModelSpec spec = test::subsetMlp(1);
    const auto params = initialParams(spec, 3);
    DrawingPanel panel;
    panel.setModel(spec, params, digits(), DatasetKind::MNIST);
    DrawingPad* pad = panel.pad();
    // A vertical bar 20 px wide and 180 px tall (round caps add 10 px at each end) on the 280 px canvas.
    pad->setBrushWidth(20);
    pad->beginStroke({100, 60});
    pad->extendStroke({100, 220});
    pad->endStroke();
    const DigitPreprocessResult& r = panel.preprocessed();
    QVERIFY(r.ok());
    QCOMPARE(r.image.width, 28);
    QCOMPARE(r.image.height, 28);
    // Cropped to the ink (180 tall), scaled so the longer side is 20, centre of mass on (14, 14).
    QVERIFY2(std::abs(r.boxHeight - 180) <= 2, qPrintable(QString::number(r.boxHeight)));
    QCOMPARE(r.scaledHeight, 20);
    const Ink ink = inkOf(r.image);
    QCOMPARE(ink.bottom - ink.top + 1, 20);
    QVERIFY2(ink.right - ink.left + 1 <= 4, qPrintable(QString::number(ink.right - ink.left + 1)));
    QVERIFY2(std::abs(ink.cx - 14) <= 0.5 && std::abs(ink.cy - 14) <= 0.5,
             qPrintable(QStringLiteral("%1 %2").arg(ink.cx).arg(ink.cy)));
    // The bars show the model's answer on exactly that image (an independent copy of the model).
    InferenceModel model(spec, *params, 1);
    const std::vector<float> expected = model.classify(r.image.pixels.data(), 1);
    const std::vector<float>& shown = panel.bars()->probabilities();
    QCOMPARE(int(shown.size()), 10);
    for (int c = 0; c < 10; ++c) QVERIFY(std::abs(shown[c] - expected[c]) < 1e-5f);
    QCOMPARE(panel.bars()->predicted(),
             int(std::max_element(expected.begin(), expected.end()) - expected.begin()));
    QVERIFY(panel.lastUpdateMilliseconds() > 0);
    // The feature maps show the drawing: one section per layer.
    panel.featureMaps()->renderPending();
    QCOMPARE(panel.featureMaps()->layerSectionCount(), 3);

    // Scaling off: the 180 px bar keeps its size and fills every row of the 28x28 frame.
    panel.scaleBox()->setChecked(false);
    const Ink unscaled = inkOf(panel.preprocessed().image);
    QCOMPARE(unscaled.top, 0);
    QCOMPARE(unscaled.bottom, 27);
    panel.scaleBox()->setChecked(true);
    // Cropping off: the whole 280 px pad is scaled to 20 px, so the bar is about 13 px tall.
    panel.cropBox()->setChecked(false);
    const Ink uncropped = inkOf(panel.preprocessed().image);
    QVERIFY2(uncropped.bottom - uncropped.top + 1 <= 15,
             qPrintable(QString::number(uncropped.bottom - uncropped.top)));
    QVERIFY(uncropped.bottom - uncropped.top + 1 >= 12);
}

void TestEvaluateWidgets::panelUpdatesWhileDrawing() {
    const ModelSpec spec = test::subsetMlp(1);
    const auto params = initialParams(spec, 5);
    DrawingPanel panel;
    panel.setModel(spec, params, digits(), DatasetKind::MNIST);
    InferenceModel model(spec, *params, 1);
    DrawingPad* pad = panel.pad();
    pad->beginStroke({80, 80});
    // After each movement (before the stroke ends) the bars hold the answer for the drawing so far.
    std::vector<float> previous;
    for (QPointF p : {QPointF(200, 80), QPointF(120, 220), QPointF(200, 220)}) {
        pad->extendStroke(p);
        const GrayImage seen = panel.preprocessed().image;
        const std::vector<float> expected = model.classify(seen.pixels.data(), 1);
        for (int c = 0; c < 10; ++c)
            QVERIFY(std::abs(panel.bars()->probabilities()[c] - expected[c]) < 1e-5f);
        QVERIFY(panel.bars()->probabilities() != previous);
        previous = panel.bars()->probabilities();
    }
    pad->endStroke();
}

void TestEvaluateWidgets::emptyDrawingAsksForADigit() {
    const ModelSpec spec = test::subsetMlp(1);
    DrawingPanel panel;
    panel.setModel(spec, initialParams(spec, 1), digits(), DatasetKind::MNIST);
    QVERIFY(panel.bars()->probabilities().empty());
    QCOMPARE(panel.bars()->message(), QStringLiteral("Draw a digit first."));
    panel.pad()->beginStroke({100, 100});
    panel.pad()->extendStroke({150, 150});
    panel.pad()->endStroke();
    QCOMPARE(int(panel.bars()->probabilities().size()), 10);
    // Undo back to nothing: no prediction again.
    panel.pad()->undoStroke();
    QVERIFY(panel.bars()->probabilities().empty());
    QCOMPARE(panel.bars()->message(), QStringLiteral("Draw a digit first."));
    QVERIFY(panel.preprocessed().image.pixels.empty());
    // Without weights the pad says why instead.
    panel.clearModel(QStringLiteral("No trained weights yet."));
    panel.pad()->beginStroke({100, 100});
    panel.pad()->endStroke();
    QVERIFY(panel.bars()->probabilities().empty());
    QCOMPARE(panel.bars()->message(), QStringLiteral("No trained weights yet."));
}

void TestEvaluateWidgets::gradCamDisabledForAnMlp() {
    ExplanationPanel panel;
    const ModelSpec mlp = test::subsetMlp(1);
    panel.setModel(mlp, initialParams(mlp, 1), digits());
    QVERIFY(!panel.gradCamAvailable());
    QVERIFY(!panel.gradCamLayerBox()->isEnabled());
    QVERIFY2(panel.gradCamTooltip().contains("Conv2D"), qPrintable(panel.gradCamTooltip()));
    // A CNN offers its one Conv2D layer (layer 1 as the editor numbers it).
    const ModelSpec cnn = smallCnn();
    panel.setModel(cnn, initialParams(cnn, 1), digits());
    QVERIFY(panel.gradCamAvailable());
    QCOMPARE(panel.gradCamLayerBox()->count(), 1);
    QCOMPARE(panel.gradCamLayerBox()->currentData().toInt(), 0);
    QVERIFY(panel.gradCamLayerBox()->currentText().contains("layer 1"));
}

void TestEvaluateWidgets::explanationsArriveForTheRequest() {
    const ModelSpec cnn = smallCnn();
    const auto params = initialParams(cnn, 2);
    ExplanationPanel panel;
    panel.setModel(cnn, params, digits());
    QSignalSpy spy(&panel, &ExplanationPanel::explained);
    // A bright square in the middle of a black image.
    std::vector<std::uint8_t> img(28 * 28, 0);
    for (int y = 10; y < 18; ++y)
        for (int x = 10; x < 18; ++x) img[std::size_t(y) * 28 + x] = 255;
    panel.setImage(img, 28, 28, QStringLiteral("square"));
    panel.setTargetClass(3);  // replaces the requests for the predicted class
    QTRY_VERIFY_WITH_TIMEOUT(!panel.isBusy(), 60000);
    for (ExplainMethod m : {ExplainMethod::Saliency, ExplainMethod::SmoothGrad, ExplainMethod::Occlusion,
                            ExplainMethod::GradCam}) {
        auto e = panel.explanation(m);
        QVERIFY2(e && e->ok(), explainMethodName(m));
        QCOMPARE(e->targetClass, 3);  // the request made last, never the replaced one
        QCOMPARE(int(e->values.size()), 28 * 28);
    }
    // Only the four current maps are announced: the replaced requests' results are dropped.
    QCOMPARE(spy.count(), 4);
    // The saliency matches core's on the same image.
    InferenceModel model(cnn, *params);
    std::vector<float> input(img.size());
    pixelsToInputs(img.data(), input.data(), img.size());
    const Explanation direct = saliency(model, input, 3);
    const auto shown = panel.explanation(ExplainMethod::Saliency);
    for (std::size_t i = 0; i < direct.values.size(); ++i)
        QVERIFY(std::abs(direct.values[i] - shown->values[i]) <= 1e-5f * (1 + std::abs(direct.values[i])));
}

QTEST_MAIN(TestEvaluateWidgets)
#include "tst_evaluate_widgets.moc"
