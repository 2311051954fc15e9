#pragma once
// Loads a dataset off the GUI thread (a QThread running layerlab::loadDatasetOrSubset) and reports back with
// a queued signal. Loads are serialised: a request made while one is running is remembered and started when
// the running one ends, so only the newest request's result is announced.
#include <QObject>
#include <QString>
#include <memory>

#include "core/dataset.h"
#include "core/model_spec.h"

class QThread;

class DatasetLoader : public QObject {
    Q_OBJECT
public:
    explicit DatasetLoader(QObject* parent = nullptr);
    ~DatasetLoader() override;  // joins a running load

    // Loads `kind` from `folder` (a --data folder), or by the usual search order when it is empty (see
    // layerlab::locateDataset).
    void load(layerlab::DatasetKind kind, const QString& folder = QString());
    bool isLoading() const { return m_thread != nullptr; }

    // The last successfully loaded dataset and what was asked for.
    std::shared_ptr<const layerlab::Dataset> dataset() const { return m_dataset; }
    layerlab::DatasetKind loadedKind() const { return m_loadedKind; }
    QString loadedFolder() const { return m_loadedFolder; }
    QString note() const { return m_note; }

signals:
    void loadingStarted(const QString& what);
    // `note` is non-empty when a fallback was used (full MNIST missing -> the bundled subset).
    void loaded(std::shared_ptr<const layerlab::Dataset> dataset, const QString& note);
    void failed(const QString& message);

private:
    struct Job;
    void startJob(layerlab::DatasetKind kind, const QString& folder);
    void onJobFinished();

    QThread* m_thread = nullptr;
    std::shared_ptr<Job> m_job;
    bool m_hasQueued = false;
    layerlab::DatasetKind m_queued = layerlab::DatasetKind::MNIST;
    QString m_queuedFolder;
    std::shared_ptr<const layerlab::Dataset> m_dataset;
    layerlab::DatasetKind m_loadedKind = layerlab::DatasetKind::MNIST;
    QString m_loadedFolder;
    QString m_note;
};
