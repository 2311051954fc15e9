#pragma once
// Eigen views over raw float buffers. Shape letters: n = batch, I = inputs, O = outputs,
// C = channels, F = filters, K = kernel side, P = output pixels (Ho*Wo).
#include <Eigen/Core>

namespace layerlab {

using ColMat = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::ColMajor>;
using RowMat = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using MapCol = Eigen::Map<ColMat>;
using CMapCol = Eigen::Map<const ColMat>;
using MapRow = Eigen::Map<RowMat>;
using CMapRow = Eigen::Map<const RowMat>;
using MapVec = Eigen::Map<Eigen::VectorXf>;
using CMapVec = Eigen::Map<const Eigen::VectorXf>;
using MapArr = Eigen::Map<Eigen::ArrayXf>;
using CMapArr = Eigen::Map<const Eigen::ArrayXf>;

}  // namespace layerlab
