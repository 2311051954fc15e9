#include "core/weight_init.h"

#include <algorithm>
#include <cmath>

namespace layerlab {

InitChoice chooseInit(const LayerSpec& l, const InitChoice& outer, bool feedsRelu) {
    InitChoice c = outer;
    if (l.init != WeightInit::Default) {
        c.kind = l.init;
        c.stddev = l.initStd;
    }
    c.feedsRelu = feedsRelu;
    return c;
}

std::vector<ChoiceOption> weightInitOptions(bool forLayer) {
    std::vector<ChoiceOption> out;
    if (forLayer) out.push_back({int(WeightInit::Default), "default", "As the model (Training tab)"});
    out.insert(out.end(), {{int(WeightInit::Auto), "auto", "Auto (He or Xavier)"},
                           {int(WeightInit::HeNormal), "he_normal", "He normal"},
                           {int(WeightInit::XavierNormal), "xavier_normal", "Xavier/Glorot normal"},
                           {int(WeightInit::XavierUniform), "xavier_uniform", "Xavier/Glorot uniform"},
                           {int(WeightInit::LeCunNormal), "lecun_normal", "LeCun normal"},
                           {int(WeightInit::Normal), "normal", "Normal (fixed std)", {"init_std"}},
                           {int(WeightInit::Zeros), "zeros", "Zeros"}});
    return out;
}

InitChoice modelInit(const TrainingSpec& t) {
    InitChoice c;
    c.kind = t.init == WeightInit::Default ? WeightInit::Auto : t.init;
    c.stddev = t.initStd;
    return c;
}

void initWeights(float* w, long long count, double fanIn, double fanOut, const InitChoice& c,
                 std::mt19937_64& rng) {
    WeightInit kind = c.kind;
    if (kind == WeightInit::Auto || kind == WeightInit::Default)
        kind = c.feedsRelu ? WeightInit::HeNormal : WeightInit::XavierNormal;
    auto normal = [&](double sd) {
        std::normal_distribution<double> dist(0.0, sd);
        for (long long i = 0; i < count; ++i) w[i] = float(dist(rng));
    };
    switch (kind) {
        case WeightInit::HeNormal:
            normal(std::sqrt(2.0 / fanIn));
            break;
        case WeightInit::XavierNormal:
            normal(std::sqrt(2.0 / (fanIn + fanOut)));
            break;
        case WeightInit::XavierUniform: {
            const double a = std::sqrt(6.0 / (fanIn + fanOut));
            std::uniform_real_distribution<double> dist(-a, a);
            for (long long i = 0; i < count; ++i) w[i] = float(dist(rng));
            break;
        }
        case WeightInit::LeCunNormal:
            normal(std::sqrt(1.0 / fanIn));
            break;
        case WeightInit::Normal:
            normal(double(c.stddev));
            break;
        default:  // Zeros
            std::fill(w, w + count, 0.0f);
            break;
    }
}

}  // namespace layerlab
