#include "widgets/common/core_text.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QVector>

namespace CoreText {

namespace {

// The templates, as core/data_location.cpp and core/dataset_kind.cpp write them; %1... stand for the parts
// that vary (translated in turn when they are templates themselves).
const char* const kTemplates[] = {
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
                           QStringLiteral("(.*)");
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
        QString out = QCoreApplication::translate("CoreText", c.source);
        // Arguments in order of their number, each translated in turn.
        for (int n = 1; n <= 9; ++n) {
            const int group = int(c.args.indexOf(n));
            if (group < 0) continue;
            out.replace(QStringLiteral("%%1").arg(n), message(m.captured(group + 1)));
        }
        return out;
    }
    return text;
}

QString message(const std::string& text) {
    return message(QString::fromStdString(text));
}

}  // namespace CoreText
