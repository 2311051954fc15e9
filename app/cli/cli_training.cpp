// The progress lines of a training run and its recording, for train and sweep.
#include "app/cli/cli_training.h"

#include <unistd.h>

#include <cstdlib>
#include <utility>

#include "app/cli/cli_text.h"
#include "core/checkpoint.h"

namespace layerlab::cli {

CliObserver::CliObserver(std::FILE* out, int epochs, bool showRate, std::string prefix)
    : m_out(out),
      m_epochs(epochs),
      m_showRate(showRate),
      m_tty(prefix.empty() && isatty(fileno(out))),
      m_prefix(std::move(prefix)) {}

void CliObserver::onBatchEnd(const BatchMetrics& m) {
    if (!m_tty || (m.batch % 5 != 0 && m.batch != m.batchesPerEpoch)) return;
    const int width = 30, done = int(double(m.batch) / m.batchesPerEpoch * width);
    std::string bar(done, '#');
    bar.resize(width, '.');
    std::fprintf(m_out, "\r%s ",
                 fmt(Cli::tr("epoch %1/%2 [%3] %4/%5  loss %6  %7 samples/s"), m.epoch, m_epochs, bar,
                     m.batch, m.batchesPerEpoch, fixed(m.loss, 4), fixed(m.samplesPerSecond, 0))
                     .c_str());
    std::fflush(m_out);
}

void CliObserver::onEpochEnd(const EpochMetrics& e) {
    if (m_tty) std::fprintf(m_out, "\r\033[K");
    std::string rate;
    if (m_showRate) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.3g", e.learningRate);
        rate = "  " + fmt(Cli::tr("lr %1"), buf);
    }
    std::fprintf(
        m_out, "%s%s%s%s\n", m_prefix.c_str(),
        fmt(Cli::tr("epoch %1/%2  train loss %3 acc %4%  val loss %5 acc %6%  %7 s  %8 samples/s"), e.epoch,
            m_epochs, fixed(e.trainLoss, 4), fixed(100 * e.trainAccuracy, 2), fixed(e.valLoss, 4),
            fixed(100 * e.valAccuracy, 2), fixed(e.seconds, 1), fixed(e.samplesPerSecond, 0))
            .c_str(),
        rate.c_str(), e.best ? "  *" : "");
    std::fflush(m_out);
}

void CliObserver::onFinished(const TrainResult&) {
    if (m_tty) std::fprintf(m_out, "\r\033[K");  // a run that ends mid-epoch leaves no progress bar
}

std::string runsFolder(const Args& a, const std::string& modelPath) {
    if (a.flags.count("--no-record")) return {};
    if (auto it = a.values.find("--runs"); it != a.values.end()) {
        if (it->second.empty()) throw UsageError(str(Cli::tr("--runs: give a folder, or --no-record")));
        return it->second;
    }
    return defaultRunsDir(modelPath, userDataFolder());
}

std::unique_ptr<RunRecorder> startRecording(const Args& a, std::string runsDir, const std::string& modelPath,
                                            const ModelSpec& spec, Trainer& trainer, const Dataset& data,
                                            const std::string& initialWeights, std::FILE* out,
                                            const std::string& sweepId, int sweepTrial,
                                            const std::string& name) {
    if (runsDir.empty()) return nullptr;
    RunRecordOptions o;
    o.runsDir = runsDir;
    o.modelFile = isCheckpointFile(modelPath) ? "" : modelPath;
    if (auto it = a.values.find("--name"); it != a.values.end()) o.name = it->second;
    if (!name.empty()) o.name = name;
    o.sweepId = sweepId;
    o.sweepTrial = sweepTrial;
    o.initialWeights = initialWeights;
    setTrainingFacts(o, trainer, data);
    try {
        return std::make_unique<RunRecorder>(spec, o);
    } catch (const RunRecordError& e) {
        const char* env = std::getenv("LAYERLAB_RUNS_DIR");
        if (a.values.count("--runs") || (env && *env))
            throw UsageError(std::string("--runs: ") + coreText(e.what()));
        o.runsDir = userDataFolder() + "/runs";
        std::fprintf(
            out, "%s\n",
            fmt(Cli::tr("note: %1; recording in %2 instead"), coreText(e.what()), o.runsDir).c_str());
        return std::make_unique<RunRecorder>(spec, o);
    }
}

}  // namespace layerlab::cli
