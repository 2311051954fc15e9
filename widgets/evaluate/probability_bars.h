#pragma once
// One horizontal bar per class with its name and probability; the most probable class is highlighted.
// Without probabilities it shows a message instead ("Draw a digit first").
#include <QStringList>
#include <QWidget>
#include <vector>

class ProbabilityBars : public QWidget {
    Q_OBJECT
public:
    explicit ProbabilityBars(QWidget* parent = nullptr);
    void setProbabilities(std::vector<float> probabilities, const QStringList& classNames);
    void showMessage(const QString& message);
    const std::vector<float>& probabilities() const { return m_probabilities; }
    QString message() const { return m_message; }
    int predicted() const;  // -1 without probabilities
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent*) override;

private:
    std::vector<float> m_probabilities;
    QStringList m_names;
    QString m_message;
};
