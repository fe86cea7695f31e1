#pragma once
// The JSON form of a dataset, as every manifest records it.
#include <nlohmann/json.hpp>

#include "dln/analytic/dataset.hpp"

namespace dln::analytic {
// n1, n2, k1, k2, r, keep (the kept features, in index order) and P.
void to_json(nlohmann::json& json, const DatasetSpec& spec);
}  // namespace dln::analytic
