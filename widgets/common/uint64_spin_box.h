#pragma once
// A spin box for unsigned 64-bit values (the seed runs to 18446744073709551615; QSpinBox holds an int).
// Like a QSpinBox with keyboard tracking off: valueChanged fires when a typed value is committed (Enter,
// focus out) or on a step, and setValue shows a value (and fires when it changed).
#include <QAbstractSpinBox>

class UInt64SpinBox : public QAbstractSpinBox {
    Q_OBJECT
public:
    explicit UInt64SpinBox(QWidget* parent = nullptr);

    quint64 value() const { return m_value; }
    quint64 minimum() const { return m_min; }
    quint64 maximum() const { return m_max; }
    void setRange(quint64 min, quint64 max);

    void stepBy(int steps) override;
    QValidator::State validate(QString& input, int& pos) const override;
    void fixup(QString& input) const override;
    QSize sizeHint() const override;

public slots:
    void setValue(quint64 value);

signals:
    void valueChanged(quint64 value);

protected:
    StepEnabled stepEnabled() const override;

private:
    void commitText();
    bool parse(const QString& text, quint64* out) const;

    quint64 m_value = 0;
    quint64 m_min = 0;
    quint64 m_max = ~quint64(0);
};
