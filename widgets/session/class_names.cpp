#include "widgets/session/class_names.h"

#include <QCoreApplication>

#include "core/dataset_identity.h"
#include "core/dataset_kind.h"

namespace {
// Whether `names` is one of core's tables (a list that only matches one when it is that dataset's).
bool builtIn(const std::vector<std::string>& names) {
    for (const layerlab::DatasetInfo& d : layerlab::datasetKinds())
        if (names == layerlab::classNames(d.kind)) return true;
    return false;
}

QString shown(const std::string& name, bool translate) {
    return translate ? QCoreApplication::translate("layerlab", name.c_str()) : QString::fromStdString(name);
}
}  // namespace

QStringList displayClassNames(const std::vector<std::string>& names) {
    const bool translate = builtIn(names);
    QStringList out;
    out.reserve(qsizetype(names.size()));
    for (const std::string& n : names) out << shown(n, translate);
    return out;
}

QString displayClassName(const std::vector<std::string>& names, int label) {
    if (label < 0 || label >= int(names.size()) || names[std::size_t(label)].empty())
        return QString::number(label);
    return shown(names[std::size_t(label)], builtIn(names));
}
