#pragma once
// Image folders made in a test from MNIST digits (the bundled subset), in several sizes and file formats, so
// that what an import gives back can be compared with the IDX files the digits came from.
#include <cstdint>
#include <string>
#include <vector>

#include "core/dataset.h"

namespace layerlab::test {

struct DigitFolderOptions {
    int trainPerClass = 0;  // 0: every training image
    int testPerClass = 0;   // 0: every test image
    bool trainTestFolders =
        true;  // train/<digit>/ and test/<digit>/; false: <digit>/ with the training images
    // Each image in one of four forms by its index i: i % 4 == 0: 28x28 grey PNG; 1: 56x56 grey PNG (each
    // pixel doubled); 2: 84x84 RGB JPEG (quality 95); 3: 28x28 RGB BMP. false: all 28x28 grey PNG.
    bool mixedFormats = true;
};

// The path of image i of class `digit` as written ("train/3/00017.png"), for a dataset of the options.
std::string digitFilePath(int digit, std::size_t i, bool test, const DigitFolderOptions& options);

// Writes `source`'s digits (28x28 grey) as an image folder under dir (created). Returns the number of files.
std::size_t writeDigitFolder(const std::string& dir, const Dataset& source,
                             const DigitFolderOptions& options = {});

// A w x h image of `channels` (1 or 3) filled with `value` per channel, as file bytes.
std::vector<std::uint8_t> solidImage(int w, int h, std::vector<std::uint8_t> colour,
                                     const char* format = "png");

}  // namespace layerlab::test
