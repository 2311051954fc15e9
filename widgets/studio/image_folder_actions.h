#pragma once
// Your own images in the studio: File > Open Image Folder… (the import dialog, then the model trains on the
// folder), Image Import Settings… (the same dialog for the folder in use), Import Summary… and New Dataset…
// (draw examples). Opening a folder is one undo step on the document: the dataset becomes "image_folder",
// the folder and its import settings are recorded in the model, and the model's input takes the images'
// size and channels (said in message()). The import itself runs in DatasetSession off the GUI thread; a
// progress dialog with Cancel shows it, and the summary opens when an import the user asked for has loaded.
// Settings are remembered per folder (ImageImportDialog::rememberSettings) for the next time it is opened.
#include <QObject>
#include <QPointer>
#include <QString>

#include "core/model_spec.h"

class DatasetSession;
class ModelDocument;
class QAction;
class QProgressDialog;
class QWidget;

class ImageFolderActions : public QObject {
    Q_OBJECT
public:
    ImageFolderActions(ModelDocument* document, DatasetSession* data, QWidget* parent);

    QAction* openAction() const { return m_open; }
    QAction* settingsAction() const { return m_settings; }
    QAction* summaryAction() const { return m_summary; }
    QAction* newDatasetAction() const { return m_newDataset; }

    // The settings a folder opens with: remembered for it, else the model's own when it already trains on
    // an image folder, else sized to the model's input (28x28 grey for MNIST models).
    layerlab::ImageImportSpec initialSettings(const QString& folder) const;
    // Without a dialog: the model trains on `folder` with `spec` (one undo step), the settings are
    // remembered.
    void applyFolder(const QString& folder, const layerlab::ImageImportSpec& spec);
    // Sets the model's class count and its last Dense layer to `classes` (one undo step).
    void fitOutputs(int classes);
    // The import dialog for `folder`, then applyFolder; false when cancelled.
    bool openFolder(const QString& folder);
    // New Dataset… for a lesson: the dialog, without opening the folder on the model. Returns the folder
    // when it holds examples, else "".
    QString drawExamples();
    // Dialogs are not shown (tests, scripts): openFolder applies the initial settings, no summary pops up.
    void setInteractive(bool on) { m_interactive = on; }
    QProgressDialog* progressDialog() const { return m_progress; }

public slots:
    void openInteractive();
    void editSettings();
    void showSummary();
    void newDataset();
    void updateActions();

signals:
    void message(const QString& text, int ms);

private:
    void onLoadingStarted();
    void onProgress(qint64 done, qint64 total);
    void onFinished();

    ModelDocument* m_doc;
    DatasetSession* m_data;
    QWidget* m_parent;
    QAction* m_open = nullptr;
    QAction* m_settings = nullptr;
    QAction* m_summary = nullptr;
    QAction* m_newDataset = nullptr;
    QProgressDialog* m_progress = nullptr;
    bool m_interactive = true;
    bool m_summaryWhenLoaded = false;
};
