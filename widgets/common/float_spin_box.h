#pragma once
// A spin box for one float setting. It shows the shortest text that reads back as exactly the float it holds
// ("0.001", "1e-08", "3.1415927"): what it shows is what the file says, at any magnitude a float can hold.
// Accepts typed scientific notation; steps linearly (setSingleStep) or, for values that span decades
// (learning rate, epsilon, L2), through 1, 2, 5, 10, ... (setLogSteps).
#include <QDoubleSpinBox>

class FloatSpinBox : public QDoubleSpinBox {
    Q_OBJECT
public:
    explicit FloatSpinBox(QWidget* parent = nullptr);
    // Log steps; `smallest` is where stepping up from 0 goes (e.g. 1e-5 for L2). 0 = linear steps.
    void setLogSteps(double smallest) { m_smallest = smallest; }
    bool logSteps() const { return m_smallest > 0; }

    QString textFromValue(double value) const override;
    double valueFromText(const QString& text) const override;
    QValidator::State validate(QString& text, int& pos) const override;
    void stepBy(int steps) override;

private:
    QString stripped(const QString& text) const;
    double m_smallest = 0;
};
