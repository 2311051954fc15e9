#include "widgets/session/dataset_session.h"

#include <QLocale>

#include "widgets/session/dataset_loader.h"

DatasetSession::DatasetSession(QObject* parent) : QObject(parent), m_loader(new DatasetLoader(this)) {
    connect(m_loader, &DatasetLoader::loadingStarted, this, &DatasetSession::loadingStarted);
    connect(m_loader, &DatasetLoader::loaded, this,
            [this](std::shared_ptr<const layerlab::Dataset> d, const QString&) { onLoaded(std::move(d)); });
    connect(m_loader, &DatasetLoader::failed, this, &DatasetSession::onFailed);
}

void DatasetSession::setFolder(const QString& dir) {
    m_folder = dir;
    m_loader->setOverrideDirectory(dir);
    m_requested = false;  // the next request loads from there
}

void DatasetSession::request(layerlab::DatasetKind kind) {
    if (m_requested && kind == m_wanted) return;
    m_wanted = kind;
    m_requested = true;
    m_error.clear();
    m_loader->load(kind);
}

bool DatasetSession::isLoading() const {
    return m_loader->isLoading();
}

bool DatasetSession::isReady() const {
    return !m_loader->isLoading() && m_loader->dataset() && m_loader->loadedKind() == m_wanted;
}

std::shared_ptr<const layerlab::Dataset> DatasetSession::dataset() const {
    return isReady() ? m_loader->dataset() : nullptr;
}

std::shared_ptr<const layerlab::Dataset> DatasetSession::lastLoaded() const {
    return m_loader->dataset();
}

QString DatasetSession::note() const {
    return m_loader->note();
}

QString DatasetSession::statusText() const {
    if (!m_error.isEmpty() || !m_loader->dataset()) return tr("No dataset loaded");
    const auto& d = *m_loader->dataset();
    return tr("%1: %2 training / %3 test images")
        .arg(QString::fromStdString(d.name))
        .arg(QLocale().toString(qulonglong(d.trainCount())))
        .arg(QLocale().toString(qulonglong(d.testCount())));
}

void DatasetSession::onLoaded(std::shared_ptr<const layerlab::Dataset> dataset) {
    m_error.clear();
    emit loaded(std::move(dataset));
}

void DatasetSession::onFailed(const QString& message) {
    m_error = message;
    emit failed(message);
}
