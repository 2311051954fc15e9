#include "core/sanity_check.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <exception>

#include "core/network.h"
#include "core/parallel.h"
#include "core/training_step.h"

namespace layerlab {

namespace {
std::string num(double v, const char* format = "%.3g") {
    char buf[64];
    std::snprintf(buf, sizeof buf, format, v);
    return buf;
}
}  // namespace

double chanceLoss(LossType loss, int classes) {
    const double k = std::max(2, classes);
    // Cross-entropy of p = 1/K: -ln(1/K). Squared error of p = 1/K against one-hot, averaged over K outputs:
    // ((1 - 1/K)^2 + (K - 1) / K^2) / K = (K - 1) / K^2.
    return loss == LossType::CrossEntropy ? std::log(k) : (k - 1) / (k * k);
}

SanityCheckResult runSanityCheck(const ModelSpec& spec, const Dataset& data,
                                 const std::vector<float>* initialParams, const SanityCheckOptions& options,
                                 const std::atomic<bool>* cancel) {
    SanityCheckResult res;
    try {
        validateTraining(spec.training);
        if (spec.input.size() != (long long)data.imageSize() || spec.input.c() != 1) {
            res.error = "the model expects " + spec.input.toString() + " inputs but " + data.name + " has " +
                        std::to_string(data.rows) + "x" + std::to_string(data.cols) + " images";
            return res;
        }
        const int overfitN =
            int(std::min<std::size_t>(std::size_t(std::max(1, options.overfitImages)), data.trainCount()));
        const int lossN =
            int(std::min<std::size_t>(std::size_t(std::max(1, options.lossImages)), data.trainCount()));
        if (data.trainCount() == 0) {
            res.error = data.name + " has no training images";
            return res;
        }
        const bool ce = spec.training.loss == LossType::CrossEntropy;
        const int batch = std::max(overfitN, std::min(lossN, 100));
        ThreadArena arena(spec.training.threads);
        Network net(spec);
        net.setLogitsOutput(ce);
        net.reserve(batch, arena.threads());
        if (initialParams) {
            if (initialParams->size() != net.params().size()) {
                res.error = "the weights hold " + std::to_string(initialParams->size()) +
                            " values but the model needs " + std::to_string(net.params().size());
                return res;
            }
            std::copy(initialParams->begin(), initialParams->end(), net.params().begin());
        } else {
            net.initParams(spec.training.seed);
        }
        TrainingStep step(net, spec.training, batch);
        const BatchSource src{data.trainImages.data(), data.trainLabels.data(), nullptr, data.imageSize(),
                              Shape::chw(1, data.rows, data.cols)};
        res.expectedLoss = chanceLoss(spec.training.loss, spec.classes);
        const std::string chanceName =
            ce ? "ln(" + std::to_string(spec.classes) + ") = " + num(res.expectedLoss, "%.2f")
               : "(K-1)/K^2 = " + num(res.expectedLoss, "%.3f") + " for K = " + std::to_string(spec.classes);

        arena.execute([&] {
            // 1. The initial loss, in evaluation mode (no dropout), over the first lossN images.
            double sum = 0;
            for (int start = 0; start < lossN; start += batch) {
                const int n = std::min(batch, lossN - start);
                step.fill(src, std::size_t(start), n);
                sum += step.evaluate(n).loss * n;
            }
            res.initialLoss = sum / lossN;
            const double ratio = res.initialLoss / res.expectedLoss;
            res.initialOk = std::isfinite(res.initialLoss) && ratio <= options.initialFactor &&
                            ratio >= 1 / options.initialFactor;
            const std::string figures =
                "The initial loss is " + num(res.initialLoss, "%.3g") +
                "; a model that has learned nothing gives every class the same probability "
                "and scores " +
                chanceName + ".";
            if (res.initialOk)
                res.initialText = figures + " It starts close to that: good.";
            else if (!std::isfinite(res.initialLoss) || ratio > options.initialFactor)
                res.initialText =
                    figures +
                    " It starts far above: the first outputs are large and confidently wrong. Check "
                    "the weight initialisation (weights far too large) and that the last layer is a "
                    "plain Dense layer with the Softmax.";
            else
                res.initialText =
                    figures +
                    " It starts far below, which a model that has seen nothing cannot do honestly: "
                    "check that the loss is computed on the model's outputs and the labels.";

            // 2. Overfit the first overfitN images: train on nothing else, in one batch, without
            // augmentation.
            step.fill(src, 0, overfitN);
            res.overfitStartLoss = step.evaluate(overfitN).loss;
            const double target = options.targetFraction * res.expectedLoss;
            LossResult now{res.overfitStartLoss, 0};
            for (int s = 0; s < options.maxSteps; ++s) {
                if (cancel && cancel->load()) break;
                step.fill(src, 0, overfitN);
                const TrainingStep::Result r = step.run(overfitN, spec.training.optimizer.learningRate);
                if (r.outcome != TrainingStep::Outcome::Stepped) {
                    res.overfitDiverged = true;
                    step.restoreLastGood();
                    break;
                }
                res.overfitSteps = s + 1;
                if ((s + 1) % 5 == 0 || s + 1 == options.maxSteps) {
                    now = step.evaluate(overfitN);
                    if (now.loss < target && now.correct == overfitN) break;
                }
            }
            step.fill(src, 0, overfitN);
            now = step.evaluate(overfitN);
            res.overfitLoss = now.loss;
            res.overfitAccuracy = double(now.correct) / overfitN;
            res.overfitOk = !res.overfitDiverged && std::isfinite(now.loss) && now.loss < target &&
                            now.correct == overfitN;
            const std::string images = std::to_string(overfitN) + " images";
            if (res.overfitOk)
                res.overfitText = "Trained on " + images + " alone, the loss on them fell from " +
                                  num(res.overfitStartLoss) + " to " + num(res.overfitLoss) + " in " +
                                  std::to_string(res.overfitSteps) + " steps: the model can learn.";
            else if (res.overfitDiverged)
                res.overfitText = "Trained on " + images + " alone, the loss blew up after " +
                                  std::to_string(res.overfitSteps) +
                                  (res.overfitSteps == 1 ? " step" : " steps") + " (from " +
                                  num(res.overfitStartLoss) + "): the learning rate (" +
                                  num(spec.training.optimizer.learningRate) +
                                  ") is far too high; divide it by ten and check again.";
            else if (cancel && cancel->load())
                res.overfitText =
                    "The overfit check was cancelled after " + std::to_string(res.overfitSteps) + " steps.";
            else
                res.overfitText =
                    "Trained on " + images + " alone for " + std::to_string(res.overfitSteps) +
                    " steps, the loss on them only went from " + num(res.overfitStartLoss) + " to " +
                    num(res.overfitLoss) + " (" + num(100 * res.overfitAccuracy, "%.0f") +
                    "% right; near zero is below " + num(target, "%.2g") +
                    "). A model that cannot learn 20 images by heart will not learn 60,000: check the "
                    "learning rate (" +
                    num(spec.training.optimizer.learningRate) +
                    ") and the activations (a saturated or dead layer passes no gradient).";
        });
    } catch (const std::exception& e) {
        res.error = e.what();
    }
    return res;
}

}  // namespace layerlab
