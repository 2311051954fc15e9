#pragma once
// A confusion matrix drawn as a grid: rows = true class, columns = predicted class, each cell coloured by its
// count (or by its share of the row, row-normalised) on a sequential colour map, with the recall of each row
// in a right margin and the precision of each column in a bottom margin. Rows are labelled with the class
// names, columns with the class numbers (names are long). Clicking a cell (or moving to it with the arrow
// keys) selects it and emits cellActivated(true class, predicted class).
#include <QStringList>
#include <QWidget>
#include <vector>

#include "core/evaluation.h"
#include "widgets/common/colormap.h"

class ConfusionMatrixView : public QWidget {
    Q_OBJECT
public:
    explicit ConfusionMatrixView(QWidget* parent = nullptr);

    void setMatrix(const layerlab::ConfusionMatrix& matrix, const QStringList& classNames);
    void clear();
    void setNormalised(bool on);
    bool isNormalised() const { return m_normalised; }
    const layerlab::ConfusionMatrix& matrix() const { return m_matrix; }

    // What a cell shows: "23" (counts) or "4.1%" (row-normalised); recall and precision as "97.1%" or "–".
    QString cellText(int trueClass, int predicted) const;
    QString recallText(int trueClass) const;
    QString precisionText(int predicted) const;
    // The colour scale the cells use now (for a legend).
    Colormap colormap() const;
    // Where cell (i, j) is drawn, in widget coordinates (empty without a matrix).
    QRect cellRect(int trueClass, int predicted) const;
    int selectedTrue() const { return m_selTrue; }
    int selectedPredicted() const { return m_selPred; }
    void selectCell(int trueClass, int predicted);  // no signal

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    void cellActivated(int trueClass, int predicted);

protected:
    void paintEvent(QPaintEvent*) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    struct Geometry {
        int left = 0, top = 0, cell = 0;
    };
    Geometry geometry() const;
    double value(int i, int j) const;
    bool cellAt(const QPoint& pos, int* i, int* j) const;

    layerlab::ConfusionMatrix m_matrix;
    std::vector<layerlab::ClassMetrics> m_metrics;
    std::vector<double> m_normalisedValues;
    QStringList m_names;
    bool m_normalised = false;
    int m_selTrue = -1, m_selPred = -1;
};
