#include "core/validation_split.h"

#include <algorithm>
#include <numeric>
#include <random>

#include "core/dataset.h"

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

TrainValidationSplit splitTrainValidationStratified(const TrainingSpec& training, const std::uint8_t* labels,
                                                    std::size_t trainCount) {
    std::vector<std::vector<std::uint32_t>> byClass(256);
    for (std::size_t i = 0; i < trainCount; ++i) byClass[labels[i]].push_back(std::uint32_t(i));
    std::mt19937_64 rng(training.seed ^ 0x5eedull);
    TrainValidationSplit s;
    for (std::vector<std::uint32_t>& members : byClass) {
        if (members.empty()) continue;
        std::shuffle(members.begin(), members.end(), rng);
        std::size_t nVal = std::size_t(double(training.validationSplit) * double(members.size()) + 0.5);
        nVal = std::min(nVal, members.size() - 1);
        s.validation.insert(s.validation.end(), members.begin(), members.begin() + std::ptrdiff_t(nVal));
        s.train.insert(s.train.end(), members.begin() + std::ptrdiff_t(nVal), members.end());
    }
    std::shuffle(s.train.begin(), s.train.end(), rng);
    if (training.trainSamples > 0 && std::size_t(training.trainSamples) < s.train.size())
        s.train.resize(std::size_t(training.trainSamples));
    std::sort(s.validation.begin(), s.validation.end());
    return s;
}

TrainValidationSplit splitTrainValidation(const TrainingSpec& training, const Dataset& data) {
    if (data.stratified)
        return splitTrainValidationStratified(training, data.trainLabels.data(), data.trainCount());
    return splitTrainValidation(training, data.trainCount());
}

void shuffleForEpoch(std::vector<std::uint32_t>& order, std::uint64_t seed, int epoch) {
    std::mt19937_64 rng(seed * 7919ull + std::uint64_t(epoch));
    std::shuffle(order.begin(), order.end(), rng);
}

}  // namespace layerlab
