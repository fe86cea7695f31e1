#include "dln/validation/comparison.hpp"

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
  std::vector<Comparison> all;
  for (const auto& [name, group] : groups) {
    if (options.progress) options.progress(name);
    auto rows = group                    ? group(options.quick)
                : options.paper_setting ? compare_paper_setting(*options.paper_setting)
                                        : compare_paper_setting(run_paper_setting());
    all.insert(all.end(), rows.begin(), rows.end());
  }
  return all;
}

}  // namespace dln::validation
