// File > Start from Weights… (widgets/studio/checkpoint_actions, start_weights_dialog): a checkpoint's
// weights go into the layers of the model on show that match them by position and shape, the others keep
// fresh weights, the dialog lists each layer's outcome and why, Start trains from them (a layer frozen after
// loading keeps the checkpoint's values bit for bit), and a checkpoint that fits no layer is refused with the
// reason and leaves everything as it was.
#include <QtTest>

#include <QAction>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QTableWidget>
#include <QTemporaryDir>

#include "core/checkpoint.h"
#include "core/layer_tree.h"
#include "core/network.h"
#include "tests/support/model_fixtures.h"
#include "widgets/document/model_document.h"
#include "widgets/document/model_file_controller.h"
#include "widgets/session/training_controller.h"
#include "widgets/studio/checkpoint_actions.h"
#include "widgets/studio/main_window.h"
#include "widgets/studio/run_actions.h"
#include "widgets/studio/start_weights_dialog.h"

using namespace layerlab;

class TestStartWeights : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void matchingLayersGetTheCheckpointsWeights();
    void dialogListsEveryLayerWithItsOutcome();
    void checkpointThatFitsNoLayerIsRefused();
    void menusOfferIt();
    void startSaysWhenFrozenLayersHoldFreshWeights();
};

namespace {

constexpr int kLongTimeout = 120000;

LayerSpec conv(int filters) {
    LayerSpec c = LayerSpec::make(LayerType::Conv2D);
    c.filters = filters;
    c.activation = Activation::ReLU;
    return c;
}

// The checkpoint's model: conv 4 -> pool -> flatten -> dense 10 (trained on "MNIST").
ModelSpec baseModel() {
    ModelSpec s;
    s.name = "base";
    s.layers = {conv(4), LayerSpec::make(LayerType::MaxPool2D), LayerSpec::make(LayerType::Flatten),
                test::denseLayer(10, Activation::Softmax)};
    s.training = test::subsetTraining(1);
    assignLayerIds(s);
    return s;
}

// The model on show: the same convolution under a new head, dense 32 -> dense 10.
ModelSpec newHead() {
    ModelSpec s = baseModel();
    s.name = "new head";
    s.layers.insert(s.layers.begin() + 3, test::denseLayer(32, Activation::ReLU));
    s.layers[3].id.clear();
    assignLayerIds(s);
    return s;
}

std::vector<float> seeded(const ModelSpec& spec, std::uint64_t seed) {
    Network net(spec);
    net.initParams(seed);
    return {net.params().begin(), net.params().end()};
}

std::unique_ptr<MainWindow> makeWindow(const ModelSpec& spec) {
    auto w = std::make_unique<MainWindow>();
    w->fileController()->setInteractive(false);
    w->runActions()->setInteractive(false);
    w->resize(1366, 768);
    w->show();
    w->document()->reset(spec);
    return w;
}

QAction* findAction(QMenuBar* bar, const QString& menu, const QString& text) {
    for (QAction* m : bar->actions()) {
        if (m->text().remove('&') != menu || !m->menu()) continue;
        for (QAction* a : m->menu()->actions())
            if (a->text().remove('&') == text) return a;
    }
    return nullptr;
}

}  // namespace

void TestStartWeights::matchingLayersGetTheCheckpointsWeights() {
    QTemporaryDir dir;
    const QString path = dir.filePath("base.llckpt");
    const ModelSpec base = baseModel();
    const std::vector<float> ck = seeded(base, 123);
    saveCheckpoint(path.toStdString(), base, ck);

    const ModelSpec model = newHead();
    auto w = makeWindow(model);
    QSignalSpy shown(w->checkpointActions(), &CheckpointActions::startWeightsLoaded);
    WeightTransfer plan;
    QString error;
    QVERIFY2(w->checkpointActions()->startFromWeights(path, &plan, &error), qPrintable(error));
    QCOMPARE(shown.count(), 1);
    QVERIFY(shown.at(0).at(0).toString().startsWith("weights from base.llckpt (1 of 3 layers with weights"));

    // The convolution (40 parameters) has the checkpoint's values; the rest are the model's fresh weights
    // from its own seed, as a new run would start.
    const TrainedWeights& kept = w->runActions()->kept();
    QCOMPARE(int(kept.origin), int(TrainedWeights::Origin::StartWeights));
    QCOMPARE(kept.file, path);
    QVERIFY(kept.spec == w->document()->spec());
    const std::vector<float> fresh = seeded(model, model.training.seed);
    QCOMPARE(kept.params.size(), fresh.size());
    for (size_t i = 0; i < 40; ++i) QCOMPARE(kept.params[i], ck[i]);
    for (size_t i = 40; i < fresh.size(); ++i) QCOMPARE(kept.params[i], fresh[i]);

    // Freeze the loaded convolution (the weights still fit: freezing changes no shape), then train: the run
    // starts from the loaded weights and the frozen ones come out bit for bit as loaded.
    w->document()->setLayerTrainable(w->document()->layerId(0), false);
    QVERIFY(w->runActions()->kept().fits(w->document()->spec()));
    QTRY_VERIFY_WITH_TIMEOUT(w->isDatasetReady(), kLongTimeout);
    QSignalSpy finished(w->trainingController(), &TrainingController::finished);
    QSignalSpy said(w->runActions(), &RunActions::message);
    w->startTraining();
    QVERIFY(said.count() > 0);
    QVERIFY2(said.at(0).at(0).toString().contains("Training starts from the weights loaded from"),
             qPrintable(said.at(0).at(0).toString()));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kLongTimeout);
    const std::vector<float>& after = w->trainedParams();
    for (size_t i = 0; i < 40; ++i) QCOMPARE(after[i], ck[i]);
    int moved = 0;
    for (size_t i = 40; i < after.size(); ++i) moved += after[i] != fresh[i];
    QVERIFY(moved > int(after.size() - 40) / 2);
}

void TestStartWeights::dialogListsEveryLayerWithItsOutcome() {
    const WeightTransfer plan = planWeightTransfer(newHead(), baseModel());
    StartWeightsDialog d(plan, "base.llckpt", "new head");
    QTableWidget* t = d.table();
    QCOMPARE(t->rowCount(), 3);
    using O = LayerTransfer::Outcome;
    const O expected[] = {O::Loaded, O::Fresh, O::NotMatched};
    for (int row = 0; row < 3; ++row)
        QCOMPARE(t->item(row, StartWeightsDialog::OutcomeColumn)->data(Qt::UserRole).toInt(),
                 int(expected[row]));
    QCOMPARE(t->item(0, StartWeightsDialog::LayerColumn)->text(), QStringLiteral("1 Conv2D"));
    QCOMPARE(t->item(0, StartWeightsDialog::ShapeColumn)->text(),
             QStringLiteral("4x1x3x3 weights + 4 biases"));
    QCOMPARE(t->item(0, StartWeightsDialog::DetailColumn)->text(),
             QStringLiteral("the checkpoint's layer 1 (Conv2D), 4x1x3x3 weights + 4 biases"));
    QVERIFY2(t->item(1, StartWeightsDialog::DetailColumn)->text().startsWith("other shape: 32x676 weights"),
             qPrintable(t->item(1, StartWeightsDialog::DetailColumn)->text()));
    QCOMPARE(t->item(2, StartWeightsDialog::DetailColumn)->text(),
             QStringLiteral("the checkpoint has only 2 layers with weights"));
    QVERIFY(d.useButton()->isEnabled());
    QCOMPARE(d.summaryText(),
             QStringLiteral("1 of 3 layers with weights loaded (40 parameters), 1 starts fresh "
                            "(other shape), 1 does not match."));
    QVERIFY(d.unusedText().isEmpty());
    if (qEnvironmentVariableIsSet("LAYERLAB_TEST_SHOTS")) {
        d.show();
        QVERIFY(QTest::qWaitForWindowExposed(&d));
        d.grab().save(qEnvironmentVariable("LAYERLAB_TEST_SHOTS") + "/start_weights_dialog.png");
    }
}

void TestStartWeights::checkpointThatFitsNoLayerIsRefused() {
    QTemporaryDir dir;
    const QString path = dir.filePath("mlp.llckpt");
    const ModelSpec mlp = test::subsetMlp(1);
    saveCheckpoint(path.toStdString(), mlp, seeded(mlp, 4));
    const ModelSpec model = baseModel();  // a CNN: its first layer with weights is a Conv2D
    auto w = makeWindow(model);
    QVERIFY(w->runActions()->kept().empty());
    WeightTransfer plan;
    QString error;
    QVERIFY(!w->checkpointActions()->startFromWeights(path, &plan, &error));
    QVERIFY2(error.startsWith("none of the checkpoint's 2 layers with weights fits this model (layer 1 "
                              "(Conv2D): the checkpoint's 1st layer with weights is layer 2 (Dense), not a "
                              "Conv2D)"),
             qPrintable(error));
    QVERIFY(w->runActions()->kept().empty());  // nothing kept
    QVERIFY(w->document()->spec() == model);   // the model is as it was

    StartWeightsDialog d(plan, "mlp.llckpt", "base");
    QVERIFY(!d.useButton()->isEnabled());
    QVERIFY2(d.summaryText().startsWith(QStringLiteral("\u2717 Nothing to load: none of the checkpoint's")),
             qPrintable(d.summaryText()));

    // A file that is not a checkpoint names the file.
    QFile junk(dir.filePath("junk.llckpt"));
    QVERIFY(junk.open(QIODevice::WriteOnly));
    junk.write("not a checkpoint");
    junk.close();
    QVERIFY(!w->checkpointActions()->startFromWeights(junk.fileName(), nullptr, &error));
    QVERIFY2(error.contains("junk.llckpt"), qPrintable(error));
}

void TestStartWeights::menusOfferIt() {
    auto w = makeWindow(baseModel());
    QAction* file = findAction(w->menuBar(), "File", "Start from Weights…");
    QAction* train = findAction(w->menuBar(), "Train", "Start from Weights…");
    QVERIFY(file && train);
    QCOMPARE(file, w->checkpointActions()->startFromWeightsAction());
    QCOMPARE(train, file);
    QVERIFY(file->isEnabled());
    QAction* freeze = findAction(w->menuBar(), "Edit", "Freeze Layer");
    QVERIFY(freeze);
}

// A frozen layer that starts from fresh weights keeps random values all run: Start says so.
void TestStartWeights::startSaysWhenFrozenLayersHoldFreshWeights() {
    ModelSpec model = newHead();
    model.layers[0].trainable = false;
    auto w = makeWindow(model);
    QTRY_VERIFY_WITH_TIMEOUT(w->isDatasetReady(), kLongTimeout);
    QSignalSpy finished(w->trainingController(), &TrainingController::finished);
    QSignalSpy said(w->runActions(), &RunActions::message);
    w->startTraining();
    QVERIFY(said.count() > 0);
    const QString text = said.at(0).at(0).toString();
    QVERIFY2(text.contains("Frozen layers (1) keep their fresh random weights") &&
                 text.contains("Train > Start from Weights"),
             qPrintable(text));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kLongTimeout);
}

QTEST_MAIN(TestStartWeights)
#include "tst_start_weights.moc"
