#include "i18n/core_text.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QVector>

namespace CoreText {

namespace {

// The templates, as core/ writes them (the file that composes each is named above it); %1... stand for the
// parts that vary (translated in turn when they are templates themselves). The first template that matches
// the whole text wins; each %N matches as little as it can.
const char* const kTemplates[] = {
    // core/data_location.cpp, core/dataset_kind.cpp: the bundled-subset notice and its hints.
    QT_TRANSLATE_NOOP(
        "CoreText", "Full MNIST not found (%1); using the bundled subset of %2 training and %3 test images."),
    QT_TRANSLATE_NOOP("CoreText", "run scripts/fetch-mnist.sh"),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "put MNIST's four IDX files (train-images-idx3-ubyte, train-labels-idx1-ubyte, "
        "t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte; plain or .gz) in %1, or point --data (the "
        "studio: File > Open Data Folder…) or $LAYERLAB_MNIST_DIR at them"),
    QT_TRANSLATE_NOOP("CoreText",
                      "sudo apt-get install dataset-fashion-mnist (or run scripts/install-deps.sh)"),
    // core/dataset_identity.cpp: data that is not the model's dataset.
    QT_TRANSLATE_NOOP("CoreText", "%1 holds %2 (recognised by its images), not %3"),
    // core/trainer.cpp: how a run ended.
    QT_TRANSLATE_NOOP("CoreText", "Finished %1 epoch."),
    QT_TRANSLATE_NOOP("CoreText", "Finished %1 epochs."),
    QT_TRANSLATE_NOOP("CoreText",
                      "Early stopping after epoch %1: no improvement for %2 epochs; restored the weights of "
                      "epoch %3."),
    QT_TRANSLATE_NOOP("CoreText", "Early stopping after epoch %1: no improvement for %2 epochs."),
    QT_TRANSLATE_NOOP("CoreText",
                      "Stopped by the user in epoch %1 at batch %2 of %3 (no validation of the partial "
                      "epoch); restored the weights of epoch %4."),
    QT_TRANSLATE_NOOP("CoreText",
                      "Stopped by the user in epoch %1 at batch %2 of %3 (no validation of the partial "
                      "epoch)."),
    QT_TRANSLATE_NOOP("CoreText", "Stopped by the user before the first batch."),
    QT_TRANSLATE_NOOP("CoreText", "Stopped by the user after epoch %1; restored the weights of epoch %2."),
    QT_TRANSLATE_NOOP("CoreText", "Stopped by the user after epoch %1."),
    QT_TRANSLATE_NOOP("CoreText",
                      "Training diverged at epoch %1, batch %2: the loss %3. Lower the learning rate (now "
                      "%4, try %5); the last good weights were kept."),
    QT_TRANSLATE_NOOP("CoreText", "became NaN"),
    QT_TRANSLATE_NOOP("CoreText", "became infinite"),
    QT_TRANSLATE_NOOP("CoreText", "exploded to %1 (over %2 times its starting level %3)"),
    QT_TRANSLATE_NOOP("CoreText", "Training failed: %1"),
    // core/shape_inference.cpp, core/layer_spec.cpp and the layers' shape checks (core/layers/): a model
    // whose shapes do not fit.
    QT_TRANSLATE_NOOP("CoreText", "layer %1 (%2): %3"),
    QT_TRANSLATE_NOOP("CoreText", "layer %1 (%2) %3"),
    QT_TRANSLATE_NOOP("CoreText", "needs a flat input but gets %1: add Flatten before it"),
    QT_TRANSLATE_NOOP("CoreText",
                      "needs a channels x height x width input but gets %1: move it before Flatten"),
    QT_TRANSLATE_NOOP("CoreText",
                      "kernel %1 does not fit its %2 input: use a smaller kernel, 'same' padding, or less "
                      "pooling before it"),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "window %1 does not fit its %2 input: use a smaller pool size or remove a pooling layer "
        "before it"),
    QT_TRANSLATE_NOOP("CoreText",
                      "the output is %1 but the data has %2 classes: end the model with a Dense layer of %3 "
                      "units"),
    QT_TRANSLATE_NOOP("CoreText",
                      "the output is %1 but the data has %2 classes: end the model with Flatten and a Dense "
                      "layer of %3 units"),
    QT_TRANSLATE_NOOP("CoreText", "the model has no layers: add Flatten and a Dense layer with %1 units"),
    QT_TRANSLATE_NOOP("CoreText",
                      "the input shape %1 is empty: give channels, height and width of at least 1"),
    QT_TRANSLATE_NOOP("CoreText", "units must be at least 1"),
    QT_TRANSLATE_NOOP("CoreText", "filters, kernel and stride must be at least 1"),
    QT_TRANSLATE_NOOP("CoreText", "pool size and stride must be at least 1"),
    // core/model_json.cpp, core/model_file.cpp, core/spec_field.cpp: a model file's problems.
    QT_TRANSLATE_NOOP("CoreText", "cannot open model file %1: %2"),
    QT_TRANSLATE_NOOP("CoreText", "invalid JSON at line %1, column %2: %3"),
    QT_TRANSLATE_NOOP("CoreText", "not a LayerLab model file: \"format\" must be \"layerlab-model\""),
    QT_TRANSLATE_NOOP("CoreText", "layer %1 type: unknown layer type %2; use one of %3"),
    QT_TRANSLATE_NOOP("CoreText", "unknown key %1 (did you mean %2?)"),
    QT_TRANSLATE_NOOP("CoreText", "unknown key %1"),
    QT_TRANSLATE_NOOP("CoreText", "must be a whole number from %1 to %2, got %3"),
    QT_TRANSLATE_NOOP("CoreText", "must be a positive finite number (e.g. %1), got %2"),
    QT_TRANSLATE_NOOP("CoreText", "must be a positive finite number, got %1"),
    QT_TRANSLATE_NOOP("CoreText", "must be 0 or a positive finite number (e.g. %1), got %2"),
    QT_TRANSLATE_NOOP("CoreText", "must be 0 or a positive finite number, got %1"),
    QT_TRANSLATE_NOOP("CoreText", "must be a number from %1 to %2 (e.g. %3), got %4"),
    QT_TRANSLATE_NOOP("CoreText", "must be a number from %1 to %2, got %3"),
    QT_TRANSLATE_NOOP("CoreText", "must be one of %1, got %2"),
    QT_TRANSLATE_NOOP("CoreText", "must be true or false, got %1"),
    QT_TRANSLATE_NOOP("CoreText", "a positive finite number"),
    QT_TRANSLATE_NOOP("CoreText", "0 or a positive finite number"),
};

struct Compiled {
    const char* source;
    QRegularExpression pattern;
    QVector<int> args;  // which %N each capture group is
};

const QVector<Compiled>& compiled() {
    static const QVector<Compiled> all = [] {
        QVector<Compiled> out;
        static const QRegularExpression arg(QStringLiteral("%([1-9])"));
        for (const char* t : kTemplates) {
            const QString source = QString::fromUtf8(t);
            QString pattern = QStringLiteral("^");
            QVector<int> args;
            qsizetype at = 0;
            for (auto it = arg.globalMatch(source); it.hasNext();) {
                const QRegularExpressionMatch m = it.next();
                pattern += QRegularExpression::escape(source.mid(at, m.capturedStart() - at)) +
                           QStringLiteral("(.*?)");
                args.push_back(m.captured(1).toInt());
                at = m.capturedEnd();
            }
            pattern += QRegularExpression::escape(source.mid(at)) + QStringLiteral("$");
            out.push_back(
                {t, QRegularExpression(pattern, QRegularExpression::DotMatchesEverythingOption), args});
        }
        return out;
    }();
    return all;
}

}  // namespace

QString message(const QString& text) {
    for (const Compiled& c : compiled()) {
        const QRegularExpressionMatch m = c.pattern.match(text);
        if (!m.hasMatch()) continue;
        // The translated template with each %N replaced, in one pass (an argument may hold a '%'), by its
        // argument translated in turn.
        const QString translated = QCoreApplication::translate("CoreText", c.source);
        QString out;
        for (qsizetype i = 0; i < translated.size(); ++i) {
            const QChar ch = translated[i];
            const int n =
                ch == QLatin1Char('%') && i + 1 < translated.size() ? translated[i + 1].digitValue() : -1;
            const int group = n >= 1 ? int(c.args.indexOf(n)) : -1;
            if (group < 0) {
                out += ch;
                continue;
            }
            out += message(m.captured(group + 1));
            ++i;
        }
        return out;
    }
    // "<path or key>: <sentence>" (a model file's name, "training.optimizer.learning_rate"): the sentence
    // translated, the name kept.
    static const QRegularExpression named(QStringLiteral("^([^\\s:]+|[A-Za-z]:[^\\s:]+): (.+)$"),
                                          QRegularExpression::DotMatchesEverythingOption);
    if (const QRegularExpressionMatch m = named.match(text); m.hasMatch()) {
        const QString rest = message(m.captured(2));
        if (rest != m.captured(2)) return m.captured(1) + QStringLiteral(": ") + rest;
    }
    return text;
}

QString message(const char* text) {
    return message(QString::fromUtf8(text));
}

QString message(const std::string& text) {
    return message(QString::fromStdString(text));
}

}  // namespace CoreText
