#include "widgets/session/sanity_check_runner.h"

#include <QThread>

using namespace layerlab;

SanityCheckRunner::SanityCheckRunner(QObject* parent) : QObject(parent) {}

SanityCheckRunner::~SanityCheckRunner() {
    if (m_thread) {
        *m_cancel = true;
        m_thread->wait();
        delete m_thread;
    }
}

bool SanityCheckRunner::run(const ModelSpec& spec, std::shared_ptr<const Dataset> data) {
    if (m_thread || !data) return false;
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    auto cancel = m_cancel;
    m_thread = QThread::create([this, spec, data, cancel] {
        const SanityCheckResult result = runSanityCheck(spec, *data, nullptr, {}, cancel.get());
        // Delivered on this object's (the GUI) thread; dropped if it is gone by then.
        QMetaObject::invokeMethod(
            this, [this, result] { onDone(result); }, Qt::QueuedConnection);
    });
    m_thread->start();
    return true;
}

void SanityCheckRunner::cancel() {
    if (m_cancel) *m_cancel = true;
}

void SanityCheckRunner::onDone(const SanityCheckResult& result) {
    if (m_thread) {
        m_thread->wait();  // the lambda has returned or is returning
        delete m_thread;
        m_thread = nullptr;
    }
    m_result = result;
    emit finished();
}

QString SanityCheckRunner::summary(const SanityCheckResult& r) {
    if (!r.error.empty())
        return tr("The sanity check could not run: %1").arg(QString::fromStdString(r.error));
    const QString ok = QStringLiteral("✔"), warn = QStringLiteral("⚠");
    return QStringLiteral("%1 %2\n%3 %4")
        .arg(r.initialOk ? ok : warn, QString::fromStdString(r.initialText), r.overfitOk ? ok : warn,
             QString::fromStdString(r.overfitText));
}
