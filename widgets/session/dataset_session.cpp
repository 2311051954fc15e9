#include "widgets/session/dataset_session.h"

#include <QCoreApplication>
#include <QFile>
#include <QLocale>

#include "core/model_data.h"
#include "i18n/core_text.h"

#include "widgets/session/class_names.h"
#include "widgets/session/dataset_loader.h"

using layerlab::DatasetKind;

DatasetSession::DatasetSession(QObject* parent) : QObject(parent), m_loader(new DatasetLoader(this)) {
    connect(m_loader, &DatasetLoader::loadingStarted, this, &DatasetSession::loadingStarted);
    connect(m_loader, &DatasetLoader::loaded, this,
            [this](std::shared_ptr<const layerlab::Dataset> d, const QString&) { onLoaded(std::move(d)); });
    connect(m_loader, &DatasetLoader::failed, this, &DatasetSession::onFailed);
    connect(m_loader, &DatasetLoader::progress, this, &DatasetSession::progress);
    connect(m_loader, &DatasetLoader::cancelled, this, [this](const QString& message) {
        onFailed(tr("%1 Open the folder again to import it (File > Open Image Folder…), or choose another "
                    "dataset in the Training tab.")
                     .arg(message));
    });
}

void DatasetSession::setFolder(const QString& dir) {
    m_folder = dir;
    m_folderFailed = false;
    m_folderIdentityKnown = false;
    m_requested = false;  // the next request loads from there
}

QString DatasetSession::folderFor(DatasetKind kind) const {
    return kind == DatasetKind::Subset ? QString() : m_folder;
}

void DatasetSession::dropFolderFor(DatasetKind kind) {
    if (m_folder.isEmpty() || kind == m_wanted) return;
    const bool holdsOther = m_folderIdentityKnown && m_identity.known && kind != DatasetKind::Subset &&
                            m_identity.kind != layerlab::contentOf(kind);
    const bool failed = m_folderFailed;
    if (!failed && !holdsOther) return;
    const QString dropped = m_folder;
    m_folder.clear();
    m_folderFailed = false;
    m_folderIdentityKnown = false;
    emit folderDropped(
        dropped, failed ? tr("The data folder %1 could not be loaded, so it is no longer used: the dataset "
                             "you chose is looked up the usual way.")
                              .arg(dropped)
                        : tr("The data folder %1 holds another dataset than the one you chose, so it is no "
                             "longer used: the dataset you chose is looked up the usual way.")
                              .arg(dropped));
}

void DatasetSession::request(DatasetKind kind) {
    if (m_requested) dropFolderFor(kind);
    const QString folder = folderFor(kind);
    if (m_requested && kind == m_wanted && folder == m_wantedFolder) return;
    m_wanted = kind;
    m_wantedFolder = folder;
    m_wantedImport = {};
    m_requested = true;
    m_error.clear();
    m_mismatch.clear();
    m_loader->load(kind, folder);
}

void DatasetSession::requestImageFolder(const QString& folder, const layerlab::ImageImportSpec& spec) {
    if (m_requested && m_wanted == DatasetKind::ImageFolder && folder == m_wantedFolder &&
        spec == m_wantedImport && (isLoading() || isReady()))
        return;
    m_wanted = DatasetKind::ImageFolder;
    m_wantedFolder = folder;
    m_wantedImport = spec;
    m_requested = true;
    m_error.clear();
    m_mismatch.clear();
    m_loader->loadImageFolder(folder, spec);
}

void DatasetSession::requestFor(const layerlab::ModelSpec& spec, const QString& modelFile) {
    if (spec.training.dataset != DatasetKind::ImageFolder) {
        request(spec.training.dataset);
        return;
    }
    const QString folder = QString::fromStdString(
        layerlab::resolveDataFolder(spec.training, QFile::encodeName(modelFile).toStdString()));
    if (folder.isEmpty()) {
        if (m_requested && m_wanted == DatasetKind::ImageFolder && m_wantedFolder.isEmpty()) return;
        m_wanted = DatasetKind::ImageFolder;
        m_wantedFolder.clear();
        m_requested = true;
        m_mismatch.clear();
        onFailed(
            tr("The model trains on an image folder but names none: open one with File > Open Image "
               "Folder…"));
        return;
    }
    requestImageFolder(folder, spec.training.imageImport);
}

void DatasetSession::cancel() {
    m_loader->cancel();
}

std::shared_ptr<const layerlab::ImageFolderReport> DatasetSession::report() const {
    return m_loader->loadedKind() == DatasetKind::ImageFolder ? m_loader->report() : nullptr;
}

QString DatasetSession::imageFolder() const {
    return m_wanted == DatasetKind::ImageFolder ? m_wantedFolder : QString();
}

bool DatasetSession::isLoading() const {
    return m_loader->isLoading();
}

bool DatasetSession::isReady() const {
    return !m_loader->isLoading() && m_loader->dataset() && m_error.isEmpty() &&
           m_loader->loadedKind() == m_wanted && m_loader->loadedFolder() == m_wantedFolder &&
           (m_wanted != DatasetKind::ImageFolder || m_loader->loadedImport() == m_wantedImport);
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

QString DatasetSession::mismatch() const {
    return m_mismatch;
}

QStringList DatasetSession::labelNames() const {
    if (const auto d = m_loader->dataset(); d && !d->classNames.empty())
        return displayClassNames(d->classNames);
    return displayClassNames(
        layerlab::classNames(m_identity.known ? m_identity.kind : m_loader->loadedKind()));
}

QString DatasetSession::statusText() const {
    if (!m_error.isEmpty() || !m_loader->dataset()) return tr("No dataset loaded");
    const auto& d = *m_loader->dataset();
    // The bundled datasets' names are in core's table (translated in context "layerlab"); a folder's is its
    // own.
    return tr("%1: %2 training / %3 test images")
        .arg(QCoreApplication::translate("layerlab", d.name.c_str()))
        .arg(QLocale().toString(qulonglong(d.trainCount())))
        .arg(QLocale().toString(qulonglong(d.testCount())));
}

void DatasetSession::onLoaded(std::shared_ptr<const layerlab::Dataset> dataset) {
    m_error.clear();
    m_identity = layerlab::identifyDataset(*dataset);
    const bool fromFolder = !m_loader->loadedFolder().isEmpty() && m_loader->loadedFolder() == m_folder;
    if (fromFolder) {
        m_folderFailed = false;
        m_folderIdentityKnown = true;
    }
    const std::string m = layerlab::datasetMismatch(m_loader->loadedKind(), *dataset);
    m_mismatch = m.empty() ? QString()
                           : tr("%1 as the model says: it would learn and be scored on other classes than it "
                                "names. Open a folder with the model's dataset (File > Open Data Folder…) or "
                                "choose the dataset the folder holds in the Training tab.")
                                 .arg(CoreText::message(m));
    emit loaded(std::move(dataset));
}

void DatasetSession::onFailed(const QString& message) {
    m_error = message;
    m_mismatch.clear();
    if (!m_wantedFolder.isEmpty() && m_wantedFolder == m_folder) m_folderFailed = true;
    emit failed(message);
}
