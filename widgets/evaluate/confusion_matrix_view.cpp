#include "widgets/evaluate/confusion_matrix_view.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>
#include <algorithm>
#include <cmath>

namespace {
QString percent(double v) {
    return std::isfinite(v) ? QString::number(100 * v, 'f', 1) + QLatin1Char('%') : QStringLiteral("–");
}
// "3 Dress", or only "3" when the class's name is its number (MNIST).
QString rowLabel(int i, const QStringList& names) {
    const QString n = names.value(i);
    return n.isEmpty() || n == QString::number(i) ? QString::number(i)
                                                  : QStringLiteral("%1 %2").arg(i).arg(n);
}
}  // namespace

ConfusionMatrixView::ConfusionMatrixView(QWidget* parent) : QWidget(parent) {
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    setToolTip(
        tr("Rows: the true class. Columns: the class the model answered. Click a cell to see its "
           "images; the arrow keys move between cells."));
}

void ConfusionMatrixView::setMatrix(const layerlab::ConfusionMatrix& matrix, const QStringList& classNames) {
    m_matrix = matrix;
    m_metrics = layerlab::perClassMetrics(matrix);
    m_normalisedValues = matrix.rowNormalised();
    m_names = classNames;
    if (m_selTrue >= matrix.classes || m_selPred >= matrix.classes) m_selTrue = m_selPred = -1;
    update();
}

void ConfusionMatrixView::clear() {
    m_matrix = {};
    m_metrics.clear();
    m_normalisedValues.clear();
    m_selTrue = m_selPred = -1;
    update();
}

void ConfusionMatrixView::setNormalised(bool on) {
    m_normalised = on;
    update();
}

double ConfusionMatrixView::value(int i, int j) const {
    return m_normalised ? m_normalisedValues[std::size_t(i) * m_matrix.classes + j]
                        : double(m_matrix.at(i, j));
}

QString ConfusionMatrixView::cellText(int i, int j) const {
    if (i < 0 || j < 0 || i >= m_matrix.classes || j >= m_matrix.classes) return {};
    if (!m_normalised) return QString::number(m_matrix.at(i, j));
    const double v = value(i, j);
    if (m_matrix.at(i, j) == 0) return QStringLiteral("0");
    return QString::number(100 * v, 'f', v >= 0.995 ? 0 : 1) + QLatin1Char('%');
}

QString ConfusionMatrixView::recallText(int i) const {
    return i >= 0 && i < int(m_metrics.size()) ? percent(m_metrics[i].recall) : QString();
}

QString ConfusionMatrixView::precisionText(int j) const {
    return j >= 0 && j < int(m_metrics.size()) ? percent(m_metrics[j].precision) : QString();
}

Colormap ConfusionMatrixView::colormap() const {
    if (m_normalised) return Colormap::sequential(0, 1);
    long long hi = 1;
    for (long long c : m_matrix.counts) hi = std::max(hi, c);
    return Colormap::sequential(0, float(hi));
}

ConfusionMatrixView::Geometry ConfusionMatrixView::geometry() const {
    Geometry g;
    const int k = std::max(1, m_matrix.classes);
    const QFontMetrics fm = fontMetrics();
    int nameW = 0;
    for (int i = 0; i < k; ++i) nameW = std::max(nameW, fm.horizontalAdvance(rowLabel(i, m_names)));
    g.left = fm.height() + 6 + nameW + 8;  // the axis title, then the class names
    g.top = fm.height() * 2 + 8;           // the axis title, then the class numbers
    const int right = fm.horizontalAdvance(QStringLiteral("100.0%")) + 12;
    const int bottom = fm.height() * 2 + 10;  // precision, then its title
    g.cell = std::max(8, std::min((width() - g.left - right) / k, (height() - g.top - bottom) / k));
    return g;
}

QRect ConfusionMatrixView::cellRect(int i, int j) const {
    if (m_matrix.classes == 0) return {};
    const Geometry g = geometry();
    return QRect(g.left + j * g.cell, g.top + i * g.cell, g.cell, g.cell);
}

bool ConfusionMatrixView::cellAt(const QPoint& pos, int* i, int* j) const {
    if (m_matrix.classes == 0) return false;
    const Geometry g = geometry();
    const int col = (pos.x() - g.left) >= 0 ? (pos.x() - g.left) / g.cell : -1;
    const int row = (pos.y() - g.top) >= 0 ? (pos.y() - g.top) / g.cell : -1;
    if (row < 0 || col < 0 || row >= m_matrix.classes || col >= m_matrix.classes) return false;
    *i = row;
    *j = col;
    return true;
}

void ConfusionMatrixView::selectCell(int i, int j) {
    m_selTrue = i;
    m_selPred = j;
    update();
}

QSize ConfusionMatrixView::sizeHint() const {
    return QSize(520, 460);
}

QSize ConfusionMatrixView::minimumSizeHint() const {
    return QSize(300, 260);
}

void ConfusionMatrixView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.fillRect(rect(), palette().color(QPalette::Base));
    const int k = m_matrix.classes;
    if (k == 0) return;
    const Geometry g = geometry();
    const QFontMetrics fm = fontMetrics();
    const Colormap map = colormap();
    const QColor text = palette().color(QPalette::Text);

    // Axis titles.
    p.setPen(text);
    QFont bold = font();
    bold.setBold(true);
    p.setFont(bold);
    p.drawText(QRect(g.left, 2, g.cell * k, fm.height()), Qt::AlignCenter, tr("predicted class"));
    p.save();
    p.translate(2, g.top + g.cell * k / 2);
    p.rotate(-90);
    p.drawText(QRect(-g.cell * k / 2, 0, g.cell * k, fm.height()), Qt::AlignCenter, tr("true class"));
    p.restore();
    p.drawText(QRect(g.left + g.cell * k + 4, g.top - fm.height() - 4, width(), fm.height()),
               Qt::AlignLeft | Qt::AlignVCenter, tr("recall"));
    p.setFont(font());

    QFont cellFont = font();
    // Smaller text when "100.0%" does not fit a cell (the precision row) or "1000" barely does.
    if (g.cell < fm.horizontalAdvance(QStringLiteral("100.0%")) + 6)
        cellFont.setPointSizeF(
            font().pointSizeF() *
            std::max(0.6, double(g.cell - 6) / fm.horizontalAdvance(QStringLiteral("100.0%"))));
    for (int i = 0; i < k; ++i) {
        // Row label, column number, recall.
        p.setPen(text);
        p.drawText(QRect(fm.height() + 6, g.top + i * g.cell, g.left - fm.height() - 12, g.cell),
                   Qt::AlignRight | Qt::AlignVCenter, rowLabel(i, m_names));
        p.drawText(QRect(g.left + i * g.cell, g.top - fm.height() - 4, g.cell, fm.height()), Qt::AlignCenter,
                   QString::number(i));
        p.drawText(QRect(g.left + k * g.cell + 4, g.top + i * g.cell, width(), g.cell),
                   Qt::AlignLeft | Qt::AlignVCenter, recallText(i));
        p.setFont(cellFont);
        p.drawText(QRect(g.left + i * g.cell, g.top + k * g.cell + 2, g.cell, fm.height()), Qt::AlignCenter,
                   precisionText(i));
        p.setFont(font());
        p.setFont(cellFont);
        for (int j = 0; j < k; ++j) {
            const QRect r = cellRect(i, j);
            const QColor c = QColor::fromRgb(map.map(float(value(i, j))));
            p.fillRect(r, c);
            p.setPen(qGray(c.rgb()) > 140 ? Qt::black : Qt::white);
            p.drawText(r, Qt::AlignCenter, cellText(i, j));
        }
        p.setFont(font());
    }
    p.setPen(text);
    p.drawText(QRect(g.left, g.top + k * g.cell + fm.height() + 4, g.cell * k, fm.height()), Qt::AlignCenter,
               tr("precision"));
    p.setPen(QPen(palette().color(QPalette::Mid), 1));
    p.drawRect(QRect(g.left, g.top, g.cell * k, g.cell * k).adjusted(0, 0, -1, -1));
    if (m_selTrue >= 0) {
        p.setPen(QPen(QColor(255, 64, 0), 3));
        p.drawRect(cellRect(m_selTrue, m_selPred).adjusted(1, 1, -2, -2));
    }
    if (hasFocus()) {
        p.setPen(QPen(palette().color(QPalette::Highlight), 1, Qt::DotLine));
        p.drawRect(rect().adjusted(0, 0, -1, -1));
    }
}

void ConfusionMatrixView::mousePressEvent(QMouseEvent* event) {
    int i, j;
    if (event->button() == Qt::LeftButton && cellAt(event->position().toPoint(), &i, &j)) {
        selectCell(i, j);
        emit cellActivated(i, j);
    }
}

void ConfusionMatrixView::mouseMoveEvent(QMouseEvent* event) {
    int i, j;
    if (!cellAt(event->position().toPoint(), &i, &j)) {
        QToolTip::hideText();
        return;
    }
    const QString t = m_names.value(i, QString::number(i));
    const QString q = m_names.value(j, QString::number(j));
    const long long n = m_matrix.at(i, j);
    const long long row = m_matrix.rowSum(i);
    const QString what = i == j ? tr("%1 of %2 images of %3 answered correctly").arg(n).arg(row).arg(t)
                                : tr("%1 of %2 images of %3 taken for %4").arg(n).arg(row).arg(t, q);
    QToolTip::showText(event->globalPosition().toPoint(), what + tr(". Click to see them."), this);
}

void ConfusionMatrixView::keyPressEvent(QKeyEvent* event) {
    const int k = m_matrix.classes;
    if (k == 0) return QWidget::keyPressEvent(event);
    int i = std::max(0, m_selTrue), j = std::max(0, m_selPred);
    switch (event->key()) {
        case Qt::Key_Left:
            j = std::max(0, j - 1);
            break;
        case Qt::Key_Right:
            j = std::min(k - 1, j + 1);
            break;
        case Qt::Key_Up:
            i = std::max(0, i - 1);
            break;
        case Qt::Key_Down:
            i = std::min(k - 1, i + 1);
            break;
        case Qt::Key_Return:
        case Qt::Key_Enter:
        case Qt::Key_Space:
            break;
        default:
            return QWidget::keyPressEvent(event);
    }
    selectCell(i, j);
    emit cellActivated(i, j);
}
