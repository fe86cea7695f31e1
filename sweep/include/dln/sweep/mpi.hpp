#pragma once
// The MPI backend (built when DLN_WITH_MPI): rank r runs the tasks with index ≡ r (mod size) — a static
// round-robin partition, which balances tasks of similar cost — then every rank sends its results to rank 0.
#include <optional>
#include <vector>

#include "dln/sweep/backends.hpp"

namespace dln::sweep::mpi {

// Whether this process was started by mpirun/srun (the launcher's environment variables).
bool launched();

// Initialises MPI for the lifetime of the object.
class Session {
public:
  Session();
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;
  int rank() const { return rank_; }
  int size() const { return size_; }

private:
  int rank_ = 0, size_ = 1;
};

// Runs this rank's share of `range` (one thread per rank) and gathers every result on rank 0: the results
// in task order on rank 0, nothing on the others. A runner error on any rank aborts the whole job after
// printing it (an MPI job cannot return exit 2 from one rank alone).
std::optional<std::vector<TaskResult>> run(const Session& session, const Definition& definition, TaskRange range,
                                           const Runner& runner, const Progress& progress = {});

}  // namespace dln::sweep::mpi
