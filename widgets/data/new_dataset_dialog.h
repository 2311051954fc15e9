#pragma once
// File > New Dataset…: make a dataset of your own drawings. Name the classes ("circle, triangle, cross"),
// pick one, draw an example on the pad (the Evaluate tab's DrawingPad) and save it; a counter per class says
// how many there are. Each example is a PNG in <folder>/<class>/<class>-NNN.png, the image-folder layout
// core/image_folder.h reads, so the set can be shared, added to later (counting on from the files there) and
// opened like any other folder ("Open as Dataset").
//
// What is saved is the drawing as MNIST would have it, four times larger: light ink on black, cropped to the
// ink, its longer side scaled to 80 pixels and centred by its mass in 112 x 112 (core/digit_preprocess with
// those sizes). Imported at 28 x 28 it is what the Evaluate tab's pad gives the model for a new drawing, so a
// model trained on the set is tested on drawings made the same way.
#include <QDialog>
#include <QStringList>

class DrawingPad;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

class NewDatasetDialog : public QDialog {
    Q_OBJECT
public:
    explicit NewDatasetDialog(const QString& folder, QWidget* parent = nullptr);

    QString folder() const;
    QStringList classNames() const;  // as typed, in order (empty and repeated names dropped)
    // "" when the names and the folder can be used, else why not.
    QString problem() const;
    // Examples of `name` in the folder now.
    int exampleCount(const QString& name) const;
    // Saves the pad into the chosen class and clears it. Returns "" or why it was not saved.
    QString saveExample();
    QString lastSaved() const { return m_lastSaved; }  // the file last written

    QLineEdit* folderEdit() const { return m_folder; }
    QLineEdit* classesEdit() const { return m_classes; }
    QListWidget* classList() const { return m_list; }
    DrawingPad* pad() const { return m_pad; }
    QPushButton* saveButton() const { return m_save; }
    QPushButton* openButton() const { return m_open; }

    static constexpr int kImageSize = 112;
    static constexpr int kBoxSize = 80;

signals:
    // "Open as Dataset": the caller opens `folder` as an image folder.
    void openRequested(const QString& folder);

private:
    void refreshClasses();
    void refreshButtons();

    QLineEdit* m_folder = nullptr;
    QLineEdit* m_classes = nullptr;
    QListWidget* m_list = nullptr;
    DrawingPad* m_pad = nullptr;
    QPushButton* m_save = nullptr;
    QPushButton* m_open = nullptr;
    QLabel* m_status = nullptr;
    QString m_lastSaved;
};
