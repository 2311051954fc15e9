#include "core/compression_sweep.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "core/errors.h"
#include "core/evaluation.h"
#include "core/inference_model.h"
#include "core/input_scaling.h"
#include "core/trainer.h"

namespace layerlab {

namespace {

// Stops a fine-tune when the sweep is cancelled.
class CancelWatch : public TrainerObserver {
public:
    CancelWatch(Trainer& t, const std::atomic<bool>* cancel) : m_trainer(t), m_cancel(cancel) {}
    void onBatchEnd(const BatchMetrics&) override {
        if (m_cancel && m_cancel->load()) m_trainer.stop();
    }

private:
    Trainer& m_trainer;
    const std::atomic<bool>* m_cancel;
};

}  // namespace

std::string sparsityText(double fraction) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g%%", std::round(fraction * 1000) / 10);
    return buf;
}

std::string checkCompressionPlan(const CompressionPlan& plan) {
    if (!plan.int8 && plan.sparsities.empty())
        return "nothing to compress: choose int8 quantization or at least one sparsity";
    for (double s : plan.sparsities)
        if (const std::string why = checkSparsity(s); !why.empty()) return why;
    if (plan.fineTuneEpochs < 0 || plan.fineTuneEpochs > 1000)
        return "fine-tune epochs " + std::to_string(plan.fineTuneEpochs) + " is out of range: give 0 to 1000";
    if (plan.calibration < 1)
        return "calibration images " + std::to_string(plan.calibration) + ": give at least 1";
    return "";
}

CompressionSweep runCompressionSweep(const ModelSpec& spec, const std::vector<float>& params,
                                     const Dataset& data, const CompressionPlan& plan,
                                     const CompressionProgress& progress, const std::atomic<bool>* cancel) {
    if (const std::string why = checkCompressionPlan(plan); !why.empty()) throw std::invalid_argument(why);
    CompressionSweep sweep;
    InferenceModel floatModel(spec, params, plan.threads);
    if (const std::string why = floatModel.checkData(data); !why.empty()) throw DataError(why);
    const ImageSet test = testSet(data);
    sweep.testImages = test.count;
    sweep.threads = floatModel.threads();
    sweep.calibration = int(std::min<std::size_t>(std::size_t(plan.calibration), data.trainCount()));
    const auto cancelled = [&] { return cancel && cancel->load(); };

    // Steps: building each variant (a fine-tune counts as one), then testing each.
    const bool int8Row = plan.int8 && (!plan.quantizePruned || plan.sparsities.empty());
    const int variantCount = 1 + int(int8Row) + int(plan.sparsities.size());
    const int steps = 2 * variantCount;
    int step = 0;
    const auto report = [&](const std::string& what) {
        if (progress) progress(step, steps, what);
        ++step;
    };

    std::vector<float> calibInputs;
    const auto quantized = [&](const std::vector<float>& p) {
        if (sweep.calibration < 1)
            throw DataError(data.name + " has no training images to calibrate int8 on");
        if (calibInputs.empty()) {
            calibInputs.resize(std::size_t(sweep.calibration) * data.imageSize());
            pixelsToInputs(data.trainImages.data(), calibInputs.data(), calibInputs.size());
        }
        return quantizeModel(spec, p, calibInputs.data(), sweep.calibration, plan.threads);
    };

    std::vector<CompressionVariant>& variants = sweep.variants;
    report("float32");
    CompressionVariant f;
    f.name = "float32";
    f.params = params;
    variants.push_back(std::move(f));
    if (int8Row) {
        report("quantizing to int8");
        QuantizedModel q = quantized(params);
        CompressionVariant v;
        v.name = "int8";
        v.precision = "int8";
        v.params = std::move(q.params);
        v.quantization = std::move(q.quantization);
        variants.push_back(std::move(v));
    }
    for (double s : plan.sparsities) {
        if (cancelled()) {
            sweep.cancelled = true;
            return sweep;
        }
        CompressionVariant v;
        v.name = "sparsity " + sparsityText(s);
        const bool fineTune = plan.fineTuneEpochs > 0 && s > 0;
        report(fineTune ? "pruning to " + sparsityText(s) + " and fine-tuning"
                        : "pruning to " + sparsityText(s));
        PruneResult pr = pruneByMagnitude(spec, params, s);
        v.sparsity = s;
        v.params = std::move(pr.params);
        if (fineTune) {
            ModelSpec tuned = spec;
            tuned.training.epochs = plan.fineTuneEpochs;
            tuned.training.threads = plan.threads;
            Trainer t(tuned, data);
            CancelWatch watch(t, cancel);
            t.setObserver(&watch);
            t.setInitialParams(v.params);
            t.setPruneMask(std::move(pr.mask));
            const TrainResult r = t.run();
            if (cancelled()) {
                sweep.cancelled = true;
                return sweep;
            }
            if (r.failed || r.diverged) throw std::runtime_error("fine-tuning " + v.name + ": " + r.message);
            v.params = t.currentParams();
            v.fineTuneSeconds = r.totalSeconds;
            v.name += " + " + std::to_string(plan.fineTuneEpochs) + " ep";
        }
        if (plan.int8 && plan.quantizePruned) {
            QuantizedModel q = quantized(v.params);
            v.name += " + int8";
            v.precision = "int8";
            v.params = std::move(q.params);
            v.quantization = std::move(q.quantization);
        }
        variants.push_back(std::move(v));
    }

    // Each variant through the engine on the test set.
    const std::vector<CompressibleLayer> layers = compressibleLayers(spec);
    std::vector<std::uint8_t> floatPredicted;
    for (CompressionVariant& v : variants) {
        report("testing " + v.name);
        InferenceModel model(spec, v.params, plan.threads);
        model.setQuantization(v.quantization);
        const Predictions p = model.evaluate(test, cancel);
        if (p.cancelled || cancelled()) {
            sweep.cancelled = true;
            return sweep;
        }
        const EvaluationSummary s = summarize(p);
        if (floatPredicted.empty()) floatPredicted = p.predicted;
        long long same = 0;
        for (std::size_t i = 0; i < p.count(); ++i) same += p.predicted[i] == floatPredicted[i];
        v.accuracy = s.accuracy;
        v.agreement = p.count() ? double(same) / double(p.count()) : NAN;
        v.imagesPerSecond = p.seconds > 0 ? double(p.count()) / p.seconds : NAN;
        v.bytes = !v.quantization.empty() ? int8Bytes(spec, (long long)v.params.size(), v.quantization)
                  : v.sparsity > 0        ? sparseBytes(spec, v.params)
                                          : float32Bytes((long long)v.params.size());
        for (const CompressibleLayer& c : layers) {
            v.weights += c.weights();
            v.zeros +=
                std::count(v.params.begin() + c.offset, v.params.begin() + c.offset + c.weights(), 0.0f);
        }
    }
    if (progress) progress(steps, steps, "done");
    return sweep;
}

}  // namespace layerlab
