#pragma once
// Metatype declarations for the value types that training signals carry. Include this (not trainer.h alone)
// in every header whose signals or slots take these types, so all moc files see one declaration.
#include <QMetaType>
#include <memory>

#include "core/snapshot.h"
#include "core/trainer.h"

Q_DECLARE_METATYPE(layerlab::BatchMetrics)
Q_DECLARE_METATYPE(layerlab::EpochMetrics)
Q_DECLARE_METATYPE(layerlab::TrainResult)
Q_DECLARE_METATYPE(layerlab::HealthSample)
