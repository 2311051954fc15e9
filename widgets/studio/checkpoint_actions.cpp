#include "widgets/studio/checkpoint_actions.h"

#include <QAction>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <exception>

#include "core/checkpoint.h"
#include "core/network.h"
#include "core/onnx_export.h"
#include "core/onnx_import.h"
#include "core/pytorch_export.h"
#include "widgets/common/save_file_dialog.h"
#include "widgets/document/model_document.h"
#include "widgets/document/model_file_controller.h"
#include "widgets/session/training_controller.h"
#include "widgets/studio/run_actions.h"
#include "widgets/studio/start_weights_dialog.h"

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
    m_exportOnnx = new QAction(tr("&ONNX…"), this);
    m_exportOnnx->setStatusTip(
        tr("Write the trained model as an ONNX file (opset 13) for ONNX Runtime, PyTorch and other tools: it "
           "takes raw pixels 0-255 and gives class probabilities"));
    connect(m_exportOnnx, &QAction::triggered, this, &CheckpointActions::exportOnnxInteractive);
    m_exportPytorch = new QAction(tr("&PyTorch…"), this);
    m_exportPytorch->setStatusTip(tr(
        "Write the trained model into a folder for PyTorch: model.py (an nn.Module taking raw pixels 0-255), "
        "weights.npz, and train.py to keep training it (torchrun for many processes)"));
    connect(m_exportPytorch, &QAction::triggered, this, &CheckpointActions::exportPytorchInteractive);
    m_startFrom = new QAction(tr("Start from &Weights…"), this);
    m_startFrom->setStatusTip(
        tr("Load a checkpoint's weights into this model's layers that match them by position and shape "
           "(transfer learning); the other layers start fresh"));
    connect(m_startFrom, &QAction::triggered, this, &CheckpointActions::startFromWeightsInteractive);
}

void CheckpointActions::updateActions() {
    const auto state = m_controller->state();
    const bool paused = state == TrainingController::State::Paused;
    const bool active = state != TrainingController::State::Idle;
    // While paused the run's current weights can be saved; while running they change under the dialog.
    m_save->setEnabled(paused || (!active && !m_runs->kept().empty()));
    m_load->setEnabled(!active);
    m_startFrom->setEnabled(!active);
    m_exportOnnx->setEnabled(m_save->isEnabled());
    m_exportPytorch->setEnabled(m_save->isEnabled());
}

bool CheckpointActions::weightsToSave(layerlab::ModelSpec* spec, std::vector<float>* params,
                                      QString* error) const {
    const bool paused = m_controller->state() == TrainingController::State::Paused;
    *params = paused ? m_controller->currentParams() : m_runs->kept().params;
    *spec = paused ? m_controller->runSpec() : m_runs->kept().spec;
    if (params->empty()) {
        if (error) *error = tr("There are no trained weights yet. Train the model (F5) first.");
        return false;
    }
    return true;
}

bool CheckpointActions::saveTo(const QString& path, QString* error) {
    // A paused run saves the weights it has now; otherwise the kept weights of the last run or checkpoint.
    const bool paused = m_controller->state() == TrainingController::State::Paused;
    layerlab::ModelSpec spec;
    std::vector<float> params;
    if (!weightsToSave(&spec, &params, error)) return false;
    try {
        // An int8 checkpoint's kept weights are saved with their quantization (still int8).
        layerlab::saveCheckpoint(nativePath(path), spec, params,
                                 paused ? layerlab::Quantization{} : m_runs->kept().quantization);
    } catch (const std::exception& e) {
        if (error) *error = QString::fromStdString(e.what());
        return false;
    }
    emit message(
        paused ? tr("Saved the paused run's weights to %1").arg(path) : tr("Saved checkpoint %1").arg(path),
        5000);
    return true;
}

namespace {
// A checkpoint or an ONNX file's model and weights; notes on what the ONNX import assumed.
layerlab::Checkpoint readWeights(const QString& path, QString* notes) {
    layerlab::Checkpoint ck;
    if (layerlab::isOnnxPath(nativePath(path))) {
        layerlab::OnnxImport imported = layerlab::importOnnx(nativePath(path));
        ck.spec = std::move(imported.spec);
        ck.params = std::move(imported.params);
        ck.quantization = std::move(imported.quantization);  // an int8 LayerLab export stays int8
        for (const std::string& n : imported.notes)
            *notes +=
                QCoreApplication::translate("CheckpointActions", " Note: %1.").arg(QString::fromStdString(n));
    } else {
        ck = layerlab::loadCheckpoint(nativePath(path));
    }
    return ck;
}
}  // namespace

bool CheckpointActions::loadFrom(const QString& path, QString* error) {
    if (m_controller->isActive()) {
        if (error) *error = tr("Stop training before loading a checkpoint.");
        return false;
    }
    layerlab::Checkpoint ck;
    const bool onnx = layerlab::isOnnxPath(nativePath(path));
    QString notes;
    try {
        ck = readWeights(path, &notes);
    } catch (const std::exception& e) {
        if (error) *error = QString::fromStdString(e.what());
        return false;
    }
    const bool int8 = !ck.quantization.empty();
    m_doc->reset(ck.spec);
    m_runs->keep({std::move(ck.params), ck.spec, TrainedWeights::Origin::Checkpoint, path,
                  std::move(ck.quantization)});
    emit loaded(path);
    if (int8)
        emit message(
            tr("Loaded int8 checkpoint %1. Evaluate runs it quantized, as layerlab-cli evaluate does: "
               "weights dequantized on load, each layer's input rounded to int8 (float32 speed: no int8 "
               "kernels). Start (F5) continues training from its weights in float32.")
                .arg(path),
            12000);
    else if (onnx)
        emit message(tr("Opened ONNX model %1 with its weights. Start (F5) continues training from them.%2")
                         .arg(path, notes),
                     10000);
    else
        emit message(tr("Loaded checkpoint %1. Start (F5) continues training from its weights.").arg(path),
                     8000);
    return true;
}

bool CheckpointActions::startFromWeights(const QString& path, layerlab::WeightTransfer* plan,
                                         QString* error) {
    if (m_controller->isActive()) {
        if (error) *error = tr("Stop training before loading weights.");
        return false;
    }
    const layerlab::ModelSpec spec = m_doc->spec();
    layerlab::WeightTransfer t;
    std::vector<float> params;
    try {
        QString notes;
        const layerlab::Checkpoint ck = readWeights(path, &notes);
        layerlab::Network net(spec);  // fresh weights from the model's seed, as a new run starts
        net.initParams(spec.training.seed);
        params.assign(net.params().begin(), net.params().end());
        t = layerlab::transferWeights(spec, params, ck.spec, ck.params);
    } catch (const std::exception& e) {
        if (error) *error = QString::fromStdString(e.what());
        return false;
    }
    if (plan) *plan = t;
    if (const std::string why = t.refusal(); !why.empty()) {
        if (error) *error = QString::fromStdString(why);
        return false;
    }
    const QString name = QFileInfo(path).fileName();
    m_runs->keep({std::move(params), spec, TrainedWeights::Origin::StartWeights, path, {}});
    const QString summary = QString::fromStdString(t.summary());
    emit startWeightsLoaded(tr("weights from %1 (%2)").arg(name, summary));
    emit message(tr("Weights from %1: %2. Start (F5) trains from them.").arg(name, summary), 10000);
    return true;
}

void CheckpointActions::startFromWeightsInteractive() {
    const QString path = QFileDialog::getOpenFileName(
        m_dialogParent, tr("Start from Weights"), QString(),
        tr("LayerLab checkpoints (*.llckpt);;ONNX models (*.onnx);;All files (*)"));
    if (path.isEmpty()) return;
    // What the file would give each layer, shown before anything changes.
    layerlab::WeightTransfer plan;
    try {
        QString notes;
        plan = layerlab::planWeightTransfer(m_doc->spec(), readWeights(path, &notes).spec);
    } catch (const std::exception& e) {
        QMessageBox::warning(m_dialogParent, tr("Start from Weights"),
                             tr("Could not use %1.\n\n%2").arg(path, QString::fromStdString(e.what())));
        return;
    }
    StartWeightsDialog dialog(plan, QFileInfo(path).fileName(), m_doc->displayName(), m_dialogParent);
    if (dialog.exec() != QDialog::Accepted) return;
    QString error;
    if (!startFromWeights(path, nullptr, &error))
        QMessageBox::warning(m_dialogParent, tr("Start from Weights"),
                             tr("Could not use %1.\n\n%2").arg(path, error));
}

bool CheckpointActions::exportOnnxTo(const QString& path, QString* error) {
    layerlab::ModelSpec spec;
    std::vector<float> params;
    if (!weightsToSave(&spec, &params, error)) return false;
    // An int8 model goes out in QDQ form, so that ONNX Runtime computes what Evaluate shows.
    layerlab::OnnxExportOptions options;
    if (m_controller->state() != TrainingController::State::Paused)
        options.quantization = m_runs->kept().quantization;
    std::string problem;
    try {
        problem = layerlab::exportOnnx(nativePath(path), spec, params, options);
    } catch (const std::exception& e) {
        problem = e.what();
    }
    if (!problem.empty()) {
        if (error) *error = QString::fromStdString(problem);
        return false;
    }
    if (!options.quantization.empty())
        emit message(
            tr("Exported %1 (ONNX, int8 in QDQ form: int8 weights, each layer's input rounded to int8 "
               "as LayerLab runs it; input \"image\" raw pixels 0-255, output \"probabilities\")")
                .arg(path),
            10000);
    else
        emit message(
            tr("Exported %1 (ONNX: input \"image\" raw pixels 0-255, output \"probabilities\")").arg(path),
            8000);
    return true;
}

void CheckpointActions::exportOnnxInteractive() {
    const QString path = askSavePath(m_dialogParent, tr("Export as ONNX"),
                                     QString::fromStdString(m_runs->kept().spec.name) + ".onnx",
                                     tr("ONNX models (*.onnx)"), QStringLiteral("onnx"));
    if (path.isEmpty()) return;
    QString error;
    if (!exportOnnxTo(path, &error))
        QMessageBox::warning(m_dialogParent, tr("Export as ONNX"),
                             tr("Could not export %1.\n\n%2").arg(path, error));
}

bool CheckpointActions::exportPytorchTo(const QString& dir, QString* error) {
    layerlab::ModelSpec spec;
    std::vector<float> params;
    if (!weightsToSave(&spec, &params, error)) return false;
    std::string problem;
    try {
        problem = layerlab::exportPytorch(nativePath(dir), spec, params);
    } catch (const std::exception& e) {
        problem = e.what();
    }
    if (!problem.empty()) {
        if (error) *error = QString::fromStdString(problem);
        return false;
    }
    if (m_controller->state() != TrainingController::State::Paused && !m_runs->kept().quantization.empty())
        emit message(
            tr("Exported to %1: model.py, weights.npz, train.py. The int8 model's weights are written "
               "as the float32 values they stand for, and PyTorch runs them in float32 without "
               "rounding the inputs to int8: its results can differ slightly from Evaluate's.")
                .arg(QDir::toNativeSeparators(dir)),
            12000);
    else
        emit message(
            tr("Exported to %1: model.py, weights.npz, train.py (python3 train.py --data MNIST_FOLDER)")
                .arg(QDir::toNativeSeparators(dir)),
            8000);
    return true;
}

void CheckpointActions::exportPytorchInteractive() {
    const QString dir = QFileDialog::getExistingDirectory(
        m_dialogParent, tr("Export for PyTorch: choose or create a folder"), QString());
    if (dir.isEmpty()) return;
    QStringList there;
    for (const std::string& name : layerlab::pytorchExportFileNames())
        if (QFileInfo::exists(QDir(dir).filePath(QString::fromStdString(name))))
            there << QString::fromStdString(name);
    if (!there.isEmpty() &&
        QMessageBox::question(m_dialogParent, tr("Export for PyTorch"),
                              tr("%1 already holds %2. Replace them?").arg(dir, there.join(", ")),
                              QMessageBox::Yes | QMessageBox::Cancel,
                              QMessageBox::Cancel) != QMessageBox::Yes)
        return;
    QString error;
    if (!exportPytorchTo(dir, &error))
        QMessageBox::warning(m_dialogParent, tr("Export for PyTorch"),
                             tr("Could not export to %1.\n\n%2").arg(dir, error));
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
