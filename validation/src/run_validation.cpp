#include "dln/validation/comparison.hpp"

#include <iterator>

#include "dln/parallel/ordered_pool.hpp"

namespace dln::validation {

std::vector<Comparison> run_validation(const ValidationOptions& options) {
  using Group = std::vector<Comparison> (*)(bool);
  const std::pair<const char*, Group> groups[] = {
      {"V1 spectra vs numerical SVD", compare_spectra},
      {"V2 closed-form flow vs Boost.Odeint", compare_flow_with_odeint},
      {"V3 exact discrete map vs GD", compare_discrete_with_gd},
      {"V4 GD–flow gap order", compare_gd_gap_order},
      {"V5 paper setting", nullptr},  // not a function of `quick`: its run may be the caller's
      {"V6 minibatch SGD", compare_sgd_band},
      {"V7 asymptotes vs Y X⁺", compare_asymptotes},
      {"V8 other learning rules", compare_other_rules},
      {"V9 gated modules", compare_modules},
  };
  // The groups are independent: they run on a pool (dln::parallel::OrderedPool) and are reported in order.
  parallel::OrderedPool pool(std::size(groups), options.jobs, [&](std::size_t i) {
    const Group group = groups[i].second;
    return group                    ? group(options.quick)
           : options.paper_setting ? compare_paper_setting(*options.paper_setting)
                                   : compare_paper_setting(run_paper_setting());
  });
  std::vector<Comparison> all;
  for (std::size_t i = 0; i < pool.size(); ++i) {
    const auto rows = pool.get(i);
    if (options.progress) options.progress(groups[i].first);
    all.insert(all.end(), rows.begin(), rows.end());
  }
  return all;
}

}  // namespace dln::validation
