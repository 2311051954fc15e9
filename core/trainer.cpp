#include "core/trainer.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <numeric>
#include <sstream>
#include <thread>

#include "core/dataset_identity.h"
#include "core/errors.h"
#include "core/lr_schedule.h"
#include "core/memory_estimate.h"
#include "core/network.h"
#include "core/parallel.h"
#include "core/training_step.h"
#include "core/validation_split.h"

namespace layerlab {

namespace {
using Clock = std::chrono::steady_clock;
double secondsSince(Clock::time_point t) {
    return std::chrono::duration<double>(Clock::now() - t).count();
}

std::string fmt(double v, int prec = 4) {
    std::ostringstream o;
    o.precision(prec);
    o << v;
    return o.str();
}
}  // namespace

struct Trainer::Impl {
    Impl(const ModelSpec& spec, int threads) : arena(threads), net(spec), probe(spec) {}
    ThreadArena arena;
    Network net;
    Network probe;  // batch-of-1 copy for snapshots, so the training buffers are never disturbed
    std::unique_ptr<Network> inspect;  // for stepOnce's inspection (built at the first step)
    std::unique_ptr<TrainingStep> step;
    std::vector<float> best;
    int batch = 1;
};

Trainer::Trainer(const ModelSpec& spec, const Dataset& data) : m_spec(spec), m_data(data) {
    validateTraining(spec.training);
    validateModel(spec);
    const Shape& in = spec.input;
    if (in.size() != (long long)data.imageSize() || in.c() != data.channels)
        throw DataError("the model expects " + in.toString() + " inputs but " + data.name + " has " +
                        imageKindText(data) + ": set the input to " + data.imageShape().toString());
    if (data.classes > spec.classes)
        throw DataError(data.name + " has " + std::to_string(data.classes) +
                        " classes but the model outputs " + std::to_string(spec.classes) +
                        ": make the last Dense layer " + std::to_string(data.classes) + " units");
    if (data.trainCount() < 2) throw DataError(data.name + " has no training images");

    m_threads = effectiveThreads(spec.training.threads);  // never more than the cores
    const int batch = std::min<int>(spec.training.batchSize, int(data.trainCount()));
    checkTrainingMemory(spec, batch, m_threads);  // before any buffer, with the figure the studio shows
    m_impl = std::make_unique<Impl>(spec, m_threads);
    m_impl->batch = batch;
    m_impl->net.checkTrainingBatch(batch);  // BatchNorm with a batch of one
    m_impl->net.setLogitsOutput(spec.training.loss == LossType::CrossEntropy);
    m_impl->net.reserve(batch, m_threads);
    m_impl->net.initParams(spec.training.seed);
    m_impl->probe.reserve(1, 1);
    m_impl->step = std::make_unique<TrainingStep>(m_impl->net, spec.training, batch);

    // Validation split: a seeded permutation; the first part is held out.
    TrainValidationSplit split = splitTrainValidation(spec.training, data);
    m_valIdx = std::move(split.validation);
    m_trainIdx = std::move(split.train);
    if (m_trainIdx.empty()) throw SpecError("training.validation_split leaves no training images: lower it");
}

Trainer::~Trainer() = default;

void Trainer::setPruneMask(std::vector<std::uint8_t> mask) {
    if (!mask.empty() && mask.size() != m_impl->net.params().size())
        throw CheckpointError("the prune mask holds " + std::to_string(mask.size()) +
                              " values but the model has " + std::to_string(m_impl->net.params().size()) +
                              " parameters");
    m_impl->step->setKeepMask(std::move(mask));
}

void Trainer::setInitialParams(const std::vector<float>& params) {
    auto p = m_impl->net.params();
    if (params.size() != p.size())
        throw CheckpointError("the weights hold " + std::to_string(params.size()) +
                              " values but the model needs " + std::to_string(p.size()));
    std::lock_guard lock(m_paramsMutex);
    std::copy(params.begin(), params.end(), p.begin());
}

void Trainer::pause() {
    m_paused = true;
}
void Trainer::resume() {
    m_stepRequests = 0;
    m_paused = false;
}
void Trainer::stop() {
    m_stop = true;
}
void Trainer::stepOnce() {
    if (!m_paused) {  // running: stop at the next batch boundary; the next stepOnce runs one batch
        m_paused = true;
        return;
    }
    ++m_stepRequests;
}
void Trainer::requestSnapshot(int validationIndex) {
    m_snapshotRequest = std::max(0, validationIndex);
}

std::shared_ptr<const Snapshot> Trainer::latestSnapshot() const {
    std::lock_guard lock(m_snapMutex);
    return m_snapshot;
}

std::vector<float> Trainer::currentParams() const {
    std::lock_guard lock(m_paramsMutex);
    auto p = m_impl->net.params();
    return {p.begin(), p.end()};
}

double Trainer::waitWhilePaused() {
    if (!m_paused) return 0;
    const auto t = Clock::now();
    while (m_paused && !m_stop) {
        if (m_stepRequests > 0) {  // stepOnce: this one batch, then pause again
            --m_stepRequests;
            m_stepping = true;
            break;
        }
        publishSnapshotIfRequested(-1, -1, -1);  // keep answering the GUI while paused
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return secondsSince(t);
}

void Trainer::publishSnapshotIfRequested(int epoch, int batch, long long step) {
    const int req = m_snapshotRequest.exchange(-1);
    if (req < 0) return;
    const bool fromVal = !m_valIdx.empty();
    const size_t count = fromVal ? m_valIdx.size() : m_data.testCount();
    if (count == 0) return;
    const size_t idx = fromVal ? m_valIdx[size_t(req) % count] : size_t(req) % count;
    const auto& imgs = fromVal ? m_data.trainImages : m_data.testImages;
    const auto& labs = fromVal ? m_data.trainLabels : m_data.testLabels;
    auto src = m_impl->net.params();
    std::copy(src.begin(), src.end(), m_impl->probe.params().begin());
    auto snap = std::make_shared<Snapshot>(
        takeSnapshot(m_impl->probe, imgs.data() + idx * m_data.imageSize(), labs[idx]));
    std::lock_guard lock(m_snapMutex);
    if (epoch < 0 && m_snapshot) {  // while paused: keep the position of the last one
        snap->epoch = m_snapshot->epoch;
        snap->batch = m_snapshot->batch;
        snap->step = m_snapshot->step;
    } else {
        snap->epoch = std::max(epoch, 0);
        snap->batch = std::max(batch, 0);
        snap->step = std::max(step, 0ll);
    }
    m_snapshot = std::move(snap);
}

void Trainer::inspectStep(const std::vector<std::uint32_t>& order, std::size_t start, int n, int epoch,
                          int batch, float rate) {
    Impl& d = *m_impl;
    if (!d.inspect) {
        d.inspect = std::make_unique<Network>(m_spec);
        d.inspect->setLogitsOutput(d.net.logitsOutput());
        d.inspect->reserve(d.batch, 1);
    }
    const Network& net = d.net;
    int last = net.layerCount() - 1;  // the layer whose output forward returned
    if (net.logitsOutput() && net.layer(last).type() == LayerType::Softmax) --last;
    StepRecord rec;
    rec.before = d.step->paramsBefore();
    rec.after = net.params();
    rec.stepGrads = net.grads();
    rec.stepOutputs = net.activation(last);
    rec.inputs = d.net.inputBuffer();
    rec.labels = d.step->labels();
    rec.samples = n;
    rec.stepSeed = d.step->seedOfStep(d.step->steps() - 1);
    StepInspection s = layerlab::inspectStep(*d.inspect, rec);
    s.step = d.step->steps();
    s.epoch = epoch;
    s.batch = batch;
    s.learningRate = rate;
    s.l2 = m_spec.training.l2;
    s.channels = m_data.channels;
    s.rows = m_data.rows;
    s.cols = m_data.cols;
    const std::size_t size = m_data.imageSize();
    s.pixels.resize(size * n);
    for (std::size_t i = 0; i < s.pixels.size(); ++i)  // inputs are pixel / 255 (core/input_scaling.h)
        s.pixels[i] = std::uint8_t(std::lround(std::clamp(rec.inputs[i], 0.0f, 1.0f) * 255.0f));
    s.indices.assign(order.begin() + std::ptrdiff_t(start), order.begin() + std::ptrdiff_t(start) + n);
    s.classNames = m_data.classNames;
    if (s.classNames.empty() && m_spec.training.dataset != DatasetKind::ImageFolder) {
        // IDX files name no classes: those of the published set the images are (Fashion-MNIST's clothes
        // also under a model made for MNIST), else of the dataset the model is for. As the studio's views.
        const DatasetIdentity id = identifyDataset(m_data);
        s.classNames = classNames(id.known ? id.kind : m_spec.training.dataset);
    }
    m_observer->onStepInspected(s);
}

std::pair<double, double> Trainer::evaluateIndices(const std::uint8_t* images, const std::uint8_t* labels,
                                                   const std::vector<std::uint32_t>* indices, std::size_t n) {
    Impl& d = *m_impl;
    const BatchSource src{images, labels, indices, m_data.imageSize(), m_data.imageShape()};
    double lossSum = 0;
    long long correct = 0;
    const ParallelTeam team;  // the batches' loops in one region (core/parallel.h)
    for (size_t start = 0; start < n; start += d.batch) {
        const int b = int(std::min<size_t>(d.batch, n - start));
        d.step->fill(src, start, b);
        const LossResult r = d.step->evaluate(b);
        lossSum += r.loss * b;
        correct += r.correct;
    }
    if (n == 0) return {std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::quiet_NaN()};
    return {lossSum / n, double(correct) / n};
}

std::pair<double, double> Trainer::evaluate(const std::uint8_t* images, const std::uint8_t* labels,
                                            std::size_t n) {
    std::pair<double, double> r;
    m_impl->arena.execute([&] { r = evaluateIndices(images, labels, nullptr, n); });
    return r;
}

TrainResult Trainer::run() {
    TrainResult result;
    try {
        m_impl->arena.execute([&] { result = runInArena(); });
    } catch (const std::exception& e) {
        result.failed = true;
        result.message = std::string("Training failed: ") + e.what();
        if (m_observer) m_observer->onFailed(result.message);
        return result;
    }
    if (m_observer) m_observer->onFinished(result);
    return result;
}

TrainResult Trainer::runInArena() {
    Impl& d = *m_impl;
    const TrainingSpec& t = m_spec.training;
    const EarlyStoppingSpec& es = t.earlyStopping;
    const size_t nTrain = m_trainIdx.size();
    const int batchesPerEpoch = int((nTrain + d.batch - 1) / d.batch);
    TrainResult res;
    const auto runStart = Clock::now();
    double pausedTotal = 0;
    std::vector<std::uint32_t> order = m_trainIdx;
    const BatchSource train{m_data.trainImages.data(), m_data.trainLabels.data(), &order, m_data.imageSize(),
                            m_data.imageShape()};
    double bestValue = std::numeric_limits<double>::infinity();  // lower is better (accuracy negated)
    int sinceBest = 0;
    auto params = d.net.params();
    LrScheduler schedule(t, t.epochs, batchesPerEpoch);
    float rate = t.optimizer.learningRate;
    res.batchesPerEpoch = batchesPerEpoch;

    for (int epoch = 1; epoch <= t.epochs && !m_stop; ++epoch) {
        shuffleForEpoch(order, t.seed, epoch);
        const auto epochStart = Clock::now();
        double epochPaused = 0, lossSum = 0;
        long long correct = 0, seen = 0;
        int done = 0;  // batches done in this epoch
        for (int bi = 0; bi < batchesPerEpoch; ++bi) {
            epochPaused += waitWhilePaused();
            if (m_stop) break;
            const size_t start = size_t(bi) * d.batch;
            const int b = int(std::min<size_t>(d.batch, nTrain - start));
            const float batchRate = schedule.rateFor(epoch, bi);
            // The step's hidden activations are written only when layer health (below) or the step's
            // inspection will read them: health reads only the model layers' outputs.
            const int every = m_healthInterval;
            const bool inspected = m_observer && m_stepping;
            const bool measured = inspected || (m_observer && every > 0 && d.step->steps() % every == 0);
            d.net.setKeptTrainingOutputs(inspected  ? Network::KeptOutputs::All
                                         : measured ? Network::KeptOutputs::ModelLayers
                                                    : Network::KeptOutputs::None);
            const TrainingStep::Result sr = [&] {
                const ParallelTeam team;  // the step's loops in one region (core/parallel.h)
                d.step->fillTraining(train, start, b, epoch);
                return d.step->run(b, batchRate, &m_paramsMutex);
            }();
            const LossResult& lr = sr.loss;
            if (sr.outcome != TrainingStep::Outcome::Stepped) {
                d.step->restoreLastGood(&m_paramsMutex);
                res.diverged = true;
                const std::string what =
                    sr.outcome == TrainingStep::Outcome::Exploded
                        ? "exploded to " + fmt(lr.loss) + " (over " + fmt(kExplodeFactor) +
                              " times its starting level " + fmt(d.step->explodeLimit() / kExplodeFactor) +
                              ")"
                        : std::string("became ") + (std::isnan(lr.loss) ? "NaN" : "infinite");
                res.message = "Training diverged at epoch " + std::to_string(epoch) + ", batch " +
                              std::to_string(bi + 1) + ": the loss " + what +
                              ". Lower the learning rate (now " + fmt(t.optimizer.learningRate) + ", try " +
                              fmt(t.optimizer.learningRate / 10) + "); the last good weights were kept.";
                break;
            }
            rate = batchRate;
            done = bi + 1;
            lossSum += lr.loss * b;
            correct += lr.correct;
            seen += b;
            const double secs = std::max(1e-9, secondsSince(epochStart) - epochPaused);
            if (m_observer) {
                BatchMetrics m;
                m.epoch = epoch;
                m.batch = bi + 1;
                m.batchesPerEpoch = batchesPerEpoch;
                m.loss = lr.loss;
                m.accuracy = double(lr.correct) / b;
                m.samplesPerSecond = seen / secs;
                m.learningRate = rate;
                m_observer->onBatchEnd(m);
            }
            const long long steps = d.step->steps();
            // `measured` and `inspected` as decided before the step (m_stepping is set before it, by
            // waitWhilePaused)
            if (measured) {
                HealthSample h = measureHealth(d.net, b, d.step->paramsBefore());
                h.step = steps;
                h.epoch = epoch;
                h.batch = bi + 1;
                h.loss = lr.loss;
                h.learningRate = batchRate;
                m_observer->onHealth(h);
            }
            if (inspected) inspectStep(order, start, b, epoch, bi + 1, batchRate);
            if (m_stepping) {
                m_stepping = false;
                m_paused = true;
            }
            publishSnapshotIfRequested(epoch, bi + 1, d.step->steps());
        }
        pausedTotal += epochPaused;
        if (res.diverged || seen == 0) break;
        if (done < batchesPerEpoch) {  // stopped inside the epoch: no validation or best mark for a part
            res.stopEpoch = epoch;
            res.stopBatch = done;
            break;
        }
        EpochMetrics em;
        em.epoch = epoch;
        em.seconds = secondsSince(epochStart) - epochPaused;
        em.samplesPerSecond = seen / std::max(1e-9, em.seconds);
        em.trainLoss = lossSum / seen;
        em.trainAccuracy = double(correct) / seen;
        em.learningRate = rate;
        std::tie(em.valLoss, em.valAccuracy) =
            evaluateIndices(m_data.trainImages.data(), m_data.trainLabels.data(), &m_valIdx, m_valIdx.size());
        const bool hasVal = !m_valIdx.empty();
        double monitored = es.monitor == Monitor::ValAccuracy ? -(hasVal ? em.valAccuracy : em.trainAccuracy)
                                                              : (hasVal ? em.valLoss : em.trainLoss);
        if (monitored < bestValue - 1e-12) {
            bestValue = monitored;
            sinceBest = 0;
            em.best = true;
            res.bestEpoch = epoch;
            if (es.enabled && es.restoreBest) d.best.assign(params.begin(), params.end());
        } else {
            ++sinceBest;
        }
        schedule.endEpoch(hasVal ? em.valLoss : em.trainLoss, hasVal ? em.valAccuracy : em.trainAccuracy);
        res.epochs.push_back(em);
        if (m_observer) m_observer->onEpochEnd(em);
        if (m_stop) break;  // a stop during the epoch's last batch
        if (es.enabled && sinceBest >= es.patience) {
            res.stoppedEarly = true;
            break;
        }
    }
    res.stoppedByUser = m_stop && !res.diverged;
    if (es.enabled && es.restoreBest && !d.best.empty() && !res.diverged) {
        std::lock_guard lock(m_paramsMutex);
        std::copy(d.best.begin(), d.best.end(), params.begin());
        res.restoredBest = true;
    }
    if (!res.stoppedByUser) {
        std::tie(res.testLoss, res.testAccuracy) =
            evaluateIndices(m_data.testImages.data(), m_data.testLabels.data(), nullptr, m_data.testCount());
    } else {
        res.testLoss = res.testAccuracy = std::numeric_limits<double>::quiet_NaN();
    }
    res.totalSeconds = secondsSince(runStart) - pausedTotal;
    if (res.message.empty()) {
        const int n = int(res.epochs.size());
        if (res.stoppedByUser) {
            if (res.stopBatch > 0)
                res.message = "Stopped by the user in epoch " + std::to_string(res.stopEpoch) + " at batch " +
                              std::to_string(res.stopBatch) + " of " + std::to_string(batchesPerEpoch) +
                              " (no validation of the partial epoch)";
            else if (n == 0)
                res.message = "Stopped by the user before the first batch";
            else
                res.message = "Stopped by the user after epoch " + std::to_string(n);
            if (res.restoredBest)
                res.message += "; restored the weights of epoch " + std::to_string(res.bestEpoch);
            res.message += ".";
        } else if (res.stoppedEarly)
            res.message =
                "Early stopping after epoch " + std::to_string(n) + ": no improvement for " +
                std::to_string(es.patience) + " epochs" +
                (es.restoreBest ? "; restored the weights of epoch " + std::to_string(res.bestEpoch) : "") +
                ".";
        else
            res.message = "Finished " + std::to_string(n) + " epoch" + (n == 1 ? "" : "s") + ".";
    }
    // A final snapshot of the weights the run ends with, labelled with where they come from: the end of the
    // best epoch when restored, the stop position inside an epoch, else the end of the last epoch.
    m_snapshotRequest = std::max(m_snapshotRequest.load(), 0);
    if (res.restoredBest)
        publishSnapshotIfRequested(res.bestEpoch, 0, (long long)res.bestEpoch * batchesPerEpoch);
    else if (res.stopBatch > 0)
        publishSnapshotIfRequested(res.stopEpoch, res.stopBatch, d.step->steps());
    else
        publishSnapshotIfRequested(int(res.epochs.size()), 0, d.step->steps());
    return res;
}

}  // namespace layerlab
