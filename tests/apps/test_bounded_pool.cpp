// dln figures' pool: never more jobs at once than cores, results in the order of the jobs, and a job's
// exception reaches the caller.
#define BOOST_TEST_MODULE bounded_pool
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>

#include "bounded_pool.hpp"

using dln::cli::BoundedPool;

BOOST_AUTO_TEST_CASE(at_most_as_many_jobs_at_once_as_cores_and_results_in_order) {
  std::atomic<int> running{0}, most{0};
  const auto job = [&](std::size_t i) {
    const int now = ++running;
    int seen = most.load();
    while (now > seen && !most.compare_exchange_weak(seen, now)) {}
    std::this_thread::sleep_for(std::chrono::milliseconds(2));  // long enough for jobs to overlap
    --running;
    return 10 * i;
  };
  const std::size_t jobs = 40;
  BoundedPool pool(jobs, job);
  for (std::size_t i = 0; i < jobs; ++i) BOOST_TEST(pool.get(i) == 10 * i);
  const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  BOOST_TEST(most.load() >= 1);
  BOOST_TEST(most.load() <= cores);
}

BOOST_AUTO_TEST_CASE(a_jobs_exception_reaches_the_caller) {
  BoundedPool pool(3, [](std::size_t i) -> int {
    if (i == 1) throw std::runtime_error("job 1 failed");
    return static_cast<int>(i);
  });
  BOOST_TEST(pool.get(0) == 0);
  BOOST_CHECK_THROW(pool.get(1), std::runtime_error);
}
