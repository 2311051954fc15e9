#pragma once
// A square pad to draw a digit on with the mouse or a pen (a tablet's pen arrives as mouse events): dark
// ink on white paper on screen, kept as light ink on black in a canvas of canvasSize() x canvasSize() pixels
// (10x MNIST's 28), which image() returns for core/digit_preprocess. Strokes can be erased (eraser mode
// draws paper), undone one at a time (Ctrl+Z while the pad has the focus) and cleared. changed() is emitted
// on every movement of a stroke, not only when it ends.
#include <QImage>
#include <QPointF>
#include <QVector>
#include <QWidget>

#include "core/image_io.h"

class DrawingPad : public QWidget {
    Q_OBJECT
public:
    explicit DrawingPad(QWidget* parent = nullptr);

    static constexpr int canvasSize() { return 280; }
    // The canvas: light ink (255) on black (0), canvasSize() square.
    layerlab::GrayImage image() const;
    bool isEmpty() const;  // no ink on the canvas
    int strokeCount() const { return int(m_strokes.size()); }

    int brushWidth() const { return m_brush; }  // canvas pixels
    // The grey text on an empty pad ("Draw a digit here" unless set).
    void setPlaceholderText(const QString& text);
    QString placeholderText() const { return m_placeholder; }
    bool isErasing() const { return m_erasing; }

    // Strokes in canvas coordinates (what the mouse does, for tests and scripts).
    void beginStroke(QPointF at);
    void extendStroke(QPointF to);
    void endStroke();

    QSize sizeHint() const override { return {280, 280}; }
    QSize minimumSizeHint() const override { return {160, 160}; }
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int w) const override { return w; }

public slots:
    void setBrushWidth(int canvasPixels);
    void setErasing(bool on);
    void undoStroke();
    void clearAll();

signals:
    void changed();
    void strokeCountChanged(int count);

protected:
    bool event(QEvent* event) override;
    void paintEvent(QPaintEvent*) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    struct Stroke {
        QVector<QPointF> points;
        int width = 20;
        bool erase = false;
    };
    QRectF canvasRect() const;
    QPointF toCanvas(QPointF widgetPos) const;
    void paintStroke(const Stroke& s, int from);  // segments from point `from` on, into m_canvas
    void redraw();

    QVector<Stroke> m_strokes;
    QImage m_canvas;  // Grayscale8, light ink on black
    QString m_placeholder;
    bool m_drawing = false;
    int m_brush = 20;
    bool m_erasing = false;
};
