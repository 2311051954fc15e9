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

// A permutation seeded by training.seed; its first validationSplit * trainCount images are held out.
TrainValidationSplit splitTrainValidation(const TrainingSpec& training, std::size_t trainCount);

}  // namespace layerlab
