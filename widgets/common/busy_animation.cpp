#include "widgets/common/busy_animation.h"

#include <QEvent>
#include <QProgressBar>

namespace {
// Owned by the bar it watches.
class BusyAnimationFilter : public QObject {
public:
    using QObject::QObject;
    bool eventFilter(QObject* watched, QEvent* e) override {
        if (e->type() == QEvent::StyleAnimationUpdate) {
            const auto* bar = static_cast<const QProgressBar*>(watched);
            if (bar->minimum() != 0 || bar->maximum() != 0) {
                e->ignore();  // not accepted: the animation stops itself
                return true;
            }
        }
        return false;
    }
};
}  // namespace

void endBusyAnimationWhenIdle(QProgressBar* bar) {
    bar->installEventFilter(new BusyAnimationFilter(bar));
}
