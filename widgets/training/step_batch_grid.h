#pragma once
// The images of a stepped batch (core/step_inspection.h) as a wrapping grid of tiles: each tile the image as
// the step trained on it, its label, the class predicted before -> after the step and the change of the
// label's probability. A green frame: right after the step, red: wrong; an amber band marks a sample whose
// predicted class the step changed. Click or the arrow keys choose a sample (sampleChosen).
#include <QImage>
#include <QVector>
#include <QWidget>
#include <memory>

#include "core/step_inspection.h"

class StepBatchGrid : public QWidget {
    Q_OBJECT
public:
    explicit StepBatchGrid(QWidget* parent = nullptr);

    // order: the samples in the order to show them (indices into the batch).
    void setStep(std::shared_ptr<const layerlab::StepInspection> step, QVector<int> order);
    int currentSample() const { return m_current; }  // -1: none
    void setCurrentSample(int sample);
    // The text of a class in the grid: its name from the dataset, else its number.
    static QString className(const layerlab::StepInspection& s, int c);

    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    void sampleChosen(int sample);

protected:
    void paintEvent(QPaintEvent*) override;
    void mousePressEvent(QMouseEvent*) override;
    void keyPressEvent(QKeyEvent*) override;
    bool event(QEvent*) override;  // tooltips

private:
    QSize cell() const;
    int columnsFor(int width) const;
    int tileAt(const QPoint& pos) const;  // position in m_order, -1: none
    QRect tileRect(int position) const;

    std::shared_ptr<const layerlab::StepInspection> m_step;
    QVector<int> m_order;
    QVector<QImage> m_images;  // by sample
    int m_current = -1;
    int m_longestName = 0;  // pixels: the widest class name
    static constexpr int kGap = 6;
};
