#pragma once
// Runs the sanity check before training (core/sanity_check.h: the first loss against ln(classes), and 20
// images learned by heart) on a helper thread and reports back on the GUI thread; the GUI never waits for it.
// Used by Start (when Train > Sanity Check Before Training is on) and by lessons. QtCore only.
#include <QObject>
#include <QString>
#include <atomic>
#include <memory>

#include "core/dataset.h"
#include "core/model_spec.h"
#include "core/sanity_check.h"

class QThread;

class SanityCheckRunner : public QObject {
    Q_OBJECT
public:
    explicit SanityCheckRunner(QObject* parent = nullptr);
    ~SanityCheckRunner() override;  // cancels a check under way and waits for it (a few steps)

    // Checks `spec` on `data`; false (nothing started) while a check is running or without data.
    bool run(const layerlab::ModelSpec& spec, std::shared_ptr<const layerlab::Dataset> data);
    void cancel();  // finished() follows, with cancelled()
    bool isRunning() const { return m_thread != nullptr; }
    bool cancelled() const { return m_cancel && *m_cancel; }
    const layerlab::SanityCheckResult& result() const { return m_result; }

    // Both findings as two lines, each marked ✔ or ⚠; or why the check could not run.
    static QString summary(const layerlab::SanityCheckResult& r);

signals:
    void finished();

private:
    void onDone(const layerlab::SanityCheckResult& result);

    QThread* m_thread = nullptr;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    layerlab::SanityCheckResult m_result;
};
