// layerlab-cli predict: classifies image files with a trained model after MNIST's preprocessing.
#include "app/cli/commands.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/cli/cli_common.h"
#include "app/cli/cli_text.h"
#include "core/digit_preprocess.h"
#include "core/errors.h"
#include "core/image_import.h"
#include "core/image_io.h"
#include "core/inference_model.h"
#include "core/model_data.h"
#include "core/shape_inference.h"

namespace layerlab::cli {

namespace {

QString predictHelp() {
    return Cli::tr(R"(usage: layerlab-cli predict --model CHECKPOINT [options] IMAGE...

Classifies image files (PNG, JPEG, BMP, GIF, TGA, PNM; any size; colour is read as grey) with a saved
checkpoint. Each image goes through MNIST's own preprocessing first: dark ink on light paper or light ink on
dark (told from the image's border) becomes light on black, cropped to the ink, its longer side scaled to
20 px with area averaging, pasted into 28x28 and shifted so its centre of mass is at the centre. (For a
Fashion-MNIST model: scaled to 28 px and centred by its box, as Fashion-MNIST was made.)
A model trained on an image folder ("dataset": "image_folder") gets each file as its training images were
imported instead (the model's size, grey or RGB, fit and invert settings), and its classes are named after
the folder's class folders when the folder is still there; the ink options do not apply.
Prints one line per file: the class, its probability and the probabilities of all classes. An image that
cannot be read, or holds no ink, gets one error line naming the file; the others are still classified, and
the exit code is then 2.
  --json               one JSON object per line: {"file", "class", "probabilities"}
  --ink auto|dark|light  dark: dark ink on light paper; light: light ink on dark (default auto)
  --no-crop            do not crop to the ink (the whole image is scaled)
  --no-scale           do not scale (the image's pixels are used as they are)
  --no-center          centre the ink's box instead of its centre of mass
  --show               print the image the network is given, as text (on standard error with --json)
  --threads N          worker threads (0 = all cores)
  --strict             refuse a checkpoint whose model has keys LayerLab does not use (default: warn)
)");
}

// "0.981" with 3 decimals, for the probability lists.
std::string prob3(float v) {
    return fixed(v, 3);
}

}  // namespace

int cmdPredict(int argc, char** argv) {
    const Args a = parseArgs(argc, argv, 2, {"--model", "--ink", "--threads"},
                             {"--no-crop", "--no-scale", "--no-center", "--show", "--strict"}, true);
    if (a.help) {
        std::cout << str(predictHelp());
        return 0;
    }
    const ModelInput trained = loadTrainedModel(a);
    const std::string& modelPath = trained.path;
    const ImageGeometry g = imageGeometryOf(trained.spec.input);
    const bool folderModel = trained.spec.training.dataset == DatasetKind::ImageFolder;
    if (!folderModel && (g.channels != 1 || g.height < 2))
        throw UsageError(
            fmt(Cli::tr("%1: the model takes %2 inputs, but predict prepares one grey image (1 x "
                        "height x width) as in MNIST: use a model for grey images"),
                modelPath, trained.spec.input.toString()));
    if (a.positional.empty())
        throw UsageError(fmt(
            Cli::tr(
                "give one or more image files to classify, e.g. layerlab-cli predict --model %1 digit.png"),
            modelPath));
    DigitPreprocessOptions opt =
        DigitPreprocessOptions::forInput(trained.spec.training.dataset, g.width, g.height);
    opt.crop = !a.flags.count("--no-crop");
    opt.scale = !a.flags.count("--no-scale");
    opt.centerOfMass = !a.flags.count("--no-center");
    if (auto it = a.values.find("--ink"); it != a.values.end()) {
        if (it->second == "auto")
            opt.polarity = InkPolarity::Auto;
        else if (it->second == "dark")
            opt.polarity = InkPolarity::DarkOnLight;
        else if (it->second == "light")
            opt.polarity = InkPolarity::LightOnDark;
        else
            throw UsageError(
                fmt(Cli::tr("--ink: must be auto, dark (dark ink on light paper) or light, got '%1'"),
                    it->second));
    }
    const int threads = settingOption(a, "--threads", "threads", 0);
    InferenceModel model(trained.spec, trained.params, threads);
    model.setQuantization(trained.quantization);  // an int8 checkpoint runs quantized
    const int k = model.classes();
    // An image-folder model: its own import, and the names of its classes from the folder when it is there.
    const ImageImportSpec& import = trained.spec.training.imageImport;
    std::vector<std::string> names;
    if (folderModel) {
        if ((long long)importedImageSize(import) != trained.spec.input.size())
            throw UsageError(fmt(
                Cli::tr("%1: the model takes %2 inputs but its import settings make %3x%4x%5 "
                        "images: fix training.image_import or the input"),
                modelPath, trained.spec.input.toString(), import.channels(), import.height, import.width));
        try {
            names = scanImageFolder(resolveDataFolder(trained.spec.training, modelPath)).classNames;
        } catch (const DataError& e) {
            std::cerr << fmt(Cli::tr("note: the classes are numbered: %1"), coreText(e.what())) << "\n";
        }
    }
    int failed = 0;
    for (const std::string& file : a.positional) {
        DigitPreprocessResult r;
        try {
            if (folderModel) {
                r.image.width = import.width;
                r.image.height = import.height;
                r.image.pixels.resize(importedImageSize(import));
                importImageFile(file, import,
                                r.image.pixels.data());  // channel-major; --show prints the first
            } else {
                r = preprocessDigit(loadImage(file).image, opt);
            }
        } catch (const ImageError& e) {
            std::fflush(stdout);
            std::cerr << fmt(Cli::tr("error: %1"), coreText(e.what())) << "\n";
            ++failed;
            continue;
        }
        if (!r.ok()) {
            std::fflush(stdout);
            std::cerr << fmt(Cli::tr("error: %1: %2"), file,
                             r.empty ? str(Cli::tr("no ink found (the image is blank, or all one shade): "
                                                   "nothing to classify"))
                                     : coreText(r.error))
                      << "\n";
            ++failed;
            continue;
        }
        const std::vector<float> prob = model.classify(r.image.pixels.data(), 1);
        const int cls = int(std::max_element(prob.begin(), prob.end()) - prob.begin());
        if (a.flags.count("--show")) {
            std::FILE* to = a.json ? stderr : stdout;
            static const char ramp[] = " .:-=+*#%@";
            for (int y = 0; y < r.image.height; ++y) {
                std::string row;
                for (int x = 0; x < r.image.width; ++x) row += ramp[r.image.at(x, y) * 9 / 255];
                std::fprintf(to, "|%s|\n", row.c_str());
            }
        }
        if (a.json) {
            nlohmann::ordered_json j;
            j["file"] = file;
            j["class"] = cls;
            j["probabilities"] = nlohmann::ordered_json::array();
            for (float v : prob) j["probabilities"].push_back(std::round(double(v) * 1e6) / 1e6);
            std::printf("%s\n",
                        j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace).c_str());
        } else {
            std::string all;
            for (int c = 0; c < k; ++c) {
                if (c) all += ' ';
                all += prob3(prob[c]);
            }
            const std::string label = std::size_t(cls) < names.size()
                                          ? names[std::size_t(cls)]
                                          : classLabel(trained.spec.training.dataset, cls);
            std::printf("%s\n", fmt(Cli::tr("%1: %2  (%3%)  probabilities %4"), file, label,
                                    fixed(100 * prob[cls], 1), all)
                                    .c_str());
        }
        std::fflush(stdout);
    }
    return failed ? kUsageError : 0;
}

}  // namespace layerlab::cli
