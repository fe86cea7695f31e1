// The sweep's task list and tables (dln::sweep): which task is which, its seed, shards that partition the list,
// refused definitions, and the long CSV and summary that every backend writes.
#define BOOST_TEST_MODULE sweep_plan
#include <boost/test/unit_test.hpp>

#include <set>
#include <string>
#include <vector>

#include "dln/analytic/invalid_input.hpp"
#include "dln/sweep/plan.hpp"
#include "dln/sweep/results.hpp"

using namespace dln::sweep;

namespace {

// simulate over lr (2 values) × init-scale (3 values), 2 seeds each: 12 tasks.
Definition two_axes() {
  Definition d;
  d.command = "simulate";
  d.fixed = {{"epochs", "5"}};
  d.grid = {{"lr", {"0.01", "0.02"}}, {"init-scale", {"1e-4", "2e-4", "5e-4"}}};
  d.seeds = 2;
  d.base_seed = 12345;
  return d;
}

bool refused(const Definition& d) {
  try {
    d.validate();
  } catch (const dln::InvalidInput& e) {
    return e.parameter() == "recipe";
  }
  return false;
}

}  // namespace

// Task index = point · seeds + seed index, points in mixed radix with the first axis slowest; the arguments
// are the fixed flags, the grid flags, then --seed.
BOOST_AUTO_TEST_CASE(tasks_enumerate_the_grid_first_axis_slowest) {
  const Definition d = two_axes();
  d.validate();
  BOOST_TEST(d.points() == 6);
  BOOST_TEST(d.task_count() == 12);
  std::set<std::vector<std::string>> seen;
  for (std::int64_t i = 0; i < d.task_count(); ++i) {
    const Task task = make_task(d, i);
    BOOST_TEST(task.point == i / 2);
    BOOST_TEST(task.seed_index == i % 2);
    BOOST_TEST(task.grid_values[0] == d.grid[0].values[static_cast<std::size_t>(task.point / 3)]);
    BOOST_TEST(task.grid_values[1] == d.grid[1].values[static_cast<std::size_t>(task.point % 3)]);
    seen.insert(task.grid_values);
  }
  BOOST_TEST(seen.size() == 6U);  // every grid point, each once per seed
  const Task task = make_task(d, 7);  // point 3: lr 0.02, init-scale 1e-4, seed index 1
  BOOST_TEST(task.arguments == (std::vector<std::string>{"--epochs", "5", "--lr", "0.02", "--init-scale", "1e-4",
                                                         "--seed", std::to_string(task.seed)}),
             boost::test_tools::per_element());
  Definition unseeded = d;
  unseeded.seeds = 0;
  BOOST_TEST(unseeded.task_count() == 6);
  BOOST_TEST(make_task(unseeded, 5).arguments.size() == 6U);  // no --seed
}

// A task's seed is the (index + 1)-th output of SplitMix64 started at the base seed — reference values from an
// independent implementation of Vigna's splitmix64.c — so it depends on (base seed, index) only.
BOOST_AUTO_TEST_CASE(task_seeds_are_splitmix64_of_base_seed_and_index) {
  BOOST_TEST(task_seed(0, 0) == 0xe220a8397b1dcdafULL);
  BOOST_TEST(task_seed(0, 1) == 0x6e789e6aa1b965f4ULL);
  BOOST_TEST(task_seed(0, 2) == 0x06c45d188009454fULL);
  BOOST_TEST(task_seed(12345, 0) == 0x22118258a9d111a0ULL);
  BOOST_TEST(task_seed(12345, 2) == 0x1e9a57bc80e6721dULL);
  const Definition d = two_axes();
  std::set<std::uint64_t> seeds;
  for (std::int64_t i = 0; i < d.task_count(); ++i) seeds.insert(make_task(d, i).seed);
  BOOST_TEST(seeds.size() == 12U);
}

// Shards k/K of n tasks are contiguous, cover [0, n) exactly once, and differ in size by at most one.
BOOST_AUTO_TEST_CASE(shards_partition_the_task_list) {
  for (std::int64_t n = 1; n <= 40; ++n)
    for (std::int64_t shards = 1; shards <= n; ++shards) {
      std::int64_t next = 0, smallest = n, largest = 0;
      for (std::int64_t k = 1; k <= shards; ++k) {
        const TaskRange range = parse_shard(std::to_string(k) + "/" + std::to_string(shards), n);
        BOOST_TEST_REQUIRE(range.begin == next);
        next = range.end;
        smallest = std::min(smallest, range.size());
        largest = std::max(largest, range.size());
      }
      BOOST_TEST_REQUIRE(next == n);
      BOOST_TEST_REQUIRE(largest - smallest <= 1);
      BOOST_TEST_REQUIRE(smallest >= 1);
    }
  const TaskRange range = parse_task_range("3:7", 12);
  BOOST_TEST(range.begin == 3);
  BOOST_TEST(range.end == 7);
}

BOOST_AUTO_TEST_CASE(ranges_outside_the_task_list_are_refused) {
  for (const char* text : {"0:0", "5:3", "-1:2", "0:13", "a:b", "3", "1:2:3", ""})
    BOOST_CHECK_THROW(parse_task_range(text, 12), dln::InvalidInput);
  for (const char* text : {"0/3", "4/3", "1/0", "1/13", "x/2", "2"})
    BOOST_CHECK_THROW(parse_shard(text, 12), dln::InvalidInput);
}

// Empty grids and axes, flags the sweep sets itself, a flag given twice and too many tasks are refused; a grid
// whose task count would overflow 64 bits is refused too, not wrapped.
BOOST_AUTO_TEST_CASE(bad_definitions_are_refused) {
  BOOST_TEST(!refused(two_axes()));
  Definition d = two_axes();
  d.grid.clear();
  BOOST_TEST(refused(d));
  d = two_axes();
  d.grid[1].values.clear();
  BOOST_TEST(refused(d));
  for (const char* reserved : {"seed", "seeds", "out", "quiet"}) {
    d = two_axes();
    d.fixed.push_back({reserved, "1"});
    BOOST_TEST(refused(d));
  }
  d = two_axes();
  d.fixed.push_back({"lr", "0.1"});
  BOOST_TEST(refused(d));
  d = two_axes();
  d.max_tasks = 11;
  BOOST_TEST(refused(d));
  d.max_tasks = 12;
  BOOST_TEST(!refused(d));
  d = two_axes();
  d.grid.assign(20, Axis{"x", std::vector<std::string>(1000, "1")});
  for (std::size_t a = 0; a < d.grid.size(); ++a) d.grid[a].name = "x" + std::to_string(a);
  BOOST_TEST(refused(d));  // 1000^20 tasks
}

// Shards of different recipes must not merge: any change to the definition changes its hash.
BOOST_AUTO_TEST_CASE(the_hash_names_the_definition) {
  const Definition d = two_axes();
  BOOST_TEST(d.hash() == two_axes().hash());
  Definition other = d;
  other.base_seed = 12346;
  BOOST_TEST(other.hash() != d.hash());
  other = d;
  other.grid[1].values[2] = "5e-3";
  BOOST_TEST(other.hash() != d.hash());
  other = d;
  other.fixed[0].second = "6";
  BOOST_TEST(other.hash() != d.hash());
}

// The long CSV reads back into the same results; the summary holds, per grid point and row, the mean, the
// sample sd (n − 1) and the standard error sd/√n over the seeds — here of 1, 2 and of 3, 5 by hand.
BOOST_AUTO_TEST_CASE(long_csv_round_trips_and_the_summary_has_mean_sd_and_se) {
  Definition d;
  d.command = "simulate";
  d.grid = {{"lr", {"0.1", "0.2"}}};
  d.seeds = 2;
  std::vector<TaskResult> results;
  const char* loss[4] = {"1", "2", "3", "5"};
  for (int i = 0; i < 4; ++i) {
    TaskResult r;
    r.index = i;
    r.columns = {"t", "loss"};
    r.rows = {{"0", loss[i]}};
    results.push_back(r);
  }
  const std::string csv = long_csv(d, results, false);
  const auto back = parse_long_csv(d, csv);
  BOOST_TEST_REQUIRE(back.size() == 4U);
  for (int i = 0; i < 4; ++i) {
    BOOST_TEST(back[i].index == i);
    BOOST_TEST(back[i].columns == results[i].columns, boost::test_tools::per_element());
    BOOST_TEST(back[i].rows == results[i].rows);
  }
  BOOST_TEST(long_csv(d, back, false) == csv);

  BOOST_TEST(summary_csv(d, results) == "lr,t,n,loss_mean,loss_sd,loss_se\n"
                        "0.1,0,2,1.5,0.70710678118654757,0.5\n"
                        "0.2,0,2,4,1.4142135623730951,1\n");
}
