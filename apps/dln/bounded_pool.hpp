#pragma once
// A pool of at most as many threads as cores for independent jobs whose results are wanted in order.
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <future>
#include <thread>
#include <type_traits>
#include <vector>

namespace dln::cli {

// Runs job(i) for i = 0..count−1 on at most as many threads as cores, each taking the next i; the
// futures are in the order of i and become ready as their jobs finish.
template <class Job>
class BoundedPool {
public:
  using Result = std::invoke_result_t<Job&, std::size_t>;

  BoundedPool(std::size_t count, Job job) : job_(std::move(job)), promises_(count) {
    for (auto& promise : promises_) futures_.push_back(promise.get_future());
    const std::size_t cores = std::max(1u, std::thread::hardware_concurrency());
    for (std::size_t w = 0; w < std::min(count, cores); ++w) workers_.emplace_back([this] { work(); });
  }
  // The result of job i (waiting for it), or its exception; after an exception, the jobs not yet
  // started are skipped.
  Result get(std::size_t i) {
    try {
      return futures_.at(i).get();
    } catch (...) {
      next_ = promises_.size();
      throw;
    }
  }
  std::size_t size() const { return promises_.size(); }

private:
  void work() {
    for (std::size_t i; (i = next_++) < promises_.size();) try {
        promises_[i].set_value(job_(i));
      } catch (...) {
        promises_[i].set_exception(std::current_exception());
      }
  }

  Job job_;
  std::vector<std::promise<Result>> promises_;
  std::vector<std::future<Result>> futures_;
  std::atomic<std::size_t> next_{0};
  std::vector<std::jthread> workers_;  // last: joined before the promises go
};

}  // namespace dln::cli
