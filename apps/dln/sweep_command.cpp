// dln sweep RECIPE: a grid of runs of one base command (theory, integrate, simulate, generalize) on every
// core, on MPI ranks, or as batch-array shards merged afterwards; the tables are the same bytes whichever
// ran them. The engine is dln::sweep; the recipe reader io/sweep_recipe.hpp; the tasks sweep_tasks.hpp.
#include <fmt/format.h>
#include <iostream>
#include <optional>

#include "cli_support.hpp"
#include "command.hpp"
#include "dln/analytic/invalid_input.hpp"
#include "dln/parallel/ordered_pool.hpp"
#include "progress_bar.hpp"
#include "sweep_output.hpp"
#include "sweep_tasks.hpp"
#ifdef DLN_WITH_MPI
#include "dln/sweep/mpi.hpp"
#endif

namespace dln::cli {

namespace {

class SweepCommand : public Command {
public:
  explicit SweepCommand(CLI::App& dln) {
    app = dln.add_subcommand("sweep", "run a grid of dln runs (threads, MPI ranks or batch-array shards); "
                                      "`dln sweep merge DIR` joins shards");
    app->add_option("recipe", recipe_path_, "the sweep recipe (TOML; see configs/sweeps/)");
    app->add_option("--out", out_, "output directory (created): sweep.csv, sweep_summary.csv, sweep.manifest.json")
        ->capture_default_str();
    add_jobs_flag(*app, jobs_, "tasks on this machine");
    auto* range = app->add_option("--task-range", task_range_, "run only tasks i..j−1 (0-based) into a shard");
    auto* shard = app->add_option("--shard", shard_, "run only shard k of K (1 ≤ k ≤ K) into a shard, e.g. "
                                                      "--shard $((SLURM_ARRAY_TASK_ID+1))/$SLURM_ARRAY_TASK_COUNT");
    range->excludes(shard);
    app->add_flag("--final-only", final_only_, "only each run's last row in sweep.csv");
    app->add_flag("--quiet,-q", quiet_, "no progress line");
    merge_ = app->add_subcommand("merge", "join the shards in DIR into sweep.csv, sweep_summary.csv and a manifest");
    merge_->add_option("directory", merge_directory_, "the --out directory of the shards")->required();
    app->require_subcommand(0, 1);
  }

  int run(RunRecord&) override {
    if (merge_->parsed()) {
      merge_shards(merge_directory_);
      return 0;
    }
    if (recipe_path_.empty()) throw InvalidInput("recipe", "is required: dln sweep RECIPE.toml [--out DIR]");
#ifdef DLN_WITH_MPI
    if (sweep::mpi::launched()) return run_mpi();
#endif
    const auto recipe = prepare();
    const auto range = task_range(recipe.definition);
    const int jobs = parallel::resolve_jobs(jobs_);
    std::vector<sweep::TaskResult> results;
    {
      ProgressBar progress(std::cerr, "dln sweep", "tasks", range.size(), ProgressBar::wanted(quiet_));
      results = sweep::run_threads(recipe.definition, range, jobs,
                                   [&](const sweep::Task& task) { return run_task(recipe, task); },
                                   [&](std::int64_t done) { progress.update(done); });
    }
    write_sweep(recipe, Backend{sharded() ? "shard" : "threads", jobs}, range, results, final_only_, out_);
    return 0;
  }

private:
  bool sharded() const { return !task_range_.empty() || !shard_.empty(); }

  io::SweepRecipe prepare() const {
    auto recipe = io::read_sweep_recipe(recipe_path_, sweep_base_commands());
    check_tasks(recipe);
    check_output_directory(out_);
    return recipe;
  }

  sweep::TaskRange task_range(const sweep::Definition& definition) const {
    if (!task_range_.empty()) return sweep::parse_task_range(task_range_, definition.task_count());
    if (!shard_.empty()) return sweep::parse_shard(shard_, definition.task_count());
    return {0, definition.task_count()};
  }

#ifdef DLN_WITH_MPI
  // Every rank reads and checks the recipe; only rank 0 reports errors and writes.
  int run_mpi() {
    const sweep::mpi::Session session;
    try {
      const auto recipe = prepare();
      const auto range = task_range(recipe.definition);
      std::optional<std::vector<sweep::TaskResult>> results;
      {
        ProgressBar progress(std::cerr, "dln sweep", "tasks", range.size(),
                             session.rank() == 0 && ProgressBar::wanted(quiet_));
        results = sweep::mpi::run(session, recipe.definition, range,
                                  [&](const sweep::Task& task) { return run_task(recipe, task); },
                                  [&](std::int64_t done) { progress.update(done); });
      }
      if (results)
        write_sweep(recipe, Backend{sharded() ? "mpi shard" : "mpi", session.size()}, range, *results, final_only_, out_);
      return 0;
    } catch (...) {
      if (session.rank() == 0) throw;
      return 2;
    }
  }
#endif

  std::string recipe_path_, out_ = "sweep", task_range_, shard_, merge_directory_;
  int jobs_ = 0;
  bool final_only_ = false, quiet_ = false;
  CLI::App* merge_ = nullptr;
};

}  // namespace

std::unique_ptr<Command> make_sweep_command(CLI::App& dln) { return std::make_unique<SweepCommand>(dln); }

}  // namespace dln::cli
