#pragma once
// Loads a dataset off the GUI thread (a QThread running layerlab::loadDatasetOrSubset, or
// layerlab::loadImageFolder for a folder of your own images) and reports back with a queued signal. Loads are
// serialised: a request made while one is running is remembered and started when the running one ends, so
// only the newest request's result is announced. An image-folder import reports its progress (polled from
// the worker's counters every 100 ms, never a signal per image) and can be cancelled.
#include <QObject>
#include <QString>
#include <atomic>
#include <memory>

#include "core/dataset.h"
#include "core/image_folder.h"
#include "core/model_spec.h"

class QThread;
class QTimer;

class DatasetLoader : public QObject {
    Q_OBJECT
public:
    explicit DatasetLoader(QObject* parent = nullptr);
    ~DatasetLoader() override;  // cancels and joins a running load

    // Loads `kind` from `folder` (a --data folder), or by the usual search order when it is empty (see
    // layerlab::locateDataset).
    void load(layerlab::DatasetKind kind, const QString& folder = QString());
    // Imports an image folder with these settings (the decoded set comes from the cache when it is fresh).
    void loadImageFolder(const QString& folder, const layerlab::ImageImportSpec& spec);
    bool isLoading() const { return m_thread != nullptr; }
    // Stops a running image-folder import at its next image and drops a request waiting for its turn;
    // cancelled() follows (a running IDX load is not stopped, only its result is no longer announced when
    // a request waited behind it).
    void cancel();

    // The last successfully loaded dataset and what was asked for.
    std::shared_ptr<const layerlab::Dataset> dataset() const { return m_dataset; }
    layerlab::DatasetKind loadedKind() const { return m_loadedKind; }
    QString loadedFolder() const { return m_loadedFolder; }
    layerlab::ImageImportSpec loadedImport() const { return m_loadedImport; }
    QString note() const { return m_note; }
    // What the last image-folder import found (null after an IDX load).
    std::shared_ptr<const layerlab::ImageFolderReport> report() const { return m_report; }

signals:
    void loadingStarted(const QString& what);
    // Image folders: images decoded so far of `total` (total 0 while the folder is being listed).
    void progress(qint64 done, qint64 total);
    // `note` is non-empty when a fallback was used (full MNIST missing -> the bundled subset).
    void loaded(std::shared_ptr<const layerlab::Dataset> dataset, const QString& note);
    void failed(const QString& message);
    void cancelled(const QString& message);

private:
    struct Request {
        layerlab::DatasetKind kind = layerlab::DatasetKind::MNIST;
        QString folder;
        layerlab::ImageImportSpec import;
    };
    struct Job;
    void request(const Request& r);
    void startJob(const Request& r);
    void onJobFinished();
    void pollProgress();

    QThread* m_thread = nullptr;
    QTimer* m_poll = nullptr;
    std::shared_ptr<Job> m_job;
    bool m_hasQueued = false;
    Request m_queued;
    QString m_cancelledQueued;  // the queued request was cancelled: said when the running job ends
    std::shared_ptr<const layerlab::Dataset> m_dataset;
    layerlab::DatasetKind m_loadedKind = layerlab::DatasetKind::MNIST;
    QString m_loadedFolder;
    layerlab::ImageImportSpec m_loadedImport;
    QString m_note;
    std::shared_ptr<const layerlab::ImageFolderReport> m_report;
};
