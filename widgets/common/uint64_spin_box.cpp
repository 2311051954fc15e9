#include "widgets/common/uint64_spin_box.h"

#include <QLineEdit>
#include <QStyle>
#include <QStyleOptionSpinBox>
#include <algorithm>

UInt64SpinBox::UInt64SpinBox(QWidget* parent) : QAbstractSpinBox(parent) {
    setKeyboardTracking(false);
    lineEdit()->setText(QString::number(m_value));
    connect(this, &QAbstractSpinBox::editingFinished, this, &UInt64SpinBox::commitText);
}

void UInt64SpinBox::setRange(quint64 min, quint64 max) {
    m_min = min;
    m_max = std::max(min, max);
    setValue(std::clamp(m_value, m_min, m_max));
}

void UInt64SpinBox::setValue(quint64 value) {
    value = std::clamp(value, m_min, m_max);
    const QString text = QString::number(value);
    if (lineEdit()->text() != text) lineEdit()->setText(text);
    if (value == m_value) return;
    m_value = value;
    update();
    emit valueChanged(m_value);
}

bool UInt64SpinBox::parse(const QString& text, quint64* out) const {
    bool ok = false;
    const QString t = text.trimmed();
    if (t.startsWith(QLatin1Char('-')) || t.startsWith(QLatin1Char('+'))) return false;
    const quint64 v = t.toULongLong(&ok);
    if (!ok) return false;
    *out = v;
    return true;
}

void UInt64SpinBox::commitText() {
    quint64 v = 0;
    if (parse(lineEdit()->text(), &v))
        setValue(v);
    else
        lineEdit()->setText(QString::number(m_value));  // back to what it holds
}

void UInt64SpinBox::stepBy(int steps) {
    quint64 v = m_value;
    if (steps > 0)
        v = m_max - v < quint64(steps) ? m_max : v + quint64(steps);
    else if (steps < 0)
        v = v - m_min < quint64(-qint64(steps)) ? m_min : v - quint64(-qint64(steps));
    setValue(v);
    lineEdit()->selectAll();
}

QAbstractSpinBox::StepEnabled UInt64SpinBox::stepEnabled() const {
    StepEnabled e = StepNone;
    if (m_value > m_min) e |= StepDownEnabled;
    if (m_value < m_max) e |= StepUpEnabled;
    return e;
}

QValidator::State UInt64SpinBox::validate(QString& input, int&) const {
    const QString t = input.trimmed();
    if (t.isEmpty()) return QValidator::Intermediate;
    for (QChar c : t)
        if (!c.isDigit()) return QValidator::Invalid;
    quint64 v = 0;
    if (!parse(t, &v)) return QValidator::Invalid;  // beyond 2^64 - 1
    return (v >= m_min && v <= m_max) ? QValidator::Acceptable : QValidator::Intermediate;
}

void UInt64SpinBox::fixup(QString& input) const {
    quint64 v = 0;
    input = QString::number(parse(input, &v) ? std::clamp(v, m_min, m_max) : m_value);
}

QSize UInt64SpinBox::sizeHint() const {
    ensurePolished();
    const QFontMetrics fm(font());
    const int w = fm.horizontalAdvance(QString::number(m_max)) + 4;
    QStyleOptionSpinBox opt;
    initStyleOption(&opt);
    const QSize content(w, lineEdit()->sizeHint().height());
    return style()->sizeFromContents(QStyle::CT_SpinBox, &opt, content, this);
}
