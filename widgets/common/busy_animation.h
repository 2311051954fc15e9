#pragma once
// Qt 6.4's Fusion style animates a busy QProgressBar (range 0..0) with moving stripes, and stops that
// animation only when it paints the bar above its minimum. A bar that leaves the busy state at its minimum
// (the training bar after "Loading MNIST…" sits at 0 % until a run is 0.1 % done; a dialog's bar whose first
// report is 0 of n) keeps repainting itself, and the toolbar or dialog under it, 60 times a second for as
// long as it shows. While training takes every core, that drawing comes straight out of training.
class QProgressBar;

// From now on, the bar's busy animation ends as soon as the bar is not busy: its next animation frame is
// refused, and Qt stops an animation whose frame its target refuses (QStyleAnimation::updateTarget).
void endBusyAnimationWhenIdle(QProgressBar* bar);
