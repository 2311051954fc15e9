#include "widgets/session/dataset_loader.h"

#include <QFile>
#include <QFileInfo>
#include <QThread>
#include <QTimer>
#include <exception>

#include "core/dataset_kind.h"
#include "core/errors.h"

struct DatasetLoader::Job {
    Request request;
    std::string overrideDir;
    std::shared_ptr<const layerlab::Dataset> dataset;
    std::shared_ptr<layerlab::ImageFolderReport> report;
    std::string note;
    std::string error;
    bool wasCancelled = false;
    std::atomic<bool> cancel{false};
    std::atomic<qint64> done{0}, total{0};
};

DatasetLoader::DatasetLoader(QObject* parent) : QObject(parent), m_poll(new QTimer(this)) {
    qRegisterMetaType<std::shared_ptr<const layerlab::Dataset>>();
    m_poll->setInterval(100);
    connect(m_poll, &QTimer::timeout, this, &DatasetLoader::pollProgress);
}

DatasetLoader::~DatasetLoader() {
    if (m_thread) {
        if (m_job) m_job->cancel = true;
        disconnect(m_thread, nullptr, this, nullptr);
        m_thread->wait();
        delete m_thread;
    }
}

void DatasetLoader::load(layerlab::DatasetKind kind, const QString& folder) {
    request({kind, folder, {}});
}

void DatasetLoader::loadImageFolder(const QString& folder, const layerlab::ImageImportSpec& spec) {
    request({layerlab::DatasetKind::ImageFolder, folder, spec});
}

void DatasetLoader::request(const Request& r) {
    if (m_thread) {
        m_hasQueued = true;
        m_queued = r;
        m_cancelledQueued.clear();
        if (m_job) m_job->cancel = true;  // a superseded import need not finish
        return;
    }
    startJob(r);
}

void DatasetLoader::cancel() {
    if (!m_thread) return;
    if (m_hasQueued) {  // the request waiting for its turn is the one cancelled: said once the running one
                        // ends
        m_hasQueued = false;
        m_cancelledQueued = m_queued.kind == layerlab::DatasetKind::ImageFolder
                                ? tr("The import of %1 was cancelled.").arg(m_queued.folder)
                                : tr("Loading was cancelled.");
    }
    if (m_job) m_job->cancel = true;
}

void DatasetLoader::startJob(const Request& r) {
    auto job = std::make_shared<Job>();
    job->request = r;
    job->overrideDir = QFile::encodeName(r.folder).toStdString();
    m_job = job;
    m_thread = QThread::create([job] {
        try {
            if (job->request.kind == layerlab::DatasetKind::ImageFolder) {
                layerlab::ImageFolderOptions options;
                options.cancel = &job->cancel;
                options.progress = [job](std::size_t done, std::size_t total) {
                    job->total = qint64(total);
                    job->done = qint64(done);
                };
                job->report = std::make_shared<layerlab::ImageFolderReport>();
                job->dataset = std::make_shared<layerlab::Dataset>(layerlab::loadImageFolder(
                    job->overrideDir, job->request.import, job->report.get(), options));
            } else {
                job->dataset = std::make_shared<layerlab::Dataset>(
                    layerlab::loadDatasetOrSubset(job->request.kind, job->overrideDir, &job->note));
            }
        } catch (const layerlab::ImportCancelled& e) {
            job->wasCancelled = true;
            job->error = e.what();
        } catch (const std::exception& e) {
            job->error = e.what();
        }
    });
    m_thread->setObjectName("layerlab-dataset-loader");
    connect(m_thread, &QThread::finished, this, &DatasetLoader::onJobFinished);
    m_thread->start();
    QString what;
    if (r.kind == layerlab::DatasetKind::ImageFolder) {
        what = tr("Importing the images of %1…").arg(QFileInfo(r.folder).fileName());
        m_poll->start();
    } else {
        const QString name = QString::fromUtf8(layerlab::datasetInfo(r.kind).name);
        what =
            r.folder.isEmpty() ? tr("Loading %1…").arg(name) : tr("Loading %1 from %2…").arg(name, r.folder);
    }
    emit loadingStarted(what);
}

void DatasetLoader::pollProgress() {
    if (m_job) emit progress(m_job->done.load(), m_job->total.load());
}

void DatasetLoader::onJobFinished() {
    m_poll->stop();
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
    std::shared_ptr<Job> job = std::move(m_job);
    if (m_hasQueued) {  // a newer request supersedes this result
        m_hasQueued = false;
        m_cancelledQueued.clear();
        startJob(m_queued);
        return;
    }
    if (!m_cancelledQueued.isEmpty()) {  // superseded by a request that was then cancelled
        const QString message = m_cancelledQueued;
        m_cancelledQueued.clear();
        emit cancelled(message);
        return;
    }
    if (job->wasCancelled) {
        emit cancelled(QString::fromStdString(job->error));
        return;
    }
    if (!job->error.empty() || !job->dataset) {
        emit failed(
            QString::fromStdString(job->error.empty() ? "The dataset could not be loaded." : job->error));
        return;
    }
    if (job->report) emit progress(qint64(job->report->filesSeen), qint64(job->report->filesSeen));
    m_dataset = job->dataset;
    m_loadedKind = job->request.kind;
    m_loadedFolder = job->request.folder;
    m_loadedImport = job->request.import;
    m_report = job->report;
    m_note = QString::fromStdString(job->note);
    emit loaded(m_dataset, m_note);
}
