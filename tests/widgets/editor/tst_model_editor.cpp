// The model-building half of the studio: palette -> editor drag and drop (real QDragEnter/Move/Drop events
// on the editor's viewport), insertion position, reordering, delete, duplicate, undo/redo, invalid stacks,
// foreign drops, save/open round trip and presets.
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QDrag>
#include <QDragEnterEvent>
#include <QFile>
#include <QHelpEvent>
#include <QImage>
#include <QLabel>
#include <QMenu>
#include <QMimeData>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QToolTip>
#include <QTreeWidget>
#include <algorithm>
#include <cmath>

#include "core/freezing.h"
#include "core/layer_tree.h"
#include "core/memory_estimate.h"
#include "core/parallel.h"
#include "tests/support/settings_sandbox.h"
#include "widgets/common/layer_catalog.h"
#include "widgets/common/quantity_format.h"
#include "widgets/document/model_commands.h"
#include "widgets/document/model_document.h"
#include "widgets/document/model_file_controller.h"
#include "widgets/editor/block_painter.h"
#include "widgets/editor/layer_inspector.h"
#include "widgets/editor/layer_mime.h"
#include "widgets/editor/layer_palette.h"
#include "widgets/editor/model_editor.h"
#include "widgets/editor/model_summary_bar.h"

using layerlab::Activation;
using layerlab::LayerSpec;
using layerlab::LayerType;
using layerlab::ModelSpec;

Q_DECLARE_METATYPE(layerlab::ModelSpec)

namespace {

// Shows `w` at 360 x height and waits until it is on screen; false when it never got exposed.
bool showAt(QWidget& w, int height) {
    w.resize(360, height);
    w.show();
    return QTest::qWaitForWindowExposed(&w);
}

LayerSpec dense(int units, Activation a = Activation::None) {
    LayerSpec l = LayerSpec::make(LayerType::Dense);
    l.units = units;
    l.activation = a;
    return l;
}

ModelSpec smallCnn() {  // Conv2D, MaxPool2D, Flatten, Dense(10): valid
    ModelSpec s;
    s.name = "small";
    s.layers = {LayerSpec::make(LayerType::Conv2D), LayerSpec::make(LayerType::MaxPool2D),
                LayerSpec::make(LayerType::Flatten), dense(10, Activation::Softmax)};
    return s;
}

LayerSpec withoutId(LayerSpec l) {
    l.id.clear();
    for (LayerSpec& inner : l.layers) inner = withoutId(inner);
    return l;
}

std::vector<LayerSpec> withoutIds(std::vector<LayerSpec> layers) {
    for (LayerSpec& l : layers) l = withoutId(l);
    return layers;
}

// The spec as the document holds it after reset(s): with ids.
ModelSpec withIds(ModelSpec s) {
    layerlab::assignLayerIds(s);
    return s;
}

std::vector<LayerType> types(const ModelSpec& s) {
    std::vector<LayerType> t;
    for (const auto& l : s.layers) t.push_back(l.type);
    return t;
}

struct DropResult {
    bool enterAccepted = false;
    bool moveAccepted = false;
    bool dropAccepted = false;
    int markerDuringMove = -2;
    Qt::DropAction action = Qt::IgnoreAction;
};

// Delivers the same event sequence Qt sends during a drag: enter, move, drop, to the editor's viewport.
DropResult dragAndDrop(ModelEditor& editor, const QMimeData* mime, QPoint pos,
                       Qt::DropActions actions = Qt::CopyAction | Qt::MoveAction) {
    DropResult r;
    QDragEnterEvent enter(pos, actions, mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(editor.viewport(), &enter);
    r.enterAccepted = enter.isAccepted();
    if (!r.enterAccepted) return r;  // Qt would not send move/drop either
    QDragMoveEvent move(pos, actions, mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(editor.viewport(), &move);
    r.moveAccepted = move.isAccepted();
    r.markerDuringMove = editor.dropIndicatorIndex();
    QDropEvent drop(QPointF(pos), actions, mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(editor.viewport(), &drop);
    r.dropAccepted = drop.isAccepted();
    r.action = drop.dropAction();
    return r;
}

}  // namespace

class TestModelEditor : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void paletteListsEveryLayerInItsGroup();
    void paletteDragCarriesLayerMime();
    void paletteStartsDragOnMouseDrag();
    void dropDenseFromPalette();
    void dropBetweenBlocksInsertsAtThatIndex();
    void moveDropReorders();
    void dragNearTheEdgeScrolls();
    void moveDropRejectsOtherDocuments();
    void foreignMimeIsRejected();
    void deleteKeyRemovesSelectedLayer();
    void duplicateWithCtrlDAndAction();
    void keyboardSelectsAndMoves();
    void lockedDocumentRefusesEveryEdit();
    void undoRedoRestoreExactSpecs();
    void invalidStackMarksTheBlock_data();
    void invalidStackMarksTheBlock();
    void inspectorEditsAreUndoableAndMerge();
    void residualBlockIsEditedInPlace();
    void droppedResidualFitsWhereItLands();
    void summaryBarShowsTotals();
    void lockToggleFreezesAndUndoes();
    void freezingEveryLayerSaysNothingToTrain();
    void saveThenOpenGivesSameSpec();
    void corruptFileReportsSpecError();
    void unsavedChangesCancelKeepsModel();
    void presetsLoad();

private:
    QTemporaryDir m_settingsDir;
};

void TestModelEditor::initTestCase() {
    // Keep the recent-files list out of the real user settings.
    layerlab::test::sandboxSettings(QStringLiteral("tst_model_editor"), m_settingsDir.path());
}

void TestModelEditor::init() {
    QSettings().clear();
}

void TestModelEditor::paletteListsEveryLayerInItsGroup() {
    LayerPalette palette;
    QTreeWidget* tree = palette.tree();
    const QStringList expectedGroups = {"Core",          "Convolution",    "Pooling", "Activation",
                                        "Normalization", "Regularization", "Blocks"};
    QCOMPARE(tree->topLevelItemCount(), expectedGroups.size());
    int entries = 0;
    for (int g = 0; g < tree->topLevelItemCount(); ++g) {
        QCOMPARE(tree->topLevelItem(g)->text(0), expectedGroups[g]);
        entries += tree->topLevelItem(g)->childCount();
    }
    QCOMPARE(entries, int(layerlab::allLayerTypes().size()));  // every type of the table, once
    QCOMPARE(tree->topLevelItem(0)->child(0)->text(0), QStringLiteral("Dense"));
    QCOMPARE(tree->topLevelItem(3)->child(0)->text(0), QStringLiteral("ReLU"));
    QCOMPARE(tree->topLevelItem(3)->child(4)->text(0), QStringLiteral("Softmax"));
    for (LayerType t : layerlab::allLayerTypes()) {
        QTreeWidgetItem* item = palette.itemFor(t);
        QVERIFY2(item, qPrintable(LayerCatalog::displayName(t)));
        QCOMPARE(item->text(0), LayerCatalog::displayName(t));
        QVERIFY(!item->icon(0).isNull());
        QVERIFY(item->toolTip(0).size() > 40);  // a real sentence, not just the name
        QCOMPARE(item->parent()->text(0), LayerCatalog::groupOf(t));
    }
    QCOMPARE(palette.itemFor(LayerType::Dropout)->parent()->text(0), QStringLiteral("Regularization"));
    QCOMPARE(palette.itemFor(LayerType::AvgPool2D)->parent()->text(0), QStringLiteral("Pooling"));
    QCOMPARE(palette.itemFor(LayerType::Residual)->parent()->text(0), QStringLiteral("Blocks"));
    QCOMPARE(palette.itemFor(LayerType::BatchNorm)->parent()->text(0), QStringLiteral("Normalization"));
    QVERIFY(palette.itemFor(LayerType::BatchNorm)->toolTip(0).contains("mean 0 and variance 1"));
}

void TestModelEditor::paletteDragCarriesLayerMime() {
    LayerPalette palette;
    std::unique_ptr<QDrag> drag(palette.createDrag(LayerType::Conv2D));
    QVERIFY(drag->mimeData());
    QVERIFY(drag->mimeData()->hasFormat(QStringLiteral("application/x-layerlab-layer")));
    QVERIFY(!drag->pixmap().isNull());
    auto payload = LayerMime::decode(drag->mimeData());
    QVERIFY(payload);
    QCOMPARE(int(payload->kind), int(LayerMime::Payload::Kind::NewLayer));
    QCOMPARE(int(payload->type), int(LayerType::Conv2D));

    std::unique_ptr<QMimeData> same(LayerPalette::mimeDataFor(LayerType::Conv2D));
    QCOMPARE(same->data(LayerMime::kMimeType), drag->mimeData()->data(LayerMime::kMimeType));
    std::unique_ptr<QMimeData> other(LayerPalette::mimeDataFor(LayerType::Dense));
    QVERIFY(other->data(LayerMime::kMimeType) != same->data(LayerMime::kMimeType));

    // Double-click style activation names the type.
    QSignalSpy spy(&palette, &LayerPalette::layerActivated);
    emit palette.tree()->itemDoubleClicked(palette.itemFor(LayerType::Tanh), 0);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(int(spy.at(0).at(0).value<LayerType>()), int(LayerType::Tanh));
}

void TestModelEditor::paletteStartsDragOnMouseDrag() {
    LayerPalette palette;
    palette.resize(220, 500);
    palette.show();
    QVERIFY(QTest::qWaitForWindowExposed(&palette));
    QSignalSpy drags(&palette, &LayerPalette::dragStarted);
    QWidget* vp = palette.tree()->viewport();

    // A click without movement is not a drag.
    const QPoint sigmoid = palette.tree()->visualItemRect(palette.itemFor(LayerType::Sigmoid)).center();
    QTest::mouseClick(vp, Qt::LeftButton, Qt::NoModifier, sigmoid);
    QCOMPARE(drags.count(), 0);

    // Press, then move beyond the drag distance: the palette starts a QDrag for that entry.
    QTest::mousePress(vp, Qt::LeftButton, Qt::NoModifier, sigmoid);
    QTest::mouseMove(vp, sigmoid + QPoint(QApplication::startDragDistance() + 5, 4));
    QTest::mouseRelease(vp, Qt::LeftButton, Qt::NoModifier,
                        sigmoid + QPoint(QApplication::startDragDistance() + 5, 4));
    QCOMPARE(drags.count(), 1);
    QCOMPARE(int(drags.at(0).at(0).value<LayerType>()), int(LayerType::Sigmoid));

    // Group headers are not draggable.
    const QPoint header = palette.tree()->visualItemRect(palette.tree()->topLevelItem(2)).center();
    QTest::mousePress(vp, Qt::LeftButton, Qt::NoModifier, header);
    QTest::mouseMove(vp, header + QPoint(30, 4));
    QTest::mouseRelease(vp, Qt::LeftButton, Qt::NoModifier, header + QPoint(30, 4));
    QCOMPARE(drags.count(), 1);
}

void TestModelEditor::dropDenseFromPalette() {
    ModelDocument doc;
    ModelEditor editor(&doc);
    QVERIFY(showAt(editor, 700));
    QSignalSpy selection(&editor, &ModelEditor::selectionChanged);

    std::unique_ptr<QMimeData> mime(LayerPalette::mimeDataFor(LayerType::Dense));
    const DropResult r = dragAndDrop(editor, mime.get(), editor.insertionPoint(0), Qt::CopyAction);
    QVERIFY(r.enterAccepted);
    QVERIFY(r.moveAccepted);
    QCOMPARE(r.markerDuringMove, 0);
    QVERIFY(r.dropAccepted);
    QCOMPARE(r.action, Qt::CopyAction);
    QCOMPARE(editor.dropIndicatorIndex(), -1);  // marker gone after the drop

    QCOMPARE(doc.spec().layers.size(), size_t(1));
    QCOMPARE(withoutId(doc.spec().layers[0]), LayerSpec::make(LayerType::Dense));
    QCOMPARE(doc.spec().layers[0].id, std::string("dense_1"));
    QCOMPARE(doc.undoStack()->count(), 1);
    QVERIFY(doc.isModified());
    QCOMPARE(editor.selectedLayer(), 0);
    QVERIFY(selection.count() >= 1);
    QCOMPARE(selection.last().at(0).toString(), QStringLiteral("dense_1"));
    QVERIFY(editor.blockRect(0).isValid());
}

void TestModelEditor::dropBetweenBlocksInsertsAtThatIndex() {
    ModelDocument doc;
    doc.reset(smallCnn());
    ModelEditor editor(&doc);
    QVERIFY(showAt(editor, 900));

    // The gap between block 0 (Conv2D) and block 1 (MaxPool2D) is insertion index 1.
    const QPoint gap = editor.insertionPoint(1);
    QVERIFY(gap.y() > editor.blockRect(0).bottom());
    QVERIFY(gap.y() < editor.blockRect(1).top());
    QCOMPARE(editor.insertionIndexAt(gap), 1);

    std::unique_ptr<QMimeData> mime(LayerPalette::mimeDataFor(LayerType::ReLU));
    const DropResult r = dragAndDrop(editor, mime.get(), gap);
    QVERIFY(r.dropAccepted);
    QCOMPARE(r.markerDuringMove, 1);
    const std::vector<LayerType> expected = {LayerType::Conv2D, LayerType::ReLU, LayerType::MaxPool2D,
                                             LayerType::Flatten, LayerType::Dense};
    QVERIFY(types(doc.spec()) == expected);
    QCOMPARE(editor.selectedLayer(), 1);

    // Dropping on the lower half of the last block inserts before the output.
    std::unique_ptr<QMimeData> drop(LayerPalette::mimeDataFor(LayerType::Dropout));
    const QRect last = editor.blockRect(4);
    QVERIFY(dragAndDrop(editor, drop.get(), QPoint(last.center().x(), last.bottom() - 3)).dropAccepted);
    QCOMPARE(doc.spec().layers.size(), size_t(6));
    QCOMPARE(doc.spec().layers.back().type, LayerType::Dropout);
    // ...and on the upper half of the first block, right after the input.
    std::unique_ptr<QMimeData> tanh(LayerPalette::mimeDataFor(LayerType::Tanh));
    QVERIFY(dragAndDrop(editor, tanh.get(), editor.blockRect(0).topLeft() + QPoint(20, 3)).dropAccepted);
    QCOMPARE(doc.spec().layers.front().type, LayerType::Tanh);
}

void TestModelEditor::moveDropReorders() {
    ModelDocument doc;
    ModelSpec s;
    s.layers = {dense(10), dense(20), dense(30)};
    doc.reset(s);
    ModelEditor editor(&doc);
    QVERIFY(showAt(editor, 700));

    // Move the first block to the end (gap before the output = insertion index 3).
    std::unique_ptr<QMimeData> move(LayerMime::encodeMove(&doc, doc.layerId(0)));
    DropResult r = dragAndDrop(editor, move.get(), editor.insertionPoint(3), Qt::MoveAction);
    QVERIFY(r.enterAccepted);
    QVERIFY(r.dropAccepted);
    QCOMPARE(r.action, Qt::MoveAction);
    QCOMPARE(r.markerDuringMove, 3);
    QCOMPARE(doc.spec().layers[0].units, 20);
    QCOMPARE(doc.spec().layers[1].units, 30);
    QCOMPARE(doc.spec().layers[2].units, 10);
    QCOMPARE(editor.selectedLayer(), 2);

    // Move the last block to the top.
    std::unique_ptr<QMimeData> up(LayerMime::encodeMove(&doc, doc.layerId(2)));
    QVERIFY(dragAndDrop(editor, up.get(), editor.insertionPoint(0), Qt::MoveAction).dropAccepted);
    QCOMPARE(doc.spec().layers[0].units, 10);
    QCOMPARE(doc.spec().layers[1].units, 20);
    QCOMPARE(doc.spec().layers[2].units, 30);

    // Dropping a block next to itself changes nothing and shows no marker.
    const int steps = doc.undoStack()->count();
    std::unique_ptr<QMimeData> same(LayerMime::encodeMove(&doc, doc.layerId(1)));
    r = dragAndDrop(editor, same.get(), editor.insertionPoint(2), Qt::MoveAction);
    QCOMPARE(r.markerDuringMove, -1);
    QCOMPARE(doc.undoStack()->count(), steps);
    QCOMPARE(doc.spec().layers[1].units, 20);

    // A move is one undo step.
    doc.undoStack()->undo();
    QCOMPARE(doc.spec().layers[0].units, 20);
    QCOMPARE(doc.spec().layers[2].units, 10);
}

void TestModelEditor::dragNearTheEdgeScrolls() {
    ModelDocument doc;
    doc.reset(smallCnn());
    ModelEditor editor(&doc);
    QVERIFY(showAt(editor, 240));  // the chain is taller than the view
    QScrollBar* sb = editor.verticalScrollBar();
    QVERIFY(sb->maximum() > 100);
    QCOMPARE(sb->value(), 0);

    std::unique_ptr<QMimeData> mime(LayerPalette::mimeDataFor(LayerType::ReLU));
    const QPoint bottom(180, editor.viewport()->height() - 4);
    QDragEnterEvent enter(bottom, Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(editor.viewport(), &enter);
    QVERIFY(enter.isAccepted());
    QTRY_VERIFY(sb->value() > 40);  // keeps scrolling without further mouse motion
    QTRY_COMPARE(sb->value(), sb->maximum());
    QCOMPARE(editor.dropIndicatorIndex(),
             int(doc.spec().layers.size()));  // marker follows: before the output
    QDragLeaveEvent leave;
    QApplication::sendEvent(editor.viewport(), &leave);
    QCOMPARE(editor.dropIndicatorIndex(), -1);
    sb->setValue(0);
    QTest::qWait(100);
    QCOMPARE(sb->value(), 0);  // the timer stopped with the drag
}

void TestModelEditor::moveDropRejectsOtherDocuments() {
    ModelDocument doc, other;
    ModelSpec s;
    s.layers = {dense(10), dense(20)};
    doc.reset(s);
    other.reset(s);
    ModelEditor editor(&doc);
    editor.resize(360, 600);
    std::unique_ptr<QMimeData> move(LayerMime::encodeMove(&other, other.layerId(0)));
    const DropResult r = dragAndDrop(editor, move.get(), editor.insertionPoint(2));
    QVERIFY(!r.enterAccepted);
    // A stale id (a layer the document no longer has) is refused too.
    std::unique_ptr<QMimeData> stale(LayerMime::encodeMove(&doc, QStringLiteral("dense_7")));
    QVERIFY(!dragAndDrop(editor, stale.get(), editor.insertionPoint(2)).enterAccepted);
    QCOMPARE(doc.spec(), withIds(s));
}

void TestModelEditor::foreignMimeIsRejected() {
    ModelDocument doc;
    doc.reset(smallCnn());
    ModelEditor editor(&doc);
    QVERIFY(showAt(editor, 900));
    const QPoint gap = editor.insertionPoint(1);

    QMimeData text;
    text.setText(QStringLiteral("Dense"));
    QMimeData other;
    other.setData(QStringLiteral("application/x-something-else"), QByteArray("Dense"));
    QMimeData garbage;  // our type, but not our payload
    garbage.setData(LayerMime::kMimeType, QByteArray("not a layer"));
    QMimeData truncated;
    truncated.setData(LayerMime::kMimeType,
                      std::unique_ptr<QMimeData>(LayerPalette::mimeDataFor(LayerType::Dense))
                          ->data(LayerMime::kMimeType)
                          .left(6));

    for (const QMimeData* m : {&text, &other, &garbage, &truncated}) {
        const DropResult r = dragAndDrop(editor, m, gap);
        QVERIFY(!r.enterAccepted);
        // Even if a platform skipped the enter check, move and drop refuse on their own.
        QDragMoveEvent move(gap, Qt::CopyAction, m, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(editor.viewport(), &move);
        QVERIFY(!move.isAccepted());
        QDropEvent drop(QPointF(gap), Qt::CopyAction, m, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(editor.viewport(), &drop);
        QVERIFY(!drop.isAccepted());
        QCOMPARE(editor.dropIndicatorIndex(), -1);
    }
    QCOMPARE(doc.spec(), withIds(smallCnn()));
    QCOMPARE(doc.undoStack()->count(), 0);
}

void TestModelEditor::deleteKeyRemovesSelectedLayer() {
    ModelDocument doc;
    doc.reset(smallCnn());
    ModelEditor editor(&doc);
    QVERIFY(showAt(editor, 900));
    editor.setFocus();

    // Click the MaxPool2D block to select it, then press Del.
    QTest::mouseClick(editor.viewport(), Qt::LeftButton, Qt::NoModifier, editor.blockRect(1).center());
    QCOMPARE(editor.selectedLayer(), 1);
    QTest::keyClick(&editor, Qt::Key_Delete);
    const std::vector<LayerType> expected = {LayerType::Conv2D, LayerType::Flatten, LayerType::Dense};
    QVERIFY(types(doc.spec()) == expected);
    QCOMPARE(editor.selectedLayer(), 1);  // the next layer moves up into the selection

    // Nothing selected: Del does nothing.
    editor.selectLayer(-1);
    QTest::keyClick(&editor, Qt::Key_Delete);
    QCOMPARE(doc.spec().layers.size(), size_t(3));

    // The context-menu action deletes too.
    editor.selectLayer(0);
    QVERIFY(editor.deleteAction()->isEnabled());
    editor.deleteAction()->trigger();
    QCOMPARE(doc.spec().layers.front().type, LayerType::Flatten);
}

void TestModelEditor::duplicateWithCtrlDAndAction() {
    ModelDocument doc;
    ModelSpec s = smallCnn();
    s.layers[0].filters = 17;
    doc.reset(s);
    ModelEditor editor(&doc);
    QVERIFY(showAt(editor, 900));
    editor.setFocus();
    editor.selectLayer(0);
    QTest::keyClick(&editor, Qt::Key_D, Qt::ControlModifier);
    QCOMPARE(doc.spec().layers.size(), size_t(5));
    QCOMPARE(withoutId(doc.spec().layers[1]), withoutId(doc.spec().layers[0]));
    QVERIFY(doc.spec().layers[1].id != doc.spec().layers[0].id);  // a copy is another layer
    QCOMPARE(doc.spec().layers[1].filters, 17);
    QCOMPARE(editor.selectedLayer(), 1);  // the copy is selected

    editor.selectLayer(4);
    editor.duplicateAction()->trigger();
    QCOMPARE(doc.spec().layers.size(), size_t(6));
    QCOMPARE(withoutId(doc.spec().layers[5]), withoutId(doc.spec().layers[4]));
    QCOMPARE(doc.undoStack()->count(), 2);
    QCOMPARE(doc.undoStack()->text(0), QStringLiteral("Duplicate Conv2D"));
}

void TestModelEditor::lockedDocumentRefusesEveryEdit() {
    ModelDocument doc;
    doc.reset(smallCnn());
    ModelEditor editor(&doc);
    QVERIFY(showAt(editor, 900));
    editor.setFocus();
    editor.selectLayer(1);
    doc.setEditLock(QStringLiteral("Stop the run to edit the model."));
    QVERIFY(editor.isLockBannerVisible());
    QCOMPARE(editor.lockBannerText(), QStringLiteral("Stop the run to edit the model."));
    // The chain starts below the banner, so no block hides under it.
    QVERIFY(editor.viewport()->geometry().top() >=
            editor.findChild<QLabel*>("modelLockBanner")->geometry().bottom());
    const ModelSpec before = doc.spec();
    QTest::keyClick(&editor, Qt::Key_Delete);
    QTest::keyClick(&editor, Qt::Key_D, Qt::ControlModifier);
    QTest::keyClick(&editor, Qt::Key_Up, Qt::AltModifier);
    for (QAction* a :
         {editor.deleteAction(), editor.duplicateAction(), editor.moveUpAction(), editor.moveDownAction()})
        QVERIFY(!a->isEnabled());
    std::unique_ptr<QMimeData> mime(LayerMime::encodeNewLayer(LayerType::Dense));
    QVERIFY(!dragAndDrop(editor, mime.get(), editor.insertionPoint(1)).enterAccepted);
    editor.insertLayerAfterSelection(LayerType::Dropout);
    doc.removeLayer(doc.layerId(0));  // even straight to the document
    QVERIFY(doc.spec() == before);
    QCOMPARE(doc.undoStack()->count(), 0);
    QCOMPARE(editor.selectedLayer(), 1);  // looking is still allowed

    doc.setEditLock(QString());
    QVERIFY(!editor.isLockBannerVisible());
    QTest::keyClick(&editor, Qt::Key_Delete);
    QCOMPARE(doc.spec().layers.size(), before.layers.size() - 1);
    QVERIFY(dragAndDrop(editor, mime.get(), editor.insertionPoint(1)).dropAccepted);
}

void TestModelEditor::keyboardSelectsAndMoves() {
    ModelDocument doc;
    doc.reset(smallCnn());
    ModelEditor editor(&doc);
    QVERIFY(showAt(editor, 500));
    editor.setFocus();
    QTest::keyClick(&editor, Qt::Key_Down);
    QCOMPARE(editor.selectedLayer(), 0);
    QTest::keyClick(&editor, Qt::Key_End);
    QCOMPARE(editor.selectedLayer(), 3);
    // The last block was scrolled into view.
    QVERIFY(editor.viewport()->rect().contains(editor.blockRect(3)));
    QTest::keyClick(&editor, Qt::Key_Up);
    QCOMPARE(editor.selectedLayer(), 2);
    // Alt+Up moves the selected Flatten above the MaxPool2D, and the selection follows it.
    QTest::keyClick(&editor, Qt::Key_Up, Qt::AltModifier);
    QCOMPARE(doc.spec().layers[1].type, LayerType::Flatten);
    QCOMPARE(editor.selectedLayer(), 1);
    QVERIFY(!doc.info().ok());  // MaxPool2D after Flatten cannot work
    QTest::keyClick(&editor, Qt::Key_Escape);
    QCOMPARE(editor.selectedLayer(), -1);
    QVERIFY(!editor.deleteAction()->isEnabled());
}

void TestModelEditor::undoRedoRestoreExactSpecs() {
    ModelDocument doc;
    doc.reset(smallCnn());
    std::vector<ModelSpec> history{doc.spec()};
    auto record = [&] { history.push_back(doc.spec()); };

    doc.insertLayer(1, LayerSpec::make(LayerType::LeakyReLU));
    record();
    doc.moveLayer(doc.layerId(1), QString(), 3);
    record();
    doc.duplicateLayer(doc.layerId(0));
    record();
    LayerSpec changed = doc.spec().layers[0];
    changed.kernel = 5;
    changed.padding = layerlab::Padding::Same;
    doc.setLayer(doc.layerId(0), changed);
    record();
    doc.removeLayer(doc.layerId(2));
    record();
    doc.setName(QStringLiteral("renamed"));
    record();
    layerlab::TrainingSpec t = doc.spec().training;
    t.batchSize = 32;
    doc.setTraining(t);
    record();
    QCOMPARE(doc.undoStack()->count(), int(history.size()) - 1);
    for (size_t i = 1; i < history.size(); ++i) QVERIFY(history[i] != history[i - 1]);

    for (int i = int(history.size()) - 2; i >= 0; --i) {
        doc.undoStack()->undo();
        QCOMPARE(doc.spec(), history[i]);
        // Shape inference follows every step.
        QCOMPARE(doc.info().layers.size(), doc.spec().layers.size());
    }
    QVERIFY(!doc.isModified());
    for (size_t i = 1; i < history.size(); ++i) {
        doc.undoStack()->redo();
        QCOMPARE(doc.spec(), history[i]);
    }
    QVERIFY(doc.isModified());
}

void TestModelEditor::invalidStackMarksTheBlock_data() {
    QTest::addColumn<ModelSpec>("spec");
    QTest::addColumn<int>("badLayer");
    QTest::addColumn<QString>("mustMention");

    ModelSpec denseOnImage;  // Dense directly on the 1x28x28 input, no Flatten
    denseOnImage.layers = {dense(64, Activation::ReLU), dense(10, Activation::Softmax)};
    QTest::newRow("Dense without Flatten") << denseOnImage << 0 << QStringLiteral("layer 1 (Dense)");

    ModelSpec convAfterFlatten;
    convAfterFlatten.layers = {LayerSpec::make(LayerType::Flatten), LayerSpec::make(LayerType::Conv2D),
                               dense(10)};
    QTest::newRow("Conv2D after Flatten") << convAfterFlatten << 1 << QStringLiteral("layer 2 (Conv2D)");
}

void TestModelEditor::invalidStackMarksTheBlock() {
    QFETCH(ModelSpec, spec);
    QFETCH(int, badLayer);
    QFETCH(QString, mustMention);

    ModelDocument doc;
    ModelEditor editor(&doc);
    ModelSummaryBar bar(&doc);
    QVERIFY(showAt(editor, 900));

    // Build it through the editor's drop path, layer by layer, then fix the settings.
    for (size_t i = 0; i < spec.layers.size(); ++i) {
        std::unique_ptr<QMimeData> mime(LayerPalette::mimeDataFor(spec.layers[i].type));
        QVERIFY(dragAndDrop(editor, mime.get(), editor.insertionPoint(int(i))).dropAccepted);
        doc.setLayer(doc.layerId(int(i)), spec.layers[i]);
    }
    QCOMPARE(withoutIds(doc.spec().layers), spec.layers);

    const auto& info = doc.info();
    QVERIFY(!info.ok());
    QCOMPARE(info.errorLayer, badLayer);
    const QString error = QString::fromStdString(info.layers[badLayer].error);
    QVERIFY2(error.startsWith(mustMention), qPrintable(error));
    QCOMPARE(QString::fromStdString(info.error), error);

    // The block is red: its group-colour stripe is replaced by the error colour, and it is taller than a
    // valid block of the same type because it shows the message.
    const QRect bad = editor.blockRect(badLayer);
    const QImage image = editor.viewport()->grab().toImage();
    const QColor stripe = image.pixelColor(bad.left() + 2, bad.center().y());
    QVERIFY2(stripe.red() > 180 && stripe.green() < 90 && stripe.blue() < 90, qPrintable(stripe.name()));
    ModelDocument fine;
    ModelSpec ok = smallCnn();
    fine.reset(ok);
    ModelEditor okEditor(&fine);
    okEditor.resize(360, 900);
    QVERIFY(fine.info().ok());
    QVERIFY(bad.height() > okEditor.blockRect(0).height());
    // A valid block keeps its group colour.
    okEditor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&okEditor));
    const QColor okStripe = okEditor.viewport()->grab().toImage().pixelColor(
        okEditor.blockRect(0).left() + 2, okEditor.blockRect(0).center().y());
    QCOMPARE(okStripe.name(), LayerCatalog::colorOf(LayerType::Conv2D).name());

    // The block's tooltip carries the engine's message too.
    QHelpEvent help(QEvent::ToolTip, bad.center(), editor.viewport()->mapToGlobal(bad.center()));
    QApplication::sendEvent(editor.viewport(), &help);
    QVERIFY2(QToolTip::isVisible() && QToolTip::text().contains(error.toHtmlEscaped()),
             qPrintable(QToolTip::text()));
    QToolTip::hideText();

    // The totals bar reports the same message.
    QVERIFY2(bar.statusText().contains(error), qPrintable(bar.statusText()));

    // Fixing the stack clears the error.
    if (spec.layers[badLayer].type == LayerType::Dense)
        doc.insertLayer(0, LayerSpec::make(LayerType::Flatten));  // Flatten, Dense, Dense
    else
        doc.moveLayer(doc.layerId(0), QString(), 1);  // Conv2D, Flatten, Dense
    QVERIFY2(doc.info().ok(), doc.info().error.c_str());
    QVERIFY(editor.blockRect(badLayer).height() < bad.height());
}

void TestModelEditor::inspectorEditsAreUndoableAndMerge() {
    ModelDocument doc;
    doc.reset(smallCnn());
    ModelEditor editor(&doc);
    LayerInspector inspector(&doc);
    QObject::connect(&editor, &ModelEditor::selectionChanged, &inspector, &LayerInspector::showLayer);
    inspector.show();
    editor.selectLayer(0);
    QCOMPARE(inspector.currentLayer(), doc.layerId(0));
    auto spin = [&](const char* key) { return qobject_cast<QSpinBox*>(inspector.fieldEditor(key)); };
    QVERIFY(spin("filters") && spin("filters")->isVisibleTo(&inspector));
    QVERIFY(!inspector.fieldEditor("units"));  // a Conv2D has no units
    QCOMPARE(spin("filters")->value(), 32);

    // Three rapid steps of the same spin box become one undo step.
    spin("filters")->stepUp();
    spin("filters")->stepUp();
    spin("filters")->stepUp();
    QCOMPARE(doc.spec().layers[0].filters, 35);
    QCOMPARE(doc.undoStack()->count(), 1);
    QCOMPARE(doc.undoStack()->text(0), QStringLiteral("Change Conv2D filters"));
    // Another field is another step.
    spin("kernel")->setValue(5);
    QCOMPARE(doc.spec().layers[0].kernel, 5);
    QCOMPARE(doc.undoStack()->count(), 2);
    QCOMPARE(doc.undoStack()->text(1), QStringLiteral("Change Conv2D kernel size"));

    doc.undoStack()->undo();
    QCOMPARE(doc.spec().layers[0].kernel, 3);
    QCOMPARE(spin("kernel")->value(), 3);  // the editor follows the document
    doc.undoStack()->undo();
    QCOMPARE(withoutId(doc.spec().layers[0]), smallCnn().layers[0]);
    QCOMPARE(spin("filters")->value(), 32);

    // The editors accept exactly what the model file accepts (the same descriptor limits).
    QCOMPARE(spin("filters")->minimum(), 1);
    QCOMPARE(spin("filters")->maximum(), 100000);
    QCOMPARE(spin("stride")->minimum(), 1);  // a convolution's stride; a pool's may be 0
    // alpha only while the activation is leaky_relu.
    auto* activation = qobject_cast<QComboBox*>(inspector.fieldEditor("activation"));
    QVERIFY(activation && inspector.fieldEditor("alpha"));
    QVERIFY(!inspector.fieldEditor("alpha")->isVisibleTo(&inspector));
    activation->setCurrentIndex(activation->findData(int(Activation::LeakyReLU)));
    QCOMPARE(doc.spec().layers[0].activation, Activation::LeakyReLU);
    QVERIFY(inspector.fieldEditor("alpha")->isVisibleTo(&inspector));
    doc.undoStack()->undo();
    QVERIFY(!inspector.fieldEditor("alpha")->isVisibleTo(&inspector));

    editor.selectLayer(1);  // MaxPool2D
    QCOMPARE(spin("stride")->minimum(), 0);
    QCOMPARE(spin("stride")->text(), QStringLiteral("same as pool size"));
    editor.selectLayer(3);  // Dense
    QVERIFY(spin("units")->isVisibleTo(&inspector));
    spin("units")->setValue(0);  // below the minimum: clamped to 1 unit
    QCOMPARE(doc.spec().layers[3].units, 1);

    // A Dropout layer shows only its rate, up to but not including 1 as in the file.
    doc.insertLayer(3, LayerSpec::make(LayerType::Dropout));
    QCOMPARE(inspector.currentLayer(), doc.layerId(3));
    auto* rate = qobject_cast<QDoubleSpinBox*>(inspector.fieldEditor("rate"));
    QVERIFY(rate && rate->isVisibleTo(&inspector));
    QVERIFY(!inspector.fieldEditor("filters"));
    QCOMPARE(rate->maximum(), double(std::nextafter(1.0f, 0.0f)));
    rate->setValue(0.97);  // the old Inspector stopped at 0.95
    QCOMPARE(doc.spec().layers[3].rate, 0.97f);

    // A BatchNorm shows its momentum and epsilon; a Conv2D its initialisation, and init_std only for
    // "normal". Both come from the layer table.
    doc.insertLayer(1, LayerSpec::make(LayerType::BatchNorm));
    QCOMPARE(inspector.currentLayer(), doc.layerId(1));
    auto* momentum = qobject_cast<QDoubleSpinBox*>(inspector.fieldEditor("momentum"));
    QVERIFY(momentum && momentum->isVisibleTo(&inspector) && inspector.fieldEditor("epsilon"));
    QVERIFY(!inspector.fieldEditor("init"));  // BatchNorm has no weights to initialise
    QCOMPARE(float(momentum->value()), 0.9f);
    momentum->setValue(0.99);
    QCOMPARE(doc.spec().layers[1].momentum, 0.99f);
    QCOMPARE(doc.undoStack()->text(doc.undoStack()->count() - 1),
             QStringLiteral("Change BatchNorm momentum"));
    // LAYERLAB_TEST_SHOTS=DIR saves the inspector showing it, to look at.
    if (qEnvironmentVariableIsSet("LAYERLAB_TEST_SHOTS"))
        inspector.grab().save(qEnvironmentVariable("LAYERLAB_TEST_SHOTS") + "/inspector_batchnorm.png");
    editor.selectLayer(0);
    auto* init = qobject_cast<QComboBox*>(inspector.fieldEditor("init"));
    QVERIFY(init && init->isVisibleTo(&inspector));
    QCOMPARE(init->currentData().toInt(), int(layerlab::WeightInit::Default));
    QVERIFY(!inspector.fieldEditor("init_std")->isVisibleTo(&inspector));
    init->setCurrentIndex(init->findData(int(layerlab::WeightInit::Normal)));
    QCOMPARE(doc.spec().layers[0].init, layerlab::WeightInit::Normal);
    QVERIFY(inspector.fieldEditor("init_std")->isVisibleTo(&inspector));
    if (qEnvironmentVariableIsSet("LAYERLAB_TEST_SHOTS"))
        inspector.grab().save(qEnvironmentVariable("LAYERLAB_TEST_SHOTS") + "/inspector_init.png");
}

void TestModelEditor::residualBlockIsEditedInPlace() {
    // Flatten, Residual(Dense 784 relu, Dense 784), Dense 10.
    ModelDocument doc;
    ModelSpec s;
    s.layers = {LayerSpec::make(LayerType::Flatten),
                LayerSpec::make(LayerType::Residual, layerlab::Shape::flat(784)), dense(10)};
    doc.reset(s);
    const ModelSpec opened = doc.spec();
    const QString block = doc.layerId(1);
    const QString first = QString::fromStdString(opened.layers[1].layers[0].id);
    ModelEditor editor(&doc);
    LayerInspector inspector(&doc);
    QObject::connect(&editor, &ModelEditor::selectionChanged, &inspector, &LayerInspector::showLayer);
    QVERIFY(showAt(editor, 900));
    editor.setFocus();

    // One block holding its inner blocks.
    QVERIFY(editor.blockRect(block).contains(editor.blockRect(first)));
    QVERIFY(editor.blockRect(block).height() > 3 * editor.blockRect(first).height());
    // Its frame is tinted with its group colour and keeps the stripe; the inner block keeps its own.
    const QImage image = editor.viewport()->grab().toImage();
    const QRect outer = editor.blockRect(block), inner = editor.blockRect(first);
    QCOMPARE(image.pixelColor(outer.left() + 2, outer.top() + 30).name(),
             LayerCatalog::colorOf(LayerType::Residual).name());
    QCOMPARE(image.pixelColor(inner.left() + 2, inner.center().y()).name(),
             LayerCatalog::colorOf(LayerType::Dense).name());
    const QColor frame = image.pixelColor(outer.left() + 10, inner.center().y());  // between the two stripes
    QVERIFY2(frame.green() > frame.red() && frame.green() > frame.blue(), qPrintable(frame.name()));

    // A click selects the inner layer, the inspector follows with its number.
    QTest::mouseClick(editor.viewport(), Qt::LeftButton, Qt::NoModifier, inner.center());
    QCOMPARE(editor.selectedId(), first);
    QCOMPARE(editor.selectedLayer(), -1);  // not one of the model's own layers
    QCOMPARE(inspector.currentLayer(), first);
    QVERIFY(qobject_cast<QSpinBox*>(inspector.fieldEditor("units")));
    QHelpEvent help(QEvent::ToolTip, inner.center(), editor.viewport()->mapToGlobal(inner.center()));
    QApplication::sendEvent(editor.viewport(), &help);
    QVERIFY2(QToolTip::text().startsWith("<b>2.1 \u00b7 Dense</b>"), qPrintable(QToolTip::text()));
    QToolTip::hideText();

    // A palette drop in the gap between the two inner layers inserts inside the block.
    std::unique_ptr<QMimeData> tanh(LayerPalette::mimeDataFor(LayerType::Tanh));
    DropResult r = dragAndDrop(editor, tanh.get(), editor.insertionPoint(block, 1));
    QVERIFY(r.dropAccepted);
    QCOMPARE(r.markerDuringMove, -1);  // the marker is not in the model's own chain
    const QString added = editor.selectedId();
    QCOMPARE(doc.layer(added)->type, LayerType::Tanh);
    QCOMPARE(doc.parentOf(added), block);
    QCOMPARE(doc.indexOf(added), 1);
    QVERIFY(doc.info().ok());

    // While a run trains the model, nothing changes inside the block either: no drop into its chain, no
    // Alt+Up out of it, no Del; the selection still moves.
    doc.setEditLock(QStringLiteral("Stop the run to edit the model."));
    const int stepsBeforeLock = doc.undoStack()->count();
    QVERIFY(!dragAndDrop(editor, tanh.get(), editor.insertionPoint(block, 0)).enterAccepted);
    QVERIFY(!editor.moveUpAction()->isEnabled());
    QTest::keyClick(&editor, Qt::Key_Up, Qt::AltModifier);
    QTest::keyClick(&editor, Qt::Key_Delete);
    QCOMPARE(doc.parentOf(added), block);
    QCOMPARE(doc.indexOf(added), 1);
    QCOMPARE(doc.undoStack()->count(), stepsBeforeLock);
    editor.selectLayerId(first);
    QCOMPARE(editor.selectedId(), first);
    editor.selectLayerId(added);
    doc.setEditLock(QString());

    // Moving it out of the block: a drag payload names it by id, the drop lands after the block.
    std::unique_ptr<QMimeData> out(LayerMime::encodeMove(&doc, added));
    r = dragAndDrop(editor, out.get(), editor.insertionPoint(QString(), 2), Qt::MoveAction);
    QVERIFY(r.dropAccepted);
    QCOMPARE(r.markerDuringMove, 2);
    QCOMPARE(doc.parentOf(added), QString());
    QCOMPARE(doc.indexOf(added), 2);
    QCOMPARE(doc.chainSize(block), 2);

    // Dragging the block into its own inside does nothing and shows no marker.
    std::unique_ptr<QMimeData> self(LayerMime::encodeMove(&doc, block));
    const int steps = doc.undoStack()->count();
    r = dragAndDrop(editor, self.get(), editor.insertionPoint(block, 1), Qt::MoveAction);
    QCOMPARE(r.markerDuringMove, -1);
    QVERIFY(!editor.dropIndicator().valid());
    QCOMPARE(doc.undoStack()->count(), steps);

    // Alt+Up on the block's first layer takes it out of the block, right before it.
    editor.selectLayerId(first);
    QVERIFY(editor.moveUpAction()->isEnabled());
    QTest::keyClick(&editor, Qt::Key_Up, Qt::AltModifier);
    QCOMPARE(doc.parentOf(first), QString());
    QCOMPARE(doc.indexOf(first), 1);
    QCOMPARE(editor.selectedId(), first);
    // Down through the display order: the block, then its (now one) inner layer.
    QTest::keyClick(&editor, Qt::Key_Down);
    QCOMPARE(editor.selectedId(), block);
    QTest::keyClick(&editor, Qt::Key_Down);
    QCOMPARE(doc.parentOf(editor.selectedId()), block);

    // Del inside the block deletes that layer only; the block is then empty and says so.
    QTest::keyClick(&editor, Qt::Key_Delete);
    QCOMPARE(doc.chainSize(block), 0);
    QCOMPARE(editor.selectedId(), block);  // the selection falls back to the block
    QVERIFY(QString::fromStdString(doc.info().error).contains("has no layers inside"));

    // Every step undoes, back to the model as it was opened.
    while (doc.undoStack()->canUndo()) doc.undoStack()->undo();
    QCOMPARE(doc.spec(), opened);
}

void TestModelEditor::droppedResidualFitsWhereItLands() {
    ModelDocument doc;
    doc.reset(smallCnn());  // Conv2D (-> 32x26x26), MaxPool2D, Flatten, Dense
    ModelEditor editor(&doc);
    QVERIFY(showAt(editor, 900));
    std::unique_ptr<QMimeData> mime(LayerPalette::mimeDataFor(LayerType::Residual));
    QVERIFY(dragAndDrop(editor, mime.get(), editor.insertionPoint(1)).dropAccepted);
    const LayerSpec& block = doc.spec().layers[1];
    QCOMPARE(block.type, LayerType::Residual);
    QCOMPARE(block.layers.size(), size_t(2));
    for (const LayerSpec& conv : block.layers) {
        QCOMPARE(conv.type, LayerType::Conv2D);
        QCOMPARE(conv.filters, 32);
        QCOMPARE(conv.padding, layerlab::Padding::Same);
        QVERIFY(!conv.id.empty());
    }
    QVERIFY2(doc.info().ok(), doc.info().error.c_str());  // works as soon as it is dropped
    QCOMPARE(doc.undoStack()->text(0), QStringLiteral("Add Residual"));
    QCOMPARE(editor.selectedLayer(), 1);
    // Its inner blocks are drawn inside it.
    QVERIFY(editor.blockRect(QString::fromStdString(block.id))
                .contains(editor.blockRect(QString::fromStdString(block.layers[1].id))));
}

void TestModelEditor::summaryBarShowsTotals() {
    ModelDocument doc;
    ModelSummaryBar bar(&doc);
    doc.reset(smallCnn());
    const auto& info = doc.info();
    QVERIFY(info.ok());
    // Conv2D 1->32 3x3: 32*9 + 32 = 320; Dense 32*13*13 -> 10: 5408*10 + 10 = 54090.
    QCOMPARE(info.params, 320LL + 54090LL);
    QCOMPARE(bar.parametersText(), QuantityFormat::count(double(info.params)));
    QCOMPARE(bar.flopsText(), QuantityFormat::count(info.flopsPerSample));
    // The engine's own estimate, at the spec's batch and the threads that run.
    const auto& t0 = doc.spec().training;
    const layerlab::TrainingMemory memory =
        layerlab::estimateTrainingMemory(doc.spec(), t0.batchSize, layerlab::effectiveThreads(t0.threads));
    QCOMPARE(bar.memoryText(), QuantityFormat::bytes(memory.total()));
    QVERIFY(bar.memoryRefusal().isEmpty());
    QVERIFY(bar.statusText().contains("fits together"));
    // Changing the batch size changes the memory figure.
    const QString before = bar.memoryText();
    layerlab::TrainingSpec t = doc.spec().training;
    t.batchSize *= 4;
    doc.setTraining(t);
    QVERIFY(bar.memoryText() != before);

    // Two Dense(100000): the bar shows the engine's refusal, word for word.
    layerlab::ModelSpec huge = doc.spec();
    LayerSpec wide = LayerSpec::make(LayerType::Dense);
    wide.units = 100000;
    huge.layers.insert(huge.layers.end() - 1, {wide, wide});
    doc.reset(huge);
    QVERIFY(doc.info().ok());
    const std::string refusal = layerlab::trainingMemoryRefusal(layerlab::estimateTrainingMemory(
        huge, huge.training.batchSize, layerlab::effectiveThreads(huge.training.threads)));
    QVERIFY(!refusal.empty());
    QCOMPARE(bar.memoryRefusal(), QString::fromStdString(refusal));
    QVERIFY2(bar.statusText().contains("Too big to train"), qPrintable(bar.statusText()));
}

// The lock at the right of a block's first row: a click freezes the layer (one undo step, "Freeze
// Conv2D"), the totals split trainable and frozen parameters, undo and redo restore it, Ctrl+L and the Edit
// action do the same for the selection; layers without parameters have no lock; a locked document ignores it.
void TestModelEditor::lockToggleFreezesAndUndoes() {
    ModelDocument doc;
    doc.reset(smallCnn());
    ModelEditor editor(&doc);
    ModelSummaryBar bar(&doc);
    QVERIFY(showAt(editor, 900));
    const QString conv = doc.layerId(0), pool = doc.layerId(1), dense = doc.layerId(3);
    QVERIFY(editor.lockRect(pool).isNull());  // nothing to freeze in a pooling layer
    const QRect lock = editor.lockRect(conv);
    QVERIFY(!lock.isNull());
    QVERIFY(editor.blockRect(conv).contains(lock));
    const ModelSpec before = doc.spec();
    const long long convParams = doc.info().layers[0].params;

    QTest::mouseClick(editor.viewport(), Qt::LeftButton, Qt::NoModifier, lock.center());
    QCOMPARE(doc.spec().layers[0].trainable, false);
    QCOMPARE(doc.undoStack()->count(), 1);
    QCOMPARE(doc.undoStack()->undoText(), QStringLiteral("Freeze Conv2D"));
    QCOMPARE(doc.info().trainableParams, doc.info().params - convParams);
    QCOMPARE(bar.parametersText(), QStringLiteral("%1 (%2 frozen)")
                                       .arg(QuantityFormat::count(double(doc.info().params)),
                                            QuantityFormat::count(double(convParams))));
    QVERIFY2(bar.statusText().contains(QStringLiteral("Trains %1 of its %2 parameters")
                                           .arg(QLocale().toString(54090LL), QLocale().toString(54410LL))),
             qPrintable(bar.statusText()));
    QCOMPARE(editor.selectedId(), conv);  // the click selected the block too
    QVERIFY(editor.freezeAction()->isEnabled());
    QVERIFY(editor.freezeAction()->isChecked());
    // The block's tooltip says it; the lock's says how to undo it.
    QVERIFY(BlockPainter::toolTip("1", doc.spec().layers[0], doc.layerInfo(conv), true).contains("Frozen"));
    QVERIFY(BlockPainter::lockToolTip(doc.spec().layers[0], true).contains("Click to unfreeze"));

    doc.undoStack()->undo();
    QVERIFY(doc.spec() == before);
    QCOMPARE(bar.parametersText(), QuantityFormat::count(double(doc.info().params)));
    QVERIFY(!editor.freezeAction()->isChecked());
    doc.undoStack()->redo();
    QCOMPARE(doc.spec().layers[0].trainable, false);
    // A second click unfreezes (after the merge window, so it is an undo step of its own).
    QTest::qWait(int(SetLayerCommand::kMergeWindowMs) + 100);
    QTest::mouseClick(editor.viewport(), Qt::LeftButton, Qt::NoModifier, editor.lockRect(conv).center());
    QCOMPARE(doc.spec().layers[0].trainable, true);
    QCOMPARE(doc.undoStack()->undoText(), QStringLiteral("Unfreeze Conv2D"));
    QCOMPARE(doc.undoStack()->count(), 2);

    // Ctrl+L on the selected Dense; the pooling layer's action is off.
    editor.setFocus();
    editor.selectLayerId(dense);
    QTest::keyClick(&editor, Qt::Key_L, Qt::ControlModifier);
    QCOMPARE(doc.spec().layers[3].trainable, false);
    editor.selectLayerId(pool);
    QVERIFY(!editor.freezeAction()->isEnabled());

    // Written to the file as "trainable": false on that layer only.
    const std::string text = layerlab::serializeModelSpec(doc.spec());
    const auto first = text.find("\"trainable\": false");
    QVERIFY(first != std::string::npos);
    QCOMPARE(text.find("\"trainable\"", first + 1), std::string::npos);

    // While a run owns the model the lock does nothing.
    doc.setEditLock(QStringLiteral("Stop the run to edit the model."));
    const ModelSpec locked = doc.spec();
    QTest::mouseClick(editor.viewport(), Qt::LeftButton, Qt::NoModifier, editor.lockRect(dense).center());
    QVERIFY(doc.spec() == locked);
    QVERIFY(!editor.freezeAction()->isEnabled());
    doc.setEditLock(QString());

    // A frozen Residual block freezes what is inside it: its inner blocks draw their locks closed.
    ModelSpec withBlock = smallCnn();
    withBlock.layers.insert(withBlock.layers.begin() + 1,
                            LayerSpec::make(LayerType::Residual, layerlab::Shape::chw(32, 26, 26)));
    doc.reset(withBlock);
    const QString block = doc.layerId(1);
    const QString inner = QString::fromStdString(doc.spec().layers[1].layers[0].id);
    QVERIFY(!editor.lockRect(inner).isNull());
    QTest::mouseClick(editor.viewport(), Qt::LeftButton, Qt::NoModifier, editor.lockRect(block).center());
    QCOMPARE(doc.spec().layers[1].trainable, false);
    QCOMPARE(doc.info().layers[1].trainableParams, 0LL);
    QVERIFY(layerlab::isFrozen(doc.spec(), doc.pathOf(inner)));
    QVERIFY(BlockPainter::lockToolTip(*doc.layer(inner), true).contains("Frozen with the block"));

    // LAYERLAB_TEST_SHOTS=DIR saves the editor with a frozen layer, to look at.
    if (qEnvironmentVariableIsSet("LAYERLAB_TEST_SHOTS")) {
        doc.reset(smallCnn());
        doc.setLayerTrainable(doc.layerId(0), false);
        editor.selectLayerId(doc.layerId(3));
        editor.grab().save(qEnvironmentVariable("LAYERLAB_TEST_SHOTS") + "/editor_frozen.png");
    }
}

void TestModelEditor::freezingEveryLayerSaysNothingToTrain() {
    ModelDocument doc;
    ModelSummaryBar bar(&doc);
    doc.reset(smallCnn());
    doc.setLayerTrainable(doc.layerId(0), false);
    QVERIFY(bar.statusText().contains("fits together"));
    doc.setLayerTrainable(doc.layerId(3), false);
    QVERIFY2(bar.statusText().contains("Nothing to train: every layer with weights is frozen"),
             qPrintable(bar.statusText()));
    QCOMPARE(doc.info().trainableParams, 0LL);
}

void TestModelEditor::saveThenOpenGivesSameSpec() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    ModelDocument doc;
    ModelFileController files(&doc, nullptr);
    files.setInteractive(false);
    QVERIFY(files.loadPreset(QStringLiteral("lenet5")));
    doc.duplicateLayer(doc.layerId(1));
    doc.setName(QStringLiteral("round trip"));
    QVERIFY(doc.isModified());
    const ModelSpec saved = doc.spec();

    const QString path = dir.filePath(QStringLiteral("model.json"));
    QVERIFY2(files.saveToFile(path), qPrintable(files.lastError()));
    QVERIFY(!doc.isModified());
    QCOMPARE(doc.filePath(), QFileInfo(path).absoluteFilePath());
    QCOMPARE(files.recentFiles().value(0), QFileInfo(path).absoluteFilePath());

    ModelDocument reopened;
    ModelFileController reader(&reopened, nullptr);
    reader.setInteractive(false);
    QVERIFY2(reader.openFile(path), qPrintable(reader.lastError()));
    QCOMPARE(reopened.spec(), saved);
    QVERIFY(!reopened.isModified());
    QCOMPARE(reopened.undoStack()->count(), 0);

    // Save (no dialog) reuses the path; the recent list keeps one entry per file, newest first, max 8.
    for (int i = 0; i < 10; ++i) QVERIFY(files.saveToFile(dir.filePath(QStringLiteral("m%1.json").arg(i))));
    QCOMPARE(files.recentFiles().size(), 8);
    QCOMPARE(QFileInfo(files.recentFiles().value(0)).fileName(), QStringLiteral("m9.json"));
}

void TestModelEditor::corruptFileReportsSpecError() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("broken.json"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(
        "{\"format\": \"layerlab-model\", \"version\": 1, \"layers\": [ {\"type\": \"Dense\", \"units\": -3");
    f.close();

    ModelDocument doc;
    doc.reset(smallCnn());
    ModelFileController files(&doc, nullptr);
    files.setInteractive(false);
    QSignalSpy errors(&files, &ModelFileController::errorOccurred);
    QVERIFY(!files.openFile(path));
    QCOMPARE(errors.count(), 1);
    QVERIFY(files.lastError().contains(QStringLiteral("broken.json")));
    QVERIFY(files.lastError().size() >
            QStringLiteral("Could not open %1:\n").arg(path).size() + 5);  // SpecError text
    QCOMPARE(doc.spec(), withIds(smallCnn()));                             // untouched

    QVERIFY(!files.openFile(dir.filePath(QStringLiteral("missing.json"))));
    QCOMPARE(errors.count(), 2);
}

void TestModelEditor::unsavedChangesCancelKeepsModel() {
    ModelDocument doc;
    ModelFileController files(&doc, nullptr);
    files.setInteractive(false);
    QVERIFY(files.loadPreset(QStringLiteral("mlp")));
    doc.removeLayer(doc.layerId(0));
    const ModelSpec edited = doc.spec();

    files.setQuietUnsavedAnswer(QMessageBox::Cancel);
    QVERIFY(!files.maybeSave());
    QVERIFY(!files.loadPreset(QStringLiteral("seed-cnn")));
    files.newModel();
    QCOMPARE(doc.spec(), edited);
    QVERIFY(doc.isModified());

    files.setQuietUnsavedAnswer(QMessageBox::Discard);
    files.newModel();
    QVERIFY(doc.spec().layers.empty());
    QVERIFY(!doc.isModified());
}

void TestModelEditor::presetsLoad() {
    ModelDocument doc;
    ModelFileController files(&doc, nullptr);
    files.setInteractive(false);
    QCOMPARE(files.presetsMenu()->actions().size(), 6);

    QVERIFY2(files.loadPreset(QStringLiteral("seed-cnn")), qPrintable(files.lastError()));
    QCOMPARE(doc.spec().layers.size(), size_t(7));
    const std::vector<LayerType> seed = {LayerType::Conv2D,    LayerType::MaxPool2D, LayerType::Conv2D,
                                         LayerType::MaxPool2D, LayerType::Flatten,   LayerType::Dense,
                                         LayerType::Dense};
    QVERIFY(types(doc.spec()) == seed);
    QCOMPARE(doc.spec().layers[0].filters, 32);
    QCOMPARE(doc.spec().layers[6].units, 10);
    QVERIFY(doc.info().ok());
    QVERIFY(doc.filePath().isEmpty());
    QVERIFY(!doc.isModified());

    // Each preset's description (its reference figure) is the Presets menu item's tooltip and shows under
    // the model's totals once loaded.
    ModelSummaryBar bar(&doc);
    const QList<QAction*> items = files.presetsMenu()->actions();
    QCOMPARE(items.size(), ModelFileController::presetIds().size());
    for (const QString& id : ModelFileController::presetIds()) {
        QVERIFY2(files.loadPreset(id), qPrintable(id + ": " + files.lastError()));
        QVERIFY2(doc.info().ok(), qPrintable(id + ": " + QString::fromStdString(doc.info().error)));
        QCOMPARE(doc.info().outputShape, layerlab::Shape::flat(10));
        const QString description = QString::fromStdString(doc.spec().description);
        QVERIFY2(description.contains(QStringLiteral("Reference: ")), qPrintable(id + ": " + description));
        QCOMPARE(bar.descriptionText(), description);
        QCOMPARE(ModelFileController::presetDescription(id), description);
        const auto item =
            std::find_if(items.begin(), items.end(), [&](QAction* a) { return a->data() == id; });
        QVERIFY(item != items.end());
        QCOMPARE((*item)->toolTip(), description);
    }
    doc.reset(smallCnn());  // a model without a description shows none
    QCOMPARE(bar.descriptionText(), QString());
    QVERIFY(!files.loadPreset(QStringLiteral("no-such-preset")));
}

QTEST_MAIN(TestModelEditor)
#include "tst_model_editor.moc"
