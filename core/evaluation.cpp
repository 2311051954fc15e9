#include "core/evaluation.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "core/dataset.h"
#include "core/model_spec.h"
#include "core/validation_split.h"

namespace layerlab {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double ratio(long long num, long long den) {
    return den == 0 ? kNaN : double(num) / double(den);
}

// Mean of the values that are not NaN (NaN when none is).
double definedMean(const std::vector<ClassMetrics>& m, double ClassMetrics::*field) {
    double sum = 0;
    int n = 0;
    for (const ClassMetrics& c : m)
        if (!std::isnan(c.*field)) {
            sum += c.*field;
            ++n;
        }
    return n ? sum / n : kNaN;
}
}  // namespace

ImageSet testSet(const Dataset& data) {
    ImageSet s;
    s.name = "test";
    s.images = data.testImages.data();
    s.labels = data.testLabels.data();
    s.imageSize = data.imageSize();
    s.count = data.testCount();
    return s;
}

ImageSet validationSet(const Dataset& data, const TrainingSpec& training) {
    ImageSet s;
    s.name = "validation";
    s.images = data.trainImages.data();
    s.labels = data.trainLabels.data();
    s.imageSize = data.imageSize();
    s.indices = splitTrainValidation(training, data).validation;
    s.count = s.indices.size();
    return s;
}

long long ConfusionMatrix::rowSum(int t) const {
    const auto row = counts.begin() + std::ptrdiff_t(t) * classes;
    return std::accumulate(row, row + classes, 0LL);
}

long long ConfusionMatrix::columnSum(int p) const {
    long long s = 0;
    for (int t = 0; t < classes; ++t) s += at(t, p);
    return s;
}

long long ConfusionMatrix::total() const {
    return std::accumulate(counts.begin(), counts.end(), 0LL);
}

long long ConfusionMatrix::correct() const {
    long long s = 0;
    for (int c = 0; c < classes; ++c) s += at(c, c);
    return s;
}

std::vector<double> ConfusionMatrix::rowNormalised() const {
    std::vector<double> r(counts.size(), 0.0);
    for (int t = 0; t < classes; ++t) {
        const long long sum = rowSum(t);
        if (sum == 0) continue;
        for (int p = 0; p < classes; ++p) r[std::size_t(t) * classes + p] = double(at(t, p)) / double(sum);
    }
    return r;
}

ConfusionMatrix confusionMatrix(const Predictions& p) {
    ConfusionMatrix m;
    m.classes = p.classes;
    m.counts.assign(std::size_t(p.classes) * p.classes, 0);
    for (std::size_t i = 0; i < p.count(); ++i)
        ++m.counts[std::size_t(p.labels[i]) * p.classes + p.predicted[i]];
    return m;
}

std::vector<ClassMetrics> perClassMetrics(const ConfusionMatrix& m) {
    std::vector<ClassMetrics> out(m.classes);
    for (int c = 0; c < m.classes; ++c) {
        ClassMetrics& r = out[c];
        const long long tp = m.at(c, c);
        r.support = m.rowSum(c);
        r.predicted = m.columnSum(c);
        const long long fp = r.predicted - tp, fn = r.support - tp;
        r.precision = ratio(tp, r.predicted);
        r.recall = ratio(tp, r.support);
        r.f1 = ratio(2 * tp, 2 * tp + fp + fn);
    }
    return out;
}

EvaluationSummary summarize(const Predictions& p) {
    EvaluationSummary s;
    s.confusion = confusionMatrix(p);
    s.perClass = perClassMetrics(s.confusion);
    const std::size_t n = p.count();
    s.accuracy = ratio(s.confusion.correct(), (long long)n);
    double lossSum = 0;
    for (float l : p.losses) lossSum += l;
    s.loss = n ? lossSum / double(n) : kNaN;
    s.macroPrecision = definedMean(s.perClass, &ClassMetrics::precision);
    s.macroRecall = definedMean(s.perClass, &ClassMetrics::recall);
    s.macroF1 = definedMean(s.perClass, &ClassMetrics::f1);
    return s;
}

std::vector<std::size_t> misclassified(const Predictions& p) {
    std::vector<std::size_t> r;
    for (std::size_t i = 0; i < p.count(); ++i)
        if (p.predicted[i] != p.labels[i]) r.push_back(i);
    return r;
}

std::vector<std::size_t> topLosses(const Predictions& p, std::size_t count) {
    std::vector<std::size_t> idx(p.count());
    std::iota(idx.begin(), idx.end(), std::size_t(0));
    count = std::min(count, idx.size());
    std::partial_sort(idx.begin(), idx.begin() + std::ptrdiff_t(count), idx.end(),
                      [&](std::size_t a, std::size_t b) {
                          return p.losses[a] != p.losses[b] ? p.losses[a] > p.losses[b] : a < b;
                      });
    idx.resize(count);
    return idx;
}

std::vector<ConfusedPair> mostConfusedPairs(const ConfusionMatrix& m, std::size_t count) {
    std::vector<ConfusedPair> pairs;
    for (int t = 0; t < m.classes; ++t)
        for (int q = 0; q < m.classes; ++q)
            if (t != q && m.at(t, q) > 0) pairs.push_back({t, q, m.at(t, q)});
    std::stable_sort(pairs.begin(), pairs.end(),
                     [](const ConfusedPair& a, const ConfusedPair& b) { return a.count > b.count; });
    if (pairs.size() > count) pairs.resize(count);
    return pairs;
}

std::vector<GalleryItem> cellGallery(const Predictions& p, int trueClass, int predicted, std::size_t limit) {
    std::vector<GalleryItem> items;
    const int k = p.classes;
    for (std::size_t i = 0; i < p.count(); ++i) {
        if (p.labels[i] != trueClass || p.predicted[i] != predicted) continue;
        const float* pr = p.probabilitiesOf(i);
        GalleryItem g;
        g.position = i;
        g.sourceIndex = p.sourceIndex[i];
        g.trueClass = trueClass;
        g.predicted = predicted;
        g.confidence = pr[predicted];
        std::vector<int> order(k);
        std::iota(order.begin(), order.end(), 0);
        const int top = std::min(3, k);
        std::partial_sort(order.begin(), order.begin() + top, order.end(),
                          [&](int a, int b) { return pr[a] != pr[b] ? pr[a] > pr[b] : a < b; });
        g.topClasses.fill(-1);
        g.topProbabilities.fill(0.0f);
        for (int j = 0; j < top; ++j) {
            g.topClasses[j] = order[j];
            g.topProbabilities[j] = pr[order[j]];
        }
        items.push_back(g);
    }
    const bool diagonal = trueClass == predicted;
    std::stable_sort(items.begin(), items.end(), [&](const GalleryItem& a, const GalleryItem& b) {
        return diagonal ? a.confidence < b.confidence : a.confidence > b.confidence;
    });
    if (limit && items.size() > limit) items.resize(limit);
    return items;
}

}  // namespace layerlab
