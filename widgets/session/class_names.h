#pragma once
// Class names as the studio shows them. The built-in datasets' names (Fashion-MNIST's "T-shirt/top" ..
// "Ankle boot", core/dataset_identity.h) are shown in the UI language: they are translated in context
// "layerlab" (listed in resources/translations/core_strings.cpp). Any other names, such as an image folder's
// classes, which the folder's owner chose, are shown as they are. QtCore only.
#include <QString>
#include <QStringList>
#include <string>
#include <vector>

QStringList displayClassNames(const std::vector<std::string>& names);
// displayClassNames(names)[label], or the label's number outside them.
QString displayClassName(const std::vector<std::string>& names, int label);
