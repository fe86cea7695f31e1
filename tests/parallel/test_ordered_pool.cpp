// The pool behind every parallel run: never more jobs at once than its width, results in job order, a
// job's exception reaches the caller, and a width-1 pool is the serial loop (the caller's thread, in order).
#define BOOST_TEST_MODULE ordered_pool
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <chrono>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

#include "dln/parallel/ordered_pool.hpp"

using dln::parallel::OrderedPool;

namespace {

// Counts the jobs running at once; each job sleeps long enough for the threads' jobs to overlap.
struct Overlap {
  std::atomic<int> running{0}, most{0};
  void enter() {
    const int now = ++running;
    int seen = most.load();
    while (now > seen && !most.compare_exchange_weak(seen, now)) {}
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
    --running;
  }
};

}  // namespace

BOOST_AUTO_TEST_CASE(never_more_jobs_at_once_than_the_width_and_results_in_order) {
  for (const int width : {1, 2, 3}) {
    Overlap overlap;
    OrderedPool pool(30, width, [&](std::size_t i) {
      overlap.enter();
      return 10 * i;
    });
    for (std::size_t i = 0; i < pool.size(); ++i) BOOST_TEST(pool.get(i) == 10 * i);
    BOOST_TEST(overlap.most.load() >= 1);
    BOOST_TEST(overlap.most.load() <= width);
  }
}

BOOST_AUTO_TEST_CASE(width_zero_is_every_core) {
  Overlap overlap;
  OrderedPool pool(40, 0, [&](std::size_t) { overlap.enter(); });
  for (std::size_t i = 0; i < pool.size(); ++i) pool.get(i);
  BOOST_TEST(overlap.most.load() <= dln::parallel::hardware_cores());
}

BOOST_AUTO_TEST_CASE(width_one_runs_every_job_on_the_callers_thread_in_order) {
  std::vector<std::size_t> order;
  std::mutex mutex;
  const auto caller = std::this_thread::get_id();
  OrderedPool pool(8, 1, [&](std::size_t i) {
    const std::lock_guard lock(mutex);
    order.push_back(i);
    return std::this_thread::get_id() == caller;
  });
  for (std::size_t i = 0; i < pool.size(); ++i) BOOST_TEST(pool.get(i));
  BOOST_TEST(order == (std::vector<std::size_t>{0, 1, 2, 3, 4, 5, 6, 7}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_jobs_exception_reaches_the_caller_and_later_jobs_are_skipped) {
  std::atomic<int> started{0};
  OrderedPool pool(1000, 1, [&](std::size_t i) -> int {
    ++started;
    if (i == 1) throw std::runtime_error("job 1 failed");
    return static_cast<int>(i);
  });
  BOOST_TEST(pool.get(0) == 0);
  BOOST_CHECK_THROW(pool.get(1), std::runtime_error);
  BOOST_TEST(started.load() == 2);  // width 1: nothing ran ahead of the failing job, nothing after it
}

BOOST_AUTO_TEST_CASE(stop_skips_the_jobs_not_yet_started) {
  std::atomic<int> started{0};
  {
    OrderedPool pool(1000, 2, [&](std::size_t) {
      ++started;
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    });
    pool.get(0);
    pool.stop();
  }  // joins the worker
  BOOST_TEST(started.load() < 1000);
}
