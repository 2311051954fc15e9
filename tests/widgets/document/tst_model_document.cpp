// ModelDocument and its undo commands: what each edit does to the spec, what undo restores, merging of rapid
// edits, clean/modified state, focus hints for the views, and refusal of out-of-range indices.
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

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

std::vector<int> units(const ModelDocument& d) {
    std::vector<int> u;
    for (const auto& l : d.spec().layers) u.push_back(l.units);
    return u;
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
    void outOfRangeEditsAreRefused();
    void resetReplacesEverything();
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
    doc.removeLayer(2);
    QCOMPARE(doc.undoStack()->text(1), QStringLiteral("Delete Dense"));
    QCOMPARE(units(doc), (std::vector<int>{64, 10, 30}));  // Flatten's units field is the default
    LayerSpec l = doc.spec().layers[1];
    l.units = 11;
    doc.setLayer(1, l);
    QCOMPARE(doc.undoStack()->text(2), QStringLiteral("Change Dense units"));
    l.activation = Activation::Tanh;
    l.units = 12;
    doc.setLayer(1, l);
    QCOMPARE(doc.undoStack()->text(3), QStringLiteral("Change Dense settings"));
    doc.setName(QStringLiteral("x"));
    QCOMPARE(doc.undoStack()->text(4), QStringLiteral("Rename model"));
    QCOMPARE(doc.spec().name, std::string("x"));

    // Setting a layer to what it already is pushes nothing.
    doc.setLayer(1, doc.spec().layers[1]);
    doc.setName(QStringLiteral("x"));
    doc.setTraining(doc.spec().training);
    QCOMPARE(doc.undoStack()->count(), 5);

    doc.undoStack()->setIndex(0);
    QCOMPARE(doc.spec(), threeDense());
}

void TestModelDocument::moveInBothDirections() {
    ModelDocument doc;
    doc.reset(threeDense());
    doc.moveLayer(0, 2);
    QCOMPARE(units(doc), (std::vector<int>{20, 30, 10}));
    doc.moveLayer(2, 0);
    QCOMPARE(units(doc), (std::vector<int>{10, 20, 30}));
    doc.moveLayer(1, 1);  // no-op, no command
    QCOMPARE(doc.undoStack()->count(), 2);
    doc.undoStack()->undo();
    QCOMPARE(units(doc), (std::vector<int>{20, 30, 10}));
    doc.undoStack()->undo();
    QCOMPARE(units(doc), (std::vector<int>{10, 20, 30}));
    doc.duplicateLayer(2);
    QCOMPARE(units(doc), (std::vector<int>{10, 20, 30, 30}));
    doc.undoStack()->undo();
    QCOMPARE(units(doc), (std::vector<int>{10, 20, 30}));
}

void TestModelDocument::rapidEditsOfOneFieldMerge() {
    ModelDocument doc;
    doc.reset(threeDense());
    for (int u = 11; u <= 15; ++u) {
        LayerSpec l = doc.spec().layers[0];
        l.units = u;
        doc.setLayer(0, l);
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
    doc.setLayer(1, l);
    QVERIFY(doc.isModified());
    l.units = 20;
    doc.setLayer(1, l);
    QCOMPARE(doc.undoStack()->count(), 0);
    QVERIFY(!doc.isModified());
    QCOMPARE(doc.spec(), threeDense());
}

void TestModelDocument::editsOfOtherFieldsOrLayersDoNotMerge() {
    ModelDocument doc;
    doc.reset(threeDense());
    LayerSpec a = doc.spec().layers[0];
    a.units = 11;
    doc.setLayer(0, a);
    a.activation = Activation::Sigmoid;  // another field of the same layer
    doc.setLayer(0, a);
    LayerSpec b = doc.spec().layers[1];
    b.activation = Activation::Sigmoid;  // same field, another layer
    doc.setLayer(1, b);
    a.activation = Activation::Tanh;  // back to layer 0's activation: top of stack is layer 1
    doc.setLayer(0, a);
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
    doc.setLayer(0, l);
    QTest::qWait(int(SetLayerCommand::kMergeWindowMs) + 200);
    l.units = 12;
    doc.setLayer(0, l);
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
    doc.removeLayer(0);
    QVERIFY(doc.isModified());
    QCOMPARE(modified.count(), 1);
    QCOMPARE(modified.last().at(0).toBool(), true);
    doc.markSaved();
    QVERIFY(!doc.isModified());
    QCOMPARE(modified.last().at(0).toBool(), false);
    doc.undoStack()->undo();  // back past the save point: modified again
    QVERIFY(doc.isModified());
    QCOMPARE(doc.spec(), threeDense());
    QCOMPARE(changed.count(), 3);  // reset, remove, undo
}

void TestModelDocument::viewsAreToldWhichLayerAnEditConcerns() {
    ModelDocument doc;
    doc.reset(threeDense());
    QSignalSpy focus(&doc, &ModelDocument::layerFocused);
    doc.insertLayer(1, LayerSpec::make(LayerType::ReLU));
    QCOMPARE(focus.last().at(0).toInt(), 1);
    doc.duplicateLayer(3);
    QCOMPARE(focus.last().at(0).toInt(), 4);
    doc.moveLayer(4, 0);
    QCOMPARE(focus.last().at(0).toInt(), 0);
    doc.removeLayer(4);  // the last one: focus moves to the new last
    QCOMPARE(focus.last().at(0).toInt(), 3);
    doc.undoStack()->undo();  // restored layer is focused
    QCOMPARE(focus.last().at(0).toInt(), 4);
    doc.undoStack()->undo();  // the move back
    QCOMPARE(focus.last().at(0).toInt(), 4);
    doc.reset(ModelSpec{});
    QCOMPARE(focus.last().at(0).toInt(), -1);
}

void TestModelDocument::outOfRangeEditsAreRefused() {
    ModelDocument doc;
    doc.reset(threeDense());
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression("insertLayer"));
    doc.insertLayer(4, LayerSpec::make(LayerType::ReLU));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression("removeLayer"));
    doc.removeLayer(3);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression("moveLayer"));
    doc.moveLayer(0, 3);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression("duplicateLayer"));
    doc.duplicateLayer(-1);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression("setLayer"));
    doc.setLayer(7, LayerSpec{});
    QCOMPARE(doc.undoStack()->count(), 0);
    QCOMPARE(doc.spec(), threeDense());
    doc.insertLayer(3, LayerSpec::make(LayerType::ReLU));  // == layerCount is allowed: append
    QCOMPARE(doc.spec().layers.back().type, LayerType::ReLU);
}

void TestModelDocument::resetReplacesEverything() {
    ModelDocument doc;
    doc.reset(threeDense());
    doc.removeLayer(0);
    QSignalSpy path(&doc, &ModelDocument::filePathChanged);
    doc.reset(threeDense(), QStringLiteral("/tmp/some/model.json"));
    QCOMPARE(doc.undoStack()->count(), 0);
    QVERIFY(!doc.isModified());
    QCOMPARE(doc.filePath(), QStringLiteral("/tmp/some/model.json"));
    QCOMPARE(path.count(), 1);
    QCOMPARE(doc.displayName(), QStringLiteral("model.json"));
    QCOMPARE(doc.spec(), threeDense());
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
    doc.removeLayer(0);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression("refused: a run trains it"));
    doc.setName(QStringLiteral("x"));
    QVERIFY(doc.spec() == before);
    QCOMPARE(doc.undoStack()->count(), 0);
    doc.setEditLock(QString());
    QCOMPARE(lock.count(), 2);
    doc.removeLayer(0);
    QCOMPARE(doc.spec().layers.size(), before.layers.size() - 1);
}

void TestModelDocument::destroyingItTellsListenersNothing() {
    auto* doc = new ModelDocument;
    doc->reset(threeDense());
    doc->removeLayer(0);  // the stack is not clean and can undo: clearing it would say so
    QSignalSpy clean(doc->undoStack(), &QUndoStack::cleanChanged);
    QSignalSpy canUndo(doc->undoStack(), &QUndoStack::canUndoChanged);
    delete doc;
    QCOMPARE(clean.count(), 0);
    QCOMPARE(canUndo.count(), 0);
}

QTEST_MAIN(TestModelDocument)
#include "tst_model_document.moc"
