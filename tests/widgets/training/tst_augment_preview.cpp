// widgets/training/augment_preview: the Training tab shows the first training batch of epoch 1 exactly as
// the training step will feed it to the model (same images, same draws), under the current settings, and
// says why when there is nothing to show.
#include <QtTest>

#include <numeric>

#include "core/dataset.h"
#include "core/network.h"
#include "core/training_step.h"
#include "core/validation_split.h"
#include "tests/support/model_fixtures.h"
#include "tests/support/test_data.h"
#include "widgets/document/model_document.h"
#include "widgets/training/augment_preview.h"
#include "widgets/training/training_config_panel.h"

using namespace layerlab;

class TestAugmentPreview : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        m_data = std::make_shared<Dataset>(loadDataset(test::subsetPath(), "MNIST subset"));
    }

    void saysWhyWhenThereIsNothingToShow() {
        ModelDocument doc;
        doc.reset(test::subsetMlp(1));
        AugmentPreview preview(&doc);
        QVERIFY(preview.note().contains(QStringLiteral("dataset has loaded")));
        QVERIFY(preview.original(0).isNull());
        preview.setDataset(m_data);
        QVERIFY(preview.note().contains(QStringLiteral("Augmentation is off")));
        for (int i = 0; i < AugmentPreview::kImages; ++i) QCOMPARE(preview.augmented(i), preview.original(i));
    }

    // The bottom row is what TrainingStep::fillTraining puts into the network for batch 1 of epoch 1.
    void showsWhatTheModelSees() {
        ModelSpec spec = test::subsetMlp(1);
        ModelDocument doc;
        doc.reset(spec);
        TrainingConfigPanel panel(&doc);  // the preview as the Training tab holds it
        AugmentPreview* preview = panel.augmentPreview();
        QVERIFY(preview);
        panel.setDataset(m_data);
        spec.training.augmentation = {3, 20, 0.15f, 0};
        doc.setTraining(spec.training);  // the preview follows the document
        QVERIFY(preview->note().contains(QStringLiteral("first batch")));

        std::vector<std::uint32_t> order = splitTrainValidation(spec.training, m_data->trainCount()).train;
        shuffleForEpoch(order, spec.training.seed, 1);
        const BatchSource src{m_data->trainImages.data(), m_data->trainLabels.data(), &order,
                              m_data->imageSize(), Shape::chw(1, 28, 28)};
        Network net(spec);
        net.reserve(AugmentPreview::kImages, 1);
        TrainingStep step(net, spec.training, AugmentPreview::kImages);
        step.fillTraining(src, 0, AugmentPreview::kImages, 1);
        int differ = 0;
        for (int i = 0; i < AugmentPreview::kImages; ++i) {
            const QImage orig = preview->original(i), seen = preview->augmented(i);
            QCOMPARE(seen.size(), QSize(28, 28));
            const std::uint8_t* pixels = m_data->trainImages.data() + size_t(order[size_t(i)]) * 784;
            const float* fed = net.inputBuffer() + size_t(i) * 784;
            for (int y = 0; y < 28; ++y)
                for (int x = 0; x < 28; ++x) {
                    QCOMPARE(int(qGray(orig.pixel(x, y))), int(pixels[y * 28 + x]));
                    QCOMPARE(int(qGray(seen.pixel(x, y))), int(fed[y * 28 + x] * 255.0f + 0.5f));
                }
            if (seen != orig) ++differ;
        }
        QVERIFY(differ >= AugmentPreview::kImages - 1);  // a draw may be (nearly) the identity
    }

private:
    std::shared_ptr<Dataset> m_data;
};

QTEST_MAIN(TestAugmentPreview)
#include "tst_augment_preview.moc"
