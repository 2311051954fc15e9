#include "widgets/session/dataset_loader.h"

#include <QThread>
#include <exception>

struct DatasetLoader::Job {
    layerlab::DatasetKind kind;
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

void DatasetLoader::load(layerlab::DatasetKind kind) {
    if (m_thread) {
        m_hasQueued = true;
        m_queued = kind;
        return;
    }
    startJob(kind);
}

void DatasetLoader::startJob(layerlab::DatasetKind kind) {
    auto job = std::make_shared<Job>();
    job->kind = kind;
    job->overrideDir = m_override.toStdString();
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
    const QString what = kind == layerlab::DatasetKind::MNIST          ? tr("MNIST")
                         : kind == layerlab::DatasetKind::FashionMNIST ? tr("Fashion-MNIST")
                                                                       : tr("the bundled MNIST subset");
    emit loadingStarted(tr("Loading %1…").arg(what));
}

void DatasetLoader::onJobFinished() {
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
    std::shared_ptr<Job> job = std::move(m_job);
    if (m_hasQueued) {  // a newer request supersedes this result
        m_hasQueued = false;
        startJob(m_queued);
        return;
    }
    if (!job->error.empty() || !job->dataset) {
        emit failed(
            QString::fromStdString(job->error.empty() ? "The dataset could not be loaded." : job->error));
        return;
    }
    m_dataset = job->dataset;
    m_loadedKind = job->kind;
    m_note = QString::fromStdString(job->note);
    emit loaded(m_dataset, m_note);
}
