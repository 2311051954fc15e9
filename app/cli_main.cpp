// layerlab-cli: trains, evaluates, classifies image files with and benchmarks LayerLab models without the
// GUI. Each command is in app/cli/; this file prints the overview and dispatches.
#include <QCoreApplication>
#include <iostream>
#include <new>
#include <string>

#include "app/cli/cli_common.h"
#include "app/cli/cli_text.h"
#include "app/cli/commands.h"
#include "core/data_location.h"
#include "core/kernels/gemm.h"
#include "core/model_reference.h"
#include "core/run_record.h"

using namespace layerlab;
using namespace layerlab::cli;

namespace {

QString mainHelp() {
    return Cli::tr(R"(layerlab-cli - train, evaluate, use and benchmark LayerLab models without the studio

usage: layerlab-cli <command> [options]

commands:
  train      train a model file on MNIST (or Fashion-MNIST) and print a line per epoch
  evaluate   test a saved checkpoint: loss, accuracy, confusion matrix, per-class metrics (--report)
  predict    classify image files (PNG, JPEG, BMP) with a saved checkpoint, MNIST-style preprocessing
  bench      measure training and inference throughput (samples/s)
  export     write a trained model for other tools: ONNX (--format onnx), PyTorch (--format pytorch)
  runs       list the recorded runs of a runs folder (every train and sweep run is recorded)
  sweep      train a model once per combination of settings (grid or random search) and rank the runs
  compress   int8 quantization and magnitude pruning of a checkpoint: size, accuracy and speed per variant
  lesson     list the lesson cards, or run one: predict, train its runs, see what happened and why
  help model the model file's reference: every layer type and setting with its limits and default

Run 'layerlab-cli <command> --help' for the options of a command; 'layerlab-cli --version' prints the
version, the GEMM kernels this CPU runs (avx512, or the portable build's avx2; LAYERLAB_ISA=avx2 forces
the portable ones) and the folder the presets, lesson cards and the bundled subset are read from.
Keys a model file has that LayerLab does not use (a typo, a note) are reported on standard error, each with
the closest known key; --strict makes them an error (exit 2).
Data is looked up in this order: --data DIR, $LAYERLAB_MNIST_DIR (or $LAYERLAB_FASHION_DIR), the data folder
(data/mnist, data/fashion-mnist), the Debian package path; without full MNIST the bundled subset is used.
--data DIR takes MNIST's four IDX files or a folder of your own images (PNG, JPEG, BMP; one subfolder per class,
optionally under train/ and test/), told apart by what the folder holds; a model trained on an image folder
("dataset": "image_folder") names its folder and import settings, and finds it without --data. Decoded image
folders are cached in $LAYERLAB_CACHE_DIR (default ~/.cache/layerlab)/image-folders.
Exit codes: 0 success; 1 training diverged (the loss became NaN, infinite or exploded) or failed, or the
checkpoint or report could not be written after training or evaluation; 2 bad input (file, option, model,
image, or an output path that cannot be written), found before training starts.
Output files are written whole (a temp file renamed over the target) through symlinks to their target;
a folder, device, FIFO or socket at the path is refused, and so is a read-only file.
--language en|zh_CN prints the texts meant for people in English or Simplified Chinese (default: the system's
language, from $LANGUAGE, $LC_ALL, $LC_MESSAGES or $LANG); --json output, reports and files stay the same.
)");
}

}  // namespace

int main(int argc, char** argv) {
    // QtCore only, for the translations: no window system, no event loop.
    int qtArgc = 1;
    QCoreApplication app(qtArgc, argv);
    if (const std::string bad = setupLanguage(argc, argv); !bad.empty()) {
        std::cerr << fmt(Cli::tr("error: %1"), bad) << "\n";
        return kUsageError;
    }
    if (argc == 3 && std::string(argv[1]) == "help" && std::string(argv[2]) == "model") {
        std::cout << modelFileReference();
        return 0;
    }
    if (argc < 2 || std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h" ||
        std::string(argv[1]) == "help") {
        std::cout << str(mainHelp());
        return argc < 2 ? kUsageError : 0;
    }
    const std::string cmd = argv[1];
    if (argc == 2 && (cmd == "--version" || cmd == "version")) {
        std::cout << "layerlab-cli " << layerlabVersion() << "\n"
                  << fmt(Cli::tr("kernels: %1\nresources: %2"), isaName(activeIsa()), resourcesDir()) << "\n";
        return 0;
    }
    try {
        if (cmd == "train") return cmdTrain(argc, argv);
        if (cmd == "evaluate") return cmdEvaluate(argc, argv);
        if (cmd == "predict") return cmdPredict(argc, argv);
        if (cmd == "bench") return cmdBench(argc, argv);
        if (cmd == "export") return cmdExport(argc, argv);
        if (cmd == "runs") return cmdRuns(argc, argv);
        if (cmd == "sweep") return cmdSweep(argc, argv);
        if (cmd == "lesson") return cmdLesson(argc, argv);
        if (cmd == "compress") return cmdCompress(argc, argv);
        std::cerr << fmt(Cli::tr("error: unknown command '%1': use train, evaluate, predict, bench, export, "
                                 "runs, sweep, compress or lesson (see --help)"),
                         cmd)
                  << "\n";
        return kUsageError;
    } catch (const std::bad_alloc&) {
        std::cerr << str(Cli::tr("error: out of memory: use a smaller batch size or model")) << "\n";
    } catch (const std::exception& e) {
        std::cerr << fmt(Cli::tr("error: %1"), coreText(e.what())) << "\n";
    }
    return kUsageError;
}
