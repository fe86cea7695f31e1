#include "dln/modules/engine.hpp"
#include "dln/modules/specialisation.hpp"

namespace dln::modules {

void read_routing(Readout& row, const Description& description, const Eigen::MatrixXd& gates) {
  row.gates = gates;
  if (!routes(description)) return;
  const Eigen::MatrixXd P = routing_matrix(gates, description.dataset);
  row.routing = specialisation_metrics(P);
  row.routing_entropy = routing_entropy(gates);
  const Eigen::VectorXd load = module_load(P);
  row.load.assign(load.begin(), load.end());
}

}  // namespace dln::modules
