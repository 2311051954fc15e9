#pragma once
// File handling for the model document: New, Open, Save, Save As, Recent Files (QSettings, last 8),
// Presets (bundled in the Qt resources under :/presets/<id>.json), Undo/Redo, and the
// "unsaved changes: Save / Discard / Cancel" question before anything replaces the model. While the document
// is edit-locked (a training run uses it) Undo, Redo, New, Open, Recent Files and Presets are off.
// A model file with keys LayerLab does not use opens with a warning naming each (they are kept and saved
// back), or is refused when File > Strict Model Files is on (remembered in QSettings).
// Owns the QActions and menus; the main window only places them. Recent files are stored with the
// application's default QSettings (organization/application names set in main()).
#include <QMessageBox>
#include <QObject>
#include <QStringList>
#include <functional>

class ModelDocument;
class QAction;
class QMenu;

class ModelFileController : public QObject {
    Q_OBJECT
public:
    ModelFileController(ModelDocument* document, QWidget* dialogParent);
    ~ModelFileController() override;

    QAction* newAction() const { return m_new; }
    QAction* openAction() const { return m_open; }
    QAction* saveAction() const { return m_save; }
    QAction* saveAsAction() const { return m_saveAs; }
    QAction* undoAction() const { return m_undo; }
    QAction* redoAction() const { return m_redo; }
    QMenu* recentFilesMenu() const { return m_recentMenu; }
    QMenu* presetsMenu() const { return m_presetsMenu; }
    QAction* strictAction() const { return m_strict; }  // checkable; on: unknown keys refuse the file

    // Presets: id is the file name without ".json" ("seed-cnn", "mlp", "lenet5", "logistic").
    static QStringList presetIds();
    static QString presetTitle(const QString& presetId);
    // The preset's "description": what it is, its measured accuracy and the published figure it is
    // measured against ("" when the preset is missing).
    static QString presetDescription(
        const QString& presetId);  // "Seed CNN", "MLP", "LeNet-5", "Logistic regression"

    // Asks Save/Discard/Cancel when the document has unsaved changes. true = go ahead (saved or discarded).
    // Call from the main window's closeEvent.
    bool maybeSave();

    // A checkpoint opened where a model file is expected (Open, Recent Files, the command line) goes to this
    // loader (the main window's: it takes the checkpoint's model and weights, as Load Checkpoint does).
    // Without a loader it is refused with a message saying it is a checkpoint and what to do with it.
    using CheckpointLoader = std::function<bool(const QString& path, QString* error)>;
    void setCheckpointLoader(CheckpointLoader loader) { m_checkpointLoader = std::move(loader); }

    QStringList recentFiles() const;
    QString lastError() const { return m_lastError; }      // text of the last error shown, for tests and logs
    QString lastWarning() const { return m_lastWarning; }  // of the last file opened; empty when none

    // When false, errors are only reported through errorOccurred()/lastError() and maybeSave() answers
    // setQuietUnsavedAnswer's button (Save, Discard or Cancel) without a dialog. For tests and scripts.
    void setInteractive(bool interactive) { m_interactive = interactive; }
    void setQuietUnsavedAnswer(QMessageBox::StandardButton answer) { m_quietAnswer = answer; }

public slots:
    void newModel();
    bool openFile(const QString& path);        // asks about unsaved changes first; false on cancel or error
    bool loadPreset(const QString& presetId);  // same, for a bundled preset (no file path: Save asks for one)
    bool save();                               // Save As when the model has no file yet
    bool saveAs();
    bool saveToFile(const QString& path);  // no dialog; updates the file path, clean state and recent list
    void open();                           // file dialog
    void clearRecentFiles();
    // Enables Undo/Redo (with the command's name) and New/Open/Recent/Presets; all are off while the
    // document is edit-locked.
    void updateActions();

signals:
    void errorOccurred(const QString& message);
    void warningOccurred(const QString& message);

private:
    bool loadFile(const QString& path);  // no unsaved-changes question
    bool refuseWhileLocked();            // shows the lock's reason as an error when locked
    void addRecentFile(const QString& path);
    void removeRecentFile(const QString& path);
    void rebuildRecentMenu();
    void showError(const QString& title, const QString& message);
    void showWarning(const QString& title, const QString& message);
    QString defaultDirectory() const;

    ModelDocument* m_doc;
    QWidget* m_dialogParent;
    QAction* m_new;
    QAction* m_open;
    QAction* m_save;
    QAction* m_saveAs;
    QAction* m_undo;
    QAction* m_redo;
    QMenu* m_recentMenu;
    QMenu* m_presetsMenu;
    QAction* m_strict;
    QString m_lastError;
    QString m_lastWarning;
    CheckpointLoader m_checkpointLoader;
    bool m_interactive = true;
    QMessageBox::StandardButton m_quietAnswer = QMessageBox::Discard;
};
