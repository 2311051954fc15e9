#pragma once
// What an image-folder import found, before training: images per class (training and test, with a warning
// when the classes are very unbalanced), a preview grid per class of images as the model will see them, the
// files that could not be read (each with the reason; they were skipped), identical files in the training
// and test sets, and where the decoded set is cached. When the model has another number of outputs than the
// folder has classes it says so and offers to fix the model (fitOutputsRequested).
#include <QDialog>
#include <memory>

#include "core/dataset.h"
#include "core/image_folder.h"

class QLabel;
class QPushButton;
class QTableWidget;
class QTreeWidget;
class TileGrid;

class ImportSummaryDialog : public QDialog {
    Q_OBJECT
public:
    ImportSummaryDialog(std::shared_ptr<const layerlab::Dataset> data,
                        std::shared_ptr<const layerlab::ImageFolderReport> report, int modelClasses,
                        QWidget* parent = nullptr);

    QString headline() const;
    QString imbalanceText() const;     // empty when balanced
    QString emptyClassesText() const;  // the class folders left out for want of images; empty when none
    QTableWidget* classTable() const { return m_classes; }
    QTableWidget* skippedList() const { return m_skipped; }
    QTreeWidget* duplicateList() const { return m_duplicates; }
    TileGrid* previewOf(int label) const;
    QPushButton* fitOutputsButton() const { return m_fit; }  // null when the model fits

    static constexpr int kPreviewPerClass = 10;

signals:
    // The user asks to make the model's output `classes` wide.
    void fitOutputsRequested(int classes);

private:
    QLabel* m_headline = nullptr;
    QLabel* m_imbalance = nullptr;
    QLabel* m_emptyClasses = nullptr;  // class folders without images, when there are any
    QTableWidget* m_classes = nullptr;
    QTableWidget* m_skipped = nullptr;
    QTreeWidget* m_duplicates = nullptr;
    QPushButton* m_fit = nullptr;
    std::vector<TileGrid*> m_previews;
};
