#pragma once
// One descriptor per training setting (loss, optimizer and its hyperparameters, L2, batch size, epochs,
// validation split, seed, threads, dataset, an image folder and its import settings, early stopping,
// learning-rate schedule): JSON key and object, label, tooltip, kind, limits, default, and which option
// uses it (the Choice options list the fields they switch on). The model-file reader and writer,
// validateTraining, the studio's Training tab and undo labels, and the CLI's option checks and help all read
// this table: a new optimizer field is one row here (and the option that uses it) plus its kernel in
// core/optimizer.cpp.
#include <string>
#include <vector>

#include "core/model_spec.h"
#include "core/spec_field.h"

namespace layerlab {

using TrainingField = Field<TrainingSpec>;

// The Training tab's boxes, in order (FieldUi::group holds one of these).
// ImageImport (how an image folder's files become inputs) has its own dialog, not a box in the tab.
enum class SettingsGroup { Data, Optimizer, Schedule, Run, EarlyStopping, Augmentation, ImageImport };
struct SettingsGroupInfo {
    SettingsGroup group;
    const char* title;
    bool inTrainingTab = true;
};
const std::vector<SettingsGroupInfo>& settingsGroups();

// The JSON objects inside "training", "" (training itself) first; each with an example for error messages.
struct TrainingObject {
    const char* name;
    const char* example;
};
const std::vector<TrainingObject>& trainingObjects();

const std::vector<const TrainingField*>& trainingFields();    // in file order
const TrainingField* trainingField(const std::string& path);  // "optimizer.learning_rate", or nullptr
// Whether the settings use f (momentum only with sgd, factor only with the step and plateau schedules).
bool trainingFieldActive(const TrainingSpec& t, const TrainingField& f);

}  // namespace layerlab
