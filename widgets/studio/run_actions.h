#pragma once
// Start, Pause and Stop: the three actions, when each is possible (and, when Start is not, why), what Start
// trains (the document's model on the session's dataset, from fresh weights or from kept ones), and the
// weights kept when a run ends. Views are not touched here: the window reacts to aboutToStart(), started()
// and message().
#include <QObject>
#include <QString>

#include "core/model_spec.h"
#include "widgets/session/trained_weights.h"
#include "widgets/session/training_metatypes.h"

class DatasetSession;
class ModelDocument;
class QAction;
class QWidget;
class TrainingController;

class RunActions : public QObject {
    Q_OBJECT
public:
    RunActions(ModelDocument* document, TrainingController* controller, DatasetSession* data,
               QWidget* parent);

    QAction* startAction() const { return m_start; }
    QAction* pauseAction() const { return m_pause; }
    QAction* stopAction() const { return m_stop; }

    // Why Start is disabled (empty when it is enabled); *waitingForData says the only reason is a dataset
    // still loading.
    QString blockedReason(bool* waitingForData = nullptr) const;

    // The weights of the last finished run or loaded checkpoint, and the spec they belong to.
    const TrainedWeights& kept() const { return m_kept; }
    void keep(TrainedWeights weights);

public slots:
    // Starts now, or as soon as the dataset has loaded.
    void start();
    void togglePause();
    void stop();
    // Enables the actions for the controller's state and the document, and sets Start's tooltip.
    void updateActions();
    // Starts the run that start() deferred until the dataset had loaded, if any. Call once it has.
    void startIfWaiting();

signals:
    // Just before the controller starts a run of `spec`: views get ready for its first batch.
    void aboutToStart(const layerlab::ModelSpec& spec);
    void started();
    // One sentence for the status bar, shown for `ms` milliseconds.
    void message(const QString& text, int ms);

private:
    void onFinished(const layerlab::TrainResult& result);

    ModelDocument* m_doc;
    TrainingController* m_controller;
    DatasetSession* m_data;
    QAction* m_start;
    QAction* m_pause;
    QAction* m_stop;
    TrainedWeights m_kept;
    bool m_startWhenLoaded = false;
};
