// widgets/session/class_names: the built-in datasets' class names follow the UI language; names the user
// chose (an image folder's classes) and the digits are shown as they are.
#include <QtTest>

#include "core/dataset_identity.h"
#include "widgets/common/language_manager.h"
#include "widgets/session/class_names.h"

using layerlab::DatasetKind;

class TestClassNames : public QObject {
    Q_OBJECT
private slots:
    void followTheLanguage() {
        LanguageManager manager;
        const auto& fashion = layerlab::classNames(DatasetKind::FashionMNIST);
        QVERIFY(manager.setChoice(QStringLiteral("en"), false));
        QCOMPARE(displayClassNames(fashion).value(0), QStringLiteral("T-shirt/top"));
        QCOMPARE(displayClassName(fashion, 9), QStringLiteral("Ankle boot"));

        QVERIFY(manager.setChoice(QStringLiteral("zh_CN"), false));
        const QStringList zh = displayClassNames(fashion);
        QCOMPARE(zh.size(), 10);
        QCOMPARE(zh.value(0), QStringLiteral("T恤/上衣"));
        QCOMPARE(zh.value(7), QStringLiteral("运动鞋"));
        QCOMPARE(displayClassName(fashion, 9), QStringLiteral("短靴"));
        // every name has its own translation
        QCOMPARE(QSet<QString>(zh.begin(), zh.end()).size(), 10);
        for (int c = 0; c < 10; ++c)
            QVERIFY2(zh.value(c) != QString::fromStdString(fashion[std::size_t(c)]), qPrintable(zh.value(c)));
        // the digits stay digits; outside the table, the label's number
        QCOMPARE(displayClassNames(layerlab::classNames(DatasetKind::MNIST)).value(3), QStringLiteral("3"));
        QCOMPARE(displayClassName(fashion, 12), QStringLiteral("12"));
        QCOMPARE(displayClassName(fashion, -1), QStringLiteral("-1"));
        QVERIFY(manager.setChoice(QStringLiteral("en"), false));
    }
    // An image folder's classes are the folder names its owner chose: never translated, even where one of
    // them is a Fashion-MNIST name.
    void folderNamesStayAsTheyAre() {
        LanguageManager manager;
        QVERIFY(manager.setChoice(QStringLiteral("zh_CN"), false));
        const std::vector<std::string> folder = {"Bag", "Sneaker", "cat"};
        QCOMPARE(displayClassNames(folder), (QStringList{"Bag", "Sneaker", "cat"}));
        QCOMPARE(displayClassName(folder, 0), QStringLiteral("Bag"));
        QCOMPARE(displayClassName({"", "x"}, 0), QStringLiteral("0"));
        QVERIFY(manager.setChoice(QStringLiteral("en"), false));
    }
};

QTEST_MAIN(TestClassNames)
#include "tst_class_names.moc"
