#pragma once
// File > Save Checkpoint… and Load Checkpoint…: the actions, their file dialogs, and the work behind them
// without dialogs (saveTo/loadFrom, for scripts and tests). A paused run saves the weights it has reached;
// otherwise the weights RunActions keeps (last run or checkpoint) are saved. Loading replaces the document
// with the checkpoint's model and keeps its weights, so Start continues from them. An ONNX file (File > Open,
// the command line) loads the same way, through core/onnx_import. File > Export > ONNX… writes the same
// weights as Save Checkpoint as an ONNX file (core/onnx_export); File > Export > PyTorch… writes them into a
// folder as model.py, weights.npz and train.py (core/pytorch_export).
#include <QObject>
#include <QString>
#include <vector>

#include "core/model_spec.h"
#include "core/weight_transfer.h"

class ModelDocument;
class ModelFileController;
class QAction;
class QWidget;
class RunActions;
class TrainingController;

class CheckpointActions : public QObject {
    Q_OBJECT
public:
    CheckpointActions(ModelDocument* document, ModelFileController* files, TrainingController* controller,
                      RunActions* runs, QWidget* dialogParent);

    QAction* saveAction() const { return m_save; }
    QAction* loadAction() const { return m_load; }
    QAction* exportOnnxAction() const { return m_exportOnnx; }
    QAction* exportPytorchAction() const { return m_exportPytorch; }
    QAction* startFromWeightsAction() const { return m_startFrom; }

    // No dialogs. Errors go to *error.
    bool saveTo(const QString& path, QString* error = nullptr);
    bool loadFrom(const QString& path, QString* error = nullptr);  // a checkpoint or an ONNX file
    bool exportOnnxTo(const QString& path, QString* error = nullptr);
    // Into the folder `dir` (created when missing), replacing the export's files there.
    bool exportPytorchTo(const QString& dir, QString* error = nullptr);
    // Start from Weights without the dialog: keeps the document's model's fresh weights (its seed) with the
    // checkpoint's (or ONNX file's) in the layers that fit (core/weight_transfer.h), for Start; *plan says
    // what each layer got. False with *error when the file cannot be read, a model cannot work, or no layer
    // fits (then *plan says why and the kept weights are unchanged).
    bool startFromWeights(const QString& path, layerlab::WeightTransfer* plan = nullptr,
                          QString* error = nullptr);

public slots:
    void saveInteractive();
    void loadInteractive();
    void exportOnnxInteractive();
    // Asks for a folder; asks before replacing the files of an earlier export there.
    void exportPytorchInteractive();
    // Asks for a checkpoint, shows what it gives each layer (StartWeightsDialog), and applies it when asked.
    void startFromWeightsInteractive();
    // Save while paused or with kept weights; load only while no run is active.
    void updateActions();

signals:
    // A checkpoint (the file at `path`) replaced the document and the kept weights (views show them now).
    void loaded(const QString& path);
    // Start from Weights replaced the kept weights (the document is unchanged); `label` says what they are.
    void startWeightsLoaded(const QString& label);
    void message(const QString& text, int ms);

private:
    ModelDocument* m_doc;
    ModelFileController* m_files;
    TrainingController* m_controller;
    RunActions* m_runs;
    QWidget* m_dialogParent;
    QAction* m_save;
    QAction* m_load;
    QAction* m_exportOnnx;
    QAction* m_exportPytorch;
    QAction* m_startFrom;

    // The weights Save Checkpoint and Export save: a paused run's current ones, else the kept ones.
    bool weightsToSave(layerlab::ModelSpec* spec, std::vector<float>* params, QString* error) const;
};
