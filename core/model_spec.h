#pragma once
// The versioned model file shared by the studio and layerlab-cli: input shape, layers, training config.
// JSON (format "layerlab-model", version 1), see README "Model files".
#include <optional>
#include <string>
#include <vector>

#include "core/shape.h"

namespace layerlab {

enum class LayerType {
    Dense,
    Conv2D,
    MaxPool2D,
    AvgPool2D,
    Flatten,
    Dropout,
    ReLU,
    LeakyReLU,
    Sigmoid,
    Tanh,
    Softmax,
    Residual,
    BatchNorm
};
enum class Activation { None, ReLU, LeakyReLU, Sigmoid, Tanh, Softmax };
enum class Padding { Valid, Same };
// How a layer's weights start (core/weight_init.h). Default: the model's choice (training.init); Auto: He
// normal before a ReLU-family activation, Xavier normal otherwise (what LayerLab always did).
enum class WeightInit { Default, Auto, HeNormal, XavierNormal, XavierUniform, LeCunNormal, Normal, Zeros };

// A key LayerLab does not read where it sits: unknown (a typo, a note, a key from a newer version) or not
// used by this layer type or setting. Kept verbatim so that open -> edit -> save does not drop it; reported
// by unknownKeyWarnings.
struct ExtraKey {
    std::string object;  // the JSON object it sits in, relative to its owner: "", "input", "optimizer", ...
    std::string key;
    std::string json;  // its value as compact JSON text
    bool operator==(const ExtraKey&) const = default;
};
using ExtraKeys = std::vector<ExtraKey>;

// One layer as the user wrote it. Only the fields that matter for `type` are read and written (the
// descriptor table in core/layer_types.h says which, with their limits and defaults).
struct LayerSpec {
    LayerType type = LayerType::Dense;
    // Names this layer for good: unique within the model (inner layers of blocks included), kept through
    // open -> edit -> save, given when a file has none ("conv2d_1", core/layer_tree.h). Edits (undo, drags)
    // address layers by id, so moving a layer does not change which layer they mean. "" = not yet given.
    std::string id;
    int units = 64;                            // Dense
    int filters = 32;                          // Conv2D
    int kernel = 3;                            // Conv2D (square kernel)
    int stride = 1;                            // Conv2D; pools: stride (0 = same as size)
    Padding padding = Padding::Valid;          // Conv2D
    int poolSize = 2;                          // MaxPool2D, AvgPool2D
    Activation activation = Activation::None;  // Dense, Conv2D
    float rate = 0.5f;                         // Dropout: probability of dropping a unit
    float alpha = 0.01f;                       // LeakyReLU slope (layer, or activation option)
    bool trainable = true;   // false = frozen: its weights (a block's: all inside) keep their values
    float momentum = 0.9f;   // BatchNorm: share of the running statistics kept per step
    float epsilon = 0.001f;  // BatchNorm: added to the variance
    WeightInit init = WeightInit::Default;  // Dense, Conv2D
    float initStd = 0.05f;                  // Dense, Conv2D with init Normal
    // A block's inner chain, in order ("layers" in the file): a Residual block computes y = x + f(x) with f
    // these layers. Empty for every other type.
    std::vector<LayerSpec> layers;
    ExtraKeys extra;  // keys of this layer LayerLab does not read

    // The destructor is out of line: inlined into std::vector<LayerSpec>::insert it sets off GCC 12's
    // -Warray-bounds false positive in every caller.
    LayerSpec() = default;
    LayerSpec(const LayerSpec&) = default;
    LayerSpec(LayerSpec&&) noexcept = default;
    LayerSpec& operator=(const LayerSpec&) = default;
    LayerSpec& operator=(LayerSpec&&) noexcept = default;
    ~LayerSpec();

    static LayerSpec make(LayerType t);  // defaults suited to a freshly dropped layer
    // The same, for a layer that lands where its input has shape `in`: a Residual block gets inner layers
    // that keep that shape (two 3x3 Conv2D with padding "same" and as many filters as channels; two Dense
    // layers as wide as a flat input), so it works as soon as it is dropped.
    static LayerSpec make(LayerType t, const Shape& in);
    bool operator==(const LayerSpec&) const = default;
    std::string summary() const;  // "32 filters 3x3, relu" : key settings for a block label
};

enum class LossType { CrossEntropy, MeanSquaredError };
enum class OptimizerType { SGD, Adam, Adagrad, RMSprop };
enum class Monitor { ValLoss, ValAccuracy };
enum class DatasetKind { MNIST, FashionMNIST, Subset, ImageFolder };
enum class ScheduleType { Constant, Step, Cosine, Plateau };

struct OptimizerSpec {
    OptimizerType type = OptimizerType::Adam;
    float learningRate = 0.001f;
    float momentum = 0.9f;  // SGD
    bool nesterov = false;  // SGD
    float beta1 = 0.9f;     // Adam
    float beta2 = 0.999f;   // Adam
    float epsilon = 1e-8f;  // Adam, Adagrad, RMSprop
    float rho = 0.9f;       // RMSprop decay
    bool operator==(const OptimizerSpec&) const = default;
};

struct EarlyStoppingSpec {
    bool enabled = false;
    Monitor monitor = Monitor::ValLoss;
    int patience = 3;
    bool restoreBest = true;
    bool operator==(const EarlyStoppingSpec&) const = default;
};

// How the learning rate changes during a run (the optimizer's learning_rate is where it starts).
//   constant: never changes.
//   step:     multiplied by `factor` every `every` epochs.
//   cosine:   follows half a cosine from the learning rate down to `min_lr` over all epochs, batch by batch.
//   plateau:  multiplied by `factor` when `monitor` has not improved for `patience` epochs.
// step and plateau never go below `min_lr`.
struct LrScheduleSpec {
    ScheduleType type = ScheduleType::Constant;
    float factor = 0.1f;                 // step, plateau: 0 < factor < 1
    int every = 3;                       // step: epochs between reductions
    int patience = 1;                    // plateau: epochs without improvement before a reduction
    Monitor monitor = Monitor::ValLoss;  // plateau
    float minLr = 0.0f;                  // step, cosine, plateau: the floor
    bool operator==(const LrScheduleSpec&) const = default;
};

// Random changes to each training image each time it is drawn (core/augment.h); 0 = off.
struct AugmentationSpec {
    float shift = 0;     // pixels: a whole-pixel shift up to this far in x and in y
    float rotation = 0;  // degrees, either way
    float zoom = 0;      // fraction: scale from 1 - zoom to 1 + zoom
    float noise = 0;     // standard deviation of Gaussian noise, in input units (pixel / 255)
    float elastic = 0;   // pixels: strength (alpha) of an elastic distortion, smoothed over 4 pixels
    bool operator==(const AugmentationSpec&) const = default;
};

// How the images of an image folder (core/image_folder.h) become the model's inputs: every image is decoded
// straight to width x height, grey (1 channel) or RGB (3 channels, the model's input channels follow), its
// aspect ratio kept (padded with its border colour) or stretched, optionally inverted. Without a test/ folder
// testSplit of each class is held out as test images, drawn by splitSeed (the same set for every run).
enum class ImageColor { Grey, RGB };
enum class ImageFit { Pad, Stretch };
struct ImageImportSpec {
    int width = 28, height = 28;
    ImageColor color = ImageColor::Grey;
    ImageFit fit = ImageFit::Pad;
    bool invert = false;
    float testSplit = 0.2f;
    unsigned long long splitSeed = 42;
    int channels() const { return color == ImageColor::RGB ? 3 : 1; }
    bool operator==(const ImageImportSpec&) const = default;
};

struct TrainingSpec {
    LossType loss = LossType::CrossEntropy;
    OptimizerSpec optimizer;
    float l2 = 0.0f;  // weight decay factor lambda: loss += lambda/2 * sum(w^2) over weights (not biases)
    EarlyStoppingSpec earlyStopping;
    LrScheduleSpec schedule;
    int batchSize = 128;
    int epochs = 10;
    float validationSplit = 0.1f;  // fraction of the training set held out for validation
    int trainSamples = 0;          // train on only this many of the remaining images (0 = all of them)
    AugmentationSpec augmentation;
    WeightInit init = WeightInit::Auto;  // layers whose "init" is Default start this way
    float initStd = 0.05f;               // with init Normal
    unsigned long long seed = 42;
    int threads = 0;  // 0 = all cores
    DatasetKind dataset = DatasetKind::MNIST;
    // dataset "image_folder": the folder (one subfolder per class, optionally under train/ and test/; a
    // relative path is relative to the model file's folder) and how its images are imported.
    std::string dataFolder;
    ImageImportSpec imageImport;
    ExtraKeys extra;  // keys under "training" LayerLab does not read (object "", "optimizer", ...)
    bool operator==(const TrainingSpec&) const = default;
};

struct ModelSpec {
    std::string name = "Untitled model";
    std::string description;  // what the model is for, shown in the studio (presets: their reference figure)
    Shape input = Shape::chw(1, 28, 28);
    int classes = 10;
    std::vector<LayerSpec> layers;
    TrainingSpec training;
    ExtraKeys extra;  // top-level and "input" keys LayerLab does not read
    bool operator==(const ModelSpec&) const = default;
};

// Names in the file (the descriptor tables hold them; these are shortcuts).
const char* layerTypeName(LayerType t);                            // "Dense", "Conv2D", ...
std::optional<LayerType> layerTypeFromName(const std::string& s);  // case-insensitive
const char* activationName(Activation a);                          // "none", "relu", "leaky_relu", ...
std::optional<Activation> activationFromName(const std::string& s);
const std::vector<LayerType>& allLayerTypes();
const char* lossName(LossType);            // "cross_entropy", "mse"
const char* optimizerName(OptimizerType);  // "sgd", "adam", "adagrad", "rmsprop"
const char* datasetName(DatasetKind);      // "mnist", "fashion_mnist", "subset", "image_folder"
const char* scheduleName(ScheduleType);    // "constant", "step", "cosine", "plateau"

// Which fields a layer uses (from the layer-type table): Dense and Conv2D take an `activation`; alpha
// matters for a LeakyReLU layer or a leaky_relu activation.
bool hasActivation(LayerType t);
bool usesAlpha(const LayerSpec& l);

// "layer 2 (Dense)": how messages name ModelSpec::layers[index], numbered from 1 as the editor does.
std::string layerLabel(int index, LayerType type);
// "layer 3.2 (Conv2D)": the same for a layer inside a block; path = indices from the model's chain down
// ({2, 1}: the second inner layer of the model's third layer).
std::string layerLabel(const std::vector<int>& path, LayerType type);
std::string layerNumber(const std::vector<int>& path);  // "3.2"

constexpr int kModelFormatVersion = 1;

// What reading does with keys it does not use (ExtraKey): keep them (and report them through
// unknownKeyWarnings), or refuse the file with a SpecError that lists them all (strict mode).
enum class UnknownKeys { Keep, Refuse };

// JSON text <-> spec. Parsing throws SpecError naming the field and the fix.
ModelSpec parseModelSpec(const std::string& jsonText, UnknownKeys unknown = UnknownKeys::Keep);
// Pretty-printed, stable key order; extra keys are written back after the known keys of their object.
std::string serializeModelSpec(const ModelSpec& spec);
// Throws SpecError (also for unreadable files).
ModelSpec loadModelSpec(const std::string& path, UnknownKeys unknown = UnknownKeys::Keep);
void saveModelSpec(const ModelSpec& spec, const std::string& path);  // atomic: temp file then rename

// One line per extra key, in file order, naming where it is and the closest known key:
//   unknown key "training.learning_rat" (did you mean "learning_rate"?)
//   layer 2 (Dense): unused key "alpha" (used only when "activation" is "leaky_relu")
std::vector<std::string> unknownKeyWarnings(const ModelSpec& spec);
// Throws SpecError listing every unknownKeyWarnings line when there is one (strict mode).
void refuseUnknownKeys(const ModelSpec& spec);

// Checks the training settings (learning rate, batch size, epochs, split, ...): every field the settings
// use, against the limits the file has. Throws SpecError.
void validateTraining(const TrainingSpec& t);

}  // namespace layerlab
