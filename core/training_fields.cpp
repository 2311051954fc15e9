// The training-settings table: every field of TrainingSpec with its limits, texts and the options that use
// it.
#include "core/training_fields.h"

#include <limits>

#include "core/dataset_kind.h"
#include "core/errors.h"
#include "core/weight_init.h"

namespace layerlab {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr int G(SettingsGroup g) {
    return int(g);
}

std::vector<ChoiceOption> monitorOptions() {
    return {{int(Monitor::ValLoss), "val_loss", "validation loss"},
            {int(Monitor::ValAccuracy), "val_accuracy", "validation accuracy"}};
}

std::vector<ChoiceOption> datasetOptions() {
    std::vector<ChoiceOption> out;
    for (const DatasetInfo& d : datasetKinds()) {
        ChoiceOption o{int(d.kind), d.key, d.label};
        if (d.kind == DatasetKind::ImageFolder)  // the folder and its import settings
            o.uses = {"data_folder", "width", "height", "color", "fit", "invert", "test_split", "split_seed"};
        out.push_back(o);
    }
    return out;
}

std::vector<TrainingField> makeFields() {
    using S = TrainingSpec;
    std::vector<TrainingField> f = {
        {{.key = "loss",
          .label = "Loss",
          .tooltip = "What training minimises. Cross-entropy suits classification (pair it with a Softmax "
                     "output); mean squared error on one-hot targets learns more slowly.",
          .kind = FieldKind::Choice,
          .noun = "loss",
          .choices = {{int(LossType::CrossEntropy), "cross_entropy", "Cross-entropy"},
                      {int(LossType::MeanSquaredError), "mse", "Mean squared error"}},
          .ui = {.group = G(SettingsGroup::Optimizer)}},
         LAYERLAB_FIELD_ACCESS(S, loss)},
        // ---- optimizer: each option lists the hyperparameters its kernel reads ----
        {{.key = "type",
          .object = "optimizer",
          .label = "Optimizer",
          .tooltip = "How each gradient becomes a weight update. Adam adapts the step per weight and works "
                     "with little tuning; SGD with momentum needs a larger learning rate.",
          .kind = FieldKind::Choice,
          .noun = "optimizer",
          .choices = {{int(OptimizerType::Adam), "adam", "Adam", {"beta1", "beta2", "epsilon"}},
                      {int(OptimizerType::SGD), "sgd", "SGD", {"momentum", "nesterov"}},
                      {int(OptimizerType::RMSprop), "rmsprop", "RMSprop", {"rho", "epsilon"}},
                      {int(OptimizerType::Adagrad), "adagrad", "Adagrad", {"epsilon"}}},
          .ui = {.group = G(SettingsGroup::Optimizer)}},
         LAYERLAB_FIELD_ACCESS(S, optimizer.type)},
        {{.key = "learning_rate",
          .object = "optimizer",
          .label = "Learning rate",
          .tooltip = "Size of each update step. Too large and the loss jumps or diverges; too small and it "
                     "falls slowly. Adam: about 0.001; SGD: about 0.01-0.1.",
          .kind = FieldKind::Float,
          .limits = {0, kInf, true},
          .example = "0.001",
          .ui = {.group = G(SettingsGroup::Optimizer), .step = 0, .smallestStep = 1e-6}},
         LAYERLAB_FIELD_ACCESS(S, optimizer.learningRate)},
        {{.key = "momentum",
          .object = "optimizer",
          .label = "Momentum",
          .tooltip = "SGD: share of the previous update carried into the next. Smooths noisy gradients and "
                     "speeds up progress along consistent directions.",
          .kind = FieldKind::Float,
          .limits = {0, 1, false, true},
          .example = "0.9",
          .controller = "type",
          .ui = {.group = G(SettingsGroup::Optimizer), .step = 0.01}},
         LAYERLAB_FIELD_ACCESS(S, optimizer.momentum)},
        {{.key = "nesterov",
          .object = "optimizer",
          .label = "Nesterov",
          .tooltip =
              "SGD: take the gradient after the momentum step (looks ahead); often a little faster and "
              "steadier.",
          .kind = FieldKind::Bool,
          .controller = "type",
          .ui = {.group = G(SettingsGroup::Optimizer)}},
         LAYERLAB_FIELD_ACCESS(S, optimizer.nesterov)},
        {{.key = "beta1",
          .object = "optimizer",
          .label = "β₁",
          .tooltip = "Adam: decay of the running mean of gradients (momentum). Higher = smoother, slower to "
                     "react.",
          .kind = FieldKind::Float,
          .limits = {0, 1, false, true},
          .example = "0.9",
          .controller = "type",
          .ui = {.group = G(SettingsGroup::Optimizer), .step = 0.01}},
         LAYERLAB_FIELD_ACCESS(S, optimizer.beta1)},
        {{.key = "beta2",
          .object = "optimizer",
          .label = "β₂",
          .tooltip = "Adam: decay of the running mean of squared gradients, which scales each weight's step.",
          .kind = FieldKind::Float,
          .limits = {0, 1, false, true},
          .example = "0.999",
          .controller = "type",
          .ui = {.group = G(SettingsGroup::Optimizer), .step = 0.001}},
         LAYERLAB_FIELD_ACCESS(S, optimizer.beta2)},
        {{.key = "rho",
          .object = "optimizer",
          .label = "ρ (decay)",
          .tooltip = "RMSprop: decay of the running mean of squared gradients. Higher = longer memory.",
          .kind = FieldKind::Float,
          .limits = {0, 1, false, true},
          .example = "0.9",
          .controller = "type",
          .ui = {.group = G(SettingsGroup::Optimizer), .step = 0.01}},
         LAYERLAB_FIELD_ACCESS(S, optimizer.rho)},
        {{.key = "epsilon",
          .object = "optimizer",
          .label = "ε",
          .tooltip = "Small number added to the denominator so steps stay finite when gradients are tiny. "
                     "Rarely needs changing.",
          .kind = FieldKind::Float,
          .limits = {0, kInf, true},
          .example = "1e-8",
          .controller = "type",
          .ui = {.group = G(SettingsGroup::Optimizer), .step = 0, .smallestStep = 1e-12}},
         LAYERLAB_FIELD_ACCESS(S, optimizer.epsilon)},
        {{.key = "l2",
          .label = "L2 (λ)",
          .tooltip = "L2 weight decay λ: adds λ/2·Σw² to the loss, pulling weights towards 0. Fights "
                     "overfitting; too large and the model underfits. Try 0.0001.",
          .kind = FieldKind::Float,
          .limits = {0, 1},
          .example = "0.0001",
          .ui = {.group = G(SettingsGroup::Optimizer), .step = 0, .smallestStep = 1e-5}},
         LAYERLAB_FIELD_ACCESS(S, l2)},
        // ---- the run ----
        {{.key = "batch_size",
          .label = "Batch size",
          .tooltip = "Images per update step. Larger batches give smoother gradients and more samples/s but "
                     "fewer steps per epoch; small ones are noisier.",
          .kind = FieldKind::Int,
          .limits = {1, 65536},
          .ui = {.group = G(SettingsGroup::Run), .rank = 1}},
         LAYERLAB_FIELD_ACCESS(S, batchSize)},
        {{.key = "epochs",
          .label = "Epochs",
          .tooltip = "How many passes over the training images. More epochs learn more, until the validation "
                     "curve stops improving (overfitting).",
          .kind = FieldKind::Int,
          .limits = {1, 10000},
          .ui = {.group = G(SettingsGroup::Run), .rank = 0}},
         LAYERLAB_FIELD_ACCESS(S, epochs)},
        {{.key = "validation_split",
          .label = "Validation split",
          .tooltip = "Share of the training images held out to measure validation loss and accuracy after "
                     "each epoch. They are not trained on; early stopping watches them.",
          .kind = FieldKind::Float,
          .limits = {0, 0.9},
          .example = "0.1",
          .ui = {.group = G(SettingsGroup::Data), .rank = 1, .step = 1, .scale = 100, .suffix = " %"}},
         LAYERLAB_FIELD_ACCESS(S, validationSplit)},
        {{.key = "train_samples",
          .label = "Training images",
          .tooltip = "Train on only this many images (after the validation split), picked at random by the "
                     "seed. A small set is learned by heart: the way to watch overfitting happen, and "
                     "Dropout, L2, augmentation and early stopping cure it.",
          .kind = FieldKind::Int,
          .limits = {0, 100000000},
          .omitDefault = true,
          .ui = {.group = G(SettingsGroup::Data), .rank = 2, .step = 100, .zeroText = "all"}},
         LAYERLAB_FIELD_ACCESS(S, trainSamples)},
        {{.key = "seed",
          .label = "Seed",
          .tooltip =
              "Seeds the weight initialisation, shuffling and dropout. The same seed and settings give "
              "the same run.",
          .kind = FieldKind::UInt64,
          .ui = {.group = G(SettingsGroup::Run), .rank = 2}},
         LAYERLAB_FIELD_ACCESS(S, seed)},
        {{.key = "init",
          .label = "Initialisation",
          .tooltip = "How the weights of every Dense and Conv2D layer start, unless the layer sets its own "
                     "(Layer tab). Auto: He normal before ReLU-family activations, Xavier/Glorot normal "
                     "otherwise. Zeros never breaks the symmetry between units: they all stay the same.",
          .kind = FieldKind::Choice,
          .noun = "initialisation",
          .choices = weightInitOptions(false),
          .omitDefault = true,
          .ui = {.group = G(SettingsGroup::Run), .rank = 4}},
         LAYERLAB_FIELD_ACCESS(S, init)},
        {{.key = "init_std",
          .label = "Init std",
          .tooltip = "Standard deviation of the normal distribution the weights start from (initialisation "
                     "\"normal\").",
          .kind = FieldKind::Float,
          .limits = {0, 10, true, false},
          .example = "0.05",
          .controller = "init",
          .ui = {.group = G(SettingsGroup::Run), .rank = 5, .step = 0, .smallestStep = 1e-4}},
         LAYERLAB_FIELD_ACCESS(S, initStd)},
        {{.key = "threads",
          .label = "Threads",
          .tooltip = "CPU threads used for training (0 = all cores). More threads = faster, until there are "
                     "no more cores.",
          .kind = FieldKind::Int,
          .limits = {0, 256},
          .ui = {.group = G(SettingsGroup::Run), .rank = 3, .zeroText = "all cores"}},
         LAYERLAB_FIELD_ACCESS(S, threads)},
        {{.key = "dataset",
          .label = "Dataset",
          .tooltip = "The images the model learns from. The bundled subset is small: fast, but it reaches "
                     "lower test accuracy than full MNIST.",
          .kind = FieldKind::Choice,
          .noun = "dataset",
          .choices = datasetOptions(),
          .ui = {.group = G(SettingsGroup::Data), .rank = 0}},
         LAYERLAB_FIELD_ACCESS(S, dataset)},
        {{.key = "data_folder",
          .label = "Image folder",
          .tooltip = "The folder of your images: one subfolder per class (shapes/circle/*.png, "
                     "shapes/square/*.jpg, ...), optionally under train/ and test/ folders. A relative path "
                     "is relative to the model file's folder.",
          .kind = FieldKind::Text,
          .limits = {0, 4096},
          .controller = "dataset",
          .ui = {.group = G(SettingsGroup::Data), .rank = 0}},
         LAYERLAB_FIELD_ACCESS(S, dataFolder)},
        // ---- how an image folder's files become inputs (the import dialog; used with "image_folder") ----
        {{.key = "width",
          .object = "image_import",
          .label = "Width",
          .tooltip = "Every image is scaled to this many pixels across, the model's input width.",
          .kind = FieldKind::Int,
          .limits = {1, 512},
          .controller = "dataset",
          .ui = {.group = G(SettingsGroup::ImageImport), .rank = 0, .suffix = " px"}},
         LAYERLAB_FIELD_ACCESS(S, imageImport.width)},
        {{.key = "height",
          .object = "image_import",
          .label = "Height",
          .tooltip = "Every image is scaled to this many pixels down, the model's input height.",
          .kind = FieldKind::Int,
          .limits = {1, 512},
          .controller = "dataset",
          .ui = {.group = G(SettingsGroup::ImageImport), .rank = 0, .suffix = " px"}},
         LAYERLAB_FIELD_ACCESS(S, imageImport.height)},
        {{.key = "color",
          .object = "image_import",
          .label = "Colour",
          .tooltip = "Grey: one input channel (colour images are turned into their brightness). RGB: three "
                     "channels, red, green and blue; the model's input takes 3 channels.",
          .kind = FieldKind::Choice,
          .noun = "colour",
          .choices = {{int(ImageColor::Grey), "grey", "Grey (1 channel)"},
                      {int(ImageColor::RGB), "rgb", "RGB (3 channels)"}},
          .controller = "dataset",
          .ui = {.group = G(SettingsGroup::ImageImport), .rank = 1}},
         LAYERLAB_FIELD_ACCESS(S, imageImport.color)},
        {{.key = "fit",
          .object = "image_import",
          .label = "Fit",
          .tooltip =
              "Keep the aspect ratio: the image is scaled to fit and the rest is filled with the colour "
              "of its border, so shapes keep their proportions. Stretch: scaled to fill the whole "
              "frame, a wide image becomes narrower.",
          .kind = FieldKind::Choice,
          .noun = "fit",
          .choices = {{int(ImageFit::Pad), "pad", "Keep aspect ratio (pad)"},
                      {int(ImageFit::Stretch), "stretch", "Stretch"}},
          .controller = "dataset",
          .ui = {.group = G(SettingsGroup::ImageImport), .rank = 1}},
         LAYERLAB_FIELD_ACCESS(S, imageImport.fit)},
        {{.key = "invert",
          .object = "image_import",
          .label = "Invert (dark ink on light paper becomes light on dark, as MNIST)",
          .tooltip = "Turn every pixel value v into 255 - v. MNIST digits are light ink on black; drawings "
                     "and scans are usually dark on white.",
          .kind = FieldKind::Bool,
          .controller = "dataset",
          .ui = {.group = G(SettingsGroup::ImageImport), .rank = 2}},
         LAYERLAB_FIELD_ACCESS(S, imageImport.invert)},
        {{.key = "test_split",
          .object = "image_import",
          .label = "Test split",
          .tooltip = "Without a test/ folder, this share of each class's images is held out as the test set "
                     "(never trained on), drawn by the split seed.",
          .kind = FieldKind::Float,
          .limits = {0, 0.9},
          .example = "0.2",
          .controller = "dataset",
          .ui = {.group = G(SettingsGroup::ImageImport), .rank = 3, .step = 1, .scale = 100, .suffix = " %"}},
         LAYERLAB_FIELD_ACCESS(S, imageImport.testSplit)},
        {{.key = "split_seed",
          .object = "image_import",
          .label = "Split seed",
          .tooltip = "Draws which images form the test split. Keep it to compare runs on the same test set.",
          .kind = FieldKind::UInt64,
          .controller = "dataset",
          .ui = {.group = G(SettingsGroup::ImageImport), .rank = 3}},
         LAYERLAB_FIELD_ACCESS(S, imageImport.splitSeed)},
        // ---- augmentation: each range 0 = off; written only when on ----
        {{.key = "shift",
          .object = "augmentation",
          .label = "Shift (pixels)",
          .tooltip = "Move each training image by a random whole number of pixels, up to this far "
                     "horizontally and vertically. Teaches the model that position does not matter.",
          .kind = FieldKind::Float,
          .limits = {0, 14},
          .example = "2",
          .omitDefault = true,
          .ui = {.group = G(SettingsGroup::Augmentation), .step = 1}},
         LAYERLAB_FIELD_ACCESS(S, augmentation.shift)},
        {{.key = "rotation",
          .object = "augmentation",
          .label = "Rotation (degrees)",
          .tooltip = "Turn each training image by a random angle up to this many degrees either way.",
          .kind = FieldKind::Float,
          .limits = {0, 180},
          .example = "10",
          .omitDefault = true,
          .ui = {.group = G(SettingsGroup::Augmentation), .step = 5}},
         LAYERLAB_FIELD_ACCESS(S, augmentation.rotation)},
        {{.key = "zoom",
          .object = "augmentation",
          .label = "Zoom",
          .tooltip = "Scale each training image by a random factor between 1 - zoom and 1 + zoom (0.1: from "
                     "90% to 110%).",
          .kind = FieldKind::Float,
          .limits = {0, 0.9},
          .example = "0.1",
          .omitDefault = true,
          .ui = {.group = G(SettingsGroup::Augmentation), .step = 0.05}},
         LAYERLAB_FIELD_ACCESS(S, augmentation.zoom)},
        {{.key = "noise",
          .object = "augmentation",
          .label = "Noise",
          .tooltip = "Add random Gaussian noise with this standard deviation to every pixel (1 = the whole "
                     "range from black to white).",
          .kind = FieldKind::Float,
          .limits = {0, 1},
          .example = "0.1",
          .omitDefault = true,
          .ui = {.group = G(SettingsGroup::Augmentation), .step = 0.05}},
         LAYERLAB_FIELD_ACCESS(S, augmentation.noise)},
        {{.key = "elastic",
          .object = "augmentation",
          .label = "Elastic (pixels)",
          .tooltip = "Bend each training image as a hand would: every pixel moves by a random displacement, "
                     "smoothed over about 4 pixels so that strokes stay connected, of this strength (Simard "
                     "et al. 2003; 8 to 34 on 28x28 digits). 0 = off.",
          .kind = FieldKind::Float,
          .limits = {0, 40},
          .example = "8",
          .omitDefault = true,
          .ui = {.group = G(SettingsGroup::Augmentation), .step = 1}},
         LAYERLAB_FIELD_ACCESS(S, augmentation.elastic)},
        // ---- early stopping ----
        {{.key = "enabled",
          .object = "early_stopping",
          .label = "Early stopping",
          .tooltip = "Stop when the validation metric has not improved for `patience` epochs, so the model "
                     "does not keep fitting noise. Needs a validation split.",
          .kind = FieldKind::Bool,
          .ui = {.group = G(SettingsGroup::EarlyStopping), .groupToggle = true}},
         LAYERLAB_FIELD_ACCESS(S, earlyStopping.enabled)},
        {{.key = "monitor",
          .object = "early_stopping",
          .label = "Monitor",
          .tooltip = "The number watched after each epoch: lower validation loss or higher validation "
                     "accuracy counts as an improvement.",
          .kind = FieldKind::Choice,
          .noun = "monitor",
          .choices = monitorOptions(),
          .ui = {.group = G(SettingsGroup::EarlyStopping)}},
         LAYERLAB_FIELD_ACCESS(S, earlyStopping.monitor)},
        {{.key = "patience",
          .object = "early_stopping",
          .label = "Patience",
          .tooltip = "Epochs without improvement before training stops.",
          .kind = FieldKind::Int,
          .limits = {1, 10000},
          .ui = {.group = G(SettingsGroup::EarlyStopping)}},
         LAYERLAB_FIELD_ACCESS(S, earlyStopping.patience)},
        {{.key = "restore_best",
          .object = "early_stopping",
          .label = "Restore best weights",
          .tooltip = "When stopping, go back to the weights of the best epoch instead of keeping the last "
                     "ones.",
          .kind = FieldKind::Bool,
          .ui = {.group = G(SettingsGroup::EarlyStopping)}},
         LAYERLAB_FIELD_ACCESS(S, earlyStopping.restoreBest)},
        // ---- learning-rate schedule: each option lists the fields it reads ----
        {{.key = "type",
          .object = "lr_schedule",
          .label = "Schedule",
          .tooltip = "How the learning rate changes during the run. A large rate learns fast at first; a "
                     "smaller one later lets the weights settle instead of bouncing around the minimum.\n"
                     "constant: never changes. step decay: × factor every few epochs. cosine decay: glides "
                     "down to the minimum over all epochs. reduce on plateau: × factor when the monitored "
                     "metric stops improving.",
          .kind = FieldKind::Choice,
          .noun = "schedule",
          .choices = {{int(ScheduleType::Constant), "constant", "constant"},
                      {int(ScheduleType::Step), "step", "step decay", {"factor", "every", "min_lr"}},
                      {int(ScheduleType::Cosine), "cosine", "cosine decay", {"min_lr"}},
                      {int(ScheduleType::Plateau),
                       "plateau",
                       "reduce on plateau",
                       {"factor", "patience", "monitor", "min_lr"}}},
          .ui = {.group = G(SettingsGroup::Schedule)}},
         LAYERLAB_FIELD_ACCESS(S, schedule.type)},
        {{.key = "factor",
          .object = "lr_schedule",
          .label = "Factor",
          .tooltip = "Multiply the learning rate by this at each reduction (0.2 = a fifth).",
          .kind = FieldKind::Float,
          .limits = {0, 1, true, true},
          .example = "0.2",
          .controller = "type",
          .ui = {.group = G(SettingsGroup::Schedule), .step = 0.05}},
         LAYERLAB_FIELD_ACCESS(S, schedule.factor)},
        {{.key = "every",
          .object = "lr_schedule",
          .label = "Every (epochs)",
          .tooltip = "Epochs between two reductions.",
          .kind = FieldKind::Int,
          .limits = {1, 10000},
          .controller = "type",
          .ui = {.group = G(SettingsGroup::Schedule)}},
         LAYERLAB_FIELD_ACCESS(S, schedule.every)},
        {{.key = "patience",
          .object = "lr_schedule",
          .label = "Patience",
          .tooltip = "Epochs without improvement before the learning rate is lowered.",
          .kind = FieldKind::Int,
          .limits = {1, 10000},
          .controller = "type",
          .ui = {.group = G(SettingsGroup::Schedule), .rank = 2}},
         LAYERLAB_FIELD_ACCESS(S, schedule.patience)},
        {{.key = "monitor",
          .object = "lr_schedule",
          .label = "Monitor",
          .tooltip = "The metric whose stalling lowers the learning rate.",
          .kind = FieldKind::Choice,
          .noun = "monitor",
          .choices = monitorOptions(),
          .controller = "type",
          .ui = {.group = G(SettingsGroup::Schedule), .rank = 1}},
         LAYERLAB_FIELD_ACCESS(S, schedule.monitor)},
        {{.key = "min_lr",
          .object = "lr_schedule",
          .label = "Minimum rate",
          .tooltip = "The learning rate never goes below this (it must be below the learning rate).",
          .kind = FieldKind::Float,
          .limits = {0, kInf},
          .example = "0",
          .controller = "type",
          .ui = {.group = G(SettingsGroup::Schedule), .rank = 3, .step = 0, .smallestStep = 1e-8}},
         LAYERLAB_FIELD_ACCESS(S, schedule.minLr)},
    };
    const TrainingSpec defaults;
    for (TrainingField& field : f) field.meta.def = field.get(defaults);
    return f;
}

const std::vector<TrainingField>& fieldRows() {
    static const std::vector<TrainingField> rows = makeFields();
    return rows;
}

const char* optionKey(const char* path, int value) {
    const ChoiceOption* o = trainingField(path)->meta.option(value);
    return o ? o->key : "?";
}

[[noreturn]] void fail(const std::string& path, const std::string& problem) {
    throw SpecError("training." + path + ": " + problem);
}

}  // namespace

const std::vector<SettingsGroupInfo>& settingsGroups() {
    static const std::vector<SettingsGroupInfo> groups = {
        {SettingsGroup::Data, "Data"},
        {SettingsGroup::Optimizer, "Loss and optimizer"},
        {SettingsGroup::Schedule, "Learning-rate schedule"},
        {SettingsGroup::Run, "Run"},
        {SettingsGroup::EarlyStopping, "Early stopping"},
        {SettingsGroup::Augmentation, "Data augmentation"},
        {SettingsGroup::ImageImport, "Image import", false},
    };
    return groups;
}

const std::vector<TrainingObject>& trainingObjects() {
    static const std::vector<TrainingObject> objects = {
        {"", "{\"loss\": \"cross_entropy\", \"batch_size\": 128}"},
        {"optimizer", "{\"type\": \"adam\", \"learning_rate\": 0.001}"},
        {"early_stopping", "{\"enabled\": true, \"monitor\": \"val_loss\", \"patience\": 3}"},
        {"lr_schedule", "{\"type\": \"plateau\", \"factor\": 0.2, \"patience\": 1}"},
        {"augmentation", "{\"shift\": 2, \"rotation\": 10, \"zoom\": 0.1, \"noise\": 0.05, \"elastic\": 8}"},
        {"image_import", "{\"width\": 28, \"height\": 28, \"color\": \"grey\", \"fit\": \"pad\"}"},
    };
    return objects;
}

const std::vector<const TrainingField*>& trainingFields() {
    static const std::vector<const TrainingField*> all = [] {
        std::vector<const TrainingField*> v;
        for (const TrainingField& f : fieldRows()) v.push_back(&f);
        return v;
    }();
    return all;
}

const TrainingField* trainingField(const std::string& path) {
    for (const TrainingField* f : trainingFields())
        if (f->meta.path() == path) return f;
    return nullptr;
}

bool trainingFieldActive(const TrainingSpec& t, const TrainingField& f) {
    return fieldActive(t, f, trainingFields());
}

const char* lossName(LossType l) {
    return optionKey("loss", int(l));
}

const char* optimizerName(OptimizerType o) {
    return optionKey("optimizer.type", int(o));
}

const char* scheduleName(ScheduleType s) {
    return optionKey("lr_schedule.type", int(s));
}

void validateTraining(const TrainingSpec& t) {
    for (const TrainingField* f : trainingFields()) {
        if (!trainingFieldActive(t, *f)) continue;
        if (std::string problem = f->meta.check(f->get(t)); !problem.empty()) fail(f->meta.path(), problem);
    }
    // Across fields: a schedule's floor must lie below where it starts, or it could never decay.
    const LrScheduleSpec& s = t.schedule;
    if (s.type != ScheduleType::Constant && !(s.minLr < t.optimizer.learningRate))
        fail("lr_schedule.min_lr", "is " + floatText(s.minLr) + " but must be below the learning rate (" +
                                       floatText(t.optimizer.learningRate) +
                                       "): lower min_lr, for example to 0");
}

}  // namespace layerlab
