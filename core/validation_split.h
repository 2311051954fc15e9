#pragma once
// Which training images a run holds out for validation. The Trainer splits with this function, and so can
// anything that needs the same validation set later (the Evaluate tab on a finished run or a checkpoint):
// the split depends only on the training settings and the number of training images.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/model_spec.h"

namespace layerlab {

struct Dataset;

struct TrainValidationSplit {
    std::vector<std::uint32_t> train;       // indices into the training images, in a seeded random order
    std::vector<std::uint32_t> validation;  // indices into the training images, ascending
};

// A permutation seeded by training.seed; its first validationSplit * trainCount images are held out, and
// of the rest the first training.trainSamples are trained on (all of them when it is 0).
TrainValidationSplit splitTrainValidation(const TrainingSpec& training, std::size_t trainCount);
// Stratified: the same share of each class is held out (each class's images in a permutation seeded by
// training.seed, the first round(validationSplit * its count) of them, never all of a class); the training
// images are the rest in a seeded random order, cut to training.trainSamples when that is set. labels[i] is
// the class of training image i.
TrainValidationSplit splitTrainValidationStratified(const TrainingSpec& training, const std::uint8_t* labels,
                                                    std::size_t trainCount);
// The split a run on `data` uses: stratified for datasets that ask for it (image folders), else the plain one
// (MNIST's splits stay what they always were).
TrainValidationSplit splitTrainValidation(const TrainingSpec& training, const Dataset& data);

// The order an epoch draws its training images in: the previous epoch's order (the split's for epoch 1)
// shuffled by the run's seed and the epoch.
void shuffleForEpoch(std::vector<std::uint32_t>& order, std::uint64_t seed, int epoch);

}  // namespace layerlab
