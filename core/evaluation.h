#pragma once
// What a model gets wrong: per-image outputs over a set of images and everything the Evaluate workbench
// and `layerlab-cli evaluate --report` derive from them. Value types only (copyable, no pointers into a
// Network), so a worker can compute them and hand them to the GUI.
//
// Shape letters: N = images in the set, K = classes (the model's outputs).
// Predictions come from InferenceModel::evaluate (core/inference_model.h); the functions below are pure
// and exact (integer counts), so a hand-made Predictions gives hand-checkable results.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace layerlab {

struct Dataset;
struct TrainingSpec;

// A set of images of one dataset: images[i * imageSize ...] and labels[i] for i in `indices` (in that
// order), or for i < count when `indices` is empty. Points into the Dataset, which must outlive it.
struct ImageSet {
    std::string name;  // "test", "validation"
    const std::uint8_t* images = nullptr;
    const std::uint8_t* labels = nullptr;
    std::size_t imageSize = 0;           // pixels per image
    std::vector<std::uint32_t> indices;  // empty: all `count` images in order
    std::size_t count = 0;               // images in the set
    std::size_t sourceIndex(std::size_t i) const { return indices.empty() ? i : indices[i]; }
};
ImageSet testSet(const Dataset& data);
// The images the Trainer holds out for validation with these settings (core/validation_split.h).
ImageSet validationSet(const Dataset& data, const TrainingSpec& training);

// Per-image outputs of one model over one ImageSet.
struct Predictions {
    int classes = 0;                         // K
    std::vector<std::uint32_t> sourceIndex;  // N: the image's index in the dataset's array (test or train)
    std::vector<std::uint8_t> labels;        // N: true class
    std::vector<std::uint8_t> predicted;     // N: argmax of the probabilities
    // N x K. Softmax of the model's scores (the outputs before a final Softmax; the raw outputs of a model
    // without one, as the studio's probability bars show them).
    std::vector<float> probabilities;
    std::vector<float> losses;  // N: each image's loss under the model's loss type (mean = the test loss)
    bool cancelled = false;     // the evaluation was cancelled: everything above is empty
    double seconds = 0;         // wall time of the pass
    std::size_t count() const { return labels.size(); }
    const float* probabilitiesOf(std::size_t i) const { return probabilities.data() + i * classes; }
};

// Counts of (true class, predicted class). Rows = true class, columns = predicted class.
struct ConfusionMatrix {
    int classes = 0;
    std::vector<long long> counts;  // K x K, row-major
    long long at(int trueClass, int predicted) const {
        return counts[std::size_t(trueClass) * classes + predicted];
    }
    long long rowSum(int trueClass) const;  // support of the class
    long long columnSum(int predicted) const;
    long long total() const;
    long long correct() const;  // the diagonal
    // Row-normalised (each row sums to 1; a row without images stays 0): K x K.
    std::vector<double> rowNormalised() const;
};
ConfusionMatrix confusionMatrix(const Predictions& p);

// tp = at(c, c), fp = column sum - tp, fn = row sum - tp.
// precision = tp / (tp + fp): NaN when the class is never predicted.
// recall    = tp / (tp + fn): NaN when the class has no images (support 0).
// f1        = 2 tp / (2 tp + fp + fn) (the harmonic mean of the two): NaN only when both are NaN.
struct ClassMetrics {
    double precision = 0, recall = 0, f1 = 0;
    long long support = 0;    // images of this class
    long long predicted = 0;  // images predicted as this class
};
std::vector<ClassMetrics> perClassMetrics(const ConfusionMatrix& m);

struct EvaluationSummary {
    ConfusionMatrix confusion;
    std::vector<ClassMetrics> perClass;
    double accuracy = 0;  // correct / N (NaN for an empty set)
    double loss = 0;      // mean of the per-image losses (NaN for an empty set)
    double macroPrecision = 0, macroRecall = 0, macroF1 = 0;  // means over the classes where defined
};
EvaluationSummary summarize(const Predictions& p);

// Positions i (into Predictions) where predicted != label, ascending.
std::vector<std::size_t> misclassified(const Predictions& p);
// Positions of the `count` highest losses, highest first (ties: lower position first).
std::vector<std::size_t> topLosses(const Predictions& p, std::size_t count);

struct ConfusedPair {
    int trueClass = 0, predicted = 0;
    long long count = 0;  // images of trueClass predicted as `predicted` ("4 -> 9: 23 images")
};
// Off-diagonal cells with a count > 0, most images first (ties: by true class, then predicted), at most
// `count` of them.
std::vector<ConfusedPair> mostConfusedPairs(const ConfusionMatrix& m, std::size_t count);

// One image of a confusion-matrix cell, for the gallery.
struct GalleryItem {
    std::size_t position = 0;       // into Predictions
    std::uint32_t sourceIndex = 0;  // into the dataset's image array
    int trueClass = 0, predicted = 0;
    float confidence = 0;             // probability of the predicted class
    std::array<int, 3> topClasses{};  // the three most probable classes, most probable first (-1 if K < 3)
    std::array<float, 3> topProbabilities{};
};
// The images of true class i predicted as j. Off the diagonal: most confident in the wrong answer first;
// on the diagonal (i == j): least confident correct answers first. At most `limit` (0 = all).
std::vector<GalleryItem> cellGallery(const Predictions& p, int trueClass, int predicted,
                                     std::size_t limit = 0);

}  // namespace layerlab
