// The model cannot change under a running training: with a run active (running or paused) the real keys
// (Del, Ctrl+D, Alt+Up/Down, Ctrl+Z, Ctrl+Shift+Z), palette drops, inner drags, the Inspector and the file
// actions leave the document and its QUndoStack exactly as they were, a banner says why, and everything
// unlocks when the run ends.
#include <QAction>
#include <QApplication>
#include <QDragEnterEvent>
#include <QMenu>
#include <QMimeData>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

#include "core/dataset.h"
#include "tests/support/model_fixtures.h"
#include "widgets/document/model_document.h"
#include "widgets/document/model_file_controller.h"
#include "widgets/editor/layer_inspector.h"
#include "widgets/editor/layer_mime.h"
#include "widgets/editor/model_editor.h"
#include "widgets/session/training_controller.h"
#include "widgets/studio/main_window.h"

using namespace layerlab;

namespace {

constexpr int kLongTimeout = 120000;

// Sends a palette drag of a new Dense layer over the editor; true when the editor took it.
bool dropNewLayer(ModelEditor* editor) {
    std::unique_ptr<QMimeData> mime(LayerMime::encodeNewLayer(LayerType::Dense));
    const QPoint pos = editor->insertionPoint(1);
    QDragEnterEvent enter(pos, Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(editor->viewport(), &enter);
    QDropEvent drop(QPointF(pos), Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(editor->viewport(), &drop);
    return enter.isAccepted() || drop.isAccepted();
}

}  // namespace

class TestModelLock : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void nothingChangesTheModelDuringARun();
};

void TestModelLock::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY2(locateDataset(DatasetKind::Subset).found, "the bundled subset must be present");
}

void TestModelLock::nothingChangesTheModelDuringARun() {
    MainWindow w;
    w.fileController()->setInteractive(false);
    w.resize(1366, 768);
    w.show();
    w.document()->reset(test::subsetMlp(500));
    ModelDocument* doc = w.document();
    QUndoStack* stack = doc->undoStack();
    auto* editor = w.findChild<ModelEditor*>();
    auto* inspector = w.findChild<LayerInspector*>();
    QVERIFY(editor && inspector);
    w.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&w));
    QTRY_VERIFY_WITH_TIMEOUT(w.isDatasetReady(), kLongTimeout);

    // Two edits before the run, so Undo and Redo have something to do.
    doc->setName(QStringLiteral("before the run"));
    TrainingSpec t = doc->spec().training;
    t.epochs = 400;
    doc->setTraining(t);
    stack->undo();
    QVERIFY(stack->canUndo() && stack->canRedo());
    QVERIFY(!editor->isLockBannerVisible());
    QVERIFY(inspector->isEnabled());

    w.startAction()->trigger();
    TrainingController* c = w.trainingController();
    QCOMPARE(c->state(), TrainingController::State::Running);
    const ModelSpec atStart = doc->spec();
    const int index = stack->index(), count = stack->count();
    auto unchanged = [&] {
        return doc->spec() == atStart && stack->index() == index && stack->count() == count;
    };

    // The reason is on show, in the editor and on the locked controls.
    QVERIFY(doc->isEditLocked());
    QVERIFY(editor->isLockBannerVisible());
    QVERIFY2(editor->lockBannerText().contains("Stop the run"), qPrintable(editor->lockBannerText()));
    QVERIFY(!inspector->isEnabled());
    QCOMPARE(inspector->toolTip(), doc->editLockReason());
    QVERIFY(!w.fileController()->undoAction()->isEnabled());
    QCOMPARE(w.fileController()->undoAction()->toolTip(), doc->editLockReason());

    // Real key presses on the editor, with a layer selected.
    editor->setFocus();
    editor->selectLayer(1);
    for (auto [key, mods] :
         std::initializer_list<std::pair<Qt::Key, Qt::KeyboardModifiers>>{{Qt::Key_Delete, Qt::NoModifier},
                                                                          {Qt::Key_Backspace, Qt::NoModifier},
                                                                          {Qt::Key_D, Qt::ControlModifier},
                                                                          {Qt::Key_Up, Qt::AltModifier},
                                                                          {Qt::Key_Down, Qt::AltModifier}}) {
        QTest::keyClick(editor, key, mods);
        QVERIFY2(unchanged(), qPrintable(QKeySequence(key | mods).toString()));
    }
    QCOMPARE(editor->selectedLayer(), 1);  // selecting still works, to look at a layer
    // Undo and Redo from the keyboard, through the window's shortcuts.
    QTest::keyClick(&w, Qt::Key_Z, Qt::ControlModifier);
    QTest::keyClick(&w, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    QTest::keyClick(&w, Qt::Key_Y, Qt::ControlModifier);
    QVERIFY(unchanged());
    QCOMPARE(QString::fromStdString(doc->spec().name), QStringLiteral("before the run"));
    // The menu actions and the palette.
    for (QAction* a :
         {editor->deleteAction(), editor->duplicateAction(), editor->moveUpAction(), editor->moveDownAction(),
          w.fileController()->newAction(), w.fileController()->openAction()})
        QVERIFY2(!a->isEnabled(), qPrintable(a->text()));
    QVERIFY(!w.fileController()->presetsMenu()->isEnabled());
    QVERIFY(!dropNewLayer(editor));
    editor->insertLayerAfterSelection(LayerType::Dropout);  // a palette double-click
    QVERIFY(unchanged());
    // Opening another model would leave the run training this one: refused with the reason.
    QVERIFY(!w.fileController()->loadPreset(QStringLiteral("mlp")));
    QCOMPARE(w.fileController()->lastError(), doc->editLockReason());
    QVERIFY(unchanged());

    // Paused counts as active.
    w.pauseAction()->trigger();
    QCOMPARE(c->state(), TrainingController::State::Paused);
    QTest::keyClick(editor, Qt::Key_Delete);
    QTest::keyClick(&w, Qt::Key_Z, Qt::ControlModifier);
    QVERIFY(unchanged());
    QVERIFY(editor->isLockBannerVisible());

    // The run ends: everything unlocks, and the same keys edit again.
    QSignalSpy finished(c, &TrainingController::finished);
    w.stopAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
    QVERIFY(!doc->isEditLocked());
    QVERIFY(!editor->isLockBannerVisible());
    QVERIFY(inspector->isEnabled());
    QVERIFY(w.fileController()->undoAction()->isEnabled());
    QVERIFY(w.fileController()->presetsMenu()->isEnabled());
    editor->setFocus();
    editor->selectLayer(1);
    QTest::keyClick(editor, Qt::Key_Delete);
    QCOMPARE(doc->spec().layers.size(), atStart.layers.size() - 1);
    QTest::keyClick(&w, Qt::Key_Z, Qt::ControlModifier);
    QVERIFY(doc->spec() == atStart);
    QVERIFY(dropNewLayer(editor));
    QCOMPARE(doc->spec().layers.size(), atStart.layers.size() + 1);
}

QTEST_MAIN(TestModelLock)
#include "tst_model_lock.moc"
