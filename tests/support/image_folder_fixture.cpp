#include "tests/support/image_folder_fixture.h"

#include <filesystem>
#include <string>

#include "core/image_io.h"
#include "tests/support/test_data.h"

namespace fs = std::filesystem;

namespace layerlab::test {

namespace {
const char* extensionFor(std::size_t i, bool mixed) {
    if (!mixed) return ".png";
    switch (i % 4) {
        case 0:
        case 1:
            return ".png";
        case 2:
            return ".jpg";
        default:
            return ".bmp";
    }
}

std::vector<std::uint8_t> encodeDigit(const std::uint8_t* px, std::size_t i, bool mixed) {
    if (!mixed) return encodeImage(px, 28, 28, 1, ImageFormat::PNG);
    switch (i % 4) {
        case 0:
            return encodeImage(px, 28, 28, 1, ImageFormat::PNG);
        case 1: {  // every pixel doubled: 56x56
            std::vector<std::uint8_t> big(56 * 56);
            for (int y = 0; y < 56; ++y)
                for (int x = 0; x < 56; ++x) big[std::size_t(y * 56 + x)] = px[(y / 2) * 28 + x / 2];
            return encodeImage(big.data(), 56, 56, 1, ImageFormat::PNG);
        }
        case 2: {  // tripled, RGB, JPEG
            std::vector<std::uint8_t> big(84 * 84 * 3);
            for (int y = 0; y < 84; ++y)
                for (int x = 0; x < 84; ++x)
                    for (int c = 0; c < 3; ++c)
                        big[std::size_t((y * 84 + x) * 3 + c)] = px[(y / 3) * 28 + x / 3];
            return encodeImage(big.data(), 84, 84, 3, ImageFormat::JPEG, 95);
        }
        default: {
            std::vector<std::uint8_t> rgb(28 * 28 * 3);
            for (int p = 0; p < 28 * 28; ++p)
                for (int c = 0; c < 3; ++c) rgb[std::size_t(p * 3 + c)] = px[p];
            return encodeImage(rgb.data(), 28, 28, 3, ImageFormat::BMP);
        }
    }
}
}  // namespace

std::string digitFilePath(int digit, std::size_t i, bool test, const DigitFolderOptions& o) {
    char name[32];
    std::snprintf(name, sizeof name, "%05zu", i);
    const std::string top = o.trainTestFolders ? (test ? "test/" : "train/") : "";
    return top + std::to_string(digit) + "/" + name + extensionFor(i, o.mixedFormats);
}

std::size_t writeDigitFolder(const std::string& dir, const Dataset& source, const DigitFolderOptions& o) {
    std::size_t written = 0;
    for (int part = 0; part < (o.trainTestFolders ? 2 : 1); ++part) {
        const bool test = part == 1;
        const auto& images = test ? source.testImages : source.trainImages;
        const auto& labels = test ? source.testLabels : source.trainLabels;
        const int limit = test ? o.testPerClass : o.trainPerClass;
        std::vector<int> perClass(10, 0);
        for (std::size_t i = 0; i < labels.size(); ++i) {
            const int digit = labels[i];
            if (limit > 0 && perClass[std::size_t(digit)] >= limit) continue;
            ++perClass[std::size_t(digit)];
            const fs::path path = fs::path(dir) / digitFilePath(digit, i, test, o);
            fs::create_directories(path.parent_path());
            writeBytes(path.string(), encodeDigit(images.data() + i * 784, i, o.mixedFormats));
            ++written;
        }
    }
    return written;
}

std::vector<std::uint8_t> solidImage(int w, int h, std::vector<std::uint8_t> colour, const char* format) {
    const int c = int(colour.size());
    std::vector<std::uint8_t> px(std::size_t(w) * h * c);
    for (std::size_t i = 0; i < px.size(); ++i) px[i] = colour[i % std::size_t(c)];
    const std::string f = format;
    return encodeImage(px.data(), w, h, c,
                       f == "jpg"   ? ImageFormat::JPEG
                       : f == "bmp" ? ImageFormat::BMP
                                    : ImageFormat::PNG);
}

}  // namespace layerlab::test
