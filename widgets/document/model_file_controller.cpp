#include "widgets/document/model_file_controller.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <exception>

#include "core/checkpoint.h"
#include "core/errors.h"
#include "core/model_spec.h"
#include "core/onnx_import.h"
#include "i18n/core_text.h"
#include "widgets/common/save_file_dialog.h"
#include "widgets/document/model_document.h"

namespace {
constexpr int kMaxRecent = 8;
const char* kRecentKey = "recentModelFiles";
const char* kLastDirKey = "lastModelDirectory";
const char* kStrictKey = "strictModelFiles";

struct PresetEntry {
    const char* id;
    const char* title;
};
const PresetEntry kPresets[] = {
    {"seed-cnn", QT_TRANSLATE_NOOP("ModelFileController", "Seed CNN")},
    {"seed-cnn-bn", QT_TRANSLATE_NOOP("ModelFileController", "Seed CNN + BatchNorm")},
    {"mlp", QT_TRANSLATE_NOOP("ModelFileController", "MLP")},
    {"lenet5", QT_TRANSLATE_NOOP("ModelFileController", "LeNet-5")},
    {"logistic", QT_TRANSLATE_NOOP("ModelFileController", "Logistic regression")},
    {"fashion-transfer", QT_TRANSLATE_NOOP("ModelFileController", "Fashion-MNIST Transfer")},
};

std::string nativePath(const QString& path) {
    return QFile::encodeName(path).toStdString();
}
}  // namespace

// layerlab.qrc is compiled into the static widgets library; referencing its initializer keeps the linker
// from dropping it (Q_INIT_RESOURCE must be used outside any namespace).
static void initLayerLabResources() {
    Q_INIT_RESOURCE(layerlab);
}

ModelFileController::ModelFileController(ModelDocument* document, QWidget* dialogParent)
    : QObject(dialogParent), m_doc(document), m_dialogParent(dialogParent) {
    initLayerLabResources();
    m_new = new QAction(QIcon::fromTheme(QStringLiteral("document-new")), tr("&New Model"), this);
    m_new->setShortcut(QKeySequence::New);
    m_new->setStatusTip(tr("Start an empty model"));
    connect(m_new, &QAction::triggered, this, &ModelFileController::newModel);

    m_open = new QAction(QIcon::fromTheme(QStringLiteral("document-open")), tr("&Open Model\u2026"), this);
    m_open->setShortcut(QKeySequence::Open);
    m_open->setStatusTip(tr("Open a model file (.json), a checkpoint (.llckpt) or an ONNX model (.onnx)"));
    connect(m_open, &QAction::triggered, this, &ModelFileController::open);

    m_save = new QAction(QIcon::fromTheme(QStringLiteral("document-save")), tr("&Save Model"), this);
    m_save->setShortcut(QKeySequence::Save);
    connect(m_save, &QAction::triggered, this, &ModelFileController::save);

    m_saveAs =
        new QAction(QIcon::fromTheme(QStringLiteral("document-save-as")), tr("Save Model &As\u2026"), this);
    m_saveAs->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    connect(m_saveAs, &QAction::triggered, this, &ModelFileController::saveAs);

    // Undo and Redo follow the stack like QUndoStack::createUndoAction's, and are also off while the
    // document is edit-locked (a training run uses the model).
    QUndoStack* stack = m_doc->undoStack();
    m_undo = new QAction(QIcon::fromTheme(QStringLiteral("edit-undo")), tr("&Undo"), this);
    m_undo->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Z));
    connect(m_undo, &QAction::triggered, stack, &QUndoStack::undo);
    m_redo = new QAction(QIcon::fromTheme(QStringLiteral("edit-redo")), tr("&Redo"), this);
    m_redo->setShortcuts(
        {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)});
    connect(m_redo, &QAction::triggered, stack, &QUndoStack::redo);
    for (auto signal : {&QUndoStack::canUndoChanged, &QUndoStack::canRedoChanged})
        connect(stack, signal, this, &ModelFileController::updateActions);
    for (auto signal : {&QUndoStack::undoTextChanged, &QUndoStack::redoTextChanged})
        connect(stack, signal, this, &ModelFileController::updateActions);
    connect(m_doc, &ModelDocument::editLockChanged, this, &ModelFileController::updateActions);

    m_strict = new QAction(tr("S&trict Model Files"), this);
    m_strict->setCheckable(true);
    m_strict->setChecked(QSettings().value(kStrictKey, false).toBool());
    m_strict->setStatusTip(
        tr("Refuse to open a model file with keys LayerLab does not use (a typo, a key from a newer version) "
           "instead of opening it with a warning"));
    connect(m_strict, &QAction::toggled, this, [](bool on) { QSettings().setValue(kStrictKey, on); });

    m_recentMenu = new QMenu(tr("Open &Recent"), dialogParent);
    m_presetsMenu = new QMenu(tr("&Presets"), dialogParent);
    m_presetsMenu->setToolTipsVisible(true);
    for (const PresetEntry& p : kPresets) {
        const QString id = QString::fromLatin1(p.id);
        QAction* a = m_presetsMenu->addAction(presetTitle(id));
        a->setData(id);
        a->setToolTip(presetDescription(id));  // what it is and the reference figure it is measured against
        connect(a, &QAction::triggered, this, [this, id] { loadPreset(id); });
    }
    rebuildRecentMenu();
    updateActions();
}

ModelFileController::~ModelFileController() {
    // Without a parent widget the menus are ours to delete.
    if (!m_dialogParent) {
        delete m_recentMenu;
        delete m_presetsMenu;
    }
}

QStringList ModelFileController::presetIds() {
    QStringList ids;
    for (const PresetEntry& p : kPresets) ids << QString::fromLatin1(p.id);
    return ids;
}

QString ModelFileController::presetTitle(const QString& presetId) {
    for (const PresetEntry& p : kPresets)
        if (presetId == QLatin1String(p.id)) return tr(p.title);
    return presetId;
}

QString ModelFileController::presetDescription(const QString& presetId) {
    QFile file(QStringLiteral(":/presets/%1.json").arg(presetId));
    if (!file.open(QIODevice::ReadOnly)) return {};
    try {
        return QString::fromStdString(layerlab::parseModelSpec(file.readAll().toStdString()).description);
    } catch (const std::exception&) {
        return {};  // loadPreset() says what is wrong with it
    }
}

void ModelFileController::updateActions() {
    const QUndoStack* stack = m_doc->undoStack();
    const bool locked = m_doc->isEditLocked();
    const QString why = m_doc->editLockReason();
    m_undo->setEnabled(stack->canUndo() && !locked);
    m_undo->setText(stack->canUndo() ? tr("&Undo %1").arg(stack->undoText()) : tr("&Undo"));
    m_redo->setEnabled(stack->canRedo() && !locked);
    m_redo->setText(stack->canRedo() ? tr("&Redo %1").arg(stack->redoText()) : tr("&Redo"));
    // Replacing the model under a run would leave the run training one model and the views showing another.
    for (QAction* a : {m_new, m_open}) a->setEnabled(!locked);
    m_recentMenu->setEnabled(!locked);
    m_presetsMenu->setEnabled(!locked);
    for (QAction* a : {m_undo, m_redo, m_new, m_open}) a->setToolTip(locked ? why : a->text().remove('&'));
}

bool ModelFileController::refuseWhileLocked() {
    if (!m_doc->isEditLocked()) return false;
    showError(tr("Model locked"), m_doc->editLockReason());
    return true;
}

// ---- unsaved changes -------------------------------------------------------------------------------------

bool ModelFileController::maybeSave() {
    if (!m_doc->isModified()) return true;
    QMessageBox::StandardButton answer = m_quietAnswer;
    if (m_interactive) {
        QMessageBox box(QMessageBox::Warning, tr("Unsaved changes"),
                        tr("The model \u201c%1\u201d has unsaved changes.").arg(m_doc->displayName()),
                        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, m_dialogParent);
        box.setInformativeText(tr("Do you want to save them first?"));
        box.setDefaultButton(QMessageBox::Save);
        answer = static_cast<QMessageBox::StandardButton>(box.exec());
    }
    if (answer == QMessageBox::Save) return save();
    return answer == QMessageBox::Discard;
}

// ---- loading ---------------------------------------------------------------------------------------------

void ModelFileController::newModel() {
    if (refuseWhileLocked() || !maybeSave()) return;
    m_doc->reset(layerlab::ModelSpec{});
}

void ModelFileController::open() {
    if (refuseWhileLocked() || !maybeSave()) return;
    const QString path =
        QFileDialog::getOpenFileName(m_dialogParent, tr("Open Model"), defaultDirectory(),
                                     tr("Models, checkpoints and ONNX files (*.json *.llckpt "
                                        "*.onnx);;All files (*)"));
    if (!path.isEmpty()) loadFile(path);
}

bool ModelFileController::openFile(const QString& path) {
    if (refuseWhileLocked() || !maybeSave()) return false;
    return loadFile(path);
}

bool ModelFileController::loadFile(const QString& path) {
    // A checkpoint or an ONNX file: a model with its weights, for the checkpoint loader.
    const bool onnx = layerlab::isOnnxPath(nativePath(path));
    if (m_checkpointLoader && (onnx || layerlab::isCheckpointFile(nativePath(path)))) {
        QString why;
        if (!m_checkpointLoader(path, &why)) {
            showError(onnx ? tr("Cannot open ONNX model") : tr("Cannot open checkpoint"),
                      tr("Could not open %1:\n%2").arg(QDir::toNativeSeparators(path), why));
            return false;
        }
        addRecentFile(QFileInfo(path).absoluteFilePath());
        return true;
    }
    layerlab::ModelSpec spec;
    const bool strict = m_strict->isChecked();
    try {
        spec = layerlab::loadModelSpec(nativePath(path),
                                       strict ? layerlab::UnknownKeys::Refuse : layerlab::UnknownKeys::Keep);
    } catch (const std::exception& e) {
        if (!QFileInfo::exists(path)) removeRecentFile(QFileInfo(path).absoluteFilePath());
        QString message =
            tr("Could not open %1:\n%2").arg(QDir::toNativeSeparators(path), CoreText::message(e.what()));
        if (strict && QString::fromUtf8(e.what()).contains(QLatin1String("strict mode")))
            message += tr("\n\nTurn off File > Strict Model Files to open it with a warning instead.");
        showError(tr("Cannot open model"), message);
        return false;
    }
    const QString absolute = QFileInfo(path).absoluteFilePath();
    m_doc->reset(spec, absolute);
    addRecentFile(absolute);
    m_lastWarning.clear();
    const std::vector<std::string> unknown = layerlab::unknownKeyWarnings(spec);
    if (!unknown.empty()) {
        QString message =
            tr("%1 has keys LayerLab does not use. They are kept and saved back with the model; "
               "check them for typos:")
                .arg(QFileInfo(path).fileName());
        for (const std::string& line : unknown)
            message += QStringLiteral("\n\u2022 ") + QString::fromUtf8(line);
        showWarning(tr("Keys LayerLab does not use"), message);
    }
    return true;
}

bool ModelFileController::loadPreset(const QString& presetId) {
    QFile file(QStringLiteral(":/presets/%1.json").arg(presetId));
    if (!file.open(QIODevice::ReadOnly)) {
        showError(tr("Cannot load preset"),
                  tr("The preset \u201c%1\u201d is missing from this build.").arg(presetId));
        return false;
    }
    const QByteArray text = file.readAll();
    if (refuseWhileLocked() || !maybeSave()) return false;
    layerlab::ModelSpec spec;
    try {
        spec = layerlab::parseModelSpec(text.toStdString());
    } catch (const std::exception& e) {
        showError(tr("Cannot load preset"),
                  tr("The preset \u201c%1\u201d is invalid:\n%2").arg(presetId, CoreText::message(e.what())));
        return false;
    }
    m_doc->reset(spec);  // no file path: Save asks where to put the copy
    return true;
}

// ---- saving ----------------------------------------------------------------------------------------------

bool ModelFileController::save() {
    if (m_doc->filePath().isEmpty()) return saveAs();
    return saveToFile(m_doc->filePath());
}

bool ModelFileController::saveAs() {
    QString suggested = m_doc->filePath();
    if (suggested.isEmpty()) {
        QString base = QString::fromStdString(m_doc->spec().name).trimmed().toLower();
        base.replace(QRegularExpression(QStringLiteral("[^a-z0-9]+")), QStringLiteral("-"));
        if (base.isEmpty() || base == QLatin1String("-")) base = QStringLiteral("model");
        suggested = QDir(defaultDirectory()).filePath(base + QStringLiteral(".json"));
    }
    const QString path = askSavePath(m_dialogParent, tr("Save Model As"), suggested,
                                     tr("LayerLab models (*.json)"), QStringLiteral("json"));
    if (path.isEmpty()) return false;
    return saveToFile(path);
}

bool ModelFileController::saveToFile(const QString& path) {
    try {
        layerlab::saveModelSpec(m_doc->spec(), nativePath(path));
    } catch (const std::exception& e) {
        showError(
            tr("Cannot save model"),
            tr("Could not save %1:\n%2").arg(QDir::toNativeSeparators(path), QString::fromUtf8(e.what())));
        return false;
    }
    const QString absolute = QFileInfo(path).absoluteFilePath();
    m_doc->setFilePath(absolute);
    m_doc->markSaved();
    addRecentFile(absolute);
    return true;
}

// ---- recent files ----------------------------------------------------------------------------------------

QStringList ModelFileController::recentFiles() const {
    return QSettings().value(kRecentKey).toStringList();
}

void ModelFileController::addRecentFile(const QString& path) {
    QSettings settings;
    QStringList files = settings.value(kRecentKey).toStringList();
    files.removeAll(path);
    files.prepend(path);
    while (files.size() > kMaxRecent) files.removeLast();
    settings.setValue(kRecentKey, files);
    settings.setValue(kLastDirKey, QFileInfo(path).absolutePath());
    rebuildRecentMenu();
}

void ModelFileController::removeRecentFile(const QString& path) {
    QSettings settings;
    QStringList files = settings.value(kRecentKey).toStringList();
    if (files.removeAll(path) == 0) return;
    settings.setValue(kRecentKey, files);
    rebuildRecentMenu();
}

void ModelFileController::clearRecentFiles() {
    QSettings().remove(kRecentKey);
    rebuildRecentMenu();
}

void ModelFileController::rebuildRecentMenu() {
    m_recentMenu->clear();
    const QStringList files = recentFiles();
    for (int i = 0; i < files.size(); ++i) {
        const QString path = files[i];
        QAction* a = m_recentMenu->addAction(QStringLiteral("&%1  %2").arg(i + 1).arg(
            QFileInfo(path).fileName().replace(QLatin1Char('&'), QLatin1String("&&"))));
        a->setToolTip(QDir::toNativeSeparators(path));
        a->setStatusTip(QDir::toNativeSeparators(path));
        connect(a, &QAction::triggered, this, [this, path] { openFile(path); });
    }
    if (files.isEmpty()) {
        m_recentMenu->addAction(tr("No recent files"))->setEnabled(false);
    } else {
        m_recentMenu->addSeparator();
        m_recentMenu->addAction(tr("&Clear Recent Files"), this, &ModelFileController::clearRecentFiles);
    }
    m_recentMenu->setToolTipsVisible(true);
}

QString ModelFileController::defaultDirectory() const {
    const QString last = QSettings().value(kLastDirKey).toString();
    if (!last.isEmpty() && QFileInfo(last).isDir()) return last;
    return QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
}

void ModelFileController::showWarning(const QString& title, const QString& message) {
    m_lastWarning = message;
    emit warningOccurred(message);
    if (!m_interactive) return;
    // Not modal: the model is open and usable; the note stays until it is read.
    auto* box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, m_dialogParent);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::NonModal);
    box->show();
}

void ModelFileController::showError(const QString& title, const QString& message) {
    m_lastError = message;
    emit errorOccurred(message);
    if (m_interactive) QMessageBox::critical(m_dialogParent, title, message);
}
