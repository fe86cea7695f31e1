#include <algorithm>
#include <thread>

#include "dln/parallel/ordered_pool.hpp"

#ifdef DLN_WITH_OPENBLAS
extern "C" void openblas_set_num_threads(int);  // OpenBLAS's own API (its cblas.h)

namespace {
// dln runs independent tasks on the cores itself (OrderedPool), so OpenBLAS's threads would only compete with them
// (and with other processes): one BLAS thread per task, set when a program that uses the pool starts.
[[maybe_unused]] const bool one_blas_thread_per_task = (openblas_set_num_threads(1), true);
}  // namespace
#endif

namespace dln::parallel {

int hardware_cores() { return static_cast<int>(std::max(1U, std::thread::hardware_concurrency())); }

}  // namespace dln::parallel
