// layerlab-cli export: writes a trained model as an ONNX file or a PyTorch project folder.
#include "app/cli/commands.h"

#include <cstdio>
#include <iostream>
#include <string>

#include "app/cli/cli_common.h"
#include "app/cli/cli_text.h"
#include "core/inference_model.h"
#include "core/network.h"
#include "core/onnx_export.h"
#include "core/pytorch_export.h"
#include "core/shape_inference.h"

namespace layerlab::cli {

namespace {

QString exportHelp() {
    return Cli::tr(
        R"(usage: layerlab-cli export --model CHECKPOINT --format onnx --out FILE.onnx [--logits] [--strict]
       layerlab-cli export --model CHECKPOINT --format pytorch --out DIR [--strict]

Writes a trained model for other tools. --model is a checkpoint (its weights), or a model file (the weights
it starts training with, from its seed: an untrained model).
  --format onnx    an ONNX file (opset 13), checked by onnx.checker and run by ONNX Runtime in the tests.
                   Input "image": float32 N x C x H x W (N any) holding raw pixel values 0-255: the graph's
                   first node scales them by 1/255 as LayerLab does, so feed pixels as they are. Output
                   "probabilities": N x classes (softmax). The file's doc_string says so. Opening the file in
                   LayerLab (studio or --model FILE.onnx) gives back the same model and settings.
  --format pytorch a folder (created when missing) for PyTorch, which LayerLab does not need itself:
                     model.py     an nn.Module with the same layers in the same order; it takes raw pixels
                                  0-255 and scales them by 1/255 as LayerLab does; forward() gives the
                                  probabilities, forward(x, output="scores") the logits
                     weights.npz  the weights, one array per state_dict key (model.load_weights reads it)
                     train.py     continues training with the model's optimizer, learning rate, schedule,
                                  L2, batch size, seed and validation split:  python3 train.py --data DIR,
                                  or on many processes / machines:  torchrun --nproc_per_node=N train.py ...
                     layerlab-model.json  the LayerLab model file
                   Each file is written whole; files of an earlier export in DIR are replaced.
  --out FILE|DIR   the file (onnx) or folder (pytorch) to write (written whole: a temp file renamed over it)
  --logits         output "logits" (the scores before softmax) instead of "probabilities"
  --strict         refuse a model with keys LayerLab does not use (default: warn)
)");
}

}  // namespace

int cmdExport(int argc, char** argv) {
    const Args a = parseArgs(argc, argv, 2, {"--model", "--format", "--out"}, {"--logits", "--strict"});
    if (a.help) {
        std::cout << str(exportHelp());
        return 0;
    }
    const std::string modelPath = requireModel(a);
    auto format = a.values.find("--format");
    if (format == a.values.end()) throw UsageError(str(Cli::tr("--format is required: --format onnx")));
    const bool pytorch = format->second == "pytorch";
    if (format->second != "onnx" && !pytorch)
        throw UsageError(fmt(Cli::tr("--format: unknown format '%1': use onnx or pytorch"), format->second));
    if (pytorch && a.flags.count("--logits"))
        throw UsageError(str(
            Cli::tr("--logits is for --format onnx: model.py gives both (forward(x, output=\"scores\"))")));
    auto outIt = a.values.find("--out");
    if (outIt == a.values.end())
        throw UsageError(str(pytorch
                                 ? Cli::tr("--out is required: the folder to write, e.g. --out model-pytorch")
                                 : Cli::tr("--out is required: the file to write, e.g. --out model.onnx")));
    const std::string out = outIt->second;
    if (out == kStdout)
        throw UsageError(str(pytorch
                                 ? Cli::tr("--out: the PyTorch export is a folder of files; give a folder "
                                           "name")
                                 : Cli::tr("--out: an ONNX file is binary and cannot go to standard output "
                                           "(-); give a file name")));
    if (!pytorch) checkOutput(out, "--out");
    ModelInput input = loadModelInput(a);
    if (input.params.empty()) {
        Network net(input.spec);
        net.initParams(input.spec.training.seed);
        input.params.assign(net.params().begin(), net.params().end());
        std::cerr << fmt(Cli::tr("note: %1 is a model file without trained weights: exporting the weights "
                                 "training starts from (seed %2)"),
                         modelPath, input.spec.training.seed)
                  << "\n";
    }
    if (pytorch) {
        if (const std::string err = exportPytorch(out, input.spec, input.params); !err.empty()) {
            std::cerr << fmt(Cli::tr("error: %1"), coreText(err)) << "\n";
            return 1;
        }
        if (!input.quantization.empty())
            std::cerr
                << fmt(Cli::tr("note: %1 is an int8 model: weights.npz holds the float32 values its int8 "
                               "weights stand for, and PyTorch runs them in float32 without rounding each "
                               "layer's input to int8, so its results can differ slightly from layerlab-cli "
                               "evaluate's"),
                       modelPath)
                << "\n";
        const ImageGeometry g = imageGeometryOf(input.spec.input);
        std::printf("%s\n",
                    fmt(Cli::tr("wrote %1/: model.py (input N x %2 x %3 x %4 pixels 0-255, output N x "
                                "%5 probabilities), weights.npz (%6 parameters), train.py, "
                                "layerlab-model.json"),
                        out, g.channels, g.height, g.width, input.spec.classes, input.params.size())
                        .c_str());
        return 0;
    }
    OnnxExportOptions options;
    options.logits = a.flags.count("--logits") > 0;
    options.quantization = input.quantization;  // an int8 model in QDQ form
    if (const std::string err = exportOnnx(out, input.spec, input.params, options); !err.empty()) {
        std::cerr << fmt(Cli::tr("error: cannot write %1: %2"), out, coreText(err)) << "\n";
        return 1;
    }
    const ImageGeometry g = imageGeometryOf(input.spec.input);
    std::printf(
        "%s\n",
        fmt(options.quantization.empty()
                ? Cli::tr("wrote %1: ONNX opset %2, input \"image\" N x %3 x %4 x %5 (pixels 0-255), "
                          "output \"%6\" N x %7")
                : Cli::tr("wrote %1: ONNX opset %2, int8 (QDQ), input \"image\" N x %3 x %4 x %5 (pixels "
                          "0-255), output \"%6\" N x %7"),
            out, kOnnxOpset, g.channels, g.height, g.width, options.logits ? "logits" : "probabilities",
            input.spec.classes)
            .c_str());
    return 0;
}

}  // namespace layerlab::cli
