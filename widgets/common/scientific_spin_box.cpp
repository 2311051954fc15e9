#include "widgets/common/scientific_spin_box.h"

#include <QRegularExpression>
#include <cmath>

ScientificSpinBox::ScientificSpinBox(QWidget* parent) : QDoubleSpinBox(parent) {
    setDecimals(15);  // keep what was typed; the text is formatted by textFromValue
    setKeyboardTracking(false);
}

QString ScientificSpinBox::textFromValue(double value) const {
    return QString::number(value, 'g', 6);
}

double ScientificSpinBox::valueFromText(const QString& text) const {
    bool ok = false;
    const double v = text.trimmed().toDouble(&ok);
    return ok ? v : value();
}

QValidator::State ScientificSpinBox::validate(QString& text, int&) const {
    const QString t = text.trimmed();
    if (t.isEmpty()) return QValidator::Intermediate;
    bool ok = false;
    const double v = t.toDouble(&ok);
    if (ok) return (v >= minimum() && v <= maximum()) ? QValidator::Acceptable : QValidator::Intermediate;
    // Partial input such as "1e" or "1e-".
    static const QRegularExpression partial(QStringLiteral("^[0-9]*\\.?[0-9]*([eE][-+]?[0-9]*)?$"));
    return partial.match(t).hasMatch() ? QValidator::Intermediate : QValidator::Invalid;
}

void ScientificSpinBox::stepBy(int steps) {
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
