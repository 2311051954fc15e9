// widgets/common/uint64_spin_box and float_spin_box: the Training tab's and the Inspector's number boxes
// hold exactly what a model file may hold (all 64 bits of a seed, any float as its shortest exact text),
// typed as a user types them.
#include <QLineEdit>
#include <QSignalSpy>
#include <QtTest>
#include <limits>

#include "tests/support/widget_input.h"
#include "widgets/common/float_spin_box.h"
#include "widgets/common/uint64_spin_box.h"

using layerlab::test::typeInto;

class TestSpinBoxes : public QObject {
    Q_OBJECT
private slots:
    void uint64HoldsEveryBit() {
        UInt64SpinBox box;
        box.show();
        QVERIFY(QTest::qWaitForWindowExposed(&box));
        QSignalSpy changed(&box, &UInt64SpinBox::valueChanged);
        typeInto(&box, QStringLiteral("18446744073709551615"));
        QCOMPARE(box.value(), std::numeric_limits<quint64>::max());
        QCOMPARE(box.text(), QStringLiteral("18446744073709551615"));
        QCOMPARE(changed.count(), 1);  // once, when committed (no keyboard tracking)
        QCOMPARE(changed.first().first().value<quint64>(), std::numeric_limits<quint64>::max());
        // At the top, a step up stays there and is disabled; a step down is one less.
        box.stepBy(5);
        QCOMPARE(box.value(), std::numeric_limits<quint64>::max());
        box.stepBy(-1);
        QCOMPARE(box.value(), std::numeric_limits<quint64>::max() - 1);
    }
    void uint64RefusesWhatIsNotANumberInRange() {
        UInt64SpinBox box;
        int pos = 0;
        QString beyond = QStringLiteral("18446744073709551616");  // 2^64
        QCOMPARE(box.validate(beyond, pos), QValidator::Invalid);
        QString negative = QStringLiteral("-1");
        QCOMPARE(box.validate(negative, pos), QValidator::Invalid);
        QString letters = QStringLiteral("12a");
        QCOMPARE(box.validate(letters, pos), QValidator::Invalid);
        QString empty;
        QCOMPARE(box.validate(empty, pos), QValidator::Intermediate);
        box.setRange(10, 20);
        QString below = QStringLiteral("5");
        QCOMPARE(box.validate(below, pos), QValidator::Intermediate);  // may still become 5x
        QString fix = QStringLiteral("500");
        box.fixup(fix);
        QCOMPARE(fix, QStringLiteral("20"));
        QCOMPARE(box.value(), quint64(10));  // setRange clamped the old 0 up
        box.stepBy(-3);
        QCOMPARE(box.value(), quint64(10));  // never below the minimum
        box.stepBy(25);
        QCOMPARE(box.value(), quint64(20));
    }

    void floatShowsTheShortestExactText_data() {
        QTest::addColumn<float>("value");
        QTest::addColumn<QString>("text");
        QTest::newRow("0.001") << 0.001f << "0.001";
        QTest::newRow("1e-8") << 1e-8f << "1e-08";
        QTest::newRow("pi") << 3.14159265f << "3.1415927";
        QTest::newRow("0.99999") << 0.99999f << "0.99999";
        QTest::newRow("smallest normal") << std::numeric_limits<float>::min() << "1.1754944e-38";
        QTest::newRow("zero") << 0.f << "0";
    }
    void floatShowsTheShortestExactText() {
        QFETCH(float, value);
        QFETCH(QString, text);
        FloatSpinBox box;
        box.setRange(0, 1e6);
        box.setValue(double(value));
        QCOMPARE(box.text(), text);
        QCOMPARE(float(box.valueFromText(box.text())), value);  // reads back as the same float
    }
    void floatTakesScientificNotation() {
        FloatSpinBox box;
        box.setRange(0, 10);
        box.show();
        QVERIFY(QTest::qWaitForWindowExposed(&box));
        typeInto(&box, QStringLiteral("2.5e-4"));
        QCOMPARE(float(box.value()), 2.5e-4f);
        QCOMPARE(box.text(), QStringLiteral("0.00025"));
        int pos = 0;
        QString partial = QStringLiteral("1e-");
        QCOMPARE(box.validate(partial, pos), QValidator::Intermediate);
        QString words = QStringLiteral("fast");
        QCOMPARE(box.validate(words, pos), QValidator::Invalid);
        QString tooBig = QStringLiteral("11");
        QCOMPARE(box.validate(tooBig, pos), QValidator::Intermediate);
    }
    // Log steps walk 1, 2, 5, 10 per decade; up from 0 goes to the smallest step, down below it to 0.
    void floatLogSteps() {
        FloatSpinBox box;
        box.setRange(0, 1);
        box.setLogSteps(1e-5);
        QVERIFY(box.logSteps());
        box.setValue(0.001);
        box.stepBy(1);
        QCOMPARE(float(box.value()), 0.002f);
        box.stepBy(1);
        QCOMPARE(float(box.value()), 0.005f);
        box.stepBy(1);
        QCOMPARE(float(box.value()), 0.01f);
        box.stepBy(-2);
        QCOMPARE(float(box.value()), 0.002f);
        box.setValue(0);
        box.stepBy(1);
        QCOMPARE(float(box.value()), 1e-5f);
        box.stepBy(-1);
        QCOMPARE(box.value(), 0.0);
        box.setValue(0.5);
        box.stepBy(3);  // 1, then clamped at the maximum
        QCOMPARE(box.value(), 1.0);
    }
    void floatLinearSteps() {
        FloatSpinBox box;
        box.setRange(0, 1);
        box.setSingleStep(0.1);
        QVERIFY(!box.logSteps());
        box.setValue(0.2);
        box.stepBy(2);
        QCOMPARE(float(box.value()), 0.4f);
    }
};

QTEST_MAIN(TestSpinBoxes)
#include "tst_spin_boxes.moc"
