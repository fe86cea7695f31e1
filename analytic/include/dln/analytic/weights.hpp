#pragma once
// Network weights, module by module, in the order of module_layouts(arch).
#include <Eigen/Dense>
#include <vector>

namespace dln::analytic {

struct ModuleWeights {
  Eigen::MatrixXd W1;  // deep: hidden × inputs; shallow: the map itself, outputs × inputs
  Eigen::MatrixXd W2;  // deep: outputs × hidden; shallow: empty
};

using NetworkWeights = std::vector<ModuleWeights>;

}  // namespace dln::analytic
