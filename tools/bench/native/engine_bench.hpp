// Bench-only entry points over the engine library (never shipped): time whole runs in-process,
// and time inference of trade-off variants in loops long enough for a coarse browser clock.
// Built natively (engine_bench CLI) and to wasm (bench_engine.mjs, loaded by the bench page).
#pragma once
#include <string>
#include <vector>

#include "lab/experiment.hpp"
#include "lab/json.hpp"

namespace lab::bench {

// Milliseconds of each of `repeats` run_experiment calls on `spec` (result JSON dumped too,
// as the browser binding does).
std::vector<double> time_runs(const Json& spec, const RunContext& context, int repeats);

// For every entry of spec["variants"]: train and compress it as a trade-off run does, ship it
// through save/load, then time predict on single test rows (in blocks of calls, so a
// clock with 5-100 us resolution still resolves a microsecond call) and on the whole test set
// (in blocks of about a millisecond).
// Budget per variant and kind in milliseconds.
OrderedJson variant_latency(const Json& spec, const RunContext& context, double budget_ms);

}  // namespace lab::bench
