#pragma once
// Input as a user gives it, for widget tests (header only: the core tests do not link Qt Widgets).
#include <QAbstractSpinBox>
#include <QString>
#include <QTest>

namespace layerlab::test {

// Types text into a spin box and presses Enter, as a user does.
inline void typeInto(QAbstractSpinBox* box, const QString& text) {
    box->setFocus();
    box->selectAll();
    QTest::keyClicks(box, text);
    QTest::keyClick(box, Qt::Key_Return);
}

}  // namespace layerlab::test
