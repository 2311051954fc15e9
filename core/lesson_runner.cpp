#include "core/lesson_runner.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include "core/compression_sweep.h"
#include "core/explain.h"
#include "core/inference_model.h"
#include "core/input_scaling.h"
#include "core/network.h"

namespace layerlab {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Collects the batches of a run, and stops it when asked.
class TallyObserver : public TrainerObserver {
public:
    TallyObserver(Trainer& trainer, const std::atomic<bool>* stop) : m_trainer(trainer), m_stop(stop) {}
    void onBatchEnd(const BatchMetrics& b) override {
        tally.add(b);
        if (m_stop && m_stop->load()) m_trainer.stop();
    }
    LessonBatchTally tally;

private:
    Trainer& m_trainer;
    const std::atomic<bool>* m_stop;
};
}  // namespace

LessonBatchTally::LessonBatchTally() : firstLoss(kNaN), lastLoss(kNaN) {}

void LessonBatchTally::add(const BatchMetrics& b) {
    if (steps == 0) firstLoss = b.loss;
    lastLoss = b.loss;
    ++steps;
}

LessonRunMetrics::LessonRunMetrics()
    : saliencyOnInk(kNaN),
      parameters(kNaN),
      weightNorm(kNaN),
      compressedAccuracy(kNaN),
      agreement(kNaN),
      compressedBytes(kNaN),
      floatBytes(kNaN) {}

double LessonRunMetrics::metric(const std::string& name) const {
    const TrainResult& r = result;
    const EpochMetrics* last = r.epochs.empty() ? nullptr : &r.epochs.back();
    if (name == "diverged") return r.diverged ? 1 : 0;
    if (name == "stopped_early") return r.stoppedEarly ? 1 : 0;
    if (name == "epochs") return double(r.epochs.size());
    if (name == "steps") return double(batches.steps);
    if (name == "initial_loss") return batches.firstLoss;
    if (name == "last_batch_loss") return batches.lastLoss;
    if (name == "first_train_loss") return r.epochs.empty() ? kNaN : r.epochs.front().trainLoss;
    if (name == "final_train_loss") return last ? last->trainLoss : kNaN;
    if (name == "final_train_accuracy") return last ? last->trainAccuracy : kNaN;
    if (name == "final_val_loss") return last ? last->valLoss : kNaN;
    if (name == "final_val_accuracy") return last ? last->valAccuracy : kNaN;
    if (name == "gap") return last ? last->trainAccuracy - last->valAccuracy : kNaN;
    if (name == "best_val_loss" || name == "best_val_loss_epoch") {
        double best = kNaN;
        int epoch = 0;
        for (const EpochMetrics& e : r.epochs)
            if (!std::isnan(e.valLoss) && (std::isnan(best) || e.valLoss < best)) {
                best = e.valLoss;
                epoch = e.epoch;
            }
        if (name == "best_val_loss") return best;
        return epoch > 0 ? double(epoch) : kNaN;
    }
    if (name == "best_val_accuracy") {
        double best = kNaN;
        for (const EpochMetrics& e : r.epochs)
            if (!std::isnan(e.valAccuracy) && (std::isnan(best) || e.valAccuracy > best))
                best = e.valAccuracy;
        return best;
    }
    if (name == "test_loss") return r.testLoss;
    if (name == "test_accuracy") return r.testAccuracy;
    if (name == "seconds") return r.totalSeconds;
    if (name == "saliency_on_ink") return saliencyOnInk;
    if (name == "parameters") return parameters;
    if (name == "weight_norm") return weightNorm;
    if (name == "compressed_test_accuracy") return compressedAccuracy;
    if (name == "agreement") return agreement;
    if (name == "compressed_kb") return compressedBytes / 1000;
    if (name == "float_kb") return floatBytes / 1000;
    return kNaN;
}

bool lessonReadsMetric(const LessonCard& card, const std::string& metric) {
    for (const LessonChoice& c : card.choices)
        for (const std::string& ref : c.check.references())
            if (ref.size() > metric.size() &&
                ref.compare(ref.size() - metric.size(), metric.size(), metric) == 0 &&
                ref[ref.size() - metric.size() - 1] == '.')
                return true;
    return false;
}

double saliencyOnInk(const ModelSpec& spec, const std::vector<float>& params, const Dataset& data,
                     int images) {
    const std::size_t n = std::min<std::size_t>(std::size_t(std::max(images, 0)), data.testCount());
    if (n == 0 || params.empty()) return kNaN;
    InferenceModel model(spec, params, 1);
    if (!model.checkData(data).empty()) return kNaN;
    const std::size_t size = data.imageSize();
    std::vector<float> input(size);
    double onInk = 0, total = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const std::uint8_t* pixels = data.testImages.data() + i * size;
        pixelsToInputs(pixels, input.data(), size);
        const Explanation e = saliency(model, input);
        if (!e.ok() || e.values.size() != size) return kNaN;
        for (std::size_t p = 0; p < size; ++p) {
            const double v = std::fabs(e.values[p]);
            total += v;
            if (pixels[p] > 0) onInk += v;
        }
    }
    return total > 0 ? onInk / total : kNaN;
}

LessonRunMetrics measureLessonRun(const LessonCard& card, int run, const TrainResult& result,
                                  const LessonBatchTally& batches, const std::vector<float>& finalParams,
                                  const Dataset& data) {
    LessonRunMetrics m;
    m.runId = card.runs[std::size_t(run)].id;
    m.result = result;
    m.batches = batches;
    const ModelSpec& spec = card.runs[std::size_t(run)].spec;
    try {
        const Network net(spec);
        m.parameters = double(net.params().size());
        if (finalParams.size() == net.params().size()) {
            double sum = 0;
            for (std::size_t i = 0; i < finalParams.size(); ++i)
                if (net.weightMask()[i]) sum += double(finalParams[i]) * finalParams[i];
            m.weightNorm = std::sqrt(sum);
        }
    } catch (const std::exception&) {
    }
    if (lessonReadsMetric(card, "saliency_on_ink") && !result.failed) {
        try {
            m.saliencyOnInk = saliencyOnInk(spec, finalParams, data);
        } catch (const std::exception&) {
            m.saliencyOnInk = kNaN;
        }
    }
    const LessonCompression& c = card.runs[std::size_t(run)].compress;
    if (c.any() && !result.failed && data.testCount() > 0) {
        CompressionPlan plan;
        plan.int8 = c.int8;
        if (c.sparsity > 0) plan.sparsities = {c.sparsity};
        plan.quantizePruned = true;
        plan.threads = spec.training.threads;
        try {
            const CompressionSweep sweep = runCompressionSweep(spec, finalParams, data, plan);
            if (sweep.variants.size() >= 2) {
                const CompressionVariant& f = sweep.variants.front();
                const CompressionVariant& v = sweep.variants.back();
                m.floatBytes = double(f.bytes);
                m.compressedBytes = double(v.bytes);
                m.compressedAccuracy = v.accuracy;
                m.agreement = v.agreement;
                m.compressedName = v.name;
            }
        } catch (const std::exception&) {
        }
    }
    return m;
}

namespace {
CheckExpression::Lookup lookupIn(const std::vector<LessonRunMetrics>& runs) {
    return [&runs](const std::string& run, const std::string& metric) {
        for (const LessonRunMetrics& r : runs)
            if (r.runId == run) return r.metric(metric);
        return kNaN;
    };
}
}  // namespace

LessonVerdict judgeLesson(const LessonCard& card, const std::vector<LessonRunMetrics>& runs) {
    LessonVerdict v;
    const auto lookup = lookupIn(runs);
    int held = 0;
    for (std::size_t i = 0; i < card.choices.size(); ++i) {
        const double value = card.choices[i].check.evaluate(lookup);
        const bool holds = value != 0 && !std::isnan(value);
        v.values.push_back(value);
        v.holds.push_back(holds);
        if (holds) {
            ++held;
            v.happened = int(i);
        }
    }
    if (held != 1) v.happened = -1;
    return v;
}

std::vector<std::string> lessonEvidence(const LessonCard& card, const std::vector<LessonRunMetrics>& runs) {
    std::vector<std::string> refs, out;
    for (const LessonChoice& c : card.choices)
        for (const std::string& r : c.check.references())
            if (std::find(refs.begin(), refs.end(), r) == refs.end()) refs.push_back(r);
    const auto lookup = lookupIn(runs);
    for (const std::string& r : refs) {
        const auto dot = r.find('.');
        const double v = lookup(r.substr(0, dot), r.substr(dot + 1));
        char buf[64];
        if (std::isnan(v))
            std::snprintf(buf, sizeof buf, "none");
        else
            std::snprintf(buf, sizeof buf, "%.4g", v);
        out.push_back(r + " = " + buf);
    }
    return out;
}

LessonOutcome runLesson(const LessonCard& card, const Dataset& data,
                        const std::function<void(int run, const LessonRunMetrics&)>& onRunFinished,
                        const std::atomic<bool>* stop) {
    LessonOutcome out;
    if (card.data.imageFolder() && card.data.folder.empty()) {
        out.error =
            "this card trains on the learner's own images: choose a folder of them (one subfolder "
            "per class) first";
        return out;
    }
    std::vector<std::vector<float>> finals(card.runs.size());  // each run's final weights, for start_from
    for (std::size_t i = 0; i < card.runs.size(); ++i) {
        if (stop && stop->load()) {
            out.error = "stopped before run " + card.runs[i].id;
            return out;
        }
        try {
            Trainer trainer(card.runs[i].spec, data);
            if (const int from = card.runs[i].startFrom; from >= 0)
                trainer.setInitialParams(lessonStartParams(card, int(i), finals[std::size_t(from)]));
            TallyObserver observer(trainer, stop);
            trainer.setObserver(&observer);
            const TrainResult result = trainer.run();
            if (result.failed) {
                out.error = "run " + card.runs[i].id + ": " + result.message;
                return out;
            }
            if (result.stoppedByUser) {
                out.error = "stopped during run " + card.runs[i].id;
                return out;
            }
            finals[i] = trainer.currentParams();
            out.runs.push_back(measureLessonRun(card, int(i), result, observer.tally, finals[i], data));
        } catch (const std::exception& e) {
            out.error = "run " + card.runs[i].id + ": " + e.what();
            return out;
        }
        if (onRunFinished) onRunFinished(int(i), out.runs.back());
    }
    out.verdict = judgeLesson(card, out.runs);
    return out;
}

}  // namespace layerlab
