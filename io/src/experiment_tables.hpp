#pragma once
// One reader per kind of recipe: the tables of the recipe's top level → the experiment's Spec, validated
// once (Spec::validate), its error re-thrown at the recipe key the parameter path names.
#include "dln/experiments/experiment.hpp"
#include "dln/io/table_reader.hpp"

namespace dln::io {

experiments::Spec read_learning_curves(TableReader& top);
experiments::Spec read_systematicity_map(TableReader& top);
experiments::Spec read_module_curves(TableReader& top);
experiments::Spec read_systematicity_race(TableReader& top);
experiments::Spec read_shared_modules(TableReader& top);
experiments::Spec read_learned_routing(TableReader& top);
experiments::Spec read_held_out_routing(TableReader& top);
experiments::Spec read_module_scale(TableReader& top);
experiments::Spec read_full_rank(TableReader& top);
experiments::Spec read_generalization(TableReader& top);
experiments::Spec read_validation_suite(TableReader& top);
experiments::Spec read_relu_dataset(TableReader& top);
experiments::Spec read_relu_fashion(TableReader& top);
experiments::Spec read_data_curves(TableReader& top);

}  // namespace dln::io
