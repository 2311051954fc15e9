#include "core/validation_split.h"

#include <algorithm>
#include <numeric>
#include <random>

namespace layerlab {

TrainValidationSplit splitTrainValidation(const TrainingSpec& training, std::size_t trainCount) {
    std::vector<std::uint32_t> perm(trainCount);
    std::iota(perm.begin(), perm.end(), 0u);
    std::mt19937_64 rng(training.seed ^ 0x5eedull);
    std::shuffle(perm.begin(), perm.end(), rng);
    const std::size_t nVal = std::size_t(double(training.validationSplit) * double(perm.size()));
    TrainValidationSplit s;
    s.validation.assign(perm.begin(), perm.begin() + nVal);
    s.train.assign(perm.begin() + nVal, perm.end());
    // A smaller training set on purpose (to watch overfitting): the first of the seeded random order.
    if (training.trainSamples > 0 && std::size_t(training.trainSamples) < s.train.size())
        s.train.resize(std::size_t(training.trainSamples));
    std::sort(s.validation.begin(), s.validation.end());
    return s;
}

void shuffleForEpoch(std::vector<std::uint32_t>& order, std::uint64_t seed, int epoch) {
    std::mt19937_64 rng(seed * 7919ull + std::uint64_t(epoch));
    std::shuffle(order.begin(), order.end(), rng);
}

}  // namespace layerlab
