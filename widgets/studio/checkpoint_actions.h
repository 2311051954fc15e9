#pragma once
// File > Save Checkpoint… and Load Checkpoint…: the actions, their file dialogs, and the work behind them
// without dialogs (saveTo/loadFrom, for scripts and tests). A paused run saves the weights it has reached;
// otherwise the weights RunActions keeps (last run or checkpoint) are saved. Loading replaces the document
// with the checkpoint's model and keeps its weights, so Start continues from them.
#include <QObject>
#include <QString>

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

    // No dialogs. Errors go to *error.
    bool saveTo(const QString& path, QString* error = nullptr);
    bool loadFrom(const QString& path, QString* error = nullptr);

public slots:
    void saveInteractive();
    void loadInteractive();
    // Save while paused or with kept weights; load only while no run is active.
    void updateActions();

signals:
    // A checkpoint (the file at `path`) replaced the document and the kept weights (views show them now).
    void loaded(const QString& path);
    void message(const QString& text, int ms);

private:
    ModelDocument* m_doc;
    ModelFileController* m_files;
    TrainingController* m_controller;
    RunActions* m_runs;
    QWidget* m_dialogParent;
    QAction* m_save;
    QAction* m_load;
};
