#include "widgets/evaluate/evaluation_session.h"

#include <QMetaObject>
#include <exception>

#include "core/inference_model.h"

EvaluationSession::EvaluationSession(QObject* parent) : QObject(parent) {
    m_pool.setMaxThreadCount(1);  // the evaluation itself runs on all cores in the model's arena
    m_noWeightsReason = tr("No trained weights yet: train the model (F5) or load a checkpoint.");
}

EvaluationSession::~EvaluationSession() {
    if (m_cancel) m_cancel->store(true);
    m_pool.waitForDone();
}

void EvaluationSession::newGeneration() {
    ++m_generation;
    if (m_cancel) m_cancel->store(true);
    m_hasQueued = false;
}

void EvaluationSession::setDataset(std::shared_ptr<const layerlab::Dataset> data) {
    if (data == m_data) return;
    m_data = std::move(data);
    newGeneration();
    for (Entry& e : m_entries) e.results[0] = e.results[1] = nullptr;
    emit entriesChanged();
}

void EvaluationSession::clearWeights(const QString& reason) {
    newGeneration();
    m_entries.clear();
    m_live = false;
    m_noWeightsReason = reason;
    emit entriesChanged();
}

void EvaluationSession::setWeights(const layerlab::ModelSpec& spec, std::vector<float> params,
                                   const QString& label, const layerlab::Quantization& quantization) {
    newGeneration();
    m_spec = spec;
    m_live = false;
    m_entries.clear();
    Entry e;
    e.label = label;
    e.params = std::make_shared<const std::vector<float>>(std::move(params));
    if (!quantization.empty()) e.quantization = std::make_shared<const layerlab::Quantization>(quantization);
    m_entries.push_back(std::move(e));
    emit entriesChanged();
}

void EvaluationSession::beginRun(const layerlab::ModelSpec& spec, bool continued) {
    const bool keep = continued && !m_entries.empty() && spec.input == m_spec.input &&
                      spec.layers == m_spec.layers && spec.classes == m_spec.classes;
    if (!keep) {
        newGeneration();
        m_entries.clear();
    }
    m_spec = spec;
    m_live = true;
    m_noWeightsReason = tr("The run has not finished its first epoch yet: the matrix appears after it.");
    emit entriesChanged();
}

void EvaluationSession::addEpoch(int epoch, std::vector<float> params) {
    Entry e;
    e.epoch = epoch;
    e.params = std::make_shared<const std::vector<float>>(std::move(params));
    m_entries.push_back(std::move(e));
    emit entriesChanged();
}

void EvaluationSession::finishRun(std::vector<float> params, const QString& label, bool sameAsLastEpoch) {
    m_live = false;
    if (params.empty()) {
        emit entriesChanged();
        return;
    }
    if (sameAsLastEpoch && !m_entries.empty()) {
        // The exact weights at the end of the last epoch (the epoch entry was taken a moment after it):
        // its results are recomputed.
        Entry& last = m_entries.back();
        if (m_running && m_runningJob.entry == int(m_entries.size()) - 1) newGeneration();
        last.params = std::make_shared<const std::vector<float>>(std::move(params));
        last.results[0] = last.results[1] = nullptr;
    } else {
        Entry e;
        e.label = label;
        e.epoch = m_entries.empty() ? 0 : m_entries.back().epoch;
        e.params = std::make_shared<const std::vector<float>>(std::move(params));
        m_entries.push_back(std::move(e));
    }
    emit entriesChanged();
}

QString EvaluationSession::entryLabel(int entry) const {
    if (entry < 0 || entry >= entryCount()) return {};
    const Entry& e = m_entries[entry];
    if (!e.label.isEmpty()) return e.label;
    return m_live ? tr("epoch %1 of the running training").arg(e.epoch)
                  : tr("epoch %1 of the last run").arg(e.epoch);
}

int EvaluationSession::entryEpoch(int entry) const {
    return entry >= 0 && entry < entryCount() ? m_entries[entry].epoch : 0;
}

std::shared_ptr<const std::vector<float>> EvaluationSession::params(int entry) const {
    return entry >= 0 && entry < entryCount() ? m_entries[entry].params : nullptr;
}

std::shared_ptr<const layerlab::Quantization> EvaluationSession::quantization(int entry) const {
    return entry >= 0 && entry < entryCount() ? m_entries[entry].quantization : nullptr;
}

layerlab::ImageSet EvaluationSession::imageSet(EvaluationSet set) const {
    if (!m_data) return {};
    return set == EvaluationSet::Test ? layerlab::testSet(*m_data)
                                      : layerlab::validationSet(*m_data, m_spec.training);
}

QString EvaluationSession::problem(EvaluationSet set) const {
    if (!m_data)
        return tr(
            "No dataset loaded: the Evaluate tab needs the test images. Choose one in the "
            "Training settings or use File > Open Data Folder.");
    if (m_entries.empty()) return m_noWeightsReason;
    const layerlab::Shape& in = m_spec.input;
    if (in.size() != (long long)m_data->imageSize())
        return tr("These weights are for a model with %1 inputs, but %2 has %3x%4 images: load the dataset "
                  "the model was trained on, or a checkpoint made for %3x%4 images.")
            .arg(QString::fromStdString(in.toString()), QString::fromStdString(m_data->name))
            .arg(m_data->rows)
            .arg(m_data->cols);
    if (set == EvaluationSet::Validation && imageSet(set).count == 0)
        return tr(
            "This run holds out no validation images (validation split 0): look at the test set, or "
            "set a validation split in the Training settings and train again.");
    return {};
}

std::shared_ptr<const EvaluationResult> EvaluationSession::result(int entry, EvaluationSet set) const {
    if (entry < 0 || entry >= entryCount()) return nullptr;
    return m_entries[entry].results[int(set)];
}

void EvaluationSession::request(int entry, EvaluationSet set) {
    if (entry < 0 || entry >= entryCount() || result(entry, set)) return;
    if (!problem(set).isEmpty()) return;
    const Job job{m_generation, entry, set};
    if (m_running) {
        if (m_runningJob.generation == job.generation && m_runningJob.entry == entry &&
            m_runningJob.set == set)
            return;
        m_queued = job;
        m_hasQueued = true;
        return;
    }
    startJob(job);
}

void EvaluationSession::startJob(const Job& job) {
    m_running = true;
    m_runningJob = job;
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    auto cancel = m_cancel;
    auto data = m_data;
    auto spec = m_spec;
    auto params = m_entries[job.entry].params;
    auto quantization = m_entries[job.entry].quantization;
    const layerlab::ImageSet images = imageSet(job.set);
    emit busyChanged(true);
    m_pool.start([this, job, cancel, data, spec, params, quantization, images] {
        auto result = std::make_shared<EvaluationResult>();
        QString error;
        try {
            layerlab::InferenceModel model(spec, *params);
            if (quantization) model.setQuantization(*quantization);
            if (const std::string why = model.checkData(*data); !why.empty())
                error = QString::fromStdString(why);
            else
                result->predictions = model.evaluate(images, cancel.get());
            if (error.isEmpty() && !result->predictions.cancelled)
                result->summary = layerlab::summarize(result->predictions);
        } catch (const std::exception& e) {
            error = QString::fromStdString(e.what());
        }
        result->set = job.set;
        // Delivered on the GUI thread; the destructor joins this task before the object goes.
        QMetaObject::invokeMethod(
            this, [this, job, result, error] { onJobDone(job, result, error); }, Qt::QueuedConnection);
    });
}

void EvaluationSession::onJobDone(Job job, std::shared_ptr<EvaluationResult> done, QString error) {
    m_running = false;
    const bool current = job.generation == m_generation && job.entry < entryCount();
    if (current && error.isEmpty() && !done->predictions.cancelled) {
        m_entries[job.entry].results[int(job.set)] = done;
        emit ready(job.entry, job.set);
    } else if (current && !error.isEmpty()) {
        emit failed(error);
    }
    if (m_hasQueued) {
        m_hasQueued = false;
        const Job next = m_queued;
        if (next.generation == m_generation && !result(next.entry, next.set)) {
            startJob(next);
            return;
        }
    }
    emit busyChanged(false);
}

void EvaluationSession::waitForIdle() {
    m_pool.waitForDone();
}
