#include "dln/parallel/ordered_pool.hpp"
#include "dln/sweep/backends.hpp"

namespace dln::sweep {

std::vector<TaskResult> run_threads(const Definition& definition, TaskRange range, int jobs, const Runner& runner,
                                    const Progress& progress) {
  parallel::OrderedPool pool(static_cast<std::size_t>(range.size()), jobs, [&](std::size_t i) {
    return runner(make_task(definition, range.begin + static_cast<std::int64_t>(i)));
  });
  std::vector<TaskResult> results;
  results.reserve(pool.size());
  for (std::size_t i = 0; i < pool.size(); ++i) {
    results.push_back(pool.get(i));  // the first failing task's error, in task order, stops the sweep
    if (progress) progress(static_cast<std::int64_t>(i) + 1);
  }
  return results;
}

}  // namespace dln::sweep
