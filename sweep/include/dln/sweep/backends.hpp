#pragma once
// Three ways to run one task list: threads on this machine, MPI ranks (mpi.hpp, optional at build
// time), and batch-array shards (a task range per job, merged afterwards). All return the results in
// task order, so the tables do not depend on the backend.
#include <cstdint>
#include <functional>
#include <vector>

#include "dln/sweep/plan.hpp"
#include "dln/sweep/results.hpp"

namespace dln::sweep {

// Runs one task; must be safe to call from several threads at once. May throw (bad input): the
// sweep then stops and re-throws the first error.
using Runner = std::function<TaskResult(const Task&)>;
// Called with the number of tasks done so far, in task order, from the calling thread.
using Progress = std::function<void(std::int64_t done)>;

// The tasks of `range` on `jobs` threads (0: every core), each taking the next undone task
// (dln::parallel::OrderedPool).
std::vector<TaskResult> run_threads(const Definition& definition, TaskRange range, int jobs, const Runner& runner,
                                    const Progress& progress = {});

}  // namespace dln::sweep
