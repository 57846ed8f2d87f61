// The constraint rules of a trade-off ranking, in one place: a deployment scenario's
// (rank_scenario, tradeoff_ranking.hpp) and a learner's budget (rank_budget,
// lab/budget_ranking.hpp) both ask constraint_misses which limits a variant misses.
#pragma once
#include <string>
#include <vector>

#include "lab/budget_ranking.hpp"
#include "lab/json.hpp"

namespace lab {

// A limit a variant misses: `value` and `limit` in the constraint's unit (the main score, ms
// or KB).
struct ConstraintMiss {
  std::string constraint;  // "min_accuracy", "max_latency_ms" or "max_size_kb"
  double value = 0;
  double limit = 0;
  // {constraint, value, limit}: the budget ranking's and a scenario ranking's `misses`.
  OrderedJson to_json() const;
};

// constraints: a scenario's normalized "constraints" (or a budget), each limit optional.
// score: the task's main score; latency_us: the latency the limit applies to (single-row or
// whole-batch median).
std::vector<ConstraintMiss> constraint_misses(const Json& constraints, double score, double latency_us,
                                              double size_bytes);

}  // namespace lab
