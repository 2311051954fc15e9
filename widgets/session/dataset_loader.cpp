#include "widgets/session/dataset_loader.h"

#include <QFile>
#include <QThread>
#include <exception>

#include "core/dataset_kind.h"

struct DatasetLoader::Job {
    layerlab::DatasetKind kind;
    QString folder;
    std::string overrideDir;
    std::shared_ptr<const layerlab::Dataset> dataset;
    std::string note;
    std::string error;
};

DatasetLoader::DatasetLoader(QObject* parent) : QObject(parent) {
    qRegisterMetaType<std::shared_ptr<const layerlab::Dataset>>();
}

DatasetLoader::~DatasetLoader() {
    if (m_thread) {
        disconnect(m_thread, nullptr, this, nullptr);
        m_thread->wait();
        delete m_thread;
    }
}

void DatasetLoader::load(layerlab::DatasetKind kind, const QString& folder) {
    if (m_thread) {
        m_hasQueued = true;
        m_queued = kind;
        m_queuedFolder = folder;
        return;
    }
    startJob(kind, folder);
}

void DatasetLoader::startJob(layerlab::DatasetKind kind, const QString& folder) {
    auto job = std::make_shared<Job>();
    job->kind = kind;
    job->folder = folder;
    job->overrideDir = QFile::encodeName(folder).toStdString();
    m_job = job;
    m_thread = QThread::create([job] {
        try {
            auto ds = std::make_shared<layerlab::Dataset>(
                layerlab::loadDatasetOrSubset(job->kind, job->overrideDir, &job->note));
            job->dataset = std::move(ds);
        } catch (const std::exception& e) {
            job->error = e.what();
        }
    });
    m_thread->setObjectName("layerlab-dataset-loader");
    connect(m_thread, &QThread::finished, this, &DatasetLoader::onJobFinished);
    m_thread->start();
    const QString what = QString::fromUtf8(layerlab::datasetInfo(kind).name);
    emit loadingStarted(folder.isEmpty() ? tr("Loading %1…").arg(what)
                                         : tr("Loading %1 from %2…").arg(what, folder));
}

void DatasetLoader::onJobFinished() {
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
    std::shared_ptr<Job> job = std::move(m_job);
    if (m_hasQueued) {  // a newer request supersedes this result
        m_hasQueued = false;
        startJob(m_queued, m_queuedFolder);
        return;
    }
    if (!job->error.empty() || !job->dataset) {
        emit failed(
            QString::fromStdString(job->error.empty() ? "The dataset could not be loaded." : job->error));
        return;
    }
    m_dataset = job->dataset;
    m_loadedKind = job->kind;
    m_loadedFolder = job->folder;
    m_note = QString::fromStdString(job->note);
    emit loaded(m_dataset, m_note);
}
