#pragma once
// Running a lesson card (core/lesson_card.h): its runs trained one after another with core/trainer, each
// measured (the metrics of lessonMetrics(), core/lesson_check.h), then every choice's check evaluated on
// the measurements. The choice whose check holds is what happened; the learner's answer is right when it is
// that choice. When no check holds, or more than one does, the runs did not settle the question and the
// verdict says so (the test of the bundled cards requires exactly the documented answer to hold).
//
// The studio trains a card's runs through its TrainingController (so they are recorded and drawn like any
// run) and measures each with LessonBatchTally and measureLessonRun; runLesson does all of it headless.
#include <atomic>
#include <functional>
#include <string>
#include <vector>

#include "core/dataset.h"
#include "core/lesson_card.h"
#include "core/trainer.h"

namespace layerlab {

// What the batches of a run tell: the first batch's loss (before any step: the forward pass of a fresh
// network), the last batch's loss, and how many batches were trained.
struct LessonBatchTally {
    double firstLoss;
    double lastLoss;
    long long steps = 0;
    LessonBatchTally();
    void add(const BatchMetrics& b);
};

struct LessonRunMetrics {
    std::string runId;
    TrainResult result;
    LessonBatchTally batches;
    double saliencyOnInk;  // NaN unless a check reads it
    double parameters;     // the model's parameter count
    double weightNorm;     // sqrt(sum w^2) over the final weights (biases excluded)
    // The run's "compress" (NaN without one): the compressed model's test accuracy, its agreement with the
    // float32 model on the test set, and both sizes as stored, in bytes (core/compression.h).
    double compressedAccuracy, agreement, compressedBytes, floatBytes;
    std::string compressedName;  // "int8", "sparsity 50%", ...; empty without one
    LessonRunMetrics();
    // The value of a metric of lessonMetrics() (NaN when the run has none, e.g. no finished epoch).
    double metric(const std::string& name) const;
};

// Whether any check of the card reads `metric` (of any run).
bool lessonReadsMetric(const LessonCard& card, const std::string& metric);

// The metrics of one finished run: from its result and batches, when the card's checks read it the
// saliency of the final weights on the dataset's first test images, and with the run's "compress" the
// compressed model measured on the test set (core/compression_sweep.h, no fine-tuning).
LessonRunMetrics measureLessonRun(const LessonCard& card, int run, const TrainResult& result,
                                  const LessonBatchTally& batches, const std::vector<float>& finalParams,
                                  const Dataset& data);

// saliency_on_ink: of the summed |d score / d pixel| over the first `images` test images (each for the class
// the model predicts), the share on pixels with ink (value > 0). NaN without test images.
double saliencyOnInk(const ModelSpec& spec, const std::vector<float>& params, const Dataset& data,
                     int images = 20);

struct LessonVerdict {
    std::vector<double> values;  // per choice: its check's value (1/0 for a condition)
    std::vector<bool> holds;     // per choice
    int happened = -1;           // index of the one choice whose check held; -1 when none or several did
    bool settled() const { return happened >= 0; }
    // Whether the learner's choice (an index) is what happened.
    bool right(int chosen) const { return settled() && chosen == happened; }
};
LessonVerdict judgeLesson(const LessonCard& card, const std::vector<LessonRunMetrics>& runs);

// The measurements a check read, for the verdict's "what was measured" line: "A.final_train_loss = 0.31".
std::vector<std::string> lessonEvidence(const LessonCard& card, const std::vector<LessonRunMetrics>& runs);

struct LessonOutcome {
    std::vector<LessonRunMetrics> runs;
    LessonVerdict verdict;
    std::string error;  // a run that could not start (e.g. the data does not fit the model); nothing judged
};

// Trains every run of the card on `data`, in order, on the caller's thread, and judges. `onRunFinished` (may
// be empty) hears each run's result. `stop`, when set by another thread, stops the current run and skips
// the rest (the outcome then has an error saying so). Never throws.
LessonOutcome runLesson(const LessonCard& card, const Dataset& data,
                        const std::function<void(int run, const LessonRunMetrics&)>& onRunFinished = {},
                        const std::atomic<bool>* stop = nullptr);

}  // namespace layerlab
