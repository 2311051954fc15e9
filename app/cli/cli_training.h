#pragma once
// What train and sweep share: the progress lines of a training run, and recording it in a runs folder.
#include <cstdio>
#include <memory>
#include <string>

#include "app/cli/cli_common.h"
#include "core/run_record.h"
#include "core/trainer.h"

namespace layerlab::cli {

// One line per epoch on `out`, and a progress bar while `out` is a terminal. With a prefix ("[trial 2/4] ",
// two runs printing at once) every line starts with it and there is no progress bar.
class CliObserver : public TrainerObserver {
public:
    CliObserver(std::FILE* out, int epochs, bool showRate, std::string prefix = {});
    void onBatchEnd(const BatchMetrics& m) override;
    void onEpochEnd(const EpochMetrics& e) override;
    void onFinished(const TrainResult&) override;

private:
    std::FILE* m_out;
    int m_epochs;
    bool m_showRate;
    bool m_tty;
    std::string m_prefix;
};

// The runs folder a command records into: --runs, else the default (defaultRunsDir); "" with --no-record.
std::string runsFolder(const Args& a, const std::string& modelPath);
// Starts recording a run of `spec` before it trains (null with --no-record). A folder given with --runs
// that cannot be written is bad input (exit 2, before training); the default one falls back to the user's
// data folder, with a note.
std::unique_ptr<RunRecorder> startRecording(const Args& a, std::string runsDir, const std::string& modelPath,
                                            const ModelSpec& spec, Trainer& trainer, const Dataset& data,
                                            const std::string& initialWeights, std::FILE* out,
                                            const std::string& sweepId = "", int sweepTrial = -1,
                                            const std::string& name = "");

}  // namespace layerlab::cli
