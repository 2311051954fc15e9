// widgets/common/quantity_format: the short numbers of the summary bar and the layer blocks, in the C
// locale (a test must not depend on the machine's language).
#include <QLocale>
#include <QtTest>

#include "widgets/common/quantity_format.h"

class TestQuantityFormat : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void counts() {
        QCOMPARE(QuantityFormat::count(0), QStringLiteral("0"));
        QCOMPARE(QuantityFormat::count(840), QStringLiteral("840"));
        QCOMPARE(QuantityFormat::count(12544), QStringLiteral("12,544"));
        QCOMPARE(QuantityFormat::count(99999), QStringLiteral("99,999"));
        QCOMPARE(QuantityFormat::count(100000), QStringLiteral("100 k"));
        QCOMPARE(QuantityFormat::count(1234567), QStringLiteral("1.23 M"));
        QCOMPARE(QuantityFormat::count(45600000), QStringLiteral("45.6 M"));
        QCOMPARE(QuantityFormat::count(4.5e9), QStringLiteral("4.50 G"));
        QCOMPARE(QuantityFormat::count(2e12), QStringLiteral("2.00 T"));
        QCOMPARE(QuantityFormat::count(12.6), QStringLiteral("13"));  // whole things: rounded
    }
    void flops() {
        QCOMPARE(QuantityFormat::flops(3.2e6), QStringLiteral("3.20 MFLOPs"));
        QCOMPARE(QuantityFormat::flops(240e3), QStringLiteral("240 kFLOPs"));
        QCOMPARE(QuantityFormat::flops(512), QStringLiteral("512 FLOPs"));
        QCOMPARE(QuantityFormat::flops(14.78e6), QStringLiteral("14.8 MFLOPs"));
    }
    void bytes() {
        QCOMPARE(QuantityFormat::bytes(0), QStringLiteral("0 B"));
        QCOMPARE(QuantityFormat::bytes(512), QStringLiteral("512 B"));
        QCOMPARE(QuantityFormat::bytes(999), QStringLiteral("999 B"));
        QCOMPARE(QuantityFormat::bytes(48200), QStringLiteral("48.2 KB"));  // SI, and KB not kB
        QCOMPARE(QuantityFormat::bytes(1.3e6), QStringLiteral("1.30 MB"));
        QCOMPARE(QuantityFormat::bytes(10.2e6), QStringLiteral("10.2 MB"));
        QCOMPARE(QuantityFormat::bytes(282.2e9), QStringLiteral("282 GB"));
    }
    void params() {
        QCOMPARE(QuantityFormat::params(1), QStringLiteral("1 param"));
        QCOMPARE(QuantityFormat::params(0), QStringLiteral("0 params"));
        QCOMPARE(QuantityFormat::params(3210), QStringLiteral("3,210 params"));
        QCOMPARE(QuantityFormat::params(1200000), QStringLiteral("1.20 M params"));
    }
    void counted() {
        QCOMPARE(QuantityFormat::counted(0, "run", "runs"), QStringLiteral("0 runs"));
        QCOMPARE(QuantityFormat::counted(1, "run", "runs"), QStringLiteral("1 run"));
        QCOMPARE(QuantityFormat::counted(2, "run", "runs"), QStringLiteral("2 runs"));
        QCOMPARE(QuantityFormat::counted(1024, "trial", "trials"), QStringLiteral("1,024 trials"));
    }
};

QTEST_APPLESS_MAIN(TestQuantityFormat)
#include "tst_quantity_format.moc"
