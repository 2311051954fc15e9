#include "widgets/common/quantity_format.h"

#include <QCoreApplication>
#include <QLocale>
#include <cmath>

namespace QuantityFormat {

namespace {
QString scaled(double n, const char* unitSuffix) {
    struct Step {
        double factor;
        const char* prefix;
    };
    static const Step steps[] = {{1e12, "T"}, {1e9, "G"}, {1e6, "M"}, {1e3, "k"}};
    for (const Step& s : steps) {
        if (std::abs(n) >= s.factor) {
            const double v = n / s.factor;
            const int decimals = std::abs(v) >= 100 ? 0 : (std::abs(v) >= 10 ? 1 : 2);
            return QStringLiteral("%1 %2%3").arg(QLocale().toString(v, 'f', decimals), s.prefix, unitSuffix);
        }
    }
    return QStringLiteral("%1 %2").arg(QLocale().toString(n, 'f', 0), unitSuffix).trimmed();
}
}  // namespace

QString count(double n) {
    if (std::abs(n) < 1e5) return QLocale().toString(static_cast<qlonglong>(std::llround(n)));
    return scaled(n, "").trimmed();
}

QString flops(double n) {
    return scaled(n, "FLOPs");
}

QString bytes(double n) {
    if (std::abs(n) < 1000) return QStringLiteral("%1 B").arg(static_cast<qlonglong>(std::llround(n)));
    return scaled(n, "B").replace(QLatin1String(" kB"), QLatin1String(" KB"));
}

QString params(long long n) {
    if (n == 1) return QCoreApplication::translate("QuantityFormat", "1 param");
    return QCoreApplication::translate("QuantityFormat", "%1 params").arg(count(double(n)));
}

QString counted(long long n, const QString& one, const QString& many) {
    return QStringLiteral("%1 %2").arg(QLocale().toString(static_cast<qlonglong>(n)), n == 1 ? one : many);
}

}  // namespace QuantityFormat
