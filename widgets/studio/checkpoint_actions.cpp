#include "widgets/studio/checkpoint_actions.h"

#include <QAction>
#include <QFile>
#include <QFileDialog>
#include <QMessageBox>
#include <exception>

#include "core/checkpoint.h"
#include "widgets/common/save_file_dialog.h"
#include "widgets/document/model_document.h"
#include "widgets/document/model_file_controller.h"
#include "widgets/session/training_controller.h"
#include "widgets/studio/run_actions.h"

namespace {
std::string nativePath(const QString& path) {
    return QFile::encodeName(path).toStdString();
}
}  // namespace

CheckpointActions::CheckpointActions(ModelDocument* document, ModelFileController* files,
                                     TrainingController* controller, RunActions* runs, QWidget* dialogParent)
    : QObject(dialogParent),
      m_doc(document),
      m_files(files),
      m_controller(controller),
      m_runs(runs),
      m_dialogParent(dialogParent) {
    m_save = new QAction(tr("Save &Checkpoint…"), this);
    m_save->setStatusTip(
        tr("Save the trained weights with their model (.llckpt), for the studio and layerlab-cli"));
    connect(m_save, &QAction::triggered, this, &CheckpointActions::saveInteractive);
    m_load = new QAction(tr("&Load Checkpoint…"), this);
    m_load->setStatusTip(tr("Open a trained model and view its filters and feature maps"));
    connect(m_load, &QAction::triggered, this, &CheckpointActions::loadInteractive);
}

void CheckpointActions::updateActions() {
    const auto state = m_controller->state();
    const bool paused = state == TrainingController::State::Paused;
    const bool active = state != TrainingController::State::Idle;
    // While paused the run's current weights can be saved; while running they change under the dialog.
    m_save->setEnabled(paused || (!active && !m_runs->kept().empty()));
    m_load->setEnabled(!active);
}

bool CheckpointActions::saveTo(const QString& path, QString* error) {
    // A paused run saves the weights it has now; otherwise the kept weights of the last run or checkpoint.
    const bool paused = m_controller->state() == TrainingController::State::Paused;
    const std::vector<float> params = paused ? m_controller->currentParams() : m_runs->kept().params;
    const layerlab::ModelSpec& spec = paused ? m_controller->runSpec() : m_runs->kept().spec;
    if (params.empty()) {
        if (error) *error = tr("There are no trained weights yet. Train the model (F5) first.");
        return false;
    }
    try {
        layerlab::saveCheckpoint(nativePath(path), spec, params);
    } catch (const std::exception& e) {
        if (error) *error = QString::fromStdString(e.what());
        return false;
    }
    emit message(
        paused ? tr("Saved the paused run's weights to %1").arg(path) : tr("Saved checkpoint %1").arg(path),
        5000);
    return true;
}

bool CheckpointActions::loadFrom(const QString& path, QString* error) {
    if (m_controller->isActive()) {
        if (error) *error = tr("Stop training before loading a checkpoint.");
        return false;
    }
    layerlab::Checkpoint ck;
    try {
        ck = layerlab::loadCheckpoint(nativePath(path));
    } catch (const std::exception& e) {
        if (error) *error = QString::fromStdString(e.what());
        return false;
    }
    m_doc->reset(ck.spec);
    m_runs->keep({std::move(ck.params), ck.spec, TrainedWeights::Origin::Checkpoint});
    emit loaded(path);
    emit message(tr("Loaded checkpoint %1. Start (F5) continues training from its weights.").arg(path), 8000);
    return true;
}

void CheckpointActions::saveInteractive() {
    const QString path = askSavePath(m_dialogParent, tr("Save Checkpoint"),
                                     QString::fromStdString(m_runs->kept().spec.name) + ".llckpt",
                                     tr("LayerLab checkpoints (*.llckpt)"), QStringLiteral("llckpt"));
    if (path.isEmpty()) return;
    QString error;
    if (!saveTo(path, &error))
        QMessageBox::warning(m_dialogParent, tr("Save Checkpoint"),
                             tr("Could not save %1.\n\n%2").arg(path, error));
}

void CheckpointActions::loadInteractive() {
    if (!m_files->maybeSave()) return;
    const QString path = QFileDialog::getOpenFileName(m_dialogParent, tr("Load Checkpoint"), QString(),
                                                      tr("LayerLab checkpoints (*.llckpt);;All files (*)"));
    if (path.isEmpty()) return;
    QString error;
    if (!loadFrom(path, &error))
        QMessageBox::warning(m_dialogParent, tr("Load Checkpoint"),
                             tr("Could not load %1.\n\n%2").arg(path, error));
}
