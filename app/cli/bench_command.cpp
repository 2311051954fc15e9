// layerlab-cli bench: training and inference throughput of a model.
#include "app/cli/commands.h"

#include <cstdio>
#include <iostream>
#include <string>

#include "app/cli/cli_common.h"
#include "app/cli/cli_text.h"
#include "core/bench.h"
#include "core/shape_inference.h"

namespace layerlab::cli {

namespace {

QString benchHelp() {
    return Cli::tr(
        R"(usage: layerlab-cli bench --model SPEC.json [--data DIR] [--batch N] [--threads N] [--scaling] [--json]

Measures training and inference throughput in samples/s on real images at that batch size: a warm-up,
then the median of 5 one-second repeats. A training step is the trainer's own step (pixels to inputs,
forward, loss and its checks, backward, L2, optimizer step); inference is its evaluation pass. --model may
also be a checkpoint (its model is measured). It also measures this machine's GEMM peak on the same
threads (a 1024^3 product on the engine's own kernel, for a quarter second after each training repeat,
the best of them) and reports the training GFLOP/s (shape inference's FLOPs per sample x samples/s) as a
fraction of it, and which kernel path ran (LAYERLAB_ISA=avx2 in the environment forces the portable AVX2
path on an AVX-512 CPU).
  --batch N     batch size (default: the model file's)
  --threads N   worker threads (default: all cores)
  --repeats N   repeats (default 5)
  --scaling     then how training speeds up from 1 thread to --threads, measured fairly on a machine whose
                speed drifts: 1 and N threads trained in turn, half a second each, 2 x repeats times; the
                median of the pairs' ratios, their quartiles, and this machine's GEMM peak measured the same
                way
  --json        print {"train_samples_per_second": ..., "infer_samples_per_second": ..., "batch": ...,
                "threads": ..., "isa": "avx512", "train_gflops": ..., "gemm_peak_gflops": ...,
                "peak_fraction": ...}; with --scaling also "scaling_threads", "scaling_ratio",
                "scaling_ratio_low", "scaling_ratio_high" (quartiles), "scaling_one_thread_samples_per_second",
                "scaling_samples_per_second" and "scaling_gemm_peak_ratio"
  --strict      refuse a model file with keys LayerLab does not use (default: warn)
)");
}

}  // namespace

int cmdBench(int argc, char** argv) {
    const Args a = parseArgs(argc, argv, 2, {"--model", "--data", "--batch", "--threads", "--repeats"},
                             {"--strict", "--scaling"});
    if (a.help) {
        std::cout << str(benchHelp());
        return 0;
    }
    const ModelInput input = loadModelInput(a);
    ModelSpec spec = input.spec;
    validateModel(spec);
    const int batch = settingOption(a, "--batch", "batch_size", spec.training.batchSize);
    const int threads = settingOption(a, "--threads", "threads", 0);
    const int repeats = int(intOption(a, "--repeats", 1, 100, 5));
    const Dataset data = loadData(a, spec, input.path);
    const BenchResult r = benchmark(spec, data, batch, threads, repeats);
    const bool scaling = a.flags.count("--scaling") > 0;
    if (scaling && r.threads < 2)
        throw UsageError(
            str(Cli::tr("--scaling compares 1 thread with more, but this run has 1 thread: use "
                        "--threads 2 or more, on a machine with several cores")));
    const ScalingResult sc =
        scaling ? threadScaling(spec, data, batch, threads, 2 * repeats) : ScalingResult{};
    if (a.json) {
        std::printf(
            "{\"train_samples_per_second\": %.1f, \"infer_samples_per_second\": %.1f, \"batch\": %d, "
            "\"threads\": %d, \"isa\": \"%s\", \"train_gflops\": %.2f, \"gemm_peak_gflops\": %.2f, "
            "\"peak_fraction\": %.3f",
            r.trainSamplesPerSecond, r.inferSamplesPerSecond, r.batch, r.threads, r.isa, r.trainGflops(),
            r.gemmPeakGflops, r.peakFraction());
        if (scaling)
            std::printf(
                ", \"scaling_threads\": %d, \"scaling_ratio\": %.3f, \"scaling_ratio_low\": %.3f, "
                "\"scaling_ratio_high\": %.3f, \"scaling_one_thread_samples_per_second\": %.1f, "
                "\"scaling_samples_per_second\": %.1f, \"scaling_gemm_peak_ratio\": %.3f",
                sc.threads, sc.ratio, sc.ratioLow, sc.ratioHigh, sc.oneThreadSamplesPerSecond,
                sc.samplesPerSecond, sc.gemmPeakRatio);
        std::printf("}\n");
    } else {
        std::printf("%s\n", fmt(r.threads == 1 ? Cli::tr("%1, batch %2, %3 thread, %4")
                                               : Cli::tr("%1, batch %2, %3 threads, %4"),
                                spec.name, r.batch, r.threads, data.name)
                                .c_str());
        std::printf("%s\n", fmt(Cli::tr("train: %1 samples/s\ninfer: %2 samples/s"),
                                fixed(r.trainSamplesPerSecond, 0), fixed(r.inferSamplesPerSecond, 0))
                                .c_str());
        std::printf(
            "%s\n",
            fmt(Cli::tr("kernels: %1; training %2 GFLOP/s, %3% of this machine's GEMM peak (%4 GFLOP/s)"),
                r.isa, fixed(r.trainGflops(), 1), fixed(100 * r.peakFraction(), 0),
                fixed(r.gemmPeakGflops, 1))
                .c_str());
        if (scaling)
            std::printf("%s\n",
                        fmt(Cli::tr("1 -> %1 threads, trained in turn: training %2x (quartiles %3-%4x; "
                                    "%5 -> %6 samples/s); this machine's GEMM peak %7x"),
                            sc.threads, fixed(sc.ratio, 2), fixed(sc.ratioLow, 2), fixed(sc.ratioHigh, 2),
                            fixed(sc.oneThreadSamplesPerSecond, 0), fixed(sc.samplesPerSecond, 0),
                            fixed(sc.gemmPeakRatio, 2))
                            .c_str());
    }
    return 0;
}

}  // namespace layerlab::cli
