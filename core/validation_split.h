#pragma once
// Which training images a run holds out for validation. The Trainer splits with this function, and so can
// anything that needs the same validation set later (the Evaluate tab on a finished run or a checkpoint):
// the split depends only on the training settings and the number of training images.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/model_spec.h"

namespace layerlab {

struct TrainValidationSplit {
    std::vector<std::uint32_t> train;       // indices into the training images, in a seeded random order
    std::vector<std::uint32_t> validation;  // indices into the training images, ascending
};

// A permutation seeded by training.seed; its first validationSplit * trainCount images are held out, and
// of the rest the first training.trainSamples are trained on (all of them when it is 0).
TrainValidationSplit splitTrainValidation(const TrainingSpec& training, std::size_t trainCount);

// The order an epoch draws its training images in: the previous epoch's order (the split's for epoch 1)
// shuffled by the run's seed and the epoch.
void shuffleForEpoch(std::vector<std::uint32_t>& order, std::uint64_t seed, int epoch);

}  // namespace layerlab
