#pragma once
// File > Open Image Folder…'s settings: how a folder of images becomes the model's inputs. The folder is
// listed first (classes, images, train/ and test/ folders, or why it cannot be used); one row per import
// setting from the training table's "Image import" group (core/training_fields.h: size, colour, fit, invert,
// test split, split seed), each with the file's limits and tooltip; and a preview of the first image of
// each class as the model will see it with these settings, redrawn on every change. The model's input
// follows the size and colour: the dialog says so when that changes the model.
#include <QDialog>
#include <memory>
#include <string>
#include <vector>

#include "core/image_folder.h"
#include "core/model_spec.h"

class FieldEditor;
class QDialogButtonBox;
class QLabel;
class TileGrid;

class ImageImportDialog : public QDialog {
    Q_OBJECT
public:
    // `folder` is listed at once (no decoding); `initial` fills the rows; `modelInput` is the model's input
    // now.
    ImageImportDialog(const QString& folder, const layerlab::ImageImportSpec& initial,
                      const layerlab::Shape& modelInput, QWidget* parent = nullptr);
    ~ImageImportDialog() override;

    layerlab::ImageImportSpec settings() const { return m_spec; }
    bool folderUsable() const { return m_scanError.isEmpty(); }
    QString folderText() const;  // the listing (or the reason the folder cannot be used)
    QString inputNote() const;   // what happens to the model's input
    // The editor of an import setting by key ("width", "color", ...), or nullptr.
    FieldEditor* editor(const std::string& key) const;
    TileGrid* preview() const { return m_preview; }
    QDialogButtonBox* buttons() const { return m_buttons; }

    // The settings remembered for `folder` (QSettings, per canonical path); false when there are none.
    static bool rememberedSettings(const QString& folder, layerlab::ImageImportSpec* out);
    static void rememberSettings(const QString& folder, const layerlab::ImageImportSpec& spec);

private:
    void refresh();

    QString m_folder;
    layerlab::ImageImportSpec m_spec;
    layerlab::Shape m_modelInput;
    std::unique_ptr<layerlab::ImageFolderScan> m_scan;
    QString m_scanError;
    std::vector<FieldEditor*> m_editors;
    QLabel* m_listing = nullptr;
    QLabel* m_inputNote = nullptr;
    QLabel* m_previewNote = nullptr;
    TileGrid* m_preview = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
};
