#include "widgets/evaluate/probability_bars.h"

#include <QPainter>
#include <algorithm>

namespace {
// "3 Dress", or only "3" when the class's name is its number (MNIST).
QString classLabel(int c, const QStringList& names) {
    const QString n = names.value(c);
    return n.isEmpty() || n == QString::number(c) ? QString::number(c)
                                                  : QStringLiteral("%1 %2").arg(c).arg(n);
}
}  // namespace

ProbabilityBars::ProbabilityBars(QWidget* parent) : QWidget(parent) {
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
}

void ProbabilityBars::setProbabilities(std::vector<float> probabilities, const QStringList& names) {
    m_probabilities = std::move(probabilities);
    m_names = names;
    m_message.clear();
    updateGeometry();
    update();
}

void ProbabilityBars::showMessage(const QString& message) {
    m_probabilities.clear();
    m_message = message;
    update();
}

int ProbabilityBars::predicted() const {
    if (m_probabilities.empty()) return -1;
    return int(std::max_element(m_probabilities.begin(), m_probabilities.end()) - m_probabilities.begin());
}

QSize ProbabilityBars::sizeHint() const {
    const int rows = std::max<int>(10, int(m_probabilities.size()));
    return QSize(260, rows * (fontMetrics().height() + 2) + 4);
}

QSize ProbabilityBars::minimumSizeHint() const {
    return QSize(160, sizeHint().height());
}

void ProbabilityBars::paintEvent(QPaintEvent*) {
    QPainter p(this);
    const QFontMetrics fm = fontMetrics();
    if (m_probabilities.empty()) {
        p.setPen(palette().color(QPalette::WindowText));
        p.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap, m_message);
        return;
    }
    const int k = int(m_probabilities.size());
    const int rowH = std::max(fm.height() + 2, std::min(height() / k, fm.height() * 2));
    int nameW = 0;
    for (int c = 0; c < k; ++c) nameW = std::max(nameW, fm.horizontalAdvance(classLabel(c, m_names)));
    const int pctW = fm.horizontalAdvance(QStringLiteral("100.0%")) + 6;
    const int barX = nameW + 8, barW = std::max(20, width() - barX - pctW);
    const int best = predicted();
    for (int c = 0; c < k; ++c) {
        const int y = c * rowH;
        QFont f = font();
        f.setBold(c == best);
        p.setFont(f);
        p.setPen(palette().color(QPalette::WindowText));
        p.drawText(QRect(0, y, nameW, rowH), Qt::AlignRight | Qt::AlignVCenter, classLabel(c, m_names));
        const QRect track(barX, y + 2, barW, rowH - 4);
        p.fillRect(track, palette().color(QPalette::AlternateBase));
        const int w = int(barW * std::clamp(m_probabilities[c], 0.0f, 1.0f) + 0.5f);
        p.fillRect(QRect(track.left(), track.top(), w, track.height()),
                   c == best ? QColor(230, 110, 30) : QColor(70, 130, 180));
        p.drawText(QRect(barX + barW + 4, y, pctW, rowH), Qt::AlignLeft | Qt::AlignVCenter,
                   QString::number(100.0 * m_probabilities[c], 'f', 1) + QLatin1Char('%'));
    }
}
