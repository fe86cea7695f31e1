// The recipe reader: a recipe becomes the experiment's Spec with the recipe's values, every Spec is
// validated once, and each kind of bad input names the file, line and column of the offending key.
#define BOOST_TEST_MODULE recipes
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <string>

#include "dln/analytic/invalid_input.hpp"
#include "dln/io/experiment_json.hpp"
#include "dln/io/recipes.hpp"

using namespace dln;
namespace fs = std::filesystem;

namespace {

// A fresh directory holding one recipe `name`.toml with this text.
fs::path recipe_dir(const std::string& test, const std::string& name, const std::string& text) {
  const fs::path dir = fs::absolute("recipes_test_output") / test;
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / (name + ".toml")) << text;
  return dir;
}

// The message of the dln::InvalidInput that reading the directory throws ("" when none).
std::string error_of(const fs::path& dir) {
  try {
    io::read_recipes(dir);
  } catch (const InvalidInput& e) {
    return e.what();
  }
  return "";
}

const std::string kHead = "kind = \"learning-curves\"\ntitle = \"t\"\ncaption = \"c\"\n";

}  // namespace

BOOST_AUTO_TEST_CASE(a_learning_curves_recipe_becomes_its_spec) {
  const fs::path dir = recipe_dir("read", "curves",
                                  kHead + "order = 5\n[dataset]\nn1 = 4\nk1 = 2\n[training]\nrule = \"sgd\"\nbatch = 4\n"
                                          "lr = 0.01\nseeds = 4\n[init]\nkind = \"aligned\"\na0 = 1e-4\nseed = 3\n"
                                          "[theory]\ntime = \"flow\"\n");
  const auto recipes = io::read_recipes(dir);
  BOOST_TEST_REQUIRE(recipes.size() == 1u);
  BOOST_TEST(recipes[0].info.name == "curves");
  BOOST_TEST(recipes[0].info.order == 5);
  const auto& spec = std::get<experiments::LearningCurvesSpec>(recipes[0].experiment);
  BOOST_TEST(spec.dataset.n1 == 4);
  BOOST_TEST(spec.dataset.n2 == 1);  // the paper's default
  BOOST_TEST(spec.dataset.k1 == 2);
  BOOST_TEST((spec.training.rule == training::Rule::sgd));
  BOOST_TEST(spec.training.batch == 4);
  BOOST_TEST(spec.training.lr == 0.01);
  BOOST_TEST((spec.init.kind == training::InitOptions::Kind::aligned));
  BOOST_TEST(spec.init.a0 == 1e-4);
  BOOST_TEST(spec.seed == 3u);  // SGD's batch order
  BOOST_TEST(spec.seeds == 4);
  BOOST_TEST((spec.theory_time == analytic::TimeModel::flow));
  // The manifest's parameters use the recipes' names.
  const nlohmann::json json = spec;
  BOOST_TEST(json["rule"] == "sgd");
  BOOST_TEST(json["batch"] == 4);
  BOOST_TEST(json["init"] == "aligned");
  BOOST_TEST(json["P"] == 16);
  BOOST_TEST(json["theory_time"] == "flow");
  BOOST_TEST(json["seeds"] == 4);
}

// A Spec's error is reported at the key that holds the value: in the table the key sits in, at its
// line and column, or at the table when the key took its default.
BOOST_AUTO_TEST_CASE(validation_errors_point_at_the_recipe_key) {
  BOOST_TEST(error_of(recipe_dir("n2", "curves", kHead + "[dataset]\nn1 = 2\nn2 = 3\n"))
                 .find("curves.toml:6:6: [dataset] n2 must") != std::string::npos);
  BOOST_TEST(error_of(recipe_dir("scale", "curves", kHead + "[init]\nscale = -1.0\n"))
                 .find("curves.toml:5:9: [init] scale ") != std::string::npos);
  BOOST_TEST(error_of(recipe_dir("batch", "curves", kHead + "[training]\nrule = \"sgd\"\nbatch = 99\n"))
                 .find("curves.toml:6:9: [training] batch") != std::string::npos);
  // A key that took its default has no line: the error names the table it belongs in.
  // (An aligned init needs a hidden unit per mode: 128 at n1 = 7, more than the default 50.)
  const std::string hidden = error_of(recipe_dir("default", "curves", kHead + "[dataset]\nn1 = 7\n[init]\nkind = \"aligned\"\n"));
  BOOST_TEST(hidden.find("curves.toml: [init] hidden ") != std::string::npos, hidden);
  const std::string configurations =
      "kind = \"generalization\"\ntitle = \"t\"\ncaption = \"c\"\n[training]\ntrain = [0, 5]\n"
      "[[configuration]]\nn1 = 3\n[[configuration]]\nn1 = 2\n";
  const std::string train_error = error_of(recipe_dir("train", "losses", configurations));
  BOOST_TEST(train_error.find("losses.toml:5:9: [training] train") != std::string::npos, train_error);
  BOOST_TEST(train_error.find("[[configuration]] #2") != std::string::npos, train_error);  // P = 4 there
  const std::string no_outputs = error_of(recipe_dir(
      "outputs", "losses",
      "kind = \"generalization\"\ntitle = \"t\"\ncaption = \"c\"\n[[configuration]]\n[[configuration]]\nn2 = 0\nk2 = 0\n"));
  BOOST_TEST(no_outputs.find("losses.toml:7:6: [[configuration]] #2 k2 and n2 are both 0") != std::string::npos,
             no_outputs);
}

BOOST_AUTO_TEST_CASE(unknown_keys_and_kinds_are_refused_with_what_is_accepted) {
  const std::string unknown = error_of(recipe_dir("unknown", "curves", kHead + "[init]\nsigma = 1e-3\n"));
  BOOST_TEST(unknown.find("curves.toml:5:1: unknown key 'sigma' in [init]; accepted here:") != std::string::npos, unknown);
  BOOST_TEST(unknown.find("scale") != std::string::npos);
  const std::string kind = error_of(recipe_dir("kind", "x", "kind = \"heatmap\"\ntitle = \"t\"\ncaption = \"c\"\n"));
  BOOST_TEST(kind.find("x.toml:1:8: kind 'heatmap' is not a kind of figure (" + io::recipe_kinds() + ")") !=
                 std::string::npos,
             kind);
}

// The module kinds: a recipe's dataset and run keys reach the Spec, and an error names the key's position.
BOOST_AUTO_TEST_CASE(module_recipes_become_their_specs_and_errors_point_at_the_key) {
  const std::string head = "kind = \"module-curves\"\ntitle = \"t\"\ncaption = \"c\"\n";
  const auto recipes = io::read_recipes(recipe_dir(
      "modules", "gt", head + "[dataset]\nrules = 2\nprior = [0.25, 0.75]\n[run]\npresets = [\"gt-modular\"]\n"
                              "init = \"random\"\nscale = 1e-4\nseed = 7\nview = \"loss\"\n"));
  const auto& spec = std::get<experiments::ModuleCurvesSpec>(recipes.at(0).experiment);
  BOOST_TEST(spec.dataset.rules == 2);
  BOOST_TEST(spec.dataset.rule_prior(1) == 0.75);
  BOOST_TEST(spec.presets == std::vector<std::string>{"gt-modular"});
  BOOST_TEST(spec.random_init);
  BOOST_TEST(spec.init_scale == 1e-4);
  BOOST_TEST(spec.seed == 7u);
  BOOST_TEST((spec.view == experiments::ModuleCurvesView::loss));
  const std::string prior = error_of(recipe_dir("prior", "gt", head + "[dataset]\nrules = 2\nprior = [0.5, 0.6]\n[run]\npresets = [\"monolithic\"]\n"));
  BOOST_TEST(prior.find("gt.toml:6:9: [dataset] prior") != std::string::npos, prior);
  const std::string preset = error_of(recipe_dir("preset", "gt", head + "[run]\npresets = [\"gt\"]\n"));
  BOOST_TEST(preset.find("gt.toml:5:11: [run] presets") != std::string::npos, preset);
  const std::string race = error_of(recipe_dir(
      "race", "race", "kind = \"systematicity-race\"\ntitle = \"t\"\ncaption = \"c\"\n[race]\na0 = [1e-2, 1e-4]\n"
                      "gate_ratio = [1.0]\n"));
  BOOST_TEST(race.find("race.toml:5:6: [race] a0") != std::string::npos, race);
}
