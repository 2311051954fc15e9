#include "widgets/studio/image_folder_actions.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QProgressDialog>
#include <QSettings>

#include "core/image_import.h"
#include "core/model_data.h"
#include "widgets/data/image_import_dialog.h"
#include "widgets/data/import_summary_dialog.h"
#include "widgets/data/new_dataset_dialog.h"
#include "widgets/document/model_document.h"
#include "widgets/session/dataset_session.h"

using namespace layerlab;

ImageFolderActions::ImageFolderActions(ModelDocument* document, DatasetSession* data, QWidget* parent)
    : QObject(parent), m_doc(document), m_data(data), m_parent(parent) {
    m_open =
        new QAction(QIcon::fromTheme(QStringLiteral("folder-pictures")), tr("Open &Image Folder…"), this);
    m_open->setStatusTip(tr("Train on your own pictures: a folder with one subfolder of images per class"));
    connect(m_open, &QAction::triggered, this, &ImageFolderActions::openInteractive);
    m_settings = new QAction(tr("Image Import &Settings…"), this);
    m_settings->setStatusTip(tr("Change how the image folder's pictures become the model's inputs"));
    connect(m_settings, &QAction::triggered, this, &ImageFolderActions::editSettings);
    m_summary = new QAction(tr("Import S&ummary…"), this);
    m_summary->setStatusTip(
        tr("Images per class, a preview, skipped files and duplicates of the image folder"));
    connect(m_summary, &QAction::triggered, this, &ImageFolderActions::showSummary);
    m_newDataset = new QAction(tr("&New Dataset…"), this);
    m_newDataset->setStatusTip(tr("Make a dataset by drawing examples of your own classes"));
    connect(m_newDataset, &QAction::triggered, this, &ImageFolderActions::newDataset);

    m_progress = new QProgressDialog(parent);
    m_progress->setWindowTitle(tr("Importing Images"));
    m_progress->setCancelButtonText(tr("Cancel"));
    m_progress->setMinimumDuration(400);  // a cached folder opens without a flash
    m_progress->setAutoReset(false);
    m_progress->setAutoClose(false);
    m_progress->setWindowModality(Qt::WindowModal);
    m_progress->reset();
    m_progress->hide();
    connect(m_progress, &QProgressDialog::canceled, m_data, &DatasetSession::cancel);

    connect(m_data, &DatasetSession::loadingStarted, this, &ImageFolderActions::onLoadingStarted);
    connect(m_data, &DatasetSession::progress, this, &ImageFolderActions::onProgress);
    connect(m_data, &DatasetSession::loaded, this, &ImageFolderActions::onFinished);
    connect(m_data, &DatasetSession::failed, this, &ImageFolderActions::onFinished);
    connect(m_doc, &ModelDocument::changed, this, &ImageFolderActions::updateActions);
    updateActions();
}

ImageImportSpec ImageFolderActions::initialSettings(const QString& folder) const {
    const ModelSpec& spec = m_doc->spec();
    ImageImportSpec s;
    if (spec.training.dataset == DatasetKind::ImageFolder) {
        s = spec.training.imageImport;
    } else {
        ModelSpec sized = spec;
        sized.training.imageImport = ImageImportSpec{};
        s = importSettingsFor(sized);
    }
    ImageImportDialog::rememberedSettings(folder, &s);
    return s;
}

void ImageFolderActions::applyFolder(const QString& folder, const ImageImportSpec& import) {
    ModelSpec s = m_doc->spec();
    const Shape before = s.input;
    s.training.dataset = DatasetKind::ImageFolder;
    s.training.dataFolder = QFile::encodeName(QFileInfo(folder).absoluteFilePath()).toStdString();
    s.training.imageImport = import;
    s.input = before.isFlat() ? Shape::flat(int(importedImageSize(import)))
                              : Shape::chw(import.channels(), import.height, import.width);
    ImageImportDialog::rememberSettings(folder, import);
    if (s == m_doc->spec()) {
        m_data->requestFor(s, m_doc->filePath());  // the same settings: imports again if the last one failed
        return;
    }
    m_summaryWhenLoaded = m_interactive;
    m_doc->replaceSpec(s, tr("Open image folder %1").arg(QFileInfo(folder).fileName()));
    if (before != s.input)
        emit message(
            tr("The model's input is now %1 to take the images (it was %2).")
                .arg(QString::fromStdString(s.input.toString()), QString::fromStdString(before.toString())),
            10000);
}

void ImageFolderActions::fitOutputs(int classes) {
    ModelSpec s = m_doc->spec();
    s.classes = classes;
    for (auto it = s.layers.rbegin(); it != s.layers.rend(); ++it)
        if (it->type == LayerType::Dense) {
            it->units = classes;
            break;
        }
    m_doc->replaceSpec(s, tr("Make the model output %1 classes").arg(classes));
}

bool ImageFolderActions::openFolder(const QString& folder) {
    ImageImportSpec spec = initialSettings(folder);
    if (m_interactive) {
        ImageImportDialog dialog(folder, spec, m_doc->spec().input, m_parent);
        if (dialog.exec() != QDialog::Accepted) return false;
        spec = dialog.settings();
    }
    applyFolder(folder, spec);
    return true;
}

void ImageFolderActions::openInteractive() {
    const char* key = "lastImageFolder";
    QSettings settings;
    QString start = settings.value(key).toString();
    if (start.isEmpty() || !QFileInfo(start).isDir()) start = QDir::homePath();
    const QString dir = QFileDialog::getExistingDirectory(m_parent, tr("Open Image Folder"), start);
    if (dir.isEmpty()) return;
    settings.setValue(key, QFileInfo(dir).absolutePath());
    openFolder(dir);
}

void ImageFolderActions::editSettings() {
    const QString folder = m_data->imageFolder();
    if (!folder.isEmpty()) openFolder(folder);
}

void ImageFolderActions::showSummary() {
    const auto report = m_data->report();
    const auto data = m_data->lastLoaded();
    if (!report || !data) return;
    auto* dialog = new ImportSummaryDialog(data, report, m_doc->spec().classes, m_parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ImportSummaryDialog::fitOutputsRequested, this, &ImageFolderActions::fitOutputs);
    dialog->show();
}

void ImageFolderActions::newDataset() {
    QSettings settings;
    QString folder = settings.value("lastNewDataset").toString();
    if (folder.isEmpty())
        folder = QDir(QDir::homePath()).filePath(QStringLiteral("layerlab-datasets/my-drawings"));
    NewDatasetDialog dialog(folder, m_parent);
    QString toOpen;
    connect(&dialog, &NewDatasetDialog::openRequested, this, [&toOpen](const QString& f) { toOpen = f; });
    dialog.exec();
    settings.setValue("lastNewDataset", dialog.folder());
    if (!toOpen.isEmpty()) openFolder(toOpen);
}

QString ImageFolderActions::drawExamples() {
    QSettings settings;
    QString folder = settings.value("lastNewDataset").toString();
    if (folder.isEmpty())
        folder = QDir(QDir::homePath()).filePath(QStringLiteral("layerlab-datasets/my-drawings"));
    NewDatasetDialog dialog(folder, m_parent);
    bool open = false;
    connect(&dialog, &NewDatasetDialog::openRequested, this, [&open] { open = true; });
    dialog.exec();
    settings.setValue("lastNewDataset", dialog.folder());
    int examples = 0;
    for (const QString& name : dialog.classNames()) examples += dialog.exampleCount(name);
    return open || examples > 0 ? dialog.folder() : QString();
}

void ImageFolderActions::updateActions() {
    const bool onFolder = m_doc->spec().training.dataset == DatasetKind::ImageFolder;
    m_settings->setEnabled(onFolder && !m_data->imageFolder().isEmpty() && !m_doc->isEditLocked());
    m_summary->setEnabled(onFolder && m_data->report() != nullptr);
    m_open->setEnabled(!m_doc->isEditLocked());
}

void ImageFolderActions::onLoadingStarted() {
    if (m_data->requestedKind() != DatasetKind::ImageFolder) return;
    m_progress->setLabelText(
        tr("Importing the images of %1…").arg(QFileInfo(m_data->imageFolder()).fileName()));
    m_progress->setRange(0, 0);
    m_progress->setValue(0);
}

void ImageFolderActions::onProgress(qint64 done, qint64 total) {
    if (total <= 0) return;
    m_progress->setMaximum(int(std::min<qint64>(total, 1 << 30)));
    m_progress->setValue(int(std::min<qint64>(done, 1 << 30)));
    m_progress->setLabelText(tr("Importing the images of %1: %2 of %3…")
                                 .arg(QFileInfo(m_data->imageFolder()).fileName())
                                 .arg(done)
                                 .arg(total));
}

void ImageFolderActions::onFinished() {
    m_progress->reset();
    m_progress->hide();
    updateActions();
    if (!m_summaryWhenLoaded || m_data->isLoading()) return;
    m_summaryWhenLoaded = false;
    if (m_data->report() && m_data->isReady()) showSummary();
}
