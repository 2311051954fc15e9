#pragma once
// Short human-readable numbers for labels: parameter counts, FLOPs, bytes.
#include <QString>

namespace QuantityFormat {

QString count(double n);      // "840", "12,544", "1.23 M", "4.5 G"
QString flops(double n);      // "3.2 MFLOPs"
QString bytes(double n);      // "512 B", "48.2 KB", "1.3 MB" (SI units: 1 MB = 10^6 bytes)
QString params(long long n);  // "1 param", "3,210 params", "1.2 M params"
// "1 run", "0 runs", "1,024 runs": n and the noun in the form that goes with it. (tr("%n run(s)", 0, n)
// shows "(s)" as it is unless a translation file gives the plural forms, and LayerLab ships none.)
QString counted(long long n, const QString& one, const QString& many);

}  // namespace QuantityFormat
