// Today's four architectures are presets of the module description (R = 1, gate 1): the module engine must give
// the single-rule simulator's numbers.
#define BOOST_TEST_MODULE modules_presets
#include <boost/test/unit_test.hpp>

#include "dense_reference.hpp"
#include "dln/modules/full_objective.hpp"
#include "dln/modules/init.hpp"
#include "dln/modules/run.hpp"
#include "dln/numeric/init.hpp"
#include "dln/training/simulate.hpp"

using namespace dln;
using analytic::Architecture;

// Same init (the module init draws the architecture's numbers in the same order), 150 GD epochs: the loss and the
// four quadrant norms of every epoch agree to 1e-14. Both codes compute the same sums in different orders, so they
// differ by rounding only (~1e-16 per step); 150 steps of a contracting map keep that below 1e-14.
BOOST_AUTO_TEST_CASE(architecture_presets_reproduce_the_single_rule_simulator) {
  const std::vector<analytic::DatasetSpec> settings = {{3, 1, 3, 1, 1.0, {}}, {3, 1, 2, 2, 0.7, {2}}, {2, 1, 1, 1, 1.3, {1}}};
  for (const auto& spec : settings)
    for (auto arch : {Architecture::dense, Architecture::split, Architecture::segregated, Architecture::shallow}) {
      const int hidden = 6;
      const auto description = modules::architecture_preset(arch, spec, hidden);
      const auto weights = numeric::random_init(spec, arch, hidden, 0.2, 21);
      const auto module_weights = modules::random_init(description, 0.2, 21);
      BOOST_TEST(test::max_state_difference(weights, module_weights) == 0.0);

      training::SimulationOptions sim;
      sim.lr = 0.01;
      sim.epochs = 150;
      const auto today = training::simulate(numeric::Objective(spec, arch), weights, sim, 0);
      modules::RunOptions options;
      options.lr = sim.lr;
      options.epochs = sim.epochs;
      const auto ours = modules::run_gd(modules::FullObjective(description), module_weights, options);
      BOOST_REQUIRE(today.rows.size() == ours.trajectory.rows.size());
      double worst = 0.0;
      for (std::size_t t = 0; t < today.rows.size(); ++t) {
        const auto& a = today.rows[t];
        const auto& b = ours.trajectory.rows[t];
        const auto& q = b.rule_quadrants[0];
        for (double diff : {a.loss - b.loss, a.quadrants.OxOy - q.OxOy, a.quadrants.GxOy - q.GxOy,
                            a.quadrants.OxGy - q.OxGy, a.quadrants.GxGy - q.GxGy})
          worst = std::max(worst, std::abs(diff));
      }
      BOOST_TEST_INFO("arch " << analytic::to_string(arch) << " n1 " << spec.n1);
      BOOST_TEST(worst < 1e-14);
      BOOST_TEST(ours.trajectory.rows.back().loss < 0.9 * ours.trajectory.rows.front().loss);
    }
}
