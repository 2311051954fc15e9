#pragma once
// The dataset side of a studio session: which dataset the model asks for, whether it is loaded, loading or
// failed (and why), and where it comes from. Wraps DatasetLoader (which loads off the GUI thread) and keeps
// the state the window and the Start action read: a request is made once per dataset kind and folder, a
// failure is remembered until the request changes, and only the newest request's result counts.
// QtCore only: no widgets, no document.
#include <QObject>
#include <QString>
#include <memory>

#include "core/dataset.h"
#include "core/model_spec.h"

class DatasetLoader;

class DatasetSession : public QObject {
    Q_OBJECT
public:
    explicit DatasetSession(QObject* parent = nullptr);

    // A data folder (--data) used instead of the usual lookup (empty = the lookup). The next request()
    // loads from it even when the same kind is loaded already.
    void setFolder(const QString& dir);
    QString folder() const { return m_folder; }

    // Loads `kind` unless it is loaded, or loading, already (from the same place).
    void request(layerlab::DatasetKind kind);

    bool isLoading() const;
    // The requested dataset is loaded (no newer request pending).
    bool isReady() const;
    // The requested dataset, or null while it is not ready.
    std::shared_ptr<const layerlab::Dataset> dataset() const;
    // The last dataset loaded, even when a newer request is still loading (for views that show it).
    std::shared_ptr<const layerlab::Dataset> lastLoaded() const;
    layerlab::DatasetKind requestedKind() const { return m_wanted; }
    // Why the last request failed (empty when it did not).
    QString error() const { return m_error; }
    // A fallback that was taken (full MNIST missing: the bundled subset), empty otherwise.
    QString note() const;
    // "MNIST: 60,000 training / 10,000 test images", or "No dataset loaded" after a failure.
    QString statusText() const;

signals:
    void loadingStarted(const QString& what);
    void loaded(std::shared_ptr<const layerlab::Dataset> dataset);
    void failed(const QString& message);

private:
    void onLoaded(std::shared_ptr<const layerlab::Dataset> dataset);
    void onFailed(const QString& message);

    DatasetLoader* m_loader;
    QString m_folder;
    bool m_requested = false;
    layerlab::DatasetKind m_wanted = layerlab::DatasetKind::MNIST;
    QString m_error;
};
