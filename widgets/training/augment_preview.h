#pragma once
// The first images of the first training batch as the model will see them under the current augmentation
// settings (the same order, seeds and transforms as the Trainer: core/validation_split.h, core/augment.h),
// each above its original. Redrawn when the training settings or the dataset change; hidden text says why
// when there is nothing to show (no dataset yet, augmentation off).
#include <QWidget>
#include <memory>

namespace layerlab {
struct Dataset;
}
class ModelDocument;
class QLabel;

class AugmentPreview : public QWidget {
    Q_OBJECT
public:
    static constexpr int kImages = 6;

    AugmentPreview(ModelDocument* document, QWidget* parent = nullptr);
    void setDataset(std::shared_ptr<const layerlab::Dataset> dataset);

    // What is drawn, for tests: the images of the top (original) and bottom (as seen) rows, and the note.
    QImage original(int i) const;
    QImage augmented(int i) const;
    QString note() const;

protected:
    void paintEvent(QPaintEvent*) override;
    bool event(QEvent* e) override;  // a tooltip per image: the draw it got

private:
    void refresh();

    ModelDocument* m_doc;
    std::shared_ptr<const layerlab::Dataset> m_data;
    QList<QImage> m_original, m_augmented;
    QStringList m_tips;
    QLabel* m_note;
};
