#include "widgets/training/step_batch_grid.h"

#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>
#include <algorithm>

#include "widgets/common/dataset_image.h"
#include "widgets/session/class_names.h"

namespace {
QString prob(double v) {
    return QString::number(v, 'f', 2);
}
QString signedProb(double v) {
    return (v >= 0 ? QStringLiteral("+") : QString()) + QString::number(v, 'f', 2);
}
}  // namespace

StepBatchGrid::StepBatchGrid(QWidget* parent) : QWidget(parent) {
    setFocusPolicy(Qt::StrongFocus);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    setAccessibleName(tr("The batch's images"));
}

QString StepBatchGrid::className(const layerlab::StepInspection& s, int c) {
    return displayClassName(s.classNames, c);
}

void StepBatchGrid::setStep(std::shared_ptr<const layerlab::StepInspection> step, QVector<int> order) {
    m_step = std::move(step);
    m_order = std::move(order);
    m_images.clear();
    if (m_step) {
        const std::size_t size = std::size_t(m_step->channels) * m_step->rows * m_step->cols;
        for (int s = 0; s < m_step->samples; ++s)
            m_images.push_back(
                datasetImage(m_step->pixels.data() + size * s, m_step->rows, m_step->cols, m_step->channels));
    }
    m_longestName = 0;
    const QFontMetrics fm(font());
    for (int c = 0; m_step && c < m_step->classes; ++c)
        m_longestName = std::max(m_longestName, fm.horizontalAdvance(className(*m_step, c)));
    if (!m_step || m_current >= m_step->samples) m_current = m_step && m_step->samples > 0 ? 0 : -1;
    if (m_current < 0 && m_step && m_step->samples > 0) m_current = 0;
    updateGeometry();
    update();
}

void StepBatchGrid::setCurrentSample(int sample) {
    if (!m_step || sample < 0 || sample >= m_step->samples || sample == m_current) return;
    m_current = sample;
    update();
    emit sampleChosen(sample);
}

QSize StepBatchGrid::cell() const {
    const QFontMetrics fm(font());
    // Wide enough for "name → name" of the longest class name, within limits (longer names are elided).
    const int text = std::max(fm.horizontalAdvance(QStringLiteral("0.00 → 0.00")),
                              2 * m_longestName + fm.horizontalAdvance(QStringLiteral(" → ")));
    const int w = std::clamp(text + 8, 64, 3 * 56);
    return {w, 56 + 6 + 3 * fm.height() + 4};
}

int StepBatchGrid::columnsFor(int width) const {
    return std::max(1, (width - kGap) / (cell().width() + kGap));
}

int StepBatchGrid::heightForWidth(int width) const {
    const int n = std::max(1, int(m_order.size()));
    const int rows = (n + columnsFor(width) - 1) / columnsFor(width);
    return kGap + rows * (cell().height() + kGap);
}

QSize StepBatchGrid::sizeHint() const {
    const int w = kGap + 6 * (cell().width() + kGap);
    return {w, heightForWidth(w)};
}

QSize StepBatchGrid::minimumSizeHint() const {
    return {cell().width() + 2 * kGap, cell().height() + 2 * kGap};
}

QRect StepBatchGrid::tileRect(int position) const {
    const int cols = columnsFor(width());
    const QSize c = cell();
    return {kGap + (position % cols) * (c.width() + kGap), kGap + (position / cols) * (c.height() + kGap),
            c.width(), c.height()};
}

int StepBatchGrid::tileAt(const QPoint& pos) const {
    for (int i = 0; i < m_order.size(); ++i)
        if (tileRect(i).contains(pos)) return i;
    return -1;
}

void StepBatchGrid::paintEvent(QPaintEvent*) {
    QPainter p(this);
    if (!m_step) return;
    const QFontMetrics fm(font());
    const QColor right(46, 160, 67), wrong(207, 34, 46), changed(230, 160, 20);
    for (int i = 0; i < m_order.size(); ++i) {
        const int s = m_order[i];
        const QRect r = tileRect(i);
        const int label = m_step->labels[std::size_t(s)];
        const int before = m_step->predicted(s, false), after = m_step->predicted(s, true);
        const double pb = m_step->value(s, label, false), pa = m_step->value(s, label, true);
        if (before != after) p.fillRect(r, changed.lighter(170));
        p.setPen(QPen(after == label ? right : wrong, s == m_current ? 3 : 1.5));
        p.drawRect(r.adjusted(1, 1, -2, -2));
        const QRect img(r.center().x() - 28, r.top() + 4, 56, 56);
        p.drawImage(img, m_images[s]);
        int y = img.bottom() + 3;
        const QRect line(r.left() + 2, y, r.width() - 4, fm.height());
        p.setPen(palette().color(QPalette::WindowText));
        p.drawText(
            line, Qt::AlignHCenter,
            fm.elidedText(tr("label %1").arg(className(*m_step, label)), Qt::ElideRight, line.width()));
        QFont bold = font();
        bold.setBold(before != after);
        p.setFont(bold);
        const QFontMetrics bm(bold);
        const QString preds = className(*m_step, before) + QStringLiteral(" → ") + className(*m_step, after);
        p.setPen(after == label ? right.darker(120) : wrong);
        p.drawText(line.translated(0, fm.height()), Qt::AlignHCenter,
                   bm.elidedText(preds, Qt::ElideMiddle, line.width()));
        p.setFont(font());
        p.setPen(pa >= pb ? right.darker(120) : wrong);
        p.drawText(line.translated(0, 2 * fm.height()), Qt::AlignHCenter, signedProb(pa - pb));
        if (s == m_current && hasFocus()) {
            p.setPen(QPen(palette().color(QPalette::Highlight), 1, Qt::DotLine));
            p.drawRect(r.adjusted(3, 3, -4, -4));
        }
    }
}

bool StepBatchGrid::event(QEvent* e) {
    if (e->type() == QEvent::ToolTip && m_step) {
        auto* he = static_cast<QHelpEvent*>(e);
        const int i = tileAt(he->pos());
        if (i < 0) {
            QToolTip::hideText();
            e->ignore();
            return true;
        }
        const int s = m_order[i];
        const int label = m_step->labels[std::size_t(s)];
        const int before = m_step->predicted(s, false), after = m_step->predicted(s, true);
        const QString what = m_step->probabilities ? tr("probability") : tr("output");
        QToolTip::showText(he->globalPos(),
                           tr("Sample %1 of the batch (training image %2), label %3\n"
                              "Before the step: predicts %4, %5 of the label %6\n"
                              "After the step: predicts %7, %5 of the label %8")
                               .arg(s + 1)
                               .arg(m_step->indices.empty() ? 0 : m_step->indices[std::size_t(s)])
                               .arg(className(*m_step, label), className(*m_step, before), what,
                                    prob(m_step->value(s, label, false)), className(*m_step, after),
                                    prob(m_step->value(s, label, true))),
                           this);
        return true;
    }
    return QWidget::event(e);
}

void StepBatchGrid::mousePressEvent(QMouseEvent* e) {
    const int i = tileAt(e->position().toPoint());
    if (i >= 0) setCurrentSample(m_order[i]);
    setFocus(Qt::MouseFocusReason);
}

void StepBatchGrid::keyPressEvent(QKeyEvent* e) {
    if (!m_step || m_order.isEmpty()) return QWidget::keyPressEvent(e);
    const int pos = std::max(0, int(m_order.indexOf(m_current)));
    const int cols = columnsFor(width());
    int next = pos;
    switch (e->key()) {
        case Qt::Key_Left:
            next = pos - 1;
            break;
        case Qt::Key_Right:
            next = pos + 1;
            break;
        case Qt::Key_Up:
            next = pos - cols;
            break;
        case Qt::Key_Down:
            next = pos + cols;
            break;
        case Qt::Key_Home:
            next = 0;
            break;
        case Qt::Key_End:
            next = int(m_order.size()) - 1;
            break;
        default:
            return QWidget::keyPressEvent(e);
    }
    next = std::clamp(next, 0, int(m_order.size()) - 1);
    setCurrentSample(m_order[next]);
}
