// A learner's budget over a trade-off result's variants, ranked by the engine: the same
// constraint rules as a deployment scenario's (tradeoff/tradeoff_ranking.hpp), for the
// explorer's "My budget" (the wasm module's rankBudget()).
#pragma once
#include "lab/json.hpp"

namespace lab {

// variants: the rows of a trade-off result (name, score, latency.single_median_us,
// latency.batch_median_us, size_bytes; a null score ranks last). budget: {min_accuracy,
// max_latency_ms, max_size_kb}, each optional (min_accuracy bounds the main score; latency is
// the single-row median). Answers {"best": name or null, "ranking": [{rank, name, fits,
// misses: [{constraint, value, limit}]}]}: the variants that fit first, by score (higher
// first), then single-row latency, then size, then input order; `value` is in the
// constraint's unit (score, ms, KB). Throws lab::Error naming budget.KEY for an unknown limit.
Json rank_budget(const Json& variants, const Json& budget);

}  // namespace lab
