// widgets/data: the image import dialog (the folder listed, a row per import setting from the training table,
// the preview redrawn as settings change, what happens to the model's input, an unusable folder named and
// Import kept off, settings remembered per folder), the import summary (counts per class, the imbalance
// warning, a preview grid per class, skipped files with reasons, duplicates, fitting the model's outputs) and
// the new-dataset dialog (class names checked, drawings saved as PNGs in class folders with a counter each,
// a set the image-folder reader opens). One executable for the three dialogs of the folder.
// LAYERLAB_TEST_SHOTS=DIR saves each dialog as a PNG to look at.
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>
#include <filesystem>

#include "core/image_folder.h"
#include "core/image_io.h"
#include "tests/support/image_folder_fixture.h"
#include "tests/support/test_data.h"
#include "widgets/common/field_editor.h"
#include "widgets/common/tile_grid.h"
#include "widgets/data/image_import_dialog.h"
#include "widgets/data/import_summary_dialog.h"
#include "widgets/data/new_dataset_dialog.h"
#include "widgets/evaluate/drawing_pad.h"

using namespace layerlab;
namespace fs = std::filesystem;

class TestDataDialogs : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void importDialogListsAndPreviews();
    void importDialogRefusesAnUnusableFolder();
    void settingsAreRememberedPerFolder();
    void summaryShowsWhatTheImportFound();
    void newDatasetSavesDrawingsAsAFolder();
    void newDatasetChecksNames();

private:
    std::string path(const std::string& rel) const {
        return (fs::path(m_dir.path().toStdString()) / rel).string();
    }
    void shot(QWidget& w, const char* name) {
        if (!qEnvironmentVariableIsSet("LAYERLAB_TEST_SHOTS")) return;
        w.show();
        QTest::qWait(150);
        w.grab().save(qEnvironmentVariable("LAYERLAB_TEST_SHOTS") + "/" + name + ".png");
    }
    QTemporaryDir m_dir;
    Dataset m_subset;
    std::string m_shapes;
};

namespace {
void writeSolid(const std::string& file, int w, int h, std::vector<std::uint8_t> colour) {
    fs::create_directories(fs::path(file).parent_path());
    test::writeBytes(file, test::solidImage(w, h, std::move(colour)));
}

// A stroke across the pad (canvas coordinates).
void drawLine(DrawingPad* pad, QPointF from, QPointF to) {
    pad->beginStroke(from);
    for (int i = 1; i <= 10; ++i) pad->extendStroke(from + (to - from) * (i / 10.0));
    pad->endStroke();
}
}  // namespace

void TestDataDialogs::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    m_subset = loadDataset(test::subsetPath());
    // "shapes": three classes of coloured pictures of several sizes, no test/ folder.
    m_shapes = path("shapes");
    for (int i = 0; i < 6; ++i) {
        writeSolid(m_shapes + "/circle/" + std::to_string(i) + ".png", 30 + i, 20, {200, 40, 40});
        writeSolid(m_shapes + "/square/" + std::to_string(i) + ".png", 20, 20 + i, {40, 160, 40});
        writeSolid(m_shapes + "/triangle/" + std::to_string(i) + ".png", 16, 16, {40, 40, 220});
    }
}

void TestDataDialogs::importDialogListsAndPreviews() {
    ImageImportDialog d(QString::fromStdString(m_shapes), ImageImportSpec{}, Shape::chw(1, 28, 28));
    QVERIFY(d.folderUsable());
    QVERIFY2(d.folderText().contains("18 image files in 3 classes (circle, square, triangle)"),
             qPrintable(d.folderText()));
    QVERIFY(d.folderText().contains("no test/ folder"));
    QVERIFY(d.buttons()->button(QDialogButtonBox::Ok)->isEnabled());
    QCOMPARE(d.preview()->composed(3).isNull(), false);
    QVERIFY2(d.inputNote().contains("it fits these settings"), qPrintable(d.inputNote()));
    // Every import setting of the table has its row.
    for (const char* key : {"width", "height", "color", "fit", "invert", "test_split", "split_seed"})
        QVERIFY2(d.editor(key), key);
    // RGB and 32 wide: the settings, the note on the model's input and the preview follow.
    auto* color = qobject_cast<QComboBox*>(d.editor("color")->widget());
    color->setCurrentIndex(color->findData(int(ImageColor::RGB)));
    auto* width = qobject_cast<QSpinBox*>(d.editor("width")->widget());
    width->setValue(32);
    QCOMPARE(d.settings().color, ImageColor::RGB);
    QCOMPARE(d.settings().width, 32);
    QVERIFY2(d.inputNote().contains("changes from 1x28x28 to 3x28x32"), qPrintable(d.inputNote()));
    // The preview shows colour: the first circle is red.
    const QImage grid = d.preview()->composed(3);
    bool red = false;
    for (int y = 0; y < grid.height() && !red; ++y)
        for (int x = 0; x < grid.width() && !red; ++x) {
            const QColor c = grid.pixelColor(x, y);
            red = c.red() == 200 && c.green() == 40 && c.blue() == 40;
        }
    QVERIFY(red);
    shot(d, "image_import_dialog");
}

void TestDataDialogs::importDialogRefusesAnUnusableFolder() {
    const std::string one = path("oneclass");
    writeSolid(one + "/circle/a.png", 8, 8, {0});
    ImageImportDialog d(QString::fromStdString(one), ImageImportSpec{}, Shape::chw(1, 28, 28));
    QVERIFY(!d.folderUsable());
    QVERIFY2(d.folderText().contains("one class only (circle)"), qPrintable(d.folderText()));
    QVERIFY(!d.buttons()->button(QDialogButtonBox::Ok)->isEnabled());
}

void TestDataDialogs::settingsAreRememberedPerFolder() {
    const QString folder = QString::fromStdString(m_shapes);
    ImageImportSpec s;
    QVERIFY(!ImageImportDialog::rememberedSettings(QString::fromStdString(path("never-seen")), &s));
    ImageImportSpec wanted;
    wanted.width = 40;
    wanted.height = 30;
    wanted.color = ImageColor::RGB;
    wanted.fit = ImageFit::Stretch;
    wanted.invert = true;
    wanted.testSplit = 0.25f;
    wanted.splitSeed = 99;
    ImageImportDialog::rememberSettings(folder, wanted);
    ImageImportSpec back;
    QVERIFY(
        ImageImportDialog::rememberedSettings(folder + "/", &back));  // the same folder, spelled otherwise
    QCOMPARE(back, wanted);
}

void TestDataDialogs::summaryShowsWhatTheImportFound() {
    const std::string root = path("summary");
    for (int i = 0; i < 12; ++i)
        writeSolid(root + "/train/big/" + std::to_string(i) + ".png", 10 + i, 10, {200});
    for (int i = 0; i < 2; ++i)
        writeSolid(root + "/train/small/" + std::to_string(i) + ".png", 10, 10 + i, {20});
    writeSolid(root + "/test/big/copy.png", 10, 10, {200});  // the same bytes as train/big/0.png
    writeSolid(root + "/test/small/t.png", 9, 9, {20});
    test::writeBytes(root + "/train/small/broken.png", {'x', 'y'});
    QVERIFY(QDir().mkpath(QString::fromStdString(root + "/train/none")));  // a class folder without images
    ImageFolderOptions o;
    o.useCache = false;
    auto report = std::make_shared<ImageFolderReport>();
    auto data = std::make_shared<const Dataset>(loadImageFolder(root, ImageImportSpec{}, report.get(), o));
    ImportSummaryDialog d(data, report, 10);
    QVERIFY2(d.headline().contains("2 classes, 14 training and 2 test images of 28x28 grey"),
             qPrintable(d.headline()));
    QVERIFY2(d.imbalanceText().contains("big has 12 training images, small 2 (6 times fewer)"),
             qPrintable(d.imbalanceText()));
    QCOMPARE(d.emptyClassesText(), QString("Left out, no images in the folder: none."));
    QCOMPARE(d.classTable()->rowCount(), 2);
    QCOMPARE(d.classTable()->item(0, 0)->text(), QString("big"));
    QCOMPARE(d.classTable()->item(0, 1)->text(), QString("12"));
    QCOMPARE(d.classTable()->item(1, 2)->text(), QString("1"));
    QCOMPARE(d.skippedList()->rowCount(), 1);
    QCOMPARE(d.skippedList()->item(0, 0)->text(), QString("train/small/broken.png"));
    QVERIFY(d.skippedList()->item(0, 1)->text().contains("not an image"));
    QCOMPARE(d.duplicateList()->topLevelItemCount(), 1);
    QCOMPARE(d.duplicateList()->topLevelItem(0)->text(0), QString("train/big/0.png"));
    QCOMPARE(d.duplicateList()->topLevelItem(0)->text(1), QString("test/big/copy.png"));
    // A preview per class, of at most kPreviewPerClass training images as the model sees them.
    QVERIFY(d.previewOf(0) && d.previewOf(1));
    const QImage big = d.previewOf(0)->composed(1);  // one tile per row
    const QImage small = d.previewOf(1)->composed(1);
    QCOMPARE(qGray(big.pixel(5, 5)), 200);
    QCOMPARE(qGray(small.pixel(5, 5)), 20);
    QVERIFY(big.height() > 4 * small.height());  // 10 images against 2
    // The model has 10 outputs, the folder 2 classes: the dialog offers to fix it.
    QVERIFY(d.fitOutputsButton());
    QSignalSpy fit(&d, &ImportSummaryDialog::fitOutputsRequested);
    d.fitOutputsButton()->click();
    QCOMPARE(fit.count(), 1);
    QCOMPARE(fit.front().front().toInt(), 2);
    shot(d, "import_summary_dialog");
    ImportSummaryDialog fits(data, report, 2);
    QVERIFY(!fits.fitOutputsButton());
}

void TestDataDialogs::newDatasetSavesDrawingsAsAFolder() {
    const QString folder = QString::fromStdString(path("drawn"));
    NewDatasetDialog d(folder);
    d.classesEdit()->setText("cross, circle, line");
    QCOMPARE(d.classNames(), (QStringList{"cross", "circle", "line"}));
    QVERIFY(d.problem().isEmpty());
    QCOMPARE(d.classList()->count(), 3);
    QVERIFY(!d.saveButton()->isEnabled());  // nothing drawn yet
    // The empty pad asks for an example of any class, not a digit.
    QCOMPARE(d.pad()->placeholderText(), QString("Draw an example here"));
    QVERIFY2(d.saveExample().contains("The pad is empty"), qPrintable(d.saveExample()));
    QVERIFY(!d.openButton()->isEnabled());
    // Two examples of each class.
    for (int c = 0; c < 3; ++c) {
        d.classList()->setCurrentRow(c);
        for (int k = 0; k < 2; ++k) {
            if (c == 0) {
                drawLine(d.pad(), {60.0 + 10 * k, 60}, {220, 220});
                drawLine(d.pad(), {220, 60}, {60, 220});
            } else if (c == 1) {
                for (int a = 0; a < 12; ++a)
                    drawLine(d.pad(), {140 + 70 * std::cos(a * 0.53), 140 + 70 * std::sin(a * 0.53)},
                             {140 + 70 * std::cos((a + 1) * 0.53), 140 + 70 * std::sin((a + 1) * 0.53)});
            } else {
                drawLine(d.pad(), {140, 40.0 + 5 * k}, {140, 240});
            }
            QVERIFY(d.saveButton()->isEnabled());
            d.saveButton()->click();
            QVERIFY(d.pad()->isEmpty());  // ready for the next one
        }
        QCOMPARE(d.exampleCount(d.classNames()[c]), 2);
        QVERIFY2(d.classList()->item(c)->text().contains("2 examples"),
                 qPrintable(d.classList()->item(c)->text()));
    }
    QVERIFY(d.lastSaved().endsWith("line/line-002.png"));
    QVERIFY(d.openButton()->isEnabled());
    // The files: 112x112 grey PNGs, light ink on black.
    const DecodedImage png = loadImage(QFile::encodeName(folder + "/cross/cross-001.png").toStdString());
    QCOMPARE(png.image.width, NewDatasetDialog::kImageSize);
    QCOMPARE(png.channels, 1);
    QCOMPARE(int(png.image.at(0, 0)), 0);
    QVERIFY(*std::max_element(png.image.pixels.begin(), png.image.pixels.end()) > 200);
    // The folder is an image folder: three classes, sorted, two images each.
    ImageFolderOptions o;
    o.useCache = false;
    ImageImportSpec spec;
    spec.testSplit = 0;
    const Dataset set = loadImageFolder(QFile::encodeName(folder).toStdString(), spec, nullptr, o);
    QCOMPARE(set.classNames, (std::vector<std::string>{"circle", "cross", "line"}));
    QCOMPARE(set.trainCount(), std::size_t(6));
    // Reopened later, the counters go on from the files there.
    NewDatasetDialog again(folder);
    again.classesEdit()->setText("cross, circle, line");
    again.classList()->setCurrentRow(2);
    drawLine(again.pad(), {40, 140}, {240, 140});
    QVERIFY(again.saveExample().isEmpty());
    QVERIFY(again.lastSaved().endsWith("line/line-003.png"));
    QSignalSpy open(&again, &NewDatasetDialog::openRequested);
    again.openButton()->click();
    QCOMPARE(open.count(), 1);
    QCOMPARE(open.front().front().toString(), folder);
    d.classList()->setCurrentRow(1);
    drawLine(d.pad(), {100, 100}, {180, 180});
    shot(d, "new_dataset_dialog");
}

void TestDataDialogs::newDatasetChecksNames() {
    NewDatasetDialog d(QString::fromStdString(path("names")));
    d.classesEdit()->setText("circle");
    QVERIFY(d.problem().contains("at least two classes"));
    QCOMPARE(d.classList()->count(), 0);
    d.classesEdit()->setText("circle, a/b");
    QVERIFY(d.problem().contains("\"a/b\" cannot be a class name"));
    d.classesEdit()->setText("circle, test");
    QVERIFY(d.problem().contains("\"test\" cannot be a class name"));
    d.classesEdit()->setText("circle, circle, square");
    QVERIFY(d.problem().isEmpty());
    QCOMPARE(d.classNames(), (QStringList{"circle", "square"}));
    d.folderEdit()->setText(QString());
    QVERIFY(d.problem().contains("Choose a folder"));
    const std::string file = path("afile");
    test::writeBytes(file, {'x'});
    d.folderEdit()->setText(QString::fromStdString(file));
    QVERIFY(d.problem().contains("is a file"));
}

QTEST_MAIN(TestDataDialogs)
#include "tst_data_dialogs.moc"
