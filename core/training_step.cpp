#include "core/training_step.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/augment.h"
#include "core/errors.h"
#include "core/freezing.h"
#include "core/input_scaling.h"
#include "core/network.h"
#include "core/optimizer.h"
#include "core/parallel.h"

namespace layerlab {

TrainingStep::TrainingStep(Network& net, const TrainingSpec& training, int maxBatch)
    : m_net(net),
      m_training(training),
      m_opt(makeOptimizer(training.optimizer, maskRanges(net.trainableMask()))),
      m_labels(std::size_t(std::max(1, maxBatch)), 0),
      m_dLoss(std::size_t(std::max(1, maxBatch)) * std::size_t(net.outputSize()), 0.0f),
      m_lastGood(net.params().size(), 0.0f),
      m_explodeLimit(std::numeric_limits<double>::infinity()) {
    if (!net.params().empty() && net.trainableCount() == 0) throw SpecError(nothingToTrainMessage());
}

TrainingStep::~TrainingStep() = default;

namespace {
// The data set index of sample s of the batch at `start`.
std::size_t batchIndex(const BatchSource& src, std::size_t start, int s) {
    return src.indices ? (*src.indices)[start + s] : start + s;
}

// Samples [begin, end) of a batch, image(s) each, to inputs at dst + s x size. A shuffled batch's images lie
// scattered over the data set (47 MB for MNIST), mostly outside the caches: the next images' memory is
// asked for while this one is converted (the fill of 128 MNIST images on one thread: about 55 -> 20 us).
template <class ImageOf>
void convertImages(const ImageOf& image, int begin, int end, std::size_t size, float* dst) {
    constexpr int kAhead = 4;
    for (int s = begin; s < std::min(end, begin + kAhead); ++s) prefetchImage(image(s), size);
    for (int s = begin; s < end; ++s) {
        if (s + kAhead < end) prefetchImage(image(s + kAhead), size);
        pixelsToInputs(image(s), dst + std::size_t(s) * size, size);
    }
}
}  // namespace

void TrainingStep::fill(const BatchSource& src, std::size_t start, int n) {
    fillBatch(src, start, n, false);
}

void TrainingStep::fillBatch(const BatchSource& src, std::size_t start, int n, bool forTraining) {
    const auto image = [&](int s) { return src.images + batchIndex(src, start, s) * src.imageSize; };
    fillLabels(src, start, n);
    if (const int copies = forTraining ? m_net.inputCopies(n) : 1; copies > 1) {
        // A step split by units: each part converts the whole batch into its own copy, on its own core.
        parallelFor(copies, [&](int p) { convertImages(image, 0, n, src.imageSize, m_net.inputCopy(p)); });
        m_net.markInputCopiesFilled();
        return;
    }
    float* dst = m_net.inputBuffer();
    // Chunks of the batch on the threads (an MLP's step is short, so a serial fill costs its 2-thread
    // speed-up); each sample's inputs do not depend on the split.
    const int chunks = std::min(n, currentConcurrency());
    parallelFor(chunks, [&](int c) {
        const ChunkRange r = chunkRange(n, chunks, c);
        convertImages(image, r.begin, r.end, src.imageSize, dst);
    });
}

void TrainingStep::fillLabels(const BatchSource& src, std::size_t start, int n) {
    for (int s = 0; s < n; ++s) m_labels[s] = src.labels[batchIndex(src, start, s)];
}

void TrainingStep::fillTraining(const BatchSource& src, std::size_t start, int n, int epoch) {
    const AugmentationSpec& a = m_training.augmentation;
    if (!augmentationOn(a)) {
        fillBatch(src, start, n, true);
        return;
    }
    const Shape shape = src.imageShape.size() == (long long)src.imageSize
                            ? src.imageShape
                            : Shape::chw(1, 1, int(src.imageSize));
    float* dst = m_net.inputBuffer();
    const int chunks = std::min(n, 4 * currentConcurrency());
    parallelFor(chunks, [&](int c) {
        const ChunkRange r = chunkRange(n, chunks, c);
        for (int s = r.begin; s < r.end; ++s) {
            const std::size_t i = batchIndex(src, start, s);
            const AugmentDraw d = drawAugment(a, augmentSeed(m_training.seed, epoch, start + std::size_t(s)));
            augmentToInputs(src.images + i * src.imageSize, shape, d, dst + std::size_t(s) * src.imageSize);
        }
    });
    fillLabels(src, start, n);
}

TrainingStep::Result TrainingStep::run(int n, float rate, std::mutex* paramsLock) {
    const ParallelTeam team;  // the step's loops in one region, unless the caller's team holds them
    const int k = int(m_net.outputSize());
    m_net.setStepSeed(seedOfStep(m_steps));
    const float* out = m_net.forward(m_net.inputBuffer(), n, true);
    Result r;
    r.loss = computeLossParallel(m_training.loss, m_net.logitsOutput(), out, m_labels.data(), n, k,
                                 m_dLoss.data());
    if (!std::isfinite(r.loss.loss)) {
        r.outcome = Outcome::NotFinite;
        return r;
    }
    if (r.loss.loss > m_explodeLimit) {
        r.outcome = Outcome::Exploded;
        return r;
    }
    if (m_steps == 0) {
        const double chance =
            m_training.loss == LossType::CrossEntropy ? std::log(double(std::max(2, k))) : 1.0;
        m_explodeLimit = kExplodeFactor * std::max(r.loss.loss, chance);
    }
    auto params = m_net.params();
    parallelRanges((long long)params.size(), 16384, [&](long long lo, long long hi) {
        std::copy(params.begin() + lo, params.begin() + hi, m_lastGood.begin() + lo);
    });
    m_net.backward(m_dLoss.data(), n);
    applyL2(params, m_net.grads(), m_net.weightMask(), m_training.l2);
    m_opt->setLearningRate(rate);
    {
        std::unique_lock lock = paramsLock ? std::unique_lock(*paramsLock) : std::unique_lock<std::mutex>();
        m_opt->step(params, m_net.grads());
        if (!m_keep.empty())
            for (std::size_t i = 0; i < m_keep.size(); ++i)
                if (!m_keep[i]) params[i] = 0.0f;
        m_net.updateRunningStatistics(m_steps);  // BatchNorm's running mean and variance (in params)
    }
    ++m_steps;
    return r;
}

void TrainingStep::restoreLastGood(std::mutex* paramsLock) {
    if (m_steps == 0) return;  // nothing moved yet: the weights are the starting ones
    std::unique_lock lock = paramsLock ? std::unique_lock(*paramsLock) : std::unique_lock<std::mutex>();
    std::copy(m_lastGood.begin(), m_lastGood.end(), m_net.params().begin());
}

LossResult TrainingStep::evaluate(int n) {
    const float* out = m_net.infer(m_net.inputBuffer(), n);
    return computeLoss(m_training.loss, m_net.logitsOutput(), out, m_labels.data(), n,
                       int(m_net.outputSize()), nullptr);
}

}  // namespace layerlab
