#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>

#include "dln/sweep/backends.hpp"

namespace dln::sweep {

int default_jobs() { return static_cast<int>(std::max(1u, std::thread::hardware_concurrency())); }

std::vector<TaskResult> run_threads(const Definition& definition, TaskRange range, int jobs, const Runner& runner,
                                    const Progress& progress) {
  std::vector<TaskResult> results(static_cast<std::size_t>(range.size()));
  std::atomic<std::int64_t> next{0};
  std::atomic<bool> failed{false};
  std::exception_ptr error;
  std::mutex mutex;  // guards error, done and progress
  std::int64_t done = 0;
  auto work = [&] {
    for (std::int64_t i; !failed && (i = next++) < range.size();) {
      try {
        results[static_cast<std::size_t>(i)] = runner(make_task(definition, range.begin + i));
      } catch (...) {
        const std::lock_guard lock(mutex);
        if (!error) error = std::current_exception();
        failed = true;
        return;
      }
      const std::lock_guard lock(mutex);
      ++done;
      if (progress) progress(done);
    }
  };
  {
    std::vector<std::jthread> workers;
    const auto count = std::min<std::int64_t>(std::max(jobs, 1), range.size());
    for (std::int64_t w = 1; w < count; ++w) workers.emplace_back(work);
    work();  // this thread is a worker too
  }
  if (error) std::rethrow_exception(error);
  return results;
}

}  // namespace dln::sweep
