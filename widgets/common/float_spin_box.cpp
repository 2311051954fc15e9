#include "widgets/common/float_spin_box.h"

#include <QRegularExpression>
#include <cfloat>
#include <cmath>

#include "core/spec_field.h"

FloatSpinBox::FloatSpinBox(QWidget* parent) : QDoubleSpinBox(parent) {
    // QDoubleSpinBox rounds every value to `decimals` places: the most it allows keeps every float exact
    // (the smallest, 1e-45, included). The text comes from textFromValue, not from decimals.
    setDecimals(DBL_MAX_10_EXP + DBL_DIG);
    setKeyboardTracking(false);
}

QString FloatSpinBox::textFromValue(double value) const {
    return QString::fromStdString(layerlab::floatText(float(value)));
}

QString FloatSpinBox::stripped(const QString& text) const {
    QString t = text;
    if (!prefix().isEmpty() && t.startsWith(prefix())) t.remove(0, prefix().size());
    if (!suffix().isEmpty() && t.endsWith(suffix())) t.chop(suffix().size());
    return t.trimmed();
}

double FloatSpinBox::valueFromText(const QString& text) const {
    bool ok = false;
    const double v = stripped(text).toDouble(&ok);
    return ok ? v : value();
}

QValidator::State FloatSpinBox::validate(QString& text, int&) const {
    const QString t = stripped(text);
    if (t.isEmpty()) return QValidator::Intermediate;
    bool ok = false;
    const double v = t.toDouble(&ok);
    if (ok) return (v >= minimum() && v <= maximum()) ? QValidator::Acceptable : QValidator::Intermediate;
    // Partial input such as "1e", "1e-" or "-".
    static const QRegularExpression partial(QStringLiteral("^-?[0-9]*\\.?[0-9]*([eE][-+]?[0-9]*)?$"));
    return partial.match(t).hasMatch() ? QValidator::Intermediate : QValidator::Invalid;
}

void FloatSpinBox::stepBy(int steps) {
    if (!logSteps()) {
        QDoubleSpinBox::stepBy(steps);
        return;
    }
    // 1-2-5 sequence: each step moves to the next of ..., 1e-4, 2e-4, 5e-4, 1e-3, ...
    double v = value();
    for (int i = 0; i < std::abs(steps); ++i) {
        if (v <= 0) {
            v = steps > 0 ? m_smallest : 0;
            continue;
        }
        const double decade = std::pow(10.0, std::floor(std::log10(v) + 1e-9));
        const double m = v / decade;  // 1 <= m < 10
        if (steps > 0)
            v = (m < 1.999 ? 2 : m < 4.999 ? 5 : 10) * decade;
        else
            v = (m > 5.001 ? 5 : m > 2.001 ? 2 : m > 1.001 ? 1 : 0.5) * decade;
        if (steps < 0 && v < m_smallest * 0.999) v = minimum() <= 0 ? 0 : m_smallest;
    }
    setValue(std::clamp(v, minimum(), maximum()));
}
