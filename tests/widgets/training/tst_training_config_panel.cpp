// widgets/training/training_config_panel.cpp: the Training tab shows and accepts exactly what a model file
// may hold (the training table's limits), and an edit writes back only its own field.
#include <QAbstractSpinBox>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QGroupBox>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>
#include <cfloat>

#include "core/model_spec.h"
#include "core/training_fields.h"
#include "tests/support/test_data.h"
#include "tests/support/widget_input.h"
#include "widgets/common/uint64_spin_box.h"
#include "widgets/document/model_commands.h"
#include "widgets/document/model_document.h"
#include "widgets/document/model_file_controller.h"
#include "widgets/training/training_config_panel.h"

using namespace layerlab;
using layerlab::test::typeInto;

namespace {

// Whether the Training tab has a row for f (the image import settings are in their own dialog).
bool inTrainingTab(const TrainingField& f) {
    for (const SettingsGroupInfo& g : settingsGroups())
        if (int(g.group) == f.meta.ui.group) return g.inTrainingTab;
    return true;
}

// The model of issue 7: every value beyond the old spin boxes' limits.
const char* kWideModel = R"({"format": "layerlab-model", "version": 1, "name": "wide",
  "input": {"channels": 1, "height": 28, "width": 28}, "classes": 10,
  "layers": [{"type": "Flatten"}, {"type": "Dense", "units": 10, "activation": "softmax"}],
  "training": {"optimizer": {"type": "adam", "learning_rate": 0.001, "beta2": 0.99999, "epsilon": 1.17549435e-38},
               "l2": 0.000123, "batch_size": 8192, "epochs": 2000, "validation_split": 0.8,
               "seed": 123456789012, "threads": 3, "dataset": "subset",
               "early_stopping": {"enabled": true, "monitor": "val_accuracy", "patience": 500,
                                  "restore_best": false},
               "lr_schedule": {"type": "plateau", "factor": 0.3333, "patience": 4000, "min_lr": 1e-9}}})";

}  // namespace

class TestTrainingConfigPanel : public QObject {
    Q_OBJECT
private slots:
    void init();
    void showsWhatTheFileHolds();
    void editWritesOnlyThatField();
    void limitsAreTheFileLimits();
    void seedTakesSixtyFourBits();
    void rowsFollowTheOptimizerAndSchedule();
    void threadsBeyondTheCoresSayWhatRuns();

private:
    QTemporaryDir m_dir;
    QString m_path;
    ModelSpec m_file;
};

void TestTrainingConfigPanel::init() {
    QVERIFY(m_dir.isValid());
    m_path = m_dir.filePath("wide.json");
    test::writeText(m_path.toStdString(), kWideModel);
    m_file = loadModelSpec(m_path.toStdString());
}

void TestTrainingConfigPanel::showsWhatTheFileHolds() {
    ModelDocument doc;
    ModelFileController files(&doc, nullptr);
    files.setInteractive(false);
    TrainingConfigPanel panel(&doc);
    QVERIFY(files.openFile(m_path));
    auto spin = [&](const char* path) { return qobject_cast<QSpinBox*>(panel.fieldEditor(path)); };
    auto real = [&](const char* path) { return qobject_cast<QDoubleSpinBox*>(panel.fieldEditor(path)); };
    QCOMPARE(spin("epochs")->value(), 2000);
    QCOMPARE(spin("batch_size")->value(), 8192);
    QCOMPARE(spin("early_stopping.patience")->value(), 500);
    QCOMPARE(spin("lr_schedule.patience")->value(), 4000);
    QCOMPARE(spin("threads")->value(), 3);
    QCOMPARE(real("validation_split")->text(), QStringLiteral("80 %"));
    auto* seed = qobject_cast<UInt64SpinBox*>(panel.fieldEditor("seed"));
    QVERIFY(seed);
    QCOMPARE(seed->value(), quint64(123456789012ULL));
    QCOMPARE(seed->text(), QStringLiteral("123456789012"));
    // Floats as exactly as the file has them, not rounded to a few decimals.
    QCOMPARE(real("optimizer.beta2")->text(), QStringLiteral("0.99999"));
    QCOMPARE(real("optimizer.epsilon")->text(), QStringLiteral("1.1754944e-38"));
    QCOMPARE(real("l2")->text(), QStringLiteral("0.000123"));
    QCOMPARE(real("lr_schedule.factor")->text(), QStringLiteral("0.3333"));
    QCOMPARE(real("lr_schedule.min_lr")->text(), QStringLiteral("1e-09"));
    QVERIFY(qobject_cast<QGroupBox*>(panel.fieldEditor("early_stopping.enabled"))->isChecked());
    QVERIFY(!qobject_cast<QCheckBox*>(panel.fieldEditor("early_stopping.restore_best"))->isChecked());
    // Showing a file changes nothing in it: nothing to undo, not modified.
    QCOMPARE(doc.undoStack()->count(), 0);
    QVERIFY(!doc.isModified());
    QCOMPARE(doc.spec(), m_file);
}

void TestTrainingConfigPanel::editWritesOnlyThatField() {
    ModelDocument doc;
    ModelFileController files(&doc, nullptr);
    files.setInteractive(false);
    TrainingConfigPanel panel(&doc);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QVERIFY(files.openFile(m_path));

    // Change only the learning rate, by typing, then save.
    typeInto(qobject_cast<QAbstractSpinBox*>(panel.fieldEditor("optimizer.learning_rate")), "0.01");
    QCOMPARE(doc.spec().training.optimizer.learningRate, 0.01f);
    QCOMPARE(doc.undoStack()->count(), 1);
    QCOMPARE(doc.undoStack()->text(0), QStringLiteral("Change learning rate"));
    QVERIFY(files.saveToFile(m_path));

    // Every other value is what the file said; the document (what Start trains) is the file.
    ModelSpec expected = m_file;
    expected.training.optimizer.learningRate = 0.01f;
    const ModelSpec saved = loadModelSpec(m_path.toStdString());
    QCOMPARE(saved, expected);
    QCOMPARE(doc.spec(), saved);
    const std::string text = test::readText(m_path.toStdString());
    for (const char* kept :
         {"\"epochs\": 2000", "\"batch_size\": 8192", "\"validation_split\": 0.8", "\"patience\": 500",
          "\"seed\": 123456789012", "\"patience\": 4000", "\"beta2\": 0.99999", "\"factor\": 0.3333"})
        QVERIFY2(text.find(kept) != std::string::npos, kept);
    // And every editor shows the document's value.
    for (const TrainingField* f : trainingFields()) {
        if (!inTrainingTab(*f)) continue;  // the image import settings have their own dialog
        QWidget* w = panel.fieldEditor(f->meta.path());
        QVERIFY2(w, f->meta.key);
        const FieldValue v = f->get(doc.spec().training);
        if (auto* s = qobject_cast<QSpinBox*>(w)) QCOMPARE(s->value(), int(v.whole));
        if (auto* d = qobject_cast<QDoubleSpinBox*>(w))
            QCOMPARE(float(d->value() / f->meta.ui.scale), v.real);
        if (auto* c = qobject_cast<QComboBox*>(w)) QCOMPARE(c->currentData().toInt(), int(v.whole));
        if (auto* u = qobject_cast<UInt64SpinBox*>(w)) QCOMPARE(u->value(), quint64(v.big));
    }
}

void TestTrainingConfigPanel::limitsAreTheFileLimits() {
    ModelDocument doc;
    TrainingConfigPanel panel(&doc);
    for (const TrainingField* f : trainingFields()) {
        if (!inTrainingTab(*f)) continue;  // the image import settings have their own dialog
        QWidget* w = panel.fieldEditor(f->meta.path());
        QVERIFY2(w, f->meta.key);
        QVERIFY2(!w->toolTip().isEmpty(), f->meta.key);
        if (auto* s = qobject_cast<QSpinBox*>(w)) {
            QCOMPARE(s->minimum(), int(f->meta.limits.lo));
            QCOMPARE(s->maximum(), int(f->meta.limits.hi));
        } else if (auto* d = qobject_cast<QDoubleSpinBox*>(w)) {
            QCOMPARE(d->minimum(), f->meta.minimum() * f->meta.ui.scale);
            QCOMPARE(d->maximum(), f->meta.maximum() * f->meta.ui.scale);
        }
    }
    // The values the old panel could not hold.
    QCOMPARE(qobject_cast<QSpinBox*>(panel.fieldEditor("epochs"))->maximum(), 10000);
    QCOMPARE(qobject_cast<QSpinBox*>(panel.fieldEditor("batch_size"))->maximum(), 65536);
    QCOMPARE(qobject_cast<QSpinBox*>(panel.fieldEditor("early_stopping.patience"))->maximum(), 10000);
    QCOMPARE(qobject_cast<QDoubleSpinBox*>(panel.fieldEditor("validation_split"))->maximum(), 90.0);
    QCOMPARE(qobject_cast<QDoubleSpinBox*>(panel.fieldEditor("optimizer.learning_rate"))->maximum(),
             double(FLT_MAX));
    // A value beyond the file's limits is not taken: 95 % is clamped to the file's 90 %.
    auto* split = qobject_cast<QDoubleSpinBox*>(panel.fieldEditor("validation_split"));
    split->setValue(95);
    QCOMPARE(doc.spec().training.validationSplit, 0.9f);
    validateTraining(doc.spec().training);
}

void TestTrainingConfigPanel::seedTakesSixtyFourBits() {
    ModelDocument doc;
    TrainingConfigPanel panel(&doc);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    auto* seed = qobject_cast<UInt64SpinBox*>(panel.fieldEditor("seed"));
    QVERIFY(seed);
    QCOMPARE(seed->maximum(), ~quint64(0));
    typeInto(seed, "18446744073709551615");
    QCOMPARE(doc.spec().training.seed, 18446744073709551615ULL);
    seed->stepBy(1);  // no wrap-around at the top
    QCOMPARE(doc.spec().training.seed, 18446744073709551615ULL);
    // A digit that would go past 2^64 - 1 is refused as it is typed (no wrap-around to a small seed).
    seed->selectAll();
    QTest::keyClicks(seed, "18446744073709551616");
    QCOMPARE(seed->text(), QStringLiteral("1844674407370955161"));
    QTest::keyClick(seed, Qt::Key_Escape);
    QCOMPARE(doc.spec().training.seed, 18446744073709551615ULL);
    typeInto(seed, "-7");  // no sign: the minus is refused
    QCOMPARE(doc.spec().training.seed, 7ULL);
    seed->stepBy(-10);  // no wrap-around at the bottom
    QCOMPARE(doc.spec().training.seed, 0ULL);
    QCOMPARE(doc.undoStack()->text(doc.undoStack()->count() - 1), QStringLiteral("Change seed"));
}

void TestTrainingConfigPanel::rowsFollowTheOptimizerAndSchedule() {
    ModelDocument doc;
    TrainingConfigPanel panel(&doc);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    auto* optimizer = qobject_cast<QComboBox*>(panel.fieldEditor("optimizer.type"));
    QVERIFY(optimizer);
    // The rows shown are exactly the fields the chosen option uses, for every optimizer and schedule.
    for (const char* controller : {"optimizer.type", "lr_schedule.type"}) {
        auto* combo = qobject_cast<QComboBox*>(panel.fieldEditor(controller));
        for (int i = 0; i < combo->count(); ++i) {
            combo->setCurrentIndex(i);
            for (const TrainingField* f : trainingFields())
                if (inTrainingTab(*f))
                    QCOMPARE(panel.fieldEditor(f->meta.path())->isVisibleTo(&panel),
                             trainingFieldActive(doc.spec().training, *f));
        }
    }
    optimizer->setCurrentIndex(optimizer->findData(int(OptimizerType::SGD)));
    QVERIFY(panel.fieldEditor("optimizer.momentum")->isVisibleTo(&panel));
    QVERIFY(!panel.fieldEditor("optimizer.beta1")->isVisibleTo(&panel));
}

// A file asking for more threads than this machine has: the box keeps the file's value (nothing the user
// set changes) and says how many threads really run here.
void TestTrainingConfigPanel::threadsBeyondTheCoresSayWhatRuns() {
    ModelDocument doc;
    TrainingConfigPanel panel(&doc);
    auto* threads = qobject_cast<QSpinBox*>(panel.fieldEditor("threads"));
    QVERIFY(threads);
    const int cores = QThread::idealThreadCount();
    TrainingSpec t = doc.spec().training;
    t.threads = cores + 5;
    doc.setTraining(t);
    QCOMPARE(threads->value(), cores + 5);
    QCOMPARE(threads->suffix(), QStringLiteral(" (%1 run here)").arg(cores));
    QVERIFY2(threads->toolTip().contains(QStringLiteral("runs %1 threads").arg(cores)),
             qPrintable(threads->toolTip()));
    QCOMPARE(doc.spec().training.threads, cores + 5);
    t.threads = 1;
    doc.setTraining(t);
    QCOMPARE(threads->suffix(), QString());
    QVERIFY(!threads->toolTip().contains(QStringLiteral("run here")));
}

QTEST_MAIN(TestTrainingConfigPanel)
#include "tst_training_config_panel.moc"
