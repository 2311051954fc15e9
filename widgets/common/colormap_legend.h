#pragma once
// A horizontal colour bar with its low, middle and high values, e.g. "-0.42  0  +0.42" for weights.
#include <QString>
#include <QWidget>

#include "widgets/common/colormap.h"

class ColormapLegend : public QWidget {
    Q_OBJECT
public:
    explicit ColormapLegend(QWidget* parent = nullptr);
    void setColormap(const Colormap& map, const QString& caption = QString());
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent*) override;

private:
    Colormap m_map;
    QString m_caption;
};
