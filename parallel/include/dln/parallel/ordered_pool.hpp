#pragma once
// Independent jobs job(0), …, job(count − 1) on at most `jobs` threads, each thread taking the next undone
// job; results are read in job order. Every job's result is a function of its index alone, so a caller that
// combines the results in order gets the same bits whatever the number of threads.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <exception>
#include <future>
#include <thread>
#include <type_traits>
#include <vector>

namespace dln::parallel {

// The number of threads the hardware runs at once (at least 1): the default width of every pool.
int hardware_cores();

// jobs ≥ 1 as given; 0 means hardware_cores().
inline int resolve_jobs(int jobs) { return jobs > 0 ? jobs : hardware_cores(); }

template <class Job>
class OrderedPool {
public:
  using Result = std::invoke_result_t<Job&, std::size_t>;

  // Starts min(count, resolve_jobs(jobs)) − 1 threads; the thread that calls get() works too while it
  // waits, so a pool of width 1 runs every job on the caller's thread, in order.
  OrderedPool(std::size_t count, int jobs, Job job) : job_(std::move(job)), promises_(count) {
    for (auto& promise : promises_) futures_.push_back(promise.get_future());
    const auto width = std::min(count, static_cast<std::size_t>(resolve_jobs(jobs)));
    for (std::size_t w = 1; w < width; ++w) workers_.emplace_back([this] { work_until_done(); });
  }
  OrderedPool(const OrderedPool&) = delete;
  OrderedPool& operator=(const OrderedPool&) = delete;
  ~OrderedPool() { stop(); }

  // The result of job i, or its exception; after an exception the jobs not yet started are skipped.
  Result get(std::size_t i) {
    while (futures_.at(i).wait_for(std::chrono::seconds(0)) != std::future_status::ready && run_next()) {}
    try {
      return futures_[i].get();
    } catch (...) {
      stop();
      throw;
    }
  }
  // Skips the jobs not yet started (a caller that has what it needs); get() must not ask for them.
  void stop() { next_ = promises_.size(); }
  std::size_t size() const { return promises_.size(); }

private:
  // Runs the next undone job; false when none is left.
  bool run_next() {
    const std::size_t i = next_++;
    if (i >= promises_.size()) return false;
    try {
      if constexpr (std::is_void_v<Result>) {
        job_(i);
        promises_[i].set_value();
      } else {
        promises_[i].set_value(job_(i));
      }
    } catch (...) {
      promises_[i].set_exception(std::current_exception());
    }
    return true;
  }
  void work_until_done() {
    while (run_next()) {}
  }

  Job job_;
  std::vector<std::promise<Result>> promises_;
  std::vector<std::future<Result>> futures_;
  std::atomic<std::size_t> next_{0};
  std::vector<std::jthread> workers_;  // last: joined before the promises go
};

}  // namespace dln::parallel
