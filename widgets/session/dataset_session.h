#pragma once
// The dataset side of a studio session: which dataset the model asks for, whether it is loaded, loading or
// failed (and why), where it comes from, and what it really holds. Wraps DatasetLoader (which loads off the
// GUI thread) and keeps the state the window and the Start action read: a request is made once per dataset
// and folder, a failure is remembered until the request changes, and only the newest request's result counts.
//
// A data folder (--data, File > Open Data Folder…) replaces the usual lookup for MNIST and Fashion-MNIST;
// the bundled subset is always the bundled one. When the model asks for another dataset, a folder is
// dropped if it could not be loaded or is known to hold another dataset than the new one (say, choosing the
// bundled subset after `--data /nonexistent` makes the subset load); folderDropped() says so.
// What the loaded files hold is told by their content (layerlab::identifyDataset): a mismatch with the
// dataset asked for is kept in mismatch(), and the names of the classes come from there.
// An image folder (a model trained on "image_folder") is imported with its settings: requestFor() reads the
// folder and settings from the model, progress() reports the import and cancel() stops it; its classes are
// named after the folders, and report() keeps what the import found for the summary.
// QtCore only: no widgets, no document.
#include <QObject>
#include <QString>
#include <QStringList>
#include <memory>

#include "core/dataset.h"
#include "core/dataset_identity.h"
#include "core/image_folder.h"
#include "core/model_spec.h"

class DatasetLoader;

class DatasetSession : public QObject {
    Q_OBJECT
public:
    explicit DatasetSession(QObject* parent = nullptr);

    // A data folder used instead of the usual lookup (empty = the lookup). The next request() loads from it.
    void setFolder(const QString& dir);
    QString folder() const { return m_folder; }

    // Loads `kind` unless it is loaded, or loading, already (from the same place).
    void request(layerlab::DatasetKind kind);
    // Imports an image folder with these settings unless it is loaded, or loading, already.
    void requestImageFolder(const QString& folder, const layerlab::ImageImportSpec& spec);
    // What `spec` trains on: its image folder (relative to modelFile's folder when relative; a model that
    // names no folder fails with a message saying how to choose one), or request(its dataset).
    void requestFor(const layerlab::ModelSpec& spec, const QString& modelFile);
    // Stops a running image-folder import (failed() follows with a message saying so).
    void cancel();
    // What the last image-folder import found (null when the loaded data is not an image folder).
    std::shared_ptr<const layerlab::ImageFolderReport> report() const;
    // The image folder and settings last asked for (empty folder when the request was not for one).
    QString imageFolder() const;
    layerlab::ImageImportSpec imageImport() const { return m_wantedImport; }

    bool isLoading() const;
    // The requested dataset is loaded (no newer request pending).
    bool isReady() const;
    // The requested dataset, or null while it is not ready.
    std::shared_ptr<const layerlab::Dataset> dataset() const;
    // The last dataset loaded, even when a newer request is still loading (for views that show it).
    std::shared_ptr<const layerlab::Dataset> lastLoaded() const;
    layerlab::DatasetKind requestedKind() const { return m_wanted; }
    // Why the last request failed (empty when it did not).
    QString error() const { return m_error; }
    // A fallback that was taken (full MNIST missing: the bundled subset), empty otherwise.
    QString note() const;
    // The loaded files hold another dataset than the one asked for ("… holds MNIST …, not Fashion-MNIST"),
    // with what to do; empty when they match or are not recognised.
    QString mismatch() const;
    // What the last loaded files hold (known = false when not recognised).
    layerlab::DatasetIdentity identity() const { return m_identity; }
    // Names of the labels of the loaded data, by label ("0".."9", or "T-shirt/top".."Ankle boot"): an image
    // folder's class folders, else by what the files hold when that is known, else by the dataset asked for.
    QStringList labelNames() const;
    // "MNIST: 60,000 training / 10,000 test images", or "No dataset loaded" after a failure.
    QString statusText() const;

signals:
    void loadingStarted(const QString& what);
    // An image-folder import: images decoded of total (see DatasetLoader::progress).
    void progress(qint64 done, qint64 total);
    void loaded(std::shared_ptr<const layerlab::Dataset> dataset);
    void failed(const QString& message);
    // The data folder was let go when another dataset was asked for; `why` says so in a sentence.
    void folderDropped(const QString& folder, const QString& why);

private:
    QString folderFor(layerlab::DatasetKind kind) const;
    void dropFolderFor(layerlab::DatasetKind kind);
    void onLoaded(std::shared_ptr<const layerlab::Dataset> dataset);
    void onFailed(const QString& message);

    DatasetLoader* m_loader;
    QString m_folder;
    bool m_requested = false;
    layerlab::DatasetKind m_wanted = layerlab::DatasetKind::MNIST;
    QString m_wantedFolder;
    layerlab::ImageImportSpec m_wantedImport;
    QString m_error;
    bool m_folderFailed = false;  // the last load from m_folder failed
    layerlab::DatasetIdentity m_identity;
    bool m_folderIdentityKnown = false;  // m_identity describes m_folder
    QString m_mismatch;
};
