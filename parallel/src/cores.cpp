#include <algorithm>
#include <thread>

#include "dln/parallel/ordered_pool.hpp"

namespace dln::parallel {

int hardware_cores() { return static_cast<int>(std::max(1U, std::thread::hardware_concurrency())); }

}  // namespace dln::parallel
