// ModelDocument and its undo commands: what each edit does to the spec, what undo restores, merging of rapid
// edits, clean/modified state, focus hints for the views, refusal of unknown layers and places; layer ids
// (kept, given, new for copies) and edits addressed by id, inside blocks too; the edit lock while a run
// trains, and a destruction that tells listeners nothing.
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

#include "core/layer_tree.h"
#include "widgets/document/model_commands.h"
#include "widgets/document/model_document.h"

using layerlab::Activation;
using layerlab::LayerSpec;
using layerlab::LayerType;
using layerlab::ModelSpec;

namespace {
ModelSpec threeDense() {
    ModelSpec s;
    s.name = "three";
    for (int u : {10, 20, 30}) {
        LayerSpec l = LayerSpec::make(LayerType::Dense);
        l.units = u;
        s.layers.push_back(l);
    }
    return s;
}

// What the document holds after reset(threeDense()): the same layers with ids.
ModelSpec threeDenseWithIds() {
    ModelSpec s = threeDense();
    layerlab::assignLayerIds(s);
    return s;
}

std::vector<int> units(const ModelDocument& d) {
    std::vector<int> u;
    for (const auto& l : d.spec().layers) u.push_back(l.units);
    return u;
}

QString id(const ModelDocument& d, int index) {
    return d.layerId(index);
}

// Flatten, then a Residual block holding Dense(784, relu) and Dense(784), then Dense(10).
ModelSpec withBlock() {
    ModelSpec s;
    LayerSpec block = LayerSpec::make(LayerType::Residual, layerlab::Shape::flat(784));
    s.layers = {LayerSpec::make(LayerType::Flatten), block, LayerSpec::make(LayerType::Dense)};
    s.layers[2].units = 10;
    return s;
}
}  // namespace

class TestModelDocument : public QObject {
    Q_OBJECT
private slots:
    void startsWithInferredEmptyModel();
    void editsAndUndoTexts();
    void moveInBothDirections();
    void rapidEditsOfOneFieldMerge();
    void editingBackToTheStartLeavesNothingToUndo();
    void editsOfOtherFieldsOrLayersDoNotMerge();
    void slowEditsDoNotMerge();
    void modifiedFollowsTheUndoStack();
    void viewsAreToldWhichLayerAnEditConcerns();
    void unknownLayersAndPlacesAreRefused();
    void resetReplacesEverything();
    void layersKeepTheirIds();
    void undoAfterAReorderEditsTheSameLayer();
    void editsInsideABlock();
    void aBlockCannotMoveIntoItself();
    void lockRefusesEditsAndSaysWhy();
    void destroyingItTellsListenersNothing();
};

void TestModelDocument::startsWithInferredEmptyModel() {
    ModelDocument doc;
    QVERIFY(doc.spec().layers.empty());
    QCOMPARE(doc.spec().input, layerlab::Shape::chw(1, 28, 28));
    QVERIFY(!doc.info().ok());  // no layers: the engine says what to add
    QVERIFY(QString::fromStdString(doc.info().error).contains(QStringLiteral("no layers")));
    QVERIFY(!doc.isModified());
    QCOMPARE(doc.displayName(), QStringLiteral("Untitled model"));
}

void TestModelDocument::editsAndUndoTexts() {
    ModelDocument doc;
    doc.reset(threeDense());
    doc.insertLayer(0, LayerSpec::make(LayerType::Flatten));
    QCOMPARE(doc.undoStack()->text(0), QStringLiteral("Add Flatten"));
    QCOMPARE(doc.info().layers[1].inputShape, layerlab::Shape::flat(784));  // inference reran
    doc.removeLayer(id(doc, 2));
    QCOMPARE(doc.undoStack()->text(1), QStringLiteral("Delete Dense"));
    QCOMPARE(units(doc), (std::vector<int>{64, 10, 30}));  // Flatten's units field is the default
    LayerSpec l = doc.spec().layers[1];
    l.units = 11;
    doc.setLayer(id(doc, 1), l);
    QCOMPARE(doc.undoStack()->text(2), QStringLiteral("Change Dense units"));
    l.activation = Activation::Tanh;
    l.units = 12;
    doc.setLayer(id(doc, 1), l);
    QCOMPARE(doc.undoStack()->text(3), QStringLiteral("Change Dense settings"));
    doc.setName(QStringLiteral("x"));
    QCOMPARE(doc.undoStack()->text(4), QStringLiteral("Rename model"));
    QCOMPARE(doc.spec().name, std::string("x"));

    // Setting a layer to what it already is pushes nothing.
    doc.setLayer(id(doc, 1), doc.spec().layers[1]);
    doc.setName(QStringLiteral("x"));
    doc.setTraining(doc.spec().training);
    QCOMPARE(doc.undoStack()->count(), 5);

    doc.undoStack()->setIndex(0);
    QCOMPARE(doc.spec(), threeDenseWithIds());
}

void TestModelDocument::moveInBothDirections() {
    ModelDocument doc;
    doc.reset(threeDense());
    const QString first = id(doc, 0);
    doc.moveLayer(first, QString(), 2);
    QCOMPARE(units(doc), (std::vector<int>{20, 30, 10}));
    doc.moveLayer(first, QString(), 0);
    QCOMPARE(units(doc), (std::vector<int>{10, 20, 30}));
    doc.moveLayer(id(doc, 1), QString(), 1);  // no-op, no command
    QCOMPARE(doc.undoStack()->count(), 2);
    doc.undoStack()->undo();
    QCOMPARE(units(doc), (std::vector<int>{20, 30, 10}));
    doc.undoStack()->undo();
    QCOMPARE(units(doc), (std::vector<int>{10, 20, 30}));
    doc.duplicateLayer(id(doc, 2));
    QCOMPARE(units(doc), (std::vector<int>{10, 20, 30, 30}));
    doc.undoStack()->undo();
    QCOMPARE(units(doc), (std::vector<int>{10, 20, 30}));
    QCOMPARE(doc.spec(), threeDenseWithIds());
}

void TestModelDocument::rapidEditsOfOneFieldMerge() {
    ModelDocument doc;
    doc.reset(threeDense());
    for (int u = 11; u <= 15; ++u) {
        LayerSpec l = doc.spec().layers[0];
        l.units = u;
        doc.setLayer(id(doc, 0), l);
    }
    QCOMPARE(doc.undoStack()->count(), 1);
    QCOMPARE(doc.spec().layers[0].units, 15);
    doc.undoStack()->undo();
    QCOMPARE(doc.spec().layers[0].units, 10);
    doc.undoStack()->redo();
    QCOMPARE(doc.spec().layers[0].units, 15);

    // Training edits and renames merge too (the training panel's spin boxes, typing a name).
    for (int b : {16, 32, 64}) {
        auto t = doc.spec().training;
        t.batchSize = b;
        doc.setTraining(t);
    }
    doc.setName(QStringLiteral("a"));
    doc.setName(QStringLiteral("ab"));
    QCOMPARE(doc.undoStack()->count(), 3);
    doc.undoStack()->undo();
    QCOMPARE(doc.spec().name, std::string("three"));
    doc.undoStack()->undo();
    QCOMPARE(doc.spec().training.batchSize, 128);
}

void TestModelDocument::editingBackToTheStartLeavesNothingToUndo() {
    ModelDocument doc;
    doc.reset(threeDense());
    LayerSpec l = doc.spec().layers[1];
    l.units = 21;
    doc.setLayer(id(doc, 1), l);
    QVERIFY(doc.isModified());
    l.units = 20;
    doc.setLayer(id(doc, 1), l);
    QCOMPARE(doc.undoStack()->count(), 0);
    QVERIFY(!doc.isModified());
    QCOMPARE(doc.spec(), threeDenseWithIds());
}

void TestModelDocument::editsOfOtherFieldsOrLayersDoNotMerge() {
    ModelDocument doc;
    doc.reset(threeDense());
    LayerSpec a = doc.spec().layers[0];
    a.units = 11;
    doc.setLayer(id(doc, 0), a);
    a.activation = Activation::Sigmoid;  // another field of the same layer
    doc.setLayer(id(doc, 0), a);
    LayerSpec b = doc.spec().layers[1];
    b.activation = Activation::Sigmoid;  // same field, another layer
    doc.setLayer(id(doc, 1), b);
    a.activation = Activation::Tanh;  // back to layer 0's activation: top of stack is layer 1
    doc.setLayer(id(doc, 0), a);
    QCOMPARE(doc.undoStack()->count(), 4);
    doc.undoStack()->undo();
    QCOMPARE(doc.spec().layers[0].activation, Activation::Sigmoid);
    doc.undoStack()->undo();
    QCOMPARE(doc.spec().layers[1].activation, threeDense().layers[1].activation);
    doc.undoStack()->undo();
    QCOMPARE(doc.spec().layers[0].activation, threeDense().layers[0].activation);
    QCOMPARE(doc.spec().layers[0].units, 11);
}

void TestModelDocument::slowEditsDoNotMerge() {
    ModelDocument doc;
    doc.reset(threeDense());
    LayerSpec l = doc.spec().layers[0];
    l.units = 11;
    doc.setLayer(id(doc, 0), l);
    QTest::qWait(int(SetLayerCommand::kMergeWindowMs) + 200);
    l.units = 12;
    doc.setLayer(id(doc, 0), l);
    QCOMPARE(doc.undoStack()->count(), 2);
    doc.undoStack()->undo();
    QCOMPARE(doc.spec().layers[0].units, 11);
}

void TestModelDocument::modifiedFollowsTheUndoStack() {
    ModelDocument doc;
    QSignalSpy modified(&doc, &ModelDocument::modifiedChanged);
    QSignalSpy changed(&doc, &ModelDocument::changed);
    doc.reset(threeDense());
    QVERIFY(!doc.isModified());
    doc.removeLayer(id(doc, 0));
    QVERIFY(doc.isModified());
    QCOMPARE(modified.count(), 1);
    QCOMPARE(modified.last().at(0).toBool(), true);
    doc.markSaved();
    QVERIFY(!doc.isModified());
    QCOMPARE(modified.last().at(0).toBool(), false);
    doc.undoStack()->undo();  // back past the save point: modified again
    QVERIFY(doc.isModified());
    QCOMPARE(doc.spec(), threeDenseWithIds());
    QCOMPARE(changed.count(), 3);  // reset, remove, undo
}

void TestModelDocument::viewsAreToldWhichLayerAnEditConcerns() {
    ModelDocument doc;
    doc.reset(threeDense());
    QSignalSpy focus(&doc, &ModelDocument::layerFocused);
    auto focused = [&] { return focus.last().at(0).toString(); };
    const QString relu = doc.insertLayer(1, LayerSpec::make(LayerType::ReLU));
    QCOMPARE(focused(), relu);
    QCOMPARE(doc.indexOf(relu), 1);
    const QString copy = doc.duplicateLayer(id(doc, 3));
    QCOMPARE(focused(), copy);
    QCOMPARE(doc.indexOf(copy), 4);
    doc.moveLayer(copy, QString(), 0);
    QCOMPARE(focused(), copy);
    const QString last = id(doc, 4);
    doc.removeLayer(last);  // the last one: focus moves to the new last
    QCOMPARE(focused(), id(doc, 3));
    doc.undoStack()->undo();  // the restored layer is focused
    QCOMPARE(focused(), last);
    doc.undoStack()->undo();  // the move back
    QCOMPARE(focused(), copy);
    QCOMPARE(doc.indexOf(copy), 4);
    doc.reset(ModelSpec{});
    QCOMPARE(focused(), QString());
}

void TestModelDocument::unknownLayersAndPlacesAreRefused() {
    ModelDocument doc;
    doc.reset(threeDense());
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression("insertLayer"));
    doc.insertLayer(4, LayerSpec::make(LayerType::ReLU));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression("insertLayer"));
    doc.insertLayer(id(doc, 0), 0, LayerSpec::make(LayerType::ReLU));  // a Dense layer holds no chain
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression("removeLayer"));
    doc.removeLayer(QStringLiteral("no_such_layer"));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression("moveLayer"));
    doc.moveLayer(id(doc, 0), QString(), 3);  // past the end once it is taken out
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression("duplicateLayer"));
    doc.duplicateLayer(QString());
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression("setLayer"));
    doc.setLayer(QStringLiteral("dense_9"), LayerSpec{});
    QCOMPARE(doc.undoStack()->count(), 0);
    QCOMPARE(doc.spec(), threeDenseWithIds());
    doc.insertLayer(3, LayerSpec::make(LayerType::ReLU));  // == layerCount is allowed: append
    QCOMPARE(doc.spec().layers.back().type, LayerType::ReLU);
}

void TestModelDocument::resetReplacesEverything() {
    ModelDocument doc;
    doc.reset(threeDense());
    doc.removeLayer(id(doc, 0));
    QSignalSpy path(&doc, &ModelDocument::filePathChanged);
    doc.reset(threeDense(), QStringLiteral("/tmp/some/model.json"));
    QCOMPARE(doc.undoStack()->count(), 0);
    QVERIFY(!doc.isModified());
    QCOMPARE(doc.filePath(), QStringLiteral("/tmp/some/model.json"));
    QCOMPARE(path.count(), 1);
    QCOMPARE(doc.displayName(), QStringLiteral("model.json"));
    QCOMPARE(doc.spec(), threeDenseWithIds());
    QCOMPARE(doc.info().layers.size(), size_t(3));
}

void TestModelDocument::lockRefusesEditsAndSaysWhy() {
    ModelDocument doc;
    doc.reset(threeDense());
    QSignalSpy lock(&doc, &ModelDocument::editLockChanged);
    doc.setEditLock(QStringLiteral("a run trains it"));
    QCOMPARE(lock.count(), 1);
    QVERIFY(doc.isEditLocked());
    QCOMPARE(doc.editLockReason(), QStringLiteral("a run trains it"));
    const layerlab::ModelSpec before = doc.spec();
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression("refused: a run trains it"));
    doc.removeLayer(id(doc, 0));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression("refused: a run trains it"));
    QCOMPARE(doc.insertLayer(QString(), 0, LayerSpec::make(LayerType::Tanh)), QString());
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression("refused: a run trains it"));
    doc.setName(QStringLiteral("x"));
    QVERIFY(doc.spec() == before);
    QCOMPARE(doc.undoStack()->count(), 0);
    doc.setEditLock(QString());
    QCOMPARE(lock.count(), 2);
    doc.removeLayer(id(doc, 0));
    QCOMPARE(doc.spec().layers.size(), before.layers.size() - 1);
}

void TestModelDocument::destroyingItTellsListenersNothing() {
    auto* doc = new ModelDocument;
    doc->reset(threeDense());
    doc->removeLayer(doc->layerId(0));  // the stack is not clean and can undo: clearing it would say so
    QSignalSpy clean(doc->undoStack(), &QUndoStack::cleanChanged);
    QSignalSpy canUndo(doc->undoStack(), &QUndoStack::canUndoChanged);
    delete doc;
    QCOMPARE(clean.count(), 0);
    QCOMPARE(canUndo.count(), 0);
}

void TestModelDocument::layersKeepTheirIds() {
    ModelDocument doc;
    ModelSpec s = threeDense();
    s.layers[1].id = std::string("hidden");
    s.layers[2].id =
        std::string("hidden");  // twice (a spec built in code): the second gets a new id, with a warning
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression("\"hidden\" appears twice"));
    doc.reset(s);
    QCOMPARE(id(doc, 0), QStringLiteral("dense_1"));
    QCOMPARE(id(doc, 1), QStringLiteral("hidden"));
    QCOMPARE(id(doc, 2), QStringLiteral("dense_2"));

    // A new layer gets an id no layer has, whatever the caller put in it; so does a copy.
    LayerSpec l = LayerSpec::make(LayerType::Dense);
    l.id = std::string("hidden");
    const QString fresh = doc.insertLayer(3, l);
    QCOMPARE(fresh, QStringLiteral("dense_3"));
    const QString copy = doc.duplicateLayer(QStringLiteral("hidden"));
    QCOMPARE(copy, QStringLiteral("dense_4"));
    QCOMPARE(doc.layer(copy)->units, 20);
    // Undo and redo bring back the same ids, not new ones.
    doc.undoStack()->undo();
    doc.undoStack()->undo();
    doc.undoStack()->redo();
    doc.undoStack()->redo();
    QCOMPARE(id(doc, 2), QStringLiteral("dense_4"));
    QCOMPARE(id(doc, 4), QStringLiteral("dense_3"));
    doc.removeLayer(QStringLiteral("hidden"));
    doc.undoStack()->undo();
    QCOMPARE(id(doc, 1), QStringLiteral("hidden"));
    // Every id is unique.
    std::vector<std::string> ids = layerlab::layerIds(doc.spec());
    std::sort(ids.begin(), ids.end());
    QVERIFY(std::adjacent_find(ids.begin(), ids.end()) == ids.end());
}

void TestModelDocument::undoAfterAReorderEditsTheSameLayer() {
    // Edit the layer "b" (units 20), then move it to the top and another layer past it: undoing everything
    // must give "b" its 20 units back, and no other layer may change on the way.
    ModelDocument doc;
    ModelSpec s = threeDense();
    s.layers[0].id = std::string("a");
    s.layers[1].id = std::string("b");
    s.layers[2].id = std::string("c");
    doc.reset(s);
    LayerSpec b = *doc.layer("b");
    b.units = 99;
    doc.setLayer("b", b);
    doc.moveLayer("b", QString(), 0);  // b a c
    doc.moveLayer("c", QString(), 1);  // b c a
    LayerSpec again = *doc.layer("b");
    again.units = 77;
    doc.setLayer("b", again);  // the same layer, now at index 0: its own undo step (a move came between)
    QCOMPARE(doc.undoStack()->count(), 4);
    QCOMPARE(doc.layer("b")->units, 77);
    QCOMPARE(doc.layer("a")->units, 10);
    QCOMPARE(doc.layer("c")->units, 30);

    doc.undoStack()->undo();  // the second edit
    QCOMPARE(doc.layer("b")->units, 99);
    QCOMPARE(doc.indexOf("b"), 0);
    doc.undoStack()->undo();  // c back
    doc.undoStack()->undo();  // b back
    QCOMPARE(units(doc), (std::vector<int>{10, 99, 30}));
    doc.undoStack()->undo();  // the first edit, on b wherever it is
    QCOMPARE(doc.spec(), s);
    // Redo replays on the same layers.
    for (int i = 0; i < 4; ++i) doc.undoStack()->redo();
    QCOMPARE(doc.layer("b")->units, 77);
    QCOMPARE(doc.indexOf("b"), 0);
    QCOMPARE(doc.indexOf("a"), 2);
    QCOMPARE(doc.layer("a")->units, 10);
}

void TestModelDocument::editsInsideABlock() {
    ModelDocument doc;
    doc.reset(withBlock());
    QVERIFY2(doc.info().ok(), doc.info().error.c_str());
    const QString block = id(doc, 1);
    QVERIFY(doc.isBlock(block));
    QCOMPARE(doc.chainSize(block), 2);
    const QString first = QString::fromStdString(doc.layer(block)->layers[0].id);
    QCOMPARE(doc.parentOf(first), block);
    QCOMPARE(doc.numberOf(first), QStringLiteral("2.1"));
    QCOMPARE(doc.layerInfo(first)->outputShape, layerlab::Shape::flat(784));

    // Add a Tanh at the end of the block's chain: it gets an id and the focus; the block still works.
    QSignalSpy focus(&doc, &ModelDocument::layerFocused);
    const QString tanh = doc.insertLayer(block, 2, LayerSpec::make(LayerType::Tanh));
    QCOMPARE(doc.numberOf(tanh), QStringLiteral("2.3"));
    QCOMPARE(focus.last().at(0).toString(), tanh);
    QVERIFY(doc.info().ok());
    QCOMPARE(doc.inputShapeAt(block, 0), layerlab::Shape::flat(784));
    QCOMPARE(doc.inputShapeAt(QString(), 1), layerlab::Shape::flat(784));

    // Move it out of the block, before it; then back in as its first layer.
    doc.moveLayer(tanh, QString(), 1);
    QCOMPARE(doc.parentOf(tanh), QString());
    QCOMPARE(doc.indexOf(tanh), 1);
    QCOMPARE(doc.chainSize(block), 2);
    doc.moveLayer(tanh, block, 0);
    QCOMPARE(doc.numberOf(tanh), QStringLiteral("2.1"));
    QCOMPARE(doc.undoStack()->text(doc.undoStack()->count() - 1), QStringLiteral("Move Tanh"));

    // Change the last inner layer's units: the shapes no longer match and inference names the block.
    const QString last = QString::fromStdString(doc.layer(block)->layers.back().id);
    LayerSpec inner = *doc.layer(last);
    inner.units = 100;
    doc.setLayer(last, inner);
    QCOMPARE(doc.undoStack()->text(doc.undoStack()->count() - 1), QStringLiteral("Change Dense units"));
    QVERIFY(!doc.info().ok());
    QVERIFY2(QString::fromStdString(doc.info().error).startsWith("layer 2 (Residual) changes 784 into"),
             doc.info().error.c_str());
    QVERIFY((doc.info().errorPath == std::vector<int>{1}));

    // Duplicating the block copies its inner layers with new ids.
    const QString copy = doc.duplicateLayer(block);
    QCOMPARE(doc.chainSize(copy), 3);
    std::vector<std::string> ids = layerlab::layerIds(doc.spec());
    std::sort(ids.begin(), ids.end());
    QVERIFY(std::adjacent_find(ids.begin(), ids.end()) == ids.end());

    // Deleting the block deletes what is inside; undo restores both with their ids.
    doc.removeLayer(block);
    QVERIFY(!doc.layer(first));
    doc.undoStack()->undo();
    QCOMPARE(doc.parentOf(first), block);
    // Unwinding everything gives the model as it was opened.
    while (doc.undoStack()->canUndo()) doc.undoStack()->undo();
    ModelSpec original = withBlock();
    layerlab::assignLayerIds(original);
    QCOMPARE(doc.spec(), original);

    // Removing the last layer inside a block focuses the block.
    doc.removeLayer(QString::fromStdString(doc.spec().layers[1].layers[1].id));
    doc.removeLayer(QString::fromStdString(doc.spec().layers[1].layers[0].id));
    QCOMPARE(focus.last().at(0).toString(), block);
    QCOMPARE(doc.chainSize(block), 0);
    QVERIFY(QString::fromStdString(doc.info().error).contains("has no layers inside"));
}

void TestModelDocument::aBlockCannotMoveIntoItself() {
    ModelDocument doc;
    ModelSpec s = withBlock();
    s.layers[1].layers.push_back(LayerSpec::make(LayerType::Residual, layerlab::Shape::flat(784)));
    doc.reset(s);
    const QString outer = id(doc, 1);
    const QString inner = QString::fromStdString(doc.spec().layers[1].layers[2].id);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression("moveLayer"));
    doc.moveLayer(outer, inner, 0);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression("moveLayer"));
    doc.moveLayer(outer, outer, 0);
    QCOMPARE(doc.undoStack()->count(), 0);
    doc.moveLayer(inner, QString(), 0);  // the inner block can leave, with its layers
    QCOMPARE(doc.parentOf(inner), QString());
    QCOMPARE(doc.chainSize(inner), 2);
    QCOMPARE(doc.numberOf(inner), QStringLiteral("1"));
}

QTEST_MAIN(TestModelDocument)
#include "tst_model_document.moc"
