#pragma once
// A spin box for values that span decades (learning rate, epsilon, L2): shows "0.001", "1e-08", steps
// multiplicatively through 1, 2, 5, 10, ... and accepts typed scientific notation.
#include <QDoubleSpinBox>

class ScientificSpinBox : public QDoubleSpinBox {
    Q_OBJECT
public:
    explicit ScientificSpinBox(QWidget* parent = nullptr);
    // The value stepping up from 0 goes to (e.g. 1e-5 for L2).
    void setSmallestStep(double v) { m_smallest = v; }

    QString textFromValue(double value) const override;
    double valueFromText(const QString& text) const override;
    QValidator::State validate(QString& text, int& pos) const override;
    void stepBy(int steps) override;

private:
    double m_smallest = 1e-6;
};
