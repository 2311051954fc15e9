#include "widgets/session/compression_runner.h"

#include <QMetaObject>
#include <exception>

CompressionRunner::CompressionRunner(QObject* parent) : QObject(parent) {
    m_pool.setMaxThreadCount(1);  // the sweep's own work runs on all cores in its models' arenas
}

CompressionRunner::~CompressionRunner() {
    if (m_cancel) m_cancel->store(true);
    m_pool.waitForDone();
}

bool CompressionRunner::start(const layerlab::ModelSpec& spec, std::vector<float> params,
                              std::shared_ptr<const layerlab::Dataset> data,
                              const layerlab::CompressionPlan& plan) {
    if (m_running) return false;
    m_running = true;
    const quint64 generation = ++m_generation;
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    auto cancel = m_cancel;
    m_pool.start([this, generation, cancel, spec, params = std::move(params), data, plan] {
        auto sweep = std::make_shared<layerlab::CompressionSweep>();
        QString error;
        try {
            if (!data) throw std::runtime_error("no dataset is loaded");
            const auto report = [this, generation](int step, int steps, const std::string& what) {
                const QString text = QString::fromStdString(what);
                QMetaObject::invokeMethod(
                    this,
                    [this, generation, step, steps, text] {
                        if (generation == m_generation && m_running) emit progress(step, steps, text);
                    },
                    Qt::QueuedConnection);
            };
            *sweep = layerlab::runCompressionSweep(spec, params, *data, plan, report, cancel.get());
        } catch (const std::exception& e) {
            error = QString::fromStdString(e.what());
        }
        // Delivered on the GUI thread; the destructor joins this task before the object goes.
        QMetaObject::invokeMethod(
            this, [this, generation, sweep, error] { onDone(generation, sweep, error); },
            Qt::QueuedConnection);
    });
    return true;
}

void CompressionRunner::cancel() {
    if (m_cancel) m_cancel->store(true);
}

void CompressionRunner::waitForDone() {
    m_pool.waitForDone();
}

void CompressionRunner::onDone(quint64 generation, std::shared_ptr<const layerlab::CompressionSweep> sweep,
                               QString error) {
    if (generation != m_generation) return;
    m_running = false;
    if (!error.isEmpty())
        emit failed(error);
    else if (sweep->cancelled)
        emit cancelled();
    else
        emit finished(std::move(sweep));
}
